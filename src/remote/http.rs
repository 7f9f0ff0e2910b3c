//! The blocking HTTP client under the remote backend: one place for timeouts, retries, auth,
//! logging and the mapping of answers to relctl's errors.
//!
//! sentry-cli sets no timeout (a silent server hangs a CI job), retries POSTs that may already
//! have run, and ignores 429 (client-reference.md 5.2). Here every attempt has a timeout, the
//! retries of one request are bounded in number *and* in total time (by default twice the
//! timeout), a request that may have reached the server is retried only when the call says it
//! is idempotent, and `Retry-After` is honoured (capped). A 429 is retried for every call: a
//! rate-limited request was refused before it ran. A 409 from Sentry's release-commit lock is
//! retried for a PUT (it replaces the commits whole), then ends in exit 4 saying so.
//!
//! A server is not trusted to be sane either. An answer is read as it arrives and refused past
//! [`HttpConfig::max_response`] bytes (a `Content-Length` over it is refused before reading,
//! but a missing or lying one changes nothing), so a server sending gigabytes cannot take the
//! client's memory; the limit is per answer, and the largest a JSON body relctl reads can
//! reasonably be is a page of a list. A list ends in an error (exit 5) when the server's
//! pagination does not end: a cursor offered twice, more items than relctl reads of one list,
//! or more time than [`HttpConfig::list_timeout`].
//!
//! The token goes only into the `Authorization` header; log lines and error messages never
//! hold it ([`super::redact`]: a line is redacted before it is logged). The `-v` log is `tracing`
//! events under a subscriber of the client's own (`crate::logging`, at the level of
//! [`HttpConfig::verbosity`]), written to the sink the caller passes (stderr for the CLI, a
//! buffer in tests), never to stdout.

use std::collections::HashSet;
use std::io::Read;
use std::time::{Duration, Instant};

use chrono::Utc;
use serde_json::Value;
use tracing::{Dispatch, Level};

use super::answer::{next_cursor, one_line, parse_retry_after, status_error, truncate};
use super::calls::{API_ROOT, HttpCall, Method};
use crate::config::Secret;
use crate::error::{Error, ErrorKind, Result};

/// Where the `-v` lines go, one call per line.
pub type Log = crate::logging::LogSink;

/// How the retries of one request are spaced and bounded.
#[derive(Debug, Clone, PartialEq)]
pub struct RetryPolicy {
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// The first backoff; each retry doubles it, jittered down by up to half.
    pub base_delay: Duration,
    pub max_delay: Duration,
    /// The longest `Retry-After` waited for.
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 4,
            base_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(8),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

/// Everything the client needs to reach a server.
#[derive(Debug, Clone)]
pub struct HttpConfig {
    /// The server (`https://sentry.example.com`); `/api/0` is added to it.
    pub url: String,
    pub token: Option<Secret>,
    /// The longest wait for one response (`--timeout`).
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// The longest a request may take, retries and waits included.
    pub total_timeout: Duration,
    pub retry: RetryPolicy,
    /// `-v` count: 1 logs each request and its answer, 2 adds request bodies (the level of the
    /// client's subscriber, `crate::logging::verbosity`).
    pub verbosity: u8,
    /// The most bytes one answer may hold (`RELCTL_MAX_RESPONSE`).
    pub max_response: u64,
    /// The longest one list may take to read, all its pages together (a page started before
    /// the bound still has its own timeouts).
    pub list_timeout: Duration,
    /// Extra headers sent with every request (`--header`); their values are never logged.
    pub headers: Vec<crate::config::Header>,
}

/// The default of [`HttpConfig::max_response`]: 64 MiB, a hundred times the largest page of a
/// Sentry list (100 commits with their file changes).
pub const DEFAULT_MAX_RESPONSE: u64 = 64 * 1024 * 1024;

/// How much of a list the caller wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListWant {
    /// The first `n` items (`--limit`); the list may go on after them.
    First(usize),
    /// Every item: a list that goes on past `n` items is a pagination that did not end.
    All(usize),
}

