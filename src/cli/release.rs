//! `relctl release`: new, set-commits, finalize, info, list, delete, archive, restore,
//! propose-version.

use clap::{Args, Subcommand};

use super::Ctx;
use super::set_commits::{self, SetCommitsArgs};
use crate::backend::{
    CreateOutcome, CreateRelease, ReleaseCreated, ReleaseListQuery, ReleaseQuery, ReleaseStatus,
    UpdateRelease,
};
use crate::error::{Error, ErrorKind, Result};
use crate::flow;
use crate::model;
use crate::output::{details, or_dash, table, when};
use crate::remote::calls;
use crate::time::parse_user_timestamp;

#[derive(Debug, Subcommand)]
pub enum ReleaseCommand {
    /// Create a release (or load the existing one) and link it to projects
    #[command(after_long_help = super::examples::RELEASE_NEW)]
    New(NewArgs),
    /// Bind commits read from the local git repository and resolve the issues they fix
    #[command(after_long_help = super::examples::RELEASE_SET_COMMITS)]
    SetCommits(SetCommitsArgs),
    /// Mark a release as released (dateReleased, default now)
    #[command(after_long_help = super::examples::RELEASE_FINALIZE)]
    Finalize {
        #[command(flatten)]
        release: ReleaseVersion,
        /// When it was released: unix seconds, RFC 3339 or RFC 2822 (default now)
        #[arg(long, value_name = "TIMESTAMP")]
        released: Option<String>,
        /// The release's URL
        #[arg(long, visible_alias = "release-url", value_name = "URL")]
        url: Option<String>,
    },
    /// Show a release
    #[command(after_long_help = super::examples::RELEASE_INFO)]
    Info {
        #[command(flatten)]
        release: ReleaseVersion,
        /// Add the release's commits with their files
        #[arg(long)]
        commits: bool,
    },
    /// List releases, newest first
    #[command(after_long_help = super::examples::RELEASE_LIST)]
    List {
        /// Only releases of these projects
        #[arg(short, long = "project", value_name = "PROJECT")]
        project: Vec<String>,
        /// At most this many releases
        #[arg(long, default_value_t = 100, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
    },
    /// Delete a release (a missing one is not an error unless --strict)
    #[command(after_long_help = super::examples::RELEASE_DELETE)]
    Delete {
        #[command(flatten)]
        release: ReleaseVersion,
        /// Exit 3 when the release does not exist
        #[arg(long)]
        strict: bool,
    },
    /// Archive a release
    #[command(after_long_help = super::examples::RELEASE_ARCHIVE)]
    Archive {
        #[command(flatten)]
        release: ReleaseVersion,
    },
    /// Restore an archived release
    #[command(after_long_help = super::examples::RELEASE_RESTORE)]
    Restore {
        #[command(flatten)]
        release: ReleaseVersion,
    },
    /// Print a version name from CI environment variables, else the git HEAD sha
    #[command(after_long_help = super::examples::RELEASE_PROPOSE_VERSION)]
    ProposeVersion(ProposeArgs),
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

#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// Project slug(s) to link (env RELCTL_PROJECT, SENTRY_PROJECT)
    #[arg(short, long = "project", value_name = "PROJECT")]
    pub project: Vec<String>,
    /// The release's URL
    #[arg(long, visible_alias = "release-url", value_name = "URL")]
    pub url: Option<String>,
    /// A free-form reference (e.g. a tag or commit)
    #[arg(long = "ref", value_name = "REF")]
    pub ref_: Option<String>,
    /// Mark the release as released now
    #[arg(long, conflicts_with = "released")]
    pub finalize: bool,
    /// Mark the release as released at this time (unix seconds, RFC 3339 or RFC 2822)
    #[arg(long, value_name = "TIMESTAMP")]
    pub released: Option<String>,
}

#[derive(Debug, Args)]
pub struct ProposeArgs {
    /// Directory of the git repository to read HEAD from (default: the current one)
    #[arg(long, value_name = "DIR")]
    pub repo: Option<std::path::PathBuf>,
}

fn render_release(release: &model::Release) -> String {
    let mut text = render_details(release);
    text.push_str(&render_commits(release));
    text
}

