//! The operator's side of the real binary over a loopback socket: `--metrics-public`, probes
//! out of the log, the config file's `[serve]` table, and `/readyz` while PostgreSQL or Redis is
//! stopped (PostgreSQL behind a proxy of the test's own that it stops and starts again, since
//! the suite's server is shared; Redis a `redis-server` of the test's own).

use std::io::{BufRead, BufReader};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use serde_json::Value;

use super::operators::{samples, value};
use crate::harness::{Repo, TestEnv, error_lines};
use crate::remote::harness::{Server, request};

fn get(url: &str, token: Option<&str>) -> (u16, String) {
    request("GET", url, token, None)
}

/// `/readyz`'s status and JSON body.
fn readyz(server_url: &str) -> (u16, Value) {
    let (status, body) = get(&format!("{server_url}/readyz"), None);
    (status, serde_json::from_str(&body).unwrap())
}

#[test]
fn metrics_public_answers_anyone_and_the_probes_stay_out_of_the_log() {
    let server = Server::start_with(&["--metrics-public"]);
    let (status, body) = get(&format!("{}/healthz", server.url), None);
    assert_eq!((status, body.as_str()), (200, "ok\n"));
    let (status, body) = readyz(&server.url);
    assert_eq!(status, 200, "{body}");
    let (status, text) = get(&format!("{}/metrics", server.url), None);
    assert_eq!(status, 200, "{text}");
    let found = samples(&text);
    assert_eq!(
        value(
            &found,
            r#"relctl_http_requests_total{method="GET",route="/healthz",status="200"}"#
        ),
        1.0
    );
    // Without --metrics-public: a token with org:read.
    let closed = Server::start();
    let (status, _) = get(&format!("{}/metrics", closed.url), None);
    assert_eq!(status, 401);
    let (status, text) = get(&format!("{}/metrics", closed.url), Some(&closed.token));
    assert_eq!(status, 200, "{text}");
    samples(&text);
    let log = server.log();
    assert!(log.contains("GET /metrics 200"), "{log}");
    assert!(!log.contains("healthz") && !log.contains("readyz"), "{log}");
}

