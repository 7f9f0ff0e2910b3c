//! The command line: clap definitions, one file per command group (a folder with one file per
//! subcommand where a group grew), each with its `run`.
//!
//! Commands turn arguments into requests of `crate::backend` (or call one `crate::ops` use
//! case), hand them to the backend the configuration selects (the local store or a server;
//! under `--dry-run` the same behind `backend::dry_run::DryRun`) and turn the answers into
//! output; they never print directly (see `crate::output`), and never reach the store, git or
//! HTTP themselves. The same definitions generate the help, the man pages and the completion
//! scripts.

pub mod completions;
pub mod config;
pub mod deploy;
mod examples;
pub mod info;
pub mod issue;
pub mod org;
pub mod project;
pub mod release;
pub mod repos;
pub mod serve;
pub mod store;
mod target;
pub mod token;

use std::path::PathBuf;

use crate::backend::Backend;
use crate::backend::dry_run::DryRun;
use crate::config::{FlagValues, Format, ProcessEnv, Settings};
use crate::error::{Error, Result};
use crate::output::Output;
use clap::{Args, Parser, Subcommand};

/// The top-level help, with the commands in groups (a test checks every command is listed).
const HELP_TEMPLATE: &str = "\
{about-with-newline}
{usage-heading} {usage}

Releases:
  release      Create releases, bind their commits, finalize, inspect [alias: releases]
Deploys:
  deploy       Deploys of a release to an environment [alias: deploys]
Issues:
  issue        Issues and the inbox; commits that fix them resolve them [alias: issues]
Projects:
  project      Projects with unique slugs and snowflake ids [alias: projects]
Organization:
  org          Organizations, their options and audit log [alias: organizations]
  repos        The repositories the target knows
Server:
  serve        Serve Sentry's releases API over the store, for CI runners and Sentry clients
  token        API tokens for relctl serve
  store        The store itself: copy a SQLite store into PostgreSQL
Setup:
  info         The target, whether it takes the token, and its scopes
  config       The resolved configuration and where each value came from
  completions  Print a completion script
  help         Print this message or the help of the given subcommand(s)

Options:
{options}{after-help}";

/// What `relctl --version` prints after the name: the version, and the commit the binary was
/// built from with its date when the build knew it (build.rs), e.g. `0.1.0 (abc1234 2026-12-07)`.
/// `-V` and the man pages say the version alone.
pub const LONG_VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), env!("RELCTL_BUILD_INFO"));

