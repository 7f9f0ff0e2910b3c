//! Sentry's issue (group) shapes: the stream serializer's issue (`expand=inbox` adds the
//! GroupInbox serializer's `{reason, reason_details, date_added}`, reasons as Sentry's
//! integers), the short-id lookup, and the answer of the bulk `PUT .../issues/`.
//!
//! Built from the model's issue, which is relctl's own `--format json` shape (cli.md:
//! `inbox: null | {reason, dateAdded}` with the reason's name); `resolution` is relctl's own key,
//! kept so a relctl client reads the answer into the same type.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::flow::views::inbox_reason_code;
use crate::model;

/// An id Sentry sends as a string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StringId(pub i64);

impl Serialize for StringId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&self.0)
    }
}

/// An issue as Sentry's stream serializer answers it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Issue {
    pub id: StringId,
    pub short_id: String,
    pub title: String,
    pub culprit: String,
    pub level: &'static str,
    pub status: String,
    pub status_details: StatusDetails,
    pub is_public: bool,
    pub project: IssueProject,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub metadata: Metadata,
    pub num_comments: u64,
    pub user_count: u64,
    /// Events seen, a string in Sentry's answers (relctl stores none).
    pub count: String,
    pub first_seen: String,
    /// relctl stores no events: the issue was last seen when it was first seen.
    pub last_seen: String,
    /// Only with `expand=inbox`: `null` when the issue is not in the inbox.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbox: Option<Option<Inbox>>,
    pub resolution: Option<model::Resolution>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueProject {
    pub slug: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Metadata {
    pub title: String,
}

/// `statusDetails`: `{}`, or the release a resolved issue is resolved in.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct StatusDetails {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub in_release: Option<String>,
}

/// Sentry's GroupInbox serializer (`get_inbox_details`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inbox {
    pub reason: i64,
    pub reason_details: Option<Value>,
    pub date_added: String,
}

impl Issue {
    /// The issue, with its inbox when the request expands it.
    pub fn new(issue: &model::Issue, expand_inbox: bool) -> Issue {
        let inbox = issue.inbox.as_ref().map(|inbox| Inbox {
            reason: inbox_reason_code(&inbox.reason).unwrap_or_default(),
            reason_details: None,
            date_added: inbox.date_added.clone(),
        });
        let in_release = issue
            .resolution
            .as_ref()
            .filter(|_| issue.status == "resolved")
            .map(|r| r.release.clone());
        Issue {
            id: StringId(issue.id),
            short_id: issue.short_id.clone(),
            title: issue.title.clone(),
            culprit: String::new(),
            level: "error",
            status: issue.status.clone(),
            status_details: StatusDetails { in_release },
            is_public: false,
            project: IssueProject {
                slug: issue.project.slug.clone(),
            },
            kind: "error",
            metadata: Metadata {
                title: issue.title.clone(),
            },
            num_comments: 0,
            user_count: 0,
            count: "0".to_string(),
            first_seen: issue.first_seen.clone(),
            last_seen: issue.first_seen.clone(),
            inbox: expand_inbox.then_some(inbox),
            resolution: issue.resolution.clone(),
        }
    }
}

/// An issue with its activity and history (the group of a short-id lookup).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IssueDetails {
    #[serde(flatten)]
    pub issue: Issue,
    pub activity: Vec<model::Event>,
    pub history: Vec<model::Event>,
}

/// `GET .../shortids/{short_id}/`.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ShortIdLookup {
    pub organization_slug: String,
    pub project_slug: String,
    pub group_id: StringId,
    pub short_id: String,
    pub group: IssueDetails,
}

impl ShortIdLookup {
    /// The lookup's answer; the group carries its inbox (a relctl client reads it to tell
    /// whether a review changes anything).
    pub fn new(org: &str, details: &model::IssueDetails) -> ShortIdLookup {
        ShortIdLookup {
            organization_slug: org.to_string(),
            project_slug: details.issue.project.slug.clone(),
            group_id: StringId(details.issue.id),
            short_id: details.issue.short_id.clone(),
            group: IssueDetails {
                issue: Issue::new(&details.issue, true),
                activity: details.activity.clone(),
                history: details.history.clone(),
            },
        }
    }
}

/// The answer of the bulk `PUT .../issues/` (`update_groups`' result): the status as asked
/// (`resolved`, or the `ignored`/`muted`/`unresolved` sent) with `statusDetails: {}`; resolving
/// and ignoring add `inbox: null`, and `inbox` in the request answers what it set.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IssuesChanged {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status_details: Option<StatusDetails>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inbox: Option<Option<bool>>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn issue() -> model::Issue {
        model::Issue {
            id: 7,
            short_id: "BACKEND-1".into(),
            title: "Crash".into(),
            status: "unresolved".into(),
            inbox: Some(model::Inbox {
                reason: "manual".into(),
                date_added: "2024-01-01T00:00:00.000000Z".into(),
            }),
            resolution: None,
            project: model::IssueProject {
                slug: "backend".into(),
            },
            first_seen: "2024-01-01T00:00:00.000000Z".into(),
        }
    }

    #[test]
    fn the_inbox_is_sentrys_and_only_when_expanded() {
        let value = serde_json::to_value(Issue::new(&issue(), true)).unwrap();
        assert_eq!(value["id"], "7");
        assert_eq!(
            value["inbox"],
            json!({"reason": 3, "reason_details": null, "date_added": "2024-01-01T00:00:00.000000Z"})
        );
        let value = serde_json::to_value(Issue::new(&issue(), false)).unwrap();
        assert!(value.get("inbox").is_none());
        let mut out = issue();
        out.inbox = None;
        let value = serde_json::to_value(Issue::new(&out, true)).unwrap();
        assert_eq!(value["inbox"], Value::Null);
    }

    #[test]
    fn bulk_answers_leave_out_what_was_not_asked() {
        let answer = IssuesChanged {
            status: Some("resolved".into()),
            status_details: Some(StatusDetails::default()),
            inbox: Some(None),
        };
        assert_eq!(
            serde_json::to_value(answer).unwrap(),
            json!({"status": "resolved", "statusDetails": {}, "inbox": null})
        );
        let answer = IssuesChanged {
            inbox: Some(Some(true)),
            ..IssuesChanged::default()
        };
        assert_eq!(
            serde_json::to_value(answer).unwrap(),
            json!({"inbox": true})
        );
    }
}
