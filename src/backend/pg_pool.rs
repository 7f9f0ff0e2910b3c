//! The connections a [`LocalBackend`](super::local::LocalBackend) keeps to a PostgreSQL store.
//!
//! Why it exists: `serve` runs each request's store work on a blocking thread with one
//! synchronous connection ([`PgStore`]), and many requests run at once, so connections are
//! reused rather than opened per request, and their number is capped (`serve --pool-size`) so
//! that all instances together stay under the server's `max_connections`. When every
//! connection is lent, a request waits at most [`PG_POOL_WAIT`] and then fails with a conflict
//! (409, exit 4) instead of queueing without end. A connection the server closed is not given
//! back but dropped, and [`Lent::reused`] tells the backend whether a connection had sat idle,
//! so a request that failed at `BEGIN` on one that went stale meanwhile can run again on the
//! next (`LocalBackend::with_store`).

use std::sync::{Condvar, Mutex};
use std::time::Duration;

use crate::error::{Error, Result};
use crate::store::postgres::PgStore;

/// How long a request waits for a free PostgreSQL connection before it fails with a conflict.
const PG_POOL_WAIT: Duration = Duration::from_secs(30);

/// The connections to a PostgreSQL store: at most `max` open at once, idle ones reused, a
/// broken one dropped. A request that finds all in use waits (at most [`PG_POOL_WAIT`]).
pub(super) struct PgPool {
    url: String,
    max: usize,
    state: Mutex<PoolState>,
    freed: Condvar,
}

#[derive(Default)]
struct PoolState {
    idle: Vec<PgStore>,
    /// Connections open, idle or lent.
    open: usize,
}

/// A connection lent by the pool; it goes back (or, broken, is closed) when dropped.
pub(super) struct Lent<'p> {
    pool: &'p PgPool,
    store: Option<PgStore>,
    /// Whether it had served a request before (an idle connection, not a new one).
    reused: bool,
}

impl Lent<'_> {
    /// The connection (a [`Lent`] holds one until it is dropped).
    pub(super) fn store(&mut self) -> Result<&mut PgStore> {
        self.store
            .as_mut()
            .ok_or_else(|| Error::other("internal error: a returned connection was used"))
    }

    /// Whether it had served a request before (an idle connection, not a new one).
    pub(super) fn reused(&self) -> bool {
        self.reused
    }
}

impl Drop for Lent<'_> {
    fn drop(&mut self) {
        let Some(store) = self.store.take() else {
            return;
        };
        let Ok(mut state) = self.pool.state.lock() else {
            return;
        };
        if store.is_usable() {
            state.idle.push(store);
        } else {
            state.open = state.open.saturating_sub(1);
        }
        self.pool.freed.notify_one();
    }
}

impl PgPool {
    /// A pool for the database at `url` (nothing is opened yet), keeping at most `max`
    /// connections open.
    pub(super) fn new(url: String, max: usize) -> PgPool {
        PgPool {
            url,
            max,
            state: Mutex::new(PoolState::default()),
            freed: Condvar::new(),
        }
    }

    /// The most connections open at once.
    pub(super) fn max(&self) -> usize {
        self.max
    }

    /// Connections lent now (open and not idle).
    pub(super) fn in_use(&self) -> usize {
        self.state
            .lock()
            .map_or(0, |state| state.open.saturating_sub(state.idle.len()))
    }

    /// Keeps at most `max` connections open (at least one).
    pub(super) fn set_max(&mut self, max: usize) {
        self.max = max.max(1);
    }

    /// An idle connection, else a new one while fewer than `max` are open, else the first one
    /// given back within [`PG_POOL_WAIT`]; a conflict after that.
    pub(super) fn get(&self) -> Result<Lent<'_>> {
        let poisoned = || Error::other("internal error: the connection pool is poisoned");
        let deadline = std::time::Instant::now() + PG_POOL_WAIT;
        let mut state = self.state.lock().map_err(|_| poisoned())?;
        loop {
            if let Some(store) = state.idle.pop() {
                return Ok(Lent {
                    pool: self,
                    store: Some(store),
                    reused: true,
                });
            }
            if state.open < self.max {
                state.open += 1;
                drop(state);
                return match PgStore::connect(&self.url) {
                    Ok(store) => Ok(Lent {
                        pool: self,
                        store: Some(store),
                        reused: false,
                    }),
                    Err(err) => {
                        if let Ok(mut state) = self.state.lock() {
                            state.open = state.open.saturating_sub(1);
                        }
                        self.freed.notify_one();
                        Err(err)
                    }
                };
            }
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return Err(Error::conflict(format!(
                    "all {} connections to the store database are busy; retry in a moment",
                    self.max
                )));
            }
            state = self
                .freed
                .wait_timeout(state, left)
                .map_err(|_| poisoned())?
                .0;
        }
    }
}
