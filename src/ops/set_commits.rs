//! Binding commits read from the local git repository to a release (`release set-commits`).
//!
//! Order matters for "nothing written on failure": the repository is opened and every head
//! resolved before the backend is asked anything; then the previous release's heads are looked
//! up ([`Backend::with_earlier_heads`], where a server's quirks live); then git is read and
//! one request binds the commits and resolves the issues (one transaction locally, one PUT
//! remotely, never split), so a failure anywhere leaves the store as it was.
//!
//! Reading and binding overlap: a thread reads git and hands the commits over in batches
//! through a bounded channel, so the store writes one batch while the next is read, on the
//! other core, and a long range never sits in memory whole. The store's write lock (the
//! organization's lock on PostgreSQL) is held from the first batch to the end of the range,
//! reading included (about 30 µs a commit on a 2-core machine; 5 s for all 82,000 commits of
//! git/git). Other writers wait for it (10 s for another set-commits, 30 s for the rest).

use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::mpsc::{Receiver, RecvError, sync_channel};
use std::time::{Duration, Instant};

use crate::backend::{Backend, CommitsChange, EarlierHeads, PreviousQuery, ReleaseUpdated};
use crate::backend::{CommitBatches, UpdateRelease};
use crate::ci_checkout::CiCheckout;
use crate::domain::commit_id::is_commit_id;
use crate::error::{Error, Result};
use crate::flow::commits::{CommitBatch, CommitInput, HeadCommit};
pub use crate::git::RangeRead;
use crate::git::{self, GitRepo, RangeSpec};
use crate::ops::range_start::{RangeStart, range_start};
use crate::ops::refs::{self, RefsMode};

/// Commits per batch handed from the reading thread to the store.
const BATCH_COMMITS: usize = 256;
/// Batches read ahead of the store: reading waits when the store is this far behind, so memory
/// stays flat whatever the length of the range.
const BATCHES_AHEAD: usize = 4;

/// How much of a range (in bytes of commits, roughly) is read before the store's write
/// transaction begins: several thousand commits, a bounded part of the memory a set-commits
/// takes whatever the range (tests/it/memory.rs).
pub(crate) const PRE_READ_BYTES: usize = 4 << 20;

/// What to bind, as the user asked it.
#[derive(Debug, Clone, Default)]
pub struct SetCommits {
    pub org: String,
    pub version: String,
    /// Projects to create or link the release with first.
    pub projects: Vec<String>,
    /// The git repository (`None`: the one containing the current directory, or GIT_DIR).
    pub repo: Option<PathBuf>,
    /// The repository name to record (`None`: from the remote URL, else the directory name).
    pub repo_name: Option<String>,
    /// The ranges (`--commit`); empty: HEAD of the repository, from where `--auto` starts.
    pub ranges: Vec<RangeAsked>,
    pub initial_depth: usize,
    pub ignore_missing: bool,
    pub max_commits: Option<usize>,
    pub paths: Vec<String>,
    /// Add to the release's commits instead of replacing them.
    pub append: bool,
    /// Show a progress bar while reading (a terminal).
    pub show_progress: bool,
    /// Whether the server may be asked to read the commits itself ([`refs`]).
    pub refs: RefsMode,
    /// The commit a CI job checked out: sent as a ref outside any repository.
    pub ci_checkout: Option<CiCheckout>,
}

/// One range, as named: the repository to bind to, where it starts (`None`: where `--auto`
/// would) and its head revision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeAsked {
    pub repository: String,
    pub previous: Option<String>,
    pub head: String,
}

/// A step of the write, for `-vv`: the store asks for the next batch after writing `Written`
/// commits, and binds them all once the last has come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    Written(usize),
    Binding(usize),
}

/// Where progress goes: called on the binding thread as the store writes.
pub type OnProgress<'p> = Option<&'p (dyn Fn(Progress) + Sync)>;

/// A range read: where it started, what reading found, and how long it took.
#[derive(Debug)]
pub struct RangeDone {
    pub repository: String,
    pub start: Option<RangeStart>,
    pub read: RangeRead,
    pub elapsed: Duration,
}

/// What a run did. The ranges read are here whatever the write did (their warnings stand
/// either way); `updated` is the write's answer.
#[derive(Debug)]
pub struct SetCommitsRun {
    /// The repositories bound to, comma-separated.
    pub repository: String,
    /// The repository is a shallow clone.
    pub shallow_clone: bool,
    pub ranges: Vec<RangeDone>,
    /// Some commit was read and sent (an empty range leaves the release's commits alone).
    pub bound_any: bool,
    /// The ranges went as refs: the server read the commits from its own copy.
    pub read_by_server: bool,
    /// Reading and binding, together.
    pub elapsed: Duration,
    pub updated: Result<ReleaseUpdated>,
}

