//! What both readers of a range share (`range.rs`, which walks it, and `blocks.rs`, which reads
//! a long one a block at a time on a second thread): the commit as plain data, the pairs of
//! trees a commit is compared with, and the step from a parsed commit to plain data. Apart, so
//! neither reader depends on the other.

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use git2::{ErrorCode, Oid};

use super::commit::CommitData;
use super::encoding;
use super::patch::{RawTree, TreeReader};
use super::{FileChange, GitError, GitRepo, full_oid};

/// One commit, as plain data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GitCommit {
    /// The full hex id.
    pub id: String,
    /// The full message (with its trailing newline), as UTF-8: decoded as the commit's `encoding`
    /// header says (`encoding.rs`), anything else that is not UTF-8 converted lossily.
    pub message: String,
    /// `None` when empty.
    pub author_name: Option<String>,
    /// `None` when empty.
    pub author_email: Option<String>,
    /// The author time with the author's own UTC offset.
    pub timestamp: DateTime<FixedOffset>,
    /// The changes against the first parent (against the empty tree for a root commit; empty for
    /// a commit on a shallow boundary).
    pub patch_set: Vec<FileChange>,
}

/// What a commit is compared with.
pub(super) enum Base {
    /// The first parent.
    Parent(CommitData),
    /// A real root commit: the empty tree.
    Root,
    /// The parents exist in the commit but not here (shallow clone or graft): nothing to compare.
    Boundary,
}

/// The two trees a commit is compared with, as handed to [`TreePairs::compare`].
pub(super) enum Trees<'x, 't> {
    /// The first parent's tree (`None`: the empty tree, for a root commit) and the commit's.
    Pair(Option<&'x RawTree<'t>>, &'x RawTree<'t>),
    /// A shallow boundary commit: there is nothing to compare with.
    Boundary,
}

/// Reads the commits of a walk and the trees they are compared with, reusing each commit's
/// parent (and its tree) as the next commit when they are the same (always, in linear history),
/// so a commit and a wide root tree are read once per commit rather than twice.
pub(super) struct TreePairs<'a, 'r> {
    repo: &'r GitRepo,
    reader: &'a TreeReader<'r>,
    /// The shallow boundary commits, whose parents libgit2 hides (so does [`CommitData::parse`]).
    shallow: HashSet<Oid>,
    /// Whether commits may be parsed from the pack reader's bytes: not when `info/grafts`
    /// rewrites parents, which only libgit2 applies.
    parse_packed: bool,
    spare: Option<RawTree<'a>>,
    /// The last parent read, usually the next commit of the walk.
    spare_commit: Option<CommitData>,
}

impl<'a, 'r> TreePairs<'a, 'r> {
    pub(super) fn new(repo: &'r GitRepo, reader: &'a TreeReader<'r>) -> Self {
        TreePairs {
            repo,
            reader,
            shallow: repo.shallow_commits(),
            parse_packed: !repo.repo.commondir().join("info/grafts").exists(),
            spare: None,
            spare_commit: None,
        }
    }

    /// The commit `oid`, reusing the parent read for the previous commit when it is this one.
    pub(super) fn commit(&mut self, oid: Oid) -> Result<CommitData, GitError> {
        match self.spare_commit.take() {
            Some(commit) if commit.id == oid => Ok(commit),
            _ => Ok(self.read(oid)?),
        }
    }

    /// A commit from the pack reader when it has it and it parses, else from libgit2.
    fn read(&self, oid: Oid) -> Result<CommitData, git2::Error> {
        if self.parse_packed
            && let Some(commit) = self
                .reader
                .packed_commit(oid)
                .and_then(|raw| CommitData::parse(oid, &raw, &self.shallow))
        {
            return Ok(commit);
        }
        Ok(CommitData::from_git2(&self.repo.repo.find_commit(oid)?))
    }

    pub(super) fn compare<T>(
        &mut self,
        commit: &CommitData,
        with: impl FnOnce(Trees<'_, 'a>) -> Result<T, GitError>,
    ) -> Result<T, GitError> {
        let reader = self.reader;
        let tree = match self.spare.take() {
            Some(tree) if tree.id() == commit.tree => tree,
            _ => reader
                .read(commit.tree)
                .map_err(|err| err.reading(commit.id))?,
        };
        match base_of(commit, |parent| self.read(parent))? {
            Base::Parent(parent) => {
                let parent_tree = reader
                    .read(parent.tree)
                    .map_err(|err| err.reading(parent.id))?;
                let result = with(Trees::Pair(Some(&parent_tree), &tree));
                self.spare = Some(parent_tree);
                self.spare_commit = Some(parent);
                result
            }
            Base::Root => with(Trees::Pair(None, &tree)),
            Base::Boundary => with(Trees::Boundary),
        }
    }
}

/// What `commit` is diffed against, reading its first parent with `read`.
pub(super) fn base_of(
    commit: &CommitData,
    read: impl FnOnce(Oid) -> Result<CommitData, git2::Error>,
) -> Result<Base, GitError> {
    let Some(&parent_id) = commit.parents.first() else {
        // libgit2 applies the shallow grafts: a boundary commit shows no parents. The raw
        // header still lists them, which tells it apart from a real root commit.
        return Ok(if commit.names_parent {
            Base::Boundary
        } else {
            Base::Root
        });
    };
    match read(parent_id) {
        Ok(parent) => Ok(Base::Parent(parent)),
        Err(err) if err.code() == ErrorCode::NotFound => Ok(Base::Boundary),
        Err(err) => Err(GitError::from(err).reading(parent_id)),
    }
}

pub(super) fn to_git_commit(commit: &CommitData, patch_set: Vec<FileChange>) -> GitCommit {
    let encoding = encoding::named(commit.encoding.as_deref());
    let text = |bytes: &[u8]| encoding::decode(bytes, encoding);
    let non_empty = |text: String| (!text.is_empty()).then_some(text);
    GitCommit {
        id: commit.id.to_string(),
        message: text(&commit.message),
        author_name: non_empty(text(&commit.author_name)),
        author_email: non_empty(text(&commit.author_email)),
        timestamp: to_datetime(commit.author_time),
        patch_set,
    }
}

/// A git time (seconds and offset in minutes) as a date with that offset. Out-of-range values
/// (a corrupt or hostile commit) become the epoch or UTC rather than a panic.
fn to_datetime((seconds, offset_minutes): (i64, i32)) -> DateTime<FixedOffset> {
    let offset = offset_minutes
        .checked_mul(60)
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| Utc.fix());
    DateTime::from_timestamp(seconds, 0)
        .unwrap_or(DateTime::UNIX_EPOCH)
        .with_timezone(&offset)
}

impl GitRepo {
    /// The commit ids listed in the repository's `shallow` file.
    pub(super) fn shallow_commits(&self) -> HashSet<Oid> {
        let path = self.repo.commondir().join("shallow");
        std::fs::read(path)
            .map(|bytes| {
                String::from_utf8_lossy(&bytes)
                    .lines()
                    .filter_map(|line| full_oid(line.trim()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datetime_keeps_offset_and_survives_garbage() {
        let t = to_datetime((1_704_268_800, 120));
        assert_eq!(t.to_rfc3339(), "2024-01-03T10:00:00+02:00");
        let t = to_datetime((i64::MAX, i32::MAX));
        assert_eq!(t.timestamp(), 0);
        let t = to_datetime((0, -330));
        assert_eq!(t.to_rfc3339(), "1969-12-31T18:30:00-05:30");
    }
}
