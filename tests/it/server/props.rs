//! Property tests of `serve` end to end, through the router as a client reaches it: any bytes
//! or JSON to any endpoint that takes a body is answered with JSON and never a 5xx, and a
//! refused request writes nothing; any valid version can be created, read back by its
//! percent-encoded URL, and deployed. `PROPTEST_CASES=N` runs N cases of each.

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{Config, TestRunner, contextualize_config};
use serde_json::{Map, Value, json};

use super::harness::{App, ORG};

/// `cases` cases unless `PROPTEST_CASES` says otherwise.
fn runner(cases: u32) -> TestRunner {
    TestRunner::new(contextualize_config(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    }))
}

const KEYS: &[&str] = &[
    "version",
    "projects",
    "ref",
    "url",
    "dateReleased",
    "status",
    "commits",
    "refs",
    "headCommits",
    "id",
    "repository",
    "message",
    "author_name",
    "author_email",
    "timestamp",
    "patch_set",
    "path",
    "type",
    "commit",
    "previousCommit",
    "environment",
    "name",
    "slug",
    "platform",
    "inbox",
    "dateStarted",
    "dateFinished",
    "dataScrubber",
    "safeFields",
    "resolveInNextRelease",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z0-9 ._/-]{0,12}",
        select(vec![
            "open",
            "archived",
            "A",
            "M",
            "..",
            "a..b",
            "",
            "latest",
            "backend",
            "2024-01-02T10:00:00Z",
            "https://x.io/",
            "\u{0}",
            "\u{1b}[31m",
        ])
        .prop_map(str::to_string),
    ]
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(3, 32, 5, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((select(KEYS).prop_map(str::to_string), inner), 0..5)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..80),
        1 => json_value().prop_map(|v| v.to_string().into_bytes()),
        4 => prop::collection::vec((select(KEYS).prop_map(str::to_string), json_value()), 0..6)
            .prop_map(|pairs| Value::Object(pairs.into_iter().collect()).to_string().into_bytes()),
    ]
}

/// A body the endpoint at `which` (of the list below) accepts, with up to three fields
/// replaced or added with any values: it gets past the first checks to the deeper ones.
fn near_valid(which: usize) -> impl Strategy<Value = Vec<u8>> {
    (
        "[a-z0-9.]{1,8}",
        prop::collection::vec((select(KEYS).prop_map(str::to_string), json_value()), 0..4),
    )
        .prop_map(move |(word, overrides)| {
            let template = match which {
                0 => json!({"version": format!("p-{word}"), "projects": ["backend"]}),
                1 => json!({"version": format!("q-{word}")}),
                4 => json!({"environment": format!("env {word}")}),
                5 => json!({"name": format!("Web {word}")}),
                6 => json!({"name": format!("New {word}")}),
                8 => json!({"inbox": false}),
                _ => json!({"ref": word}),
            };
            let mut object = template.as_object().cloned().unwrap_or_default();
            object.extend(overrides);
            Value::Object(object).to_string().into_bytes()
        })
}

/// A version that passes server-flow 1.2, spaces and unicode included.
fn valid_version() -> impl Strategy<Value = String> {
    prop_oneof![
        "[A-Za-z0-9][A-Za-z0-9 ._+@~:%?#&=-]{0,30}",
        prop::collection::vec(any::<char>(), 1..30).prop_map(|chars| {
            chars
                .into_iter()
                .map(|c| {
                    if c.is_control() || c == '/' || c == '\\' {
                        'v'
                    } else {
                        c
                    }
                })
                .collect()
        }),
    ]
    .prop_filter("valid", |v| {
        relctl::domain::version::validate_version(v).is_ok()
    })
}

fn encode(segment: &str) -> String {
    utf8_percent_encode(segment, NON_ALPHANUMERIC).to_string()
}

