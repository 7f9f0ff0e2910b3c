//! `relctl release finalize`: mark a release as released.

use clap::Args;

use super::{ReleaseVersion, render_release};
use crate::backend::UpdateRelease;
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::Result;
use crate::time::parse_user_timestamp;

#[derive(Debug, Args)]
pub struct FinalizeArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)
    #[arg(long, value_name = "TIMESTAMP")]
    pub released: Option<String>,
    /// The release's URL
    #[arg(long, visible_alias = "release-url", value_name = "URL")]
    pub url: Option<String>,
}

pub fn run(ctx: &Ctx, args: FinalizeArgs) -> Result<()> {
    let version = args.release.version;
    check_version(&version)?;
    let date = match &args.released {
        Some(text) => parse_user_timestamp("--released", text)?,
        None => chrono::Utc::now(),
    };
    let req = UpdateRelease {
        org: ctx.org(),
        version,
        url: args.url,
        date_released: Some(date),
        ..UpdateRelease::default()
    };
    let release = ctx.backend().update_release(&req)?.release;
    ctx.out
        .message(&format!("Finalized release {}", release.version));
    ctx.out.emit_written(&release, render_release)
}
