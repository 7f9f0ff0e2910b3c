//! Refusals of the release and deploy endpoints.

use serde_json::json;

use super::super::harness::{App, ORG};
use super::{As, auth_cases, case, pinned, run};

#[test]
fn organization_releases() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/");
    let invalid_projects = json!({"projects": ["Invalid project ids or slugs"]});
    let mut cases = vec![
        case(As::Admin, "POST", &path, Some("{"), 400),
        case(As::Admin, "POST", &path, Some("\"1.0\""), 400),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"projects": ["backend"]}"#),
                400,
            ),
            json!({"version": ["This field is required."]}),
        ),
        pinned(
            case(As::Admin, "POST", &path, Some(r#"{"version": "9"}"#), 400),
            json!({"projects": ["This field is required."]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"version": true, "projects": ["backend"]}"#),
                400,
            ),
            json!({"version": ["Not a valid string."]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"version": "latest", "projects": ["backend"]}"#),
                400,
            ),
            json!({"version": ["Release with name latest is not allowed"]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"version": "9", "projects": ["backend", "ghost"]}"#),
                400,
            ),
            invalid_projects.clone(),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"version": "9", "projects": [1]}"#),
                400,
            ),
            invalid_projects,
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"version": "9", "projects": "backend"}"#),
                400,
            ),
            json!({"projects": ["Expected a list of items but received type \"str\"."]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(
                    r#"{"version": "9", "projects": ["backend"], "commits": [{"id": "a", "patch_set": [{"path": "x", "type": "Z"}]}]}"#,
                ),
                400,
            ),
            json!({"commits": {"patch_set": {"type": ["Commit patch_set type Z is not supported."]}}}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(
                    r#"{"version": "9", "projects": ["backend"], "refs": [{"repository": "acme/nowhere", "commit": "abc"}]}"#,
                ),
                400,
            ),
            json!({"refs": ["Invalid repository names: acme/nowhere"]}),
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(r#"{"version": "9", "projects": ["backend"], "status": "gone"}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(r#"{"version": "9", "projects": ["backend"], "dateReleased": "soon"}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            "/api/0/organizations/nope/releases/",
            Some(r#"{"version": "9", "projects": []}"#),
            404,
        ),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/releases/",
            None,
            404,
        ),
        case(As::Admin, "GET", &format!("{path}?status=gone"), None, 400),
        case(As::Admin, "GET", &format!("{path}?cursor=1:2"), None, 400),
        case(As::Admin, "DELETE", &path, None, 405),
    ];
    cases.extend(auth_cases("GET", &path, None, As::Nothing));
    cases.extend(auth_cases(
        "POST",
        &path,
        Some(r#"{"version": "9", "projects": ["backend"]}"#),
        As::Read,
    ));
    run(&app, cases);
}

