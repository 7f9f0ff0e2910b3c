//! Copying a SQLite store into PostgreSQL (`relctl store migrate`): a team that outgrows one
//! machine moves its history to a shared database, ids and all.
//!
//! # What is copied, in what order
//!
//! Every table with every column, ids included: ids are referenced by foreign keys and shown to
//! users (project ids are snowflakes). The list of tables is not written anywhere it could go
//! stale: `catalog.rs` reads it from both catalogs (`sqlite_schema`, `pg_class`), and the copy
//! refuses to start when they differ in a table, a column or a primary key (a unit test compares
//! the schema files too, so a table added to one schema only fails `cargo test` first). Tables
//! are loaded in an order where each comes after the tables its foreign keys name (read from
//! `pg_constraint`); rows are loaded in id order, so a row naming an earlier row of its own
//! table (`group_history.prev_history_id`) finds it.
//!
//! # One transaction, verified before it commits
//!
//! The source is read in one read transaction, a single snapshot (other relctl processes may
//! go on using it meanwhile). The target is written in one PostgreSQL transaction, the write
//! transaction of [`PgStore::write`], which first creates the schema in an empty database. In
//! that transaction: every table is locked against other writers; the target is checked to
//! hold nothing beyond what a new store holds (the default organization, then replaced by the
//! source's organizations); each table is loaded with `COPY ... FROM STDIN (FORMAT binary)`,
//! streamed row by row from SQLite, so memory stays flat whatever the store's size; every
//! identity sequence is moved past the copied ids (or the next row would clash); and each table
//! is read back with `COPY ... TO STDOUT` in id order and compared with the source row by row,
//! value by value: counts, ids and every column. Any difference rolls everything back and names
//! the table. Text is copied as the bytes SQLite holds; PostgreSQL's columns are `TEXT COLLATE
//! "C"`, compared bytewise as in SQLite.
//!
//! Table and column names come from the catalogs, are checked to be the same on both sides, and
//! are quoted; values are never written into SQL text.

use std::path::Path;
use std::time::Instant;

use postgres::binary_copy::BinaryCopyOutRow;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::ToSql;
use rusqlite::Connection;
use rusqlite::types::ValueRef;

mod catalog;

use catalog::{Column, Kind, Table, ident};

use super::Store;
use super::file::{self, Found};
use super::migrations::DEFAULT_ORG_SLUG;
use super::postgres::PgStore;
use super::sql::{Db, DbError, Param, Session, params};
use crate::error::{Error, Result};
use crate::secrets::shown_store_url;

/// The table where a PostgreSQL store keeps relctl's mark and schema version (`postgres.rs`);
/// SQLite keeps them in pragmas, so it has no counterpart to copy.
const MARK_TABLE: &str = "relctl_store";

/// The one table a new store holds a row in: its default organization.
const ORG_TABLE: &str = "organization";

/// One table copied, and how many rows it holds now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableCopied {
    pub name: String,
    pub rows: u64,
}

/// Whether a migration keeps what it copied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Commit once verified.
    Commit,
    /// Copy and verify, then roll everything back (`--dry-run`).
    Rehearse,
}

