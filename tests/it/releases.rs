//! Releases and deploys on the store: create-or-load, finalize, list, archive, delete, deploys,
//! and bad input that must leave the store untouched.

use crate::harness::TestEnv;

fn env_with_projects() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend API"]);
    env.ok(&["project", "create", "Web"]);
    env
}

#[test]
fn new_release_json_shape() {
    let env = env_with_projects();
    let release = env.json(&[
        "release",
        "new",
        "1.0.0",
        "-p",
        "backend-api",
        "--url",
        "https://example.com/r/1",
        "--ref",
        "v1.0.0",
    ]);
    assert_eq!(release["version"], "1.0.0");
    assert_eq!(release["status"], "open");
    assert_eq!(release["ref"], "v1.0.0");
    assert_eq!(release["url"], "https://example.com/r/1");
    assert!(release["dateReleased"].is_null());
    assert!(release["lastCommit"].is_null());
    assert_eq!(release["commitCount"], 0);
    assert_eq!(release["deployCount"], 0);
    assert_eq!(release["authors"], serde_json::json!([]));
    assert_eq!(release["projects"][0]["slug"], "backend-api");
    assert!(release["id"].is_i64());
    assert!(release["dateCreated"].is_string());
}

#[test]
fn existing_release_is_loaded_not_overwritten() {
    let env = env_with_projects();
    let first = env.json(&[
        "release",
        "new",
        "1.0.0",
        "-p",
        "backend-api",
        "--ref",
        "one",
    ]);
    let again = env.json(&[
        "release",
        "new",
        "1.0.0",
        "-p",
        "web",
        "--ref",
        "two",
        "--url",
        "https://x.test/",
    ]);
    assert_eq!(again["id"], first["id"]);
    assert_eq!(again["ref"], "one");
    assert!(again["url"].is_null());
    assert_eq!(again["projects"].as_array().unwrap().len(), 2);
    // The has_releases flag is set on linked projects.
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM project WHERE flags & 1 = 1"),
        2
    );
}

#[test]
fn finalize_sets_date_and_release_activities_once() {
    let env = env_with_projects();
    env.ok(&["release", "new", "1.0.0", "-p", "backend-api", "-p", "web"]);
    let released = env.json(&[
        "release",
        "finalize",
        "1.0.0",
        "--released",
        "2024-01-02T10:00:00Z",
    ]);
    assert_eq!(released["dateReleased"], "2024-01-02T10:00:00.000000Z");
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM activity WHERE type = 10"),
        2
    );
    // Finalizing again moves the date but writes no new activity.
    env.ok(&["release", "finalize", "1.0.0"]);
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM activity WHERE type = 10"),
        2
    );
    // --finalize on a new release: one activity per project, dated at the release.
    env.ok(&["release", "new", "2.0.0", "-p", "web", "--finalize"]);
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM activity WHERE type = 10 AND ident = '2.0.0'"),
        1
    );
    // Linking a new project to a released release writes its activity.
    env.ok(&["release", "new", "2.0.0", "-p", "backend-api"]);
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM activity WHERE type = 10 AND ident = '2.0.0'"),
        2
    );
}

