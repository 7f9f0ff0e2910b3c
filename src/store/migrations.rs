//! Versioned schema migrations, applied when a store is opened.
//!
//! The schema version is SQLite's `user_version`. All pending migrations run in one
//! `BEGIN IMMEDIATE` transaction, so two processes opening a new store at the same moment cannot
//! both apply them, and a failure leaves the store at its previous version.

use rusqlite::{Connection, TransactionBehavior, params};

use crate::error::{Error, Result};

/// Migration N (1-based) is `MIGRATIONS[N - 1]`.
const MIGRATIONS: &[&str] = &[include_str!("schema_v1.sql"), include_str!("schema_v2.sql")];

/// The organization every new store holds (cli.md, "Targets").
pub const DEFAULT_ORG_SLUG: &str = "default";

pub fn apply(conn: &mut Connection) -> Result<()> {
    let current: i64 = conn.pragma_query_value(None, "user_version", |row| row.get(0))?;
    let latest = MIGRATIONS.len() as i64;
    if current == latest {
        return Ok(());
    }
    if current > latest {
        return Err(Error::usage(format!(
            "the store has schema version {current}, newer than this relctl understands ({latest}); upgrade relctl"
        )));
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read under the write lock: another process may have migrated meanwhile.
    let current: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(current.max(0) as usize) {
        tx.execute_batch(sql)?;
        if index == 0 {
            tx.execute(
                "INSERT INTO organization (slug, name, date_added) VALUES (?1, ?2, ?3)",
                params![
                    DEFAULT_ORG_SLUG,
                    "Default",
                    crate::time::format_ts(chrono::Utc::now())
                ],
            )?;
        }
    }
    tx.pragma_update(None, "user_version", latest)?;
    tx.commit()?;
    Ok(())
}
