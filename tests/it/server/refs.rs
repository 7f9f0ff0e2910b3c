//! `refs` read from a `--repo` clone: a bare mirror of a small repository, ranges that start
//! where the previous release ended, explicit ranges, the deprecated `headCommits`, unknown
//! shas and revision expressions refused with nothing written, and the cap on a long range.

use std::path::PathBuf;
use std::process::Command;

use serde_json::json;
use tempfile::TempDir;

use super::harness::{App, ORG};
use crate::harness::Repo;

pub(super) struct Mirror {
    _dir: TempDir,
    pub(super) path: PathBuf,
    pub(super) shas: Vec<String>,
}

/// A work repository with three commits (the second fixes BACKEND-2), mirrored bare.
pub(super) fn mirror() -> Mirror {
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

#[test]
fn refs_name_commits_by_id_never_by_revision() {
    let m = mirror();
    let app = app_with(&m);
    let before = app.state();
    let c3 = m.shas[2].as_str();
    let message = |field: &str, value: &str| {
        format!(
            "Invalid {field} {value:?}: a commit is named by its id, 4 to 64 hexadecimal characters"
        )
    };
    let mut cases = Vec::new();
    for bad in [
        "HEAD",
        "HEAD~1",
        "HEAD~100000",
        ":/Fixes",
        "main",
        "abc",
        "c3^",
        &"g".repeat(40),
    ] {
        cases.push((
            json!({"refs": [{"repository": "acme/backend", "commit": bad}]}),
            message("commit", bad),
        ));
        cases.push((
            json!({"refs": [{"repository": "acme/backend", "commit": c3, "previousCommit": bad}]}),
            message("previousCommit", bad),
        ));
        cases.push((
            json!({"refs": [{"repository": "acme/backend", "commit": format!("{bad}..{c3}")}]}),
            message("previousCommit", bad),
        ));
        cases.push((
            json!({"headCommits": [{"repository": "acme/backend", "currentId": bad}]}),
            message("commit", bad),
        ));
    }
    for (body, expected) in cases {
        let answer = app.send("PUT", &format!("{ORG}/releases/2.0.0/"), body.clone());
        assert_eq!(
            (answer.status, &answer.body),
            (400, &json!({"refs": [expected]})),
            "{body}"
        );
        if let Some(refs) = body.get("refs") {
            let answer = app.send(
                "POST",
                &format!("{ORG}/releases/"),
                json!({"version": "9.0.0", "projects": ["backend"], "refs": refs}),
            );
            assert_eq!(answer.status, 400, "{body}: {}", answer.body);
        }
        assert_eq!(app.state(), before, "{body}");
    }
    // Ids of 4 to 64 characters, in either case, are taken.
    let short = &c3[..7];
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        json!({"refs": [{"repository": "acme/backend", "commit": short.to_uppercase(), "previousCommit": &m.shas[1][..4]}]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(commit_ids(&app, "2.0.0"), [c3]);
}

#[test]
fn a_recorded_head_that_is_not_an_id_is_not_evaluated() {
    let m = mirror();
    let app = app_with(&m);
    // A release whose head in acme/backend was sent as a revision expression.
    let answer = app.send(
        "POST",
        "/api/0/projects/default/backend/releases/",
        json!({"version": "3.0.0", "commits": [{"id": ":/Initial", "repository": "acme/backend"}]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    // 4.0.0 follows 3.0.0; its head is not an id, so the range starts afresh (all three commits)
    // instead of at the commit `:/Initial` would find.
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "4.0.0", "projects": ["backend"], "refs": [{"repository": "acme/backend", "commit": m.shas[2]}]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(commit_ids(&app, "4.0.0").len(), 3);
}

/// A bare repository of `count` commits in a line, each changing `f.txt`, made with
/// `git fast-import`; their ids, oldest first.
fn long_history(dir: &std::path::Path, count: usize) -> Vec<String> {
    use std::io::Write;
    let run = |args: &[&str]| {
        Command::new("git")
            .args(args)
            .current_dir(dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", dir)
            .output()
            .unwrap()
    };
    assert!(run(&["init", "-q", "--bare", "."]).status.success());
    let mut stream = String::new();
    for i in 0..count {
        let message = format!("Commit {i}\n");
        let content = format!("{i}\n");
        stream.push_str(&format!(
            "commit refs/heads/main\nmark :{}\ncommitter Dev <dev@example.com> {} +0000\ndata {}\n{message}",
            i + 1,
            1_700_000_000 + i,
            message.len()
        ));
        if i > 0 {
            stream.push_str(&format!("from :{i}\n"));
        }
        stream.push_str(&format!(
            "M 100644 inline f.txt\ndata {}\n{content}\n",
            content.len()
        ));
    }
    let mut child = Command::new("git")
        .args(["fast-import", "--quiet"])
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success());
    let out = run(&["rev-list", "--reverse", "main"]);
    let shas: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(shas.len(), count);
    shas
}

#[test]
fn a_range_longer_than_the_cap_binds_its_newest_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("long.git");
    std::fs::create_dir(&path).unwrap();
    let total = relctl::server::MAX_REF_COMMITS + 2;
    let shas = long_history(&path, total);
    let app = App::with(move |opts| opts.repos = vec![("acme/long".to_string(), path)]);
    app.seed();
    // root..tip is one commit more than the cap.
    let (root, tip) = (&shas[0], &shas[total - 1]);
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/2.0.0/"),
        json!({"refs": [{"repository": "acme/long", "commit": tip, "previousCommit": root}]}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["commitCount"], relctl::server::MAX_REF_COMMITS);
    assert_eq!(answer.body["lastCommit"]["id"], tip.as_str());
    let log = app.log.lock().unwrap().clone();
    let capped: Vec<&String> = log.iter().filter(|l| l.starts_with("refs: ")).collect();
    assert_eq!(
        capped,
        [&format!(
            "refs: acme/long at {tip}: 1 older commit(s) left out, a request binds at most 10000"
        )],
        "{log:?}"
    );
}

/// relctl's client sends `refs` next to `commits`: nothing is read from a clone, each ref is
/// recorded as where the commits end in its repository, and previous-with-commits names it.
#[test]
fn refs_next_to_commits_record_where_the_commits_end() {
    let app = App::new();
    app.seed();
    let previous = |version: &str| {
        app.get(&format!("{ORG}/releases/{version}/previous-with-commits/"))
            .body
    };
    // 1.0.0 was bound with a list only: its head is its newest commit (Sentry's fill-in).
    let a = "a".repeat(40);
    assert_eq!(
        previous("2.0.0")["headCommits"],
        json!([{"repository": "acme/backend", "commit": a}])
    );

    // "tip" is where the commits were read up to; "old" is newer by date (a rebase).
    let (old, tip) = ("b".repeat(40), "c".repeat(40));
    let commits = json!([
        {"id": old, "repository": "acme/app", "timestamp": "2024-01-09T00:00:00Z"},
        {"id": tip, "repository": "acme/app", "timestamp": "2024-01-02T00:00:00Z"},
    ]);
    let path = format!("{ORG}/releases/2.0.0/");
    let before = app.state();
    for (refs, message) in [
        (
            json!([{"repository": "acme/other", "commit": tip}]),
            "Invalid repository names: acme/other".to_string(),
        ),
        (
            json!([{"repository": "acme/app", "commit": "HEAD"}]),
            "Invalid commit \"HEAD\": a commit is named by its id, 4 to 64 hexadecimal characters"
                .to_string(),
        ),
    ] {
        let answer = app.send("PUT", &path, json!({"commits": commits, "refs": refs}));
        assert_eq!(answer.status, 400, "{refs}: {}", answer.body);
        assert_eq!(answer.body, json!({"refs": [message]}));
        assert_eq!(app.state(), before, "{refs}");
    }
    // A repository of the commits, and one already in the store: no clone is needed.
    let refs = json!([
        {"repository": "acme/app", "commit": tip},
        {"repository": "acme/backend", "commit": a},
    ]);
    let answer = app.send("PUT", &path, json!({"commits": commits, "refs": refs}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["lastCommit"]["id"], old.as_str());

    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "3.0.0", "projects": ["backend"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let found = previous("3.0.0");
    assert_eq!(found["version"], "2.0.0");
    assert_eq!(found["lastCommit"]["id"], old.as_str());
    assert_eq!(found["headCommits"], refs);
}
