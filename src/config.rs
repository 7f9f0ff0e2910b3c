//! Resolved settings: every value with the place it came from.
//!
//! Precedence, highest first: command-line flag, environment variable, config files, defaults.
//! The same environment names as sentry-cli are honoured (`SENTRY_URL`, `SENTRY_AUTH_TOKEN`,
//! `SENTRY_ORG`, `SENTRY_PROJECT`) after relctl's own. A malformed file is a usage error (exit 2).
//! Each setting is one row of [`SETTINGS`] (its flag, variables, file key and default), looked
//! up once in that order; its value keeps the place it came from ([`Sourced`]), which
//! `config show` prints, and is then read as its type, a bad value naming that place.
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

mod compat;
mod serve;
pub use compat::{Header, LogLevel};
pub use serve::ServeSettings;

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
    /// `--header 'Name: value'` (sentry-cli's), each as given.
    pub headers: Vec<String>,
    /// `--log-level` (sentry-cli's), as given.
    pub log_level: Option<String>,
    /// `--allow-failure` (sentry-cli's).
    pub allow_failure: bool,
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
    /// `relctl serve`'s settings (`serve.rs`).
    serve: Option<serve::ServeValues>,
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
    /// Extra headers for every request to a server (`--header`, `CUSTOM_HEADER`).
    pub headers: Sourced<Vec<Header>>,
    /// sentry-cli's `--log-level` / `SENTRY_LOG_LEVEL`, when given ([`Settings::verbosity`]).
    pub log_level: Option<Sourced<LogLevel>>,
    /// Exit 0 when the target fails (`--allow-failure`, `SENTRY_ALLOW_FAILURE`).
    pub allow_failure: Sourced<bool>,
    /// What the config files' `[serve]` tables say (`relctl serve`'s settings).
    pub serve: ServeSettings,
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
    "CUSTOM_HEADER",
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
    "SENTRY_ALLOW_FAILURE",
    "SENTRY_AUTH_TOKEN",
    "SENTRY_LOG_LEVEL",
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

/// Every setting, in `config show`'s order, with the places it may come from. Each is looked up
/// once ([`Row::find`]), highest precedence first: its flag; its environment variables,
/// relctl's spelling before sentry-cli's; its key in the config files, the topmost file first
/// (the nearest `.relctl.toml`, the user file, the nearest `.sentryclirc`, `~/.sentryclirc`;
/// or the one explicit file); its default. The first place that gives a value is its source.
const SETTINGS: &[Row] = &[
    Row {
        name: "store",
        flag: Some(("--store", |f| f.store.clone().map(Raw::Path))),
        env: &["RELCTL_STORE"],
        file: Some(|v| v.store.clone().map(Raw::Path)),
        default: Fallback::DataHome,
    },
    Row {
        name: "org",
        flag: Some(("--org", |f| f.org.clone().map(Raw::Text))),
        env: &["RELCTL_ORG", "SENTRY_ORG"],
        file: Some(|v| v.org.clone().map(Raw::Text)),
        default: Fallback::Text(crate::store::DEFAULT_ORG_SLUG),
    },
    Row {
        name: "project",
        flag: Some(("--project", |f| {
            (!f.projects.is_empty()).then(|| Raw::List(f.projects.clone()))
        })),
        env: &["RELCTL_PROJECT", "SENTRY_PROJECT"],
        file: Some(|v| v.project.clone().map(|p| Raw::List(p.into_vec()))),
        default: Fallback::EmptyList,
    },
    Row {
        name: "format",
        flag: Some(("--format", |f| f.format.map(|f| Raw::Text(f.name().into())))),
        env: &["RELCTL_FORMAT"],
        file: Some(|v| v.format.clone().map(Raw::Text)),
        default: Fallback::Text("table"),
    },
    Row {
        name: "timeout",
        flag: Some(("--timeout", |f| f.timeout.map(Raw::Number))),
        env: &["RELCTL_TIMEOUT"],
        file: Some(|v| v.timeout.map(Raw::Number)),
        default: Fallback::Number(30),
    },
    Row {
        name: "max_response",
        flag: None,
        env: &["RELCTL_MAX_RESPONSE"],
        file: None,
        default: Fallback::Number(crate::remote::http::DEFAULT_MAX_RESPONSE),
    },
    Row {
        name: "region_id",
        flag: None,
        env: &["RELCTL_REGION_ID"],
        file: Some(|v| v.region_id.map(Raw::Number)),
        default: Fallback::Number(0),
    },
    Row {
        name: "redis_url",
        flag: None,
        env: &["RELCTL_REDIS_URL"],
        file: Some(|v| v.redis_url.clone().map(Raw::Text)),
        default: Fallback::Unset,
    },
    Row {
        name: "url",
        flag: Some(("--url", |f| f.url.clone().map(Raw::Text))),
        env: &["RELCTL_URL", "SENTRY_URL"],
        file: Some(|v| v.url.clone().map(Raw::Text)),
        default: Fallback::Unset,
    },
    Row {
        name: "auth_token",
        flag: Some(("--auth-token", |f| f.auth_token.clone().map(Raw::Text))),
        env: &["RELCTL_AUTH_TOKEN", "SENTRY_AUTH_TOKEN"],
        file: Some(|v| v.auth_token.clone().map(Raw::Text)),
        default: Fallback::Unset,
    },
    // sentry-cli's (`compat`): its flags and variables, no file key of relctl's.
    Row {
        name: "header",
        flag: Some(("--header", |f| {
            (!f.headers.is_empty()).then(|| Raw::List(f.headers.clone()))
        })),
        env: &["CUSTOM_HEADER"],
        file: None,
        default: Fallback::EmptyList,
    },
    Row {
        name: "log_level",
        flag: Some(("--log-level", |f| f.log_level.clone().map(Raw::Text))),
        env: &["SENTRY_LOG_LEVEL"],
        file: None,
        default: Fallback::Unset,
    },
    Row {
        name: "allow_failure",
        flag: Some(("--allow-failure", |f| {
            f.allow_failure.then(|| Raw::Text("true".into()))
        })),
        env: &["SENTRY_ALLOW_FAILURE"],
        file: None,
        default: Fallback::Text("false"),
    },
];

