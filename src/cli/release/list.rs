//! `relctl release list`: releases, newest first.
//!
//! sentry-cli's spellings are accepted (hidden from `--help`, named in its "sentry-cli
//! compatibility" section): `-R/--raw [-D/--delimiter D]` prints the versions alone, one per
//! line or joined by D, as sentry-cli prints them for scripts; `-P/--show-projects` and
//! `--show-commits` ask for columns relctl's table always has.

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
    /// sentry-cli's: the versions only, one per line (or joined by --delimiter)
    #[arg(short = 'R', long, hide = true)]
    pub raw: bool,
    /// sentry-cli's: what joins the versions of --raw
    #[arg(
        short = 'D',
        long,
        hide = true,
        requires = "raw",
        value_name = "DELIMITER"
    )]
    pub delimiter: Option<String>,
    /// sentry-cli's: the PROJECTS column (always shown)
    #[arg(short = 'P', long, hide = true)]
    pub show_projects: bool,
    /// The COMMITS column (always shown)
    #[arg(long, hide = true)]
    pub show_commits: bool,
    /// sentry-cli's legacy flag, without effect there too
    #[arg(long, hide = true)]
    pub no_abbrev: bool,
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
    if args.raw {
        let versions: Vec<&str> = releases.iter().map(|r| r.version.as_str()).collect();
        let delimiter = args.delimiter.as_deref().unwrap_or("\n");
        return ctx.out.raw(&format!("{}\n", versions.join(delimiter)));
    }
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
