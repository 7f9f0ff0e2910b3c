//! `relctl issue`: create, list, show and review issues, and resolve, mute or unresolve them.
//!
//! One file per subcommand, each with its arguments and its `run`; this file holds the group
//! and the rendering of an issue.

mod change;
mod list;
mod mute;
mod new;
mod resolve;
mod review;
mod show;
mod unresolve;

use clap::Subcommand;

use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{details, or_dash};
pub use change::{ChangeArgs, SelectStatus};
pub use list::{ListArgs, StatusFilter};
pub use mute::MuteArgs;
pub use new::NewArgs;
pub use resolve::ResolveArgs;
pub use review::ReviewArgs;
pub use show::ShowArgs;
pub use unresolve::UnresolveArgs;

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
    /// Resolve issues now (in no release): out of the inbox, with activity and history
    #[command(after_long_help = crate::cli::examples::ISSUE_RESOLVE)]
    Resolve(ResolveArgs),
    /// Mute (ignore) issues until unmuted: out of the inbox, with activity and history
    #[command(after_long_help = crate::cli::examples::ISSUE_MUTE)]
    Mute(MuteArgs),
    /// Unresolve issues (resolved or muted), with activity and history
    #[command(after_long_help = crate::cli::examples::ISSUE_UNRESOLVE)]
    Unresolve(UnresolveArgs),
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
        IssueCommand::Resolve(args) => resolve::run(ctx, args),
        IssueCommand::Mute(args) => mute::run(ctx, args),
        IssueCommand::Unresolve(args) => unresolve::run(ctx, args),
    }
}
