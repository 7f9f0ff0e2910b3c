//! `relctl config show`: the resolved configuration and where each value came from.

use clap::Subcommand;
use serde::Serialize;

use super::Ctx;
use crate::error::Result;
use crate::output::table;

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting, its value and its source (tokens redacted)
    Show,
}

#[derive(Serialize)]
struct Setting {
    name: &'static str,
    value: String,
    source: String,
}

pub fn run(ctx: &Ctx, cmd: ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Show => {
            let settings: Vec<Setting> = ctx
                .settings
                .describe()
                .into_iter()
                .map(|(name, value, source)| Setting {
                    name,
                    value,
                    source,
                })
                .collect();
            ctx.out.emit(&settings, |settings| {
                let rows: Vec<Vec<String>> = settings
                    .iter()
                    .map(|s| vec![s.name.to_string(), s.value.clone(), s.source.clone()])
                    .collect();
                table(&["SETTING", "VALUE", "SOURCE"], &rows)
            })
        }
    }
}
