//! The store: the SQL of every table (one file per group of tables), the embedded SQLite store
//! (opening, migrations, transactions: this file, `file.rs`, `migrations.rs`), and the
//! PostgreSQL store for shared deployments (`postgres.rs`); [`Location`] says which a
//! `--store` names and [`StoreConn`] runs transactions on either.
//!
//! All SQL of relctl lives below this module, one file per group of tables, and every statement
//! takes parameters. The flow (`crate::flow`) decides *what* to write; these functions only say
//! *how* to read and write it. They run on a [`sql::Db`], the seam between that SQL and the
//! engine (see `sql/mod.rs`): only this file's opening and transaction code, `file.rs`,
//! `migrations.rs` and `sql/sqlite.rs` know they are talking to SQLite.
//!
//! Which files are stores: a relctl store carries `PRAGMA application_id` 0x52454C43 ("RELC",
//! [`APPLICATION_ID`]). A directory, a file that is not a SQLite database, another application's
//! database, a damaged store or a newer relctl's store is refused (exit 2) before anything is
//! written, and stays byte-for-byte as it was (`file.rs`, `migrations.rs`). Stores made before
//! the mark are recognised by their schema version and tables and marked by their first write.
//!
//! Nothing is written unless a write commits: a new store is built in a temporary file and put in
//! place only when the command's write committed (`file.rs`); migrations and the mark run inside
//! the write transaction that needs them ([`Store::write`]); reads use a connection that cannot
//! write, never migrate and never change the journal mode, and see an old store's contents
//! through an in-memory copy brought up to date. A missing store reads as a new one.
//!
//! Concurrency: many relctl processes (CI jobs) may share one store. The file is in WAL mode so
//! readers never block writers, every write runs in a `BEGIN IMMEDIATE` transaction so writers
//! queue on SQLite's write lock instead of failing half-way, and a busy timeout makes a queued
//! writer wait rather than error. That write lock is also the "lock per organization" Sentry
//! takes around slug generation and the counter behind snowflake ids.

pub mod commits;
pub mod copy;
pub mod deploys;
mod file;
mod held;
pub mod issues;
mod migrations;
pub mod orgs;
mod pg_tls;
pub mod postgres;
pub mod projects;
pub mod releases;
pub mod sequence;
pub mod sql;
pub mod tokens;

pub use file::Created;
pub use migrations::{APPLICATION_ID, DEFAULT_ORG_SLUG};

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, TransactionBehavior};

use crate::error::{Error, ErrorKind, Result};
use file::Found;
use migrations::Schema;
use sql::Db;

/// How long a writer waits for another process's write transaction before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

/// What a [`Store`]'s connection is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A read-write connection to the store file.
    Writer,
    /// A connection to the store file that cannot write (`file::open_for_query`).
    Reader,
    /// A new store in its temporary file (`file::create`).
    New,
    /// In memory: what a new store holds, or an old store's contents at the latest schema.
    Memory,
}

/// An open store. Dropping it closes the connection.
pub struct Store {
    conn: Connection,
    /// The connection's claim on the store file (`held.rs`), given back after `conn` closes
    /// (fields drop in order); `None` in memory.
    _hold: Option<held::Hold>,
    kind: Kind,
    /// The store's path, for messages (a new store's temporary name is never shown).
    shown: PathBuf,
    /// Whether a writer has made sure the store is in WAL mode.
    wal_checked: bool,
    /// Whether the store is known to be at the latest schema (reads need that).
    current: bool,
}

