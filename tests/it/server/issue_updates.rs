//! Issues as Sentry's group endpoints answer them (issue 20, items 4 and 7): the inbox of
//! `expand=inbox` in Sentry's GroupInbox shape, `{"inbox": true}`, a project's issue list, the
//! bulk status changes sentry-cli sends, and the organization list. Each test sends what
//! Sentry's own endpoint test sends (tests/sentry/issues/endpoints/test_project_group_index.py,
//! test_organization_group_index.py) and asserts what Sentry answers.

use relctl::backend::Backend;
use serde_json::{Value, json};

use super::harness::{App, ORG};

const BACKEND: &str = "/api/0/projects/default/backend/issues/";

/// The numeric id of an issue, by short id.
fn id(app: &App, short_id: &str) -> String {
    app.get(&format!("{ORG}/shortids/{short_id}/")).body["groupId"]
        .as_str()
        .unwrap()
        .to_string()
}

fn status(app: &App, short_id: &str) -> String {
    app.get(&format!("{ORG}/shortids/{short_id}/")).body["group"]["status"]
        .as_str()
        .unwrap()
        .to_string()
}

/// The activity and history of an issue, by type.
fn rows(app: &App, short_id: &str) -> (Vec<String>, Vec<String>) {
    let group = app.get(&format!("{ORG}/shortids/{short_id}/")).body["group"].clone();
    let kinds = |key: &str| -> Vec<String> {
        group[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap().to_string())
            .collect()
    };
    (kinds("activity"), kinds("history"))
}

#[test]
fn expand_inbox_answers_the_groupinbox_serializer() {
    // test_expand_inbox: reason is GroupInboxReason.NEW's integer, reason_details null.
    let app = App::new();
    app.seed();
    let answer = app.call(
        "GET",
        &format!("{ORG}/issues/?query=is:unresolved&expand=inbox&sort_by=date&limit=10"),
        Some(&app.read),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let first = &answer.body[0];
    assert!(first["id"].is_string());
    assert_eq!(first["inbox"]["reason"], 0);
    assert_eq!(first["inbox"]["reason_details"], Value::Null);
    assert!(first["inbox"]["date_added"].is_string());
    assert!(first["inbox"].get("dateAdded").is_none());
    // Without expand=inbox Sentry sends no inbox at all.
    let plain = app.get(&format!("{ORG}/issues/"));
    assert!(plain.body[0].get("inbox").is_none(), "{}", plain.body[0]);
}

#[test]
fn inbox_true_puts_issues_back_with_reason_manual() {
    // test_set_inbox: PUT ?id=N {"inbox": "true"} answers {"inbox": true}; GroupInbox exists.
    let app = App::new();
    app.seed();
    let slow = id(&app, "BACKEND-2");
    let path = format!("{ORG}/issues/?id={slow}");
    let reviewed = app.send("PUT", &path, json!({"inbox": false}));
    assert_eq!(
        (reviewed.status, reviewed.body),
        (200, json!({"inbox": false}))
    );
    let back = app.send("PUT", &path, json!({"inbox": "true"}));
    assert_eq!((back.status, back.body), (200, json!({"inbox": true})));
    let inbox = app.get(&format!(
        "{ORG}/issues/?query=is:unresolved%20is:for_review&expand=inbox"
    ));
    let entry = inbox
        .body
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["shortId"] == "BACKEND-2")
        .unwrap()
        .clone();
    assert_eq!(entry["inbox"]["reason"], 3, "{entry}");
    // relctl's own JSON keeps its documented shape.
    let mine = app.env.json(&["issue", "show", "BACKEND-2"]);
    assert_eq!(mine["inbox"]["reason"], "manual");
    assert!(mine["inbox"]["dateAdded"].is_string());
    // Already in the inbox: the row stays as it was.
    let before = app.state();
    assert_eq!(app.send("PUT", &path, json!({"inbox": true})).status, 200);
    assert_eq!(app.state(), before);
}