/// A seeded app and the endpoints that read a body (the issue id is the app's).
struct Fixture {
    app: App,
    endpoints: Vec<(&'static str, String)>,
    requests: usize,
}

impl Fixture {
    fn new() -> Fixture {
        let app = App::new();
        app.seed();
        let issues = app.get(&format!("{ORG}/issues/?query="));
        let issue_id = issues.body[0]["id"].as_str().unwrap_or("1").to_string();
        let endpoints = vec![
            ("POST", format!("{ORG}/releases/")),
            (
                "POST",
                "/api/0/projects/default/backend/releases/".to_string(),
            ),
            ("PUT", format!("{ORG}/releases/1.0.0/")),
            ("PUT", format!("{ORG}/releases/2.0.0/")),
            ("POST", format!("{ORG}/releases/1.0.0/deploys/")),
            ("PUT", "/api/0/projects/default/web/".to_string()),
            ("POST", "/api/0/teams/default/t/projects/".to_string()),
            ("PUT", format!("{ORG}/")),
            ("PUT", format!("{ORG}/issues/?id={issue_id}")),
        ];
        Fixture {
            app,
            endpoints,
            requests: 0,
        }
    }
}

const ENDPOINTS: usize = 9;

/// Every endpoint that reads a body, with any bytes: the answer is JSON, never a 5xx, and a
/// refusal leaves the store exactly as it was.
#[test]
fn any_body_to_any_endpoint_is_answered_without_a_5xx() {
    let fixture = std::cell::RefCell::new(Fixture::new());
    let strategy =
        (0..ENDPOINTS).prop_flat_map(|which| (Just(which), prop_oneof![body(), near_valid(which)]));
    runner(48)
        .run(&strategy, |(which, body)| {
            let mut fixture = fixture.borrow_mut();
            // A fresh store now and then: what the requests wrote is compared after each one.
            fixture.requests += 1;
            if fixture.requests.is_multiple_of(200) {
                *fixture = Fixture::new();
            }
            let (method, path) = &fixture.endpoints[which];
            let app = &fixture.app;
            let before = app.state();
            let answer = app.call_bytes(method, path, body.clone());
            let shown = String::from_utf8_lossy(&body);
            prop_assert!(
                answer.status < 500,
                "{method} {path} {shown:?}: {} {}",
                answer.status,
                answer.body
            );
            if answer.status >= 400 {
                prop_assert!(answer.body.is_object(), "{}", answer.body);
                prop_assert_eq!(
                    app.state(),
                    before,
                    "{} {} {:?} was refused ({}) but wrote",
                    method,
                    path,
                    shown,
                    answer.status
                );
            }
            Ok(())
        })
        .unwrap_or_else(|err| panic!("{err}"));
}

/// Any valid version is created by the organization POST, read back exactly at its
/// percent-encoded URL, and takes a deploy; creating it again is not an error.
#[test]
fn any_valid_version_round_trips_through_the_api() {
    let app = App::new();
    app.seed();
    let strategy = (
        valid_version(),
        "[A-Za-z0-9][A-Za-z0-9 ._-]{0,20}",
        any::<bool>(),
    );
    runner(32)
        .run(&strategy, |(version, environment, twice)| {
            let create = json!({"version": version, "projects": ["backend"]});
            let answer = app.send("POST", &format!("{ORG}/releases/"), create.clone());
            prop_assert!(
                [200, 201, 208].contains(&answer.status),
                "{version:?}: {} {}",
                answer.status,
                answer.body
            );
            prop_assert_eq!(&answer.body["version"], &json!(version));
            if twice {
                let again = app.send("POST", &format!("{ORG}/releases/"), create);
                prop_assert!([200, 208].contains(&again.status), "{}", again.status);
            }
            let path = format!("{ORG}/releases/{}/", encode(&version));
            let got = app.get(&path);
            prop_assert_eq!(got.status, 200, "{} {}", path, got.body);
            prop_assert_eq!(&got.body["version"], &json!(version));
            let deploy = app.send(
                "POST",
                &format!("{path}deploys/"),
                json!({"environment": environment}),
            );
            prop_assert_eq!(deploy.status, 201, "{}", deploy.body);
            let deploys = app.get(&format!("{path}deploys/"));
            prop_assert!(
                deploys.body.as_array().is_some_and(|list| list
                    .iter()
                    .any(|d| d["environment"] == json!(environment.trim()))),
                "{}",
                deploys.body
            );
            Ok(())
        })
        .unwrap_or_else(|err| panic!("{err}"));
}

/// Commits bound by a PUT (any message text, authors, file changes) read back exactly from
/// the release's commit list.
#[test]
fn commits_bound_through_the_api_read_back_exactly() {
    let app = App::new();
    app.seed();
    let commit = (
        "[0-9a-f]{40}",
        any::<String>().prop_map(|m| m.replace('\0', "")),
        prop::option::of("[A-Z][a-z]{1,8}"),
        prop::collection::vec(("[a-z0-9_./-]{1,30}", select(vec!["A", "M", "D"])), 0..3),
    );
    let strategy = (valid_version(), prop::collection::vec(commit, 1..6));
    runner(32)
        .run(&strategy, |(version, commits)| {
            let created = app.send(
                "POST",
                &format!("{ORG}/releases/"),
                json!({"version": version, "projects": ["backend"]}),
            );
            prop_assert!(created.status < 300, "{}", created.body);
            let sent: Vec<Value> = commits
                .iter()
                .map(|(id, message, author, patches)| {
                    json!({
                        "id": id,
                        "repository": "acme/app",
                        "message": message,
                        "author_name": author,
                        "author_email": author.as_ref().map(|a| format!("{}@example.com", a.to_lowercase())),
                        "patch_set": patches.iter().map(|(p, t)| json!({"path": p, "type": t})).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let path = format!("{ORG}/releases/{}/", encode(&version));
            let put = app.send("PUT", &path, json!({"commits": sent}));
            prop_assert_eq!(put.status, 200, "{}", put.body);
            let listed = app.get(&format!("{path}commits/"));
            prop_assert_eq!(listed.status, 200);
            let listed = listed.body.as_array().cloned().unwrap_or_default();
            // Random 40-hex ids: distinct.
            let mut expected: std::collections::BTreeMap<&str, &String> = Default::default();
            for (id, message, _, _) in &commits {
                expected.insert(id, message);
            }
            prop_assert_eq!(listed.len(), expected.len(), "{:?}", listed);
            for commit in &listed {
                let id = commit["id"].as_str().unwrap_or_default();
                prop_assert_eq!(
                    commit["message"].as_str(),
                    expected.get(id).map(|m| m.as_str()),
                    "{}",
                    commit
                );
                prop_assert_eq!(&commit["repository"], &json!("acme/app"));
            }
            Ok(())
        })
        .unwrap_or_else(|err| panic!("{err}"));
}
