//! `relctl release set-commits`: read commits from the local git repository and bind them.
//!
//! Every flag is checked here, before anything else happens; `ops::set_commits` opens the
//! repository, finds where each range starts, reads git and binds (the order that keeps
//! "nothing written on failure" is written there); this file prints what it did.

use std::path::PathBuf;

use clap::{ArgGroup, Args};

use super::ReleaseVersion;
use crate::backend::{CommitsChange, UpdateRelease};
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::{Error, Result};

use crate::model;
use crate::ops::range_start::RangeStart;
use crate::ops::refs::RefsMode;
use crate::ops::set_commits::{
    OnProgress, Progress, RangeAsked, RangeDone, RangeRead, SetCommits, SetCommitsRun, set_commits,
};
use crate::output::{details, or_dash};

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
    /// Let the server read the commits from its copy of the repository (refs), always (it does
    /// so by itself in a shallow clone missing the earlier releases' heads)
    #[arg(long, conflicts_with = "no_refs")]
    pub refs: bool,
    /// Never send refs: read the commits here, or fail
    #[arg(long)]
    pub no_refs: bool,
    /// sentry-cli's: an empty range is not an error (it never is here); leaves out the note
    /// saying the range was empty
    #[arg(long, hide = true)]
    pub ignore_empty: bool,
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

/// One `--commit` range, parsed.
fn parse_commit_spec(spec: &str) -> Result<RangeAsked> {
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
    Ok(RangeAsked {
        repository: repository.to_string(),
        previous,
        head,
    })
}

