//! Issue 20, item 8: sentry-cli's `set-commits --local` names every commit's repository
//! "origin" (its bug 3254). Commits sent under a name the server does not know that are all in
//! exactly one repository registered with `--repo` are recorded under it, and the log says so;
//! otherwise what was sent is kept.

use serde_json::{Value, json};

use super::harness::{App, ORG};
use super::refs::{Mirror, mirror};

/// The body sentry-cli 3.8 sends for `--local`: each commit under "origin".
fn local_body(shas: &[String]) -> Value {
    let commits: Vec<Value> = shas
        .iter()
        .rev()
        .map(|sha| {
            json!({
                "patch_set": [{"path": "a.txt", "type": "M"}],
                "repository": "origin",
                "author_name": "Dev",
                "author_email": "dev@example.com",
                "timestamp": "2024-01-03T10:00:00+02:00",
                "message": "change\n",
                "id": sha,
            })
        })
        .collect();
    json!({ "commits": commits })
}

fn app_with(repos: Vec<(&str, &Mirror)>) -> App {
    let repos: Vec<(String, std::path::PathBuf)> = repos
        .into_iter()
        .map(|(name, m)| (name.to_string(), m.path.clone()))
        .collect();
    let app = App::with(move |opts| opts.repos = repos);
    app.seed();
    app
}

fn repositories_of(app: &App, version: &str) -> Vec<String> {
    let commits = app.get(&format!("{ORG}/releases/{version}/commits/")).body;
    let mut names: Vec<String> = commits
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["repository"].as_str().unwrap().to_string())
        .collect();
    names.dedup();
    names
}

fn stored_repositories(app: &App) -> Vec<String> {
    app.state()["repositories"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn origin_commits_found_in_one_registered_clone_are_recorded_there() {
    let m = mirror();
    let app = app_with(vec![("acme/app", &m)]);
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        local_body(&m.shas),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["commitCount"], 3);
    assert_eq!(repositories_of(&app, "2.0.0"), ["acme/app"]);
    assert!(!stored_repositories(&app).contains(&"origin".to_string()));
    let log = app.log.lock().unwrap().join("\n");
    assert!(
        log.contains("\"origin\"") && log.contains("\"acme/app\""),
        "{log}"
    );
    // The same through a project's POST.
    let mut body = local_body(&m.shas[..1]);
    body["version"] = json!("3.0.0");
    let created = app.send("POST", "/api/0/projects/default/backend/releases/", body);
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(repositories_of(&app, "3.0.0"), ["acme/app"]);
}

#[test]
fn origin_commits_stay_origin_when_no_clone_or_several_hold_them() {
    let m = mirror();
    // Not in the clone: kept as sent.
    let app = app_with(vec![("acme/app", &m)]);
    let foreign = vec!["f".repeat(40)];
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        local_body(&foreign),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(repositories_of(&app, "2.0.0"), ["origin"]);
    // One of them missing from the clone: kept as sent.
    let mut some = m.shas.clone();
    some.push("e".repeat(40));
    let answer = app.send("PUT", &format!("{ORG}/releases/2.0.0/"), local_body(&some));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(repositories_of(&app, "2.0.0"), ["origin"]);
    // Two clones hold them all: which one is meant cannot be told.
    let app = app_with(vec![("acme/app", &m), ("acme/fork", &m)]);
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        local_body(&m.shas),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(repositories_of(&app, "2.0.0"), ["origin"]);
    // A name the server knows is never changed.
    let app = app_with(vec![("acme/app", &m)]);
    let mut body = local_body(&m.shas);
    for commit in body["commits"].as_array_mut().unwrap() {
        commit["repository"] = json!("acme/backend");
    }
    let answer = app.send("PUT", &format!("{ORG}/releases/2.0.0/"), body);
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(repositories_of(&app, "2.0.0"), ["acme/backend"]);
}
