//! SQL for API tokens (the `api_token` table of migration 2).
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
}

const COLUMNS: &str = "id, name, token_hash, scopes, date_created, last_used";

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
}

/// Inserts a token; returns its id.
pub fn insert(conn: &Db<'_>, token: &NewTokenRow<'_>) -> Result<i64> {
    let scopes = serde_json::to_string(token.scopes)
        .map_err(|err| Error::other(format!("cannot encode token scopes: {err}")))?;
    Ok(conn.insert(
        "INSERT INTO api_token (name, token_hash, scopes, date_created) VALUES (?1, ?2, ?3, ?4)",
        params![token.name, token.token_hash, scopes, token.date_created],
    )?)
}

/// Every token, oldest first.
pub fn list(conn: &Db<'_>) -> Result<Vec<TokenRow>> {
    let rows = conn.query_all(
        &format!("SELECT {COLUMNS} FROM api_token ORDER BY date_created, id"),
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
        &format!("SELECT {COLUMNS} FROM api_token WHERE token_hash = ?1"),
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