pub fn run(ctx: &Ctx, args: SetCommitsArgs) -> Result<()> {
    check_version(&args.release.version)?;
    let projects = ctx.projects(&args.project);
    if args.clear {
        return clear(ctx, &args, projects);
    }
    crate::config::check_unicode(crate::ci_checkout::VARIABLES)?;
    let ignore_empty = args.ignore_empty;
    let req = request(ctx, args, projects)?;
    // `-vv` follows the local store's write (a server gets the commits in one request).
    let say_progress = |step: Progress| {
        ctx.out.note(&match step {
            Progress::Written(count) => format!("wrote {count} commit(s) to the store so far"),
            Progress::Binding(count) => format!("binding the {count} commit(s) to the release"),
        })
    };
    let progress: OnProgress<'_> =
        (ctx.verbose > 1 && !ctx.is_remote() && !ctx.dry_run).then_some(&say_progress);
    let run = set_commits(ctx.backend(), &req, progress)?;
    let mut origins = report_ranges(ctx, req.initial_depth, &run);
    if run.read_by_server && run.updated.is_ok() {
        ctx.out.note(&format!(
            "sent refs for {}: the server reads the commits from its own copy of the repository",
            run.repository
        ));
        origins.push(format!("{}: read by the server (refs)", run.repository));
    }
    if !run.bound_any && !ignore_empty && (run.updated.is_ok() || ctx.dry_run) {
        ctx.out
            .note("No commits found in the range; leaving the release's commits alone");
    }
    let updated = run.updated?;
    if ctx.verbose > 0 {
        ctx.out
            .note(&format!("read and bound them in {:.2?}", run.elapsed));
    }
    let summary = model::SetCommitsResult {
        version: updated.release.version,
        commit_count: updated.release.commit_count,
        authors: updated.release.authors,
        resolved_issues: updated.resolved_issues,
        repository: Some(run.repository),
        rebound_releases: updated.rebound_releases,
    };
    for later in &updated.later_to_rebind {
        ctx.out.warn(&format!(
            "release {later} was created after {} but holds commits {} now holds, and this server cannot re-bind it: bind it again, from a checkout of its head: relctl release set-commits {later}",
            summary.version, summary.version
        ));
    }
    if !summary.rebound_releases.is_empty() {
        ctx.out.note(&format!(
            "Re-bound later release(s) {}: their heads descend from this one's, so the commits it now holds are no longer theirs",
            summary.rebound_releases.join(", ")
        ));
    }
    if run.bound_any {
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
    ctx.out.emit_written(&summary, render_summary)
}

/// The flags checked, as the op's request: nothing is read or asked before they all are.
fn request(ctx: &Ctx, args: SetCommitsArgs, projects: Vec<String>) -> Result<SetCommits> {
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
    let ranges = args
        .commit
        .iter()
        .map(|spec| parse_commit_spec(spec))
        .collect::<Result<Vec<_>>>()?;
    Ok(SetCommits {
        org: ctx.org(),
        version: args.release.version,
        projects,
        repo: args.repo,
        repo_name: args.repo_name,
        ranges,
        initial_depth: args.initial_depth,
        ignore_missing: args.ignore_missing,
        max_commits: args.max_commits,
        paths: args.path,
        append: args.append,
        show_progress: ctx.show_progress,
        refs: match (args.refs, args.no_refs) {
            (true, _) => RefsMode::Always,
            (_, true) => RefsMode::Never,
            _ => RefsMode::Auto,
        },
        ci_checkout: crate::ci_checkout::from_environment(&crate::config::ProcessEnv),
    })
}

fn render_summary(summary: &model::SetCommitsResult) -> String {
    let authors: Vec<&str> = summary.authors.iter().map(|a| a.email.as_str()).collect();
    let list = |items: Vec<&str>| {
        if items.is_empty() {
            "-".to_string()
        } else {
            items.join(", ")
        }
    };
    details(&[
        ("version", summary.version.clone()),
        ("repository", or_dash(summary.repository.as_deref())),
        ("commits", summary.commit_count.to_string()),
        ("authors", list(authors)),
        (
            "resolved",
            list(summary.resolved_issues.iter().map(String::as_str).collect()),
        ),
    ])
}

/// The warnings about each range read (previous commit missing, commits left out, the edge of a
/// shallow clone), `-v`'s timings, and the origin of each range for the summary.
fn report_ranges(ctx: &Ctx, initial_depth: usize, run: &SetCommitsRun) -> Vec<String> {
    let mut origins = Vec::with_capacity(run.ranges.len());
    for RangeDone {
        repository: name,
        start,
        read,
        elapsed,
    } in &run.ranges
    {
        if read.previous_missing {
            ctx.out.warn(&format!(
                "the previous release's commit is not in this history{}; took {} commit(s) from HEAD instead (--ignore-missing)",
                if run.shallow_clone { " (shallow clone)" } else { "" },
                read.count
            ));
        }
        if read.stops_skipped > 0 {
            ctx.out.warn(&format!(
                "{} head(s) recorded by earlier releases are not in this history (another clone's branch, or a rewritten one); skipped them (--ignore-missing)",
                read.stops_skipped
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
        origins.push(origin(name, start.as_ref(), read, initial_depth));
    }
    origins
}

/// Where a range started, for the summary: the newest release whose head stopped it (and how
/// many other heads did), the commit the caller named, or no previous release.
fn origin(
    name: &str,
    start: Option<&RangeStart>,
    read: &RangeRead,
    initial_depth: usize,
) -> String {
    let Some(start) = start else {
        return format!("{name}: no previous release, up to {initial_depth} commits");
    };
    let first = start.stop_at.first().map_or("", String::as_str);
    if read.previous_missing {
        return format!(
            "{name}: {} not in this history, up to {initial_depth} commits from HEAD",
            short(first)
        );
    }
    let others = match start.stop_at.len().saturating_sub(read.stops_skipped) {
        0 | 1 => String::new(),
        2 => " and 1 earlier head".to_string(),
        n => format!(" and {} earlier heads", n - 1),
    };
    match &start.from_release {
        Some(version) => format!("{name}: since release {version} ({}){others}", short(first)),
        None => format!("{name}: since {}", short(first)),
    }
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
        rebound_releases: Vec::new(),
    };
    ctx.out.emit_written(&summary, |_| String::new())
}

#[cfg(test)]
mod props;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn commit_specs() {
        let spec = parse_commit_spec("acme/app@v1.0..HEAD").unwrap();
        assert_eq!(
            spec,
            RangeAsked {
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
