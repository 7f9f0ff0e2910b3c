//! Benchmark: scale-out. Release creation and set-commits of 1,000 commits, on a SQLite file and
//! on a PostgreSQL database, from 1 and 16 concurrent clients, straight to the store (`--store`)
//! and through one or two `relctl serve` instances on the same store (`--url`); and two bursts
//! of one organization's releases at once: 64 PUTs of the same 1,000 commits through `serve`,
//! and 128 set-commits processes on PostgreSQL.
//!
//! Every client of the first two workloads is a sequence of real `relctl` processes (the release
//! build), as CI jobs run it. Each configuration starts from a fresh store (a new file, or a new
//! `relctl_bench_scale` database) holding one project:
//! - **release new**: `CREATES` releases (`relctl release new V -p bench`), split evenly over the
//!   clients, each client as fast as it can;
//! - **set-commits**: `SET_COMMITS` of those releases each bind 1,000 commits
//!   (`relctl release set-commits V --commit acme/bench@A..B`, a distinct 1,000-commit range of
//!   a linear synthetic history per release, read from the repository by git2 in the client);
//! - **PUT same 1,000** (through one and two `serve` instances, on both stores): 64 releases are
//!   created (untimed), then 64 client threads of the bench each send one
//!   `PUT /api/0/organizations/default/releases/V/` of the same prepared body (the first range's
//!   1,000 commits with their changed files and the range's end as `refs`, as `set-commits`
//!   through `serve` sends it, read from git once before the run) into their own release, all
//!   released together, as when many projects release one repository. The server, not the
//!   clients' git reading, is measured; every answer must be a 2xx;
//! - **set-commits burst** (PostgreSQL, `--store`): 128 releases are created (untimed), then 128
//!   `relctl release set-commits` processes, each of its own distinct 1,000-commit range, are
//!   started together. A process that waits too long for a lock exits 4; the row counts those
//!   and the other failures, and fails if there is any.
//!
//! `serve` runs with its defaults for these: a request body of 1,000 commits (about 290 kB) is
//! far under `--max-body` (20 MiB), 64 connections far under `--max-connections`, and requests
//! beyond the PostgreSQL pool (`--pool-size`, 16) wait for a connection (up to 30 s, then a
//! 409), as a company's CI would meet them.
//!
//! With two `serve` instances the clients alternate between them (on SQLite both serve the same
//! file); on PostgreSQL with two instances, the snowflake ids come from a Redis of the bench's own
//! when `redis-server` is installed (only project creation takes one, so this changes no timing;
//! the project is created through the first instance, and the store's own id counter is checked
//! to have stayed empty).
//! After each configuration the store is read back (`release list --format json` on the store
//! itself, and the count of its commit and repository rows, so commits several releases bound at
//! once were stored once) and the counts checked: a configuration that lost or failed anything is
//! reported as FAILED, never with a rate.
//!
//! A PostgreSQL set-commits of 1,000 new commits sends a few dozen statements (commits,
//! authors, file changes and release links go in batches of 1,000 rows) under its release's
//! lock, so its time follows the round-trip latency and the server's CPU time per statement,
//! both of which move with the machine's other load.
//!
//! PostgreSQL rows need `RELCTL_BENCH_POSTGRES`, an admin URL such as
//! `postgres://postgres@127.0.0.1:54329/postgres` (the bench creates and drops the database
//! `relctl_bench_scale`); without it only the SQLite rows run. `RELCTL_BENCH_REPS` (default 3)
//! repeats every configuration, interleaved, and the table shows medians over the repetitions.
//! `RELCTL_BENCH_ONLY` runs only the workloads it names, comma-separated, of `create`,
//! `setcommits`, `put64` and `setcommits128` (creation and set-commits run together either way,
//! only the rows named are shown).
//! With PostgreSQL and the `create` rows, a second table gives the floor under the direct
//! `release new` rows: connections alone, and `relctl info` processes (`floor.rs`).
//! Run: `cargo bench --bench scale`. Not a pass/fail test of speed; it exits 1 when a
//! configuration failed.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

