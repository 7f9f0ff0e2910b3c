//! The store file itself: what relctl refuses to touch, what it must not create, and what reads
//! may not change (cli.md, the paragraph after the exit codes).
//!
//! Every check compares the whole test directory (every file's bytes, and every directory)
//! before and after the command, so a `-wal`/`-shm` left behind, a directory made for a store
//! that was never written, or a byte changed in someone else's database all fail.
//!
//! On PostgreSQL (`RELCTL_TEST_STORE=postgres`) the same promises are checked on the database
//! where they have a counterpart (another application's database, a newer relctl's store, an
//! old schema, a failed migration, racing first writers), comparing its logical snapshot too;
//! the tests about the file alone (bytes that are not a database, truncation, file modes, the
//! application-id mark of stores older than it) are SQLite-only and say so.

use std::collections::BTreeMap;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use rusqlite::Connection;

use crate::harness::{TestEnv, postgres_mode, sqlite_only};

/// relctl's `PRAGMA application_id` ("RELC").
const RELCTL_APPLICATION_ID: i64 = 0x5245_4C43;

/// Every file (with its bytes) and directory (`None`) under `root`.
fn tree(root: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut all = BTreeMap::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let rel = path.strip_prefix(root).unwrap().to_path_buf();
            if path.is_dir() {
                all.insert(rel, None);
                todo.push(path);
            } else {
                all.insert(rel, Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    all
}

/// The paths that differ between two trees, for a readable failure.
fn differences(
    before: &BTreeMap<PathBuf, Option<Vec<u8>>>,
    after: &BTreeMap<PathBuf, Option<Vec<u8>>>,
) -> Vec<String> {
    let mut diff = Vec::new();
    for (path, content) in before {
        match after.get(path) {
            None => diff.push(format!("removed {}", path.display())),
            Some(now) if now != content => diff.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys().filter(|p| !before.contains_key(*p)) {
        diff.push(format!("added {}", path.display()));
    }
    diff
}

/// Runs `args`, asserts exit `code` with one line on stderr, and that nothing under the test
/// directory changed; returns stderr.
fn refused(env: &TestEnv, args: &[&str], code: i32) -> String {
    let before = tree(env.path());
    let db_before = env.db_snapshot();
    let stderr = env.fails(args, code);
    let diff = differences(&before, &tree(env.path()));
    assert!(diff.is_empty(), "relctl {args:?} changed files: {diff:?}");
    assert!(
        db_before == env.db_snapshot(),
        "relctl {args:?} changed the database"
    );
    assert!(
        stderr.len() < 400,
        "relctl {args:?}: a long message: {stderr}"
    );
    stderr
}

/// Runs `args`, asserts success and that nothing under the test directory changed.
fn reads_unchanged(env: &TestEnv, args: &[&str]) -> String {
    let before = tree(env.path());
    let db_before = env.db_snapshot();
    let stdout = env.ok(args);
    let diff = differences(&before, &tree(env.path()));
    assert!(diff.is_empty(), "relctl {args:?} changed files: {diff:?}");
    assert!(
        db_before == env.db_snapshot(),
        "relctl {args:?} changed the database"
    );
    stdout
}

/// Commands that read, that write, and that would fail anyway: on a file that is not a relctl
/// store, each is refused before anything else.
const EVERY_KIND_OF_COMMAND: &[&[&str]] = &[
    &["release", "list"],
    &["release", "info", "1.0"],
    &["org", "list"],
    &["project", "list"],
    &["issue", "list"],
    &["token", "list"],
    &["project", "create", "web"],
    &["release", "new", "1.0", "-p", "nope"],
    &["org", "create", "acme"],
    &["token", "create"],
];

fn all_refused(env: &TestEnv, expect_in_message: &str) {
    for args in EVERY_KIND_OF_COMMAND {
        let err = refused(env, args, 2);
        assert!(
            err.contains(expect_in_message),
            "relctl {args:?}: expected {expect_in_message:?} in {err:?}"
        );
    }
}

fn sqlite(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

/// A SQLite store at `store` in a new test directory.
fn env_at(store: &str) -> TestEnv {
    let mut env = TestEnv::sqlite();
    env.store = env.path().join(store);
    env
}

/// On PostgreSQL, a new database holding what `sql` makes (another application's tables).
fn foreign_database(sql: &str) -> TestEnv {
    let env = TestEnv::new();
    env.sql().batch(sql);
    env
}

#[test]
fn another_applications_database_is_refused_unchanged() {
    if postgres_mode() {
        for sql in [
            "CREATE TABLE t (x int); INSERT INTO t VALUES (1);",
            // A table name relctl uses too: still not relctl's.
            "CREATE TABLE organization (id BIGINT PRIMARY KEY, slug TEXT);",
            "CREATE VIEW v AS SELECT 1 AS x;",
            // relctl's table of marks, holding another application's.
            "CREATE TABLE relctl_store (id BIGINT PRIMARY KEY, application_id BIGINT NOT NULL,
                 schema_version BIGINT NOT NULL);
             INSERT INTO relctl_store VALUES (1, 305419896, 1);",
        ] {
            all_refused(&foreign_database(sql), "not a relctl store");
        }
        return;
    }
    let cases: &[(&str, &str)] = &[
        ("rollback", "CREATE TABLE t (x); INSERT INTO t VALUES (1);"),
        (
            "wal",
            "PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        ),
        (
            "marked",
            "PRAGMA application_id = 305419896; CREATE TABLE t (x);",
        ),
        // A table name relctl uses too, and no schema version: still not relctl's.
        (
            "same-table-name",
            "CREATE TABLE organization (id INTEGER PRIMARY KEY, slug TEXT);",
        ),
        // relctl's schema version but none of its tables.
        (
            "user-version",
            "PRAGMA user_version = 1; CREATE TABLE t (x);",
        ),
        // Another application's mark on an otherwise empty database.
        ("empty-but-marked", "PRAGMA application_id = 7;"),
    ];
    for (name, sql) in cases {
        let env = env_at(&format!("{name}.db"));
        sqlite(&env.store, sql);
        all_refused(&env, "not a relctl store");
    }
}

#[test]
fn files_that_are_not_databases_are_refused_unchanged() {
    if sqlite_only("bytes that are not a SQLite database are about the file") {
        return;
    }
    // Random bytes (a fixed pseudo-random sequence).
    let env = env_at("random.db");
    let mut x: u32 = 12345;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
            (x >> 16) as u8
        })
        .collect();
    std::fs::write(&env.store, bytes).unwrap();
    all_refused(&env, "not a relctl store");

    // A text file.
    let env = env_at("notes.txt");
    std::fs::write(&env.store, "remember the milk\n").unwrap();
    all_refused(&env, "not a relctl store");

    // A directory.
    let env = env_at("a-directory");
    std::fs::create_dir(&env.store).unwrap();
    std::fs::write(env.store.join("inside"), "x").unwrap();
    all_refused(&env, "directory");
}

/// A store with a few projects and a release, so it spans several pages.
fn populated_store() -> TestEnv {
    let env = TestEnv::new();
    for name in ["web", "api", "worker", "docs", "infra"] {
        env.ok(&["project", "create", name]);
    }
    env.ok(&["release", "new", "1.0", "-p", "web", "-p", "api"]);
    env
}

#[test]
fn truncated_stores_are_refused_unchanged() {
    if sqlite_only("a truncated file is about the file") {
        return;
    }
    let env = populated_store();
    let whole = env.store_bytes();
    let page = u16::from_be_bytes([whole[16], whole[17]]) as usize;
    assert!(whole.len() >= 4 * page, "{} bytes", whole.len());
    // Cut inside the first page, inside a later page, and at a page boundary.
    for cut in [3000, 2 * page + 100, 2 * page] {
        std::fs::write(&env.store, &whole[..cut]).unwrap();
        all_refused(&env, "damaged");
    }
}

#[test]
fn a_store_from_a_newer_relctl_is_refused_unchanged() {
    let env = populated_store();
    if env.is_postgres() {
        env.sql()
            .batch("UPDATE relctl_store SET schema_version = 99");
    } else {
        sqlite(&env.store, "PRAGMA user_version = 99;");
    }
    all_refused(&env, "newer");
}

#[test]
fn serve_refuses_a_foreign_file_unchanged() {
    let env = if postgres_mode() {
        foreign_database("CREATE TABLE t (x int); INSERT INTO t VALUES (1);")
    } else {
        let env = env_at("other.db");
        sqlite(&env.store, "CREATE TABLE t (x); INSERT INTO t VALUES (1);");
        env
    };
    let before = tree(env.path());
    let db_before = env.db_snapshot();
    let out = run_bounded(
        env.cmd().args(["serve", "--bind", "127.0.0.1:0"]),
        Duration::from_secs(20),
    );
    assert_eq!(out.0, Some(2), "stderr: {}", out.1);
    assert!(out.1.contains("not a relctl store"), "{}", out.1);
    assert!(differences(&before, &tree(env.path())).is_empty());
    assert!(db_before == env.db_snapshot());
}

/// Runs a command that should end by itself; kills it after `limit`. Returns (code, stderr).
fn run_bounded(cmd: &mut Command, limit: Duration) -> (Option<i32>, String) {
    let mut child = cmd
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return (status.code(), stderr);
        }
        if start.elapsed() > limit {
            child.kill().unwrap();
            child.wait().unwrap();
            panic!("the command did not end within {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_failing_command_creates_no_store_and_no_directory() {
    let env = TestEnv::new();
    // The default store of this environment is in a directory that does not exist yet.
    for args in [
        &["release", "new", "1.0", "-p", "nope"][..],
        &[
            "--store",
            "new/dir/s.db",
            "release",
            "new",
            "1.0",
            "-p",
            "nope",
        ],
        &["issue", "new", "-p", "nope", "Broken"],
        &["deploy", "new", "-r", "1.0", "-e", "production"],
        &["release", "delete", "1.0", "--strict"],
        &["release", "finalize", "1.0"],
        &["token", "revoke", "5"],
        &["project", "delete", "nope", "--yes"],
        &["--org", "nope", "project", "create", "web"],
    ] {
        refused(&env, args, 3);
    }
    // Nothing at all was made.
    assert!(!env.store_exists());
    assert!(!env.path().join("data").exists());
    assert!(!env.path().join("new").exists());

    // The first write that succeeds creates the directories and the store, private, and
    // nothing else beside it.
    env.ok(&["--store", "new/dir/s.db", "project", "create", "web"]);
    let dir = env.path().join("new/dir");
    let names: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["s.db"]);
    let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&dir.join("s.db")), 0o600);
    assert_eq!(mode(&dir), 0o700);
    assert_eq!(mode(&env.path().join("new")), 0o700);
}

#[test]
fn a_failing_command_leaves_an_empty_file_empty() {
    // On PostgreSQL: an empty database.
    let env = if postgres_mode() {
        TestEnv::new()
    } else {
        let env = env_at("empty.db");
        std::fs::write(&env.store, b"").unwrap();
        env
    };
    refused(&env, &["release", "new", "1.0", "-p", "nope"], 3);
    // The database holds no table yet (the empty file is still there, empty: `refused`).
    assert!(!env.is_postgres() || !env.store_exists());
    // Reads see an empty store.
    assert_eq!(
        reads_unchanged(&env, &["--format", "json", "release", "list"]).trim(),
        "[]"
    );
    // A write makes it a store.
    env.ok(&["project", "create", "web"]);
    assert_eq!(env.application_id(), RELCTL_APPLICATION_ID);
    assert_eq!(env.query_i64("SELECT count(*) FROM project"), 1);
}

/// The read commands of the command line.
const READS: &[&[&str]] = &[
    &["release", "list"],
    &["release", "info", "1.0", "--commits"],
    &["deploy", "list", "-r", "1.0"],
    &["project", "list"],
    &["project", "show", "web"],
    &["org", "list"],
    &["org", "show"],
    &["org", "audit"],
    &["issue", "list"],
    &["token", "list"],
];

#[test]
fn reads_change_nothing_on_disk() {
    let env = populated_store();
    for args in READS {
        reads_unchanged(&env, args);
    }
    // Reads on a missing store in a missing directory (an empty database) make nothing either.
    let env = if env.is_postgres() {
        TestEnv::new()
    } else {
        env_at("missing/dir/s.db")
    };
    for args in [
        &["release", "list"][..],
        &["org", "list"],
        &["token", "list"],
    ] {
        reads_unchanged(&env, args);
    }
    assert!(!env.path().join("missing").exists());
    assert!(!env.store_exists());
}

/// A command of `env` run as a user that does not own the store's directory when the tests run
/// as root (root ignores file modes), so "read-only" means read-only. That user runs a copy of
/// the binary from a directory anyone can enter: the build directory may sit where it cannot reach
/// (a checkout under /root).
fn unprivileged_cmd(env: &TestEnv) -> Command {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        return env.cmd();
    }
    const NOBODY: u32 = 65534;
    std::fs::set_permissions(env.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    static COPY: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> =
        std::sync::OnceLock::new();
    let (_, program) = COPY.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        let program = dir.path().join("relctl");
        std::fs::copy(crate::harness::relctl_bin(), &program).unwrap();
        std::fs::set_permissions(&program, std::fs::Permissions::from_mode(0o755)).unwrap();
        (dir, program)
    });
    let dir = env.store.parent().unwrap();
    std::os::unix::fs::chown(dir, Some(NOBODY), Some(NOBODY)).unwrap();
    for entry in std::fs::read_dir(dir).unwrap() {
        std::os::unix::fs::chown(entry.unwrap().path(), Some(NOBODY), Some(NOBODY)).unwrap();
    }
    let mut cmd = env.cmd_of(program);
    cmd.uid(NOBODY).gid(NOBODY);
    cmd
}

