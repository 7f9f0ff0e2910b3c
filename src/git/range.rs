//! The commit range of a release: which commits, in which order, and what each one changed.
//!
//! The range is exactly `git rev-list PREV..HEAD`: one revwalk that pushes the head and hides the
//! previous release's commit, so merges and the commits they bring in are all there, and a
//! previous commit that is not an ancestor of HEAD is handled the way `rev-list` handles it.
//! (sentry-cli instead walks HEAD in time order and stops at the previous commit, losing commits
//! of merged branches that are older than it; client-reference.md §2.2.) The order is rev-list's
//! default: newest commit date first, never a parent before its child.
//!
//! Without a previous commit the range is `git rev-list --topo-order -n initial_depth HEAD`:
//! HEAD first, then the commits below it as the graph orders them, whatever their dates say
//! (after a rebase they are all equal; a skewed clock dates a child before its parent). A previous
//! commit missing from the object database is an error naming the likely cause (shallow clone or
//! rewritten history), or, with `ignore_missing`, the same `initial_depth` fallback.
//!
//! The work is done in as few object reads as possible: the walk only collects ids; the path
//! filter (one tree lookup per path per commit) and the cap come next; only the commits that are
//! kept are read in full and diffed. Nothing is kept once a commit is converted, except the
//! parent commit and parent tree just read, which the next commit of the walk usually is and has
//! (`TreePairs`), so memory stays flat however long the range. A range of 1,024 commits or more
//! is read by two threads, in blocks (`blocks.rs`).

use std::collections::HashSet;
use std::ops::ControlFlow;

use chrono::{DateTime, FixedOffset, Offset, Utc};
use git2::{ErrorCode, Oid, Sort};

use super::blocks::{BlockRead, read_commit};
use super::commit::CommitData;
use super::encoding;
use super::pack::PackFiles;
use super::patch::{PathFilter, RawTree, TreeReader};
use super::progress::Progress;
use super::topo::topo_order;
use super::{FileChange, GitError, GitRepo, full_oid};

/// Which commits to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeSpec {
    /// The revision to start from, usually `"HEAD"`.
    pub head: String,
    /// The previous release's last commit (full sha or any revision); `None` for a first release.
    pub previous: Option<String>,
    /// How many commits to take when there is no previous commit (or it is missing and
    /// `ignore_missing` is set): the first of `git rev-list --topo-order`, head first.
    pub initial_depth: usize,
    /// Fall back to `initial_depth` commits when `previous` is not in the repository.
    pub ignore_missing: bool,
    /// Keep at most this many commits (the newest).
    pub max_commits: Option<usize>,
    /// Keep only commits whose first-parent diff touches one of these paths (an exact file or a
    /// directory prefix, repository-relative, `/`-separated). Empty: keep everything.
    pub paths: Vec<String>,
}

impl Default for RangeSpec {
    /// `HEAD`, no previous commit, 20 commits (sentry-cli's default depth), no cap, no paths.
    fn default() -> Self {
        RangeSpec {
            head: "HEAD".to_string(),
            previous: None,
            initial_depth: 20,
            ignore_missing: false,
            max_commits: None,
            paths: Vec::new(),
        }
    }
}

/// The commits of a range and what was left out of it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CommitRange {
    /// Newest first, in `git rev-list` order.
    pub commits: Vec<GitCommit>,
    /// Commits left out because of `max_commits` (0 when none were).
    pub dropped_by_cap: usize,
    /// `previous` was given but is not in the repository, and `ignore_missing` made the read fall
    /// back to `initial_depth` commits.
    pub previous_missing: bool,
    /// Some commit in the walked range sits on a shallow boundary (its parents were not fetched),
    /// so the range may be incomplete and that commit's patch set is empty.
    pub shallow_boundary_hit: bool,
}

