//! Issues (Sentry's groups): the organization's issue list with the inbox query Sentry's UI
//! sends, the short-id lookup, and mark-reviewed (`PUT ?id=N {"inbox": false}`, server-flow.md
//! section 3).

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::auth::{Credentials, EVENT_READ, EVENT_WRITE};
use super::decode::{Body, Form};
use super::error::ApiError;
use super::json;
use super::pagination;
use super::query::{Params, Query};
use super::state::Api;
use crate::backend::{IssueQuery, IssueStatus};
use crate::model;

/// What a search query asks: `is:` filters, and words the title must contain.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
struct Search {
    status: Option<IssueStatus>,
    inbox_only: bool,
    words: Vec<String>,
}

/// Parses `?query=`; Sentry's default is `is:unresolved`.
fn parse_search(query: Option<&str>) -> Result<Search, ApiError> {
    let mut search = Search::default();
    for token in query.unwrap_or("is:unresolved").split_whitespace() {
        match token.strip_prefix("is:") {
            Some("unresolved") => search.status = Some(IssueStatus::Unresolved),
            Some("resolved") => search.status = Some(IssueStatus::Resolved),
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
        let window = pagination::window(&query)?;
        let search = parse_search(query.first("query"))?;
        let issues = ctx.backend().issues(&IssueQuery {
            org,
            projects: query.projects(),
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
        pagination::respond_page(&query, &window, issues, json::to_api)
    })
    .await
}

/// `GET /api/0/organizations/{org}/shortids/{short_id}/`
pub async fn short_id(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, short_id)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_READ, move |ctx| {
        let details = ctx.backend().issue(&org, &short_id)?;
        let group = json::to_api(&details)?;
        Ok(Json(json!({
            "organizationSlug": org,
            "projectSlug": details.issue.project.slug,
            "groupId": details.issue.id.to_string(),
            "shortId": details.issue.short_id,
            "group": group,
        }))
        .into_response())
    })
    .await
}

/// `PUT /api/0/organizations/{org}/issues/?id=N` with `{"inbox": false}`: marks the issues
/// reviewed and answers exactly `{"inbox": false}`. Only this change is supported.
pub async fn update(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_WRITE, move |ctx| {
        let mut ids = Vec::new();
        for id in query.all("id") {
            match id.trim().parse::<i64>() {
                Ok(id) => ids.push(id),
                Err(_) => return Err(ApiError::field("id", "Invalid id.")),
            }
        }
        if ids.is_empty() {
            return Err(ApiError::bad_request(
                "Name the issues to update with ?id=N (relctl does not update every issue at once)",
            ));
        }
        let obj = body.object()?;
        let mut form = Form::new(&obj);
        let inbox = form.boolean("inbox");
        form.finish()?;
        match inbox {
            Some(false) => {}
            Some(true) => {
                return Err(ApiError::bad_request(
                    "relctl cannot put issues back in the inbox",
                ));
            }
            None => {
                return Err(ApiError::bad_request(
                    "relctl supports only {\"inbox\": false} here",
                ));
            }
        }
        // Every id is resolved before anything is written.
        let all = ctx.backend().issues(&IssueQuery {
            org: org.clone(),
            ..IssueQuery::default()
        })?;
        let mut short_ids = Vec::with_capacity(ids.len());
        for id in ids {
            let issue = all
                .iter()
                .find(|issue| issue.id == id)
                .ok_or_else(|| ApiError::not_found(format!("Issue {id} not found")))?;
            short_ids.push(issue.short_id.clone());
        }
        for short_id in short_ids {
            ctx.backend().review_issue(&org, &short_id)?;
        }
        Ok(Json(json!({"inbox": false})).into_response())
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
