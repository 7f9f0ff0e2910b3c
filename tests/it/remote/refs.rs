//! `relctl serve --repo NAME=PATH`: a bare mirror registered on the command line, and the
//! `refs` requests sentry-cli sends (`set-commits --auto` with a matching repository) resolved
//! from it by the real server.

use std::process::Command;

use serde_json::{Value, json};

use super::harness::{Server, request};
use crate::harness::Repo;

#[test]
fn refs_are_read_from_a_registered_mirror() {
    let work_dir = tempfile::tempdir().unwrap();
    let repo = Repo::init(&work_dir.path().join("work"));
    let first = repo.commit("a.txt", "1", "Initial import");
    let fix = repo.commit("b.txt", "2", "Fixes BACKEND-1: guard the cart");
    let mirror = work_dir.path().join("backend.git");
    let cloned = Command::new("git")
        .args([
            "clone",
            "-q",
            "--mirror",
            repo.path(),
            mirror.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(cloned.status.success());

    let server = Server::start_with(&["--repo", &format!("acme/backend={}", mirror.display())]);
    server.env.json(&["project", "create", "Backend"]);
    server
        .env
        .json(&["issue", "new", "-p", "backend", "Checkout crash"]);
    let api = format!("{}/api/0/organizations/default", server.url);

    // What sentry-cli asks first: the repositories, to decide between refs and commits.
    let (status, repos) = request("GET", &format!("{api}/repos/"), Some(&server.token), None);
    assert_eq!(status, 200);
    let repos: Value = serde_json::from_str(&repos).unwrap();
    assert_eq!(repos[0]["name"], "acme/backend");

    let (status, body) = request(
        "POST",
        &format!("{api}/releases/"),
        Some(&server.token),
        Some(&json!({"version": "1.0", "projects": ["backend"]}).to_string()),
    );
    assert_eq!(status, 201, "{body}");
    let refs =
        json!({"refs": [{"repository": "acme/backend", "commit": fix, "previousCommit": null}]});
    let (status, body) = request(
        "PUT",
        &format!("{api}/releases/1.0/"),
        Some(&server.token),
        Some(&refs.to_string()),
    );
    assert_eq!(status, 200, "{body}");

    let client = server.client();
    let release = client.json(&["release", "info", "1.0", "--commits"]);
    let ids: Vec<&str> = release["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, [fix.as_str(), first.as_str()]);
    assert_eq!(release["commits"][0]["repository"], "acme/backend");
    let issue = client.json(&["issue", "show", "BACKEND-1"]);
    assert_eq!(issue["status"], "resolved");
    assert_eq!(issue["resolution"]["release"], "1.0");

    // A repository that is not registered: 400 naming it, nothing written.
    let refs = json!({"refs": [{"repository": "acme/other", "commit": fix}]});
    let (status, body) = request(
        "PUT",
        &format!("{api}/releases/1.0/"),
        Some(&server.token),
        Some(&refs.to_string()),
    );
    assert_eq!(status, 400);
    assert!(body.contains("acme/other"), "{body}");
    assert_eq!(client.json(&["release", "info", "1.0"])["commitCount"], 2);
}
