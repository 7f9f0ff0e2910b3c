//! A test environment that runs the real `relctl` binary against a store in a tempdir (or, with
//! `RELCTL_TEST_STORE=postgres`, a fresh PostgreSQL database of its own), and builds real git
//! repositories with the `git` command.
//!
//! # Which store the suite runs on
//!
//! Unset, every [`TestEnv`]'s store is a SQLite file in its tempdir. With
//! `RELCTL_TEST_STORE=postgres`, it is a database created for it on the server whose admin URL is
//! `RELCTL_TEST_POSTGRES` (named `relctl_it_<pid>_<n>`, dropped with the env), and
//! [`TestEnv::store`] is that database's URL. What inspects the store works on both:
//! [`TestEnv::store_bytes`] is a logical snapshot on PostgreSQL (every table's rows in a stable
//! order), [`TestEnv::query_i64`] and [`StoreSql`] run SQL on whichever it is.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

use serde_json::Value;
use tempfile::TempDir;

/// The `relctl` binary the suite runs: the one cargo built for it, or the one named by
/// `RELCTL_TEST_BIN` (a release build, e.g. the static musl binary of `dist/build`, so the
/// end-to-end tests run against what ships: `.ci/run` sets it to
/// `target/dist/relctl-x86_64-unknown-linux-musl` for `cargo test --test it -- remote:: sentry_cli`).
pub fn relctl_bin() -> PathBuf {
    match std::env::var_os("RELCTL_TEST_BIN") {
        Some(path) if !path.is_empty() => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "RELCTL_TEST_BIN={} is not a file",
                path.display()
            );
            path
        }
        _ => PathBuf::from(env!("CARGO_BIN_EXE_relctl")),
    }
}

