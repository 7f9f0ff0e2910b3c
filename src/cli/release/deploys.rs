//! `relctl release deploys VERSION new|list`: sentry-cli's older form of `deploys` (it still
//! accepts `sentry-cli releases deploys VERSION new -e ENV`), hidden from `--help` and named in
//! its "sentry-cli compatibility" section. The same commands as `relctl deploy new|list -r
//! VERSION`, with the release before the subcommand.

use clap::{Args, Subcommand};

use super::ReleaseVersion;
use crate::cli::Ctx;
use crate::cli::deploy::{self, NewDeployArgs};
use crate::error::Result;

#[derive(Debug, Args)]
pub struct DeploysArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    #[command(subcommand)]
    pub command: DeploysCommand,
}

#[derive(Debug, Subcommand)]
pub enum DeploysCommand {
    /// Record a deploy of the release to an environment (relctl deploy new -r VERSION)
    #[command(after_long_help = crate::cli::examples::RELEASE_DEPLOYS_NEW)]
    New(NewDeployArgs),
    /// List the deploys of the release, newest first (relctl deploy list -r VERSION)
    #[command(after_long_help = crate::cli::examples::RELEASE_DEPLOYS_LIST)]
    List,
}

pub fn run(ctx: &Ctx, args: DeploysArgs) -> Result<()> {
    let version = args.release.version;
    match args.command {
        DeploysCommand::New(deploy) => deploy::new(ctx, version, deploy),
        DeploysCommand::List => deploy::list(ctx, version),
    }
}
