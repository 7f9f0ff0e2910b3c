//! The embedded SQLite store: opening, migrations, transactions, and the SQL of every table.
//!
//! All SQL of relctl lives below this module, one file per group of tables, and every statement
//! takes parameters. The flow (`crate::flow`) decides *what* to write; these functions only say
//! *how* to read and write it.
//!
//! Concurrency: many relctl processes (CI jobs) may share one store. The file is in WAL mode so
//! readers never block writers, every write runs in a `BEGIN IMMEDIATE` transaction so writers
//! queue on SQLite's write lock instead of failing half-way, and a busy timeout makes a queued
//! writer wait rather than error. That write lock is also the "lock per organization" Sentry
//! takes around slug generation and the counter behind snowflake ids.

pub mod commits;
pub mod deploys;
pub mod issues;
mod migrations;
pub mod orgs;
pub mod projects;
pub mod releases;
pub mod sequence;
pub mod tokens;

pub use migrations::DEFAULT_ORG_SLUG;

use std::fs::OpenOptions;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::Path;
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

use crate::error::{Error, Result};

/// How long a writer waits for another process's write transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// An open store. Dropping it closes the connection.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens the store at `path`, creating it (mode 0600, migrations applied) when missing.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            // Directories made here are private too (existing ones are left as they are).
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(parent)
                .map_err(|err| {
                    Error::other(format!(
                        "cannot create the store directory {}: {err}",
                        parent.display()
                    ))
                })?;
        }
        create_private_file(path)?;
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags).map_err(|err| {
            Error::other(format!("cannot open the store {}: {err}", path.display()))
        })?;
        Store::prepare(conn, path, true)
    }

    /// Opens the store for reading. A store that does not exist yet is not created: the reader
    /// sees what a new store holds (an in-memory one), and nothing is written to disk.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        if path.exists() {
            return Store::open(path);
        }
        let conn = Connection::open_in_memory()?;
        Store::prepare(conn, path, false)
    }

    fn prepare(mut conn: Connection, path: &Path, on_disk: bool) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        if on_disk {
            set_wal_mode(&conn)?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        migrations::apply(&mut conn).map_err(|err| match err.kind {
            crate::error::ErrorKind::Usage => err,
            _ => Error::new(
                err.kind,
                format!(
                    "cannot prepare the store {}: {}",
                    path.display(),
                    err.message
                ),
            ),
        })?;
        Ok(Store { conn })
    }

    /// How long a writer waits for the write lock before the command fails with a conflict.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        Ok(())
    }

    /// Runs `work` in one write transaction: all of it is committed, or none of it.
    pub fn write<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let value = work(&tx)?;
        tx.commit()?;
        Ok(value)
    }

    /// Runs `work` in one read transaction, so it sees a single consistent state.
    pub fn read<T>(&mut self, work: impl FnOnce(&Transaction<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        let value = work(&tx)?;
        tx.finish()?;
        Ok(value)
    }
}

/// Creates an empty file readable only by its owner, unless it exists.
fn create_private_file(path: &Path) -> Result<()> {
    match OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(Error::other(format!(
            "cannot create the store {}: {err}",
            path.display()
        ))),
    }
}

/// Switches to WAL. Another process switching at the same moment can make SQLite answer "busy"
/// even with a busy timeout, so this retries for a while.
fn set_wal_mode(conn: &Connection) -> Result<()> {
    let mut last_err = None;
    for _ in 0..200 {
        match conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
        {
            Ok(_) => return Ok(()),
            Err(err)
                if matches!(
                    err.sqlite_error_code(),
                    Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
                ) =>
            {
                last_err = Some(err);
                std::thread::sleep(Duration::from_millis(25));
            }
            Err(err) => return Err(err.into()),
        }
    }
    Err(last_err.map_or_else(|| Error::conflict("the store stayed busy"), Error::from))
}

/// Maps "no row" to `None`, so lookups read as `Option`s.
pub(crate) fn optional<T>(result: rusqlite::Result<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(err) => Err(err.into()),
    }
}

/// Whether an error is a UNIQUE/PRIMARY KEY violation (the "IntegrityError" of the flow).
pub(crate) fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}
