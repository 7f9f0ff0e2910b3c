//! A release as Sentry's `ReleaseSerializer` answers it (server-flow.md 1.7), and relctl's
//! extensions of two answers: the PUT's resolved issues and re-bound releases, and
//! previous-with-commits' head commits.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::commit::{Author, Commit, CommitSummary};
use super::deploy::Deploy;
use super::project::ReleaseProject;
use super::{StrId, empty_object, null_default};
use crate::model;

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub id: StrId,
    pub version: String,
    #[serde(default, deserialize_with = "null_default")]
    pub short_version: String,
    #[serde(default, deserialize_with = "null_default")]
    pub status: String,
    #[serde(default, rename = "ref")]
    pub ref_: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub date_created: String,
    #[serde(default)]
    pub date_released: Option<String>,
    #[serde(default = "empty_object", deserialize_with = "null_default")]
    pub data: Map<String, Value>,
    #[serde(default, deserialize_with = "null_default")]
    pub new_groups: i64,
    #[serde(default)]
    pub owner: Option<Value>,
    #[serde(default, deserialize_with = "null_default")]
    pub commit_count: i64,
    #[serde(default)]
    pub last_commit: Option<CommitSummary>,
    #[serde(default, deserialize_with = "null_default")]
    pub deploy_count: i64,
    #[serde(default)]
    pub last_deploy: Option<Deploy>,
    #[serde(default, deserialize_with = "null_default")]
    pub authors: Vec<Author>,
    #[serde(default, deserialize_with = "null_default")]
    pub projects: Vec<ReleaseProject>,
    #[serde(default)]
    pub first_event: Option<String>,
    #[serde(default)]
    pub last_event: Option<String>,
    #[serde(default = "empty_object", deserialize_with = "null_default")]
    pub current_project_meta: Map<String, Value>,
    /// The `User-Agent` of the request that created the release.
    #[serde(default)]
    pub user_agent: Option<String>,
    /// relctl's: the commits, when asked for with the release.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub commits: Option<Vec<Commit>>,
}

impl Release {
    pub fn from_model(release: &model::Release) -> Release {
        Release {
            id: StrId(release.id),
            version: release.version.clone(),
            short_version: release.short_version.clone(),
            status: release.status.clone(),
            ref_: release.ref_.clone(),
            url: release.url.clone(),
            date_created: release.date_created.clone(),
            date_released: release.date_released.clone(),
            data: Map::new(),
            new_groups: 0,
            owner: None,
            commit_count: release.commit_count,
            last_commit: release.last_commit.as_ref().map(CommitSummary::from_model),
            deploy_count: release.deploy_count,
            last_deploy: release.last_deploy.as_ref().map(Deploy::from_model),
            authors: release.authors.iter().map(Author::from_model).collect(),
            projects: release
                .projects
                .iter()
                .map(ReleaseProject::from_model)
                .collect(),
            first_event: None,
            last_event: None,
            current_project_meta: Map::new(),
            user_agent: release.user_agent.clone(),
            commits: release
                .commits
                .as_ref()
                .map(|commits| commits.iter().map(Commit::from_model).collect()),
        }
    }

    /// The model's release (its commits are read on their own, from the commits endpoint).
    pub fn into_model(self) -> model::Release {
        let short_version = if self.short_version.is_empty() {
            self.version.clone()
        } else {
            self.short_version
        };
        let status = if self.status.is_empty() {
            "open".to_string()
        } else {
            self.status
        };
        model::Release {
            id: self.id.0,
            version: self.version,
            short_version,
            status,
            ref_: self.ref_,
            url: self.url,
            date_created: self.date_created,
            date_released: self.date_released,
            commit_count: self.commit_count,
            last_commit: self.last_commit.map(CommitSummary::into_model),
            deploy_count: self.deploy_count,
            last_deploy: self.last_deploy.map(Deploy::into_model),
            authors: self
                .authors
                .into_iter()
                .filter_map(Author::into_model)
                .collect(),
            projects: self
                .projects
                .into_iter()
                .map(ReleaseProject::into_model)
                .collect(),
            commits: None,
            user_agent: self.user_agent,
        }
    }
}

