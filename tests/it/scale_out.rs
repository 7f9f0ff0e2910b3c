//! Scale-out: two `relctl serve` instances on one PostgreSQL store and one Redis, written to
//! through both servers and directly by command-line processes at the same time. Nothing may be
//! lost, every project id and slug must be distinct, issue short ids must count up without a
//! gap or a repeat, a release created by everyone at once must exist once, and the snowflake
//! counters must be Sentry's Redis keys.
//!
//! Needs a PostgreSQL server (`RELCTL_TEST_POSTGRES`, an admin URL on which the test creates a
//! database of its own) and Debian's `redis-server`. Without them the test says so and passes,
//! unless `RELCTL_REQUIRE_SERVERS=1` (`.ci/run`), where it fails.

use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, Barrier};

use relctl::domain::short_id::decode_base32;
use relctl::domain::snowflake::decompose;
use serde_json::Value;

use crate::harness::PgDatabase;
use crate::harness::TestEnv;
use crate::pg_store::database;
use crate::redis::Redis;
use crate::remote::harness::Server;

/// A command-line environment on the shared store and Redis.
fn direct(db: &PgDatabase, redis: &Redis) -> TestEnv {
    TestEnv::new()
        .with_env("RELCTL_STORE", &db.url)
        .with_env("RELCTL_REDIS_URL", &redis.url())
}

const WORKERS: usize = 8;
const ROUNDS: usize = 8;

#[test]
fn two_servers_and_eight_processes_share_one_postgresql_and_one_redis() {
    let Some(redis) = Redis::start() else { return };
    let Some(db) = database("scale") else {
        return;
    };
    let admin = direct(&db, &redis);
    admin.ok(&["project", "create", "Backend"]);
    let servers = [
        Server::start_in(direct(&db, &redis), &["--pool-size", "4"]),
        Server::start_in(direct(&db, &redis), &["--pool-size", "4"]),
    ];
    let clients: Vec<Arc<TestEnv>> = (0..WORKERS)
        .map(|worker| Arc::new(servers[worker % 2].client()))
        .collect();
    let locals: Vec<Arc<TestEnv>> = (0..WORKERS)
        .map(|_| Arc::new(direct(&db, &redis)))
        .collect();

    // 16 workers at once: 8 through the two servers (alternating), 8 straight to the store.
    let barrier = Arc::new(Barrier::new(2 * WORKERS));
    let mut handles = Vec::new();
    for (worker, env) in clients.iter().chain(&locals).enumerate() {
        let env = Arc::clone(env);
        let barrier = Arc::clone(&barrier);
        let remote = worker < WORKERS;
        handles.push(std::thread::spawn(move || {
            barrier.wait();
            let mut ids = Vec::new();
            for round in 0..ROUNDS {
                // Everyone asks for the same name: the slugs must still come out distinct.
                let project = env.json(&["project", "create", "Web"]);
                ids.push((
                    project["id"].as_i64().unwrap(),
                    project["slug"].as_str().unwrap().to_string(),
                ));
                env.ok(&[
                    "release",
                    "new",
                    &format!("w{worker}-{round}"),
                    "-p",
                    "backend",
                ]);
                // Everyone creates this one release: it must exist once, linked once.
                env.ok(&["release", "new", "shared-1.0", "-p", "backend"]);
                if !remote {
                    // Issues are local-only; their short ids come from one counter per project.
                    env.ok(&[
                        "issue",
                        "new",
                        "-p",
                        "backend",
                        &format!("w{worker} r{round}"),
                    ]);
                }
            }
            ids
        }));
    }
    let created: Vec<(i64, String)> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect();

    let projects = admin.json(&["project", "list", "--format", "json"]);
    let projects = projects.as_array().unwrap();
    assert_eq!(
        projects.len(),
        1 + 2 * WORKERS * ROUNDS,
        "projects lost or doubled"
    );
    let ids: HashSet<i64> = projects.iter().map(|p| p["id"].as_i64().unwrap()).collect();
    let slugs: HashSet<String> = projects
        .iter()
        .map(|p| p["slug"].as_str().unwrap().to_ascii_lowercase())
        .collect();
    assert_eq!(ids.len(), projects.len(), "one id handed out twice");
    assert_eq!(slugs.len(), projects.len(), "one slug handed out twice");
    for (id, slug) in &created {
        assert!(
            ids.contains(id) && slugs.contains(slug),
            "{id} {slug} not stored"
        );
    }

    // Every id's counter is Sentry's key: the id's second, as decimal text, expiring in 300 s.
    let counters = redis.counters();
    let total: i64 = counters.iter().map(|(_, value, _)| value).sum();
    assert!(
        total >= ids.len() as i64,
        "fewer INCRs than ids: {counters:?}"
    );
    for id in &ids {
        let second = decompose(*id).seconds_since_epoch.to_string();
        let (_, _, ttl) = counters
            .iter()
            .find(|(key, _, _)| *key == second)
            .unwrap_or_else(|| panic!("no Redis key {second} for id {id}: {counters:?}"));
        assert!((1..=300).contains(ttl), "{counters:?}");
    }
    let mut pg = db.client();
    let in_table: i64 = pg
        .query_one("SELECT COUNT(*) FROM snowflake_sequence", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        in_table, 0,
        "the store's own sequence was used beside Redis"
    );

    let releases = admin.json(&["release", "list", "--limit", "1000", "--format", "json"]);
    let versions: Vec<&str> = releases
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions.len(), 2 * WORKERS * ROUNDS + 1, "{versions:?}");
    assert_eq!(versions.iter().filter(|v| **v == "shared-1.0").count(), 1);
    let links: i64 = pg
        .query_one(
            "SELECT COUNT(*) FROM release_project rp JOIN release r ON r.id = rp.release_id
             WHERE r.version = 'shared-1.0'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(links, 1);

    // Short ids: 1 .. 64 (in base 32: BACKEND-1 .. BACKEND-20), each once.
    let issues = admin.json(&["issue", "list", "-p", "backend", "--format", "json"]);
    let mut short_ids: BTreeMap<i64, Value> = BTreeMap::new();
    for issue in issues.as_array().unwrap() {
        let short = issue["shortId"].as_str().unwrap();
        let n = decode_base32(short.strip_prefix("BACKEND-").unwrap()).unwrap() as i64;
        assert!(
            short_ids.insert(n, issue.clone()).is_none(),
            "{short} twice"
        );
    }
    let expected: Vec<i64> = (1..=(WORKERS * ROUNDS) as i64).collect();
    assert_eq!(short_ids.keys().copied().collect::<Vec<_>>(), expected);

    for server in servers {
        let log = server.log();
        assert!(!log.contains(" 500 ") && !log.contains(" 503 "), "{log}");
        assert_eq!(server.stop(), Some(0));
    }
}

