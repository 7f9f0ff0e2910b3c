//! SQL for API tokens (the `api_token` table of migration 2).
//!
//! `relctl serve` authenticates requests with bearer tokens. The store keeps only the hex SHA-256
//! of each secret, never the secret, so a leaked store file does not leak working tokens. What a
//! hash is and how it is compared belongs to `crate::flow::tokens`; this file only reads and
//! writes rows.

use rusqlite::{Connection, Row, params};

use super::optional;
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
fn raw(row: &Row<'_>) -> rusqlite::Result<(TokenRow, String)> {
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
pub fn insert(conn: &Connection, token: &NewTokenRow<'_>) -> Result<i64> {
    let scopes = serde_json::to_string(token.scopes)
        .map_err(|err| Error::other(format!("cannot encode token scopes: {err}")))?;
    conn.execute(
        "INSERT INTO api_token (name, token_hash, scopes, date_created) VALUES (?1, ?2, ?3, ?4)",
        params![token.name, token.token_hash, scopes, token.date_created],
    )?;
    Ok(conn.last_insert_rowid())
}

/// Every token, oldest first.
pub fn list(conn: &Connection) -> Result<Vec<TokenRow>> {
    let mut stmt = conn.prepare(&format!(
        "SELECT {COLUMNS} FROM api_token ORDER BY date_created, id"
    ))?;
    let rows = stmt.query_map([], raw)?;
    let mut tokens = Vec::new();
    for row in rows {
        tokens.push(decode(row?)?);
    }
    Ok(tokens)
}

/// Deletes the token; whether there was one.
pub fn delete(conn: &Connection, id: i64) -> Result<bool> {
    let deleted = conn.execute("DELETE FROM api_token WHERE id = ?1", params![id])?;
    Ok(deleted > 0)
}

/// The token whose secret hashes to `token_hash`, if any.
pub fn find_by_hash(conn: &Connection, token_hash: &str) -> Result<Option<TokenRow>> {
    let found = optional(conn.query_row(
        &format!("SELECT {COLUMNS} FROM api_token WHERE token_hash = ?1"),
        params![token_hash],
        raw,
    ))?;
    found.map(decode).transpose()
}

/// Records that the token was just used.
pub fn touch_last_used(conn: &Connection, id: i64, now: &str) -> Result<()> {
    conn.execute(
        "UPDATE api_token SET last_used = ?2 WHERE id = ?1",
        params![id, now],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_1_store_gains_the_tokens_table_on_upgrade() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("schema_v1.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        let shown = std::path::Path::new("s.db");
        let schema = super::super::migrations::inspect(&conn, shown).unwrap();
        let tx = conn.transaction().unwrap();
        super::super::migrations::upgrade(&tx, schema, shown).unwrap();
        tx.commit().unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, 2);
        let scopes = vec!["org:read".to_string()];
        let id = insert(
            &conn,
            &NewTokenRow {
                name: None,
                token_hash: "ab",
                scopes: &scopes,
                date_created: "2026-01-01T00:00:00.000000Z",
            },
        )
        .unwrap();
        let found = find_by_hash(&conn, "ab").unwrap().unwrap();
        assert_eq!(found.id, id);
        assert_eq!(found.scopes, scopes);
    }
}
