//! Many releases written at once in one organization: writers of different releases do not
//! wait for each other, and shared rows (commits, authors, repositories) are stored once.
//!
//! - Two set-commits of overlapping ranges into two releases at once, on the suite's store,
//!   directly and through `serve`: both complete, each release holds its own range, and every
//!   commit, author and repository row exists once.
//! - 64 HTTP writers through two `serve` instances, checked by the crash checker (every
//!   acknowledged write present, exactly once): in `crash::checker`.
//! - One test per lock kind on PostgreSQL (an advisory lock held by the test's own connection,
//!   with the keys `store::postgres` documents): a writer of the locked release, repository or
//!   organization waits its bounded time and fails with exit 4, writing nothing, while a writer
//!   of another release goes ahead at once. Writers that found a new repository missing wait
//!   for its creator only, not for each other; a creator that rolls back leaves it to them;
//!   a mark table held by someone's DDL bounds even the first read.

use std::sync::Barrier;
use std::time::{Duration, Instant};

use crate::big_repo::big_repo;
use crate::crash::{bound_commits, sorted};
use crate::harness::{Repo, StoreSql, TestEnv};
use crate::pg_store::database;
use crate::remote::harness::Server;
use relctl::store::postgres::{RELEASE_LOCK_CLASS, REPOSITORY_LOCK_CLASS};

/// Rounds of two overlapping set-commits, each round on commits no earlier round stored (so the
/// two writers race to store the same new rows).
const ROUNDS: usize = 3;

/// `release set-commits VERSION --repo repo --commit SPEC` of each run, on its environment,
/// all started together (a barrier); each must succeed.
fn set_commits_at_once(repo: &str, runs: &[(&TestEnv, &str, &str)]) {
    let barrier = Barrier::new(runs.len());
    std::thread::scope(|scope| {
        for &(env, version, spec) in runs {
            let barrier = &barrier;
            scope.spawn(move || {
                barrier.wait();
                env.ok(&[
                    "release",
                    "set-commits",
                    version,
                    "--repo",
                    repo,
                    "--commit",
                    spec,
                ]);
            });
        }
    });
}

/// Two set-commits at once per round, `a` and `b` each binding its own release: ranges of 600
/// commits that share 300.
fn overlapping_set_commits_at_once(a: &TestEnv, b: &TestEnv, admin: &TestEnv) {
    let repo = big_repo();
    let mut union: Vec<String> = Vec::new();
    for round in 0..ROUNDS {
        // Round 0 reads commits 9,000..8,400 and 8,700..8,100 back from HEAD, and so on down.
        let top = 9_000 - round * 1_000;
        let ranges = [(top, top - 600), (top - 300, top - 900)];
        let versions = [format!("left-{round}"), format!("right-{round}")];
        for version in &versions {
            admin.ok(&["release", "new", version, "-p", "base"]);
        }
        let specs: Vec<String> = ranges
            .iter()
            .map(|&(from, to)| format!("big@{}..{}", repo.back(from), repo.back(to)))
            .collect();
        set_commits_at_once(
            repo.path(),
            &[(a, &versions[0], &specs[0]), (b, &versions[1], &specs[1])],
        );
        for ((from, to), version) in ranges.into_iter().zip(&versions) {
            let (keys, count) = bound_commits(&admin.store, version).unwrap();
            assert_eq!(keys, sorted(repo.range(from, to)), "{version}");
            assert_eq!(count, 600, "{version}");
            union.extend(keys);
        }
    }
    union.sort();
    union.dedup();
    let mut sql = StoreSql::open(&admin.store);
    let stored = sql.i64("SELECT count(*) FROM git_commit", &[]).unwrap();
    let distinct = sql
        .i64(
            "SELECT count(*) FROM (SELECT DISTINCT repository_id, key FROM git_commit) d",
            &[],
        )
        .unwrap();
    assert_eq!((stored, distinct), (union.len() as i64, union.len() as i64));
    let repositories = sql.i64("SELECT count(*) FROM repository", &[]).unwrap();
    assert_eq!(repositories, 1, "one repository row for `big`");
    let authors = sql.i64("SELECT count(*) FROM commit_author", &[]).unwrap();
    let emails = sql
        .i64(
            "SELECT count(*) FROM (SELECT DISTINCT organization_id, email FROM commit_author) d",
            &[],
        )
        .unwrap();
    assert_eq!(authors, emails, "each author once");
}

