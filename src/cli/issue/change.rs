//! What `issue resolve`, `mute` and `unresolve` share: naming the issues (relctl's short ids,
//! or sentry-cli's `-i ID`, `--all` and `--status`, hidden from `--help`'s main list and named
//! in its "sentry-cli compatibility" section), one bulk change through the backend, and the
//! report of what changed.

use clap::{ArgAction, Args, ValueEnum};

use crate::backend::{IssueSelection, IssueStatus, IssuesUpdated, UpdateIssues};
use crate::cli::Ctx;
use crate::error::{Error, Result};
use crate::flow::issues::StatusChange;
use crate::model;
use crate::output::table;

/// sentry-cli's `--status` values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SelectStatus {
    Resolved,
    Unresolved,
    #[value(alias = "ignored")]
    Muted,
}

#[derive(Debug, Args)]
pub struct ChangeArgs {
    /// The issues, e.g. BACKEND-1Z
    #[arg(value_name = "SHORT_ID")]
    pub short_ids: Vec<String>,
    /// Only issues of this project (env RELCTL_PROJECT, SENTRY_PROJECT)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// sentry-cli: the issue with this numeric id (repeatable)
    #[arg(short = 'i', long = "id", value_name = "ID", action = ArgAction::Append, hide = true)]
    pub ids: Vec<i64>,
    /// sentry-cli: every issue (at most 1000)
    #[arg(short = 'a', long, hide = true)]
    pub all: bool,
    /// sentry-cli: every issue in this status (at most 1000)
    #[arg(
        short = 's',
        long = "status",
        value_enum,
        value_name = "STATUS",
        hide = true
    )]
    pub status: Option<SelectStatus>,
}

/// Runs the change: `verb` ("Resolved", ...) words the report.
pub fn run(ctx: &Ctx, args: ChangeArgs, change: StatusChange, verb: &str) -> Result<()> {
    let by_short_id = !args.short_ids.is_empty();
    let selection = selection(args.short_ids, args.ids, args.all, args.status)?;
    // A short id names its project; sentry-cli's selections are the configured project's.
    let project = if by_short_id {
        single_project(&args.project)?
    } else {
        single_project(&ctx.projects(&args.project))?
    };
    let req = UpdateIssues {
        org: ctx.org(),
        project,
        selection,
        status: Some(change),
        inbox: None,
    };
    let updated = ctx.backend().update_issues(&req)?;
    report(ctx, &req, &updated, verb)
}

/// sentry-cli's precedence among its flags (`--all`, then `--status`, then `-i`); short ids go
/// alone.
fn selection(
    short_ids: Vec<String>,
    ids: Vec<i64>,
    all: bool,
    status: Option<SelectStatus>,
) -> Result<IssueSelection> {
    let sentry_cli = all || status.is_some() || !ids.is_empty();
    if !short_ids.is_empty() {
        if sentry_cli {
            return Err(Error::usage(
                "name the issues either by short id or with -i/--all/--status, not both",
            ));
        }
        return Ok(IssueSelection::ShortIds(short_ids));
    }
    if all {
        return Ok(IssueSelection::Matching {
            status: None,
            words: Vec::new(),
        });
    }
    if let Some(status) = status {
        let status = match status {
            SelectStatus::Resolved => IssueStatus::Resolved,
            SelectStatus::Unresolved => IssueStatus::Unresolved,
            SelectStatus::Muted => IssueStatus::Ignored,
        };
        return Ok(IssueSelection::Matching {
            status: Some(status),
            words: Vec::new(),
        });
    }
    if ids.is_empty() {
        return Err(Error::usage(
            "name the issues to change: SHORT_ID..., or -i ID, --all or --status STATUS",
        ));
    }
    Ok(IssueSelection::Ids(ids))
}

fn single_project(names: &[String]) -> Result<Option<String>> {
    match names {
        [] => Ok(None),
        [one] => Ok(Some(one.clone())),
        _ => Err(Error::usage(format!(
            "these commands take one project; {} were given ({})",
            names.len(),
            names.join(", ")
        ))),
    }
}

/// What changed; a selection by id that matched nothing is "not found" (exit 3).
fn report(ctx: &Ctx, req: &UpdateIssues, updated: &IssuesUpdated, verb: &str) -> Result<()> {
    if !updated.matched {
        if let IssueSelection::Ids(ids) = &req.selection {
            let ids: Vec<String> = ids.iter().map(i64::to_string).collect();
            return Err(Error::not_found(format!(
                "no issue with id {} in organization {:?}",
                ids.join(", "),
                req.org
            )));
        }
        ctx.out.note("No issue matched; nothing changed");
        return ctx
            .out
            .emit_written(&updated.issues, |issues| render(issues));
    }
    if updated.issues.is_empty() {
        ctx.out.message(&format!("{verb} the matching issues"));
    } else if updated.changed.is_empty() {
        ctx.out
            .note("Every issue named was already so; nothing changed");
    } else {
        ctx.out
            .message(&format!("{verb} {}", updated.changed.join(", ")));
    }
    ctx.out
        .emit_written(&updated.issues, |issues| render(issues))
}

fn render(issues: &[model::Issue]) -> String {
    let rows: Vec<Vec<String>> = issues
        .iter()
        .map(|i| vec![i.short_id.clone(), i.status.clone(), i.title.clone()])
        .collect();
    table(&["ISSUE", "STATUS", "TITLE"], &rows)
}
