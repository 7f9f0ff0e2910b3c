//! `relctl release`: new, set-commits, finalize, info, list, delete, archive, restore,
//! propose-version.
//!
//! One file per subcommand, each with its arguments and its `run`; this file holds the group,
//! the VERSION argument they share and the rendering of a release.

mod delete;
mod deploys;
mod finalize;
mod info;
mod list;
mod new;
mod propose_version;
pub mod set_commits;
mod status;

use clap::{Args, Subcommand};

use crate::backend::ReleaseStatus;
use crate::cli::Ctx;
use crate::error::Result;
use crate::model;
use crate::output::{details, or_dash, table};
pub use delete::DeleteArgs;
pub use deploys::DeploysArgs;
pub use finalize::FinalizeArgs;
pub use info::InfoArgs;
pub use list::ListArgs;
pub use new::NewArgs;
pub use propose_version::ProposeArgs;
pub use set_commits::SetCommitsArgs;

#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Create a release (or load the existing one) and link it to projects
    #[command(after_long_help = crate::cli::examples::RELEASE_NEW)]
    New(NewArgs),
    /// Bind commits read from the local git repository and resolve the issues they fix
    #[command(after_long_help = crate::cli::examples::RELEASE_SET_COMMITS)]
    SetCommits(SetCommitsArgs),
    /// Mark a release as released (dateReleased, default now)
    #[command(after_long_help = crate::cli::examples::RELEASE_FINALIZE)]
    Finalize(FinalizeArgs),
    /// Show a release
    #[command(after_long_help = crate::cli::examples::RELEASE_INFO)]
    Info(InfoArgs),
    /// List releases, newest first
    #[command(after_long_help = crate::cli::examples::RELEASE_LIST)]
    List(ListArgs),
    /// Delete a release (a missing one is not an error unless --strict)
    #[command(after_long_help = crate::cli::examples::RELEASE_DELETE)]
    Delete(DeleteArgs),
    /// Archive a release
    #[command(after_long_help = crate::cli::examples::RELEASE_ARCHIVE)]
    Archive {
        #[command(flatten)]
        release: ReleaseVersion,
    },
    /// Restore an archived release
    #[command(after_long_help = crate::cli::examples::RELEASE_RESTORE)]
    Restore {
        #[command(flatten)]
        release: ReleaseVersion,
    },
    /// Print a version name from CI environment variables, else the git HEAD sha
    #[command(after_long_help = crate::cli::examples::RELEASE_PROPOSE_VERSION)]
    ProposeVersion(ProposeArgs),
    /// sentry-cli's older form of `deploy`: `release deploys VERSION new|list`
    #[command(hide = true, after_long_help = crate::cli::examples::RELEASE_DEPLOYS)]
    Deploys(DeploysArgs),
}

/// The VERSION argument of every release command. A version that starts with a hyphen is
/// given after `--` (`relctl release new -p backend -- -1`): anything else starting with `-` is
/// a flag, so a misspelled flag is a usage error, never a release named after it.
#[derive(Debug, Clone, Args)]
pub struct ReleaseVersion {
    /// The version name, e.g. 1.4.0 or backend@1.4.0+build.7 (after `--` if it starts with '-')
    #[arg(id = "release_version", value_name = "VERSION")]
    pub version: String,
}

pub(super) fn render_release(release: &model::Release) -> String {
    let mut text = render_details(release);
    text.push_str(&render_commits(release));
    text
}

/// The release's own fields, one per line.
pub(super) fn render_details(release: &model::Release) -> String {
    let projects: Vec<&str> = release.projects.iter().map(|p| p.slug.as_str()).collect();
    let authors: Vec<String> = release
        .authors
        .iter()
        .map(|a| match &a.name {
            Some(name) => format!("{name} <{}>", a.email),
            None => a.email.clone(),
        })
        .collect();
    details(&[
        ("version", release.version.clone()),
        ("status", release.status.clone()),
        ("projects", projects.join(", ")),
        ("created", release.date_created.clone()),
        ("released", or_dash(release.date_released.as_deref())),
        ("url", or_dash(release.url.as_deref())),
        ("ref", or_dash(release.ref_.as_deref())),
        ("commits", release.commit_count.to_string()),
        (
            "last commit",
            release
                .last_commit
                .as_ref()
                .map_or_else(|| "-".to_string(), |c| c.id.clone()),
        ),
        (
            "authors",
            if authors.is_empty() {
                "-".into()
            } else {
                authors.join(", ")
            },
        ),
        ("deploys", release.deploy_count.to_string()),
    ])
}

/// The release's commits as a table (empty when they were not read).
pub(super) fn render_commits(release: &model::Release) -> String {
    let mut text = String::new();
    if let Some(commits) = &release.commits {
        let rows: Vec<Vec<String>> = commits
            .iter()
            .map(|c| {
                vec![
                    c.id.chars().take(12).collect(),
                    c.author_name.clone().unwrap_or_default(),
                    c.message
                        .as_deref()
                        .unwrap_or("")
                        .lines()
                        .next()
                        .unwrap_or("")
                        .to_string(),
                    c.patch_set.len().to_string(),
                ]
            })
            .collect();
        text.push('\n');
        text.push_str(&table(&["COMMIT", "AUTHOR", "MESSAGE", "FILES"], &rows));
    }
    text
}

pub fn run(ctx: &Ctx, cmd: ReleaseCommand) -> Result<()> {
    match cmd {
        ReleaseCommand::New(args) => new::run(ctx, args),
        ReleaseCommand::SetCommits(args) => set_commits::run(ctx, args),
        ReleaseCommand::Finalize(args) => finalize::run(ctx, args),
        ReleaseCommand::Info(args) => info::run(ctx, args),
        ReleaseCommand::List(args) => list::run(ctx, args),
        ReleaseCommand::Delete(args) => delete::run(ctx, args),
        ReleaseCommand::Archive { release } => {
            status::run(ctx, release.version, ReleaseStatus::Archived)
        }
        ReleaseCommand::Restore { release } => {
            status::run(ctx, release.version, ReleaseStatus::Open)
        }
        ReleaseCommand::ProposeVersion(args) => propose_version::run(ctx, args),
        ReleaseCommand::Deploys(args) => deploys::run(ctx, args),
    }
}
