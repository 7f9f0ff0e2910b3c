//! The requests a writing command sends, as plain values: method, path and JSON body.
//!
//! Each function here turns one backend request into the HTTP calls the remote backend sends
//! for it, in order. They are pure (no token, no server), so `--dry-run` prints exactly what a
//! real run would send: [`super::RemoteBackend`] builds its writes with these same functions.
//! Reads the backend makes along the way (a release's state before an archive, the project a
//! delete returns) are not listed; the one read a write cannot do without, the short-id lookup
//! of `issue review`, is listed with a placeholder for the id it finds.
//!
//! Paths are absolute on the server (`/api/0/...`), every segment percent-encoded: a version
//! may hold spaces, `+` or `@`, never `/`. Bodies follow Sentry's serializers
//! (server-flow.md 1.1) and leave out what the request does not set.

use std::fmt;

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::backend::{
    CommitsChange, CreateDeploy, CreateProject, CreateRelease, IssueSelection, OptionInput,
    ReleaseStatus, UpdateIssues, UpdateOrganization, UpdateProject, UpdateRelease,
};
use crate::domain::org_options;
use crate::error::{Error, Result};
use crate::flow::commits::{CommitInput, HeadCommit, Sent};
use crate::flow::issues::StatusChange;

/// The root of Sentry's REST API on a server.
pub const API_ROOT: &str = "/api/0";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum Method {
    Get,
    Post,
    Put,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Put => "PUT",
            Method::Delete => "DELETE",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One HTTP request: serialized as `{method, path, body}` for `--dry-run`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct HttpCall {
    pub method: Method,
    /// From the server's root, query included: `/api/0/organizations/acme/releases/`.
    pub path: String,
    pub body: Option<Value>,
    /// Whether sending it twice does no harm, so it may be retried after it may have reached
    /// the server (GET, PUT, DELETE, and the release POST, which answers 208 the second time).
    #[serde(skip)]
    pub idempotent: bool,
}

impl HttpCall {
    pub fn get(path: String) -> HttpCall {
        HttpCall {
            method: Method::Get,
            path,
            body: None,
            idempotent: true,
        }
    }
    pub fn put(path: String, body: Value) -> HttpCall {
        HttpCall {
            method: Method::Put,
            path,
            body: Some(body),
            idempotent: true,
        }
    }
    pub fn delete(path: String) -> HttpCall {
        HttpCall {
            method: Method::Delete,
            path,
            body: None,
            idempotent: true,
        }
    }
    /// A POST that creates something each time it runs: never retried once it may have been
    /// received.
    pub fn post(path: String, body: Value) -> HttpCall {
        HttpCall {
            method: Method::Post,
            path,
            body: Some(body),
            idempotent: false,
        }
    }
    /// A POST whose repetition changes nothing (Sentry's release POST: 208 the second time).
    pub fn post_idempotent(path: String, body: Value) -> HttpCall {
        HttpCall {
            idempotent: true,
            ..HttpCall::post(path, body)
        }
    }
}

/// Percent-encodes one path segment (or query value): everything but RFC 3986's unreserved
/// characters. A `/` (or a segment that is `.` or `..`) would change which resource is named,
/// so it is refused rather than encoded.
pub fn segment(what: &str, value: &str) -> Result<String> {
    if value.is_empty() || value == "." || value == ".." || value.contains('/') {
        return Err(Error::usage(format!(
            "invalid {what} {value:?}: it cannot be empty, \".\", \"..\" or contain \"/\""
        )));
    }
    Ok(encode(value))
}

/// What stays as it is in a path segment or query value: RFC 3986's unreserved characters.
const UNRESERVED: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes text for a URL path segment or query value.
pub fn encode(value: &str) -> String {
    percent_encoding::utf8_percent_encode(value, UNRESERVED).to_string()
}

/// `/api/0/organizations/{org}/` plus `rest` (which starts after that slash).
pub fn org_path(org: &str, rest: &str) -> Result<String> {
    Ok(format!(
        "{API_ROOT}/organizations/{}/{rest}",
        segment("organization", org)?
    ))
}

/// `/api/0/organizations/{org}/releases/{version}/` plus `rest`.
pub fn release_path(org: &str, version: &str, rest: &str) -> Result<String> {
    org_path(
        org,
        &format!("releases/{}/{rest}", segment("version", version)?),
    )
}

/// `/api/0/projects/{org}/{project}/`.
pub fn project_path(org: &str, project: &str) -> Result<String> {
    Ok(format!(
        "{API_ROOT}/projects/{}/{}/",
        segment("organization", org)?,
        segment("project", project)?
    ))
}

/// A timestamp as bodies carry it: RFC 3339 in UTC, at most microseconds (what Sentry keeps).
pub fn timestamp(ts: DateTime<Utc>) -> String {
    ts.trunc_subsecs(6)
        .to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

fn insert_some(body: &mut Map<String, Value>, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        body.insert(key.to_string(), Value::String(value.to_string()));
    }
}

/// The release POST: `{version, projects, ref?, url?, dateReleased?, status?}`.
fn release_post(
    org: &str,
    version: &str,
    projects: &[String],
    extra: Map<String, Value>,
) -> Result<HttpCall> {
    let mut body = Map::new();
    body.insert("version".into(), Value::String(version.to_string()));
    body.insert("projects".into(), json!(projects));
    body.extend(extra);
    Ok(HttpCall::post_idempotent(
        org_path(org, "releases/")?,
        Value::Object(body),
    ))
}

/// `release new`: POST /organizations/{org}/releases/.
pub fn create_release(req: &CreateRelease) -> Result<Vec<HttpCall>> {
    let mut extra = Map::new();
    insert_some(&mut extra, "ref", req.ref_.as_deref());
    insert_some(&mut extra, "url", req.url.as_deref());
    if let Some(date) = req.date_released {
        extra.insert("dateReleased".into(), Value::String(timestamp(date)));
    }
    if let Some(status) = req.status {
        extra.insert("status".into(), Value::String(status.as_str().into()));
    }
    commits_fields(&mut extra, &req.commits, &req.head_commits)?;
    Ok(vec![release_post(
        &req.org,
        &req.version,
        &req.projects,
        extra,
    )?])
}

/// The status change sentry-cli sends (`POST releases/ {version, projects: [], status}`): the
/// way to re-open an archived release on a Sentry whose PUT ignores `status: "open"`. Only sent
/// for a release known to exist, since this POST would create a missing one.
pub fn release_status_post(org: &str, version: &str, status: ReleaseStatus) -> Result<HttpCall> {
    let mut extra = Map::new();
    extra.insert("status".into(), Value::String(status.as_str().into()));
    release_post(org, version, &[], extra)
}

/// One commit as Sentry's CommitSerializer reads it (client-reference.md 2.3). What the
/// request leaves out stays out: an absent message keeps the stored one, a null one clears it.
pub fn commit_json(commit: &CommitInput) -> Value {
    let mut body = Map::new();
    body.insert("id".into(), Value::String(commit.id.clone()));
    insert_some(&mut body, "repository", commit.repository.as_deref());
    match &commit.message {
        Sent::Absent => {}
        Sent::Null => {
            body.insert("message".into(), Value::Null);
        }
        Sent::Value(message) => {
            body.insert("message".into(), Value::String(message.clone()));
        }
    }
    insert_some(&mut body, "author_name", commit.author_name.as_deref());
    insert_some(&mut body, "author_email", commit.author_email.as_deref());
    if let Some(ts) = commit.timestamp {
        body.insert("timestamp".into(), Value::String(timestamp(ts)));
    }
    let patch_set: Vec<Value> = commit
        .patch_set
        .iter()
        .map(|(path, kind)| json!({ "path": path, "type": kind }))
        .collect();
    body.insert("patch_set".into(), Value::Array(patch_set));
    Value::Object(body)
}

/// The PUT body of a release update: only the fields it sets.
pub fn release_put_body(req: &UpdateRelease) -> Result<Value> {
    let mut body = Map::new();
    insert_some(&mut body, "ref", req.ref_.as_deref());
    insert_some(&mut body, "url", req.url.as_deref());
    if let Some(date) = req.date_released {
        body.insert("dateReleased".into(), Value::String(timestamp(date)));
    }
    if let Some(status) = req.status {
        body.insert("status".into(), Value::String(status.as_str().into()));
    }
    commits_fields(&mut body, &req.commits, &req.head_commits)?;
    if !req.server_ranges.is_empty() {
        // Alone, refs ask the server to read the commits itself.
        let refs: Vec<Value> = req
            .server_ranges
            .iter()
            .map(|r| {
                json!({"repository": r.repository, "commit": r.commit,
                            "previousCommit": r.previous})
            })
            .collect();
        body.insert("refs".into(), Value::Array(refs));
    }
    Ok(Value::Object(body))
}

/// What a release body says about commits: `commits` to replace them, with `refs` naming where
/// they end in each repository; `refs: []` to clear.
///
/// Sentry's PUT and organization POST take both: the commits are bound, then each ref is recorded
/// as the release's head commit in its repository, without fetching anything since commits came
/// too (server-flow.md 1.4 step 10, 1.10). Refs are never sent without commits: alone they ask
/// the server to read the commits itself.
fn commits_fields(
    body: &mut Map<String, Value>,
    commits: &CommitsChange,
    heads: &[HeadCommit],
) -> Result<()> {
    match commits {
        CommitsChange::Keep => {}
        CommitsChange::Replace(commits) => {
            body.insert(
                "commits".into(),
                Value::Array(commits.iter().map(commit_json).collect()),
            );
            if !heads.is_empty() {
                let refs: Vec<Value> = heads
                    .iter()
                    .map(|h| match &h.previous {
                        Some(previous) => json!({"repository": h.repository, "commit": h.commit,
                                                 "previousCommit": previous}),
                        None => json!({"repository": h.repository, "commit": h.commit}),
                    })
                    .collect();
                body.insert("refs".into(), Value::Array(refs));
            }
        }
        // An empty `refs` list is the only way to make Sentry clear a release's commits (an
        // empty `commits` list is a no-op).
        CommitsChange::Clear => {
            body.insert("refs".into(), Value::Array(Vec::new()));
        }
        CommitsChange::Append(_) => {
            return Err(Error::usage(
                "--append works on the local store only: Sentry's API replaces a release's commits; bind the whole range instead, or pass --store PATH",
            ));
        }
    }
    Ok(())
}

/// `release finalize/archive/restore/set-commits`: with projects, first the release POST that
/// creates or links the release (as sentry-cli does for set-commits -p), then the PUT.
pub fn update_release(req: &UpdateRelease) -> Result<Vec<HttpCall>> {
    let put = HttpCall::put(
        release_path(&req.org, &req.version, "")?,
        release_put_body(req)?,
    );
    let mut calls = Vec::with_capacity(2);
    if !req.projects.is_empty() {
        calls.push(release_post(
            &req.org,
            &req.version,
            &req.projects,
            Map::new(),
        )?);
    }
    calls.push(put);
    Ok(calls)
}

/// `release delete`: DELETE /organizations/{org}/releases/{version}/.
pub fn delete_release(org: &str, version: &str) -> Result<Vec<HttpCall>> {
    Ok(vec![HttpCall::delete(release_path(org, version, "")?)])
}

/// `deploy new`: POST /organizations/{org}/releases/{version}/deploys/. Not idempotent: each
/// POST records one more deploy.
pub fn create_deploy(req: &CreateDeploy) -> Result<Vec<HttpCall>> {
    let mut body = Map::new();
    body.insert("environment".into(), Value::String(req.environment.clone()));
    insert_some(&mut body, "name", req.name.as_deref());
    insert_some(&mut body, "url", req.url.as_deref());
    if let Some(date) = req.date_started {
        body.insert("dateStarted".into(), Value::String(timestamp(date)));
    }
    if let Some(date) = req.date_finished {
        body.insert("dateFinished".into(), Value::String(timestamp(date)));
    }
    if !req.projects.is_empty() {
        body.insert("projects".into(), json!(req.projects));
    }
    Ok(vec![HttpCall::post(
        release_path(&req.org, &req.version, "deploys/")?,
        Value::Object(body),
    )])
}

/// `project create`: POST /teams/{org}/{team}/projects/, the team named like the organization
/// (the team a new Sentry organization starts with).
pub fn create_project(req: &CreateProject) -> Result<Vec<HttpCall>> {
    let org = segment("organization", &req.org)?;
    let mut body = Map::new();
    body.insert("name".into(), Value::String(req.name.clone()));
    insert_some(&mut body, "slug", req.slug.as_deref());
    insert_some(&mut body, "platform", req.platform.as_deref());
    Ok(vec![HttpCall::post(
        format!("{API_ROOT}/teams/{org}/{org}/projects/"),
        Value::Object(body),
    )])
}

/// PUT /projects/{org}/{project}/ with the fields that change.
pub fn update_project(req: &UpdateProject) -> Result<Vec<HttpCall>> {
    let mut body = Map::new();
    insert_some(&mut body, "name", req.name.as_deref());
    insert_some(&mut body, "slug", req.slug.as_deref());
    insert_some(&mut body, "platform", req.platform.as_deref());
    Ok(vec![HttpCall::put(
        project_path(&req.org, &req.project)?,
        Value::Object(body),
    )])
}

/// `project delete`: DELETE /projects/{org}/{project}/.
pub fn delete_project(org: &str, project: &str) -> Result<Vec<HttpCall>> {
    Ok(vec![HttpCall::delete(project_path(org, project)?)])
}

/// One organization option as JSON: command-line text goes through the option's own parser
/// (so `true` is a boolean and `a,b` a list), a JSON value is sent as it is.
pub fn option_json(field: &str, input: &OptionInput) -> Result<Value> {
    match input {
        OptionInput::Json(value) => Ok(value.clone()),
        OptionInput::Text(text) => {
            let option = org_options::find_option(field).ok_or_else(|| {
                let known: Vec<&str> = org_options::ORG_OPTIONS.iter().map(|o| o.field).collect();
                Error::usage(format!(
                    "unknown organization option {field:?}; known options: {}",
                    known.join(", ")
                ))
            })?;
            let value = option
                .parse(text)
                .map_err(|err| Error::usage(format!("invalid value for {field}: {err}")))?;
            Ok(serde_json::to_value(value)?)
        }
    }
}

/// `org set`: PUT /organizations/{org}/ with the options by API field name (and `name`,
/// `slug`).
pub fn update_organization(req: &UpdateOrganization) -> Result<Vec<HttpCall>> {
    let mut body = Map::new();
    for (field, input) in &req.options {
        body.insert(field.clone(), option_json(field, input)?);
    }
    if let Some(name) = &req.name {
        body.insert("name".to_string(), Value::String(name.clone()));
    }
    if let Some(slug) = &req.slug {
        body.insert("slug".to_string(), Value::String(slug.clone()));
    }
    Ok(vec![HttpCall::put(
        org_path(&req.org, "")?,
        Value::Object(body),
    )])
}

/// GET /organizations/{org}/shortids/{short_id}/: the issue (group) a short id names.
pub fn short_id_lookup(org: &str, short_id: &str) -> Result<HttpCall> {
    Ok(HttpCall::get(org_path(
        org,
        &format!("shortids/{}/", segment("short id", short_id)?),
    )?))
}

/// PUT /organizations/{org}/issues/?id={id} `{"inbox": false}`: Sentry's mark-reviewed.
/// `id` is the issue's numeric id, as text.
pub fn review_issue_by_id(org: &str, id: &str) -> Result<HttpCall> {
    review_put(org, &encode(id))
}

/// The mark-reviewed PUT with `id_query` (already encoded) as the `id` parameter.
fn review_put(org: &str, id_query: &str) -> Result<HttpCall> {
    Ok(HttpCall::put(
        org_path(org, &format!("issues/?id={id_query}"))?,
        json!({ "inbox": false }),
    ))
}

/// `issue review`: the short-id lookup, then the mark-reviewed PUT. The dry run cannot know the
/// numeric id the lookup finds, so the PUT names it `<id of SHORT_ID>`.
pub fn review_issue(org: &str, short_id: &str) -> Result<Vec<HttpCall>> {
    Ok(vec![
        short_id_lookup(org, short_id)?,
        review_put(org, &format!("<id of {short_id}>"))?,
    ])
}

/// The bulk PUT of `req` (Sentry's `PUT .../issues/`): on the project's issues when a project
/// is named, else on the organization's. `ids` are the numeric ids to name with `?id=` (the
/// ones `req.selection` names, or those its short ids were found to have); a search names its
/// query explicitly (an empty one matches every issue, where Sentry's default is
/// `is:unresolved`) and its status also as `?status=`, the parameter Sentry documents.
pub fn update_issues(req: &UpdateIssues, ids: &[String]) -> Result<HttpCall> {
    // Ids are digits (or the dry run's `<id of SHORT_ID>`, shown as is).
    let mut query: Vec<String> = ids.iter().map(|id| format!("id={id}")).collect();
    if let IssueSelection::Matching { status, words } = &req.selection {
        let mut terms: Vec<String> = status
            .iter()
            .map(|s| format!("is:{}", s.as_str()))
            .collect();
        terms.extend(words.iter().cloned());
        query.push(format!("query={}", encode(&terms.join(" "))));
        if let Some(status) = status {
            query.push(format!("status={}", status.as_str()));
        }
    }
    let rest = format!("issues/?{}", query.join("&"));
    let path = match &req.project {
        Some(project) => format!("{}{rest}", project_path(&req.org, project)?),
        None => org_path(&req.org, &rest)?,
    };
    let mut body = Map::new();
    if let Some(change) = req.status {
        let status = match change {
            StatusChange::Resolve => "resolved",
            StatusChange::Ignore => "ignored",
            StatusChange::Unresolve => "unresolved",
        };
        body.insert("status".into(), json!(status));
    }
    if let Some(inbox) = req.inbox {
        body.insert("inbox".into(), json!(inbox));
    }
    Ok(HttpCall::put(path, Value::Object(body)))
}

/// What `--dry-run` lists for `req`: the short-id lookups, then the PUT naming the ids they
/// would find as `<id of SHORT_ID>`.
pub fn update_issues_planned(req: &UpdateIssues) -> Result<Vec<HttpCall>> {
    let mut calls = Vec::new();
    let ids: Vec<String> = match &req.selection {
        IssueSelection::ShortIds(short_ids) => {
            for short_id in short_ids {
                calls.push(short_id_lookup(&req.org, short_id)?);
            }
            short_ids.iter().map(|s| format!("<id of {s}>")).collect()
        }
        IssueSelection::Ids(ids) => ids.iter().map(i64::to_string).collect(),
        IssueSelection::Matching { .. } => Vec::new(),
    };
    calls.push(update_issues(req, &ids)?);
    Ok(calls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_are_percent_encoded() {
        assert_eq!(
            segment("version", "1.0 beta+b@x").unwrap(),
            "1.0%20beta%2Bb%40x"
        );
        assert_eq!(segment("version", "ü").unwrap(), "%C3%BC");
        for bad in ["", ".", "..", "a/b"] {
            assert!(segment("version", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn head_commits_go_as_refs_next_to_commits_only() {
        let head = HeadCommit {
            repository: "acme/app".into(),
            commit: "a".repeat(40),
            previous: None,
        };
        let commit = CommitInput {
            id: "a".repeat(40),
            repository: Some("acme/app".into()),
            message: Sent::Absent,
            author_name: None,
            author_email: None,
            timestamp: None,
            patch_set: Vec::new(),
        };
        let req = UpdateRelease {
            org: "acme".into(),
            version: "1.0".into(),
            commits: CommitsChange::Replace(vec![commit]),
            head_commits: vec![head.clone()],
            ..UpdateRelease::default()
        };
        let body = release_put_body(&req).unwrap();
        assert_eq!(
            body["refs"],
            json!([{"repository": "acme/app", "commit": "a".repeat(40)}])
        );
        assert_eq!(body["commits"][0]["id"], "a".repeat(40));
        // Alone, refs would ask the server to read the commits itself.
        let keep = UpdateRelease {
            commits: CommitsChange::Keep,
            ..req
        };
        assert_eq!(release_put_body(&keep).unwrap(), json!({}));
    }

    #[test]
    fn append_is_refused() {
        let req = UpdateRelease {
            org: "acme".into(),
            version: "1.0".into(),
            commits: CommitsChange::Append(Vec::new()),
            ..UpdateRelease::default()
        };
        let err = update_release(&req).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
    }
}
