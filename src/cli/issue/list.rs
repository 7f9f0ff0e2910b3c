//! `relctl issue list`: issues, newest first.

use clap::{Args, ValueEnum};

use crate::backend::{IssueQuery, IssueStatus};
use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{or_dash, table};

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatusFilter {
    Unresolved,
    Resolved,
    /// Muted
    #[value(alias = "muted")]
    Ignored,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// Only issues in the inbox
    #[arg(long)]
    pub inbox: bool,
    #[arg(long, value_enum)]
    pub status: Option<StatusFilter>,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> Result<()> {
    let names = ctx.projects(&args.project);
    let issues = ctx.backend().issues(&IssueQuery {
        org: ctx.org(),
        projects: names,
        inbox_only: args.inbox,
        status: args.status.map(|s| match s {
            StatusFilter::Unresolved => IssueStatus::Unresolved,
            StatusFilter::Resolved => IssueStatus::Resolved,
            StatusFilter::Ignored => IssueStatus::Ignored,
        }),
        ..IssueQuery::default()
    })?;
    ctx.out.emit(&issues, |issues| render(issues))
}

fn render(issues: &[model::Issue]) -> String {
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
}