pub struct TestEnv {
    pub dir: TempDir,
    /// What `RELCTL_STORE` gets: the SQLite file in `dir`, or the URL of [`TestEnv::pg`].
    pub store: PathBuf,
    /// This env's own PostgreSQL database, in PostgreSQL mode.
    pub pg: Option<PgDatabase>,
    /// Extra environment variables for every command (e.g. a server URL and token).
    extra_env: Vec<(String, String)>,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        TestEnv::with_database(postgres_mode().then(PgDatabase::create))
    }

    /// A SQLite env whatever mode the suite runs in (for tests about the file itself).
    pub fn sqlite() -> TestEnv {
        TestEnv::with_database(None)
    }

    /// In PostgreSQL mode, a new env whose database starts as a copy of `template`'s (which no
    /// one may be connected to); a SQLite env holds a copy of its file.
    pub fn copy_of(template: &TestEnv) -> TestEnv {
        let env = TestEnv::with_database(template.pg.as_ref().map(PgDatabase::copy_of));
        if env.pg.is_none() {
            std::fs::create_dir_all(env.store.parent().unwrap()).unwrap();
            std::fs::copy(&template.store, &env.store).unwrap();
        }
        env
    }

    fn with_database(pg: Option<PgDatabase>) -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let store = match &pg {
            Some(db) => PathBuf::from(&db.url),
            None => dir.path().join("data").join("relctl.db"),
        };
        TestEnv {
            dir,
            store,
            pg,
            extra_env: Vec::new(),
        }
    }

    /// Whether this env's store is a PostgreSQL database.
    pub fn is_postgres(&self) -> bool {
        self.pg.is_some()
    }

    /// Whether a store was created: the file exists, or the database holds relctl's tables.
    pub fn store_exists(&self) -> bool {
        match &self.pg {
            Some(db) => db.is_store(),
            None => self.store.exists(),
        }
    }

    /// A connection to the store, for what the CLI does not show.
    pub fn sql(&self) -> StoreSql {
        StoreSql::open(&self.store)
    }

    /// The PostgreSQL store's logical snapshot ([`PgDatabase::snapshot`]); `None` on SQLite,
    /// where the files under [`TestEnv::path`] are the store.
    pub fn db_snapshot(&self) -> Option<Vec<String>> {
        self.pg.as_ref().map(PgDatabase::snapshot)
    }

    /// The store's schema version: `PRAGMA user_version`, or `relctl_store.schema_version`.
    pub fn schema_version(&self) -> i64 {
        self.query_i64(if self.is_postgres() {
            "SELECT schema_version FROM relctl_store"
        } else {
            "PRAGMA user_version"
        })
    }

    /// The store's application id: `PRAGMA application_id`, or `relctl_store.application_id`.
    pub fn application_id(&self) -> i64 {
        self.query_i64(if self.is_postgres() {
            "SELECT application_id FROM relctl_store"
        } else {
            "PRAGMA application_id"
        })
    }

    /// The same environment with `key=value` set for every command.
    pub fn with_env(mut self, key: &str, value: &str) -> TestEnv {
        self.extra_env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `relctl` with a clean environment pointing at this test's store and home.
    pub fn cmd(&self) -> Command {
        self.cmd_of(&relctl_bin())
    }

    /// [`TestEnv::cmd`] running the relctl binary at `program` (a copy another user can reach).
    pub fn cmd_of(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        for (key, _) in std::env::vars() {
            if key.starts_with("RELCTL_")
                || key.starts_with("SENTRY_")
                || key.starts_with("GIT_")
                // A CI job's own variables (the suite may run in one) name its commit.
                || ["GITHUB_", "CI_", "CIRCLE_", "BITBUCKET_", "VERCEL_", "BUILDKITE_"]
                    .iter()
                    .any(|ci| key.starts_with(ci))
                || key.starts_with("CODEBUILD_")
                || key == "NO_COLOR"
                || key == "COLUMNS"
            {
                cmd.env_remove(key);
            }
        }
        cmd.env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("xdg-data"))
            .env("RELCTL_STORE", &self.store)
            .current_dir(self.path());
        for (key, value) in &self.extra_env {
            cmd.env(key, value);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "relctl {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs with `--format json`, asserts success, parses stdout as one JSON document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let stdout = self.ok(&all);
        serde_json::from_str(&stdout).unwrap_or_else(|err| {
            panic!("stdout of {args:?} is not one JSON document ({err}):\n{stdout}")
        })
    }

    /// Runs, asserts the exit code, that stdout is empty and stderr is one error line (with at
    /// most one `hint:` line after it); returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            out.status.code(),
            Some(code),
            "relctl {args:?}: stderr {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "relctl {args:?} printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            error_lines(&stderr),
            1,
            "relctl {args:?}: expected one line (and a hint), got {stderr:?}"
        );
        stderr
    }

    /// The store's bytes (it is checkpointed when the last connection closes); on PostgreSQL,
    /// a logical snapshot: every table's rows, as text, in a stable order.
    pub fn store_bytes(&self) -> Vec<u8> {
        match &self.pg {
            Some(db) => db.snapshot().join("\n").into_bytes(),
            None => std::fs::read(&self.store).unwrap(),
        }
    }

    /// Asserts a command fails with `code` and leaves the store byte-for-byte as it was (on
    /// PostgreSQL: every row as it was).
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.store_bytes();
        let stderr = self.fails(args, code);
        assert!(
            before == self.store_bytes(),
            "relctl {args:?} changed the store"
        );
        if !self.is_postgres() {
            assert!(
                !wal_path(&self.store).exists()
                    || std::fs::metadata(wal_path(&self.store)).unwrap().len() == 0
            );
        }
        stderr
    }

    /// A query against the store, for what the CLI does not show.
    pub fn query_i64(&self, sql: &str) -> i64 {
        self.sql().i64(sql, &[]).unwrap()
    }
}

/// Whether the suite runs on PostgreSQL (`RELCTL_TEST_STORE=postgres`).
pub fn postgres_mode() -> bool {
    match std::env::var("RELCTL_TEST_STORE").as_deref() {
        Err(_) | Ok("" | "sqlite") => false,
        Ok("postgres") => true,
        Ok(other) => panic!("RELCTL_TEST_STORE={other}: expected sqlite or postgres"),
    }
}

