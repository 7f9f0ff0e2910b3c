//! `relctl issue`: create, list, show and review issues.
//!
//! One file per subcommand, each with its arguments and its `run`; this file holds the group
//! and the rendering of an issue.

mod list;
mod new;
mod review;
mod show;

use clap::Subcommand;

use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{details, or_dash};
pub use list::{ListArgs, StatusFilter};
pub use new::NewArgs;
pub use review::ReviewArgs;
pub use show::ShowArgs;

#[derive(Debug, Subcommand)]
pub enum IssueCommand {
    /// Create an issue with the project's next short id, in the inbox
    #[command(after_long_help = crate::cli::examples::ISSUE_NEW)]
    New(NewArgs),
    /// List issues, newest first
    #[command(after_long_help = crate::cli::examples::ISSUE_LIST)]
    List(ListArgs),
    /// Show an issue with its activity and history
    #[command(after_long_help = crate::cli::examples::ISSUE_SHOW)]
    Show(ShowArgs),
    /// Mark an issue reviewed: out of the inbox
    #[command(after_long_help = crate::cli::examples::ISSUE_REVIEW)]
    Review(ReviewArgs),
}

/// The issue's own fields, one per line.
pub(super) fn render(issue: &model::Issue) -> String {
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
        IssueCommand::New(args) => new::run(ctx, args),
        IssueCommand::List(args) => list::run(ctx, args),
        IssueCommand::Show(args) => show::run(ctx, args),
        IssueCommand::Review(args) => review::run(ctx, args),
    }
}
