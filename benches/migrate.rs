//! Benchmark: `relctl store migrate` of a store holding 20,000 commits, beside PostgreSQL's own
//! loader on the same rows in the same run (`sqlite3 -csv` exporting every table, `psql \copy`
//! loading them into the same schema in one transaction).
//!
//! The synthetic repository (built once with `git fast-import`, cached under target/) has 20,000
//! commits, each changing 3 of 2,000 files; the store binds them to four releases of 5,000
//! commits whose messages fix 200 issues, with deploys. Prints wall time and peak RSS of both and
//! their ratios. Needs a PostgreSQL server: `RELCTL_TEST_POSTGRES` (an admin URL); databases
//! `relctl_mig_bench*` are made and dropped. Run: `RELCTL_TEST_POSTGRES=postgres://... cargo
//! bench --bench migrate`. Not a pass/fail test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fmt::Write as _;
use std::fs::File;
use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

#[path = "common/mod.rs"]
mod common;
use common::{git, measure};

const COMMITS: usize = 20_000;
const FILES: usize = 2_000;
const RELEASES: usize = 4;
const ISSUES: usize = 200;

fn main() {
    let Some(admin) = std::env::var("RELCTL_TEST_POSTGRES")
        .ok()
        .filter(|u| !u.is_empty())
    else {
        eprintln!("skipped: set RELCTL_TEST_POSTGRES to a PostgreSQL admin URL");
        return;
    };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-data");
    std::fs::create_dir_all(&root).unwrap();
    let repo = root.join(format!("migrate-repo-{COMMITS}-{FILES}"));
    if !repo.join("HEAD").exists() {
        eprintln!(
            "building the synthetic repository (once) in {}",
            repo.display()
        );
        build_repo(&repo);
    }
    let shas = git(&repo, &["rev-list", "--reverse", "HEAD"]);
    let shas: Vec<&str> = shas.lines().collect();
    assert_eq!(shas.len(), COMMITS);

    let store = root.join("migrate-bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
    }
    let bare = || {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_relctl"));
        for (key, _) in std::env::vars() {
            if key.starts_with("RELCTL_") || key.starts_with("SENTRY_") {
                cmd.env_remove(key);
            }
        }
        cmd
    };
    let relctl = |args: &[&str]| {
        let mut cmd = bare();
        cmd.arg("--store").arg(&store).args(args);
        cmd
    };
    let ok = |cmd: &mut Command| {
        let out = cmd.stdout(Stdio::null()).output().unwrap();
        assert!(
            out.status.success(),
            "{cmd:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    eprintln!("building the store");
    ok(&mut relctl(&["-q", "project", "create", "Bench"]));
    for i in 0..ISSUES {
        ok(&mut relctl(&[
            "-q",
            "issue",
            "new",
            "-p",
            "bench",
            &format!("Issue {i}"),
        ]));
    }
    let per_release = COMMITS / RELEASES;
    for r in 0..RELEASES {
        let version = format!("1.{r}.0");
        ok(&mut relctl(&[
            "-q", "release", "new", &version, "-p", "bench",
        ]));
        let head = shas[(r + 1) * per_release - 1];
        let range = if r == 0 {
            head.to_string()
        } else {
            format!("{}..{head}", shas[r * per_release - 1])
        };
        ok(&mut relctl(&[
            "-q",
            "--no-progress",
            "release",
            "set-commits",
            &version,
            "--repo",
            repo.to_str().unwrap(),
            "--initial-depth",
            &per_release.to_string(),
            "--commit",
            &format!("bench@{range}"),
        ]));
        ok(&mut relctl(&[
            "-q",
            "deploy",
            "new",
            "-r",
            &version,
            "-e",
            "production",
        ]));
    }
    let size = std::fs::metadata(&store).unwrap().len();

    let target = Db::new(&admin, "relctl_mig_bench");
    let out = root.join("migrate-bench.json");
    let err = root.join("migrate-bench.log");
    let relctl_run = measure(
        bare()
            .args(["--format", "json", "-v", "store", "migrate"])
            .arg("--from")
            .arg(&store)
            .arg("--to")
            .arg(&target.url)
            .stdout(File::create(&out).unwrap())
            .stderr(File::create(&err).unwrap()),
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    let verified = std::fs::read_to_string(&err)
        .unwrap()
        .lines()
        .find(|l| l.starts_with("verified"))
        .unwrap_or("")
        .to_string();

    // The baseline: the same tables exported by sqlite3 and loaded by psql into the same schema.
    let baseline = Db::new(&admin, "relctl_mig_bench_baseline");
    let schema = Command::new("pg_dump")
        .args(["--schema-only", "--no-owner", &target.url])
        .output()
        .unwrap();
    assert!(schema.status.success());
    let mut psql = Command::new("psql")
        .args(["-q", "-v", "ON_ERROR_STOP=1", &baseline.url])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    psql.stdin
        .take()
        .unwrap()
        .write_all(&schema.stdout)
        .unwrap();
    assert!(psql.wait().unwrap().success());
    let tables: Vec<String> = report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap().to_string())
        .collect();
    let csv_dir = root.join("migrate-bench-csv");
    let _ = std::fs::remove_dir_all(&csv_dir);
    std::fs::create_dir_all(&csv_dir).unwrap();
    let mut script = String::from("BEGIN;\n");
    let mut export = String::from(".mode csv\n");
    for table in &tables {
        let file = csv_dir.join(format!("{table}.csv"));
        let _ = writeln!(
            export,
            ".output {}\nSELECT * FROM \"{table}\";",
            file.display()
        );
        let _ = writeln!(
            script,
            "\\copy \"{table}\" FROM '{}' WITH (FORMAT csv)",
            file.display()
        );
    }
    script.push_str("COMMIT;\n");
    let script_file = csv_dir.join("load.sql");
    std::fs::write(&script_file, script).unwrap();
    let export_file = csv_dir.join("export.sql");
    std::fs::write(&export_file, export).unwrap();
    let export_run = measure(
        Command::new("sqlite3")
            .arg(&store)
            .stdin(File::open(&export_file).unwrap()),
    );
    let load_run = measure(Command::new("psql").args([
        "-q",
        "-v",
        "ON_ERROR_STOP=1",
        "-f",
        script_file.to_str().unwrap(),
        &baseline.url,
    ]));
    let baseline_wall = export_run.wall + load_run.wall;

    println!(
        "store: {:.1} MiB, {} rows in {} tables (git_commit {}, commit_file_change {}, release_commit {})",
        size as f64 / 1048576.0,
        report["rows"],
        tables.len(),
        rows_of(&report, "git_commit"),
        rows_of(&report, "commit_file_change"),
        rows_of(&report, "release_commit"),
    );
    println!();
    println!("{:<36} {:>10} {:>12}", "", "wall", "peak RSS");
    println!(
        "{:<36} {:>9.2}s {:>9.1} MiB",
        "sqlite3 -csv export",
        export_run.wall.as_secs_f64(),
        export_run.max_rss_mib()
    );
    println!(
        "{:<36} {:>9.2}s {:>9.1} MiB",
        "psql \\copy load (one transaction)",
        load_run.wall.as_secs_f64(),
        load_run.max_rss_mib()
    );
    println!(
        "{:<36} {:>9.2}s {:>9.1} MiB   ({verified})",
        "relctl store migrate",
        relctl_run.wall.as_secs_f64(),
        relctl_run.max_rss_mib()
    );
    println!(
        "ratio relctl/(sqlite3 + psql): time {:.2}x (relctl also reads every table back and compares it)",
        relctl_run.wall.as_secs_f64() / baseline_wall.as_secs_f64()
    );
}

fn rows_of(report: &serde_json::Value, table: &str) -> u64 {
    report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == table)
        .and_then(|t| t["rows"].as_u64())
        .unwrap_or(0)
}

/// A database made for the run and dropped after it.
struct Db {
    admin: String,
    name: String,
    url: String,
}

impl Db {
    fn new(admin: &str, name: &str) -> Db {
        for sql in [
            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
            format!("CREATE DATABASE {name}"),
        ] {
            let status = Command::new("psql")
                .args(["-q", "-c", &sql, admin])
                .env("PGOPTIONS", "-c client_min_messages=warning")
                .status()
                .unwrap();
            assert!(status.success(), "{sql}");
        }
        let (base, query) = admin.split_once('?').unwrap_or((admin, ""));
        let (server, _) = base.rsplit_once('/').unwrap();
        let query = if query.is_empty() {
            String::new()
        } else {
            format!("?{query}")
        };
        Db {
            admin: admin.to_string(),
            name: name.to_string(),
            url: format!("{server}/{name}{query}"),
        }
    }
}

impl Drop for Db {
    fn drop(&mut self) {
        let _ = Command::new("psql")
            .args([
                "-q",
                "-c",
                &format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
                &self.admin,
            ])
            .status();
    }
}

/// `COMMITS` commits on `main` (seven authors, a minute apart), each changing 3 of `FILES`
/// files; every 25th message fixes one of the `ISSUES` issues.
fn build_repo(repo: &Path) {
    let (mut child, mut input) = common::fast_import(repo);
    for i in 1..=COMMITS {
        let when = 1_600_000_000 + i * 60;
        let who = format!("Dev {0} <dev{0}@example.com> {when} +0000", i % 7);
        let mut message = format!("Change {i}\n\nBody of change {i}.\n");
        if i % 25 == 0 {
            let _ = writeln!(message, "Fixes BENCH-{}", (i / 25) % ISSUES + 1);
        }
        write!(
            input,
            "commit refs/heads/main\nmark :{i}\nauthor {who}\ncommitter {who}\ndata {}\n{message}",
            message.len()
        )
        .unwrap();
        if i > 1 {
            writeln!(input, "from :{}", i - 1).unwrap();
        }
        for k in 0..3 {
            let file = (i * 7 + k * 661) % FILES;
            let content = format!("file {file} change {i}\n");
            write!(
                input,
                "M 100644 inline dir{:02}/file{file:04}.txt\ndata {}\n{content}",
                file % 50,
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
