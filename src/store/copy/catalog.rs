//! Which tables `store migrate` copies, with which columns and in which order: read from both
//! catalogs (`sqlite_schema` and `pragma_table_info`; `pg_class`, `pg_attribute`, `pg_index`
//! and `pg_constraint`) and checked to agree, so no list here can go stale.

use std::collections::{BTreeMap, BTreeSet};

use postgres::types::Type;
use rusqlite::Connection;

use super::{MARK_TABLE, NOTHING_WRITTEN};
use crate::error::{Error, Result};
use crate::store::sql::{Db, params};

/// What a column holds, as far as copying is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    Int,
    Text,
}

impl Kind {
    pub(super) fn sql_name(self) -> &'static str {
        match self {
            Kind::Int => "bigint",
            Kind::Text => "text",
        }
    }

    pub(super) fn pg_type(self) -> Type {
        match self {
            Kind::Int => Type::INT8,
            Kind::Text => Type::TEXT,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) struct Column {
    pub(super) name: String,
    pub(super) kind: Kind,
}

#[derive(Debug, Clone)]
pub(super) struct Table {
    pub(super) name: String,
    /// In PostgreSQL's order.
    pub(super) columns: Vec<Column>,
    /// The primary key's column.
    pub(super) key: String,
}

impl Table {
    /// The quoted column list, for `SELECT` and `COPY`.
    pub(super) fn column_list(&self) -> String {
        let names: Vec<String> = self.columns.iter().map(|c| ident(&c.name)).collect();
        names.join(", ")
    }

    /// Every row, in key order.
    pub(super) fn select(&self) -> String {
        format!(
            "SELECT {} FROM {} ORDER BY {}",
            self.column_list(),
            ident(&self.name),
            ident(&self.key)
        )
    }

    pub(super) fn types(&self) -> Vec<Type> {
        self.columns.iter().map(|c| c.kind.pg_type()).collect()
    }

    pub(super) fn key_index(&self) -> usize {
        self.columns
            .iter()
            .position(|c| c.name == self.key)
            .unwrap_or(0)
    }
}

/// An identifier quoted for SQL text (both engines quote with `"`, doubled inside).
pub(super) fn ident(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The tables to copy, in load order, once both catalogs are found to agree.
pub(super) fn tables(src: &Connection, dst: &Db<'_>) -> Result<Vec<Table>> {
    let sqlite = sqlite_tables(src)?;
    let pg = pg_table_names(dst)?;
    check_same_tables(&sqlite, &pg)?;
    let mut tables = Vec::with_capacity(pg.len());
    for name in &pg {
        tables.push(agreed_table(dst, name, &sqlite)?);
    }
    let references = pg_references(dst)?;
    // The store's creation order breaks ties, so the order reads naturally (organization first).
    tables.sort_by_key(|t| sqlite.get(&t.name).map_or(i64::MAX, |(order, _, _)| *order));
    load_order(tables, &references)
}

/// The tables of the current schema in PostgreSQL (the copy's own mark table aside), by name.
fn pg_table_names(dst: &Db<'_>) -> Result<Vec<String>> {
    let found = dst.query_all(
        "SELECT c.relname::text FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p') AND c.relname <> ?1
         ORDER BY c.relname",
        params![MARK_TABLE],
        |row| row.get(0),
    )?;
    Ok(found)
}

/// Refuses the copy unless the store and PostgreSQL have the same tables.
fn check_same_tables(sqlite: &SqliteTables, pg: &[String]) -> Result<()> {
    let sqlite_names: BTreeSet<&str> = sqlite.keys().map(String::as_str).collect();
    let pg_names: BTreeSet<&str> = pg.iter().map(String::as_str).collect();
    if sqlite_names != pg_names {
        return Err(schemas_differ(&format!(
            "tables only in the store: {}; only in PostgreSQL: {}",
            listed(sqlite_names.difference(&pg_names)),
            listed(pg_names.difference(&sqlite_names))
        )));
    }
    Ok(())
}

/// Table `name` as PostgreSQL's catalog has it, once it is found to agree with the store's:
/// the same columns, the same one-column primary key, and only columns that can be copied.
fn agreed_table(dst: &Db<'_>, name: &str, sqlite: &SqliteTables) -> Result<Table> {
    let columns = pg_columns(dst, name)?;
    let keys = pg_primary_key(dst, name)?;
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
        .map(|(column, ty)| copied_column(name, column, &ty))
        .collect::<Result<Vec<_>>>()?;
    Ok(Table {
        name: name.to_string(),
        columns,
        key,
    })
}

/// The columns of PostgreSQL's table `name` with their types, in the table's order.
fn pg_columns(dst: &Db<'_>, name: &str) -> Result<Vec<(String, String)>> {
    let found = dst.query_all(
        "SELECT a.attname::text, format_type(a.atttypid, NULL) FROM pg_catalog.pg_attribute a
         JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relname = ?1
           AND a.attnum > 0 AND NOT a.attisdropped
         ORDER BY a.attnum",
        params![name],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(found)
}

/// The columns of the primary key of PostgreSQL's table `name`.
fn pg_primary_key(dst: &Db<'_>, name: &str) -> Result<Vec<String>> {
    let found = dst.query_all(
        "SELECT a.attname::text FROM pg_catalog.pg_index i
         JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
         WHERE i.indisprimary AND n.nspname = current_schema() AND c.relname = ?1",
        params![name],
        |row| row.get(0),
    )?;
    Ok(found)
}

/// Column `column` of table `table`, of PostgreSQL type `ty`, as the copy handles it; refused
/// unless it is a bigint or a text column.
fn copied_column(table: &str, column: String, ty: &str) -> Result<Column> {
    let kind = match ty {
        ty if ty == Kind::Int.sql_name() => Kind::Int,
        ty if ty == Kind::Text.sql_name() => Kind::Text,
        other => {
            return Err(schemas_differ(&format!(
                "column {table}.{column} is {other} in PostgreSQL; \
                 only bigint and text columns can be copied"
            )));
        }
    };
    Ok(Column { name: column, kind })
}

/// Every foreign key of the current schema in PostgreSQL, as (table, the table it names).
fn pg_references(dst: &Db<'_>) -> Result<Vec<(String, String)>> {
    let found = dst.query_all(
        "SELECT child.relname::text, parent.relname::text FROM pg_catalog.pg_constraint k
         JOIN pg_catalog.pg_class child ON child.oid = k.conrelid
         JOIN pg_catalog.pg_class parent ON parent.oid = k.confrelid
         JOIN pg_catalog.pg_namespace n ON n.oid = child.relnamespace
         WHERE k.contype = 'f' AND n.nspname = current_schema()",
        params![],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    Ok(found)
}

/// Each SQLite table with its position in `sqlite_schema`, its columns and its primary key.
pub(super) type SqliteTables = BTreeMap<String, (i64, Vec<String>, Option<String>)>;

pub(super) fn sqlite_tables(conn: &Connection) -> Result<SqliteTables> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Store;
    use crate::store::copy::ORG_TABLE;

    /// Each `CREATE TABLE` of a schema script with its column names (constraints left out),
    /// and the columns `ALTER TABLE t ADD COLUMN` adds.
    fn tables_of(script: &str) -> BTreeMap<String, BTreeSet<String>> {
        let mut tables: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
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
        for line in script.lines() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if let ["ALTER", "TABLE", table, "ADD", "COLUMN", column, ..] = words[..] {
                tables.get_mut(table).unwrap().insert(column.to_string());
            }
        }
        tables
    }

    #[test]
    fn the_sqlite_and_postgres_schemas_have_the_same_tables_and_columns() {
        let sqlite = tables_of(concat!(
            include_str!("../schema_v1.sql"),
            include_str!("../schema_v2.sql"),
            include_str!("../schema_v3.sql"),
            include_str!("../schema_v4.sql")
        ));
        let pg = tables_of(concat!(
            include_str!("../schema_pg_v1.sql"),
            include_str!("../schema_pg_v2.sql"),
            include_str!("../schema_pg_v3.sql"),
            include_str!("../schema_pg_v4.sql"),
            include_str!("../schema_pg_v5.sql")
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
}