fn set_mode(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn a_store_in_a_read_only_directory_can_be_read() {
    if sqlite_only("a read-only directory is about the file") {
        return;
    }
    let env = populated_store();
    let dir = env.store.parent().unwrap().to_path_buf();
    set_mode(&env.store, 0o400);
    set_mode(&dir, 0o555);
    let before = tree(env.path());
    for args in READS {
        let mut cmd = unprivileged_cmd(&env);
        let out = cmd.args(*args).output().unwrap();
        assert!(
            out.status.success(),
            "relctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let list = {
        let mut cmd = unprivileged_cmd(&env);
        cmd.args(["--format", "json", "project", "list"])
            .output()
            .unwrap()
    };
    let projects: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    assert_eq!(projects.as_array().unwrap().len(), 5);
    // A write fails (exit 1, one line) and changes nothing.
    let mut cmd = unprivileged_cmd(&env);
    let out = cmd.args(["project", "create", "more"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr).trim().lines().count(),
        1
    );
    assert!(differences(&before, &tree(env.path())).is_empty());
    set_mode(&dir, 0o755);
    set_mode(&env.store, 0o600);
}

#[test]
fn a_read_only_store_file_can_be_read() {
    if sqlite_only("a read-only file is about the file") {
        return;
    }
    let env = populated_store();
    set_mode(&env.store, 0o400);
    let before = tree(env.path());
    for args in READS {
        let mut cmd = unprivileged_cmd(&env);
        let out = cmd.args(*args).output().unwrap();
        assert!(
            out.status.success(),
            "relctl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let after = tree(env.path());
    // The store itself is never changed (SQLite may keep its shared-memory file beside a
    // store it could not open for writing).
    assert_eq!(
        before.get(Path::new("data/relctl.db")),
        after.get(Path::new("data/relctl.db"))
    );
    set_mode(&env.store, 0o600);
}

/// The schema version of a store made by this relctl.
fn latest_schema_version() -> i64 {
    let env = TestEnv::new();
    env.ok(&["project", "create", "web"]);
    env.schema_version()
}

/// A store as relctl made it before stores carried an application id: schema 1 only. On
/// PostgreSQL, a store at schema 1 as relctl makes it (marked from the start).
fn schema_v1_store(env: &TestEnv) {
    if env.is_postgres() {
        env.sql().batch(&format!(
            "{}{}",
            include_str!("../../src/store/schema_pg_v1.sql"),
            crate::harness::pg_store_mark(1)
        ));
        return;
    }
    std::fs::create_dir_all(env.store.parent().unwrap()).unwrap();
    let conn = Connection::open(&env.store).unwrap();
    conn.pragma_update(None, "journal_mode", "WAL").unwrap();
    conn.execute_batch(include_str!("../../src/store/schema_v1.sql"))
        .unwrap();
    conn.execute(
        "INSERT INTO organization (slug, name, date_added) VALUES ('default', 'Default', '2024-01-01T00:00:00Z')",
        [],
    )
    .unwrap();
    conn.pragma_update(None, "user_version", 1).unwrap();
    drop(conn);
    set_mode(&env.store, 0o600);
}

#[test]
fn a_store_without_the_application_id_is_read_as_is_and_marked_by_the_first_write() {
    if sqlite_only("stores older than the application id are SQLite files") {
        return;
    }
    let env = populated_store();
    sqlite(&env.store, "PRAGMA application_id = 0;");
    for args in READS {
        reads_unchanged(&env, args);
    }
    refused(&env, &["release", "new", "2.0", "-p", "nope"], 3);
    assert_eq!(env.query_i64("PRAGMA application_id"), 0);
    env.ok(&["release", "new", "2.0", "-p", "web"]);
    assert_eq!(
        env.query_i64("PRAGMA application_id"),
        RELCTL_APPLICATION_ID
    );
}

#[test]
fn an_old_store_is_read_without_migrating_and_upgraded_by_the_first_write() {
    let env = TestEnv::new();
    schema_v1_store(&env);
    for args in [
        &["release", "list"][..],
        &["org", "list"],
        &["project", "list"],
        // Tokens came with schema 2: an old store has none.
        &["token", "list"],
    ] {
        reads_unchanged(&env, args);
    }
    assert_eq!(
        reads_unchanged(&env, &["--format", "json", "token", "list"]).trim(),
        "[]"
    );
    // A write that fails leaves it old.
    refused(&env, &["release", "new", "1.0", "-p", "nope"], 3);
    assert_eq!(env.schema_version(), 1);
    // The first write that succeeds upgrades it and marks it.
    env.ok(&["project", "create", "web"]);
    assert_eq!(env.schema_version(), latest_schema_version());
    assert_eq!(env.application_id(), RELCTL_APPLICATION_ID);
    env.ok(&["token", "create"]);
    assert_eq!(env.query_i64("SELECT count(*) FROM api_token"), 1);
}

#[test]
fn a_migration_that_fails_says_so_in_one_short_line() {
    let env = TestEnv::new();
    schema_v1_store(&env);
    // Something in the way of migration 2.
    if env.is_postgres() {
        env.sql().batch("CREATE TABLE api_token (x int);");
    } else {
        sqlite(&env.store, "CREATE TABLE api_token (x);");
    }
    let err = refused(&env, &["project", "create", "web"], 1);
    assert!(err.contains("schema version 2"), "{err}");
    assert!(!err.contains("CREATE"), "{err}");
}

#[test]
fn serve_that_cannot_listen_creates_no_store() {
    let env = if postgres_mode() {
        TestEnv::new()
    } else {
        env_at("new/s.db")
    };
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let before = tree(env.path());
    let out = run_bounded(
        env.cmd().args(["serve", "--bind", &addr]),
        Duration::from_secs(20),
    );
    assert_ne!(out.0, Some(0), "stderr: {}", out.1);
    assert!(differences(&before, &tree(env.path())).is_empty());
    assert!(!env.store_exists());
}

#[test]
fn first_writers_racing_on_a_missing_store_all_land_in_one_store() {
    // On PostgreSQL: an empty database, whose tables the first writer makes.
    let env = if postgres_mode() {
        TestEnv::new()
    } else {
        env_at("new/dir/s.db")
    };
    let env = std::sync::Arc::new(env);
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(12));
    let workers: Vec<_> = (0..12)
        .map(|worker| {
            let env = std::sync::Arc::clone(&env);
            let barrier = std::sync::Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                if worker % 3 == 0 {
                    // Fails: must not create the store, nor remove what others created.
                    env.fails(&["release", "new", "1.0", "-p", "nope"], 3);
                    None
                } else {
                    let project = env.json(&["project", "create", "Shared"]);
                    Some(project["slug"].as_str().unwrap().to_string())
                }
            })
        })
        .collect();
    let mut slugs: Vec<String> = workers
        .into_iter()
        .filter_map(|w| w.join().unwrap())
        .collect();
    slugs.sort();
    slugs.dedup();
    assert_eq!(slugs.len(), 8, "{slugs:?}");
    let listed = env.json(&["project", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 8);
    if env.is_postgres() {
        return;
    }
    // Only the store is left: no temporary files of the writers that lost the race.
    let names: Vec<String> = std::fs::read_dir(env.path().join("new/dir"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(names, ["s.db"]);
}

#[test]
fn a_long_lived_backend_still_reads_an_old_store_after_a_failed_write() {
    use relctl::backend::Backend;
    use relctl::backend::local::LocalBackend;
    let env = TestEnv::new();
    schema_v1_store(&env);
    let before = tree(env.path());
    let db_before = env.db_snapshot();
    // As in `serve`: one backend, its connections kept between requests.
    let backend = LocalBackend::new(env.store.clone(), 0);
    let err = backend.revoke_token(5).unwrap_err();
    assert_eq!(err.exit_code(), 3, "{err}");
    assert!(backend.tokens().unwrap().is_empty());
    assert_eq!(backend.organizations().unwrap().len(), 1);
    drop(backend);
    assert!(differences(&before, &tree(env.path())).is_empty());
    assert!(db_before == env.db_snapshot());
}
