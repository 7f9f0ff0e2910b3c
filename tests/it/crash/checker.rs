//! The checker: nothing acknowledged is ever lost, whatever else touches the store.
//!
//! HTTP clients write through `relctl serve` (releases, commit sets, deploys, organization
//! options), and `relctl` CLI processes write to the same store directly. Every client logs what
//! it was told succeeded (acknowledged) and what it sent without hearing back (a kill cut it off:
//! it may or may not have been committed). Meanwhile, disturbances run at random moments: on
//! SQLite, the `sqlite3` shell reading, `.backup` and `VACUUM INTO`, each of which closes the
//! store as the last connection if serve does not hold its locks (and then unlinks the WAL that
//! serve goes on writing); on PostgreSQL, `pg_terminate_backend` of every other connection; and
//! `kill -9` of serve followed by a restart. At the end serve is killed once more and restarted,
//! and the store must hold every acknowledged write exactly once, every commit set whole or not
//! at all, nothing else, and pass the integrity checks (`assert_store_sound`).
//!
//! The focused tests (each a way the store was once lost) run a few seconds each; the full
//! checker runs 16 HTTP and 4 CLI clients for `RELCTL_CHECKER_SECONDS` (default 20, a
//! bench-sized run with more), on whichever store the suite runs on.

use std::collections::BTreeMap;
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use rand::RngExt;
use serde_json::{Value, json};

use super::assert_store_sound;
use super::serve::ServeProcess;
use crate::big_repo::{BigRepo, big_repo};
use crate::harness::{StoreSql, TestEnv};

/// What one run does.
#[derive(Clone)]
struct Plan {
    /// Clients writing through serve.
    http_clients: usize,
    /// `relctl` processes writing to the store directly.
    cli_clients: usize,
    /// Commits in one commit set (sets overlap by half, as consecutive releases' ranges do
    /// across projects).
    commits_per_set: usize,
    /// What runs at random moments beside the clients.
    disturbances: Vec<Disturbance>,
    /// The pause between two disturbances, at random between these milliseconds.
    pause_ms: (u64, u64),
    /// Two serve processes on the store, the clients taking turns between them.
    two_servers: bool,
    /// `kill -9` of serve (each of them) during the run, each followed by a restart.
    kills: usize,
    /// How long the clients write.
    duration: Duration,
}

#[derive(Clone, Copy, Debug)]
enum Disturbance {
    /// `sqlite3 STORE 'SELECT count(*) FROM release'`.
    SqliteRead,
    /// `sqlite3 STORE '.backup FILE'`.
    SqliteBackup,
    /// `sqlite3 STORE "VACUUM INTO 'FILE'"`.
    VacuumInto,
    /// `pg_terminate_backend` of every other connection to the store's database.
    PgTerminate,
}

/// One write a client made, as the store should show it.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Write {
    Release(String),
    /// A release given commit set N (whole).
    Commits(String, usize),
    /// A deploy of a release, by its unique name.
    Deploy(String, String),
    /// `sensitiveFields` set to this one value.
    OrgOption(String),
}

impl Write {
    fn kind(&self) -> &'static str {
        match self {
            Write::Release(_) => "releases",
            Write::Commits(..) => "commit sets",
            Write::Deploy(..) => "deploys",
            Write::OrgOption(_) => "org options",
        }
    }
}

/// What the clients were told, shared with the test.
#[derive(Default)]
struct Ledger {
    acked: Vec<Write>,
    /// Sent, and cut off before an answer: may be present (once), or not.
    maybe: Vec<Write>,
    /// Answers that were neither a success nor a cut-off.
    failures: Vec<String>,
}

/// The commit sets: set `n` is commits `n * half .. n * half + 2 * half` of one pool of ids.
struct Sets {
    half: usize,
}

impl Sets {
    fn id(i: usize) -> String {
        format!("{:040x}", (i as u128 + 1) * 0x9e37_79b9_7f4a_7c15)
    }

    fn ids(&self, set: usize) -> Vec<String> {
        (set * self.half..set * self.half + 2 * self.half)
            .map(Sets::id)
            .collect()
    }