impl HttpConfig {
    /// The defaults for `--timeout`: connect within 10 s (or the timeout, if shorter), give
    /// up on a request after twice the timeout and on a list after five times it (2.5 minutes
    /// by default: a hundred pages of a slow server's commits).
    pub fn new(url: impl Into<String>, token: Option<Secret>, timeout: Duration) -> HttpConfig {
        HttpConfig {
            url: url.into(),
            token,
            timeout,
            connect_timeout: timeout.min(Duration::from_secs(10)),
            total_timeout: timeout.saturating_mul(2),
            retry: RetryPolicy::default(),
            verbosity: 0,
            max_response: DEFAULT_MAX_RESPONSE,
            list_timeout: timeout.saturating_mul(5),
            headers: Vec::new(),
        }
    }
}

/// [`HttpConfig::headers`] as the client sends them, marked sensitive (kept out of reqwest's
/// own debug output). A header replaces relctl's default of the same name (`User-Agent`);
/// an `Authorization` header next to a token is refused: which one would the server read?
fn extra_headers(config: &HttpConfig) -> Result<reqwest::header::HeaderMap> {
    use reqwest::header::{AUTHORIZATION, HeaderMap, HeaderName, HeaderValue};
    let mut map = HeaderMap::new();
    for header in &config.headers {
        let invalid = || Error::usage(format!("invalid header {}", header.name));
        let name = HeaderName::from_bytes(header.name.as_bytes()).map_err(|_| invalid())?;
        let mut value = HeaderValue::from_str(header.value.expose()).map_err(|_| invalid())?;
        value.set_sensitive(true);
        if name == AUTHORIZATION && config.token.is_some() {
            return Err(Error::usage(
                "--header gives an Authorization header and an auth token is set too: give one of them",
            ));
        }
        map.append(name, value);
    }
    Ok(map)
}

/// A successful answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: u16,
    /// The JSON body; `null` when there was none (204).
    pub body: Value,
    /// The cursor of the next page, from a `Link: <...>; rel="next"; results="true"` header.
    pub next_cursor: Option<String>,
}

pub struct HttpClient {
    client: reqwest::blocking::Client,
    /// The server URL without a trailing slash.
    base: String,
    /// The server URL as logs and messages show it (no user info).
    shown_base: String,
    config: HttpConfig,
    /// The `-v` log's subscriber, when the caller gave a sink.
    log: Option<Dispatch>,
}

/// What one attempt got back before it is judged.
struct Raw {
    status: u16,
    retry_after: Option<String>,
    link: Option<String>,
    location: Option<String>,
    text: String,
}

/// Why an attempt got no answer to judge.
enum Failure {
    /// The request could not be sent, or its answer not read.
    Transport(reqwest::Error),
    /// Reading the answer failed below reqwest.
    Read(std::io::Error),
    /// The answer is larger than [`HttpConfig::max_response`].
    TooLarge,
}

impl Failure {
    fn is_connect(&self) -> bool {
        matches!(self, Failure::Transport(err) if err.is_connect())
    }

    fn is_timeout(&self) -> bool {
        match self {
            Failure::Transport(err) => err.is_timeout(),
            Failure::Read(err) => err.kind() == std::io::ErrorKind::TimedOut,
            Failure::TooLarge => false,
        }
    }

    /// A failed read of the body: reqwest's error inside it, when there is one.
    fn of_read(err: std::io::Error) -> Failure {
        if !err
            .get_ref()
            .is_some_and(|inner| inner.is::<reqwest::Error>())
        {
            return Failure::Read(err);
        }
        match err
            .into_inner()
            .map(|inner| inner.downcast::<reqwest::Error>())
        {
            Some(Ok(inner)) => Failure::Transport(*inner),
            Some(Err(other)) => Failure::Read(std::io::Error::other(other)),
            None => Failure::Read(std::io::Error::other("the answer could not be read")),
        }
    }
}

