//! Issues (Sentry's groups), the inbox and issue history (server-flow.md section 3).

use crate::store::sql::Db;

use crate::domain::short_id::parse_short_id;
use crate::domain::shown;
use crate::error::{Error, Result};
use crate::model;
use crate::store;
use crate::store::issues::{IssueFilter, IssueRow, NewActivity};
use crate::store::orgs::OrgRow;
use crate::store::projects::ProjectRow;

use super::FlowEnv;
use super::views;

/// Activity types (`ActivityType`).
pub const ACTIVITY_SET_RESOLVED: i64 = 1;
pub const ACTIVITY_SET_UNRESOLVED: i64 = 2;
pub const ACTIVITY_SET_IGNORED: i64 = 3;
pub const ACTIVITY_SET_RESOLVED_IN_RELEASE: i64 = 13;
pub const ACTIVITY_MARK_REVIEWED: i64 = 23;
pub const ACTIVITY_REFERENCED_IN_COMMIT: i64 = 28;

/// History statuses (`GroupHistoryStatus`).
pub const HISTORY_RESOLVED: i64 = 1;
pub const HISTORY_UNRESOLVED: i64 = 0;
pub const HISTORY_REGRESSED: i64 = 7;
pub const HISTORY_REVIEWED: i64 = 10;
pub const HISTORY_ARCHIVED_FOREVER: i64 = 16;
/// The statuses a RESOLVED row links back to (unresolved, regressed, escalating).
pub const RESOLVED_INVERSE: &[i64] = &[0, 7, 14];
/// `PREVIOUS_STATUSES` of UNRESOLVED (= ONGOING): the resolved statuses (1, 11, 12, 13, 2),
/// regressed, escalating and ignored.
const UNRESOLVED_INVERSE: &[i64] = &[1, 11, 12, 13, 2, 7, 14, 3];
/// ... and of REGRESSED: the resolved statuses.
const REGRESSED_INVERSE: &[i64] = &[1, 11, 12, 13, 2];

/// Group statuses (`GroupStatus`).
pub const STATUS_UNRESOLVED: i64 = 0;
pub const STATUS_RESOLVED: i64 = 1;
pub const STATUS_IGNORED: i64 = 2;

/// Group substatuses (`GroupSubStatus`).
const SUBSTATUS_ONGOING: i64 = 3;
const SUBSTATUS_FOREVER: i64 = 5;
const SUBSTATUS_REGRESSED: i64 = 6;
const SUBSTATUS_NEW: i64 = 7;
/// An issue unignored within this many days of being first seen is NEW again
/// (`TRANSITION_AFTER_DAYS`).
const NEW_FOR_DAYS: i64 = 7;

/// Inbox reasons (`GroupInboxReason`).
pub const INBOX_NEW: i64 = 0;
pub const INBOX_MANUAL: i64 = 3;

const TITLE_MAX_LENGTH: usize = 500;

pub fn activity_name(kind: i64) -> &'static str {
    match kind {
        ACTIVITY_SET_RESOLVED => "set_resolved",
        ACTIVITY_SET_UNRESOLVED => "set_unresolved",
        ACTIVITY_SET_IGNORED => "set_ignored",
        10 => "release",
        ACTIVITY_SET_RESOLVED_IN_RELEASE => "set_resolved_in_release",
        ACTIVITY_MARK_REVIEWED => "mark_reviewed",
        ACTIVITY_REFERENCED_IN_COMMIT => "referenced_in_commit",
        _ => "other",
    }
}

pub fn history_name(status: i64) -> &'static str {
    match status {
        HISTORY_UNRESOLVED => "unresolved",
        HISTORY_RESOLVED => "resolved",
        3 => "ignored",
        HISTORY_REGRESSED => "regressed",
        HISTORY_REVIEWED => "reviewed",
        HISTORY_ARCHIVED_FOREVER => "archived_forever",
        _ => "other",
    }
}

