//! The `[serve]` table of a config file: `relctl serve`'s settings, for a server started by
//! systemd or a container with its settings in `/etc/relctl/config.toml` rather than on a long
//! command line.
//!
//! ```toml
//! [serve]
//! bind = "127.0.0.1:8765"
//! repos = ["acme/backend=/srv/mirrors/backend.git"]
//! max_body = 20971520
//! pool_size = 16
//! header_timeout = 10
//! max_connections = 4096
//! public_pages = false
//! metrics_public = false
//! ```
//!
//! Each key is what the flag of the same name (`--max-body` is `max_body`, `--repo` is `repos`)
//! says, and the flag wins over it; a key the topmost file that has it gives wins over the
//! files below (the same layers as every other setting; no environment variable names them).
//! A repository's relative path is relative to the file's directory. A key the table does not
//! know, or a value of the wrong type, is a malformed file (exit 2, its line named); a value
//! of the right type that `serve` cannot take (an address that is not one, a pool of 0) is a
//! usage error naming the file (`cli::serve`).

use std::path::PathBuf;

use serde::Deserialize;

use super::{Source, Sourced, relative_to, sourced};

/// The keys a `[serve]` table may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ServeValues {
    bind: Option<String>,
    repos: Option<Vec<String>>,
    max_body: Option<u64>,
    pool_size: Option<u64>,
    header_timeout: Option<f64>,
    max_connections: Option<u64>,
    public_pages: Option<bool>,
    metrics_public: Option<bool>,
}

/// What the config files say of `serve`'s settings, each from the topmost file that has it;
/// `None`: no file says (the flag's default applies).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ServeSettings {
    pub bind: Option<Sourced<String>>,
    /// `NAME=PATH` each, a relative PATH made relative to the file's directory.
    pub repos: Option<Sourced<Vec<String>>>,
    pub max_body: Option<Sourced<u64>>,
    pub pool_size: Option<Sourced<u64>>,
    pub header_timeout: Option<Sourced<f64>>,
    pub max_connections: Option<Sourced<u64>>,
    pub public_pages: Option<Sourced<bool>>,
    pub metrics_public: Option<Sourced<bool>>,
}

/// The `[serve]` tables of `files` (lowest layer first), merged key by key.
pub(super) fn read(files: &[(PathBuf, Option<ServeValues>)]) -> ServeSettings {
    // The topmost file that gives a key.
    fn top<T>(
        files: &[(PathBuf, Option<ServeValues>)],
        key: impl Fn(&ServeValues) -> Option<T>,
    ) -> Option<Sourced<T>> {
        files.iter().rev().find_map(|(path, values)| {
            let value = key(values.as_ref()?)?;
            Some(sourced(value, Source::File(path.clone())))
        })
    }
    let repos = top(files, |v| v.repos.clone()).map(|found| {
        let Source::File(file) = &found.source else {
            return found;
        };
        let repos = found
            .value
            .iter()
            .map(|spec| match spec.split_once('=') {
                Some((name, path)) if !path.is_empty() => {
                    let path = relative_to(file, std::path::Path::new(path));
                    format!("{name}={}", path.display())
                }
                _ => spec.clone(),
            })
            .collect();
        sourced(repos, found.source.clone())
    });
    ServeSettings {
        bind: top(files, |v| v.bind.clone()),
        repos,
        max_body: top(files, |v| v.max_body),
        pool_size: top(files, |v| v.pool_size),
        header_timeout: top(files, |v| v.header_timeout),
        max_connections: top(files, |v| v.max_connections),
        public_pages: top(files, |v| v.public_pages),
        metrics_public: top(files, |v| v.metrics_public),
    }
}

/// `config show`'s rows for the keys a file sets (`serve.bind`, ...); none without a table.
pub(super) fn describe(serve: &ServeSettings) -> Vec<(&'static str, String, String)> {
    fn row<T: ToString>(
        name: &'static str,
        found: &Option<Sourced<T>>,
    ) -> Option<(&'static str, String, String)> {
        found
            .as_ref()
            .map(|found| (name, found.value.to_string(), found.source.to_string()))
    }
    let repos = serve.repos.as_ref().map(|found| {
        (
            "serve.repos",
            found.value.join(","),
            found.source.to_string(),
        )
    });
    [
        row("serve.bind", &serve.bind),
        repos,
        row("serve.max_body", &serve.max_body),
        row("serve.pool_size", &serve.pool_size),
        row("serve.header_timeout", &serve.header_timeout),
        row("serve.max_connections", &serve.max_connections),
        row("serve.public_pages", &serve.public_pages),
        row("serve.metrics_public", &serve.metrics_public),
    ]
    .into_iter()
    .flatten()
    .collect()
}
