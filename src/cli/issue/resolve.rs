//! `relctl issue resolve`: resolve issues now, in no release, and take them out of the inbox,
//! with the activity and history rows Sentry writes.

use clap::Args;

use super::change::{self, ChangeArgs};
use crate::cli::Ctx;
use crate::error::Result;
use crate::flow::issues::StatusChange;

#[derive(Debug, Args)]
pub struct ResolveArgs {
    #[command(flatten)]
    pub issues: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: ResolveArgs) -> Result<()> {
    change::run(ctx, args.issues, StatusChange::Resolve, "Resolved")
}