/// One range to read, with its start decided.
struct RangeJob {
    repository: String,
    start: Option<RangeStart>,
    head: String,
}

/// Reads the ranges `req` names from git and binds them to the release. `Err` is a failure
/// before any reading (the repository, a revision, the previous release); after that the run's
/// `updated` carries the outcome.
pub fn set_commits(
    backend: &dyn Backend,
    req: &SetCommits,
    progress: OnProgress<'_>,
) -> Result<SetCommitsRun> {
    // Local preconditions first: the repository must be there before anything else happens
    // (outside one, full commit ids can still go as refs).
    let repo = match git::open(req.repo.as_deref()) {
        Ok(repo) => repo,
        Err(err) => {
            let err = crate::error::Error::from(err);
            if req.refs == RefsMode::Never || !backend.reads_refs() {
                return Err(err);
            }
            if let Some(ranges) = refs::without_history(&req.ranges) {
                return Ok(refs::send(backend, req, ranges));
            }
            if let Some(ranges) = refs::of_ci_checkout(backend, req)? {
                return Ok(refs::send(backend, req, ranges));
            }
            // The CI job's commit says more than git's own hint, when there is one.
            return Err(match refs::ci_checkout_hint(req) {
                Some(hint) => err.with_hint(hint),
                None => err,
            });
        }
    };
    let resolved = resolve_heads(req, &repo)?;
    if req.refs == RefsMode::Always {
        return Ok(refs::send(
            backend,
            req,
            refs::of_resolved(&repo, &resolved)?,
        ));
    }
    let mut repo = Some(repo);
    let mut run = None;
    let mut bind = |earlier: EarlierHeads| {
        let repo = repo
            .take()
            .ok_or_else(|| Error::other("set-commits read the repository twice"))?;
        let done = if req.refs == RefsMode::Auto
            && refs::server_should_read(backend, &req.org, &repo, &resolved, &earlier)?
        {
            refs::send(backend, req, refs::of_resolved(&repo, &resolved)?)
        } else {
            read_and_bind(backend, req, repo, &resolved, &earlier, progress)?
        };
        let failed = done.updated.as_ref().err().cloned();
        run = Some(done);
        failed.map_or(Ok(()), Err)
    };
    let bound = if resolved.iter().all(|range| range.previous.is_some()) {
        bind(EarlierHeads::default())
    } else {
        let query = PreviousQuery {
            org: req.org.clone(),
            version: req.version.clone(),
            projects: req.projects.clone(),
        };
        backend.with_earlier_heads(&query, &mut bind)
    };
    match (run, bound) {
        (Some(mut run), bound) => {
            // The backend's word on a failure (what it undid) wins over the bare write error.
            if let Err(err) = bound {
                run.updated = Err(err);
            }
            Ok(run)
        }
        (None, Err(err)) => Err(err),
        (None, Ok(())) => Err(Error::other("set-commits bound nothing and said nothing")),
    }
}

/// The ranges to read (`--commit`'s, else HEAD in the repository named after its remote), their
/// heads resolved before the backend is asked, so a typo fails fast. A previous commit is left
/// to the walk, which tells a missing sha (shallow clone, rewritten history; and
/// --ignore-missing applies) from a misspelt name.
fn resolve_heads(req: &SetCommits, repo: &GitRepo) -> Result<Vec<RangeAsked>> {
    let ranges = if req.ranges.is_empty() {
        let repository = req
            .repo_name
            .clone()
            .unwrap_or_else(|| repo.repository_name(None));
        vec![RangeAsked {
            repository,
            previous: None,
            head: "HEAD".to_string(),
        }]
    } else {
        req.ranges.clone()
    };
    ranges
        .into_iter()
        .map(|range| {
            let head = repo.resolve_commit(&range.head)?;
            // A previous commit that resolves is sent as its id (a server takes ids only);
            // one that does not is left to the walk to report (or skip).
            let previous = range
                .previous
                .map(|previous| repo.resolve_commit(&previous).unwrap_or(previous));
            Ok(RangeAsked {
                head,
                previous,
                ..range
            })
        })
        .collect()
}

