//! Snowflake ids for projects: Sentry's per-second counter with look-back, and its save retries.
//!
//! The counter lives in the store (table `snowflake_sequence`), which every writer reaches only
//! under SQLite's write lock, so processes sharing a store never hand out the same id; or, with a
//! Redis URL, in Redis under Sentry's keys (`crate::redis_sequence`), so processes sharing that
//! Redis never do, whichever store they write.

use crate::store::sql::{Db, DbResult};

use crate::domain::snowflake::{GenerateError, MAX_SAVE_RETRIES, generate_id, seconds_since_epoch};
use crate::error::{Error, Result};
use crate::store::sequence;

use super::FlowEnv;

use crate::redis_sequence::COUNTER_TTL_SECONDS;

/// The next snowflake id: the current second's counter, else a free slot of one of the previous
/// 299 seconds (the look-back rule lives in `domain::snowflake::generate_id`; the counter here).
pub fn next_id(conn: &Db<'_>, env: &FlowEnv) -> Result<i64> {
    let now = env.now.timestamp();
    let start = seconds_since_epoch(env.now).ok_or_else(|| {
        Error::other("the system clock is before the snowflake epoch (2022-08-08)")
    })?;
    if env.redis.is_none() {
        sequence::purge_expired(conn, now)?;
    }
    let increment = |second: u64| -> Result<u64> {
        if let Some(redis) = &env.redis {
            return redis.increment(second);
        }
        let second =
            i64::try_from(second).map_err(|_| Error::other("snowflake second out of range"))?;
        let value = sequence::increment(conn, second, now + COUNTER_TTL_SECONDS)?;
        Ok(u64::try_from(value).unwrap_or(u64::MAX))
    };
    generate_id(start, env.region_id, increment).map_err(|err| match err {
        GenerateError::Counter(err) => err,
        GenerateError::Snowflake(err) => Error::conflict(format!(
            "cannot make a snowflake id: {err}; retry in a second"
        )),
    })
}

/// Sentry's `save_with_snowflake_id`: up to five attempts, each with a fresh id, retrying only
/// on a uniqueness clash. `save` runs inside a savepoint so a failed attempt leaves no trace.
pub fn save_with_snowflake_id<T>(
    conn: &Db<'_>,
    env: &FlowEnv,
    mut save: impl FnMut(i64) -> DbResult<T>,
) -> Result<T> {
    for _ in 0..MAX_SAVE_RETRIES {
        let id = next_id(conn, env)?;
        match conn.savepoint(|| save(id)) {
            Ok(value) => return Ok(value),
            Err(err) if err.is_unique_violation() => {}
            Err(err) => return Err(err.into()),
        }
    }
    Err(Error::conflict(
        "Max allowed ID retry reached. Please try again in a second",
    ))
}