impl Store {
    fn new(conn: Connection, hold: Option<held::Hold>, kind: Kind, shown: &Path) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.set_prepared_statement_cache_capacity(sql::STATEMENT_CACHE_CAPACITY);
        Ok(Store {
            conn,
            _hold: hold,
            kind,
            shown: shown.to_path_buf(),
            wal_checked: kind != Kind::Writer,
            current: kind == Kind::Reader,
        })
    }

    /// A new store's contents, in memory (what reading a missing store sees; unit tests).
    pub fn in_memory() -> Result<Store> {
        Store::fresh_in_memory(Path::new(":memory:"))
    }

    fn fresh_in_memory(shown: &Path) -> Result<Store> {
        let mut store = Store::new(Connection::open_in_memory()?, None, Kind::Memory, shown)?;
        store.write(|_| Ok(()))?;
        Ok(store)
    }

    /// Opens the store at `path` for writing, creating it (mode 0600, migrations applied,
    /// directories made) when missing.
    pub fn open(path: &Path) -> Result<Store> {
        for _ in 0..3 {
            if let Some(store) = Store::open_existing(path)? {
                return Ok(store);
            }
            create(path, &mut |_| Ok(()))?;
        }
        Err(Error::other(format!(
            "the store {} disappeared while it was being created",
            path.display()
        )))
    }

    /// Opens an existing store for writing; `None` when there is nothing at `path` (see
    /// [`create`]). Anything that is not a relctl store is refused, unchanged.
    pub fn open_existing(path: &Path) -> Result<Option<Store>> {
        match file::probe(path)? {
            Found::Missing => return Ok(None),
            Found::Unmarked | Found::Held => {
                // Another application's database must not be opened for writing at all.
                let (conn, _hold) = file::open_for_query(path)?;
                migrations::inspect(&conn, path)?;
            }
            Found::Empty | Found::Marked => {}
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, hold) =
            file::connect(path, path, flags).map_err(|err| cannot_write(path, err))?;
        let mut store = Store::new(conn, Some(hold), Kind::Writer, path)?;
        let mode: String = store
            .conn
            .pragma_query_value(None, "journal_mode", |row| row.get(0))
            .map_err(|err| cannot_write(path, err))?;
        if mode.eq_ignore_ascii_case("wal") {
            store.conn.pragma_update(None, "synchronous", "NORMAL")?;
            store.wal_checked = true;
        }
        Ok(Some(store))
    }

    /// Opens the store for reading: nothing is written, created, migrated or switched to WAL.
    /// A missing (or empty) store reads as a new one; an old store reads through an in-memory
    /// copy brought to the latest schema.
    pub fn open_for_reading(path: &Path) -> Result<Store> {
        match file::probe(path)? {
            Found::Missing | Found::Empty => Store::fresh_in_memory(path),
            Found::Marked | Found::Unmarked | Found::Held => {
                let (conn, hold) = file::open_for_query(path)?;
                match migrations::inspect(&conn, path)? {
                    Schema::Empty => Store::fresh_in_memory(path),
                    schema if schema.is_current() => {
                        Store::new(conn, Some(hold), Kind::Reader, path)
                    }
                    _ => Store::upgraded_copy(&conn, path),
                }
            }
        }
    }

    /// An old store's contents, copied into memory and migrated there.
    fn upgraded_copy(conn: &Connection, path: &Path) -> Result<Store> {
        let mut copy = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(conn, &mut copy)
            .and_then(|backup| backup.run_to_completion(1024, Duration::from_millis(10), None))
            .map_err(|err| file::open_error(path, &err))?;
        let mut store = Store::new(copy, None, Kind::Memory, path)?;
        store.write(|_| Ok(()))?;
        Ok(store)
    }

    /// A new store in the temporary file `temp`, initialised; `shown` is where it will be.
    fn open_new(temp: &Path, shown: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let (conn, hold) =
            file::connect(temp, temp, flags).map_err(|err| file::open_error(shown, &err))?;
        let mut store = Store::new(conn, Some(hold), Kind::New, shown)?;
        store.write(|_| Ok(()))?;
        Ok(store)
    }

    /// Finishes a new store: WAL mode from its first use on, and every byte in the main file
    /// (a new store is written with a rollback journal, so closing leaves no WAL to lose).
    fn finish_new(self) -> Result<()> {
        let shown = self.shown;
        self.conn
            .pragma_update_and_check(None, "journal_mode", "WAL", |row| row.get::<_, String>(0))
            .map_err(|err| file::open_error(&shown, &err))?;
        self.conn
            .close()
            .map_err(|(_, err)| file::open_error(&shown, &err))
    }

    /// Whether this store can run [`Store::write`] on the store file.
    pub fn is_writer(&self) -> bool {
        self.kind == Kind::Writer
    }

    /// Whether reads can run on this store: it is at the latest schema (a writer is once it has
    /// committed a write, which upgrades an old store).
    pub fn is_current(&self) -> bool {
        self.current
    }

    /// Whether this is a connection to the store file (worth keeping for the next request).
    pub fn is_on_disk(&self) -> bool {
        matches!(self.kind, Kind::Writer | Kind::Reader)
    }

    /// How long a writer waits for the write lock before the command fails with a conflict.
    pub fn set_busy_timeout(&mut self, timeout: Duration) -> Result<()> {
        self.conn.busy_timeout(timeout)?;
        Ok(())
    }

    /// Runs `work` in one write transaction: all of it is committed, or none of it. The same
    /// transaction first brings an old store to the latest schema and marks it as relctl's.
    pub fn write<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        if self.kind == Kind::Reader {
            return Err(Error::other(format!(
                "internal error: the store {} was opened for reading",
                self.shown.display()
            )));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|err| cannot_write(&self.shown, err))?;
        let schema = migrations::inspect(&tx, &self.shown)?;
        migrations::upgrade(&tx, schema, &self.shown)?;
        let value = work(&Db::sqlite(&tx))?;
        tx.commit().map_err(|err| cannot_write(&self.shown, err))?;
        self.current = true;
        if !self.wal_checked {
            // A store that was an empty file: WAL from now on, once something is in it.
            self.wal_checked = true;
            if set_wal_mode(&self.conn).is_ok() {
                self.conn.pragma_update(None, "synchronous", "NORMAL")?;
            }
        }
        Ok(value)
    }

    /// Takes the write lock and lets it go, writing nothing: a store that cannot be written, or
    /// is not (or no longer) relctl's, fails now rather than at its first write.
    pub fn check_writable(&mut self) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .map_err(|err| cannot_write(&self.shown, err))?;
        migrations::inspect(&tx, &self.shown)?;
        tx.rollback()?;
        Ok(())
    }

    /// Runs `work` in one read transaction, so it sees a single consistent state.
    pub fn read<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Deferred)?;
        if self.kind != Kind::Memory {
            // A newer relctl may have migrated the store since this connection was opened.
            let version: i64 = tx.pragma_query_value(None, "user_version", |row| row.get(0))?;
            if version > migrations::latest() {
                return Err(migrations::newer_store(
                    &self.shown,
                    version,
                    migrations::latest(),
                ));
            }
            if version < migrations::latest() {
                return Err(Error::other(format!(
                    "internal error: the store {} (schema version {version}) was read before it was upgraded",
                    self.shown.display()
                )));
            }
        }
        let value = work(&Db::sqlite(&tx))?;
        tx.finish()?;
        Ok(value)
    }
}

