//! Issues (Sentry's groups): the organization's and a project's issue lists with the search
//! Sentry's UI and sentry-cli send (`expand=inbox` adds the inbox in Sentry's shape), and the
//! short-id lookup. The bulk changes are `issue_updates.rs`.

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

use super::auth::{Credentials, EVENT_READ};
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::state::{Api, Ctx};
use crate::api::issue::{Issue, ShortIdLookup};
use crate::backend::{IssueQuery, IssueStatus};
use crate::model;

/// What a search query asks: `is:` filters, and words the title must contain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Search {
    pub status: Option<IssueStatus>,
    pub inbox_only: bool,
    pub words: Vec<String>,
}

/// Parses `?query=`; Sentry's default is `is:unresolved`.
pub fn parse_search(query: Option<&str>) -> Result<Search, ApiError> {
    let mut search = Search::default();
    for token in query.unwrap_or("is:unresolved").split_whitespace() {
        match token.strip_prefix("is:") {
            Some("unresolved") => search.status = Some(IssueStatus::Unresolved),
            Some("resolved") => search.status = Some(IssueStatus::Resolved),
            Some("ignored" | "muted" | "archived") => search.status = Some(IssueStatus::Ignored),
            Some("for_review") => search.inbox_only = true,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "Invalid value for \"is\" search: {other}"
                )));
            }
            None => search.words.push(token.to_lowercase()),
        }
    }
    Ok(search)
}

/// `GET /api/0/organizations/{org}/issues/`: `?query=` and `?project=` (repeatable, -1 all).
pub async fn list(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_READ, move |ctx| {
        let projects = query.projects();
        list_page(ctx, org, projects, &query)
    })
    .await
}

/// `GET /api/0/projects/{org}/{project}/issues/`: the project's issues, searched and paged as
/// the organization's (what `sentry-cli issues list` reads).
pub async fn project_list(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_READ, move |ctx| {
        ctx.backend().project(&org, &project)?;
        list_page(ctx, org, vec![project], &query)
    })
    .await
}

/// One page of the issues of `projects` (empty: all) that `?query=` finds, newest first.
fn list_page(
    ctx: &Ctx,
    org: String,
    projects: Vec<String>,
    query: &Query,
) -> Result<Response, ApiError> {
    let window = pagination::window(query)?;
    let search = parse_search(query.first("query"))?;
    let expand_inbox = query.all("expand").contains(&"inbox");
    let issues = ctx.backend().issues(&IssueQuery {
        org,
        projects,
        inbox_only: search.inbox_only,
        status: search.status,
        ..IssueQuery::default()
    })?;
    let issues: Vec<model::Issue> = issues
        .into_iter()
        .filter(|issue| {
            let title = issue.title.to_lowercase();
            search.words.iter().all(|word| title.contains(word))
        })
        .collect();
    pagination::respond_page(query, &window, issues, |issue| {
        to_json(&Issue::new(issue, expand_inbox))
    })
}

/// A typed answer as JSON.
pub fn to_json<T: Serialize>(answer: &T) -> Result<Value, ApiError> {
    serde_json::to_value(answer)
        .map_err(|err| ApiError::internal(format!("cannot serialize an answer: {err}")))
}

/// `GET /api/0/organizations/{org}/shortids/{short_id}/`
pub async fn short_id(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, short_id)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_READ, move |ctx| {
        let details = ctx.backend().issue(&org, &short_id)?;
        Ok(Json(ShortIdLookup::new(&org, &details)).into_response())
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_inbox_query_of_sentrys_ui() {
        let search = parse_search(Some("is:unresolved is:for_review")).unwrap();
        assert_eq!(search.status, Some(IssueStatus::Unresolved));
        assert!(search.inbox_only);
        assert_eq!(
            parse_search(None).unwrap().status,
            Some(IssueStatus::Unresolved)
        );
        assert_eq!(parse_search(Some("")).unwrap(), Search::default());
        assert_eq!(parse_search(Some("Crash")).unwrap().words, ["crash"]);
        assert!(parse_search(Some("is:bogus")).is_err());
    }
}
