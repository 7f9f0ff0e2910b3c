//! Who may read the pages: the login form, the session cookie, logout, and the [`Viewer`]
//! extractor every page takes first.
//!
//! A person enters an API token once; when it is valid and has `project:read` (or a scope that
//! implies it, `has_scope`), the token itself is kept in a cookie, `HttpOnly` (no script can read
//! it), `SameSite=Strict` (no other site's page can send it along) and `Path=/`, and every page
//! request looks it up again, so a revoked token logs its holder out. No session table: the
//! token is already a random secret whose hash alone is stored. The cookie is not `Secure`
//! because `serve` speaks plain HTTP; put it behind TLS when it leaves loopback.
//!
//! The cookie is read here only. The API's extractor (`auth.rs`) reads the `Authorization`
//! header and nothing else, so a browser's cookie never authorizes an API call (no CSRF there).

use axum::body::Bytes;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::PageError;
use super::layout::{self, Section};
use crate::server::state::Api;

/// The cookie holding the token.
pub const COOKIE: &str = "relctl_token";

/// The largest login form read: anyone may post it, so it is tiny (a token is 47 bytes).
pub const MAX_FORM: usize = 4 * 1024;

/// The scope a token needs to read the pages.
pub const READ_SCOPE: &str = "project:read";

/// A person allowed to read the pages: logged in, or `--public-pages`.
pub struct Viewer;

impl FromRequestParts<Api> for Viewer {
    type Rejection = Response;

    /// Without a valid cookie: a 303 to the login form (clearing a cookie that went bad).
    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<Self, Self::Rejection> {
        if api.pages.public {
            return Ok(Viewer);
        }
        let Some(secret) = cookie(&parts.headers) else {
            return Err(Redirect::to("/login").into_response());
        };
        match may_read(api, secret).await {
            Ok(true) => Ok(Viewer),
            Ok(false) => Err(with_cookie(Redirect::to("/login"), &clear_cookie())),
            Err(err) => Err(err.into_response()),
        }
    }
}

/// Whether `secret` is a valid token with the pages' scope (a store read, in a blocking task).
async fn may_read(api: &Api, secret: String) -> Result<bool, PageError> {
    if !is_cookie_safe(&secret) {
        return Ok(false);
    }
    let allowed = api
        .blocking_page(move |api| {
            let token = (api.authenticate)(&secret)?;
            Ok(token.is_some_and(|token| (api.has_scope)(&token, READ_SCOPE)))
        })
        .await?;
    Ok(allowed)
}

/// The value of our cookie in the request's `Cookie` headers.
fn cookie(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.trim_matches('"').to_string())
        .filter(|value| !value.is_empty())
}

/// Tokens are `relctl_` and hex; anything else cannot be one, and could not be a cookie value.
fn is_cookie_safe(secret: &str) -> bool {
    !secret.is_empty()
        && secret
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn session_cookie(secret: &str) -> String {
    format!("{COOKIE}={secret}; HttpOnly; SameSite=Strict; Path=/")
}

fn clear_cookie() -> String {
    format!("{COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0")
}

fn with_cookie(response: impl IntoResponse, cookie: &str) -> Response {
    let mut response = response.into_response();
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

/// The login page, with `error` above the form when the last try failed.
fn login_page(status: StatusCode, error: Option<&str>) -> Response {
    let body = html! {
        h1 { "Log in" }
        p.muted { "Enter an API token with the " code { (READ_SCOPE) } " scope (" code { "relctl token create --scopes project:read" } ")." }
        @if let Some(error) = error {
            p.error role="alert" { (error) }
        }
        form.login method="post" action="/login" {
            label for="token" { "Token" }
            input #token type="password" name="token" autocomplete="off" required autofocus;
            button type="submit" { "Log in" }
        }
    };
    layout::respond(status, layout::page("Log in", None::<Section>, body))
}

/// `GET /login`
pub async fn form() -> Response {
    login_page(StatusCode::OK, None)
}

/// `POST /login` with `token=...`: the cookie and a 303 to `/`, or the form again with a 401.
pub async fn submit(State(api): State<Api>, body: Bytes) -> Response {
    let secret = form_urlencoded::parse(&body)
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.trim().to_string())
        .unwrap_or_default();
    match may_read(&api, secret.clone()).await {
        Ok(true) => with_cookie(Redirect::to("/"), &session_cookie(&secret)),
        Ok(false) => login_page(
            StatusCode::UNAUTHORIZED,
            Some("That token is not valid, or lacks the project:read scope."),
        ),
        Err(err) => err.into_response(),
    }
}

/// `GET` or `POST /logout`: clears the cookie, back to the login form.
pub async fn logout() -> Response {
    with_cookie(Redirect::to("/login"), &clear_cookie())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_found_among_others() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("a=1; relctl_token=relctl_abc; b=2"),
        );
        assert_eq!(cookie(&headers).as_deref(), Some("relctl_abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("relctl_token="));
        assert_eq!(cookie(&headers), None);
    }

    #[test]
    fn only_token_characters_go_into_a_cookie() {
        assert!(is_cookie_safe("relctl_0123abcdef"));
        for bad in ["", "a;b", "a b", "a\r\nSet-Cookie: x", "é"] {
            assert!(!is_cookie_safe(bad), "{bad:?}");
        }
    }
}
