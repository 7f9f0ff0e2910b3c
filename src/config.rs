//! Resolved settings: every value with the place it came from.
//!
//! Precedence, highest first: command-line flag, environment variable, config files, defaults.
//! The same environment names as sentry-cli are honoured (`SENTRY_URL`, `SENTRY_AUTH_TOKEN`,
//! `SENTRY_ORG`, `SENTRY_PROJECT`) after relctl's own. A malformed file is a usage error (exit 2).
//!
//! Which files (cli.md, "Configuration files"): `--config FILE`, else `RELCTL_CONFIG`, is the
//! only file read. Otherwise the user file `$XDG_CONFIG_HOME/relctl/config.toml`, with the
//! nearest `.relctl.toml` on top. That search starts in the current directory and stops at the
//! root of its git repository, else at `$HOME`; in a directory that is neither in a repository
//! nor under `$HOME` only the directory itself is looked at. So the search never reaches a
//! shared parent such as `/tmp` or `/home`, where anyone could leave a file that sends other
//! people's releases to a store of their choosing; and a `.relctl.toml` that belongs to another
//! user is ignored with a warning, as git ignores a repository another user owns. Below all of
//! them lie sentry-cli's files (`crate::sentryclirc`): `$HOME/.sentryclirc`, then the nearest
//! `.sentryclirc` found the same way, so a team moving from sentry-cli keeps its `url`, `org`,
//! `project` and token.
//!
//! Paths follow the XDG base directory spec: a relative `XDG_CONFIG_HOME` or `XDG_DATA_HOME`
//! is ignored. A `store` in a file is relative to that file's directory, and `~/` at its start
//! is `$HOME`. Without `$HOME` and `XDG_DATA_HOME` there may be no default store; that is an
//! error only for a command that needs the store, so `config show` still shows the rest.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::{Error, Result};

/// Where a setting's value came from (shown by `relctl config show`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Flag(&'static str),
    Env(&'static str),
    File(PathBuf),
    Default,
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Flag(flag) => write!(f, "flag {flag}"),
            Source::Env(name) => write!(f, "env {name}"),
            Source::File(path) => write!(f, "file {}", path.display()),
            Source::Default => f.write_str("default"),
        }
    }
}

/// A value and its source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub source: Source,
}

/// A secret that never prints itself.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it (the remote client's
    /// `Authorization` header); never for printing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(<redacted>)")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

impl Format {
    fn parse(text: &str, origin: &str) -> Result<Format> {
        match text.trim().to_ascii_lowercase().as_str() {
            "table" => Ok(Format::Table),
            "json" => Ok(Format::Json),
            _ => Err(Error::usage(format!(
                "invalid format {text:?} in {origin}: expected \"table\" or \"json\""
            ))),
        }
    }
    fn name(self) -> &'static str {
        match self {
            Format::Table => "table",
            Format::Json => "json",
        }
    }
}

/// What the command line said about settings (the global flags).
#[derive(Debug, Clone, Default)]
pub struct FlagValues {
    pub store: Option<PathBuf>,
    pub url: Option<String>,
    pub auth_token: Option<String>,
    pub org: Option<String>,
    pub projects: Vec<String>,
    pub format: Option<Format>,
    pub timeout: Option<u64>,
    pub config: Option<PathBuf>,
}

/// sentry-cli's config file, read as the lowest layer (`crate::sentryclirc`).
const SENTRYCLIRC: &str = ".sentryclirc";

impl FileValues {
    /// What a `.sentryclirc` says, as the keys of relctl's own files.
    fn from_sentryclirc(rc: crate::sentryclirc::SentryCliRc) -> FileValues {
        FileValues {
            url: rc.url,
            auth_token: rc.token,
            org: rc.org,
            project: rc.project.map(OneOrMany::One),
            ..FileValues::default()
        }
    }
}

/// The keys a config file may hold.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileValues {
    store: Option<PathBuf>,
    url: Option<String>,
    auth_token: Option<String>,
    org: Option<String>,
    project: Option<OneOrMany>,
    format: Option<String>,
    timeout: Option<u64>,
    region_id: Option<u64>,
    redis_url: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    One(String),
    Many(Vec<String>),
}

