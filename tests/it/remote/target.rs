//! Choosing the target, local-only commands, authentication and --dry-run, against a real
//! `relctl serve`.

use serde_json::Value;

use super::harness::{Server, request};
use crate::harness::TestEnv;

#[test]
fn tokens_scopes_and_the_api_root() {
    let server = Server::start();
    let root = format!("{}/api/0/", server.url);
    let (status, body) = request("GET", &root, None, None);
    assert_eq!(status, 200, "anonymous GET /api/0/ answers: {body}");
    let (status, body) = request("GET", &root, Some(&server.token), None);
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&body).unwrap();
    assert!(body.to_string().contains("project:releases"), "{body}");

    // No token, a wrong token, a token without the scope: exit 6, nothing written.
    let client = TestEnv::new().with_env("RELCTL_URL", &server.url);
    client.fails(&["project", "create", "Backend"], 6);
    let wrong = TestEnv::new()
        .with_env("RELCTL_URL", &server.url)
        .with_env("RELCTL_AUTH_TOKEN", "relctl_0000");
    wrong.fails(&["project", "list"], 6);
    let read_only = server
        .env
        .json(&["token", "create", "--scopes", "project:read"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let reader = TestEnv::new()
        .with_env("RELCTL_URL", &server.url)
        .with_env("RELCTL_AUTH_TOKEN", &read_only);
    reader.fails(&["project", "create", "Backend"], 6);
    assert_eq!(server.env.json(&["project", "list"]), serde_json::json!([]));
    assert!(
        !server.log().contains(&read_only),
        "a token reached the log"
    );
}

#[test]
fn local_only_commands_and_target_flags() {
    let server = Server::start();
    let client = server.client();
    for args in [
        &["issue", "new", "-p", "backend", "Crash"][..],
        &["org", "create", "acme"],
        &["token", "list"],
    ] {
        let err = client.fails(args, 2);
        assert!(err.contains("local store"), "{args:?}: {err}");
    }
    // An explicit --store wins over a URL from the environment.
    let store = client.path().join("explicit.db");
    client.ok(&[
        "--store",
        store.to_str().unwrap(),
        "project",
        "create",
        "Local",
    ]);
    assert!(store.exists());
    assert_eq!(server.env.json(&["project", "list"]), serde_json::json!([]));
    // --url and --store together are a usage error.
    client.fails(
        &[
            "--url",
            &server.url,
            "--store",
            store.to_str().unwrap(),
            "project",
            "list",
        ],
        2,
    );
    // --append is local-only.
    let err = client.fails(&["release", "set-commits", "1.0", "--append", "-p", "x"], 2);
    assert!(err.contains("--append"), "{err}");
}

#[test]
fn dry_run_prints_the_requests_and_needs_no_server_or_token() {
    let env = TestEnv::new().with_env("RELCTL_URL", "http://127.0.0.1:9");
    let calls = env.json(&["--dry-run", "release", "new", "1.0.0", "-p", "backend"]);
    assert_eq!(calls[0]["method"], "POST");
    assert_eq!(calls[0]["path"], "/api/0/organizations/default/releases/");
    assert_eq!(calls[0]["body"]["version"], "1.0.0");
    assert_eq!(calls[0]["body"]["projects"], serde_json::json!(["backend"]));

    let calls = env.json(&["--dry-run", "deploy", "new", "-r", "1.0.0", "-e", "prod"]);
    assert_eq!(
        calls[0]["path"],
        "/api/0/organizations/default/releases/1.0.0/deploys/"
    );
    assert_eq!(calls[0]["body"]["environment"], "prod");

    // On the local target too: nothing is written, not even a store; local-only commands
    // have no request to show and write nothing either.
    let local = TestEnv::new();
    local.json(&["--dry-run", "project", "create", "Backend"]);
    let calls = local.json(&["--dry-run", "token", "create", "--scopes", "org:read"]);
    assert_eq!(calls, serde_json::json!([]));
    local.json(&["--dry-run", "org", "create", "acme"]);
    assert!(!local.store_exists());

    // A timeout that would overflow a deadline is refused, not a panic.
    env.fails(&["--timeout", "18446744073709551615", "release", "list"], 2);
}

#[test]
fn a_bad_url_or_token_is_a_usage_error_at_once() {
    let started = std::time::Instant::now();
    let env = TestEnv::new().with_env("RELCTL_AUTH_TOKEN", "relctl_abc");
    env.fails(&["--url", "http://127.0.0.1:99999", "release", "list"], 2);
    env.fails(&["--url", "http://host/x?y#z", "release", "list"], 2);
    let crlf = TestEnv::new()
        .with_env("RELCTL_URL", "http://127.0.0.1:9")
        .with_env("RELCTL_AUTH_TOKEN", "relctl_abc\r");
    let err = crlf.fails(&["release", "list"], 2);
    assert!(err.contains("CRLF"), "{err}");
    assert!(!err.contains("relctl_abc"), "the token leaked: {err}");
    assert!(
        started.elapsed() < std::time::Duration::from_secs(5),
        "no retries"
    );
}

#[test]
fn a_full_stderr_never_turns_an_answer_into_a_panic() {
    let server = Server::start();
    let client = server.client();
    let devfull = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    let out = client
        .cmd()
        .args(["release", "info", "nosuch"])
        .stderr(devfull())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    client.json(&["project", "create", "Backend"]);
    let out = client
        .cmd()
        .args(["--format", "json", "release", "new", "1.0", "-p", "backend"])
        .stderr(devfull())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let release: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(release["version"], "1.0");
    let out = client
        .cmd()
        .arg("--bogus")
        .stderr(devfull())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn a_server_url_that_is_not_utf8_is_refused_not_ignored() {
    use std::os::unix::ffi::OsStrExt;
    let env = TestEnv::new();
    let out = env
        .cmd()
        .env(
            "SENTRY_URL",
            std::ffi::OsStr::from_bytes(b"http://127.0.0.1:9\xff"),
        )
        .args(["project", "create", "Oops"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("SENTRY_URL"));
    assert!(!env.store_exists(), "it fell back to the local store");
}

/// The same command exits the same on the store and through `serve`, where Sentry's answer says
/// which failure it is: unknown projects (Sentry's 400s) are "not found", 3; a taken project
/// slug (Sentry's 409) is invalid input, 2. Nothing is written either way.
#[test]
fn failures_exit_the_same_locally_and_through_serve() {
    let server = Server::start();
    let client = server.client();
    let local = TestEnv::new();
    for env in [&server.env, &local] {
        env.ok(&["project", "create", "Backend"]);
        env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    }
    let cases: [(&[&str], i32, &str); 5] = [
        (&["release", "new", "1.0.1", "-p", "nosuch"], 3, "not found"),
        (
            &["release", "new", "1.0.1", "-p", "backend", "-p", "nosuch"],
            3,
            "not found",
        ),
        (
            &["deploy", "new", "-r", "1.0.0", "-e", "prod", "-p", "nosuch"],
            3,
            "not found",
        ),
        (
            &["project", "create", "Other", "--slug", "backend"],
            2,
            "already exists",
        ),
        (&["release", "info", "9.9.9"], 3, "not found"),
    ];
    for (args, code, says) in cases {
        let here = local.fails_unchanged(args, code);
        let there = client.fails(args, code);
        assert!(here.contains(says), "{args:?} locally: {here}");
        assert!(there.contains(says), "{args:?} through serve: {there}");
    }
    let releases = server.env.json(&["release", "list"]);
    assert_eq!(releases.as_array().unwrap().len(), 1, "{releases}");
    let projects = server.env.json(&["project", "list"]);
    assert_eq!(projects.as_array().unwrap().len(), 1, "{projects}");
}

/// A plain-HTTP server needs no certificate, and relctl reads none: reqwest's default setup
/// reads and parses every system root certificate when the client is made (two thirds of the
/// CPU time of a remote `release new`). The system's certificate file here is a FIFO no one
/// writes to: opening it would never return.
#[test]
fn a_plain_http_server_is_reached_without_reading_the_systems_certificates() {
    let server = Server::start();
    let client = server.client();
    let fifo = client.path().join("roots.pem");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let mut listing = client
        .cmd()
        .args(["release", "list"])
        .env("SSL_CERT_FILE", &fifo)
        .env_remove("HTTP_PROXY")
        .env_remove("http_proxy")
        .env_remove("ALL_PROXY")
        .env_remove("all_proxy")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    let status = loop {
        if let Some(status) = listing.try_wait().unwrap() {
            break status;
        }
        if std::time::Instant::now() > deadline {
            listing.kill().unwrap();
            listing.wait().unwrap();
            panic!("relctl opened the system's certificates for a plain-HTTP server");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut listing.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{status}: {stderr}");
}
