//! set-commits reads git and writes the store a batch at a time, so its memory does not grow
//! with the length of the range. Measured as the peak RSS of the relctl process itself
//! ([`run_measured`], which measures the remote client too, in `hostile_server`), never timed.

use std::process::Command;

use crate::big_repo::{LONG_COMMITS, long_repo};
use crate::harness::TestEnv;

/// The peak RSS, in KiB, of `cmd` run to completion; it must succeed.
fn peak_rss_kib(cmd: &mut Command) -> i64 {
    let (code, peak, _) = run_measured(cmd);
    assert_eq!(code, Some(0), "{cmd:?} failed");
    peak
}

/// Runs `cmd` to completion: its exit code (None when a signal ended it), its own peak RSS in
/// KiB, and what it wrote on stderr when that was piped (a few lines: the pipe holds them until
/// the end).
///
/// wait4's `ru_maxrss` will not do for an absolute figure: Linux carries the peak of the
/// process that spawned the child into the child's at exec, so a child of this test process
/// (whose peak is whatever the tests running beside it took) reads at least that. The child is
/// traced instead (ptrace), stopped as it exits (`PTRACE_O_TRACEEXIT`), and its memory map's own
/// high-water mark (`VmHWM` in /proc/PID/status) read then.
pub fn run_measured(cmd: &mut Command) -> (Option<i32>, i64, String) {
    use std::os::unix::process::CommandExt;
    let none = std::ptr::null_mut::<libc::c_void>();
    // SAFETY: ptrace(PTRACE_TRACEME) is async-signal-safe and touches nothing of ours; it runs
    // in the forked child, before exec.
    unsafe {
        cmd.pre_exec(|| {
            let none = std::ptr::null_mut::<libc::c_void>();
            if libc::ptrace(libc::PTRACE_TRACEME, 0, none, none) == -1 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    let mut child = cmd.spawn().unwrap();
    let stderr = child.stderr.take();
    let pid = child.id() as libc::pid_t;
    // Reaped by waitpid below.
    std::mem::forget(child);
    let wait = || {
        let mut status = 0;
        // SAFETY: pid is our own child, not yet reaped; status is a live local.
        assert_eq!(unsafe { libc::waitpid(pid, &mut status, 0) }, pid);
        status
    };
    // Stopped at exec: ask to be told of the exit, and go on.
    assert!(libc::WIFSTOPPED(wait()));
    // SAFETY: pid is our stopped tracee; the data argument is the option bits.
    unsafe {
        assert_eq!(
            libc::ptrace(
                libc::PTRACE_SETOPTIONS,
                pid,
                none,
                libc::PTRACE_O_TRACEEXIT as usize as *mut libc::c_void,
            ),
            0
        );
        libc::ptrace(libc::PTRACE_CONT, pid, none, none);
    }
    let mut peak = None;
    let status = loop {
        let status = wait();
        if !libc::WIFSTOPPED(status) {
            break status;
        }
        let signal = libc::WSTOPSIG(status);
        let deliver = if signal == libc::SIGTRAP && status >> 16 == libc::PTRACE_EVENT_EXIT {
            peak = Some(own_peak_kib(pid));
            0
        } else {
            // Any other signal is the child's own: handed on.
            signal
        };
        // SAFETY: pid is our stopped tracee; the data argument is the signal to deliver.
        unsafe {
            libc::ptrace(
                libc::PTRACE_CONT,
                pid,
                none,
                deliver as usize as *mut libc::c_void,
            )
        };
    };
    let code = libc::WIFEXITED(status).then(|| libc::WEXITSTATUS(status));
    let mut text = String::new();
    if let Some(mut stderr) = stderr {
        std::io::Read::read_to_string(&mut stderr, &mut text).unwrap();
    }
    (code, peak.expect("the child stopped at its exit"), text)
}

/// `VmHWM` of a live (or exiting, traced) process, in KiB.
fn own_peak_kib(pid: libc::pid_t) -> i64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|value| value.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no VmHWM in /proc/{pid}/status:\n{status}"))
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
