//! Who is asking, and whether they may: the `Authorization: Bearer` extractor and the scopes each
//! handler names.
//!
//! Authentication comes first. The [`Credentials`] extractor reads the header and looks the token
//! up (a store read, in a blocking task, so it never blocks the async runtime), and refuses a
//! request without a valid token with a 401 at once. Handlers take it before anything else of the
//! request, the body last (axum runs extractors in argument order), so an anonymous client can
//! never make the server read, buffer or parse a body. `GET /api/0/` is the one endpoint anyone
//! may call: it takes `Option<Credentials>`, which is `None` without a header (a token that is
//! given must still be valid).
//!
//! A token acts in one organization (the one it was created in) unless it was made for all of
//! them, or before tokens were bound: a request whose path names another organization (`{org}`)
//! is answered 404, exactly as if that organization did not exist, before any scope is looked at.
//!
//! The scopes are checked in [`Api::run`](super::state::Api::run): the sets are Sentry's
//! permission classes, each listing the scopes any one of which lets a token in, so a token with
//! `project:releases` can create releases and one with only `project:read` cannot. The secret is
//! never logged nor shown by `Debug`.

use std::fmt;

use axum::extract::{FromRequestParts, OptionalFromRequestParts, RawPathParams};
use axum::http::header;
use axum::http::request::Parts;

use super::error::{ApiError, NO_CREDENTIALS};
use super::state::Api;
use crate::model::Token;

/// The caller's token, looked up and valid.
pub struct Credentials(pub Token);

impl FromRequestParts<Api> for Credentials {
    type Rejection = ApiError;

    /// 401 without a valid token; 404 for an organization the token may not act in.
    async fn from_request_parts(parts: &mut Parts, api: &Api) -> Result<Self, Self::Rejection> {
        match authenticate(parts, api).await? {
            Some(credentials) => Ok(credentials),
            None => Err(ApiError::unauthorized(NO_CREDENTIALS)),
        }
    }
}

impl OptionalFromRequestParts<Api> for Credentials {
    type Rejection = ApiError;

    /// `None` without an `Authorization: Bearer` header; 401 with a bad one.
    async fn from_request_parts(
        parts: &mut Parts,
        api: &Api,
    ) -> Result<Option<Self>, Self::Rejection> {
        authenticate(parts, api).await
    }
}

/// Reads the header and looks the token up in a blocking task; a token bound to another
/// organization than the path's `{org}` is answered as if that organization did not exist.
pub(super) async fn authenticate(
    parts: &mut Parts,
    api: &Api,
) -> Result<Option<Credentials>, ApiError> {
    let header = match parts.headers.get(header::AUTHORIZATION) {
        None => Header::Anonymous,
        Some(value) => match value.to_str() {
            Ok(text) => parse_authorization(text),
            Err(_) => Header::Malformed("Invalid token header."),
        },
    };
    let secret = match header {
        Header::Anonymous => return Ok(None),
        Header::Malformed(why) => return Err(ApiError::unauthorized(why)),
        Header::Bearer(secret) => secret,
    };
    let token = api
        .blocking(move |api| Ok((api.authenticate)(&secret)?))
        .await?;
    let Some(token) = token else {
        return Err(ApiError::unauthorized("Invalid token"));
    };
    if let Ok(params) = RawPathParams::from_request_parts(parts, api).await
        && let Some((_, org)) = params.iter().find(|(name, _)| *name == "org")
        && !crate::flow::tokens::may_act_in(&token, org)
    {
        return Err(crate::flow::no_such_organization(org).into());
    }
    Ok(Some(Credentials(token)))
}

/// What the request's `Authorization` header holds.
enum Header {
    /// No header, or a scheme other than Bearer.
    Anonymous,
    Bearer(String),
    /// A Bearer header that is not `Bearer <token>`; the message says why.
    Malformed(&'static str),
}

impl fmt::Debug for Header {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Header::Anonymous => f.write_str("Anonymous"),
            Header::Bearer(_) => f.write_str("Bearer(<redacted>)"),
            Header::Malformed(why) => write!(f, "Malformed({why})"),
        }
    }
}

/// DRF's `TokenAuthentication` reading of the header.
fn parse_authorization(text: &str) -> Header {
    let mut words = text.split_whitespace();
    match words.next() {
        Some(scheme) if scheme.eq_ignore_ascii_case("bearer") => {}
        _ => return Header::Anonymous,
    }
    match (words.next(), words.next()) {
        (None, _) => Header::Malformed("Invalid token header. No credentials provided."),
        (Some(_), Some(_)) => {
            Header::Malformed("Invalid token header. Token string should not contain spaces.")
        }
        (Some(token), None) => Header::Bearer(token.to_string()),
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

/// Checks the caller's token against `need`: 401 without a token (when `need` names scopes),
/// 403 without the scope.
pub fn authorize(
    has_scope: fn(&Token, &str) -> bool,
    token: Option<Token>,
    need: Need,
) -> Result<Option<Token>, ApiError> {
    if need.0.is_empty() {
        return Ok(token);
    }
    let Some(token) = token else {
        return Err(ApiError::unauthorized(NO_CREDENTIALS));
    };
    if need.0.iter().any(|scope| has_scope(&token, scope)) {
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
        assert!(matches!(parse_authorization("Bearer abc"), Header::Bearer(t) if t == "abc"));
        assert!(matches!(parse_authorization("bearer  abc "), Header::Bearer(t) if t == "abc"));
        assert!(matches!(
            parse_authorization("Basic Zm9v"),
            Header::Anonymous
        ));
        assert!(matches!(
            parse_authorization("Bearer"),
            Header::Malformed(_)
        ));
        assert!(matches!(
            parse_authorization("Bearer a b"),
            Header::Malformed(_)
        ));
    }

    #[test]
    fn debug_never_shows_the_secret() {
        let shown = format!("{:?}", Header::Bearer("sntrys_secret".into()));
        assert!(!shown.contains("secret"), "{shown}");
    }
}
