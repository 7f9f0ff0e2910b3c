//! What a server's answer means beyond its body: the error an unsuccessful status stands for
//! (with the server's own explanation), when to come back (`Retry-After`), and where the next
//! page is (Sentry's `Link` header). Pure functions, so each rule is tested on its own.

use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::Value;

use super::calls::HttpCall;
use crate::error::{Error, ErrorKind};

/// A `Retry-After` value: delay seconds, or an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`).
pub fn parse_retry_after(value: &str, now: DateTime<Utc>) -> Option<Duration> {
    let value = value.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = DateTime::parse_from_rfc2822(value).ok()?;
    Some(
        date.with_timezone(&Utc)
            .signed_duration_since(now)
            .to_std()
            .unwrap_or(Duration::ZERO),
    )
}

/// The cursor of the next page in a Sentry `Link` header, when it says there are results:
/// `<https://x/api/0/...&cursor=0:100:0>; rel="next"; results="true"; cursor="0:100:0"`.
/// A link without `results` is followed; one without a `cursor` parameter gives the URL's.
pub fn next_cursor(link: &str) -> Option<String> {
    for entry in split_link_entries(link) {
        let Some((url, params)) = entry
            .trim()
            .strip_prefix('<')
            .and_then(|rest| rest.split_once('>'))
        else {
            continue;
        };
        let mut rel = None;
        let mut results = None;
        let mut cursor = None;
        for param in params.split(';') {
            let Some((key, value)) = param.split_once('=') else {
                continue;
            };
            let value = value.trim().trim_matches('"').to_string();
            match key.trim() {
                "rel" => rel = Some(value),
                "results" => results = Some(value),
                "cursor" => cursor = Some(value),
                _ => {}
            }
        }
        if rel.as_deref() != Some("next") || results.as_deref() == Some("false") {
            continue;
        }
        return cursor.or_else(|| query_value(url, "cursor"));
    }
    None
}

