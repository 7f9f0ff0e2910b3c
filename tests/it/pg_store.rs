//! The store on PostgreSQL (`--store postgres://...`), as a user meets it: URLs that are wrong,
//! servers that are down, databases that do not exist or belong to another application, logins
//! that are refused, passwords that must never be shown. (The flow itself runs on PostgreSQL in
//! the whole suite with `RELCTL_TEST_STORE=postgres`; `scale_out.rs` shares one store between
//! servers and processes.)
//!
//! Rows that need no server always run; the others need `RELCTL_TEST_POSTGRES` (an admin URL on
//! which tests create databases of their own) and say they are skipped without it, unless
//! `RELCTL_REQUIRE_SERVERS=1` (`.ci/run`), where they fail.

use std::net::TcpListener;

use crate::harness::{PgDatabase, TestEnv};

/// A database of this test's own on the `RELCTL_TEST_POSTGRES` server (dropped afterwards), or
/// `None` with a line saying the test is skipped (a failure under `RELCTL_REQUIRE_SERVERS=1`).
pub(crate) fn database(test: &str) -> Option<PgDatabase> {
    crate::harness::test_postgres(test)?;
    Some(PgDatabase::create())
}

/// Runs `args` on the store `url` and expects exit `code` with one line naming `says`, the
/// password never shown, and nothing written under the test's directory.
fn refused(url: &str, args: &[&str], code: i32, says: &str) {
    let env = TestEnv::new().with_env("RELCTL_STORE", url);
    let stderr = env.fails(args, code);
    assert!(stderr.contains(says), "{url}: {stderr}");
    assert!(!stderr.contains("hunter2"), "password shown: {stderr}");
    assert_eq!(crate::harness::error_lines(&stderr), 1, "{stderr}");
    assert!(!env.store.exists());
}

#[test]
fn bad_store_urls_are_usage_errors_and_a_closed_port_is_a_network_error() {
    let port = crate::harness::free_port();
    for (url, code, says) in [
        ("postgres://", 2, "names no host"),
        ("postgres:///relctl", 2, "names no host"),
        (
            "postgres://u:hunter2@[::1/x",
            2,
            "invalid PostgreSQL store URL",
        ),
        (
            "postgresql://u@h/x?password=hunter2&bogus=1",
            2,
            "password=***",
        ),
        (
            "postgres://u:hunter2@127.0.0.1:{port}/x",
            5,
            "cannot connect",
        ),
        (
            "POSTGRES://u:hunter2@127.0.0.1:{port}/x",
            5,
            "cannot connect",
        ),
    ] {
        let url = url.replace("{port}", &port.to_string());
        refused(&url, &["project", "create", "Backend"], code, says);
        refused(&url, &["release", "list"], code, says);
    }
}

/// A server that accepts the connection and never answers (a hung server, a proxy whose
/// backend is gone): the driver bounds only the TCP connect, relctl the whole handshake, so
/// the command ends with exit 5 after about 10 seconds instead of waiting forever.
#[test]
fn a_server_that_accepts_and_never_answers_is_a_network_error_in_bounded_time() {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    // Accept every connection and hold it open, answering nothing.
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            held.push(stream);
        }
    });
    let started = std::time::Instant::now();
    refused(
        &format!("postgres://alice:hunter2@127.0.0.1:{port}/relctl"),
        &["project", "list"],
        5,
        "did not answer within 10 seconds",
    );
    let took = started.elapsed();
    assert!(took.as_secs() < 30, "took {took:?}");
}

#[test]
fn a_missing_database_a_refused_login_and_a_foreign_database_are_refused_untouched() {
    let Some(db) = database("refuse") else {
        return;
    };
    let (base, _) = db.url.rsplit_once('/').unwrap();
    let with_password = |url: &str| url.replacen("://postgres@", "://postgres:hunter2@", 1);
    refused(
        &with_password(&format!("{base}/relctl_it_no_such_db")),
        &["project", "create", "Backend"],
        2,
        "does not exist",
    );
    let stranger = format!(
        "{}/postgres",
        base.replacen("://postgres@", "://no_such_role:hunter2@", 1)
    );
    refused(&stranger, &["release", "list"], 6, "refused the login");
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE users (id int); INSERT INTO users VALUES (1)")
        .unwrap();
    for args in [
        &["project", "create", "Backend"][..],
        &["release", "list"][..],
    ] {
        refused(&with_password(&db.url), args, 2, "is not a relctl store");
    }
    let tables: i64 = client
        .query_one(
            "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(
        tables, 1,
        "a table was created in another application's database"
    );
}

