//! Release pages: HTML for people, next to the API, over the same backend.
//!
//! `/` lists the releases newest first with a chart of their commits, `/releases/{version}` shows
//! one release (its commits, the issues it resolved, its deploys), `/issues` the inbox and the
//! resolved issues. The pages read through the [`Backend`](crate::backend::Backend) trait only,
//! in one blocking task per request like the API (`state.rs`), and show the organization `serve`
//! was started for (`--org`, else the default one).
//!
//! Why server-rendered HTML and no JavaScript: the pages are a window onto the store, readable
//! offline and on a phone, with nothing to build or fetch; maud escapes every interpolated value,
//! so user-written text (versions, commit messages, issue titles) is always text. Versions in
//! links are percent-encoded whole (a version may hold `/`, spaces or `<`).
//!
//! Access (`login.rs`): a token with `project:read` (or a scope implying it) is entered once in a
//! form and starts a session whose id is kept in an `HttpOnly; SameSite=Strict` cookie; the API
//! never reads that cookie, it keeps its `Authorization: Bearer` tokens. `serve --public-pages` opens the pages to anyone.
//!
//! Layout: `layout.rs` the page shell, CSS and small formatting helpers; `login.rs` the login,
//! logout and the [`login::Viewer`] extractor; `releases.rs` the list and the release page;
//! `chart.rs` the SVG chart; `issues.rs` the issue page.

mod chart;
mod issues;
mod layout;
mod login;
mod paging;
mod releases;

use axum::Router;
use axum::handler::Handler;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use maud::html;
use tower_http::limit::RequestBodyLimitLayer;

use super::state::Api;
use crate::error::{Error, ErrorKind};

/// How the pages are served.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagesConfig {
    /// The organization whose releases and issues the pages show.
    pub org: String,
    /// `--public-pages`: anyone may read the pages, without logging in.
    pub public: bool,
}

/// The pages' routes, merged into the API's router.
pub fn routes() -> Router<Api> {
    Router::new()
        .route("/", get(releases::index))
        .route("/releases/{version}", get(releases::show))
        .route("/issues", get(issues::index))
        .route(
            "/login",
            // A larger form is refused from its Content-Length, before any of it is read
            // (axum's `DefaultBodyLimit` would wait for the body).
            get(login::form).post(login::submit.layer(RequestBodyLimitLayer::new(login::MAX_FORM))),
        )
        .route("/logout", post(login::logout))
}

/// A page that could not be shown: an HTML page with the status; an internal error's cause goes
/// to the request log, not to the page.
#[derive(Debug)]
pub struct PageError {
    status: StatusCode,
    message: String,
    cause: Option<String>,
}

impl PageError {
    fn not_found(message: impl Into<String>) -> PageError {
        PageError {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
            cause: None,
        }
    }
}

impl From<Error> for PageError {
    fn from(err: Error) -> PageError {
        match err.kind {
            ErrorKind::NotFound => PageError::not_found(err.to_string()),
            _ => PageError {
                status: StatusCode::INTERNAL_SERVER_ERROR,
                message: "Internal error".to_string(),
                cause: Some(err.to_string()),
            },
        }
    }
}

impl From<super::ApiError> for PageError {
    fn from(err: super::ApiError) -> PageError {
        PageError {
            status: err.status,
            message: err.status.canonical_reason().unwrap_or("Error").to_string(),
            cause: err.cause,
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self.status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (title) }
            p.error { (self.message) }
            p { a href="/" { "Back to the releases" } }
        };
        let mut response = layout::respond(self.status, layout::page(title, None, body));
        if let Some(cause) = self.cause {
            response
                .extensions_mut()
                .insert(super::error::LoggedCause(cause));
        }
        response
    }
}

/// A list of the store that is empty when the organization does not exist yet (nothing was
/// written to it).
fn or_empty<T>(listed: crate::error::Result<Vec<T>>) -> Result<Vec<T>, PageError> {
    match listed {
        Ok(items) => Ok(items),
        Err(err) if err.kind == ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(err.into()),
    }
}
