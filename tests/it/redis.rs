//! The snowflake sequence on a real Redis (`RELCTL_REDIS_URL`): Sentry's keys and expiry, ids
//! distinct across stores that share one Redis, and a Redis that is down costs the command (exit
//! 5, HTTP 503 from `serve`) but writes nothing.
//!
//! The tests start their own `redis-server` (Debian's package) on a free loopback port. Without
//! one they say so and pass, unless `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`), where a missing
//! server fails them.

use std::collections::HashSet;
use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use relctl::domain::snowflake::decompose;

use crate::harness::TestEnv;
use crate::remote::harness::{Server, request};

/// A `redis-server` of the test's own, killed when dropped.
pub(crate) struct Redis {
    child: Option<Child>,
    port: u16,
    dir: tempfile::TempDir,
}

impl Redis {
    /// Starts a server, or `None` (with a note) when `redis-server` is not installed.
    pub(crate) fn start() -> Option<Redis> {
        let found = Command::new("redis-server")
            .arg("--version")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if !found {
            assert!(
                std::env::var("RELCTL_REQUIRE_SERVERS").as_deref() != Ok("1"),
                "redis-server not found, and RELCTL_REQUIRE_SERVERS=1 requires it"
            );
            eprintln!(
                "skipped: redis-server not found (install Debian's redis-server; .ci/run does)"
            );
            return None;
        }
        let port = crate::harness::free_port();
        let mut redis = Redis {
            child: None,
            port,
            dir: tempfile::tempdir().unwrap(),
        };
        redis.run();
        Some(redis)
    }

