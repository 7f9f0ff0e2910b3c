//! The issue page (`/issues`): the inbox (issues waiting for review) and the resolved issues
//! with the release that resolved each.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::Utc;
use maud::html;

use super::layout::{self, Section, release_link, when};
use super::login::Viewer;
use super::{PageError, or_empty};
use crate::backend::{IssueQuery, IssueStatus};
use crate::server::state::Api;

/// `GET /issues`
pub async fn index(_viewer: Viewer, State(api): State<Api>) -> Result<Response, PageError> {
    let org = api.pages.org.clone();
    let (inbox, resolved) = api
        .blocking(move |api| {
            let inbox = or_empty(api.backend.issues(&IssueQuery {
                org: org.clone(),
                inbox_only: true,
                ..IssueQuery::default()
            }));
            let resolved = or_empty(api.backend.issues(&IssueQuery {
                org,
                status: Some(IssueStatus::Resolved),
                ..IssueQuery::default()
            }));
            Ok((inbox, resolved))
        })
        .await?;
    let (inbox, resolved) = (inbox?, resolved?);
    let now = Utc::now();
    let body = html! {
        h1 { "Issues" }
        h2 { "Inbox (" (inbox.len()) ")" }
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
        h2 { "Resolved (" (resolved.len()) ")" }
        @if resolved.is_empty() {
            p.muted { "No resolved issues." }
        } @else {
            table.stack {
                thead { tr { th { "Issue" } th { "Title" } th { "Project" } th { "Resolved in" } } }
                tbody {
                    @for issue in &resolved {
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
    };
    Ok(layout::respond(
        StatusCode::OK,
        layout::page("Issues", Some(Section::Issues), body),
    ))
}