/// Why an attempt may be repeated.
enum Retry {
    No,
    After(Duration),
    Backoff,
}

impl HttpClient {
    pub fn new(config: HttpConfig, log: Option<Log>) -> Result<HttpClient> {
        let base = server_base(&config.url)?;
        if let Some(token) = &config.token {
            check_token(token.expose())?;
        }
        let shown_base = crate::secrets::without_user_info(&base);
        // With a token, user info in the URL would turn into a Basic header that hides it.
        let base = if config.token.is_some() {
            shown_base.clone()
        } else {
            base
        };
        let mut builder = reqwest::blocking::Client::builder();
        if base.to_ascii_lowercase().starts_with("http://") && !http_proxy_over_tls() {
            builder = builder.tls_backend_preconfigured(unused_tls()?);
        }
        let client = builder
            .user_agent(concat!("relctl/", env!("CARGO_PKG_VERSION")))
            .default_headers(extra_headers(&config)?)
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout)
            // A redirect is reported, not followed: following it could send the token to
            // another host, and Sentry uses 301/302 to say a project was renamed.
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|err| Error::other(format!("cannot set up the HTTP client: {err}")))?;
        let level = crate::logging::verbosity(config.verbosity);
        Ok(HttpClient {
            client,
            base,
            shown_base,
            config,
            log: log.map(|sink| crate::logging::dispatch(sink, level)),
        })
    }

    /// The server as messages show it.
    pub fn server(&self) -> &str {
        &self.shown_base
    }

    /// Sends `call`, retrying as its idempotency allows; a non-2xx answer becomes an error of
    /// the matching kind.
    pub fn send(&self, call: &HttpCall) -> Result<Response> {
        let started = Instant::now();
        let deadline = started + self.config.total_timeout;
        let mut retries = 0u32;
        loop {
            let now = Instant::now();
            let attempt_timeout = self
                .config
                .timeout
                .min(deadline.saturating_duration_since(now));
            self.verbose(
                Level::INFO,
                &format!("> {} {}{}", call.method, self.shown_base, call.path),
            );
            for header in &self.config.headers {
                // The value is the caller's secret as much as the token is.
                self.verbose(Level::DEBUG, &format!("> {}: <redacted>", header.name));
            }
            if let Some(body) = &call.body {
                self.verbose(
                    Level::DEBUG,
                    &format!("> {}", truncate(&body.to_string(), 4000)),
                );
            }
            let outcome = self.attempt(call, attempt_timeout);
            let delay = match self.logged_retry(call, &outcome, now.elapsed()) {
                Retry::No => None,
                Retry::After(delay) => Some(delay),
                Retry::Backoff => Some(backoff(&self.config.retry, retries)),
            };
            match delay {
                Some(delay)
                    if retries < self.config.retry.max_retries
                        && Instant::now() + delay < deadline =>
                {
                    retries += 1;
                    self.verbose(
                        Level::INFO,
                        &format!(
                            "retrying {} {} in {} (retry {retries} of {})",
                            call.method,
                            call.path,
                            millis(delay),
                            self.config.retry.max_retries
                        ),
                    );
                    std::thread::sleep(delay);
                }
                _ => return self.finish(call, outcome, retries + 1, started.elapsed()),
            }
        }
    }

    /// Logs what an attempt that took `elapsed` got, and whether it is worth repeating.
    fn logged_retry(
        &self,
        call: &HttpCall,
        outcome: &Result<Raw, Failure>,
        elapsed: Duration,
    ) -> Retry {
        match outcome {
            Ok(raw) => {
                self.verbose(
                    Level::INFO,
                    &format!(
                        "< {} {} {} in {}",
                        raw.status,
                        call.method,
                        call.path,
                        millis(elapsed)
                    ),
                );
                retry_for_status(call, raw, &self.config.retry)
            }
            Err(err) => {
                self.verbose(
                    Level::INFO,
                    &format!(
                        "< {} {} failed in {}: {}",
                        call.method,
                        call.path,
                        millis(elapsed),
                        self.describe(err)
                    ),
                );
                match err {
                    // The same server would send the same answer again.
                    Failure::TooLarge => Retry::No,
                    _ if err.is_connect() || call.idempotent => Retry::Backoff,
                    _ => Retry::No,
                }
            }
        }
    }

    /// GETs `path` page after page (Sentry's `Link` cursors) up to what `want` asks, or to the
    /// end of the list: a page that offers no next one, or an empty page. A page is a JSON
    /// array, or an object with `rows`. A pagination that does not end is an error (exit 5): a
    /// cursor the server offered before (it goes round in a circle), a list longer than
    /// [`ListWant::All`] allows, or one still going after [`HttpConfig::list_timeout`].
    pub fn get_list(&self, path: &str, want: ListWant) -> Result<Vec<Value>> {
        let (limit, all) = match want {
            ListWant::First(limit) => (limit, false),
            ListWant::All(limit) => (limit, true),
        };
        let started = Instant::now();
        let mut items = Vec::new();
        let mut seen = HashSet::new();
        let mut page_path = path.to_string();
        let mut pages = 0usize;
        while items.len() < limit {
            let response = self.send(&HttpCall::get(page_path))?;
            pages += 1;
            let page = match response.body {
                Value::Array(page) => page,
                Value::Object(mut object) => match object.remove("rows") {
                    Some(Value::Array(rows)) => rows,
                    _ => return Err(not_a_list(path)),
                },
                _ => return Err(not_a_list(path)),
            };
            if page.is_empty() {
                break;
            }
            items.extend(page);
            let Some(cursor) = response.next_cursor else {
                break;
            };
            let endless = |why: String| {
                Error::new(
                    ErrorKind::Network,
                    format!(
                        "the server's pagination did not end{why} (GET {path}: {pages} pages, {} items)",
                        items.len()
                    ),
                )
            };
            if items.len() >= limit {
                if all {
                    return Err(endless(format!(
                        ": it offered a next page after {limit} items, the most relctl reads of one list"
                    )));
                }
                break;
            }
            if !seen.insert(cursor.clone()) {
                return Err(endless(format!(": it offered the cursor {cursor:?} again")));
            }
            if started.elapsed() >= self.config.list_timeout {
                return Err(endless(format!(
                    " within {} s",
                    self.config.list_timeout.as_secs_f64()
                )));
            }
            page_path = with_query(path, "cursor", &cursor);
        }
        items.truncate(limit);
        Ok(items)
    }

    fn attempt(&self, call: &HttpCall, timeout: Duration) -> Result<Raw, Failure> {
        let method = match call.method {
            Method::Get => reqwest::Method::GET,
            Method::Post => reqwest::Method::POST,
            Method::Put => reqwest::Method::PUT,
            Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = self
            .client
            .request(method, format!("{}{}", self.base, call.path))
            .timeout(timeout);
        if let Some(token) = &self.config.token {
            request = request.bearer_auth(token.expose());
        }
        if let Some(body) = &call.body {
            request = request.json(body);
        }
        let mut response = request.send().map_err(Failure::Transport)?;
        let header = |name: reqwest::header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_string)
        };
        let retry_after = header(reqwest::header::RETRY_AFTER);
        let link = header(reqwest::header::LINK);
        let location = header(reqwest::header::LOCATION);
        let status = response.status().as_u16();
        let limit = self.config.max_response;
        if response
            .content_length()
            .is_some_and(|length| length > limit)
        {
            return Err(Failure::TooLarge);
        }
        // Read as it arrives, one byte past the limit at most: a Content-Length may be absent
        // or lie.
        let mut body = Vec::new();
        response
            .by_ref()
            .take(limit.saturating_add(1))
            .read_to_end(&mut body)
            .map_err(Failure::of_read)?;
        if body.len() as u64 > limit {
            return Err(Failure::TooLarge);
        }
        let text = match String::from_utf8(body) {
            Ok(text) => text,
            Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
        };
        Ok(Raw {
            status,
            retry_after,
            link,
            location,
            text,
        })
    }

    /// The answer of the last attempt, judged: a 2xx's JSON, else the error its status (or the
    /// lack of an answer) means.
    fn finish(
        &self,
        call: &HttpCall,
        outcome: Result<Raw, Failure>,
        attempts: u32,
        elapsed: Duration,
    ) -> Result<Response> {
        let tries = if attempts == 1 {
            String::new()
        } else {
            format!("; {attempts} attempts in {}", millis(elapsed))
        };
        let raw = outcome.map_err(|failure| self.no_answer(call, failure, &tries))?;
        if (200..300).contains(&raw.status) {
            return self.answered(call, raw);
        }
        Err(self.refused(call, &raw, &tries))
    }

    /// The error of an attempt that got no answer to judge: too large, timed out, unreachable.
    fn no_answer(&self, call: &HttpCall, failure: Failure, tries: &str) -> Error {
        match failure {
            Failure::TooLarge => Error::new(
                ErrorKind::Network,
                format!(
                    "{} answered {} {} with more than {}, the most one answer may hold (RELCTL_MAX_RESPONSE); nothing past it was read",
                    self.shown_base,
                    call.method,
                    call.path,
                    shown_size(self.config.max_response)
                ),
            )
            .with_hint(
                "if the server's answers are really this large, raise RELCTL_MAX_RESPONSE (in bytes)",
            ),
            err if err.is_timeout() && !err.is_connect() => Error::new(
                ErrorKind::Network,
                format!(
                    "no answer from {} within {} s ({} {}{tries})",
                    self.shown_base,
                    self.config.timeout.as_secs_f64(),
                    call.method,
                    call.path
                ),
            ),
            err => Error::new(
                ErrorKind::Network,
                format!(
                    "cannot reach {} ({} {}{tries}): {}",
                    self.shown_base,
                    call.method,
                    call.path,
                    self.describe(&err)
                ),
            ),
        }
    }

    /// A 2xx answer: its JSON body (`null` when empty) and the next page's cursor.
    fn answered(&self, call: &HttpCall, raw: Raw) -> Result<Response> {
        let body = if raw.text.trim().is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&raw.text).map_err(|err| {
                Error::other(format!(
                    "{} answered {} {} with something that is not JSON ({err}): {}",
                    self.shown_base,
                    call.method,
                    call.path,
                    truncate(&one_line(&self.redact(&raw.text)), 200)
                ))
            })?
        };
        Ok(Response {
            status: raw.status,
            body,
            next_cursor: raw.link.as_deref().and_then(next_cursor),
        })
    }

    /// The error a non-2xx answer means, with what the server said, redacted.
    fn refused(&self, call: &HttpCall, raw: &Raw, tries: &str) -> Error {
        // What the server sent is quoted cut short: the token goes before the cut can split it.
        let location = raw
            .location
            .as_deref()
            .map(|location| self.redact(location));
        let mut err = status_error(
            call,
            raw.status,
            location.as_deref(),
            &self.redact(&raw.text),
        );
        if raw.status == 401 && self.config.token.is_none() {
            err.message.push_str(
                "; no auth token is set: pass --auth-token or set RELCTL_AUTH_TOKEN or SENTRY_AUTH_TOKEN",
            );
        }
        err.message.push_str(tries);
        err.message = self.redact(&err.message);
        err
    }

    /// A `-v` line (`-vv` at DEBUG), redacted, to the client's subscriber.
    fn verbose(&self, level: Level, line: &str) {
        let Some(log) = &self.log else {
            return;
        };
        // The line is redacted only when the subscriber wants it.
        tracing::dispatcher::with_default(log, || {
            if level == Level::DEBUG {
                tracing::debug!("{}", self.redact(line));
            } else {
                tracing::info!("{}", self.redact(line));
            }
        });
    }

    /// A transport error by its causes, on one line, without secrets: reqwest's own wrapping
    /// ("error sending request for url (...)", "client error (Connect)") says nothing the
    /// message around it does not.
    fn describe(&self, err: &Failure) -> String {
        let top: &dyn std::error::Error = match err {
            Failure::Transport(err) => err,
            Failure::Read(err) => err,
            Failure::TooLarge => {
                return format!(
                    "the answer is larger than {}",
                    shown_size(self.config.max_response)
                );
            }
        };
        let mut parts: Vec<String> = Vec::new();
        let mut current: Option<&dyn std::error::Error> = Some(top);
        while let Some(cause) = current {
            let text = cause.to_string();
            let wrapper = text.starts_with("error sending request")
                || text.starts_with("client error (")
                || text.starts_with("request or response body error");
            if !wrapper && !parts.iter().any(|p| p.contains(&text)) {
                parts.push(text);
            }
            current = cause.source();
        }
        if parts.is_empty() {
            parts.push(top.to_string());
        }
        self.redact(&parts.join(": ").replace(&self.base, &self.shown_base))
    }

    /// `text` with the token (should it ever get there) replaced.
    fn redact(&self, text: &str) -> String {
        match &self.config.token {
            Some(token) => super::redact::redact(text, token.expose()).into_owned(),
            None => text.to_string(),
        }
    }
}

