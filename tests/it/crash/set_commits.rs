//! `kill -9` inside the write of a 10,000-commit set-commits, at moments taken from the write's
//! own progress, so that every kill lands inside it.
//!
//! set-commits streams: one thread reads git while the store writes each batch of 256 commits
//! into one open transaction, and the release's commit list is replaced ("binding") at the end,
//! just before the commit. A kill before the write begins or after the commit tests nothing;
//! the `-v` line "read N commit(s)" this test once waited for is printed after the commit.
//!
//! Where a write stands cannot be read from the store by another connection: a reader does not
//! see uncommitted rows (SQLite's WAL, PostgreSQL's MVCC), and the `-wal` file grows only when
//! the writer's page cache spills or at the commit (measured on a fresh store: nothing for the
//! first second of a 1.35 s write, then steps of 100 KB; nothing at all before the commit when
//! the commits are stored already). So the moments come from the writer's own progress on
//! stderr (`-vv`): "wrote N commit(s) to the store so far" is said when the store asks for the
//! next batch, that is once it has written N commits inside its transaction, and "binding the N
//! commit(s)" just before it replaces the release's list. Each kill is then checked against the
//! store itself: the process is stopped (SIGSTOP), the store confirms that a writer is inside
//! its write (SQLite's WAL write lock is held; on PostgreSQL another backend holds the
//! organization's advisory transaction lock, which set-commits takes first), and only then is
//! it killed. A run whose write was over when it was stopped is let go and counted as
//! finished. After a kill the release holds its old set (always, when killed before binding) or
//! the whole new one, never part of either.

use std::fs::File;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{assert_store_sound, bound_commits, sorted};
use crate::big_repo::{COMMITS, big_repo};
use crate::harness::{StoreSql, TestEnv};

/// Where the store's write stood, as set-commits said it (`-vv`), whole lines only.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Progress {
    /// Commits written inside the transaction so far.
    written: usize,
    /// Whether it said it is binding them (replacing the release's list, then committing).
    binding: bool,
}

fn progress(log: &Path) -> Progress {
    let text = std::fs::read_to_string(log).unwrap();
    let mut progress = Progress::default();
    for line in text.split_inclusive('\n').filter(|l| l.ends_with('\n')) {
        if let Some(rest) = line.strip_prefix("wrote ") {
            if let Some(n) = rest.split(' ').next().and_then(|n| n.parse().ok()) {
                progress.written = n;
            }
        } else if line.starts_with("binding the ") {
            progress.binding = true;
        }
    }
    progress
}

