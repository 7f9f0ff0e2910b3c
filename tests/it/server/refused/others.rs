//! Refusals of the root, organization, project and issue endpoints, and of oversized bodies.

use serde_json::json;

use super::super::harness::{App, ORG};
use super::{As, auth_cases, case, pinned, run};

#[test]
fn the_root_and_organizations() {
    let app = App::new();
    app.seed();
    let mut cases = vec![
        pinned(
            case(As::Bogus, "GET", "/api/0/", None, 401),
            json!({"detail": "Invalid token"}),
        ),
        case(As::Admin, "POST", "/api/0/", Some("{}"), 405),
        case(As::Admin, "GET", "/api/0/nowhere/", None, 404),
        case(As::Admin, "GET", "/api/0/organizations/nope/", None, 404),
        case(As::Admin, "GET", "/api/0/organizations/%FF/", None, 404),
        case(
            As::Admin,
            "PUT",
            "/api/0/organizations/nope/",
            Some("{}"),
            404,
        ),
        case(As::Admin, "PUT", &format!("{ORG}/"), Some("{"), 400),
        case(As::Admin, "PUT", &format!("{ORG}/"), Some("[1]"), 400),
        case(
            As::Admin,
            "PUT",
            &format!("{ORG}/"),
            Some(r#"{"dataScrubber": "maybe"}"#),
            400,
        ),
        case(
            As::Admin,
            "PUT",
            &format!("{ORG}/"),
            Some(r#"{"storeCrashReports": 1000}"#),
            400,
        ),
        case(As::Admin, "DELETE", &format!("{ORG}/"), None, 405),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/audit-logs/",
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/audit-logs/?cursor=x"),
            None,
            400,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/audit-logs/?per_page=101"),
            None,
            400,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{ORG}/audit-logs/"),
            Some("{}"),
            405,
        ),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/repos/",
            None,
            404,
        ),
        case(As::Admin, "POST", &format!("{ORG}/repos/"), Some("{}"), 405),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/projects/",
            None,
            404,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{ORG}/projects/"),
            Some("{}"),
            405,
        ),
    ];
    cases.extend(auth_cases("GET", &format!("{ORG}/"), None, As::Nothing));
    cases.extend(auth_cases(
        "PUT",
        &format!("{ORG}/"),
        Some(r#"{"dataScrubber": true}"#),
        As::Read,
    ));
    cases.extend(auth_cases(
        "GET",
        &format!("{ORG}/audit-logs/"),
        None,
        As::Read,
    ));
    cases.extend(auth_cases(
        "GET",
        &format!("{ORG}/repos/"),
        None,
        As::Nothing,
    ));
    cases.extend(auth_cases(
        "GET",
        &format!("{ORG}/projects/"),
        None,
        As::Nothing,
    ));
    run(&app, cases);
    // A Bearer header without a token.
    let answer = app.call("GET", "/api/0/", Some(""), None);
    assert_eq!(answer.status, 401, "{}", answer.body);
}
#[test]
fn projects() {
    let app = App::new();
    app.seed();
    let path = "/api/0/projects/default/backend/";
    let teams = "/api/0/teams/default/any-team/projects/";
    let mut cases = vec![
        case(
            As::Admin,
            "GET",
            "/api/0/projects/default/ghost/",
            None,
            404,
        ),
        case(
            As::Admin,
            "PUT",
            "/api/0/projects/default/ghost/",
            Some(r#"{"name": "x"}"#),
            404,
        ),
        case(
            As::Admin,
            "DELETE",
            "/api/0/projects/default/ghost/",
            None,
            404,
        ),
        case(As::Admin, "PUT", path, Some("{"), 400),
        pinned(
            case(As::Admin, "PUT", path, Some(r#"{"slug": "web"}"#), 400),
            json!({"slug": ["Another project (web) is already using that slug"]}),
        ),
        case(As::Admin, "PUT", path, Some(r#"{"slug": "WEB"}"#), 400),
        case(As::Admin, "PUT", path, Some(r#"{"slug": "123"}"#), 400),
        pinned(
            case(As::Admin, "PUT", path, Some(r#"{"slug": "settings"}"#), 400),
            json!({"slug": ["The slug \"settings\" is reserved and not available."]}),
        ),
        case(
            As::Admin,
            "PUT",
            path,
            Some(r#"{"name": 5.5, "slug": []}"#),
            400,
        ),
        case(As::Admin, "PUT", path, Some(r#"{"name": ""}"#), 400),
        case(As::Admin, "POST", path, Some("{}"), 405),
        case(As::Admin, "POST", teams, Some("{"), 400),
        pinned(
            case(As::Admin, "POST", teams, Some(r#"{"slug": "new"}"#), 400),
            json!({"name": ["This field is required."]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                teams,
                Some(r#"{"name": "Web Again", "slug": "web"}"#),
                409,
            ),
            json!({"detail": "A project with this slug already exists."}),
        ),
        case(
            As::Admin,
            "POST",
            teams,
            Some(r#"{"name": "X", "slug": "$all"}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            "/api/0/teams/nope/t/projects/",
            Some(r#"{"name": "X"}"#),
            404,
        ),
        case(As::Admin, "GET", teams, None, 405),
    ];
    cases.extend(auth_cases("GET", path, None, As::Nothing));
    cases.extend(auth_cases("PUT", path, Some(r#"{"name": "X"}"#), As::Read));
    // Deleting needs project:admin: project:releases (which CI tokens have) is not enough.
    cases.extend(auth_cases("DELETE", path, None, As::Releases));
    cases.extend(auth_cases(
        "POST",
        teams,
        Some(r#"{"name": "X"}"#),
        As::Read,
    ));
    run(&app, cases);
}

#[test]
fn issues() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/issues/");
    let id = app.get(&format!("{ORG}/shortids/BACKEND-2/")).body["groupId"]
        .as_str()
        .unwrap()
        .to_string();
    let with_id = format!("{path}?id={id}");
    let mut cases = vec![
        case(
            As::Admin,
            "GET",
            &format!("{path}?query=is:bogus"),
            None,
            400,
        ),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/issues/",
            None,
            404,
        ),
        case(As::Admin, "PUT", &path, Some(r#"{"inbox": false}"#), 400),
        case(
            As::Admin,
            "PUT",
            &format!("{path}?id=abc"),
            Some(r#"{"inbox": false}"#),
            400,
        ),
        // Sentry: ids that name no issue are left out; none left is a 204.
        pinned(
            case(
                As::Admin,
                "PUT",
                &format!("{path}?id=999999"),
                Some(r#"{"inbox": false}"#),
                204,
            ),
            json!(null),
        ),
        case(As::Admin, "PUT", &with_id, Some("{"), 400),
        pinned(
            case(
                As::Admin,
                "PUT",
                &with_id,
                Some(r#"{"inbox": "perhaps"}"#),
                400,
            ),
            json!({"inbox": ["Must be a valid boolean."]}),
        ),
        case(As::Admin, "PUT", &with_id, Some("{}"), 400),
        case(As::Admin, "DELETE", &path, None, 405),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/shortids/BACKEND-99/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/shortids/not-a-short-id/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{ORG}/shortids/BACKEND-1/"),
            Some("{}"),
            405,
        ),
    ];
    cases.extend(auth_cases("GET", &path, None, As::Releases));
    cases.extend(auth_cases(
        "PUT",
        &with_id,
        Some(r#"{"inbox": false}"#),
        As::Read,
    ));
    cases.extend(auth_cases(
        "GET",
        &format!("{ORG}/shortids/BACKEND-1/"),
        None,
        As::Nothing,
    ));
    run(&app, cases);
}

#[test]
fn bodies_over_the_limit_are_413_and_the_server_lives_on() {
    let app = App::with(|opts| opts.max_body = 1024);
    app.seed();
    let before = app.state();
    let big = format!(
        r#"{{"version": "9", "projects": ["backend"], "ref": "{}"}}"#,
        "x".repeat(2000)
    );
    let answer = app.call(
        "POST",
        &format!("{ORG}/releases/"),
        Some(&app.admin),
        Some(&big),
    );
    assert_eq!(answer.status, 413, "{}", answer.body);
    assert!(answer.body["detail"].is_string());
    assert_eq!(app.state(), before);
    let answer = app.send(
        "POST",
        &format!("{ORG}/releases/"),
        json!({"version": "9", "projects": ["backend"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
}

#[test]
fn the_token_is_checked_before_the_body_is_read() {
    let app = App::with(|opts| opts.max_body = 1024);
    app.seed();
    let before = app.state();
    let big = format!(r#"{{"ref": "{}"}}"#, "x".repeat(4096));
    let writes = [
        ("POST", format!("{ORG}/releases/")),
        ("PUT", format!("{ORG}/releases/1.0.0/")),
        ("POST", format!("{ORG}/releases/1.0.0/deploys/")),
        (
            "POST",
            "/api/0/projects/default/backend/releases/".to_string(),
        ),
        ("PUT", format!("{ORG}/")),
        ("PUT", "/api/0/projects/default/backend/".to_string()),
        ("POST", "/api/0/teams/default/t/projects/".to_string()),
        ("PUT", format!("{ORG}/issues/?id=1")),
    ];
    for (method, path) in &writes {
        for (token, detail) in [
            (None, "Authentication credentials were not provided."),
            (Some("relctl_0000"), "Invalid token"),
            (
                Some("Bearer a b"),
                "Invalid token header. Token string should not contain spaces.",
            ),
        ] {
            for body in [big.as_str(), "{", "[1]"] {
                let answer = match token {
                    Some(header) if header.starts_with("Bearer ") => {
                        app.call_with(method, path, &[("authorization", header)], Some(body))
                    }
                    _ => app.call(method, path, token, Some(body)),
                };
                assert_eq!(
                    (answer.status, &answer.body),
                    (401, &json!({"detail": detail})),
                    "{method} {path} {token:?} {}",
                    &body[..body.len().min(10)]
                );
            }
        }
    }
    assert_eq!(app.state(), before);
    // With a valid token the body is read: too large, malformed.
    let answer = app.call(
        "POST",
        &format!("{ORG}/releases/"),
        Some(&app.admin),
        Some(&big),
    );
    assert_eq!(answer.status, 413, "{}", answer.body);
    let answer = app.call(
        "POST",
        &format!("{ORG}/releases/"),
        Some(&app.admin),
        Some("{"),
    );
    assert_eq!(answer.status, 400, "{}", answer.body);
}
