//! Benchmark: `relctl release set-commits` beside `git log --name-status` on the same commits,
//! and beside sentry-cli against `relctl serve`, in one run. A measurement, not a pass/fail test
//! of speed: it exits 1 only when a relctl run bound a wrong number of commits.
//!
//! **relctl vs git.** relctl (the release build) binds the commits into a fresh SQLite store
//! (`--store`) made for each run; git reads the same commits from the same repository. Rows:
//! - `synthetic range`: the ~15,000 commits PREV..HEAD of a synthetic repository, built once with
//!   `git fast-import` and cached under target/bench-data: 20,000 commits over 5,000 files in 50
//!   directories; the first commit adds every file, each later one changes 3, and every 100th
//!   merges a 5-commit side branch. `git log --name-status PREV..HEAD` against
//!   `relctl release set-commits 1.0.0 --commit acme/bench@PREV..HEAD`.
//! - `synthetic first release`: the same repository, no previous release:
//!   `git log --name-status -n 15000 HEAD` against `... --commit acme/bench@HEAD
//!   --initial-depth 15000`.
//! - `git/git v2.42.0..v2.43.0` (680 commits) and `git/git all` (every commit of HEAD, relctl
//!   with `--initial-depth 1000000`), when `RELCTL_BENCH_GIT_REPO` names a clone of git/git, bare
//!   or not: `git clone --bare https://github.com/git/git.git /path/git.git`.
//!
//! git log shows no files for a merge commit, where relctl lists its changes against its first
//! parent (Sentry's patch_set): each round also times `git log --name-status
//! --diff-merges=first-parent` on the same commits, the same work, in a second table.
//!
//! Each row runs `RELCTL_BENCH_RUNS` rounds (default 3; at most 3 for `git/git all`), each round
//! one git run and one relctl run, in alternating order, and shows each side's median wall time,
//! its largest peak RSS (the process's own, from wait4) and the relctl/git ratios. Every relctl
//! run is checked to have bound as many commits as `git rev-list --count` counts.
//!
//! **sentry-cli vs relctl**, both clients of one `relctl serve` on a loopback port (its work is in
//! both wall times, its memory in neither RSS), run in the synthetic repository:
//! - range: release 1.0.0 from HEAD back to where release 0.9.0 ended (PREV):
//!   `sentry-cli releases set-commits 1.0.0 --local` against `relctl release set-commits 1.0.0`
//!   (`--auto`);
//! - first release: `... set-commits 2.0.0 --local --initial-depth 15000` against
//!   `relctl release set-commits 2.0.0 --initial-depth 15000`, with no previous release.
//!
//! relctl also gets `--repo-name acme/bench`, the repository 0.9.0's commits were bound to:
//! relctl looks for the previous release's head in the repository of that name (sentry-cli takes
//! the previous release's last commit, whatever its repository). Every run gets a fresh
//! organization on the server (holding release 0.9.0 at PREV for the range), so each tool sees
//! the same previous release, or none. sentry-cli runs once per
//! workload (it takes ~20 s), relctl `RELCTL_BENCH_RUNS` times. The sentry-cli binary is
//! `RELCTL_BENCH_SENTRY_CLI`, else `sentry-cli` on PATH (`pip install sentry-cli==3.8.2`; a pyenv
//! shim adds ~50 ms, `RELCTL_BENCH_SENTRY_CLI="$(pyenv which sentry-cli)"` avoids it); without
//! one this part is skipped.
//!
//! Run: `cargo bench --bench set_commits`; with every row:
//! `RELCTL_BENCH_GIT_REPO=/path/git.git cargo bench --bench set_commits`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

#[path = "common/mod.rs"]
mod common;
use common::{Run, git, measure, measure_status};

const COMMITS: usize = 20_000;
const FILES: usize = 5_000;
const DIRS: usize = 50;
/// Commits in the synthetic range, and the depth of the synthetic first releases.
const RANGE: usize = 15_000;
const BIN: &str = env!("CARGO_BIN_EXE_relctl");
/// The most rounds of `git/git all`, whose git side alone takes seconds.
const SLOW_ROUNDS: usize = 3;
/// The goal for relctl's time over git's.
const TIME_GOAL: f64 = 1.0;
/// The goal for sentry-cli's time over relctl's.
const SPEEDUP_GOAL: f64 = 20.0;
/// The token scopes the sentry-cli comparison's server grants.
const SCOPES: &str = "project:releases,org:read";