/// Whether (and when) an answer is worth asking again.
fn retry_for_status(call: &HttpCall, raw: &Raw, policy: &RetryPolicy) -> Retry {
    let asked_wait = || {
        raw.retry_after
            .as_deref()
            .and_then(|value| parse_retry_after(value, Utc::now()))
            .map(|wait| wait.min(policy.max_retry_after))
    };
    match raw.status {
        429 => asked_wait().map_or(Retry::Backoff, Retry::After),
        502..=504 if call.idempotent => asked_wait().map_or(Retry::Backoff, Retry::After),
        // Sentry's release-commit lock: "Release commits are currently being processed" while
        // another set-commits on the same release runs (its issue 64567). The PUT replaces the
        // commits, so sending it again once the other is done is safe.
        409 if call.method == Method::Put && call.idempotent && is_commit_lock(&raw.text) => {
            asked_wait().map_or(Retry::Backoff, Retry::After)
        }
        _ => Retry::No,
    }
}

/// Whether a 409's body is Sentry's release-commit lock.
fn is_commit_lock(text: &str) -> bool {
    text.contains("currently being processed")
}

/// The wait before retry number `retry + 1`: `base * 2^retry`, capped, jittered down by up to
/// half so that clients that failed together do not come back together.
fn backoff(policy: &RetryPolicy, retry: u32) -> Duration {
    let full = policy
        .base_delay
        .saturating_mul(2u32.saturating_pow(retry))
        .min(policy.max_delay);
    let jitter: f64 = rand::random_range(0.5..=1.0);
    full.mul_f64(jitter)
}

