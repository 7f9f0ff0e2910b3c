//! `relctl repos list` (sentry-cli's `repos list`): the repositories the target knows: those
//! the store has commits of, or those the server lists (`GET .../repos/`; for `relctl serve`,
//! its `--repo` ones).

use clap::Subcommand;

use super::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{or_dash, table};

#[derive(Debug, Subcommand)]
pub enum ReposCommand {
    /// List the repositories of the organization
    #[command(after_long_help = super::examples::REPOS_LIST)]
    List,
}

pub fn run(ctx: &Ctx, cmd: ReposCommand) -> Result<()> {
    match cmd {
        ReposCommand::List => {
            let repos = ctx.backend().repositories(&ctx.org())?;
            ctx.out.emit(&repos, |repos| render(repos))
        }
    }
}

/// sentry-cli's table (name, provider, URL), and its line for none.
fn render(repos: &[model::Repository]) -> String {
    if repos.is_empty() {
        return "No repos found\n".to_string();
    }
    let rows: Vec<Vec<String>> = repos
        .iter()
        .map(|r| {
            vec![
                r.name.clone(),
                or_dash(r.provider.as_ref().map(|p| p.name.as_str())),
                or_dash(r.url.as_deref()),
            ]
        })
        .collect();
    table(&["NAME", "PROVIDER", "URL"], &rows)
}
