//! `relctl org audit`: the audit log, newest first.

use clap::Args;

use crate::backend::AuditQuery;
use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{table, when};

#[derive(Debug, Args)]
pub struct AuditArgs {
    /// At most this many entries
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
}

pub fn run(ctx: &Ctx, args: AuditArgs) -> Result<()> {
    let entries = ctx.backend().audit_log(&AuditQuery {
        org: ctx.org(),
        limit: args.limit,
        event: None,
    })?;
    ctx.out.emit(&entries, |entries| render(entries))
}

fn render(entries: &[model::AuditEntry]) -> String {
    let rows: Vec<Vec<String>> = entries
        .iter()
        .map(|e| vec![when(&e.date_created), e.event.clone(), e.data.to_string()])
        .collect();
    table(&["DATE", "EVENT", "DATA"], &rows)
}
