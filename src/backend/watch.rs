//! What an operator watches a backend through (`relctl serve`'s `/readyz` and `/metrics`): the
//! parts a backend needs that can be down, how long its requests waited for the store, and how
//! many commits they bound.
//!
//! The waits and the commits are reported to a [`StoreObserver`] made the current one for a
//! thread with [`observed`]: `serve` does so around each request's blocking work, as it does
//! with its log subscriber, so every server counts its own requests (servers in one process,
//! as in tests, never mix their numbers) and the command line, which has no observer, pays
//! nothing. Nothing here is global.

use std::cell::RefCell;
use std::sync::Arc;
use std::time::Duration;

/// A part a backend needs, which a readiness check probes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// A SQLite store file.
    Store,
    /// A PostgreSQL store.
    Postgres,
    /// The Redis holding the snowflake sequence.
    Redis,
}

impl Part {
    /// Its name in a readiness answer.
    pub fn name(self) -> &'static str {
        match self {
            Part::Store => "store",
            Part::Postgres => "postgresql",
            Part::Redis => "redis",
        }
    }
}

/// What a request waited for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wait {
    /// A connection of the PostgreSQL pool (all lent: it waits for one to come back).
    Connection,
    /// The write lock: SQLite's (`BEGIN IMMEDIATE`) or the organization's advisory lock on
    /// PostgreSQL, counted from asking for the write transaction.
    WriteLock,
}

/// Connections to the store: lent now, and the most that may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolUse {
    pub in_use: usize,
    pub max: usize,
}

/// Told what the backend waited for and what it wrote.
pub trait StoreObserver: Send + Sync {
    fn waited(&self, wait: Wait, took: Duration);
    /// A write that committed bound `count` commits to a release.
    fn commits_bound(&self, count: u64);
}

thread_local! {
    static CURRENT: RefCell<Option<Arc<dyn StoreObserver>>> = const { RefCell::new(None) };
}

/// Runs `work` with `observer` as this thread's observer (the one before is put back after).
pub fn observed<T>(observer: &Arc<dyn StoreObserver>, work: impl FnOnce() -> T) -> T {
    struct Restore(Option<Arc<dyn StoreObserver>>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let before = self.0.take();
            CURRENT.with(|current| *current.borrow_mut() = before);
        }
    }
    let before = CURRENT.with(|current| current.borrow_mut().replace(Arc::clone(observer)));
    let _restore = Restore(before);
    work()
}

/// Tells this thread's observer, if any.
fn tell(what: impl FnOnce(&dyn StoreObserver)) {
    let observer = CURRENT.with(|current| current.borrow().clone());
    if let Some(observer) = observer {
        what(observer.as_ref());
    }
}

pub(crate) fn waited(wait: Wait, took: Duration) {
    tell(|observer| observer.waited(wait, took));
}

pub(crate) fn commits_bound(count: u64) {
    if count > 0 {
        tell(|observer| observer.commits_bound(count));
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;

    #[derive(Default)]
    struct Seen(Mutex<Vec<String>>);

    impl StoreObserver for Seen {
        fn waited(&self, wait: Wait, _took: Duration) {
            self.0.lock().unwrap().push(format!("{wait:?}"));
        }
        fn commits_bound(&self, count: u64) {
            self.0.lock().unwrap().push(format!("bound {count}"));
        }
    }

    #[test]
    fn only_the_current_observer_is_told_and_only_while_it_is_current() {
        let seen = Arc::new(Seen::default());
        let observer: Arc<dyn StoreObserver> = seen.clone();
        commits_bound(1);
        observed(&observer, || {
            waited(Wait::WriteLock, Duration::ZERO);
            commits_bound(3);
            commits_bound(0);
        });
        commits_bound(5);
        assert_eq!(*seen.0.lock().unwrap(), ["WriteLock", "bound 3"]);
    }
}