    /// (Re)starts the server on its port and waits until it answers.
    pub(crate) fn run(&mut self) {
        let child = Command::new("redis-server")
            .args(["--bind", "127.0.0.1", "--port", &self.port.to_string()])
            .args(["--save", "", "--appendonly", "no"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if let Ok(mut conn) = redis::Client::open(self.url())
                .unwrap()
                .get_connection_with_timeout(Duration::from_millis(200))
                && redis::cmd("PING").query::<String>(&mut conn).is_ok()
            {
                return;
            }
            assert!(Instant::now() < deadline, "redis-server did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}/0", self.port)
    }

    fn connection(&self) -> redis::Connection {
        redis::Client::open(self.url())
            .unwrap()
            .get_connection()
            .unwrap()
    }

    /// Every key with its value and time to live.
    pub(crate) fn counters(&self) -> Vec<(String, i64, i64)> {
        let mut conn = self.connection();
        let keys: Vec<String> = redis::cmd("KEYS").arg("*").query(&mut conn).unwrap();
        keys.into_iter()
            .map(|key| {
                let value: i64 = redis::cmd("GET").arg(&key).query(&mut conn).unwrap();
                let ttl: i64 = redis::cmd("TTL").arg(&key).query(&mut conn).unwrap();
                (key, value, ttl)
            })
            .collect()
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

fn env_on(redis: &Redis) -> TestEnv {
    TestEnv::new().with_env("RELCTL_REDIS_URL", &redis.url())
}

fn project_id(env: &TestEnv, name: &str) -> i64 {
    env.json(&["project", "create", name])["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn ids_come_from_sentrys_keys_with_their_expiry() {
    let Some(redis) = Redis::start() else { return };
    let env = env_on(&redis);
    let ids: Vec<i64> = (0..5)
        .map(|n| project_id(&env, &format!("service {n}")))
        .collect();
    let counters = redis.counters();
    // One INCR per id, on the key of the id's second; each made with a 300 s expiry.
    let total: i64 = counters.iter().map(|(_, value, _)| value).sum();
    assert_eq!(total, 5, "{counters:?}");
    for id in &ids {
        let second = decompose(*id).seconds_since_epoch.to_string();
        let counter = counters.iter().find(|(key, _, _)| *key == second);
        let (_, _, ttl) = counter.unwrap_or_else(|| panic!("no key {second}: {counters:?}"));
        assert!((1..=300).contains(ttl), "{counters:?}");
    }
    // The store's own counter table is not used.
    assert_eq!(env.query_i64("SELECT COUNT(*) FROM snowflake_sequence"), 0);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 5);
    let shown = env.ok(&["config", "show"]);
    assert!(
        shown.contains(&redis.url()) && shown.contains("RELCTL_REDIS_URL"),
        "{shown}"
    );
}

#[test]
fn processes_on_two_stores_sharing_one_redis_never_share_an_id() {
    let Some(redis) = Redis::start() else { return };
    let stores = [Arc::new(env_on(&redis)), Arc::new(env_on(&redis))];
    let barrier = Arc::new(Barrier::new(8));
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            let env = Arc::clone(&stores[worker % 2]);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                (0..5)
                    .map(|n| project_id(&env, &format!("w{worker} p{n}")))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let ids: Vec<i64> = workers
        .into_iter()
        .flat_map(|w| w.join().unwrap())
        .collect();
    assert_eq!(ids.len(), 40);
    assert_eq!(
        ids.iter().collect::<HashSet<_>>().len(),
        40,
        "two stores sharing a Redis handed out one id twice: {ids:?}"
    );
}

#[test]
fn a_redis_that_is_down_fails_the_command_and_writes_nothing() {
    let Some(mut redis) = Redis::start() else {
        return;
    };
    let env = env_on(&redis);
    project_id(&env, "first");
    redis.stop();
    let started = Instant::now();
    let stderr = env.fails_unchanged(&["project", "create", "second"], 5);
    assert!(stderr.contains("Redis"), "{stderr}");
    assert!(started.elapsed() < Duration::from_secs(15));
    // Commands that need no id still work.
    env.ok(&["release", "new", "1.0", "-p", "first"]);
    redis.run();
    project_id(&env, "second");

    // A password Redis refuses is the same failure, and never shown.
    let url = redis.url().replace("redis://", "redis://:hunter2@");
    let wrong = TestEnv::new().with_env("RELCTL_REDIS_URL", &url);
    let stderr = wrong.fails(&["project", "create", "x"], 5);
    assert!(!stderr.contains("hunter2"), "{stderr}");
    let shown = wrong.ok(&["config", "show"]);
    assert!(
        !shown.contains("hunter2") && shown.contains(":***@"),
        "{shown}"
    );

    // A malformed URL is a usage error before anything happens.
    let bad = TestEnv::new().with_env("RELCTL_REDIS_URL", "http://127.0.0.1:1");
    bad.fails(&["project", "create", "x"], 2);
    assert!(!bad.store_exists());
}

#[test]
fn serve_answers_503_while_redis_is_down_and_recovers() {
    let Some(mut redis) = Redis::start() else {
        return;
    };
    let server = Server::start_in(env_on(&redis), &[]);
    let path = format!("{}/api/0/teams/default/t/projects/", server.url);
    let (status, body) = request(
        "POST",
        &path,
        Some(&server.token),
        Some(r#"{"name": "Api"}"#),
    );
    assert_eq!(status, 201, "{body}");
    redis.stop();
    let projects = || server.env.query_i64("SELECT COUNT(*) FROM project");
    let before = projects();
    let (status, body) = request(
        "POST",
        &path,
        Some(&server.token),
        Some(r#"{"name": "Web"}"#),
    );
    assert_eq!(status, 503, "{body}");
    assert!(
        !body.contains("127.0.0.1"),
        "the cause is for the log: {body}"
    );
    assert_eq!(before, projects());
    redis.run();
    let (status, body) = request(
        "POST",
        &path,
        Some(&server.token),
        Some(r#"{"name": "Web"}"#),
    );
    assert_eq!(status, 201, "{body}");
    assert!(server.log().contains("503"), "{}", server.log());
    // A Redis restarted between two requests: the kept connection is replaced, no 503.
    redis.stop();
    redis.run();
    let (status, body) = request(
        "POST",
        &path,
        Some(&server.token),
        Some(r#"{"name": "Docs"}"#),
    );
    assert_eq!(status, 201, "{body}");
}

#[test]
fn a_redis_that_never_answers_ends_the_command_in_bounded_time() {
    // Accepts connections and reads nothing back: no redis-server needed.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("redis://{}", listener.local_addr().unwrap());
    let held = std::thread::spawn(move || {
        let mut open = Vec::new();
        for stream in listener.incoming().take(4) {
            open.push(stream);
        }
        std::thread::sleep(Duration::from_secs(20));
    });
    let env = TestEnv::new().with_env("RELCTL_REDIS_URL", &url);
    let started = Instant::now();
    let stderr = env.fails(&["project", "create", "api"], 5);
    assert!(stderr.contains("Redis"), "{stderr}");
    assert!(
        started.elapsed() < Duration::from_secs(12),
        "took {:?}",
        started.elapsed()
    );
    assert!(
        !env.store_exists(),
        "a failed first write created the store"
    );
    drop(held);
}
