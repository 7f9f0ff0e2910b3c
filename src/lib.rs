//! relctl: a release manager that speaks Sentry's release flow, on an embedded SQLite store.

pub mod domain;
pub mod git;
