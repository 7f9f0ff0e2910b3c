//! `kill -9` of `relctl serve` while clients write through it: two `relctl` CLI clients
//! (creating releases and binding 40 or 400 commits, with the CLI's retries) and two plain HTTP
//! clients replaying the CLI's own PUT bodies of 200 or 2,000 commits back to back, so serve is
//! nearly always inside a write when it dies. It is killed 14 times, each a few requests after
//! its restart plus a growing delay; while it is down the store is checked, then it restarts on
//! the same port and the clients carry on. At the end every client command has succeeded.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::{assert_store_sound, bound_commits, sorted};
use crate::big_repo::{BigRepo, big_repo};
use crate::harness::TestEnv;

const ROUNDS: usize = 14;

/// `relctl serve` as a child process whose stderr is collected, counting answered writes.
pub struct ServeProcess {
    child: Child,
    pub url: String,
    writes: Arc<AtomicUsize>,
    pub log: Arc<Mutex<String>>,
}

impl ServeProcess {
    pub fn start(env: &TestEnv, bind: &str) -> ServeProcess {
        let mut child = env
            .cmd()
            .args(["serve", "--bind", bind])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let writes = Arc::new(AtomicUsize::new(0));
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let (count, sink) = (Arc::clone(&writes), Arc::clone(&log));
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find("listening on http://") {
                    let url = line[at + "listening on ".len()..]
                        .split_whitespace()
                        .next()
                        .unwrap()
                        .to_string();
                    let _ = tx.send(url);
                } else if line.starts_with("PUT ") || line.starts_with("POST ") {
                    count.fetch_add(1, Ordering::SeqCst);
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| panic!("relctl serve did not start: {}", log.lock().unwrap()));
        ServeProcess {
            child,
            url,
            writes,
            log,
        }
    }

    pub fn kill_9(&mut self) {
        self.child.kill().unwrap();
        self.child.wait().unwrap();
    }
}

impl Drop for ServeProcess {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A commit set a client binds: the `--commit` spec, its commits (sorted), and the PUT body
/// the CLI sends for it (from `--dry-run`).
struct CommitSet {
    spec: String,
    keys: Vec<String>,
    body: Value,
}

/// What the clients were told about one release, and what may have happened without them
/// being told (a request cut off by a kill may or may not have been committed).
#[derive(Debug, Default)]
struct Known {
    created: bool,
    /// The set (index into the sets) last acknowledged.
    acked: Option<usize>,
    /// Sets sent without an answer yet since the last acknowledgement.
    maybe: Vec<usize>,
}

/// What every client shares with the test.
#[derive(Clone)]
struct Shared {
    known: Arc<Mutex<BTreeMap<String, Known>>>,
    sets: Arc<Vec<CommitSet>>,
    stop: Arc<AtomicBool>,
    /// Client commands or requests under way.
    in_flight: Arc<AtomicUsize>,
}

impl Shared {
    fn update(&self, version: &str, change: impl FnOnce(&mut Known)) {
        change(
            self.known
                .lock()
                .unwrap()
                .entry(version.to_string())
                .or_default(),
        );
    }

    fn sending(&self, version: &str, set: usize) {
        self.update(version, |known| known.maybe.push(set));
    }

    fn acked(&self, version: &str, set: usize) {
        self.update(version, |known| {
            known.acked = Some(set);
            known.maybe.clear();
        });
    }
}

/// What one client saw.
#[derive(Debug, Default)]
struct Tally {
    /// Commit sets acknowledged.
    acks: usize,
    /// Requests that reached serve and got no answer because it died; retried.
    cut_off: usize,
    /// Commands that ran out of retries while serve was down (exit 5).
    gave_up: usize,
    failures: Vec<String>,
}

/// A `relctl` client: releases `{name}-N`, each given its two sets twice, in turn.
fn cli_client(shared: Shared, env: TestEnv, repo: &BigRepo, name: &str, sets: [usize; 2]) -> Tally {
    let mut tally = Tally::default();
    let mut run = |args: &[&str]| {
        shared.in_flight.fetch_add(1, Ordering::SeqCst);
        let out = env.run(args);
        shared.in_flight.fetch_sub(1, Ordering::SeqCst);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        // `-v` logs each failed attempt; a refused connection never reached serve.
        tally.cut_off += stderr
            .lines()
            .filter(|line| line.starts_with("< ") && line.contains(" failed in "))
            .filter(|line| !line.contains("tcp connect error"))
            .count();
        if out.status.code() == Some(5) {
            // Every retry met a server that was down (its restart is slow on a loaded machine):
            // the documented network failure. What it may have written is checked like any
            // other unacknowledged write.
            tally.gave_up += 1;
        } else if !out.status.success() {
            tally
                .failures
                .push(format!("relctl {args:?}: {:?} {stderr}", out.status.code()));
        }
        out.status.success()
    };
    let mut release = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        release += 1;
        let version = format!("{name}-{release}");
        shared.update(&version, |_| {});
        if !run(&["-v", "release", "new", &version, "-p", "crash"]) {
            continue;
        }
        shared.update(&version, |known| known.created = true);
        for step in 0..4 {
            let set = sets[step % 2];
            shared.sending(&version, set);
            let spec = &shared.sets[set].spec;
            let args = [
                "-v",
                "release",
                "set-commits",
                &version,
                "--repo",
                repo.path(),
                "--commit",
                spec,
            ];
            if run(&args) {
                shared.acked(&version, set);
                tally.acks += 1;
            }
        }
    }
    tally
}