/// The goal for relctl's peak RSS on a row, in MiB.
#[derive(Clone, Copy)]
enum PeakGoal {
    AtMost(f64),
    Below(f64),
}

impl PeakGoal {
    fn met(self, mib: f64) -> bool {
        match self {
            PeakGoal::AtMost(limit) => mib <= limit,
            PeakGoal::Below(limit) => mib < limit,
        }
    }
}

impl fmt::Display for PeakGoal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PeakGoal::AtMost(limit) => write!(f, "<= {limit:.0} MiB"),
            PeakGoal::Below(limit) => write!(f, "< {limit:.0} MiB"),
        }
    }
}

/// One row of the relctl-vs-git table: `git log --name-status REVS` and
/// `relctl release set-commits 1.0.0 --repo REPO ARGS` on a fresh store, `git rev-list --count
/// REVS` commits.
struct Row {
    name: &'static str,
    repo: PathBuf,
    revs: Vec<String>,
    relctl: Vec<String>,
    rounds: usize,
    peak_goal: PeakGoal,
}

/// The rows: the synthetic ones, and git/git's when there is a clone of it.
fn rows(synthetic: &Path, prev: &str, gitgit: Option<&Path>, rounds: usize) -> Vec<Row> {
    let depth = RANGE.to_string();
    let synthetic_goal = PeakGoal::AtMost(64.0);
    let gitgit_goal = PeakGoal::Below(128.0);
    let row = |name, repo: &Path, revs: &[&str], relctl: &[&str], rounds, peak_goal| Row {
        name,
        repo: repo.to_path_buf(),
        revs: strings(revs),
        relctl: strings(relctl),
        rounds,
        peak_goal,
    };
    let range = format!("{prev}..HEAD");
    let mut rows = vec![
        row(
            "synthetic range",
            synthetic,
            &[&range],
            &["--commit", &format!("acme/bench@{range}")],
            rounds,
            synthetic_goal,
        ),
        row(
            "synthetic first release",
            synthetic,
            &["-n", &depth, "HEAD"],
            &["--commit", "acme/bench@HEAD", "--initial-depth", &depth],
            rounds,
            synthetic_goal,
        ),
    ];
    if let Some(repo) = gitgit {
        rows.push(row(
            "git/git v2.42.0..v2.43.0",
            repo,
            &["v2.42.0..v2.43.0"],
            &["--commit", "acme/git@v2.42.0..v2.43.0"],
            rounds,
            gitgit_goal,
        ));
        rows.push(row(
            "git/git all",
            repo,
            &["HEAD"],
            &["--commit", "acme/git@HEAD", "--initial-depth", "1000000"],
            rounds.min(SLOW_ROUNDS),
            gitgit_goal,
        ));
    }
    rows
}

/// A workload of the sentry-cli comparison: each tool's `set-commits VERSION ARGS`, run in the
/// synthetic repository, in an organization holding project `bench` and release VERSION (and
/// release 0.9.0 ending at `previous`, when there is one).
struct Versus {
    name: &'static str,
    /// Names the organizations of its runs.
    key: &'static str,
    version: &'static str,
    previous: Option<String>,
    sentry: Vec<String>,
    relctl: Vec<String>,
    commits: usize,
}

fn versus_workloads(prev: &str, range_commits: usize) -> Vec<Versus> {
    let depth = RANGE.to_string();
    vec![
        Versus {
            name: "range 0.9.0..HEAD",
            key: "range",
            version: "1.0.0",
            previous: Some(prev.to_string()),
            sentry: strings(&["--local"]),
            relctl: strings(&["--repo-name", "acme/bench"]),
            commits: range_commits,
        },
        Versus {
            name: "first release",
            key: "first",
            version: "2.0.0",
            previous: None,
            sentry: strings(&["--local", "--initial-depth", &depth]),
            relctl: strings(&["--repo-name", "acme/bench", "--initial-depth", &depth]),
            commits: RANGE,
        },
    ]
}

/// One side's runs: the median wall time and the largest peak RSS.
struct Summary {
    wall: Duration,
    rss_mib: f64,
}

impl Summary {
    fn of(runs: &[Run]) -> Summary {
        let mut walls: Vec<Duration> = runs.iter().map(|r| r.wall).collect();
        walls.sort();
        let n = walls.len();
        let wall = if n % 2 == 1 {
            walls[n / 2]
        } else {
            (walls[n / 2 - 1] + walls[n / 2]) / 2
        };
        let rss_mib = runs.iter().map(Run::max_rss_mib).fold(0.0, f64::max);
        Summary { wall, rss_mib }
    }
}

