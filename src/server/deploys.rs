//! Deploys of a release (server-flow.md 1.9 and section 9): the list, newest finished first, and
//! the POST, whose projects must all be linked to the release.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use super::auth::{Credentials, RELEASE_READ, RELEASE_WRITE};
use super::decode::{Body, Form, Text};
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::releases::check_path_version;
use super::state::Api;
use crate::api;
use crate::backend::{CreateDeploy, DeployListQuery, ReleaseQuery};
use crate::flow::commits::Sent;
use crate::flow::deploys::check_environment;

const MAX_NAME_LENGTH: usize = 64;
const MAX_ENVIRONMENT_LENGTH: usize = 64;

/// `GET /api/0/organizations/{org}/releases/{version}/deploys/`: the newest deploy of each
/// project and environment, newest `dateFinished` first; `?project=ID` (repeatable, `-1`: all)
/// keeps those of the projects named. relctl's `?all=1` lists every deploy instead (what
/// `relctl release info` counts per environment; Sentry ignores it).
pub async fn list(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        check_path_version(&version)?;
        let window = pagination::window(&query)?;
        let deploys = if query.first("all") == Some("1") {
            ctx.backend().deploys(&org, &version)?
        } else {
            ctx.backend().deploy_list(&DeployListQuery {
                org,
                version,
                projects: query.projects(),
            })?
        };
        pagination::respond_page(&query, &window, deploys, |d| Ok(api::Deploy::from_model(d)))
    })
    .await
}

/// The validated body of a deploy POST.
pub(super) struct DeployBody {
    environment: String,
    name: Option<String>,
    url: Option<String>,
    date_started: Option<chrono::DateTime<chrono::Utc>>,
    date_finished: Option<chrono::DateTime<chrono::Utc>>,
    projects: Vec<String>,
}

pub(super) fn decode(
    obj: &serde_json::Map<String, serde_json::Value>,
) -> Result<DeployBody, ApiError> {
    let mut form = Form::new(obj);
    let environment = form.required_text("environment", Text::new().max(MAX_ENVIRONMENT_LENGTH));
    if let Some(environment) = &environment
        && check_environment(environment).is_err()
    {
        form.error("environment", "Invalid value for environment");
    }
    let name = form.text("name", Text::new().max(MAX_NAME_LENGTH).blank().null());
    let url = form.url("url", 200);
    let date_started = form.datetime("dateStarted", true);
    let date_finished = form.datetime("dateFinished", true);
    let mut projects = Vec::new();
    if let Sent::Value(items) = form.list("projects", true) {
        if items.is_empty() {
            form.error("projects", "This list may not be empty.");
        }
        for item in items {
            match Text::new().check(item) {
                Ok(Some(project)) => projects.push(project),
                Ok(None) | Err(_) => {
                    form.error("projects", "Invalid project ids or slugs");
                    break;
                }
            }
        }
    }
    form.finish()?;
    Ok(DeployBody {
        environment: environment.unwrap_or_default(),
        name: name.as_value().filter(|n| !n.is_empty()).cloned(),
        url,
        date_started: date_started.as_value().copied(),
        date_finished: date_finished.as_value().copied(),
        projects,
    })
}

/// Sentry's `ParameterValidationError` body.
fn parameter_error(message: String) -> ApiError {
    ApiError {
        status: StatusCode::BAD_REQUEST,
        body: json!({"detail": {"code": "parameter-validation-error", "message": message}}),
        cause: None,
    }
}

/// `POST /api/0/organizations/{org}/releases/{version}/deploys/`: 201 with the deploy.
pub async fn create(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_WRITE, move |ctx| {
        check_path_version(&version)?;
        let release = ctx.backend().release(&ReleaseQuery {
            org: org.clone(),
            version: version.clone(),
            with_commits: false,
            commit_slice: None,
            project: None,
        })?;
        let deploy = decode(&body.object()?)?;
        let mut slugs: Vec<String> = Vec::new();
        let mut invalid: Vec<&str> = Vec::new();
        for name in &deploy.projects {
            match release
                .projects
                .iter()
                .find(|p| p.slug == *name || p.id.to_string() == *name)
            {
                Some(p) if !slugs.contains(&p.slug) => slugs.push(p.slug.clone()),
                Some(_) => {}
                None => invalid.push(name),
            }
        }
        if !invalid.is_empty() {
            return Err(parameter_error(format!(
                "Invalid projects ({}) for release {}",
                invalid.join(", "),
                release.version
            )));
        }
        let created = ctx.backend().create_deploy(&CreateDeploy {
            org,
            version,
            environment: deploy.environment,
            name: deploy.name,
            url: deploy.url,
            date_started: deploy.date_started,
            date_finished: deploy.date_finished,
            projects: slugs,
        })?;
        Ok((StatusCode::CREATED, Json(api::Deploy::from_model(&created))).into_response())
    })
    .await
}
