//! `relctl deploy`: record and list deploys of a release.

use clap::{Args, Subcommand};

use super::Ctx;
use crate::backend::CreateDeploy;
use crate::domain::environment::check_environment;
use crate::domain::version::check_version;
use crate::error::Result;
use crate::model;
use crate::output::{details, or_dash, table, when};
use crate::time::parse_user_timestamp;

/// `-r/--release`, the release a deploy belongs to. A version starting with a hyphen is given
/// attached (`--release=-1`): a separate value starting with `-` is taken for a flag.
#[derive(Debug, Args)]
pub struct DeployRelease {
    /// The release (env SENTRY_RELEASE; --release=VERSION if it starts with '-')
    #[arg(short, long, env = "SENTRY_RELEASE", value_name = "VERSION")]
    pub release: String,
}

#[derive(Debug, Subcommand)]
pub enum DeployCommand {
    /// Record a deploy of a release to an environment
    #[command(after_long_help = super::examples::DEPLOY_NEW)]
    New {
        #[command(flatten)]
        release: DeployRelease,
        #[command(flatten)]
        deploy: NewDeployArgs,
    },
    /// List the deploys of a release, newest first
    #[command(after_long_help = super::examples::DEPLOY_LIST)]
    List {
        #[command(flatten)]
        release: DeployRelease,
    },
}

/// What `deploy new` records, but the release (`-r`, or the VERSION of sentry-cli's older
/// `releases deploys VERSION new`).
#[derive(Debug, Args)]
pub struct NewDeployArgs {
    /// Environment, e.g. production
    #[arg(short, long = "env", value_name = "ENV")]
    pub env: String,
    /// Name of the deploy
    #[arg(short, long)]
    pub name: Option<String>,
    /// URL of the deploy
    #[arg(short, long, visible_alias = "deploy-url", value_name = "URL")]
    pub url: Option<String>,
    /// When it started (unix seconds, RFC 3339 or RFC 2822)
    #[arg(long, value_name = "TIMESTAMP", conflicts_with = "time")]
    pub started: Option<String>,
    /// When it finished (default now)
    #[arg(long, value_name = "TIMESTAMP", conflicts_with = "time")]
    pub finished: Option<String>,
    /// It took this many seconds and finished now (instead of --started/--finished)
    #[arg(short, long, value_name = "SECONDS")]
    pub time: Option<u32>,
    /// Only these projects of the release (default: all of them)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
}

fn render(deploy: &model::Deploy) -> String {
    details(&[
        ("id", deploy.id.to_string()),
        ("environment", deploy.environment.clone()),
        ("name", or_dash(deploy.name.as_deref())),
        ("url", or_dash(deploy.url.as_deref())),
        ("started", or_dash(deploy.date_started.as_deref())),
        ("finished", deploy.date_finished.clone()),
    ])
}

pub fn run(ctx: &Ctx, cmd: DeployCommand) -> Result<()> {
    match cmd {
        DeployCommand::New {
            release: DeployRelease { release },
            deploy,
        } => new(ctx, release, deploy),
        DeployCommand::List {
            release: DeployRelease { release },
        } => list(ctx, release),
    }
}

/// `deploy new`: records a deploy of `release`.
pub fn new(ctx: &Ctx, release: String, args: NewDeployArgs) -> Result<()> {
    check_version(&release)?;
    check_environment(&args.env)?;
    let now = chrono::Utc::now();
    let (date_started, date_finished) = match args.time {
        Some(seconds) => (
            Some(now - chrono::Duration::seconds(i64::from(seconds))),
            Some(now),
        ),
        None => (
            args.started
                .as_deref()
                .map(|t| parse_user_timestamp("--started", t))
                .transpose()?,
            args.finished
                .as_deref()
                .map(|t| parse_user_timestamp("--finished", t))
                .transpose()?,
        ),
    };
    let req = CreateDeploy {
        org: ctx.org(),
        version: release.clone(),
        environment: args.env,
        name: args.name,
        url: args.url,
        date_started,
        date_finished,
        projects: args.project,
    };
    let deploy = ctx.backend().create_deploy(&req)?;
    ctx.out.message(&format!(
        "Created deploy {} of release {release} to {}",
        deploy.name.as_deref().unwrap_or("(unnamed)"),
        deploy.environment
    ));
    ctx.out.emit_written(&deploy, render)
}

/// `deploy list`: the deploys of `release`, newest first.
pub fn list(ctx: &Ctx, release: String) -> Result<()> {
    check_version(&release)?;
    let deploys = ctx.backend().deploys(&ctx.org(), &release)?;
    ctx.out.emit(&deploys, |deploys| {
        let rows: Vec<Vec<String>> = deploys
            .iter()
            .map(|d| {
                vec![
                    d.environment.clone(),
                    or_dash(d.name.as_deref()),
                    when(&or_dash(d.date_started.as_deref())),
                    when(&d.date_finished),
                ]
            })
            .collect();
        table(&["ENVIRONMENT", "NAME", "STARTED", "FINISHED"], &rows)
    })
}