/// The organization's write lock, held by another transaction past the commit-binding wait:
/// set-commits gives up after that bounded wait with a conflict (exit 4) and writes nothing;
/// once the lock is gone the same command works.
#[test]
fn set_commits_waits_a_bounded_time_for_the_organization_lock_then_conflicts() {
    let Some(db) = database("lock") else {
        return;
    };
    let env = TestEnv::new().with_env("RELCTL_STORE", &db.url);
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let repo = crate::harness::Repo::init(&env.path().join("repo"));
    repo.commit("a", "1", "first");
    repo.commit("b", "2", "second");
    let repo_path = repo.path().to_string();

    let mut holder = db.client();
    let org: i64 = holder
        .query_one("SELECT id FROM organization WHERE slug = 'default'", &[])
        .unwrap()
        .get(0);
    let mut tx = holder.transaction().unwrap();
    tx.execute(
        "SELECT pg_advisory_xact_lock($1, $2)",
        &[&relctl::store::postgres::LOCK_CLASS, &(org as i32)],
    )
    .unwrap();
    let started = std::time::Instant::now();
    let set_commits = [
        "release",
        "set-commits",
        "1.0.0",
        "--auto",
        "--repo",
        &repo_path,
    ];
    let stderr = env.fails(&set_commits, 4);
    let waited = started.elapsed();
    assert!(
        stderr.contains("commits are being written by someone else"),
        "{stderr}"
    );
    assert!(
        waited >= std::time::Duration::from_secs(9) && waited < std::time::Duration::from_secs(25),
        "waited {waited:?}"
    );
    let bound: i64 = db
        .client()
        .query_one("SELECT COUNT(*) FROM release_commit", &[])
        .unwrap()
        .get(0);
    assert_eq!(bound, 0);
    tx.rollback().unwrap();
    env.ok(&set_commits);
    let release = env.json(&["release", "info", "1.0.0", "--format", "json"]);
    assert_eq!(release["commitCount"], 2, "{release}");
}