/// The answer to a release PUT: the release, and relctl's `resolvedIssues` (short ids of the
/// issues its commits resolved) and `reboundReleases` (later releases that gave up commits).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct ReleaseUpdated {
    #[serde(flatten)]
    pub release: Release,
    #[serde(default)]
    pub resolved_issues: Vec<String>,
    #[serde(default)]
    pub rebound_releases: Vec<String>,
}

/// A head commit a release recorded in one repository.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct HeadCommit {
    pub repository: String,
    pub commit: String,
}

/// A head commit recorded by an earlier release.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EarlierHead {
    pub version: String,
    pub repository: String,
    pub commit: String,
}

/// previous-with-commits when there is a previous release: the release, its heads
/// (`headCommits`) and every earlier release's (`earlierHeads`, newest release first).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct PreviousRelease {
    #[serde(flatten)]
    pub release: Release,
    pub head_commits: Vec<HeadCommit>,
    pub earlier_heads: Vec<EarlierHead>,
}

/// previous-with-commits when there is none: Sentry's `{}`, with relctl's `earlierHeads` when
/// a release created earlier recorded some.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Default)]
#[serde(rename_all = "camelCase")]
pub struct NoPreviousRelease {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub earlier_heads: Vec<EarlierHead>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_sentry_release_reads() {
        let release: Release = serde_json::from_value(json!({
            "id": 7, "version": "1.0", "status": "open", "shortVersion": "1.0",
            "ref": null, "url": null, "dateCreated": "2024-01-01T00:00:00Z",
            "dateReleased": null, "commitCount": 2, "deployCount": null, "lastDeploy": null,
            "lastCommit": {"id": "abc", "message": "m", "dateCreated": "2024-01-01T00:00:00Z",
                "repository": {"id": "3", "name": "acme/app"},
                "author": {"id": "1", "name": "Jo", "email": "jo@x.io", "username": "jo"}},
            "authors": [{"name": "Jo", "email": "jo@x.io"}, {"name": "nobody"}],
            "projects": [{"id": 5, "slug": "app", "name": "App", "newGroups": 0}],
            "userAgent": "sentry-cli/2.0"
        }))
        .unwrap();
        let release = release.into_model();
        let last = release.last_commit.unwrap();
        assert_eq!(last.repository, "acme/app");
        assert_eq!(last.author.unwrap().email, "jo@x.io");
        assert_eq!(release.authors.len(), 1);
        assert_eq!(release.deploy_count, 0);
        assert_eq!(release.user_agent.as_deref(), Some("sentry-cli/2.0"));
    }

    #[test]
    fn a_release_answers_sentrys_keys_with_string_ids() {
        let release: Release = serde_json::from_value(json!({
            "id": "7", "version": "1.0", "projects": [{"id": "5", "slug": "app"}],
            "lastDeploy": {"id": 3, "environment": "prod", "dateFinished": "x"}
        }))
        .unwrap();
        let value = serde_json::to_value(Release::from_model(&release.into_model())).unwrap();
        assert_eq!(value["id"], "7");
        assert_eq!(value["projects"][0]["id"], "5");
        assert_eq!(value["projects"][0]["newGroups"], 0);
        assert_eq!(value["lastDeploy"]["id"], "3");
        assert_eq!(value["data"], json!({}));
        assert_eq!(value["currentProjectMeta"], json!({}));
        assert_eq!(value["status"], "open");
        assert_eq!(value["shortVersion"], "1.0");
        for key in ["owner", "firstEvent", "lastEvent", "userAgent"] {
            assert_eq!(value[key], Value::Null, "{key}");
        }
        assert!(value.get("commits").is_none());
    }
}