#[path = "scale/at_once.rs"]
mod at_once;
#[path = "common/mod.rs"]
mod common;
#[path = "scale/floor.rs"]
mod floor;
use common::git;

/// Commits bound by each set-commits.
const RANGE: usize = 1_000;
/// Releases created per configuration and repetition (divisible by every client count).
const CREATES: usize = 96;
/// Set-commits per configuration and repetition (divisible by every client count).
const SET_COMMITS: usize = 16;
const CLIENTS: [usize; 2] = [1, 16];
/// Clients that each PUT the same `RANGE` commits into their own release at once.
const PUT_CLIENTS: usize = 64;
/// `relctl release set-commits` processes started at once, each with its own range.
const BURST: usize = 128;
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

/// What the table has rows for, in its order.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Workload {
    Create,
    SetCommits,
    /// `PUT_CLIENTS` PUTs of one prepared body of `RANGE` commits, at once.
    Put,
    /// `BURST` set-commits processes, at once.
    Burst,
}

const WORKLOADS: [Workload; 4] = [
    Workload::Create,
    Workload::SetCommits,
    Workload::Put,
    Workload::Burst,
];

impl Workload {
    fn name(self) -> &'static str {
        match self {
            Workload::Create => "release new",
            Workload::SetCommits => "set-commits 1,000",
            Workload::Put => "PUT same 1,000",
            Workload::Burst => "set-commits burst",
        }
    }

    /// Its name in `RELCTL_BENCH_ONLY`.
    fn key(self) -> &'static str {
        match self {
            Workload::Create => "create",
            Workload::SetCommits => "setcommits",
            Workload::Put => "put64",
            Workload::Burst => "setcommits128",
        }
    }

    fn ops(self) -> usize {
        match self {
            Workload::Create => CREATES,
            Workload::SetCommits => SET_COMMITS,
            Workload::Put => PUT_CLIENTS,
            Workload::Burst => BURST,
        }
    }
}

/// One run on a fresh store: what it does, and the rows (workloads) it gives.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum JobKind {
    /// Release creation, then set-commits into the releases created.
    Pair,
    Put,
    Burst,
}

