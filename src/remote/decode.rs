//! Reads a server's JSON answers into relctl's model types, whichever server sent them.
//!
//! `relctl serve` answers in relctl's own shapes (with string ids, like Sentry); Sentry itself
//! differs in places: a commit's `repository` is an object, a release's commits come without
//! file changes, an issue's inbox has a numeric `reason` and `date_added`, its resolution sits
//! in `statusDetails`, organization options are top-level keys. Each reader here first brings
//! the JSON to relctl's shape, then deserializes the model type, so a missing key the model
//! needs is the only thing that fails, with a message naming what was being read.

use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

use crate::backend::{EarlierHead, PreviousRelease};
use crate::domain::org_options;
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

/// An author `{name, email}`, or None when there is no email (Sentry may send a user).
fn author(value: &Value) -> Option<Value> {
    let object = value.as_object()?;
    let email = object.get("email")?.as_str()?;
    Some(serde_json::json!({
        "name": object.get("name").and_then(Value::as_str),
        "email": email,
    }))
}

fn commit_summary(value: Value) -> Value {
    let Value::Object(mut commit) = value else {
        return Value::Null;
    };
    let repository = repository_name(commit.get("repository"));
    commit.insert(
        "repository".into(),
        if repository.is_null() {
            Value::String(String::new())
        } else {
            repository
        },
    );
    default_key(&mut commit, "dateCreated", Value::String(String::new()));
    let author = commit.get("author").and_then(author);
    commit.insert("author".into(), author.unwrap_or(Value::Null));
    Value::Object(commit)
}

/// One commit of a release's commit list (relctl's `release info --commits` shape).
pub fn commit(value: Value) -> Result<model::Commit> {
    let mut commit = object("commit", value)?;
    let repository = repository_name(commit.get("repository"));
    commit.insert(
        "repository".into(),
        if repository.is_null() {
            Value::String(String::new())
        } else {
            repository
        },
    );
    if let Some(author) = commit.get("author").and_then(author) {
        default_key(&mut commit, "authorName", author["name"].clone());
        default_key(&mut commit, "authorEmail", author["email"].clone());
    }
    rename_key(&mut commit, "dateCreated", "timestamp");
    default_key(&mut commit, "timestamp", Value::String(String::new()));
    rename_key(&mut commit, "patch_set", "patchSet");
    default_key(&mut commit, "patchSet", Value::Array(Vec::new()));
    parse("commit", Value::Object(commit))
}

/// A release, as `release info/list` shows it.
pub fn release(value: Value) -> Result<model::Release> {
    let mut release = object("release", value)?;
    if let Some(version) = release.get("version").cloned() {
        default_key(&mut release, "shortVersion", version);
    }
    default_key(&mut release, "status", Value::String("open".into()));
    for key in ["commitCount", "deployCount"] {
        default_key(&mut release, key, Value::from(0));
    }
    for key in ["ref", "url", "dateReleased", "lastDeploy"] {
        default_key(&mut release, key, Value::Null);
    }
    let last_commit = release
        .remove("lastCommit")
        .map_or(Value::Null, commit_summary);
    release.insert("lastCommit".into(), last_commit);
    let authors: Vec<Value> = match release.remove("authors") {
        Some(Value::Array(authors)) => authors.iter().filter_map(author).collect(),
        _ => Vec::new(),
    };
    release.insert("authors".into(), Value::Array(authors));
    default_key(&mut release, "projects", Value::Array(Vec::new()));
    release.remove("commits");
    parse("release", Value::Object(release))
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
    let mut project = object("project", value)?;
    default_key(&mut project, "platform", Value::Null);
    parse("project", Value::Object(project))
}

pub fn deploy(value: Value) -> Result<model::Deploy> {
    let mut deploy = object("deploy", value)?;
    for key in ["name", "url", "dateStarted"] {
        default_key(&mut deploy, key, Value::Null);
    }
    parse("deploy", Value::Object(deploy))
}

pub fn auth_info(value: Value) -> Result<model::AuthInfo> {
    parse("answer about the token", value)
}

pub fn repository(value: Value) -> Result<model::Repository> {
    parse("repository", value)
}

pub fn audit_entry(value: Value) -> Result<model::AuditEntry> {
    let mut entry = object("audit entry", value)?;
    default_key(&mut entry, "data", Value::Object(Map::new()));
    // Sentry's API names events `org.edit`; relctl shows the audit log's own `ORG_EDIT`
    // whichever the target.
    if let Some(Value::String(event)) = entry.get_mut("event") {
        *event = event.replace('.', "_").to_ascii_uppercase();
    }
    parse("audit entry", Value::Object(entry))
}

/// One organization of `GET /organizations/` (Sentry's summary; its other keys are not read).
pub fn organization_summary(value: Value) -> Result<model::Organization> {
    parse("organization", value)
}

/// An organization with every option: relctl nests them under `options`, Sentry has them as
/// top-level keys (those of ORG_OPTIONS are taken).
pub fn organization(value: Value) -> Result<model::OrganizationDetails> {
    let mut org = object("organization", value)?;
    if !org.get("options").is_some_and(Value::is_object) {
        let options: Map<String, Value> = org_options::ORG_OPTIONS
            .iter()
            .filter_map(|option| Some((option.field.to_string(), org.get(option.field)?.clone())))
            .collect();
        org.insert("options".into(), Value::Object(options));
    }
    parse("organization", Value::Object(org))
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
