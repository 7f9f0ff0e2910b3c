//! Release version validation.
//!
//! A release version is the user-facing key of a release (unique per
//! organization) and ends up in URLs, so Sentry restricts it: this module is
//! the single place that decides whether a version string may be stored. It
//! combines `Release.is_valid_version` (spec §1.2, latest behaviour) with the
//! generic checks of the API serializer field (non-empty, at most 200 chars,
//! no NUL). The version is never trimmed: surrounding spaces are stored as
//! sent, and are only ignored for the "blank", "."/".." and "latest" checks.

use super::{py_strip, shown};

/// Maximum accepted version length, in chars (API limit; the DB allows 250).
pub const MAX_VERSION_LENGTH: usize = 200;

/// Characters that may never appear in a version (`BAD_RELEASE_CHARS`):
/// CR, LF, form feed, tab, `/` and `\`.
pub const BAD_RELEASE_CHARS: &[char] = &['\r', '\n', '\u{0c}', '\t', '/', '\\'];

/// Why a release version was rejected. Each message names the problem and
/// shows the offending version (Rust debug quoting, cut after 80 chars: see
/// [`shown`]).
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum VersionError {
    /// The empty string.
    #[error("invalid release version {}: it may not be empty", shown(.0))]
    Empty(String),
    /// Contains a NUL character.
    #[error("invalid release version {}: it may not contain NUL characters", shown(.0))]
    Nul(String),
    /// More than [`MAX_VERSION_LENGTH`] chars.
    #[error(
        "invalid release version {}: it is {length} characters long, longer than 200 characters",
        shown(.version)
    )]
    TooLong {
        /// The rejected version.
        version: String,
        /// Its length in chars.
        length: usize,
    },
    /// Contains one of [`BAD_RELEASE_CHARS`].
    #[error("invalid release version {}: it may not contain {ch:?}", shown(.version))]
    BadChar {
        /// The rejected version.
        version: String,
        /// The first forbidden char found.
        ch: char,
    },
    /// Only whitespace.
    #[error("invalid release version {}: it may not be blank (only whitespace)", shown(.0))]
    Blank(String),
    /// `.` or `..` once surrounding whitespace is ignored.
    #[error("invalid release version {}: it may not be \".\" or \"..\"", shown(.0))]
    Dots(String),
    /// `latest` (any case) once surrounding whitespace is ignored.
    #[error("invalid release version {}: it may not be \"latest\"", shown(.0))]
    Latest(String),
}

/// [`validate_version`] as relctl's error: an invalid version is a usage error (exit 2).
pub fn check_version(version: &str) -> crate::error::Result<()> {
    validate_version(version).map_err(|err| crate::error::Error::usage(err.to_string()))
}

/// Checks a release version as Sentry does before storing it.
///
/// Rejected, in this order: empty; containing NUL; longer than 200 chars;
/// containing CR, LF, FF, TAB, `/` or `\`; whitespace only (Python
/// `str.strip()` semantics); `.` or `..` after stripping; `latest` in any case
/// after stripping. Everything else is valid, including inner and surrounding
/// spaces, `@`, `+` and any Unicode.
pub fn validate_version(v: &str) -> Result<(), VersionError> {
    if v.is_empty() {
        return Err(VersionError::Empty(v.to_owned()));
    }
    if v.contains('\0') {
        return Err(VersionError::Nul(v.to_owned()));
    }
    let length = v.chars().count();
    if length > MAX_VERSION_LENGTH {
        return Err(VersionError::TooLong {
            version: v.to_owned(),
            length,
        });
    }
    if let Some(ch) = v.chars().find(|c| BAD_RELEASE_CHARS.contains(c)) {
        return Err(VersionError::BadChar {
            version: v.to_owned(),
            ch,
        });
    }
    let stripped = py_strip(v);
    if stripped.is_empty() {
        return Err(VersionError::Blank(v.to_owned()));
    }
    if stripped == "." || stripped == ".." {
        return Err(VersionError::Dots(v.to_owned()));
    }
    if stripped.to_lowercase() == "latest" {
        return Err(VersionError::Latest(v.to_owned()));
    }
    Ok(())
}

