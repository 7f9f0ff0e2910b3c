//! Copying a SQLite store into PostgreSQL (`relctl store migrate`): the only use case that works
//! on two stores at once, so it takes their locations, not a backend. `crate::store::copy` says
//! how the copy is made and verified; this says what it was asked and what it did.

use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::error::{Error, Result};
use crate::secrets::shown_store_url;
use crate::store::copy::{self, Mode};
use crate::store::postgres::is_url;

/// What a migration did (`--format json` of `store migrate`).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    pub from: String,
    /// The URL, its password masked.
    pub to: String,
    /// True when the copy was rolled back (`--dry-run`).
    pub dry_run: bool,
    /// In the order they were loaded.
    pub tables: Vec<TableRows>,
    /// Rows of every table together.
    pub rows: u64,
    pub seconds: f64,
}

#[derive(Debug, Serialize)]
pub struct TableRows {
    pub name: String,
    pub rows: u64,
}

/// Copies the SQLite store `from` into the PostgreSQL database `to`, verified, or (with
/// `rehearse`) copies, verifies and rolls back. `log` gets the `-v` lines.
pub fn migrate(
    from: &Path,
    to: &str,
    rehearse: bool,
    log: &mut dyn FnMut(&str),
) -> Result<Migration> {
    if !is_url(to) {
        return Err(Error::usage(format!(
            "--to must be a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE), not {}",
            shown_store_url(to)
        )));
    }
    if from.to_str().is_some_and(is_url) {
        return Err(Error::usage(
            "--from must be a SQLite store file, not a PostgreSQL URL (copy between PostgreSQL databases with pg_dump)",
        ));
    }
    let mode = if rehearse {
        Mode::Rehearse
    } else {
        Mode::Commit
    };
    let started = Instant::now();
    let copied = copy::sqlite_to_postgres(from, to, mode, log)?;
    Ok(Migration {
        from: from.display().to_string(),
        to: shown_store_url(to),
        dry_run: rehearse,
        rows: copied.iter().map(|t| t.rows).sum(),
        tables: copied
            .into_iter()
            .map(|t| TableRows {
                name: t.name,
                rows: t.rows,
            })
            .collect(),
        seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    })
}