/// A plain HTTP client sending the CLI's bodies back to back, retrying until answered.
fn http_client(shared: Shared, url: &str, token: &str, name: &str, sets: [usize; 2]) -> Tally {
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let mut tally = Tally::default();
    // The status of one request, sent until it is answered.
    let mut send = |method: reqwest::Method, path: &str, body: &Value| -> u16 {
        loop {
            shared.in_flight.fetch_add(1, Ordering::SeqCst);
            let sent = http
                .request(
                    method.clone(),
                    format!("{url}/api/0/organizations/default/{path}"),
                )
                .bearer_auth(token)
                .json(body)
                .send();
            shared.in_flight.fetch_sub(1, Ordering::SeqCst);
            match sent {
                Ok(response) => return response.status().as_u16(),
                Err(err) => {
                    if !err.is_connect() {
                        tally.cut_off += 1;
                    }
                    std::thread::sleep(Duration::from_millis(10));
                }
            }
        }
    };
    let mut acks = 0;
    let mut failures = Vec::new();
    let mut release = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        release += 1;
        let version = format!("{name}-{release}");
        shared.update(&version, |_| {});
        let body = json!({"version": version, "projects": ["crash"]});
        match send(reqwest::Method::POST, "releases/", &body) {
            201 | 208 => shared.update(&version, |known| known.created = true),
            status => {
                failures.push(format!("POST {version}: {status}"));
                continue;
            }
        }
        for step in 0..4 {
            let set = sets[step % 2];
            shared.sending(&version, set);
            let path = format!("releases/{version}/");
            match send(reqwest::Method::PUT, &path, &shared.sets[set].body) {
                200 => {
                    shared.acked(&version, set);
                    acks += 1;
                }
                status => failures.push(format!("PUT {version}: {status}")),
            }
        }
    }
    tally.acks = acks;
    tally.failures = failures;
    tally
}

