//! `relctl issue unresolve`: unresolve issues (dropping a resolution in a release), with the
//! activity and history rows Sentry writes.

use clap::Args;

use super::change::{self, ChangeArgs};
use crate::cli::Ctx;
use crate::error::Result;
use crate::flow::issues::StatusChange;

#[derive(Debug, Args)]
pub struct UnresolveArgs {
    #[command(flatten)]
    pub issues: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: UnresolveArgs) -> Result<()> {
    change::run(ctx, args.issues, StatusChange::Unresolve, "Unresolved")
}
