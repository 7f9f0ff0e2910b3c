//! Commits as the API has them: a release's `lastCommit`, the items of
//! `.../releases/{version}/commits/`, and the authors of both.
//!
//! Sentry's commit serializer sends `dateCreated`, an `author` (a user or `{name, email}`) and a
//! `repository` object; relctl's answers add its own keys (`authorName`, `authorEmail`,
//! `timestamp`, `patchSet`, the repository by name) so a relctl client reads whole commits.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::null_default;
use crate::model;

/// A commit author: `{name, email}`. Sentry may send a user with more keys, or no email; one
/// without an email is no author to relctl.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Author {
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl Author {
    pub fn from_model(author: &model::Author) -> Author {
        Author {
            name: author.name.clone(),
            email: Some(author.email.clone()),
        }
    }

    /// The model's author, when there is an email.
    pub fn into_model(self) -> Option<model::Author> {
        Some(model::Author {
            name: self.name,
            email: self.email?,
        })
    }
}

/// A repository by name: relctl sends the name, Sentry an object `{id, name, ...}`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RepositoryName(pub String);

impl Serialize for RepositoryName {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl<'de> Deserialize<'de> for RepositoryName {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Sent {
            Name(String),
            Object {
                #[serde(default)]
                name: Option<String>,
            },
            Other(serde::de::IgnoredAny),
        }
        Ok(RepositoryName(match Sent::deserialize(deserializer)? {
            Sent::Name(name) => name,
            Sent::Object { name } => name.unwrap_or_default(),
            Sent::Other(_) => String::new(),
        }))
    }
}

/// A release's `lastCommit`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct CommitSummary {
    pub id: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default, deserialize_with = "null_default")]
    pub date_created: String,
    #[serde(default)]
    pub repository: RepositoryName,
    #[serde(default)]
    pub author: Option<Author>,
}

impl CommitSummary {
    pub fn from_model(commit: &model::CommitSummary) -> CommitSummary {
        CommitSummary {
            id: commit.id.clone(),
            message: commit.message.clone(),
            date_created: commit.date_created.clone(),
            repository: RepositoryName(commit.repository.clone()),
            author: commit.author.as_ref().map(Author::from_model),
        }
    }

    pub fn into_model(self) -> model::CommitSummary {
        model::CommitSummary {
            id: self.id,
            message: self.message,
            date_created: self.date_created,
            repository: self.repository.0,
            author: self.author.and_then(Author::into_model),
        }
    }
}

/// One changed file of a commit: the model's shape is already Sentry's (`path`, `type`).
pub use crate::model::PatchEntry;

/// A commit of a release's commit list: Sentry's keys and relctl's.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "camelCase")]
pub struct Commit {
    pub id: String,
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub date_created: Option<String>,
    #[serde(default)]
    pub author: Option<Author>,
    #[serde(default)]
    pub repository: RepositoryName,
    #[serde(default)]
    pub author_name: Option<String>,
    #[serde(default)]
    pub author_email: Option<String>,
    #[serde(default)]
    pub timestamp: Option<String>,
    #[serde(default, alias = "patch_set", deserialize_with = "null_default")]
    pub patch_set: Vec<PatchEntry>,
}

impl Commit {
    pub fn from_model(commit: &model::Commit) -> Commit {
        Commit {
            id: commit.id.clone(),
            message: commit.message.clone(),
            date_created: Some(commit.timestamp.clone()),
            author: commit.author_email.as_ref().map(|email| Author {
                name: commit.author_name.clone(),
                email: Some(email.clone()),
            }),
            repository: RepositoryName(commit.repository.clone()),
            author_name: commit.author_name.clone(),
            author_email: commit.author_email.clone(),
            timestamp: Some(commit.timestamp.clone()),
            patch_set: commit.patch_set.clone(),
        }
    }

    /// The model's commit: relctl's keys, else Sentry's (`author`, `dateCreated`).
    pub fn into_model(self) -> model::Commit {
        let author = self.author.unwrap_or(Author {
            name: None,
            email: None,
        });
        model::Commit {
            id: self.id,
            message: self.message,
            author_name: self.author_name.or(author.name),
            author_email: self.author_email.or(author.email),
            timestamp: self.timestamp.or(self.date_created).unwrap_or_default(),
            repository: self.repository.0,
            patch_set: self.patch_set,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn commits_answer_sentry_keys_and_relctl_keys() {
        let commit = model::Commit {
            id: "abc".into(),
            message: Some("m".into()),
            author_name: Some("A".into()),
            author_email: Some("a@x.io".into()),
            timestamp: "2024-01-01T00:00:00.000000Z".into(),
            repository: "o/r".into(),
            patch_set: vec![],
        };
        let value = serde_json::to_value(Commit::from_model(&commit)).unwrap();
        assert_eq!(value["dateCreated"], "2024-01-01T00:00:00.000000Z");
        assert_eq!(value["author"], json!({"name": "A", "email": "a@x.io"}));
        assert_eq!(value["authorEmail"], "a@x.io");
        let back: Commit = serde_json::from_value(value).unwrap();
        assert_eq!(back.into_model(), commit);
    }

    #[test]
    fn a_sentry_commit_reads() {
        let commit: Commit = serde_json::from_value(json!({
            "id": "abc", "message": null, "dateCreated": "2024-01-01T00:00:00Z",
            "repository": {"id": "3", "name": "acme/app"},
            "author": {"id": "1", "name": "Jo", "email": "jo@x.io", "username": "jo"},
            "patch_set": [{"path": "a.rs", "type": "M"}]
        }))
        .unwrap();
        let commit = commit.into_model();
        assert_eq!(commit.repository, "acme/app");
        assert_eq!(commit.author_email.as_deref(), Some("jo@x.io"));
        assert_eq!(commit.timestamp, "2024-01-01T00:00:00Z");
        assert_eq!(commit.patch_set.len(), 1);
    }
}
