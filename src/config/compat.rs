//! The settings sentry-cli scripts bring along, read as relctl's settings: `--header 'K: V'`
//! (`CUSTOM_HEADER`), `--log-level` (`SENTRY_LOG_LEVEL`) and `--allow-failure`
//! (`SENTRY_ALLOW_FAILURE`). Each is a row of `SETTINGS` like any other; this module reads
//! their values and says what they mean.
//!
//! Where relctl is stricter than sentry-cli, it says so instead of guessing: sentry-cli appends a
//! malformed header to curl's list as it is and ignores a `SENTRY_LOG_LEVEL` it cannot read;
//! here both are usage errors naming where the value came from (exit 2), before anything is
//! sent. Header values are shown redacted (`config show`) and never logged: a header is where
//! a proxy's credentials go.

use super::{Raw, Secret, Source, Sourced, origin, sourced};
use crate::error::{Error, Result};

/// An extra request header (`--header 'Name: value'`); its value never prints itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: String,
    pub value: Secret,
}

/// Headers relctl's HTTP client sets itself from the request; one from the command line would
/// contradict it.
const OWN_HEADERS: &[&str] = &["host", "content-length", "transfer-encoding", "connection"];

/// The most extra headers one command takes.
const MAX_HEADERS: usize = 64;

/// `header`: `Name: value` (sentry-cli's KEY:VALUE; spaces around either part are dropped), one
/// per `--header`, or the one `CUSTOM_HEADER` holds (a value may hold commas: never split).
pub(super) fn read_headers(found: Sourced<Raw>) -> Result<Sourced<Vec<Header>>> {
    let given = match found.value {
        Raw::List(list) => list,
        Raw::Unset => Vec::new(),
        other => vec![other.into_text()],
    };
    if given.len() > MAX_HEADERS {
        return Err(Error::usage(format!(
            "too many headers ({}) in {}: at most {MAX_HEADERS}",
            given.len(),
            origin(&found.source)
        )));
    }
    let headers = given
        .iter()
        .map(|text| parse_header(text, &found.source))
        .collect::<Result<Vec<_>>>()?;
    Ok(sourced(headers, found.source))
}

/// One `Name: value`, checked as HTTP allows a header: a token name, a value without control
/// characters. The value is never shown in the error.
pub fn parse_header(text: &str, source: &Source) -> Result<Header> {
    let bad = |why: &str| {
        Error::usage(format!(
            "invalid header in {}: {why}; expected \"Name: value\"",
            origin(source)
        ))
    };
    let Some((name, value)) = text.split_once(':') else {
        return Err(bad("no ':' between the name and the value"));
    };
    let (name, value) = (name.trim(), value.trim());
    if name.is_empty() {
        return Err(bad("the name is empty"));
    }
    if reqwest::header::HeaderName::from_bytes(name.as_bytes()).is_err() {
        let shown = crate::domain::shown(name);
        return Err(bad(&format!(
            "{shown} is not a header name (letters, digits and !#$%&'*+-.^_`|~ only)"
        )));
    }
    if reqwest::header::HeaderValue::from_str(value).is_err() {
        return Err(bad(&format!(
            "the value of {name} holds characters a header cannot carry"
        )));
    }
    if OWN_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
        return Err(bad(&format!("relctl sets {name} itself")));
    }
    Ok(Header {
        name: name.to_string(),
        value: Secret::new(value),
    })
}

/// sentry-cli's log levels, as relctl's verbosity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LogLevel {
    Off,
    Error,
    Warn,
    Info,
    Debug,
    Trace,
}

impl LogLevel {
    fn parse(text: &str) -> Option<LogLevel> {
        use clap::ValueEnum;
        LogLevel::from_str(text.trim(), true).ok()
    }

