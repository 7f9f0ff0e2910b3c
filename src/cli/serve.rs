//! `relctl serve`: Sentry's releases API over the local store (a SQLite file or a PostgreSQL
//! database).
//!
//! The server decodes HTTP requests into the backend's requests and runs them through the
//! local backend, so the CLI, the server and tests share one flow. It always serves the local
//! store: a server URL in the environment does not turn `serve` into a proxy. The store is
//! opened for writing before the server listens, so a file that is not a relctl store (or cannot
//! be written) ends `serve` at once; a missing store is created by the first write request, so a
//! `serve` that cannot listen leaves nothing behind.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;

use clap::Args;

use super::Ctx;
use crate::backend::local::LocalBackend;
use crate::error::{Error, Result};
use crate::server::ServeOptions;

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
    /// Connections to a PostgreSQL store kept open at most (requests beyond wait for one);
    /// no effect on a SQLite store, whose writes take turns anyway
    #[arg(long, default_value_t = crate::backend::local::DEFAULT_PG_POOL, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub pool_size: u64,
    /// Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in
    /// with a token; the API still needs its tokens
    #[arg(long)]
    pub public_pages: bool,
    /// Seconds a client may take to send a request's headers, counted from the connection (or
    /// from the first byte of its next request); slower connections are closed
    #[arg(long, default_value_t = crate::server::DEFAULT_HEADER_TIMEOUT.as_secs_f64(),
          value_name = "S", value_parser = positive_seconds)]
    pub header_timeout: f64,
    /// Client connections open at once at most; more are closed as they arrive
    /// [default: three quarters of the descriptor limit, at most 16384]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub max_connections: Option<u64>,
}

/// A number of seconds greater than 0 and at most a day.
fn positive_seconds(text: &str) -> std::result::Result<f64, String> {
    match text.parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds <= 86_400.0 => Ok(seconds),
        _ => Err(format!(
            "{text:?} is not a number of seconds greater than 0 and at most 86400"
        )),
    }
}

/// `NAME=PATH`; the server checks that the path is a git repository.
fn parse_repo(spec: &str) -> Result<(String, PathBuf)> {
    let (name, path) = spec
        .split_once('=')
        .filter(|(name, path)| !name.trim().is_empty() && !path.is_empty())
        .ok_or_else(|| {
            Error::usage(format!(
                "invalid --repo {spec:?}: expected NAME=PATH, e.g. acme/backend=/srv/mirrors/backend.git"
            ))
        })?;
    Ok((name.trim().to_string(), PathBuf::from(path)))
}

pub fn run(ctx: &Ctx, args: ServeArgs) -> Result<()> {
    if ctx.is_remote() {
        return Err(Error::usage(
            "`relctl serve` serves the local store; pass --store PATH, or unset the server URL",
        ));
    }
    if ctx.dry_run {
        return Err(Error::usage(
            "--dry-run does not apply to `relctl serve`: a server answers requests, it sends none",
        ));
    }
    let repos = args
        .repos
        .iter()
        .map(|spec| parse_repo(spec))
        .collect::<Result<Vec<_>>>()?;
    let store = ctx.settings.store_path()?;
    let backend = Arc::new(
        LocalBackend::new(store, ctx.settings.region_id.value)
            .with_redis(super::target::redis_sequence(&ctx.settings)?)
            .with_pool_size(usize::try_from(args.pool_size).unwrap_or(1)),
    );
    let shown = backend.location().shown();
    backend.check_store()?;
    let tokens = Arc::clone(&backend);
    let mut opts = ServeOptions::new(
        args.bind,
        backend,
        Arc::new(move |secret: &str| tokens.authenticate(secret)),
    );
    opts.repos = repos;
    opts.max_body = args.max_body;
    opts.pages_org = ctx.settings.org.value.clone();
    opts.public_pages = args.public_pages;
    opts.header_timeout = std::time::Duration::from_secs_f64(args.header_timeout);
    opts.max_connections = args
        .max_connections
        .map(|max| usize::try_from(max).unwrap_or(usize::MAX));
    opts.ready = Some(Box::new(move |addr| {
        // Always said, even with -q: scripts read the address when binding port 0. Said in the
        // server's log, so it comes in order with the lines before it (a lowered
        // --max-connections).
        tracing::info!("relctl serve: listening on http://{addr} (store {shown})");
    }));
    crate::server::run(opts)
}
