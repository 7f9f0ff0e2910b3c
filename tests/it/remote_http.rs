//! The remote backend's HTTP client against small loopback servers that answer canned HTTP/1.1
//! responses: retries (and when there are none), timeouts, error kinds, the token kept out of
//! logs, pagination, and dry-run calls equal to what is sent.

use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::{TimeZone, Utc};
use relctl::backend::remote::RemoteBackend;
use relctl::backend::{Backend, CommitsChange, CreateDeploy, CreateRelease, UpdateRelease};
use relctl::config::Secret;
use relctl::error::ErrorKind;
use relctl::flow::commits::{CommitInput, Sent};
use relctl::remote::{HttpConfig, Log, RetryPolicy, calls};
use serde_json::{Value, json};

use crate::loopback::{Reply, Server, answer, answer_with};

const TOKEN: &str = "sntrys_s3cr3t-t0ken-do-not-log";

/// A config with quick backoff, so retry tests take milliseconds.
fn config(server: &Server, timeout: Duration) -> HttpConfig {
    let mut config = HttpConfig::new(server.url(), Some(Secret::new(TOKEN)), timeout);
    config.retry = RetryPolicy {
        base_delay: Duration::from_millis(20),
        max_delay: Duration::from_millis(100),
        ..RetryPolicy::default()
    };
    config
}

fn backend(server: &Server) -> RemoteBackend {
    RemoteBackend::new(config(server, Duration::from_secs(5)), None).unwrap()
}

fn project_json() -> Value {
    json!({"id": "4508", "slug": "app", "name": "App", "platform": null,
           "dateCreated": "2024-01-01T00:00:00Z"})
}

fn release_json(version: &str) -> Value {
    json!({"id": 12, "version": version, "status": "open", "shortVersion": version,
           "ref": null, "url": null, "dateCreated": "2024-01-01T00:00:00Z",
           "dateReleased": null, "commitCount": 0, "deployCount": 0, "lastCommit": null,
           "lastDeploy": null, "authors": [],
           "projects": [{"id": 4508, "slug": "app", "name": "App"}]})
}

fn deploy_request() -> CreateDeploy {
    CreateDeploy {
        org: "acme".into(),
        version: "1.0".into(),
        environment: "production".into(),
        name: None,
        url: None,
        date_started: None,
        date_finished: None,
        projects: Vec::new(),
    }
}

#[test]
fn a_503_is_retried_and_the_retry_succeeds() {
    let server = Server::start(vec![
        answer(503, json!({"detail": "busy"})),
        answer(200, project_json()),
    ]);
    let project = backend(&server).project("acme", "app").unwrap();
    assert_eq!(project.id, 4508);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].path, "/api/0/projects/acme/app/");
    assert!(seen[0].header("user-agent").unwrap().starts_with("relctl/"));
}

#[test]
fn a_429_waits_as_retry_after_says() {
    let server = Server::start(vec![
        answer_with(
            429,
            vec![("Retry-After", "1".into())],
            json!({"detail": "slow down"}),
        ),
        answer(200, project_json()),
    ]);
    let started = Instant::now();
    backend(&server).project("acme", "app").unwrap();
    let elapsed = started.elapsed();
    assert!(elapsed >= Duration::from_millis(950), "{elapsed:?}");
    assert!(elapsed < Duration::from_secs(4), "{elapsed:?}");
    assert_eq!(server.seen().len(), 2);
}

#[test]
fn a_silent_server_ends_in_a_network_error_within_the_bounds() {
    let server = Server::start(vec![Reply::Silent; 10]);
    let timeout = Duration::from_secs(1);
    let remote = RemoteBackend::new(config(&server, timeout), None).unwrap();
    let started = Instant::now();
    let err = remote.project("acme", "app").unwrap_err();
    let elapsed = started.elapsed();
    assert_eq!(err.kind, ErrorKind::Network, "{err}");
    assert_eq!(err.exit_code(), 5);
    assert!(err.message.contains("no answer"), "{err}");
    // Each attempt waits at most the timeout, all of them together at most twice it.
    assert!(elapsed >= timeout, "{elapsed:?}");
    assert!(
        elapsed < timeout * 2 + Duration::from_millis(700),
        "{elapsed:?}"
    );
    let attempts = server.seen().len();
    assert!((1..=5).contains(&attempts), "{attempts} attempts");
}

