//! `server::run` over a real loopback socket: the bound address is announced, requests are
//! served side by side, a body over the limit is a 413 that leaves the server running, a request
//! without a valid token is refused before its body is sent, and a shutdown lets the request in
//! flight finish before `run` returns `Ok`. The tests wait for a request to reach a point (the
//! authentication hook says so on a channel), never for a while.

use std::net::SocketAddr;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use relctl::backend::local::LocalBackend;
use relctl::backend::{Backend, CreateToken};
use relctl::server::{self, ServeOptions};
use serde_json::{Value, json};

use super::harness::options;

struct Running {
    /// Holds the store.
    _env: crate::harness::TestEnv,
    url: String,
    token: String,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<JoinHandle<relctl::error::Result<()>>>,
}

impl Running {
    /// Starts `run` on port 0; `configure` adjusts the options.
    fn start(configure: impl FnOnce(&mut ServeOptions, &Arc<LocalBackend>)) -> Running {
        let env = crate::harness::TestEnv::new();
        let backend = Arc::new(LocalBackend::new(env.store.clone(), 0));
        backend.create_store().unwrap();
        let token = backend
            .create_token(&CreateToken {
                organization: None,
                scopes: vec!["project:admin".into(), "org:admin".into()],
                name: None,
            })
            .unwrap()
            .token;
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut opts = options(&backend, &log);
        configure(&mut opts, &backend);
        let (ready_tx, ready_rx) = mpsc::channel::<SocketAddr>();
        opts.ready = Some(Box::new(move |addr| {
            let _ = ready_tx.send(addr);
        }));
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        opts.shutdown = Some(Box::pin(async move {
            let _ = stopped.await;
        }));
        let thread = std::thread::spawn(move || server::run(opts));
        let addr = ready_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        assert!(addr.ip().is_loopback() && addr.port() != 0, "{addr}");
        Running {
            _env: env,
            url: format!("http://{addr}"),
            token,
            stop: Some(stop),
            thread: Some(thread),
        }
    }

