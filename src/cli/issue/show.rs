//! `relctl issue show`: an issue with its activity and history.

use clap::Args;

use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{table, when};

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// e.g. BACKEND-1Z
    pub short_id: String,
}

pub fn run(ctx: &Ctx, args: ShowArgs) -> Result<()> {
    let issue = ctx.backend().issue(&ctx.org(), &args.short_id)?;
    ctx.out.emit(&issue, render)
}

fn render(i: &model::IssueDetails) -> String {
    let mut text = super::render(&i.issue);
    let rows: Vec<Vec<String>> = i
        .activity
        .iter()
        .map(|e| vec![when(&e.date_created), "activity".into(), e.kind.clone()])
        .chain(
            i.history
                .iter()
                .map(|e| vec![when(&e.date_created), "history".into(), e.kind.clone()]),
        )
        .collect();
    if !rows.is_empty() {
        text.push('\n');
        text.push_str(&table(&["DATE", "KIND", "WHAT"], &rows));
    }
    text
}