/// Says why a test that is about the SQLite file itself does not run on PostgreSQL; `true` when
/// it must not run (the caller returns).
pub fn sqlite_only(why: &str) -> bool {
    if postgres_mode() {
        let test = std::thread::current()
            .name()
            .unwrap_or("a test")
            .to_string();
        eprintln!("skipped on PostgreSQL: {test}: {why}");
    }
    postgres_mode()
}

/// The admin URL of the PostgreSQL server tests may create databases on
/// (`RELCTL_TEST_POSTGRES`). Without one, `None` and a line saying so, unless
/// `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`) or the suite runs on PostgreSQL: then it fails.
pub fn test_postgres(test: &str) -> Option<String> {
    match std::env::var("RELCTL_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var("RELCTL_REQUIRE_SERVERS").as_deref() != Ok("1"),
                "{test}: RELCTL_TEST_POSTGRES is not set, and RELCTL_REQUIRE_SERVERS=1 requires it"
            );
            assert!(
                !postgres_mode(),
                "RELCTL_TEST_STORE=postgres needs RELCTL_TEST_POSTGRES (a server's admin URL)"
            );
            eprintln!(
                "skipped: {test} needs a PostgreSQL server; set RELCTL_TEST_POSTGRES to its admin URL"
            );
            None
        }
    }
}

/// A loopback port nothing listens on now (the OS's pick, released at once).
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// Says that `test` is skipped for want of `what` (a server's binary); under
/// `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`, which installs them) it fails instead.
pub fn skipped(test: &str, what: &str) {
    assert!(
        std::env::var("RELCTL_REQUIRE_SERVERS").as_deref() != Ok("1"),
        "{test}: {what} not found, and RELCTL_REQUIRE_SERVERS=1 requires it"
    );
    eprintln!("skipped: {test} needs {what} (Debian's package; .ci/run installs it)");
}

/// The SQL that marks a PostgreSQL database holding relctl's tables (created by the caller from
/// `schema_pg_v*.sql`) as a store at schema `version`, with its default organization, as relctl
/// makes one.
pub fn pg_store_mark(version: i64) -> String {
    format!(
        "CREATE TABLE relctl_store (
             id             BIGINT PRIMARY KEY CHECK (id = 1),
             application_id BIGINT NOT NULL,
             schema_version BIGINT NOT NULL
         );
         INSERT INTO relctl_store VALUES (1, 1380273219, {version});
         INSERT INTO organization (slug, name, date_added)
             VALUES ('default', 'Default', '2024-01-01T00:00:00Z');"
    )
}

/// A database of the test's own on the `RELCTL_TEST_POSTGRES` server, dropped when dropped.
pub struct PgDatabase {
    admin: String,
    pub name: String,
    pub url: String,
}

static DATABASES: AtomicUsize = AtomicUsize::new(0);

impl PgDatabase {
    /// A new, empty database.
    pub fn create() -> PgDatabase {
        PgDatabase::create_with("")
    }

    /// A new database holding a copy of `template`'s (no one may be connected to it).
    pub fn copy_of(template: &PgDatabase) -> PgDatabase {
        PgDatabase::create_with(&format!(" TEMPLATE \"{}\"", template.name))
    }

