//! `relctl org`: organizations, their options and the audit log.
//!
//! One file per subcommand, each with its arguments (if any) and its `run`; this file holds
//! the group.

mod audit;
mod create;
mod list;
mod set;
mod show;

use clap::Subcommand;

use crate::cli::Ctx;
use crate::error::Result;
pub use audit::AuditArgs;
pub use create::CreateArgs;
pub use set::SetArgs;

#[derive(Debug, Subcommand)]
pub enum OrgCommand {
    /// Create an organization in the local store
    #[command(after_long_help = crate::cli::examples::ORG_CREATE)]
    Create(CreateArgs),
    /// List organizations
    #[command(after_long_help = crate::cli::examples::ORG_LIST)]
    List,
    /// Show the organization (--org) and every option's value
    #[command(after_long_help = crate::cli::examples::ORG_SHOW)]
    Show,
    /// Set an organization option by its API field name (e.g. scrapeJavaScript false), or its
    /// name or slug
    #[command(after_long_help = crate::cli::examples::ORG_SET)]
    Set(SetArgs),
    /// The audit log, newest first
    #[command(after_long_help = crate::cli::examples::ORG_AUDIT)]
    Audit(AuditArgs),
}

pub fn run(ctx: &Ctx, cmd: OrgCommand) -> Result<()> {
    match cmd {
        OrgCommand::Create(args) => create::run(ctx, args),
        OrgCommand::List => list::run(ctx),
        OrgCommand::Show => show::run(ctx),
        OrgCommand::Set(args) => set::run(ctx, args),
        OrgCommand::Audit(args) => audit::run(ctx, args),
    }
}