#[test]
fn a_silent_server_is_not_asked_twice_for_a_deploy() {
    let server = Server::start(vec![Reply::Silent; 3]);
    let remote = RemoteBackend::new(config(&server, Duration::from_secs(1)), None).unwrap();
    let started = Instant::now();
    let err = remote.create_deploy(&deploy_request()).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err}");
    assert!(started.elapsed() < Duration::from_millis(1700));
    assert_eq!(server.seen().len(), 1);
}

#[test]
fn a_refused_connection_is_a_network_error() {
    let addr = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap()
    };
    let mut config = HttpConfig::new(format!("http://{addr}"), None, Duration::from_secs(2));
    config.retry.base_delay = Duration::from_millis(10);
    let remote = RemoteBackend::new(config, None).unwrap();
    let started = Instant::now();
    let err = remote.projects("acme").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err}");
    assert!(err.message.contains("cannot reach"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(4));
}

#[test]
fn statuses_map_to_error_kinds_with_the_servers_detail() {
    let cases = [
        (
            401,
            json!({"detail": "Invalid token"}),
            ErrorKind::Auth,
            "Invalid token",
        ),
        (
            403,
            json!({"detail": "You do not have permission to perform this action."}),
            ErrorKind::Auth,
            "You do not have permission",
        ),
        (
            404,
            json!({"detail": "The requested resource does not exist"}),
            ErrorKind::NotFound,
            "does not exist",
        ),
        (
            409,
            json!({"detail": "Release commits are currently being processed"}),
            ErrorKind::Conflict,
            "currently being processed",
        ),
        (
            413,
            json!({"detail": "Request too large"}),
            ErrorKind::Usage,
            "too large",
        ),
        // A 500 is not retried (only 502-504 are); it is a server error (exit 5).
        (500, json!({"detail": "boom"}), ErrorKind::Network, "boom"),
    ];
    for (status, body, kind, text) in cases {
        let server = Server::start(vec![answer(status, body)]);
        let err = backend(&server).project("acme", "app").unwrap_err();
        assert_eq!(err.kind, kind, "{status}: {err}");
        assert!(err.message.contains(text), "{status}: {err}");
        assert!(err.message.contains(&status.to_string()), "{status}: {err}");
        assert_eq!(server.seen().len(), 1, "{status} is not retried");
    }
}

#[test]
fn a_400_flattens_the_field_errors_into_one_line() {
    let server = Server::start(vec![answer(
        400,
        json!({"commits": {"patch_set": {"type": ["Commit patch_set type Z is not supported."]}}}),
    )]);
    let req = UpdateRelease {
        org: "acme".into(),
        version: "1.0".into(),
        commits: CommitsChange::Replace(vec![commit("a".repeat(40).as_str())]),
        ..UpdateRelease::default()
    };
    let err = backend(&server).update_release(&req).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Usage);
    assert_eq!(err.exit_code(), 2);
    assert!(
        err.message
            .contains("commits.patch_set.type: Commit patch_set type Z is not supported."),
        "{err}"
    );
    assert!(!err.to_string().contains('\n'));
}

#[test]
fn a_post_that_is_not_idempotent_is_not_retried_after_a_503() {
    let server = Server::start(vec![
        answer(503, json!({"detail": "busy"})),
        answer(201, json!({})),
    ]);
    let err = backend(&server)
        .create_deploy(&deploy_request())
        .unwrap_err();
    assert_eq!(err.kind, ErrorKind::Network, "{err}");
    assert!(err.message.contains("busy"), "{err}");
    let seen = server.seen();
    assert_eq!(seen.len(), 1);
    assert_eq!(seen[0].method, "POST");
    assert_eq!(
        seen[0].path,
        "/api/0/organizations/acme/releases/1.0/deploys/"
    );
}

