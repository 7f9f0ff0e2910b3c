//! Projects (server-flow.md section 4 and 9): the organization's list, one project's GET, PUT
//! (rename and re-slug through project save) and DELETE, and the team POST that creates one.
//! relctl has no teams, so any team slug in the URL is accepted.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value};

use super::auth::{Credentials, PROJECT_ADMIN, PROJECT_LIST, PROJECT_READ, PROJECT_WRITE};
use super::decode::{Body, Form, Text};
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::state::{Api, Ctx};
use crate::api;
use crate::backend::{CreateProject, UpdateProject};
use crate::domain::platform::{INVALID_PLATFORM, is_valid_platform};
use crate::domain::slug::{SlugError, validate_project_slug};
use crate::flow::commits::Sent;
use crate::model;

const MAX_NAME_LENGTH: usize = 200;
const MAX_NEW_NAME_LENGTH: usize = 50;
const MAX_PLATFORM_LENGTH: usize = 64;

fn answer(status: StatusCode, project: &model::Project) -> Result<Response, ApiError> {
    Ok((status, Json(api::Project::from_model(project))).into_response())
}

/// `GET /api/0/organizations/{org}/projects/`
pub async fn list(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, PROJECT_LIST, move |ctx| {
        let window = pagination::window(&query)?;
        let projects = ctx.backend().projects(&org)?;
        pagination::respond_page(&query, &window, projects, |p| {
            Ok(api::Project::from_model(p))
        })
    })
    .await
}

/// `GET /api/0/projects/{org}/{project}/`
pub async fn get(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, PROJECT_READ, move |ctx| {
        answer(StatusCode::OK, &ctx.backend().project(&org, &project)?)
    })
    .await
}

/// Sentry's words for a slug a client may not use.
fn slug_message(err: &SlugError, slug: &str) -> String {
    match err {
        SlugError::AllDigits(_) | SlugError::InvalidChars(_) | SlugError::Empty(_) => {
            "Enter a valid slug consisting of lowercase letters, numbers, underscores or hyphens. It cannot be entirely numeric.".to_string()
        }
        SlugError::TooLong { .. } => format!(
            "Ensure this field has no more than {} characters.",
            crate::domain::slug::PROJECT_SLUG_MAX_LENGTH
        ),
        SlugError::Reserved(_) => format!("The slug \"{slug}\" is reserved and not available."),
    }
}

/// A slug field: validated, and not taken (case-insensitively) by another project than `own`.
fn slug_field(
    form: &mut Form<'_>,
    ctx: &Ctx,
    org: &str,
    own: Option<i64>,
) -> Result<Option<String>, ApiError> {
    let Sent::Value(slug) = form.text("slug", Text::new().null()) else {
        return Ok(None);
    };
    if let Err(err) = validate_project_slug(&slug) {
        form.error("slug", slug_message(&err, &slug));
        return Ok(None);
    }
    let taken = ctx
        .backend()
        .projects(org)?
        .into_iter()
        .find(|p| p.slug.eq_ignore_ascii_case(&slug) && Some(p.id) != own);
    if let Some(other) = taken {
        form.error(
            "slug",
            format!(
                "Another project ({}) is already using that slug",
                other.slug
            ),
        );
        return Ok(None);
    }
    Ok(Some(slug))
}

/// The `platform` of a project POST or PUT: none when absent, null or empty; a platform Sentry
/// does not know is its 400 "Invalid platform".
fn platform_field(form: &mut Form<'_>) -> Option<String> {
    let platform = form.text(
        "platform",
        Text::new().max(MAX_PLATFORM_LENGTH).blank().null(),
    );
    let platform = platform.as_value().filter(|p| !p.is_empty())?;
    if !is_valid_platform(platform) {
        form.error("platform", INVALID_PLATFORM);
        return None;
    }
    Some(platform.clone())
}

/// `PUT /api/0/projects/{org}/{project}/`: `name`, `slug`, `platform`; other fields ignored.
pub async fn put(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, PROJECT_WRITE, move |ctx| {
        let current = ctx.backend().project(&org, &project)?;
        let obj = body.object()?;
        let mut form = Form::new(&obj);
        let name = form.text("name", Text::new().max(MAX_NAME_LENGTH));
        let slug = slug_field(&mut form, ctx, &org, Some(current.id))?;
        let platform = platform_field(&mut form);
        form.finish()?;
        let name = name.as_value().cloned();
        let slug = slug.filter(|s| *s != current.slug);
        if name.is_none() && slug.is_none() && platform.is_none() {
            return answer(StatusCode::OK, &current);
        }
        let updated = ctx.backend().update_project(&UpdateProject {
            org,
            project: current.slug,
            name,
            slug,
            platform,
        })?;
        answer(StatusCode::OK, &updated)
    })
    .await
}

/// `DELETE /api/0/projects/{org}/{project}/`: 204 (needs `project:admin`).
pub async fn delete(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, PROJECT_ADMIN, move |ctx| {
        ctx.backend().delete_project(&org, &project)?;
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}

/// `POST /api/0/teams/{org}/{team}/projects/`: 201 with the new project; a slug in use is 409.
pub async fn create(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, _team)): Params<(String, String)>,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, PROJECT_WRITE, move |ctx| {
        ctx.backend().organization(&org)?;
        let obj: Map<String, Value> = body.object()?;
        let mut form = Form::new(&obj);
        let name = form.required_text("name", Text::new().max(MAX_NEW_NAME_LENGTH));
        let slug = match form.text("slug", Text::new().null()) {
            Sent::Value(slug) => match validate_project_slug(&slug) {
                Ok(()) => Some(slug),
                Err(err) => {
                    form.error("slug", slug_message(&err, &slug));
                    None
                }
            },
            Sent::Absent | Sent::Null => None,
        };
        let platform = platform_field(&mut form);
        form.finish()?;
        if let Some(slug) = &slug {
            let taken = ctx
                .backend()
                .projects(&org)?
                .iter()
                .any(|p| p.slug.eq_ignore_ascii_case(slug));
            if taken {
                return Err(ApiError::detail(
                    StatusCode::CONFLICT,
                    "A project with this slug already exists.",
                ));
            }
        }
        let project = ctx.backend().create_project(&CreateProject {
            org,
            name: name.unwrap_or_default(),
            slug,
            platform,
        })?;
        answer(StatusCode::CREATED, &project)
    })
    .await
}
