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
pub const ACTIVITY_SET_RESOLVED_IN_RELEASE: i64 = 13;
pub const ACTIVITY_MARK_REVIEWED: i64 = 23;
pub const ACTIVITY_REFERENCED_IN_COMMIT: i64 = 28;

/// History statuses (`GroupHistoryStatus`).
pub const HISTORY_RESOLVED: i64 = 1;
pub const HISTORY_REVIEWED: i64 = 10;
/// The statuses a RESOLVED row links back to (unresolved, regressed, escalating).
pub const RESOLVED_INVERSE: &[i64] = &[0, 7, 14];

/// Inbox reason NEW.
pub const INBOX_NEW: i64 = 0;

const TITLE_MAX_LENGTH: usize = 500;

pub fn activity_name(kind: i64) -> &'static str {
    match kind {
        1 => "set_resolved",
        10 => "release",
        ACTIVITY_SET_RESOLVED_IN_RELEASE => "set_resolved_in_release",
        ACTIVITY_MARK_REVIEWED => "mark_reviewed",
        ACTIVITY_REFERENCED_IN_COMMIT => "referenced_in_commit",
        _ => "other",
    }
}

pub fn history_name(status: i64) -> &'static str {
    match status {
        0 => "unresolved",
        HISTORY_RESOLVED => "resolved",
        HISTORY_REVIEWED => "reviewed",
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