/// Copies the SQLite store at `from` into the PostgreSQL database at `to` (see the module docs);
/// returns each table with its rows, in the order they were loaded. `log` hears what is done.
pub fn sqlite_to_postgres(
    from: &Path,
    to: &str,
    mode: Mode,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<TableCopied>> {
    if file::probe(from)? == Found::Missing {
        // Not found (exit 3) rather than a usage error: the command line is well-formed, the
        // store it names is not there (reading a missing store elsewhere sees a new one, but
        // copying one would only copy an empty default organization, surely not what was meant).
        return Err(Error::not_found(format!(
            "the store {} does not exist",
            from.display()
        )));
    }
    // Refuses what is not a relctl store; an older store is read at the latest schema.
    let mut source = Store::open_for_reading(from)?;
    let shown = shown_store_url(to);
    let mut target = PgStore::connect(to)?;
    source.read(|src| {
        let conn = src
            .sqlite_connection()
            .ok_or_else(|| Error::other("internal error: the source store is not SQLite"))?;
        let work = |dst: &Db<'_>| copy_all(conn, dst, &shown, log);
        match mode {
            Mode::Commit => target.write(work),
            Mode::Rehearse => target.write_and_roll_back(work),
        }
    })
}

/// The whole copy, in the target's write transaction.
fn copy_all(
    src: &Connection,
    dst: &Db<'_>,
    shown: &str,
    log: &mut dyn FnMut(&str),
) -> Result<Vec<TableCopied>> {
    let session = dst
        .postgres_session()
        .ok_or_else(|| Error::other("internal error: the target store is not PostgreSQL"))?;
    let tables = catalog::tables(src, dst)?;
    let names: Vec<String> = tables.iter().map(|t| ident(&t.name)).collect();
    // Other writers wait until this transaction ends; readers go on (they see the old state).
    dst.execute(
        &format!("LOCK TABLE {} IN EXCLUSIVE MODE", names.join(", ")),
        params![],
    )?;
    check_empty(dst, &tables, shown)?;
    // The new store's default organization makes way for the source's organizations.
    dst.execute(&format!("DELETE FROM {}", ident(ORG_TABLE)), params![])?;

    let mut copied = Vec::with_capacity(tables.len());
    for table in &tables {
        let started = Instant::now();
        let rows = load(src, session, table).map_err(|err| in_table(err, "copying", table))?;
        log(&format!(
            "copied {}: {rows} rows in {:.2} s",
            table.name,
            started.elapsed().as_secs_f64()
        ));
        copied.push(TableCopied {
            name: table.name.clone(),
            rows,
        });
    }
    for table in &tables {
        move_sequence(dst, table)?;
    }
    let started = Instant::now();
    for table in &tables {
        verify(src, session, table).map_err(|err| in_table(err, "verifying", table))?;
    }
    log(&format!(
        "verified every table in {:.2} s",
        started.elapsed().as_secs_f64()
    ));
    Ok(copied)
}

/// `err` said with the table it happened in, and that the whole copy was rolled back.
fn in_table(err: Error, doing: &str, table: &Table) -> Error {
    let mut message = format!("{doing} table {}: {}", table.name, err.message);
    if !message.ends_with(NOTHING_WRITTEN) {
        message.push_str("; ");
        message.push_str(NOTHING_WRITTEN);
    }
    Error::new(err.kind, message)
}

/// How every refusal and failure ends: the transaction was rolled back.
const NOTHING_WRITTEN: &str = "nothing was written";

/// Refuses a target that holds anything beyond what a new store holds (one organization, the
/// default one).
fn check_empty(dst: &Db<'_>, tables: &[Table], shown: &str) -> Result<()> {
    for table in tables {
        let (rows, others): (i64, i64) = if table.name == ORG_TABLE {
            dst.query_one(
                &format!(
                    "SELECT count(*), count(*) FILTER (WHERE slug <> ?1) FROM {}",
                    ident(ORG_TABLE)
                ),
                params![DEFAULT_ORG_SLUG],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )?
        } else {
            let sql = format!(
                "SELECT count(*) FROM (SELECT 1 FROM {} LIMIT 1) AS any_row",
                ident(&table.name)
            );
            (0, dst.query_one(&sql, params![], |row| row.get(0))?)
        };
        if rows > 1 || others > 0 {
            // Exit 4 (conflict), not 2: the command line and the database are both valid, the
            // database's contents forbid the copy (cli.md: "the state forbids it"). Merging two
            // stores' ids is not something a copy can do safely.
            return Err(Error::conflict(format!(
                "{shown} already holds data (table {}); store migrate copies only into an empty \
                 database or an empty relctl store; {NOTHING_WRITTEN}",
                table.name
            )));
        }
    }
    Ok(())
}

/// Streams every row of `table` from SQLite into PostgreSQL; returns how many were stored.
fn load(src: &Connection, session: &Session, table: &Table) -> Result<u64> {
    let copy = format!(
        "COPY {} ({}) FROM STDIN (FORMAT binary)",
        ident(&table.name),
        table.column_list()
    );
    let mut stmt = src.prepare(&table.select())?;
    let mut rows = stmt.query([])?;
    let key = table.key_index();
    let mut sent = 0_u64;
    let stored = session.copy_in(&copy, &table.types(), |writer| -> Result<()> {
        while let Some(row) = rows.next()? {
            let mut values: Vec<Param<'_>> = Vec::with_capacity(table.columns.len());
            for (index, column) in table.columns.iter().enumerate() {
                values.push(param(row.get_ref(index)?, column).map_err(|what| {
                    Error::other(format!(
                        "column {} of the row with {} {} holds {what}",
                        column.name,
                        table.key,
                        shown_value(row.get_ref(key))
                    ))
                })?);
            }
            let refs: Vec<&(dyn ToSql + Sync)> = values
                .iter()
                .map(|value| value as &(dyn ToSql + Sync))
                .collect();
            writer.write(&refs).map_err(DbError::from)?;
            sent += 1;
        }
        Ok(())
    })?;
    if stored != sent {
        return Err(Error::other(format!(
            "{sent} rows were sent and PostgreSQL stored {stored}"
        )));
    }
    Ok(stored)
}

/// A SQLite value as the parameter for a `column`; what it holds instead when it does not fit.
fn param<'a>(value: ValueRef<'a>, column: &Column) -> std::result::Result<Param<'a>, String> {
    match (value, column.kind) {
        (ValueRef::Null, _) => Ok(Param::Null),
        (ValueRef::Integer(value), Kind::Int) => Ok(Param::Int(value)),
        (ValueRef::Text(bytes), Kind::Text) => std::str::from_utf8(bytes)
            .map(Param::Text)
            .map_err(|_| "text that is not UTF-8".to_string()),
        (other, kind) => Err(format!(
            "{} where PostgreSQL's column is {}",
            other.data_type().to_string().to_lowercase(),
            kind.sql_name()
        )),
    }
}

