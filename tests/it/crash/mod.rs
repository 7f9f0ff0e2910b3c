//! `kill -9` in the middle of writes: a 10,000-commit set-commits (`set_commits.rs`), and `relctl
//! serve` under a load of clients binding commits (`serve.rs`). After every kill the store passes
//! SQLite's integrity and foreign-key checks (on PostgreSQL: reads back whole, and ids no foreign
//! key checks name rows that exist), every release holds the commits it held before or the whole
//! set it was being given (never part of it), nothing acknowledged is lost, and the next command
//! works.

mod checker;
mod serve;
mod set_commits;

use std::path::Path;

use crate::harness::StoreSql;

/// SQLite's own checks, on a fresh connection (which recovers a WAL left by a killed writer). On
/// PostgreSQL, whose crash recovery is the server's and whose foreign keys are always enforced:
/// the schema is relctl's, every table reads back, every constraint is validated, and the ids
/// its schema leaves unchecked (a commit's organization and repository, a file change's commit)
/// name rows that exist.
pub fn assert_store_sound(store: &Path, when: &str) {
    match StoreSql::open(store) {
        StoreSql::Sqlite(conn) => {
            let check: Vec<String> = conn
                .prepare("PRAGMA integrity_check")
                .unwrap()
                .query_map([], |row| row.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            assert_eq!(check, ["ok"], "{when}: integrity_check");
            let dangling: i64 = conn
                .query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
                    row.get(0)
                })
                .unwrap();
            assert_eq!(dangling, 0, "{when}: foreign_key_check found dangling rows");
        }
        StoreSql::Postgres(mut client) => {
            let version: i64 = client
                .query_one("SELECT schema_version FROM relctl_store", &[])
                .unwrap_or_else(|err| panic!("{when}: relctl_store: {err}"))
                .get(0);
            assert!(version >= 1, "{when}: schema version {version}");
            let tables: Vec<String> = client
                .query(
                    "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()",
                    &[],
                )
                .unwrap()
                .iter()
                .map(|row| row.get(0))
                .collect();
            for table in tables {
                client
                    .query_one(&format!("SELECT count(*) FROM \"{table}\""), &[])
                    .unwrap_or_else(|err| panic!("{when}: reading {table}: {err}"));
            }
            let unchecked: i64 = client
                .query_one(
                    "SELECT count(*) FROM pg_constraint c
                     JOIN pg_namespace n ON n.oid = c.connamespace
                     WHERE n.nspname = current_schema() AND NOT c.convalidated",
                    &[],
                )
                .unwrap()
                .get(0);
            assert_eq!(unchecked, 0, "{when}: constraints not validated");
            // The ids no foreign key checks there (schema version 5), checked here.
            let dangling: i64 = client
                .query_one(
                    "SELECT (SELECT count(*) FROM git_commit c WHERE NOT EXISTS
                                (SELECT 1 FROM organization o WHERE o.id = c.organization_id)
                             OR NOT EXISTS
                                (SELECT 1 FROM repository r WHERE r.id = c.repository_id))
                          + (SELECT count(*) FROM commit_file_change f WHERE NOT EXISTS
                                (SELECT 1 FROM git_commit c WHERE c.id = f.commit_id))",
                    &[],
                )
                .unwrap()
                .get(0);
            assert_eq!(
                dangling, 0,
                "{when}: commits or file changes name what is not there"
            );
        }
    }
}

/// The commit ids bound to `version` (sorted), and the release's own `commit_count`; `None`
/// when there is no such release.
pub fn bound_commits(store: &Path, version: &str) -> Option<(Vec<String>, i64)> {
    let mut sql = StoreSql::open(store);
    let count = sql.i64(
        "SELECT commit_count FROM release WHERE version = ?1",
        &[version],
    )?;
    let mut keys = sql.strings(
        "SELECT c.key FROM release r JOIN release_commit rc ON rc.release_id = r.id
         JOIN git_commit c ON c.id = rc.commit_id WHERE r.version = ?1",
        &[version],
    );
    keys.sort();
    Some((keys, count))
}

pub fn sorted(mut shas: Vec<String>) -> Vec<String> {
    shas.sort();
    shas
}