/// `path` with `key=value` added to its query.
pub fn with_query(path: &str, key: &str, value: &str) -> String {
    let separator = if path.contains('?') { '&' } else { '?' };
    format!("{path}{separator}{key}={}", super::calls::encode(value))
}

fn not_a_list(path: &str) -> Error {
    Error::other(format!("the server's answer to GET {path} is not a list"))
}

/// The TLS setup of a client of a plain-HTTP server. It is never used: every request goes to
/// the server's own URL, a redirect is reported, not followed, and a proxy reached over TLS
/// keeps reqwest's own setup ([`http_proxy_over_tls`]). reqwest's default setup
/// reads and parses every system root certificate when the client is made (two thirds of the
/// CPU time of a remote `release new`); this one trusts no root and costs next to nothing.
fn unused_tls() -> Result<rustls::ClientConfig> {
    let provider = std::sync::Arc::new(rustls::crypto::aws_lc_rs::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|err| Error::other(format!("cannot set up the HTTP client: {err}")))?
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth())
}

/// Whether plain-HTTP requests go through a proxy reached over TLS (reqwest reads these
/// variables for `http://` URLs): that connection needs the system's roots.
fn http_proxy_over_tls() -> bool {
    ["HTTP_PROXY", "http_proxy", "ALL_PROXY", "all_proxy"]
        .iter()
        .filter_map(std::env::var_os)
        .any(|proxy| {
            proxy
                .to_string_lossy()
                .trim()
                .to_ascii_lowercase()
                .starts_with("https://")
        })
}

