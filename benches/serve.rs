//! Benchmark: `relctl serve` under load, beside the same work on the local store, in one run.
//!
//! An in-process load generator drives a real `relctl serve` (the release binary, on a loopback
//! port, over a temporary store) with 1, 4 and 16 concurrent clients, each on one keep-alive
//! connection: release creations (`POST /api/0/organizations/{org}/releases/`) and set-commits
//! of 1,000 commits (`PUT .../releases/{version}/` with `commits`). The baseline is the same
//! requests run in this process through the local backend (`LocalBackend`, the flow on SQLite)
//! from as many threads. Prints requests per second, commits per second and the ratio
//! serve/local. Run: `cargo bench --bench serve`. Not a pass/fail test; it does check that every
//! request succeeded and that the store holds what was sent.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use relctl::backend::local::LocalBackend;
use relctl::backend::{Backend, CommitsChange, CreateRelease, UpdateRelease};
use relctl::flow::commits::{CommitInput, Sent};
use serde_json::{Value, json};

const CLIENTS: &[usize] = &[1, 4, 16];
const CREATIONS_PER_RUN: usize = 4_000;
const COMMIT_LISTS_PER_RUN: usize = 32;
const COMMITS_PER_LIST: usize = 1_000;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let server = Serve::start(dir.path());
    let local = Arc::new(LocalBackend::new(dir.path().join("local.db"), 0));
    local
        .create_project(&relctl::backend::CreateProject {
            org: "default".into(),
            name: "Bench".into(),
            slug: None,
            platform: None,
        })
        .unwrap();
    server.post(
        "/api/0/teams/default/default/projects/",
        &json!({"name": "Bench"}),
        201,
    );

    println!(
        "{:<28} {:>8} {:>14} {:>14} {:>8}",
        "work", "clients", "serve /s", "local /s", "ratio"
    );
    for &clients in CLIENTS {
        let per_client = CREATIONS_PER_RUN / clients;
        let serve_rate = server.run(clients, per_client, move |client, worker, i| {
            let version = format!("c{clients}-{worker}-{i}");
            client.send(
                "POST",
                "/api/0/organizations/default/releases/",
                &json!({"version": version, "projects": ["bench"]}),
                201,
            );
        });
        let local_rate = run_local(&local, clients, per_client, move |backend, worker, i| {
            backend
                .create_release(&CreateRelease {
                    org: "default".into(),
                    version: format!("c{clients}-{worker}-{i}"),
                    projects: vec!["bench".into()],
                    ref_: None,
                    url: None,
                    date_released: None,
                    status: None,
                    user_agent: None,
                    ..CreateRelease::default()
                })
                .unwrap();
        });
        report("release creations", clients, serve_rate, local_rate, 1);
    }

    let payload: Vec<Value> = commit_payload();
    let inputs: Vec<CommitInput> = commit_inputs();
    for &clients in CLIENTS {
        let per_client = (COMMIT_LISTS_PER_RUN / clients).max(1);
        let body = Arc::new(json!({ "commits": payload }));
        for worker in 0..clients {
            for i in 0..per_client {
                let version = format!("s{clients}-{worker}-{i}");
                server.post(
                    "/api/0/organizations/default/releases/",
                    &json!({"version": version, "projects": ["bench"]}),
                    201,
                );
                local
                    .create_release(&CreateRelease {
                        org: "default".into(),
                        version,
                        projects: vec!["bench".into()],
                        ref_: None,
                        url: None,
                        date_released: None,
                        status: None,
                        user_agent: None,
                        ..CreateRelease::default()
                    })
                    .unwrap();
            }
        }
        let serve_rate = server.run(clients, per_client, move |client, worker, i| {
            let path = format!("/api/0/organizations/default/releases/s{clients}-{worker}-{i}/");
            client.send("PUT", &path, &body, 200);
        });
        let inputs = inputs.clone();
        let local_rate = run_local(&local, clients, per_client, move |backend, worker, i| {
            backend
                .update_release(&UpdateRelease {
                    org: "default".into(),
                    version: format!("s{clients}-{worker}-{i}"),
                    commits: CommitsChange::Replace(inputs.clone()),
                    ..UpdateRelease::default()
                })
                .unwrap();
        });
        report(
            "set-commits of 1,000",
            clients,
            serve_rate,
            local_rate,
            COMMITS_PER_LIST,
        );
    }
    let check = server.get("/api/0/organizations/default/releases/s1-0-0/");
    assert_eq!(check["commitCount"], json!(COMMITS_PER_LIST));
}

fn report(work: &str, clients: usize, serve: f64, local: f64, unit: usize) {
    let suffix = if unit > 1 {
        format!(
            " ({:.0} commits/s serve, {:.0} local)",
            serve * unit as f64,
            local * unit as f64
        )
    } else {
        String::new()
    };
    println!(
        "{work:<28} {clients:>8} {serve:>14.0} {local:>14.0} {:>8.2}{suffix}",
        serve / local
    );
}

