//! SQL for projects and what project delete must clear by hand (notification settings, outbox).

use super::sql::{Db, DbResult, Dialect, Row, params};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectRow {
    pub id: i64,
    pub organization_id: i64,
    pub slug: String,
    pub name: String,
    pub platform: Option<String>,
    pub date_added: String,
}

const COLUMNS: &str = "id, organization_id, slug, name, platform, date_added";

pub(crate) fn project_from_row(row: &Row<'_>) -> DbResult<ProjectRow> {
    Ok(ProjectRow {
        id: row.get(0)?,
        organization_id: row.get(1)?,
        slug: row.get(2)?,
        name: row.get(3)?,
        platform: row.get(4)?,
        date_added: row.get(5)?,
    })
}

/// Whether a project of the organization has this slug, compared case-insensitively.
pub fn slug_taken(conn: &Db<'_>, org_id: i64, slug: &str) -> Result<bool> {
    Ok(conn.query_one(
        conn.pick(
            "SELECT EXISTS (SELECT 1 FROM project WHERE organization_id = ?1 AND slug = ?2 COLLATE NOCASE)",
            // lower() under the "C" collation folds ASCII only, as NOCASE does.
            "SELECT EXISTS (SELECT 1 FROM project
                            WHERE organization_id = ?1 AND lower(slug) = lower(?2::text COLLATE \"C\"))",
        ),
        params![org_id, slug],
        |row| row.get(0),
    )?)
}

/// Inserts a project; the statement's own error is returned so the caller can tell a clash.
pub fn insert(conn: &Db<'_>, project: &ProjectRow) -> DbResult<()> {
    conn.execute(
        "INSERT INTO project (id, organization_id, slug, name, platform, date_added)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            project.id,
            project.organization_id,
            project.slug,
            project.name,
            project.platform,
            project.date_added
        ],
    )?;
    Ok(())
}

/// Looks a project up by slug (case-insensitively) within an organization.
/// Saves a project's name, slug and platform.
pub fn update(conn: &Db<'_>, project: &ProjectRow) -> Result<()> {
    conn.execute(
        "UPDATE project SET name = ?2, slug = ?3, platform = ?4 WHERE id = ?1",
        params![project.id, project.name, project.slug, project.platform],
    )?;
    Ok(())
}

pub fn find_by_slug(conn: &Db<'_>, org_id: i64, slug: &str) -> Result<Option<ProjectRow>> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => format!(
            "SELECT {COLUMNS} FROM project WHERE organization_id = ?1 AND slug = ?2 COLLATE NOCASE"
        ),
        Dialect::Postgres => format!(
            "SELECT {COLUMNS} FROM project
             WHERE organization_id = ?1 AND lower(slug) = lower(?2::text COLLATE \"C\")"
        ),
    };
    Ok(conn.query_opt(&sql, params![org_id, slug], project_from_row)?)
}

pub fn find_by_id(conn: &Db<'_>, org_id: i64, id: i64) -> Result<Option<ProjectRow>> {
    let sql = format!("SELECT {COLUMNS} FROM project WHERE organization_id = ?1 AND id = ?2");
    Ok(conn.query_opt(&sql, params![org_id, id], project_from_row)?)
}

pub fn list(conn: &Db<'_>, org_id: i64) -> Result<Vec<ProjectRow>> {
    let sql = format!("SELECT {COLUMNS} FROM project WHERE organization_id = ?1 ORDER BY slug");
    Ok(conn.query_all(&sql, params![org_id], project_from_row)?)
}

/// Sets the `has_releases` flag bit (bit 0) with an atomic OR, as `Release.add_project` does.
pub fn set_has_releases(conn: &Db<'_>, project_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE project SET flags = flags | 1 WHERE id = ?1 AND flags & 1 = 0",
        params![project_id],
    )?;
    Ok(())
}

/// Takes the project's next issue short id (1, 2, ...).
pub fn next_short_id(conn: &Db<'_>, project_id: i64) -> Result<i64> {
    Ok(conn.query_one(
        "UPDATE project SET last_short_id = last_short_id + 1 WHERE id = ?1 RETURNING last_short_id",
        params![project_id],
        |row| row.get(0),
    )?)
}

/// Removes the project-scoped notification settings (no foreign key: a manual cascade).
pub fn delete_notification_settings(conn: &Db<'_>, project_id: i64) -> Result<usize> {
    let options = conn.execute(
        "DELETE FROM notification_setting_option WHERE scope_type = 'project' AND scope_identifier = ?1",
        params![project_id],
    )?;
    let providers = conn.execute(
        "DELETE FROM notification_setting_provider WHERE scope_type = 'project' AND scope_identifier = ?1",
        params![project_id],
    )?;
    Ok(options + providers)
}

/// Adds a project-scoped notification setting (used by tests and future commands).
pub fn insert_notification_setting(
    conn: &Db<'_>,
    project_id: i64,
    kind: &str,
    value: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO notification_setting_option (scope_type, scope_identifier, type, value)
         VALUES ('project', ?1, ?2, ?3)",
        params![project_id, kind, value],
    )?;
    conn.execute(
        "INSERT INTO notification_setting_provider (scope_type, scope_identifier, provider, type, value)
         VALUES ('project', ?1, 'email', ?2, ?3)",
        params![project_id, kind, value],
    )?;
    Ok(())
}

/// Writes an outbox row (Sentry's RegionOutbox) announcing a change to an object.
pub fn insert_outbox(
    conn: &Db<'_>,
    shard_scope: i64,
    shard_identifier: i64,
    category: i64,
    object_identifier: i64,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO outbox (shard_scope, shard_identifier, category, object_identifier, date_added)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![shard_scope, shard_identifier, category, object_identifier, now],
    )?;
    Ok(())
}

/// Deletes the project; foreign keys cascade to what belongs to it.
pub fn delete(conn: &Db<'_>, project_id: i64) -> Result<()> {
    conn.execute("DELETE FROM project WHERE id = ?1", params![project_id])?;
    Ok(())
}