/// What a row's rounds gave, and the commit counts of relctl runs that bound a wrong number.
struct RowResult {
    commits: usize,
    git: Summary,
    /// `git log --name-status --diff-merges=first-parent`: the same patch sets relctl computes.
    git_same_work: Summary,
    relctl: Summary,
    wrong: Vec<usize>,
}

/// What a comparison workload gave: sentry-cli's run and count, or how it failed.
struct VersusResult {
    sentry: Result<(Run, usize), String>,
    relctl: Summary,
    wrong: Vec<usize>,
}

fn main() {
    let started = Instant::now();
    let rounds: usize = std::env::var("RELCTL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&root).unwrap();
    let repo = root.join(format!("repo-{COMMITS}-{FILES}"));
    if !repo.join("HEAD").exists() {
        eprintln!(
            "building the synthetic repository (once) in {}",
            repo.display()
        );
        build_repo(&repo);
    }
    let prev = pick_prev(&repo);
    let gitgit = gitgit_repo();
    let sentry = sentry_cli();
    let bench = Bench::new(&root);
    println!(
        "rounds per row: {rounds}; {} cores; load average before: {}",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        loadavg()
    );
    println!(
        "relctl built from {}; {}",
        git(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &["describe", "--always", "--dirty"]
        )
        .trim(),
        git(&repo, &["--version"]).trim()
    );
    println!("synthetic repository {}, PREV {prev}", repo.display());

    let rows = rows(&repo, &prev, gitgit.as_deref(), rounds);
    let results: Vec<RowResult> = rows.iter().map(|row| bench.row(row)).collect();
    let mut failed = results.iter().any(|r| !r.wrong.is_empty());
    let versus = sentry.map(|(bin, version)| {
        let works = versus_workloads(&prev, results[0].commits);
        let results = Comparison::run(&bench, &bin, &repo, &works, rounds);
        (version, works, results)
    });

    println!();
    print_rows(&rows, &results);
    if let Some((version, works, results)) = &versus {
        println!();
        print_versus(version, works, results);
        failed |= results.iter().any(|r| !r.wrong.is_empty());
    }
    println!();
    println!(
        "total {:.0} s; load average after: {}",
        started.elapsed().as_secs_f64(),
        loadavg()
    );
    if failed {
        std::process::exit(1);
    }
}

/// The previous release's commit for the synthetic range: `RANGE` first-parent steps below HEAD
/// is more than `RANGE` commits (merges bring in side commits), so it is the mainline commit
/// nearest HEAD (among the `RANGE + 1` nearest) whose range to HEAD holds more than `RANGE`
/// commits, else the `RANGE`th. The counts grow along the mainline: a binary search finds it.
fn pick_prev(repo: &Path) -> String {
    let mainline = git(repo, &["rev-list", "--first-parent", "HEAD"]);
    let mainline: Vec<&str> = mainline.lines().collect();
    let count = |i: usize| rev_count(repo, &[format!("{}..HEAD", mainline[i])]);
    let (mut low, mut high) = (0, RANGE.min(mainline.len() - 1));
    while low < high {
        let mid = (low + high) / 2;
        if count(mid) > RANGE {
            high = mid;
        } else {
            low = mid + 1;
        }
    }
    mainline[low].to_string()
}

fn rev_count(repo: &Path, revs: &[String]) -> usize {
    let mut args = vec!["rev-list", "--count"];
    args.extend(revs.iter().map(String::as_str));
    git(repo, &args).trim().parse().unwrap()
}

/// The git/git clone `RELCTL_BENCH_GIT_REPO` names, or None (and why).
fn gitgit_repo() -> Option<PathBuf> {
    let how = "git clone --bare https://github.com/git/git.git /path/git.git, then \
               RELCTL_BENCH_GIT_REPO=/path/git.git cargo bench --bench set_commits";
    let Some(path) = std::env::var_os("RELCTL_BENCH_GIT_REPO").filter(|p| !p.is_empty()) else {
        println!("RELCTL_BENCH_GIT_REPO is not set: no git/git rows. For them: {how}");
        return None;
    };
    let path = PathBuf::from(path);
    let tags = ["v2.42.0^{commit}", "v2.43.0^{commit}"].iter().all(|tag| {
        Command::new("git")
            .arg("-C")
            .arg(&path)
            .args(["rev-parse", "--quiet", "--verify", tag])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success())
    });
    if !tags {
        println!(
            "RELCTL_BENCH_GIT_REPO={} is not a git/git clone (no v2.42.0 and v2.43.0): no git/git \
             rows. For them: {how}",
            path.display()
        );
        return None;
    }
    Some(path)
}

