//! The API's map: every path `relctl serve` answers, the method of each, and the handler (the
//! release pages' own map is `pages::routes`).
//!
//! Paths are Sentry's, with their trailing slash. Anything else is a JSON 404; a known path with
//! another method is a JSON 405. Bodies are limited to the server's `max_body` (413 beyond), a
//! request that takes longer than the server's timeout is a JSON 503, and every request is logged
//! once (`log.rs`), with the server's own subscriber (`log`).
//!
//! The timeout counts from the moment the headers are read: the body, the wait for a turn
//! (`state.rs`) and the work. Slow headers, idle connections and the number of connections are
//! bounded before that, where connections are accepted (`listen.rs`).

use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::{Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};

use super::error::ApiError;
use super::log::{in_log_scope, request_log};
use super::state::Api;
use super::{
    deploys, health, issue_updates, issues, metrics, organizations, pages, projects, releases,
    repos,
};

/// The router over `api`, answering 503 to requests that take longer than `timeout`, logging
/// with the server's subscriber.
pub fn router(api: Api, timeout: Duration) -> Router {
    let log = api.log.clone();
    let max_body = api.max_body;
    let counted = std::sync::Arc::clone(&api.metrics);
    api_routes()
        // The release pages for people (`pages/`), outside `/api/`.
        .merge(pages::routes())
        // For operators: probes without a token (`health.rs`), numbers behind one unless
        // `--metrics-public` (`metrics.rs`).
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/metrics", get(metrics::metrics))
        .route_layer(middleware::from_fn(metrics::note_route))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(max_body))
        .with_state(api)
        .layer(middleware::from_fn_with_state(timeout, time_limit))
        .layer(middleware::from_fn_with_state(counted, metrics::count))
        .layer(request_log())
        .layer(middleware::from_fn_with_state(log, in_log_scope))
}

/// Sentry's API paths, each with its methods and handlers.
fn api_routes() -> Router<Api> {
    Router::new()
        .route("/api/0/", get(organizations::index))
        // Organizations.
        .route("/api/0/organizations/", get(organizations::list))
        .route(
            "/api/0/organizations/{org}/",
            get(organizations::get).put(organizations::put),
        )
        .route(
            "/api/0/organizations/{org}/audit-logs/",
            get(organizations::audit_logs),
        )
        .route("/api/0/organizations/{org}/repos/", get(repos::list))
        .route("/api/0/organizations/{org}/projects/", get(projects::list))
        // Releases.
        .route(
            "/api/0/organizations/{org}/releases/",
            get(releases::org_list).post(releases::org_create),
        )
        .route(
            "/api/0/organizations/{org}/releases/{version}/",
            get(releases::get)
                .put(releases::put)
                .delete(releases::delete),
        )
        .route(
            "/api/0/organizations/{org}/releases/{version}/previous-with-commits/",
            get(releases::previous_with_commits),
        )
        .route(
            "/api/0/organizations/{org}/releases/{version}/commits/",
            get(releases::commits),
        )
        .route(
            "/api/0/organizations/{org}/releases/{version}/deploys/",
            get(deploys::list).post(deploys::create),
        )
        .route(
            "/api/0/projects/{org}/{project}/releases/",
            get(releases::project_list).post(releases::project_create),
        )
        // Projects.
        .route(
            "/api/0/projects/{org}/{project}/",
            get(projects::get)
                .put(projects::put)
                .delete(projects::delete),
        )
        .route(
            "/api/0/teams/{org}/{team}/projects/",
            post(projects::create),
        )
        // Issues.
        .route(
            "/api/0/organizations/{org}/issues/",
            get(issues::list).put(issue_updates::org_update),
        )
        .route(
            "/api/0/projects/{org}/{project}/issues/",
            get(issues::project_list).put(issue_updates::project_update),
        )
        .route(
            "/api/0/organizations/{org}/shortids/{short_id}/",
            get(issues::short_id),
        )
}

/// Answers 503 `{detail}` when the request is not answered within `limit`. The request's future
/// is dropped; its blocking work, if it started, runs to its end (`state.rs`).
async fn time_limit(State(limit): State<Duration>, request: Request, next: Next) -> Response {
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            let seconds = limit.as_secs_f64();
            let mut error = ApiError::detail(
                StatusCode::SERVICE_UNAVAILABLE,
                format!("The request did not complete within {seconds} seconds"),
            );
            error.cause = Some(format!("timed out after {seconds}s"));
            error.into_response()
        }
    }
}

async fn not_found() -> ApiError {
    ApiError::no_such_resource()
}

async fn method_not_allowed(method: Method) -> ApiError {
    ApiError::detail(
        StatusCode::METHOD_NOT_ALLOWED,
        format!("Method \"{method}\" not allowed."),
    )
}
