//! What every handler shares (the backend, the token lookup, the `--repo` clones), and the one
//! blocking task each request runs in.
//!
//! The backend is synchronous (SQLite, one transaction per call). A handler hands all of its
//! request's work, authentication included, to [`Api::run`] as one closure; it runs on tokio's
//! blocking pool, so a slow store or a long git walk never stalls the async runtime, reads run
//! side by side, and the store serializes writes. A panic in that closure becomes a 500.

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
    /// Authenticates, checks `need`, then does `work`: all in one blocking task.
    pub async fn run<T, F>(
        &self,
        credentials: Credentials,
        need: Need,
        work: F,
    ) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Ctx) -> Result<T, ApiError> + Send + 'static,
    {
        let api = self.clone();
        let task = tokio::task::spawn_blocking(move || {
            let token = auth::authorize(&api, &credentials, need)?;
            work(&Ctx { api, token })
        });
        match task.await {
            Ok(result) => result,
            Err(err) => Err(ApiError::internal(format!("request task failed: {err}"))),
        }
    }
}