#[test]
fn a_projects_issues_are_listed_and_paged_as_sentry_cli_reads_them() {
    let app = App::new();
    app.seed();
    // sentry-cli issues list: ?query=&cursor= (its --query defaults to "", so every status).
    let answer = app.call(
        "GET",
        &format!("{BACKEND}?query=&cursor="),
        Some(&app.read),
        None,
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let mut short_ids: Vec<&str> = answer
        .body
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["shortId"].as_str().unwrap())
        .collect();
    short_ids.sort();
    assert_eq!(short_ids, ["BACKEND-1", "BACKEND-2"]);
    for issue in answer.body.as_array().unwrap() {
        for key in ["id", "title", "lastSeen", "status", "level"] {
            assert!(issue[key].is_string(), "{key}: {issue}");
        }
    }
    assert!(answer.link().contains("rel=\"next\"; results=\"false\""));
    // Sentry's default query is is:unresolved; paging by per_page.
    let unresolved = app.get(&format!("{BACKEND}?per_page=1"));
    assert_eq!(unresolved.body.as_array().unwrap().len(), 1);
    assert_eq!(unresolved.body[0]["shortId"], "BACKEND-2");
    assert!(
        unresolved
            .link()
            .contains("rel=\"next\"; results=\"false\"")
    );
    let missing = app.get("/api/0/projects/default/nope/issues/");
    assert_eq!(missing.status, 404, "{}", missing.body);
}

#[test]
fn global_resolve_changes_only_the_projects_unresolved_issues() {
    // test_global_resolve: ?status=unresolved&query=is:unresolved {"status": "resolved"}.
    let app = App::new();
    app.seed();
    let mute = app.send(
        "PUT",
        &format!("{ORG}/issues/?id={}", id(&app, "BACKEND-2")),
        json!({"status": "ignored"}),
    );
    assert_eq!(mute.status, 200, "{}", mute.body);
    app.backend
        .create_issue(&relctl::backend::CreateIssue {
            org: "default".into(),
            project: "backend".into(),
            title: "Timeout".into(),
        })
        .unwrap();
    let answer = app.send(
        "PUT",
        &format!("{BACKEND}?status=unresolved&query=is:unresolved"),
        json!({"status": "resolved"}),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({"status": "resolved", "statusDetails": {}, "inbox": null})
    );
    assert_eq!(status(&app, "BACKEND-3"), "resolved");
    // The ignored one and the other project's are not included.
    assert_eq!(status(&app, "BACKEND-2"), "ignored");
    assert_eq!(status(&app, "WEB-1"), "unresolved");
    // The previously resolved one (in 1.0.0) keeps its resolution and gains no rows.
    let one = app.get(&format!("{ORG}/shortids/BACKEND-1/")).body["group"].clone();
    assert_eq!(one["statusDetails"]["inRelease"], "1.0.0");
    assert_eq!(
        rows(&app, "BACKEND-1").0,
        ["referenced_in_commit", "set_resolved_in_release"]
    );
    // Resolving writes Sentry's rows and takes the issue out of the inbox.
    assert_eq!(
        rows(&app, "BACKEND-3"),
        (vec!["set_resolved".into()], vec!["resolved".into()])
    );
    let inbox = app.get(&format!("{ORG}/issues/?query=is:for_review"));
    assert!(!inbox.body.to_string().contains("BACKEND-3"));
    // Nothing left to match: 204, nothing written.
    let before = app.state();
    let none = app.send(
        "PUT",
        &format!("{BACKEND}?status=unresolved&query=is:unresolved"),
        json!({"status": "resolved"}),
    );
    assert_eq!(none.status, 204);
    assert_eq!(app.state(), before);
}