/// One setting of [`SETTINGS`]: the places it may come from.
struct Row {
    /// Its name in `config show`, and its key in config files.
    name: &'static str,
    /// Its flag, and what the command line gave for it.
    flag: Option<(&'static str, FromFlags)>,
    /// Its environment variables; the first one set wins.
    env: &'static [&'static str],
    /// What a config file gives for it; `None`: config files cannot set it.
    file: Option<FromFile>,
    default: Fallback,
}

/// What the command line gave for a setting.
type FromFlags = fn(&FlagValues) -> Option<Raw>;

/// What a config file gives for a setting.
type FromFile = fn(&FileValues) -> Option<Raw>;

/// A setting's default.
enum Fallback {
    /// None: `url` unset is the local store, `redis_url` unset the store's own sequence.
    Unset,
    Text(&'static str),
    Number(u64),
    EmptyList,
    /// `$XDG_DATA_HOME/relctl/relctl.db`, else `~/.local/share/relctl/relctl.db`; unset when
    /// there is neither.
    DataHome,
}

/// A setting's value as it was given, before it is read as the setting's type: environment
/// variables give text; flags, config files and defaults give values of their own types.
enum Raw {
    Unset,
    Text(String),
    Number(u64),
    List(Vec<String>),
    Path(PathBuf),
}

/// Config files with what each says, lowest layer first.
type Files = Vec<(PathBuf, FileValues)>;

impl Row {
    /// This setting's value from the first place that gives one, with that place.
    fn find(&self, flags: &FlagValues, env: &dyn Environment, files: &Files) -> Sourced<Raw> {
        let from_flag = self
            .flag
            .and_then(|(flag, given)| given(flags).map(|raw| sourced(raw, Source::Flag(flag))));
        let from_env = || {
            self.env.iter().find_map(|name| {
                env.var(name)
                    .map(|text| sourced(Raw::Text(text), Source::Env(name)))
            })
        };
        // Later files lie on top: look them up from the end.
        let from_files = || {
            let given = self.file?;
            files.iter().rev().find_map(|(path, values)| {
                given(values).map(|raw| sourced(raw, Source::File(path.clone())))
            })
        };
        from_flag
            .or_else(from_env)
            .or_else(from_files)
            .unwrap_or_else(|| sourced(self.default.value(env), Source::Default))
    }
}

impl Fallback {
    fn value(&self, env: &dyn Environment) -> Raw {
        match self {
            Fallback::Unset => Raw::Unset,
            Fallback::Text(text) => Raw::Text(text.to_string()),
            Fallback::Number(number) => Raw::Number(*number),
            Fallback::EmptyList => Raw::List(Vec::new()),
            Fallback::DataHome => default_store_path(env).map_or(Raw::Unset, Raw::Path),
        }
    }
}

impl Raw {
    /// The value as text, as an environment variable holds it (a list joined by commas).
    fn into_text(self) -> String {
        match self {
            Raw::Unset => String::new(),
            Raw::Text(text) => text,
            Raw::Number(number) => number.to_string(),
            Raw::List(list) => list.join(","),
            Raw::Path(path) => path.to_string_lossy().into_owned(),
        }
    }