#[test]
fn a_config_files_serve_table_gives_bind_repos_and_metrics_public() {
    let env = TestEnv::new();
    let mirror = env.path().join("mirrors").join("app");
    let repo = Repo::init(&mirror);
    repo.commit("a", "1", "first");
    let token = env.json(&["token", "create", "--scopes", "org:read"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let port = crate::harness::free_port();
    let config = env.path().join("etc").join("relctl.toml");
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    // A repository's relative path is relative to the file.
    std::fs::write(
        &config,
        format!(
            "[serve]\nbind = \"127.0.0.1:{port}\"\nrepos = [\"acme/app=../mirrors/app\"]\nmetrics_public = true\n"
        ),
    )
    .unwrap();
    let shown = env.ok(&["--config", config.to_str().unwrap(), "config", "show"]);
    assert!(
        shown.contains(&format!("serve.bind            127.0.0.1:{port}")),
        "{shown}"
    );
    assert!(shown.contains("serve.repos"), "{shown}");
    let mut child = env
        .cmd()
        .args(["--config", config.to_str().unwrap(), "serve"])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stderr.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let result = std::panic::catch_unwind(|| {
        assert!(first.contains(&url), "{first}");
        let (status, body) = get(
            &format!("{url}/api/0/organizations/default/repos/"),
            Some(&token),
        );
        assert_eq!(status, 200, "{body}");
        assert!(body.contains("acme/app"), "{body}");
        let (status, _) = get(&format!("{url}/metrics"), None);
        assert_eq!(status, 200);
    });
    unsafe {
        libc::kill(child.id() as i32, libc::SIGTERM);
    }
    let _ = child.wait();
    result.unwrap();
}

#[test]
fn a_malformed_serve_table_is_one_line_and_exit_2() {
    let env = TestEnv::new();
    let config = env.path().join("relctl.toml");
    for (table, says) in [
        ("bind = \"nope\"", "invalid serve.bind"),
        ("bind = 8765", "malformed config file"),
        ("bnd = \"127.0.0.1:1\"", "unknown field `bnd`"),
        ("pool_size = 0", "invalid serve.pool_size"),
        ("header_timeout = -1.0", "invalid serve.header_timeout"),
        ("max_body = 0", "invalid serve.max_body"),
        ("repos = \"acme/app=/srv\"", "malformed config file"),
    ] {
        std::fs::write(&config, format!("[serve]\n{table}\n")).unwrap();
        let stderr = env.fails(&["--config", config.to_str().unwrap(), "serve"], 2);
        assert!(stderr.contains(says), "{table}: {stderr}");
        assert!(
            stderr.contains(config.to_str().unwrap()),
            "{table}: the file is named: {stderr}"
        );
        assert_eq!(error_lines(&stderr), 1, "{table}: {stderr}");
    }
}

/// A TCP proxy of the test's own in front of a server: stopping it closes its port and every
/// connection through it, as a stopped server would; starting it again listens on the same port.
struct Proxy {
    port: u16,
    target: SocketAddr,
    stopping: Arc<AtomicBool>,
    streams: Arc<Mutex<Vec<TcpStream>>>,
    accepting: Option<JoinHandle<()>>,
}

impl Proxy {
    fn start(target: SocketAddr) -> Proxy {
        let mut proxy = Proxy {
            port: crate::harness::free_port(),
            target,
            stopping: Arc::new(AtomicBool::new(false)),
            streams: Arc::new(Mutex::new(Vec::new())),
            accepting: None,
        };
        proxy.run();
        proxy
    }

    fn run(&mut self) {
        let listener = TcpListener::bind(("127.0.0.1", self.port)).unwrap();
        listener.set_nonblocking(true).unwrap();
        self.stopping.store(false, Ordering::SeqCst);
        let stopping = Arc::clone(&self.stopping);
        let streams = Arc::clone(&self.streams);
        let target = self.target;
        self.accepting = Some(std::thread::spawn(move || {
            while !stopping.load(Ordering::SeqCst) {
                let Ok((client, _)) = listener.accept() else {
                    std::thread::sleep(Duration::from_millis(10));
                    continue;
                };
                client.set_nonblocking(false).unwrap();
                let Ok(upstream) = TcpStream::connect(target) else {
                    continue;
                };
                let mut kept = streams.lock().unwrap();
                kept.push(client.try_clone().unwrap());
                kept.push(upstream.try_clone().unwrap());
                for (mut from, mut to) in [
                    (client.try_clone().unwrap(), upstream.try_clone().unwrap()),
                    (upstream, client),
                ] {
                    std::thread::spawn(move || {
                        let _ = std::io::copy(&mut from, &mut to);
                        let _ = to.shutdown(Shutdown::Both);
                        let _ = from.shutdown(Shutdown::Both);
                    });
                }
            }
        }));
    }

    fn stop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        if let Some(accepting) = self.accepting.take() {
            accepting.join().unwrap();
        }
        for stream in self.streams.lock().unwrap().drain(..) {
            let _ = stream.shutdown(Shutdown::Both);
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.stop();
    }
}

/// `/readyz` until it answers `status`, for at most 10 seconds.
fn readyz_becomes(url: &str, status: u16) -> Value {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let started = Instant::now();
        let (got, body) = readyz(url);
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "readyz took {:?}",
            started.elapsed()
        );
        if got == status {
            return body;
        }
        assert!(Instant::now() < deadline, "readyz stays {got}: {body}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn readyz_is_503_while_postgresql_is_stopped_and_200_again_once_it_is_back() {
    let Some(db) = crate::pg_store::database("readyz while PostgreSQL is stopped") else {
        return;
    };
    // postgres://USER@HOST:PORT/DB: the proxy stands in for HOST:PORT.
    let (user, rest) = db
        .url
        .trim_start_matches("postgres://")
        .split_once('@')
        .unwrap();
    let (address, name) = rest.split_once('/').unwrap();
    let target = address
        .replace("localhost", "127.0.0.1")
        .parse::<SocketAddr>()
        .unwrap();
    let mut proxy = Proxy::start(target);
    let user = user.split(':').next().unwrap();
    let url = format!("postgres://{user}:hunter2@127.0.0.1:{}/{name}", proxy.port);
    let env = TestEnv::sqlite().with_env("RELCTL_STORE", &url);
    let server = Server::start_in(env, &["--metrics-public", "--pool-size", "3"]);
    let body = readyz_becomes(&server.url, 200);
    assert_eq!(body["checks"]["postgresql"], "ok", "{body}");
    // A request with a token waits for a connection of the pool (to look the token up).
    let (status, body) = get(
        &format!("{}/api/0/organizations/", server.url),
        Some(&server.token),
    );
    assert_eq!(status, 200, "{body}");
    let (_, text) = get(&format!("{}/metrics", server.url), None);
    let found = samples(&text);
    assert_eq!(value(&found, "relctl_store_connections_max"), 3.0, "{text}");
    assert!(
        value(
            &found,
            r#"relctl_store_wait_seconds_count{wait="connection"}"#
        ) >= 1.0,
        "{text}"
    );

    proxy.stop();
    let body = readyz_becomes(&server.url, 503);
    assert_eq!(body["status"], "unavailable", "{body}");
    let down = body["checks"]["postgresql"].as_str().unwrap();
    assert_ne!(down, "ok", "{body}");
    assert!(!body.to_string().contains("hunter2"), "{body}");

    proxy.run();
    let body = readyz_becomes(&server.url, 200);
    assert_eq!(body["checks"]["postgresql"], "ok", "{body}");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn readyz_is_503_while_redis_is_stopped() {
    let Some(mut redis) = crate::redis::Redis::start() else {
        return;
    };
    let env = TestEnv::new().with_env("RELCTL_REDIS_URL", &redis.url());
    let server = Server::start_in(env, &[]);
    let body = readyz_becomes(&server.url, 200);
    assert_eq!(body["checks"]["redis"], "ok", "{body}");
    redis.stop();
    let body = readyz_becomes(&server.url, 503);
    assert_ne!(body["checks"]["redis"], "ok", "{body}");
    assert!(
        body["checks"].as_object().unwrap().len() == 2,
        "the store and redis: {body}"
    );
    redis.run();
    readyz_becomes(&server.url, 200);
}

#[test]
fn the_readmes_serve_table_is_read_key_by_key() {
    let readme = include_str!("../../../README.md");
    let start = readme.find("# /etc/relctl/config.toml").unwrap();
    let table = &readme[start..start + readme[start..].find("```").unwrap()];
    let env = TestEnv::new();
    let config = env.path().join("config.toml");
    std::fs::write(&config, table).unwrap();
    let shown = env.ok(&["--config", config.to_str().unwrap(), "config", "show"]);
    for key in [
        "bind",
        "repos",
        "max_body",
        "pool_size",
        "header_timeout",
        "max_connections",
        "public_pages",
        "metrics_public",
    ] {
        let row = shown
            .lines()
            .find(|line| line.starts_with(&format!("serve.{key} ")))
            .unwrap_or_else(|| panic!("no serve.{key}: {shown}"));
        assert!(row.contains(config.to_str().unwrap()), "{row}");
    }
}
