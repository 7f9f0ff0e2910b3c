//! `relctl release propose-version`: a version name from CI variables, else the git HEAD sha.

use clap::Args;

use crate::cli::Ctx;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// Directory of the git repository to read HEAD from (default: the current one)
    #[arg(long, value_name = "DIR")]
    pub repo: Option<std::path::PathBuf>,
}

pub fn run(ctx: &Ctx, args: ProposeArgs) -> Result<()> {
    crate::config::check_unicode(crate::propose_version::VARIABLES)?;
    let version =
        crate::propose_version::propose(&crate::config::ProcessEnv, args.repo.as_deref())?;
    ctx.out
        .emit(&serde_json::json!({ "version": version }), |_| {
            format!("{version}\n")
        })
}
