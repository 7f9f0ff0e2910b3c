//! `relctl release new`: create a release (or load the existing one) and link it to projects.

use clap::Args;

use super::{ReleaseVersion, render_release};
use crate::backend::{CreateOutcome, CreateRelease, ReleaseCreated};
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::{Error, Result};
use crate::time::parse_user_timestamp;

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// The release's URL
    #[arg(long, visible_alias = "release-url", value_name = "URL")]
    pub url: Option<String>,
    /// A free-form reference (e.g. a tag or commit)
    #[arg(long = "ref", value_name = "REF")]
    pub ref_: Option<String>,
    /// Mark the release as released now
    #[arg(long, conflicts_with = "released")]
    pub finalize: bool,
    /// Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)
    #[arg(long, value_name = "TIMESTAMP")]
    pub released: Option<String>,
}

pub fn run(ctx: &Ctx, args: NewArgs) -> Result<()> {
    check_version(&args.release.version)?;
    let date_released = match (&args.released, args.finalize) {
        (Some(text), _) => Some(parse_user_timestamp("--released", text)?),
        (None, true) => Some(chrono::Utc::now()),
        (None, false) => None,
    };
    let projects = ctx.projects(&args.project);
    if projects.is_empty() {
        return Err(Error::usage(
            "a release needs at least one project: pass -p/--project, or set RELCTL_PROJECT",
        ));
    }
    let req = CreateRelease {
        org: ctx.org(),
        version: args.release.version,
        projects,
        ref_: args.ref_,
        url: args.url,
        date_released,
        finalize_existing: date_released.is_some(),
        status: None,
        user_agent: None,
        ..CreateRelease::default()
    };
    let ReleaseCreated { release, outcome } = ctx.backend().create_release(&req)?;
    ctx.out.message(&match outcome {
        CreateOutcome::Created => format!("Created release {}", release.version),
        CreateOutcome::Linked(slugs) => format!(
            "Release {} already exists; linked it to {}",
            release.version,
            slugs.join(", ")
        ),
        CreateOutcome::AlreadyThere => format!(
            "Release {} already exists with these projects; nothing changed",
            release.version
        ),
    });
    ctx.out.emit_written(&release, render_release)
}