/// Reads every range on a thread of its own and hands the commits to one update of the
/// release, batch by batch.
fn read_and_bind(
    backend: &dyn Backend,
    req: &SetCommits,
    repo: GitRepo,
    resolved: &[RangeAsked],
    earlier: &EarlierHeads,
    progress: OnProgress<'_>,
) -> Result<SetCommitsRun> {
    let mut repositories: Vec<&str> = Vec::new();
    for range in resolved {
        if !repositories.contains(&range.repository.as_str()) {
            repositories.push(&range.repository);
        }
    }
    let jobs: Vec<RangeJob> = resolved
        .iter()
        .map(|range| RangeJob {
            repository: range.repository.clone(),
            start: range_start(range.previous.as_deref(), earlier, &range.repository),
            head: range.head.clone(),
        })
        .collect();
    let (reader, receiver) = start_reading(req, repo, jobs)?;
    let started = Instant::now();
    let mut batches = Batches::new(receiver, progress);
    // Read ahead before the store's transaction starts, so a slow repository holds no writer
    // up: the whole range when it fits in PRE_READ_BYTES (a release of a few thousand
    // commits), else that much, and the rest is streamed into the open transaction.
    batches.read_ahead(PRE_READ_BYTES);
    let first = batches.next();
    let bound_any = matches!(first, Some(Ok(_)));
    let update = streamed_update(req, resolved);
    let updated = match first {
        // An error before any commit: nothing to write at all.
        Some(Err(err)) => Err(err),
        Some(Ok(first)) => {
            let rest: CommitBatches<'_> = &mut std::iter::once(Ok(first)).chain(&mut batches);
            backend.update_release_streamed(&update, rest)
        }
        // An empty range leaves the release's commits alone (binding nothing would erase them).
        None => backend.update_release(&UpdateRelease {
            commits: CommitsChange::Keep,
            ..update
        }),
    };
    // Whatever happened, the reader stops: it was read to the end, or its sends now fail.
    drop(batches);
    let ranges = reader
        .join()
        .map_err(|_| Error::other("reading git failed unexpectedly"))?;
    let (ranges, shallow_clone) = ranges;
    Ok(SetCommitsRun {
        repository: repositories.join(", "),
        shallow_clone,
        ranges,
        bound_any,
        read_by_server: false,
        elapsed: started.elapsed(),
        updated,
    })
}

/// The update that binds the commits streamed in batches: the ranges' repositories say which
/// ancestry locks it takes (whole where the `--auto` rule read the range).
fn streamed_update(req: &SetCommits, resolved: &[RangeAsked]) -> UpdateRelease {
    let repositories = |named: bool| -> Vec<String> {
        resolved
            .iter()
            .filter(|range| range.previous.is_some() == named)
            .map(|range| range.repository.clone())
            .collect()
    };
    UpdateRelease {
        org: req.org.clone(),
        version: req.version.clone(),
        commits: if req.append {
            CommitsChange::Append(Vec::new())
        } else {
            CommitsChange::Replace(Vec::new())
        },
        projects: req.projects.clone(),
        auto_repositories: repositories(false),
        named_repositories: repositories(true),
        ..UpdateRelease::default()
    }
}

/// What the reading thread ends with: the ranges read, and whether the repository is shallow.
type ReaderDone = (Vec<RangeDone>, bool);
/// What the reading thread hands over: batches, then `None` once it has read everything.
type BatchReceiver = Receiver<Option<Result<CommitBatch>>>;

/// Starts the thread reading `jobs` from `repo`, and the channel its batches come through.
fn start_reading(
    req: &SetCommits,
    repo: GitRepo,
    jobs: Vec<RangeJob>,
) -> Result<(std::thread::JoinHandle<ReaderDone>, BatchReceiver)> {
    let spec = RangeSpec {
        head: String::new(),
        stop_at: Vec::new(),
        initial_depth: req.initial_depth,
        ignore_missing: req.ignore_missing,
        max_commits: req.max_commits,
        paths: req.paths.clone(),
    };
    let show_progress = req.show_progress;
    let (sender, receiver) = sync_channel(BATCHES_AHEAD);
    let reader = std::thread::Builder::new()
        .name("git reader".to_string())
        .spawn(move || {
            let ranges = read_ranges(&repo, jobs, &spec, show_progress, |batch| {
                sender.send(Some(batch)).is_ok()
            });
            let _ = sender.send(None);
            (ranges, repo.is_shallow())
        })
        .map_err(|err| Error::other(format!("cannot start reading git: {err}")))?;
    Ok((reader, receiver))
}

/// The batches the reading thread sends, up to the end it sends after the last one (`None`). A
/// channel closed without that end means the thread died: that is an error, so the transaction
/// is rolled back rather than committing part of a range.
///
/// The local store asks for the next batch once it has written the last one into its open
/// transaction; each ask is reported to `progress` (how many commits are written so far, and
/// when the last is), so a user, or a test killing the process, can follow the write itself.
struct Batches<'p> {
    receiver: BatchReceiver,
    /// What [`Batches::read_ahead`] read, to hand over first.
    ahead: std::collections::VecDeque<Option<Result<CommitBatch>>>,
    ended: bool,
    progress: OnProgress<'p>,
    /// Commits handed to the store so far.
    taken: usize,
}

impl<'p> Batches<'p> {
    fn new(receiver: BatchReceiver, progress: OnProgress<'p>) -> Self {
        Batches {
            receiver,
            ahead: std::collections::VecDeque::new(),
            ended: false,
            progress,
            taken: 0,
        }
    }

