//! The release list (`/`) and one release's page (`/releases/{version}`).

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use maud::{Markup, html};

use super::layout::{self, Section, author_name, release_date, release_link, when};
use super::login::Viewer;
use super::{PageError, chart, or_empty};
use crate::backend::{IssueQuery, IssueStatus, ReleaseListQuery, ReleaseQuery};
use crate::domain::version::validate_version;
use crate::model;
use crate::server::state::Api;

/// The release list shows at most this many releases, the newest.
const MAX_RELEASES: u32 = 500;

/// At most this many authors are named in a row of the list.
const SHOWN_AUTHORS: usize = 3;

/// `GET /`: the releases, newest first (released, else created), with the chart.
pub async fn index(_viewer: Viewer, State(api): State<Api>) -> Result<Response, PageError> {
    let org = api.pages.org.clone();
    let releases = api
        .blocking(move |api| {
            let listed = api.backend.releases(&ReleaseListQuery {
                org,
                projects: Vec::new(),
                query: None,
                status: None,
                limit: u32::MAX,
                offset: 0,
            });
            Ok(or_empty(listed))
        })
        .await??;
    let mut releases = releases;
    releases.sort_by(|a, b| release_date(b).cmp(release_date(a)));
    let total = releases.len();
    releases.truncate(MAX_RELEASES as usize);
    let now = Utc::now();
    let body = html! {
        h1 { "Releases" }
        @if releases.is_empty() {
            p.muted { "No releases yet in " code { (api.pages.org) } "." }
        } @else {
            (chart::commits_per_release(&releases))
            @if total > releases.len() {
                p.muted { "The newest " (releases.len()) " of " (total) " releases." }
            }
            table.stack {
                thead { tr {
                    th { "Version" } th { "Projects" } th { "Status" } th.num { "Commits" }
                    th { "Authors" } th.num { "Deploys" } th { "Age" }
                } }
                tbody {
                    @for release in &releases { (row(release, now)) }
                }
            }
        }
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Releases", Some(Section::Releases), body),
    ))
}

fn row(release: &model::Release, now: chrono::DateTime<Utc>) -> Markup {
    let authors: Vec<&str> = release.authors.iter().map(author_name).collect();
    html! {
        tr {
            td data-label="Version" { (release_link(&release.version)) }
            td data-label="Projects" {
                (release.projects.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>().join(", "))
            }
            td data-label="Status" { span.status { (release.status) } }
            td.num data-label="Commits" { (release.commit_count) }
            td data-label="Authors" {
                (authors.iter().take(SHOWN_AUTHORS).copied().collect::<Vec<_>>().join(", "))
                @if authors.len() > SHOWN_AUTHORS {
                    span.muted { " and " (authors.len() - SHOWN_AUTHORS) " more" }
                }
            }
            td.num data-label="Deploys" {
                (release.deploy_count)
                @if let Some(deploy) = &release.last_deploy {
                    span.muted { " (last: " (deploy.environment) ")" }
                }
            }
            td data-label="Age" { (when(release_date(release), now)) }
        }
    }
}

/// What one release's page shows.
struct Details {
    release: model::Release,
    resolved: Vec<model::Issue>,
    deploys: Vec<model::Deploy>,
}

/// `GET /releases/{version}`: its facts, commits (author, message, files), the issues it
/// resolved and its deploys.
pub async fn show(
    _viewer: Viewer,
    State(api): State<Api>,
    Path(version): Path<String>,
) -> Result<Response, PageError> {
    let missing = || PageError::not_found(format!("No release {version:?}."));
    // A version no release can have (`a%2Fb` is `a/b`) names none.
    if validate_version(&version).is_err() {
        return Err(missing());
    }
    let org = api.pages.org.clone();
    let wanted = version.clone();
    let details = api
        .blocking(move |api| {
            let backend = api.backend.as_ref();
            let found = backend.release(&ReleaseQuery {
                org: org.clone(),
                version: wanted.clone(),
                with_commits: true,
                project: None,
            });
            let release = match found {
                Ok(release) => release,
                Err(err) => return Ok(Err(PageError::from(err))),
            };
            let resolved = backend
                .issues(&IssueQuery {
                    org: org.clone(),
                    status: Some(IssueStatus::Resolved),
                    ..IssueQuery::default()
                })?
                .into_iter()
                .filter(|issue| {
                    issue
                        .resolution
                        .as_ref()
                        .is_some_and(|r| r.release == wanted)
                })
                .collect();
            let deploys = backend.deploys(&org, &wanted)?;
            Ok(Ok(Details {
                release,
                resolved,
                deploys,
            }))
        })
        .await?
        .map_err(|err| {
            if err.status == StatusCode::NOT_FOUND {
                missing()
            } else {
                err
            }
        })?;
    let title = format!("Release {}", details.release.version);
    let body = release_page(&details);
    Ok(layout::respond(
        StatusCode::OK,
        layout::page(&title, Some(Section::Releases), body),
    ))
}