/// Where a store is: a SQLite file, or a PostgreSQL database (`--store postgres://...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    File(PathBuf),
    Postgres(String),
}

impl Location {
    /// A `postgres://` or `postgresql://` URL is a PostgreSQL database; anything else a path.
    pub fn parse(store: &Path) -> Location {
        match store.to_str() {
            Some(text) if postgres::is_url(text) => Location::Postgres(text.to_string()),
            _ => Location::File(store.to_path_buf()),
        }
    }

    /// The store as messages show it (a URL's password masked).
    pub fn shown(&self) -> String {
        match self {
            Location::File(path) => path.display().to_string(),
            Location::Postgres(url) => crate::secrets::shown_store_url(url),
        }
    }
}

/// An open store on either engine, for code that runs transactions without caring which
/// (`crate::backend::local`).
pub enum StoreConn<'a> {
    Sqlite(&'a mut Store),
    Postgres(&'a mut postgres::PgStore),
}

impl StoreConn<'_> {
    /// [`Store::write`] / [`postgres::PgStore::write`].
    pub fn write<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match self {
            StoreConn::Sqlite(store) => store.write(work),
            StoreConn::Postgres(store) => store.write(work),
        }
    }

    /// [`Store::read`] / [`postgres::PgStore::read`].
    pub fn read<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        match self {
            StoreConn::Sqlite(store) => store.read(work),
            StoreConn::Postgres(store) => store.read(work),
        }
    }

    /// How long a writer waits for another writer's lock before failing with a conflict.
    pub fn set_busy_timeout(&mut self, wait: Duration) -> Result<()> {
        match self {
            StoreConn::Sqlite(store) => store.set_busy_timeout(wait),
            StoreConn::Postgres(store) => {
                store.set_busy_timeout(wait);
                Ok(())
            }
        }
    }
}

/// Creates the missing store at `path` with `write` run on it, atomically (see `file.rs`).
pub fn create<T>(
    path: &Path,
    write: &mut dyn FnMut(&mut Store) -> Result<T>,
) -> Result<Created<T>> {
    file::create(path, write)
}

/// A failure to open, begin or commit a write, said with the store's path (a busy store stays
/// a conflict, a damaged one a refusal).
fn cannot_write(path: &Path, err: rusqlite::Error) -> Error {
    let reason = crate::error::sqlite_reason(&err);
    let error = file::open_error(path, &err);
    match error.kind {
        ErrorKind::Other => Error::other(format!(
            "cannot write the store {}: {reason}",
            path.display()
        )),
        _ => error,
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
            Ok(mode) if mode.eq_ignore_ascii_case("wal") => return Ok(()),
            Ok(mode) => {
                return Err(Error::other(format!(
                    "the store stayed in journal mode {mode}"
                )));
            }
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
