//! The SQLite implementation of the seam, on rusqlite.
//!
//! Every statement is prepared through rusqlite's per-connection statement cache, which the
//! store sizes to [`STATEMENT_CACHE_CAPACITY`] when it opens a connection.

use rusqlite::types::{FromSql, ToSqlOutput, ValueRef};
use rusqlite::{Connection, ToSql, params_from_iter};

use super::{Db, DbError, DbResult, ErrorInner, Inner, Param, Row, RowInner};

/// How many prepared statements a connection keeps: more than relctl has, so none is ever
/// compiled twice on one connection (rusqlite's default of 16 would evict set-commits' own).
pub const STATEMENT_CACHE_CAPACITY: usize = 128;

pub(super) type Conn<'c> = &'c Connection;
pub(super) type RawRow<'r> = rusqlite::Row<'r>;
pub(super) type RawError = rusqlite::Error;

impl<'c> Db<'c> {
    /// The store's SQL on a SQLite connection (or transaction, which derefs to one).
    pub(crate) fn sqlite(conn: &'c Connection) -> Db<'c> {
        Db {
            inner: Inner::Sqlite(conn),
        }
    }
}

impl From<rusqlite::Error> for DbError {
    fn from(err: rusqlite::Error) -> Self {
        DbError {
            inner: ErrorInner::Sqlite(err),
        }
    }
}

impl ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match *self {
            Param::Null => ValueRef::Null,
            Param::Int(value) => ValueRef::Integer(value),
            Param::Real(value) => ValueRef::Real(value),
            Param::Text(value) => ValueRef::Text(value.as_bytes()),
            Param::Bool(value) => ValueRef::Integer(i64::from(value)),
        }))
    }
}

pub(super) fn get<T: FromSql>(row: &RawRow<'_>, idx: usize) -> DbResult<T> {
    Ok(row.get(idx)?)
}

pub(super) fn is_unique_violation(err: &rusqlite::Error) -> bool {
    matches!(
        err,
        rusqlite::Error::SqliteFailure(e, _)
            if e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                || e.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY
    )
}

pub(super) fn execute(conn: &Connection, sql: &str, params: &[Param<'_>]) -> DbResult<usize> {
    Ok(conn
        .prepare_cached(sql)?
        .execute(params_from_iter(params))?)
}

pub(super) fn insert(conn: &Connection, sql: &str, params: &[Param<'_>]) -> DbResult<i64> {
    conn.prepare_cached(sql)?
        .execute(params_from_iter(params))?;
    Ok(conn.last_insert_rowid())
}

pub(super) fn query_one<T>(
    conn: &Connection,
    sql: &str,
    params: &[Param<'_>],
    read: impl FnOnce(&Row<'_>) -> DbResult<T>,
) -> DbResult<T> {
    query_opt(conn, sql, params, read)?
        .ok_or_else(|| DbError::from(rusqlite::Error::QueryReturnedNoRows))
}

pub(super) fn query_opt<T>(
    conn: &Connection,
    sql: &str,
    params: &[Param<'_>],
    read: impl FnOnce(&Row<'_>) -> DbResult<T>,
) -> DbResult<Option<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    match rows.next()? {
        Some(row) => Ok(Some(read(&Row {
            inner: RowInner::Sqlite(row),
        })?)),
        None => Ok(None),
    }
}

pub(super) fn query_each(
    conn: &Connection,
    sql: &str,
    params: &[Param<'_>],
    mut each: impl FnMut(&Row<'_>) -> DbResult<()>,
) -> DbResult<()> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params_from_iter(params))?;
    while let Some(row) = rows.next()? {
        each(&Row {
            inner: RowInner::Sqlite(row),
        })?;
    }
    Ok(())
}
