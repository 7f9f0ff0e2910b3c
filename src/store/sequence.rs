//! SQL for the per-second counter behind snowflake ids (Sentry's Redis `INCR` + `EXPIRE`).

use super::sql::{Db, params};

use crate::error::Result;

/// Increments the counter of `second` and returns its new value (1 on first use), like Redis
/// `INCR`. A counter's expiry is set when it is created, like `EXPIRE` after the first `INCR`.
pub fn increment(conn: &Db<'_>, second: i64, expires_at: i64) -> Result<i64> {
    Ok(conn.query_one(
        "INSERT INTO snowflake_sequence (second, value, expires_at) VALUES (?1, 1, ?2)
         ON CONFLICT (second) DO UPDATE SET value = snowflake_sequence.value + 1
         RETURNING value",
        params![second, expires_at],
        |row| row.get(0),
    )?)
}

/// Forgets counters whose time to live has passed (what Redis does by itself).
pub fn purge_expired(conn: &Db<'_>, now: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM snowflake_sequence WHERE expires_at <= ?1",
        params![now],
    )?;
    Ok(())
}
