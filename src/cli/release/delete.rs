//! `relctl release delete`: a missing release is not an error unless `--strict`.

use clap::Args;

use super::ReleaseVersion;
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::{ErrorKind, Result};

#[derive(Debug, Args)]
pub struct DeleteArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// Exit 3 when the release does not exist
    #[arg(long)]
    pub strict: bool,
}

pub fn run(ctx: &Ctx, args: DeleteArgs) -> Result<()> {
    let version = args.release.version;
    check_version(&version)?;
    match ctx.backend().delete_release(&ctx.org(), &version) {
        Ok(()) => {
            ctx.out.message(&format!("Deleted release {version}"));
            ctx.out.emit_written(
                &serde_json::json!({ "version": version, "deleted": true }),
                |_| String::new(),
            )
        }
        Err(err) if err.kind == ErrorKind::NotFound && !args.strict => {
            ctx.out
                .note(&format!("Did nothing: release {version:?} does not exist"));
            ctx.out.emit_written(
                &serde_json::json!({ "version": version, "deleted": false }),
                |_| String::new(),
            )
        }
        Err(err) => Err(err),
    }
}
