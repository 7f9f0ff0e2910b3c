//! Project slugs: Django's `slugify`, validation of caller-supplied slugs and
//! Sentry's `slugify_instance` algorithm for generating a unique slug.
//!
//! Slugs identify projects in URLs and on the command line, are unique per
//! organization (case-insensitively) and must never collide with the reserved
//! route names; generation reproduces Sentry (spec §4.2) so that the same
//! project names yield the same kind of slugs, including its quirks (the
//! suffix alphabet has `0` twice and no `8`; all-digit slugs get a suffix).

use rand::seq::IndexedRandom;
use rand::{Rng, RngExt};
use unicode_normalization::UnicodeNormalization;

use super::shown;

/// Slugs Sentry reserves for project routes (latest `RESERVED_PROJECT_SLUGS`).
pub const RESERVED_PROJECT_SLUGS: &[&str] = &[
    "$all",
    "api-keys",
    "audit-log",
    "auth",
    "members",
    "projects",
    "rate-limits",
    "repos",
    "settings",
    "teams",
    "billing",
    "payments",
    "legal",
    "subscription",
    "support",
    "integrations",
    "developer-settings",
    "usage",
];

/// Maximum project slug length, in chars (`slugify_instance(max_length=50)`).
pub const PROJECT_SLUG_MAX_LENGTH: usize = 50;

/// Random suffix alphabet of `slugify_instance`, kept as Sentry has it: `0`
/// appears twice (so it is twice as likely) and `8` never appears.
pub const SLUG_SUFFIX_ALPHABET: &[u8; 36] = b"abcdefghijklmnopqrstuvwxyz0123456790";

/// Suffix schedule of `slugify_instance`: (attempts, suffix length).
pub const SLUG_SUFFIX_SCHEDULE: &[(usize, usize)] = &[(1, 2), (5, 3), (20, 5), (1, 12)];

/// Why a caller-supplied project slug was rejected.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum SlugError {
    /// The empty string.
    #[error("invalid project slug {}: it may not be empty", shown(.0))]
    Empty(String),
    /// Longer than [`PROJECT_SLUG_MAX_LENGTH`].
    #[error(
        "invalid project slug {}: it is {length} characters long, longer than 50 characters",
        shown(.slug)
    )]
    TooLong {
        /// The rejected slug.
        slug: String,
        /// Its length in chars.
        length: usize,
    },
    /// Contains something other than lowercase ASCII letters, digits, `_`, `-`.
    #[error(
        "invalid project slug {}: it may only contain lowercase letters, numbers, underscores and hyphens",
        shown(.0)
    )]
    InvalidChars(String),
    /// Only digits.
    #[error("invalid project slug {}: it may not be entirely numeric", shown(.0))]
    AllDigits(String),
    /// One of [`RESERVED_PROJECT_SLUGS`].
    #[error("invalid project slug {}: it is reserved", shown(.0))]
    Reserved(String),
}

/// Python's `\s` restricted to ASCII (all that is left after slugify's ASCII
/// step): space, `\t`, `\n`, `\v`, `\f`, `\r` and U+001C..=U+001F.
fn is_ascii_py_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\u{0b}' | '\u{0c}' | '\r' | '\u{1c}'..='\u{1f}'
    )
}

/// Django's `slugify(value)` (`allow_unicode=False`): NFKD-normalise, drop
/// non-ASCII, lower-case, drop chars that are not word chars, whitespace or
/// `-`, collapse runs of whitespace/`-` into one `-`, then strip `-` and `_`
/// from both ends.
pub fn slugify(label: &str) -> String {
    let kept = label
        .nfkd()
        .filter(char::is_ascii)
        .map(|c| c.to_ascii_lowercase())
        .filter(|&c| c.is_ascii_alphanumeric() || c == '_' || c == '-' || is_ascii_py_space(c));
    let mut out = String::with_capacity(label.len());
    let mut in_run = false;
    for c in kept {
        if c == '-' || is_ascii_py_space(c) {
            if !in_run {
                out.push('-');
                in_run = true;
            }
        } else {
            out.push(c);
            in_run = false;
        }
    }
    out.trim_matches(|c| c == '-' || c == '_').to_owned()
}

