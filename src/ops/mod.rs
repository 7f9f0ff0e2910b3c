//! The use cases (cargo's `ops`): what a command or a request handler orchestrates over a
//! [`Backend`](crate::backend::Backend), written once. The command line and `serve`'s pages call
//! one function here and only print or render what it returns, so a rule of "what the user
//! asked" never lives in a face of relctl.
//!
//! - [`release_overview`]: what a person sees of a release beside its own details (`release
//!   info`, the release page).
//! - [`range_start`]: where a release's range of commits starts in a repository
//!   (`release set-commits`, `serve`'s `refs`).
//! - [`set_commits`]: reading git on a thread of its own and binding what it reads, batch by
//!   batch, in one request (`release set-commits`); [`refs`]: letting the server read them
//!   when there is no local history.
//! - [`store_migrate`]: copying a SQLite store into PostgreSQL (`store migrate`).
//! - [`info`]: the target and whether it takes the token (`info`).

pub mod info;
pub mod range_start;
pub mod refs;
pub mod release_overview;
pub mod set_commits;
pub mod store_migrate;