#[test]
fn selective_status_update_names_issues_by_id() {
    // test_selective_status_update: ids of this project; group4= is no id and is ignored.
    let app = App::new();
    app.seed();
    let url = format!(
        "{BACKEND}?id={}&id={}&group4={}",
        id(&app, "BACKEND-1"),
        id(&app, "BACKEND-2"),
        id(&app, "WEB-1")
    );
    let answer = app.send("PUT", &url, json!({"status": "resolved"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({"status": "resolved", "statusDetails": {}, "inbox": null})
    );
    assert_eq!(status(&app, "BACKEND-2"), "resolved");
    assert_eq!(status(&app, "WEB-1"), "unresolved");
    // Ids that name no issue are left out, the others changed.
    let url = format!("{BACKEND}?id={}&id=999999", id(&app, "BACKEND-2"));
    let answer = app.send("PUT", &url, json!({"status": "unresolved"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(status(&app, "BACKEND-2"), "unresolved");
    // An id of another project through the project endpoint is left out: nothing matched.
    let other = app.send(
        "PUT",
        &format!("{BACKEND}?id={}", id(&app, "WEB-1")),
        json!({"status": "resolved"}),
    );
    assert_eq!(other.status, 204);
    assert_eq!(status(&app, "WEB-1"), "unresolved");
}

#[test]
fn set_unresolved_drops_the_resolution() {
    // test_set_unresolved: a resolved issue with a GroupResolution.
    let app = App::new();
    app.seed();
    let url = format!("{BACKEND}?id={}", id(&app, "BACKEND-1"));
    let answer = app.send("PUT", &url, json!({"status": "unresolved"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({"status": "unresolved", "statusDetails": {}})
    );
    let group = app.get(&format!("{ORG}/shortids/BACKEND-1/")).body["group"].clone();
    assert_eq!(group["status"], "unresolved");
    assert_eq!(group["resolution"], Value::Null);
    assert_eq!(group["statusDetails"], json!({}));
    // Alone in its request, a resolved issue has regressed (infer_substatus).
    let (activity, history) = rows(&app, "BACKEND-1");
    assert_eq!(activity.last().unwrap(), "set_unresolved");
    assert_eq!(history.last().unwrap(), "regressed");
}

#[test]
fn basic_ignore_and_sentry_clis_mute() {
    // test_basic_ignore: {"status": "ignored"}.
    let app = App::new();
    app.seed();
    let url = format!("{BACKEND}?id={}", id(&app, "BACKEND-1"));
    let answer = app.send("PUT", &url, json!({"status": "ignored"}));
    assert_eq!(answer.status, 200, "{}", answer.body);
    assert_eq!(
        answer.body,
        json!({"status": "ignored", "statusDetails": {}, "inbox": null})
    );
    assert_eq!(status(&app, "BACKEND-1"), "ignored");
    assert_eq!(
        app.get(&format!("{ORG}/shortids/BACKEND-1/")).body["group"]["resolution"],
        Value::Null
    );
    // sentry-cli issues mute sends {"status": "muted", "snoozeDuration": null}.
    let url = format!("{BACKEND}?id={}", id(&app, "BACKEND-2"));
    let muted = app.send(
        "PUT",
        &url,
        json!({"status": "muted", "snoozeDuration": null}),
    );
    assert_eq!(muted.status, 200, "{}", muted.body);
    assert_eq!(
        muted.body,
        json!({"status": "muted", "statusDetails": {}, "inbox": null})
    );
    assert_eq!(
        rows(&app, "BACKEND-2"),
        (vec!["set_ignored".into()], vec!["archived_forever".into()])
    );
}

#[test]
fn what_relctl_does_not_do_is_refused_with_nothing_written() {
    let app = App::new();
    app.seed();
    let url = format!("{BACKEND}?id={}", id(&app, "BACKEND-2"));
    let before = app.state();
    for body in [
        json!({"status": "bogus"}),
        json!({"status": "resolvedInNextRelease"}),
        json!({"status": "ignored", "ignoreDuration": 30}),
        json!({"status": "resolved", "statusDetails": {"inRelease": "latest"}}),
        json!({}),
    ] {
        let answer = app.send("PUT", &url, body.clone());
        assert_eq!(answer.status, 400, "{body}: {}", answer.body);
    }
    let bad_id = app.send(
        "PUT",
        &format!("{BACKEND}?id=x"),
        json!({"status": "resolved"}),
    );
    assert_eq!(bad_id.status, 400);
    let read_only = app.call(
        "PUT",
        &url,
        Some(&app.read),
        Some(r#"{"status": "resolved"}"#),
    );
    assert_eq!(read_only.status, 403);
    assert_eq!(app.state(), before);
}

#[test]
fn the_organizations_the_token_may_act_in_are_listed() {
    let app = App::new();
    let answer = app.call("GET", "/api/0/organizations/", Some(&app.read), None);
    assert_eq!(answer.status, 200, "{}", answer.body);
    let orgs = answer.body.as_array().unwrap();
    assert_eq!(orgs.len(), 1);
    let org = &orgs[0];
    assert_eq!(org["slug"], "default");
    assert!(org["id"].is_string());
    assert!(org["dateCreated"].is_string());
    for key in ["isEarlyAdopter", "require2FA", "requireEmailVerification"] {
        assert_eq!(org[key], false, "{key}");
    }
    assert_eq!(org["features"], json!([]));
    assert!(answer.link().contains("rel=\"next\"; results=\"false\""));
    let anonymous = app.call("GET", "/api/0/organizations/", None, None);
    assert_eq!(anonymous.status, 401);
}