/// Waits until `reached` holds for the run's progress (true), or the run ended first (false).
fn wait_for(child: &mut Child, log: &Path, reached: impl Fn(Progress) -> bool) -> bool {
    loop {
        if reached(progress(log)) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return reached(progress(log));
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

/// Stops the run where it is (SIGSTOP); false when it had ended already. The run stays
/// waitable either way.
fn freeze(child: &Child) -> bool {
    let pid = child.id() as libc::pid_t;
    // SAFETY: pid is our own child, not yet reaped (a zombie at worst).
    assert_eq!(unsafe { libc::kill(pid, libc::SIGSTOP) }, 0);
    // SAFETY: a zeroed siginfo_t is a valid value for waitid to fill in.
    let mut info: libc::siginfo_t = unsafe { std::mem::zeroed() };
    // SAFETY: as above; WNOWAIT leaves the child's state to be collected by Child::wait.
    let waited = unsafe {
        libc::waitid(
            libc::P_PID,
            pid as libc::id_t,
            &mut info,
            libc::WSTOPPED | libc::WEXITED | libc::WNOWAIT,
        )
    };
    assert_eq!(waited, 0);
    info.si_code == libc::CLD_STOPPED
}

/// Whether another process is inside a write transaction on `store`, asked of the store beside
/// it. SQLite: the WAL write lock is held, which SQLite's unix VFS takes as a POSIX lock on
/// byte 120 of the `-shm` file from `BEGIN IMMEDIATE` to the end of the commit or rollback
/// (`F_GETLK` only looks; a refused `BEGIN IMMEDIATE` would say busy also while a connection
/// that committed checkpoints on its way out). PostgreSQL: another backend holds an advisory
/// lock in this database, the organization's, which a set-commits transaction takes first and
/// keeps to its end.
fn writer_inside(env: &TestEnv) -> bool {
    match env.pg {
        None => {
            let shm = format!("{}-shm", env.store.display());
            let Ok(file) = std::fs::OpenOptions::new()
                .read(true)
                .write(true)
                .open(&shm)
            else {
                return false;
            };
            // SAFETY: a zeroed flock is a valid value; the fields that matter are set below.
            let mut lock: libc::flock = unsafe { std::mem::zeroed() };
            lock.l_type = libc::F_WRLCK as libc::c_short;
            lock.l_whence = libc::SEEK_SET as libc::c_short;
            lock.l_start = 120;
            lock.l_len = 1;
            // SAFETY: the descriptor is open for the call; lock is a live local.
            let asked = unsafe {
                libc::fcntl(
                    std::os::fd::AsRawFd::as_raw_fd(&file),
                    libc::F_GETLK,
                    &mut lock,
                )
            };
            assert_eq!(asked, 0, "F_GETLK on {shm}");
            lock.l_type != libc::F_UNLCK as libc::c_short
        }
        Some(_) => {
            let StoreSql::Postgres(mut client) = env.sql() else {
                unreachable!("a PostgreSQL env's store is a PostgreSQL database")
            };
            let held: i64 = client
                .query_one(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                     AND pid <> pg_backend_pid()
                     AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
                    &[],
                )
                .unwrap()
                .get(0);
            held > 0
        }
    }
}

/// When a run is killed.
#[derive(Debug, Clone, Copy)]
enum KillAt {
    /// Once the store says it has written at least this many commits.
    Written(usize),
    /// At this fraction of the binding phase (from "binding the N commit(s)" to the end of an
    /// uninterrupted run).
    Binding(f64),
}

#[derive(Debug)]
struct Round {
    target: usize,
    kill: KillAt,
    /// Where the write stood when the run was stopped and killed inside it; None: the write
    /// was over before the moment (the run was let go).
    killed_at: Option<Progress>,
    /// Whether the release held the new set afterwards.
    new: bool,
}

#[test]
fn kill_9_inside_a_10000_commit_set_commits_leaves_the_old_or_the_whole_new_set() {
    let repo = big_repo();
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["project", "create", "Other"]);
    env.ok(&["release", "new", "1.0", "-p", "backend"]);
    // A bystander: another project's release, whose commits no run may touch.
    env.ok(&["release", "new", "0.9", "-p", "other"]);
    let bystander_range = format!("big@{}..{}", repo.back(600), repo.back(500));
    env.ok(&[
        "release",
        "set-commits",
        "0.9",
        "--repo",
        repo.path(),
        "--commit",
        &bystander_range,
    ]);
    let bystander = bound_commits(&env.store, "0.9").unwrap();
    assert_eq!(bystander.0, sorted(repo.range(600, 500)));

    // The two sets a run moves 1.0 between: the newest 20 commits (SMALL), and all 10,000.
    let depths = [["--initial-depth", "20"], ["--initial-depth", "10000"]];
    let sets = [sorted(repo.range(20, 0)), sorted(repo.shas.clone())];
    let log = env.path().join("set-commits.log");
    let set_commits = |set: usize| -> Child {
        env.cmd()
            .args([
                "-vv",
                "release",
                "set-commits",
                "1.0",
                "--repo",
                repo.path(),
            ])
            .args(depths[set])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log).unwrap())
            .spawn()
            .unwrap()
    };
    // An uninterrupted run; how long it spent binding (from its "binding" line to its end).
    let binding_phase = |set: usize| -> Duration {
        let mut child = set_commits(set);
        assert!(
            wait_for(&mut child, &log, |p| p.binding),
            "no \"binding\" line"
        );
        let binding = Instant::now();
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "{}",
            std::fs::read_to_string(&log).unwrap()
        );
        binding.elapsed()
    };
    // The first run also stores the 10,000 commits; the timed ones only bind them, as every
    // later run does. `phases[s]` is a run from the other set to set `s`.
    binding_phase(WHOLE);
    let to_small = binding_phase(SMALL);
    let mut phases = [to_small, binding_phase(WHOLE)];
    eprintln!(
        "uninterrupted set-commits: binding took {:?} for 20 -> 10,000 commits, {:?} for 10,000 -> 20",
        phases[WHOLE], phases[SMALL]
    );

    let mut held = WHOLE;
    let mut rounds: Vec<Round> = Vec::new();
    // One run towards `target`, killed at `kill` when its write is still going; then the
    // checks.
    let mut round = |held: &mut usize, target: usize, kill: KillAt| -> bool {
        let mut child = set_commits(target);
        let reached = match kill {
            KillAt::Written(n) => wait_for(&mut child, &log, |p| p.written >= n),
            KillAt::Binding(fraction) => {
                let reached = wait_for(&mut child, &log, |p| p.binding);
                std::thread::sleep(phases[target].mul_f64(fraction));
                reached
            }
        };
        assert!(
            reached,
            "{kill:?}: the run ended before it: {}",
            std::fs::read_to_string(&log).unwrap()
        );
        let killed_at = if freeze(&child) && writer_inside(&env) {
            // Read while the run is stopped: where its write stands as it dies.
            let at = progress(&log);
            child.kill().unwrap();
            child.wait().unwrap();
            Some(at)
        } else {
            // Its write was over: let it finish, and take the binding phase for shorter.
            // SAFETY: pid is our own child, not yet reaped.
            unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGCONT) };
            let status = child.wait().unwrap();
            assert!(
                status.success(),
                "{kill:?}: {}",
                std::fs::read_to_string(&log).unwrap()
            );
            phases[target] = phases[target].mul_f64(0.7);
            None
        };
        let when = format!(
            "{} -> {} commits, {kill:?}",
            sets[*held].len(),
            sets[target].len()
        );
        // The next command, first a read, on the store as the kill left it.
        let info = env.json(&["release", "info", "1.0"]);
        assert_store_sound(&env.store, &when);
        let (keys, count) = bound_commits(&env.store, "1.0").unwrap();
        let now = sets.iter().position(|set| *set == keys).unwrap_or_else(|| {
            panic!(
                "{when}: release 1.0 holds {} commits, neither the old {} nor the new {}",
                keys.len(),
                sets[*held].len(),
                sets[target].len()
            )
        });
        match killed_at {
            None => assert_eq!(now, target, "{when}: a finished run's commits are bound"),
            Some(at) if !at.binding => assert_eq!(
                now, *held,
                "{when}: killed at {at:?}, before binding, yet the new set is bound"
            ),
            Some(_) => {}
        }
        eprintln!(
            "{when}: {}; release 1.0 holds the {} set",
            match killed_at {
                Some(at) => format!(
                    "killed inside the write (its lock held in the store), the store having written {} commit(s){}",
                    at.written,
                    if at.binding { " and binding them" } else { "" }
                ),
                None => "the write was over at that moment: not killed".to_string(),
            },
            if now == target { "new" } else { "old" }
        );
        assert_eq!(count as usize, keys.len(), "{when}: commit_count");
        assert_eq!(info["commitCount"], keys.len(), "{when}: release info");
        assert_eq!(
            bound_commits(&env.store, "0.9").unwrap(),
            bystander,
            "{when}"
        );
        // And a write.
        env.ok(&["deploy", "new", "-r", "1.0", "-e", "crash"]);
        rounds.push(Round {
            target,
            kill,
            killed_at,
            new: now == target,
        });
        *held = now;
        killed_at.is_some()
    };
    // 10,000 -> 20 (one batch): after it was written, and while the 10,000 are replaced by the
    // 20, until a run gets through.
    for kill in [
        KillAt::Written(20),
        KillAt::Binding(0.0),
        KillAt::Binding(0.5),
    ] {
        round(&mut held, SMALL, kill);
        if held == SMALL {
            break;
        }
    }
    if held == WHOLE {
        env.ok(&[
            "release",
            "set-commits",
            "1.0",
            "--repo",
            repo.path(),
            "--initial-depth",
            "20",
        ]);
        held = SMALL;
    }
    // 20 -> 10,000: after each tenth of the commits was written, and three times while binding.
    // A moment the write was over at is tried again (with a shorter estimate), a few times.
    let mut moments: std::collections::VecDeque<KillAt> = (1..10)
        .map(|tenth| KillAt::Written(COMMITS * tenth / 10))
        .chain([0.0, 0.33, 0.67].map(KillAt::Binding))
        .collect();
    let mut extra = 0;
    while let Some(kill) = moments.pop_front() {
        if held == WHOLE {
            env.ok(&[
                "release",
                "set-commits",
                "1.0",
                "--repo",
                repo.path(),
                "--initial-depth",
                "20",
            ]);
            held = SMALL;
        }
        if !round(&mut held, WHOLE, kill) && extra < 6 {
            extra += 1;
            moments.push_back(kill);
        }
    }
    for (target, what) in [(SMALL, "10,000 -> 20"), (WHOLE, "20 -> 10,000")] {
        let of = |r: &&Round| r.target == target;
        let inside = |binding: bool| {
            rounds
                .iter()
                .filter(of)
                .filter(|r| r.killed_at.is_some_and(|at| at.binding == binding))
                .count()
        };
        eprintln!(
            "{what}: killed {} times inside the write while it wrote batches, {} while binding ({} of those after the commit), {} runs' writes were over first",
            inside(false),
            inside(true),
            rounds
                .iter()
                .filter(of)
                .filter(|r| r.killed_at.is_some() && r.new)
                .count(),
            rounds
                .iter()
                .filter(of)
                .filter(|r| r.killed_at.is_none())
                .count()
        );
    }
    let killed = |target: usize, binding: bool| {
        rounds
            .iter()
            .filter(|r| r.target == target && r.killed_at.is_some_and(|at| at.binding == binding))
            .count()
    };
    let written_rounds: Vec<&Round> = rounds
        .iter()
        .filter(|r| r.target == WHOLE && matches!(r.kill, KillAt::Written(_)))
        .collect();
    assert!(
        written_rounds.len() == 9 && written_rounds.iter().all(|r| r.killed_at.is_some()),
        "every run killed while batches were written was killed inside its write: {rounds:?}"
    );
    assert!(
        killed(WHOLE, false) >= 7,
        "too few kills landed before the release's commits were replaced: {rounds:?}"
    );
    assert!(
        killed(WHOLE, true) >= 2,
        "too few kills landed while the release's commits were replaced: {rounds:?}"
    );
    assert!(
        killed(SMALL, false) + killed(SMALL, true) >= 1,
        "no 10,000 -> 20 run was killed inside its write: {rounds:?}"
    );
    // Every acknowledged write is there, and an uninterrupted run still binds everything.
    let deploys = env.json(&["deploy", "list", "-r", "1.0"]);
    assert_eq!(deploys.as_array().unwrap().len(), rounds.len());
    let bound = env.json(&[
        "release",
        "set-commits",
        "1.0",
        "--repo",
        repo.path(),
        "--initial-depth",
        "10000",
    ]);
    assert_eq!(bound["commitCount"], COMMITS);
    assert_store_sound(&env.store, "at the end");
}

const SMALL: usize = 0;
const WHOLE: usize = 1;
