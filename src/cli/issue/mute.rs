//! `relctl issue mute`: mute (ignore) issues until they are unmuted, and take them out of the
//! inbox, with the activity and history rows Sentry writes.

use clap::Args;

use super::change::{self, ChangeArgs};
use crate::cli::Ctx;
use crate::error::Result;
use crate::flow::issues::StatusChange;

#[derive(Debug, Args)]
pub struct MuteArgs {
    #[command(flatten)]
    pub issues: ChangeArgs,
}

pub fn run(ctx: &Ctx, args: MuteArgs) -> Result<()> {
    change::run(ctx, args.issues, StatusChange::Ignore, "Muted")
}
