//! `relctl release archive` and `restore`: one status change, said as what it did.

use super::render_release;
use crate::backend::{ReleaseStatus, UpdateRelease};
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::Result;

pub fn run(ctx: &Ctx, version: String, status: ReleaseStatus) -> Result<()> {
    check_version(&version)?;
    let req = UpdateRelease {
        org: ctx.org(),
        version,
        status: Some(status),
        ..UpdateRelease::default()
    };
    let updated = ctx.backend().update_release(&req)?;
    let version = &updated.release.version;
    ctx.out.message(&match (status, updated.status_changed) {
        (ReleaseStatus::Archived, true) => format!("Archived release {version}"),
        (ReleaseStatus::Archived, false) => format!("Release {version} was already archived"),
        (ReleaseStatus::Open, true) => format!("Restored release {version}"),
        (ReleaseStatus::Open, false) => {
            format!("Release {version} is not archived; nothing to restore")
        }
    });
    ctx.out.emit_written(&updated.release, render_release)
}
