//! sentry-cli's spellings at relctl, one by one, where the README's script
//! (`sentry_cli_script`) cannot tell: the global flags (`--header`, `--log-level`,
//! `--allow-failure` and their variables) against a canned server, `info`'s exit codes and
//! documents, `repos list` on both targets, and the usage errors of the new flags.

use serde_json::json;

use crate::harness::{Repo, TestEnv};
use crate::loopback::{self, Server};
use crate::remote::harness::Server as Serve;

/// The value of header `name` (any case) in a request the canned server saw.
fn header<'s>(seen: &'s loopback::Seen, name: &str) -> Option<&'s str> {
    seen.headers
        .iter()
        .find(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
}

/// A server answering every request with an empty list.
fn empty_lists() -> Server {
    Server::serve(|_| loopback::answer(200, json!([])))
}

fn client_of(server: &Server) -> TestEnv {
    TestEnv::new()
        .with_env("SENTRY_URL", &server.url())
        .with_env("SENTRY_AUTH_TOKEN", "sntrys_test_token")
}

#[test]
fn extra_headers_go_with_every_request_and_are_never_shown() {
    let server = empty_lists();
    let env = client_of(&server);
    let out = env.run(&["-vv", "--header", "X-Team: web-secret", "release", "list"]);
    assert!(out.status.success(), "{out:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("> X-Team: <redacted>"), "{stderr}");
    assert!(!stderr.contains("web-secret"), "{stderr}");
    let seen = server.seen();
    assert_eq!(header(&seen[0], "x-team"), Some("web-secret"));
    assert_eq!(
        header(&seen[0], "authorization"),
        Some("Bearer sntrys_test_token")
    );

    // CUSTOM_HEADER, sentry-cli's variable for one header (commas are part of its value).
    let server = empty_lists();
    let env = client_of(&server).with_env("CUSTOM_HEADER", "X-Teams: web, api");
    env.ok(&["release", "list"]);
    assert_eq!(header(&server.seen()[0], "x-teams"), Some("web, api"));
    let shown = env.ok(&["config", "show"]);
    assert!(shown.contains("X-Teams: <redacted>"), "{shown}");
    assert!(!shown.contains("web, api"), "{shown}");
}

#[test]
fn malformed_headers_are_usage_errors_and_nothing_is_sent() {
    let env = TestEnv::new();
    for bad in [
        "no-colon",
        ": empty name",
        "bad name: v",
        "X-A: bell\u{7}",
        "Host: h",
    ] {
        let stderr = env.fails(&["--header", bad, "release", "list"], 2);
        assert!(
            stderr.contains("invalid header in flag --header"),
            "{stderr}"
        );
        assert!(!env.store_exists(), "{bad}");
    }
    let stderr = env
        .with_env("CUSTOM_HEADER", "nocolon")
        .fails(&["release", "list"], 2);
    assert!(stderr.contains("CUSTOM_HEADER"), "{stderr}");
    // A second Authorization next to the token: which one would the server read?
    let server = Server::start(Vec::new());
    let stderr = client_of(&server).fails(
        &["--header", "Authorization: Bearer other", "release", "list"],
        2,
    );
    assert!(stderr.contains("Authorization"), "{stderr}");
    assert!(!stderr.contains("other"), "{stderr}");
    assert!(server.seen().is_empty());
}

#[test]
fn log_levels_are_verbosity() {
    let server = empty_lists();
    let env = client_of(&server);
    let stderr = |args: &[&str], env: &TestEnv| {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {out:?}");
        String::from_utf8_lossy(&out.stderr).to_string()
    };
    assert!(stderr(&["--log-level", "info", "release", "list"], &env).contains("> GET"));
    assert!(!stderr(&["--log-level", "warn", "release", "list"], &env).contains("> GET"));
    let debug = env.with_env("SENTRY_LOG_LEVEL", "DEBUG");
    let text = stderr(&["--header", "X-A: b", "release", "list"], &debug);
    assert!(text.contains("> X-A: <redacted>"), "{text}");
    let env = TestEnv::new();
    let stderr = env.fails(&["--log-level", "loud", "release", "list"], 2);
    assert!(stderr.contains("flag --log-level"), "{stderr}");
    env.with_env("SENTRY_LOG_LEVEL", "loud")
        .fails(&["release", "list"], 2);
}

#[test]
fn allow_failure_turns_failures_of_the_target_into_success() {
    // 401: exit 6 without, 0 with the flag or the variable; the error is still printed.
    let refused = || loopback::answer(401, json!({"detail": "Invalid token"}));
    let server = Server::start(vec![refused(), refused(), refused()]);
    let env = client_of(&server);
    env.fails(&["release", "list"], 6);
    let with_flag = client_of(&server);
    let with_variable = client_of(&server).with_env("SENTRY_ALLOW_FAILURE", "1");
    for (env, args) in [
        (with_flag, ["--allow-failure", "release", "list"].as_slice()),
        (with_variable, ["release", "list"].as_slice()),
    ] {
        let out = env.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
        assert!(stderr.contains("error: authentication refused"), "{stderr}");
        assert!(stderr.contains("exiting with 0 instead of 6"), "{stderr}");
        assert!(out.stdout.is_empty());
    }
    // A server that cannot be reached (exit 5).
    let gone = TestEnv::new()
        .with_env("SENTRY_URL", "http://127.0.0.1:9")
        .with_env("SENTRY_ALLOW_FAILURE", "true");
    let out = gone.run(&["--timeout", "1", "release", "list"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    // The command's own mistakes and what is not there still fail.
    gone.fails(&["release", "info", "a/b"], 2);
    let server = Server::start(vec![loopback::answer(404, json!({"detail": "not found"}))]);
    client_of(&server)
        .with_env("SENTRY_ALLOW_FAILURE", "1")
        .fails(&["release", "info", "9.9"], 3);
    let stderr = TestEnv::new()
        .with_env("SENTRY_ALLOW_FAILURE", "maybe")
        .fails(&["release", "list"], 2);
    assert!(stderr.contains("SENTRY_ALLOW_FAILURE"), "{stderr}");
}

#[test]
fn info_says_whether_the_server_takes_the_token() {
    // The local store: no token needed, and nothing written.
    let env = TestEnv::new();
    let text = env.ok(&["info"]);
    assert!(text.contains("Method: none needed (local store)"), "{text}");
    assert!(!env.store_exists());
    // A store that is not relctl's is the target's failure: exit 2, left as it was.
    let foreign = env.path().join("foreign.db");
    std::fs::write(&foreign, "not a store").unwrap();
    let err = env.fails(&["--store", foreign.to_str().unwrap(), "info"], 2);
    assert!(err.contains("is not a relctl store"), "{err}");
    assert_eq!(std::fs::read(&foreign).unwrap(), b"not a store");

    let server = Serve::start();
    let client = server.client().with_env("SENTRY_PROJECT", "backend");
    let text = client.ok(&["info"]);
    assert!(
        text.starts_with(&format!("Sentry Server: {}\n", server.url)),
        "{text}"
    );
    assert!(text.contains("Default Project: backend"), "{text}");
    assert!(
        text.contains("  Scopes:\n    - project:releases\n"),
        "{text}"
    );
    let info = client.json(&["info"]);
    assert_eq!(info["auth"]["successful"], true);
    assert_eq!(info["target"], "server");
    let text = client.ok(&["info", "--no-defaults"]);
    assert!(!text.contains("Default Project"), "{text}");

    // A token the server does not take, and none: exit 6, after what could be said.
    let wrong = TestEnv::new()
        .with_env("RELCTL_URL", &server.url)
        .with_env("RELCTL_AUTH_TOKEN", "wrong");
    let out = wrong.run(&["info"]);
    assert_eq!(out.status.code(), Some(6), "{out:?}");
    assert!(String::from_utf8_lossy(&out.stdout).contains("Method: Auth Token"));
    let none = TestEnv::new().with_env("RELCTL_URL", &server.url);
    assert_eq!(none.run(&["info"]).status.code(), Some(6));
    // sentry-cli's status document is exit 0 either way.
    let status: serde_json::Value =
        serde_json::from_str(&wrong.ok(&["info", "--config-status-json"])).unwrap();
    assert_eq!(
        status,
        json!({
            "config": {"org": "default", "project": null, "url": server.url},
            "auth": {"type": "token", "successful": false},
            "have_dsn": false
        })
    );
}

#[test]
fn repos_list_shows_the_repositories_of_the_target() {
    let env = TestEnv::new();
    assert_eq!(env.ok(&["repos", "list"]), "No repos found\n");
    let repo = Repo::init(&env.path().join("web"));
    repo.commit("a.txt", "a", "first");
    env.ok(&["project", "create", "web"]);
    env.ok(&["release", "new", "1.0", "-p", "web"]);
    env.ok(&[
        "release",
        "set-commits",
        "1.0",
        "--repo",
        repo.path(),
        "--repo-name",
        "acme/web",
    ]);
    let repos = env.json(&["repos", "list"]);
    assert_eq!(repos[0]["name"], "acme/web");

    let server = Serve::start_with(&["--repo", &format!("acme/api={}", repo.path())]);
    let text = server.client().ok(&["repos", "list"]);
    assert!(text.contains("acme/api") && text.contains("Git"), "{text}");
}

#[test]
fn sentry_cli_release_flags_are_checked_like_relctl_ones() {
    let env = TestEnv::new();
    let stderr = env.fails(&["releases", "list", "--delimiter", ","], 2);
    assert!(stderr.contains("--raw"), "{stderr}");
    env.fails(&["releases", "deploys", "1.0", "new"], 2);
    env.fails(&["releases", "deploys", "a/b", "list"], 2);
    assert!(!env.store_exists());
}
