//! `relctl config show`: the resolved configuration and where each value came from.

use clap::Subcommand;
use serde::Serialize;

use crate::config::Settings;
use crate::error::Result;
use crate::output::{Output, table};

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print every setting, its value and its source (tokens redacted)
    #[command(after_long_help = super::examples::CONFIG_SHOW)]
    Show,
}

#[derive(Serialize)]
struct Setting {
    name: &'static str,
    value: String,
    source: String,
}

pub fn run(settings: &Settings, out: &Output, cmd: &ConfigCommand) -> Result<()> {
    match cmd {
        ConfigCommand::Show => {
            let settings: Vec<Setting> = settings
                .describe()
                .into_iter()
                .map(|(name, value, source)| Setting {
                    name,
                    value,
                    source,
                })
                .collect();
            out.emit(&settings, |settings| {
                let rows: Vec<Vec<String>> = settings
                    .iter()
                    .map(|s| vec![s.name.to_string(), s.value.clone(), s.source.clone()])
                    .collect();
                table(&["SETTING", "VALUE", "SOURCE"], &rows)
            })
        }
    }
}