#[test]
fn a_store_behind_another_applications_schema_on_the_search_path_is_refused() {
    // relctl's tables in `public`; another application's in `billing`, put first on the
    // database's search_path afterwards: relctl's unqualified statements would now reach
    // `billing`'s tables, so the store is refused, and neither schema is touched.
    let Some(db) = database("search_path") else {
        return;
    };
    let env = TestEnv::new().with_env("RELCTL_STORE", &db.url);
    env.ok(&["project", "create", "Backend"]);
    let mut client = db.client();
    let name: String = client
        .query_one("SELECT current_database()", &[])
        .unwrap()
        .get(0);
    client
        .batch_execute(&format!(
            "CREATE SCHEMA billing; CREATE TABLE billing.project (id int);
             ALTER DATABASE \"{name}\" SET search_path = billing, public"
        ))
        .unwrap();
    for args in [&["release", "list"][..], &["project", "create", "Web"][..]] {
        let stderr = env.fails(args, 2);
        assert!(stderr.contains("is not a relctl store"), "{stderr}");
    }
    let count = |sql: &str| -> i64 { db.client().query_one(sql, &[]).unwrap().get(0) };
    assert_eq!(count("SELECT COUNT(*) FROM billing.project"), 0);
    assert_eq!(count("SELECT COUNT(*) FROM public.project"), 1);
}