impl OneOrMany {
    fn into_vec(self) -> Vec<String> {
        match self {
            OneOrMany::One(one) => vec![one],
            OneOrMany::Many(many) => many,
        }
    }
}

/// Everything a command needs to know about where and how to work.
#[derive(Debug, Clone)]
pub struct Settings {
    /// The local store, or why there is none (no `$HOME` to put it in): see
    /// [`Settings::store_path`].
    pub store: Sourced<std::result::Result<PathBuf, String>>,
    pub url: Option<Sourced<String>>,
    pub auth_token: Option<Sourced<Secret>>,
    pub org: Sourced<String>,
    pub projects: Sourced<Vec<String>>,
    pub format: Sourced<Format>,
    pub timeout_seconds: Sourced<u64>,
    /// The most bytes one answer of a server may hold (`RELCTL_MAX_RESPONSE`).
    pub max_response: Sourced<u64>,
    /// The 12-bit region field of snowflake ids (Sentry's region `snowflake_id`; 0 = monolith).
    pub region_id: Sourced<u64>,
    /// The Redis holding the snowflake sequence (`RELCTL_REDIS_URL`, config `redis_url`); none:
    /// the store's own table.
    pub redis_url: Option<Sourced<String>>,
    /// The config files that were read, user file first.
    pub files: Vec<PathBuf>,
    /// What the caller should warn about: config files found but ignored, and why.
    pub warnings: Vec<String>,
}

/// Reads environment variables; a seam so tests can resolve settings without touching the
/// process environment.
pub trait Environment {
    fn var(&self, name: &str) -> Option<String>;
}

/// Every environment variable relctl reads (`release propose-version` reads the CI variables of
/// [`crate::propose_version::VARIABLES`] too, and checks them itself).
pub const VARIABLES: &[&str] = &[
    "HOME",
    "RELCTL_AUTH_TOKEN",
    "RELCTL_CONFIG",
    "RELCTL_FORMAT",
    "RELCTL_MAX_RESPONSE",
    "RELCTL_ORG",
    "RELCTL_PROJECT",
    "RELCTL_REDIS_URL",
    "RELCTL_REGION_ID",
    "RELCTL_STORE",
    "RELCTL_TIMEOUT",
    "RELCTL_URL",
    "SENTRY_AUTH_TOKEN",
    "SENTRY_ORG",
    "SENTRY_PROJECT",
    "SENTRY_RELEASE",
    "SENTRY_URL",
    "XDG_CONFIG_HOME",
    "XDG_DATA_HOME",
];

/// A variable relctl reads that is not valid UTF-8 is a usage error naming it (cli.md): read
/// as unset, a mangled `SENTRY_URL` would silently send a CI job's release to a local store.
pub fn check_variables_are_unicode() -> Result<()> {
    check_unicode(VARIABLES)
}

/// The first of `names` that is set to a value that is not valid UTF-8, as a usage error.
pub fn check_unicode(names: &[&str]) -> Result<()> {
    for name in names {
        if let Some(value) = std::env::var_os(name)
            && value.to_str().is_none()
        {
            return Err(Error::usage(format!(
                "environment variable {name} is not valid UTF-8; fix or unset it"
            )));
        }
    }
    Ok(())
}

/// The real process environment.
pub struct ProcessEnv;

impl Environment for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok().filter(|value| !value.is_empty())
    }
}

/// The longest `--timeout` accepted: a day (larger values would overflow deadlines).
const MAX_TIMEOUT_SECONDS: u64 = 86_400;

const MAX_REGION_ID: u64 = (1 << 12) - 1;