/// The sentry-cli to compare with and its version (`RELCTL_BENCH_SENTRY_CLI`, else `sentry-cli`
/// on PATH), or None (and why).
fn sentry_cli() -> Option<(PathBuf, String)> {
    let bin = std::env::var_os("RELCTL_BENCH_SENTRY_CLI")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|dir| dir.join("sentry-cli"))
                .find(|bin| bin.is_file())
        });
    let version = bin.as_ref().and_then(|bin| {
        let out = Command::new(bin)
            .arg("--version")
            .env("SENTRY_DISABLE_UPDATE_CHECK", "1")
            .output()
            .ok()
            .filter(|out| out.status.success())?;
        Some(String::from_utf8_lossy(&out.stdout).trim().to_string())
    });
    match (bin, version) {
        (Some(bin), Some(version)) => Some((bin, version)),
        (bin, _) => {
            let found = bin.map_or("no sentry-cli".into(), |b| format!("{} fails", b.display()));
            println!(
                "{found} (RELCTL_BENCH_SENTRY_CLI, else sentry-cli on PATH): no sentry-cli \
                 comparison. For it: pip install sentry-cli==3.8.2"
            );
            None
        }
    }
}

/// The scratch directory (stores, an empty config file, sentry-cli's HOME), removed at the end.
struct Bench {
    dir: tempfile::TempDir,
    config: PathBuf,
}

impl Bench {
    fn new(root: &Path) -> Bench {
        let dir = tempfile::tempdir_in(root).unwrap();
        let config = dir.path().join("empty.toml");
        std::fs::write(&config, "").unwrap();
        Bench { dir, config }
    }

    /// A relctl command reading no config file and none of the caller's `RELCTL_`/`SENTRY_`
    /// variables.
    fn relctl(&self) -> Command {
        let mut cmd = Command::new(BIN);
        clear_env(&mut cmd, &["RELCTL_", "SENTRY_"]);
        cmd.env("RELCTL_CONFIG", &self.config).stdin(Stdio::null());
        cmd
    }

    fn on_store(&self, store: &Path) -> Command {
        let mut cmd = self.relctl();
        cmd.arg("--store").arg(store);
        cmd
    }

    /// A new store holding project `bench` and its release 1.0.0.
    fn fresh_store(&self) -> PathBuf {
        let store = self.dir.path().join("local.db");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
        }
        run_ok(
            self.on_store(&store)
                .args(["-q", "project", "create", "Bench"]),
        );
        run_ok(
            self.on_store(&store)
                .args(["-q", "release", "new", "1.0.0", "-p", "bench"]),
        );
        store
    }

    /// A row's rounds: git and relctl, in alternating order, relctl on a fresh store each time.
    fn row(&self, row: &Row) -> RowResult {
        let commits = rev_count(&row.repo, &row.revs);
        let (mut git_runs, mut relctl_runs, mut wrong) = (Vec::new(), Vec::new(), Vec::new());
        let mut same_work_runs = Vec::new();
        for round in 0..row.rounds {
            let store = self.fresh_store();
            let git_log = |extra: &[&str]| {
                let mut cmd = Command::new("git");
                cmd.arg("-C")
                    .arg(&row.repo)
                    .args(["log", "--name-status"])
                    .args(extra)
                    .args(&row.revs)
                    .stdout(Stdio::null());
                cmd
            };
            let mut git_cmd = git_log(&[]);
            // git log shows no files for a merge; relctl lists a merge's changes against its
            // first parent (Sentry's patch_set), which this asks git for too.
            let same_work = measure(&mut git_log(&["--diff-merges=first-parent"]));
            let mut relctl_cmd = self.on_store(&store);
            relctl_cmd
                .args([
                    "-q",
                    "--no-progress",
                    "release",
                    "set-commits",
                    "1.0.0",
                    "--repo",
                ])
                .arg(&row.repo)
                .args(&row.relctl)
                .stdout(Stdio::null());
            let (git_run, relctl_run) = if round % 2 == 0 {
                let git_run = measure(&mut git_cmd);
                (git_run, measure(&mut relctl_cmd))
            } else {
                let relctl_run = measure(&mut relctl_cmd);
                (measure(&mut git_cmd), relctl_run)
            };
            let bound = commit_count(self.on_store(&store), "1.0.0");
            eprintln!(
                "{} round {}/{}: git {} (merges first-parent {}), relctl {}, {bound} of {commits} commits bound",
                row.name,
                round + 1,
                row.rounds,
                brief(&git_run),
                brief(&same_work),
                brief(&relctl_run)
            );
            same_work_runs.push(same_work);
            if bound != commits {
                wrong.push(bound);
            }
            git_runs.push(git_run);
            relctl_runs.push(relctl_run);
        }
        RowResult {
            commits,
            git: Summary::of(&git_runs),
            git_same_work: Summary::of(&same_work_runs),
            relctl: Summary::of(&relctl_runs),
            wrong,
        }
    }
}