#[test]
fn the_release_post_is_idempotent_and_retried() {
    let server = Server::start(vec![
        // The release does not exist yet.
        answer(404, json!({"detail": "not found"})),
        answer(503, json!({"detail": "busy"})),
        answer(201, release_json("2.0+build 7")),
    ]);
    let req = CreateRelease {
        org: "acme".into(),
        version: "2.0+build 7".into(),
        projects: vec!["app".into()],
        ref_: None,
        url: None,
        date_released: None,
        status: None,
        user_agent: None,
        ..CreateRelease::default()
    };
    let created = backend(&server).create_release(&req).unwrap();
    assert_eq!(created.outcome, relctl::backend::CreateOutcome::Created);
    let seen = server.seen();
    assert_eq!(seen.len(), 3);
    assert_eq!(
        seen[0].path,
        "/api/0/organizations/acme/releases/2.0%2Bbuild%207/"
    );
    assert_eq!(seen[2].method, "POST");
    assert_eq!(
        seen[2].json(),
        json!({"version": "2.0+build 7", "projects": ["app"]})
    );
}

#[test]
fn the_token_never_appears_in_verbose_logs() {
    let server = Server::start(vec![
        answer(503, json!({"detail": "busy"})),
        answer(200, project_json()),
        answer(401, json!({"detail": "Invalid token"})),
    ]);
    let lines = Arc::new(Mutex::new(Vec::<String>::new()));
    let sink = Arc::clone(&lines);
    let log: Log = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string()));
    let mut config = config(&server, Duration::from_secs(5));
    config.verbosity = 3;
    // A token in the URL's user info is not shown either.
    config.url = format!("http://user:{TOKEN}@{}", server.addr);
    let remote = RemoteBackend::new(config, Some(log)).unwrap();
    remote.project("acme", "app").unwrap();
    let err = remote.project("acme", "app").unwrap_err();
    assert_eq!(err.kind, ErrorKind::Auth);
    assert!(!err.message.contains(TOKEN), "{err}");

    let lines = lines.lock().unwrap().clone();
    let text = lines.join("\n");
    assert!(text.contains("GET"), "{text}");
    assert!(text.contains("503"), "{text}");
    assert!(text.contains("retrying"), "{text}");
    assert!(
        text.contains("200 GET /api/0/projects/acme/app/ in"),
        "{text}"
    );
    assert!(!text.contains(TOKEN), "{text}");
    // The server did get it, as a bearer token.
    let seen = server.seen();
    assert_eq!(
        seen[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

#[test]
fn lists_follow_link_cursors_up_to_the_limit() {
    let next = |cursor: &str| {
        format!(
            "<http://x/api/0/organizations/acme/projects/?&cursor=0:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"0:0:1\", <http://x/api/0/organizations/acme/projects/?&cursor={cursor}>; rel=\"next\"; results=\"true\"; cursor=\"{cursor}\""
        )
    };
    let mut second = project_json();
    second["id"] = json!("4509");
    second["slug"] = json!("web");
    let server = Server::start(vec![
        answer_with(
            200,
            vec![("Link", next("100:1:0"))],
            json!([project_json()]),
        ),
        answer_with(
            200,
            vec![(
                "Link",
                "<http://x/?cursor=200:1:0>; rel=\"next\"; results=\"false\"; cursor=\"200:1:0\""
                    .to_string(),
            )],
            json!([second]),
        ),
    ]);
    let projects = backend(&server).projects("acme").unwrap();
    let slugs: Vec<&str> = projects.iter().map(|p| p.slug.as_str()).collect();
    assert_eq!(slugs, ["app", "web"]);
    let seen = server.seen();
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[1].path,
        "/api/0/organizations/acme/projects/?per_page=100&cursor=100%3A1%3A0"
    );
}

fn commit(id: &str) -> CommitInput {
    CommitInput {
        id: id.to_string(),
        repository: Some("acme/app".into()),
        message: Sent::Value("Fix APP-1\n".into()),
        author_name: Some("Jo".into()),
        author_email: Some("jo@example.com".into()),
        timestamp: Some(Utc.with_ymd_and_hms(2024, 1, 3, 8, 0, 0).unwrap()),
        patch_set: vec![("src/main.rs".into(), "M".into())],
    }
}

fn set_commits_request() -> UpdateRelease {
    let bare = CommitInput {
        id: "b".repeat(40),
        repository: None,
        message: Sent::Null,
        author_name: None,
        author_email: None,
        timestamp: None,
        patch_set: Vec::new(),
    };
    let untouched = CommitInput {
        message: Sent::Absent,
        ..commit(&"c".repeat(40))
    };
    UpdateRelease {
        org: "acme".into(),
        version: "1.0 beta".into(),
        commits: CommitsChange::Replace(vec![commit(&"a".repeat(40)), bare, untouched]),
        projects: vec!["app".into()],
        ..UpdateRelease::default()
    }
}

#[test]
fn dry_run_calls_of_set_commits() {
    let calls = calls::update_release(&set_commits_request()).unwrap();
    let printed = serde_json::to_value(&calls).unwrap();
    assert_eq!(
        printed,
        json!([
            {
                "method": "POST",
                "path": "/api/0/organizations/acme/releases/",
                "body": {"version": "1.0 beta", "projects": ["app"]}
            },
            {
                "method": "PUT",
                "path": "/api/0/organizations/acme/releases/1.0%20beta/",
                "body": {"commits": [
                    {
                        "id": "a".repeat(40),
                        "repository": "acme/app",
                        "message": "Fix APP-1\n",
                        "author_name": "Jo",
                        "author_email": "jo@example.com",
                        "timestamp": "2024-01-03T08:00:00Z",
                        "patch_set": [{"path": "src/main.rs", "type": "M"}]
                    },
                    {"id": "b".repeat(40), "message": null, "patch_set": []},
                    {
                        "id": "c".repeat(40),
                        "repository": "acme/app",
                        "author_name": "Jo",
                        "author_email": "jo@example.com",
                        "timestamp": "2024-01-03T08:00:00Z",
                        "patch_set": [{"path": "src/main.rs", "type": "M"}]
                    }
                ]}
            }
        ])
    );

    let clear = UpdateRelease {
        commits: CommitsChange::Clear,
        projects: Vec::new(),
        ..set_commits_request()
    };
    let calls = calls::update_release(&clear).unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0].body, Some(json!({"refs": []})));
}

