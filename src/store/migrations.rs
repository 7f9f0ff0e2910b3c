//! What a database holds (relctl's store, an empty database, or someone else's), and the
//! versioned schema migrations that bring a store up to date.
//!
//! A relctl store carries [`APPLICATION_ID`] in `PRAGMA application_id` and its schema version
//! in `user_version`. Stores made before the id existed have application id 0 but relctl's
//! schema version and tables: they are recognised by those and marked by their first write.
//! Any other non-empty database belongs to another application and is refused.
//!
//! Migrations run inside the transaction of the write that needs them ([`upgrade`]), so two
//! processes cannot both apply them, a command that fails leaves an old store exactly as it
//! was, and a migration that fails leaves the store at its previous version.

use std::path::Path;

use rusqlite::{Connection, params};

use crate::error::{Error, Result};

/// relctl's mark in `PRAGMA application_id`: the ASCII bytes "RELC" (0x52454C43).
pub const APPLICATION_ID: i32 = 0x5245_4C43;

/// Migration N (1-based) is `MIGRATIONS[N - 1]`.
const MIGRATIONS: &[&str] = &[
    include_str!("schema_v1.sql"),
    include_str!("schema_v2.sql"),
    include_str!("schema_v3.sql"),
    include_str!("schema_v4.sql"),
];

/// The organization every new store holds (cli.md, "Targets").
pub const DEFAULT_ORG_SLUG: &str = "default";

/// The schema version this relctl writes.
pub fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// What a database holds, as far as relctl is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schema {
    /// Nothing at all: no tables, no version, no application id (a new store).
    Empty,
    /// A relctl store at `version` (at most [`latest`]); `marked` when it carries
    /// [`APPLICATION_ID`].
    Relctl { version: i64, marked: bool },
}

impl Schema {
    /// Whether reads can run on it as it is.
    pub fn is_current(self) -> bool {
        matches!(self, Schema::Relctl { version, .. } if version == latest())
    }
}

/// The tables of migration 1: a database without relctl's application id is taken as an older
/// relctl store only when it has all of them and a schema version.
fn first_tables() -> Vec<&'static str> {
    MIGRATIONS[0]
        .split("CREATE TABLE ")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().trim_start_matches("IF NOT EXISTS ");
            let end = rest.find(|c: char| c.is_whitespace() || c == '(')?;
            Some(&rest[..end])
        })
        .collect()
}

/// The message for a database that is not relctl's.
pub fn not_a_store(shown: &Path, what: &str) -> Error {
    Error::usage(format!(
        "{} is not a relctl store ({what}); it was left unchanged",
        shown.display()
    ))
}

/// The message for a store of a newer relctl; `understood`: the newest version this relctl
/// knows for that kind of store.
pub fn newer_store(shown: &Path, version: i64, understood: i64) -> Error {
    Error::usage(format!(
        "the store {} has schema version {version}, newer than this relctl understands ({understood}); upgrade relctl",
        shown.display(),
    ))
}