impl Settings {
    /// Resolves every setting from flags, environment, files and defaults.
    pub fn resolve(flags: &FlagValues, env: &dyn Environment, cwd: &Path) -> Result<Settings> {
        let home = env.var("HOME").map(PathBuf::from);
        let mut warnings = Vec::new();
        let mut layers: Vec<(PathBuf, FileValues)> = Vec::new();
        if let Some(path) = explicit_file(flags, env) {
            let values = read_file(&path)?;
            layers.push((path, values));
        } else {
            let owner = rustix::process::geteuid().as_raw();
            // Lowest: sentry-cli's files, the user's then the project's.
            let user_rc = home
                .as_deref()
                .map(|home| home.join(SENTRYCLIRC))
                .filter(|path| path.is_file());
            let project_rc = project_file(cwd, home.as_deref(), owner, SENTRYCLIRC, &mut warnings)
                .filter(|path| Some(path) != user_rc.as_ref());
            for path in user_rc.into_iter().chain(project_rc) {
                let values = FileValues::from_sentryclirc(crate::sentryclirc::read(&path)?);
                layers.push((path, values));
            }
            if let Some(path) = user_file(env) {
                let values = read_file(&path)?;
                layers.push((path, values));
            }
            if let Some(path) =
                project_file(cwd, home.as_deref(), owner, ".relctl.toml", &mut warnings)
            {
                let values = read_file(&path)?;
                layers.push((path, values));
            }
        }
        // Later layers win: look them up from the end.
        let from_files = |pick: &dyn Fn(&FileValues) -> Option<String>| {
            layers
                .iter()
                .rev()
                .find_map(|(path, values)| pick(values).map(|v| (v, Source::File(path.clone()))))
        };
        let pick_env = |names: &[&'static str]| {
            names
                .iter()
                .find_map(|name| env.var(name).map(|v| (v, Source::Env(name))))
        };

        let store = match &flags.store {
            Some(path) => sourced(Ok(path.clone()), Source::Flag("--store")),
            None => match pick_env(&["RELCTL_STORE"]) {
                Some((path, source)) => sourced(Ok(PathBuf::from(path)), source),
                None => match layers
                    .iter()
                    .rev()
                    .find_map(|(file, values)| values.store.as_ref().map(|p| (file, p)))
                {
                    Some((file, path)) => sourced(
                        file_store_path(file, path, home.as_deref())?,
                        Source::File(file.clone()),
                    ),
                    None => sourced(default_store_path(env), Source::Default),
                },
            },
        };

        let text_setting =
            |flag: &Option<String>,
             flag_name: &'static str,
             env_names: &[&'static str],
             pick: &dyn Fn(&FileValues) -> Option<String>| {
                flag.clone()
                    .map(|v| (v, Source::Flag(flag_name)))
                    .or_else(|| pick_env(env_names))
                    .or_else(|| from_files(pick))
                    .map(|(value, source)| Sourced { value, source })
            };

        let url = text_setting(&flags.url, "--url", &["RELCTL_URL", "SENTRY_URL"], &|v| {
            v.url.clone()
        });
        let auth_token = text_setting(
            &flags.auth_token,
            "--auth-token",
            &["RELCTL_AUTH_TOKEN", "SENTRY_AUTH_TOKEN"],
            &|v| v.auth_token.clone(),
        )
        .map(|s| Sourced {
            value: Secret(s.value),
            source: s.source,
        });
        let org = text_setting(&flags.org, "--org", &["RELCTL_ORG", "SENTRY_ORG"], &|v| {
            v.org.clone()
        })
        .unwrap_or_else(|| sourced(crate::store::DEFAULT_ORG_SLUG.to_string(), Source::Default));

        let projects = if !flags.projects.is_empty() {
            sourced(flags.projects.clone(), Source::Flag("--project"))
        } else if let Some((value, source)) = pick_env(&["RELCTL_PROJECT", "SENTRY_PROJECT"]) {
            let list = value
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect();
            sourced(list, source)
        } else if let Some((path, values)) = layers.iter().rev().find(|(_, v)| v.project.is_some())
        {
            let list = values
                .project
                .clone()
                .map(OneOrMany::into_vec)
                .unwrap_or_default();
            sourced(list, Source::File(path.clone()))
        } else {
            sourced(Vec::new(), Source::Default)
        };

        let format = match flags.format {
            Some(format) => sourced(format, Source::Flag("--format")),
            None => match pick_env(&["RELCTL_FORMAT"]) {
                Some((text, source)) => sourced(Format::parse(&text, "RELCTL_FORMAT")?, source),
                None => match from_files(&|v| v.format.clone()) {
                    Some((text, source)) => {
                        let origin = source.to_string();
                        sourced(Format::parse(&text, &origin)?, source)
                    }
                    None => sourced(Format::Table, Source::Default),
                },
            },
        };

        let timeout_seconds = match flags.timeout {
            Some(seconds) => sourced(seconds, Source::Flag("--timeout")),
            None => match pick_env(&["RELCTL_TIMEOUT"]) {
                Some((text, source)) => {
                    let seconds = text.trim().parse::<u64>().map_err(|_| {
                        Error::usage(format!(
                            "invalid RELCTL_TIMEOUT {text:?}: expected a whole number of seconds"
                        ))
                    })?;
                    sourced(seconds, source)
                }
                None => match layers
                    .iter()
                    .rev()
                    .find_map(|(p, v)| v.timeout.map(|t| (t, p.clone())))
                {
                    Some((seconds, path)) => sourced(seconds, Source::File(path)),
                    None => sourced(30, Source::Default),
                },
            },
        };
        if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout_seconds.value) {
            return Err(Error::usage(format!(
                "invalid timeout {} (from {}): it must be 1 to {MAX_TIMEOUT_SECONDS} seconds",
                timeout_seconds.value, timeout_seconds.source
            )));
        }

        let max_response = match pick_env(&["RELCTL_MAX_RESPONSE"]) {
            Some((text, source)) => match text.trim().parse::<u64>() {
                Ok(bytes) if bytes > 0 => sourced(bytes, source),
                _ => {
                    return Err(Error::usage(format!(
                        "invalid RELCTL_MAX_RESPONSE {text:?}: expected the most bytes one answer of a server may hold, a whole number above 0"
                    )));
                }
            },
            None => sourced(crate::remote::http::DEFAULT_MAX_RESPONSE, Source::Default),
        };

        let region_id = match pick_env(&["RELCTL_REGION_ID"]) {
            Some((text, source)) => {
                let id = text.trim().parse::<u64>().map_err(|_| {
                    Error::usage(format!(
                        "invalid RELCTL_REGION_ID {text:?}: expected a number from 0 to {MAX_REGION_ID}"
                    ))
                })?;
                sourced(id, source)
            }
            None => match layers
                .iter()
                .rev()
                .find_map(|(p, v)| v.region_id.map(|r| (r, p.clone())))
            {
                Some((id, path)) => sourced(id, Source::File(path)),
                None => sourced(0, Source::Default),
            },
        };
        if region_id.value > MAX_REGION_ID {
            return Err(Error::usage(format!(
                "invalid region id {} (from {}): it must be from 0 to {MAX_REGION_ID}",
                region_id.value, region_id.source
            )));
        }

        let redis_url = match pick_env(&["RELCTL_REDIS_URL"]) {
            Some((text, source)) => Some(sourced(text, source)),
            None => layers
                .iter()
                .rev()
                .find_map(|(p, v)| v.redis_url.clone().map(|u| (u, p.clone())))
                .map(|(url, path)| sourced(url, Source::File(path))),
        }
        .filter(|url| !url.value.trim().is_empty());

        Ok(Settings {
            store,
            url,
            auth_token,
            org,
            projects,
            format,
            timeout_seconds,
            max_response,
            region_id,
            redis_url,
            files: layers.into_iter().map(|(path, _)| path).collect(),
            warnings,
        })
    }

