//! What an operator runs `serve` with: `/healthz` and `/readyz` (no token, never in the log at
//! info level, bounded in time, 503 naming the part that is down), and `/metrics` (the
//! Prometheus text format, behind `org:read` unless `--metrics-public`, counting by route).
//! In-process here; over a socket with the real binary, a config file's `[serve]` table, and
//! PostgreSQL and Redis going down in `operators_socket.rs`.

use std::collections::BTreeMap;
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use relctl::backend::local::LocalBackend;
use relctl::redis_sequence::RedisSequence;
use relctl::server;
use serde_json::{Value, json};

use super::harness::{App, ORG, options};

/// A text exposition read line by line as Prometheus reads it: `# HELP name text`,
/// `# TYPE name type`, `# EOF`, and samples `name{label="value",...} number`. Every sample
/// belongs to a family with a TYPE line. Returns each sample by `name{labels}` (labels as
/// written); panics naming the first line that is not one of these.
pub fn samples(text: &str) -> BTreeMap<String, f64> {
    let sample = regex::Regex::new(
        r#"^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?:[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*",?)*\})? (\S+)$"#,
    )
    .unwrap();
    let mut types = BTreeMap::new();
    let mut helps = 0;
    let mut found = BTreeMap::new();
    for line in text.lines() {
        if let Some(comment) = line.strip_prefix("# ") {
            let mut words = comment.splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("HELP"), Some(_), Some(_)) => helps += 1,
                (Some("TYPE"), Some(name), Some(kind)) => {
                    assert!(
                        [
                            "counter",
                            "gauge",
                            "histogram",
                            "summary",
                            "untyped",
                            "unknown"
                        ]
                        .contains(&kind),
                        "{line}"
                    );
                    types.insert(name.to_string(), kind.to_string());
                }
                (Some("EOF"), None, None) => {}
                _ => panic!("not a HELP, TYPE or EOF line: {line:?}"),
            }
            continue;
        }
        let caps = sample
            .captures(line)
            .unwrap_or_else(|| panic!("not a sample line: {line:?}"));
        let name = &caps[1];
        let value: f64 = match &caps[3] {
            "+Inf" => f64::INFINITY,
            "-Inf" => f64::NEG_INFINITY,
            number => number
                .parse()
                .unwrap_or_else(|_| panic!("not a number: {line:?}")),
        };
        let family = ["_total", "_bucket", "_sum", "_count"]
            .iter()
            .find_map(|suffix| {
                name.strip_suffix(suffix)
                    .filter(|family| types.contains_key(*family))
            })
            .unwrap_or(name);
        assert!(types.contains_key(family), "no TYPE line for {line:?}");
        let key = format!("{name}{}", caps.get(2).map_or("", |m| m.as_str()));
        assert!(found.insert(key, value).is_none(), "sample twice: {line:?}");
    }
    assert!(
        helps > 0 && !types.is_empty(),
        "no HELP or TYPE lines: {text}"
    );
    found
}

/// A sample's value, 0 when it is not there (yet).
pub fn value(samples: &BTreeMap<String, f64>, key: &str) -> f64 {
    samples.get(key).copied().unwrap_or(0.0)
}

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// The metrics as the `releases` token (org:read) reads them.
fn scrape(app: &App) -> BTreeMap<String, f64> {
    let auth = bearer(&app.releases);
    let (status, content_type, text) = app.get_text("/metrics", &[("authorization", &auth)]);
    assert_eq!(status, 200, "{text}");
    assert!(
        content_type.starts_with("application/openmetrics-text"),
        "{content_type}"
    );
    samples(&text)
}

#[test]
fn probes_answer_without_a_token_and_stay_out_of_the_log() {
    let app = App::new();
    for headers in [
        vec![],
        vec![("authorization", "Bearer not-a-token")],
        vec![("authorization", "Bearer")],
    ] {
        let (status, _, body) = app.get_text("/healthz", &headers);
        assert_eq!((status, body.as_str()), (200, "ok\n"));
        let (status, content_type, body) = app.get_text("/readyz", &headers);
        assert_eq!(status, 200, "{body}");
        assert_eq!(content_type, "application/json");
        let body: Value = serde_json::from_str(&body).unwrap();
        let part = if crate::harness::postgres_mode() {
            "postgresql"
        } else {
            "store"
        };
        assert_eq!(body, json!({"status": "ready", "checks": {part: "ok"}}));
    }
    // Another request is logged, the probes never are.
    app.get_text("/api/0/", &[]);
    let log = app.log.lock().unwrap().join("\n");
    assert!(log.contains("GET /api/0/ 200"), "{log}");
    assert!(!log.contains("healthz") && !log.contains("readyz"), "{log}");
}

