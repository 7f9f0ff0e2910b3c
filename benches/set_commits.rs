//! Benchmark: set-commits of a 15,000-commit range into a fresh store, beside
//! `git log --name-status` on the same range, in the same run.
//!
//! The synthetic repository (built once with `git fast-import`, cached under target/) has 20,000
//! commits over 5,000 files in 50 directories; the first commit adds every file, each later commit
//! changes 3 files, and every 100th commit merges a 5-commit side branch. Prints wall time and peak
//! RSS of both and their ratios. Run: `cargo bench --bench set_commits`. Not a pass/fail test.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};

#[path = "common/mod.rs"]
mod common;
use common::{git, measure};

const COMMITS: usize = 20_000;
const FILES: usize = 5_000;
const DIRS: usize = 50;
const RANGE: usize = 15_000;

fn main() {
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
    // The previous release's commit: RANGE first-parent steps below HEAD is not quite RANGE commits
    // (merges bring in side commits), so pick the commit that makes rev-list count ~RANGE.
    let mainline = git(&repo, &["rev-list", "--first-parent", "HEAD"]);
    let mainline: Vec<&str> = mainline.lines().collect();
    let mut prev = mainline[RANGE.min(mainline.len() - 1)].to_string();
    for candidate in mainline.iter().take(RANGE + 1).rev() {
        let count: usize = git(
            &repo,
            &["rev-list", "--count", &format!("{candidate}..HEAD")],
        )
        .trim()
        .parse()
        .unwrap();
        if count <= RANGE {
            break;
        }
        prev = candidate.to_string();
    }
    let range = format!("{prev}..HEAD");
    let count = git(&repo, &["rev-list", "--count", &range]);
    println!("range {range}: {} commits", count.trim());

    let git_run = measure(
        Command::new("git")
            .args(["-C", repo.to_str().unwrap(), "log", "--name-status", &range])
            .stdout(Stdio::null()),
    );

    let store = root.join("bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", store.display()));
    }
    let relctl = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_relctl"));
        cmd.arg("--store")
            .arg(&store)
            .args(args)
            .env_remove("RELCTL_URL")
            .env_remove("SENTRY_URL");
        cmd
    };
    assert!(
        relctl(&["-q", "project", "create", "Bench"])
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    assert!(
        relctl(&["-q", "release", "new", "1.0.0", "-p", "bench"])
            .stdout(Stdio::null())
            .status()
            .unwrap()
            .success()
    );
    let spec = format!("acme/bench@{range}");
    let relctl_run = measure(
        relctl(&[
            "-q",
            "--no-progress",
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.to_str().unwrap(),
            "--commit",
            &spec,
        ])
        .stdout(Stdio::null()),
    );
    let info = relctl(&["--format", "json", "release", "info", "1.0.0"])
        .output()
        .unwrap();
    let info: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    println!("relctl bound {} commits", info["commitCount"]);

    println!();
    println!("{:<28} {:>10} {:>12}", "", "wall", "peak RSS");
    println!(
        "{:<28} {:>9.2}s {:>9.1} MiB",
        "git log --name-status",
        git_run.wall.as_secs_f64(),
        git_run.max_rss_mib()
    );
    println!(
        "{:<28} {:>9.2}s {:>9.1} MiB",
        "relctl release set-commits",
        relctl_run.wall.as_secs_f64(),
        relctl_run.max_rss_mib()
    );
    println!(
        "ratio relctl/git: time {:.2}x (goal <= 2x), memory {:.2}x; relctl peak {:.1} MiB (goal < 128 MiB)",
        relctl_run.wall.as_secs_f64() / git_run.wall.as_secs_f64(),
        relctl_run.max_rss_mib() / git_run.max_rss_mib(),
        relctl_run.max_rss_mib()
    );
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