#[test]
fn one_release() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/1.0.0/");
    let mut cases = vec![
        case(As::Admin, "GET", &format!("{ORG}/releases/9.9/"), None, 404),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/1.0.0%2F/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/a%2Fb/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "PUT",
            &format!("{ORG}/releases/a%2Fb/"),
            Some("{}"),
            404,
        ),
        case(
            As::Admin,
            "DELETE",
            &format!("{ORG}/releases/a%2Fb/"),
            None,
            404,
        ),
        case(As::Admin, "GET", &format!("{path}?project=web"), None, 404),
        case(
            As::Admin,
            "GET",
            "/api/0/organizations/nope/releases/1.0.0/",
            None,
            404,
        ),
        case(
            As::Admin,
            "PUT",
            &format!("{ORG}/releases/9.9/"),
            Some(r#"{"ref": "x"}"#),
            404,
        ),
        case(
            As::Admin,
            "DELETE",
            &format!("{ORG}/releases/9.9/"),
            None,
            404,
        ),
        case(As::Admin, "PUT", &path, Some("{"), 400),
        case(As::Admin, "PUT", &path, Some("[]"), 400),
        pinned(
            case(As::Admin, "PUT", &path, Some(r#"{"commits": "abc"}"#), 400),
            json!({"commits": ["Expected a list of items but received type \"str\"."]}),
        ),
        pinned(
            case(
                As::Admin,
                "PUT",
                &path,
                Some(r#"{"commits": [{"repository": "acme/backend"}]}"#),
                400,
            ),
            json!({"commits": {"id": ["This field is required."]}}),
        ),
        pinned(
            case(
                As::Admin,
                "PUT",
                &path,
                Some(
                    r#"{"commits": [{"id": "b", "patch_set": [{"path": "x", "type": "A"}]}, {"id": 5, "author_email": []}]}"#,
                ),
                400,
            ),
            // Sentry takes `"id": 5` as "5"; relctl refuses ids that are not strings.
            json!({"commits": {"author_email": ["Not a valid string."], "id": ["Not a valid string."]}}),
        ),
        pinned(
            case(
                As::Admin,
                "PUT",
                &path,
                Some(r#"{"refs": [{"repository": "acme/nowhere", "commit": "abc"}]}"#),
                400,
            ),
            json!({"refs": ["Invalid repository names: acme/nowhere"]}),
        ),
        case(
            As::Admin,
            "PUT",
            &path,
            Some(r#"{"refs": [{"commit": "abc"}]}"#),
            400,
        ),
        case(
            As::Admin,
            "PUT",
            &path,
            Some(r#"{"url": "not a url"}"#),
            400,
        ),
        case(
            As::Admin,
            "PUT",
            &path,
            Some(r#"{"dateReleased": 12}"#),
            400,
        ),
        case(As::Admin, "PUT", &path, Some(r#"{"status": 1}"#), 400),
        case(As::Admin, "PUT", &path, Some(r#"{"ref": ["x"]}"#), 400),
        case(As::Admin, "POST", &path, Some("{}"), 405),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/9.9/previous-with-commits/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/a%2Fb/previous-with-commits/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{path}previous-with-commits/"),
            Some("{}"),
            405,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/9.9/commits/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/a%2Fb/commits/"),
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{path}commits/?per_page=0"),
            None,
            400,
        ),
        case(
            As::Admin,
            "PUT",
            &format!("{path}commits/"),
            Some("{}"),
            405,
        ),
    ];
    cases.extend(auth_cases("GET", &path, None, As::Nothing));
    cases.extend(auth_cases("PUT", &path, Some(r#"{"ref": "x"}"#), As::Read));
    cases.extend(auth_cases("DELETE", &path, None, As::Read));
    cases.extend(auth_cases(
        "GET",
        &format!("{path}previous-with-commits/"),
        None,
        As::Nothing,
    ));
    cases.extend(auth_cases(
        "GET",
        &format!("{path}commits/"),
        None,
        As::Nothing,
    ));
    run(&app, cases);
}

#[test]
fn deploys() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/1.0.0/deploys/");
    let mut cases = vec![
        case(As::Admin, "POST", &path, Some("{"), 400),
        pinned(
            case(As::Admin, "POST", &path, Some("{}"), 400),
            json!({"environment": ["This field is required."]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"environment": "bad/name"}"#),
                400,
            ),
            json!({"environment": ["Invalid value for environment"]}),
        ),
        pinned(
            case(
                As::Admin,
                "POST",
                &path,
                Some(r#"{"environment": "prod", "projects": ["web", "ghost"]}"#),
                400,
            ),
            json!({"detail": {"code": "parameter-validation-error", "message": "Invalid projects (web, ghost) for release 1.0.0"}}),
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(r#"{"environment": "prod", "dateFinished": false}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(r#"{"environment": 5, "name": {}}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(r#"{"environment": "prod", "url": "ftp:/x"}"#),
            400,
        ),
        case(
            As::Admin,
            "POST",
            &path,
            Some(
                r#"{"environment": "prod", "dateStarted": "2024-01-02T00:00:00Z", "dateFinished": "2024-01-01T00:00:00Z"}"#,
            ),
            400,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{ORG}/releases/9.9/deploys/"),
            Some(r#"{"environment": "prod"}"#),
            404,
        ),
        case(
            As::Admin,
            "POST",
            &format!("{ORG}/releases/a%2Fb/deploys/"),
            Some(r#"{"environment": "prod"}"#),
            404,
        ),
        case(
            As::Admin,
            "GET",
            &format!("{ORG}/releases/9.9/deploys/"),
            None,
            404,
        ),
        case(As::Admin, "PUT", &path, Some("{}"), 405),
    ];
    cases.extend(auth_cases("GET", &path, None, As::Nothing));
    cases.extend(auth_cases(
        "POST",
        &path,
        Some(r#"{"environment": "prod"}"#),
        As::Read,
    ));
    run(&app, cases);
}

#[test]
fn project_releases() {
    let app = App::new();
    app.seed();
    let path = "/api/0/projects/default/backend/releases/";
    let mut cases = vec![
        case(
            As::Admin,
            "GET",
            "/api/0/projects/default/ghost/releases/",
            None,
            404,
        ),
        case(
            As::Admin,
            "GET",
            "/api/0/projects/nope/backend/releases/",
            None,
            404,
        ),
        case(
            As::Admin,
            "POST",
            "/api/0/projects/default/ghost/releases/",
            Some(r#"{"version": "9"}"#),
            404,
        ),
        case(As::Admin, "POST", path, Some("{"), 400),
        pinned(
            case(As::Admin, "POST", path, Some("{}"), 400),
            json!({"version": ["This field is required."]}),
        ),
        pinned(
            case(As::Admin, "POST", path, Some(r#"{"version": "a/b"}"#), 400),
            json!({"version": ["Release with name a/b is not allowed"]}),
        ),
        case(
            As::Admin,
            "POST",
            path,
            Some(r#"{"version": "9", "commits": [{"id": "x", "timestamp": "then"}]}"#),
            400,
        ),
        case(As::Admin, "DELETE", path, None, 405),
    ];
    cases.extend(auth_cases("GET", path, None, As::Nothing));
    cases.extend(auth_cases(
        "POST",
        path,
        Some(r#"{"version": "9"}"#),
        As::Read,
    ));
    run(&app, cases);
}
