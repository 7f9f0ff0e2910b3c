//! SQL for API tokens (the `api_token` table of migration 2, bound to an organization since
//! migration 3) and for the release pages' sessions (`page_session`, migration 3).
//!
//! `relctl serve` authenticates requests with bearer tokens. The store keeps only the hex SHA-256
//! of each secret, never the secret, so a leaked store file does not leak working tokens. What a
//! hash is and how it is compared belongs to `crate::flow::tokens`; this file only reads and
//! writes rows.

use super::sql::{Db, DbResult, Row, params};

use crate::error::{Error, Result};

/// One `api_token` row, scopes decoded from their JSON array.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenRow {
    pub id: i64,
    pub name: Option<String>,
    pub token_hash: String,
    pub scopes: Vec<String>,
    pub date_created: String,
    pub last_used: Option<String>,
    /// Where the token may act (`Binding`).
    pub binding: Binding,
}

/// Where a token may act.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// In this organization only (its id and slug).
    Organization(i64, String),
    /// In every organization, as made with `--all-organizations`.
    All,
    /// Made before tokens were bound: everywhere, as then.
    Unbound,
}

const COLUMNS: &str = "t.id, t.name, t.token_hash, t.scopes, t.date_created, t.last_used,
    t.organization_id, o.slug, t.all_organizations";

const FROM: &str = "api_token t LEFT JOIN organization o ON o.id = t.organization_id";

/// Reads a row selected with [`COLUMNS`]. The scopes stay JSON text here; [`decode`] parses them
/// outside the row callback so a bad value becomes a readable error.
fn raw(row: &Row<'_>) -> DbResult<(TokenRow, String)> {
    Ok((
        TokenRow {
            id: row.get(0)?,
            name: row.get(1)?,
            token_hash: row.get(2)?,
            scopes: Vec::new(),
            date_created: row.get(4)?,
            last_used: row.get(5)?,
            binding: match (row.get::<Option<i64>>(6)?, row.get::<Option<String>>(7)?) {
                (Some(id), Some(slug)) => Binding::Organization(id, slug),
                _ if row.get::<i64>(8)? != 0 => Binding::All,
                _ => Binding::Unbound,
            },
        },
        row.get(3)?,
    ))
}

fn decode((mut token, scopes): (TokenRow, String)) -> Result<TokenRow> {
    token.scopes = serde_json::from_str(&scopes).map_err(|err| {
        Error::other(format!(
            "the store holds bad scopes for API token {}: {err}",
            token.id
        ))
    })?;
    Ok(token)
}

pub struct NewTokenRow<'a> {
    pub name: Option<&'a str>,
    pub token_hash: &'a str,
    pub scopes: &'a [String],
    pub date_created: &'a str,
    /// The organization's id, or `None` for a token made for all of them.
    pub organization_id: Option<i64>,
}

/// Inserts a token; returns its id.
pub fn insert(conn: &Db<'_>, token: &NewTokenRow<'_>) -> Result<i64> {
    let scopes = serde_json::to_string(token.scopes)
        .map_err(|err| Error::other(format!("cannot encode token scopes: {err}")))?;
    let all = i64::from(token.organization_id.is_none());
    Ok(conn.insert(
        "INSERT INTO api_token (name, token_hash, scopes, date_created, organization_id,
             all_organizations) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            token.name,
            token.token_hash,
            scopes,
            token.date_created,
            token.organization_id,
            all
        ],
    )?)
}

/// Every token, oldest first.
pub fn list(conn: &Db<'_>) -> Result<Vec<TokenRow>> {
    let rows = conn.query_all(
        &format!("SELECT {COLUMNS} FROM {FROM} ORDER BY t.date_created, t.id"),
        params![],
        raw,
    )?;
    rows.into_iter().map(decode).collect()
}

/// Deletes the token; whether there was one.
pub fn delete(conn: &Db<'_>, id: i64) -> Result<bool> {
    let deleted = conn.execute("DELETE FROM api_token WHERE id = ?1", params![id])?;
    Ok(deleted > 0)
}

/// The token whose secret hashes to `token_hash`, if any.
pub fn find_by_hash(conn: &Db<'_>, token_hash: &str) -> Result<Option<TokenRow>> {
    let found = conn.query_opt(
        &format!("SELECT {COLUMNS} FROM {FROM} WHERE t.token_hash = ?1"),
        params![token_hash],
        raw,
    )?;
    found.map(decode).transpose()
}

/// Records that the token was just used.
pub fn touch_last_used(conn: &Db<'_>, id: i64, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE api_token SET last_used = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

/// Starts a page session for the token `token_id`; the caller keeps the secret whose hash this is.
pub fn insert_session(
    conn: &Db<'_>,
    session_hash: &str,
    token_id: i64,
    now: &str,
    expires_at: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO page_session (session_hash, token_id, date_created, expires_at)
         VALUES (?1, ?2, ?3, ?4)",
        params![session_hash, token_id, now, expires_at],
    )?;
    Ok(())
}

/// The token of the session whose secret hashes to `session_hash`, while it has not expired at
/// `now` (timestamps compare as text: both are RFC 3339 in UTC with the same precision).
pub fn find_by_session(conn: &Db<'_>, session_hash: &str, now: &str) -> Result<Option<TokenRow>> {
    let found = conn.query_opt(
        &format!(
            "SELECT {COLUMNS} FROM {FROM} JOIN page_session s ON s.token_id = t.id
             WHERE s.session_hash = ?1 AND s.expires_at > ?2"
        ),
        params![session_hash, now],
        raw,
    )?;
    found.map(decode).transpose()
}

/// Ends the session whose secret hashes to `session_hash` (if one is given), and every session
/// expired at `now`.
pub fn delete_sessions(conn: &Db<'_>, session_hash: Option<&str>, now: &str) -> Result<()> {
    conn.execute(
        "DELETE FROM page_session WHERE session_hash = ?1 OR expires_at <= ?2",
        params![session_hash, now],
    )?;
    Ok(())
}
