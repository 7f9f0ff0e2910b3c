//! The API in-process: a router over a real `LocalBackend` on a test's store (a SQLite file, or
//! a PostgreSQL database with `RELCTL_TEST_STORE=postgres`), driven with
//! `tower::ServiceExt::oneshot`, with tokens of several scope sets and a view of the whole store
//! to prove that a refused request wrote nothing.

use std::sync::{Arc, Mutex};

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request};
use relctl::backend::local::LocalBackend;
use relctl::backend::{
    Backend, CommitsChange, CreateDeploy, CreateIssue, CreateProject, CreateRelease, CreateToken,
    IssueQuery, ReleaseListQuery, UpdateRelease,
};
use relctl::flow::commits::{CommitInput, Sent};
use relctl::server::{self, ServeOptions};
use serde_json::{Value, json};
use tower::ServiceExt;

use crate::harness::TestEnv;

pub const ORG: &str = "/api/0/organizations/default";

pub struct App {
    /// Holds the store.
    pub env: TestEnv,
    pub backend: Arc<LocalBackend>,
    router: Router,
    runtime: tokio::runtime::Runtime,
    pub log: Arc<Mutex<Vec<String>>>,
    /// project:admin, org:admin, event:admin: every endpoint.
    pub admin: String,
    /// project:releases and org:read: what a CI job is given.
    pub releases: String,
    /// project:read, org:read, event:read.
    pub read: String,
    /// A valid token with no scope any endpoint wants.
    pub nothing: String,
}

/// One answer: status, headers and the JSON body (`Null` when empty).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub body: Value,
}

impl Answer {
    pub fn link(&self) -> String {
        self.headers
            .get("link")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

pub fn options(backend: &Arc<LocalBackend>, log: &Arc<Mutex<Vec<String>>>) -> ServeOptions {
    let auth_backend = Arc::clone(backend);
    let mut opts = ServeOptions::new(
        "127.0.0.1:0".parse().unwrap(),
        Arc::clone(backend) as Arc<dyn Backend>,
        Arc::new(move |secret: &str| auth_backend.authenticate(secret)),
    );
    let sink = Arc::clone(log);
    opts.log = Arc::new(move |line: &str| sink.lock().unwrap().push(line.to_string()));
    opts
}

impl App {
    pub fn new() -> App {
        App::with(|_| {})
    }

    /// An app whose options `configure` adjusts (repositories, body limit).
    pub fn with(configure: impl FnOnce(&mut ServeOptions)) -> App {
        let env = TestEnv::new();
        let backend = Arc::new(LocalBackend::new(env.store.clone(), 0));
        backend.create_store().unwrap();
        let log = Arc::new(Mutex::new(Vec::new()));
        let mut opts = options(&backend, &log);
        configure(&mut opts);
        let router = server::router(&opts);
        let token = |scopes: &[&str]| {
            backend
                .create_token(&CreateToken {
                    organization: None,
                    scopes: scopes.iter().map(|s| s.to_string()).collect(),
                    name: None,
                })
                .unwrap()
                .token
        };
        App {
            admin: token(&["project:admin", "org:admin", "event:admin"]),
            releases: token(&["project:releases", "org:read"]),
            read: token(&["project:read", "org:read", "event:read"]),
            nothing: token(&["member:read"]),
            env,
            backend,
            router,
            runtime: tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .unwrap(),
            log,
        }
    }

    /// Any request; `body` is sent as is.
    pub fn call(
        &self,
        method: &str,
        path: &str,
        token: Option<&str>,
        body: Option<&str>,
    ) -> Answer {
        let authorization = token.map(|token| format!("Bearer {token}"));
        let headers: Vec<(&str, &str)> = authorization
            .iter()
            .map(|value| ("authorization", value.as_str()))
            .collect();
        self.call_with(method, path, &headers, body)
    }

    /// Any request with these headers; `body` is sent as is.
    pub fn call_with(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> Answer {
        let mut request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "relctl.test:8765");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = match body {
            Some(body) => request
                .header("content-type", "application/json")
                .body(Body::from(body.to_string())),
            None => request.body(Body::empty()),
        }
        .unwrap();
        self.send_request(method, path, request)
    }

    /// A request with the admin token and a raw body: any bytes, UTF-8 or not.
    pub fn call_bytes(&self, method: &str, path: &str, body: Vec<u8>) -> Answer {
        let request = Request::builder()
            .method(method)
            .uri(path)
            .header("host", "relctl.test:8765")
            .header("authorization", format!("Bearer {}", self.admin))
            .header("content-type", "application/json")
            .body(Body::from(body))
            .unwrap();
        self.send_request(method, path, request)
    }

    /// A GET with these headers whose answer is returned as it is: status, content type, body
    /// as text (`/healthz`, `/metrics`: not JSON).
    pub fn get_text(&self, path: &str, headers: &[(&str, &str)]) -> (u16, String, String) {
        let mut request = Request::builder()
            .method("GET")
            .uri(path)
            .header("host", "relctl.test:8765");
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let request = request.body(Body::empty()).unwrap();
        let router = self.router.clone();
        self.runtime.block_on(async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let content_type = response
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string())
                .unwrap_or_default();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            (
                status,
                content_type,
                String::from_utf8(bytes.to_vec()).unwrap(),
            )
        })
    }