impl JobKind {
    fn workloads(self) -> &'static [Workload] {
        match self {
            JobKind::Pair => &[Workload::Create, Workload::SetCommits],
            JobKind::Put => &[Workload::Put],
            JobKind::Burst => &[Workload::Burst],
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
struct Job {
    kind: JobKind,
    config: Config,
}

/// One timed run of one workload: its wall time and every operation's latency.
struct Sample {
    wall: Duration,
    latencies: Vec<Duration>,
}

/// What the repetitions of one job gave: per workload of the job, a sample per repetition.
struct Outcome {
    samples: Vec<Vec<Sample>>,
    failure: Option<String>,
}

impl Outcome {
    fn of(&self, job: &Job, workload: Workload) -> Option<&[Sample]> {
        let at = job.kind.workloads().iter().position(|&w| w == workload)?;
        Some(&self.samples[at])
    }
}

struct Bench {
    dir: tempfile::TempDir,
    repo: PathBuf,
    /// The `A..B` range of each set-commits, `RANGE` commits each, all distinct.
    ranges: Vec<String>,
    /// The PUT body of the first range's commits (empty unless the PUT workload runs).
    put_body: Vec<u8>,
    postgres: Option<String>,
    redis: Option<Redis>,
}

fn main() {
    let only = only();
    let reps: usize = std::env::var("RELCTL_BENCH_REPS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3);
    let bench = Bench::new(&only);
    let jobs = jobs(&only, bench.postgres.is_some());
    println!(
        "{} configurations x {reps} repetitions (interleaved); per run {CREATES} releases and \
         {SET_COMMITS} set-commits of {RANGE} commits, or {PUT_CLIENTS} PUTs of the same {RANGE} \
         commits at once, or {BURST} set-commits processes at once; {} cores; load before: {}",
        jobs.len(),
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        loadavg()
    );
    if !bench.put_body.is_empty() {
        println!("PUT body: {} bytes", bench.put_body.len());
    }
    let started = Instant::now();
    let outcomes = bench.run_all(&jobs, reps);
    let elapsed = started.elapsed();
    if let Some(url) = &bench.postgres {
        drop_database(url);
    }
    let failed = print_table(&jobs, &outcomes, &only);
    if only.contains(&Workload::Create) {
        floor::print(&bench, &jobs, &outcomes, reps);
    }
    println!();
    println!(
        "medians of {reps} runs; ops/s = ops / median wall; commits/s = 1,000 x set-commits or \
         PUT ops/s; total {:.0} s; load after: {}",
        elapsed.as_secs_f64(),
        loadavg()
    );
    if failed {
        std::process::exit(1);
    }
}

/// The workloads `RELCTL_BENCH_ONLY` names (comma-separated keys), or all of them.
fn only() -> Vec<Workload> {
    let Some(list) = std::env::var("RELCTL_BENCH_ONLY")
        .ok()
        .filter(|v| !v.trim().is_empty())
    else {
        return WORKLOADS.to_vec();
    };
    let mut only = Vec::new();
    for key in list.split(',').map(str::trim).filter(|k| !k.is_empty()) {
        match WORKLOADS.iter().find(|w| w.key() == key) {
            Some(&w) => only.push(w),
            None => {
                let keys: Vec<_> = WORKLOADS.iter().map(|w| w.key()).collect();
                eprintln!(
                    "RELCTL_BENCH_ONLY: unknown workload {key:?} (known: {})",
                    keys.join(",")
                );
                std::process::exit(2);
            }
        }
    }
    only
}

/// The runs that give the rows of `only`; PostgreSQL ones only with a PostgreSQL server.
fn jobs(only: &[Workload], postgres: bool) -> Vec<Job> {
    let stores: &[StoreKind] = if postgres {
        &[StoreKind::Sqlite, StoreKind::Postgres]
    } else {
        &[StoreKind::Sqlite]
    };
    let mut jobs = Vec::new();
    let job = |kind, store, route, clients| Job {
        kind,
        config: Config {
            store,
            route,
            clients,
        },
    };
    if only.contains(&Workload::Create) || only.contains(&Workload::SetCommits) {
        for route in [Route::Direct, Route::Serve(1), Route::Serve(2)] {
            for clients in CLIENTS {
                for &store in stores {
                    jobs.push(job(JobKind::Pair, store, route, clients));
                }
            }
        }
    }
    if only.contains(&Workload::Put) {
        for route in [Route::Serve(1), Route::Serve(2)] {
            for &store in stores {
                jobs.push(job(JobKind::Put, store, route, PUT_CLIENTS));
            }
        }
    }
    if only.contains(&Workload::Burst) {
        if postgres {
            jobs.push(job(
                JobKind::Burst,
                StoreKind::Postgres,
                Route::Direct,
                BURST,
            ));
        } else {
            println!("the set-commits burst runs on PostgreSQL only: skipped");
        }
    }
    jobs
}

/// Prints the table of `only`'s rows; whether a row failed.
fn print_table(jobs: &[Job], outcomes: &[Outcome], only: &[Workload]) -> bool {
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
    for workload in WORKLOADS.into_iter().filter(|w| only.contains(w)) {
        for (job, outcome) in jobs.iter().zip(outcomes) {
            let Some(samples) = outcome.of(job, workload) else {
                continue;
            };
            let config = &job.config;
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
            let summary = summarize(samples);
            let (vs_sqlite, vs_one) = ratios(jobs, outcomes, workload, config, summary.rate);
            println!(
                "{head} {:>8.2} {:>9.1} {:>8.1} {:>8.1} {:>9} {:>10}",
                summary.wall.as_secs_f64(),
                summary.rate,
                ms(summary.p50),
                ms(summary.p95),
                vs_sqlite,
                vs_one,
            );
        }
    }
    failed
}

/// A row's rate against SQLite's in the same configuration (PostgreSQL rows), and against one
/// `serve`'s (two-serve rows); "-" where there is no such row, or it failed.
fn ratios(
    jobs: &[Job],
    outcomes: &[Outcome],
    workload: Workload,
    config: &Config,
    rate: f64,
) -> (String, String) {
    let rate_of = |other: Config| {
        jobs.iter()
            .zip(outcomes)
            .find(|(j, o)| j.config == other && o.failure.is_none() && o.of(j, workload).is_some())
            .and_then(|(j, o)| o.of(j, workload))
            .map(|samples| format!("{:.2}x", rate / summarize(samples).rate))
    };
    let vs_sqlite = match config.store {
        StoreKind::Postgres => rate_of(Config {
            store: StoreKind::Sqlite,
            ..*config
        }),
        StoreKind::Sqlite => None,
    };
    let vs_one = match config.route {
        Route::Serve(2) => rate_of(Config {
            route: Route::Serve(1),
            ..*config
        }),
        _ => None,
    };
    (
        vs_sqlite.unwrap_or_else(|| "-".into()),
        vs_one.unwrap_or_else(|| "-".into()),
    )
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
    /// The synthetic repository (built once), its ranges, the PUT body when `only` has the PUT
    /// workload, and the PostgreSQL server and Redis when `RELCTL_BENCH_POSTGRES` names one.
    fn new(only: &[Workload]) -> Bench {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("target")
            .join("bench-data");
        std::fs::create_dir_all(&root).unwrap();
        let ranges = SET_COMMITS.max(BURST);
        let commits = ranges * RANGE + 1;
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
        let ranges: Vec<String> = (0..ranges)
            .map(|i| format!("{}..{}", mainline[i * RANGE], mainline[(i + 1) * RANGE]))
            .collect();
        let put_body = if only.contains(&Workload::Put) {
            at_once::put_body(&repo, &ranges[0])
        } else {
            Vec::new()
        };
        let postgres = std::env::var("RELCTL_BENCH_POSTGRES")
            .ok()
            .filter(|url| !url.is_empty());
        if postgres.is_none() {
            println!(
                "RELCTL_BENCH_POSTGRES is not set (e.g. postgres://postgres@127.0.0.1:54329/postgres): \
                 running the SQLite rows only"
            );
        }
        let redis = postgres.as_ref().and_then(|_| {
            let redis = Redis::start();
            if redis.is_none() {
                println!("redis-server not found: two PostgreSQL serves keep ids in the store");
            }
            redis
        });
        Bench {
            dir: tempfile::tempdir().unwrap(),
            repo,
            ranges,
            put_body,
            postgres,
            redis,
        }
    }

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

    /// Runs every job `reps` times, interleaved; a job that failed once is not run again.
    fn run_all(&self, jobs: &[Job], reps: usize) -> Vec<Outcome> {
        let mut outcomes: Vec<Outcome> = jobs
            .iter()
            .map(|job| Outcome {
                samples: job.kind.workloads().iter().map(|_| Vec::new()).collect(),
                failure: None,
            })
            .collect();
        for rep in 0..reps {
            for (job, outcome) in jobs.iter().zip(outcomes.iter_mut()) {
                if outcome.failure.is_some() {
                    continue;
                }
                let config = &job.config;
                eprintln!(
                    "rep {}/{reps}: {:?} {} {} {} client(s)",
                    rep + 1,
                    job.kind,
                    config.store.name(),
                    config.route.name(),
                    config.clients
                );
                let run = match job.kind {
                    JobKind::Pair => self.run_pair(config),
                    JobKind::Put => self.run_put(config),
                    JobKind::Burst => self.run_burst(config),
                };
                match run {
                    Ok(samples) => {
                        for (all, sample) in outcome.samples.iter_mut().zip(samples) {
                            all.push(sample);
                        }
                    }
                    Err(err) => outcome.failure = Some(err),
                }
            }
        }
        outcomes
    }

    /// The project `bench` in a fresh store, and where the clients send their commands: the
    /// store, or the `serve` instances (running until the returned `Serve`s are dropped).
    fn prepare(&self, config: &Config) -> Result<(String, Target, Vec<Serve>), String> {
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
        Ok((store, target, servers))
    }

    /// `releases` releases created by 16 clients (or one per release when fewer), untimed.
    fn create_releases(&self, target: &Target, releases: usize) -> Result<Sample, String> {
        let clients = if releases.is_multiple_of(16) {
            16
        } else {
            releases
        };
        self.clients(clients, releases, target, |_, g| {
            vec![
                "release".into(),
                "new".into(),
                version(g),
                "-p".into(),
                "bench".into(),
            ]
        })
    }

    /// `release set-commits` of release `g`: its own range of the synthetic repository.
    fn set_commits_args(&self, g: usize) -> Vec<String> {
        vec![
            "-q".into(),
            "--no-progress".into(),
            "release".into(),
            "set-commits".into(),
            version(g),
            "--repo".into(),
            self.repo.to_str().unwrap().to_string(),
            "--commit".into(),
            format!("acme/bench@{}", self.ranges[g]),
        ]
    }

    /// One repetition of a pair job: release creation, then set-commits, each checked.
    fn run_pair(&self, config: &Config) -> Result<Vec<Sample>, String> {
        let (store, target, servers) = self.prepare(config)?;
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
        let commits = self.clients(config.clients, SET_COMMITS, &target, |_, g| {
            self.set_commits_args(g)
        })?;
        self.check(&store, CREATES, SET_COMMITS)?;
        drop(servers);
        check_rows(config.store, &store, SET_COMMITS * RANGE)?;
        Ok(vec![create, commits])
    }

    /// One repetition of the PUT job: `PUT_CLIENTS` releases created (untimed), then the same
    /// prepared body of `RANGE` commits PUT into each of them at once, through `serve`.
    fn run_put(&self, config: &Config) -> Result<Vec<Sample>, String> {
        let (store, target, servers) = self.prepare(config)?;
        let Target::Servers(bases, token) = &target else {
            unreachable!("the PUT job goes through serve");
        };
        self.create_releases(&target, PUT_CLIENTS)?;
        let versions: Vec<String> = (0..PUT_CLIENTS).map(version).collect();
        let sample = at_once::put_all(bases, token, &self.put_body, &versions)?;
        self.check(&store, PUT_CLIENTS, PUT_CLIENTS)?;
        drop(servers);
        check_rows(config.store, &store, RANGE)?;
        Ok(vec![sample])
    }

    /// One repetition of the burst: `BURST` releases created (untimed), then a set-commits
    /// process for each, of its own range, all started at once, straight to the store.
    fn run_burst(&self, config: &Config) -> Result<Vec<Sample>, String> {
        let (store, target, _servers) = self.prepare(config)?;
        self.create_releases(&target, BURST)?;
        let commands = (0..BURST)
            .map(|g| {
                let mut cmd = self.target_cmd(&target, g);
                cmd.args(self.set_commits_args(g));
                cmd
            })
            .collect();
        let sample = at_once::processes(commands)?;
        self.check(&store, BURST, BURST)?;
        check_rows(config.store, &store, BURST * RANGE)?;
        Ok(vec![sample])
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

/// Reads the store's tables (after its `serve`s have stopped): `commits` commit rows in one
/// repository, so commits bound by several releases at once were stored once.
fn check_rows(kind: StoreKind, store: &str, commits: usize) -> Result<(), String> {
    const COUNTS: &str =
        "SELECT (SELECT count(*) FROM git_commit), (SELECT count(*) FROM repository)";
    let (found, repositories): (i64, i64) = match kind {
        StoreKind::Sqlite => {
            let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
            let conn = rusqlite::Connection::open_with_flags(store, flags)
                .map_err(|e| format!("{store}: {e}"))?;
            conn.query_row(COUNTS, [], |row| Ok((row.get(0)?, row.get(1)?)))
                .map_err(|e| format!("{store}: {e}"))?
        }
        StoreKind::Postgres => {
            let mut client =
                postgres::Client::connect(store, postgres::NoTls).map_err(|e| e.to_string())?;
            let row = client.query_one(COUNTS, &[]).map_err(|e| e.to_string())?;
            (row.get(0), row.get(1))
        }
    };
    if found != commits as i64 || repositories != 1 {
        return Err(format!(
            "the store holds {found} commits in {repositories} repositories, \
             {commits} in 1 expected"
        ));
    }
    Ok(())
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