/// Creates an issue with the project's next short id and puts it in the inbox (reason NEW).
pub fn create(conn: &Db<'_>, env: &FlowEnv, project: &ProjectRow, title: &str) -> Result<IssueRow> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::usage("an issue needs a title"));
    }
    if title.chars().count() > TITLE_MAX_LENGTH {
        return Err(Error::usage(format!(
            "an issue title may not be longer than {TITLE_MAX_LENGTH} characters"
        )));
    }
    let now = env.now_text();
    let short_id = store::projects::next_short_id(conn, project.id)?;
    let id = store::issues::insert(conn, project.id, short_id, title, &now)?;
    let issue = reload(conn, id)?;
    store::issues::add_to_inbox(conn, &issue, INBOX_NEW, &now)?;
    reload(conn, id)
}

fn reload(conn: &Db<'_>, id: i64) -> Result<IssueRow> {
    store::issues::find(conn, id)?
        .ok_or_else(|| Error::other(format!("issue {id} vanished from the store")))
}

/// The issue named by a qualified short id such as `BACKEND-API-1Z`.
pub fn find(conn: &Db<'_>, org: &OrgRow, short_id: &str) -> Result<IssueRow> {
    let (slug, number) = parse_short_id(short_id).ok_or_else(|| {
        Error::usage(format!(
            "invalid issue id {}: expected PROJECT-SLUG-ID such as BACKEND-1Z",
            shown(short_id)
        ))
    })?;
    let number = i64::try_from(number)
        .map_err(|_| Error::usage(format!("invalid issue id {}", shown(short_id))))?;
    store::issues::find_by_short_id(conn, org.id, &slug, number)?.ok_or_else(|| {
        Error::not_found(format!(
            "issue {short_id:?} not found in organization {:?}",
            org.slug
        ))
    })
}

/// `remove_group_from_inbox(action=MARK_REVIEWED, user)`: out of the inbox, with the activity and
/// the REVIEWED history row. Returns false (and writes nothing) when it was not in the inbox.
pub fn review(conn: &Db<'_>, env: &FlowEnv, issue: &IssueRow) -> Result<bool> {
    if !store::issues::remove_from_inbox(conn, issue.id)? {
        return Ok(false);
    }
    let now = env.now_text();
    store::issues::insert_activity(
        conn,
        &NewActivity {
            project_id: issue.project_id,
            group_id: issue.id,
            kind: ACTIVITY_MARK_REVIEWED,
            ident: None,
            data: &serde_json::json!({}),
            datetime: &now,
        },
    )?;
    store::issues::record_history(conn, issue, HISTORY_REVIEWED, &[], &now)?;
    Ok(true)
}

/// A status an issue is set to by hand (Sentry's bulk `PUT .../issues/` with `status`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StatusChange {
    /// `resolved`: resolved now, in no release.
    Resolve,
    /// `ignored` (or `muted`): archived forever.
    Ignore,
    /// `unresolved`.
    Unresolve,
}

impl StatusChange {
    /// The group status it sets.
    pub fn status(self) -> i64 {
        match self {
            StatusChange::Resolve => STATUS_RESOLVED,
            StatusChange::Ignore => STATUS_IGNORED,
            StatusChange::Unresolve => STATUS_UNRESOLVED,
        }
    }
}

