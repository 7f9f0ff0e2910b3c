//! Issue references in commit messages ("Fixes MY-PROJ-1Z").
//!
//! When commits are stored, Sentry links the issues their messages claim to
//! fix, and resolves them when the release is finalised. This module finds
//! the candidate references exactly as `sentry.utils.groupreference` does
//! (spec §2.6), including its quirks: the keyword's captured run swallows
//! following words, commas and newlines, so `"Fix: A-1\nSee XYZ-2"` names
//! both `A-1` and `XYZ-2`. Resolving candidates to issues is the caller's job
//! (see [`crate::domain::short_id::parse_short_id`]).

use regex::Regex;
use std::sync::LazyLock;

/// The fix keywords. Written with `{I}` for the letter i: Python's
/// case-insensitive matching also lets `i` match `ı` (U+0131) and `İ`
/// (U+0130), which Rust's simple case folding does not.
const FIX_KEYWORDS: &str =
    "(?:F{I}x|F{I}xes|F{I}xed|Close|Closes|Closed|Resolve|Resolves|Resolved)";

/// Python `re.I` extras for ASCII letter classes: `[a-z]` also matches `ı`
/// and `İ` (`ſ` and `K` are covered by Rust's case folding already).
const PY_I_EXTRA: &str = "\\x{130}\\x{131}";

fn fix_keywords() -> String {
    FIX_KEYWORDS.replace("{I}", "[i\\x{130}\\x{131}]")
}

/// `\[([^]]+)\]\([^)]+\)`, case-insensitive.
static MARKDOWN_LINK_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| super::static_regex(r"(?i)\[([^\]]+)\]\([^)]+\)"));

/// `\b<keywords>:?\s+([A-Za-z0-9_\-\s\,]+)\b`, case-insensitive.
static FIXES_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let sp = super::PY_SPACE_CLASS;
    let kw = fix_keywords();
    super::static_regex(&format!(
        r"(?i)\b{kw}:?[{sp}]+([A-Za-z0-9_\-{sp},{PY_I_EXTRA}]+)\b"
    ))
});

/// `\b([A-Z0-9_-]+-[A-Z0-9]+)\b`, case-insensitive.
static SHORT_ID_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    super::static_regex(&format!(
        r"(?i)\b([A-Z0-9_{PY_I_EXTRA}-]+-[A-Z0-9{PY_I_EXTRA}]+)\b"
    ))
});

/// `\b<keywords>:?\s+(https?://[^\s]+)`, case-insensitive.
static FIXES_URL_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let sp = super::PY_SPACE_CLASS;
    let kw = fix_keywords();
    super::static_regex(&format!(r"(?i)\b{kw}:?[{sp}]+(https?://[^{sp}]+)"))
});

/// `/issues/(\d+)`.
static ISSUE_URL_RE: LazyLock<Option<Regex>> =
    LazyLock::new(|| super::static_regex(r"/issues/(\d+)"));

/// Replaces markdown links `[text](url)` by their text.
fn strip_markdown_links(message: &str) -> String {
    match MARKDOWN_LINK_RE.as_ref() {
        Some(re) => re.replace_all(message, "${1}").into_owned(),
        None => message.to_string(),
    }
}

/// Candidate short ids referenced by fix keywords in `message`, in order of
/// appearance and without exact duplicates (`"abc-1"` and `"ABC-1"` are both
/// kept: they parse to the same issue, so callers should de-duplicate the
/// issues they resolve to).
pub fn referenced_short_ids(message: &str) -> Vec<String> {
    let text = strip_markdown_links(message);
    let mut out: Vec<String> = Vec::new();
    let (Some(fixes), Some(short_id)) = (FIXES_RE.as_ref(), SHORT_ID_RE.as_ref()) else {
        return out;
    };
    for caps in fixes.captures_iter(&text) {
        let Some(run) = caps.get(1) else { continue };
        for m in short_id.captures_iter(run.as_str()) {
            if let Some(id) = m.get(1) {
                let id = id.as_str();
                if !out.iter().any(|seen| seen == id) {
                    out.push(id.to_owned());
                }
            }
        }
    }
    out
}

/// The `netloc` of a URL as Python's `urlparse(url).netloc`, lower-cased:
/// what follows `scheme://` up to the first `/`, `?` or `#`. `None` when the
/// text has no `://`.
fn netloc(url: &str) -> Option<String> {
    let (_, rest) = url.split_once("://")?;
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    Some(rest.get(..end).unwrap_or(rest).to_lowercase())
}

