//! Benchmark: what the `--auto` rule (cli.md; issue 19) costs on a long release history, beside
//! the `git rev-list` it is defined by. A measurement, not a pass/fail test of speed: it exits 1
//! only when relctl bound a different set of commits than the oracle counts.
//!
//! On a clone of git/git (`RELCTL_BENCH_GIT_REPO`, bare or not) every tag becomes a release of
//! one project, in the order the tags were made (a release per tag, about 1,000: a real history
//! with maintenance branches next to main), each bound to its tag by `--commit
//! git/git@TAG~1..TAG` (one commit each, so the setup stays a few minutes; the head is what
//! counts). Then, in each of `RELCTL_BENCH_RUNS` rounds (default 3), alternating which goes
//! first:
//! - git: `git rev-list HEAD --not TAG1 TAG2 ...` over every tag's commit;
//! - relctl (the release build): `release set-commits next --repo-name git/git` at HEAD by the
//!   `--auto` rule: one query for the earlier heads (at most 1,000 releases), the walk hiding
//!   them all, and the binding. The release is deleted again after each round.
//!
//! It prints the setup's mean time per release, each side's median wall time, relctl's peak RSS,
//! the relctl/git ratio, and whether relctl bound the oracle's commits. `RELCTL_BENCH_RELEASES=N`
//! keeps the N newest tags only.

// A bench is a program that stops on any failure; unwrap says so shortest.
#![allow(clippy::unwrap_used, clippy::expect_used)]

#[path = "common/mod.rs"]
mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{Run, git, measure};

const BIN: &str = env!("CARGO_BIN_EXE_relctl");
const REPOSITORY: &str = "git/git";

fn main() {
    let Some(repo) = gitgit_repo() else { return };
    let rounds = env_number("RELCTL_BENCH_RUNS").unwrap_or(3);
    let mut tags = tags_in_creation_order(&repo);
    if let Some(keep) = env_number("RELCTL_BENCH_RELEASES") {
        tags.drain(..tags.len().saturating_sub(keep));
    }
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("history.db");
    let relctl = |args: &[&str]| {
        let mut cmd = Command::new(BIN);
        for (key, _) in std::env::vars() {
            if key.starts_with("RELCTL_") || key.starts_with("SENTRY_") {
                cmd.env_remove(key);
            }
        }
        cmd.env("HOME", dir.path())
            .arg("--store")
            .arg(&store)
            .args(args)
            .stdin(Stdio::null());
        cmd
    };
    let repo_arg = repo.to_str().unwrap();
    run_ok(&mut relctl(&["-q", "project", "create", "Git"]));

    let started = Instant::now();
    for (tag, _) in &tags {
        let range = format!("{REPOSITORY}@{tag}~1..{tag}");
        let version = format!("t-{tag}");
        run_ok(&mut relctl(&[
            "-q",
            "release",
            "set-commits",
            &version,
            "-p",
            "git",
            "--repo",
            repo_arg,
            "--commit",
            &range,
        ]));
    }
    let setup = started.elapsed();
    let heads: Vec<&str> = tags.iter().map(|(_, commit)| commit.as_str()).collect();
    let mut rev_list = vec!["rev-list", "HEAD", "--not"];
    rev_list.extend(&heads);
    let oracle = git(&repo, &rev_list).lines().count();
    println!(
        "git/git at {}: {} releases (one per tag) set up in {:.1} s, {:.0} ms each; the range of \
         HEAD over them holds {oracle} commits",
        git(&repo, &["rev-parse", "--short", "HEAD"]).trim(),
        tags.len(),
        setup.as_secs_f64(),
        setup.as_secs_f64() * 1000.0 / tags.len().max(1) as f64
    );

    let mut git_runs = Vec::new();
    let mut relctl_runs = Vec::new();
    let mut wrong = Vec::new();
    for round in 0..rounds {
        let version = format!("next-{round}");
        let mut git_cmd = Command::new("git");
        git_cmd
            .arg("-C")
            .arg(&repo)
            .args(&rev_list)
            .stdout(Stdio::null());
        let mut relctl_cmd = relctl(&[
            "-q",
            "release",
            "set-commits",
            &version,
            "-p",
            "git",
            "--repo",
            repo_arg,
            "--repo-name",
            REPOSITORY,
        ]);
        relctl_cmd.stdout(Stdio::null());
        if round % 2 == 0 {
            git_runs.push(measure(&mut git_cmd));
            relctl_runs.push(measure(&mut relctl_cmd));
        } else {
            relctl_runs.push(measure(&mut relctl_cmd));
            git_runs.push(measure(&mut git_cmd));
        }
        let info = run_ok(&mut relctl(&[
            "--format", "json", "release", "info", &version,
        ]));
        let info: serde_json::Value = serde_json::from_str(&info).unwrap();
        let bound = info["commitCount"].as_u64().unwrap_or(0) as usize;
        if bound != oracle {
            wrong.push(format!(
                "round {round}: bound {bound}, git rev-list {oracle}"
            ));
        }
        run_ok(&mut relctl(&["-q", "release", "delete", &version]));
    }

    let (git_median, relctl_median) = (median(&git_runs), median(&relctl_runs));
    let peak = relctl_runs.iter().map(Run::max_rss_mib).fold(0.0, f64::max);
    println!("| | commits | median wall | peak RSS |");
    println!("|---|---|---|---|");
    println!(
        "| git rev-list HEAD --not <{} tags> | {oracle} | {:.3} s | |",
        heads.len(),
        git_median.as_secs_f64()
    );
    println!(
        "| relctl set-commits --auto ({} earlier releases) | {oracle} | {:.3} s | {peak:.0} MiB |",
        tags.len(),
        relctl_median.as_secs_f64()
    );
    println!(
        "relctl / git: {:.2}x over {rounds} rounds",
        relctl_median.as_secs_f64() / git_median.as_secs_f64().max(1e-9)
    );
    if !wrong.is_empty() {
        println!("WRONG: {}", wrong.join("; "));
        std::process::exit(1);
    }
}