#[test]
fn what_is_sent_is_what_the_dry_run_prints() {
    let mut updated = release_json("1.0 beta");
    updated["commitCount"] = json!(3);
    updated["resolvedIssues"] = json!(["APP-1"]);
    let server = Server::start(vec![
        answer(208, release_json("1.0 beta")),
        answer(200, updated),
    ]);
    let req = set_commits_request();
    let result = backend(&server).update_release(&req).unwrap();
    assert_eq!(result.release.commit_count, 3);
    assert_eq!(result.resolved_issues, ["APP-1"]);
    let seen = server.seen();
    let planned = calls::update_release(&req).unwrap();
    assert_eq!(seen.len(), planned.len());
    for (seen, call) in seen.iter().zip(&planned) {
        assert_eq!(seen.method, call.method.to_string());
        assert_eq!(seen.path, call.path);
        assert_eq!(Some(seen.json()), call.body);
        assert_eq!(seen.header("content-type"), Some("application/json"));
    }
}

#[test]
fn append_is_refused_before_anything_is_sent() {
    let server = Server::start(Vec::new());
    let req = UpdateRelease {
        commits: CommitsChange::Append(vec![commit(&"a".repeat(40))]),
        ..set_commits_request()
    };
    let err = backend(&server).update_release(&req).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Usage);
    assert!(err.message.contains("--append"), "{err}");
    assert!(server.seen().is_empty());
}

#[test]
fn sentrys_commit_lock_is_waited_out_and_the_put_sent_again() {
    let locked = || {
        answer(
            409,
            json!({"detail": "Release commits are currently being processed"}),
        )
    };
    // No projects: the PUT alone (with them, a release POST would come first).
    let put = UpdateRelease {
        projects: Vec::new(),
        ..set_commits_request()
    };
    let server = Server::start(vec![locked(), locked(), answer(200, release_json("1.0"))]);
    let updated = backend(&server).update_release(&put).unwrap();
    assert_eq!(updated.release.version, "1.0");
    let seen = server.seen();
    assert_eq!(seen.len(), 3, "two 409s, then the PUT that went through");
    assert!(seen.iter().all(|s| s.method == "PUT"));
    // Still locked after every retry: exit 4, saying why.
    let server = Server::start((0..10).map(|_| locked()).collect());
    let err = backend(&server).update_release(&put).unwrap_err();
    assert_eq!(err.kind, ErrorKind::Conflict, "{err}");
    assert!(err.message.contains("currently being processed"), "{err}");
    assert!(err.hint.unwrap_or_default().contains("still running"));
    assert!(server.seen().len() > 1);
}

