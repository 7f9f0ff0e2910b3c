//! A long range read by two threads. The pack reader (`pack.rs`) shares nothing between
//! threads but the read-only pack mappings, so two readers run side by side at full speed;
//! libgit2 alone could not (it reads one pack behind one lock). The range is cut in blocks read
//! alternately by this thread and a helper, and handed over in order, so the result and the
//! first error are the ones a single thread would give.

use std::ops::ControlFlow;

use git2::Oid;

use super::pack::PackFiles;
use super::patch::{TreeReader, diff_trees};
use super::reading::{GitCommit, TreePairs, Trees, to_git_commit};
use super::{GitError, GitRepo};

/// Commits per block when two threads share a range.
const BLOCK: usize = 256;
/// From this many commits on, two threads read a range.
const PARALLEL_FROM: usize = 4 * BLOCK;

/// Some commits of a range, read, in order.
pub(super) struct BlockRead {
    pub(super) commits: Vec<GitCommit>,
    /// One of them sits on a shallow boundary.
    pub(super) boundary_hit: bool,
}

/// Reads `ids` (a stretch of the range), with a [`TreePairs`] of its own.
fn read_block(repo: &GitRepo, reader: &TreeReader<'_>, ids: &[Oid]) -> Result<BlockRead, GitError> {
    let mut pairs = TreePairs::new(repo, reader);
    let mut block = BlockRead {
        commits: Vec::with_capacity(ids.len()),
        boundary_hit: false,
    };
    for &oid in ids {
        let read = read_commit(&mut pairs, reader, oid)?;
        block.boundary_hit |= read.boundary_hit;
        block.commits.extend(read.commits);
    }
    Ok(block)
}

/// Reads commit `oid` and its patch set.
pub(super) fn read_commit(
    pairs: &mut TreePairs<'_, '_>,
    reader: &TreeReader<'_>,
    oid: Oid,
) -> Result<BlockRead, GitError> {
    let commit = pairs.commit(oid).map_err(|err| err.reading(oid))?;
    let mut boundary_hit = false;
    let patch_set = pairs
        .compare(&commit, |trees| match trees {
            Trees::Pair(old, new) => diff_trees(reader, old, new),
            Trees::Boundary => {
                boundary_hit = true;
                Ok(Vec::new())
            }
        })
        .map_err(|err| err.reading(oid))?;
    Ok(BlockRead {
        commits: vec![to_git_commit(&commit, patch_set)],
        boundary_hit,
    })
}

impl GitRepo {
    /// A second handle on this repository for a second reading thread, when the range is long
    /// enough to share (`None`: one thread reads it all). Not when the object database comes
    /// from the environment (`GIT_OBJECT_DIRECTORY`, alternates), which a handle opened by path
    /// would not see.
    pub(super) fn helper_for(&self, commits: usize) -> Option<git2::Repository> {
        if commits < PARALLEL_FROM
            || std::env::var_os("GIT_OBJECT_DIRECTORY").is_some()
            || std::env::var_os("GIT_ALTERNATE_OBJECT_DIRECTORIES").is_some()
        {
            return None;
        }
        git2::Repository::open_ext(
            self.repo.path(),
            git2::RepositoryOpenFlags::NO_SEARCH,
            std::iter::empty::<&std::ffi::OsStr>(),
        )
        .ok()
    }

    /// Reads `ids` on two threads: this one reads the even blocks of [`BLOCK`] commits, a helper
    /// thread (with its own handle on the repository and its own pack reader over the same
    /// mapped packs) the odd ones, at most one block ahead. The blocks are handed over in
    /// order, so the result is the one-thread result; an error is the first one in that order.
    /// Nothing is shared between the two but the read-only pack mappings: libgit2 serializes
    /// reads of one pack behind a lock, which is why the pack reader exists.
    pub(super) fn read_in_two(
        &self,
        reader: &TreeReader<'_>,
        packs: PackFiles,
        helper: git2::Repository,
        ids: &[Oid],
        mut hand_over: impl FnMut(BlockRead) -> ControlFlow<()>,
    ) -> Result<(), GitError> {
        std::thread::scope(|scope| {
            let (sender, receiver) =
                std::sync::mpsc::sync_channel::<Result<BlockRead, GitError>>(1);
            let odd: Vec<&[Oid]> = ids.chunks(BLOCK).skip(1).step_by(2).collect();
            let spawned = std::thread::Builder::new()
                .name("git reader 2".to_string())
                .spawn_scoped(scope, move || {
                    let helper = GitRepo { repo: helper };
                    let reader = match TreeReader::new(&helper.repo, packs) {
                        Ok(reader) => reader,
                        Err(err) => {
                            let _ = sender.send(Err(err));
                            return;
                        }
                    };
                    for block in odd {
                        let read = read_block(&helper, &reader, block);
                        let failed = read.is_err();
                        // A closed channel: the reading stopped or failed on this side.
                        if sender.send(read).is_err() || failed {
                            return;
                        }
                    }
                });
            if let Err(err) = spawned {
                return Err(GitError::Other(format!(
                    "cannot start a reading thread: {err}"
                )));
            }
            for (n, block) in ids.chunks(BLOCK).enumerate() {
                let read = if n % 2 == 0 {
                    read_block(self, reader, block)?
                } else {
                    receiver.recv().map_err(|_| {
                        GitError::Other("the second reading thread stopped".to_string())
                    })??
                };
                if hand_over(read).is_break() {
                    break;
                }
            }
            Ok(())
        })
    }
}