#[test]
fn list_is_newest_first_with_limit_and_project_filter() {
    let env = env_with_projects();
    env.ok(&["release", "new", "1.0.0", "-p", "backend-api"]);
    env.ok(&["release", "new", "1.1.0", "-p", "web"]);
    env.ok(&["release", "new", "1.2.0", "-p", "backend-api"]);
    let versions = |args: &[&str]| -> Vec<String> {
        env.json(args)
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["version"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(versions(&["release", "list"]), ["1.2.0", "1.1.0", "1.0.0"]);
    assert_eq!(
        versions(&["release", "list", "--limit", "2"]),
        ["1.2.0", "1.1.0"]
    );
    assert_eq!(
        versions(&["release", "list", "-p", "backend-api"]),
        ["1.2.0", "1.0.0"]
    );
    let table = env.ok(&["release", "list"]);
    assert!(table.starts_with("VERSION"), "{table}");
    assert!(table.contains("(unreleased)"));
}

#[test]
fn archive_restore_delete() {
    let env = env_with_projects();
    env.ok(&["release", "new", "1.0.0", "-p", "web"]);
    assert_eq!(
        env.json(&["release", "archive", "1.0.0"])["status"],
        "archived"
    );
    assert_eq!(env.json(&["release", "restore", "1.0.0"])["status"], "open");
    env.ok(&["release", "delete", "1.0.0"]);
    env.fails(&["release", "info", "1.0.0"], 3);
    // Deleting a missing release is not an error unless --strict.
    let out = env.run(&["release", "delete", "1.0.0"]);
    assert_eq!(out.status.code(), Some(0));
    env.fails_unchanged(&["release", "delete", "1.0.0", "--strict"], 3);
}

#[test]
fn invalid_versions_are_refused_before_anything_is_written() {
    let env = env_with_projects();
    for bad in [
        "a/b",
        "a\\b",
        "latest",
        "LATEST",
        " latest ",
        ".",
        "..",
        "  ",
        "a\tb",
        "a\nb",
        &"x".repeat(201),
    ] {
        let err = env.fails_unchanged(&["release", "new", bad, "-p", "web"], 2);
        assert!(err.contains("invalid release version"), "{bad:?}: {err}");
    }
    // Valid names include spaces inside, @ and +, and unicode.
    for good in ["my app@1.0+2", "ünïcode-1", "-1.0"] {
        // A name starting with '-' is given after `--` (cli.md): before it, it is a flag.
        env.ok(&["release", "new", "-p", "web", "--", good]);
    }
}

#[test]
fn bad_input_exit_codes_and_no_writes() {
    let env = env_with_projects();
    env.ok(&["release", "new", "1.0.0", "-p", "web"]);
    env.fails_unchanged(&["release", "new", "2.0.0", "-p", "nope"], 3);
    env.fails_unchanged(&["release", "new", "2.0.0", "-p", "web", "-p", "nope"], 3);
    env.fails_unchanged(&["release", "new", "2.0.0"], 2);
    env.fails_unchanged(
        &["release", "new", "2.0.0", "-p", "web", "--url", "not a url"],
        2,
    );
    env.fails_unchanged(
        &[
            "release",
            "new",
            "2.0.0",
            "-p",
            "web",
            "--released",
            "yesterday",
        ],
        2,
    );
    env.fails_unchanged(&["release", "finalize", "9.9.9"], 3);
    env.fails_unchanged(&["release", "info", "9.9.9"], 3);
    env.fails_unchanged(
        &["release", "new", "2.0.0", "-p", "web", "--no-such-flag"],
        2,
    );
    env.fails_unchanged(
        &["--org", "nope", "release", "new", "2.0.0", "-p", "web"],
        3,
    );
    env.fails_unchanged(&["deploy", "new", "-r", "1.0.0", "-e", "prod/eu"], 2);
    env.fails_unchanged(&["deploy", "new", "-r", "9.9.9", "-e", "production"], 3);
    env.fails_unchanged(
        &[
            "deploy",
            "new",
            "-r",
            "1.0.0",
            "-e",
            "production",
            "-p",
            "backend-api",
        ],
        2,
    );
    env.fails_unchanged(
        &[
            "deploy",
            "new",
            "-r",
            "1.0.0",
            "-e",
            "production",
            "--started",
            "2024-01-02T00:00:00Z",
            "--finished",
            "2024-01-01T00:00:00Z",
        ],
        2,
    );
    // A malformed config file is a usage error.
    std::fs::write(env.path().join("bad.toml"), "org = [").unwrap();
    env.fails_unchanged(&["--config", "bad.toml", "release", "list"], 2);
}

#[test]
fn reading_or_bad_input_never_creates_the_store() {
    let env = TestEnv::new();
    // Reads on a missing store see a new store's contents without creating it.
    assert_eq!(env.json(&["release", "list"]), serde_json::json!([]));
    assert_eq!(env.json(&["org", "list"])[0]["slug"], "default");
    env.fails(&["release", "info", "1.0.0"], 3);
    // Invalid input is refused before the store is opened.
    env.fails(&["release", "new", "a/b", "-p", "web"], 2);
    env.fails(&["project", "create", "x", "--slug", "Not A Slug"], 2);
    assert!(
        !env.store_exists(),
        "a read or a refused command created the store"
    );
    // The first write creates it.
    env.ok(&["project", "create", "Web"]);
    assert!(env.store_exists());
}

#[test]
fn deploys_count_on_the_release() {
    let env = env_with_projects();
    env.ok(&["release", "new", "1.0.0", "-p", "web", "-p", "backend-api"]);
    let deploy = env.json(&[
        "deploy",
        "new",
        "-r",
        "1.0.0",
        "-e",
        "production",
        "-n",
        "first",
        "-u",
        "https://deploy.test/1",
        "-t",
        "30",
    ]);
    assert_eq!(deploy["environment"], "production");
    assert_eq!(deploy["name"], "first");
    assert_eq!(deploy["url"], "https://deploy.test/1");
    assert!(deploy["dateStarted"].is_string() && deploy["dateFinished"].is_string());
    env.ok(&["deploy", "new", "-r", "1.0.0", "-e", "staging", "-p", "web"]);
    env.ok(&["deploy", "new", "-r", "1.0.0", "-e", "production"]);
    let release = env.json(&["release", "info", "1.0.0"]);
    assert_eq!(release["deployCount"], 3);
    let deploys = env.json(&["deploy", "list", "-r", "1.0.0"]);
    assert_eq!(deploys.as_array().unwrap().len(), 3);
    assert_eq!(env.query_i64("SELECT COUNT(*) FROM environment"), 2);
    assert_eq!(
        env.query_i64("SELECT COUNT(*) FROM release_project_environment"),
        3
    );
}

#[test]
fn json_output_is_one_document_and_quiet_silences_messages() {
    let env = env_with_projects();
    let out = env.run(&["--format", "json", "release", "new", "1.0.0", "-p", "web"]);
    assert!(out.status.success());
    let _: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("Created release 1.0.0"));
    let out = env.run(&["-q", "release", "new", "1.0.1", "-p", "web"]);
    assert!(out.status.success());
    assert!(out.stderr.is_empty());
    assert!(!String::from_utf8_lossy(&out.stdout).contains("Created release"));
    // RELCTL_FORMAT works like --format.
    let out = env
        .cmd()
        .env("RELCTL_FORMAT", "json")
        .args(["release", "info", "1.0.0"])
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["version"], "1.0.0");
}

#[test]
fn terminal_escapes_in_names_are_shown_escaped_and_json_stays_exact() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "backend"]);
    let hostile = "1.0\u{1b}]0;pwned\u{7}\u{202e}";
    for args in [
        vec!["release", "new", hostile, "-p", "backend"],
        vec!["release", "info", hostile],
        vec!["release", "list"],
        vec!["deploy", "new", "-r", hostile, "-e", "prod\u{1b}[2J"],
        vec!["deploy", "list", "-r", hostile],
    ] {
        let out = env.run(&args);
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap() + &String::from_utf8(out.stderr).unwrap();
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}') && !text.contains('\u{202e}'),
            "{args:?} printed a raw control character: {text:?}"
        );
        assert!(text.contains("\\u{1b}"), "{args:?}: {text}");
    }
    let json = env.json(&["release", "info", hostile]);
    assert_eq!(json["version"], hostile);
}