    /// The local store's path; a usage error when there is no place for it (no `$HOME`).
    pub fn store_path(&self) -> Result<PathBuf> {
        self.store.value.clone().map_err(|why| {
            Error::usage(format!(
                "cannot find a place for the store: {why}; give --store or RELCTL_STORE"
            ))
        })
    }

    /// (name, value, source) rows for `config show`; the token is redacted.
    pub fn describe(&self) -> Vec<(&'static str, String, String)> {
        let store = match &self.store.value {
            Ok(path) => (
                crate::store::Location::parse(path).shown(),
                self.store.source.to_string(),
            ),
            Err(why) => (String::new(), format!("{}: none, {why}", self.store.source)),
        };
        let mut rows = vec![
            ("store", store.0, store.1),
            ("org", self.org.value.clone(), self.org.source.to_string()),
            (
                "project",
                self.projects.value.join(","),
                self.projects.source.to_string(),
            ),
            (
                "format",
                self.format.value.name().to_string(),
                self.format.source.to_string(),
            ),
            (
                "timeout",
                self.timeout_seconds.value.to_string(),
                self.timeout_seconds.source.to_string(),
            ),
            (
                "max_response",
                self.max_response.value.to_string(),
                self.max_response.source.to_string(),
            ),
            (
                "region_id",
                self.region_id.value.to_string(),
                self.region_id.source.to_string(),
            ),
        ];
        match &self.redis_url {
            Some(url) => rows.push((
                "redis_url",
                crate::secrets::mask_passwords(&url.value),
                url.source.to_string(),
            )),
            None => rows.push((
                "redis_url",
                String::new(),
                "none (snowflake sequence in the store)".to_string(),
            )),
        }
        match &self.url {
            Some(url) => rows.push((
                "url",
                crate::secrets::mask_passwords(&url.value),
                url.source.to_string(),
            )),
            None => rows.push(("url", String::new(), "none (local store)".to_string())),
        }
        match &self.auth_token {
            Some(token) => rows.push((
                "auth_token",
                token.value.to_string(),
                token.source.to_string(),
            )),
            None => rows.push(("auth_token", String::new(), "none".to_string())),
        }
        rows
    }
}