/// The server URL without `/api/0` or a trailing slash; only http and https.
pub(crate) fn server_base(url: &str) -> Result<String> {
    let trimmed = url.trim().trim_end_matches('/');
    let invalid = |why: &str| {
        Error::usage(format!(
            "invalid server URL {:?}: {why}",
            crate::secrets::without_user_info(trimmed)
        ))
    };
    let lower = trimmed.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return Err(invalid("expected http:// or https://"));
    }
    // Parsed here, so a bad host or port is a usage error now, not a network error after
    // retries.
    let parsed = reqwest::Url::parse(trimmed).map_err(|err| invalid(&err.to_string()))?;
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(invalid("it names no host"));
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(invalid("a server URL has no query (?) or fragment (#)"));
    }
    let base = trimmed.strip_suffix(API_ROOT).unwrap_or(trimmed);
    Ok(base.trim_end_matches('/').to_string())
}

/// A token must be printable ASCII without spaces to go into a header; a CR from a file with
/// CRLF line endings is the usual culprit.
fn check_token(token: &str) -> Result<()> {
    if token.bytes().all(|b| b.is_ascii_graphic()) {
        Ok(())
    } else {
        Err(Error::usage(
            "the auth token contains a space, a control character or non-ASCII text (a file with CRLF line endings?); it cannot be sent",
        ))
    }
}

