//! `relctl serve`: the Sentry-compatible HTTP API over a [`Backend`] (the local store), so
//! sentry-cli and relctl's own remote client can run the release flow against relctl.
//!
//! The server decodes each request into the backend's plain request types and runs it in one
//! blocking task (`state.rs`); the flow is the one the command line runs. Layout: `router.rs` is
//! the map of paths, one file per resource group holds the handlers (`organizations.rs`,
//! `projects.rs`, `releases.rs`, `deploys.rs`, `issues.rs`, `repos.rs`), `auth.rs` reads tokens
//! and scopes, `decode.rs` and `release_body.rs` validate bodies, `json.rs` shapes answers,
//! `error.rs` turns failures into responses, `pagination.rs` and `query.rs` read and write
//! Sentry's paging, `log.rs` writes one line per request (through a `tracing` subscriber of the
//! server's own, `crate::logging`). `pages/` renders the HTML release pages for people, next to
//! the API. For operators, `health.rs` answers `/healthz` and `/readyz`, and `metrics.rs`
//! `/metrics`.

mod auth;
mod decode;
mod deploys;
mod error;
mod health;
mod issue_updates;
mod issues;
mod listen;
mod log;
mod metrics;
mod organizations;
mod pages;
mod pagination;
mod projects;
#[cfg(test)]
mod props;
mod query;
mod release_body;
mod releases;
mod repos;
mod router;
mod state;
mod unknown_repository;

use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

pub use crate::logging::{LogSink, to_writer as log_to_writer};
pub use error::ApiError;
pub use listen::{DEFAULT_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT, Watchdog};
pub use repos::MAX_REF_COMMITS;
pub use state::Authenticate;

use crate::backend::Backend;
use crate::error::{Error, Result};
use crate::model::Token;

/// The default limit of a request body: 20 MiB.
pub const DEFAULT_MAX_BODY: usize = 20 * 1024 * 1024;

/// The default limit of one request, from its headers to its answer: 2 minutes.
pub const DEFAULT_REQUEST_TIMEOUT: Duration = Duration::from_secs(120);

/// The default wait for the requests in flight after a shutdown signal: 30 seconds.
pub const DEFAULT_SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// The default number of requests whose work runs at once: four per available core.
pub fn default_max_concurrent() -> usize {
    std::thread::available_parallelism().map_or(4, std::num::NonZero::get) * 4
}

/// The default number of page requests whose work runs at once: one per two cores (at least
/// one), so that pages can use at most half of the machine.
pub fn default_max_concurrent_pages() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get().div_ceil(2))
}

/// Everything `relctl serve` needs.
pub struct ServeOptions {
    /// Where to listen; port 0 picks a free port (see `ready`).
    pub bind: SocketAddr,
    /// Largest request body accepted, in bytes (413 beyond).
    pub max_body: usize,
    /// How many requests may run their blocking work (token lookup, store, git) at once; the
    /// others wait for a turn. Bounds the blocking threads, and with them the bodies being
    /// worked on. At least 1.
    pub max_concurrent: usize,
    /// How many page requests (and logins) may run their blocking work at once, apart from
    /// the API's. At least 1.
    pub max_concurrent_pages: usize,
    /// The longest a request may take once its headers are read (body, waiting for a turn,
    /// work): beyond it the client gets a 503 `{detail}`. Work already running on the blocking
    /// pool cannot be stopped: it finishes (and may still write) after the 503.
    pub request_timeout: Duration,
    /// After a shutdown signal, how long `run` waits for the requests in flight (and for
    /// connections that have not finished sending their headers) before returning anyway.
    pub shutdown_grace: Duration,
    /// How long a request's head may take to arrive (`--header-timeout`; `listen.rs`).
    pub header_timeout: Duration,
    /// How long an idle keep-alive connection stays open.
    pub idle_timeout: Duration,
    /// Connections open at once at most (`--max-connections`); `None`: scaled to the
    /// descriptor limit (`listen::connection_cap`).
    pub max_connections: Option<usize>,
    /// `--repo NAME=PATH`: local clones (usually bare) that `refs` are read from.
    pub repos: Vec<(String, PathBuf)>,
    pub backend: Arc<dyn Backend>,
    /// Looks an API token's secret up.
    pub authenticate: Authenticate,
    /// Whether a token carries a scope.
    pub has_scope: fn(&Token, &str) -> bool,
    /// Where the server's log goes: one line per request, and what accepting connections and
    /// the shutdown have to say (`log.rs`). Called on the async runtime: it must not block.
    pub log: LogSink,
    /// The organization the release pages show.
    pub pages_org: String,
    /// `--public-pages`: the release pages need no login.
    pub public_pages: bool,
    /// `--metrics-public`: `/metrics` needs no token (else one with `org:read`).
    pub metrics_public: bool,
    /// Called once with the bound address, before the first request is accepted, with the
    /// server's subscriber as the default: what it logs with `tracing` goes to `log`.
    pub ready: Option<Box<dyn FnOnce(SocketAddr) + Send>>,
    /// Stops the server like SIGINT/SIGTERM do when it completes (tests, embedding).
    pub shutdown: Option<Pin<Box<dyn Future<Output = ()> + Send>>>,
}

