//! sentry-cli's config file, `.sentryclirc`, read so a team moving from sentry-cli keeps its
//! settings: `[defaults] url, org, project` and `[auth] token`. It is the lowest config layer
//! (`crate::config`): the user's `~/.sentryclirc`, then the nearest project `.sentryclirc`, then
//! relctl's own files, the environment and the flags on top.
//!
//! The format is sentry-cli's INI: `[section]` headers, `key = value` (or `key: value`) lines,
//! `#` and `;` comments. Sections and keys relctl does not use (`[http]`, `[log]`, `dsn`, ...)
//! belong to sentry-cli and are skipped; a line that is none of these is a usage error naming
//! the file and line, as for relctl's own files.

use std::path::Path;

use crate::error::{Error, Result};

/// What a `.sentryclirc` says that relctl uses.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SentryCliRc {
    pub url: Option<String>,
    pub org: Option<String>,
    pub project: Option<String>,
    pub token: Option<String>,
}

/// Reads and parses the file at `path`.
pub fn read(path: &Path) -> Result<SentryCliRc> {
    let text = std::fs::read_to_string(path).map_err(|err| {
        Error::usage(format!("cannot read config file {}: {err}", path.display()))
    })?;
    parse(&text).map_err(|(line, why)| {
        Error::usage(format!(
            "malformed config file {}:{line}: {why}",
            path.display()
        ))
    })
}

/// Parses the text of a `.sentryclirc`; `Err((line, why))` for a malformed line (1-based).
pub fn parse(text: &str) -> std::result::Result<SentryCliRc, (usize, String)> {
    let mut rc = SentryCliRc::default();
    let mut section = String::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(rest) = line.strip_prefix('[') {
            let name = rest.strip_suffix(']').ok_or_else(|| {
                (
                    index + 1,
                    "a section header must end with \"]\"".to_string(),
                )
            })?;
            section = name.trim().to_ascii_lowercase();
            continue;
        }
        let (key, value) = line.split_once(['=', ':']).ok_or_else(|| {
            (
                index + 1,
                "expected `key = value` or `[section]`".to_string(),
            )
        })?;
        let key = key.trim().to_ascii_lowercase();
        let value = unquote(value.trim()).to_string();
        if value.is_empty() {
            continue;
        }
        let slot = match (section.as_str(), key.as_str()) {
            ("defaults", "url") => &mut rc.url,
            ("defaults", "org") => &mut rc.org,
            ("defaults", "project") => &mut rc.project,
            ("auth", "token") => &mut rc.token,
            _ => continue,
        };
        *slot = Some(value);
    }
    Ok(rc)
}

fn unquote(value: &str) -> &str {
    for quote in ['"', '\''] {
        if let Some(inner) = value
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            return inner;
        }
    }
    value
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_keys_relctl_uses_and_skips_sentry_clis_own() {
        let rc = parse(
            "# sentry-cli\n[defaults]\nurl = https://sentry.example.com/\norg=acme\nproject: \"backend\"\n\
             [auth]\ntoken = sntrys_abc\n[http]\nproxy_url = http://p\n[log]\nlevel = debug\n",
        )
        .unwrap();
        assert_eq!(
            rc,
            SentryCliRc {
                url: Some("https://sentry.example.com/".into()),
                org: Some("acme".into()),
                project: Some("backend".into()),
                token: Some("sntrys_abc".into()),
            }
        );
        // Keys outside their section are not ours.
        assert_eq!(
            parse("token = x\n[defaults]\ntoken = y\n").unwrap(),
            SentryCliRc::default()
        );
    }

    #[test]
    fn a_malformed_line_names_its_number() {
        assert_eq!(parse("[defaults]\norg = a\njunk\n").unwrap_err().0, 3);
        assert_eq!(parse("[defaults\n").unwrap_err().0, 1);
    }
}
