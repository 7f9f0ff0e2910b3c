//! `refs` read from a `--repo` clone: a bare mirror of a small repository, ranges that start
//! where the previous release ended, explicit ranges, the deprecated `headCommits`, and unknown
//! shas refused with nothing written.

use std::path::PathBuf;
use std::process::Command;

use serde_json::json;
use tempfile::TempDir;

use super::harness::{App, ORG};
use crate::harness::Repo;

struct Mirror {
    _dir: TempDir,
    path: PathBuf,
    shas: Vec<String>,
}

/// A work repository with three commits (the second fixes BACKEND-2), mirrored bare.
fn mirror() -> Mirror {
    let dir = tempfile::tempdir().unwrap();
    let repo = Repo::init(&dir.path().join("work"));
    let shas = vec![
        repo.commit("a.txt", "1", "Initial import"),
        repo.commit("b.txt", "2", "Fixes BACKEND-2: faster page"),
        repo.commit("c.txt", "3", "Add c"),
    ];
    let path = dir.path().join("mirror.git");
    let out = Command::new("git")
        .args(["clone", "-q", "--mirror"])
        .arg(&repo.dir)
        .arg(&path)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    Mirror {
        _dir: dir,
        path,
        shas,
    }
}

fn app_with(mirror: &Mirror) -> App {
    let path = mirror.path.clone();
    let app = App::with(move |opts| opts.repos = vec![("acme/backend".to_string(), path)]);
    app.seed();
    app
}

fn commit_ids(app: &App, version: &str) -> Vec<String> {
    app.get(&format!("{ORG}/releases/{version}/commits/"))
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn registered_repositories_are_listed() {
    let m = mirror();
    let app = app_with(&m);
    let answer = app.call("GET", &format!("{ORG}/repos/"), Some(&app.releases), None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let repos = answer.body.as_array().unwrap();
    assert_eq!(repos.len(), 1);
    assert_eq!(repos[0]["name"], "acme/backend");
    assert_eq!(repos[0]["status"], "active");
    assert_eq!(repos[0]["provider"], json!({"id": "git", "name": "Git"}));
    assert!(repos[0]["id"].is_string());
    assert!(answer.link().contains("rel=\"next\"; results=\"false\""));
    let none = App::new();
    assert_eq!(none.get(&format!("{ORG}/repos/")).body, json!([]));
}

#[test]
fn refs_start_where_the_previous_release_ended() {
    let m = mirror();
    let app = app_with(&m);
    let (c1, c2, c3) = (&m.shas[0], &m.shas[1], &m.shas[2]);
    // 1.0.0's head (seeded) is not in this repository: the first commits up to c2 are taken.
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        json!({"refs": [{"repository": "acme/backend", "commit": c2, "previousCommit": null}]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["commitCount"], 2);
    assert_eq!(answer.body["resolvedIssues"], json!(["BACKEND-2"]));
    assert_eq!(commit_ids(&app, "2.0.0"), [c2.as_str(), c1.as_str()]);
    let commits = app.get(&format!("{ORG}/releases/2.0.0/commits/")).body;
    assert_eq!(commits[0]["repository"], "acme/backend");
    assert_eq!(
        commits[0]["patchSet"],
        json!([{"path": "b.txt", "type": "A"}])
    );

    // 3.0.0 starts at 2.0.0's head: only c3.
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "3.0.0", "projects": ["backend"], "refs": [{"repository": "acme/backend", "commit": c3}]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(commit_ids(&app, "3.0.0"), [c3.as_str()]);

    // An explicit range, and the deprecated form.
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/3.0.0/"),
        json!({"refs": [{"repository": "acme/backend", "commit": format!("{c1}..{c3}")}]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(commit_ids(&app, "3.0.0"), [c3.as_str(), c2.as_str()]);
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/3.0.0/"),
        json!({"headCommits": [{"repository": "acme/backend", "currentId": c3, "previousId": c2}]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(commit_ids(&app, "3.0.0"), [c3.as_str()]);
}

#[test]
fn unknown_shas_and_repositories_write_nothing() {
    let m = mirror();
    let app = app_with(&m);
    let before = app.state();
    let missing = "f".repeat(40);
    for (body, message) in [
        (
            json!({"refs": [{"repository": "acme/backend", "commit": missing}]}),
            format!("Commit {missing} not found in repository acme/backend"),
        ),
        (
            json!({"refs": [{"repository": "acme/backend", "commit": m.shas[2], "previousCommit": "0".repeat(40)}]}),
            format!(
                "Commit {} not found in repository acme/backend",
                "0".repeat(40)
            ),
        ),
        (
            json!({"refs": [{"repository": "acme/backend", "commit": m.shas[2]}, {"repository": "acme/other", "commit": "x"}]}),
            "Invalid repository names: acme/other".to_string(),
        ),
    ] {
        let answer = app.send("PUT", &format!("{ORG}/releases/2.0.0/"), body.clone());
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        assert_eq!(answer.body, json!({"refs": [message]}));
        assert_eq!(app.state(), before, "{body}");
    }
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "9.0.0", "projects": ["backend"], "refs": [{"repository": "acme/backend", "commit": missing}]}),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
    assert_eq!(app.state(), before, "a refused POST creates no release");
}