#[test]
fn against_sentry_the_earlier_heads_come_from_a_bounded_walk_back() {
    let release = |version: &str, count: i64, date: &str| {
        let mut body = release_json(version);
        body["commitCount"] = json!(count);
        body["dateCreated"] = json!(date);
        body
    };
    let commit = |id: char, repository: &str| {
        json!({"id": id.to_string().repeat(40), "message": "m", "dateCreated": null,
               "repository": {"name": repository}})
    };
    let mut previous = release("1.1", 3, "2024-01-04T00:00:00Z");
    previous["lastCommit"] = commit('a', "acme/app");
    let server = Server::start(vec![
        // previous-with-commits: Sentry's body, no relctl heads.
        answer(200, previous.clone()),
        // The project's id, then its open and archived releases, newest first.
        answer(200, project_json()),
        answer(
            200,
            json!([
                release("1.2", 0, "2024-01-05T00:00:00Z"),
                previous,
                release("1.0.1", 1, "2024-01-03T00:00:00Z"),
                release("0.9", 0, "2024-01-02T12:00:00Z"),
                release("1.0", 2, "2024-01-02T00:00:00Z"),
            ]),
        ),
        answer(200, json!([])),
        // Each earlier release with commits: its newest commit per repository.
        answer(200, json!([commit('h', "acme/app")])),
        answer(
            200,
            json!([
                commit('b', "acme/app"),
                commit('d', "acme/app"),
                commit('c', "acme/lib")
            ]),
        ),
    ]);
    let heads = backend(&server)
        .earlier_heads(&relctl::backend::PreviousQuery {
            org: "acme".into(),
            version: "1.2".into(),
            projects: vec!["app".into()],
        })
        .unwrap();
    let got: Vec<(String, String, char)> = heads
        .0
        .iter()
        .map(|h| {
            let first = h.commit.chars().next().unwrap();
            (h.version.clone(), h.repository.clone(), first)
        })
        .collect();
    let want = [
        ("1.1", "acme/app", 'a'),
        ("1.0.1", "acme/app", 'h'),
        ("1.0", "acme/app", 'b'),
        ("1.0", "acme/lib", 'c'),
    ];
    let want: Vec<(String, String, char)> = want
        .iter()
        .map(|(v, r, c)| (v.to_string(), r.to_string(), *c))
        .collect();
    assert_eq!(got, want);
    let seen = server.seen();
    assert_eq!(seen.len(), 6, "releases without commits are not asked");
    assert!(
        seen[4].path.contains("/releases/1.0.1/commits/"),
        "{}",
        seen[4].path
    );
    assert!(seen.len() <= 10);
}

#[test]
fn on_sentry_a_later_release_holding_the_bound_commits_is_named() {
    let bound = "a".repeat(40);
    let mut later = release_json("1.1");
    later["commitCount"] = json!(1);
    later["dateCreated"] = json!("2024-01-02T00:00:00Z");
    let server = Server::start(vec![
        // The PUT: Sentry's answer has no reboundReleases.
        answer(200, release_json("1.0")),
        // The project's id, then its open and archived releases, newest first.
        answer(200, project_json()),
        answer(200, json!([later, release_json("1.0")])),
        answer(200, json!([])),
        // 1.1's commits hold the one 1.0 just bound.
        answer(
            200,
            json!([{"id": bound, "message": "m", "repository": {"name": "acme/app"}}]),
        ),
    ]);
    let req = UpdateRelease {
        org: "acme".into(),
        version: "1.0".into(),
        commits: CommitsChange::Replace(vec![commit(&bound)]),
        head_commits: vec![relctl::flow::commits::HeadCommit {
            repository: "acme/app".into(),
            commit: bound.clone(),
            previous: None,
        }],
        ..UpdateRelease::default()
    };
    let updated = backend(&server).update_release(&req).unwrap();
    assert_eq!(updated.later_to_rebind, vec!["1.1".to_string()]);
    assert_eq!(server.seen().len(), 5);
    // relctl serve says what it re-bound itself: nothing is asked after the PUT.
    let mut answered = release_json("1.0");
    answered["reboundReleases"] = json!([]);
    let server = Server::start(vec![answer(200, answered)]);
    let updated = backend(&server).update_release(&req).unwrap();
    assert!(updated.later_to_rebind.is_empty());
    assert_eq!(server.seen().len(), 1);
}
