//! relctl: a release manager that speaks Sentry's release flow, on an embedded SQLite store.
//!
//! Data flows one way: command-line arguments (`cli`) become calls of the flow (`flow`), which
//! validates and then writes through the store (`store`) in one transaction; results come back
//! as the JSON shapes of `model` and are printed by `output`. `git` reads commits and `domain`
//! holds the rules that need no I/O. What serve and the `-v` client log goes through `logging`.

pub mod api;
pub mod backend;
pub mod cli;
pub mod config;
pub mod domain;
pub mod error;
pub mod flow;
pub mod git;
pub mod logging;
pub mod model;
pub mod ops;
pub mod output;
pub mod propose_version;
pub mod redis_sequence;
pub mod remote;
pub mod secrets;
pub mod sentryclirc;
pub mod server;
pub mod store;
pub mod time;

#[cfg(test)]
mod props_tests;
