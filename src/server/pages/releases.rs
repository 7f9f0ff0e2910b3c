//! The release list (`/`) and one release's page (`/releases/{version}`).

use axum::extract::{Path, RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use maud::{Markup, html};

use super::layout::{self, Section, author_name, release_date, release_link, when};
use super::login::Viewer;
use super::{PageError, chart, or_empty, paging};
use crate::backend::{ReleaseListQuery, ReleaseQuery};
use crate::domain::version::validate_version;
use crate::model;
use crate::ops::release_overview;
use crate::server::state::Api;

/// At most this many authors are named in a row of the list.
const SHOWN_AUTHORS: usize = 3;

/// `GET /` (`?page=N`): a page of the releases, newest first (as created), with the chart.
pub async fn index(
    _viewer: Viewer,
    State(api): State<Api>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let org = api.pages.org.clone();
    let page = paging::requested(query.as_deref(), "page");
    let releases = api
        .blocking_page(move |api| {
            let slice = paging::slice(page);
            let listed = api.backend.releases(&ReleaseListQuery {
                org,
                projects: Vec::new(),
                query: None,
                status: None,
                limit: slice.limit,
                offset: slice.offset,
            });
            Ok(or_empty(listed))
        })
        .await??;
    let (releases, more) = paging::trim(releases);
    let now = Utc::now();
    let body = html! {
        h1 { "Releases" }
        @if releases.is_empty() && page == 0 {
            p.muted { "No releases yet in " code { (api.pages.org) } "." }
        } @else if releases.is_empty() {
            p.muted { "No releases on this page." }
            (paging::links("/", "page", page, false))
        } @else {
            (chart::commits_per_release(&releases))
            @if page > 0 || more {
                p.muted {
                    "Releases " (paging::first_row(page)) " to "
                    (paging::first_row(page) + releases.len() as u64 - 1) ", newest first."
                }
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
            (paging::links("/", "page", page, more))
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
    /// The previous release its commits were counted from.
    previous: Option<String>,
    /// The page of commits shown, whether another follows, and its index.
    commits: (Vec<model::Commit>, bool, u64),
    /// The first issues it resolved, and whether there are more.
    resolved: (Vec<model::Issue>, bool),
    /// The newest deploys, and how many there are.
    deploys: (Vec<model::Deploy>, usize),
}

/// `GET /releases/{version}` (`?page=N` pages its commits): its facts, a page of its commits
/// (author, message, files), the issues it resolved and its deploys.
pub async fn show(
    _viewer: Viewer,
    State(api): State<Api>,
    Path(version): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let page = paging::requested(query.as_deref(), "page");
    let missing = || PageError::not_found(format!("No release {version:?}."));
    // A version no release can have (`a%2Fb` is `a/b`) names none.
    if validate_version(&version).is_err() {
        return Err(missing());
    }
    let org = api.pages.org.clone();
    let wanted = version.clone();
    let details = api
        .blocking_page(move |api| {
            let backend = api.backend.as_ref();
            let found = backend.release(&ReleaseQuery {
                org: org.clone(),
                version: wanted.clone(),
                with_commits: true,
                commit_slice: Some(paging::slice(page)),
                project: None,
            });
            let mut release = match found {
                Ok(release) => release,
                Err(err) => return Ok(Err(PageError::from(err))),
            };
            let (commits, more) = paging::trim(release.commits.take().unwrap_or_default());
            let overview = release_overview::read(backend, &org, &release, Some(paging::slice(0)))?;
            let mut deploys = overview.deploys;
            let total = deploys.len();
            deploys.truncate(paging::PER_PAGE as usize);
            Ok(Ok(Details {
                release,
                previous: overview.previous,
                commits: (commits, more, page),
                resolved: paging::trim(overview.resolved),
                deploys: (deploys, total),
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
    let (resolved, more_resolved) = &details.resolved;
    let (deploys, deploy_count) = &details.deploys;
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
            @if let Some(previous) = &details.previous { dt { "Previous" } dd { (release_link(previous)) } }
        }
        (commits_section(details))
        h2 { "Resolved issues (" (resolved.len()) @if *more_resolved { "+" } ")" }
        @if resolved.is_empty() {
            p.muted { "No issue was resolved by this release." }
        } @else {
            ul {
                @for issue in resolved {
                    li { code { (issue.short_id) } " " (issue.title) span.muted { " (" (issue.project.slug) ")" } }
                }
            }
            @if *more_resolved {
                p.muted { "The first " (resolved.len()) "; all of them: " code { "relctl issue list --status resolved" } }
            }
        }
        h2 { "Deploys (" (deploy_count) ")" }
        @if deploys.is_empty() {
            p.muted { "Not deployed yet." }
        } @else {
            table.stack {
                thead { tr { th { "Environment" } th { "Name" } th { "Finished" } th { "URL" } } }
                tbody {
                    @for deploy in deploys {
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

/// The page of a release's commits, with the links to the pages around it.
fn commits_section(details: &Details) -> Markup {
    let release = &details.release;
    let (commits, more, page) = &details.commits;
    let path = layout::release_href(&release.version);
    html! {
        h2 { "Commits (" (release.commit_count) ")" }
        @if commits.is_empty() && *page == 0 {
            p.muted { "No commits." }
        } @else if commits.is_empty() {
            p.muted { "No commits on this page." }
            (paging::links(&path, "page", *page, false))
        } @else {
            @if *page > 0 || *more {
                p.muted {
                    "Commits " (paging::first_row(*page)) " to "
                    (paging::first_row(*page) + commits.len() as u64 - 1) ", newest first."
                }
            }
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
            (paging::links(&path, "page", *page, *more))
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
