//! `relctl release set-commits`: read commits from the local git repository and bind them.
//!
//! Order matters for "nothing written on failure": the repository is opened and every flag
//! checked before the backend is asked anything; the previous release's commits are looked up
//! (a read, or Sentry's previous-with-commits); then git is read and one request binds the
//! commits and resolves the issues (one transaction locally, one PUT remotely, never split), so
//! a failure anywhere leaves the store as it was.
//!
//! Locally, reading and binding overlap: a thread reads git while the store writes what it has
//! read, so the store's write lock (the organization's lock on PostgreSQL) is held from the
//! first batch of commits to the end of the range, reading included (about 30 µs a commit on
//! a 2-core machine; 5 s for all 82,000 commits of git/git), where it used to be held for the
//! writing alone. Other writers wait for it (10 s for another set-commits, 30 s for the rest).

use crate::ops::range_start::range_start;
use std::ops::ControlFlow;
use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::Ctx;
use super::release::ReleaseVersion;
use crate::backend::{
    CommitsChange, CreateOutcome, CreateRelease, PreviousQuery, PreviousRelease, UpdateRelease,
};
use crate::error::{Error, Result};
use crate::flow;
use crate::flow::commits::{CommitBatch, CommitInput, HeadCommit};
use crate::git::{self, GitRepo, RangeRead, RangeSpec};
use crate::model;
use crate::output::{details, or_dash};
use crate::remote::calls;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("mode").args(["auto", "local", "commit", "clear"])))]
pub struct SetCommitsArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// Commits from HEAD back to where the previous release's commits ended (the default)
    #[arg(long)]
    pub auto: bool,
    /// Same as --auto: relctl always reads the local repository
    #[arg(long)]
    pub local: bool,
    /// A range REPO@[PREV..]REV resolved in the local repository (repeatable); REPO is the
    /// repository name to bind to. Without PREV.. it starts where --auto would.
    #[arg(long, short = 'c', value_name = "REPO@[PREV..]REV")]
    pub commit: Vec<String>,
    /// Remove every commit from the release
    #[arg(long)]
    pub clear: bool,
    /// Commits to take when there is no previous release (or with --ignore-missing)
    #[arg(long, default_value_t = 20, value_name = "N")]
    pub initial_depth: usize,
    /// When the previous release's commit is not in the history, fall back to --initial-depth
    #[arg(long)]
    pub ignore_missing: bool,
    /// Keep only the newest N commits of the range (says so on stderr)
    #[arg(long, value_name = "N")]
    pub max_commits: Option<usize>,
    /// Keep only commits touching these paths (files or directories; repeatable)
    #[arg(long, value_name = "PATH")]
    pub path: Vec<String>,
    /// The git repository (default: the one containing the current directory, or GIT_DIR)
    #[arg(long, value_name = "DIR")]
    pub repo: Option<PathBuf>,
    /// Repository name to record (default: owner/repo from the remote URL, else the directory name)
    #[arg(long, value_name = "NAME")]
    pub repo_name: Option<String>,
    /// Add to the release's commits instead of replacing them (local store only: Sentry's API
    /// always replaces)
    #[arg(long)]
    pub append: bool,
    /// Project(s) to create or link the release with first (env RELCTL_PROJECT, SENTRY_PROJECT)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
}

/// One `--commit` range, parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CommitSpec {
    repository: String,
    previous: Option<String>,
    head: String,
}

/// A `--path` names something inside the repository, relative to its root: not empty (it would
/// match everything), not absolute, no `..` (git: "outside repository").
fn check_path(path: &str) -> Result<()> {
    let shown = crate::domain::shown(path);
    if path.trim().is_empty() {
        return Err(Error::usage(
            "invalid --path \"\": give a file or directory relative to the repository's root",
        ));
    }
    let as_path = std::path::Path::new(path);
    if as_path.is_absolute()
        || as_path
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(Error::usage(format!(
            "invalid --path {shown}: it must be relative to the repository's root and stay inside it"
        )));
    }
    Ok(())
}