fn sourced<T>(value: T, source: Source) -> Sourced<T> {
    Sourced { value, source }
}

/// A path in a config file is relative to that file's directory.
fn relative_to(file: &Path, path: &Path) -> PathBuf {
    match file.parent() {
        Some(dir) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    }
}

/// A `store` from a config file: a `postgres://` URL as it is, `~` and `~/...` are `$HOME`,
/// anything else relative is relative to the file's directory. `Err` inside when `~` needs a `$HOME` that is not set (an
/// error only for a command that needs the store); `~user` is not expanded, and refused.
fn file_store_path(
    file: &Path,
    path: &Path,
    home: Option<&Path>,
) -> Result<std::result::Result<PathBuf, String>> {
    let text = path.to_string_lossy();
    if crate::store::postgres::is_url(&text) {
        return Ok(Ok(path.to_path_buf()));
    }
    let Some(after) = text.strip_prefix('~') else {
        return Ok(Ok(relative_to(file, path)));
    };
    if !(after.is_empty() || after.starts_with('/')) {
        return Err(Error::usage(format!(
            "invalid store {} in config file {}: only \"~\" and \"~/...\" (HOME) are expanded",
            crate::domain::shown(&text),
            file.display()
        )));
    }
    Ok(match home {
        Some(home) => Ok(match after.trim_start_matches('/') {
            "" => home.to_path_buf(),
            rest => home.join(rest),
        }),
        None => Err(format!(
            "the store {} in {} starts with \"~\" and HOME is not set",
            crate::domain::shown(&text),
            file.display()
        )),
    })
}

/// `--config FILE`, else `RELCTL_CONFIG`: when given, the only file read.
fn explicit_file(flags: &FlagValues, env: &dyn Environment) -> Option<PathBuf> {
    flags
        .config
        .clone()
        .or_else(|| env.var("RELCTL_CONFIG").map(PathBuf::from))
}

/// `$XDG_CONFIG_HOME/relctl/config.toml`, if it is there.
fn user_file(env: &dyn Environment) -> Option<PathBuf> {
    let path = config_home(env)?.join("relctl").join("config.toml");
    path.is_file().then_some(path)
}

/// The nearest file `name` (`.relctl.toml`, `.sentryclirc`) owned by `owner`, from `cwd` up to
/// the root of its git repository,
/// else up to `home`; when `cwd` is in neither, only `cwd` itself. A file owned by someone else
/// is skipped with a warning.
fn project_file(
    cwd: &Path,
    home: Option<&Path>,
    owner: u32,
    name: &str,
    warnings: &mut Vec<String>,
) -> Option<PathBuf> {
    use std::os::unix::fs::MetadataExt;

    let home = home.map(|home| std::fs::canonicalize(home).unwrap_or_else(|_| home.to_path_buf()));
    let is_boundary =
        |dir: &Path| dir.join(".git").exists() || home.as_deref().is_some_and(|h| h == dir);
    let searched: Vec<&Path> = match cwd.ancestors().position(is_boundary) {
        Some(last) => cwd.ancestors().take(last + 1).collect(),
        None => vec![cwd],
    };
    for dir in searched {
        let path = dir.join(name);
        let Ok(meta) = std::fs::metadata(&path) else {
            continue;
        };
        if !meta.is_file() {
            continue;
        }
        if meta.uid() != owner {
            warnings.push(format!(
                "ignoring {}: it belongs to another user (uid {}), not to you (uid {owner})",
                path.display(),
                meta.uid()
            ));
            continue;
        }
        return Some(path);
    }
    None
}

