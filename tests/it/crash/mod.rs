//! `kill -9` in the middle of writes: a 10,000-commit set-commits (`set_commits.rs`), and
//! `relctl serve` under a load of clients binding commits (`serve.rs`). After every kill the
//! store passes SQLite's integrity and foreign-key checks, every release holds the commits it
//! held before or the whole set it was being given (never part of it), nothing acknowledged is
//! lost, and the next command works.

mod serve;
mod set_commits;

use std::path::Path;

use rusqlite::Connection;

/// SQLite's own checks, on a fresh connection (which recovers a WAL left by a killed writer).
pub fn assert_store_sound(store: &Path, when: &str) {
    let conn = Connection::open(store).unwrap();
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

/// The commit ids bound to `version` (sorted), and the release's own `commit_count`; `None`
/// when there is no such release.
pub fn bound_commits(store: &Path, version: &str) -> Option<(Vec<String>, i64)> {
    let conn = Connection::open(store).unwrap();
    let count: i64 = conn
        .query_row(
            "SELECT commit_count FROM release WHERE version = ?1",
            [version],
            |row| row.get(0),
        )
        .ok()?;
    let mut keys: Vec<String> = conn
        .prepare(
            "SELECT c.key FROM release r JOIN release_commit rc ON rc.release_id = r.id
             JOIN git_commit c ON c.id = rc.commit_id WHERE r.version = ?1",
        )
        .unwrap()
        .query_map([version], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    keys.sort();
    Some((keys, count))
}

pub fn sorted(mut shas: Vec<String>) -> Vec<String> {
    shas.sort();
    shas
}