/// The sentry-cli comparison: one server, each run in a fresh organization of it, both tools
/// run in the synthetic repository.
struct Comparison<'a> {
    bench: &'a Bench,
    server: Server,
    repo: &'a Path,
    sentry: &'a Path,
}

impl Comparison<'_> {
    fn run(
        bench: &Bench,
        sentry: &Path,
        repo: &Path,
        works: &[Versus],
        rounds: usize,
    ) -> Vec<VersusResult> {
        let server = Server::start(bench);
        println!("relctl serve on {} (token scopes {SCOPES})", server.base);
        let comparison = Comparison {
            bench,
            server,
            repo,
            sentry,
        };
        works
            .iter()
            .map(|work| comparison.workload(work, rounds))
            .collect()
    }

    /// sentry-cli once, then relctl `rounds` times.
    fn workload(&self, work: &Versus, rounds: usize) -> VersusResult {
        let sentry = self.sentry_run(&format!("sentry-{}", work.key), work);
        match &sentry {
            Ok((run, bound)) => eprintln!(
                "{}: sentry-cli {}, {bound} of {} commits bound",
                work.name,
                brief(run),
                work.commits
            ),
            Err(_) => eprintln!("{}: sentry-cli FAILED (below)", work.name),
        }
        let (mut runs, mut wrong) = (Vec::new(), Vec::new());
        for round in 1..=rounds {
            let (run, bound) = self.relctl_run(&format!("relctl-{}-{round}", work.key), work);
            eprintln!(
                "{} round {round}/{rounds}: relctl {}, {bound} of {} commits bound",
                work.name,
                brief(&run),
                work.commits
            );
            if bound != work.commits {
                wrong.push(bound);
            }
            runs.push(run);
        }
        VersusResult {
            sentry,
            relctl: Summary::of(&runs),
            wrong,
        }
    }

    /// A relctl command through the server, in organization `org`.
    fn through(&self, org: &str) -> Command {
        let mut cmd = self.bench.relctl();
        cmd.args(["--url", &self.server.base, "-o", org])
            .env("RELCTL_AUTH_TOKEN", &self.server.token);
        cmd
    }

    /// Makes organization `org` (on the store: creating organizations and projects is local
    /// only, or needs more scopes) and, through the server, the releases `work` starts from:
    /// release 0.9.0 ending at `work.previous` when there is one, then release `work.version`.
    fn organization(&self, org: &str, work: &Versus) {
        let store = &self.server.store;
        run_ok(
            self.bench
                .on_store(store)
                .args(["-q", "org", "create", org]),
        );
        run_ok(
            self.bench
                .on_store(store)
                .args(["-q", "-o", org, "project", "create", "Bench"]),
        );
        if let Some(prev) = &work.previous {
            run_ok(
                self.through(org)
                    .args(["-q", "release", "new", "0.9.0", "-p", "bench"]),
            );
            run_ok(
                self.through(org)
                    .args([
                        "-q",
                        "--no-progress",
                        "release",
                        "set-commits",
                        "0.9.0",
                        "--repo",
                    ])
                    .arg(self.repo)
                    .args(["--commit", &format!("acme/bench@{prev}^..{prev}")]),
            );
            let info = release_info(self.through(org), "0.9.0");
            assert_eq!(
                info["lastCommit"]["id"],
                prev.as_str(),
                "release 0.9.0 ends elsewhere"
            );
        }
        run_ok(
            self.through(org)
                .args(["-q", "release", "new", work.version, "-p", "bench"]),
        );
    }

    /// relctl's run of a workload in a new organization `org`: the run and the commits bound.
    fn relctl_run(&self, org: &str, work: &Versus) -> (Run, usize) {
        self.organization(org, work);
        let run = measure(
            self.through(org)
                .current_dir(self.repo)
                .args([
                    "-q",
                    "--no-progress",
                    "release",
                    "set-commits",
                    work.version,
                ])
                .args(&work.relctl)
                .stdout(Stdio::null()),
        );
        (run, commit_count(self.through(org), work.version))
    }

    /// sentry-cli's run of a workload in a new organization `org`: the run and the commits
    /// bound, or how it failed (its stderr and the server's log of it).
    fn sentry_run(&self, org: &str, work: &Versus) -> Result<(Run, usize), String> {
        self.organization(org, work);
        let stderr_path = self.bench.dir.path().join(format!("{org}.stderr"));
        let mut cmd = Command::new(self.sentry);
        clear_env(&mut cmd, &["SENTRY_"]);
        cmd.env("SENTRY_URL", &self.server.base)
            .env("SENTRY_AUTH_TOKEN", &self.server.token)
            .env("SENTRY_ORG", org)
            .env("SENTRY_PROJECT", "bench")
            .env("SENTRY_DISABLE_UPDATE_CHECK", "1")
            .env("SENTRY_LOAD_DOTENV", "0")
            .env("SENTRY_NO_PROGRESS_BARS", "1")
            // No ~/.sentryclirc of the caller's.
            .env("HOME", self.bench.dir.path())
            .current_dir(self.repo)
            .args(["releases", "set-commits", work.version])
            .args(&work.sentry)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(std::fs::File::create(&stderr_path).unwrap());
        let log_start = self.server.log_len();
        let (run, status) = measure_status(&mut cmd);
        if !status.success() {
            let stderr = std::fs::read_to_string(&stderr_path).unwrap_or_default();
            return Err(format!(
                "sentry-cli releases set-commits {} {}: {status}\n--- its stderr:\n{}\n--- serve's \
                 log of it:\n{}",
                work.version,
                work.sentry.join(" "),
                stderr.trim_end(),
                self.server.log_since(log_start).join("\n")
            ));
        }
        Ok((run, commit_count(self.through(org), work.version)))
    }
}