    pub fn name(self) -> &'static str {
        match self {
            LogLevel::Off => "off",
            LogLevel::Error => "error",
            LogLevel::Warn => "warn",
            LogLevel::Info => "info",
            LogLevel::Debug => "debug",
            LogLevel::Trace => "trace",
        }
    }

    /// The `-v` count it stands for: `info` is `-v` (each request and its answer), `debug` and
    /// `trace` are `-vv` (request bodies, set-commits' progress); warnings and errors are always
    /// printed, so `warn`, `error` and `off` add nothing.
    pub fn verbosity(self) -> u8 {
        match self {
            LogLevel::Off | LogLevel::Error | LogLevel::Warn => 0,
            LogLevel::Info => 1,
            LogLevel::Debug | LogLevel::Trace => 2,
        }
    }
}

/// `log_level`: one of sentry-cli's levels, in any case.
pub(super) fn read_log_level(found: Sourced<Raw>) -> Result<Option<Sourced<LogLevel>>> {
    if matches!(found.value, Raw::Unset) {
        return Ok(None);
    }
    let text = found.value.into_text();
    match LogLevel::parse(&text) {
        Some(level) => Ok(Some(sourced(level, found.source))),
        None => Err(Error::usage(format!(
            "invalid log level {} in {}: expected off, error, warn, info, debug or trace",
            crate::domain::shown(&text),
            origin(&found.source)
        ))),
    }
}

/// `allow_failure`: sentry-cli reads `1` and `true`; relctl reads the usual spellings of yes and
/// no, in any case, and refuses anything else rather than guess.
pub(super) fn read_allow_failure(found: Sourced<Raw>) -> Result<Sourced<bool>> {
    let text = found.value.into_text();
    let value = match text.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => true,
        "" | "0" | "false" | "no" | "off" => false,
        _ => {
            return Err(Error::usage(format!(
                "invalid {} {}: expected 1 or true (or 0, false)",
                origin(&found.source),
                crate::domain::shown(&text)
            )));
        }
    };
    Ok(sourced(value, found.source))
}

/// `config show`'s rows of these settings; header values redacted.
pub(super) fn describe(settings: &super::Settings) -> Vec<(&'static str, String, String)> {
    let headers: Vec<String> = settings
        .headers
        .value
        .iter()
        .map(|h| format!("{}: {}", h.name, h.value))
        .collect();
    vec![
        (
            "header",
            headers.join(", "),
            settings.headers.source.to_string(),
        ),
        match &settings.log_level {
            Some(level) => (
                "log_level",
                level.value.name().into(),
                level.source.to_string(),
            ),
            None => ("log_level", String::new(), "none (-v sets it)".to_string()),
        },
        (
            "allow_failure",
            settings.allow_failure.value.to_string(),
            settings.allow_failure.source.to_string(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_name_colon_value() {
        let flag = Source::Flag("--header");
        let ok = parse_header("X-Team:  web, mobile ", &flag).unwrap();
        assert_eq!(ok.name, "X-Team");
        assert_eq!(ok.value.expose(), "web, mobile");
        assert_eq!(
            parse_header("Authorization: Bearer x", &flag)
                .unwrap()
                .value
                .expose(),
            "Bearer x"
        );
        for bad in [
            "no colon",
            ": value",
            "bad name: v",
            "X: a\u{7}b",
            "Host: h",
        ] {
            let err = parse_header(bad, &flag).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{bad}");
            assert!(err.message.contains("flag --header"), "{}", err.message);
        }
        // The value is never in the error.
        let err = parse_header("X-Secret: s3cr\u{1}et", &flag).unwrap_err();
        assert!(!err.message.contains("s3cr"), "{}", err.message);
    }

    #[test]
    fn log_levels_map_to_verbosity() {
        for (text, verbosity) in [("warn", 0), ("INFO", 1), ("debug", 2), ("trace", 2)] {
            let level = LogLevel::parse(text).unwrap();
            assert_eq!(level.verbosity(), verbosity, "{text}");
        }
        assert!(LogLevel::parse("loud").is_none());
    }
}
