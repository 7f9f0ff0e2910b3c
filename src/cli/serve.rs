//! `relctl serve`: Sentry's releases API over the local store.
//!
//! The server decodes HTTP requests into the backend's requests and runs them through the
//! local backend, so the CLI, the server and tests share one flow. It always serves the local
//! store: a server URL in the environment does not turn `serve` into a proxy.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::Args;

use super::Ctx;
use crate::error::{Error, Result};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the address is printed)
    #[arg(long, default_value = "127.0.0.1:8765", value_name = "ADDR")]
    pub bind: SocketAddr,
    /// A local clone (usually a bare mirror) that `refs` in release updates are read from, as
    /// NAME=PATH with NAME the repository's name (e.g. acme/backend); repeatable
    #[arg(long = "repo", value_name = "NAME=PATH")]
    pub repos: Vec<String>,
    /// Largest request body accepted, in bytes (larger: 413)
    #[arg(long, default_value_t = 20 * 1024 * 1024, value_name = "BYTES")]
    pub max_body: usize,
}

/// `NAME=PATH`, checked: the path must be a git repository.
fn parse_repo(spec: &str) -> Result<(String, PathBuf)> {
    let (name, path) = spec
        .split_once('=')
        .filter(|(name, path)| !name.trim().is_empty() && !path.is_empty())
        .ok_or_else(|| {
            Error::usage(format!(
                "invalid --repo {spec:?}: expected NAME=PATH, e.g. acme/backend=/srv/mirrors/backend.git"
            ))
        })?;
    let path = PathBuf::from(path);
    crate::git::open(Some(&path)).map_err(|err| Error::usage(format!("--repo {name}: {err}")))?;
    Ok((name.trim().to_string(), path))
}

pub fn run(ctx: &Ctx, args: ServeArgs) -> Result<()> {
    if ctx.is_remote() {
        return Err(Error::usage(
            "`relctl serve` serves the local store; pass --store PATH, or unset the server URL",
        ));
    }
    let repos = args
        .repos
        .iter()
        .map(|spec| parse_repo(spec))
        .collect::<Result<Vec<_>>>()?;
    let _ = (repos, args.bind, args.max_body);
    Err(Error::other("serve: not wired yet"))
}