/// `Activity.get_version_ident`: the first 64 chars of a version, used as the
/// `ident` of RELEASE and DEPLOY activities.
pub fn version_ident(v: &str) -> &str {
    super::take_chars(v, 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    enum Want {
        Ok,
        Empty,
        Nul,
        TooLong,
        Bad(char),
        Blank,
        Dots,
        Latest,
    }

    fn classify(r: Result<(), VersionError>) -> Want {
        match r {
            Ok(()) => Want::Ok,
            Err(VersionError::Empty(_)) => Want::Empty,
            Err(VersionError::Nul(_)) => Want::Nul,
            Err(VersionError::TooLong { .. }) => Want::TooLong,
            Err(VersionError::BadChar { ch, .. }) => Want::Bad(ch),
            Err(VersionError::Blank(_)) => Want::Blank,
            Err(VersionError::Dots(_)) => Want::Dots,
            Err(VersionError::Latest(_)) => Want::Latest,
        }
    }

    #[test]
    fn validate_version_table() {
        let long_ok = "a".repeat(200);
        let long_bad = "a".repeat(201);
        let long_unicode_ok = "ü".repeat(200);
        let cases: Vec<(&str, Want)> = vec![
            ("1.0.0", Want::Ok),
            (" 1.0 ", Want::Ok),
            ("my app@1.0+2", Want::Ok),
            ("ünï", Want::Ok),
            ("Latest2", Want::Ok),
            ("latest-1", Want::Ok),
            ("...", Want::Ok),
            (".1", Want::Ok),
            ("a b", Want::Ok),
            ("com.example.app@1.2.3+456", Want::Ok),
            ("\u{0b}v\u{0b}", Want::Ok),
            (&long_ok, Want::Ok),
            (&long_unicode_ok, Want::Ok),
            ("", Want::Empty),
            ("a\0b", Want::Nul),
            (&long_bad, Want::TooLong),
            ("a\tb", Want::Bad('\t')),
            ("a\\b", Want::Bad('\\')),
            ("a/b", Want::Bad('/')),
            ("a\u{0c}b", Want::Bad('\u{0c}')),
            ("a\rb", Want::Bad('\r')),
            ("a\nb", Want::Bad('\n')),
            ("1.0\n", Want::Bad('\n')),
            ("  ", Want::Blank),
            ("\u{a0}", Want::Blank),
            ("\u{1c}", Want::Blank),
            (" . ", Want::Dots),
            (".", Want::Dots),
            ("..", Want::Dots),
            (" .. ", Want::Dots),
            ("LATEST", Want::Latest),
            (" latest ", Want::Latest),
            ("latest", Want::Latest),
            ("LaTeSt", Want::Latest),
        ];
        for (input, want) in cases {
            assert_eq!(classify(validate_version(input)), want, "{input:?}");
        }
    }

    #[test]
    fn error_messages_are_one_line_and_show_the_version() {
        let cases = [
            (
                "a/b",
                "invalid release version \"a/b\": it may not contain '/'",
            ),
            (
                "LATEST",
                "invalid release version \"LATEST\": it may not be \"latest\"",
            ),
            ("", "invalid release version \"\": it may not be empty"),
            (
                "a\tb",
                "invalid release version \"a\\tb\": it may not contain '\\t'",
            ),
            (
                " . ",
                "invalid release version \" . \": it may not be \".\" or \"..\"",
            ),
        ];
        for (input, want) in cases {
            let err = validate_version(input).unwrap_err();
            assert_eq!(err.to_string(), want);
        }
        let long = "x".repeat(201);
        let msg = validate_version(&long).unwrap_err().to_string();
        assert!(msg.contains("longer than 200 characters"), "{msg}");
        assert!(!msg.contains('\n'));
        let huge = "v".repeat(10_000);
        let msg = validate_version(&huge).unwrap_err().to_string();
        assert_eq!(
            msg,
            format!(
                "invalid release version {:?}…: it is 10000 characters long, longer than 200 characters",
                "v".repeat(80)
            )
        );
    }

    #[test]
    fn version_ident_table() {
        let long = "v".repeat(70);
        let cases = [("1.0", "1.0".to_owned()), (long.as_str(), "v".repeat(64))];
        for (input, want) in cases {
            assert_eq!(version_ident(input), want);
        }
        assert_eq!(version_ident(&"ü".repeat(65)).chars().count(), 64);
    }
}
