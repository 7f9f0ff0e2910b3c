//! The JSON shapes of cli.md, shared by `--format json`, the table output and (later) `serve`.
//!
//! Field names are the contract scripts rely on; more keys may be added, none renamed.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Organization {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct OrganizationDetails {
    #[serde(flatten)]
    pub organization: Organization,
    /// Every organization option by API field name: the stored value, else the default.
    pub options: serde_json::Map<String, serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub id: i64,
    pub event: String,
    pub data: serde_json::Value,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Project {
    /// The snowflake id, a JSON integer.
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub platform: Option<String>,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ProjectRef {
    pub id: i64,
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Author {
    pub name: Option<String>,
    pub email: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CommitSummary {
    pub id: String,
    pub message: Option<String>,
    pub date_created: String,
    pub repository: String,
    pub author: Option<Author>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PatchEntry {
    pub path: String,
    #[serde(rename = "type")]
    pub kind: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
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

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Release {
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
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct SetCommitsResult {
    pub version: String,
    pub commit_count: i64,
    pub authors: Vec<Author>,
    pub resolved_issues: Vec<String>,
    /// The repository name the commits were bound to (`owner/repo`), when commits were read.
    pub repository: Option<String>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Inbox {
    pub reason: String,
    pub date_added: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Resolution {
    #[serde(rename = "type")]
    pub kind: String,
    pub release: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct IssueProject {
    pub slug: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
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
#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct IssueDetails {
    #[serde(flatten)]
    pub issue: Issue,
    pub activity: Vec<Event>,
    pub history: Vec<Event>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Event {
    #[serde(rename = "type")]
    pub kind: String,
    pub date_created: String,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Deploy {
    pub id: i64,
    pub environment: String,
    pub name: Option<String>,
    pub url: Option<String>,
    pub date_started: Option<String>,
    pub date_finished: String,
}
