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
    #[error("not a git repository: {path} (or any parent)")]
    NotARepository { path: String },

    /// A revision (sha, branch, tag, `HEAD~2`, …) that does not name a commit here.
    #[error("revision not found in the repository: {rev}")]
    RevisionNotFound { rev: String },

    /// HEAD names no commit: a new repository (`branch` is `None`), or HEAD on a branch that has
    /// no commits yet in a repository that has some.
    #[error("{}", no_commits_message(.path, .branch.as_deref()))]
    NoCommits {
        path: String,
        branch: Option<String>,
    },

    /// The previous release's last commit is not in the local object database.
    #[error("{}", previous_missing_message(.sha, *.shallow))]
    PreviousCommitMissing { sha: String, shallow: bool },

    /// An object the range needs cannot be read: corrupt, missing from a repository that is not
    /// shallow, or not what its commit says it is. `commit` is the commit being read when it
    /// happened (`None` only until the reader adds it).
    #[error("{}", damaged_message(.problem, .commit.as_deref()))]
    Damaged {
        problem: String,
        commit: Option<String>,
    },

    /// Any other libgit2 failure, reduced to its one-line message.
    #[error("{0}")]
    Other(String),
}

fn no_commits_message(path: &str, branch: Option<&str>) -> String {
    match branch {
        None => format!("the repository at {path} has no commits yet"),
        Some(branch) => {
            format!("HEAD of the repository at {path} is branch {branch}, which has no commits yet")
        }
    }
}

fn damaged_message(problem: &str, commit: Option<&str>) -> String {
    let reading = commit.map_or(String::new(), |sha| format!(" (reading commit {sha})"));
    format!("the repository is damaged: {problem}{reading}")
}

fn previous_missing_message(sha: &str, shallow: bool) -> String {
    if shallow {
        format!("the previous release's commit {sha} is not in this shallow clone")
    } else {
        format!(
            "the previous release's commit {sha} is not in this repository's history; it was \
             probably rewritten (squash, rebase, force-push) or made on another branch that was \
             never fetched"
        )
    }
}

impl GitError {
    /// The likely fix, for the line after the error (`hint: ...`).
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            GitError::NotARepository { .. } => {
                "run it inside a clone of the repository, or name one with --repo DIR".into()
            }
            GitError::RevisionNotFound { .. } => {
                "fetch it first (git fetch --tags origin), or check the name with git log --oneline"
                    .into()
            }
            GitError::NoCommits { branch: None, .. } => "commit something first".into(),
            GitError::NoCommits {
                branch: Some(_), ..
            } => "check out a branch with commits, or name one with --commit REPO@REV".into(),
            GitError::PreviousCommitMissing { shallow: true, .. } => {
                "fetch more history: git fetch --unshallow (or --deepen=N; in CI, fetch-depth: 0), \
                 or pass --ignore-missing to take --initial-depth commits instead"
                    .into()
            }
            GitError::PreviousCommitMissing { shallow: false, .. } => {
                "pass --ignore-missing to take --initial-depth commits instead".into()
            }
            GitError::Damaged { .. } => "git fsck shows what is broken".into(),
            GitError::Other(_) => return None,
        })
    }

    /// Wrap a libgit2 error as [`GitError::Other`], keeping only the message on one line.
    pub fn other(err: &git2::Error) -> Self {
        GitError::Other(one_line(err.message()))
    }

    /// A damaged repository is reported with the commit that was being read.
    pub(super) fn reading(self, commit: git2::Oid) -> Self {
        match self {
            GitError::Damaged {
                problem,
                commit: None,
            } => GitError::Damaged {
                problem,
                commit: Some(commit.to_string()),
            },
            other => other,
        }
    }
}

/// What is wrong when libgit2 failed to read an object, or `None` when the error is not about
/// the object database. Its own text ("failed to inflate loose object", "object not found - no
/// match for id (…)") names neither the commit nor what to do about it.
pub(super) fn damage(err: &git2::Error) -> Option<&'static str> {
    use git2::{ErrorClass, ErrorCode};
    match (err.class(), err.code()) {
        (ErrorClass::Odb, ErrorCode::NotFound) => Some("an object is missing"),
        (ErrorClass::Odb | ErrorClass::Zlib | ErrorClass::Object | ErrorClass::Invalid, _) => {
            Some("an object is corrupt")
        }
        _ => None,
    }
}

/// Errors met while reading objects: a damaged repository when libgit2 says the object database
/// could not be read, else its message on one line. (Revisions, remotes and opening are mapped
/// where they are looked up.)
impl From<git2::Error> for GitError {
    fn from(err: git2::Error) -> Self {
        match damage(&err) {
            Some(problem) => GitError::Damaged {
                problem: problem.to_string(),
                commit: None,
            },
            None => GitError::other(&err),
        }
    }
}

/// Collapse line breaks and surrounding blanks so an error is always a single line.
pub(super) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Exit codes (cli.md): a repository that cannot be used at all (not a repository, no commits
/// yet, damaged objects) is exit 2, like any other input relctl cannot work with: running again
/// cannot help, the repository (or `--repo`) must change. A revision or previous commit that is
/// not there is exit 3, not found. The hint goes along.
impl From<GitError> for crate::error::Error {
    fn from(err: GitError) -> Self {
        use crate::error::Error;
        let message = err.to_string();
        let hint = err.hint();
        let error = match err {
            GitError::NotARepository { .. }
            | GitError::NoCommits { .. }
            | GitError::Damaged { .. } => Error::usage(message),
            GitError::RevisionNotFound { .. } | GitError::PreviousCommitMissing { .. } => {
                Error::not_found(message)
            }
            GitError::Other(_) => Error::other(message),
        };
        match hint {
            Some(hint) => error.with_hint(hint),
            None => error,
        }
    }
}