#[test]
fn a_store_not_made_yet_is_ready() {
    // serve may start before the first write creates a SQLite store.
    let env = crate::harness::TestEnv::sqlite();
    let backend = Arc::new(LocalBackend::new(env.store.clone(), 0));
    let log = Arc::new(Mutex::new(Vec::new()));
    let router = server::router(&options(&backend, &log));
    let (status, body) = readyz(router);
    assert_eq!(status, 200, "{body}");
    assert!(!env.store.exists());
}

/// `GET /readyz` on `router`: status and body.
fn readyz(router: axum::Router) -> (u16, String) {
    use tower::ServiceExt;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    let answer = runtime.block_on(async move {
        let request = axum::http::Request::builder()
            .uri("/readyz")
            .body(axum::body::Body::empty())
            .unwrap();
        let response = router.oneshot(request).await.unwrap();
        let status = response.status().as_u16();
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        (status, String::from_utf8(bytes.to_vec()).unwrap())
    });
    // A probe that timed out may still be waiting on its thread: leave it.
    runtime.shutdown_background();
    answer
}

/// A loopback port that accepts connections and never says a word (a server that hangs).
fn silent_port() -> (TcpListener, u16) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    (listener, port)
}

#[test]
fn a_postgresql_store_that_hangs_makes_readyz_503_within_its_bound() {
    let (_listener, port) = silent_port();
    let url = format!("postgres://relctl:hunter2@127.0.0.1:{port}/relctl");
    let backend = Arc::new(LocalBackend::new(url.into(), 0));
    let log = Arc::new(Mutex::new(Vec::new()));
    let router = server::router(&options(&backend, &log));
    let started = Instant::now();
    let (status, body) = readyz(router.clone());
    let took = started.elapsed();
    assert_eq!(status, 503, "{body}");
    assert!(took < Duration::from_secs(4), "readyz took {took:?}");
    // The probe still hangs on its thread: the next readyz does not start another.
    let (status, again) = readyz(router);
    assert_eq!(status, 503, "{again}");
    assert!(
        again.contains("the previous probe has not answered yet"),
        "{again}"
    );
    let body: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(body["status"], "unavailable");
    assert!(
        body["checks"]["postgresql"]
            .as_str()
            .unwrap()
            .contains("no answer within 2 seconds"),
        "{body}"
    );
    assert!(!body.to_string().contains("hunter2"), "{body}");
}

#[test]
fn a_redis_that_hangs_or_is_closed_makes_readyz_503_naming_redis() {
    let (_listener, silent) = silent_port();
    let closed = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    for port in [silent, closed] {
        let env = crate::harness::TestEnv::sqlite();
        let redis = RedisSequence::new(&format!("redis://:hunter2@127.0.0.1:{port}/0")).unwrap();
        let backend =
            Arc::new(LocalBackend::new(env.store.clone(), 0).with_redis(Some(Arc::new(redis))));
        let log = Arc::new(Mutex::new(Vec::new()));
        let router = server::router(&options(&backend, &log));
        let started = Instant::now();
        let (status, body) = readyz(router);
        assert!(started.elapsed() < Duration::from_secs(4));
        assert_eq!(status, 503, "{body}");
        let body: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["checks"]["store"], "ok", "{body}");
        let redis = body["checks"]["redis"].as_str().unwrap();
        assert_ne!(redis, "ok", "{body}");
        assert!(!redis.contains("hunter2"), "{body}");
    }
}

#[test]
fn metrics_need_org_read_unless_public() {
    let app = App::new();
    let (status, _, body) = app.get_text("/metrics", &[]);
    assert_eq!(status, 401, "{body}");
    let (status, _, body) = app.get_text("/metrics", &[("authorization", "Bearer wrong")]);
    assert_eq!(status, 401, "{body}");
    let nothing = bearer(&app.nothing);
    let (status, _, body) = app.get_text("/metrics", &[("authorization", &nothing)]);
    assert_eq!(status, 403, "{body}");
    for token in [&app.releases, &app.read, &app.admin] {
        let auth = bearer(token);
        let (status, _, body) = app.get_text("/metrics", &[("authorization", &auth)]);
        assert_eq!(status, 200, "{body}");
    }
    // Public: no token needed, and a wrong one is not even looked at.
    let public = App::with(|opts| opts.metrics_public = true);
    for headers in [vec![], vec![("authorization", "Bearer wrong")]] {
        let (status, _, body) = public.get_text("/metrics", &headers);
        assert_eq!(status, 200, "{body}");
        samples(&body);
    }
}

