//! SQL for organizations, their options and their audit log.

use super::sql::{Db, DbResult, Row, params};

use crate::error::{Error, ErrorKind, Result};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrgRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub date_added: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    pub id: i64,
    pub event: String,
    pub data: String,
    pub date_added: String,
}

fn org_from_row(row: &Row<'_>) -> DbResult<OrgRow> {
    Ok(OrgRow {
        id: row.get(0)?,
        slug: row.get(1)?,
        name: row.get(2)?,
        date_added: row.get(3)?,
    })
}

pub fn find_by_slug(conn: &Db<'_>, slug: &str) -> Result<Option<OrgRow>> {
    Ok(conn.query_opt(
        "SELECT id, slug, name, date_added FROM organization WHERE slug = ?1",
        params![slug],
        org_from_row,
    )?)
}

pub fn insert(conn: &Db<'_>, slug: &str, name: &str, now: &str) -> Result<i64> {
    Ok(conn.insert(
        "INSERT INTO organization (slug, name, date_added) VALUES (?1, ?2, ?3)",
        params![slug, name, now],
    )?)
}

pub fn list(conn: &Db<'_>) -> Result<Vec<OrgRow>> {
    Ok(conn.query_all(
        "SELECT id, slug, name, date_added FROM organization ORDER BY slug",
        params![],
        org_from_row,
    )?)
}

/// Gives organization `id` a new slug and name. A slug another organization took meanwhile (a
/// rename racing this one) is a conflict on the `slug` field.
pub fn rename(conn: &Db<'_>, id: i64, slug: &str, name: &str) -> Result<()> {
    match conn.execute(
        "UPDATE organization SET slug = ?1, name = ?2 WHERE id = ?3",
        params![slug, name, id],
    ) {
        Ok(_) => Ok(()),
        Err(err) if err.is_unique_violation() => {
            let mut conflict = Error::invalid_fields(vec![(
                "slug".to_string(),
                "An organization with this slug already exists.".to_string(),
            )]);
            conflict.kind = ErrorKind::Conflict;
            Err(conflict)
        }
        Err(err) => Err(err.into()),
    }
}

/// The stored JSON value of an option, if a row exists.
pub fn option_value(conn: &Db<'_>, org_id: i64, key: &str) -> Result<Option<String>> {
    Ok(conn.query_opt(
        "SELECT value FROM organization_option WHERE organization_id = ?1 AND key = ?2",
        params![org_id, key],
        |row| row.get(0),
    )?)
}

pub fn save_option(conn: &Db<'_>, org_id: i64, key: &str, value_json: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO organization_option (organization_id, key, value) VALUES (?1, ?2, ?3)
         ON CONFLICT (organization_id, key) DO UPDATE SET value = excluded.value",
        params![org_id, key, value_json],
    )?;
    Ok(())
}

/// Every stored option as (key, JSON value), ordered by key.
pub fn options(conn: &Db<'_>, org_id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn.query_all(
        "SELECT key, value FROM organization_option WHERE organization_id = ?1 ORDER BY key",
        params![org_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

pub fn insert_audit(
    conn: &Db<'_>,
    org_id: i64,
    event: &str,
    data_json: &str,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO audit_log (organization_id, event, data, date_added) VALUES (?1, ?2, ?3, ?4)",
        params![org_id, event, data_json, now],
    )?;
    Ok(())
}

/// The audit log, newest first.
/// The audit log, newest first; only entries of `event` (e.g. `ORG_EDIT`) when given.
pub fn audit(conn: &Db<'_>, org_id: i64, event: Option<&str>, limit: i64) -> Result<Vec<AuditRow>> {
    Ok(conn.query_all(
        conn.pick(
            "SELECT id, event, data, date_added FROM audit_log
             WHERE organization_id = ?1 AND (?2 IS NULL OR event = ?2)
             ORDER BY date_added DESC, id DESC LIMIT ?3",
            "SELECT id, event, data, date_added FROM audit_log
             WHERE organization_id = ?1 AND (?2::text IS NULL OR event = ?2)
             ORDER BY date_added DESC, id DESC LIMIT ?3",
        ),
        params![org_id, event, limit],
        |row| {
            Ok(AuditRow {
                id: row.get(0)?,
                event: row.get(1)?,
                data: row.get(2)?,
                date_added: row.get(3)?,
            })
        },
    )?)
}
