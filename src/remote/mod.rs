//! The remote target: every backend request sent to a server speaking Sentry's REST API
//! (Sentry itself, or `relctl serve`).
//!
//! Writes are built by [`calls`] (the same functions `--dry-run` prints) and sent by [`http`]
//! (timeouts, bounded retries); [`answer`] says what a status means (error kinds,
//! `Retry-After`, the next page).

pub mod answer;
pub mod calls;
pub mod http;

pub use calls::{HttpCall, Method};
pub use http::{HttpClient, HttpConfig, Log, RetryPolicy};