#[test]
fn a_search_path_naming_no_existing_schema_is_a_usage_error_and_writes_nothing() {
    let Some(db) = database("no schema") else {
        return;
    };
    let url = format!("{}?options=-csearch_path%3Dnowhere", db.url);
    for args in [&["release", "list"][..], &["project", "create", "Web"][..]] {
        refused(&url, args, 2, "its search_path names no schema that exists");
    }
    let tables: i64 = db
        .client()
        .query_one(
            "SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(tables, 0);
}

#[test]
fn reads_of_an_empty_database_write_nothing_and_the_first_write_creates_the_schema() {
    let Some(db) = database("empty") else {
        return;
    };
    let env = TestEnv::new().with_env("RELCTL_STORE", &db.url);
    assert_eq!(
        env.json(&["release", "list", "--format", "json"]),
        serde_json::json!([])
    );
    assert_eq!(
        env.json(&["org", "list", "--format", "json"])[0]["slug"],
        "default"
    );
    let tables = |db: &PgDatabase| -> i64 {
        db.client()
            .query_one(
                "SELECT COUNT(*) FROM pg_tables WHERE schemaname = 'public'",
                &[],
            )
            .unwrap()
            .get(0)
    };
    assert_eq!(tables(&db), 0, "a read created tables");
    // A failing first write creates nothing either.
    env.fails(&["release", "new", "1.0", "-p", "nosuch"], 3);
    assert_eq!(tables(&db), 0, "a failed write created tables");
    env.ok(&["project", "create", "Backend"]);
    assert!(tables(&db) > 10);
    let shown = env.ok(&["config", "show"]);
    assert!(shown.contains(&db.url), "{shown}");
    // A password in the URL (accepted and unused under trust authentication) is never shown.
    let secret = TestEnv::new().with_env(
        "RELCTL_STORE",
        &db.url.replacen("://postgres@", "://postgres:hunter2@", 1),
    );
    for args in [
        &["-vvv", "project", "create", "Web"][..],
        &["-vvv", "release", "list"][..],
        &["config", "show"][..],
        &["-vvv", "release", "info", "nosuch"][..],
    ] {
        let out = secret.run(args);
        let all = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(!all.contains("hunter2"), "{args:?}: {all}");
    }
    assert!(secret.ok(&["config", "show"]).contains("postgres:***@"));
}

/// Every connection `serve` keeps is closed by the server (what a PostgreSQL restart does):
/// the next requests run on new connections instead of failing, and none is answered 5xx.
#[test]
fn serve_replaces_connections_the_database_closed_while_they_sat_idle() {
    let Some(db) = database("reconnect") else {
        return;
    };
    let server = crate::remote::harness::Server::start_in(
        TestEnv::new().with_env("RELCTL_STORE", &db.url),
        &["--pool-size", "3"],
    );
    let releases = format!("{}/api/0/organizations/default/releases/", server.url);
    let create = |version: &str| {
        crate::remote::harness::request(
            "POST",
            &releases,
            Some(&server.token),
            Some(&format!(
                r#"{{"version": "{version}", "projects": ["backend"]}}"#
            )),
        )
    };
    server.env.ok(&["project", "create", "Backend"]);
    // Several requests at once, so the pool holds more than one idle connection.
    std::thread::scope(|scope| {
        for n in 0..6 {
            let create = &create;
            scope.spawn(move || assert_eq!(create(&format!("warm-{n}")).0, 201));
        }
    });
    let mut admin = db.client();
    let closed: i64 = admin
        .query_one(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity
             WHERE datname = current_database() AND application_name = 'relctl'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(closed >= 2, "only {closed} pooled connections to close");
    std::thread::sleep(std::time::Duration::from_millis(200));
    for n in 0..4 {
        let (status, body) =
            crate::remote::harness::request("GET", &releases, Some(&server.token), None);
        assert_eq!(status, 200, "read {n} after the connections closed: {body}");
    }
    let (status, body) = create("after");
    assert_eq!(status, 201, "{body}");
    let log = server.log();
    assert!(!log.contains(" 503 ") && !log.contains(" 500 "), "{log}");
}

/// The foreign keys PostgreSQL's version 5 drops (SQLite keeps them).
const V5_DROPS: &str = "SELECT count(*) FROM pg_constraint WHERE conname IN (
     'git_commit_organization_id_fkey', 'git_commit_repository_id_fkey',
     'commit_file_change_commit_id_fkey')";

fn count(db: &PgDatabase, sql: &str) -> i64 {
    db.client().query_one(sql, &[]).unwrap().get(0)
}

#[test]
fn a_version_4_store_is_read_without_locking_its_tables_and_upgraded_by_the_first_write() {
    let Some(db) = database("a_version_4_store_is_read_without_locking_its_tables") else {
        return;
    };
    // A store at version 4, as relctl made it before version 5.
    db.client()
        .batch_execute(&format!(
            "{}{}",
            concat!(
                include_str!("../../src/store/schema_pg_v1.sql"),
                include_str!("../../src/store/schema_pg_v2.sql"),
                include_str!("../../src/store/schema_pg_v3.sql"),
                include_str!("../../src/store/schema_pg_v4.sql"),
            ),
            crate::harness::pg_store_mark(4)
        ))
        .unwrap();
    assert_eq!(count(&db, V5_DROPS), 3);
    let env = TestEnv::new().with_env("RELCTL_STORE", &db.url);
    let version = "SELECT schema_version FROM relctl_store";

    // An older relctl reads commits meanwhile: a read by this one neither waits for it nor
    // holds it up (rehearsing version 5 would lock the commits' table whole).
    let mut older = db.client();
    let mut reading = older.transaction().unwrap();
    reading
        .execute("SELECT count(*) FROM git_commit", &[])
        .unwrap();
    let started = std::time::Instant::now();
    env.ok(&["release", "list"]);
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "the read waited {:?}",
        started.elapsed()
    );
    // Nor does `serve` as it starts (it checks that it could write).
    let mut serve = env
        .cmd()
        .args(["serve", "--bind", "127.0.0.1:0"])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = serve.stderr.take().unwrap();
    let (said, listening) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr)
            .lines()
            .map_while(Result::ok)
        {
            if line.contains("http://") {
                let _ = said.send(line);
            }
        }
    });
    let line = listening.recv_timeout(std::time::Duration::from_secs(5));
    serve.kill().unwrap();
    serve.wait().unwrap();
    assert!(line.is_ok(), "serve did not start beside the older reader");
    reading.rollback().unwrap();
    assert_eq!(count(&db, version), 4, "a read wrote");
    assert_eq!(count(&db, V5_DROPS), 3, "a read wrote");

    // The first write upgrades it to what a new store gets, and commits are bound as ever.
    env.ok(&["project", "create", "web"]);
    let fresh = database("a_version_4_store_is_read_without_locking_its_tables").unwrap();
    TestEnv::new()
        .with_env("RELCTL_STORE", &fresh.url)
        .ok(&["project", "create", "web"]);
    assert_eq!(count(&db, version), count(&fresh, version));
    assert_eq!(count(&db, V5_DROPS), 0);
    let repo = crate::harness::Repo::init(&env.path().join("app"));
    let first = repo.commit("a.txt", "1", "First");
    let second = repo.commit("b.txt", "2", "Second");
    env.ok(&["release", "new", "1.0", "-p", "web"]);
    let range = format!("acme/app@{first}..{second}");
    let args = [
        "release",
        "set-commits",
        "1.0",
        "--repo",
        repo.path(),
        "--commit",
        &range,
    ];
    env.ok(&args);
    let commits = env.json(&["release", "info", "1.0", "--commits"])["commits"].clone();
    assert_eq!(commits[0]["id"], second.as_str(), "{commits}");
    assert_eq!(count(&db, "SELECT count(*) FROM commit_file_change"), 1);
}
