//! Release endpoints answering as Sentry's tests pin them: 201/208, list orders and filters,
//! pagination, PUT semantics, DELETE, previous-with-commits and the commit list.

use serde_json::{Value, json};

use super::harness::{App, ORG};

fn versions(answer: &Value) -> Vec<String> {
    answer
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn project_post_is_201_then_208_and_binds_commits() {
    let app = App::new();
    app.seed();
    let path = "/api/0/projects/default/backend/releases/";
    let answer = app.call(
        "POST",
        path,
        Some(&app.releases),
        Some(r#"{"version": "3.0.0", "ref": "main", "commits": [{"id": "abc", "message": "Fixes BACKEND-2", "patch_set": [{"path": "a", "type": "A"}]}]}"#),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let release = &answer.body;
    assert_eq!(release["version"], "3.0.0");
    assert!(release["id"].is_string(), "ids are strings: {release}");
    assert_eq!(release["projects"][0]["slug"], "backend");
    assert!(release["projects"][0]["id"].is_string());
    assert_eq!(release["commitCount"], 1);
    assert_eq!(release["ref"], "main");
    assert_eq!(release["newGroups"], 0);
    // Again: the link existed, 208, and the existing ref is not overwritten.
    let answer = app.send("POST", path, json!({"version": "3.0.0", "ref": "other"}));
    assert_eq!(answer.status, 208, "{}", answer.body);
    assert_eq!(answer.body["ref"], "main");
    // 2.0.0 exists but is new to web: 201.
    let answer = app.send(
        "POST",
        "/api/0/projects/default/web/releases/",
        json!({"version": "1.0.0"}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let issue = app.get(&format!("{ORG}/shortids/BACKEND-2/"));
    assert_eq!(issue.body["group"]["status"], "resolved");
}

#[test]
fn organization_post_takes_slugs_and_ids_and_archives() {
    let app = App::new();
    app.seed();
    let web_id = app.get("/api/0/projects/default/web/").body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let path = format!("{ORG}/releases/");
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "4.0.0", "projects": ["backend", web_id.parse::<i64>().unwrap()]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let slugs: Vec<&str> = answer.body["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["backend", "web"]);
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "4.0.0", "projects": [web_id]}),
    );
    assert_eq!(answer.status, 208, "{}", answer.body);
    // 1.0.0 gains web: 201.
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "1.0.0", "projects": ["web"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);

    // Archive and restore as sentry-cli does: no projects, a status.
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "1.0.0", "projects": [], "status": "archived"}),
    );
    assert_eq!(answer.status, 208, "{}", answer.body);
    assert_eq!(answer.body["status"], "archived");
    assert_eq!(versions(&app.get(&path).body), ["4.0.0", "2.0.0"]);
    assert_eq!(
        versions(&app.get(&format!("{path}?status=archived")).body),
        ["1.0.0"]
    );
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "1.0.0", "projects": [], "status": "open"}),
    );
    assert_eq!(answer.body["status"], "open");
    assert_eq!(versions(&app.get(&path).body), ["4.0.0", "2.0.0", "1.0.0"]);
}