    /// The value as a list; text is a comma-separated list, blanks left out
    /// (`RELCTL_PROJECT=a,b`).
    fn into_list(self) -> Vec<String> {
        match self {
            Raw::List(list) => list,
            other => other
                .into_text()
                .split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect(),
        }
    }

    fn into_path(self) -> PathBuf {
        match self {
            Raw::Path(path) => path,
            other => PathBuf::from(other.into_text()),
        }
    }
}

/// Every setting's value and source, each looked up once.
struct Found(std::collections::BTreeMap<&'static str, Sourced<Raw>>);

impl Found {
    fn find_all(flags: &FlagValues, env: &dyn Environment, files: &Files) -> Found {
        Found(
            SETTINGS
                .iter()
                .map(|row| (row.name, row.find(flags, env, files)))
                .collect(),
        )
    }

    /// The setting `name` of [`SETTINGS`], taken out (unset for a name the table does not
    /// have: `every_variable_of_the_table_sets_its_setting` checks that each is read).
    fn take(&mut self, name: &str) -> Sourced<Raw> {
        self.0
            .remove(name)
            .unwrap_or_else(|| sourced(Raw::Unset, Source::Default))
    }
}

impl Settings {
    /// Resolves every setting from flags, environment, files and defaults ([`SETTINGS`]), and
    /// reads each as its type; a value that is not one is a usage error naming its source.
    pub fn resolve(flags: &FlagValues, env: &dyn Environment, cwd: &Path) -> Result<Settings> {
        let home = env.var("HOME").map(PathBuf::from);
        let mut warnings = Vec::new();
        let files = read_files(flags, env, cwd, home.as_deref(), &mut warnings)?;
        let mut found = Found::find_all(flags, env, &files);
        Ok(Settings {
            store: read_store(found.take("store"), home.as_deref())?,
            org: found.take("org").map(Raw::into_text),
            projects: found.take("project").map(Raw::into_list),
            format: read_format(found.take("format"))?,
            timeout_seconds: read_timeout(found.take("timeout"))?,
            max_response: read_max_response(found.take("max_response"))?,
            region_id: read_region_id(found.take("region_id"))?,
            redis_url: read_optional(found.take("redis_url"))
                .filter(|url| !url.value.trim().is_empty()),
            url: read_optional(found.take("url")),
            auth_token: read_optional(found.take("auth_token")).map(|token| token.map(Secret)),
            headers: compat::read_headers(found.take("header"))?,
            log_level: compat::read_log_level(found.take("log_level"))?,
            allow_failure: compat::read_allow_failure(found.take("allow_failure"))?,
            serve: serve::read(
                &files
                    .iter()
                    .map(|(path, values)| (path.clone(), values.serve.clone()))
                    .collect::<Vec<_>>(),
            ),
            files: files.into_iter().map(|(path, _)| path).collect(),
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
        rows.extend(compat::describe(self));
        rows.extend(serve::describe(&self.serve));
        rows
    }

    /// How much to say on stderr: the `-v` count, or what `--log-level` / `SENTRY_LOG_LEVEL`
    /// stands for, whichever says more.
    pub fn verbosity(&self, verbose_flags: u8) -> u8 {
        let level = self.log_level.as_ref().map_or(0, |l| l.value.verbosity());
        verbose_flags.max(level)
    }
}

fn sourced<T>(value: T, source: Source) -> Sourced<T> {
    Sourced { value, source }
}

impl<T> Sourced<T> {
    fn map<U>(self, read: impl FnOnce(T) -> U) -> Sourced<U> {
        sourced(read(self.value), self.source)
    }
}

/// Where a value came from, as an error message names it: a variable by its name, else the
/// source (`file PATH`, `flag --x`).
fn origin(source: &Source) -> String {
    match source {
        Source::Env(name) => name.to_string(),
        other => other.to_string(),
    }
}

/// The config files read, lowest layer first, with what each says: `--config FILE` (else
/// `RELCTL_CONFIG`) alone; otherwise `~/.sentryclirc`, the nearest `.sentryclirc`, the user
/// file and the nearest `.relctl.toml`, those that exist. A project file owned by another user
/// is left out, with a warning.
fn read_files(
    flags: &FlagValues,
    env: &dyn Environment,
    cwd: &Path,
    home: Option<&Path>,
    warnings: &mut Vec<String>,
) -> Result<Files> {
    if let Some(path) = explicit_file(flags, env) {
        let values = read_file(&path)?;
        return Ok(vec![(path, values)]);
    }
    let owner = current_user();
    let mut files = Vec::new();
    // Lowest: sentry-cli's files, the user's then the project's.
    let user_rc = home
        .map(|home| home.join(SENTRYCLIRC))
        .filter(|path| path.is_file());
    let project_rc = project_file(cwd, home, owner, SENTRYCLIRC, warnings)
        .filter(|path| Some(path) != user_rc.as_ref());
    for path in user_rc.into_iter().chain(project_rc) {
        let values = FileValues::from_sentryclirc(crate::sentryclirc::read(&path)?);
        files.push((path, values));
    }
    if let Some(path) = user_file(env) {
        let values = read_file(&path)?;
        files.push((path, values));
    }
    if let Some(path) = project_file(cwd, home, owner, ".relctl.toml", warnings) {
        let values = read_file(&path)?;
        files.push((path, values));
    }
    Ok(files)
}

/// `store`: a path in a config file is relative to that file (`~/` is `$HOME`); unset when
/// there is no place for the default store, which is an error only for a command that needs
/// the store ([`Settings::store_path`]).
fn read_store(
    found: Sourced<Raw>,
    home: Option<&Path>,
) -> Result<Sourced<std::result::Result<PathBuf, String>>> {
    let path = match (&found.source, found.value) {
        (_, Raw::Unset) => Err("neither HOME nor an absolute XDG_DATA_HOME is set".to_string()),
        (Source::File(file), value) => file_store_path(file, &value.into_path(), home)?,
        (_, value) => Ok(value.into_path()),
    };
    Ok(sourced(path, found.source))
}

/// A setting that may be unset (`url`, `auth_token`, `redis_url`), as text.
fn read_optional(found: Sourced<Raw>) -> Option<Sourced<String>> {
    match found.value {
        Raw::Unset => None,
        value => Some(sourced(value.into_text(), found.source)),
    }
}

/// `format`: "table" or "json", in any case, with spaces around.
fn read_format(found: Sourced<Raw>) -> Result<Sourced<Format>> {
    let format = Format::parse(&found.value.into_text(), &origin(&found.source))?;
    Ok(sourced(format, found.source))
}

/// A number, as a flag or a file gives it, or read from text (spaces around allowed); text
/// that is not a whole number of at least `least` is refused, saying what was `expected`.
fn read_number(found: Sourced<Raw>, expected: &str, least: u64) -> Result<Sourced<u64>> {
    let number = match found.value {
        Raw::Number(number) => number,
        value => {
            let text = value.into_text();
            match text.trim().parse::<u64>() {
                Ok(number) if number >= least => number,
                _ => {
                    return Err(Error::usage(format!(
                        "invalid {} {text:?}: expected {expected}",
                        origin(&found.source)
                    )));
                }
            }
        }
    };
    Ok(sourced(number, found.source))
}

/// `timeout`: 1 second to [`MAX_TIMEOUT_SECONDS`].
fn read_timeout(found: Sourced<Raw>) -> Result<Sourced<u64>> {
    let timeout = read_number(found, "a whole number of seconds", 0)?;
    if !(1..=MAX_TIMEOUT_SECONDS).contains(&timeout.value) {
        return Err(Error::usage(format!(
            "invalid timeout {} (from {}): it must be 1 to {MAX_TIMEOUT_SECONDS} seconds",
            timeout.value, timeout.source
        )));
    }
    Ok(timeout)
}

/// `max_response`: the most bytes one answer of a server may hold, at least one.
fn read_max_response(found: Sourced<Raw>) -> Result<Sourced<u64>> {
    let expected = "the most bytes one answer of a server may hold, a whole number above 0";
    read_number(found, expected, 1)
}

/// `region_id`: the 12 bits of a snowflake id's region field.
fn read_region_id(found: Sourced<Raw>) -> Result<Sourced<u64>> {
    let expected = format!("a number from 0 to {MAX_REGION_ID}");
    let region_id = read_number(found, &expected, 0)?;
    if region_id.value > MAX_REGION_ID {
        return Err(Error::usage(format!(
            "invalid region id {} (from {}): it must be from 0 to {MAX_REGION_ID}",
            region_id.value, region_id.source
        )));
    }
    Ok(region_id)
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

/// The user whose project files are read: the effective uid.
#[cfg(unix)]
fn current_user() -> u32 {
    rustix::process::geteuid().as_raw()
}

/// Windows has no uids (see [`other_owner`]).
#[cfg(not(unix))]
fn current_user() -> u32 {
    0
}

/// The file's owner when it is not `owner`.
#[cfg(unix)]
fn other_owner(meta: &std::fs::Metadata, owner: u32) -> Option<u32> {
    use std::os::unix::fs::MetadataExt;
    (meta.uid() != owner).then_some(meta.uid())
}

/// Not checked on Windows: a file's owner is a SID behind the security API (GetSecurityInfo),
/// which std does not reach, and a directory another user could plant a file in is the shared
/// multi-user Unix case (/tmp, a checkout under another's home) this check is for.
#[cfg(not(unix))]
fn other_owner(_meta: &std::fs::Metadata, _owner: u32) -> Option<u32> {
    None
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
        if let Some(uid) = other_owner(&meta, owner) {
            warnings.push(format!(
                "ignoring {}: it belongs to another user (uid {uid}), not to you (uid {owner})",
                path.display(),
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

/// `$XDG_DATA_HOME/relctl/relctl.db`, else `~/.local/share/relctl/relctl.db`; `None` when
/// neither `HOME` nor an absolute `XDG_DATA_HOME` is set.
fn default_store_path(env: &dyn Environment) -> Option<PathBuf> {
    let data_home = xdg_dir(env, "XDG_DATA_HOME").or_else(|| {
        env.var("HOME")
            .map(|home| PathBuf::from(home).join(".local").join("share"))
    })?;
    Some(data_home.join("relctl").join("relctl.db"))
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

    /// Each variable of each setting is read, as that setting, and named as its source; `config
    /// show` lists the settings in the table's order.
    #[test]
    fn every_variable_of_the_table_sets_its_setting() {
        let dir = tempfile::tempdir().unwrap();
        let value = |name: &str| match name {
            "store" => "/x.db",
            "project" => "a,b",
            "format" => "json",
            "timeout" | "max_response" | "region_id" => "7",
            "redis_url" => "redis://cache",
            "url" => "http://server",
            "header" => "X-Team: web",
            "log_level" => "debug",
            "allow_failure" => "true",
            _ => "something",
        };
        for row in SETTINGS {
            for variable in row.env {
                let s = Settings::resolve(
                    &FlagValues::default(),
                    &env(&[("HOME", "/h"), (variable, value(row.name))]),
                    dir.path(),
                )
                .unwrap();
                let described = s.describe();
                let names: Vec<&str> = described.iter().map(|(name, _, _)| *name).collect();
                let table: Vec<&str> = SETTINGS.iter().map(|row| row.name).collect();
                assert_eq!(names, table);
                let (_, shown, source) = described
                    .iter()
                    .find(|(name, _, _)| *name == row.name)
                    .unwrap();
                assert_eq!(*source, format!("env {variable}"), "{}", row.name);
                if row.name == "header" {
                    assert_eq!(shown, "X-Team: <redacted>");
                } else if row.name != "auth_token" {
                    assert_eq!(shown, value(row.name), "{}", row.name);
                }
            }
        }
    }

    #[test]
    fn every_variable_of_the_table_is_checked_for_unicode() {
        for row in SETTINGS {
            for variable in row.env {
                assert!(VARIABLES.contains(variable), "{variable}");
            }
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
