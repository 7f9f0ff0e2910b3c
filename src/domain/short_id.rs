//! Issue short ids (`MY-PROJ-1Z`): Sentry's base32 number encoding and the
//! parsing of qualified short ids.
//!
//! Commit messages and the command line name issues by their qualified short
//! id, `UPPER(project slug)-base32(per-project counter)`; this module turns
//! such a string into the (slug, counter) pair used to look the issue up, and
//! back, exactly as `sentry.utils.numbers` and `Group.parse_short_id` do
//! (spec §2.6).

use regex::Regex;
use std::sync::LazyLock;

/// Sentry's base32 alphabet (Crockford-like: no I, L, O, U).
pub const BASE32_ALPHABET: &str = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

/// Largest storable short id (`BoundedBigIntegerField.MAX_VALUE`, 2^63 - 1).
pub const MAX_SHORT_ID: u64 = i64::MAX as u64;

/// `^(?:issue+:)?(.*?)(?:[\s_-])([A-Za-z0-9]+)$` with Python's `\s`.
static SHORT_ID_RE: LazyLock<Option<Regex>> = LazyLock::new(|| {
    super::static_regex(&format!(
        r"^(?:issue+:)?(.*?)(?:[{}_-])([A-Za-z0-9]+)$",
        super::PY_SPACE_CLASS
    ))
});

/// Encodes `n` in Sentry's base32 (`0` → `"0"`, `63` → `"1Z"`).
pub fn encode_base32(n: u64) -> String {
    let alphabet = BASE32_ALPHABET.as_bytes();
    if n == 0 {
        return "0".to_owned();
    }
    let mut rest = n;
    let mut digits: Vec<u8> = Vec::new();
    while rest != 0 {
        let idx = usize::try_from(rest % 32).unwrap_or(0);
        digits.push(alphabet.get(idx).copied().unwrap_or(b'0'));
        rest /= 32;
    }
    digits.reverse();
    String::from_utf8(digits).unwrap_or_default()
}

/// Decodes Sentry's base32: the input is upper-cased, then `O` reads as `0`,
/// `I` and `L` as `1`. Any other char outside the alphabet, an empty string or
/// a value above `i64::MAX` gives `None`.
pub fn decode_base32(s: &str) -> Option<u64> {
    if s.is_empty() {
        return None;
    }
    let mut value: u64 = 0;
    for c in s.chars().flat_map(char::to_uppercase) {
        let c = match c {
            'O' => '0',
            'I' | 'L' => '1',
            other => other,
        };
        let digit = BASE32_ALPHABET.find(c)?;
        value = value
            .checked_mul(32)?
            .checked_add(u64::try_from(digit).ok()?)?;
        if value > MAX_SHORT_ID {
            return None;
        }
    }
    Some(value)
}

/// `Group.parse_short_id`: trims the input (Python `strip()`), matches
/// `^(?:issue+:)?(.*?)(?:[\s_-])([A-Za-z0-9]+)$` and returns the lower-cased
/// project slug with the decoded number. `"MY-PROJ-1Z"` → `("my-proj", 63)`.
///
/// The slug may come out empty (`"-1"` → `("", 1)`), as in Sentry; such a
/// slug simply matches no project.
pub fn parse_short_id(s: &str) -> Option<(String, u64)> {
    let caps = SHORT_ID_RE.as_ref()?.captures(super::py_strip(s))?;
    let slug = caps.get(1)?.as_str().to_lowercase();
    let id = decode_base32(caps.get(2)?.as_str())?;
    Some((slug, id))
}

/// Display form of a short id: `UPPER(slug)-base32(short_id)`.
pub fn qualified_short_id(project_slug: &str, short_id: u64) -> String {
    format!(
        "{}-{}",
        project_slug.to_uppercase(),
        encode_base32(short_id)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn static_regexes_compile() {
        assert!(LazyLock::force(&SHORT_ID_RE).is_some());
    }

    #[test]
    fn encode_table() {
        let cases = [
            (0, "0"),
            (1, "1"),
            (10, "A"),
            (17, "H"),
            (18, "J"),
            (31, "Z"),
            (32, "10"),
            (63, "1Z"),
            (1024, "100"),
            (i64::MAX as u64, "7ZZZZZZZZZZZZ"),
            (u64::MAX, "FZZZZZZZZZZZZ"),
        ];
        for (n, want) in cases {
            assert_eq!(encode_base32(n), want, "{n}");
        }
    }

    #[test]
    fn decode_table() {
        let cases: [(&str, Option<u64>); 17] = [
            ("0", Some(0)),
            ("1Z", Some(63)),
            ("1z", Some(63)),
            ("10", Some(32)),
            ("O", Some(0)),
            ("o", Some(0)),
            ("I", Some(1)),
            ("l", Some(1)),
            ("LO", Some(32)),
            ("7ZZZZZZZZZZZZ", Some(i64::MAX as u64)),
            ("8000000000000", None),
            ("ZZZZZZZZZZZZZZZZZZZZ", None),
            ("U", None),
            ("", None),
            ("-1", None),
            ("A B", None),
            ("ü", None),
        ];
        for (s, want) in cases {
            assert_eq!(decode_base32(s), want, "{s:?}");
        }
    }

    #[test]
    fn round_trips() {
        for n in [
            0u64,
            1,
            31,
            32,
            63,
            64,
            1000,
            123_456_789,
            1 << 40,
            i64::MAX as u64,
        ] {
            assert_eq!(decode_base32(&encode_base32(n)), Some(n), "{n}");
        }
        for (slug, n) in [
            ("my-proj", 63u64),
            ("backend-api", 1),
            ("a", 0),
            ("x_y", 99_999),
        ] {
            let q = qualified_short_id(slug, n);
            assert_eq!(parse_short_id(&q), Some((slug.to_owned(), n)), "{q}");
        }
    }

    #[test]
    fn parse_table() {
        let some = |s: &str, n: u64| Some((s.to_owned(), n));
        let cases = [
            ("MY-PROJ-1Z", some("my-proj", 63)),
            ("BACKEND-API-1", some("backend-api", 1)),
            ("  backend-api-1\n", some("backend-api", 1)),
            ("issue:FOO-2", some("foo", 2)),
            ("issueee:FOO-2", some("foo", 2)),
            ("Issue:FOO-2", some("issue:foo", 2)),
            ("FOO_2", some("foo", 2)),
            ("FOO 2", some("foo", 2)),
            ("FOO\u{1c}2", some("foo", 2)),
            ("A-B-C", some("a-b", 12)),
            ("-1", some("", 1)),
            ("ABC-U", None),
            ("ABC", None),
            ("ABC-", None),
            ("", None),
            ("ABC-1!", None),
            ("A\nB-1", None),
            ("ABC-8000000000000", None),
            ("ABC-7ZZZZZZZZZZZZ", some("abc", i64::MAX as u64)),
            ("ÜBER-1", some("über", 1)),
        ];
        for (input, want) in cases {
            assert_eq!(parse_short_id(input), want, "{input:?}");
        }
    }

    #[test]
    fn qualified_table() {
        let cases = [
            ("my-proj", 63, "MY-PROJ-1Z"),
            ("backend", 0, "BACKEND-0"),
            ("x", 32, "X-10"),
        ];
        for (slug, n, want) in cases {
            assert_eq!(qualified_short_id(slug, n), want);
        }
    }
}
