//! SQL for releases, their project links, and release activities.

use super::sql::{Db, DbResult, Dialect, Row, params};

use super::projects::{ProjectRow, project_from_row};
use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseRow {
    pub id: i64,
    pub organization_id: i64,
    pub version: String,
    pub status: i64,
    pub ref_: Option<String>,
    pub url: Option<String>,
    pub date_added: String,
    pub date_released: Option<String>,
    pub commit_count: i64,
    pub last_commit_id: Option<i64>,
    /// JSON array of commit-author ids as strings, as Sentry stores them.
    pub authors: String,
    pub total_deploys: i64,
    pub last_deploy_id: Option<i64>,
    /// The `User-Agent` of the request that created it (Sentry's `user_agent`).
    pub user_agent: Option<String>,
}

/// What a new release row is created with.
#[derive(Debug, Clone)]
pub struct NewRelease<'a> {
    pub organization_id: i64,
    pub version: &'a str,
    pub status: i64,
    pub ref_: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date_added: &'a str,
    pub date_released: Option<&'a str>,
    pub user_agent: &'a str,
}

const COLUMNS: &str = "r.id, r.organization_id, r.version, r.status, r.ref, r.url, r.date_added, \
    r.date_released, r.commit_count, r.last_commit_id, r.authors, r.total_deploys, r.last_deploy_id, \
    r.user_agent";

fn release_from_row(row: &Row<'_>) -> DbResult<ReleaseRow> {
    Ok(ReleaseRow {
        id: row.get(0)?,
        organization_id: row.get(1)?,
        version: row.get(2)?,
        status: row.get(3)?,
        ref_: row.get(4)?,
        url: row.get(5)?,
        date_added: row.get(6)?,
        date_released: row.get(7)?,
        commit_count: row.get(8)?,
        last_commit_id: row.get(9)?,
        authors: row.get(10)?,
        total_deploys: row.get(11)?,
        last_deploy_id: row.get(12)?,
        user_agent: row.get(13)?,
    })
}

pub fn find(conn: &Db<'_>, org_id: i64, version: &str) -> Result<Option<ReleaseRow>> {
    let sql =
        format!("SELECT {COLUMNS} FROM release r WHERE r.organization_id = ?1 AND r.version = ?2");
    Ok(conn.query_opt(&sql, params![org_id, version], release_from_row)?)
}

pub fn find_by_id(conn: &Db<'_>, id: i64) -> Result<Option<ReleaseRow>> {
    let sql = format!("SELECT {COLUMNS} FROM release r WHERE r.id = ?1");
    Ok(conn.query_opt(&sql, params![id], release_from_row)?)
}

/// Inserts a release and returns its id.
pub fn insert(conn: &Db<'_>, new: &NewRelease<'_>) -> Result<i64> {
    Ok(conn.insert(
        "INSERT INTO release (organization_id, version, status, ref, url, date_added, date_released, user_agent)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        params![
            new.organization_id,
            new.version,
            new.status,
            new.ref_,
            new.url,
            new.date_added,
            new.date_released,
            new.user_agent
        ],
    )?)
}

pub fn set_status(conn: &Db<'_>, release_id: i64, status: i64) -> Result<()> {
    conn.execute(
        "UPDATE release SET status = ?2 WHERE id = ?1",
        params![release_id, status],
    )?;
    Ok(())
}

pub fn set_date_released(conn: &Db<'_>, release_id: i64, date_released: &str) -> Result<()> {
    conn.execute(
        "UPDATE release SET date_released = ?2 WHERE id = ?1",
        params![release_id, date_released],
    )?;
    Ok(())
}

pub fn set_url(conn: &Db<'_>, release_id: i64, url: &str) -> Result<()> {
    conn.execute(
        "UPDATE release SET url = ?2 WHERE id = ?1",
        params![release_id, url],
    )?;
    Ok(())
}

pub fn set_ref(conn: &Db<'_>, release_id: i64, reference: &str) -> Result<()> {
    conn.execute(
        "UPDATE release SET ref = ?2 WHERE id = ?1",
        params![release_id, reference],
    )?;
    Ok(())
}

pub fn delete(conn: &Db<'_>, release_id: i64) -> Result<()> {
    conn.execute("DELETE FROM release WHERE id = ?1", params![release_id])?;
    Ok(())
}

/// Links a project to a release; returns whether the link is new.
pub fn link_project(conn: &Db<'_>, release_id: i64, project_id: i64) -> Result<bool> {
    let inserted = conn.execute(
        "INSERT INTO release_project (project_id, release_id) VALUES (?1, ?2)
         ON CONFLICT (project_id, release_id) DO NOTHING",
        params![project_id, release_id],
    )?;
    Ok(inserted == 1)
}

/// The projects linked to a release, by slug.
pub fn projects(conn: &Db<'_>, release_id: i64) -> Result<Vec<ProjectRow>> {
    Ok(conn.query_all(
        "SELECT p.id, p.organization_id, p.slug, p.name, p.platform, p.date_added
         FROM release_project rp JOIN project p ON p.id = rp.project_id
         WHERE rp.release_id = ?1 ORDER BY p.slug",
        params![release_id],
        project_from_row,
    )?)
}

