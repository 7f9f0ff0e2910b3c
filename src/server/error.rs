//! One error type for every handler, so handlers just use `?` and the status and JSON body are
//! decided in one place.
//!
//! Bodies follow Sentry (Django REST framework): field errors are `{field: [messages]}` (nested
//! for nested serializers), everything else `{detail: message}`. An error of the flow
//! ([`crate::error::Error`]) keeps its message and gets the status of its kind. A 500 answers only
//! `{"detail": "Internal error"}`; its real cause travels in a response extension to the request
//! log (`log.rs`) and is never shown to the client.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Map, Value, json};

use crate::error::{Error, ErrorKind};

/// An error answer: status, JSON body, and for a 500 the cause to log.
#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub body: Value,
    /// What went wrong inside, for the log only (500s).
    pub cause: Option<String>,
}

/// Carried by a 500 response from the handler to the request log.
#[derive(Debug, Clone)]
pub struct LoggedCause(pub String);

pub const NOT_FOUND: &str = "The requested resource does not exist";
pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
pub const NO_PERMISSION: &str = "You do not have permission to perform this action.";

impl ApiError {
    /// Any status with `{detail: message}`.
    pub fn detail(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            body: json!({ "detail": message.into() }),
            cause: None,
        }
    }

    /// 400 `{detail: message}`.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::detail(StatusCode::BAD_REQUEST, message)
    }

    /// 400 `{field: [message]}`.
    pub fn field(field: &str, message: impl Into<String>) -> ApiError {
        let mut errors = Map::new();
        errors.insert(field.to_string(), json!([message.into()]));
        ApiError::fields(errors)
    }

    /// 400 with a body of field errors already built (see `decode.rs`).
    pub fn fields(errors: Map<String, Value>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            body: Value::Object(errors),
            cause: None,
        }
    }

    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::detail(StatusCode::NOT_FOUND, message)
    }

    /// 404 with Sentry's own words.
    pub fn no_such_resource() -> ApiError {
        ApiError::not_found(NOT_FOUND)
    }

    pub fn unauthorized(message: impl Into<String>) -> ApiError {
        ApiError::detail(StatusCode::UNAUTHORIZED, message)
    }

    pub fn forbidden() -> ApiError {
        ApiError::detail(StatusCode::FORBIDDEN, NO_PERMISSION)
    }

    pub fn too_large(limit: usize) -> ApiError {
        ApiError::detail(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("Request body too large: the limit is {limit} bytes"),
        )
    }

    /// 500: the client sees "Internal error", the log sees `cause`.
    pub fn internal(cause: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            body: json!({ "detail": "Internal error" }),
            cause: Some(cause.into()),
        }
    }
}

impl From<Error> for ApiError {
    fn from(err: Error) -> ApiError {
        if !err.fields.is_empty() {
            // Field errors of the flow: Sentry's `{field: [messages]}`, 409 for a conflict
            // (a slug taken by a rename racing this one), 400 otherwise.
            let mut errors = Map::new();
            for (field, message) in err.fields {
                if let Value::Array(messages) = errors
                    .entry(field)
                    .or_insert_with(|| Value::Array(Vec::new()))
                {
                    messages.push(Value::String(message));
                }
            }
            let mut answer = ApiError::fields(errors);
            if err.kind == ErrorKind::Conflict {
                answer.status = StatusCode::CONFLICT;
            }
            return answer;
        }
        let message = err.to_string();
        match err.kind {
            ErrorKind::Usage => ApiError::bad_request(message),
            ErrorKind::NotFound => ApiError::not_found(message),
            ErrorKind::Conflict => ApiError::detail(StatusCode::CONFLICT, message),
            ErrorKind::Auth => ApiError::detail(StatusCode::FORBIDDEN, message),
            // A service the store depends on (the Redis of the snowflake sequence) is down:
            // retry later; the cause goes to the log only.
            ErrorKind::Network => ApiError {
                status: StatusCode::SERVICE_UNAVAILABLE,
                body: json!({ "detail": "A service relctl depends on is unavailable; retry later" }),
                cause: Some(message),
            },
            ErrorKind::Other => ApiError::internal(message),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = (self.status, Json(self.body)).into_response();
        if self.status == StatusCode::UNAUTHORIZED {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                HeaderValue::from_static("Bearer realm=\"api\""),
            );
        }
        if self.status == StatusCode::SERVICE_UNAVAILABLE {
            // Clients (relctl's, sentry-cli's) back off and retry on a 503; say how soon.
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
        }
        if let Some(cause) = self.cause {
            response.extensions_mut().insert(LoggedCause(cause));
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_become_sentrys_field_body() {
        let err = Error::invalid_fields(vec![
            ("slug".into(), "too long".into()),
            ("slug".into(), "invalid".into()),
            ("name".into(), "blank".into()),
        ]);
        let answer = ApiError::from(err);
        assert_eq!(answer.status, StatusCode::BAD_REQUEST);
        assert_eq!(
            answer.body,
            json!({"slug": ["too long", "invalid"], "name": ["blank"]})
        );
        let mut raced = Error::invalid_fields(vec![("slug".into(), "taken".into())]);
        raced.kind = ErrorKind::Conflict;
        let answer = ApiError::from(raced);
        assert_eq!(answer.status, StatusCode::CONFLICT);
        assert_eq!(answer.body, json!({"slug": ["taken"]}));
    }

    #[test]
    fn flow_errors_get_the_status_of_their_kind() {
        let table = [
            (Error::usage("bad"), StatusCode::BAD_REQUEST),
            (Error::not_found("gone"), StatusCode::NOT_FOUND),
            (Error::conflict("busy"), StatusCode::CONFLICT),
            (Error::new(ErrorKind::Auth, "no"), StatusCode::FORBIDDEN),
            (Error::other("boom"), StatusCode::INTERNAL_SERVER_ERROR),
            (
                Error::new(ErrorKind::Network, "redis down"),
                StatusCode::SERVICE_UNAVAILABLE,
            ),
        ];
        for (err, status) in table {
            assert_eq!(ApiError::from(err).status, status);
        }
    }

    #[test]
    fn internal_errors_hide_their_cause() {
        let err = ApiError::from(Error::other("store error: disk I/O at /secret/path"));
        assert_eq!(err.body, json!({"detail": "Internal error"}));
        let response = err.into_response();
        let cause = response.extensions().get::<LoggedCause>().unwrap();
        assert!(cause.0.contains("/secret/path"));
    }

    #[test]
    fn an_unavailable_dependency_is_a_503_with_retry_after_and_its_cause_in_the_log() {
        let err = ApiError::from(Error::new(
            ErrorKind::Network,
            "the snowflake sequence on Redis (redis://10.0.0.7:6379) is unavailable",
        ));
        assert!(!err.body.to_string().contains("10.0.0.7"));
        let response = err.into_response();
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[header::RETRY_AFTER], "1");
        let cause = response.extensions().get::<LoggedCause>().unwrap();
        assert!(cause.0.contains("10.0.0.7"));
    }
}
