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
use crate::config::{ServeSettings, Source, Sourced};
use crate::error::{Error, Result};
use crate::server::ServeOptions;

/// Each setting also comes from the `[serve]` table of the config file (`config/serve.rs`);
/// a flag wins over it, hence no clap defaults here: the defaults are applied in [`run`].
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on (port 0 picks a free one; the address is printed)
    /// [default: 127.0.0.1:8765]
    #[arg(long, value_name = "ADDR")]
    pub bind: Option<SocketAddr>,
    /// A local clone (usually a bare mirror) that `refs` in release updates are read from, as
    /// NAME=PATH with NAME the repository's name (e.g. acme/backend); repeatable
    #[arg(long = "repo", value_name = "NAME=PATH")]
    pub repos: Vec<String>,
    /// Largest request body accepted, in bytes (larger: 413) [default: 20971520]
    #[arg(long, value_name = "BYTES")]
    pub max_body: Option<usize>,
    /// Connections to a PostgreSQL store kept open at most (requests beyond wait for one);
    /// no effect on a SQLite store, whose writes take turns anyway [default: 16]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=MAX_POOL))]
    pub pool_size: Option<u64>,
    /// Open the release pages (/, /releases/VERSION, /issues) to anyone, without logging in
    /// with a token; the API still needs its tokens
    #[arg(long)]
    pub public_pages: bool,
    /// Answer /metrics without a token (else it needs one with org:read); /healthz and /readyz
    /// never need one
    #[arg(long)]
    pub metrics_public: bool,
    /// Seconds a client may take to send a request's headers, counted from the connection (or
    /// from the first byte of its next request); slower connections are closed [default: 10]
    #[arg(long, value_name = "S", value_parser = positive_seconds)]
    pub header_timeout: Option<f64>,
    /// Client connections open at once at most; more are closed as they arrive
    /// [default: three quarters of the descriptor limit, at most 16384]
    #[arg(long, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=MAX_CONNECTIONS))]
    pub max_connections: Option<u64>,
}

/// `--pool-size` at most.
const MAX_POOL: u64 = 1000;

/// `--max-connections` at most.
const MAX_CONNECTIONS: u64 = 1_000_000;

/// `serve`'s settings: each from its flag, else the config file's `[serve]` table, else its
/// default; a file's value that `serve` cannot take is a usage error naming the file.
struct Resolved {
    bind: SocketAddr,
    repos: Vec<String>,
    max_body: usize,
    pool_size: u64,
    public_pages: bool,
    metrics_public: bool,
    header_timeout: f64,
    max_connections: Option<u64>,
}

fn resolve(args: ServeArgs, file: &ServeSettings) -> Result<Resolved> {
    let bad = |key: &str, source: &Source, why: String| {
        Error::usage(format!("invalid serve.{key} in {source}: {why}"))
    };
    let bind = match (args.bind, &file.bind) {
        (Some(bind), _) => bind,
        (None, Some(found)) => found.value.trim().parse().map_err(|_| {
            bad(
                "bind",
                &found.source,
                format!(
                    "{:?} is not an address such as \"127.0.0.1:8765\"",
                    found.value
                ),
            )
        })?,
        (None, None) => SocketAddr::from(([127, 0, 0, 1], 8765)),
    };
    let repos = match (args.repos.is_empty(), &file.repos) {
        (true, Some(found)) => found.value.clone(),
        _ => args.repos,
    };
    let max_body = match (args.max_body, &file.max_body) {
        (Some(max), _) => max,
        (None, Some(found)) => usize::try_from(found.value)
            .ok()
            .filter(|max| *max > 0)
            .ok_or_else(|| {
                bad(
                    "max_body",
                    &found.source,
                    "expected a number of bytes above 0".into(),
                )
            })?,
        (None, None) => crate::server::DEFAULT_MAX_BODY,
    };
    let pool_size = match (args.pool_size, &file.pool_size) {
        (Some(size), _) => size,
        (None, Some(found)) if (1..=MAX_POOL).contains(&found.value) => found.value,
        (None, Some(found)) => {
            return Err(bad(
                "pool_size",
                &found.source,
                format!("{} is not from 1 to {MAX_POOL}", found.value),
            ));
        }
        (None, None) => crate::backend::local::DEFAULT_PG_POOL,
    };
    let header_timeout = match (args.header_timeout, &file.header_timeout) {
        (Some(seconds), _) => seconds,
        (None, Some(found)) => positive_seconds(&found.value.to_string())
            .map_err(|why| bad("header_timeout", &found.source, why))?,
        (None, None) => crate::server::DEFAULT_HEADER_TIMEOUT.as_secs_f64(),
    };
    let max_connections = match (args.max_connections, &file.max_connections) {
        (Some(max), _) => Some(max),
        (None, Some(found)) if (1..=MAX_CONNECTIONS).contains(&found.value) => Some(found.value),
        (None, Some(found)) => {
            return Err(bad(
                "max_connections",
                &found.source,
                format!("{} is not from 1 to {MAX_CONNECTIONS}", found.value),
            ));
        }
        (None, None) => None,
    };
    let flag_or_file = |flag: bool, found: &Option<Sourced<bool>>| {
        flag || found.as_ref().is_some_and(|found| found.value)
    };
    Ok(Resolved {
        bind,
        repos,
        max_body,
        pool_size,
        public_pages: flag_or_file(args.public_pages, &file.public_pages),
        metrics_public: flag_or_file(args.metrics_public, &file.metrics_public),
        header_timeout,
        max_connections,
    })
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
    let args = resolve(args, &ctx.settings.serve)?;
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
    opts.metrics_public = args.metrics_public;
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