    fn create_with(options: &str) -> PgDatabase {
        let admin = test_postgres("the PostgreSQL store").unwrap();
        let n = DATABASES.fetch_add(1, Ordering::SeqCst);
        let name = format!("relctl_it_{}_{n}", std::process::id());
        let url = database_url(&admin, &name);
        let mut client = postgres::Client::connect(&admin, postgres::NoTls)
            .unwrap_or_else(|err| panic!("cannot connect to RELCTL_TEST_POSTGRES {admin}: {err}"));
        // A template in use (a connection still closing) makes CREATE DATABASE fail: retry.
        let mut tries = 0;
        loop {
            match client.batch_execute(&format!("CREATE DATABASE \"{name}\"{options}")) {
                Ok(()) => break,
                Err(err) if tries < 50 && err.to_string().contains("being accessed") => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(100));
                }
                Err(err) => panic!("CREATE DATABASE {name}{options}: {err}"),
            }
        }
        PgDatabase { admin, name, url }
    }

    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).unwrap()
    }

    /// Whether relctl made its tables here.
    pub fn is_store(&self) -> bool {
        let mut client = self.client();
        client
            .query_one("SELECT to_regclass('relctl_store') IS NOT NULL", &[])
            .unwrap()
            .get(0)
    }

    /// Every table's name and columns, then its rows as text, sorted: equal snapshots mean the
    /// same logical content (sequences, which a rolled-back insert advances, are left out).
    pub fn snapshot(&self) -> Vec<String> {
        let mut client = self.client();
        // Two round trips whatever the number of tables: the bad-input table takes a hundred.
        let tables: Vec<(String, String)> = client
            .query(
                "SELECT c.relname::text,
                        string_agg(a.attname || ' ' || format_type(a.atttypid, a.atttypmod),
                                   ', ' ORDER BY a.attnum)
                 FROM pg_class c
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                 WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                 GROUP BY c.relname ORDER BY c.relname::text COLLATE \"C\"",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| (row.get(0), row.get(1)))
            .collect();
        let mut dump: Vec<String> = tables
            .iter()
            .map(|(table, columns)| format!("table {table} ({columns})"))
            .collect();
        if tables.is_empty() {
            return dump;
        }
        let rows = tables
            .iter()
            .map(|(table, _)| {
                let name = table.replace('\'', "''");
                format!("SELECT '{name}: ' || t::text FROM \"{table}\" t")
            })
            .collect::<Vec<_>>()
            .join(" UNION ALL ");
        let mut rows: Vec<String> = client
            .simple_query(&rows)
            .unwrap()
            .into_iter()
            .filter_map(|message| match message {
                postgres::SimpleQueryMessage::Row(row) => Some(row.get(0).unwrap().to_string()),
                _ => None,
            })
            .collect();
        rows.sort();
        dump.extend(rows);
        dump
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        // Best effort: a server that went away leaves the database behind.
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// `admin` (a server's URL) with its database replaced by `name`.
pub fn database_url(admin: &str, name: &str) -> String {
    let (base, query) = match admin.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (admin, String::new()),
    };
    let authority = base.find("://").map_or(0, |at| at + 3);
    let end = base[authority..]
        .find('/')
        .map_or(base.len(), |at| authority + at);
    format!("{}/{name}{query}", &base[..end])
}

/// SQL on a store, SQLite file or PostgreSQL URL alike. Statements use SQLite's `?N`
/// placeholders (rewritten to `$N` for PostgreSQL) and text parameters.
pub enum StoreSql {
    Sqlite(rusqlite::Connection),
    Postgres(postgres::Client),
}