fn parse_commit_spec(spec: &str) -> Result<CommitSpec> {
    let (repository, range) = spec
        .split_once('@')
        .map_or((spec, "HEAD"), |(repo, range)| (repo, range));
    // A `#path` suffix (sentry-cli's REPO#PATH) is accepted and ignored.
    let repository = repository.split('#').next().unwrap_or("").trim();
    if repository.is_empty() {
        return Err(Error::usage(format!(
            "invalid --commit {spec:?}: expected REPO@[PREV..]REV, e.g. acme/app@v1.0..HEAD"
        )));
    }
    let (previous, head) = match range.split_once("..") {
        Some((prev, head)) => {
            if prev.is_empty() || head.is_empty() {
                return Err(Error::usage(format!(
                    "invalid --commit {spec:?}: Commit cannot begin or end with .."
                )));
            }
            // `a...b` (git's symmetric difference) and `a..b..c` are not one range.
            if head.starts_with('.') || head.contains("..") {
                return Err(Error::usage(format!(
                    "invalid --commit {spec:?}: expected one range PREV..REV (no `...`, one `..`)"
                )));
            }
            (Some(prev.to_string()), head.to_string())
        }
        None if range.is_empty() => (None, "HEAD".to_string()),
        None => (None, range.to_string()),
    };
    Ok(CommitSpec {
        repository: repository.to_string(),
        previous,
        head,
    })
}

pub fn run(ctx: &Ctx, args: SetCommitsArgs) -> Result<()> {
    flow::releases::check_version(&args.release.version)?;
    let project_names = ctx.projects(&args.project);
    if args.clear {
        return clear(ctx, &args, project_names);
    }
    let specs = check_args(ctx, &args)?;

    // Local preconditions first: the repository must be there before anything else happens.
    let repo = git::open(args.repo.as_deref()).map_err(git_error)?;
    let resolved = resolve_heads(&repo, &args, specs)?;

    // Where --auto starts: the head commit the previous release recorded for each repository
    // (else its newest commit there).
    let (previous_release, created_here) =
        if resolved.iter().all(|(_, previous, _)| previous.is_some()) {
            (None, false)
        } else {
            previous_release(ctx, &args.release.version, &project_names)?
        };
    // A release this command created on a server is deleted again when the command fails
    // before its commits are bound: a failing command leaves nothing behind.
    let bound = bind(ctx, &args, repo, resolved, previous_release, project_names);
    if bound.is_err()
        && created_here
        && let Err(err) = ctx
            .backend()
            .delete_release(&ctx.org(), &args.release.version)
    {
        ctx.out.note(&format!(
            "could not delete release {} created by this command: {err}",
            args.release.version
        ));
    }
    match bound? {
        Some(bound) => report(ctx, bound),
        None => Ok(()),
    }
}

/// The flags checked before anything is opened; the `--commit` ranges, parsed.
fn check_args(ctx: &Ctx, args: &SetCommitsArgs) -> Result<Vec<CommitSpec>> {
    if args.initial_depth == 0 {
        return Err(Error::usage("--initial-depth must be at least 1"));
    }
    if args.max_commits == Some(0) {
        return Err(Error::usage("--max-commits must be at least 1"));
    }
    for path in &args.path {
        check_path(path)?;
    }
    if args.append && ctx.is_remote() {
        return Err(Error::usage(
            "--append works on the local store only: Sentry's API replaces a release's commits",
        ));
    }
    args.commit
        .iter()
        .map(|spec| parse_commit_spec(spec))
        .collect()
}