/// relctl: create releases, bind their git commits and resolve the issues those commits fix,
/// on an embedded SQLite store or a Sentry-compatible server.
#[derive(Debug, Parser)]
#[command(
    name = "relctl",
    version,
    long_version = LONG_VERSION,
    propagate_version = true,
    max_term_width = 100,
    help_template = HELP_TEMPLATE,
    after_long_help = examples::RELCTL
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
    /// The store: a SQLite file, or a postgres://USER@HOST/DB URL for a shared one (env
    /// RELCTL_STORE; default $XDG_DATA_HOME/relctl/relctl.db)
    #[arg(long, global = true, value_name = "PATH|URL")]
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

    /// Writing commands print nothing on success (the exit code says it); what a read command
    /// was asked for, --format json output, warnings and errors still print
    #[arg(short, long, global = true, alias = "silent")]
    pub quiet: bool,

    /// More detail on stderr (repeatable)
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// Never draw progress bars
    #[arg(long, global = true)]
    pub no_progress: bool,

    /// The only config file to read (env RELCTL_CONFIG; default: $XDG_CONFIG_HOME/relctl/config.toml
    /// with the nearest .relctl.toml up to the git repository's root or $HOME on top)
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// Longest wait for one HTTP response, in seconds (env RELCTL_TIMEOUT; default 30)
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<u64>,

    /// Print the requests a writing command would send (method, path, body) and send nothing
    #[arg(long, global = true)]
    pub dry_run: bool,

    /// sentry-cli's: an extra header on every request to a server (repeatable; env CUSTOM_HEADER)
    #[arg(long = "header", global = true, hide = true, value_name = "KEY:VALUE")]
    pub headers: Vec<String>,

    /// sentry-cli's: trace|debug (-vv), info (-v), warn|error|off (env SENTRY_LOG_LEVEL)
    #[arg(long, global = true, hide = true, value_name = "LEVEL")]
    pub log_level: Option<String>,

    /// sentry-cli's: exit 0 when the server or the network fails (exit 5 or 6), the error still
    /// on stderr (env SENTRY_ALLOW_FAILURE)
    #[arg(long, global = true, hide = true)]
    pub allow_failure: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Organizations and their options
    #[command(subcommand, visible_alias = "organizations", after_long_help = examples::ORG)]
    Org(org::OrgCommand),
    /// Projects: create with a unique slug and a snowflake id, list, show, delete
    #[command(subcommand, visible_alias = "projects", after_long_help = examples::PROJECT)]
    Project(project::ProjectCommand),
    /// Releases: create, bind commits, finalize, inspect
    #[command(subcommand, visible_alias = "releases", after_long_help = examples::RELEASE)]
    Release(release::ReleaseCommand),
    /// Deploys of a release
    #[command(subcommand, visible_alias = "deploys", after_long_help = examples::DEPLOY)]
    Deploy(deploy::DeployCommand),
    /// Issues and the inbox
    #[command(subcommand, visible_alias = "issues", after_long_help = examples::ISSUE)]
    Issue(issue::IssueCommand),
    /// The repositories the target knows
    #[command(subcommand, after_long_help = examples::REPOS)]
    Repos(repos::ReposCommand),
    /// The target, whether it takes the token, and its scopes (exit 6 if not)
    #[command(after_long_help = examples::INFO)]
    Info(info::InfoArgs),
    /// The resolved configuration
    #[command(subcommand, after_long_help = examples::CONFIG)]
    Config(config::ConfigCommand),
    /// Serve Sentry's releases API over the local store, for CI runners and Sentry clients
    #[command(after_long_help = examples::SERVE)]
    Serve(serve::ServeArgs),
    /// API tokens for `relctl serve`
    #[command(subcommand, after_long_help = examples::TOKEN)]
    Token(token::TokenCommand),
    /// The store itself: copy a SQLite store into PostgreSQL
    #[command(subcommand, after_long_help = examples::STORE)]
    Store(store::StoreCommand),
    /// Print a completion script
    #[command(after_long_help = examples::COMPLETIONS)]
    Completions(completions::CompletionsArgs),
}

/// What every command runs with: settings, output and the backend its requests go to.
pub struct Ctx {
    pub settings: Settings,
    pub out: Output,
    pub show_progress: bool,
    pub verbose: u8,
    /// `--dry-run`: the backend records the first write instead of sending it.
    pub dry_run: bool,
    target: Target,
    remote: bool,
}

/// The backend requests go to: the real one, or the same behind `--dry-run`'s recorder.
enum Target {
    Real(Box<dyn Backend>),
    Dry(DryRun),
}

/// The settings the command line, the environment and the config files make, and the output
/// they select; the warnings resolving them raised (config files ignored) are printed.
fn resolve_settings(cli: &Cli) -> Result<(Settings, Output)> {
    if cli.url.is_some() && cli.global.store.is_some() {
        return Err(Error::usage(
            "--url and --store select different targets; give one of them",
        ));
    }
    let flags = FlagValues {
        store: cli.global.store.clone(),
        url: cli.url.clone(),
        auth_token: cli.global.auth_token.clone(),
        org: cli.global.org.clone(),
        projects: Vec::new(),
        format: cli.global.format,
        timeout: cli.global.timeout,
        config: cli.global.config.clone(),
        headers: cli.global.headers.clone(),
        log_level: cli.global.log_level.clone(),
        allow_failure: cli.global.allow_failure,
    };
    let cwd = std::env::current_dir()
        .map_err(|err| Error::other(format!("cannot read the current directory: {err}")))?;
    crate::config::check_variables_are_unicode()?;
    let settings = Settings::resolve(&flags, &ProcessEnv, &cwd)?;
    let out = Output::new(settings.format.value, cli.global.quiet);
    for warning in &settings.warnings {
        out.warn(warning);
    }
    Ok((settings, out))
}