/// What [`GitRepo::stream_commits`] read: a [`CommitRange`] without its commits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RangeRead {
    /// How many commits were handed over.
    pub count: usize,
    /// See [`CommitRange`].
    pub dropped_by_cap: usize,
    pub previous_missing: bool,
    pub shallow_boundary_hit: bool,
}

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
enum Base {
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
fn base_of(
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

impl GitRepo {
    /// Read the commits of `range` (see [`RangeSpec`]), with a progress indicator on stderr when
    /// `show_progress` is set (hidden anyway when stderr is not a terminal).
    ///
    /// An unborn `HEAD` (a repository without commits) gives an empty range.
    pub fn read_commits(
        &self,
        range: &RangeSpec,
        show_progress: bool,
    ) -> Result<CommitRange, GitError> {
        let mut commits = Vec::new();
        let read = self.stream_commits(range, show_progress, |commit| {
            commits.push(commit);
            ControlFlow::Continue(())
        })?;
        Ok(CommitRange {
            commits,
            dropped_by_cap: read.dropped_by_cap,
            previous_missing: read.previous_missing,
            shallow_boundary_hit: read.shallow_boundary_hit,
        })
    }

    /// [`GitRepo::read_commits`], handing each commit to `each` as soon as it is read instead of
    /// collecting them, so memory does not grow with the range. `each` may stop the read
    /// (`ControlFlow::Break`); the commits not read are then not counted.
    pub fn stream_commits(
        &self,
        range: &RangeSpec,
        show_progress: bool,
        mut each: impl FnMut(GitCommit) -> ControlFlow<()>,
    ) -> Result<RangeRead, GitError> {
        let progress = Progress::new(show_progress);

        let Some(head) = self.resolve_head(&range.head)? else {
            return Ok(RangeRead::default());
        };
        let mut previous_missing = false;
        let hide = match range.previous.as_deref() {
            None => None,
            Some(previous) => match self.resolve_previous(previous)? {
                Some(oid) => Some(oid),
                None if range.ignore_missing => {
                    previous_missing = true;
                    None
                }
                None => {
                    return Err(GitError::PreviousCommitMissing {
                        sha: previous.to_string(),
                        shallow: self.is_shallow(),
                    });
                }
            },
        };

        let packs = PackFiles::open(&self.repo.commondir().join("objects"));
        let reader = TreeReader::new(&self.repo, packs.clone())?;
        progress.phase("walking history", None);
        let walked = self.walk(&reader, head, hide, range.initial_depth, &progress)?;
        let mut boundary_hit = false;
        let filter = PathFilter::new(&range.paths);
        let selected = if filter.is_empty() {
            walked
        } else {
            progress.phase("matching paths", Some(walked.len()));
            self.select_by_paths(&reader, &filter, walked, &progress, &mut boundary_hit)?
        };

        let keep = range
            .max_commits
            .map_or(selected.len(), |cap| cap.min(selected.len()));
        let dropped_by_cap = selected.len() - keep;
        if !boundary_hit && dropped_by_cap > 0 && self.is_shallow() {
            boundary_hit = self.any_boundary(&selected[keep..])?;
        }

        progress.phase("reading commits", Some(keep));
        let ids = &selected[..keep];
        let mut count = 0;
        let mut hand_over = |read: BlockRead| {
            boundary_hit |= read.boundary_hit;
            for commit in read.commits {
                count += 1;
                progress.inc();
                if each(commit).is_break() {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        };
        match self.helper_for(ids.len()) {
            Some(helper) => self.read_in_two(&reader, packs, helper, ids, hand_over)?,
            None => {
                // One commit at a time, so a consumer that stops early stops the reading.
                let mut pairs = TreePairs::new(self, &reader);
                for &oid in ids {
                    let read = read_commit(&mut pairs, &reader, oid)?;
                    if hand_over(read).is_break() {
                        break;
                    }
                }
            }
        }

        Ok(RangeRead {
            count,
            dropped_by_cap,
            previous_missing,
            shallow_boundary_hit: boundary_hit,
        })
    }

    /// The commits of `walked` whose first-parent diff touches the filter's paths, in order.
    /// A boundary commit is never selected: what it changed is unknown.
    fn select_by_paths(
        &self,
        reader: &TreeReader<'_>,
        filter: &PathFilter,
        walked: Vec<Oid>,
        progress: &Progress,
        boundary_hit: &mut bool,
    ) -> Result<Vec<Oid>, GitError> {
        let mut selected = Vec::new();
        let mut pairs = TreePairs::new(self, reader);
        for oid in walked {
            let commit = pairs.commit(oid).map_err(|err| err.reading(oid))?;
            let touched = pairs
                .compare(&commit, |trees| match trees {
                    Trees::Pair(old, new) => filter.touches(reader, old, new),
                    Trees::Boundary => {
                        *boundary_hit = true;
                        Ok(false)
                    }
                })
                .map_err(|err| err.reading(oid))?;
            if touched {
                selected.push(oid);
            }
            progress.inc();
        }
        Ok(selected)
    }

    /// The head of the range; `None` for `HEAD` in a repository without commits.
    fn resolve_head(&self, head: &str) -> Result<Option<Oid>, GitError> {
        if head == "HEAD"
            && let Err(err) = self.repo.head()
            && err.code() == ErrorCode::UnbornBranch
        {
            return Ok(None);
        }
        self.resolve_oid(head).map(Some)
    }

    /// The previous commit; `None` when it looks like a commit id that is not in the object
    /// database. A revision name that resolves to nothing (a mistyped branch) is an error of its
    /// own, which `ignore_missing` does not hide.
    fn resolve_previous(&self, previous: &str) -> Result<Option<Oid>, GitError> {
        match self.resolve_oid(previous.trim()) {
            Ok(oid) => Ok(Some(oid)),
            Err(GitError::RevisionNotFound { .. }) if looks_like_sha(previous.trim()) => Ok(None),
            Err(err) => Err(err),
        }
    }

    /// Commit ids in `git rev-list` order: `head` minus everything reachable from `hide`, or,
    /// when nothing is hidden, the first `depth` commits of `git rev-list --topo-order head`.
    /// libgit2's walk does not say which commit it could not read: a damaged repository is
    /// reported with the first unreadable commit found from `head` (or `hide`).
    fn walk(
        &self,
        reader: &TreeReader<'_>,
        head: Oid,
        hide: Option<Oid>,
        depth: usize,
        progress: &Progress,
    ) -> Result<Vec<Oid>, GitError> {
        self.walk_ids(reader, head, hide, depth, progress)
            .map_err(|err| match err {
                GitError::Damaged { commit: None, .. } => {
                    let starts: Vec<Oid> = std::iter::once(head).chain(hide).collect();
                    match self.first_unreadable_commit(&starts) {
                        Some(culprit) => err.reading(culprit),
                        None => err,
                    }
                }
                other => other,
            })
    }

    fn walk_ids(
        &self,
        reader: &TreeReader<'_>,
        head: Oid,
        hide: Option<Oid>,
        depth: usize,
        progress: &Progress,
    ) -> Result<Vec<Oid>, GitError> {
        let mut walk = self.repo.revwalk()?;
        let limit = match hide {
            Some(hide) => {
                // The whole range is computed anyway once something is hidden; topological
                // order on top of time order keeps children before parents even when commit
                // dates are equal or skewed.
                walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
                walk.push(head)?;
                walk.hide(hide)?;
                usize::MAX
            }
            None => {
                // `git rev-list --topo-order HEAD`, the first `depth`. Commit dates play no part:
                // after a rebase they are all equal, and a skewed clock can date HEAD before its
                // parent. Linear history is read incrementally (only `depth` commits); below a
                // merge, git's order depends on the whole graph, which is all read.
                if let Some(chain) = self.linear_start(head, depth)? {
                    chain.iter().for_each(|_| progress.inc());
                    return Ok(chain);
                }
                let shallow = self.shallow_commits();
                if let Some(mut order) = topo_order(&self.repo, reader, &shallow, head, progress) {
                    order.truncate(depth);
                    return Ok(order);
                }
                walk.set_sorting(Sort::TOPOLOGICAL)?;
                walk.push(head)?;
                depth
            }
        };
        let mut oids = Vec::new();
        for oid in walk.take(limit) {
            oids.push(oid?);
            progress.inc();
        }
        Ok(oids)
    }

    /// The first `depth` commits from `head` when none of them is a merge: then every commit has
    /// exactly one child in the history of `head` (a second child would close a cycle), so this
    /// chain of first parents is the start of any topological order, git's included. `None`
    /// when a merge comes first; the whole graph decides the order below it.
    fn linear_start(&self, head: Oid, depth: usize) -> Result<Option<Vec<Oid>>, GitError> {
        let mut chain = vec![head];
        while chain.len() < depth {
            let Some(&last) = chain.last() else { break };
            let commit = self
                .repo
                .find_commit(last)
                .map_err(|err| GitError::from(err).reading(last))?;
            match commit.parent_count() {
                // A root commit, or a shallow boundary (libgit2 hides grafted parents).
                0 => break,
                1 => chain.push(commit.parent_id(0)?),
                _ => return Ok(None),
            }
        }
        chain.truncate(depth);
        Ok(Some(chain))
    }

    /// Whether any of `oids` is a shallow boundary commit, looking only at those the `shallow`
    /// file lists (commits left out by the cap are never read otherwise).
    fn any_boundary(&self, oids: &[Oid]) -> Result<bool, GitError> {
        let shallow = self.shallow_commits();
        for oid in oids.iter().filter(|oid| shallow.contains(oid)) {
            let commit = self
                .repo
                .find_commit(*oid)
                .map_err(|err| GitError::from(err).reading(*oid))?;
            let commit = CommitData::from_git2(&commit);
            let read = |parent| Ok(CommitData::from_git2(&self.repo.find_commit(parent)?));
            if matches!(base_of(&commit, read)?, Base::Boundary) {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The commit ids listed in the repository's `shallow` file.
    fn shallow_commits(&self) -> HashSet<Oid> {
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

/// 4 to 64 hex digits: something meant as a commit id rather than a revision name.
fn looks_like_sha(text: &str) -> bool {
    (4..=64).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_hexdigit())
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

#[cfg(test)]
mod unit_tests {
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

    #[test]
    fn sha_shapes() {
        assert!(looks_like_sha("abcd"));
        assert!(looks_like_sha(&"a".repeat(40)));
        assert!(!looks_like_sha("abc"));
        assert!(!looks_like_sha("main"));
        assert!(!looks_like_sha(&"a".repeat(65)));
    }
}
