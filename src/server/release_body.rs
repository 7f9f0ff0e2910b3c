//! The bodies of release POSTs and PUTs, validated as Sentry's release serializers do
//! (server-flow.md 1.1): `version`, `projects`, `ref`, `url`, `dateReleased`, `status`, the
//! `commits` list (each commit as `CommitSerializer`, with `patch_set` entries) and the head
//! commits (`refs`, or the deprecated `headCommits`). Every field is checked before anything is
//! written; read-only and unknown fields are ignored.

use chrono::{DateTime, Utc};
use serde_json::{Map, Value};

use super::decode::{Form, Text, item_object};
use super::error::ApiError;
use crate::backend::ReleaseStatus;
use crate::domain::version::{MAX_VERSION_LENGTH, validate_version};
use crate::flow::commits::{CommitInput, Sent};

const MAX_COMMIT_LENGTH: usize = 64;
const MAX_REF_LENGTH: usize = 200;
const MAX_URL_LENGTH: usize = 200;
const MAX_PATCH_PATH_LENGTH: usize = 510;

/// Which endpoint a body came to; each reads different fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// `POST /projects/{org}/{project}/releases/`
    ProjectPost,
    /// `POST /organizations/{org}/releases/`
    OrganizationPost,
    /// `PUT /organizations/{org}/releases/{version}/`
    Put,
}

/// One head commit of `refs`: a repository and where its range ends (and maybe starts).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ref {
    pub repository: String,
    pub commit: String,
    pub previous: Option<String>,
}

/// What the body asks of the release's commits through `refs`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Refs {
    #[default]
    None,
    /// `refs: []` on a PUT: remove every commit.
    Clear,
    Set(Vec<Ref>),
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct ReleaseBody {
    /// POSTs only.
    pub version: String,
    /// The organization POST only: slugs or ids, as sent.
    pub projects: Vec<String>,
    pub ref_: Option<String>,
    pub url: Option<String>,
    pub date_released: Option<DateTime<Utc>>,
    pub status: Option<ReleaseStatus>,
    /// Commits to bind (empty: leave them as they are, as Sentry does for an empty list).
    pub commits: Vec<CommitInput>,
    pub refs: Refs,
}

/// Validates a release body for `endpoint`.
pub fn decode(obj: &Map<String, Value>, endpoint: Endpoint) -> Result<ReleaseBody, ApiError> {
    let mut form = Form::new(obj);
    let mut body = ReleaseBody::default();
    if endpoint != Endpoint::Put
        && let Some(version) =
            form.required_text("version", Text::new().max(MAX_VERSION_LENGTH).untrimmed())
    {
        if validate_version(&version).is_err() {
            form.error(
                "version",
                format!("Release with name {version} is not allowed"),
            );
        }
        body.version = version;
    }
    if endpoint == Endpoint::OrganizationPost {
        body.projects = projects(&mut form);
    }
    body.ref_ = form
        .text("ref", Text::new().max(MAX_REF_LENGTH).blank().null())
        .as_value()
        .filter(|r| !r.is_empty())
        .cloned();
    body.url = form.url("url", MAX_URL_LENGTH);
    body.date_released = form.datetime("dateReleased", true).as_value().copied();
    body.status = status(&mut form);
    if endpoint == Endpoint::Put && body.status == Some(ReleaseStatus::Open) {
        // Sentry's PUT applies only truthy values (server-flow 1.8 step 4) and "open" is 0: it
        // is checked, then ignored, so a PUT never re-opens an archived release. The
        // organization POST with a status does.
        body.status = None;
    }
    if let Sent::Value(items) = form.list("commits", false) {
        body.commits = form.items("commits", items, commit);
    }
    body.refs = refs(&mut form, endpoint);
    form.finish()?;
    Ok(body)
}