fn read_file(path: &Path) -> Result<FileValues> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Error::usage(format!("cannot read config file {}: {err}", path.display()))
    })?;
    toml::from_str(&text).map_err(|err| {
        let detail = err.message().replace('\n', " ");
        // 1-based: the newlines before the error's first byte, plus one.
        let line = err.span().map(|span| {
            text.get(..span.start)
                .unwrap_or("")
                .bytes()
                .filter(|&b| b == b'\n')
                .count()
                + 1
        });
        match line {
            Some(line) => Error::usage(format!(
                "malformed config file {}:{line}: {detail}",
                path.display()
            )),
            None => Error::usage(format!(
                "malformed config file {}: {detail}",
                path.display()
            )),
        }
    })
}

/// An XDG base directory variable: only an absolute path counts (the spec says a relative one
/// is invalid and must be ignored).
fn xdg_dir(env: &dyn Environment, name: &str) -> Option<PathBuf> {
    env.var(name)
        .map(PathBuf::from)
        .filter(|path| path.is_absolute())
}

fn config_home(env: &dyn Environment) -> Option<PathBuf> {
    xdg_dir(env, "XDG_CONFIG_HOME").or_else(|| {
        env.var("HOME")
            .map(|home| PathBuf::from(home).join(".config"))
    })
}

/// `$XDG_DATA_HOME/relctl/relctl.db`, else `~/.local/share/relctl/relctl.db`; `Err` says why
/// there is no such place.
fn default_store_path(env: &dyn Environment) -> std::result::Result<PathBuf, String> {
    let data_home = xdg_dir(env, "XDG_DATA_HOME")
        .or_else(|| {
            env.var("HOME")
                .map(|home| PathBuf::from(home).join(".local").join("share"))
        })
        .ok_or_else(|| "neither HOME nor an absolute XDG_DATA_HOME is set".to_string())?;
    Ok(data_home.join("relctl").join("relctl.db"))
}