/// True when `s` is non-empty and only ASCII digits (Python `isdecimal()` on
/// the ASCII-only output of [`slugify`]).
fn is_all_digits(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// Validates a slug supplied by a caller (never rewritten, unlike generated
/// ones): Sentry's slug rule `^[a-z0-9_-]+$`, not entirely numeric, at most 50
/// chars, and not reserved.
pub fn validate_project_slug(s: &str) -> Result<(), SlugError> {
    if s.is_empty() {
        return Err(SlugError::Empty(s.to_owned()));
    }
    let length = s.chars().count();
    if length > PROJECT_SLUG_MAX_LENGTH {
        return Err(SlugError::TooLong {
            slug: s.to_owned(),
            length,
        });
    }
    if !s
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
    {
        return Err(SlugError::InvalidChars(s.to_owned()));
    }
    if is_all_digits(s) {
        return Err(SlugError::AllDigits(s.to_owned()));
    }
    if RESERVED_PROJECT_SLUGS.contains(&s) {
        return Err(SlugError::Reserved(s.to_owned()));
    }
    Ok(())
}

/// `uuid4().hex[:12]`: 12 random lowercase hex chars.
fn random_hex12<R: Rng + ?Sized>(rng: &mut R) -> String {
    let bits: u64 = rng.random();
    format!("{:012x}", bits >> 16)
}

/// `get_random_string(len, SLUG_SUFFIX_ALPHABET)`.
fn random_suffix<R: Rng + ?Sized>(rng: &mut R, len: usize) -> String {
    (0..len)
        .filter_map(|_| SLUG_SUFFIX_ALPHABET.choose(rng).map(|&b| char::from(b)))
        .collect()
}

/// The base value of `slugify_instance` before any uniqueness check:
/// slugify, cut to 50 chars, strip `-`, strip whitespace, reserved → empty,
/// empty → 12 random hex chars.
fn base_slug<R: Rng + ?Sized>(name: &str, rng: &mut R) -> String {
    let slug = slugify(name);
    let cut = super::take_chars(&slug, PROJECT_SLUG_MAX_LENGTH).trim_matches('-');
    let cut = super::py_strip(cut);
    if cut.is_empty() || RESERVED_PROJECT_SLUGS.contains(&cut) {
        random_hex12(rng)
    } else {
        cut.to_owned()
    }
}

/// Generates a slug for a new project named `name`, exactly as Sentry's
/// `slugify_instance(..., reserved=RESERVED_PROJECT_SLUGS, max_length=50)`
/// (spec §4.2), using the thread-local RNG.
///
/// `is_taken(candidate)` must report whether another project of the same
/// organization already has that slug, compared **case-insensitively**
/// (Django `slug__iexact`); its error aborts generation. If every candidate of
/// the suffix schedule is taken, the last candidate is returned and the
/// database's unique constraint decides.
pub fn generate_project_slug<E>(
    name: &str,
    is_taken: impl FnMut(&str) -> Result<bool, E>,
) -> Result<String, E> {
    generate_project_slug_with_rng(name, &mut rand::rng(), is_taken)
}

/// [`generate_project_slug`] with an explicit random number generator (for
/// reproducible tests).
pub fn generate_project_slug_with_rng<R: Rng + ?Sized, E>(
    name: &str,
    rng: &mut R,
    mut is_taken: impl FnMut(&str) -> Result<bool, E>,
) -> Result<String, E> {
    let base = base_slug(name, rng);
    if !is_all_digits(&base) && !is_taken(&base)? {
        return Ok(base);
    }
    let mut last = base.clone();
    for &(attempts, size) in SLUG_SUFFIX_SCHEDULE {
        for _ in 0..attempts {
            let keep = PROJECT_SLUG_MAX_LENGTH.saturating_sub(size.saturating_add(1));
            let candidate = format!(
                "{}-{}",
                super::take_chars(&base, keep),
                random_suffix(rng, size)
            );
            if !is_taken(&candidate)? {
                return Ok(candidate);
            }
            last = candidate;
        }
    }
    Ok(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::HashSet;
    use std::convert::Infallible;

    fn is_hex12(s: &str) -> bool {
        s.len() == 12
            && s.chars()
                .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase())
    }

    fn free(_: &str) -> Result<bool, Infallible> {
        Ok(false)
    }

    #[test]
    fn slugify_table() {
        let cases = [
            ("Backend API", "backend-api"),
            ("Café Ünïcode!", "cafe-unicode"),
            ("  --hello__ ", "hello"),
            ("__init__", "init"),
            ("a_b", "a_b"),
            ("a - b", "a-b"),
            ("a\u{1c}b", "a-b"),
            ("a\tb\nc", "a-b-c"),
            ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
            ("ﬁnance", "finance"),
            ("日本語", ""),
            ("", ""),
            ("---", ""),
            ("-_-a-_-", "a"),
            ("hello world!!", "hello-world"),
            ("C++ & C#", "c-c"),
            ("x.y.z", "xyz"),
            ("Déjà Vu", "deja-vu"),
            ("Straße", "strae"),
        ];
        for (input, want) in cases {
            assert_eq!(slugify(input), want, "{input:?}");
        }
    }

    #[test]
    fn validate_project_slug_table() {
        let fifty = "a".repeat(50);
        let fifty_one = "a".repeat(51);
        #[derive(Debug, PartialEq)]
        enum W {
            Ok,
            Empty,
            Long,
            Chars,
            Digits,
            Reserved,
        }
        let cases: Vec<(&str, W)> = vec![
            ("backend-api", W::Ok),
            ("a_b-1", W::Ok),
            ("1a", W::Ok),
            ("-", W::Ok),
            (&fifty, W::Ok),
            ("", W::Empty),
            (&fifty_one, W::Long),
            ("Backend", W::Chars),
            ("a b", W::Chars),
            ("ü", W::Chars),
            ("abc\n", W::Chars),
            ("a.b", W::Chars),
            ("12345", W::Digits),
            ("0", W::Digits),
            ("settings", W::Reserved),
            ("api-keys", W::Reserved),
        ];
        for (input, want) in cases {
            let got = match validate_project_slug(input) {
                Ok(()) => W::Ok,
                Err(SlugError::Empty(_)) => W::Empty,
                Err(SlugError::TooLong { .. }) => W::Long,
                Err(SlugError::InvalidChars(_)) => W::Chars,
                Err(SlugError::AllDigits(_)) => W::Digits,
                Err(SlugError::Reserved(_)) => W::Reserved,
            };
            assert_eq!(got, want, "{input:?}");
        }
        let msg = validate_project_slug("Bad Slug").unwrap_err().to_string();
        assert!(
            msg.starts_with("invalid project slug \"Bad Slug\""),
            "{msg}"
        );
        assert!(!msg.contains('\n'));
    }

    #[test]
    fn generate_simple_names() {
        let cases = [
            ("Backend API", "backend-api"),
            ("Café Ünïcode!", "cafe-unicode"),
            ("  --hello__ ", "hello"),
            ("a_", "a"),
            ("$all", "all"),
        ];
        for (name, want) in cases {
            assert_eq!(generate_project_slug(name, free).unwrap(), want, "{name:?}");
        }
    }

    #[test]
    fn generate_reserved_or_empty_gives_hex12() {
        for name in [
            "Settings",
            "settings",
            "  ",
            "日本語",
            "!!!",
            "Usage",
            "--",
            "Developer Settings",
            "API keys",
        ] {
            let slug = generate_project_slug(name, free).unwrap();
            // 12 hex digits; when they happen to be all decimal digits (one time in 280), the
            // all-digits rule adds a suffix, as in Sentry.
            let digits_then_suffix = slug.len() == 15
                && slug
                    .get(..12)
                    .is_some_and(|hex| hex.bytes().all(|b| b.is_ascii_digit()))
                && slug.get(12..13) == Some("-");
            assert!(
                is_hex12(&slug) || digits_then_suffix,
                "{name:?} -> {slug:?}"
            );
        }
    }

    #[test]
    fn an_all_digit_hex12_gets_the_suffix_too() {
        // An rng whose first twelve hex digits are all decimal: the slug is not left all digits.
        let seed = (0..u64::MAX)
            .find(|seed| {
                let mut rng = StdRng::seed_from_u64(*seed);
                is_all_digits(&base_slug("Settings", &mut rng))
            })
            .unwrap();
        let slug =
            generate_project_slug_with_rng("Settings", &mut StdRng::seed_from_u64(seed), free)
                .unwrap();
        assert!(!is_all_digits(&slug), "{slug:?}");
        assert_eq!(slug.len(), 15, "{slug:?}");
    }

    #[test]
    fn generate_all_digits_gets_a_two_char_suffix() {
        for _ in 0..50 {
            let slug = generate_project_slug("12345", free).unwrap();
            let (head, tail) = slug.split_at(6);
            assert_eq!(head, "12345-", "{slug}");
            assert_eq!(tail.len(), 2, "{slug}");
            assert!(tail.bytes().all(|b| SLUG_SUFFIX_ALPHABET.contains(&b)));
        }
    }

    #[test]
    fn generate_cuts_long_names_to_50_without_trailing_hyphen() {
        let cases = [
            ("a".repeat(60), "a".repeat(50)),
            (format!("{}-b", "a".repeat(49)), "a".repeat(49)),
            (
                format!("{} {}", "a".repeat(49), "b".repeat(10)),
                "a".repeat(49),
            ),
            (
                format!("{}_{}", "a".repeat(49), "b".repeat(10)),
                format!("{}_", "a".repeat(49)),
            ),
        ];
        for (name, want) in cases {
            let slug = generate_project_slug(&name, free).unwrap();
            assert_eq!(slug, want, "{name:?}");
            assert!(slug.chars().count() <= 50);
            assert!(!slug.ends_with('-'));
        }
    }

    /// Takes the base and the first `n` candidates, recording every call.
    fn run_with_collisions(name: &str, n_taken: usize, seed: u64) -> (String, Vec<String>) {
        let mut rng = StdRng::seed_from_u64(seed);
        let mut taken: HashSet<String> = HashSet::new();
        let mut calls: Vec<String> = Vec::new();
        let slug = generate_project_slug_with_rng(name, &mut rng, |c| {
            calls.push(c.to_owned());
            // The base and the first `n_taken` suffixed candidates are taken.
            let is_taken = calls.len() <= n_taken + 1 || taken.contains(c);
            if is_taken {
                taken.insert(c.to_owned());
            }
            Ok::<bool, Infallible>(is_taken)
        })
        .unwrap();
        (slug, calls)
    }

    #[test]
    fn generate_collision_schedule_stages() {
        // (candidates already taken after the base, expected suffix length)
        let cases = [(0, 2), (1, 3), (5, 3), (6, 5), (25, 5), (26, 12)];
        for (n_taken, want_len) in cases {
            let (slug, calls) = run_with_collisions("Backend API", n_taken, 7 + n_taken as u64);
            assert_eq!(calls.len(), n_taken + 2, "n_taken={n_taken}");
            let suffix = slug.strip_prefix("backend-api-").expect("prefix kept");
            assert_eq!(suffix.len(), want_len, "n_taken={n_taken} slug={slug}");
        }
    }

    #[test]
    fn generate_all_taken_returns_last_candidate() {
        let mut calls = Vec::new();
        let slug = generate_project_slug("Backend API", |c: &str| {
            calls.push(c.to_owned());
            Ok::<bool, Infallible>(true)
        })
        .unwrap();
        assert_eq!(calls.len(), 1 + 1 + 5 + 20 + 1);
        assert_eq!(calls.last(), Some(&slug));
        assert_eq!(slug.strip_prefix("backend-api-").map(str::len), Some(12));
    }

    #[test]
    fn generate_collision_with_hashset_closure() {
        let mut existing: HashSet<String> = ["backend-api".to_owned()].into_iter().collect();
        for _ in 0..20 {
            let slug = generate_project_slug("Backend API", |c: &str| {
                Ok::<bool, Infallible>(existing.contains(&c.to_lowercase()))
            })
            .unwrap();
            assert!(!existing.contains(&slug), "{slug}");
            assert!(slug.starts_with("backend-api-"), "{slug}");
            existing.insert(slug);
        }
    }

    #[test]
    fn generate_suffix_truncates_long_base() {
        let name = "x".repeat(50);
        let cases = [(0, 47, 2), (1, 46, 3), (6, 44, 5), (26, 37, 12)];
        for (n_taken, keep, size) in cases {
            let (slug, _) = run_with_collisions(&name, n_taken, 99);
            assert_eq!(slug.chars().count(), keep + 1 + size, "{slug}");
            assert!(
                slug.starts_with(&format!("{}-", "x".repeat(keep))),
                "{slug}"
            );
            assert!(slug.chars().count() <= PROJECT_SLUG_MAX_LENGTH);
        }
    }

    #[test]
    fn generate_propagates_lookup_errors() {
        let r = generate_project_slug("Backend", |_: &str| Err::<bool, &str>("db down"));
        assert_eq!(r, Err("db down"));
    }

    #[test]
    fn suffix_never_contains_eight() {
        let mut rng = StdRng::seed_from_u64(1);
        let mut seen_zero = false;
        for _ in 0..2000 {
            let s = random_suffix(&mut rng, 12);
            assert_eq!(s.len(), 12);
            assert!(!s.contains('8'), "{s}");
            assert!(s.bytes().all(|b| SLUG_SUFFIX_ALPHABET.contains(&b)));
            seen_zero |= s.contains('0');
        }
        assert!(seen_zero);
        assert!(!SLUG_SUFFIX_ALPHABET.contains(&b'8'));
        assert_eq!(
            SLUG_SUFFIX_ALPHABET.iter().filter(|&&b| b == b'0').count(),
            2
        );
    }

    #[test]
    fn random_hex12_shape() {
        let mut rng = StdRng::seed_from_u64(3);
        for _ in 0..100 {
            assert!(is_hex12(&random_hex12(&mut rng)));
        }
    }
}
