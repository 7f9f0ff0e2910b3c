//! The commit range of a release: which commits, in which order, and what each one changed.
//!
//! The range is exactly `git rev-list HEAD --not H1 H2 ...`: one revwalk that pushes the head and
//! hides where the range stops (the heads earlier releases recorded, or the previous commit
//! named), so merges and the commits they bring in are all there, and a stop that is not an
//! ancestor of HEAD (another branch's release) is handled the way `rev-list` handles it.
//! (sentry-cli instead walks HEAD in time order and stops at the previous commit, losing commits
//! of merged branches that are older than it; client-reference.md §2.2.) The order is rev-list's
//! default: newest commit date first, never a parent before its child.
//!
//! Without a previous commit the range is `git rev-list --topo-order -n initial_depth HEAD`:
//! HEAD first, then the commits below it as the graph orders them, whatever their dates say
//! (after a rebase they are all equal; a skewed clock dates a child before its parent). A stop
//! commit missing from the object database is an error naming the likely cause (shallow clone or
//! rewritten history), or, with `ignore_missing`, the same `initial_depth` fallback.
//!
//! The work is done in as few object reads as possible: the walk only collects ids; the path
//! filter (one tree lookup per path per commit) and the cap come next; only the commits that are
//! kept are read in full and diffed. Nothing is kept once a commit is converted, except the
//! parent commit and parent tree just read, which the next commit of the walk usually is and has
//! (`TreePairs`), so memory stays flat however long the range. A range of 1,024 commits or more
//! is read by two threads, in blocks (`blocks.rs`).

use std::ops::ControlFlow;

use git2::{ErrorCode, Oid, Sort};

use super::blocks::{BlockRead, read_commit};
use super::commit::CommitData;
use super::pack::PackFiles;
use super::patch::{PathFilter, TreeReader};
use super::progress::Progress;
use super::reading::{Base, GitCommit, TreePairs, Trees, base_of};
use super::topo::topo_order;
use super::{GitError, GitRepo};
use crate::domain::commit_id::is_commit_id;

/// Which commits to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeSpec {
    /// The revision to start from, usually `"HEAD"`.
    pub head: String,
    /// Where the range stops: these commits and their ancestors are left out (full shas or any
    /// revisions: the earlier releases' heads, or the previous commit named); empty for a first
    /// release.
    pub stop_at: Vec<String>,
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
            stop_at: Vec::new(),
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
    /// Stop commits missing from the repository that `ignore_missing` skipped while others
    /// still bounded the range.
    pub stops_skipped: usize,
    pub shallow_boundary_hit: bool,
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
        each: impl FnMut(GitCommit) -> ControlFlow<()>,
    ) -> Result<RangeRead, GitError> {
        let progress = Progress::new(show_progress);
        let Some(head) = self.resolve_head(&range.head)? else {
            return Ok(RangeRead::default());
        };
        let (hide, previous_missing, stops_skipped) = self.range_start(range)?;

        let packs = PackFiles::open(&self.repo.commondir().join("objects"));
        let reader = TreeReader::new(&self.repo, packs.clone())?;
        progress.phase("walking history", None);
        let walked = self.walk(&reader, head, &hide, range.initial_depth, &progress)?;
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
        let (count, hit) =
            self.read_selected(&reader, packs, &selected[..keep], &progress, each)?;
        Ok(RangeRead {
            count,
            dropped_by_cap,
            previous_missing,
            stops_skipped,
            shallow_boundary_hit: boundary_hit || hit,
        })
    }

    /// The commits the range stops at (none: a first release), whether one was missing and
    /// `ignore_missing` made the read fall back to `initial_depth` commits, and how many missing
    /// ones `ignore_missing` skipped while others still bound the range.
    ///
    /// A stop commit missing from the object database is what a shallow clone or a rewritten
    /// history looks like: an error naming the likely cause (cli.md, "--auto"). With
    /// `ignore_missing` it is skipped (in a complete clone it cannot be an ancestor of HEAD, so it
    /// hides nothing), and only when every one is missing does the read fall back.
    fn range_start(&self, range: &RangeSpec) -> Result<(Vec<Oid>, bool, usize), GitError> {
        let mut stops = Vec::with_capacity(range.stop_at.len());
        let mut skipped = 0;
        for previous in &range.stop_at {
            match self.resolve_previous(previous)? {
                Some(oid) => stops.push(oid),
                None if range.ignore_missing => skipped += 1,
                None => {
                    return Err(GitError::PreviousCommitMissing {
                        sha: previous.to_string(),
                        shallow: self.is_shallow(),
                    });
                }
            }
        }
        if stops.is_empty() && skipped > 0 {
            return Ok((Vec::new(), true, 0));
        }
        Ok((stops, false, skipped))
    }

    /// Reads the commits `ids` in full and hands them to `each` in order, on two threads for a
    /// long range: how many were handed over, and whether one sits on a shallow boundary.
    fn read_selected(
        &self,
        reader: &TreeReader<'_>,
        packs: PackFiles,
        ids: &[Oid],
        progress: &Progress,
        mut each: impl FnMut(GitCommit) -> ControlFlow<()>,
    ) -> Result<(usize, bool), GitError> {
        let (mut count, mut boundary_hit) = (0, false);
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
            Some(helper) => self.read_in_two(reader, packs, helper, ids, hand_over)?,
            None => {
                // One commit at a time, so a consumer that stops early stops the reading.
                let mut pairs = TreePairs::new(self, reader);
                for &oid in ids {
                    let read = read_commit(&mut pairs, reader, oid)?;
                    if hand_over(read).is_break() {
                        break;
                    }
                }
            }
        }
        Ok((count, boundary_hit))
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
            // An id that names nothing here, or a short one that names several commits.
            Err(GitError::RevisionNotFound { .. } | GitError::Other(_))
                if is_commit_id(previous.trim()) =>
            {
                Ok(None)
            }
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
        hide: &[Oid],
        depth: usize,
        progress: &Progress,
    ) -> Result<Vec<Oid>, GitError> {
        self.walk_ids(reader, head, hide, depth, progress)
            .map_err(|err| match err {
                GitError::Damaged { commit: None, .. } => {
                    let starts: Vec<Oid> =
                        std::iter::once(head).chain(hide.iter().copied()).collect();
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
        hide: &[Oid],
        depth: usize,
        progress: &Progress,
    ) -> Result<Vec<Oid>, GitError> {
        let mut walk = self.repo.revwalk()?;
        let limit = match hide {
            [_, ..] => {
                // The whole range is computed anyway once something is hidden; topological
                // order on top of time order keeps children before parents even when commit
                // dates are equal or skewed.
                walk.set_sorting(Sort::TOPOLOGICAL | Sort::TIME)?;
                walk.push(head)?;
                for &stop in hide {
                    walk.hide(stop)?;
                }
                usize::MAX
            }
            [] => {
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
}
