//! `relctl release list`: releases, newest first.

use clap::Args;

use crate::backend::ReleaseListQuery;
use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{table, when};

#[derive(Debug, Args)]
pub struct ListArgs {
    /// Only releases of these projects
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// At most this many releases
    #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
    pub limit: u32,
}

pub fn run(ctx: &Ctx, args: ListArgs) -> Result<()> {
    let releases = ctx.backend().releases(&ReleaseListQuery {
        org: ctx.org(),
        projects: ctx.projects(&args.project),
        query: None,
        status: None,
        limit: args.limit,
        offset: 0,
    })?;
    ctx.out.emit(&releases, |releases| render(releases))
}

fn render(releases: &[model::Release]) -> String {
    let rows: Vec<Vec<String>> = releases
        .iter()
        .map(|r| {
            vec![
                r.version.clone(),
                r.status.clone(),
                r.projects
                    .iter()
                    .map(|p| p.slug.as_str())
                    .collect::<Vec<_>>()
                    .join(","),
                r.commit_count.to_string(),
                r.date_released
                    .as_deref()
                    .map_or_else(|| "(unreleased)".into(), when),
                when(&r.date_created),
            ]
        })
        .collect();
    table(
        &[
            "VERSION", "STATUS", "PROJECTS", "COMMITS", "RELEASED", "CREATED",
        ],
        &rows,
    )
}
