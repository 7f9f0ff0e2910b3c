//! Benchmark: scale-out. Release creation and set-commits of 1,000 commits, on a SQLite file and
//! on a PostgreSQL database, from 1 and 16 concurrent clients, straight to the store (`--store`)
//! and through one or two `relctl serve` instances on the same store (`--url`).
//!
//! Every client is a sequence of real `relctl` processes (the release build), as CI jobs run it.
//! Each configuration starts from a fresh store (a new file, or a new `relctl_bench_scale`
//! database) holding one project:
//! - **release new**: `CREATES` releases (`relctl release new V -p bench`), split evenly over the
//!   clients, each client as fast as it can;
//! - **set-commits**: `SET_COMMITS` of those releases each bind 1,000 commits
//!   (`relctl release set-commits V --commit acme/bench@A..B`, a distinct 1,000-commit range of
//!   a linear synthetic history per release, read from the repository by git2 in the client).
//!
//! With two `serve` instances the clients alternate between them (on SQLite both serve the same
//! file); on PostgreSQL with two instances, the snowflake ids come from a Redis of the bench's own
//! when `redis-server` is installed (only project creation takes one, so this changes no timing;
//! the project is created through the first instance, and the store's own id counter is checked
//! to have stayed empty).
//! After each configuration the store is read back (`release list --format json` on the store
//! itself) and the counts checked: a configuration that lost or failed anything is reported as
//! FAILED, never with a rate.
//!
//! A PostgreSQL set-commits sends about four statements per commit (some 4,000 round trips for
//! 1,000 commits, all under the organization's write lock), so its time follows the round-trip
//! latency and the server's CPU time per statement, both of which move with the machine's other
//! load.
//!
//! PostgreSQL rows need `RELCTL_BENCH_POSTGRES`, an admin URL such as
//! `postgres://postgres@127.0.0.1:54329/postgres` (the bench creates and drops the database
//! `relctl_bench_scale`); without it only the SQLite rows run. `RELCTL_BENCH_REPS` (default 3)
//! repeats every configuration, interleaved, and the table shows medians over the repetitions.
//! Run: `cargo bench --bench scale`. Not a pass/fail test of speed; it exits 1 when a
//! configuration failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

#[path = "common/mod.rs"]
mod common;
use common::git;

/// Commits bound by each set-commits.
const RANGE: usize = 1_000;
/// Releases created per configuration and repetition (divisible by every client count).
const CREATES: usize = 96;
/// Set-commits per configuration and repetition (divisible by every client count).
const SET_COMMITS: usize = 16;
const CLIENTS: [usize; 2] = [1, 16];
/// Files in the synthetic repository, over `DIRS` directories.
const FILES: usize = 2_000;
const DIRS: usize = 20;
const DATABASE: &str = "relctl_bench_scale";
const BIN: &str = env!("CARGO_BIN_EXE_relctl");

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum StoreKind {
    Sqlite,
    Postgres,
}

impl StoreKind {
    fn name(self) -> &'static str {
        match self {
            StoreKind::Sqlite => "SQLite",
            StoreKind::Postgres => "PostgreSQL",
        }
    }
}

/// How the clients reach the store: directly, or through this many `serve` instances.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Route {
    Direct,
    Serve(usize),
}