/// Each range to read: the repository name it binds to, its PREV if given, and its head
/// resolved, so a typo fails before the backend is asked anything. A previous commit is left to
/// the walk, which tells a missing sha (shallow clone, rewritten history; and --ignore-missing
/// applies) from a misspelt name.
fn resolve_heads(
    repo: &GitRepo,
    args: &SetCommitsArgs,
    specs: Vec<CommitSpec>,
) -> Result<Vec<(String, Option<String>, String)>> {
    let repository_name = args
        .repo_name
        .clone()
        .unwrap_or_else(|| repo.repository_name(None));
    let ranges: Vec<(String, Option<String>, String)> = if specs.is_empty() {
        vec![(repository_name.clone(), None, "HEAD".to_string())]
    } else {
        specs
            .into_iter()
            .map(|s| (s.repository, s.previous, s.head))
            .collect()
    };
    let mut resolved = Vec::with_capacity(ranges.len());
    for (name, previous, head) in ranges {
        let head = repo.resolve_commit(&head).map_err(git_error)?;
        resolved.push((name, previous, head));
    }
    Ok(resolved)
}

/// What was bound, said and printed.
fn report(ctx: &Ctx, bound: Bound) -> Result<()> {
    let Bound {
        updated,
        repository,
        origins,
        bound_any,
    } = bound;
    let summary = model::SetCommitsResult {
        version: updated.release.version,
        commit_count: updated.release.commit_count,
        authors: updated.release.authors,
        resolved_issues: updated.resolved_issues,
        repository: Some(repository),
    };
    if bound_any {
        ctx.out.message(&format!(
            "Bound {} commit(s) to release {} [{}]{}",
            summary.commit_count,
            summary.version,
            origins.join("; "),
            if summary.resolved_issues.is_empty() {
                String::new()
            } else {
                format!("; resolved {}", summary.resolved_issues.join(", "))
            }
        ));
    } else {
        ctx.out.message(&format!(
            "Release {} keeps its {} commit(s); nothing new to bind [{}]",
            summary.version,
            summary.commit_count,
            origins.join("; ")
        ));
    }
    ctx.out.emit_written(&summary, |s| {
        let authors: Vec<&str> = s.authors.iter().map(|a| a.email.as_str()).collect();
        let list = |items: Vec<&str>| {
            if items.is_empty() {
                "-".to_string()
            } else {
                items.join(", ")
            }
        };
        details(&[
            ("version", s.version.clone()),
            ("repository", or_dash(s.repository.as_deref())),
            ("commits", s.commit_count.to_string()),
            ("authors", list(authors)),
            (
                "resolved",
                list(s.resolved_issues.iter().map(String::as_str).collect()),
            ),
        ])
    })
}

/// What binding sent and the server answered, for the summary.
struct Bound {
    updated: crate::backend::ReleaseUpdated,
    repository: String,
    origins: Vec<String>,
    bound_any: bool,
}

/// Commits per batch handed from the reading thread to the store.
const BATCH_COMMITS: usize = 256;
/// Batches read ahead of the store: reading waits when the store is this far behind, so memory
/// stays flat whatever the length of the range.
const BATCHES_AHEAD: usize = 4;

/// One range to read: the repository name it binds to, where it starts (the previous commit,
/// and the release that commit came from when it did), and its head.
struct RangeJob {
    name: String,
    start: Option<(String, Option<String>)>,
    head: String,
}

/// A range read: what it was, what reading found, and how long it took.
struct RangeDone {
    job: RangeJob,
    read: RangeRead,
    elapsed: std::time::Duration,
}

/// Everything about reading the ranges except the ranges.
#[derive(Clone)]
struct ReadSettings {
    spec: RangeSpec,
    show_progress: bool,
    /// The repository is a shallow clone (said in warnings).
    shallow_clone: bool,
}