/// Runs `work` `per_client` times on each of `clients` threads; returns calls per second.
fn run_local(
    backend: &Arc<LocalBackend>,
    clients: usize,
    per_client: usize,
    work: impl Fn(&LocalBackend, usize, usize) + Send + Sync + 'static,
) -> f64 {
    let workers = (0..clients).map(|_| Arc::clone(backend)).collect();
    on_threads(
        workers,
        per_client,
        move |backend: &Arc<LocalBackend>, w, i| work(backend, w, i),
    )
}

/// Runs `work` `per_client` times on one thread per worker state; returns calls per second.
fn on_threads<S: Send + 'static>(
    workers: Vec<S>,
    per_client: usize,
    work: impl Fn(&S, usize, usize) + Send + Sync + 'static,
) -> f64 {
    let work = Arc::new(work);
    let clients = workers.len();
    let started = Instant::now();
    let threads: Vec<_> = workers
        .into_iter()
        .enumerate()
        .map(|(worker, state)| {
            let work = Arc::clone(&work);
            std::thread::spawn(move || {
                for i in 0..per_client {
                    work(&state, worker, i);
                }
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    (clients * per_client) as f64 / started.elapsed().as_secs_f64()
}

fn commit_payload() -> Vec<Value> {
    (0..COMMITS_PER_LIST)
        .map(|i| {
            json!({
                "id": format!("{:040x}", i + 1),
                "repository": "acme/bench",
                "message": format!("Change {i}\n\nA longer description of change {i}."),
                "author_name": format!("Dev {}", i % 17),
                "author_email": format!("dev{}@example.com", i % 17),
                "timestamp": format!("2024-01-01T00:{:02}:{:02}Z", (i / 60) % 60, i % 60),
                "patch_set": [{"path": format!("src/file{}.rs", i % 300), "type": "M"}],
            })
        })
        .collect()
}

fn commit_inputs() -> Vec<CommitInput> {
    commit_payload()
        .iter()
        .map(|c| CommitInput {
            id: c["id"].as_str().unwrap().into(),
            repository: Some("acme/bench".into()),
            message: Sent::Value(c["message"].as_str().unwrap().into()),
            author_name: Some(c["author_name"].as_str().unwrap().into()),
            author_email: Some(c["author_email"].as_str().unwrap().into()),
            timestamp: Some(
                chrono::DateTime::parse_from_rfc3339(c["timestamp"].as_str().unwrap())
                    .unwrap()
                    .into(),
            ),
            patch_set: vec![(
                c["patch_set"][0]["path"].as_str().unwrap().into(),
                "M".into(),
            )],
        })
        .collect()
}

struct Serve {
    child: Child,
    base: String,
    token: String,
}

/// One client: one keep-alive connection.
struct Client {
    http: reqwest::blocking::Client,
    base: String,
    token: String,
}

impl Client {
    fn send(&self, method: &str, path: &str, body: &Value, expect: u16) {
        let resp = self
            .http
            .request(method.parse().unwrap(), format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .json(body)
            .send()
            .unwrap();
        let status = resp.status().as_u16();
        let text = resp.text().unwrap();
        assert_eq!(status, expect, "{method} {path}: {text}");
    }
}

impl Serve {
    fn start(dir: &Path) -> Serve {
        let store = dir.join("serve.db");
        let bin = env!("CARGO_BIN_EXE_relctl");
        let out = Command::new(bin)
            .args(["--store", store.to_str().unwrap(), "--format", "json"])
            .args(["token", "create", "--scopes", "project:admin,org:write"])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let token: Value = serde_json::from_slice(&out.stdout).unwrap();
        let mut child = Command::new(bin)
            .args([
                "--store",
                store.to_str().unwrap(),
                "serve",
                "--bind",
                "127.0.0.1:0",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let base = loop {
            let line = lines.next().expect("serve exited").unwrap();
            if let Some(at) = line.find("http://") {
                break line[at..]
                    .split_whitespace()
                    .next()
                    .unwrap()
                    .trim_end_matches('/')
                    .to_string();
            }
        };
        // Drain the per-request log so the server never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines {});
        Serve {
            child,
            base,
            token: token["token"].as_str().unwrap().to_string(),
        }
    }

    fn client(&self) -> Client {
        Client {
            http: reqwest::blocking::Client::builder()
                .pool_max_idle_per_host(1)
                .timeout(Duration::from_secs(120))
                .build()
                .unwrap(),
            base: self.base.clone(),
            token: self.token.clone(),
        }
    }

    fn post(&self, path: &str, body: &Value, expect: u16) {
        self.client().send("POST", path, body, expect);
    }

    fn get(&self, path: &str) -> Value {
        self.client()
            .http
            .get(format!("{}{path}", self.base))
            .bearer_auth(&self.token)
            .send()
            .unwrap()
            .json()
            .unwrap()
    }

    /// Runs `work` `per_client` times on each of `clients` threads, each with its own
    /// keep-alive connection; returns requests per second.
    fn run(
        &self,
        clients: usize,
        per_client: usize,
        work: impl Fn(&Client, usize, usize) + Send + Sync + 'static,
    ) -> f64 {
        let workers: Vec<Client> = (0..clients).map(|_| self.client()).collect();
        on_threads(workers, per_client, work)
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