impl ServeOptions {
    /// Options with the defaults: 20 MiB bodies, four requests at once per core, 2 minutes per
    /// request, 30 seconds of grace at shutdown, no repositories, log to stderr, Sentry's scope
    /// hierarchy (`flow::tokens::has_scope`).
    pub fn new(
        bind: SocketAddr,
        backend: Arc<dyn Backend>,
        authenticate: Authenticate,
    ) -> ServeOptions {
        ServeOptions {
            bind,
            max_body: DEFAULT_MAX_BODY,
            max_concurrent: default_max_concurrent(),
            max_concurrent_pages: default_max_concurrent_pages(),
            request_timeout: DEFAULT_REQUEST_TIMEOUT,
            shutdown_grace: DEFAULT_SHUTDOWN_GRACE,
            header_timeout: DEFAULT_HEADER_TIMEOUT,
            idle_timeout: DEFAULT_IDLE_TIMEOUT,
            max_connections: None,
            repos: Vec::new(),
            backend,
            authenticate,
            has_scope: crate::flow::tokens::has_scope,
            log: log::stderr(),
            pages_org: crate::store::DEFAULT_ORG_SLUG.to_string(),
            public_pages: false,
            metrics_public: false,
            ready: None,
            shutdown: None,
        }
    }
}

/// The API's router (and the release pages) for `opts` (what `run` serves; tests send it requests in-process).
pub fn router(opts: &ServeOptions) -> axum::Router {
    app(opts, log::subscriber(Arc::clone(&opts.log)))
}

/// The router, logging with the subscriber `log`.
fn app(opts: &ServeOptions, log: tracing::Dispatch) -> axum::Router {
    let started = crate::time::format_ts(chrono::Utc::now());
    let repos: Vec<state::Registered> = opts
        .repos
        .iter()
        .map(|(name, path)| state::Registered {
            name: name.clone(),
            path: path.clone(),
            date_created: started.clone(),
        })
        .collect();
    let api = state::Api {
        backend: Arc::clone(&opts.backend),
        authenticate: Arc::clone(&opts.authenticate),
        has_scope: opts.has_scope,
        repos: repos.into(),
        max_body: opts.max_body,
        permits: Arc::new(tokio::sync::Semaphore::new(opts.max_concurrent.max(1))),
        page_permits: Arc::new(tokio::sync::Semaphore::new(
            opts.max_concurrent_pages.max(1),
        )),
        log,
        pages: Arc::new(pages::PagesConfig {
            org: opts.pages_org.clone(),
            public: opts.public_pages,
        }),
        permits_max: (opts.max_concurrent.max(1), opts.max_concurrent_pages.max(1)),
        metrics: Arc::new(metrics::Metrics::new()),
        metrics_public: opts.metrics_public,
        probing: Arc::default(),
    };
    router::router(api, opts.request_timeout)
}