    /// Receives batches until the reader ends, fails, or about `budget` bytes of commits are
    /// held; they are handed over first, as if received then. An error met while reading
    /// ahead is handed over alone, so nothing is written.
    fn read_ahead(&mut self, budget: usize) {
        let mut held = 0;
        while held < budget {
            match self.receiver.recv() {
                Ok(Some(Ok(batch))) => {
                    held += batch.approx_bytes();
                    self.ahead.push_back(Some(Ok(batch)));
                }
                Ok(Some(Err(err))) => {
                    self.ahead.clear();
                    self.ahead.push_back(Some(Err(err)));
                    return;
                }
                Ok(None) => {
                    self.ahead.push_back(None);
                    return;
                }
                // The reader died: `next` says so once the batches read are handed over.
                Err(_) => return,
            }
        }
    }

    fn receive(&mut self) -> std::result::Result<Option<Result<CommitBatch>>, RecvError> {
        match self.ahead.pop_front() {
            Some(item) => Ok(item),
            None => self.receiver.recv(),
        }
    }
}

impl Iterator for Batches<'_> {
    type Item = Result<CommitBatch>;

    fn next(&mut self) -> Option<Result<CommitBatch>> {
        if self.ended {
            return None;
        }
        let progress = self.progress.filter(|_| self.taken > 0);
        if let Some(progress) = progress {
            progress(Progress::Written(self.taken));
        }
        match self.receive() {
            Ok(Some(batch)) => {
                if let Ok(batch) = &batch {
                    self.taken += batch.commits.len();
                }
                Some(batch)
            }
            Ok(None) => {
                self.ended = true;
                if let Some(progress) = progress {
                    progress(Progress::Binding(self.taken));
                }
                None
            }
            Err(_) => {
                self.ended = true;
                Some(Err(Error::other(
                    "reading git stopped unexpectedly; nothing was bound",
                )))
            }
        }
    }
}

/// The reading thread: each range in turn, its commits sent in batches, each range's head commit
/// with the range's first commit. An error is sent too, so the transaction it fails is rolled
/// back; a send that fails (`send` returns false) means the store stopped listening (it
/// failed), so reading stops.
fn read_ranges(
    repo: &GitRepo,
    jobs: Vec<RangeJob>,
    spec: &RangeSpec,
    show_progress: bool,
    mut send: impl FnMut(Result<CommitBatch>) -> bool,
) -> Vec<RangeDone> {
    let mut done = Vec::with_capacity(jobs.len());
    let mut batch = CommitBatch::default();
    let mut listening = true;
    for job in jobs {
        let started = Instant::now();
        let spec = RangeSpec {
            head: job.head.clone(),
            stop_at: job
                .start
                .as_ref()
                .map_or_else(Vec::new, |start| start.stop_at.clone()),
            ..spec.clone()
        };
        let mut first = true;
        let read = repo.stream_commits(&spec, show_progress, |commit| {
            if std::mem::take(&mut first) {
                batch.heads.push(HeadCommit {
                    repository: job.repository.clone(),
                    commit: job.head.clone(),
                    previous: job
                        .start
                        .as_ref()
                        .filter(|start| start.from_release.is_none())
                        .and_then(|start| start.stop_at.first())
                        .filter(|previous| is_commit_id(previous))
                        .cloned(),
                });
            }
            batch
                .commits
                .push(CommitInput::from_git(commit, &job.repository));
            if batch.commits.len() >= BATCH_COMMITS {
                listening = send(Ok(std::mem::take(&mut batch)));
            }
            if listening {
                ControlFlow::Continue(())
            } else {
                ControlFlow::Break(())
            }
        });
        match read {
            Ok(read) => done.push(RangeDone {
                repository: job.repository,
                start: job.start,
                read,
                elapsed: started.elapsed(),
            }),
            Err(err) => {
                send(Err(err.into()));
                return done;
            }
        }
        if !listening {
            return done;
        }
    }
    if !batch.commits.is_empty() {
        send(Ok(batch));
    }
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_end_only_when_the_reader_says_so() {
        let batch = || Ok(CommitBatch::default());
        // The end sent: the batches, then nothing.
        let (sender, receiver) = sync_channel(4);
        sender.send(Some(batch())).unwrap();
        sender.send(None).unwrap();
        let got: Vec<_> = Batches::new(receiver, None).collect();
        assert_eq!(got.len(), 1);
        assert!(got[0].is_ok());
        // The reader gone without the end (it died): an error, so nothing is committed.
        let (sender, receiver) = sync_channel(4);
        sender.send(Some(batch())).unwrap();
        drop(sender);
        let got: Vec<_> = Batches::new(receiver, None).collect();
        assert_eq!(got.len(), 2);
        assert!(
            got[1]
                .as_ref()
                .unwrap_err()
                .to_string()
                .contains("unexpectedly")
        );
    }
}
