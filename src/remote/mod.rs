//! The remote target: every backend request sent to a server speaking Sentry's REST API
//! (Sentry itself, or `relctl serve`).
//!
//! Writes are built by [`calls`] (the same functions `--dry-run` prints).

pub mod calls;

pub use calls::{HttpCall, Method};