fn projects(form: &mut Form<'_>) -> Vec<String> {
    match form.list("projects", false) {
        Sent::Value(items) => {
            let mut names = Vec::with_capacity(items.len());
            for item in items {
                match item {
                    Value::String(s) => names.push(s.clone()),
                    Value::Number(n) if n.is_i64() || n.is_u64() => names.push(n.to_string()),
                    _ => {
                        form.error("projects", "Invalid project ids or slugs");
                        return Vec::new();
                    }
                }
            }
            names
        }
        Sent::Absent if !form.failed("projects") => {
            form.error("projects", super::decode::REQUIRED);
            Vec::new()
        }
        Sent::Absent | Sent::Null => Vec::new(),
    }
}

fn status(form: &mut Form<'_>) -> Option<ReleaseStatus> {
    match form.text("status", Text::new().null()) {
        Sent::Value(text) => match text.as_str() {
            "open" => Some(ReleaseStatus::Open),
            "archived" => Some(ReleaseStatus::Archived),
            other => {
                form.error("status", format!("Invalid status {other}"));
                None
            }
        },
        Sent::Absent | Sent::Null => None,
    }
}

/// One item of `commits` (`CommitSerializer`).
pub fn commit(value: &Value) -> Result<CommitInput, Value> {
    let obj = item_object(value)?;
    let mut form = Form::new(obj);
    // A commit id is text: a number (`1e30`) would be stored as its JSON spelling.
    let id = form.required_text("id", Text::new().max(MAX_COMMIT_LENGTH).strings_only());
    let repository = form.text("repository", Text::new().max(64).blank().null());
    let message = form.text("message", Text::new().blank().null().untrimmed());
    let author_name = form.text("author_name", Text::new().max(128).blank().null());
    let author_email = form.text("author_email", Text::new().max(200).blank().null());
    let timestamp = form.datetime("timestamp", true);
    let patch_set = match form.list("patch_set", true) {
        Sent::Value(items) => form.items("patch_set", items, patch_entry),
        Sent::Absent | Sent::Null => Vec::new(),
    };
    form.finish_nested()?;
    let non_blank = |sent: Sent<String>| sent.as_value().filter(|v| !v.is_empty()).cloned();
    Ok(CommitInput {
        id: id.unwrap_or_default(),
        repository: non_blank(repository),
        message,
        author_name: non_blank(author_name),
        author_email: non_blank(author_email),
        timestamp: timestamp.as_value().copied(),
        patch_set,
    })
}

/// One item of a commit's `patch_set`: `{path, type}` with type A, D or M.
fn patch_entry(value: &Value) -> Result<(String, String), Value> {
    let obj = item_object(value)?;
    let mut form = Form::new(obj);
    let path = form.required_text("path", Text::new().max(MAX_PATCH_PATH_LENGTH).untrimmed());
    let kind = form.required_text("type", Text::new().max(1));
    if let Some(kind) = &kind
        && !matches!(kind.as_str(), "A" | "D" | "M")
    {
        form.error(
            "type",
            format!("Commit patch_set type {kind} is not supported."),
        );
    }
    form.finish_nested()?;
    Ok((path.unwrap_or_default(), kind.unwrap_or_default()))
}

fn refs(form: &mut Form<'_>, endpoint: Endpoint) -> Refs {
    if endpoint == Endpoint::ProjectPost {
        return Refs::None;
    }
    let refs = match form.list("refs", false) {
        Sent::Value(items) => Some(form.items("refs", items, head_ref)),
        Sent::Absent | Sent::Null => None,
    };
    let head_commits = match form.list("headCommits", false) {
        Sent::Value(items) => form.items("headCommits", items, deprecated_head_commit),
        Sent::Absent | Sent::Null => Vec::new(),
    };
    match refs {
        Some(refs) if !refs.is_empty() => Refs::Set(refs),
        _ if !head_commits.is_empty() => Refs::Set(head_commits),
        Some(_) if endpoint == Endpoint::Put => Refs::Clear,
        _ => Refs::None,
    }
}