/// Reads each range from `repo` (starting where `previous_release` ended, or at `--commit`'s
/// PREV) and sends one update. `None`: a dry run, nothing sent.
///
/// git is read on a thread of its own and handed over in batches through a bounded channel: the
/// store writes one batch while the next is read, on the other core, and a long range never sits
/// in memory whole. The binding is still one transaction (one request to a server): a failure
/// in git or in the store leaves the store as it was.
fn bind(
    ctx: &Ctx,
    args: &SetCommitsArgs,
    repo: GitRepo,
    resolved: Vec<(String, Option<String>, String)>,
    previous_release: Option<PreviousRelease>,
    project_names: Vec<String>,
) -> Result<Option<Bound>> {
    // The repositories bound to: REPO of each `--commit`, else the one named after the remote.
    let mut repositories: Vec<&str> = Vec::new();
    for (name, _, _) in &resolved {
        if !repositories.contains(&name.as_str()) {
            repositories.push(name);
        }
    }
    let repository = repositories.join(", ");
    let jobs = range_jobs(&resolved, previous_release.as_ref());
    let settings = ReadSettings {
        spec: RangeSpec {
            head: String::new(),
            previous: None,
            initial_depth: args.initial_depth,
            ignore_missing: args.ignore_missing,
            max_commits: args.max_commits,
            paths: args.path.clone(),
        },
        show_progress: ctx.show_progress,
        shallow_clone: repo.is_shallow(),
    };
    let req = UpdateRelease {
        org: ctx.org(),
        version: args.release.version.clone(),
        commits: if args.append {
            CommitsChange::Append(Vec::new())
        } else {
            CommitsChange::Replace(Vec::new())
        },
        projects: project_names,
        ..UpdateRelease::default()
    };
    if ctx.dry_run {
        return dry_run(ctx, &repo, jobs, &settings, req).map(|()| None);
    }
    let (updated, origins, bound_any) = write_streamed(ctx, repo, jobs, settings, req)?;
    Ok(Some(Bound {
        updated,
        repository,
        origins,
        bound_any,
    }))
}

/// Where each range starts: `--commit`'s PREV, else where the previous release's commits ended
/// in that repository.
fn range_jobs(
    resolved: &[(String, Option<String>, String)],
    previous_release: Option<&PreviousRelease>,
) -> Vec<RangeJob> {
    resolved
        .iter()
        .map(|(name, previous, head)| RangeJob {
            name: name.clone(),
            start: range_start(previous.as_deref(), previous_release, name)
                .map(|start| (start.commit, start.from_release)),
            head: head.clone(),
        })
        .collect()
}

/// Reads the ranges on a thread of their own while the backend writes what is read (one
/// transaction); what the backend answered, where each range started, and whether any commit
/// was bound.
fn write_streamed(
    ctx: &Ctx,
    repo: GitRepo,
    jobs: Vec<RangeJob>,
    settings: ReadSettings,
    req: UpdateRelease,
) -> Result<(crate::backend::ReleaseUpdated, Vec<String>, bool)> {
    let settings_shown = settings.clone();
    let (sender, receiver) = std::sync::mpsc::sync_channel(BATCHES_AHEAD);
    let reader = std::thread::Builder::new()
        .name("git reader".to_string())
        .spawn(move || {
            let ranges = read_ranges(&repo, jobs, &settings, |batch| {
                sender.send(Some(batch)).is_ok()
            });
            let _ = sender.send(None);
            ranges
        })
        .map_err(|err| Error::other(format!("cannot start reading git: {err}")))?;
    let started = std::time::Instant::now();
    // `-vv` says how far the local store's write has got (not with -q): DEBUG lines.
    let progress = (!ctx.is_remote() && !ctx.out.quiet).then(|| {
        crate::logging::dispatch(
            crate::logging::stderr(),
            crate::logging::verbosity(ctx.verbose),
        )
    });
    let mut batches = Batches::new(receiver, progress);
    let first = batches.next();
    let bound_any = matches!(first, Some(Ok(_)));
    let updated = match first {
        // An error before any commit: nothing to write at all.
        Some(Err(err)) => Err(err),
        Some(Ok(first)) => ctx
            .backend()
            .update_release_streamed(&req, &mut std::iter::once(Ok(first)).chain(&mut batches)),
        // An empty range leaves the release's commits alone (binding nothing would erase them).
        None => ctx.backend().update_release(&UpdateRelease {
            commits: CommitsChange::Keep,
            ..req
        }),
    };
    // Whatever happened, the reader stops: it was read to the end, or its sends now fail.
    drop(batches);
    let ranges = reader
        .join()
        .map_err(|_| Error::other("reading git failed unexpectedly"))?;
    let bind_time = started.elapsed();
    let origins = report_ranges(ctx, &settings_shown, &ranges);
    let updated = updated?;
    if !bound_any {
        ctx.out
            .note("No commits found in the range; leaving the release's commits alone");
    }
    if ctx.verbose > 0 {
        ctx.out
            .note(&format!("read and bound them in {bind_time:.2?}"));
    }
    Ok((updated, origins, bound_any))
}