    fn request(&self, method: &str, path: &str, body: Option<String>) -> (u16, Value) {
        let client = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(20))
            .build()
            .unwrap();
        let mut req = client
            .request(method.parse().unwrap(), format!("{}{path}", self.url))
            .bearer_auth(&self.token);
        if let Some(body) = body {
            req = req.header("content-type", "application/json").body(body);
        }
        let resp = req.send().unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().unwrap();
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).unwrap()
        };
        (status, body)
    }

    /// Triggers the shutdown and returns what `run` returned.
    fn stop(mut self) -> relctl::error::Result<()> {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        self.thread.take().unwrap().join().unwrap()
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

#[test]
fn requests_are_served_side_by_side_and_shutdown_returns_ok() {
    let server = Running::start(|_, _| {});
    let (status, body) = server.request("GET", "/api/0/", None);
    assert_eq!(status, 200);
    assert_eq!(
        body["auth"]["scopes"],
        json!(["project:admin", "org:admin"])
    );
    let (status, _) = server.request(
        "POST",
        "/api/0/teams/default/t/projects/",
        Some(json!({"name": "Backend"}).to_string()),
    );
    assert_eq!(status, 201);
    let server = Arc::new(server);
    let workers: Vec<_> = (0..8)
        .map(|i| {
            let server = Arc::clone(&server);
            std::thread::spawn(move || {
                server.request(
                    "POST",
                    "/api/0/organizations/default/releases/",
                    Some(
                        json!({"version": format!("1.0.{i}"), "projects": ["backend"]}).to_string(),
                    ),
                )
            })
        })
        .collect();
    for worker in workers {
        let (status, body) = worker.join().unwrap();
        assert_eq!(status, 201, "{body}");
    }
    let (_, list) = server.request("GET", "/api/0/organizations/default/releases/", None);
    assert_eq!(list.as_array().unwrap().len(), 8);
    let server = Arc::into_inner(server).unwrap();
    assert!(server.stop().is_ok());
}

#[test]
fn a_body_over_the_limit_is_413_and_the_server_lives_on() {
    let server = Running::start(|opts, _| opts.max_body = 4096);
    let big = json!({"version": "1", "projects": [], "ref": "x".repeat(10_000)}).to_string();
    let (status, body) =
        server.request("POST", "/api/0/organizations/default/releases/", Some(big));
    assert_eq!(status, 413, "{body}");
    assert!(body["detail"].is_string());
    let (status, _) = server.request("GET", "/api/0/", None);
    assert_eq!(status, 200);
    assert!(server.stop().is_ok());
}

#[test]
fn shutdown_lets_the_request_in_flight_finish() {
    let (entered_tx, entered_rx) = mpsc::channel::<()>();
    let entered_tx = Mutex::new(entered_tx);
    let server = Running::start(move |opts, backend| {
        let backend = Arc::clone(backend);
        // Authentication is the first thing a request does in its blocking task: make it slow
        // and say when it started.
        opts.authenticate = Arc::new(move |secret: &str| {
            if let Ok(tx) = entered_tx.lock() {
                let _ = tx.send(());
            }
            std::thread::sleep(Duration::from_millis(400));
            backend.authenticate(secret)
        });
    });
    let url = server.url.clone();
    let token = server.token.clone();
    let in_flight = std::thread::spawn(move || {
        let resp = reqwest::blocking::Client::new()
            .get(format!("{url}/api/0/organizations/default/"))
            .bearer_auth(token)
            .send()
            .unwrap();
        (resp.status().as_u16(), resp.text().unwrap())
    });
    entered_rx.recv_timeout(Duration::from_secs(10)).unwrap();
    let url = server.url.clone();
    assert!(server.stop().is_ok(), "run returns Ok after a shutdown");
    let (status, body) = in_flight.join().unwrap();
    assert_eq!(status, 200, "{body}");
    assert!(
        reqwest::blocking::Client::new()
            .get(format!("{url}/api/0/"))
            .timeout(Duration::from_secs(5))
            .send()
            .is_err(),
        "nothing listens after the shutdown"
    );
}

#[test]
fn a_port_in_use_is_an_error_not_a_panic() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let env = crate::harness::TestEnv::new();
    let backend = Arc::new(LocalBackend::new(env.store.clone(), 0));
    let log = Arc::new(Mutex::new(Vec::new()));
    let mut opts = options(&backend, &log);
    opts.bind = taken.local_addr().unwrap();
    let err = server::run(opts).unwrap_err();
    assert!(err.message.contains("cannot listen"), "{err}");
    let mut opts = options(&backend, &log);
    opts.repos = vec![("acme/x".into(), env.path().join("not-a-repo"))];
    let err = server::run(opts).unwrap_err();
    assert_eq!(err.exit_code(), 2, "{err}");
}

/// Opens a connection and writes `head` (and no more).
fn connect(server: &Running, head: &str) -> std::net::TcpStream {
    use std::io::Write;
    let addr = server.url.trim_start_matches("http://");
    let mut stream = std::net::TcpStream::connect(addr).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    stream
}

/// The status line and headers of the answer on `stream`, waiting at most `wait`.
fn answer_head(stream: &mut std::net::TcpStream, wait: Duration) -> String {
    use std::io::Read;
    stream.set_read_timeout(Some(wait)).unwrap();
    let mut received = Vec::new();
    let mut buf = [0u8; 4096];
    while !received.windows(4).any(|w| w == b"\r\n\r\n") {
        match stream.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => received.extend_from_slice(&buf[..n]),
            Err(err) => panic!(
                "no answer within {wait:?} ({err}); got {:?}",
                String::from_utf8_lossy(&received)
            ),
        }
    }
    String::from_utf8_lossy(&received).into_owned()
}

#[test]
fn an_anonymous_body_is_refused_before_it_is_sent() {
    let server = Running::start(|_, _| {});
    // The body is announced, never sent: the server answers without waiting for it.
    for authorization in ["", "Authorization: Bearer relctl_0000\r\n"] {
        let mut stream = connect(
            &server,
            &format!(
                "POST /api/0/organizations/default/releases/ HTTP/1.1\r\nHost: x\r\n{authorization}Content-Type: application/json\r\nContent-Length: 1000000\r\n\r\n{{"
            ),
        );
        let head = answer_head(&mut stream, Duration::from_secs(5));
        assert!(head.starts_with("HTTP/1.1 401 "), "{head}");
    }
    assert!(server.stop().is_ok());
}

