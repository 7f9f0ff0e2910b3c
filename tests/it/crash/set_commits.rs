//! `kill -9` at moments spread over a 10,000-commit set-commits: fractions of the reading
//! phase and of the writing phase of an uninterrupted run, measured first (with `-v`, the
//! stderr line "read N commit(s)" marks the end of reading git: the store is written next).

use std::fs::File;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use super::{assert_store_sound, bound_commits, sorted};
use crate::big_repo::{COMMITS, big_repo};
use crate::harness::TestEnv;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Moment {
    /// Killed before git was read to the end.
    Reading,
    /// Killed after "read N commit(s)": while the store was written (or just after).
    Writing,
    /// The run ended before the kill.
    Finished,
}

/// How long an uninterrupted set-commits read git, then wrote the store.
#[derive(Debug)]
struct Phases {
    reading: Duration,
    writing: Duration,
}

/// Whether set-commits has said (with `-v`) that it read the commits: the store comes next.
fn has_read_line(log: &Path) -> bool {
    std::fs::read_to_string(log)
        .unwrap()
        .lines()
        .any(|line| line.starts_with("read "))
}

/// Waits until set-commits has read git (true), or has exited without saying so (false).
fn wait_for_read_line(child: &mut Child, log: &Path) -> bool {
    loop {
        if has_read_line(log) {
            return true;
        }
        if child.try_wait().unwrap().is_some() {
            return has_read_line(log);
        }
        std::thread::sleep(Duration::from_millis(1));
    }
}

#[test]
fn kill_9_during_a_10000_commit_set_commits_leaves_the_old_or_the_whole_new_set() {
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
            .args(["-v", "release", "set-commits", "1.0", "--repo", repo.path()])
            .args(depths[set])
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log).unwrap())
            .spawn()
            .unwrap()
    };
    // An uninterrupted run, timed in its two phases: reading git (until `-v` says "read N
    // commit(s)") and writing the store (until the process exits).
    let timed = |set: usize| -> Phases {
        let started = Instant::now();
        let mut child = set_commits(set);
        assert!(wait_for_read_line(&mut child, &log), "no \"read\" line");
        let reading = started.elapsed();
        let status = child.wait().unwrap();
        assert!(
            status.success(),
            "{}",
            std::fs::read_to_string(&log).unwrap()
        );
        Phases {
            reading,
            writing: started.elapsed() - reading,
        }
    };
    // The first run also stores the 10,000 commits; the timed ones only bind them, as every
    // later run does. `phases[s]` is a run from the other set to set `s`.
    timed(WHOLE);
    let to_small = timed(SMALL);
    let mut phases = [to_small, timed(WHOLE)];
    eprintln!(
        "uninterrupted set-commits: 20 -> 10,000 commits {:?}, 10,000 -> 20 {:?}",
        phases[WHOLE], phases[SMALL]
    );

    let mut held = WHOLE;
    let mut rounds: Vec<Round> = Vec::new();
    // One run towards `target`, killed at `kill`; then the checks.
    // A run that ends before its moment shortens the estimate of the phase it was to be
    // killed in (the machine is faster than when it was measured).
    let mut round = |held: &mut usize, target: usize, kill: KillAt| -> Moment {
        let phase = &mut phases[target];
        let started = Instant::now();
        let mut child = set_commits(target);
        let mut read_at = None;
        match kill {
            KillAt::Reading(fraction) => {
                let at = phase.reading.mul_f64(fraction);
                std::thread::sleep(at.saturating_sub(started.elapsed()));
            }
            KillAt::Writing(fraction) => {
                if wait_for_read_line(&mut child, &log) {
                    read_at = Some(Instant::now());
                    std::thread::sleep(phase.writing.mul_f64(fraction));
                }
            }
        }
        let at = started.elapsed();
        let moment = match child.try_wait().unwrap() {
            Some(status) => {
                let log = std::fs::read_to_string(&log).unwrap();
                assert!(status.success(), "{kill:?}: {log}");
                match read_at {
                    Some(read_at) => phase.writing = read_at.elapsed().mul_f64(0.9),
                    None => phase.reading = at.mul_f64(0.9),
                }
                Moment::Finished
            }
            None => {
                child.kill().unwrap();
                child.wait().unwrap();
                if has_read_line(&log) {
                    Moment::Writing
                } else {
                    Moment::Reading
                }
            }
        };
        let when = format!(
            "{} -> {} commits, {kill:?}, {moment:?} at {at:?}",
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
        if moment == Moment::Finished {
            assert_eq!(now, target, "{when}: a finished run's commits are bound");
        }
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
            moment,
            new: now == target,
        });
        *held = now;
        moment
    };
    // 10,000 -> 20 (cheap), at growing moments until a run gets through.
    for kill in plan(2, 4) {
        round(&mut held, SMALL, kill);
        if held == SMALL {
            break;
        }
    }
    // 20 -> 10,000: thirteen moments. A run that ends before its moment is tried again (with
    // the shorter estimate), a few times.
    let mut moments: std::collections::VecDeque<KillAt> = plan(4, 9).into();
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
        if round(&mut held, WHOLE, kill) == Moment::Finished && extra < 8 {
            extra += 1;
            moments.push_back(kill);
        }
    }
    let count = |target: usize, m: Moment| {
        rounds
            .iter()
            .filter(|r| r.target == target && r.moment == m)
            .count()
    };
    for (target, what) in [(SMALL, "10,000 -> 20"), (WHOLE, "20 -> 10,000")] {
        eprintln!(
            "{what}: killed {} times while reading git, {} while writing the store ({} of them after the commit), {} runs ended first",
            count(target, Moment::Reading),
            count(target, Moment::Writing),
            rounds
                .iter()
                .filter(|r| r.target == target && r.moment == Moment::Writing && r.new)
                .count(),
            count(target, Moment::Finished)
        );
    }
    assert!(
        count(WHOLE, Moment::Reading) + count(WHOLE, Moment::Writing) >= 12,
        "fewer than 12 runs of 10,000 commits were killed: {rounds:?}"
    );
    assert!(
        count(WHOLE, Moment::Writing) >= 4,
        "too few kills landed while the store was written: {rounds:?}"
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

/// When a run is killed: at a fraction of its reading phase (from the start), or at a fraction
/// of its writing phase (after the "read" line).
#[derive(Debug, Clone, Copy)]
enum KillAt {
    Reading(f64),
    Writing(f64),
}

/// `reading` moments spread over the reading phase, then `writing` over the writing phase.
fn plan(reading: u32, writing: u32) -> Vec<KillAt> {
    (0..reading)
        .map(|k| KillAt::Reading(f64::from(k) / f64::from(reading)))
        .chain((0..writing).map(|k| KillAt::Writing(f64::from(k) / f64::from(writing))))
        .collect()
}

#[derive(Debug)]
struct Round {
    target: usize,
    moment: Moment,
    /// Whether the release held the new set afterwards.
    new: bool,
}
