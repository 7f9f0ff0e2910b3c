//! Who is asking, and whether they may: the `Authorization: Bearer` extractor and the scopes each
//! handler names.
//!
//! The extractor only reads the header; the token is looked up (a store read) inside the request's
//! one blocking task (`state.rs`), so authentication never blocks the async runtime. The scope
//! sets are Sentry's permission classes: each lists the scopes any one of which lets a token in,
//! so a token with `project:releases` can create releases and one with only `project:read`
//! cannot. The secret is never logged nor shown by `Debug`.

use std::convert::Infallible;
use std::fmt;

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;

use super::error::{ApiError, NO_CREDENTIALS};
use super::state::Api;
use crate::model::Token;

/// What the request's `Authorization` header holds.
pub enum Credentials {
    /// No header, or a scheme other than Bearer.
    Anonymous,
    Bearer(String),
    /// A Bearer header that is not `Bearer <token>`; the message says why.
    Malformed(&'static str),
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Credentials::Anonymous => f.write_str("Anonymous"),
            Credentials::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Credentials::Malformed(why) => write!(f, "Malformed({why})"),
        }
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Credentials {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        Ok(match parts.headers.get(header::AUTHORIZATION) {
            None => Credentials::Anonymous,
            Some(value) => match value.to_str() {
                Ok(text) => parse_authorization(text),
                Err(_) => Credentials::Malformed("Invalid token header."),
            },
        })
    }
}

/// DRF's `TokenAuthentication` reading of the header.
fn parse_authorization(text: &str) -> Credentials {
    let mut words = text.split_whitespace();
    match words.next() {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer") => {}
        _ => return Credentials::Anonymous,
    }
    match (words.next(), words.next()) {
        (None, _) => Credentials::Malformed("Invalid token header. No credentials provided."),
        (Some(_), Some(_)) => {
            Credentials::Malformed("Invalid token header. Token string should not contain spaces.")
        }
        (Some(token), None) => Credentials::Bearer(token.to_string()),
    }
}

/// The scopes that let a request in: any one of them. No scopes: anonymous requests too.
#[derive(Debug, Clone, Copy)]
pub struct Need(&'static [&'static str]);

/// `GET /api/0/`: anyone; a token that is given must still be valid.
pub const ANYONE: Need = Need(&[]);
pub const ORG_READ: Need = Need(&["org:read", "org:write", "org:admin"]);
pub const ORG_WRITE: Need = Need(&["org:write", "org:admin"]);
/// Sentry's `OrganizationAuditPermission`: reading the audit log needs write access.
pub const ORG_AUDIT: Need = Need(&["org:write", "org:admin"]);
pub const ORG_REPOS: Need = Need(&["org:read", "org:write", "org:admin", "org:integrations"]);
/// The organization's project list: members of the organization or readers of projects.
pub const PROJECT_LIST: Need = Need(&[
    "org:read",
    "org:write",
    "org:admin",
    "project:read",
    "project:write",
    "project:admin",
]);
pub const PROJECT_READ: Need = Need(&["project:read", "project:write", "project:admin"]);
pub const PROJECT_WRITE: Need = Need(&["project:write", "project:admin"]);
pub const PROJECT_ADMIN: Need = Need(&["project:admin"]);
/// Sentry's `ProjectReleasePermission` / `OrganizationReleasePermission`, for reads.
pub const RELEASE_READ: Need = Need(&[
    "project:read",
    "project:write",
    "project:admin",
    "project:releases",
    "org:ci",
]);
/// ... and for writes (releases and deploys).
pub const RELEASE_WRITE: Need = Need(&[
    "project:write",
    "project:admin",
    "project:releases",
    "org:ci",
]);
pub const EVENT_READ: Need = Need(&["event:read", "event:write", "event:admin"]);
pub const EVENT_WRITE: Need = Need(&["event:write", "event:admin"]);

/// Looks the token up and checks it against `need`: 401 without valid credentials, 403 without
/// the scope. Runs in the request's blocking task.
pub fn authorize(
    api: &Api,
    credentials: &Credentials,
    need: Need,
) -> Result<Option<Token>, ApiError> {
    let token = match credentials {
        Credentials::Anonymous => None,
        Credentials::Malformed(why) => return Err(ApiError::unauthorized(*why)),
        Credentials::Bearer(secret) => match (api.authenticate)(secret)? {
            Some(token) => Some(token),
            None => return Err(ApiError::unauthorized("Invalid token")),
        },
    };
    if need.0.is_empty() {
        return Ok(token);
    }
    let Some(token) = token else {
        return Err(ApiError::unauthorized(NO_CREDENTIALS));
    };
    if need.0.iter().any(|scope| (api.has_scope)(&token, scope)) {
        Ok(Some(token))
    } else {
        Err(ApiError::forbidden())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_is_read_like_drf() {
        assert!(matches!(parse_authorization("Bearer abc"), Credentials::Bearer(t) if t == "abc"));
        assert!(
            matches!(parse_authorization("bearer  abc "), Credentials::Bearer(t) if t == "abc")
        );
        assert!(matches!(
            parse_authorization("Basic Zm9v"),
            Credentials::Anonymous
        ));
        assert!(matches!(
            parse_authorization("Bearer"),
            Credentials::Malformed(_)
        ));
        assert!(matches!(
            parse_authorization("Bearer a b"),
            Credentials::Malformed(_)
        ));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let shown = format!("{:?}", Credentials::Bearer("sntrys_secret".into()));
        assert!(!shown.contains("secret"), "{shown}");
    }
}
