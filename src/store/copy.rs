//! Copying a SQLite store into PostgreSQL (`relctl store migrate`): a team that outgrows one
//! machine moves its history to a shared database, ids and all.
//!
//! # What is copied, in what order
//!
//! Every table with every column, ids included: ids are referenced by foreign keys and shown to
//! users (project ids are snowflakes). The list of tables is not written here, where it could go
//! stale: it is read from both catalogs (`sqlite_schema`, `pg_class`), and the copy refuses to
//! start when they differ in a table, a column or a primary key (a unit test compares the
//! schema files too, so a table added to one schema only fails `cargo test` first). Tables are
//! loaded in an order where each comes after the tables its foreign keys name (read from
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

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::time::Instant;

use postgres::binary_copy::BinaryCopyOutRow;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::{ToSql, Type};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::Store;
use super::file::{self, Found};
use super::migrations::DEFAULT_ORG_SLUG;
use super::postgres::{PgStore, shown_url};
use super::sql::{Db, DbError, Param, Session, params};
use crate::error::{Error, Result};

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

/// What a column holds, as far as copying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Int,
    Text,
}

impl Kind {
    fn sql_name(self) -> &'static str {
        match self {
            Kind::Int => "bigint",
            Kind::Text => "text",
        }
    }

    fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Text => Type::TEXT,
        }
    }
}

#[derive(Debug, Clone)]
struct Column {
    name: String,
    kind: Kind,
}

#[derive(Debug, Clone)]
struct Table {
    name: String,
    /// In PostgreSQL's order.
    columns: Vec<Column>,
    /// The primary key's column.
    key: String,
}

impl Table {
    /// The quoted column list, for `SELECT` and `COPY`.
    fn column_list(&self) -> String {
        let names: Vec<String> = self.columns.iter().map(|c| ident(&c.name)).collect();
        names.join(", ")
    }

    /// Every row, in key order.
    fn select(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(),
            ident(&self.name),
            ident(&self.key)
        )
    }

    fn types(&self) -> Vec<Type> {
        self.columns.iter().map(|c| c.kind.pg_type()).collect()
    }

    fn key_index(&self) -> usize {
        self.columns
            .iter()
            .position(|c| c.name == self.key)
            .unwrap_or(0)
    }
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
    let shown = shown_url(to);
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
    let tables = schema(src, dst)?;
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

