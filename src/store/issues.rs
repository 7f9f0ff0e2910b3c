//! SQL for issues (Sentry's groups) and what hangs off them: inbox, activity, history, links and
//! resolutions.

use super::sql::{Db, DbResult, Dialect, Row, params};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IssueRow {
    pub id: i64,
    pub project_id: i64,
    pub project_slug: String,
    pub organization_id: i64,
    pub short_id: i64,
    pub title: String,
    pub status: i64,
    pub first_seen: String,
    /// `(reason, date_added)` when the issue is in the inbox.
    pub inbox: Option<(i64, String)>,
    /// The version the issue is resolved in, when it has a resolution.
    pub resolved_in: Option<String>,
}

const SELECT: &str = "SELECT g.id, g.project_id, p.slug, p.organization_id, g.short_id, g.title,
        g.status, g.first_seen, i.reason, i.date_added, r.version
    FROM issue_group g
    JOIN project p ON p.id = g.project_id
    LEFT JOIN group_inbox i ON i.group_id = g.id
    LEFT JOIN group_resolution gr ON gr.group_id = g.id
    LEFT JOIN release r ON r.id = gr.release_id";

fn issue_from_row(row: &Row<'_>) -> DbResult<IssueRow> {
    let reason: Option<i64> = row.get(8)?;
    let inbox_date: Option<String> = row.get(9)?;
    Ok(IssueRow {
        id: row.get(0)?,
        project_id: row.get(1)?,
        project_slug: row.get(2)?,
        organization_id: row.get(3)?,
        short_id: row.get(4)?,
        title: row.get(5)?,
        status: row.get(6)?,
        first_seen: row.get(7)?,
        inbox: reason.zip(inbox_date),
        resolved_in: row.get(10)?,
    })
}

pub fn insert(
    conn: &Db<'_>,
    project_id: i64,
    short_id: i64,
    title: &str,
    now: &str,
) -> Result<i64> {
    Ok(conn.insert(
        "INSERT INTO issue_group (project_id, short_id, title, first_seen) VALUES (?1, ?2, ?3, ?4)",
        params![project_id, short_id, title, now],
    )?)
}

pub fn find(conn: &Db<'_>, id: i64) -> Result<Option<IssueRow>> {
    let sql = format!("{SELECT} WHERE g.id = ?1");
    Ok(conn.query_opt(&sql, params![id], issue_from_row)?)
}

/// Sentry's `by_qualified_short_id`: exact (lower-case) project slug and short id within an
/// organization, skipping issues that are being deleted or merged (statuses 3, 4, 5).
pub fn find_by_short_id(
    conn: &Db<'_>,
    org_id: i64,
    project_slug: &str,
    short_id: i64,
) -> Result<Option<IssueRow>> {
    let sql = format!(
        "{SELECT} WHERE p.organization_id = ?1 AND p.slug = ?2 AND g.short_id = ?3
           AND g.status NOT IN (3, 4, 5)"
    );
    Ok(conn.query_opt(
        &sql,
        params![org_id, project_slug, short_id],
        issue_from_row,
    )?)
}

/// Filters for [`list`].
#[derive(Debug, Clone, Default)]
pub struct IssueFilter {
    /// Issues of any of these projects; empty = all.
    pub project_ids: Vec<i64>,
    pub inbox_only: bool,
    pub status: Option<i64>,
    /// Only issues resolved in this release version.
    pub resolved_in: Option<String>,
    /// `(offset, limit)` of a page; `None`: all.
    pub page: super::commits::Page,
}

pub fn list(conn: &Db<'_>, org_id: i64, filter: &IssueFilter) -> Result<Vec<IssueRow>> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => format!(
            "{SELECT} WHERE p.organization_id = ?1
               AND (?2 IS NULL OR g.project_id IN (SELECT value FROM json_each(?2)))
               AND (?3 = 0 OR i.id IS NOT NULL)
               AND (?4 IS NULL OR g.status = ?4)
               AND (?5 IS NULL OR r.version = ?5)
             ORDER BY g.first_seen DESC, g.id DESC LIMIT ?7 OFFSET ?6"
        ),
        Dialect::Postgres => format!(
            "{SELECT} WHERE p.organization_id = ?1
               AND (?2::text IS NULL
                    OR g.project_id IN (SELECT json_array_elements_text(?2::json)::bigint))
               AND (NOT ?3::boolean OR i.id IS NOT NULL)
               AND (?4::bigint IS NULL OR g.status = ?4)
               AND (?5::text IS NULL OR r.version = ?5)
             ORDER BY g.first_seen DESC, g.id DESC LIMIT ?7 OFFSET ?6"
        ),
    };
    let projects = if filter.project_ids.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&filter.project_ids)?)
    };
    let (offset, limit) = filter.page.unwrap_or((0, i64::MAX));
    Ok(conn.query_all(
        &sql,
        params![
            org_id,
            projects,
            filter.inbox_only,
            filter.status,
            filter.resolved_in,
            offset,
            limit
        ],
        issue_from_row,
    )?)
}

