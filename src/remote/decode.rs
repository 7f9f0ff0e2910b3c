//! Reads a server's JSON answers into relctl's model types, whichever server sent them.
//!
//! Releases, commits, deploys, projects, repositories, organizations and audit entries are read
//! into the API's typed structs (`crate::api`, the ones `relctl serve` answers with), which
//! take Sentry's variations too (a commit's `repository` as an object, keys Sentry leaves out),
//! then turned into model values. Issues differ more (an inbox with a numeric `reason` and
//! `date_added`, the resolution in `statusDetails`): their reader first brings the JSON to
//! relctl's shape, then deserializes the model type. Either way a missing key the model needs is
//! the only thing that fails, with a message naming what was being read.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::api;
use crate::backend::{EarlierHead, PreviousRelease};
use crate::error::{Error, Result};
use crate::flow::views::inbox_reason_name;
use crate::model;

fn parse<T: DeserializeOwned>(what: &str, value: Value) -> Result<T> {
    serde_json::from_value(value)
        .map_err(|err| Error::other(format!("cannot read the server's {what}: {err}")))
}

fn object(what: &str, value: Value) -> Result<Map<String, Value>> {
    match value {
        Value::Object(object) => Ok(object),
        other => Err(Error::other(format!(
            "cannot read the server's {what}: expected a JSON object, got {}",
            kind_of(&other)
        ))),
    }
}

fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

/// Sets `key` to `value` when it is missing or null.
fn default_key(object: &mut Map<String, Value>, key: &str, value: Value) {
    if object.get(key).is_none_or(Value::is_null) {
        object.insert(key.to_string(), value);
    }
}

/// Moves `from` to `to` when `to` is missing or null.
fn rename_key(object: &mut Map<String, Value>, from: &str, to: &str) {
    if object.get(to).is_none_or(Value::is_null)
        && let Some(value) = object.remove(from)
    {
        object.insert(to.to_string(), value);
    }
}

/// A repository as a name: Sentry nests `{id, name, ...}`, relctl sends the name.
fn repository_name(value: Option<&Value>) -> Value {
    match value {
        Some(Value::String(name)) => Value::String(name.clone()),
        Some(Value::Object(repo)) => repo.get("name").cloned().unwrap_or(Value::Null),
        _ => Value::Null,
    }
}

/// One commit of a release's commit list (relctl's `release info --commits` shape).
pub fn commit(value: Value) -> Result<model::Commit> {
    Ok(parse::<api::Commit>("commit", value)?.into_model())
}

/// A release, as `release info/list` shows it.
pub fn release(value: Value) -> Result<model::Release> {
    Ok(parse::<api::Release>("release", value)?.into_model())
}

/// The short ids a release PUT resolved, when the server says (a relctl extension key).
pub fn resolved_issues(value: &Value) -> Vec<String> {
    strings(value, "resolvedIssues")
}

/// relctl's `reboundReleases` in a release PUT's answer: the later releases that gave up the
/// commits this one now holds (`serve`; none from Sentry).
pub fn rebound_releases(value: &Value) -> Vec<String> {
    strings(value, "reboundReleases")
}

