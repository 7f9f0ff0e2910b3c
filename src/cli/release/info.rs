//! `relctl release info`; for people, what a release manager asks first, after the release's own
//! details: its commits by author, the files they changed, the issues it resolved, its deploys
//! per environment, and the previous release its commits were counted from.
//!
//! Only the table format shows this overview; `--format json` stays Sentry's release object.
//! What it shows is read by `ops::release_overview`, as the release page reads it; this file
//! only renders it.
//!
//! sentry-cli's `-C/--show-commits` is `--commits`; its `-P/--show-projects` asks for what the
//! details always show (both hidden from `--help`, named in its "sentry-cli compatibility"
//! section).

use std::collections::BTreeMap;

use clap::Args;

use super::{ReleaseVersion, render_commits, render_details, render_release};
use crate::backend::ReleaseQuery;
use crate::cli::Ctx;
use crate::domain::version::check_version;
use crate::error::Result;
use crate::model;
use crate::ops::release_overview::{self, Overview};
use crate::output::{table, when};

#[derive(Debug, Args)]
pub struct InfoArgs {
    #[command(flatten)]
    pub release: ReleaseVersion,
    /// Add the release's commits with their files
    #[arg(long, alias = "show-commits", short_alias = 'C')]
    pub commits: bool,
    /// sentry-cli's: the release's projects (always shown)
    #[arg(short = 'P', long, hide = true)]
    pub show_projects: bool,
}

pub fn run(ctx: &Ctx, args: InfoArgs) -> Result<()> {
    let InfoArgs {
        release: ReleaseVersion { version },
        commits,
        show_projects: _,
    } = args;
    check_version(&version)?;
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
    let summary = release_overview::read(ctx.backend(), &ctx.org(), &release, None)?;
    ctx.out.emit(&release, |release| {
        let mut text = render_details(release);
        text.push_str(&render(release, &summary));
        if commits {
            text.push_str(&render_commits(release));
        }
        text
    })
}

/// The overview's sections, as text after the release's details.
fn render(release: &model::Release, overview: &Overview) -> String {
    let mut text = String::new();
    text.push_str(&format!(
        "\ncompared with  {}\n",
        overview
            .previous
            .as_deref()
            .unwrap_or("(no previous release with commits)")
    ));
    if let Some(commits) = &release.commits {
        let mut by_author: BTreeMap<String, (usize, usize)> = BTreeMap::new();
        let mut files: BTreeMap<&str, &str> = BTreeMap::new();
        for commit in commits {
            let author = match (&commit.author_name, &commit.author_email) {
                (Some(name), Some(email)) => format!("{name} <{email}>"),
                (None, Some(email)) => email.clone(),
                (Some(name), None) => name.clone(),
                (None, None) => "(unknown)".to_string(),
            };
            let entry = by_author.entry(author).or_default();
            entry.0 += 1;
            entry.1 += commit.patch_set.len();
            for change in &commit.patch_set {
                // The newest commit's change of a file is listed first: keep it.
                files.entry(&change.path).or_insert(&change.kind);
            }
        }
        let mut authors: Vec<(String, (usize, usize))> = by_author.into_iter().collect();
        authors.sort_by(|a, b| b.1.0.cmp(&a.1.0).then_with(|| a.0.cmp(&b.0)));
        text.push_str("\nCommits by author\n");
        let rows: Vec<Vec<String>> = authors
            .into_iter()
            .map(|(author, (commits, changes))| {
                vec![author, commits.to_string(), changes.to_string()]
            })
            .collect();
        text.push_str(&table(&["AUTHOR", "COMMITS", "FILE CHANGES"], &rows));
        let count = |kind: &str| files.values().filter(|k| **k == kind).count();
        text.push_str(&format!(
            "\nFiles changed  {} ({} added, {} modified, {} deleted)\n",
            files.len(),
            count("A"),
            count("M"),
            count("D")
        ));
    }
    text.push_str("\nIssues resolved\n");
    if overview.resolved.is_empty() {
        text.push_str("-\n");
    } else {
        let rows: Vec<Vec<String>> = overview
            .resolved
            .iter()
            .map(|issue| vec![issue.short_id.clone(), issue.title.clone()])
            .collect();
        text.push_str(&table(&["ISSUE", "TITLE"], &rows));
    }
    text.push_str("\nDeploys\n");
    if overview.deploys.is_empty() {
        text.push_str("-\n");
    } else {
        let mut per_env: BTreeMap<&str, (usize, &str)> = BTreeMap::new();
        for deploy in &overview.deploys {
            let entry = per_env
                .entry(&deploy.environment)
                .or_insert((0, &deploy.date_finished));
            entry.0 += 1;
            if deploy.date_finished.as_str() > entry.1 {
                entry.1 = &deploy.date_finished;
            }
        }
        let rows: Vec<Vec<String>> = per_env
            .into_iter()
            .map(|(env, (count, last))| vec![env.to_string(), count.to_string(), when(last)])
            .collect();
        text.push_str(&table(&["ENVIRONMENT", "DEPLOYS", "LAST"], &rows));
    }
    text
}
