//! `relctl store migrate`: a SQLite store copied into PostgreSQL reads the same through every read
//! command and keeps working (ids, short ids, sequences, `--auto`'s previous release); a target
//! holding data, a copy that does not match and bad inputs write nothing.
//!
//! The tests that need PostgreSQL find it through `RELCTL_TEST_POSTGRES` (an admin URL, e.g.
//! `postgres://postgres@127.0.0.1:5432/postgres`) and make and drop their own databases, named
//! `relctl_mig_*`. Without it they say so and pass, unless `RELCTL_REQUIRE_SERVERS=1`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use serde_json::Value;

use crate::harness::{Repo, TestEnv};

/// The admin URL of the test server, or `None` (with a note) when there is none.
fn server() -> Option<String> {
    let test = std::thread::current()
        .name()
        .unwrap_or("a store migrate test")
        .to_string();
    crate::harness::test_postgres(&test)
}

/// A database of the test's own on the test server, dropped with it.
struct TempDb {
    admin: String,
    name: String,
    url: String,
}

impl TempDb {
    fn new(admin: &str) -> TempDb {
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = format!(
            "relctl_mig_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut client = connect(admin);
        // One statement per call: DROP and CREATE DATABASE cannot share a transaction.
        client
            .batch_execute(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
            .unwrap();
        client
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .unwrap();
        let url = with_database(admin, &name);
        TempDb {
            admin: admin.to_string(),
            name,
            url,
        }
    }

    fn client(&self) -> postgres::Client {
        connect(&self.url)
    }

    /// Every table with a digest of all its rows: equal digests, equal contents.
    fn dump(&self) -> BTreeMap<String, String> {
        let mut client = self.client();
        let tables: Vec<String> = client
            .query(
                "SELECT tablename::text FROM pg_tables WHERE schemaname = current_schema()",
                &[],
            )
            .unwrap()
            .iter()
            .map(|row| row.get(0))
            .collect();
        tables
            .into_iter()
            .map(|table| {
                let digest: String = client
                    .query_one(
                        &format!(
                            "SELECT count(*) || ' ' || md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM \"{table}\" t"
                        ),
                        &[],
                    )
                    .unwrap()
                    .get(0);
                (table, digest)
            })
            .collect()
    }

    /// Makes the database an empty relctl store: the schema and the default organization.
    fn make_empty_store(&self) {
        relctl::store::postgres::PgStore::connect(&self.url)
            .unwrap()
            .write(|_| Ok(()))
            .unwrap();
    }
}

impl Drop for TempDb {
    fn drop(&mut self) {
        if let Ok(mut client) = postgres::Client::connect(&self.admin, postgres::NoTls) {
            let _ = client.batch_execute(&format!(
                "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                self.name
            ));
        }
    }
}

fn connect(url: &str) -> postgres::Client {
    postgres::Client::connect(url, postgres::NoTls).unwrap()
}

/// `url` naming database `name` instead.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, format!("?{query}")),
        None => (url, String::new()),
    };
    let scheme_end = base.find("://").unwrap() + 3;
    let host_end = base[scheme_end..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + i);
    format!("{}/{name}{query}", &base[..host_end])
}

/// `url` with a password in it (the test server trusts its clients, so any password does).
fn with_password(url: &str, password: &str) -> String {
    let scheme_end = url.find("://").unwrap() + 3;
    let rest = &url[scheme_end..];
    match rest.split_once('@') {
        Some((user, host)) if !user.contains(':') => {
            format!("{}{user}:{password}@{host}", &url[..scheme_end])
        }
        _ => url.to_string(),
    }
}

/// `relctl store migrate --from STORE --to URL` with more arguments before it.
fn migrate_args<'a>(env: &'a TestEnv, url: &'a str, before: &[&'a str]) -> Vec<&'a str> {
    let mut args = before.to_vec();
    args.extend([
        "store",
        "migrate",
        "--from",
        env.store.to_str().unwrap(),
        "--to",
        url,
    ]);
    args
}

/// Rows of every table of the SQLite store, by table.
fn sqlite_counts(store: &Path) -> BTreeMap<String, u64> {
    let conn = rusqlite::Connection::open(store).unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    tables
        .into_iter()
        .map(|table| {
            let count: i64 = conn
                .query_row(&format!("SELECT count(*) FROM \"{table}\""), [], |row| {
                    row.get(0)
                })
                .unwrap();
            (table, count as u64)
        })
        .collect()
}

