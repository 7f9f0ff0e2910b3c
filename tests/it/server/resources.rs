//! The root, organizations, projects, deploys and issues answering as Sentry does, and the
//! request log.

use serde_json::{Value, json};

use super::harness::{App, ORG};

#[test]
fn the_root_answers_anyone_and_shows_a_tokens_scopes() {
    let app = App::new();
    let answer = app.call("GET", "/api/0/", None, None);
    assert_eq!(answer.status, 200);
    assert_eq!(
        answer.body,
        json!({"version": "0", "auth": null, "user": null})
    );
    let answer = app.call("GET", "/api/0/", Some(&app.releases), None);
    assert_eq!(
        answer.body["auth"]["scopes"],
        json!(["project:releases", "org:read"])
    );
}

#[test]
fn organization_details_options_and_audit_log() {
    let app = App::new();
    let org = app.call("GET", &format!("{ORG}/"), Some(&app.read), None);
    assert_eq!(org.status, 200, "{}", org.body);
    assert_eq!(org.body["slug"], "default");
    assert!(org.body["id"].is_string());
    assert_eq!(org.body["scrapeJavaScript"], true);
    assert_eq!(org.body["options"]["scrapeJavaScript"], true);

    let before = app.state();
    let same = app.send("PUT", &format!("{ORG}/"), json!({"unknownField": 1}));
    assert_eq!(same.status, 200);
    assert_eq!(app.state(), before);

    let changed = app.send(
        "PUT",
        &format!("{ORG}/"),
        json!({"scrapeJavaScript": false, "sensitiveFields": ["card", "cvv"], "name": "ignored"}),
    );
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["scrapeJavaScript"], false);
    assert_eq!(changed.body["sensitiveFields"], json!(["card", "cvv"]));

    let audit = app.get(&format!("{ORG}/audit-logs/?event=org.edit"));
    assert_eq!(audit.status, 200, "{}", audit.body);
    let rows = audit.body["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["event"], "org.edit");
    assert!(rows[0]["id"].is_string());
    assert_eq!(rows[0]["data"]["scrapeJavaScript"], "to False");
    assert!(
        audit.body["options"]
            .as_array()
            .unwrap()
            .contains(&json!("org.edit"))
    );
    let none = app.get(&format!("{ORG}/audit-logs/?event=org.restore"));
    assert_eq!(none.body["rows"], json!([]));
}

#[test]
fn projects_list_rename_delete_and_create() {
    let app = App::new();
    app.seed();
    let list = app.call("GET", &format!("{ORG}/projects/"), Some(&app.read), None);
    let slugs: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["slug"].as_str().unwrap())
        .collect();
    assert_eq!(slugs, ["backend", "web"]);
    assert!(list.body[0]["id"].is_string());

    let renamed = app.send(
        "PUT",
        "/api/0/projects/default/web/",
        json!({"name": "Frontend", "slug": "frontend", "options": {}}),
    );
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(
        (renamed.body["name"].as_str(), renamed.body["slug"].as_str()),
        (Some("Frontend"), Some("frontend"))
    );
    assert_eq!(app.get("/api/0/projects/default/web/").status, 404);
    // Its own slug is not "another project's".
    assert_eq!(
        app.send(
            "PUT",
            "/api/0/projects/default/frontend/",
            json!({"slug": "frontend"})
        )
        .status,
        200
    );

    let created = app.call(
        "POST",
        "/api/0/teams/default/whatever/projects/",
        Some(&app.admin),
        Some(r#"{"name": "Mobile App", "platform": "android"}"#),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["slug"], "mobile-app");
    assert_eq!(created.body["platform"], "android");

    let deleted = app.call(
        "DELETE",
        "/api/0/projects/default/mobile-app/",
        Some(&app.admin),
        None,
    );
    assert_eq!((deleted.status, deleted.body), (204, Value::Null));
    assert_eq!(app.get("/api/0/projects/default/mobile-app/").status, 404);
    assert_eq!(
        app.call(
            "DELETE",
            "/api/0/projects/default/mobile-app/",
            Some(&app.admin),
            None
        )
        .status,
        404
    );
}

#[test]
fn deploys_are_created_and_listed_newest_finished_first() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/2.0.0/deploys/");
    let first = app.call(
        "POST",
        &path,
        Some(&app.releases),
        Some(r#"{"environment": "staging", "name": "one", "url": "https://ci.example.com/1", "dateStarted": "2024-01-01T00:00:00Z", "dateFinished": "2024-01-01T00:05:00Z", "projects": ["web"]}"#),
    );
    assert_eq!(first.status, 201, "{}", first.body);
    assert!(first.body["id"].is_string());
    assert_eq!(first.body["environment"], "staging");
    assert_eq!(first.body["dateFinished"], "2024-01-01T00:05:00.000000Z");
    let second = app.send(
        "POST",
        &path,
        json!({"environment": "production", "dateFinished": "2024-02-01T00:00:00Z"}),
    );
    assert_eq!(second.status, 201, "{}", second.body);
    let list = app.get(&format!("{path}?project=-1"));
    let envs: Vec<&str> = list
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["environment"].as_str().unwrap())
        .collect();
    assert_eq!(envs, ["production", "staging"]);
    let release = app.get(&format!("{ORG}/releases/2.0.0/"));
    assert_eq!(release.body["deployCount"], 2);
    assert!(release.body["lastDeploy"]["id"].is_string());
}

