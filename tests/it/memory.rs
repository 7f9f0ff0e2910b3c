//! set-commits reads git and writes the store a batch at a time, so its memory does not grow
//! with the length of the range. Measured as the peak RSS of the relctl process (wait4's
//! `ru_maxrss`), never timed. [`run_measured`] measures the remote client too (`hostile_server`).

use std::process::Command;

use crate::big_repo::{LONG_COMMITS, long_repo};
use crate::harness::TestEnv;

/// The peak RSS, in KiB, of `cmd` run to completion; it must succeed.
fn peak_rss_kib(cmd: &mut Command) -> i64 {
    let (code, peak, stderr) = run_measured(cmd);
    assert_eq!(code, Some(0), "{cmd:?} failed: {stderr}");
    peak
}

/// Runs `cmd` to completion: its exit code (None when a signal ended it), its peak RSS in KiB
/// (wait4's `ru_maxrss`), and what it wrote on stderr when that was piped (a few lines: the pipe
/// must hold them until the end).
pub fn run_measured(cmd: &mut Command) -> (Option<i32>, i64, String) {
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take();
    let pid = child.id() as libc::pid_t;
    // Reaped by wait4 below, which also reports the child's own peak RSS.
    std::mem::forget(child);
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our own child, not yet reaped; both pointers are to live locals.
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid);
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let mut text = String::new();
    if let Some(mut stderr) = stderr {
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
    }
    (code, usage.ru_maxrss, text)
}

#[test]
fn set_commits_memory_does_not_grow_with_the_range() {
    const { assert!(LONG_COMMITS > 20_000) };
    let repo = long_repo();
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    let bind = |version: &str, commits: usize| -> i64 {
        env.ok(&["release", "new", version, "-p", "backend"]);
        let range = format!("acme/long@{}..HEAD", repo.back(commits));
        let peak = peak_rss_kib(env.cmd().args([
            "-q",
            "--no-progress",
            "release",
            "set-commits",
            version,
            "--repo",
            repo.path(),
            "--commit",
            &range,
        ]));
        let info = env.json(&["release", "info", version]);
        assert_eq!(info["commitCount"], commits);
        peak
    };
    let small = bind("1.0.0", 2_000);
    let half = bind("2.0.0", 10_000);
    let large = bind("3.0.0", 20_000);
    eprintln!(
        "peak RSS of set-commits: {small} KiB for 2,000 commits, {half} KiB for 10,000, {large} KiB for 20,000"
    );
    // What grows from 2,000 to 10,000 commits is bounded by the repository, not the range, and
    // nearly full by 10,000 here: libgit2's delta base cache (16 MiB at most) and the pages of
    // the pack read (9 MiB here; 64 MiB at most are mapped). From 10,000 to 20,000 the rest of
    // the pack is read and the release's commit order grows by about 100 bytes a commit:
    // 6-7 MiB in all (debug build). Reading the range whole, as relctl did before it streamed,
    // took 50 MiB more for 20,000 commits than for 10,000 (72 -> 123 MiB).
    assert!(
        large - half < 16 * 1024,
        "set-commits of 20,000 commits peaked at {large} KiB, of 10,000 at {half} KiB"
    );
    assert!(
        large - small < 40 * 1024,
        "set-commits of 20,000 commits peaked at {large} KiB, of 2,000 at {small} KiB"
    );
}
