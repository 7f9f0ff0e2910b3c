//! The issue page (`/issues`): the inbox (issues waiting for review, `?page=N`) and the
//! resolved issues with the release that resolved each (`?resolved=N`), a page of each.

use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use maud::{Markup, html};

use super::layout::{self, Section, release_link, when};
use super::login::Viewer;
use super::{PageError, or_empty, paging};
use crate::backend::{IssueQuery, IssueStatus};
use crate::model;
use crate::server::state::Api;

/// `GET /issues`
pub async fn index(
    _viewer: Viewer,
    State(api): State<Api>,
    RawQuery(query): RawQuery,
) -> Result<Response, PageError> {
    let org = api.pages.org.clone();
    let inbox_page = paging::requested(query.as_deref(), "page");
    let resolved_page = paging::requested(query.as_deref(), "resolved");
    let (inbox, resolved) = api
        .blocking_page(move |api| {
            let inbox = or_empty(api.backend.issues(&IssueQuery {
                org: org.clone(),
                inbox_only: true,
                slice: Some(paging::slice(inbox_page)),
                ..IssueQuery::default()
            }));
            let resolved = or_empty(api.backend.issues(&IssueQuery {
                org,
                status: Some(IssueStatus::Resolved),
                slice: Some(paging::slice(resolved_page)),
                ..IssueQuery::default()
            }));
            Ok((inbox, resolved))
        })
        .await?;
    let (inbox, more_inbox) = paging::trim(inbox?);
    let (resolved, more_resolved) = paging::trim(resolved?);
    let now = Utc::now();
    let body = html! {
        h1 { "Issues" }
        h2 { "Inbox (" (count(inbox_page, inbox.len(), more_inbox)) ")" }
        @if inbox.is_empty() {
            p.muted { "Nothing to review." }
        } @else {
            table.stack {
                thead { tr { th { "Issue" } th { "Title" } th { "Project" } th { "Status" } th { "Added" } } }
                tbody {
                    @for issue in &inbox {
                        tr {
                            td data-label="Issue" { code { (issue.short_id) } }
                            td data-label="Title" { (issue.title) }
                            td data-label="Project" { (issue.project.slug) }
                            td data-label="Status" { span.status { (issue.status) } }
                            td data-label="Added" {
                                @if let Some(inbox) = &issue.inbox { (when(&inbox.date_added, now)) " " span.muted { "(" (inbox.reason) ")" } }
                            }
                        }
                    }
                }
            }
        }
        (paging::links("/issues", "page", inbox_page, more_inbox))
        (resolved_section(&resolved, resolved_page, more_resolved))
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Issues", Some(Section::Issues), body),
    ))
}

/// The page of resolved issues, each with the release that resolved it.
fn resolved_section(resolved: &[model::Issue], resolved_page: u64, more_resolved: bool) -> Markup {
    html! {
        h2 { "Resolved (" (count(resolved_page, resolved.len(), more_resolved)) ")" }
        @if resolved.is_empty() {
            p.muted { "No resolved issues." }
        } @else {
            table.stack {
                thead { tr { th { "Issue" } th { "Title" } th { "Project" } th { "Resolved in" } } }
                tbody {
                    @for issue in resolved {
                        tr {
                            td data-label="Issue" { code { (issue.short_id) } }
                            td data-label="Title" { (issue.title) }
                            td data-label="Project" { (issue.project.slug) }
                            td data-label="Resolved in" {
                                @match &issue.resolution {
                                    Some(resolution) if !resolution.release.is_empty() => (release_link(&resolution.release)),
                                    _ => span.muted { "—" },
                                }
                            }
                        }
                    }
                }
            }
        }
        (paging::links("/issues", "resolved", resolved_page, more_resolved))
    }
}

/// How many a heading counts: the rows shown on the first page alone, else which rows
/// ("101-200, more follow").
fn count(page: u64, shown: usize, more: bool) -> String {
    let first = paging::first_row(page);
    match (page, more) {
        (0, false) => shown.to_string(),
        (_, true) => format!("{first}-{}, more follow", first + shown as u64 - 1),
        (_, false) if shown == 0 => format!("none from {first}"),
        (_, false) => format!("{first}-{}", first + shown as u64 - 1),
    }
}