#[test]
fn issues_inbox_short_ids_and_review() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/issues/");
    let short_ids = |answer: &Value| -> Vec<String> {
        answer
            .as_array()
            .unwrap()
            .iter()
            .map(|i| i["shortId"].as_str().unwrap().to_string())
            .collect()
    };
    // BACKEND-1 is resolved in 1.0.0; the default query lists unresolved issues.
    let mut unresolved = short_ids(&app.call("GET", &path, Some(&app.read), None).body);
    unresolved.sort();
    assert_eq!(unresolved, ["BACKEND-2", "WEB-1"]);
    let backend = app.get("/api/0/projects/default/backend/").body["id"]
        .as_str()
        .unwrap()
        .to_string();
    let inbox = app.get(&format!(
        "{path}?query=is:unresolved%20is:for_review&project={backend}"
    ));
    assert_eq!(short_ids(&inbox.body), ["BACKEND-2"]);
    assert_eq!(
        short_ids(&app.get(&format!("{path}?query=is:resolved")).body),
        ["BACKEND-1"]
    );
    assert_eq!(
        short_ids(&app.get(&format!("{path}?query=broken")).body),
        ["WEB-1"]
    );

    let found = app.call(
        "GET",
        &format!("{ORG}/shortids/BACKEND-2/"),
        Some(&app.read),
        None,
    );
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(found.body["organizationSlug"], "default");
    assert_eq!(found.body["projectSlug"], "backend");
    assert_eq!(found.body["shortId"], "BACKEND-2");
    assert_eq!(found.body["group"]["title"], "Slow page");
    let id = found.body["groupId"].as_str().unwrap().to_string();
    assert_eq!(found.body["group"]["id"], id.as_str());

    let reviewed = app.send("PUT", &format!("{path}?id={id}"), json!({"inbox": false}));
    assert_eq!(
        (reviewed.status, reviewed.body),
        (200, json!({"inbox": false}))
    );
    let inbox = app.get(&format!("{path}?query=is:unresolved%20is:for_review"));
    assert_eq!(short_ids(&inbox.body), ["WEB-1"]);
    let history = app.get(&format!("{ORG}/shortids/BACKEND-2/")).body["group"]["history"].clone();
    assert!(history.to_string().contains("reviewed"), "{history}");
}

#[test]
fn one_log_line_per_request_without_tokens_or_queries() {
    let app = App::new();
    app.call(
        "GET",
        &format!("{ORG}/releases/?query=secret-query"),
        Some(&app.admin),
        None,
    );
    app.call("GET", &format!("{ORG}/"), Some("relctl_not_a_token"), None);
    app.call("PATCH", &format!("{ORG}/"), Some(&app.admin), Some("{}"));
    let log = app.log.lock().unwrap().clone();
    assert_eq!(log.len(), 3, "{log:?}");
    assert!(
        log[0].starts_with("GET /api/0/organizations/default/releases/ 200 "),
        "{log:?}"
    );
    assert!(
        log[1].starts_with("GET /api/0/organizations/default/ 401 "),
        "{log:?}"
    );
    assert!(
        log[2].starts_with("PATCH /api/0/organizations/default/ 405 "),
        "{log:?}"
    );
    let all = log.join("\n");
    for secret in [app.admin.as_str(), "relctl_not_a_token", "secret-query"] {
        assert!(!all.contains(secret), "{all}");
    }
}

#[test]
fn internal_failures_are_500s_that_hide_their_cause_and_the_server_lives_on() {
    let app = App::with(|opts| {
        let real = std::sync::Arc::clone(&opts.authenticate);
        opts.authenticate = std::sync::Arc::new(move |secret: &str| match secret {
            "broken" => Err(relctl::error::Error::other(
                "store error: /private/path is gone",
            )),
            "panics" => panic!("a bug in the token lookup"),
            other => real(other),
        });
    });
    for secret in ["broken", "panics"] {
        let answer = app.call("GET", &format!("{ORG}/"), Some(secret), None);
        assert_eq!(answer.status, 500, "{secret}");
        assert_eq!(answer.body, json!({"detail": "Internal error"}));
    }
    assert_eq!(app.get(&format!("{ORG}/")).status, 200);
    let log = app.log.lock().unwrap().clone();
    assert!(
        log[0].contains(" 500 ") && log[0].contains("/private/path is gone"),
        "{log:?}"
    );
    assert!(
        log[1].contains(" 500 ") && log[1].contains("panicked"),
        "{log:?}"
    );
}