/// The per-table counts `store migrate --format json` printed.
fn reported_counts(report: &Value) -> BTreeMap<String, u64> {
    report["tables"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["name"].as_str().unwrap().to_string(),
                t["rows"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// A store holding some of everything, built through the binary: two organizations with options
/// and an audit log, projects (one deleted), issues resolved, reviewed and open, two releases with
/// commits from a real repository, deploys and a token. Returns the repository.
fn populated_store(env: &TestEnv) -> Repo {
    let repo = Repo::init(&env.path().join("repo"));
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["project", "create", "Web App", "--platform", "javascript"]);
    env.ok(&["issue", "new", "-p", "backend", "Checkout crash"]);
    env.ok(&["issue", "new", "-p", "backend", "Login fails"]);
    env.ok(&["issue", "new", "-p", "web-app", "Button \"misaligned\""]);
    repo.commit("a.txt", "1", "Initial import");
    repo.commit("src/b.txt", "2", "Fix checkout\n\nFixes BACKEND-1");
    env.ok(&["release", "new", "1.0.0", "-p", "backend", "-p", "web-app"]);
    env.ok(&["release", "set-commits", "1.0.0", "--repo", repo.path()]);
    env.ok(&["release", "finalize", "1.0.0"]);
    env.ok(&[
        "deploy",
        "new",
        "-r",
        "1.0.0",
        "-e",
        "production",
        "-n",
        "first",
    ]);
    repo.git(&["rm", "-q", "a.txt"]);
    repo.commit(
        "c.txt",
        "3",
        "Ünïcödé ✓ — button\n\nFixes WEB-APP-1\n\ttab and 'quotes'",
    );
    env.ok(&["release", "new", "1.1.0", "-p", "backend", "-p", "web-app"]);
    env.ok(&["release", "set-commits", "1.1.0", "--repo", repo.path()]);
    env.ok(&["deploy", "new", "-r", "1.1.0", "-e", "staging"]);
    env.ok(&["release", "new", "0.9-old", "-p", "web-app"]);
    env.ok(&["release", "archive", "0.9-old"]);
    env.ok(&["issue", "review", "BACKEND-2"]);
    env.ok(&["org", "set", "scrapeJavaScript", "false"]);
    env.ok(&["org", "set", "sensitiveFields", "password,token"]);
    env.ok(&["org", "create", "acme", "--name", "Acme Inc"]);
    env.ok(&["--org", "acme", "project", "create", "Api"]);
    env.ok(&["project", "create", "Gone"]);
    env.ok(&["project", "delete", "gone", "--yes"]);
    env.ok(&["token", "create", "--name", "ci"]);
    repo
}

/// Read commands whose output must be the same on both stores.
const READS: &[&[&str]] = &[
    &["--format", "json", "release", "list"],
    &["release", "list"],
    &["--format", "json", "release", "info", "1.0.0", "--commits"],
    &["--format", "json", "release", "info", "1.1.0", "--commits"],
    &["release", "info", "1.1.0", "--commits"],
    &["--format", "json", "release", "info", "0.9-old"],
    &["--format", "json", "issue", "list"],
    &["--format", "json", "issue", "list", "--inbox"],
    &["--format", "json", "issue", "show", "BACKEND-1"],
    &["--format", "json", "issue", "show", "WEB-APP-1"],
    &["--format", "json", "project", "list"],
    &["--format", "json", "project", "show", "backend"],
    &["--format", "json", "--org", "acme", "project", "list"],
    &["--format", "json", "org", "list"],
    &["--format", "json", "org", "show"],
    &["--format", "json", "org", "audit"],
    &["--format", "json", "deploy", "list", "-r", "1.0.0"],
    &["--format", "json", "token", "list"],
];

fn on_store(env: &TestEnv, store: &str, args: &[&str]) -> String {
    let mut all = vec!["--store", store];
    all.extend_from_slice(args);
    env.ok(&all)
}

fn json_on(env: &TestEnv, store: &str, args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend_from_slice(args);
    serde_json::from_str(&on_store(env, store, &all)).unwrap()
}

#[test]
fn a_migrated_store_reads_the_same_and_keeps_working() {
    let Some(admin) = server() else { return };
    let db = TempDb::new(&admin);
    let env = TestEnv::sqlite();
    let repo = populated_store(&env);
    let sqlite = env.store.to_str().unwrap().to_string();
    let before = env.store_bytes();

    let report = env.json(&migrate_args(&env, &db.url, &[]));
    assert_eq!(env.store_bytes(), before, "the source store was changed");
    assert_eq!(report["dryRun"], false);
    assert_eq!(report["to"], db.url.as_str());
    let counts = reported_counts(&report);
    // Every table of the store, each with its every row.
    assert_eq!(counts, sqlite_counts(&env.store));
    assert!(
        counts.values().filter(|rows| **rows > 0).count() > 20,
        "{counts:?}"
    );
    assert_eq!(report["rows"], counts.values().sum::<u64>());
    assert_eq!(
        report["tables"][0]["name"], "organization",
        "tables are listed in load order"
    );

    for args in READS {
        assert_eq!(
            on_store(&env, &sqlite, args),
            on_store(&env, &db.url, args),
            "relctl {args:?} differs after the migration"
        );
    }

    // Writes carry on from the copied ids, on both stores alike.
    repo.commit("d.txt", "4", "Fix login\n\nFixes BACKEND-2");
    for store in [sqlite.as_str(), db.url.as_str()] {
        on_store(&env, store, &["release", "new", "1.2.0", "-p", "backend"]);
    }
    let bound: Vec<Value> = [sqlite.as_str(), db.url.as_str()]
        .iter()
        .map(|store| {
            json_on(
                &env,
                store,
                &[
                    "release",
                    "set-commits",
                    "1.2.0",
                    "--auto",
                    "--repo",
                    repo.path(),
                ],
            )
        })
        .collect();
    assert_eq!(bound[0], bound[1]);
    // Only the commit since 1.1.0, the previous release, found through the copied head commit.
    assert_eq!(bound[1]["commitCount"], 1, "{}", bound[1]);
    assert_eq!(bound[1]["resolvedIssues"], serde_json::json!(["BACKEND-2"]));

    for args in [
        &["issue", "new", "-p", "backend", "Third"][..],
        &["org", "create", "beta"],
        &["token", "create"],
        &["deploy", "new", "-r", "1.2.0", "-e", "production"],
    ] {
        let made: Vec<Value> = [sqlite.as_str(), db.url.as_str()]
            .iter()
            .map(|store| json_on(&env, store, args))
            .collect();
        assert_eq!(
            made[0]["id"], made[1]["id"],
            "relctl {args:?} made different ids: {made:?}"
        );
    }
    let issue = json_on(&env, &db.url, &["issue", "show", "BACKEND-3"]);
    assert_eq!(issue["title"], "Third");
    json_on(&env, &db.url, &["project", "create", "Newer"]);
    // The same writes leave the same state, but for the instants they were made at.
    for args in READS
        .iter()
        .chain([&["--format", "json", "release", "info", "1.2.0", "--commits"][..]].iter())
        .filter(|args| args.contains(&"json") && !args.contains(&"project"))
    {
        let (a, b) = (
            without_instants(&on_store(&env, &sqlite, args)),
            without_instants(&on_store(&env, &db.url, args)),
        );
        assert_eq!(a, b, "relctl {args:?} differs after the same writes");
    }
}

/// JSON output with every instant relctl recorded (`2026-01-02T03:04:05.123456Z`) blanked.
fn without_instants(json: &str) -> String {
    let instant = regex::Regex::new(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z").unwrap();
    instant.replace_all(json, "INSTANT").into_owned()
}

#[test]
fn an_older_stores_contents_are_copied_at_the_latest_schema() {
    let Some(admin) = server() else { return };
    let db = TempDb::new(&admin);
    let env = TestEnv::sqlite();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Old issue"]);
    // Back to schema 1: no tokens table (nor version 3's sessions, nor version 4's column).
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    conn.execute_batch(
        "DROP TABLE page_session; DROP TABLE api_token;
         ALTER TABLE release_head_commit DROP COLUMN named_start; PRAGMA user_version = 1;",
    )
    .unwrap();
    drop(conn);
    let before = env.store_bytes();

    let report = env.json(&migrate_args(&env, &db.url, &[]));
    assert_eq!(env.store_bytes(), before, "the old store was upgraded");
    let counts = reported_counts(&report);
    assert_eq!(counts.get("api_token"), Some(&0));
    assert_eq!(counts.get("issue_group"), Some(&1));
    let sqlite = env.store.to_str().unwrap();
    for args in [
        &["--format", "json", "issue", "list"][..],
        &["--format", "json", "project", "list"],
        &["--format", "json", "token", "list"],
    ] {
        assert_eq!(on_store(&env, sqlite, args), on_store(&env, &db.url, args));
    }
    json_on(&env, &db.url, &["token", "create"]);
}

#[test]
fn only_an_empty_database_or_an_empty_store_is_written() {
    let Some(admin) = server() else { return };
    let env = TestEnv::sqlite();
    env.ok(&["project", "create", "Backend"]);

    // An empty relctl store (schema and default organization) is taken.
    let db = TempDb::new(&admin);
    db.make_empty_store();
    env.json(&migrate_args(&env, &db.url, &[]));
    let migrated = db.dump();

    // A store holding data is refused, whatever the data, and nothing is written.
    let err = env.fails(&migrate_args(&env, &db.url, &[]), 4);
    assert!(err.contains("already holds data"), "{err}");
    assert_eq!(db.dump(), migrated);
    let other = TestEnv::sqlite();
    other.ok(&["org", "create", "acme"]);
    let db2 = TempDb::new(&admin);
    db2.make_empty_store();
    on_store(&other, &db2.url, &["org", "create", "solo"]);
    let before = db2.dump();
    let err = env.fails(&migrate_args(&env, &db2.url, &[]), 4);
    assert!(err.contains("(table organization)"), "{err}");
    assert_eq!(db2.dump(), before);

    // Another application's database is refused untouched.
    let foreign = TempDb::new(&admin);
    foreign
        .client()
        .batch_execute(
            "CREATE TABLE invoices (id bigint PRIMARY KEY); INSERT INTO invoices VALUES (1)",
        )
        .unwrap();
    let before = foreign.dump();
    let err = env.fails(&migrate_args(&env, &foreign.url, &[]), 2);
    assert!(err.contains("not a relctl store"), "{err}");
    assert_eq!(foreign.dump(), before);
}

#[test]
fn a_dry_run_copies_and_verifies_then_writes_nothing() {
    let Some(admin) = server() else { return };
    let db = TempDb::new(&admin);
    let env = TestEnv::sqlite();
    populated_store(&env);
    let report = env.json(&migrate_args(&env, &db.url, &["--dry-run"]));
    assert_eq!(report["dryRun"], true);
    assert_eq!(reported_counts(&report), sqlite_counts(&env.store));
    assert!(db.dump().is_empty(), "the dry run left tables behind");
    let text = env.ok(&migrate_args(&env, &db.url, &["--dry-run"]));
    assert!(text.contains("rolled back; nothing was written"), "{text}");
    assert!(db.dump().is_empty());
}

#[test]
fn a_copy_that_does_not_match_the_store_is_rolled_back_naming_the_table() {
    let Some(admin) = server() else { return };
    let env = TestEnv::sqlite();
    populated_store(&env);
    let db = TempDb::new(&admin);
    db.make_empty_store();
    let empty = db.dump();

    // Values changed on the way in.
    db.client()
        .batch_execute(
            "CREATE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN NEW.message := NEW.message || '!'; RETURN NEW; END $$;
             CREATE TRIGGER tamper BEFORE INSERT ON git_commit FOR EACH ROW EXECUTE FUNCTION tamper();",
        )
        .unwrap();
    let err = env.fails(&migrate_args(&env, &db.url, &[]), 1);
    assert!(err.contains("table git_commit"), "{err}");
    assert!(err.contains("column message"), "{err}");
    assert!(err.contains("nothing was written"), "{err}");
    assert_eq!(db.dump(), empty);

    // Rows lost on the way in.
    db.client()
        .batch_execute(
            "DROP TRIGGER tamper ON git_commit;
             CREATE OR REPLACE FUNCTION tamper() RETURNS trigger LANGUAGE plpgsql AS
                 $$ BEGIN IF NEW.id % 2 = 0 THEN RETURN NULL; END IF; RETURN NEW; END $$;
             CREATE TRIGGER tamper BEFORE INSERT ON activity FOR EACH ROW EXECUTE FUNCTION tamper();",
        )
        .unwrap();
    let err = env.fails(&migrate_args(&env, &db.url, &[]), 1);
    assert!(err.contains("table activity"), "{err}");
    assert_eq!(db.dump(), empty);

    // A schema that is not the store's is refused before anything is copied.
    db.client()
        .batch_execute("DROP TRIGGER tamper ON activity; ALTER TABLE release ADD COLUMN extra text")
        .unwrap();
    let err = env.fails(&migrate_args(&env, &db.url, &[]), 1);
    assert!(err.contains("schema"), "{err}");
    assert!(err.contains("extra"), "{err}");

    // A store value PostgreSQL's column cannot hold: named, and nothing written.
    db.client()
        .batch_execute("ALTER TABLE release DROP COLUMN extra")
        .unwrap();
    let conn = rusqlite::Connection::open(&env.store).unwrap();
    conn.execute_batch("UPDATE release SET commit_count = 'many' WHERE version = '1.1.0'")
        .unwrap();
    drop(conn);
    let err = env.fails(&migrate_args(&env, &db.url, &[]), 1);
    assert!(err.contains("table release"), "{err}");
    assert!(err.contains("commit_count"), "{err}");
    assert_eq!(db.dump(), empty);
}

#[test]
fn a_password_in_the_url_is_never_printed() {
    let Some(admin) = server() else { return };
    let db = TempDb::new(&admin);
    let url = with_password(&db.url, "sekrit-pw");
    let env = TestEnv::sqlite();
    env.ok(&["project", "create", "Backend"]);
    for format in ["table", "json"] {
        let mut args = migrate_args(&env, &url, &["--format", format, "-v"]);
        if format == "table" {
            args.insert(0, "--dry-run");
        }
        let out = env.run(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        if url.contains("sekrit-pw") {
            assert!(!all.contains("sekrit-pw"), "{all}");
            assert!(all.contains(":***@"), "{all}");
        }
    }
    let err = env.fails(&migrate_args(&env, &url, &[]), 4);
    assert!(!err.contains("sekrit-pw"), "{err}");
}

/// Bad inputs need no server: each fails with its exit code on one line and changes nothing.
#[test]
fn bad_inputs_are_refused_and_write_nothing() {
    let env = TestEnv::sqlite();
    env.ok(&["project", "create", "Backend"]);
    let store = env.store.to_str().unwrap().to_string();
    let closed = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let unreachable = format!("postgres://relctl:sekrit-pw@127.0.0.1:{closed}/relctl_mig_none");
    let foreign = env.path().join("notes.txt");
    std::fs::write(&foreign, "not a store\n").unwrap();
    let foreign = foreign.to_str().unwrap().to_string();
    let missing = env.path().join("missing.db");
    let missing = missing.to_str().unwrap().to_string();
    let dir = env.path().to_str().unwrap().to_string();
    let url = "postgres://relctl@127.0.0.1:1/x";
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["store", "migrate", "--from", &missing, "--to", url],
            3,
            "does not exist",
        ),
        (
            &["store", "migrate", "--from", &foreign, "--to", url],
            2,
            "not a relctl store",
        ),
        (
            &["store", "migrate", "--from", &dir, "--to", url],
            2,
            "directory",
        ),
        (
            &["store", "migrate", "--from", &store, "--to", &store],
            2,
            "--to must be a PostgreSQL URL",
        ),
        (
            &[
                "store",
                "migrate",
                "--from",
                &store,
                "--to",
                "mysql://u:sekrit-pw@h/db",
            ],
            2,
            "--to must be a PostgreSQL URL",
        ),
        (
            &["store", "migrate", "--from", url, "--to", url],
            2,
            "--from must be a SQLite store",
        ),
        (
            &[
                "--store", &store, "store", "migrate", "--from", &store, "--to", url,
            ],
            2,
            "--store is not used",
        ),
        (
            &["store", "migrate", "--from", &store, "--to", &unreachable],
            5,
            "cannot connect",
        ),
        (&["store", "migrate", "--to", url], 2, "--from"),
        (&["store", "migrate", "--from", &store], 2, "--to"),
    ];
    for (args, code, says) in cases {
        let before = env.store_bytes();
        let foreign_before = std::fs::read(&foreign).unwrap();
        let err = env.fails(args, *code);
        assert!(err.contains(says), "relctl {args:?}: {err}");
        assert!(!err.contains("sekrit-pw"), "relctl {args:?}: {err}");
        assert_eq!(
            env.store_bytes(),
            before,
            "relctl {args:?} changed the store"
        );
        assert_eq!(std::fs::read(&foreign).unwrap(), foreign_before);
        assert!(!Path::new(&missing).exists());
    }
}