    /// The PUT body that binds set `n`.
    fn body(&self, set: usize) -> Value {
        let commits: Vec<Value> = self
            .ids(set)
            .into_iter()
            .enumerate()
            .map(|(i, id)| {
                json!({
                    "id": id,
                    "repository": "checker/app",
                    "message": format!("change {i} of set {set}"),
                    "author_name": "Checker",
                    "author_email": format!("dev{}@example.com", i % 7),
                })
            })
            .collect();
        json!({ "commits": commits })
    }
}

/// Where the clients send requests: the servers' URLs, changed at each restart.
#[derive(Clone, Default)]
struct Targets(Arc<Mutex<Vec<String>>>);

impl Targets {
    fn url(&self, turn: usize) -> String {
        let urls = self.0.lock().unwrap();
        urls[turn % urls.len()].clone()
    }
}

/// What every client shares.
#[derive(Clone)]
struct Shared {
    ledger: Arc<Mutex<Ledger>>,
    stop: Arc<AtomicBool>,
    targets: Targets,
    token: String,
    sets: Arc<Sets>,
    /// Writes answered so far (the test waits for some before each kill).
    answered: Arc<AtomicUsize>,
}

impl Shared {
    fn acked(&self, write: Write) {
        self.answered.fetch_add(1, Ordering::SeqCst);
        self.ledger.lock().unwrap().acked.push(write);
    }

    fn maybe(&self, write: Write) {
        self.ledger.lock().unwrap().maybe.push(write);
    }

    fn failed(&self, what: String) {
        self.ledger.lock().unwrap().failures.push(what);
    }
}

/// How one request ended.
enum Sent {
    Status(u16, String),
    /// No answer: refused (serve is down; nothing was sent) or cut off (maybe written).
    Refused,
    CutOff,
}

fn send(
    http: &reqwest::blocking::Client,
    shared: &Shared,
    turn: usize,
    method: reqwest::Method,
    path: &str,
    body: &Value,
) -> Sent {
    let url = format!("{}{path}", shared.targets.url(turn));
    match http
        .request(method, url)
        .bearer_auth(&shared.token)
        .json(body)
        .send()
    {
        Ok(response) => {
            let status = response.status().as_u16();
            Sent::Status(status, response.text().unwrap_or_default())
        }
        Err(err) if err.is_connect() => Sent::Refused,
        Err(_) => Sent::CutOff,
    }
}

/// An HTTP client: releases `{name}-N`, each created, given one commit set, deployed, and an
/// organization option set. Idempotent requests (the release POST, the commits PUT) are sent
/// until answered; the others are sent once and logged as maybe when cut off.
fn http_client(shared: Shared, client: usize, commit_every: usize) {
    let http = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(30))
        .build()
        .unwrap();
    let org = "/api/0/organizations/default/";
    let mut turn = client;
    let mut release = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        release += 1;
        let version = format!("h{client}-{release}");
        let mut idempotent = |method: reqwest::Method, path: &str, body: &Value, write: Write| loop {
            turn += 1;
            match send(&http, &shared, turn, method.clone(), path, body) {
                Sent::Status(200..=299, _) => {
                    shared.acked(write);
                    return true;
                }
                // "Retry later": the store went away under the request (a terminated PostgreSQL
                // connection); it may have committed before, so it is a maybe, sent again.
                Sent::Status(503, _) => shared.maybe(write.clone()),
                Sent::Status(status, text) => {
                    shared.failed(format!("{method} {path}: {status} {text}"));
                    return false;
                }
                Sent::CutOff => shared.maybe(write.clone()),
                Sent::Refused => {}
            }
            if shared.stop.load(Ordering::SeqCst) {
                return false;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        let body = json!({"version": version, "projects": ["app"]});
        if !idempotent(
            reqwest::Method::POST,
            &format!("{org}releases/"),
            &body,
            Write::Release(version.clone()),
        ) {
            continue;
        }
        if release % commit_every == 0 {
            let set = client * 1000 + release;
            let set = set % 64;
            let path = format!("{org}releases/{version}/");
            idempotent(
                reqwest::Method::PUT,
                &path,
                &shared.sets.body(set),
                Write::Commits(version.clone(), set),
            );
        }
        let once =
            |method: reqwest::Method, path: &str, body: &Value, write: Write, turn: usize| {
                match send(&http, &shared, turn, method.clone(), path, body) {
                    Sent::Status(200..=299, _) => shared.acked(write),
                    Sent::Status(503, _) => shared.maybe(write),
                    Sent::Status(status, text) => {
                        shared.failed(format!("{method} {path}: {status} {text}"))
                    }
                    Sent::CutOff => shared.maybe(write),
                    Sent::Refused => {}
                }
            };
        let deploy = format!("d-{version}");
        turn += 1;
        once(
            reqwest::Method::POST,
            &format!("{org}releases/{version}/deploys/"),
            &json!({"environment": "production", "name": deploy}),
            Write::Deploy(version.clone(), deploy.clone()),
            turn,
        );
        let value = format!("o-{version}");
        turn += 1;
        once(
            reqwest::Method::PUT,
            org,
            &json!({"sensitiveFields": [value]}),
            Write::OrgOption(value.clone()),
            turn,
        );
    }
}

