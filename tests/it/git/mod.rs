//! Tests of the git module against real repositories, with git itself as the oracle.
//!
//! Each fixture is built with the `git` CLI (`fixture.rs`); the expected ranges come from
//! `git rev-list` and the expected patch sets from `git diff-tree`, so any divergence from git's
//! behaviour shows up as a failed comparison. `range.rs` covers which commits a range holds,
//! `patch_sets.rs` what each commit changed, `repo.rs` opening, naming and revisions.

mod fixture;
mod packs;
mod patch_sets;
mod range;
mod repo;

use std::path::Path;

use self::fixture::Fixture;
use relctl::git::*;

pub(super) fn spec(previous: Option<&str>) -> RangeSpec {
    RangeSpec {
        stop_at: previous.map(str::to_string).into_iter().collect(),
        ..RangeSpec::default()
    }
}

pub(super) fn ids(range: &CommitRange) -> Vec<String> {
    range.commits.iter().map(|c| c.id.clone()).collect()
}

/// Every commit reachable from HEAD: same order as `git rev-list --topo-order HEAD` (what a first
/// release takes), and each patch set equal
/// to `git diff-tree` against the first parent.
pub(super) fn assert_matches_git(fx: &Fixture, dir: &Path) {
    let repo = open(Some(dir)).expect("open");
    let range = repo
        .read_commits(
            &RangeSpec {
                initial_depth: usize::MAX,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read");
    assert_eq!(
        ids(&range),
        fx.rev_list_in(dir, &["--topo-order", "HEAD"]),
        "order"
    );
    for commit in &range.commits {
        assert_eq!(
            commit.patch_set,
            fx.expected_patch_set_in(dir, &commit.id),
            "patch set of {} ({})",
            commit.id,
            commit.message.trim()
        );
    }
}

/// A `PREV..HEAD` read compared with `git rev-list PREV..HEAD`.
pub(super) fn assert_range_matches_git(fx: &Fixture, previous: &str) -> CommitRange {
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&spec(Some(previous)), false)
        .expect("read");
    let expected = fx.rev_list_in(&fx.work, &[&format!("{previous}..HEAD")]);
    assert_eq!(ids(&range), expected);
    range
}

pub(super) fn linear(n: usize) -> (Fixture, Vec<String>) {
    let fx = Fixture::new();
    let mut shas = Vec::new();
    fx.write("README.md", "hello\n");
    fx.write("src/lib.rs", "// lib\n");
    fx.write("src/deep/nested/mod.rs", "// nested\n");
    shas.push(fx.commit("initial\n\nwith a body"));
    for i in 1..n {
        fx.write(&format!("src/file{}.rs", i % 3), &format!("// {i}\n"));
        if i % 2 == 0 {
            fx.write("README.md", &format!("hello {i}\n"));
        }
        shas.push(fx.commit(&format!("commit {i}")));
    }
    (fx, shas)
}
