//! What every handler shares (the backend, the token lookup, the `--repo` clones), and the one
//! blocking task each request runs in.
//!
//! The backend is synchronous (SQLite, one transaction per call). The token is looked up first,
//! in a blocking task of its own (`auth.rs`), before the body is read; a handler then hands all of
//! its request's work to [`Api::run`] as one closure, which checks the scopes and runs the work
//! on tokio's blocking pool, so a slow store or a long git walk never stalls the async runtime,
//! reads run side by side, and the store serializes writes. A panic in a blocking task becomes a
//! 500.

use std::path::PathBuf;
use std::sync::Arc;

use super::auth::{self, Credentials, Need};
use super::error::ApiError;
use crate::backend::Backend;
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

    /// Runs `work` on tokio's blocking pool; a panic becomes a 500.
    pub async fn blocking<T, F>(&self, work: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(Api) -> Result<T, ApiError> + Send + 'static,
    {
        let api = self.clone();
        let task = tokio::task::spawn_blocking(move || work(api));
        match task.await {
            Ok(result) => result,
            Err(err) => Err(ApiError::internal(format!("request task failed: {err}"))),
        }
    }
}