/// A `relctl` CLI client on the store itself: releases `{name}-N`, each created, given a
/// 1,000-commit range of the big repository now and then, deployed, and an option set.
fn cli_client(shared: Shared, env: TestEnv, repo: &BigRepo, client: usize) {
    let mut release = 0;
    while !shared.stop.load(Ordering::SeqCst) {
        release += 1;
        let version = format!("c{client}-{release}");
        let run = |args: &[&str], write: Write| -> bool {
            let out = env.run(args);
            if out.status.success() {
                shared.acked(write);
                true
            } else {
                // On PostgreSQL a terminated connection fails the command mid-way: it may have
                // committed or not, as a cut-off request.
                shared.maybe(write);
                if !env.is_postgres() {
                    shared.failed(format!(
                        "relctl {args:?}: {}",
                        String::from_utf8_lossy(&out.stderr)
                    ));
                }
                false
            }
        };
        if !run(
            &["release", "new", &version, "-p", "app"],
            Write::Release(version.clone()),
        ) {
            continue;
        }
        if release % 4 == 1 {
            let from = 1000 + (client * 1000 + release * 250) % 8000;
            let spec = format!("big@{}..{}", repo.back(from), repo.back(from - 1000));
            let set = 1000 + from;
            run(
                &[
                    "release",
                    "set-commits",
                    &version,
                    "--repo",
                    repo.path(),
                    "--commit",
                    &spec,
                ],
                Write::Commits(version.clone(), set),
            );
        }
        let deploy = format!("d-{version}");
        run(
            &[
                "deploy",
                "new",
                "-r",
                &version,
                "-e",
                "production",
                "-n",
                &deploy,
            ],
            Write::Deploy(version.clone(), deploy.clone()),
        );
        let value = format!("o-{version}");
        run(
            &["org", "set", "sensitiveFields", &format!("[\"{value}\"]")],
            Write::OrgOption(value.clone()),
        );
    }
}

/// Runs one disturbance on the store; what it did, for the log.
fn disturb(env: &TestEnv, what: Disturbance, round: usize) -> String {
    let store = env.store.to_str().unwrap().to_string();
    let sqlite3 = |args: &[&str]| {
        let out = Command::new("sqlite3")
            .args(args)
            .output()
            .unwrap_or_else(|err| {
                panic!("the sqlite3 shell (Debian's sqlite3; .ci/run installs it): {err}")
            });
        // The shell may meet a busy store; what matters is that it opened and closed it.
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    };
    match what {
        Disturbance::SqliteRead => {
            let count = sqlite3(&[&store, "SELECT count(*) FROM release"]);
            format!("sqlite3 read {count} releases")
        }
        Disturbance::SqliteBackup => {
            let to = env.dir.path().join(format!("backup-{round}.db"));
            sqlite3(&[&store, &format!(".backup '{}'", to.display())]);
            "sqlite3 .backup".into()
        }
        Disturbance::VacuumInto => {
            let to = env.dir.path().join(format!("vacuum-{round}.db"));
            sqlite3(&[&store, &format!("VACUUM INTO '{}'", to.display())]);
            "VACUUM INTO".into()
        }
        Disturbance::PgTerminate => {
            let StoreSql::Postgres(mut client) = env.sql() else {
                panic!("pg_terminate_backend on a SQLite store");
            };
            let rows = client
                .query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                     WHERE datname = current_database() AND pid <> pg_backend_pid()",
                    &[],
                )
                .unwrap();
            format!("terminated {} connections", rows.len())
        }
    }
}