/// A list of strings under `key`; anything else is none.
fn strings(value: &Value, key: &str) -> Vec<String> {
    value
        .get(key)
        .and_then(Value::as_array)
        .map(|ids| {
            ids.iter()
                .filter_map(Value::as_str)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// relctl's `earlierHeads` extension of previous-with-commits (`serve` answers it):
/// `[{version, repository, commit}]`, newest release first. `None` when the server does not
/// know it (Sentry).
pub fn earlier_heads(value: &Value) -> Option<Vec<EarlierHead>> {
    let list = value.get("earlierHeads")?.as_array()?;
    Some(
        list.iter()
            .filter_map(|head| {
                Some(EarlierHead {
                    version: head.get("version")?.as_str()?.to_string(),
                    repository: head.get("repository")?.as_str()?.to_string(),
                    commit: head.get("commit")?.as_str()?.to_string(),
                })
            })
            .collect(),
    )
}

/// previous-with-commits: `{}` is no previous release. The heads are relctl's `headCommits`
/// extension (`[{repository, commit}]`) when present, else the last commit and its repository.
pub fn previous_release(value: Value) -> Result<Option<PreviousRelease>> {
    let object = match value {
        Value::Null => return Ok(None),
        other => object("previous release", other)?,
    };
    let Some(version) = object.get("version").and_then(Value::as_str) else {
        return Ok(None);
    };
    let mut heads = Vec::new();
    if let Some(Value::Array(list)) = object.get("headCommits") {
        for head in list {
            let repository = repository_name(head.get("repository"));
            let sha = head.get("commit").or_else(|| head.get("currentId"));
            if let (Some(repository), Some(sha)) =
                (repository.as_str(), sha.and_then(Value::as_str))
            {
                heads.push((repository.to_string(), sha.to_string()));
            }
        }
    }
    if heads.is_empty()
        && let Some(last) = object.get("lastCommit").filter(|v| v.is_object())
    {
        let repository = repository_name(last.get("repository"));
        if let (Some(repository), Some(sha)) =
            (repository.as_str(), last.get("id").and_then(Value::as_str))
        {
            heads.push((repository.to_string(), sha.to_string()));
        }
    }
    Ok(Some(PreviousRelease {
        version: version.to_string(),
        heads,
    }))
}

pub fn project(value: Value) -> Result<model::Project> {
    Ok(parse::<api::Project>("project", value)?.into_model())
}

pub fn deploy(value: Value) -> Result<model::Deploy> {
    Ok(parse::<api::Deploy>("deploy", value)?.into_model())
}

pub fn auth_info(value: Value) -> Result<model::AuthInfo> {
    parse("answer about the token", value)
}

pub fn repository(value: Value) -> Result<model::Repository> {
    Ok(parse::<api::Repository>("repository", value)?.into_model())
}

/// An audit-log entry, its event named as the audit log stores it (`ORG_EDIT`) whichever the
/// target (Sentry's API says `org.edit`).
pub fn audit_entry(value: Value) -> Result<model::AuditEntry> {
    Ok(parse::<api::AuditEntry>("audit entry", value)?.into_model())
}

/// One organization of `GET /organizations/` (Sentry's summary; its other keys are not read).
pub fn organization_summary(value: Value) -> Result<model::Organization> {
    parse("organization", value)
}

/// An organization with every option: relctl nests them under `options`, Sentry has them as
/// top-level keys (those of ORG_OPTIONS are taken).
pub fn organization(value: Value) -> Result<model::OrganizationDetails> {
    Ok(parse::<api::Organization>("organization", value)?.into_model())
}

fn normalize_issue(value: Value) -> Result<Map<String, Value>> {
    let mut issue = object("issue", value)?;
    let inbox = match issue.remove("inbox") {
        Some(Value::Object(mut inbox)) => {
            if let Some(reason) = inbox.get("reason").and_then(Value::as_i64) {
                inbox.insert("reason".into(), inbox_reason_name(reason).into());
            }
            rename_key(&mut inbox, "date_added", "dateAdded");
            default_key(&mut inbox, "dateAdded", Value::String(String::new()));
            Value::Object(inbox)
        }
        _ => Value::Null,
    };
    issue.insert("inbox".into(), inbox);
    if issue.get("resolution").is_none_or(Value::is_null) {
        let in_release = issue
            .get("statusDetails")
            .and_then(|details| details.get("inRelease"))
            .and_then(Value::as_str)
            .filter(|_| issue.get("status").and_then(Value::as_str) == Some("resolved"));
        let resolution = in_release.map_or(
            Value::Null,
            |version| serde_json::json!({ "type": "in_release", "release": version }),
        );
        issue.insert("resolution".into(), resolution);
    }
    default_key(&mut issue, "firstSeen", Value::String(String::new()));
    Ok(issue)
}

pub fn issue(value: Value) -> Result<model::Issue> {
    parse("issue", Value::Object(normalize_issue(value)?))
}

/// `issue show`: the issue with its activity and history, when the server sends them.
pub fn issue_details(value: Value) -> Result<model::IssueDetails> {
    let mut issue = normalize_issue(value)?;
    for key in ["activity", "history"] {
        let events: Vec<Value> = match issue.remove(key) {
            Some(Value::Array(events)) => events
                .into_iter()
                .filter(|event| event.get("type").is_some_and(Value::is_string))
                .map(|mut event| {
                    if let Some(object) = event.as_object_mut() {
                        default_key(object, "dateCreated", Value::String(String::new()));
                    }
                    event
                })
                .collect(),
            _ => Vec::new(),
        };
        issue.insert(key.into(), Value::Array(events));
    }
    parse("issue", Value::Object(issue))
}

/// The group of a short-id lookup (`{shortId, groupId, group: {...}}`).
pub fn short_id_group(value: Value) -> Result<Value> {
    let mut lookup = object("short id lookup", value)?;
    match lookup.remove("group") {
        Some(group @ Value::Object(_)) => Ok(group),
        _ => Err(Error::other(
            "cannot read the server's short id lookup: no group in it",
        )),
    }
}

/// Every item of a list, read with `read`.
pub fn all<T>(items: Vec<Value>, read: impl Fn(Value) -> Result<T>) -> Result<Vec<T>> {
    items.into_iter().map(read).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sentry_release_reads() {
        let release = release(json!({
            "id": 7, "version": "1.0", "status": "open", "shortVersion": "1.0",
            "ref": null, "url": null, "dateCreated": "2024-01-01T00:00:00Z",
            "dateReleased": null, "commitCount": 2, "deployCount": 0, "lastDeploy": null,
            "lastCommit": {"id": "abc", "message": "m", "dateCreated": "2024-01-01T00:00:00Z",
                "repository": {"id": "3", "name": "acme/app"},
                "author": {"id": "1", "name": "Jo", "email": "jo@x.io", "username": "jo"}},
            "authors": [{"name": "Jo", "email": "jo@x.io"}, {"name": "nobody"}],
            "projects": [{"id": 5, "slug": "app", "name": "App", "newGroups": 0}]
        }))
        .unwrap();
        let last = release.last_commit.unwrap();
        assert_eq!(last.repository, "acme/app");
        assert_eq!(last.author.unwrap().email, "jo@x.io");
        assert_eq!(release.authors.len(), 1);
    }

    #[test]
    fn previous_release_heads() {
        assert_eq!(previous_release(json!({})).unwrap(), None);
        let previous = previous_release(json!({
            "version": "0.9",
            "lastCommit": {"id": "abc", "repository": {"name": "acme/app"}},
            "headCommits": [{"repository": "acme/app", "commit": "def"},
                            {"repository": "acme/lib", "commit": "123"}]
        }))
        .unwrap()
        .unwrap();
        assert_eq!(previous.head_in("acme/app"), Some("def"));
        assert_eq!(previous.head_in("acme/lib"), Some("123"));
        let sentry = previous_release(json!({
            "version": "0.9",
            "lastCommit": {"id": "abc", "repository": {"name": "acme/app"}}
        }))
        .unwrap()
        .unwrap();
        assert_eq!(sentry.head_in("acme/app"), Some("abc"));
    }

    #[test]
    fn a_sentry_issue_reads() {
        let issue = issue(json!({
            "id": "42", "shortId": "APP-1", "title": "boom", "status": "resolved",
            "statusDetails": {"inRelease": "1.0"}, "project": {"id": "5", "slug": "app"},
            "firstSeen": "2024-01-01T00:00:00Z",
            "inbox": {"reason": 0, "reason_details": null, "date_added": "2024-01-02T00:00:00Z"}
        }))
        .unwrap();
        assert_eq!(issue.id, 42);
        assert_eq!(issue.inbox.unwrap().reason, "new");
        assert_eq!(issue.resolution.unwrap().release, "1.0");
    }

    #[test]
    fn sentry_organization_options_are_top_level() {
        let org = organization(json!({
            "id": "1", "slug": "acme", "name": "Acme", "dateCreated": "2024-01-01T00:00:00Z",
            "dataScrubber": true, "somethingElse": 1
        }))
        .unwrap();
        assert_eq!(org.options.get("dataScrubber"), Some(&json!(true)));
        assert!(!org.options.contains_key("somethingElse"));
    }
}
