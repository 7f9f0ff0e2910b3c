//! The command line: clap definitions, one file per command group, each with its `run`.
//!
//! Commands turn arguments into calls of `crate::flow` inside one store transaction and the
//! results into output; they never print directly (see `crate::output`). The same definitions
//! generate the help, the man pages and the completion scripts.

pub mod completions;
pub mod config;
pub mod deploy;
pub mod issue;
pub mod org;
pub mod project;
pub mod release;
pub mod set_commits;

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use rusqlite::Transaction;

use crate::config::{FlagValues, Format, ProcessEnv, Settings};
use crate::error::{Error, Result};
use crate::flow::{self, FlowEnv};
use crate::output::Output;
use crate::store::Store;
use crate::store::orgs::OrgRow;

/// relctl: create releases, bind their git commits and resolve the issues those commits fix,
/// on an embedded SQLite store or a Sentry-compatible server.
#[derive(Debug, Parser)]
#[command(
    name = "relctl",
    version,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,

    /// Server speaking Sentry's releases API (env RELCTL_URL, SENTRY_URL). Give it before the
    /// subcommand: after `release new`/`finalize`, `--url` is the release's URL.
    #[arg(long, value_name = "URL")]
    pub url: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Args)]
pub struct GlobalArgs {
    /// The SQLite store (env RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)
    #[arg(long, global = true, value_name = "PATH")]
    pub store: Option<PathBuf>,

    /// Bearer token for the server (env RELCTL_AUTH_TOKEN, SENTRY_AUTH_TOKEN); never printed
    #[arg(long, global = true, value_name = "TOKEN", hide_env_values = true)]
    pub auth_token: Option<String>,

    /// Organization slug (env RELCTL_ORG, SENTRY_ORG; default "default")
    #[arg(short = 'o', long, global = true, value_name = "ORG")]
    pub org: Option<String>,

    /// Output format (env RELCTL_FORMAT)
    #[arg(long, global = true, value_enum, value_name = "FORMAT")]
    pub format: Option<Format>,

    /// Print results and errors only
    #[arg(short, long, global = true)]
    pub quiet: bool,

    /// More detail on stderr (repeatable)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// Config file (env RELCTL_CONFIG; default $XDG_CONFIG_HOME/relctl/config.toml)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Organizations and their options
    #[command(subcommand)]
    Org(org::OrgCommand),
    /// Projects: create with a unique slug and a snowflake id, list, show, delete
    #[command(subcommand)]
    Project(project::ProjectCommand),
    /// Releases: create, bind commits, finalize, inspect
    #[command(subcommand)]
    Release(release::ReleaseCommand),
    /// Deploys of a release
    #[command(subcommand)]
    Deploy(deploy::DeployCommand),
    /// Issues and the inbox
    #[command(subcommand)]
    Issue(issue::IssueCommand),
    /// The resolved configuration
    #[command(subcommand)]
    Config(config::ConfigCommand),
    /// Print a completion script
    Completions(completions::CompletionsArgs),
}

/// What every command runs with: settings and output.
pub struct Ctx {
    pub settings: Settings,
    pub out: Output,
    pub show_progress: bool,
    pub verbose: u8,
}

impl Ctx {
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let flags = FlagValues {
            store: cli.global.store.clone(),
            url: cli.url.clone(),
            auth_token: cli.global.auth_token.clone(),
            org: cli.global.org.clone(),
            projects: Vec::new(),
            format: cli.global.format,
            timeout: cli.global.timeout,
            config: cli.global.config.clone(),
        };
        let cwd = std::env::current_dir()
            .map_err(|err| Error::other(format!("cannot read the current directory: {err}")))?;
        let settings = Settings::resolve(&flags, &ProcessEnv, &cwd)?;
        let out = Output::new(settings.format.value, cli.global.quiet);
        Ok(Ctx {
            settings,
            out,
            show_progress: !cli.global.no_progress && !cli.global.quiet,
            verbose: cli.global.verbose,
        })
    }

    /// The projects a command should use: its `-p` flags, else RELCTL_PROJECT/SENTRY_PROJECT,
    /// else the config file.
    pub fn projects(&self, flags: &[String]) -> Vec<String> {
        if flags.is_empty() {
            self.settings.projects.value.clone()
        } else {
            flags.to_vec()
        }
    }

    fn ensure_local(&self) -> Result<()> {
        match &self.settings.url {
            Some(url) => Err(Error::usage(format!(
                "a server URL is set ({}), but this relctl build only works on the local store; unset it to use {}",
                url.source,
                self.settings.store.value.display()
            ))),
            None => Ok(()),
        }
    }

    /// Opens the store (creating it on first use) and runs `work` on it.
    pub fn with_store<T>(&self, work: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        self.ensure_local()?;
        work(&mut Store::open(&self.settings.store.value)?)
    }

    /// Opens the store for reading only: a missing store is not created.
    pub fn with_store_for_reading<T>(
        &self,
        work: impl FnOnce(&mut Store) -> Result<T>,
    ) -> Result<T> {
        self.ensure_local()?;
        work(&mut Store::open_for_reading(&self.settings.store.value)?)
    }

    /// One write transaction in the selected organization.
    pub fn write<T>(
        &self,
        work: impl FnOnce(&Transaction<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        let env = self.flow_env();
        self.with_store(|store| {
            store.write(|tx| {
                let org = flow::organization(tx, &self.settings.org.value)?;
                work(tx, &env, &org)
            })
        })
    }

    /// One read transaction in the selected organization.
    pub fn read<T>(&self, work: impl FnOnce(&Transaction<'_>, &OrgRow) -> Result<T>) -> Result<T> {
        self.with_store_for_reading(|store| {
            store.read(|tx| {
                let org = flow::organization(tx, &self.settings.org.value)?;
                work(tx, &org)
            })
        })
    }

    pub fn flow_env(&self) -> FlowEnv {
        FlowEnv::new(self.settings.region_id.value)
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    if let Command::Completions(args) = &cli.command {
        return completions::run(args);
    }
    let ctx = Ctx::new(&cli)?;
    match cli.command {
        Command::Org(cmd) => org::run(&ctx, cmd),
        Command::Project(cmd) => project::run(&ctx, cmd),
        Command::Release(cmd) => release::run(&ctx, cmd),
        Command::Deploy(cmd) => deploy::run(&ctx, cmd),
        Command::Issue(cmd) => issue::run(&ctx, cmd),
        Command::Config(cmd) => config::run(&ctx, cmd),
        Command::Completions(args) => completions::run(&args),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