/// One item of `refs` (`ReleaseHeadCommitSerializer`); `commit` may be `previous..current`.
fn head_ref(value: &Value) -> Result<Ref, Value> {
    let obj = item_object(value)?;
    let mut form = Form::new(obj);
    let commit = form.required_text("commit", Text::new());
    let repository = form.required_text("repository", Text::new().max(200));
    let previous = form.text(
        "previousCommit",
        Text::new().max(MAX_COMMIT_LENGTH).blank().null(),
    );
    let mut previous = previous.as_value().filter(|p| !p.is_empty()).cloned();
    let mut current = String::new();
    if let Some(commit) = commit {
        match commit.split_once("..") {
            Some((start, end)) => {
                if start.is_empty() || end.is_empty() {
                    form.error("commit", "Commit cannot begin or end with ..");
                } else if start.chars().count() > MAX_COMMIT_LENGTH
                    || end.chars().count() > MAX_COMMIT_LENGTH
                {
                    form.error(
                        "commit",
                        "Start or end commit too long - max is 64 chars each",
                    );
                } else {
                    previous = Some(start.to_string());
                    current = end.to_string();
                }
            }
            None if commit.chars().count() > MAX_COMMIT_LENGTH => {
                form.error("commit", "Commit too long - max is 64 chars");
            }
            None => current = commit,
        }
    }
    form.finish_nested()?;
    Ok(Ref {
        repository: repository.unwrap_or_default(),
        commit: current,
        previous,
    })
}