/// Checks that every `--repo` is a git repository, and that names are not given twice.
fn check_repos(repos: &[(String, PathBuf)]) -> Result<()> {
    for (i, (name, path)) in repos.iter().enumerate() {
        if name.is_empty() {
            return Err(Error::usage(format!(
                "--repo {}: the repository needs a name (NAME=PATH)",
                path.display()
            )));
        }
        if repos[..i].iter().any(|(other, _)| other == name) {
            return Err(Error::usage(format!("--repo {name} is given twice")));
        }
        crate::git::open(Some(path))
            .map_err(|err| Error::usage(format!("--repo {name}={}: {err}", path.display())))?;
    }
    Ok(())
}

/// Serves the API until SIGINT or SIGTERM (or `opts.shutdown`): then stops accepting, lets the
/// requests in flight finish for at most `opts.shutdown_grace`, and returns `Ok`.
///
/// Idle keep-alive connections are closed at once by the shutdown; a connection still sending
/// its headers (for at most the header timeout), a request still running, or blocking work that
/// outlived its request (a timeout) is waited for until the grace period ends, then left (the
/// process exits under it).
pub fn run(opts: ServeOptions) -> Result<()> {
    check_repos(&opts.repos)?;
    let log = log::subscriber(Arc::clone(&opts.log));
    // What is said outside of a request (the connection cap, accepting, `ready`, the shutdown)
    // goes to the server's subscriber too: the runtime's `block_on` polls on this thread.
    tracing::dispatcher::with_default(&log.clone(), || serve_logged(opts, log))
}

/// [`run`], with `log` the default subscriber.
fn serve_logged(mut opts: ServeOptions, log: tracing::Dispatch) -> Result<()> {
    let limits = listen::ConnLimits {
        header_timeout: opts.header_timeout,
        idle_timeout: opts.idle_timeout,
        max_connections: listen::connection_cap(opts.max_connections),
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|err| Error::other(format!("cannot start the server's runtime: {err}")))?;
    let app = app(&opts, log);
    let ready = opts.ready.take();
    let shutdown = opts.shutdown.take();
    let bind = opts.bind;
    let grace = opts.shutdown_grace;
    // When the shutdown signal came.
    let signalled = Arc::new(OnceLock::<Instant>::new());
    let signal_seen = Arc::clone(&signalled);
    let served = runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(bind)
            .await
            .map_err(|err| Error::usage(format!("cannot listen on {bind}: {err}")))?;
        let local = listener
            .local_addr()
            .map_err(|err| Error::other(format!("cannot read the bound address: {err}")))?;
        if let Some(ready) = ready {
            ready(local);
        }
        let (stopping, stopped) = tokio::sync::oneshot::channel::<()>();
        let signal = async move {
            stop_signal(shutdown).await;
            let _ = signal_seen.set(Instant::now());
            let _ = stopping.send(());
        };
        let serve = listen::serve(listener, app, limits, signal);
        let grace_over = async move {
            if stopped.await.is_err() {
                std::future::pending::<()>().await;
            }
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            () = serve => Ok(()),
            () = grace_over => {
                tracing::warn!(
                    "shutdown: stopped waiting for the requests in flight after {:.1}s",
                    grace.as_secs_f64()
                );
                Ok(())
            }
        }
    });
    // Blocking work can outlive its request; wait for it only what is left of the grace period.
    let left = signalled
        .get()
        .map_or(Duration::ZERO, |at| grace.saturating_sub(at.elapsed()));
    runtime.shutdown_timeout(left);
    served
}

/// Completes on SIGINT, SIGTERM, or when `extra` completes.
async fn stop_signal(extra: Option<Pin<Box<dyn Future<Output = ()> + Send>>>) {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    let extra = async {
        match extra {
            Some(extra) => extra.await,
            None => std::future::pending::<()>().await,
        }
    };
    tokio::select! {
        () = interrupt => {},
        () = terminate => {},
        () = extra => {},
    }
}