/// Splits a `Link` header at the commas between entries (not those inside `<...>` or quotes).
fn split_link_entries(link: &str) -> Vec<&str> {
    let mut entries = Vec::new();
    let (mut in_url, mut in_quotes, mut start) = (false, false, 0);
    for (i, c) in link.char_indices() {
        match c {
            '<' if !in_quotes => in_url = true,
            '>' if !in_quotes => in_url = false,
            '"' if !in_url => in_quotes = !in_quotes,
            ',' if !in_url && !in_quotes => {
                entries.push(&link[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    entries.push(&link[start..]);
    entries
}

/// The (still encoded) value of `key` in a URL's query, decoded for `%3A`-style escapes.
fn query_value(url: &str, key: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    form_urlencoded::parse(query.as_bytes())
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.into_owned())
}

/// The error of a non-2xx answer: its kind by status, its message with the server's detail.
pub fn status_error(call: &HttpCall, status: u16, location: Option<&str>, text: &str) -> Error {
    let body: Option<Value> = serde_json::from_str(text).ok();
    let detail = match &body {
        Some(value) => detail(value),
        None => truncate(&one_line(text), 300),
    };
    let on = format!("{} {}", call.method, call.path);
    let (kind, what) = match status {
        400 => (ErrorKind::Usage, "the server refused the request"),
        401 => (ErrorKind::Auth, "authentication refused"),
        403 => (ErrorKind::Auth, "permission refused"),
        404 => (ErrorKind::NotFound, "not found"),
        409 => (ErrorKind::Conflict, "conflict"),
        413 => (ErrorKind::Usage, "the request is too large for the server"),
        429 => (ErrorKind::Network, "rate limited by the server"),
        500..=599 => (ErrorKind::Network, "server error"),
        300..=399 => (ErrorKind::Other, "the server redirected the request"),
        _ => (ErrorKind::Other, "unexpected answer"),
    };
    let (kind, what) = match local_meaning(status, body.as_ref()) {
        Some(ErrorKind::NotFound) => (ErrorKind::NotFound, "not found"),
        Some(local) => (local, "invalid input"),
        None => (kind, what),
    };
    let mut message = format!("{what} ({} on {on})", status);
    if let (300..=399, Some(location)) = (status, location) {
        message.push_str(&format!(" to {location}"));
    }
    if !detail.is_empty() {
        message.push_str(": ");
        message.push_str(&detail);
    }
    let error = Error::new(kind, message);
    match status {
        401 => error.with_hint(
            "make a token where the server's store is: relctl token create --scopes \
             project:releases,org:read (on Sentry: Settings > Auth Tokens), then set \
             RELCTL_AUTH_TOKEN or SENTRY_AUTH_TOKEN to it",
        ),
        403 => error.with_hint(
            "the token lacks a scope this needs: relctl token list shows its scopes; make one \
             with the scope named above",
        ),
        409 if text.contains("currently being processed") => error.with_hint(
            "another set-commits on this release is still running (Sentry's release-commit \
             lock); retry once it is done",
        ),
        429 | 500..=599 => error.with_hint("retry in a moment"),
        _ if kind == ErrorKind::NotFound && detail.contains("nvalid project") => {
            error.with_hint("relctl project list shows the projects")
        }
        _ => error,
    }
}

/// Answers whose body says which local failure they are, with the exit code the same command
/// has on the local store (cli.md: the same command, the same exit code, wherever it runs):
/// unknown projects are Sentry's 400s but "not found" (3) here, a taken project slug Sentry's
/// 409 but invalid input (2).
const LOCAL_MEANINGS: [(u16, &str, ErrorKind); 3] = [
    // `{"projects": ["Invalid project ids or slugs"]}` (release POST, deploy POST).
    (400, "Invalid project ids or slugs", ErrorKind::NotFound),
    // `{"detail": {"code": "parameter-validation-error", "message": "Invalid projects (x) for
    // release 1.0"}}` (deploy POST naming projects the release does not have).
    (400, "Invalid projects (", ErrorKind::NotFound),
    // `{"detail": "A project with this slug already exists."}` (team projects POST).
    (
        409,
        "A project with this slug already exists",
        ErrorKind::Usage,
    ),
];

fn local_meaning(status: u16, body: Option<&Value>) -> Option<ErrorKind> {
    let text = detail(body?);
    LOCAL_MEANINGS
        .iter()
        .find(|(code, phrase, _)| *code == status && text.contains(phrase))
        .map(|(_, _, kind)| *kind)
}

/// The server's explanation in a JSON error body: `detail` (text, or `{message}`), `error`, or
/// DRF field errors flattened to `field.sub: message; ...`.
pub fn detail(body: &Value) -> String {
    if let Value::Object(object) = body {
        match object.get("detail") {
            Some(Value::String(text)) => return truncate(&one_line(text), 1000),
            Some(Value::Object(inner)) => {
                if let Some(Value::String(text)) = inner.get("message") {
                    return truncate(&one_line(text), 1000);
                }
            }
            _ => {}
        }
        if let Some(Value::String(text)) = object.get("error") {
            return truncate(&one_line(text), 1000);
        }
    }
    let mut parts = Vec::new();
    flatten_errors(body, "", &mut parts);
    truncate(&one_line(&parts.join("; ")), 1000)
}

/// Collects `path: message` for every message in a DRF error tree. Lists of objects (one per
/// item of a list field) are indexed: `commits[3].id: This field is required.`.
fn flatten_errors(value: &Value, path: &str, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(if path.is_empty() {
            text.clone()
        } else {
            format!("{path}: {text}")
        }),
        Value::Array(items) => {
            let nested = items.iter().any(|item| item.is_object());
            for (i, item) in items.iter().enumerate() {
                let item_path = if nested {
                    format!("{path}[{i}]")
                } else {
                    path.to_string()
                };
                flatten_errors(item, &item_path, out);
            }
        }
        Value::Object(object) => {
            for (key, inner) in object {
                let inner_path = match (path.is_empty(), key.as_str()) {
                    (_, "non_field_errors") => path.to_string(),
                    (true, _) => key.clone(),
                    (false, _) => format!("{path}.{key}"),
                };
                flatten_errors(inner, &inner_path, out);
            }
        }
        Value::Null => {}
        other => out.push(if path.is_empty() {
            other.to_string()
        } else {
            format!("{path}: {other}")
        }),
    }
}

pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use serde_json::json;

    #[test]
    fn link_headers_give_the_next_cursor() {
        let link = r#"<https://s.io/api/0/x/?&cursor=100:-1:1>; rel="previous"; results="false"; cursor="100:-1:1", <https://s.io/api/0/x/?&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0""#;
        assert_eq!(next_cursor(link).as_deref(), Some("100:1:0"));
        let done = r#"<https://s.io/x/?cursor=a>; rel="next"; results="false"; cursor="a""#;
        assert_eq!(next_cursor(done), None);
        let bare = "<https://s.io/x/?a=1&cursor=0%3A50%3A0>; rel=\"next\"";
        assert_eq!(next_cursor(bare).as_deref(), Some("0:50:0"));
        assert_eq!(next_cursor(""), None);
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = Utc.with_ymd_and_hms(2015, 10, 21, 7, 28, 0).unwrap();
        assert_eq!(parse_retry_after("3", now), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:10 GMT", now),
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:27:00 GMT", now),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("soon", now), None);
    }

    #[test]
    fn field_errors_flatten_to_one_line() {
        let body = json!({"commits": {"patch_set": {"type": ["Commit patch_set type Z is not supported."]}}});
        assert_eq!(
            detail(&body),
            "commits.patch_set.type: Commit patch_set type Z is not supported."
        );
        let list = json!({"commits": [{}, {"id": ["This field is required."]}]});
        assert_eq!(detail(&list), "commits[1].id: This field is required.");
        let nested = json!({"detail": {"code": "parameter-validation-error", "message": "Invalid projects"}});
        assert_eq!(detail(&nested), "Invalid projects");
    }
}
