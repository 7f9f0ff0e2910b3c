//! Requests Sentry's own endpoint tests send, and what Sentry answers to them (issue 20): the
//! release body's `userAgent`, `?status=` on release lists, the deploy list per project and
//! environment, organization and project PUT validations.

use serde_json::{Value, json};

use super::harness::{App, ORG};

fn field<'a>(answer: &'a Value, key: &str) -> Vec<&'a str> {
    answer
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item[key].as_str().unwrap())
        .collect()
}

/// Sentry's release serializer sends `userAgent`: the whole header of a project POST, the first
/// 256 characters of an organization POST's (`test_project_releases.py`,
/// `test_organization_releases.py` send sentry-cli's).
#[test]
fn release_bodies_carry_the_user_agent() {
    let app = App::new();
    app.seed();
    let auth = format!("Bearer {}", app.admin);
    let post = |path: &str, agent: &str, body: Value| {
        app.call_with(
            "POST",
            path,
            &[("authorization", &auth), ("user-agent", agent)],
            Some(&body.to_string()),
        )
    };
    let answer = post(
        "/api/0/projects/default/backend/releases/",
        "sentry-cli/2.0.0",
        json!({"version": "3.0.0"}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["userAgent"], "sentry-cli/2.0.0");
    let got = app.get(&format!("{ORG}/releases/3.0.0/"));
    assert_eq!(got.body["userAgent"], "sentry-cli/2.0.0");
    let long = format!("agent/{}", "x".repeat(300));
    let answer = post(
        &format!("{ORG}/releases/"),
        &long,
        json!({"version": "4.0.0", "projects": ["backend"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    assert_eq!(answer.body["userAgent"], long[..256]);
    let listed = app.get(&format!("{ORG}/releases/?query=4.0.0"));
    assert_eq!(listed.body[0]["userAgent"], long[..256]);
}

/// `test_organization_releases.py`: `status=` (empty) is no filter, archived releases included.
#[test]
fn an_empty_status_lists_every_release() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/");
    let answer = app.send(
        "POST",
        &path,
        json!({"version": "1.0.0", "projects": [], "status": "archived"}),
    );
    assert_eq!(answer.status, 208, "{}", answer.body);
    assert_eq!(field(&app.get(&path).body, "version"), ["2.0.0"]);
    let all = app.get(&format!("{path}?status="));
    assert_eq!(all.status, 200, "{}", all.body);
    assert_eq!(field(&all.body, "version"), ["2.0.0", "1.0.0"]);
    let project = app.get("/api/0/projects/default/backend/releases/?status=");
    assert_eq!(field(&project.body, "version"), ["2.0.0", "1.0.0"]);
    let bad = app.get(&format!("{path}?status=gone"));
    assert_eq!(bad.status, 400, "{}", bad.body);
}

/// `test_release_deploys.py::test_simple`: the newest deploy of each environment, newest
/// finished first; a second deploy to an environment replaces the first in the list.
#[test]
fn deploys_list_the_newest_of_each_environment() {
    let app = App::new();
    app.seed();
    let path = format!("{ORG}/releases/2.0.0/deploys/");
    for (env, finished) in [
        ("production", "2024-01-01T00:00:00Z"),
        ("production", "2024-01-02T00:00:00Z"),
        ("staging", "2024-01-03T00:00:00Z"),
    ] {
        let answer = app.send(
            "POST",
            &path,
            json!({"environment": env, "dateFinished": finished}),
        );
        assert_eq!(answer.status, 201, "{}", answer.body);
    }
    let list = app.get(&path);
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(field(&list.body, "environment"), ["staging", "production"]);
    assert_eq!(list.body[1]["dateFinished"], "2024-01-02T00:00:00.000000Z");
    let release = app.get(&format!("{ORG}/releases/2.0.0/"));
    assert_eq!(release.body["deployCount"], 3);
    // relctl's extension: every deploy.
    let all = app.get(&format!("{path}?all=1"));
    assert_eq!(
        field(&all.body, "environment"),
        ["staging", "production", "production"]
    );
}

/// `test_release_deploys.py::test_with_project`: `?project=ID` keeps the deploys of that
/// project; `-1` or nothing is every project.
#[test]
fn deploys_filter_by_project_id() {
    let app = App::new();
    app.seed();
    let id = |slug: &str| {
        app.get(&format!("/api/0/projects/default/{slug}/")).body["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let (backend, web) = (id("backend"), id("web"));
    let path = format!("{ORG}/releases/2.0.0/deploys/");
    let answer = app.send(
        "POST",
        &path,
        json!({"environment": "production", "projects": ["backend"]}),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let of = |query: &str| app.get(&format!("{path}{query}")).body;
    assert_eq!(
        field(&of(&format!("?project={backend}")), "environment"),
        ["production"]
    );
    assert_eq!(of(&format!("?project={web}")), json!([]));
    assert_eq!(field(&of(""), "environment"), ["production"]);
    assert_eq!(field(&of("?project=-1"), "environment"), ["production"]);
}

/// `test_project_details.py::test_invalid_platform` and `test_team_projects.py`'s: a platform
/// Sentry does not know is 400 `{"platform": ["Invalid platform"]}` and nothing changes; a known
/// one and `other` are saved.
#[test]
fn projects_refuse_a_platform_sentry_does_not_know() {
    let app = App::new();
    app.seed();
    let path = "/api/0/projects/default/backend/";
    let put = |platform: &str| app.send("PUT", path, json!({"platform": platform}));
    let refused = put("lol");
    assert_eq!(refused.status, 400, "{}", refused.body);
    assert_eq!(refused.body, json!({"platform": ["Invalid platform"]}));
    assert_eq!(app.get(path).body["platform"], Value::Null);
    let saved = put("python");
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(app.get(path).body["platform"], "python");
    assert_eq!(put("other").body["platform"], "other");
    // A refused PUT changes none of its other fields either.
    let both = app.send(
        "PUT",
        path,
        json!({"name": "Renamed", "platform": "Python"}),
    );
    assert_eq!(both.status, 400, "{}", both.body);
    assert_eq!(app.get(path).body["name"], "Backend");

    let teams = "/api/0/teams/default/t/projects/";
    let created = app.send(
        "POST",
        teams,
        json!({"name": "fake name", "platform": "fake platform"}),
    );
    assert_eq!(created.status, 400, "{}", created.body);
    assert_eq!(created.body, json!({"platform": ["Invalid platform"]}));
    let projects = app.get("/api/0/organizations/default/projects/");
    let names = field(&projects.body, "name");
    assert!(!names.contains(&"fake name"), "{names:?}");
    let created = app.send(
        "POST",
        teams,
        json!({"name": "Mobile", "platform": "react-native"}),
    );
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["platform"], "react-native");
}