/// The path of a URL (after the netloc, up to `?` or `#`).
fn url_path(url: &str) -> &str {
    let Some((_, rest)) = url.split_once("://") else {
        return "";
    };
    let Some(start) = rest.find('/') else {
        return "";
    };
    let after = rest.get(start..).unwrap_or("");
    let end = after.find(['?', '#']).unwrap_or(after.len());
    // A '?' or '#' before the first '/' ends the netloc: no path then.
    if rest
        .get(..start)
        .is_some_and(|host| host.contains(['?', '#']))
    {
        return "";
    }
    after.get(..end).unwrap_or("")
}

/// Whether `url`'s netloc is `allowed_host` or one of its sub-domains.
/// `allowed_host` may be a bare host (`sentry.example.com`, optionally with
/// a port) or a URL prefix (`https://sentry.example.com`).
fn is_allowed_url(url: &str, allowed_host: &str) -> bool {
    let app_host = if allowed_host.contains("://") {
        netloc(allowed_host).unwrap_or_default()
    } else {
        allowed_host.trim_end_matches('/').to_lowercase()
    };
    let Some(url_host) = netloc(url) else {
        return false;
    };
    if url_host.is_empty() || app_host.is_empty() {
        return false;
    }
    url_host == app_host || url_host.ends_with(&format!(".{app_host}"))
}

