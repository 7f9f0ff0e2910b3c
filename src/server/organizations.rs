//! The API root and the organization endpoints: details, option changes (server-flow.md
//! section 6) and the audit log.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use super::auth::{ANYONE, Credentials, ORG_AUDIT, ORG_READ, ORG_WRITE};
use super::decode::Body;
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::state::Api;
use crate::api::organization_summary::OrganizationSummary;
use crate::api::{
    self,
    organization::AuditLog,
    root::{Auth, Root},
};
use crate::backend::{AuditQuery, OptionInput, UpdateOrganization};
use crate::domain::org_options::{OptionKind, OrgOption, find_option};

/// The audit-log event names relctl writes, as Sentry lists them under `options`.
const AUDIT_EVENTS: &[&str] = &["org.edit"];

/// `GET /api/0/`: anyone may ask; with a token, its scopes.
pub async fn index(
    State(api): State<Api>,
    credentials: Option<Credentials>,
) -> Result<Response, ApiError> {
    api.run(credentials, ANYONE, move |ctx| {
        Ok(Json(Root {
            version: "0".to_string(),
            auth: ctx.token.as_ref().map(|token| Auth {
                scopes: token.scopes.clone(),
            }),
            user: None,
        })
        .into_response())
    })
    .await
}

/// `GET /api/0/organizations/`: the organizations the token may act in, paged (what
/// `sentry-cli organizations list` reads).
pub async fn list(
    State(api): State<Api>,
    credentials: Credentials,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, ORG_READ, move |ctx| {
        let window = pagination::window(&query)?;
        let visible: Vec<_> = ctx
            .backend()
            .organizations()?
            .into_iter()
            .filter(|org| {
                ctx.token
                    .as_ref()
                    .is_some_and(|token| crate::flow::tokens::may_act_in(token, &org.slug))
            })
            .collect();
        pagination::respond_page(&query, &window, visible, |org| {
            super::issues::to_json(&OrganizationSummary::new(org))
        })
    })
    .await
}

/// `GET /api/0/organizations/{org}/`
pub async fn get(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
) -> Result<Response, ApiError> {
    api.run(credentials, ORG_READ, move |ctx| {
        let details = ctx.backend().organization(&org)?;
        Ok(Json(api::Organization::from_model(&details)).into_response())
    })
    .await
}

/// `PUT /api/0/organizations/{org}/`: options by API field name, `name` and `slug`, in one
/// change; unknown fields are ignored; `{}` changes nothing. The JSON types are checked here;
/// Sentry's rules (empty entries, PII selectors, bounds, slugs taken or reserved) are the
/// flow's, whose field errors come back as the same `{field: [messages]}` 400.
pub async fn put(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, ORG_WRITE, move |ctx| {
        let current = ctx.backend().organization(&org)?;
        let obj = body.object()?;
        let mut errors = serde_json::Map::new();
        let mut req = UpdateOrganization {
            org,
            ..UpdateOrganization::default()
        };
        for (field, value) in obj {
            if field == "name" || field == "slug" {
                match text_field(&value) {
                    Ok(text) if field == "name" => req.name = Some(text),
                    Ok(text) => req.slug = Some(text),
                    Err(message) => {
                        errors.insert(field, json!([message]));
                    }
                }
                continue;
            }
            let Some(option) = find_option(&field) else {
                continue;
            };
            match option_error(option, &value) {
                Some(message) => {
                    errors.insert(field, json!([message]));
                }
                None => req.options.push((field, OptionInput::Json(value))),
            }
        }
        if !errors.is_empty() {
            return Err(ApiError::fields(errors));
        }
        if req.options.is_empty() && req.name.is_none() && req.slug.is_none() {
            return Ok(Json(api::Organization::from_model(&current)).into_response());
        }
        let updated = ctx.backend().update_organization(&req)?;
        Ok(Json(api::Organization::from_model(&updated.organization)).into_response())
    })
    .await
}

/// A `CharField` value: text, or a number as its text (as Django REST framework takes it).
fn text_field(value: &Value) -> Result<String, String> {
    match value {
        Value::String(text) => Ok(text.clone()),
        Value::Number(number) => Ok(number.to_string()),
        Value::Null => Err("This field may not be null.".to_string()),
        _ => Err("Not a valid string.".to_string()),
    }
}

/// Why `value` cannot be the option's value, in the field's own 400 (the backend checks again).
fn option_error(option: &OrgOption, value: &Value) -> Option<String> {
    match (option.kind, value) {
        (OptionKind::List, Value::Array(items)) if items.iter().all(Value::is_string) => {}
        (OptionKind::List, Value::Array(_)) => return Some("Not a valid string.".to_string()),
        (OptionKind::List, Value::Null) => {}
        (OptionKind::List, other) => {
            return Some(format!(
                "Expected a list of items but received type \"{}\".",
                super::decode::type_name(other)
            ));
        }
        (_, Value::Array(_) | Value::Object(_)) => {
            return Some(format!("Expected {}.", option.kind.expected()));
        }
        _ => {}
    }
    let text = match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    option.parse(&text).err()
}

/// `GET /api/0/organizations/{org}/audit-logs/`: `{rows, options}`, newest first; `?event=`.
pub async fn audit_logs(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, ORG_AUDIT, move |ctx| {
        let window = pagination::window(&query)?;
        let event = query
            .first("event")
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(str::to_string);
        let wanted = window.offset.saturating_add(window.fetch());
        let entries = ctx.backend().audit_log(&AuditQuery {
            org,
            limit: u32::try_from(wanted).unwrap_or(u32::MAX),
            event,
        })?;
        let (page, more) = pagination::slice(entries, &window);
        let log = AuditLog {
            rows: page.iter().map(api::AuditEntry::from_model).collect(),
            options: AUDIT_EVENTS.iter().map(|e| e.to_string()).collect(),
        };
        let mut response = Json(log).into_response();
        if let Ok(link) = HeaderValue::from_str(&pagination::link(&query, &window, more)) {
            response.headers_mut().insert(header::LINK, link);
        }
        Ok(response)
    })
    .await
}