/// One item of the deprecated `headCommits`: `{currentId, repository, previousId}`.
fn deprecated_head_commit(value: &Value) -> Result<Ref, Value> {
    let obj = item_object(value)?;
    let mut form = Form::new(obj);
    let current = form.required_text("currentId", Text::new().max(MAX_COMMIT_LENGTH));
    let repository = form.required_text("repository", Text::new().max(64));
    let previous = form.text(
        "previousId",
        Text::new().max(MAX_COMMIT_LENGTH).blank().null(),
    );
    form.finish_nested()?;
    Ok(Ref {
        repository: repository.unwrap_or_default(),
        commit: current.unwrap_or_default(),
        previous: previous.as_value().filter(|p| !p.is_empty()).cloned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn decode_json(body: Value, endpoint: Endpoint) -> Result<ReleaseBody, Value> {
        decode(body.as_object().unwrap(), endpoint).map_err(|err| err.body)
    }

    #[test]
    fn versions_are_checked_and_kept_untrimmed() {
        let body = decode_json(json!({"version": " 1.0 "}), Endpoint::ProjectPost).unwrap();
        assert_eq!(body.version, " 1.0 ");
        for (version, message) in [
            (json!("latest"), "Release with name latest is not allowed"),
            (json!("a/b"), "Release with name a/b is not allowed"),
            (json!(""), "This field may not be blank."),
            (json!(null), "This field may not be null."),
            (
                json!("x".repeat(201)),
                "Ensure this field has no more than 200 characters.",
            ),
        ] {
            let errors =
                decode_json(json!({"version": version}), Endpoint::ProjectPost).unwrap_err();
            assert_eq!(errors, json!({"version": [message]}));
        }
        let errors = decode_json(json!({}), Endpoint::ProjectPost).unwrap_err();
        assert_eq!(errors, json!({"version": ["This field is required."]}));
    }

    #[test]
    fn commit_errors_nest_like_sentry() {
        let cases = [
            (
                json!([{"id": "a", "patch_set": [{"path": "x", "type": "Z"}]}]),
                json!({"patch_set": {"type": ["Commit patch_set type Z is not supported."]}}),
            ),
            (
                json!([{"repository": "r"}]),
                json!({"id": ["This field is required."]}),
            ),
            (
                json!([{"id": "a", "patch_set": [{"path": "p".repeat(511), "type": "A"}]}]),
                json!({"patch_set": {"path": ["Ensure this field has no more than 510 characters."]}}),
            ),
            (
                json!([{"id": "x".repeat(65)}]),
                json!({"id": ["Ensure this field has no more than 64 characters."]}),
            ),
            (
                json!([{"id": 1e30}]),
                json!({"id": ["Not a valid string."]}),
            ),
            (
                json!([{"id": 12345}]),
                json!({"id": ["Not a valid string."]}),
            ),
            (
                json!([{"id": "a", "author_email": "e".repeat(201)}]),
                json!({"author_email": ["Ensure this field has no more than 200 characters."]}),
            ),
            (
                json!([{"id": "a", "timestamp": "soon"}]),
                json!({"timestamp": [super::super::decode::BAD_DATETIME]}),
            ),
        ];
        for (commits, expected) in cases {
            let errors = decode_json(json!({"commits": commits}), Endpoint::Put).unwrap_err();
            assert_eq!(errors, json!({"commits": expected}));
        }
        let body = decode_json(
            json!({"commits": [{"id": "a", "patch_set": [{"path": "p".repeat(275), "type": "M"}]}]}),
            Endpoint::Put,
        )
        .unwrap();
        assert_eq!(body.commits[0].patch_set[0].1, "M");
        assert_eq!(body.commits[0].message, Sent::Absent);
    }

    #[test]
    fn refs_accept_ranges_and_the_deprecated_form() {
        let body = decode_json(
            json!({"refs": [{"repository": "o/r", "commit": "a..b", "previousCommit": "z"}]}),
            Endpoint::Put,
        )
        .unwrap();
        assert_eq!(
            body.refs,
            Refs::Set(vec![Ref {
                repository: "o/r".into(),
                commit: "b".into(),
                previous: Some("a".into())
            }])
        );
        let body = decode_json(
            json!({"headCommits": [{"repository": "o/r", "currentId": "b", "previousId": null}]}),
            Endpoint::Put,
        )
        .unwrap();
        assert!(matches!(&body.refs, Refs::Set(r) if r[0].previous.is_none()));
        let body = decode_json(json!({"refs": []}), Endpoint::Put).unwrap();
        assert_eq!(body.refs, Refs::Clear);
        let errors = decode_json(
            json!({"refs": [{"repository": "o/r", "commit": "..b"}]}),
            Endpoint::Put,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            json!({"refs": {"commit": ["Commit cannot begin or end with .."]}})
        );
    }

    #[test]
    fn organization_posts_need_projects() {
        let errors = decode_json(json!({"version": "1"}), Endpoint::OrganizationPost).unwrap_err();
        assert_eq!(errors, json!({"projects": ["This field is required."]}));
        let body = decode_json(
            json!({"version": "1", "projects": ["a", 5]}),
            Endpoint::OrganizationPost,
        )
        .unwrap();
        assert_eq!(body.projects, ["a", "5"]);
        let errors = decode_json(
            json!({"version": "1", "projects": [{"x": 1}]}),
            Endpoint::OrganizationPost,
        )
        .unwrap_err();
        assert_eq!(
            errors,
            json!({"projects": ["Invalid project ids or slugs"]})
        );
    }

    #[test]
    fn put_ignores_status_open_and_posts_keep_it() {
        let body = decode_json(json!({"status": "open"}), Endpoint::Put).unwrap();
        assert_eq!(body.status, None);
        let body = decode_json(json!({"status": "archived"}), Endpoint::Put).unwrap();
        assert_eq!(body.status, Some(ReleaseStatus::Archived));
        let body = decode_json(
            json!({"version": "1", "projects": [], "status": "open"}),
            Endpoint::OrganizationPost,
        )
        .unwrap();
        assert_eq!(body.status, Some(ReleaseStatus::Open));
    }

    #[test]
    fn put_ignores_read_only_fields_and_checks_the_rest() {
        let body = decode_json(
            json!({"version": "x", "projects": 3, "other": 1}),
            Endpoint::Put,
        )
        .unwrap();
        assert_eq!(body, ReleaseBody::default());
        let errors = decode_json(
            json!({"status": "gone", "url": "nope", "dateReleased": 5, "commits": null}),
            Endpoint::Put,
        )
        .unwrap_err();
        assert_eq!(errors["status"], json!(["Invalid status gone"]));
        assert_eq!(errors["url"], json!(["Enter a valid URL."]));
        assert!(errors["dateReleased"].is_array());
        assert_eq!(errors["commits"], json!(["This field may not be null."]));
    }
}