/// Puts an issue in the inbox; an existing row is left unchanged (get-or-create).
pub fn add_to_inbox(conn: &Db<'_>, issue: &IssueRow, reason: i64, now: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO group_inbox (group_id, project_id, organization_id, reason, date_added)
         VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (group_id) DO NOTHING",
        params![
            issue.id,
            issue.project_id,
            issue.organization_id,
            reason,
            now
        ],
    )?;
    Ok(())
}

/// Removes an issue from the inbox; returns whether it was there.
pub fn remove_from_inbox(conn: &Db<'_>, group_id: i64) -> Result<bool> {
    let deleted = conn.execute(
        "DELETE FROM group_inbox WHERE group_id = ?1",
        params![group_id],
    )?;
    Ok(deleted == 1)
}

/// An activity row on an issue.
pub struct NewActivity<'a> {
    pub project_id: i64,
    pub group_id: i64,
    pub kind: i64,
    pub ident: Option<&'a str>,
    pub data: &'a serde_json::Value,
    pub datetime: &'a str,
}

pub fn insert_activity(conn: &Db<'_>, activity: &NewActivity<'_>) -> Result<()> {
    conn.execute(
        "INSERT INTO activity (project_id, group_id, type, ident, user_id, datetime, data)
         VALUES (?1, ?2, ?3, ?4, NULL, ?5, ?6)",
        params![
            activity.project_id,
            activity.group_id,
            activity.kind,
            activity.ident,
            activity.datetime,
            activity.data.to_string()
        ],
    )?;
    Ok(())
}

/// Sentry's `record_group_history`: links the new row to the most recent row whose status is in
/// `inverse_statuses`.
pub fn record_history(
    conn: &Db<'_>,
    issue: &IssueRow,
    status: i64,
    inverse_statuses: &[i64],
    now: &str,
) -> Result<()> {
    let inverse = serde_json::to_string(inverse_statuses)?;
    let previous: Option<(i64, String)> = conn.query_opt(
        conn.pick(
            "SELECT id, date_added FROM group_history
             WHERE group_id = ?1 AND status IN (SELECT value FROM json_each(?2))
             ORDER BY date_added DESC, id DESC LIMIT 1",
            "SELECT id, date_added FROM group_history
             WHERE group_id = ?1 AND status IN (SELECT json_array_elements_text(?2::json)::bigint)
             ORDER BY date_added DESC, id DESC LIMIT 1",
        ),
        params![issue.id, inverse],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    let (prev_id, prev_date) = previous.unzip();
    conn.execute(
        "INSERT INTO group_history (organization_id, group_id, project_id, release_id, user_id,
                                    status, prev_history_id, prev_history_date, date_added)
         VALUES (?1, ?2, ?3, NULL, NULL, ?4, ?5, ?6, ?7)",
        params![
            issue.organization_id,
            issue.id,
            issue.project_id,
            status,
            prev_id,
            prev_date,
            now
        ],
    )?;
    Ok(())
}

/// History statuses of an issue, oldest first (what `issue show` prints).
pub fn history(conn: &Db<'_>, group_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(conn.query_all(
        "SELECT status, date_added FROM group_history WHERE group_id = ?1 ORDER BY date_added, id",
        params![group_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// Activity types of an issue, oldest first.
pub fn activity_types(conn: &Db<'_>, group_id: i64) -> Result<Vec<(i64, String)>> {
    Ok(conn.query_all(
        "SELECT type, datetime FROM activity WHERE group_id = ?1 ORDER BY datetime, id",
        params![group_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// Sets an issue's status and substatus; `resolved_at`, when given, replaces the stored one
/// (Sentry sets it when resolving and leaves it otherwise).
pub fn set_status(
    conn: &Db<'_>,
    group_id: i64,
    status: i64,
    substatus: Option<i64>,
    resolved_at: Option<&str>,
) -> Result<()> {
    conn.execute(
        "UPDATE issue_group SET status = ?2, substatus = ?3, resolved_at = COALESCE(?4, resolved_at)
         WHERE id = ?1",
        params![group_id, status, substatus, resolved_at],
    )?;
    Ok(())
}

/// Removes an issue's resolution (GroupResolution), if it has one.
pub fn delete_resolution(conn: &Db<'_>, group_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM group_resolution WHERE group_id = ?1",
        params![group_id],
    )?;
    Ok(())
}