#[test]
fn overlapping_ranges_into_two_releases_at_once_both_complete_with_each_row_once() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Base"]);
    overlapping_set_commits_at_once(&env, &env, &env);
}

#[test]
fn overlapping_ranges_into_two_releases_through_serve_both_complete_with_each_row_once() {
    let server = Server::start();
    server.env.ok(&["project", "create", "Base"]);
    let (a, b) = (server.client(), server.client());
    overlapping_set_commits_at_once(&a, &b, &server.env);
}

/// Which advisory lock the test holds: keyed by the hash of "ORG:name", or the organization's
/// (exclusive or shared).
#[derive(Clone, Copy)]
enum Held<'n> {
    Named(&'n str),
    NamedShared(&'n str),
    Organization,
    OrganizationShared,
}

/// A PostgreSQL store with a project, two releases and a repository of two commits, and a
/// connection of the test's own to hold locks on.
struct Locked {
    env: TestEnv,
    db: crate::harness::PgDatabase,
    repo: Repo,
    /// The repository's first commit (of two).
    first: String,
    org: i32,
}

fn locked_store(test: &str) -> Option<Locked> {
    let db = database(test)?;
    let env = TestEnv::new().with_env("RELCTL_STORE", &db.url);
    env.ok(&["project", "create", "Backend"]);
    for version in ["1.0.0", "2.0.0"] {
        env.ok(&["release", "new", version, "-p", "backend"]);
    }
    let repo = Repo::init(&env.path().join("repo"));
    let first = repo.commit("a", "1", "first");
    repo.commit("b", "2", "second");
    let org: i64 = db
        .client()
        .query_one("SELECT id FROM organization WHERE slug = 'default'", &[])
        .unwrap()
        .get(0);
    Some(Locked {
        env,
        db,
        repo,
        first,
        org: org as i32,
    })
}

impl Locked {
    /// Runs `work` while the test's connection holds advisory lock `held` of class `class`.
    fn holding<T>(&self, class: i32, held: Held<'_>, work: impl FnOnce() -> T) -> T {
        let mut holder = self.db.client();
        let tx = self.holding_open(&mut holder, class, held);
        let result = work();
        tx.rollback().unwrap();
        result
    }

    /// Holds advisory lock `held` of class `class` (keyed as relctl keys it) on `client`, as a
    /// writer does, until the transaction returned ends.
    fn holding_open<'c>(
        &self,
        client: &'c mut postgres::Client,
        class: i32,
        held: Held<'_>,
    ) -> postgres::Transaction<'c> {
        let mut tx = client.transaction().unwrap();
        let (function, key) = match held {
            Held::Named(name) => ("pg_advisory_xact_lock", format!("{}:{name}", self.org)),
            Held::NamedShared(name) => (
                "pg_advisory_xact_lock_shared",
                format!("{}:{name}", self.org),
            ),
            Held::Organization => ("pg_advisory_xact_lock", String::new()),
            Held::OrganizationShared => ("pg_advisory_xact_lock_shared", String::new()),
        };
        if key.is_empty() {
            tx.execute(&format!("SELECT {function}($1, $2)"), &[&class, &self.org])
        } else {
            tx.execute(
                &format!("SELECT {function}($1, hashtext($2))"),
                &[&class, &key],
            )
        }
        .unwrap();
        tx
    }

    /// Waits (at most 20 s) until `count` connections to this test's database wait for an
    /// advisory lock of `class`.
    fn wait_for_waiters(&self, class: i32, count: i64) {
        let sql = "SELECT count(*) FROM pg_locks
                   WHERE locktype = 'advisory' AND NOT granted AND classid::bigint = $1
                     AND database = (SELECT oid FROM pg_database
                                     WHERE datname = current_database())";
        let mut client = self.db.client();
        let started = Instant::now();
        while client
            .query_one(sql, &[&i64::from(class)])
            .unwrap()
            .get::<_, i64>(0)
            < count
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no writer waits"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Runs `writer` on a thread while the test's connection holds repository `name`'s creation
    /// lock, as its creator would; once the writer waits for that lock, `end` ends the creator's
    /// transaction (committing or rolling back what it did) and the writer is joined. What the
    /// writer and `end` gave.
    fn while_creating<W: Send, E>(
        &self,
        name: &str,
        writer: impl FnOnce() -> W + Send,
        end: impl FnOnce(postgres::Transaction<'_>) -> E,
    ) -> (W, E) {
        let mut creator = self.db.client();
        let creating = self.holding_open(&mut creator, REPOSITORY_LOCK_CLASS, Held::Named(name));
        std::thread::scope(|scope| {
            let writer = scope.spawn(writer);
            self.wait_for_waiters(REPOSITORY_LOCK_CLASS, 1);
            let ended = end(creating);
            (writer.join().unwrap(), ended)
        })
    }

    /// Whether a connection other than the test's own holds the advisory lock of `class` that
    /// relctl takes for `name` (keyed as [`Locked::holding_open`] keys it).
    fn granted_to_others(&self, class: i32, name: &str) -> bool {
        let sql = "SELECT count(*) FROM pg_locks
                   WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid()
                     AND classid::bigint = $1 AND objsubid = 2
                     AND objid::bigint = (hashtext($2)::bigint & 4294967295)
                     AND database = (SELECT oid FROM pg_database
                                     WHERE datname = current_database())";
        let key = format!("{}:{name}", self.org);
        let count: i64 = self
            .db
            .client()
            .query_one(sql, &[&i64::from(class), &key])
            .unwrap()
            .get(0);
        count > 0
    }

    /// The deadlocks PostgreSQL has broken in the test's database so far, once the backends of
    /// the relctl processes that ran are gone (a backend reports its statistics as it exits).
    fn deadlocks(&self) -> i64 {
        let mut client = self.db.client();
        let started = Instant::now();
        let relctl_backends = "SELECT count(*) FROM pg_stat_activity
                               WHERE datname = current_database() AND application_name = 'relctl'";
        while client
            .query_one(relctl_backends, &[])
            .unwrap()
            .get::<_, i64>(0)
            > 0
        {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "relctl's backends did not end"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
        let sql = "SELECT deadlocks FROM pg_stat_database WHERE datname = current_database()";
        client.query_one(sql, &[]).unwrap().get(0)
    }

    fn repositories_named(&self, name: &str) -> i64 {
        let sql = "SELECT count(*) FROM repository WHERE name = $1";
        self.db.client().query_one(sql, &[&name]).unwrap().get(0)
    }

    fn set_commits(&self, version: &str, range: Option<&str>) -> Vec<String> {
        let mut args = vec![
            "release".to_string(),
            "set-commits".to_string(),
            version.to_string(),
            "--repo".to_string(),
            self.repo.path().to_string(),
        ];
        match range {
            Some(range) => args.extend(["--commit".to_string(), range.to_string()]),
            None => args.push("--auto".to_string()),
        }
        args
    }

    fn commit_count(&self, version: &str) -> i64 {
        let info = self.env.json(&["release", "info", version]);
        info["commitCount"].as_i64().unwrap()
    }

    /// `args` waits about the commit-binding wait (10 s), then fails with exit 4 having bound
    /// nothing.
    fn waits_then_conflicts(&self, args: &[String], version: &str) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        let stderr = self.env.fails(&args, 4);
        let waited = started.elapsed();
        assert!(stderr.contains("retry"), "{stderr}");
        assert!(
            waited >= Duration::from_secs(9) && waited < Duration::from_secs(25),
            "waited {waited:?}"
        );
        assert_eq!(self.commit_count(version), 0, "nothing bound");
    }

    /// `args` succeeds without waiting for the lock held.
    fn goes_ahead(&self, args: &[String]) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let started = Instant::now();
        self.env.ok(&args);
        assert!(
            started.elapsed() < Duration::from_secs(8),
            "{args:?} waited {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn a_release_lock_holds_up_that_release_only() {
    let Some(store) = locked_store("release lock") else {
        return;
    };
    let class = relctl::store::postgres::RELEASE_LOCK_CLASS;
    // Named starts: neither release takes commits from the other by the --auto rule.
    let range = format!("acme/app@{}..{}", store.first, store.repo.head());
    store.holding(class, Held::Named("1.0.0"), || {
        store.goes_ahead(&store.set_commits("2.0.0", Some(&range)));
        store.goes_ahead(&["deploy", "new", "-r", "2.0.0", "-e", "production"].map(String::from));
        store.waits_then_conflicts(&store.set_commits("1.0.0", Some(&range)), "1.0.0");
    });
    store.goes_ahead(&store.set_commits("1.0.0", Some(&range)));
    assert_eq!(store.commit_count("1.0.0"), 1);
    assert_eq!(store.commit_count("2.0.0"), 1);
}

#[test]
fn an_ancestry_lock_held_whole_holds_up_every_range_of_it_held_shared_those_of_the_rule() {
    let Some(store) = locked_store("ancestry lock") else {
        return;
    };
    let class = relctl::store::postgres::ANCESTRY_LOCK_CLASS;
    // The repository has no remote: it is named after its directory. A range whose start
    // the user names takes the ancestry lock shared (its head may hide a later release's
    // commits): held shared, it goes ahead while a range of the rule waits...
    let named = format!("repo@{}..{}", store.first, store.repo.head());
    store.holding(class, Held::NamedShared("repo"), || {
        store.goes_ahead(&store.set_commits("2.0.0", Some(&named)));
        store.waits_then_conflicts(&store.set_commits("1.0.0", None), "1.0.0");
    });
    // ... and held whole (as a range of the rule holds it), it waits too.
    store.env.ok(&["release", "new", "3.0.0", "-p", "backend"]);
    store.holding(class, Held::Named("repo"), || {
        store.waits_then_conflicts(&store.set_commits("3.0.0", Some(&named)), "3.0.0");
    });
    store.goes_ahead(&store.set_commits("1.0.0", None));
    store.goes_ahead(&store.set_commits("3.0.0", Some(&named)));
}

/// A PUT whose `refs` name a head in one repository while its `commits` reach another too: the
/// other repository's newest commit is recorded as a stand-in head the `--auto` rule reads, and
/// the release's commits there are taken out of later releases, so the write compares itself
/// with that repository's releases as well and takes its ancestry lock whole. (A repository
/// a ref names is locked as the ref says.)
#[test]
fn a_commit_list_with_refs_takes_the_ancestry_lock_of_every_repository_it_lists() {
    let Some(store) = locked_store("ancestry lock of listed repositories") else {
        return;
    };
    let class = relctl::store::postgres::ANCESTRY_LOCK_CLASS;
    let server = Server::start_in(TestEnv::new().with_env("RELCTL_STORE", &store.db.url), &[]);
    let body = serde_json::json!({
        "commits": [
            {"id": "a".repeat(40), "repository": "acme/listed"},
            {"id": "b".repeat(40), "repository": "acme/app"},
        ],
        "refs": [{"repository": "acme/app", "commit": "b".repeat(40)}],
    })
    .to_string();
    let url = format!("{}/api/0/organizations/default/releases/1.0.0/", server.url);
    let put = || crate::remote::harness::request("PUT", &url, Some(&server.token), Some(&body));
    // A repository whose ref names its start is locked as that ref says, shared: held shared,
    // such a PUT goes ahead.
    let named = serde_json::json!({
        "commits": [{"id": "c".repeat(40), "repository": "acme/app"}],
        "refs": [{"repository": "acme/app", "commit": "c".repeat(40), "previousCommit": "d".repeat(40)}],
    })
    .to_string();
    store.holding(class, Held::NamedShared("acme/app"), || {
        let url = format!("{}/api/0/organizations/default/releases/2.0.0/", server.url);
        let (status, answer) =
            crate::remote::harness::request("PUT", &url, Some(&server.token), Some(&named));
        assert_eq!(status, 200, "{answer}");
    });
    let mut holder = store.db.client();
    let holding = store.holding_open(&mut holder, class, Held::Named("acme/listed"));
    std::thread::scope(|scope| {
        let request = scope.spawn(put);
        store.wait_for_waiters(class, 1);
        assert!(!request.is_finished(), "the PUT did not wait");
        holding.rollback().unwrap();
        let (status, answer) = request.join().unwrap();
        assert_eq!(status, 200, "{answer}");
    });
    assert_eq!(store.commit_count("1.0.0"), 2);
}

#[test]
fn a_repository_creation_lock_holds_up_only_writers_creating_it() {
    let Some(store) = locked_store("repository lock") else {
        return;
    };
    let class = relctl::store::postgres::REPOSITORY_LOCK_CLASS;
    let head = store.repo.head();
    store.goes_ahead(&store.set_commits("2.0.0", Some(&format!("acme/old@{head}"))));
    store.holding(class, Held::Named("acme/new"), || {
        // A repository stored already is not created again: no wait.
        store.goes_ahead(&store.set_commits("2.0.0", Some(&format!("acme/old@{head}"))));
        store.waits_then_conflicts(
            &store.set_commits("1.0.0", Some(&format!("acme/new@{head}"))),
            "1.0.0",
        );
    });
    store.goes_ahead(&store.set_commits("1.0.0", Some(&format!("acme/new@{head}"))));
}

#[test]
fn the_organization_lock_held_shared_lets_release_writes_through_held_exclusively_not() {
    let Some(store) = locked_store("organization lock") else {
        return;
    };
    let class = relctl::store::postgres::LOCK_CLASS;
    let range = format!("acme/app@{}..{}", store.first, store.repo.head());
    store.holding(class, Held::OrganizationShared, || {
        // Another release writer (shared too) goes ahead.
        store.goes_ahead(&store.set_commits("1.0.0", Some(&range)));
        store.goes_ahead(&[
            "release".to_string(),
            "new".to_string(),
            "3.0.0".to_string(),
            "-p".to_string(),
            "backend".to_string(),
        ]);
        // So does a deploy, of a release to an environment new to the organization.
        store.goes_ahead(&["deploy", "new", "-r", "3.0.0", "-e", "canary"].map(String::from));
    });
    assert_eq!(
        store
            .env
            .json(&["deploy", "list", "-r", "3.0.0"])
            .as_array()
            .map(Vec::len),
        Some(1)
    );
    // Held exclusively (as an organization-wide write holds it), a release writer waits.
    store.holding(class, Held::Organization, || {
        store.waits_then_conflicts(&store.set_commits("2.0.0", Some(&range)), "2.0.0");
    });
}

/// Two set-commits that both found a new repository missing while a third writer was creating
/// it: once that one commits, both go on side by side. (They used to take the creation lock in
/// turn, each holding it to the end of its own transaction: a slow one held the other up.)
/// The test's connection plays the creator; release 1.0.0's writer is then held up on a
/// commit row, and release 2.0.0's completes meanwhile.
#[test]
fn writers_that_waited_for_a_repository_being_created_then_go_on_side_by_side() {
    let Some(store) = locked_store("repository creation waiters") else {
        return;
    };
    let class = relctl::store::postgres::REPOSITORY_LOCK_CLASS;
    let (first, second) = (store.first.clone(), store.repo.head());
    let third = store.repo.commit("c", "3", "third");
    // The commits' author is known already (through another repository), so that the two
    // writers share no new row but the repository. Both ranges have a named start, so they
    // share the repository's ancestry lock too.
    store.goes_ahead(&store.set_commits("2.0.0", Some(&format!("acme/old@{third}"))));
    let wait_for = |count: i64| store.wait_for_waiters(class, count);
    let mut creator = store.db.client();
    let creating = store.holding_open(&mut creator, REPOSITORY_LOCK_CLASS, Held::Named("acme/new"));
    let slow_args = store.set_commits("1.0.0", Some(&format!("acme/new@{first}..{second}")));
    let quick_args = store.set_commits("2.0.0", Some(&format!("acme/new@{second}..{third}")));
    let env = &store.env;
    std::thread::scope(|scope| {
        let slow = scope.spawn(|| env.ok(&vec_of(&slow_args)));
        wait_for(1);
        let quick = scope.spawn(|| {
            env.ok(&vec_of(&quick_args));
            Instant::now()
        });
        wait_for(2);
        // The repository appears (committed), while 1.0.0's one commit is being stored by
        // someone else (uncommitted): 1.0.0's writer will wait for that row.
        let mut other = store.db.client();
        let repository: i64 = other
            .query_one(
                "INSERT INTO repository (organization_id, name, date_added)
                 VALUES ($1, 'acme/new', '2026-01-01T00:00:00Z') RETURNING id",
                &[&i64::from(store.org)],
            )
            .unwrap()
            .get(0);
        let mut row_holder = store.db.client();
        let mut holding_row = row_holder.transaction().unwrap();
        holding_row
            .execute(
                "INSERT INTO git_commit (organization_id, repository_id, key, date_added)
                 VALUES ($1, $2, $3, '2026-01-01T00:00:00Z')",
                &[&i64::from(store.org), &repository, &second],
            )
            .unwrap();
        let released = Instant::now();
        creating.rollback().unwrap();
        let done = quick.join().unwrap();
        assert!(
            done.duration_since(released) < Duration::from_secs(8) && !slow.is_finished(),
            "2.0.0 waited for 1.0.0's writer: {:?}",
            done.duration_since(released)
        );
        holding_row.rollback().unwrap();
        slow.join().unwrap();
    });
    assert_eq!(store.commit_count("1.0.0"), 1);
    assert_eq!(store.commit_count("2.0.0"), 1);
    assert_eq!(store.repositories_named("acme/new"), 1);
}

/// A writer waiting for a repository's creator that then rolls back, creating nothing: the
/// writer creates the repository itself, once.
#[test]
fn a_writer_that_waited_for_a_creator_that_rolled_back_creates_the_repository() {
    let Some(store) = locked_store("repository creator rolled back") else {
        return;
    };
    let args = store.set_commits("1.0.0", Some(&format!("acme/new@{}", store.repo.head())));
    store.while_creating(
        "acme/new",
        || store.env.ok(&vec_of(&args)),
        |creating| creating.rollback().unwrap(),
    );
    assert_eq!(store.commit_count("1.0.0"), 2);
    assert_eq!(store.repositories_named("acme/new"), 1);
}

/// A database whose transactions default to repeatable read (`default_transaction_isolation`,
/// set by its owner): relctl's writes still read committed rows after each lock wait, so a
/// writer that waited for a repository's creator finds the repository the creator committed
/// rather than creating a second one.
#[test]
fn a_writer_on_a_database_defaulting_to_repeatable_read_finds_what_its_wait_let_commit() {
    let Some(store) = locked_store("default isolation repeatable read") else {
        return;
    };
    let database: String = store
        .db
        .client()
        .query_one("SELECT current_database()", &[])
        .unwrap()
        .get(0);
    store
        .db
        .client()
        .batch_execute(&format!(
            "ALTER DATABASE \"{database}\" SET default_transaction_isolation = 'repeatable read'"
        ))
        .unwrap();
    let args = store.set_commits("1.0.0", Some(&format!("acme/new@{}", store.repo.head())));
    store.while_creating(
        "acme/new",
        || store.env.ok(&vec_of(&args)),
        |mut creating| {
            creating
                .execute(
                    "INSERT INTO repository (organization_id, name, date_added)
                     VALUES ($1, 'acme/new', '2026-01-01T00:00:00Z')",
                    &[&i64::from(store.org)],
                )
                .unwrap();
            creating.commit().unwrap();
        },
    );
    assert_eq!(store.commit_count("1.0.0"), 2);
    assert_eq!(store.repositories_named("acme/new"), 1);
}

/// A set-commits whose two ranges name new repositories, `acme/b`'s range first and long
/// enough to be written in batches before `acme/a`'s is read: the write meets both
/// repositories before its first batch, in name order, so while it waits to create `acme/b` it
/// already holds `acme/a`'s creation lock. (A writer naming them the other way round takes them
/// in the same order: the two cannot each hold what the other waits for.)
#[test]
fn a_streamed_set_commits_creates_its_ranges_repositories_in_name_order() {
    let Some(store) = locked_store("streamed repositories in name order") else {
        return;
    };
    let repo = big_repo();
    let args = [
        "release".to_string(),
        "set-commits".into(),
        "1.0.0".into(),
        "--repo".into(),
        repo.path().into(),
        "--commit".into(),
        format!("acme/b@{}..{}", repo.back(1200), repo.back(600)),
        "--commit".into(),
        format!("acme/a@{}..{}", repo.back(600), repo.back(0)),
    ];
    let (_, held) = store.while_creating(
        "acme/b",
        || store.env.ok(&vec_of(&args)),
        |creating| {
            let held = store.granted_to_others(REPOSITORY_LOCK_CLASS, "acme/a");
            creating.rollback().unwrap();
            held
        },
    );
    assert!(held, "the writer waited for acme/b before it met acme/a");
    assert_eq!(store.commit_count("1.0.0"), 1200);
    assert_eq!(store.repositories_named("acme/a"), 1);
}

/// A PUT whose commits are in new repository `acme/b` and whose ref names `acme/a`, which
/// serve knows but the store does not hold yet: both are met in one pass in name order, so while it waits to create `acme/b`
/// it already holds `acme/a`'s creation lock (it created the commits' repositories first, then
/// the refs').
#[test]
fn a_commit_list_creates_its_and_its_refs_repositories_in_name_order() {
    let Some(store) = locked_store("listed repositories in name order") else {
        return;
    };
    // `acme/a` is registered with serve (a ref may name only a repository the server knows),
    // not stored yet.
    let registered = format!("acme/a={}", store.repo.path());
    let server = Server::start_in(
        TestEnv::new().with_env("RELCTL_STORE", &store.db.url),
        &["--repo", &registered],
    );
    let body = serde_json::json!({
        "commits": [{"id": "b".repeat(40), "repository": "acme/b"}],
        "refs": [{"repository": "acme/a", "commit": "a".repeat(40)}],
    })
    .to_string();
    let url = format!("{}/api/0/organizations/default/releases/1.0.0/", server.url);
    let ((status, answer), held) = store.while_creating(
        "acme/b",
        || crate::remote::harness::request("PUT", &url, Some(&server.token), Some(&body)),
        |creating| {
            let held = store.granted_to_others(REPOSITORY_LOCK_CLASS, "acme/a");
            creating.rollback().unwrap();
            held
        },
    );
    assert_eq!(status, 200, "{answer}");
    assert!(held, "the PUT waited for acme/b before it met acme/a");
    assert_eq!(store.repositories_named("acme/a"), 1);
    assert_eq!(store.repositories_named("acme/b"), 1);
}

/// Two writers waiting for a repository's creator that then rolls back: both complete, and
/// the repository is created once. (Each gave its shared wait up before asking for the lock
/// whole; holding it while asking, each waited for the other: a deadlock PostgreSQL broke by
/// failing one of them.)
#[test]
fn two_writers_that_waited_for_a_creator_that_rolled_back_both_complete() {
    let Some(store) = locked_store("repository creator rolled back, two waiters") else {
        return;
    };
    let class = relctl::store::postgres::REPOSITORY_LOCK_CLASS;
    // Named starts: the two writers share the repository's ancestry lock.
    let range = format!("acme/new@{}..{}", store.first, store.repo.head());
    let (first, second) = (
        store.set_commits("1.0.0", Some(&range)),
        store.set_commits("2.0.0", Some(&range)),
    );
    let deadlocks_before = store.deadlocks();
    let mut creator = store.db.client();
    let creating = store.holding_open(&mut creator, REPOSITORY_LOCK_CLASS, Held::Named("acme/new"));
    let env = &store.env;
    std::thread::scope(|scope| {
        let writers = [&first, &second].map(|args| scope.spawn(move || env.ok(&vec_of(args))));
        store.wait_for_waiters(class, 2);
        creating.rollback().unwrap();
        for writer in writers {
            writer.join().unwrap();
        }
    });
    assert_eq!(store.commit_count("1.0.0"), 1);
    assert_eq!(store.commit_count("2.0.0"), 1);
    assert_eq!(store.repositories_named("acme/new"), 1);
    // A write of a few thousand commits or more is not kept to run again: one that lost a
    // deadlock would have failed (exit 4).
    assert_eq!(
        store.deadlocks(),
        deadlocks_before,
        "the writers deadlocked"
    );
}

/// A release whose range start the user named, binding while a later release it would re-bind
/// is being bound anew by its own writer, from a start that writer's user named: the later
/// release keeps its commits, as it does when the two are bound one after the other. (The
/// test's connection plays the later release's writer: it holds the release's lock and marks
/// its head named, then commits.)
#[test]
fn a_later_release_bound_anew_while_an_earlier_one_waited_for_it_is_not_re_bound() {
    let Some(store) = locked_store("re-bind after the wait") else {
        return;
    };
    let (first, second) = (store.first.clone(), store.repo.head());
    let third = store.repo.commit("c", "3", "third");
    // 2.0.0 by the rule: first, second and third (no earlier head yet).
    store.goes_ahead(&store.set_commits("2.0.0", Some(&format!("repo@{third}"))));
    assert_eq!(store.commit_count("2.0.0"), 3);
    let args = store.set_commits("1.0.0", Some(&format!("repo@{first}..{second}")));
    let mut writer = store.db.client();
    let mut rebinding = store.holding_open(&mut writer, RELEASE_LOCK_CLASS, Held::Named("2.0.0"));
    let env = &store.env;
    std::thread::scope(|scope| {
        let earlier = scope.spawn(|| env.ok(&vec_of(&args)));
        store.wait_for_waiters(relctl::store::postgres::RELEASE_LOCK_CLASS, 1);
        rebinding
            .execute(
                "UPDATE release_head_commit SET named_start = 1
                 WHERE release_id = (SELECT id FROM release WHERE version = '2.0.0')",
                &[],
            )
            .unwrap();
        rebinding.commit().unwrap();
        earlier.join().unwrap();
    });
    assert_eq!(store.commit_count("1.0.0"), 1);
    assert_eq!(store.commit_count("2.0.0"), 3, "2.0.0 was re-bound");
}

fn vec_of(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

/// Someone's DDL holding relctl's own mark table (`relctl_store`) exclusively: a writer's very
/// first statement, the read of the mark, waits the writer's bounded wait too, and fails as a
/// conflict to retry instead of hanging until the DDL ends.
#[test]
fn a_table_lock_of_someone_elses_ddl_bounds_even_the_first_read_of_the_store() {
    let Some(store) = locked_store("mark table lock") else {
        return;
    };
    let range = format!("acme/app@{}..{}", store.first, store.repo.head());
    let args = store.set_commits("1.0.0", Some(&range));
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let mut holder = store.db.client();
    let mut tx = holder.transaction().unwrap();
    // Should the wait ever be unbounded again, the server ends this session (and its lock)
    // after a minute, so the test fails on the time waited instead of hanging.
    tx.batch_execute(
        "SET LOCAL idle_in_transaction_session_timeout = '60s';
         LOCK TABLE relctl_store IN ACCESS EXCLUSIVE MODE",
    )
    .unwrap();
    let started = Instant::now();
    let stderr = store.env.fails(&args, 4);
    let waited = started.elapsed();
    let _ = tx.rollback();
    assert!(stderr.contains("retry"), "{stderr}");
    assert_eq!(crate::harness::error_lines(&stderr), 1, "{stderr}");
    assert!(
        waited >= Duration::from_secs(9) && waited < Duration::from_secs(25),
        "waited {waited:?}"
    );
    assert_eq!(store.commit_count("1.0.0"), 0, "nothing bound");
    store.goes_ahead(&args.iter().map(|a| a.to_string()).collect::<Vec<_>>());
    assert_eq!(store.commit_count("1.0.0"), 1);
}

/// Two `--auto` set-commits of one repository at once, the later release's range reaching over
/// the earlier one's and a commit fixing an issue in both: whichever writes first, the ancestry
/// rule gives the same result (the earlier release keeps its 5 commits and the fix, the later
/// one the 10 above), and neither fails, as the two take the repository's ancestry lock in
/// turn (on PostgreSQL; SQLite's one writer makes them take turns anyway).
#[test]
fn two_auto_ranges_of_one_repository_at_once_give_what_one_after_the_other_gives() {
    for round in 0..3 {
        let env = TestEnv::new();
        env.ok(&["project", "create", "Backend"]);
        env.ok(&["issue", "new", "-p", "backend", "Checkout crash"]);
        let repo = Repo::init(&env.path().join(format!("app-{round}")));
        let mut shas = Vec::new();
        for i in 1..=15 {
            let message = if i == 3 {
                "Fixes BACKEND-1".to_string()
            } else {
                format!("change {i}")
            };
            shas.push(repo.commit("a.txt", &i.to_string(), &message));
        }
        for version in ["early", "late"] {
            env.ok(&["release", "new", version, "-p", "backend"]);
        }
        let name = format!("app-{round}");
        let (early_head, late_head) = (
            format!("{name}@{}", shas[4]),
            format!("{name}@{}", shas[14]),
        );
        set_commits_at_once(
            repo.path(),
            &[(&env, "early", &early_head), (&env, "late", &late_head)],
        );
        let (early, _) = bound_commits(&env.store, "early").unwrap();
        let (late, _) = bound_commits(&env.store, "late").unwrap();
        assert_eq!(early, sorted(shas[..5].to_vec()), "round {round}");
        assert_eq!(late, sorted(shas[5..].to_vec()), "round {round}");
        let issue = &env.json(&["issue", "list", "--status", "resolved"])[0];
        assert_eq!(
            issue["resolution"]["release"], "early",
            "round {round}: {issue}"
        );
    }
}
