//! Who may read the pages: the login form, the session cookie, logout, and the [`Viewer`]
//! extractor every page takes first.
//!
//! A person enters an API token once. When it is valid, has `project:read` (or a scope that
//! implies it, `has_scope`) and may act in the pages' organization, a session is started in the
//! store and its random id goes into a cookie, `HttpOnly` (no script can read it),
//! `SameSite=Strict` (no other site's page can send it along) and `Path=/`. The token itself
//! never leaves the form: a stolen cookie is one session, which ends after
//! [`SESSION_HOURS`](crate::flow::tokens::SESSION_HOURS), at logout, or when its token is revoked
//! (the store deletes a token's sessions with it). Only the id's hash is stored. The cookie is
//! not `Secure` because `serve` speaks plain HTTP; put it behind TLS when it leaves loopback.
//!
//! Login and logout are form posts, and a form on another site could post them: logging a
//! victim in as the attacker (login CSRF) or out. Both are refused unless their `Origin` (or,
//! without it, `Referer`) names the host the request was sent to; logout is a POST only.
//!
//! The cookie is read here only. The API's extractor (`auth.rs`) reads the `Authorization`
//! header and nothing else, so a browser's cookie never authorizes an API call (no CSRF there).

use axum::Extension;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use maud::html;

use super::PageError;
use super::layout::{self, Section};
use crate::model::Token;
use crate::server::Watchdog;
use crate::server::state::Api;

/// The cookie holding the session id.
pub const COOKIE: &str = "relctl_session";

/// The largest login form read: anyone may post it, so it is tiny (a token is 71 bytes).
pub const MAX_FORM: usize = 4 * 1024;

/// The scope a token needs to read the pages.
pub const READ_SCOPE: &str = "project:read";

/// A person allowed to read the pages: logged in, or `--public-pages`.
pub struct Viewer;

impl FromRequestParts<Api> for Viewer {
    type Rejection = Response;

    /// Without a live session: a 303 to the login form (clearing a cookie that went bad).
    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<Self, Self::Rejection> {
        if api.pages.public {
            return Ok(Viewer);
        }
        let Some(session) = cookie(&parts.headers) else {
            return Err(Redirect::to("/login").into_response());
        };
        let found = api
            .blocking_page(move |api| Ok(api.backend.session_token(&session)?))
            .await;
        match found {
            Ok(Some(token)) if may_read(api, &token) => Ok(Viewer),
            Ok(_) => Err(with_cookie(Redirect::to("/login"), &clear_cookie())),
            Err(err) => Err(PageError::from(err).into_response()),
        }
    }
}

/// Whether `token` may read the pages: the scope, and the pages' organization.
fn may_read(api: &Api, token: &Token) -> bool {
    (api.has_scope)(token, READ_SCOPE) && crate::flow::tokens::may_act_in(token, &api.pages.org)
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
        .filter(|value| is_cookie_safe(value))
}

/// Session ids are hex; anything else cannot be one, and is not looked up.
fn is_cookie_safe(value: &str) -> bool {
    !value.is_empty()
        && value.len() <= 128
        && value
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
}