/// Runs `plan` on `env`'s store (with a project `app` and a token made here); returns the counts
/// line for the test's output.
fn run(plan: &Plan, env: &TestEnv) -> String {
    env.ok(&["project", "create", "App"]);
    let token = env.json(&["token", "create", "--scopes", "project:releases,org:write"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let repo: &'static BigRepo = big_repo();
    let mut servers = vec![ServeProcess::start(env, "127.0.0.1:0")];
    if plan.two_servers {
        servers.push(ServeProcess::start(env, "127.0.0.1:0"));
    }
    let binds: Vec<String> = servers
        .iter()
        .map(|serve| serve.url.trim_start_matches("http://").to_string())
        .collect();
    let shared = Shared {
        ledger: Arc::default(),
        stop: Arc::default(),
        targets: Targets(Arc::new(Mutex::new(
            servers.iter().map(|serve| serve.url.clone()).collect(),
        ))),
        token,
        sets: Arc::new(Sets {
            half: plan.commits_per_set / 2,
        }),
        answered: Arc::default(),
    };
    let mut clients = Vec::new();
    for client in 0..plan.http_clients {
        let shared = shared.clone();
        clients.push(std::thread::spawn(move || http_client(shared, client, 2)));
    }
    for client in 0..plan.cli_clients {
        let shared = shared.clone();
        let cli_env = TestEnv::new().with_env("RELCTL_STORE", env.store.to_str().unwrap());
        clients.push(std::thread::spawn(move || {
            cli_client(shared, cli_env, repo, client)
        }));
    }

    let started = Instant::now();
    let mut rng = rand::rng();
    let mut log = Vec::new();
    let mut kills_done = 0;
    let mut round = 0;
    while started.elapsed() < plan.duration {
        round += 1;
        std::thread::sleep(Duration::from_millis(
            rng.random_range(plan.pause_ms.0..plan.pause_ms.1),
        ));
        if !plan.disturbances.is_empty() {
            let what = plan.disturbances[rng.random_range(0..plan.disturbances.len())];
            log.push(disturb(env, what, round));
        }
        let kill_at = plan
            .duration
            .mul_f64((kills_done + 1) as f64 / (plan.kills + 1) as f64);
        if kills_done < plan.kills && started.elapsed() >= kill_at {
            kills_done += 1;
            let before = shared.answered.load(Ordering::SeqCst);
            for (serve, bind) in servers.iter_mut().zip(&binds) {
                serve.kill_9();
                *serve = ServeProcess::start(env, bind);
            }
            log.push(format!(
                "kill -9 and restart after {before} answered writes"
            ));
        }
    }
    assert!(kills_done == plan.kills, "the run ended before its kills");
    shared.stop.store(true, Ordering::SeqCst);
    for client in clients {
        client.join().unwrap();
    }
    // One last disturbance and kill with everything acknowledged in the WAL, then a restart:
    // the store is read as the next serve sees it.
    if let Some(&what) = plan.disturbances.first() {
        log.push(disturb(env, what, round + 1));
    }
    for (serve, bind) in servers.iter_mut().zip(&binds) {
        serve.kill_9();
        *serve = ServeProcess::start(env, bind);
    }
    let ledger = shared.ledger.lock().unwrap();
    assert!(
        ledger.failures.is_empty(),
        "writes failed: {:#?}\nlog: {log:?}",
        &ledger.failures[..ledger.failures.len().min(20)]
    );
    let counts = verify(env, &ledger, &shared.sets, repo);
    // Serve answers after it all, and the CLI sees what serve wrote.
    let listed = TestEnv::new()
        .with_env("RELCTL_URL", &servers[0].url)
        .with_env("RELCTL_AUTH_TOKEN", &shared.token)
        .json(&["release", "list", "--limit", "100000"]);
    let created = ledger
        .acked
        .iter()
        .filter(|write| matches!(write, Write::Release(_)))
        .count();
    assert!(listed.as_array().unwrap().len() >= created);
    assert_store_sound(&env.store, "at the end");
    drop(servers);
    let disturbances = log.iter().filter(|line| !line.starts_with("kill")).count();
    format!(
        "{counts}; {disturbances} disturbances, {} kills of serve",
        plan.kills + 1
    )
}

/// Checks the store against the ledger; the counts line.
fn verify(env: &TestEnv, ledger: &Ledger, sets: &Sets, repo: &BigRepo) -> String {
    let mut sql = env.sql();
    let mut acked: BTreeMap<&str, usize> = BTreeMap::new();
    let mut present: BTreeMap<&str, usize> = BTreeMap::new();
    let mut lost = Vec::new();
    let commits_of = |sql: &mut StoreSql, version: &str| {
        let mut keys = sql.strings(
            "SELECT c.key FROM release r JOIN release_commit rc ON rc.release_id = r.id
             JOIN git_commit c ON c.id = rc.commit_id WHERE r.version = ?1",
            &[version],
        );
        keys.sort();
        keys
    };
    let set_keys = |set: usize| -> Vec<String> {
        let mut keys = if set >= 1000 {
            let from = set - 1000;
            repo.range(from, from - 1000)
        } else {
            sets.ids(set)
        };
        keys.sort();
        keys
    };
    // How many times the store holds `write` (0 or 1, or more when duplicated).
    let count = |sql: &mut StoreSql, write: &Write| -> i64 {
        match write {
            Write::Release(version) => sql
                .i64(
                    "SELECT count(*) FROM release WHERE version = ?1",
                    &[version],
                )
                .unwrap(),
            Write::Commits(version, set) => i64::from(commits_of(sql, version) == set_keys(*set)),
            Write::Deploy(_, name) => sql
                .i64("SELECT count(*) FROM deploy WHERE name = ?1", &[name])
                .unwrap(),
            Write::OrgOption(value) => sql
                .i64(
                    "SELECT count(*) FROM audit_log WHERE event = 'ORG_EDIT' AND data LIKE ?1",
                    &[&format!("%to ['{value}']%")],
                )
                .unwrap(),
        }
    };
    for write in &ledger.acked {
        *acked.entry(write.kind()).or_default() += 1;
        match count(&mut sql, write) {
            1 => *present.entry(write.kind()).or_default() += 1,
            n => lost.push(format!("{write:?} is there {n} times")),
        }
    }
    for write in &ledger.maybe {
        if ledger.acked.contains(write) {
            continue;
        }
        let n = count(&mut sql, write);
        assert!(n <= 1, "{write:?}, sent once, is there {n} times");
    }
    // No release holds part of a set: what each holds is empty or one whole set it was sent.
    let mut sent: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for write in ledger.acked.iter().chain(&ledger.maybe) {
        if let Write::Commits(version, set) = write {
            sent.entry(version).or_default().push(*set);
        }
    }
    for version in sql.strings("SELECT version FROM release", &[]) {
        let keys = commits_of(&mut sql, &version);
        let count = sql
            .i64(
                "SELECT commit_count FROM release WHERE version = ?1",
                &[&version],
            )
            .unwrap();
        assert_eq!(count as usize, keys.len(), "{version}: commit_count");
        if keys.is_empty() {
            continue;
        }
        let whole = sent
            .get(version.as_str())
            .is_some_and(|sets| sets.iter().any(|&set| set_keys(set) == keys));
        assert!(
            whole,
            "release {version} holds {} commits, not a set it was sent",
            keys.len()
        );
    }
    let line = acked
        .iter()
        .map(|(kind, n)| format!("{kind} {n}/{}", present.get(kind).copied().unwrap_or(0)))
        .collect::<Vec<_>>()
        .join(", ");
    let total: usize = acked.values().sum();
    let counts = format!(
        "acknowledged {total}, present {}, lost {} (acknowledged/present: {line}; {} unanswered)",
        total - lost.len(),
        lost.len(),
        ledger.maybe.len()
    );
    eprintln!("checker: {counts}");
    assert!(lost.is_empty(), "acknowledged writes lost: {lost:#?}");
    counts
}

fn focused(disturbances: Vec<Disturbance>) -> Plan {
    Plan {
        http_clients: 4,
        cli_clients: 0,
        commits_per_set: 200,
        disturbances,
        pause_ms: (20, 300),
        two_servers: false,
        kills: 2,
        duration: Duration::from_secs(6),
    }
}

#[test]
fn sqlite3_reading_while_serve_writes_loses_nothing() {
    let env = TestEnv::sqlite();
    let counts = run(&focused(vec![Disturbance::SqliteRead]), &env);
    eprintln!("sqlite3 reads: {counts}");
}

#[test]
fn sqlite3_backups_and_vacuum_into_while_serve_writes_lose_nothing() {
    let env = TestEnv::sqlite();
    let plan = focused(vec![Disturbance::SqliteBackup, Disturbance::VacuumInto]);
    let counts = run(&plan, &env);
    eprintln!("sqlite3 backups: {counts}");
}

#[test]
fn the_cli_writing_beside_serve_loses_nothing() {
    let env = TestEnv::sqlite();
    let plan = Plan {
        http_clients: 2,
        cli_clients: 2,
        ..focused(vec![])
    };
    let counts = run(&plan, &env);
    eprintln!("CLI beside serve: {counts}");
}

#[test]
fn two_serve_processes_on_one_file_lose_nothing() {
    let env = TestEnv::sqlite();
    let plan = Plan {
        two_servers: true,
        ..focused(vec![Disturbance::SqliteRead])
    };
    let counts = run(&plan, &env);
    eprintln!("two serve processes: {counts}");
}

/// The whole checker on the suite's store (SQLite, or PostgreSQL in that mode);
/// `RELCTL_CHECKER_SECONDS` makes it longer.
#[test]
fn the_checker_finds_every_acknowledged_write() {
    let env = TestEnv::new();
    let seconds = std::env::var("RELCTL_CHECKER_SECONDS")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(20);
    // Terminating every connection ends every request in flight: once a second or so.
    let (disturbances, pause_ms) = if env.is_postgres() {
        (vec![Disturbance::PgTerminate], (500, 1500))
    } else {
        let sqlite = vec![
            Disturbance::SqliteRead,
            Disturbance::SqliteBackup,
            Disturbance::VacuumInto,
        ];
        (sqlite, (20, 300))
    };
    let plan = Plan {
        http_clients: 16,
        cli_clients: 4,
        commits_per_set: 1000,
        disturbances,
        pause_ms,
        two_servers: false,
        kills: 3 + seconds as usize / 20,
        duration: Duration::from_secs(seconds),
    };
    let counts = run(&plan, &env);
    eprintln!("the checker ({seconds} s, 16 HTTP + 4 CLI clients): {counts}");
}

/// Many releases written at once: 64 HTTP writers through two serve instances on the suite's
/// store, their commit sets overlapping by half, nothing disturbing them: every acknowledged
/// write is there, exactly once.
#[test]
fn sixty_four_writers_through_two_serves_lose_nothing() {
    let env = TestEnv::new();
    let plan = Plan {
        http_clients: 64,
        cli_clients: 0,
        commits_per_set: 1000,
        disturbances: Vec::new(),
        pause_ms: (500, 1000),
        two_servers: true,
        kills: 0,
        duration: Duration::from_secs(8),
    };
    let counts = run(&plan, &env);
    eprintln!("64 writers, two serves: {counts}");
}