/// Removes from `cmd`'s environment every variable of the caller's with one of these prefixes.
fn clear_env(cmd: &mut Command, prefixes: &[&str]) {
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy().into_owned();
        if prefixes.iter().any(|p| key.starts_with(p)) {
            cmd.env_remove(&key);
        }
    }
}

/// Runs a setup command to completion, its stdout; a failure ends the bench.
fn run_ok(cmd: &mut Command) -> String {
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{cmd:?}: {}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr).trim()
    );
    String::from_utf8(out.stdout).unwrap()
}

/// `relctl --format json release info VERSION`, with `cmd` aimed at a store or a server.
fn release_info(mut cmd: Command, version: &str) -> Value {
    let out = run_ok(cmd.args(["--format", "json", "release", "info", version]));
    serde_json::from_str(&out).unwrap()
}

fn commit_count(cmd: Command, version: &str) -> usize {
    let info = release_info(cmd, version);
    info["commitCount"].as_u64().expect("commitCount") as usize
}

/// A running `relctl serve` on a loopback port, over a store of its own holding one token; its
/// log kept; stopped with SIGTERM when dropped.
struct Server {
    child: Child,
    base: String,
    token: String,
    store: PathBuf,
    log: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(bench: &Bench) -> Server {
        let store = bench.dir.path().join("serve.db");
        let out = run_ok(bench.on_store(&store).args([
            "--format", "json", "token", "create", "--scopes", SCOPES, "--name", "bench",
        ]));
        let token: Value = serde_json::from_str(&out).unwrap();
        let token = token["token"].as_str().unwrap().to_string();
        let mut child = bench
            .on_store(&store)
            .args(["serve", "--bind", "127.0.0.1:0"])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        // It prints its address once it listens.
        let base = loop {
            let line = lines.next().expect("relctl serve exited").unwrap();
            if let Some(at) = line.find("http://") {
                let url = line[at..].split_whitespace().next().unwrap();
                break url.trim_end_matches('/').to_string();
            }
        };
        // Keep the per-request log (so the server never blocks on a full pipe).
        let log = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in lines.map_while(Result::ok) {
                kept.lock().unwrap().push(line);
            }
        });
        Server {
            child,
            base,
            token,
            store,
            log,
        }
    }

    fn log_len(&self) -> usize {
        self.log.lock().unwrap().len()
    }

    fn log_since(&self, start: usize) -> Vec<String> {
        self.log.lock().unwrap()[start..].to_vec()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        unsafe { libc::kill(self.child.id() as libc::pid_t, libc::SIGTERM) };
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

fn print_rows(rows: &[Row], results: &[RowResult]) {
    println!(
        "{:<26} {:>8} {:>9} {:>10} {:>12} {:>11} {:>11} {:>10}   goals: time <= {TIME_GOAL:.2}x, relctl peak",
        "work",
        "commits",
        "git wall",
        "git RSS",
        "relctl wall",
        "relctl RSS",
        "time ratio",
        "mem ratio"
    );
    for (row, result) in rows.iter().zip(results) {
        let time_ratio = result.relctl.wall.as_secs_f64() / result.git.wall.as_secs_f64();
        println!(
            "{:<26} {:>8} {:>9} {:>10} {:>12} {:>11} {:>10.2}x {:>9.2}x   {}, {} {}",
            row.name,
            result.commits,
            secs(result.git.wall),
            mib(result.git.rss_mib),
            secs(result.relctl.wall),
            mib(result.relctl.rss_mib),
            time_ratio,
            result.relctl.rss_mib / result.git.rss_mib,
            met(time_ratio <= TIME_GOAL),
            row.peak_goal,
            met(row.peak_goal.met(result.relctl.rss_mib)),
        );
        for bound in &result.wrong {
            println!(
                "  WRONG: a relctl run bound {bound} commits, not {}",
                result.commits
            );
        }
    }
    println!(
        "medians of each side's runs; RSS: the largest peak; ratios relctl/git. Goals: time ratio \
         <= {TIME_GOAL:.2}x; relctl peak <= 64 MiB (synthetic), < 128 MiB (git/git)"
    );
    println!();
    println!(
        "The same work: git log shows no files for merges; relctl lists a merge's changes \
         against its first parent, as git log --name-status --diff-merges=first-parent does"
    );
    println!(
        "{:<26} {:>8} {:>22} {:>12} {:>11}",
        "work", "commits", "git first-parent wall", "relctl wall", "time ratio"
    );
    for (row, result) in rows.iter().zip(results) {
        println!(
            "{:<26} {:>8} {:>22} {:>12} {:>10.2}x",
            row.name,
            result.commits,
            secs(result.git_same_work.wall),
            secs(result.relctl.wall),
            result.relctl.wall.as_secs_f64() / result.git_same_work.wall.as_secs_f64(),
        );
    }
}

fn print_versus(version: &str, works: &[Versus], results: &[VersusResult]) {
    println!("{version} vs relctl, both through relctl serve (each run in a fresh organization)");
    println!(
        "{:<26} {:>8} {:>16} {:>15} {:>12} {:>11} {:>10} {:>10}",
        "work",
        "commits",
        "sentry-cli wall",
        "sentry-cli RSS",
        "relctl wall",
        "relctl RSS",
        "speed-up",
        "mem ratio"
    );
    for (work, result) in works.iter().zip(results) {
        let relctl = &result.relctl;
        let sentry = match &result.sentry {
            Ok((run, _)) => format!("{:>16} {:>15}", secs(run.wall), mib(run.max_rss_mib())),
            Err(_) => format!("{:>32}", "FAILED"),
        };
        let ratios = match &result.sentry {
            Ok((run, _)) => format!(
                "{:>9.1}x {:>9.1}x",
                run.wall.as_secs_f64() / relctl.wall.as_secs_f64(),
                run.max_rss_mib() / relctl.rss_mib
            ),
            Err(_) => format!("{:>10} {:>10}", "-", "-"),
        };
        println!(
            "{:<26} {:>8} {sentry} {:>12} {:>11} {ratios}",
            work.name,
            work.commits,
            secs(relctl.wall),
            mib(relctl.rss_mib),
        );
    }
    for (work, result) in works.iter().zip(results) {
        match &result.sentry {
            Ok((run, bound)) => {
                let speedup = run.wall.as_secs_f64() / result.relctl.wall.as_secs_f64();
                println!(
                    "{}: relctl is {speedup:.1}x faster than sentry-cli (goal >= {SPEEDUP_GOAL:.0}x: \
                     {}), with {:.1}x less memory",
                    work.name,
                    met(speedup >= SPEEDUP_GOAL),
                    run.max_rss_mib() / result.relctl.rss_mib
                );
                if *bound != work.commits {
                    println!("  sentry-cli bound {bound} commits, not {}", work.commits);
                }
            }
            Err(failure) => println!("{}: sentry-cli FAILED: {failure}", work.name),
        }
        for bound in &result.wrong {
            println!(
                "  WRONG: a relctl run bound {bound} commits, not {}",
                work.commits
            );
        }
    }
    println!(
        "relctl: median of its runs, sentry-cli: one run; RSS: the largest peak (serve's not \
         counted); speed-up and mem ratio: sentry-cli/relctl"
    );
}

fn met(yes: bool) -> &'static str {
    if yes { "met" } else { "NOT met" }
}