/// A key value for a message.
fn shown_value(value: rusqlite::Result<ValueRef<'_>>) -> String {
    match value {
        Ok(ValueRef::Integer(value)) => value.to_string(),
        Ok(ValueRef::Text(bytes)) => String::from_utf8_lossy(bytes).into_owned(),
        _ => "?".to_string(),
    }
}

/// Moves the identity sequence of `table`'s key (if it has one: a project's id is a snowflake
/// the flow makes) past the largest id copied, so the next row gets the next id.
fn move_sequence(dst: &Db<'_>, table: &Table) -> Result<()> {
    let sequence: Option<String> = dst.query_one(
        "SELECT pg_get_serial_sequence(?1, ?2)",
        params![ident(&table.name), table.key],
        |row| row.get(0),
    )?;
    let Some(sequence) = sequence else {
        return Ok(());
    };
    let key = ident(&table.key);
    dst.execute(
        &format!(
            "SELECT setval(?1::text::regclass, coalesce(max({key}), 1), max({key}) IS NOT NULL) FROM {}",
            ident(&table.name)
        ),
        params![sequence],
    )?;
    Ok(())
}

/// Reads `table` back from PostgreSQL in key order and compares it with the source, row by row
/// and value by value.
fn verify(src: &Connection, session: &Session, table: &Table) -> Result<()> {
    let mut stmt = src.prepare(&table.select())?;
    let mut mine = stmt.query([])?;
    let copy = format!("COPY ({}) TO STDOUT (FORMAT binary)", table.select());
    let key = table.key_index();
    session.copy_out(&copy, &table.types(), |theirs| -> Result<()> {
        let mut matched = 0_u64;
        loop {
            let their = theirs.next().map_err(DbError::from)?;
            let Some(row) = mine.next()? else {
                if their.is_none() {
                    return Ok(());
                }
                let more = 1 + theirs.count().map_err(DbError::from)? as u64;
                return Err(mismatch(format!(
                    "{matched} rows in the store, {} in PostgreSQL",
                    matched + more
                )));
            };
            let Some(their) = their else {
                let mut more = 1_u64;
                while mine.next()?.is_some() {
                    more += 1;
                }
                return Err(mismatch(format!(
                    "{} rows in the store, {matched} in PostgreSQL",
                    matched + more
                )));
            };
            for (index, column) in table.columns.iter().enumerate() {
                if !same(row.get_ref(index)?, &their, index, column.kind)? {
                    let id = shown_value(row.get_ref(key));
                    return Err(mismatch(if index == key {
                        format!(
                            "the ids differ: {} {id} in the store is not in PostgreSQL",
                            table.key
                        )
                    } else {
                        format!(
                            "the row with {} {id} differs in column {}",
                            table.key, column.name
                        )
                    }));
                }
            }
            matched += 1;
        }
    })
}

fn mismatch(what: String) -> Error {
    Error::other(format!(
        "the copy does not match the store ({what}); {NOTHING_WRITTEN}"
    ))
}

/// Whether a SQLite value equals column `index` of a row PostgreSQL sent back.
fn same(mine: ValueRef<'_>, theirs: &BinaryCopyOutRow, index: usize, kind: Kind) -> Result<bool> {
    let read = |err: postgres::Error| Error::from(DbError::from(err));
    Ok(match kind {
        Kind::Int => {
            let theirs: Option<i64> = theirs.try_get(index).map_err(read)?;
            match (mine, theirs) {
                (ValueRef::Integer(a), Some(b)) => a == b,
                (ValueRef::Null, None) => true,
                _ => false,
            }
        }
        Kind::Text => {
            let theirs: Option<&str> = theirs.try_get(index).map_err(read)?;
            match (mine, theirs) {
                (ValueRef::Text(a), Some(b)) => a == b.as_bytes(),
                (ValueRef::Null, None) => true,
                _ => false,
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_that_do_not_fit_their_column_are_refused() {
        let int = Column {
            name: "n".into(),
            kind: Kind::Int,
        };
        let text = Column {
            name: "t".into(),
            kind: Kind::Text,
        };
        assert_eq!(param(ValueRef::Integer(7), &int), Ok(Param::Int(7)));
        assert_eq!(param(ValueRef::Null, &text), Ok(Param::Null));
        assert_eq!(param(ValueRef::Text(b"x"), &text), Ok(Param::Text("x")));
        assert!(param(ValueRef::Text(b"x"), &int).is_err());
        assert!(param(ValueRef::Real(1.5), &int).is_err());
        assert!(param(ValueRef::Text(b"\xff"), &text).is_err());
    }
}