impl Route {
    fn name(self) -> String {
        match self {
            Route::Direct => "direct --store".into(),
            Route::Serve(1) => "1 serve".into(),
            Route::Serve(n) => format!("{n} serves"),
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Config {
    store: StoreKind,
    route: Route,
    clients: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Workload {
    Create,
    SetCommits,
}

impl Workload {
    fn name(self) -> &'static str {
        match self {
            Workload::Create => "release new",
            Workload::SetCommits => "set-commits 1,000",
        }
    }

    fn ops(self) -> usize {
        match self {
            Workload::Create => CREATES,
            Workload::SetCommits => SET_COMMITS,
        }
    }
}

/// One timed run of one workload: its wall time and every operation's latency.
struct Sample {
    wall: Duration,
    latencies: Vec<Duration>,
}

/// What the repetitions of one configuration gave.
#[derive(Default)]
struct Outcome {
    create: Vec<Sample>,
    commits: Vec<Sample>,
    failure: Option<String>,
}

struct Bench {
    dir: tempfile::TempDir,
    repo: PathBuf,
    /// The `A..B` range of each set-commits, `RANGE` commits each.
    ranges: Vec<String>,
    postgres: Option<String>,
    redis: Option<Redis>,
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&root).unwrap();
    let commits = SET_COMMITS * RANGE + 1;
    let repo = root.join(format!("repo-linear-{commits}-{FILES}"));
    if !repo.join("HEAD").exists() {
        eprintln!(
            "building the synthetic repository (once) in {}",
            repo.display()
        );
        build_repo(&repo, commits);
    }
    let mainline = git(&repo, &["rev-list", "--reverse", "HEAD"]);
    let mainline: Vec<&str> = mainline.lines().collect();
    assert_eq!(mainline.len(), commits, "{} is stale", repo.display());
    let ranges = (0..SET_COMMITS)
        .map(|i| format!("{}..{}", mainline[i * RANGE], mainline[(i + 1) * RANGE]))
        .collect();

    let reps: usize = std::env::var("RELCTL_BENCH_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3);
    let postgres = std::env::var("RELCTL_BENCH_POSTGRES")
        .ok()
        .filter(|url| !url.is_empty());
    if postgres.is_none() {
        println!(
            "RELCTL_BENCH_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:54329/postgres): \
             running the SQLite rows only"
        );
    }
    let redis = if postgres.is_some() {
        let redis = Redis::start();
        if redis.is_none() {
            println!("redis-server not found: two PostgreSQL serves keep ids in the store");
        }
        redis
    } else {
        None
    };
    let bench = Bench {
        dir: tempfile::tempdir().unwrap(),
        repo,
        ranges,
        postgres,
        redis,
    };

    let stores: &[StoreKind] = if bench.postgres.is_some() {
        &[StoreKind::Sqlite, StoreKind::Postgres]
    } else {
        &[StoreKind::Sqlite]
    };
    let mut configs = Vec::new();
    for route in [Route::Direct, Route::Serve(1), Route::Serve(2)] {
        for clients in CLIENTS {
            for &store in stores {
                configs.push(Config {
                    store,
                    route,
                    clients,
                });
            }
        }
    }
    println!(
        "{} configurations x {reps} repetitions (interleaved); {CREATES} releases and \
         {SET_COMMITS} set-commits of {RANGE} commits each per run; {} cores; load before: {}",
        configs.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        loadavg()
    );
    let started = Instant::now();
    let mut outcomes: Vec<Outcome> = configs.iter().map(|_| Outcome::default()).collect();
    for rep in 0..reps {
        for (config, outcome) in configs.iter().zip(outcomes.iter_mut()) {
            if outcome.failure.is_some() {
                continue;
            }
            eprintln!(
                "rep {}/{reps}: {} {} {} client(s)",
                rep + 1,
                config.store.name(),
                config.route.name(),
                config.clients
            );
            match bench.run(config) {
                Ok((create, commits)) => {
                    outcome.create.push(create);
                    outcome.commits.push(commits);
                }
                Err(err) => outcome.failure = Some(err),
            }
        }
    }
    let elapsed = started.elapsed();
    if let Some(url) = &bench.postgres {
        drop_database(url);
    }

    println!();
    println!(
        "{:<18} {:<11} {:<15} {:>7} {:>5} {:>8} {:>9} {:>8} {:>8} {:>9} {:>10}",
        "workload",
        "store",
        "route",
        "clients",
        "ops",
        "wall s",
        "ops/s",
        "p50 ms",
        "p95 ms",
        "PG/SQLite",
        "2 serves/1"
    );
    let mut failed = false;
    for workload in [Workload::Create, Workload::SetCommits] {
        for (config, outcome) in configs.iter().zip(&outcomes) {
            let head = format!(
                "{:<18} {:<11} {:<15} {:>7} {:>5}",
                workload.name(),
                config.store.name(),
                config.route.name(),
                config.clients,
                workload.ops()
            );
            if let Some(failure) = &outcome.failure {
                failed = true;
                println!("{head} FAILED: {failure}");
                continue;
            }
            let summary = summarize(samples(outcome, workload));
            let rate_of = |other: Config| {
                configs
                    .iter()
                    .zip(&outcomes)
                    .find(|(c, o)| **c == other && o.failure.is_none())
                    .map(|(_, o)| summarize(samples(o, workload)).rate)
            };
            let vs_sqlite = match config.store {
                StoreKind::Postgres => rate_of(Config {
                    store: StoreKind::Sqlite,
                    ..*config
                })
                .map(|sqlite| format!("{:.2}x", summary.rate / sqlite)),
                StoreKind::Sqlite => None,
            };
            let vs_one = match config.route {
                Route::Serve(2) => rate_of(Config {
                    route: Route::Serve(1),
                    ..*config
                })
                .map(|one| format!("{:.2}x", summary.rate / one)),
                _ => None,
            };
            println!(
                "{head} {:>8.2} {:>9.1} {:>8.1} {:>8.1} {:>9} {:>10}",
                summary.wall.as_secs_f64(),
                summary.rate,
                ms(summary.p50),
                ms(summary.p95),
                vs_sqlite.unwrap_or_else(|| "-".into()),
                vs_one.unwrap_or_else(|| "-".into()),
            );
        }
    }
    println!();
    println!(
        "medians of {reps} runs; ops/s = ops / median wall; commits/s = 1,000 x set-commits ops/s; \
         total {:.0} s; load after: {}",
        elapsed.as_secs_f64(),
        loadavg()
    );
    if failed {
        std::process::exit(1);
    }
}

fn samples(outcome: &Outcome, workload: Workload) -> &[Sample] {
    match workload {
        Workload::Create => &outcome.create,
        Workload::SetCommits => &outcome.commits,
    }
}

struct Summary {
    wall: Duration,
    rate: f64,
    p50: Duration,
    p95: Duration,
}

/// Medians over the runs of the wall time and of each run's p50 and p95 latency.
fn summarize(samples: &[Sample]) -> Summary {
    let ops = samples[0].latencies.len();
    let wall = median(samples.iter().map(|s| s.wall).collect());
    let p50 = median(
        samples
            .iter()
            .map(|s| percentile(&s.latencies, 50))
            .collect(),
    );
    let p95 = median(
        samples
            .iter()
            .map(|s| percentile(&s.latencies, 95))
            .collect(),
    );
    Summary {
        wall,
        rate: ops as f64 / wall.as_secs_f64(),
        p50,
        p95,
    }
}

fn median(mut values: Vec<Duration>) -> Duration {
    values.sort();
    let n = values.len();
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2
    }
}

/// The nearest-rank percentile.
fn percentile(values: &[Duration], pct: usize) -> Duration {
    let mut sorted = values.to_vec();
    sorted.sort();
    let rank = (pct * sorted.len()).div_ceil(100).max(1);
    sorted[rank - 1]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

/// Where the clients of one run send their commands.
enum Target {
    Store(String),
    /// Each instance's base URL, and the token.
    Servers(Vec<String>, String),
}

impl Bench {
    /// A `relctl` command with nothing inherited that could point it elsewhere.
    fn relctl(&self) -> Command {
        let mut cmd = Command::new(BIN);
        for (key, _) in std::env::vars_os() {
            let key = key.to_string_lossy().into_owned();
            if key.starts_with("RELCTL_") || key.starts_with("SENTRY_") {
                cmd.env_remove(&key);
            }
        }
        cmd.env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        cmd
    }

    fn store_cmd(&self, store: &str) -> Command {
        let mut cmd = self.relctl();
        cmd.args(["--store", store]);
        cmd
    }

    /// A command of client `w`: on the store, or on serve instance `w % instances`.
    fn target_cmd(&self, target: &Target, w: usize) -> Command {
        let mut cmd = self.relctl();
        match target {
            Target::Store(store) => {
                cmd.args(["--store", store]);
            }
            Target::Servers(bases, token) => {
                cmd.args(["--url", &bases[w % bases.len()]])
                    .env("RELCTL_AUTH_TOKEN", token);
            }
        }
        cmd
    }

    /// A fresh store: a new file, or the bench database dropped and created again.
    fn fresh_store(&self, kind: StoreKind) -> String {
        match kind {
            StoreKind::Sqlite => {
                let path = self.dir.path().join("scale.db");
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
                path.to_str().unwrap().to_string()
            }
            StoreKind::Postgres => {
                let admin = self.postgres.as_deref().unwrap();
                drop_database(admin);
                let mut client = postgres::Client::connect(admin, postgres::NoTls).unwrap();
                client
                    .batch_execute(&format!("CREATE DATABASE {DATABASE}"))
                    .unwrap();
                database_url(admin, DATABASE)
            }
        }
    }

    /// One repetition of one configuration: both workloads, each checked.
    fn run(&self, config: &Config) -> Result<(Sample, Sample), String> {
        let store = self.fresh_store(config.store);
        let redis = match (config.store, config.route, &self.redis) {
            (StoreKind::Postgres, Route::Serve(2), Some(redis)) => Some(redis.url.as_str()),
            _ => None,
        };
        let mut servers = Vec::new();
        let target = match config.route {
            Route::Direct => Target::Store(store.clone()),
            Route::Serve(n) => {
                let out = run_ok(self.store_cmd(&store).args([
                    "--format",
                    "json",
                    "token",
                    "create",
                    "--scopes",
                    "project:releases,project:write,org:read",
                    "--name",
                    "bench",
                ]))?;
                let token: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
                let token = token["token"].as_str().ok_or("no token")?.to_string();
                for _ in 0..n {
                    servers.push(Serve::start(self.store_cmd(&store), redis)?);
                }
                Target::Servers(servers.iter().map(|s| s.base.clone()).collect(), token)
            }
        };
        // Through the first serve when there is one, so its id comes from Redis when it has one.
        run_ok(
            self.target_cmd(&target, 0)
                .args(["-q", "project", "create", "Bench"]),
        )?;
        if redis.is_some() {
            let mut client = postgres::Client::connect(&store, postgres::NoTls).unwrap();
            let rows: i64 = client
                .query_one("SELECT count(*) FROM snowflake_sequence", &[])
                .unwrap()
                .get(0);
            if rows != 0 {
                return Err("the project id did not come from Redis".into());
            }
        }

        let create = self.clients(config.clients, CREATES, &target, |_, g| {
            vec![
                "release".into(),
                "new".into(),
                version(g),
                "-p".into(),
                "bench".into(),
            ]
        })?;
        self.check(&store, CREATES, 0)?;
        let repo = self.repo.to_str().unwrap().to_string();
        let commits = self.clients(config.clients, SET_COMMITS, &target, |_, g| {
            vec![
                "-q".into(),
                "--no-progress".into(),
                "release".into(),
                "set-commits".into(),
                version(g),
                "--repo".into(),
                repo.clone(),
                "--commit".into(),
                format!("acme/bench@{}", self.ranges[g]),
            ]
        })?;
        self.check(&store, CREATES, SET_COMMITS)?;
        drop(servers);
        Ok((create, commits))
    }

    /// Runs `total` operations over `clients` concurrent clients (each a sequence of processes;
    /// client `w` does operations `w * per ..`, on serve instance `w % instances`).
    fn clients(
        &self,
        clients: usize,
        total: usize,
        target: &Target,
        args: impl Fn(usize, usize) -> Vec<String> + Sync,
    ) -> Result<Sample, String> {
        assert_eq!(total % clients, 0);
        let per = total / clients;
        let started = Instant::now();
        let results: Vec<Result<Vec<Duration>, String>> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..clients)
                .map(|w| {
                    let args = &args;
                    scope.spawn(move || {
                        let mut latencies = Vec::with_capacity(per);
                        for i in 0..per {
                            let mut cmd = self.target_cmd(target, w);
                            cmd.args(args(w, w * per + i));
                            let t = Instant::now();
                            run_ok(&mut cmd)?;
                            latencies.push(t.elapsed());
                        }
                        Ok(latencies)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let wall = started.elapsed();
        let mut latencies = Vec::with_capacity(total);
        for result in results {
            latencies.extend(result?);
        }
        Ok(Sample { wall, latencies })
    }

    /// Reads the store back: `releases` releases, the first `bound` of them with `RANGE`
    /// commits each and the others with none.
    fn check(&self, store: &str, releases: usize, bound: usize) -> Result<(), String> {
        let out = run_ok(
            self.store_cmd(store)
                .args(["--format", "json", "release", "list", "--limit", "1000"]),
        )?;
        let list: Value = serde_json::from_str(&out).map_err(|e| e.to_string())?;
        let list = list.as_array().ok_or("release list is not an array")?;
        if list.len() != releases {
            return Err(format!(
                "the store holds {} releases, {releases} expected",
                list.len()
            ));
        }
        for g in 0..releases {
            let want = if g < bound { RANGE } else { 0 };
            let got = list
                .iter()
                .find(|r| r["version"] == version(g).as_str())
                .map(|r| r["commitCount"].as_u64());
            if got != Some(Some(want as u64)) {
                return Err(format!(
                    "release {}: commitCount {got:?}, {want} expected",
                    version(g)
                ));
            }
        }
        Ok(())
    }
}

fn version(g: usize) -> String {
    format!("1.0.{g}")
}

/// Runs a command to completion; its stdout, or the failure with its stderr.
fn run_ok(cmd: &mut Command) -> Result<String, String> {
    let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    if !out.status.success() {
        let args: Vec<_> = cmd.get_args().map(|a| a.to_string_lossy()).collect();
        return Err(format!(
            "relctl {} exited {}: {}",
            args.join(" "),
            out.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).into_owned())
}

/// `admin` with its database name replaced by `database`.
fn database_url(admin: &str, database: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin, String::new()),
    };
    let authority_start = base.find("://").map_or(0, |i| i + 3);
    let base = match base[authority_start..].find('/') {
        Some(slash) => &base[..authority_start + slash],
        None => base,
    };
    format!("{base}/{database}{query}")
}

fn drop_database(admin: &str) {
    let mut client = postgres::Client::connect(admin, postgres::NoTls).unwrap();
    client
        .batch_execute(&format!("DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"))
        .unwrap();
}

/// A running `relctl serve`, stopped with SIGTERM when dropped.
struct Serve {
    child: Child,
    base: String,
}

impl Serve {
    fn start(mut cmd: Command, redis: Option<&str>) -> Result<Serve, String> {
        if let Some(url) = redis {
            cmd.env("RELCTL_REDIS_URL", url);
        }
        let mut child = cmd
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|e| e.to_string())?;
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let base = loop {
            let Some(Ok(line)) = lines.next() else {
                let _ = child.kill();
                let _ = child.wait();
                return Err("relctl serve exited before listening".into());
            };
            if let Some(at) = line.find("http://") {
                break line[at..]
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('/')
                    .to_string();
            }
        };
        // Drain the per-request log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Ok(Serve { child, base })
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let pid = self.child.id() as libc::pid_t;
        unsafe { libc::kill(pid, libc::SIGTERM) };
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The bench's own `redis-server` on a free port, killed when dropped.
struct Redis {
    child: Child,
    url: String,
}

impl Redis {
    fn start() -> Option<Redis> {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .ok()?
            .local_addr()
            .ok()?
            .port();
        let child = Command::new("redis-server")
            .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .ok()?;
        let redis = Redis {
            child,
            url: format!("redis://127.0.0.1:{port}/0"),
        };
        let deadline = Instant::now() + Duration::from_secs(5);
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            if Instant::now() > deadline {
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        Some(redis)
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn path_of(file: usize) -> String {
    format!("dir{:02}/file{:04}.txt", file % DIRS, file)
}

/// A linear history of `commits` commits, streamed into `git fast-import`: the first adds every
/// file, each later one changes two.
fn build_repo(repo: &Path, commits: usize) {
    let (mut child, mut input) = common::fast_import(repo);
    let mut state: u64 = 0x9e3779b97f4a7c15;
    for n in 0..commits {
        let time = 1_600_000_000 + 60 * n as u64;
        let who = format!("Dev {} <dev{}@example.com> {time} +0000", n % 7, n % 7);
        let message = if n == 0 {
            "Initial import".to_string()
        } else {
            format!("Change {n}")
        };
        writeln!(input, "commit refs/heads/main\nmark :{}", n + 1).unwrap();
        writeln!(input, "author {who}\ncommitter {who}").unwrap();
        writeln!(input, "data {}\n{message}", message.len()).unwrap();
        if n > 0 {
            writeln!(input, "from :{n}").unwrap();
        }
        let files: Vec<usize> = if n == 0 {
            (0..FILES).collect()
        } else {
            (0..2)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state as usize) % FILES
                })
                .collect()
        };
        for f in files {
            let content = format!("file {f} at {n}\n");
            writeln!(
                input,
                "M 100644 inline {}\ndata {}\n{content}",
                path_of(f),
                content.len()
            )
            .unwrap();
        }
        writeln!(input).unwrap();
    }
    input.flush().unwrap();
    drop(input);
    assert!(child.wait().unwrap().success());
}
