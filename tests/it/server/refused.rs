//! Every endpoint refuses bad requests without writing: malformed JSON, wrong types, missing
//! fields, unknown organization/project/version, `%2F` in a version, a wrong method, no token,
//! a token without the scope. After each refusal the whole store is compared with before.

use serde_json::{Value, json};

use super::harness::{App, ORG};

/// Who sends a case.
#[derive(Clone, Copy, Debug)]
enum As {
    Anonymous,
    Admin,
    Releases,
    Read,
    Nothing,
    Bogus,
}

struct Case {
    who: As,
    method: &'static str,
    path: String,
    body: Option<&'static str>,
    status: u16,
    /// The exact body expected, when it is pinned.
    expected: Option<Value>,
}

fn case(
    who: As,
    method: &'static str,
    path: &str,
    body: Option<&'static str>,
    status: u16,
) -> Case {
    Case {
        who,
        method,
        path: path.to_string(),
        body,
        status,
        expected: None,
    }
}

fn pinned(mut c: Case, expected: Value) -> Case {
    c.expected = Some(expected);
    c
}

fn run(app: &App, cases: Vec<Case>) {
    let before = app.state();
    for c in cases {
        let token = match c.who {
            As::Anonymous => None,
            As::Admin => Some(app.admin.as_str()),
            As::Releases => Some(app.releases.as_str()),
            As::Read => Some(app.read.as_str()),
            As::Nothing => Some(app.nothing.as_str()),
            As::Bogus => Some("relctl_0000"),
        };
        let answer = app.call(c.method, &c.path, token, c.body);
        assert_eq!(
            answer.status, c.status,
            "{:?} {} {} {:?}: {}",
            c.who, c.method, c.path, c.body, answer.body
        );
        if let Some(expected) = &c.expected {
            assert_eq!(&answer.body, expected, "{} {}", c.method, c.path);
        } else if c.status != 405 {
            assert!(
                answer.body.is_object(),
                "{} {}: {}",
                c.method,
                c.path,
                answer.body
            );
        }
        assert_eq!(
            app.state(),
            before,
            "{:?} {} {} changed the store",
            c.who,
            c.method,
            c.path
        );
    }
}

const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
const NO_PERMISSION: &str = "You do not have permission to perform this action.";

/// No token, an unknown token and a token without the scope, for one request.
fn auth_cases(method: &'static str, path: &str, body: Option<&'static str>, weak: As) -> Vec<Case> {
    vec![
        pinned(
            case(As::Anonymous, method, path, body, 401),
            json!({"detail": NO_CREDENTIALS}),
        ),
        pinned(
            case(As::Bogus, method, path, body, 401),
            json!({"detail": "Invalid token"}),
        ),
        pinned(
            case(weak, method, path, body, 403),
            json!({"detail": NO_PERMISSION}),
        ),
    ]
}

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
            json!({"commits": {"author_email": ["Not a valid string."]}}),
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
        case(
            As::Admin,
            "PUT",
            &format!("{path}?id=999999"),
            Some(r#"{"inbox": false}"#),
            404,
        ),
        case(
            As::Admin,
            "PUT",
            &format!("{path}?id={id}&id=999999"),
            Some(r#"{"inbox": false}"#),
            404,
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
        case(As::Admin, "PUT", &with_id, Some(r#"{"inbox": true}"#), 400),
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
