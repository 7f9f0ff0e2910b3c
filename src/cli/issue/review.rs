//! `relctl issue review`: mark an issue reviewed, out of the inbox.

use clap::Args;

use super::render;
use crate::backend::IssueReviewed;
use crate::cli::Ctx;
use crate::error::Result;

#[derive(Debug, Args)]
pub struct ReviewArgs {
    pub short_id: String,
}

pub fn run(ctx: &Ctx, args: ReviewArgs) -> Result<()> {
    let org = ctx.org();
    let IssueReviewed {
        issue,
        changed: reviewed,
    } = ctx.backend().review_issue(&org, &args.short_id)?;
    if reviewed {
        ctx.out
            .message(&format!("Reviewed {}: out of the inbox", issue.short_id));
    } else {
        ctx.out.note(&format!(
            "{} is not in the inbox; nothing to do",
            issue.short_id
        ));
    }
    ctx.out.emit_written(&issue, render)
}