/// A size as a person reads it: `64 MiB`, `1536 KiB`, `1000 bytes`.
fn shown_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * KIB;
    match bytes {
        b if b >= MIB && b % MIB == 0 => format!("{} MiB", b / MIB),
        b if b >= KIB && b % KIB == 0 => format!("{} KiB", b / KIB),
        b => format!("{b} bytes"),
    }
}

fn millis(duration: Duration) -> String {
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_and_stays_capped() {
        let policy = RetryPolicy::default();
        for retry in 0..10 {
            let full = policy
                .base_delay
                .saturating_mul(2u32.saturating_pow(retry))
                .min(policy.max_delay);
            let delay = backoff(&policy, retry);
            assert!(delay <= full && delay >= full / 2, "{retry}: {delay:?}");
        }
    }

    #[test]
    fn server_urls() {
        assert_eq!(server_base("https://s.io/api/0/").unwrap(), "https://s.io");
        assert_eq!(
            server_base("http://h:9/sentry/").unwrap(),
            "http://h:9/sentry"
        );
        assert!(server_base("ftp://x").is_err());
        assert_eq!(
            crate::secrets::without_user_info("https://u:p@h/x"),
            "https://h/x"
        );
        assert_eq!(crate::secrets::without_user_info("u:p@h/x"), "u:***@h/x");
        assert_eq!(crate::secrets::without_user_info("h/x@y"), "h/x@y");
        let err = server_base("alice:hunter2@h:9").unwrap_err();
        assert!(!err.message.contains("hunter2"), "{}", err.message);
    }

    #[test]
    fn sizes_as_people_read_them() {
        assert_eq!(shown_size(DEFAULT_MAX_RESPONSE), "64 MiB");
        assert_eq!(shown_size(1536 * 1024), "1536 KiB");
        assert_eq!(shown_size(1000), "1000 bytes");
    }
}
