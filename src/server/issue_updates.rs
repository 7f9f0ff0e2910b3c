//! The bulk changes of issues: `PUT /api/0/organizations/{org}/issues/` and
//! `PUT /api/0/projects/{org}/{project}/issues/` (what `sentry-cli issues resolve|mute|
//! unresolve` sends), Sentry's `update_groups`.
//!
//! The issues are named by `?id=` (repeatable; ids of other organizations or projects are left
//! out, as Sentry does), else (for a status change only, as Sentry documents) found by search: `?query=` (Sentry's default `is:unresolved`) and
//! the `?status=` Sentry documents, at most 1000. The body sets `status` (`resolved`,
//! `unresolved`, `ignored` or its alias `muted`) and/or `inbox` (true: into the inbox with
//! reason manual; false: reviewed). The answer is Sentry's: `{"status": ..., "statusDetails":
//! {}}` plus `"inbox": null` when resolving or ignoring, `{"inbox": BOOL}` for the inbox, and a
//! 204 when no issue matched. Resolving in a release, snoozes and the other fields of Sentry's
//! validator are refused with a 400 (nothing written) rather than ignored.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::auth::{Credentials, EVENT_WRITE};
use super::decode::{Body, Form, Text};
use super::error::ApiError;
use super::issues::parse_search;
use super::query::{Params, Query};
use super::state::{Api, Ctx};
use crate::api::issue::{IssuesChanged, StatusDetails};
use crate::backend::{IssueSelection, IssueStatus, UpdateIssues};
use crate::flow::commits::Sent;
use crate::flow::issues::StatusChange;

/// Fields of Sentry's validator that ask for what relctl does not do; refused unless null.
const UNSUPPORTED: &[&str] = &[
    "snoozeDuration",
    "ignoreDuration",
    "ignoreCount",
    "ignoreWindow",
    "ignoreUserCount",
    "ignoreUserWindow",
    "ignoreUntil",
    "ignoreUntilEscalating",
    "substatus",
    "assignedTo",
    "merge",
    "discard",
    "priority",
];

/// `PUT /api/0/organizations/{org}/issues/`: `?project=` limits a search to one project.
pub async fn org_update(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_WRITE, move |ctx| {
        let project = match query.projects().as_slice() {
            [] => None,
            [one] => Some(one.clone()),
            _ => {
                return Err(ApiError::bad_request(
                    "relctl changes the issues of one project (or of all) at a time",
                ));
            }
        };
        update(ctx, org, project, &query, &body)
    })
    .await
}

/// `PUT /api/0/projects/{org}/{project}/issues/`
pub async fn project_update(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
    query: Query,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, EVENT_WRITE, move |ctx| {
        update(ctx, org, Some(project), &query, &body)
    })
    .await
}

/// What the body asks, as read from it.
struct Change {
    /// The status as sent (`muted` answers `muted`) and what it sets.
    status: Option<(String, StatusChange)>,
    inbox: Option<bool>,
}

fn update(
    ctx: &Ctx,
    org: String,
    project: Option<String>,
    query: &Query,
    body: &Body,
) -> Result<Response, ApiError> {
    let change = decode_change(&body.object()?)?;
    if change.status.is_none() && query.all("id").is_empty() {
        // Sentry's documentation: only a status change may leave out the ids.
        return Err(ApiError::bad_request(
            "Name the issues with ?id=N: only a status change may select issues by search",
        ));
    }
    let Some(selection) = selection(query)? else {
        return Ok(StatusCode::NO_CONTENT.into_response());
    };
    let updated = ctx.backend().update_issues(&UpdateIssues {
        org,
        project,
        selection,
        status: change.status.as_ref().map(|(_, change)| *change),
        inbox: change.inbox,
    })?;
    if !updated.matched {
        return Ok(StatusCode::NO_CONTENT.into_response());
    }
    let mut answer = IssuesChanged::default();
    if let Some((sent, kind)) = change.status {
        answer.status = Some(sent);
        answer.status_details = Some(StatusDetails::default());
        if kind != StatusChange::Unresolve {
            answer.inbox = Some(None);
        }
    }
    if let Some(inbox) = change.inbox {
        answer.inbox = Some(Some(inbox));
    }
    Ok(Json(answer).into_response())
}

/// The body's `status` and `inbox`; anything relctl would not do is a 400.
fn decode_change(obj: &Map<String, Value>) -> Result<Change, ApiError> {
    let mut form = Form::new(obj);
    let status = match form.text("status", Text::new()) {
        Sent::Value(sent) => match sent.as_str() {
            "resolved" => Some((sent, StatusChange::Resolve)),
            "unresolved" => Some((sent, StatusChange::Unresolve)),
            "ignored" | "muted" => Some((sent, StatusChange::Ignore)),
            "resolvedInNextRelease" => {
                form.error(
                    "status",
                    "relctl does not resolve issues in the next release",
                );
                None
            }
            other => {
                form.error("status", format!("\"{other}\" is not a valid choice."));
                None
            }
        },
        Sent::Absent | Sent::Null => None,
    };
    let inbox = form.boolean("inbox");
    for field in UNSUPPORTED {
        if obj.get(*field).is_some_and(|value| !value.is_null()) {
            form.error(field, "relctl does not support this field");
        }
    }
    if obj
        .get("statusDetails")
        .is_some_and(|d| !d.is_null() && d.as_object().is_none_or(|d| !d.is_empty()))
    {
        form.error(
            "statusDetails",
            "relctl resolves and ignores without details",
        );
    }
    form.finish()?;
    if status.is_none() && inbox.is_none() {
        return Err(ApiError::bad_request(
            "relctl changes only an issue's status and inbox: send \"status\" or \"inbox\"",
        ));
    }
    Ok(Change { status, inbox })
}

/// The issues `?id=` names, else a search; `None` when the search can match nothing.
fn selection(query: &Query) -> Result<Option<IssueSelection>, ApiError> {
    let ids = query.all("id");
    if !ids.is_empty() {
        let mut parsed = Vec::with_capacity(ids.len());
        for id in ids {
            match id.trim().parse::<i64>() {
                Ok(id) => parsed.push(id),
                Err(_) => return Err(ApiError::field("id", "Invalid id.")),
            }
        }
        return Ok(Some(IssueSelection::Ids(parsed)));
    }
    let search = parse_search(query.first("query"))?;
    let status = match query.first("status").map(str::trim) {
        None | Some("") => None,
        Some("resolved") => Some(IssueStatus::Resolved),
        Some("unresolved") => Some(IssueStatus::Unresolved),
        Some("ignored" | "muted") => Some(IssueStatus::Ignored),
        Some(other) => {
            return Err(ApiError::field(
                "status",
                format!("\"{other}\" is not a valid status."),
            ));
        }
    };
    if search.inbox_only {
        return Err(ApiError::bad_request(
            "relctl does not search the inbox in a bulk change: name the issues with ?id=",
        ));
    }
    let status = match (search.status, status) {
        (Some(a), Some(b)) if a != b => return Ok(None),
        (a, b) => a.or(b),
    };
    Ok(Some(IssueSelection::Matching {
        status,
        words: search.words,
    }))
}