/// The batches the reading thread sends, up to the end it sends after the last one (`None`). A
/// channel closed without that end means the thread died: that is an error, so the transaction
/// is rolled back rather than committing part of a range.
///
/// The local store asks for the next batch once it has written the last one into its open
/// transaction; with `-vv` each ask is said on stderr (how many commits are written so far, and
/// when the last is), so a user, or a test killing the process, can follow the write itself.
/// The lines are DEBUG events of the command's subscriber (`crate::logging`), written at once.
struct Batches {
    receiver: std::sync::mpsc::Receiver<Option<Result<CommitBatch>>>,
    ended: bool,
    /// The subscriber the progress goes to (the local store only).
    progress: Option<tracing::Dispatch>,
    /// Commits handed to the store so far.
    taken: usize,
}

impl Batches {
    fn new(
        receiver: std::sync::mpsc::Receiver<Option<Result<CommitBatch>>>,
        progress: Option<tracing::Dispatch>,
    ) -> Self {
        Batches {
            receiver,
            ended: false,
            progress,
            taken: 0,
        }
    }
}

/// A `-vv` progress line, when there is a subscriber for it.
fn say_progress(progress: Option<&tracing::Dispatch>, line: std::fmt::Arguments<'_>) {
    if let Some(log) = progress {
        tracing::dispatcher::with_default(log, || tracing::debug!("{line}"));
    }
}

impl Iterator for Batches {
    type Item = Result<CommitBatch>;