/// Sets `issues` (one request's selection) to `change`, with the rows Sentry writes for it
/// (`update_groups`): an activity and a history row per issue whose status changes. Resolving
/// and ignoring take the issue out of the inbox (action resolved / ignored: no activity of
/// their own); ignoring and unresolving drop its resolution. Returns the ids of the issues whose
/// status changed. Sentry writes the rows again for an issue already in that status (and, when
/// any issue of the request changes, for every one); relctl writes nothing for it.
pub fn change_status(
    conn: &Db<'_>,
    env: &FlowEnv,
    issues: &[IssueRow],
    change: StatusChange,
) -> Result<Vec<i64>> {
    let now = env.now_text();
    let mut changed = Vec::new();
    for issue in issues {
        if issue.status == change.status() {
            continue;
        }
        let (kind, history, inverse, data) = match change {
            StatusChange::Resolve => {
                store::issues::set_status(conn, issue.id, STATUS_RESOLVED, None, Some(&now))?;
                store::issues::remove_from_inbox(conn, issue.id)?;
                let data = serde_json::json!({});
                (
                    ACTIVITY_SET_RESOLVED,
                    HISTORY_RESOLVED,
                    RESOLVED_INVERSE,
                    data,
                )
            }
            StatusChange::Ignore => {
                let substatus = Some(SUBSTATUS_FOREVER);
                store::issues::set_status(conn, issue.id, STATUS_IGNORED, substatus, None)?;
                store::issues::delete_resolution(conn, issue.id)?;
                store::issues::remove_from_inbox(conn, issue.id)?;
                let history = HISTORY_ARCHIVED_FOREVER;
                (ACTIVITY_SET_IGNORED, history, &[][..], ignore_data())
            }
            StatusChange::Unresolve => {
                let substatus = unresolved_substatus(env, issue, issues.len());
                store::issues::set_status(
                    conn,
                    issue.id,
                    STATUS_UNRESOLVED,
                    Some(substatus),
                    None,
                )?;
                store::issues::delete_resolution(conn, issue.id)?;
                let (history, inverse) = match substatus {
                    SUBSTATUS_REGRESSED => (HISTORY_REGRESSED, REGRESSED_INVERSE),
                    _ => (HISTORY_UNRESOLVED, UNRESOLVED_INVERSE),
                };
                let data = serde_json::json!({});
                (ACTIVITY_SET_UNRESOLVED, history, inverse, data)
            }
        };
        store::issues::insert_activity(
            conn,
            &NewActivity {
                project_id: issue.project_id,
                group_id: issue.id,
                kind,
                ident: None,
                data: &data,
                datetime: &now,
            },
        )?;
        store::issues::record_history(conn, issue, history, inverse, &now)?;
        changed.push(issue.id);
    }
    Ok(changed)
}

/// The activity data of ignoring forever (`handle_status_update`): every condition null.
fn ignore_data() -> serde_json::Value {
    serde_json::json!({
        "ignoreCount": null,
        "ignoreDuration": null,
        "ignoreUntil": null,
        "ignoreUserCount": null,
        "ignoreUserWindow": null,
        "ignoreWindow": null,
        "ignoreUntilEscalating": null,
    })
}

/// Sentry's `infer_substatus` for unresolving: alone in its request, a resolved issue has
/// regressed and an ignored one first seen within 7 days is new again; otherwise ongoing.
fn unresolved_substatus(env: &FlowEnv, issue: &IssueRow, selected: usize) -> i64 {
    if selected != 1 {
        return SUBSTATUS_ONGOING;
    }
    match issue.status {
        STATUS_RESOLVED => SUBSTATUS_REGRESSED,
        STATUS_IGNORED => {
            let recent = chrono::DateTime::parse_from_rfc3339(&issue.first_seen)
                .is_ok_and(|seen| env.now - seen.to_utc() < chrono::Duration::days(NEW_FOR_DAYS));
            if recent {
                SUBSTATUS_NEW
            } else {
                SUBSTATUS_ONGOING
            }
        }
        _ => SUBSTATUS_ONGOING,
    }
}

/// `update_inbox(True)`: puts the issues in the inbox with reason MANUAL; one already there
/// keeps its row. No activity, as in Sentry. Returns the ids of the issues it added.
pub fn add_to_inbox(conn: &Db<'_>, env: &FlowEnv, issues: &[IssueRow]) -> Result<Vec<i64>> {
    let now = env.now_text();
    let mut added = Vec::new();
    for issue in issues.iter().filter(|issue| issue.inbox.is_none()) {
        store::issues::add_to_inbox(conn, issue, INBOX_MANUAL, &now)?;
        added.push(issue.id);
    }
    Ok(added)
}

pub fn list(conn: &Db<'_>, org: &OrgRow, filter: &IssueFilter) -> Result<Vec<model::Issue>> {
    Ok(store::issues::list(conn, org.id, filter)?
        .iter()
        .map(views::issue)
        .collect())
}

pub fn details(conn: &Db<'_>, issue: &IssueRow) -> Result<model::IssueDetails> {
    let activity = store::issues::activity_types(conn, issue.id)?
        .into_iter()
        .map(|(kind, date)| model::Event {
            kind: activity_name(kind).to_string(),
            date_created: date,
        })
        .collect();
    let history = store::issues::history(conn, issue.id)?
        .into_iter()
        .map(|(status, date)| model::Event {
            kind: history_name(status).to_string(),
            date_created: date,
        })
        .collect();
    Ok(model::IssueDetails {
        issue: views::issue(issue),
        activity,
        history,
    })
}