/// Releases of an organization, newest first, optionally only those linked to a project.
/// Filters and paging for [`list`].
#[derive(Debug, Clone, Default)]
pub struct ReleaseFilter {
    /// Releases linked to any of these projects; empty = all.
    pub project_ids: Vec<i64>,
    /// A substring of the version.
    pub query: Option<String>,
    /// Only releases with this status.
    pub status: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

/// Releases of the organization, newest first.
pub fn list(conn: &Db<'_>, org_id: i64, filter: &ReleaseFilter) -> Result<Vec<ReleaseRow>> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => format!(
            "SELECT {COLUMNS} FROM release r
             WHERE r.organization_id = ?1
               AND (?2 IS NULL OR EXISTS (SELECT 1 FROM release_project rp
                                          WHERE rp.release_id = r.id
                                            AND rp.project_id IN (SELECT value FROM json_each(?2))))
               AND (?3 IS NULL OR instr(r.version, ?3) > 0)
               AND (?4 IS NULL OR COALESCE(r.status, 0) = ?4)
             ORDER BY r.date_added DESC, r.id DESC LIMIT ?5 OFFSET ?6"
        ),
        Dialect::Postgres => format!(
            "SELECT {COLUMNS} FROM release r
             WHERE r.organization_id = ?1
               AND (?2::text IS NULL
                    OR EXISTS (SELECT 1 FROM release_project rp
                               WHERE rp.release_id = r.id
                                 AND rp.project_id IN
                                     (SELECT json_array_elements_text(?2::json)::bigint)))
               AND (?3::text IS NULL OR strpos(r.version, ?3) > 0)
               AND (?4::bigint IS NULL OR COALESCE(r.status, 0) = ?4)
             ORDER BY r.date_added DESC, r.id DESC LIMIT ?5 OFFSET ?6"
        ),
    };
    let projects = if filter.project_ids.is_empty() {
        None
    } else {
        Some(serde_json::to_string(&filter.project_ids)?)
    };
    Ok(conn.query_all(
        &sql,
        params![
            org_id,
            projects,
            filter.query,
            filter.status,
            filter.limit,
            filter.offset
        ],
        release_from_row,
    )?)
}

/// The most recent release other than `exclude` that shares a project with `project_ids` and has
/// commits (Sentry's previous-with-commits), ordered by COALESCE(date_released, date_added) and
/// not later than `not_after`.
pub fn previous_with_commits(
    conn: &Db<'_>,
    org_id: i64,
    exclude: Option<i64>,
    project_ids: &[i64],
    not_after: &str,
) -> Result<Option<ReleaseRow>> {
    let sql = match conn.dialect() {
        Dialect::Sqlite => format!(
            "SELECT {COLUMNS} FROM release r
             WHERE r.organization_id = ?1 AND r.id IS NOT ?2 AND r.last_commit_id IS NOT NULL
               AND COALESCE(r.date_released, r.date_added) <= ?3
               AND EXISTS (SELECT 1 FROM release_project rp
                           WHERE rp.release_id = r.id
                             AND rp.project_id IN (SELECT value FROM json_each(?4)))
             ORDER BY COALESCE(r.date_released, r.date_added) DESC, r.id DESC LIMIT 1"
        ),
        Dialect::Postgres => format!(
            "SELECT {COLUMNS} FROM release r
             WHERE r.organization_id = ?1 AND r.id IS DISTINCT FROM ?2::bigint
               AND r.last_commit_id IS NOT NULL
               AND COALESCE(r.date_released, r.date_added) <= ?3
               AND EXISTS (SELECT 1 FROM release_project rp
                           WHERE rp.release_id = r.id
                             AND rp.project_id IN
                                 (SELECT json_array_elements_text(?4::json)::bigint))
             ORDER BY COALESCE(r.date_released, r.date_added) DESC, r.id DESC LIMIT 1"
        ),
    };
    let projects = serde_json::to_string(project_ids)?;
    Ok(conn.query_opt(
        &sql,
        params![org_id, exclude, not_after, projects],
        release_from_row,
    )?)
}

/// Records a RELEASE activity (type 10) on a project.
pub fn insert_release_activity(
    conn: &Db<'_>,
    project_id: i64,
    version: &str,
    datetime: &str,
) -> Result<()> {
    let ident = crate::domain::version::version_ident(version);
    let data = serde_json::json!({ "version": version }).to_string();
    conn.execute(
        "INSERT INTO activity (project_id, group_id, type, ident, user_id, datetime, data)
         VALUES (?1, NULL, 10, ?2, NULL, ?3, ?4)",
        params![project_id, ident, datetime, data],
    )?;
    Ok(())
}

/// How many issues are resolved in this release (a release they point at cannot be deleted).
pub fn resolution_count(conn: &Db<'_>, release_id: i64) -> Result<i64> {
    Ok(conn.query_one(
        "SELECT COUNT(*) FROM group_resolution WHERE release_id = ?1",
        params![release_id],
        |row| row.get(0),
    )?)
}