    fn next(&mut self) -> Option<Result<CommitBatch>> {
        if self.ended {
            return None;
        }
        let progress = self.progress.as_ref().filter(|_| self.taken > 0);
        say_progress(
            progress,
            format_args!("wrote {} commit(s) to the store so far", self.taken),
        );
        match self.receiver.recv() {
            Ok(Some(batch)) => {
                if let Ok(batch) = &batch {
                    self.taken += batch.commits.len();
                }
                Some(batch)
            }
            Ok(None) => {
                self.ended = true;
                say_progress(
                    progress,
                    format_args!("binding the {} commit(s) to the release", self.taken),
                );
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
    settings: &ReadSettings,
    mut send: impl FnMut(Result<CommitBatch>) -> bool,
) -> Vec<RangeDone> {
    let mut done = Vec::with_capacity(jobs.len());
    let mut batch = CommitBatch::default();
    let mut listening = true;
    for job in jobs {
        let started = std::time::Instant::now();
        let spec = RangeSpec {
            head: job.head.clone(),
            previous: job.start.as_ref().map(|(sha, _)| sha.clone()),
            ..settings.spec.clone()
        };
        let mut first = true;
        let read = repo.stream_commits(&spec, settings.show_progress, |commit| {
            if std::mem::take(&mut first) {
                batch.heads.push(HeadCommit {
                    repository: job.name.clone(),
                    commit: job.head.clone(),
                });
            }
            batch.commits.push(CommitInput::from_git(commit, &job.name));
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
                job,
                read,
                elapsed: started.elapsed(),
            }),
            Err(err) => {
                send(Err(git_error(err)));
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

/// `--dry-run`: the commits are read whole and the request that would bind them printed.
fn dry_run(
    ctx: &Ctx,
    repo: &GitRepo,
    jobs: Vec<RangeJob>,
    settings: &ReadSettings,
    req: UpdateRelease,
) -> Result<()> {
    let mut batches = Vec::new();
    let ranges = read_ranges(repo, jobs, settings, |batch| {
        batches.push(batch);
        true
    });
    report_ranges(ctx, settings, &ranges);
    if batches.is_empty() {
        ctx.out
            .note("No commits found in the range; leaving the release's commits alone");
    }
    let mut commits = Vec::new();
    let mut head_commits = Vec::new();
    for batch in batches {
        let batch = batch?;
        commits.extend(batch.commits);
        head_commits.extend(batch.heads);
    }
    let commits = match (commits.is_empty(), req.commits) {
        (true, _) => CommitsChange::Keep,
        (false, CommitsChange::Append(_)) => CommitsChange::Append(commits),
        (false, _) => CommitsChange::Replace(commits),
    };
    let req = UpdateRelease {
        commits,
        head_commits,
        ..req
    };
    ctx.dry_run(|| calls::update_release(&req)).map(|_| ())
}

/// The warnings about each range read (previous commit missing, commits left out, the edge of a
/// shallow clone), `-v`'s timings, and the origin of each range for the summary.
fn report_ranges(ctx: &Ctx, settings: &ReadSettings, ranges: &[RangeDone]) -> Vec<String> {
    let mut origins = Vec::with_capacity(ranges.len());
    for RangeDone { job, read, elapsed } in ranges {
        let name = &job.name;
        if read.previous_missing {
            ctx.out.warn(&format!(
                "the previous release's commit is not in this history{}; took {} commit(s) from HEAD instead (--ignore-missing)",
                if settings.shallow_clone { " (shallow clone)" } else { "" },
                read.count
            ));
        }
        if read.shallow_boundary_hit {
            ctx.out.warn(
                "the range reaches the edge of a shallow clone: the oldest commit's files are unknown and left out; fetch more history (git fetch --deepen=N or --unshallow) for a complete range",
            );
        }
        if read.dropped_by_cap > 0 {
            ctx.out.warn(&format!(
                "kept the newest {} commits; {} older commit(s) left out (--max-commits)",
                read.count, read.dropped_by_cap
            ));
        }
        if ctx.verbose > 0 {
            ctx.out.note(&format!(
                "read {} commit(s) of {name} in {elapsed:.2?}",
                read.count
            ));
        }
        let initial_depth = settings.spec.initial_depth;
        origins.push(match &job.start {
            Some((sha, _)) if read.previous_missing => format!(
                "{name}: {} not in this history, up to {initial_depth} commits from HEAD",
                short(sha),
            ),
            Some((sha, Some(version))) => {
                format!("{name}: since release {version} ({})", short(sha))
            }
            Some((sha, None)) => format!("{name}: since {}", short(sha)),
            None => format!("{name}: no previous release, up to {initial_depth} commits"),
        });
    }
    origins
}

/// The previous release with commits, as the backend finds it. On a server, a release that
/// does not exist yet has no previous one (Sentry answers 404) when `-p` will create it; a dry
/// run against a server asks nothing.
fn previous_release(
    ctx: &Ctx,
    version: &str,
    projects: &[String],
) -> Result<(Option<PreviousRelease>, bool)> {
    if ctx.dry_run && ctx.is_remote() {
        ctx.out.note(
            "dry run: the server is not asked for the previous release; showing the commits of a first release",
        );
        return Ok((None, false));
    }
    let mut created = false;
    if ctx.is_remote() && !projects.is_empty() {
        // Sentry's previous-with-commits answers 404 for a release that does not exist yet, so
        // create (or link) it first, as sentry-cli does: the POST is idempotent.
        let answer = ctx.backend().create_release(&CreateRelease {
            org: ctx.org(),
            version: version.to_string(),
            projects: projects.to_vec(),
            ..CreateRelease::default()
        })?;
        created = answer.outcome == CreateOutcome::Created;
    }
    let query = PreviousQuery {
        org: ctx.org(),
        version: version.to_string(),
        projects: projects.to_vec(),
    };
    let previous = ctx.backend().previous_release(&query);
    if previous.is_err()
        && created
        && let Err(err) = ctx.backend().delete_release(&ctx.org(), version)
    {
        ctx.out.note(&format!(
            "could not delete release {version} created by this command: {err}"
        ));
    }
    Ok((previous?, created))
}

fn short(sha: &str) -> String {
    sha.chars().take(12).collect()
}

fn clear(ctx: &Ctx, args: &SetCommitsArgs, projects: Vec<String>) -> Result<()> {
    let req = UpdateRelease {
        org: ctx.org(),
        version: args.release.version.clone(),
        commits: CommitsChange::Clear,
        projects,
        ..UpdateRelease::default()
    };
    if ctx.dry_run(|| calls::update_release(&req))? {
        return Ok(());
    }
    let release = ctx.backend().update_release(&req)?.release;
    ctx.out.message(&format!(
        "Cleared the commits of release {}",
        release.version
    ));
    let summary = model::SetCommitsResult {
        version: release.version,
        commit_count: release.commit_count,
        authors: release.authors,
        resolved_issues: Vec::new(),
        repository: None,
    };
    ctx.out.emit_written(&summary, |_| String::new())
}

/// Exit codes (cli.md): a repository that cannot be used at all (not a repository, no commits
/// yet, damaged objects) is exit 2, like any other input relctl cannot work with: running again
/// cannot help, the repository (or `--repo`) must change. A revision or previous commit that is
/// not there is exit 3, not found.
fn git_error(err: git::GitError) -> Error {
    let message = err.to_string();
    let hint = err.hint();
    let error = match err {
        git::GitError::NotARepository { .. }
        | git::GitError::NoCommits { .. }
        | git::GitError::Damaged { .. } => Error::usage(message),
        git::GitError::RevisionNotFound { .. } | git::GitError::PreviousCommitMissing { .. } => {
            Error::not_found(message)
        }
        git::GitError::Other(_) => Error::other(message),
    };
    match hint {
        Some(hint) => error.with_hint(hint),
        None => error,
    }
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn batches_end_only_when_the_reader_says_so() {
        let batch = || Ok(CommitBatch::default());
        // The end sent: the batches, then nothing.
        let (sender, receiver) = std::sync::mpsc::sync_channel(4);
        sender.send(Some(batch())).unwrap();
        sender.send(None).unwrap();
        let got: Vec<_> = Batches::new(receiver, None).collect();
        assert_eq!(got.len(), 1);
        assert!(got[0].is_ok());
        // The reader gone without the end (it died): an error, so nothing is committed.
        let (sender, receiver) = std::sync::mpsc::sync_channel(4);
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

    #[test]
    fn commit_specs() {
        let spec = parse_commit_spec("acme/app@v1.0..HEAD").unwrap();
        assert_eq!(
            spec,
            CommitSpec {
                repository: "acme/app".into(),
                previous: Some("v1.0".into()),
                head: "HEAD".into()
            }
        );
        let spec = parse_commit_spec("acme/app@abc123").unwrap();
        assert_eq!(spec.previous, None);
        assert_eq!(spec.head, "abc123");
        let spec = parse_commit_spec("acme/app").unwrap();
        assert_eq!(spec.head, "HEAD");
        let spec = parse_commit_spec("acme/app#sub/dir@HEAD~3..HEAD").unwrap();
        assert_eq!(spec.repository, "acme/app");
        assert_eq!(spec.previous.as_deref(), Some("HEAD~3"));
        for bad in ["@HEAD", "acme/app@..HEAD", "acme/app@HEAD..", ""] {
            assert_eq!(
                parse_commit_spec(bad).unwrap_err().kind,
                ErrorKind::Usage,
                "{bad}"
            );
        }
    }
}