impl StoreSql {
    pub fn open(store: &Path) -> StoreSql {
        match store.to_str() {
            Some(url) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
                StoreSql::Postgres(postgres::Client::connect(url, postgres::NoTls).unwrap())
            }
            _ => StoreSql::Sqlite(rusqlite::Connection::open(store).unwrap()),
        }
    }

    /// The first column of the first row as an integer; `None` when there is no row.
    pub fn i64(&mut self, sql: &str, params: &[&str]) -> Option<i64> {
        match self {
            StoreSql::Sqlite(conn) => {
                match conn.query_row(sql, rusqlite::params_from_iter(params), |row| row.get(0)) {
                    Ok(value) => Some(value),
                    Err(rusqlite::Error::QueryReturnedNoRows) => None,
                    Err(err) => panic!("{sql}: {err}"),
                }
            }
            StoreSql::Postgres(client) => {
                let rows = client
                    .query(&dollars(sql), &pg_params(params))
                    .unwrap_or_else(|err| panic!("{sql}: {err:?}"));
                rows.first().map(|row| pg_i64(row, 0))
            }
        }
    }

    /// The first column of every row as text (NULL as "NULL").
    pub fn strings(&mut self, sql: &str, params: &[&str]) -> Vec<String> {
        match self {
            StoreSql::Sqlite(conn) => conn
                .prepare(sql)
                .unwrap()
                .query_map(rusqlite::params_from_iter(params), |row| {
                    row.get::<_, Option<String>>(0)
                })
                .unwrap()
                .map(|value| value.unwrap().unwrap_or_else(|| "NULL".into()))
                .collect(),
            StoreSql::Postgres(client) => client
                .query(&dollars(sql), &pg_params(params))
                .unwrap_or_else(|err| panic!("{sql}: {err:?}"))
                .iter()
                .map(|row| {
                    row.get::<_, Option<String>>(0)
                        .unwrap_or_else(|| "NULL".into())
                })
                .collect(),
        }
    }

    /// Runs statements without parameters.
    pub fn batch(&mut self, sql: &str) {
        match self {
            StoreSql::Sqlite(conn) => conn.execute_batch(sql).unwrap(),
            StoreSql::Postgres(client) => client.batch_execute(sql).unwrap(),
        }
    }
}

/// `?N` placeholders as PostgreSQL's `$N`.
fn dollars(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

fn pg_params<'a>(params: &'a [&'a str]) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    params
        .iter()
        .map(|p| p as &(dyn postgres::types::ToSql + Sync))
        .collect()
}

/// An integer column of any width (`COUNT(*)` is `bigint`, `SUM` of bigints `numeric`).
fn pg_i64(row: &postgres::Row, idx: usize) -> i64 {
    if let Ok(value) = row.try_get::<_, i64>(idx) {
        return value;
    }
    if let Ok(value) = row.try_get::<_, i32>(idx) {
        return i64::from(value);
    }
    if let Ok(value) = row.try_get::<_, bool>(idx) {
        return i64::from(value);
    }
    panic!("column {idx} is not an integer: {:?}", row.columns()[idx])
}

fn wal_path(store: &Path) -> PathBuf {
    let mut path = store.as_os_str().to_owned();
    path.push("-wal");
    PathBuf::from(path)
}

/// A git repository in a directory, with fixed identities and increasing dates.
pub struct Repo {
    pub dir: PathBuf,
    clock: std::cell::Cell<i64>,
}

impl Repo {
    pub fn init(dir: &Path) -> Repo {
        std::fs::create_dir_all(dir).unwrap();
        let repo = Repo {
            dir: dir.to_path_buf(),
            clock: std::cell::Cell::new(1_700_000_000),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    /// A repository that is already there.
    pub fn open(dir: &Path) -> Repo {
        Repo {
            dir: dir.to_path_buf(),
            clock: std::cell::Cell::new(1_700_000_000),
        }
    }

    pub fn git(&self, args: &[&str]) -> String {
        let t = self.clock.get();
        self.clock.set(t + 60);
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=Test Dev",
                "-c",
                "user.email=Dev@Example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.dir)
            .env("GIT_AUTHOR_DATE", format!("{t} +0200"))
            .env("GIT_COMMITTER_DATE", format!("{t} +0200"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// Writes a file and commits it with `message`; returns the new sha.
    pub fn commit(&self, file: &str, content: &str, message: &str) -> String {
        let path = self.dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, content).unwrap();
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.head()
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    pub fn path(&self) -> &str {
        self.dir.to_str().unwrap()
    }
}

/// The lines of an error on stderr, not counting the one `hint:` line that may follow it
/// (more than one hint counts as extra lines).
pub fn error_lines(stderr: &str) -> usize {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    match lines.last() {
        Some(last) if lines.len() >= 2 && last.starts_with("hint: ") => lines.len() - 1,
        _ => lines.len(),
    }
}
