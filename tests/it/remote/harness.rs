//! `relctl serve` on an ephemeral loopback port over a temporary store, for driving the real
//! binary in remote mode.

use std::io::{BufRead, BufReader};
use std::process::{Child, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::TestEnv;

pub struct Server {
    child: Child,
    /// The server's own store and environment (for local-only steps such as `issue new`).
    pub env: TestEnv,
    pub url: String,
    /// A token with every scope the flow needs.
    pub token: String,
    log: Arc<Mutex<String>>,
}

pub const ALL_SCOPES: &[&str] = &[
    "project:releases",
    "project:admin",
    "org:write",
    "event:write",
];

impl Server {
    pub fn start() -> Server {
        Server::start_with(&[])
    }

    /// Starts `relctl serve` with extra arguments (e.g. `--repo NAME=PATH`).
    pub fn start_with(extra: &[&str]) -> Server {
        Server::start_in(TestEnv::new(), extra)
    }

    /// Starts `relctl serve` in `env` (its store and variables, e.g. `RELCTL_REDIS_URL`).
    pub fn start_in(env: TestEnv, extra: &[&str]) -> Server {
        let token = env.json(&["token", "create", "--scopes", &ALL_SCOPES.join(",")])["token"]
            .as_str()
            .unwrap()
            .to_string();
        let mut child = env
            .cmd()
            .args(["serve", "--bind", "127.0.0.1:0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let sink = Arc::clone(&log);
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if !sent && let Some(at) = line.find("http://") {
                    let url = line[at..].split_whitespace().next().unwrap().to_string();
                    let _ = tx.send(url);
                    sent = true;
                }
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        let url = rx
            .recv_timeout(Duration::from_secs(30))
            .unwrap_or_else(|_| {
                panic!(
                    "relctl serve did not say where it listens: {}",
                    log.lock().unwrap()
                )
            });
        Server {
            child,
            env,
            url,
            token,
            log,
        }
    }

    /// A client environment (its own HOME and store) pointed at this server.
    pub fn client(&self) -> TestEnv {
        TestEnv::new()
            .with_env("RELCTL_URL", &self.url)
            .with_env("RELCTL_AUTH_TOKEN", &self.token)
    }

    /// What the server has logged so far.
    pub fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Sends SIGTERM and waits for the exit status.
    pub fn stop(mut self) -> Option<i32> {
        self.terminate()
    }

    fn terminate(&mut self) -> Option<i32> {
        unsafe {
            libc::kill(self.child.id() as i32, libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                return None;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Ok(None) = self.child.try_wait() {
            self.terminate();
        }
    }
}

/// Any HTTP request, with the server's token unless `token` says otherwise.
pub fn request(method: &str, url: &str, token: Option<&str>, body: Option<&str>) -> (u16, String) {
    let client = reqwest::blocking::Client::new();
    let mut req = client.request(reqwest::Method::from_bytes(method.as_bytes()).unwrap(), url);
    if let Some(token) = token {
        req = req.bearer_auth(token);
    }
    if let Some(body) = body {
        req = req
            .header("content-type", "application/json")
            .body(body.to_string());
    }
    let resp = req.send().unwrap();
    let status = resp.status().as_u16();
    (status, resp.text().unwrap())
}