#[test]
fn a_stuck_log_does_not_stall_the_server() {
    let stuck = super::request_log::Stuck::default();
    let writer = stuck.clone();
    let server = Running::start(move |opts, _| opts.log = server::log_to_writer(writer, 8));
    for _ in 0..50 {
        let (status, _) = server.request("GET", "/api/0/", None);
        assert_eq!(status, 200);
    }
    assert!(server.stop().is_ok());
    stuck.release();
}

#[test]
fn idle_connections_do_not_hold_the_shutdown_up() {
    let server = Running::start(|_, _| {});
    let _silent = connect(&server, "");
    let mut kept_alive = connect(&server, "GET /api/0/ HTTP/1.1\r\nHost: x\r\n\r\n");
    let head = answer_head(&mut kept_alive, Duration::from_secs(5));
    assert!(head.starts_with("HTTP/1.1 200 "), "{head}");
    let started = Instant::now();
    assert!(stop_within(server, Duration::from_secs(10)).is_ok());
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn the_shutdown_waits_no_longer_than_its_grace_period() {
    let (entered_tx, entered_rx) = mpsc::channel::<String>();
    let entered_tx = Mutex::new(entered_tx);
    let server = Running::start(move |opts, backend| {
        opts.shutdown_grace = Duration::from_secs(1);
        let backend = Arc::clone(backend);
        // Says which request reached authentication (the first thing its blocking task does).
        opts.authenticate = Arc::new(move |secret: &str| {
            if let Ok(tx) = entered_tx.lock() {
                let _ = tx.send(secret.to_string());
            }
            if secret == "slow" {
                std::thread::sleep(Duration::from_secs(20));
            }
            backend.authenticate(secret)
        });
    });
    // Headers never finished, a body never finished, a request whose work outlasts the grace.
    let _trickling = connect(&server, "GET /api/0/ HTTP/1.1\r\nHost: x\r\n");
    let _half_body = connect(
        &server,
        &format!(
            "PUT /api/0/organizations/default/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\n{{",
            server.token
        ),
    );
    let _slow = connect(
        &server,
        "GET /api/0/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer slow\r\n\r\n",
    );
    // The half-sent body waits after authentication, the slow request in it. Connections are
    // accepted in the order they were made, so the trickling one, made first, is held too.
    let mut entered: Vec<String> = (0..2)
        .map(|_| entered_rx.recv_timeout(Duration::from_secs(10)).unwrap())
        .collect();
    entered.sort();
    let mut expected = vec![server.token.clone(), "slow".to_string()];
    expected.sort();
    assert_eq!(entered, expected);
    let started = Instant::now();
    assert!(stop_within(server, Duration::from_secs(10)).is_ok());
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(900) && took < Duration::from_secs(4),
        "{took:?}"
    );
}

#[test]
fn a_request_over_the_timeout_is_a_503() {
    let server = Running::start(|opts, _| opts.request_timeout = Duration::from_millis(300));
    // A body that never ends.
    let mut stream = connect(
        &server,
        &format!(
            "PUT /api/0/organizations/default/ HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nContent-Length: 100\r\n\r\n{{",
            server.token
        ),
    );
    let started = Instant::now();
    let head = answer_head(&mut stream, Duration::from_secs(5));
    assert!(head.starts_with("HTTP/1.1 503 "), "{head}");
    assert!(started.elapsed() < Duration::from_secs(3));
    let (status, _) = server.request("GET", "/api/0/", None);
    assert_eq!(status, 200);
    assert!(server.stop().is_ok());
}

/// Stops the server; `run`'s result, or a panic when it takes longer than `limit`.
fn stop_within(server: Running, limit: Duration) -> relctl::error::Result<()> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(server.stop());
    });
    rx.recv_timeout(limit)
        .unwrap_or_else(|_| panic!("run did not return within {limit:?} of the shutdown"))
}