fn release_page(details: &Details) -> Markup {
    let release = &details.release;
    let now = Utc::now();
    let commits = release.commits.as_deref().unwrap_or_default();
    html! {
        p { a href="/" { "← All releases" } }
        h1 { "Release " span.version { (release.version) } }
        dl.facts {
            dt { "Status" } dd { span.status { (release.status) } }
            dt { "Projects" } dd { (release.projects.iter().map(|p| p.slug.as_str()).collect::<Vec<_>>().join(", ")) }
            dt { "Created" } dd { (when(&release.date_created, now)) }
            dt { "Released" } dd {
                @match &release.date_released { Some(at) => (when(at, now)), None => span.muted { "not yet" } }
            }
            @if let Some(ref_) = &release.ref_ { dt { "Ref" } dd { code { (ref_) } } }
            @if let Some(url) = &release.url { dt { "URL" } dd { (external_link(url)) } }
        }
        h2 { "Commits (" (commits.len()) ")" }
        @if commits.is_empty() {
            p.muted { "No commits." }
        } @else {
            table.stack {
                thead { tr { th { "Commit" } th { "Author" } th { "Message and files" } } }
                tbody {
                    @for commit in commits {
                        tr {
                            td data-label="Commit" {
                                code.sha title=(commit.id) { (commit.id.chars().take(12).collect::<String>()) }
                                br; span.muted { (commit.repository) }
                            }
                            td data-label="Author" {
                                (commit.author_name.as_deref().or(commit.author_email.as_deref()).unwrap_or("unknown"))
                            }
                            td data-label="Message" {
                                pre.message { (commit.message.as_deref().unwrap_or("")) }
                                @if !commit.patch_set.is_empty() {
                                    ul.files {
                                        @for file in &commit.patch_set {
                                            li { code { (file.kind) } " " (file.path) }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Resolved issues (" (details.resolved.len()) ")" }
        @if details.resolved.is_empty() {
            p.muted { "No issue was resolved by this release." }
        } @else {
            ul {
                @for issue in &details.resolved {
                    li { code { (issue.short_id) } " " (issue.title) span.muted { " (" (issue.project.slug) ")" } }
                }
            }
        }
        h2 { "Deploys (" (details.deploys.len()) ")" }
        @if details.deploys.is_empty() {
            p.muted { "Not deployed yet." }
        } @else {
            table.stack {
                thead { tr { th { "Environment" } th { "Name" } th { "Finished" } th { "URL" } } }
                tbody {
                    @for deploy in &details.deploys {
                        tr {
                            td data-label="Environment" { (deploy.environment) }
                            td data-label="Name" { (deploy.name.as_deref().unwrap_or("")) }
                            td data-label="Finished" { (when(&deploy.date_finished, now)) }
                            td data-label="URL" { @if let Some(url) = &deploy.url { (external_link(url)) } }
                        }
                    }
                }
            }
        }
    }
}

/// A user-given URL: a link when it is http(s), else text (never a `javascript:` link).
fn external_link(url: &str) -> Markup {
    let lower = url.to_ascii_lowercase();
    html! {
        @if lower.starts_with("https://") || lower.starts_with("http://") {
            a href=(url) rel="noopener noreferrer" { (url) }
        } @else {
            (url)
        }
    }
}