#[test]
fn kill_9_of_serve_under_write_load_loses_nothing_acknowledged_and_splits_nothing() {
    let repo: &'static BigRepo = big_repo();
    let server_env = TestEnv::new();
    let token =
        server_env.json(&["token", "create", "--scopes", "project:releases,org:read"])["token"]
            .as_str()
            .unwrap()
            .to_string();
    server_env.ok(&["project", "create", "Crash"]);
    // Disjoint ranges of the big repository, two per client: (from, to) back from HEAD.
    let ranges = [
        (1040, 1000),
        (1440, 1040),
        (2040, 2000),
        (2440, 2040),
        (3200, 3000),
        (5200, 3200),
        (5400, 5200),
        (7400, 5400),
    ];
    let sets: Vec<CommitSet> = ranges
        .iter()
        .map(|&(from, to)| {
            let spec = format!("big@{}..{}", repo.back(from), repo.back(to));
            let calls = server_env.json(&[
                "--dry-run",
                "release",
                "set-commits",
                "any",
                "--repo",
                repo.path(),
                "--commit",
                &spec,
            ]);
            CommitSet {
                spec,
                keys: sorted(repo.range(from, to)),
                body: calls[0]["body"].clone(),
            }
        })
        .collect();
    let shared = Shared {
        known: Arc::default(),
        sets: Arc::new(sets),
        stop: Arc::default(),
        in_flight: Arc::default(),
    };

    let mut serve = ServeProcess::start(&server_env, "127.0.0.1:0");
    let bind = serve.url.trim_start_matches("http://").to_string();
    let mut clients = Vec::new();
    for client in 0..2 {
        let env = TestEnv::new()
            .with_env("RELCTL_URL", &serve.url)
            .with_env("RELCTL_AUTH_TOKEN", &token)
            .with_env("RELCTL_TIMEOUT", "5");
        let shared = shared.clone();
        clients.push(std::thread::spawn(move || {
            let name = format!("cli{client}");
            cli_client(shared, env, repo, &name, [client * 2, client * 2 + 1])
        }));
    }
    for client in 0..2 {
        let (shared, url, token) = (shared.clone(), serve.url.clone(), token.clone());
        clients.push(std::thread::spawn(move || {
            let name = format!("http{client}");
            http_client(
                shared,
                &url,
                &token,
                &name,
                [4 + client * 2, 5 + client * 2],
            )
        }));
    }

    // Every release holds what was acknowledged, or one of the sets sent since, whole.
    let check = |when: &str| {
        let known = shared.known.lock().unwrap();
        for (version, known) in known.iter() {
            let Some((keys, count)) = bound_commits(&server_env.store, version) else {
                assert!(
                    !known.created,
                    "{when}: release {version} was acknowledged, then lost"
                );
                continue;
            };
            assert_eq!(count as usize, keys.len(), "{when}: {version} commit_count");
            let fits = known
                .acked
                .iter()
                .chain(&known.maybe)
                .any(|&set| shared.sets[set].keys == keys)
                || (known.acked.is_none() && keys.is_empty());
            let len = |set: &usize| shared.sets[*set].keys.len();
            assert!(
                fits,
                "{when}: release {version} holds {} commits; acknowledged {:?}, maybe {:?}",
                keys.len(),
                known.acked.as_ref().map(len),
                known.maybe.iter().map(len).collect::<Vec<_>>()
            );
        }
    };

    let mut busy_kills = 0;
    let started = Instant::now();
    for round in 0..ROUNDS {
        // Wait until the clients are back (a few writes answered), then a growing delay.
        let deadline = Instant::now() + Duration::from_secs(30);
        while serve.writes.load(Ordering::SeqCst) < 2 + round % 3 {
            assert!(
                Instant::now() < deadline,
                "round {round}: no writes reached serve: {}",
                serve.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        std::thread::sleep(Duration::from_millis(5 * round as u64));
        if shared.in_flight.load(Ordering::SeqCst) > 0 {
            busy_kills += 1;
        }
        serve.kill_9();
        let when = format!("after kill {round}");
        assert_store_sound(&server_env.store, &when);
        check(&when);
        serve = ServeProcess::start(&server_env, &bind);
    }
    let load_time = started.elapsed();
    shared.stop.store(true, Ordering::SeqCst);
    let mut tally = Tally::default();
    for client in clients {
        let one = client.join().unwrap();
        tally.acks += one.acks;
        tally.cut_off += one.cut_off;
        tally.gave_up += one.gave_up;
        tally.failures.extend(one.failures);
    }
    check("at the end");
    let known = shared.known.lock().unwrap();
    eprintln!(
        "{ROUNDS} kills of serve in {load_time:?} ({busy_kills} with a request or command under way): {} releases, {} commit sets acknowledged, {} requests cut off by a kill (and retried), {} commands out of retries (exit 5)",
        known.len(),
        tally.acks,
        tally.cut_off,
        tally.gave_up,
    );
    assert!(tally.failures.is_empty(), "{:#?}", tally.failures);
    assert!(busy_kills >= ROUNDS / 2, "kills found the clients idle");
    assert!(
        tally.cut_off >= ROUNDS / 2,
        "too few kills cut a request off: {tally:?}"
    );
    assert!(tally.acks >= ROUNDS, "too little was written: {tally:?}");
    // The restarted server answers, and shows what the clients were told.
    let client = TestEnv::new()
        .with_env("RELCTL_URL", &serve.url)
        .with_env("RELCTL_AUTH_TOKEN", &token);
    let listed = client.json(&["release", "list", "--limit", "10000"]);
    let created = known.values().filter(|k| k.created).count();
    assert!(listed.as_array().unwrap().len() >= created);
    for (version, known) in known.iter() {
        if let (Some(set), true) = (known.acked, known.maybe.is_empty()) {
            let info = client.json(&["release", "info", version]);
            let expected = shared.sets[set].keys.len();
            assert_eq!(info["commitCount"], expected, "{version}");
        }
    }
}