impl Ctx {
    pub fn new(cli: &Cli) -> Result<Ctx> {
        let (settings, out) = resolve_settings(cli)?;
        let verbose = settings.verbosity(cli.global.verbose);
        let (backend, remote) = target::backend(&settings, cli.global.store.is_some(), verbose)?;
        let target = if cli.global.dry_run {
            let quiet = cli.global.quiet;
            let say = Box::new(move |text: &str| {
                if !quiet {
                    crate::output::write_stderr(&crate::output::for_terminal(text, true));
                }
            });
            Target::Dry(DryRun::new(backend, remote, say))
        } else {
            Target::Real(backend)
        };
        Ok(Ctx {
            settings,
            out,
            show_progress: !cli.global.no_progress && !cli.global.quiet,
            verbose,
            dry_run: cli.global.dry_run,
            target,
            remote,
        })
    }

    /// Where requests go: the local store or a server (behind `--dry-run`'s recorder).
    pub fn backend(&self) -> &dyn Backend {
        match &self.target {
            Target::Real(backend) => backend.as_ref(),
            Target::Dry(dry_run) => dry_run,
        }
    }

    /// Whether requests go to a server.
    pub fn is_remote(&self) -> bool {
        self.remote
    }

    /// The organization every request acts in.
    pub fn org(&self) -> String {
        self.settings.org.value.clone()
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

    /// What a command's run comes to: under `--dry-run`, a command that reached a write stopped
    /// there, and the HTTP calls that write would have sent are its output (whatever error
    /// stopping made).
    fn finish(&self, result: Result<()>) -> Result<()> {
        let Target::Dry(dry_run) = &self.target else {
            return result;
        };
        let Some(calls) = dry_run.recorded() else {
            return result;
        };
        self.out.emit(&calls, |calls| {
            let mut text = String::new();
            for call in calls {
                text.push_str(&format!("{} {}\n", call.method, call.path));
                if let Some(body) = &call.body {
                    text.push_str(&serde_json::to_string_pretty(body).unwrap_or_default());
                    text.push('\n');
                }
            }
            text
        })
    }
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Completions(args) => return completions::run(args),
        // Needs no backend: it shows what it can even when there is no place for a store.
        Command::Config(cmd) => {
            let (settings, out) = resolve_settings(&cli)?;
            return config::run(&settings, &out, cmd);
        }
        // Its source and target are its own flags: no backend, no default store needed.
        Command::Store(cmd) => {
            let (_, out) = resolve_settings(&cli)?;
            return store::run(&cli.global, cli.url.is_some(), &out, cmd);
        }
        _ => {}
    }
    let ctx = Ctx::new(&cli)?;
    let result = match cli.command {
        Command::Org(cmd) => org::run(&ctx, cmd),
        Command::Project(cmd) => project::run(&ctx, cmd),
        Command::Release(cmd) => release::run(&ctx, cmd),
        Command::Deploy(cmd) => deploy::run(&ctx, cmd),
        Command::Issue(cmd) => issue::run(&ctx, cmd),
        Command::Repos(cmd) => repos::run(&ctx, cmd),
        Command::Info(args) => info::run(&ctx, args),
        Command::Config(cmd) => config::run(&ctx.settings, &ctx.out, &cmd),
        Command::Serve(args) => serve::run(&ctx, args),
        Command::Token(cmd) => token::run(&ctx, cmd),
        Command::Store(cmd) => store::run(&cli.global, cli.url.is_some(), &ctx.out, &cmd),
        Command::Completions(args) => completions::run(&args),
    };
    allow_failure(&ctx, ctx.finish(result))
}

/// sentry-cli's `--allow-failure` / `SENTRY_ALLOW_FAILURE`: a command the target failed (the
/// server or the network, [`Error::is_target_failure`]) says so on stderr and exits 0, so a
/// Sentry outage does not fail the CI job; a mistake of the command's own still fails it.
fn allow_failure(ctx: &Ctx, result: Result<()>) -> Result<()> {
    match result {
        Err(err) if ctx.settings.allow_failure.value && err.is_target_failure() => {
            ctx.out.error(&err.to_string(), err.hint.as_deref());
            ctx.out.warn(&format!(
                "exiting with 0 instead of {}: failures of the server or the network are allowed ({})",
                err.exit_code(),
                ctx.settings.allow_failure.source
            ));
            Ok(())
        }
        other => other,
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
