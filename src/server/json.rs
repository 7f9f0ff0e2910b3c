//! The API's JSON: the model types of `crate::model` as Sentry's serializers shape them.
//!
//! Two differences from relctl's own `--format json`: ids are strings (Sentry sends every id as a
//! string, release ids included; the remote client reads both), and a few keys Sentry always
//! sends are added with their empty values (`newGroups`, `data`, ...) so that clients written
//! for Sentry find them. The model's own keys are all kept, so a relctl client can read answers
//! into the same types.

use serde::Serialize;
use serde_json::{Map, Value, json};

use super::error::ApiError;
use crate::model;

/// Serializes a model value with its ids as strings.
pub fn to_api<T: Serialize>(value: &T) -> Result<Value, ApiError> {
    let mut value = serde_json::to_value(value)
        .map_err(|err| ApiError::internal(format!("cannot serialize an answer: {err}")))?;
    stringify_ids(&mut value);
    Ok(value)
}

/// Turns every integer `id` into a string, except inside free-form `data` and `options`.
pub fn stringify_ids(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match key.as_str() {
                    "id" => {
                        if let Value::Number(n) = inner {
                            *inner = Value::String(n.to_string());
                        }
                    }
                    "data" | "options" => {}
                    _ => stringify_ids(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(stringify_ids),
        _ => {}
    }
}

fn object(value: Value) -> Map<String, Value> {
    match value {
        Value::Object(map) => map,
        _ => Map::new(),
    }
}

/// A release as Sentry's `ReleaseSerializer` answers it.
pub fn release(release: &model::Release) -> Result<Value, ApiError> {
    let mut map = object(to_api(release)?);
    for (key, empty) in [
        ("newGroups", json!(0)),
        ("data", json!({})),
        ("owner", Value::Null),
        ("firstEvent", Value::Null),
        ("lastEvent", Value::Null),
        ("currentProjectMeta", json!({})),
    ] {
        map.entry(key).or_insert(empty);
    }
    if let Some(Value::Array(projects)) = map.get_mut("projects") {
        for project in projects.iter_mut() {
            if let Value::Object(p) = project {
                p.entry("newGroups").or_insert(json!(0));
            }
        }
    }
    if let Some(Value::Array(commits)) = map.get_mut("commits") {
        let shaped: Vec<Value> = commits.iter().map(commit_value).collect();
        *commits = shaped;
    }
    Ok(Value::Object(map))
}

/// A commit as Sentry's commit serializer answers it (`dateCreated`, `author`), with the model's
/// keys kept.
pub fn commit(commit: &model::Commit) -> Result<Value, ApiError> {
    Ok(commit_value(&to_api(commit)?))
}

fn commit_value(commit: &Value) -> Value {
    let mut map = object(commit.clone());
    let date = map.get("timestamp").cloned().unwrap_or(Value::Null);
    map.entry("dateCreated").or_insert(date);
    let author = match (map.get("authorName"), map.get("authorEmail")) {
        (_, None | Some(Value::Null)) => Value::Null,
        (name, Some(email)) => json!({
            "name": name.cloned().unwrap_or(Value::Null),
            "email": email.clone(),
        }),
    };
    map.entry("author").or_insert(author);
    Value::Object(map)
}

/// The detailed organization: each option also as a top-level key, as Sentry sends them.
pub fn organization(details: &model::OrganizationDetails) -> Result<Value, ApiError> {
    let mut map = object(to_api(details)?);
    for (key, value) in &details.options {
        map.entry(key.clone()).or_insert(value.clone());
    }
    Ok(Value::Object(map))
}

/// Sentry's audit-log event name (`org.edit`) of an entry stored as `ORG_EDIT`.
pub fn audit_event_name(event: &str) -> String {
    if event.chars().any(|c| c.is_ascii_lowercase()) {
        return event.to_string();
    }
    let lower = event.to_ascii_lowercase();
    match lower.split_once('_') {
        Some((group, rest)) => format!("{group}.{}", rest.replace('_', "-")),
        None => lower,
    }
}

pub fn audit_entry(entry: &model::AuditEntry) -> Result<Value, ApiError> {
    let mut map = object(to_api(entry)?);
    map.insert(
        "event".to_string(),
        Value::String(audit_event_name(&entry.event)),
    );
    Ok(Value::Object(map))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_become_strings_but_not_inside_data() {
        let mut value = json!({
            "id": 5,
            "projects": [{"id": 7, "slug": "a"}],
            "lastCommit": {"id": "abc"},
            "data": {"id": 9},
        });
        stringify_ids(&mut value);
        assert_eq!(
            value,
            json!({
                "id": "5",
                "projects": [{"id": "7", "slug": "a"}],
                "lastCommit": {"id": "abc"},
                "data": {"id": 9},
            })
        );
    }

    #[test]
    fn audit_events_get_sentry_names() {
        assert_eq!(audit_event_name("ORG_EDIT"), "org.edit");
        assert_eq!(
            audit_event_name("ORG_CONSOLE_PLATFORM_EDIT"),
            "org.console-platform-edit"
        );
        assert_eq!(audit_event_name("org.edit"), "org.edit");
    }

    #[test]
    fn commits_get_sentry_keys() {
        let commit = model::Commit {
            id: "abc".into(),
            message: Some("m".into()),
            author_name: Some("A".into()),
            author_email: Some("a@x.io".into()),
            timestamp: "2024-01-01T00:00:00.000000Z".into(),
            repository: "o/r".into(),
            patch_set: vec![],
        };
        let value = super::commit(&commit).unwrap();
        assert_eq!(value["dateCreated"], "2024-01-01T00:00:00.000000Z");
        assert_eq!(value["author"], json!({"name": "A", "email": "a@x.io"}));
        assert_eq!(value["authorEmail"], "a@x.io");
    }
}