    /// Runs `request` through the router; the answer's body parsed as JSON (`Null` when empty).
    fn send_request(&self, method: &str, path: &str, request: Request<Body>) -> Answer {
        let router = self.router.clone();
        self.runtime.block_on(async move {
            let response = router.oneshot(request).await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
                .await
                .unwrap();
            let body = if bytes.is_empty() {
                Value::Null
            } else {
                serde_json::from_slice(&bytes)
                    .unwrap_or_else(|err| panic!("{method} {path}: not JSON ({err}): {bytes:?}"))
            };
            Answer {
                status,
                headers,
                body,
            }
        })
    }

    /// GET with the admin token.
    pub fn get(&self, path: &str) -> Answer {
        self.call("GET", path, Some(&self.admin), None)
    }

    /// A JSON request with the admin token.
    pub fn send(&self, method: &str, path: &str, body: Value) -> Answer {
        self.call(method, path, Some(&self.admin), Some(&body.to_string()))
    }

    /// Everything the store holds that an endpoint could change, as one value.
    pub fn state(&self) -> Value {
        let b = &self.backend;
        let org = "default";
        let releases = b
            .releases(&ReleaseListQuery {
                org: org.into(),
                projects: vec![],
                query: None,
                status: None,
                limit: 10_000,
                offset: 0,
            })
            .unwrap();
        let releases: Vec<Value> = releases
            .iter()
            .map(|r| {
                let full = b
                    .release(&relctl::backend::ReleaseQuery {
                        org: org.into(),
                        version: r.version.clone(),
                        with_commits: true,
                        commit_slice: None,
                        project: None,
                    })
                    .unwrap();
                json!({
                    "release": full,
                    "deploys": b.deploys(org, &r.version).unwrap(),
                })
            })
            .collect();
        let issues = b
            .issues(&IssueQuery {
                org: org.into(),
                ..IssueQuery::default()
            })
            .unwrap();
        let details: Vec<Value> = issues
            .iter()
            .map(|i| json!(b.issue(org, &i.short_id).unwrap()))
            .collect();
        json!({
            "organization": b.organization(org).unwrap(),
            "audit": b.audit_log(&relctl::backend::AuditQuery {
                org: org.into(), limit: 10_000, event: None,
            }).unwrap(),
            "projects": b.projects(org).unwrap(),
            "repositories": b.repositories(org).unwrap(),
            "releases": releases,
            "issues": details,
        })
    }

    /// Two projects, three issues, release 1.0.0 (backend) with a commit fixing BACKEND-1 and a
    /// deploy, release 2.0.0 (backend, web) without commits.
    pub fn seed(&self) -> &App {
        let b = &self.backend;
        for (name, slug) in [("Backend", None), ("Web App", Some("web"))] {
            b.create_project(&CreateProject {
                org: "default".into(),
                name: name.into(),
                slug: slug.map(str::to_string),
                platform: None,
            })
            .unwrap();
        }
        for (project, title) in [
            ("backend", "Checkout crash"),
            ("backend", "Slow page"),
            ("web", "Broken button"),
        ] {
            b.create_issue(&CreateIssue {
                org: "default".into(),
                project: project.into(),
                title: title.into(),
            })
            .unwrap();
        }
        for (version, projects) in [
            ("1.0.0", vec!["backend"]),
            ("2.0.0", vec!["backend", "web"]),
        ] {
            b.create_release(&CreateRelease {
                org: "default".into(),
                version: version.into(),
                projects: projects.iter().map(|p| p.to_string()).collect(),
                ref_: None,
                url: None,
                date_released: None,
                status: None,
                user_agent: None,
                ..CreateRelease::default()
            })
            .unwrap();
        }
        b.update_release(&UpdateRelease {
            org: "default".into(),
            version: "1.0.0".into(),
            commits: CommitsChange::Replace(vec![commit("a".repeat(40), "Fixes BACKEND-1")]),
            ..UpdateRelease::default()
        })
        .unwrap();
        b.create_deploy(&CreateDeploy {
            org: "default".into(),
            version: "1.0.0".into(),
            environment: "production".into(),
            name: None,
            url: None,
            date_started: None,
            date_finished: None,
            projects: vec![],
        })
        .unwrap();
        self
    }
}

pub fn commit(id: String, message: &str) -> CommitInput {
    CommitInput {
        id,
        repository: Some("acme/backend".into()),
        message: Sent::Value(message.into()),
        author_name: Some("Dev".into()),
        author_email: Some("dev@example.com".into()),
        timestamp: None,
        patch_set: vec![("src/a.rs".into(), "M".into())],
    }
}