/// Says what `conn` holds; a database that is not relctl's (or is a newer relctl's) is an error.
/// Only reads: nothing is written.
pub fn inspect(conn: &Connection, shown: &Path) -> Result<Schema> {
    let sql_err = |err: rusqlite::Error| super::file::open_error(shown, &err);
    let app: i32 = conn
        .pragma_query_value(None, "application_id", |row| row.get(0))
        .map_err(sql_err)?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |row| row.get(0))
        .map_err(sql_err)?;
    if app != 0 && app != APPLICATION_ID {
        return Err(not_a_store(
            shown,
            &format!("a database of another application, application id {app:#x}"),
        ));
    }
    if version > latest() {
        return Err(newer_store(shown, version, latest()));
    }
    let objects: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_schema", [], |row| row.get(0))
        .map_err(sql_err)?;
    if version == 0 && objects == 0 {
        return Ok(Schema::Empty);
    }
    if app == APPLICATION_ID {
        if version <= 0 {
            return Err(Error::usage(format!(
                "the store {} is damaged: it has relctl's mark but no schema version",
                shown.display()
            )));
        }
        return Ok(Schema::Relctl {
            version,
            marked: true,
        });
    }
    let tables = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = ?1")
        .and_then(|mut stmt| {
            stmt.query_map(params!["table"], |row| row.get::<_, String>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        .map_err(sql_err)?;
    let has_relctl_tables = first_tables()
        .iter()
        .all(|name| tables.iter().any(|t| t == name));
    if version >= 1 && has_relctl_tables {
        Ok(Schema::Relctl {
            version,
            marked: false,
        })
    } else {
        Err(not_a_store(
            shown,
            "a SQLite database of another application",
        ))
    }
}

/// Brings a database that [`inspect`] found to the latest schema and marks it, in the caller's
/// write transaction. Nothing to do for a current, marked store.
pub fn upgrade(conn: &Connection, schema: Schema, shown: &Path) -> Result<()> {
    let (from, marked) = match schema {
        Schema::Empty => (0, false),
        Schema::Relctl { version, marked } => (version, marked),
    };
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(from.max(0) as usize) {
        let failed = |err: rusqlite::Error| migration_failed(shown, index + 1, &err);
        conn.execute_batch(sql).map_err(failed)?;
        if index == 0 {
            conn.execute(
                "INSERT INTO organization (slug, name, date_added) VALUES (?1, ?2, ?3)",
                params![
                    DEFAULT_ORG_SLUG,
                    "Default",
                    crate::time::format_ts(chrono::Utc::now())
                ],
            )
            .map_err(failed)?;
        }
    }
    if from < latest() {
        conn.pragma_update(None, "user_version", latest())?;
    }
    if !marked {
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    Ok(())
}

/// One short line: SQLite's reason, never the migration's SQL text.
fn migration_failed(shown: &Path, version: usize, err: &rusqlite::Error) -> Error {
    Error::other(format!(
        "cannot upgrade the store {} to schema version {version}: {}",
        shown.display(),
        crate::error::sqlite_reason(err)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn conn(sql: &str) -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(sql).unwrap();
        conn
    }

    fn shown() -> &'static Path {
        Path::new("s.db")
    }

    #[test]
    fn the_application_id_spells_relc() {
        assert_eq!(APPLICATION_ID.to_be_bytes(), *b"RELC");
    }

    #[test]
    fn first_tables_are_read_from_the_schema() {
        let tables = first_tables();
        assert!(tables.contains(&"organization"), "{tables:?}");
        assert!(tables.contains(&"snowflake_sequence"), "{tables:?}");
        assert!(tables.iter().all(|t| !t.is_empty() && !t.contains('(')));
        assert_eq!(tables.len(), MIGRATIONS[0].matches("CREATE TABLE ").count());
    }

    #[test]
    fn inspect_tells_empty_relctl_and_foreign_apart() {
        assert_eq!(inspect(&conn(""), shown()).unwrap(), Schema::Empty);

        let mut store = conn("");
        let tx = store.transaction().unwrap();
        upgrade(&tx, Schema::Empty, shown()).unwrap();
        tx.commit().unwrap();
        let found = inspect(&store, shown()).unwrap();
        assert_eq!(
            found,
            Schema::Relctl {
                version: latest(),
                marked: true
            }
        );
        assert!(found.is_current());

        // A store made before the mark: relctl's tables and version, no id.
        store.pragma_update(None, "application_id", 0).unwrap();
        assert_eq!(
            inspect(&store, shown()).unwrap(),
            Schema::Relctl {
                version: latest(),
                marked: false
            }
        );

        for foreign in [
            "CREATE TABLE t (x)",
            "PRAGMA user_version = 1; CREATE TABLE t (x)",
            "CREATE TABLE organization (id INTEGER)",
            "PRAGMA application_id = 7",
        ] {
            let err = inspect(&conn(foreign), shown()).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{foreign}");
            assert!(
                err.message.contains("not a relctl store"),
                "{foreign}: {err}"
            );
        }
        let err = inspect(&conn("PRAGMA user_version = 99"), shown()).unwrap_err();
        assert!(err.message.contains("newer"), "{err}");
    }

    #[test]
    fn upgrade_from_an_old_version_runs_only_the_missing_migrations() {
        let mut store = conn(MIGRATIONS[0]);
        store.pragma_update(None, "user_version", 1).unwrap();
        let schema = inspect(&store, shown()).unwrap();
        assert_eq!(
            schema,
            Schema::Relctl {
                version: 1,
                marked: false
            }
        );
        let tx = store.transaction().unwrap();
        upgrade(&tx, schema, shown()).unwrap();
        tx.commit().unwrap();
        assert!(inspect(&store, shown()).unwrap().is_current());
        let app: i32 = store
            .pragma_query_value(None, "application_id", |row| row.get(0))
            .unwrap();
        assert_eq!(app, APPLICATION_ID);
    }

    #[test]
    fn a_failed_migration_is_one_short_line() {
        let mut store = conn(MIGRATIONS[0]);
        store.pragma_update(None, "user_version", 1).unwrap();
        store.execute_batch("CREATE TABLE api_token (x)").unwrap();
        let schema = inspect(&store, shown()).unwrap();
        let tx = store.transaction().unwrap();
        let err = upgrade(&tx, schema, shown()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "cannot upgrade the store s.db to schema version 2: table api_token already exists"
        );
    }

    #[test]
    fn a_version_1_store_gains_the_tokens_table_on_upgrade() {
        use crate::store::sql::Db;
        use crate::store::tokens::{NewTokenRow, find_by_hash, insert};
        let mut conn = conn(include_str!("schema_v1.sql"));
        conn.pragma_update(None, "user_version", 1).unwrap();
        let schema = inspect(&conn, shown()).unwrap();
        let tx = conn.transaction().unwrap();
        upgrade(&tx, schema, shown()).unwrap();
        tx.commit().unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |row| row.get(0))
            .unwrap();
        assert_eq!(version, latest());
        let db = Db::sqlite(&conn);
        let scopes = vec!["org:read".to_string()];
        let id = insert(
            &db,
            &NewTokenRow {
                name: None,
                token_hash: "ab",
                scopes: &scopes,
                date_created: "2026-01-01T00:00:00.000000Z",
                organization_id: None,
            },
        )
        .unwrap();
        let found = find_by_hash(&db, "ab").unwrap().unwrap();
        assert_eq!(found.id, id);
        assert_eq!(found.scopes, scopes);
    }
}
