//! The JSON shapes of cli.md, shared by `--format json`, the table output and (later) `serve`.
//!
//! Field names are the contract scripts rely on; more keys may be added, none renamed.

use serde::{Deserialize, Deserializer, Serialize};

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationDetails {
    #[serde(flatten)]
    pub organization: Organization,
    /// Every organization option by API field name: the stored value, else the default.
    pub options: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub event: String,
    pub data: serde_json::Value,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// The snowflake id, a JSON integer.
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub platform: Option<String>,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ProjectRef {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Author {
    pub name: Option<String>,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CommitSummary {
    pub id: String,
    pub message: Option<String>,
    pub date_created: String,
    pub repository: String,
    pub author: Option<Author>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PatchEntry {
    pub path: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Commit {
    pub id: String,
    pub message: Option<String>,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub timestamp: String,
    pub repository: String,
    pub patch_set: Vec<PatchEntry>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub version: String,
    pub short_version: String,
    pub status: String,
    #[serde(rename = "ref")]
    pub ref_: Option<String>,
    pub url: Option<String>,
    pub date_created: String,
    pub date_released: Option<String>,
    pub commit_count: i64,
    pub last_commit: Option<CommitSummary>,
    pub deploy_count: i64,
    pub last_deploy: Option<Deploy>,
    pub authors: Vec<Author>,
    pub projects: Vec<ProjectRef>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commits: Option<Vec<Commit>>,
    /// The `User-Agent` of the client that created the release, as Sentry records it.
    #[serde(default)]
    pub user_agent: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetCommitsResult {
    pub version: String,
    pub commit_count: i64,
    pub authors: Vec<Author>,
    pub resolved_issues: Vec<String>,
    /// The repository name the commits were bound to, when commits were read: REPO of each
    /// `--commit` (several joined by ", "), else `owner/repo` from the remote URL.
    pub repository: Option<String>,
    /// Later releases that gave up the commits this one now holds (their heads descend from
    /// its head): binding out of order gives the same releases as binding in order.
    #[serde(default)]
    pub rebound_releases: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    pub reason: String,
    pub date_added: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Resolution {
    #[serde(rename = "type")]
    pub kind: String,
    pub release: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct IssueProject {
    pub slug: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub short_id: String,
    pub title: String,
    pub status: String,
    pub inbox: Option<Inbox>,
    pub resolution: Option<Resolution>,
    pub project: IssueProject,
    pub first_seen: String,
}

/// `issue show`: the issue plus its activity and history, oldest first.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IssueDetails {
    #[serde(flatten)]
    pub issue: Issue,
    pub activity: Vec<Event>,
    pub history: Vec<Event>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Deploy {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub environment: String,
    pub name: Option<String>,
    pub url: Option<String>,
    pub date_started: Option<String>,
    pub date_finished: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Repository {
    #[serde(deserialize_with = "int_or_string")]
    pub id: i64,
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub date_created: Option<String>,
    /// Sentry's `{id, name}` of the integration behind it (`GitHub`, `Git`); none in the store.
    #[serde(default)]
    pub provider: Option<RepositoryProvider>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct RepositoryProvider {
    #[serde(default)]
    pub id: Option<String>,
    pub name: String,
}

/// What a server says of the caller (Sentry's `GET /api/0/`): the token's scopes, and the user
/// it belongs to; `auth` is null when the server did not take a token.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AuthInfo {
    #[serde(default)]
    pub auth: Option<AuthScopes>,
    #[serde(default)]
    pub user: Option<AuthUser>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AuthScopes {
    #[serde(default)]
    pub scopes: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
pub struct AuthUser {
    #[serde(default)]
    pub email: Option<String>,
}

/// An API token as `token list` shows it (never the secret).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Token {
    pub id: i64,
    pub name: Option<String>,
    pub scopes: Vec<String>,
    pub date_created: String,
    pub last_used: Option<String>,
    /// The one organization the token acts in (its slug); `None` when it acts in all of them:
    /// made with `--all-organizations`, or unbound (made before tokens were bound).
    #[serde(default)]
    pub organization: Option<String>,
    /// Made with `--all-organizations` (an instance-wide token, said so).
    #[serde(default)]
    pub all_organizations: bool,
}

/// `token create`: the token with its secret, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct NewToken {
    pub id: i64,
    /// The secret; only its hash is stored.
    pub token: String,
    pub scopes: Vec<String>,
    pub date_created: String,
    /// The organization it acts in; `None`: all of them (`--all-organizations`).
    #[serde(default)]
    pub organization: Option<String>,
}

/// An id as Sentry's API sends it (a string) or as relctl's CLI JSON has it (an integer).
pub fn int_or_string<'de, D: Deserializer<'de>>(deserializer: D) -> Result<i64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Id {
        Int(i64),
        Text(String),
    }
    match Id::deserialize(deserializer)? {
        Id::Int(id) => Ok(id),
        Id::Text(text) => text
            .parse()
            .map_err(|_| serde::de::Error::custom(format!("invalid id {text:?}"))),
    }
}