/// An environment made of the given pairs, for tests.
#[cfg(test)]
pub(crate) struct FakeEnv(std::collections::HashMap<&'static str, String>);

#[cfg(test)]
impl FakeEnv {
    pub(crate) fn new(pairs: &[(&'static str, &str)]) -> FakeEnv {
        FakeEnv(pairs.iter().map(|(k, v)| (*k, v.to_string())).collect())
    }
}

#[cfg(test)]
impl Environment for FakeEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(pairs: &[(&'static str, &str)]) -> FakeEnv {
        FakeEnv::new(pairs)
    }

    #[test]
    fn store_path_precedence() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_str().unwrap();
        let flags = FlagValues::default();
        let s = Settings::resolve(&flags, &env(&[("HOME", home)]), dir.path()).unwrap();
        assert_eq!(
            s.store_path().unwrap(),
            dir.path().join(".local/share/relctl/relctl.db")
        );
        assert_eq!(s.store.source, Source::Default);

        let s = Settings::resolve(
            &flags,
            &env(&[("HOME", home), ("XDG_DATA_HOME", "/data")]),
            dir.path(),
        )
        .unwrap();
        assert_eq!(
            s.store_path().unwrap(),
            PathBuf::from("/data/relctl/relctl.db")
        );

        let s = Settings::resolve(
            &flags,
            &env(&[("HOME", home), ("RELCTL_STORE", "/x.db")]),
            dir.path(),
        )
        .unwrap();
        assert_eq!(s.store_path().unwrap(), PathBuf::from("/x.db"));
        assert_eq!(s.store.source, Source::Env("RELCTL_STORE"));

        let flags = FlagValues {
            store: Some(PathBuf::from("/flag.db")),
            ..FlagValues::default()
        };
        let s = Settings::resolve(&flags, &env(&[("RELCTL_STORE", "/x.db")]), dir.path()).unwrap();
        assert_eq!(s.store_path().unwrap(), PathBuf::from("/flag.db"));
    }

    #[test]
    fn files_layer_under_env_and_flags() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_str().unwrap();
        let user = dir.path().join(".config/relctl/config.toml");
        std::fs::create_dir_all(user.parent().unwrap()).unwrap();
        std::fs::write(
            &user,
            "org = \"acme\"\nproject = [\"a\", \"b\"]\nstore = \"s.db\"\n",
        )
        .unwrap();
        let work = dir.path().join("work/sub");
        std::fs::create_dir_all(&work).unwrap();
        std::fs::write(dir.path().join("work/.relctl.toml"), "org = \"nearest\"\n").unwrap();
        let flags = FlagValues::default();
        let s = Settings::resolve(&flags, &env(&[("HOME", home)]), &work).unwrap();
        assert_eq!(s.org.value, "nearest");
        assert_eq!(
            s.org.source,
            Source::File(dir.path().join("work/.relctl.toml"))
        );
        assert_eq!(s.projects.value, vec!["a", "b"]);
        assert_eq!(s.store_path().unwrap(), user.parent().unwrap().join("s.db"));
        assert_eq!(
            s.files,
            vec![user.clone(), dir.path().join("work/.relctl.toml")]
        );
        let s = Settings::resolve(
            &flags,
            &env(&[("HOME", home), ("SENTRY_ORG", "fromenv")]),
            &work,
        )
        .unwrap();
        assert_eq!(s.org.value, "fromenv");
        assert_eq!(s.org.source, Source::Env("SENTRY_ORG"));
        let s = Settings::resolve(
            &flags,
            &env(&[
                ("HOME", home),
                ("SENTRY_ORG", "sentry"),
                ("RELCTL_ORG", "relctl"),
            ]),
            &work,
        )
        .unwrap();
        assert_eq!(s.org.value, "relctl");

        // An explicit file is the only one read.
        let chosen = dir.path().join("chosen.toml");
        std::fs::write(&chosen, "project = \"c\"\n").unwrap();
        let flags = FlagValues {
            config: Some(chosen.clone()),
            ..FlagValues::default()
        };
        let s = Settings::resolve(&flags, &env(&[("HOME", home)]), &work).unwrap();
        assert_eq!(s.org.value, "default");
        assert_eq!(s.projects.value, vec!["c"]);
        assert_eq!(s.files, vec![chosen.clone()]);
        let chosen_text = chosen.to_str().unwrap();
        let s = Settings::resolve(
            &FlagValues::default(),
            &env(&[("HOME", home), ("RELCTL_CONFIG", chosen_text)]),
            &work,
        )
        .unwrap();
        assert_eq!(s.files, vec![chosen]);
    }

    #[test]
    fn the_project_file_search_is_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        let me = rustix::process::geteuid().as_raw();
        let home = root.join("home");
        let repo = home.join("repo");
        let cwd = repo.join("a/b");
        std::fs::create_dir_all(&cwd).unwrap();
        std::fs::create_dir_all(repo.join(".git")).unwrap();
        std::fs::write(root.join(".relctl.toml"), "").unwrap();
        std::fs::write(home.join(".relctl.toml"), "").unwrap();
        let mut warnings = Vec::new();
        // In a repository: up to its root, never above it.
        assert_eq!(
            project_file(&cwd, Some(&home), me, ".relctl.toml", &mut warnings),
            None
        );
        std::fs::write(repo.join(".relctl.toml"), "").unwrap();
        assert_eq!(
            project_file(&cwd, Some(&home), me, ".relctl.toml", &mut warnings),
            Some(repo.join(".relctl.toml"))
        );
        std::fs::write(repo.join("a/.relctl.toml"), "").unwrap();
        assert_eq!(
            project_file(&cwd, Some(&home), me, ".relctl.toml", &mut warnings),
            Some(repo.join("a/.relctl.toml"))
        );
        // Outside a repository: up to HOME; outside HOME too: the directory itself only.
        let plain = home.join("plain/x");
        std::fs::create_dir_all(&plain).unwrap();
        assert_eq!(
            project_file(&plain, Some(&home), me, ".relctl.toml", &mut warnings),
            Some(home.join(".relctl.toml"))
        );
        let outside = root.join("outside/x");
        std::fs::create_dir_all(&outside).unwrap();
        assert_eq!(
            project_file(&outside, Some(&home), me, ".relctl.toml", &mut warnings),
            None
        );
        assert_eq!(
            project_file(&outside, None, me, ".relctl.toml", &mut warnings),
            None
        );
        assert!(warnings.is_empty(), "{warnings:?}");
        // A file of someone else's is skipped, with a warning.
        assert_eq!(
            project_file(
                &cwd,
                Some(&home),
                me.wrapping_add(1),
                ".relctl.toml",
                &mut warnings
            ),
            None
        );
        assert_eq!(warnings.len(), 2, "{warnings:?}");
        assert!(warnings[0].contains("a/.relctl.toml"), "{warnings:?}");
    }

    #[test]
    fn config_error_lines_count_from_one() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("c.toml");
        for (text, line) in [
            ("colour = 1\n", 1),
            ("org = \"a\"\ncolour = 1\n", 2),
            ("\n\n\ncolour = 1\n", 4),
            ("org = \"a\"\n\ntimeout = \"x\"\n", 3),
        ] {
            std::fs::write(&path, text).unwrap();
            let err = read_file(&path).unwrap_err();
            assert!(
                err.message.contains(&format!("c.toml:{line}:")),
                "{text:?}: {}",
                err.message
            );
        }
    }

    #[test]
    fn home_and_xdg_paths() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("cfg/config.toml");
        let home = Path::new("/home/u");
        let cases = [
            ("~", Ok(PathBuf::from("/home/u"))),
            ("~/", Ok(PathBuf::from("/home/u"))),
            ("~/s/r.db", Ok(PathBuf::from("/home/u/s/r.db"))),
            ("r.db", Ok(dir.path().join("cfg/r.db"))),
            ("/abs/r.db", Ok(PathBuf::from("/abs/r.db"))),
            ("a/~/r.db", Ok(dir.path().join("cfg/a/~/r.db"))),
        ];
        for (text, want) in cases {
            assert_eq!(
                file_store_path(&file, Path::new(text), Some(home)).unwrap(),
                want,
                "{text}"
            );
        }
        assert!(
            file_store_path(&file, Path::new("~/r.db"), None)
                .unwrap()
                .is_err()
        );
        let err = file_store_path(&file, Path::new("~bob/r.db"), Some(home)).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);

        let s = Settings::resolve(
            &FlagValues::default(),
            &env(&[("HOME", "/h"), ("XDG_DATA_HOME", "rel")]),
            dir.path(),
        )
        .unwrap();
        assert_eq!(
            s.store_path().unwrap(),
            PathBuf::from("/h/.local/share/relctl/relctl.db")
        );
        let s = Settings::resolve(&FlagValues::default(), &env(&[]), dir.path()).unwrap();
        let err = s.store_path().unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        let described = s.describe();
        assert!(
            described
                .iter()
                .any(|(name, value, source)| *name == "store"
                    && value.is_empty()
                    && source.contains("HOME"))
        );
    }

    #[test]
    fn malformed_files_and_values_are_usage_errors() {
        let dir = tempfile::tempdir().unwrap();
        let bad = dir.path().join("bad.toml");
        for text in ["org = ", "unknown_key = 1", "timeout = \"x\"", "[[["] {
            std::fs::write(&bad, text).unwrap();
            let flags = FlagValues {
                config: Some(bad.clone()),
                ..FlagValues::default()
            };
            let err = Settings::resolve(&flags, &env(&[("HOME", "/h")]), dir.path()).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{text}");
            assert!(err.message.contains("bad.toml"), "{}", err.message);
        }
        let flags = FlagValues::default();
        for (name, value) in [
            ("RELCTL_FORMAT", "xml"),
            ("RELCTL_TIMEOUT", "soon"),
            ("RELCTL_REGION_ID", "5000"),
        ] {
            let err = Settings::resolve(&flags, &env(&[("HOME", "/h"), (name, value)]), dir.path())
                .unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{name}");
        }
    }

    #[test]
    fn tokens_are_redacted_when_described() {
        let dir = tempfile::tempdir().unwrap();
        let s = Settings::resolve(
            &FlagValues::default(),
            &env(&[("HOME", "/h"), ("SENTRY_AUTH_TOKEN", "sntrys_secret_value")]),
            dir.path(),
        )
        .unwrap();
        let text = format!("{:?} {:?}", s, s.describe());
        assert!(!text.contains("sntrys_secret_value"), "{text}");
        assert!(text.contains("<redacted>"));
    }
}
