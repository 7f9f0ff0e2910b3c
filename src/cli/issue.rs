//! `relctl issue`: create, list, show and review issues.

use clap::{Subcommand, ValueEnum};

use super::Ctx;
use crate::backend::{CreateIssue, IssueQuery, IssueReviewed, IssueStatus};
use crate::error::{Error, Result};
use crate::model;
use crate::output::{details, or_dash, table, when};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusFilter {
    Unresolved,
    Resolved,
}

#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    /// Create an issue with the project's next short id, in the inbox
    #[command(after_long_help = super::examples::ISSUE_NEW)]
    New {
        /// The project (env RELCTL_PROJECT, SENTRY_PROJECT)
        #[arg(short, long = "project", value_name = "PROJECT")]
        project: Vec<String>,
        /// What went wrong
        title: String,
    },
    /// List issues, newest first
    #[command(after_long_help = super::examples::ISSUE_LIST)]
    List {
        #[arg(short, long = "project", value_name = "PROJECT")]
        project: Vec<String>,
        /// Only issues in the inbox
        #[arg(long)]
        inbox: bool,
        #[arg(long, value_enum)]
        status: Option<StatusFilter>,
    },
    /// Show an issue with its activity and history
    #[command(after_long_help = super::examples::ISSUE_SHOW)]
    Show {
        /// e.g. BACKEND-1Z
        short_id: String,
    },
    /// Mark an issue reviewed: out of the inbox
    #[command(after_long_help = super::examples::ISSUE_REVIEW)]
    Review { short_id: String },
}

fn render(issue: &model::Issue) -> String {
    details(&[
        ("issue", issue.short_id.clone()),
        ("title", issue.title.clone()),
        ("status", issue.status.clone()),
        ("project", issue.project.slug.clone()),
        (
            "inbox",
            issue.inbox.as_ref().map_or_else(
                || "-".into(),
                |i| format!("{} since {}", i.reason, i.date_added),
            ),
        ),
        (
            "resolved in",
            or_dash(issue.resolution.as_ref().map(|r| r.release.as_str())),
        ),
        ("first seen", issue.first_seen.clone()),
    ])
}

pub fn run(ctx: &Ctx, cmd: IssueCommand) -> Result<()> {
    match cmd {
        IssueCommand::New { project, title } => {
            let names = ctx.projects(&project);
            let project = match names.as_slice() {
                [one] => one.clone(),
                [] => {
                    return Err(Error::usage(
                        "an issue needs a project: pass -p/--project, or set RELCTL_PROJECT",
                    ));
                }
                _ => {
                    return Err(Error::usage(format!(
                        "an issue belongs to one project; {} were given ({})",
                        names.len(),
                        names.join(", ")
                    )));
                }
            };
            let req = CreateIssue {
                org: ctx.org(),
                project,
                title,
            };
            let issue = ctx.backend().create_issue(&req)?;
            ctx.out
                .message(&format!("Created issue {}", issue.short_id));
            ctx.out.emit_written(&issue, render)
        }
        IssueCommand::List {
            project,
            inbox,
            status,
        } => {
            let names = ctx.projects(&project);
            let issues = ctx.backend().issues(&IssueQuery {
                org: ctx.org(),
                projects: names,
                inbox_only: inbox,
                status: status.map(|s| match s {
                    StatusFilter::Unresolved => IssueStatus::Unresolved,
                    StatusFilter::Resolved => IssueStatus::Resolved,
                }),
                ..IssueQuery::default()
            })?;
            ctx.out.emit(&issues, |issues| {
                let rows: Vec<Vec<String>> = issues
                    .iter()
                    .map(|i| {
                        vec![
                            i.short_id.clone(),
                            i.status.clone(),
                            if i.inbox.is_some() {
                                "yes".into()
                            } else {
                                "no".into()
                            },
                            or_dash(i.resolution.as_ref().map(|r| r.release.as_str())),
                            i.title.clone(),
                        ]
                    })
                    .collect();
                table(&["ISSUE", "STATUS", "INBOX", "RESOLVED IN", "TITLE"], &rows)
            })
        }
        IssueCommand::Show { short_id } => {
            let issue = ctx.backend().issue(&ctx.org(), &short_id)?;
            ctx.out.emit(&issue, |i| {
                let mut text = render(&i.issue);
                let rows: Vec<Vec<String>> = i
                    .activity
                    .iter()
                    .map(|e| vec![when(&e.date_created), "activity".into(), e.kind.clone()])
                    .chain(
                        i.history
                            .iter()
                            .map(|e| vec![when(&e.date_created), "history".into(), e.kind.clone()]),
                    )
                    .collect();
                if !rows.is_empty() {
                    text.push('\n');
                    text.push_str(&table(&["DATE", "KIND", "WHAT"], &rows));
                }
                text
            })
        }
        IssueCommand::Review { short_id } => {
            let org = ctx.org();
            let IssueReviewed {
                issue,
                changed: reviewed,
            } = ctx.backend().review_issue(&org, &short_id)?;
            if reviewed {
                ctx.out
                    .message(&format!("Reviewed {}: out of the inbox", issue.short_id));
            } else {
                ctx.out.note(&format!(
                    "{} is not in the inbox; nothing to do",
                    issue.short_id
                ));
            }
            ctx.out.emit_written(&issue, render)
        }
    }
}