/// Every tag naming a commit that has a parent (`TAG~1..TAG` is one commit), with that commit,
/// oldest tag first.
fn tags_in_creation_order(repo: &Path) -> Vec<(String, String)> {
    let listed = git(
        repo,
        &[
            "for-each-ref",
            "--sort=creatordate",
            "--format=%(refname:short)",
            "refs/tags",
        ],
    );
    let mut tags = Vec::new();
    for tag in listed.lines() {
        let parent = Command::new("git")
            .arg("-C")
            .arg(repo)
            .args([
                "rev-parse",
                "-q",
                "--verify",
                &format!("{tag}^{{commit}}~1"),
            ])
            .stderr(Stdio::null())
            .output()
            .unwrap();
        if !parent.status.success() {
            continue;
        }
        let commit = git(repo, &["rev-parse", &format!("{tag}^{{commit}}")]);
        tags.push((tag.to_string(), commit.trim().to_string()));
    }
    tags
}

fn gitgit_repo() -> Option<PathBuf> {
    let how = "git clone --bare https://github.com/git/git.git /path/git.git, then \
               RELCTL_BENCH_GIT_REPO=/path/git.git cargo bench --bench history";
    let Some(path) = std::env::var_os("RELCTL_BENCH_GIT_REPO").filter(|p| !p.is_empty()) else {
        println!("RELCTL_BENCH_GIT_REPO is not set: nothing to measure. For it: {how}");
        return None;
    };
    let path = PathBuf::from(path);
    let tags = git(&path, &["tag", "--list", "v2.*"]).lines().count();
    if tags < 100 {
        println!(
            "RELCTL_BENCH_GIT_REPO={} has {tags} v2.* tags: not a git/git clone. For it: {how}",
            path.display()
        );
        return None;
    }
    Some(path)
}

fn env_number(name: &str) -> Option<usize> {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
}

fn median(runs: &[Run]) -> Duration {
    let mut walls: Vec<Duration> = runs.iter().map(|run| run.wall).collect();
    walls.sort();
    walls.get(walls.len() / 2).copied().unwrap_or_default()
}

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