fn session_cookie(session: &str) -> String {
    format!("{COOKIE}={session}; HttpOnly; SameSite=Strict; Path=/")
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

/// Whether a form post comes from the server's own pages: its `Origin` (else `Referer`) names
/// the host the request was sent to (`Host`, or `X-Forwarded-Host` behind a proxy). A post with
/// neither is not a browser's cross-site form (browsers send `Origin` with every one): a script.
fn same_origin(headers: &HeaderMap) -> bool {
    let Some(source) = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
    else {
        return true;
    };
    let Some(authority) = source.to_str().ok().and_then(authority) else {
        return false;
    };
    ["host", "x-forwarded-host"]
        .iter()
        .filter_map(|name| headers.get(*name)?.to_str().ok())
        .any(|host| host.trim().eq_ignore_ascii_case(authority))
}

/// `host[:port]` of an `http(s)://` URL or origin; `None` for anything else (`null` included).
fn authority(url: &str) -> Option<&str> {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(&rest[..end]).filter(|host| !host.is_empty() && !host.contains('@'))
}

/// The answer to a login or logout posted from another site.
fn cross_site() -> Response {
    login_page(
        StatusCode::FORBIDDEN,
        Some("That form was sent from another site; log in from this page."),
    )
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

/// `POST /login` with `token=...`: a session cookie and a 303 to `/`, or the form again with a
/// 401 (or a 403 from another site).
///
/// Anyone may post it, so its body is read as a head is (`listen.rs`, [`Watchdog`]): it must
/// arrive within the header timeout, and a client that never sends it cannot hold the
/// connection. (Without the watchdog, in-process, it is read as any body.)
pub async fn submit(
    State(api): State<Api>,
    watchdog: Option<Extension<Watchdog>>,
    request: Request,
) -> Response {
    if !same_origin(request.headers()) {
        return cross_site();
    }
    let reading = watchdog.map(|Extension(watchdog)| watchdog.anonymous_body());
    let Ok(body) = axum::body::to_bytes(request.into_body(), MAX_FORM).await else {
        return login_page(
            StatusCode::PAYLOAD_TOO_LARGE,
            Some("That form is larger than a login form, or was not sent whole."),
        );
    };
    drop(reading);
    let secret = form_urlencoded::parse(&body)
        .find(|(name, _)| name == "token")
        .map(|(_, value)| value.trim().to_string())
        .unwrap_or_default();
    let refused = || {
        login_page(
            StatusCode::UNAUTHORIZED,
            Some("That token is not valid, or lacks the project:read scope."),
        )
    };
    // Tokens are `relctl_` and hex: anything else is not looked up.
    if !is_cookie_safe(&secret) {
        return refused();
    }
    let started = api
        .blocking_page(move |api| {
            let Some(token) = (api.authenticate)(&secret)? else {
                return Ok(None);
            };
            if !may_read(&api, &token) {
                return Ok(None);
            }
            Ok(Some(api.backend.start_session(&token)?))
        })
        .await;
    match started {
        Ok(Some(session)) => with_cookie(Redirect::to("/"), &session_cookie(&session)),
        Ok(None) => refused(),
        Err(err) => PageError::from(err).into_response(),
    }
}

/// `POST /logout`: ends the session, clears the cookie, back to the login form.
pub async fn logout(State(api): State<Api>, headers: HeaderMap) -> Response {
    if !same_origin(&headers) {
        return cross_site();
    }
    if let Some(session) = cookie(&headers) {
        let ended = api
            .blocking_page(move |api| Ok(api.backend.end_session(&session)?))
            .await;
        if let Err(err) = ended {
            return PageError::from(err).into_response();
        }
    }
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
            HeaderValue::from_static("a=1; relctl_session=0123abc; b=2"),
        );
        assert_eq!(cookie(&headers).as_deref(), Some("0123abc"));
        headers.insert(header::COOKIE, HeaderValue::from_static("relctl_session="));
        assert_eq!(cookie(&headers), None);
    }

    #[test]
    fn only_token_characters_go_into_a_cookie() {
        assert!(is_cookie_safe("relctl_0123abcdef"));
        for bad in ["", "a;b", "a b", "a\r\nSet-Cookie: x", "é"] {
            assert!(!is_cookie_safe(bad), "{bad:?}");
        }
    }

    #[test]
    fn only_the_servers_own_pages_may_post_the_forms() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut map = HeaderMap::new();
            for (name, value) in pairs {
                map.insert(*name, HeaderValue::from_static(value));
            }
            map
        };
        let host = ("host", "127.0.0.1:8765");
        assert!(same_origin(&headers(&[host])), "a script sends neither");
        assert!(same_origin(&headers(&[
            host,
            ("origin", "http://127.0.0.1:8765")
        ])));
        assert!(same_origin(&headers(&[
            host,
            ("referer", "http://127.0.0.1:8765/login?x=1")
        ])));
        assert!(same_origin(&headers(&[
            ("host", "10.0.0.5:8765"),
            ("x-forwarded-host", "releases.example.com"),
            ("origin", "https://releases.example.com")
        ])));
        for origin in [
            "https://evil.example",
            "null",
            "http://127.0.0.1:8766",
            "http://127.0.0.1:8765@evil.example",
            "file://",
        ] {
            let map = headers(&[host, ("origin", origin)]);
            assert!(!same_origin(&map), "{origin}");
        }
        assert!(!same_origin(&headers(&[
            host,
            ("referer", "https://evil.example/page")
        ])));
    }
}