#[test]
fn lists_filter_sort_and_paginate() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/");
    // Releasing 1.0.0 later moves it first in the project list, not in the organization list.
    let answer = app.send(
        "PUT",
        &format!("{path}1.0.0/"),
        json!({"dateReleased": "2999-01-01T00:00:00Z"}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(versions(&app.get(&path).body), ["2.0.0", "1.0.0"]);
    assert_eq!(
        versions(&app.get("/api/0/projects/default/backend/releases/").body),
        ["1.0.0", "2.0.0"]
    );
    assert_eq!(
        versions(&app.get("/api/0/projects/default/web/releases/").body),
        ["2.0.0"]
    );
    assert_eq!(
        versions(&app.get(&format!("{path}?query=1.0")).body),
        ["1.0.0"]
    );
    let web = app.get("/api/0/projects/default/web/").body["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(
        versions(&app.get(&format!("{path}?project={web}")).body),
        ["2.0.0"]
    );
    assert_eq!(
        versions(&app.get(&format!("{path}?project=-1")).body),
        ["2.0.0", "1.0.0"]
    );

    for i in 0..3 {
        app.send(
            "POST",
            &path,
            json!({"version": format!("p{i}"), "projects": ["web"]}),
        );
    }
    let first = app.get(&format!("{path}?per_page=2&query=p"));
    assert_eq!(versions(&first.body), ["p2", "p1"]);
    let link = first.link();
    assert!(
        link.contains("rel=\"previous\"; results=\"false\""),
        "{link}"
    );
    assert!(link.contains("rel=\"next\"; results=\"true\""), "{link}");
    assert!(link.starts_with("<http://relctl.test:8765/api/0/organizations/default/releases/?per_page=2&query=p&cursor="), "{link}");
    let next = link
        .split(", ")
        .find(|part| part.contains("rel=\"next\""))
        .and_then(|part| part.split("cursor=\"").nth(1))
        .unwrap()
        .trim_end_matches('"')
        .to_string();
    let second = app.get(&format!("{path}?per_page=2&query=p&cursor={next}"));
    assert_eq!(versions(&second.body), ["p0"]);
    assert!(second.link().contains("rel=\"next\"; results=\"false\""));
    assert!(second.link().contains("rel=\"previous\"; results=\"true\""));
}

#[test]
fn put_changes_what_it_is_given_and_nothing_else() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/2.0.0/");
    let before = app.state();
    let answer = app.send("PUT", &path, json!({}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["version"], "2.0.0");
    let answer = app.send(
        "PUT",
        &path,
        json!({"version": "other", "projects": ["x"], "unknown": 1}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        app.state(),
        before,
        "read-only and unknown fields change nothing"
    );

    let answer = app.send(
        "PUT",
        &path,
        json!({
            "ref": "v2",
            "url": "https://example.com/2",
            "dateReleased": "2024-05-01T10:00:00Z",
            "commits": [
                {"id": "c1", "repository": "acme/web", "message": "Fixes WEB-1", "author_name": "Ann", "author_email": "ann@example.com", "timestamp": "2024-04-30T10:00:00Z"},
                {"id": "c2", "repository": "acme/web", "message": "Fixes BACKEND-2"}
            ]
        }),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let release = &answer.body;
    assert_eq!(release["ref"], "v2");
    assert_eq!(release["url"], "https://example.com/2");
    assert_eq!(release["dateReleased"], "2024-05-01T10:00:00.000000Z");
    assert_eq!(release["commitCount"], 2);
    let mut resolved: Vec<&str> = release["resolvedIssues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    resolved.sort_unstable();
    assert_eq!(resolved, ["BACKEND-2", "WEB-1"]);

    let commits = app.get(&format!("{path}commits/"));
    assert_eq!(commits.status, 200);
    let commits = commits.body.as_array().unwrap().clone();
    assert_eq!(commits.len(), 2);
    let c1 = commits.iter().find(|c| c["id"] == "c1").unwrap();
    assert_eq!(
        c1["author"],
        json!({"name": "Ann", "email": "ann@example.com"})
    );
    assert_eq!(c1["dateCreated"], "2024-04-30T10:00:00.000000Z");
    assert_eq!(c1["repository"], "acme/web");

    // `refs: []` clears the commits.
    let answer = app.send("PUT", &path, json!({"refs": []}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["commitCount"], 0);
    assert_eq!(app.get(&format!("{path}commits/")).body, json!([]));
    // An empty commits list changes nothing.
    let before = app.state();
    app.send("PUT", &path, json!({"commits": []}));
    assert_eq!(app.state(), before);
}

#[test]
fn release_details_delete_and_previous() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/2.0.0/");
    let backend = app.get("/api/0/projects/default/backend/").body["id"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(app.get(&format!("{path}?project={backend}")).status, 200);
    assert_eq!(
        app.get(&format!("{ORG}/releases/1.0.0/?project=web"))
            .status,
        404
    );

    let previous = app.get(&format!("{path}previous-with-commits/"));
    assert_eq!(previous.status, 200, "{}", previous.body);
    assert_eq!(previous.body["version"], "1.0.0");
    assert_eq!(
        previous.body["headCommits"],
        json!([{"repository": "acme/backend", "commit": "a".repeat(40)}])
    );
    let none = app.get(&format!("{ORG}/releases/1.0.0/previous-with-commits/"));
    assert_eq!((none.status, none.body), (200, json!({})));

    let answer = app.call("DELETE", &path, Some(&app.releases), None);
    assert_eq!((answer.status, answer.body), (204, Value::Null));
    assert_eq!(app.get(&path).status, 404);
    assert_eq!(
        app.call("DELETE", &path, Some(&app.admin), None).status,
        404
    );
}

#[test]
fn versions_with_spaces_and_unicode_round_trip_through_the_path() {
    let app = App::new();
    app.seed();
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "my app@1.0 ü", "projects": ["backend"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let answer = app.get(&format!("{ORG}/releases/my%20app%401.0%20%C3%BC/"));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["version"], "my app@1.0 ü");
}

#[test]
fn put_archives_but_never_reopens() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/1.0.0/");
    let answer = app.send("PUT", &path, json!({"status": "archived"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["status"], "archived");
    // "open" is validated, then ignored, alone or beside other changes (Sentry applies only
    // truthy values).
    let answer = app.send("PUT", &path, json!({"status": "open"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["status"], "archived");
    let answer = app.send("PUT", &path, json!({"status": "open", "ref": "main"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(answer.body["status"], "archived");
    let stored = app.get(&path).body;
    assert_eq!(
        (&stored["status"], &stored["ref"]),
        (&json!("archived"), &json!("main"))
    );
    let answer = app.send("PUT", &path, json!({"status": "reopened"}));
    assert_eq!(
        (answer.status, answer.body),
        (400, json!({"status": ["Invalid status reopened"]}))
    );
    // The organization POST restores.
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "1.0.0", "projects": [], "status": "open"}),
    );
    assert_eq!(answer.status, 208, "{}", answer.body);
    assert_eq!(app.get(&path).body["status"], "open");
}

#[test]
fn the_organization_post_keeps_256_characters_of_the_user_agent() {
    let app = App::new();
    app.seed();
    let agent = format!("sentry-cli/2.0 {}", "é".repeat(300));
    for (path, version) in [
        (format!("{ORG}/releases/"), "7.0.0"),
        (
            "/api/0/projects/default/backend/releases/".to_string(),
            "8.0.0",
        ),
    ] {
        let body = json!({"version": version, "projects": ["backend"]}).to_string();
        let answer = app.call_with(
            "POST",
            &path,
            &[
                ("authorization", &format!("Bearer {}", app.admin)),
                ("content-type", "application/json"),
                ("user-agent", &agent),
            ],
            Some(&body),
        );
        assert_eq!(answer.status, 201, "{}", answer.body);
    }
    let mut db = app.env.sql();
    let mut stored = |version: &str| -> String {
        db.strings(
            "SELECT user_agent FROM release WHERE version = ?1",
            &[version],
        )
        .remove(0)
    };
    let org_post = stored("7.0.0");
    assert_eq!(org_post.chars().count(), 256);
    assert!(agent.starts_with(&org_post));
    assert_eq!(stored("8.0.0"), agent, "the project POST keeps it whole");
}

#[test]
fn a_put_answers_with_what_it_stored() {
    let app = App::new();
    app.seed();
    let answer = app.send(
        "PUT",
        &format!("{ORG}/releases/1.0.0/"),
        json!({"ref": "v1.0.0"}),
    );
    assert_eq!(answer.status, 200);
    assert_eq!(answer.body["ref"], "v1.0.0");
    assert_eq!(
        app.get(&format!("{ORG}/releases/1.0.0/")).body["ref"],
        "v1.0.0"
    );
}

#[test]
fn dates_rfc_3339_cannot_write_are_400_and_change_nothing() {
    let app = App::new();
    app.seed();
    let before = app.state();
    for date in ["+10000-01-01T00:00:00+00:00", "-0001-12-31T23:59:59+00:00"] {
        for (method, path, body) in [
            (
                "POST",
                format!("{ORG}/releases/"),
                json!({"version": "9.0", "projects": ["web"], "dateReleased": date}),
            ),
            (
                "PUT",
                format!("{ORG}/releases/2.0.0/"),
                json!({"dateReleased": date}),
            ),
            (
                "POST",
                format!("{ORG}/releases/2.0.0/deploys/"),
                json!({"environment": "prod", "dateStarted": date}),
            ),
            (
                "POST",
                format!("{ORG}/releases/2.0.0/deploys/"),
                json!({"environment": "prod", "dateFinished": date}),
            ),
        ] {
            let answer = app.send(method, &path, body);
            assert_eq!(
                answer.status, 400,
                "{method} {path} {date}: {}",
                answer.body
            );
        }
    }
    assert_eq!(app.state(), before);
}

#[test]
fn a_file_a_patch_set_lists_twice_is_stored_once_as_first_listed() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/2.0.0/");
    let put = |patch_set: Value| {
        let commits = json!([{"id": "c1", "repository": "acme/web", "patch_set": patch_set}]);
        let answer = app.send("PUT", &path, json!({ "commits": commits }));
        assert_eq!(answer.status, 200, "{}", answer.body);
    };
    let files = || {
        let info = app.env.ok(&["release", "info", "2.0.0"]);
        let line = info.lines().find(|line| line.starts_with("Files changed"));
        line.unwrap_or_else(|| panic!("{info}")).to_string()
    };
    // A new commit.
    put(json!([
        {"path": "a.txt", "type": "A"},
        {"path": "b.txt", "type": "M"},
        {"path": "a.txt", "type": "D"}
    ]));
    assert_eq!(files(), "Files changed  2 (1 added, 1 modified, 0 deleted)");
    // The same commit again: the files it had are kept as they were, a new one is added.
    put(json!([
        {"path": "c.txt", "type": "D"},
        {"path": "a.txt", "type": "M"},
        {"path": "c.txt", "type": "A"}
    ]));
    assert_eq!(files(), "Files changed  3 (1 added, 1 modified, 1 deleted)");
}
