//! The errors the git module reports, each written for a person reading one line in a terminal.
//!
//! libgit2's own messages carry "class=…; code=…" suffixes and say nothing about what to do next
//! (sentry-cli prints them raw: "could not find repository at '.'; class=Repository (6)…"). The
//! variants here name the situation and the remedy instead, so the CLI can print them as they are
//! and map each variant to its exit code.

use thiserror::Error;

/// Everything that can go wrong while reading a repository.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum GitError {
    /// No repository at the given directory or any of its parents.
    #[error("not a git repository: {path} (or any parent); use --repo DIR")]
    NotARepository { path: String },

    /// A revision (sha, branch, tag, `HEAD~2`, …) that does not name a commit here.
    #[error("revision not found in the repository: {rev}")]
    RevisionNotFound { rev: String },

    /// The previous release's last commit is not in the local object database.
    #[error("{}", previous_missing_message(.sha, *.shallow))]
    PreviousCommitMissing { sha: String, shallow: bool },

    /// Any other libgit2 failure, reduced to its one-line message.
    #[error("{0}")]
    Other(String),
}

fn previous_missing_message(sha: &str, shallow: bool) -> String {
    if shallow {
        format!(
            "the previous release's commit {sha} is not in this shallow clone; fetch more history \
             (`git fetch --deepen=N` or `git fetch --unshallow`; in CI set fetch-depth: 0) \
             or pass --ignore-missing to take --initial-depth commits instead"
        )
    } else {
        format!(
            "the previous release's commit {sha} is not in this repository's history; it was \
             probably rewritten (squash, rebase, force-push) or made on another branch that was \
             never fetched; pass --ignore-missing to take --initial-depth commits instead"
        )
    }
}

impl GitError {
    /// Wrap a libgit2 error as [`GitError::Other`], keeping only the message on one line.
    pub fn other(err: &git2::Error) -> Self {
        GitError::Other(one_line(err.message()))
    }
}

impl From<git2::Error> for GitError {
    fn from(err: git2::Error) -> Self {
        GitError::other(&err)
    }
}

/// Collapse line breaks and surrounding blanks so an error is always a single line.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