/// The release's own fields, one per line.
fn render_details(release: &model::Release) -> String {
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
fn render_commits(release: &model::Release) -> String {
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
        ReleaseCommand::New(args) => new(ctx, args),
        ReleaseCommand::SetCommits(args) => set_commits::run(ctx, args),
        ReleaseCommand::Finalize {
            release: ReleaseVersion { version },
            released,
            url,
        } => {
            flow::releases::check_version(&version)?;
            let date = match &released {
                Some(text) => parse_user_timestamp("--released", text)?,
                None => chrono::Utc::now(),
            };
            let req = UpdateRelease {
                org: ctx.org(),
                version,
                url,
                date_released: Some(date),
                ..UpdateRelease::default()
            };
            if ctx.dry_run(|| calls::update_release(&req))? {
                return Ok(());
            }
            let release = ctx.backend().update_release(&req)?.release;
            ctx.out
                .message(&format!("Finalized release {}", release.version));
            ctx.out.emit_written(&release, render_release)
        }
        ReleaseCommand::Info {
            release: ReleaseVersion { version },
            commits,
        } => {
            flow::releases::check_version(&version)?;
            // A table shows an overview built from the commits; JSON only what was asked.
            let overview = !ctx.out.is_json();
            let release = ctx.backend().release(&ReleaseQuery {
                org: ctx.org(),
                version,
                with_commits: commits || overview,
                commit_slice: None,
                project: None,
            })?;
            if !overview {
                return ctx.out.emit(&release, render_release);
            }
            let summary =
                crate::ops::release_overview::read(ctx.backend(), &ctx.org(), &release, None)?;
            ctx.out.emit(&release, |release| {
                let mut text = render_details(release);
                text.push_str(&super::release_info::render(release, &summary));
                if commits {
                    text.push_str(&render_commits(release));
                }
                text
            })
        }
        ReleaseCommand::List { project, limit } => {
            let releases = ctx.backend().releases(&ReleaseListQuery {
                org: ctx.org(),
                projects: ctx.projects(&project),
                query: None,
                status: None,
                limit,
                offset: 0,
            })?;
            ctx.out.emit(&releases, |releases| {
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
            })
        }
        ReleaseCommand::Delete {
            release: ReleaseVersion { version },
            strict,
        } => {
            flow::releases::check_version(&version)?;
            let org = ctx.org();
            if ctx.dry_run(|| calls::delete_release(&org, &version))? {
                return Ok(());
            }
            match ctx.backend().delete_release(&org, &version) {
                Ok(()) => {
                    ctx.out.message(&format!("Deleted release {version}"));
                    ctx.out.emit_written(
                        &serde_json::json!({ "version": version, "deleted": true }),
                        |_| String::new(),
                    )
                }
                Err(err) if err.kind == ErrorKind::NotFound && !strict => {
                    ctx.out
                        .note(&format!("Did nothing: release {version:?} does not exist"));
                    ctx.out.emit_written(
                        &serde_json::json!({ "version": version, "deleted": false }),
                        |_| String::new(),
                    )
                }
                Err(err) => Err(err),
            }
        }
        ReleaseCommand::Archive {
            release: ReleaseVersion { version },
        } => set_status(ctx, version, ReleaseStatus::Archived),
        ReleaseCommand::Restore {
            release: ReleaseVersion { version },
        } => set_status(ctx, version, ReleaseStatus::Open),
        ReleaseCommand::ProposeVersion(args) => {
            crate::config::check_unicode(crate::propose_version::VARIABLES)?;
            let version =
                crate::propose_version::propose(&crate::config::ProcessEnv, args.repo.as_deref())?;
            ctx.out
                .emit(&serde_json::json!({ "version": version }), |_| {
                    format!("{version}\n")
                })
        }
    }
}

fn new(ctx: &Ctx, args: NewArgs) -> Result<()> {
    flow::releases::check_version(&args.release.version)?;
    let date_released = match (&args.released, args.finalize) {
        (Some(text), _) => Some(parse_user_timestamp("--released", text)?),
        (None, true) => Some(chrono::Utc::now()),
        (None, false) => None,
    };
    let projects = ctx.projects(&args.project);
    if projects.is_empty() {
        return Err(Error::usage(
            "a release needs at least one project: pass -p/--project, or set RELCTL_PROJECT",
        ));
    }
    let req = CreateRelease {
        org: ctx.org(),
        version: args.release.version,
        projects,
        ref_: args.ref_,
        url: args.url,
        date_released,
        finalize_existing: date_released.is_some(),
        status: None,
        user_agent: None,
        ..CreateRelease::default()
    };
    if ctx.dry_run(|| calls::create_release(&req))? {
        return Ok(());
    }
    let ReleaseCreated { release, outcome } = ctx.backend().create_release(&req)?;
    ctx.out.message(&match outcome {
        CreateOutcome::Created => format!("Created release {}", release.version),
        CreateOutcome::Linked(slugs) => format!(
            "Release {} already exists; linked it to {}",
            release.version,
            slugs.join(", ")
        ),
        CreateOutcome::AlreadyThere => format!(
            "Release {} already exists with these projects; nothing changed",
            release.version
        ),
    });
    ctx.out.emit_written(&release, render_release)
}

fn set_status(ctx: &Ctx, version: String, status: ReleaseStatus) -> Result<()> {
    flow::releases::check_version(&version)?;
    let req = UpdateRelease {
        org: ctx.org(),
        version,
        status: Some(status),
        ..UpdateRelease::default()
    };
    if ctx.dry_run(|| calls::update_release(&req))? {
        return Ok(());
    }
    let updated = ctx.backend().update_release(&req)?;
    let version = &updated.release.version;
    ctx.out.message(&match (status, updated.status_changed) {
        (ReleaseStatus::Archived, true) => format!("Archived release {version}"),
        (ReleaseStatus::Archived, false) => format!("Release {version} was already archived"),
        (ReleaseStatus::Open, true) => format!("Restored release {version}"),
        (ReleaseStatus::Open, false) => {
            format!("Release {version} is not archived; nothing to restore")
        }
    });
    ctx.out.emit_written(&updated.release, render_release)
}