#[test]
fn metrics_count_requests_by_route_and_commits_bound() {
    let app = App::new();
    app.seed();
    let releases_route = r#"route="/api/0/projects/{org}/{project}/releases/""#;
    let created =
        format!(r#"relctl_http_requests_total{{method="POST",{releases_route},status="201"}}"#);
    let updated = r#"relctl_http_requests_total{method="PUT",route="/api/0/organizations/{org}/releases/{version}/",status="200"}"#;
    let latency =
        format!(r#"relctl_http_request_duration_seconds_count{{method="POST",{releases_route}}}"#);
    let bound = "relctl_commits_bound_total";
    let lock_waits = r#"relctl_store_wait_seconds_count{wait="write_lock"}"#;
    let before = scrape(&app);

    // A release POST with one commit.
    let answer = app.call(
        "POST",
        "/api/0/projects/default/backend/releases/",
        Some(&app.releases),
        Some(r#"{"version": "3.0.0", "commits": [{"id": "abc", "message": "one"}]}"#),
    );
    assert_eq!(answer.status, 201, "{}", answer.body);
    let after_post = scrape(&app);
    assert_eq!(value(&after_post, &created), value(&before, &created) + 1.0);
    assert_eq!(value(&after_post, &latency), value(&before, &latency) + 1.0);
    assert_eq!(value(&after_post, bound), value(&before, bound) + 1.0);
    assert!(value(&after_post, lock_waits) > value(&before, lock_waits));
    let turns = r#"relctl_store_wait_seconds_count{wait="turn"}"#;
    assert!(value(&after_post, turns) > value(&before, turns));

    // set-commits: a PUT binding three commits.
    let commits: Vec<Value> = ["a1", "b2", "c3"]
        .iter()
        .map(|id| json!({"id": id, "message": format!("commit {id}")}))
        .collect();
    let answer = app.call(
        "PUT",
        &format!("{ORG}/releases/3.0.0/"),
        Some(&app.releases),
        Some(&json!({"commits": commits}).to_string()),
    );
    assert_eq!(answer.status, 200, "{}", answer.body);
    let after_put = scrape(&app);
    assert_eq!(
        value(&after_put, updated),
        value(&after_post, updated) + 1.0
    );
    assert_eq!(value(&after_put, bound), value(&after_post, bound) + 3.0);

    // A refused PUT is counted by its status, and binds nothing.
    let answer = app.call(
        "PUT",
        &format!("{ORG}/releases/3.0.0/"),
        Some(&app.nothing),
        Some(&json!({"commits": commits}).to_string()),
    );
    assert_eq!(answer.status, 403);
    let after_refused = scrape(&app);
    let refused = r#"relctl_http_requests_total{method="PUT",route="/api/0/organizations/{org}/releases/{version}/",status="403"}"#;
    assert_eq!(value(&after_refused, refused), 1.0);
    assert_eq!(value(&after_refused, bound), value(&after_put, bound));

    // Raw paths never become labels: a 404 is `unmatched`, whatever its path.
    for path in [
        "/nope/1",
        "/nope/2",
        "/api/0/organizations/default/nothing/",
    ] {
        app.get_text(path, &[]);
    }
    let after_404 = scrape(&app);
    let unmatched = r#"relctl_http_requests_total{method="GET",route="unmatched",status="404"}"#;
    assert_eq!(value(&after_404, unmatched), 3.0);
    assert!(
        after_404.keys().all(|key| !key.contains("/nope")),
        "{after_404:?}"
    );
    // The histogram's buckets are cumulative and end at +Inf with the count.
    let inf = format!(
        r#"relctl_http_request_duration_seconds_bucket{{le="+Inf",method="POST",{releases_route}}}"#
    );
    assert_eq!(value(&after_404, &inf), value(&after_404, &latency));
    // The permits gauge is there (this scrape holds none: /metrics does no blocking work).
    assert_eq!(
        value(&after_404, r#"relctl_work_permits_in_use{pool="api"}"#),
        0.0
    );
}