/// Issue ids referenced by fix keywords followed by an issue URL of this
/// server (`Fixes https://sentry.example.com/organizations/o/issues/42/`), in
/// order and without duplicates. The URL's host must equal `allowed_host` or
/// be a sub-domain of it; the id is the first `/issues/<digits>` of the path;
/// ids above `i64::MAX` are skipped.
pub fn referenced_issue_ids_in_urls(message: &str, allowed_host: &str) -> Vec<u64> {
    let text = strip_markdown_links(message);
    let mut out: Vec<u64> = Vec::new();
    let (Some(fixes_url), Some(issue_url)) = (FIXES_URL_RE.as_ref(), ISSUE_URL_RE.as_ref()) else {
        return out;
    };
    for caps in fixes_url.captures_iter(&text) {
        let Some(url) = caps.get(1).map(|m| m.as_str()) else {
            continue;
        };
        if !is_allowed_url(url, allowed_host) {
            continue;
        }
        let Some(digits) = issue_url.captures(url_path(url)).and_then(|c| c.get(1)) else {
            continue;
        };
        let Ok(id) = digits.as_str().parse::<u64>() else {
            continue;
        };
        if i64::try_from(id).is_err() {
            continue;
        }
        if !out.contains(&id) {
            out.push(id);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_regexes_compile() {
        for regex in [
            &MARKDOWN_LINK_RE,
            &FIXES_RE,
            &SHORT_ID_RE,
            &FIXES_URL_RE,
            &ISSUE_URL_RE,
        ] {
            assert!(LazyLock::force(regex).is_some());
        }
    }

    #[test]
    fn referenced_short_ids_table() {
        let cases: Vec<(&str, Vec<&str>)> = vec![
            ("Fixes BACKEND-12", vec!["BACKEND-12"]),
            ("fixes my-proj-1z, see docs", vec!["my-proj-1z"]),
            ("Fixes MY-PROJ-1Z, see docs", vec!["MY-PROJ-1Z"]),
            ("Closes [FOO-1](https://x/y)", vec!["FOO-1"]),
            ("Fix: A-1\nSee XYZ-2", vec!["A-1", "XYZ-2"]),
            ("prefix-fixes ABC-1", vec!["ABC-1"]),
            ("prefixfixes ABC-1", vec![]),
            ("no keyword ABC-1", vec![]),
            ("", vec![]),
            ("Resolved ABC-1, DEF-2", vec!["ABC-1", "DEF-2"]),
            ("resolves abc-1 and abc-1", vec!["abc-1"]),
            ("Fixes ABC-1 ABC-1 abc-1", vec!["ABC-1", "abc-1"]),
            ("FIXED:   ABC-1", vec!["ABC-1"]),
            ("Fixes: ABC-1.", vec!["ABC-1"]),
            ("Fixes ABC-1. Also fixes DEF-2", vec!["ABC-1", "DEF-2"]),
            ("Fixes ABC-1; DEF-2", vec!["ABC-1"]),
            ("Fixesabc ABC-1", vec![]),
            ("Fix #12", vec![]),
            ("Fixes a-b-c-d", vec!["a-b-c-d"]),
            ("Fixes MY_PROJ-1", vec!["MY_PROJ-1"]),
            ("Fixes SENTRY-ABC_1", vec![]),
            ("close the-bug-tracker item", vec!["the-bug-tracker"]),
            (
                "Fixes [ABC-1](http://a/b) and [DEF-2](http://c/d)",
                vec!["ABC-1", "DEF-2"],
            ),
            ("Fixes\tÜBER-1", vec![]),
            ("Fixes\u{1c}ABC-1", vec!["ABC-1"]),
            // Python's re.I lets i match ı/İ and s match ſ.
            ("Fıx ABC-1", vec!["ABC-1"]),
            ("FİXES ABC-1", vec!["ABC-1"]),
            ("cloſes ABC-1", vec!["ABC-1"]),
            ("Fixes ı-1Z", vec!["ı-1Z"]),
            ("Fixes İ-L11", vec!["İ-L11"]),
        ];
        for (message, want) in cases {
            assert_eq!(referenced_short_ids(message), want, "{message:?}");
        }
    }

    #[test]
    fn referenced_issue_ids_in_urls_table() {
        let host = "sentry.example.com";
        let cases: Vec<(&str, Vec<u64>)> = vec![
            ("Fixes https://sentry.example.com/issues/42/", vec![42]),
            (
                "fixes https://acme.sentry.example.com/organizations/acme/issues/7/?x=1",
                vec![7],
            ),
            ("Fixes http://SENTRY.example.com/issues/5", vec![5]),
            ("Fixes https://evil.com/issues/42/", vec![]),
            (
                "Fixes https://sentry.example.com.evil.com/issues/42/",
                vec![],
            ),
            ("Fixes https://notsentry.example.com/issues/42/", vec![]),
            ("Fixes https://sentry.example.com/projects/42/", vec![]),
            ("Fixes https://sentry.example.com/x?next=/issues/42", vec![]),
            ("Fixes https://sentry.example.com:8443/issues/42", vec![]),
            ("See https://sentry.example.com/issues/42/", vec![]),
            (
                "Fixes https://sentry.example.com/issues/1 and closes https://sentry.example.com/issues/2 \
                 resolves https://sentry.example.com/issues/1",
                vec![1, 2],
            ),
            (
                "Fixes https://sentry.example.com/issues/9223372036854775808/",
                vec![],
            ),
            (
                "Fixes https://sentry.example.com/issues/9223372036854775807/",
                vec![i64::MAX as u64],
            ),
            (
                "Fixes https://sentry.example.com/issues/99999999999999999999999/",
                vec![],
            ),
            ("Fixes [link](https://sentry.example.com/issues/3/)", vec![]),
            ("Fixes: https://sentry.example.com/issues/4", vec![4]),
            ("", vec![]),
        ];
        for (message, want) in cases {
            assert_eq!(
                referenced_issue_ids_in_urls(message, host),
                want,
                "{message:?}"
            );
        }
    }

    #[test]
    fn allowed_host_forms() {
        let msg = "Fixes https://sentry.example.com/issues/42/";
        let cases: Vec<(&str, Vec<u64>)> = vec![
            ("sentry.example.com", vec![42]),
            ("https://sentry.example.com", vec![42]),
            ("https://sentry.example.com/", vec![42]),
            ("SENTRY.EXAMPLE.COM", vec![42]),
            ("example.com", vec![42]),
            ("other.com", vec![]),
            ("", vec![]),
        ];
        for (host, want) in cases {
            assert_eq!(referenced_issue_ids_in_urls(msg, host), want, "{host:?}");
        }
    }

    #[test]
    fn url_parts() {
        let cases = [
            ("https://h.com/a/b?c#d", Some("h.com"), "/a/b"),
            ("https://h.com", Some("h.com"), ""),
            ("https://h.com?x=/issues/1", Some("h.com"), ""),
            ("http://u@H.com:80/p", Some("u@h.com:80"), "/p"),
            ("nothing", None, ""),
        ];
        for (url, host, path) in cases {
            assert_eq!(netloc(url).as_deref(), host, "{url}");
            assert_eq!(url_path(url), path, "{url}");
        }
    }
}