/// An identifier quoted for SQL text (both engines quote with `"`, doubled inside).
fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables to copy, in load order, once both catalogs are found to agree.
fn schema(src: &Connection, dst: &Db<'_>) -> Result<Vec<Table>> {
    let sqlite = sqlite_tables(src)?;
    let pg: Vec<String> = dst.query_all(
        "SELECT c.relname::text FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ?1
         ORDER BY c.relname",
        params![MARK_TABLE],
        |row| row.get(0),
    )?;
    let sqlite_names: BTreeSet<&str> = sqlite.keys().map(String::as_str).collect();
    let pg_names: BTreeSet<&str> = pg.iter().map(String::as_str).collect();
    if sqlite_names != pg_names {
        return Err(schemas_differ(&format!(
            "tables only in the store: {}; only in PostgreSQL: {}",
            listed(sqlite_names.difference(&pg_names)),
            listed(pg_names.difference(&sqlite_names))
        )));
    }
    let mut tables = Vec::with_capacity(pg.len());
    for name in &pg {
        let columns: Vec<(String, String)> = dst.query_all(
            "SELECT a.attname::text, format_type(a.atttypid, NULL) FROM pg_catalog.pg_attribute a
             JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = current_schema() AND c.relname = ?1
               AND a.attnum > 0 AND NOT a.attisdropped
             ORDER BY a.attnum",
            params![name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        let keys: Vec<String> = dst.query_all(
            "SELECT a.attname::text FROM pg_catalog.pg_index i
             JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
             JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
             JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
             WHERE i.indisprimary AND n.nspname = current_schema() AND c.relname = ?1",
            params![name],
            |row| row.get(0),
        )?;
        let (sqlite_columns, sqlite_key) = sqlite
            .get(name)
            .map(|(_, c, k)| (c, k))
            .ok_or_else(|| schemas_differ(&format!("table {name} is missing from the store")))?;
        let pg_columns: BTreeSet<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let store_columns: BTreeSet<&str> = sqlite_columns.iter().map(String::as_str).collect();
        if pg_columns != store_columns {
            return Err(schemas_differ(&format!(
                "columns of {name} only in the store: {}; only in PostgreSQL: {}",
                listed(store_columns.difference(&pg_columns)),
                listed(pg_columns.difference(&store_columns))
            )));
        }
        let key = match keys.as_slice() {
            [key] if Some(key) == sqlite_key.as_ref() => key.clone(),
            _ => {
                return Err(schemas_differ(&format!(
                    "table {name} has primary key ({}) in PostgreSQL and ({}) in the store; \
                     one integer column is expected",
                    keys.join(", "),
                    sqlite_key.as_deref().unwrap_or("")
                )));
            }
        };
        let columns = columns
            .into_iter()
            .map(|(column, ty)| {
                let kind = match ty.as_str() {
                    ty if ty == Kind::Int.sql_name() => Kind::Int,
                    ty if ty == Kind::Text.sql_name() => Kind::Text,
                    other => {
                        return Err(schemas_differ(&format!(
                            "column {name}.{column} is {other} in PostgreSQL; \
                             only bigint and text columns can be copied"
                        )));
                    }
                };
                Ok(Column { name: column, kind })
            })
            .collect::<Result<Vec<_>>>()?;
        tables.push(Table {
            name: name.clone(),
            columns,
            key,
        });
    }
    let references: Vec<(String, String)> = dst.query_all(
        "SELECT child.relname::text, parent.relname::text FROM pg_catalog.pg_constraint k
         JOIN pg_catalog.pg_class child ON child.oid = k.conrelid
         JOIN pg_catalog.pg_class parent ON parent.oid = k.confrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = child.relnamespace
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
        params![],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    // The store's creation order breaks ties, so the order reads naturally (organization first).
    tables.sort_by_key(|t| sqlite.get(&t.name).map_or(i64::MAX, |(order, _, _)| *order));
    load_order(tables, &references)
}

/// Each SQLite table with its position in `sqlite_schema`, its columns and its primary key.
type SqliteTables = BTreeMap<String, (i64, Vec<String>, Option<String>)>;

fn sqlite_tables(conn: &Connection) -> Result<SqliteTables> {
    let mut tables = BTreeMap::new();
    let mut stmt = conn.prepare(
        "SELECT name, rowid FROM sqlite_schema WHERE type = ?1 AND name NOT LIKE ?2 ESCAPE '\\'",
    )?;
    let names = stmt
        .query_map(rusqlite::params!["table", "sqlite\\_%"], |row| {
            Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut info = conn.prepare("SELECT name, pk FROM pragma_table_info(?1) ORDER BY cid")?;
    for (name, order) in names {
        let columns = info
            .query_map([&name], |row| {
                Ok((row.get::<_, String>(0)?, row.get::<_, i64>(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let keys: Vec<&String> = columns
            .iter()
            .filter(|(_, pk)| *pk > 0)
            .map(|(c, _)| c)
            .collect();
        let key = match keys.as_slice() {
            [key] => Some((*key).clone()),
            _ => None,
        };
        let columns = columns.into_iter().map(|(c, _)| c).collect();
        tables.insert(name, (order, columns, key));
    }
    Ok(tables)
}

fn schemas_differ(what: &str) -> Error {
    Error::other(format!(
        "cannot migrate: the store's schema and the PostgreSQL schema differ ({what}); {NOTHING_WRITTEN}"
    ))
}

fn listed<'a>(names: impl Iterator<Item = &'a &'a str>) -> String {
    let names: Vec<&str> = names.copied().collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// `tables` reordered so each comes after every table its foreign keys name (a reference to
/// itself aside), keeping the given order where it is free.
fn load_order(tables: Vec<Table>, references: &[(String, String)]) -> Result<Vec<Table>> {
    let mut pending = tables;
    let mut ordered: Vec<Table> = Vec::with_capacity(pending.len());
    while !pending.is_empty() {
        let ready = pending.iter().position(|table| {
            references.iter().all(|(child, parent)| {
                child != &table.name
                    || parent == &table.name
                    || ordered.iter().any(|done| &done.name == parent)
            })
        });
        match ready {
            Some(index) => ordered.push(pending.remove(index)),
            None => {
                let names: Vec<&str> = pending.iter().map(|t| t.name.as_str()).collect();
                return Err(schemas_differ(&format!(
                    "the foreign keys of {} form a cycle",
                    names.join(", ")
                )));
            }
        }
    }
    Ok(ordered)
}

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

    /// Each `CREATE TABLE` of a schema script with its column names (constraints left out).
    fn tables_of(script: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut tables = BTreeMap::new();
        for block in script.split("CREATE TABLE ").skip(1) {
            let (name, body) = block.split_once('(').unwrap();
            let body = &body[..body.find("\n);").unwrap()];
            let columns = body
                .lines()
                .map(str::trim)
                .filter(|line| !line.is_empty())
                .map(|line| line.split_whitespace().next().unwrap().trim_matches('"'))
                .filter(|word| !matches!(*word, "UNIQUE" | "PRIMARY" | "CHECK" | "FOREIGN"))
                .map(str::to_string)
                .collect();
            tables.insert(name.trim().to_string(), columns);
        }
        tables
    }

    #[test]
    fn the_sqlite_and_postgres_schemas_have_the_same_tables_and_columns() {
        let sqlite = tables_of(concat!(
            include_str!("schema_v1.sql"),
            include_str!("schema_v2.sql")
        ));
        let pg = tables_of(concat!(
            include_str!("schema_pg_v1.sql"),
            include_str!("schema_pg_v2.sql")
        ));
        assert!(sqlite.len() > 20, "{sqlite:?}");
        assert_eq!(sqlite, pg);
        assert!(!sqlite.contains_key(MARK_TABLE));
        assert!(sqlite.contains_key(ORG_TABLE));

        // What the copy reads at run time from a store says the same.
        let mut store = Store::in_memory().unwrap();
        let found = store
            .read(|db| sqlite_tables(db.sqlite_connection().unwrap()))
            .unwrap();
        let found: BTreeMap<String, BTreeSet<String>> = found
            .into_iter()
            .map(|(name, (_, columns, key))| {
                assert!(key.is_some(), "{name} has one primary key column");
                (name, columns.into_iter().collect())
            })
            .collect();
        assert_eq!(found, sqlite);
    }

    fn table(name: &str) -> Table {
        Table {
            name: name.to_string(),
            columns: Vec::new(),
            key: "id".to_string(),
        }
    }

    #[test]
    fn tables_load_after_the_tables_they_reference() {
        let refs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        let order = load_order(
            vec![table("c"), table("b"), table("a"), table("d")],
            &refs(&[("c", "b"), ("b", "a"), ("c", "c"), ("c", "a")]),
        )
        .unwrap();
        let names: Vec<&str> = order.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["a", "b", "c", "d"]);

        let err = load_order(
            vec![table("a"), table("b")],
            &refs(&[("a", "b"), ("b", "a")]),
        )
        .unwrap_err();
        assert!(err.message.contains("cycle"), "{err}");
    }

    #[test]
    fn identifiers_are_quoted() {
        assert_eq!(ident("order"), "\"order\"");
        assert_eq!(ident("a\"b"), "\"a\"\"b\"");
    }

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