fn secs(d: Duration) -> String {
    format!("{:.2} s", d.as_secs_f64())
}

fn mib(value: f64) -> String {
    format!("{value:.1} MiB")
}

fn brief(run: &Run) -> String {
    format!("{} {}", secs(run.wall), mib(run.max_rss_mib()))
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|s| s.to_string()).collect()
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|s| s.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "?".into())
}

fn path_of(file: usize) -> String {
    format!("dir{:02}/file{:04}.txt", file % DIRS, file)
}

/// Streams the history into `git fast-import`.
fn build_repo(repo: &Path) {
    let (mut child, mut input) = common::fast_import(repo);
    let mut mark = 0usize;
    let mut time = 1_600_000_000u64;
    let mut state: u64 = 0x9e3779b97f4a7c15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut commit = |input: &mut dyn Write,
                      branch: &str,
                      parents: &[usize],
                      files: &[(String, String)],
                      message: &str|
     -> usize {
        mark += 1;
        time += 60;
        writeln!(input, "commit refs/heads/{branch}\nmark :{mark}").unwrap();
        let who = format!(
            "Dev {} <dev{}@example.com> {time} +0000",
            mark % 7,
            mark % 7
        );
        writeln!(input, "author {who}\ncommitter {who}").unwrap();
        writeln!(input, "data {}\n{message}", message.len()).unwrap();
        if let Some(first) = parents.first() {
            writeln!(input, "from :{first}").unwrap();
        }
        for other in parents.iter().skip(1) {
            writeln!(input, "merge :{other}").unwrap();
        }
        for (path, content) in files {
            writeln!(
                input,
                "M 100644 inline {path}\ndata {}\n{content}",
                content.len()
            )
            .unwrap();
        }
        writeln!(input).unwrap();
        mark
    };
    let all: Vec<(String, String)> = (0..FILES)
        .map(|f| (path_of(f), format!("file {f} v0\n")))
        .collect();
    let mut head = commit(&mut input, "main", &[], &all, "Initial import");
    let mut made = 1;
    while made < COMMITS {
        if made % 100 == 0 && made + 6 <= COMMITS {
            // A 5-commit side branch from here, merged back.
            let mut side = head;
            for s in 0..5 {
                let files: Vec<(String, String)> = (0..3)
                    .map(|_| {
                        let f = (next() as usize) % FILES;
                        (path_of(f), format!("file {f} side {made} {s}\n"))
                    })
                    .collect();
                side = commit(
                    &mut input,
                    "side",
                    &[side],
                    &files,
                    &format!("Side work {made}.{s}"),
                );
            }
            let files = vec![(path_of(made % FILES), format!("merge {made}\n"))];
            head = commit(
                &mut input,
                "main",
                &[head, side],
                &files,
                &format!("Merge side branch {made}"),
            );
            made += 6;
            continue;
        }
        let files: Vec<(String, String)> = (0..3)
            .map(|_| {
                let f = (next() as usize) % FILES;
                (path_of(f), format!("file {f} change {made}\n"))
            })
            .collect();
        head = commit(
            &mut input,
            "main",
            &[head],
            &files,
            &format!("Change {made}: Fixes BENCH-{}", made % 50 + 1),
        );
        made += 1;
    }
    input.flush().unwrap();
    drop(input);
    assert!(child.wait().unwrap().success());
}
