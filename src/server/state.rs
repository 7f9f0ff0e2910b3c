//! What every handler shares (the backend, the token lookup, the `--repo` clones), and the one
//! blocking task each request runs in.
//!
//! The backend is synchronous (SQLite, one transaction per call). The token is looked up first,
//! in a blocking task of its own (`auth.rs`), before the body is read; a handler then hands all of
//! its request's work to [`Api::run`] as one closure, which checks the scopes and runs the work
//! on tokio's blocking pool, so a slow store or a long git walk never stalls the async runtime,
//! reads run side by side, and the store serializes writes. A panic in a blocking task becomes a
//! 500.
//!
//! Every blocking task first takes a permit of one semaphore (`ServeOptions::max_concurrent`,
//! four per core by default; the release pages have their own, `max_concurrent_pages`, so pages
//! never delay the API), so at most that many requests do their work at once, however many
//! clients connect; the others wait their turn without a thread (an authenticated request that
//! waits has its body in memory already). The permit moves into the task and is released when
//! the task ends, not when the request's future is dropped (a client hanging up, a timeout): work
//! already running on the blocking pool cannot be stopped, and it still counts.

use std::path::PathBuf;
use std::sync::Arc;

use tokio::sync::Semaphore;
use tracing::Dispatch;

use super::auth::{self, Credentials, Need};
use super::error::ApiError;
use super::metrics::Metrics;
use super::pages::PagesConfig;
use crate::backend::Backend;
use crate::backend::watch::{self, StoreObserver};
use crate::error::Result;
use crate::model::Token;

/// Looks a token secret up: the token, or `None` when no such token is valid.
pub type Authenticate = Arc<dyn Fn(&str) -> Result<Option<Token>> + Send + Sync>;

/// A repository registered with `--repo NAME=PATH`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Registered {
    pub name: String,
    pub path: PathBuf,
    /// When the server started (the API's `dateCreated` of the repository).
    pub date_created: String,
}

/// The router's state.
#[derive(Clone)]
pub struct Api {
    pub backend: Arc<dyn Backend>,
    pub authenticate: Authenticate,
    pub has_scope: fn(&Token, &str) -> bool,
    pub repos: Arc<[Registered]>,
    pub max_body: usize,
    /// One permit per request whose blocking work may run at once.
    pub permits: Arc<Semaphore>,
    /// The same for the release pages and their login, apart, so people reading pages (or
    /// anonymous clients posting the login form) never take a turn of the API's.
    pub page_permits: Arc<Semaphore>,
    /// The server's subscriber (`log.rs`): requests are handled with it as the default, and so
    /// is their blocking work, for what it has to say (a capped range).
    pub log: Dispatch,
    /// What the release pages show, and to whom.
    pub pages: Arc<PagesConfig>,
    /// The permits there are of `permits` and of `page_permits`, for `/metrics`.
    pub permits_max: (usize, usize),
    /// This server's numbers (`metrics.rs`); told what the store waited for, in the blocking
    /// work of each request.
    pub metrics: Arc<Metrics>,
    /// `--metrics-public`: `/metrics` needs no token.
    pub metrics_public: bool,
    /// The parts whose readiness probe is running now (`health.rs`).
    pub probing: Arc<std::sync::Mutex<std::collections::HashSet<&'static str>>>,
}

/// What a request's work sees: the state and the authenticated token (None: anonymous).
pub struct Ctx {
    pub api: Api,
    pub token: Option<Token>,
}

impl Ctx {
    pub fn backend(&self) -> &dyn Backend {
        self.api.backend.as_ref()
    }

    pub fn repository(&self, name: &str) -> Option<&Registered> {
        self.api.repos.iter().find(|r| r.name == name)
    }
}

impl Api {
    /// Checks that the caller's token has one of the scopes of `need`, then does `work` in one
    /// blocking task. `credentials` is `None` only for an anonymous request to an endpoint anyone
    /// may call (`Option<Credentials>`).
    pub async fn run<T, F>(
        &self,
        credentials: impl Into<Option<Credentials>>,
        need: Need,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Ctx) -> Result<T, ApiError> + Send + 'static,
    {
        let token = credentials.into().map(|Credentials(token)| token);
        let token = auth::authorize(self.has_scope, token, need)?;
        self.blocking(move |api| work(&Ctx { api, token })).await
    }

    /// Waits for a permit, then runs `work` on tokio's blocking pool; a panic becomes a 500.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Api) -> Result<T, ApiError> + Send + 'static,
    {
        self.blocking_with(&self.permits, work).await
    }

    /// [`Api::blocking`] with a permit of the pages' own.
    pub async fn blocking_page<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Api) -> Result<T, ApiError> + Send + 'static,
    {
        self.blocking_with(&self.page_permits, work).await
    }

    /// The permits there are of the pool `pool` (`api` or `pages`).
    pub fn max_permits(&self, pool: &str) -> usize {
        if pool == "pages" {
            self.permits_max.1
        } else {
            self.permits_max.0
        }
    }

    async fn blocking_with<T, F>(&self, permits: &Arc<Semaphore>, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Api) -> Result<T, ApiError> + Send + 'static,
    {
        let asked = std::time::Instant::now();
        let permit = Arc::clone(permits)
            .acquire_owned()
            .await
            .map_err(|err| ApiError::internal(format!("no permit for the request: {err}")))?;
        self.metrics.waited_for_turn(asked.elapsed());
        let api = self.clone();
        let task = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let log = api.log.clone();
            let observer: Arc<dyn StoreObserver> = api.metrics.clone();
            tracing::dispatcher::with_default(&log, || watch::observed(&observer, || work(api)))
        });
        match task.await {
            Ok(result) => result,
            Err(err) => Err(ApiError::internal(format!("request task failed: {err}"))),
        }
    }
}
