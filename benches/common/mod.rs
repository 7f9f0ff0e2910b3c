//! What the benches share: running a command while reading its own peak memory, and git.
//! Each bench includes it with `#[path = "common/mod.rs"] mod common;`.

#![allow(dead_code)]

use std::io::BufWriter;
use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::{Child, ChildStdin, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

/// A finished command: its wall time and its own peak RSS.
pub struct Run {
    pub wall: Duration,
    pub max_rss_kib: i64,
}

impl Run {
    pub fn max_rss_mib(&self) -> f64 {
        self.max_rss_kib as f64 / 1024.0
    }
}

/// Runs a command to completion (its stdio as the caller set it) and reads its own peak RSS
/// with wait4; a command that fails ends the bench.
pub fn measure(cmd: &mut Command) -> Run {
    let (run, status) = measure_status(cmd);
    assert!(status.success(), "{cmd:?} failed: {status}");
    run
}

/// Like `measure`, but a command that fails is the caller's to judge: the run and its exit
/// status.
pub fn measure_status(cmd: &mut Command) -> (Run, ExitStatus) {
    let start = Instant::now();
    let child = cmd.spawn().unwrap();
    let pid = child.id() as libc::pid_t;
    // Reaped by wait4 below, which also reports the child's own peak RSS.
    std::mem::forget(child);
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = start.elapsed();
    assert_eq!(waited, pid);
    let run = Run {
        wall,
        max_rss_kib: usage.ru_maxrss,
    };
    (run, ExitStatus::from_raw(status))
}

/// `git -C repo ARGS`, its stdout; a failure ends the bench.
pub fn git(repo: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// A new bare repository at `repo` (whatever was there is removed) and a `git fast-import`
/// reading the history to write into it: the child, and its input to stream commits into.
pub fn fast_import(repo: &Path) -> (Child, BufWriter<ChildStdin>) {
    let _ = std::fs::remove_dir_all(repo);
    let status = Command::new("git")
        .args(["init", "-q", "--bare", "-b", "main"])
        .arg(repo)
        .status()
        .unwrap();
    assert!(status.success());
    let mut child = Command::new("git")
        .arg("-C")
        .arg(repo)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    let input = BufWriter::new(child.stdin.take().unwrap());
    (child, input)
}
