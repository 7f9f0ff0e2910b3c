//! Property tests (proptest) of the parsers and rules that need no store: release versions,
//! slugs, short ids, issue references, snowflake ids, author e-mails, organization option values,
//! git remote URLs, server URLs and config files. The body decoders of `serve` have theirs in
//! `server/props.rs`, `--commit` specs in `cli/set_commits/props.rs`, and the API end to end in
//! `tests/it/server/props.rs`.
//!
//! Each property states a rule of `shared/spec/server-flow.md` or `cli.md` (the section is
//! named), or a round trip, and none may panic. `cargo test` runs a few dozen to a few hundred
//! cases per property; `PROPTEST_CASES=N` runs N for every property (proptest applies the
//! variable on top of the counts set here).

use proptest::prelude::*;
use proptest::sample::select;

/// `cases` cases unless `PROPTEST_CASES` says otherwise; failures are reported (with the
/// shrunk input and seed), not written to `proptest-regressions/` files in the source tree.
pub(crate) fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

/// A string of `len` chars drawn from `chars`.
pub(crate) fn string_of(
    chars: impl Strategy<Value = char>,
    len: std::ops::Range<usize>,
) -> impl Strategy<Value = String> {
    prop::collection::vec(chars, len).prop_map(|chars| chars.into_iter().collect())
}

/// Chars that the rules single out: the forbidden ones, Python's and Rust's whitespace,
/// controls, escapes, bidi overrides, dots, and letters whose case folding is special.
pub(crate) const TRICKY: &[char] = &[
    '\r', '\n', '\u{0c}', '\t', '/', '\\', '\0', ' ', '.', '\u{0b}', '\u{1c}', '\u{1f}', '\u{85}',
    '\u{a0}', '\u{2028}', '\u{3000}', '\u{1b}', '\u{7}', '\u{7f}', '\u{202e}', '\u{200b}', '@',
    '+', '-', '_', ',', ':', '#', '%', '?', '[', ']', '(', ')', '"', '\'', 'L', 'a', 't', 'e', 's',
    'x', '1', 'Z', 'ü', '😀', '\u{130}', '\u{131}', '\u{17f}', '\u{212a}',
];

/// Any char, with the tricky ones often.
pub(crate) fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![any::<char>(), select(TRICKY)]
}

/// Any text of up to `max` chars.
pub(crate) fn any_text(max: usize) -> impl Strategy<Value = String> {
    string_of(any_char(), 0..max + 1)
}

/// Every field name a body decoder of `serve` or a reader of the remote client looks for, so
/// that generated JSON objects hit them.
const KEYS: &[&str] = &[
    "version",
    "projects",
    "ref",
    "url",
    "dateReleased",
    "status",
    "commits",
    "refs",
    "headCommits",
    "id",
    "repository",
    "message",
    "author_name",
    "author_email",
    "timestamp",
    "patch_set",
    "path",
    "type",
    "commit",
    "previousCommit",
    "currentId",
    "previousId",
    "environment",
    "name",
    "dateStarted",
    "dateFinished",
    "author",
    "authorEmail",
    "authorName",
    "authors",
    "commitCount",
    "data",
    "dateAdded",
    "dateCreated",
    "date_added",
    "deploy",
    "deployCount",
    "email",
    "event",
    "firstSeen",
    "history",
    "inRelease",
    "in_release",
    "inbox",
    "issue",
    "lastCommit",
    "lastDeploy",
    "options",
    "organization",
    "patchSet",
    "platform",
    "project",
    "reason",
    "release",
    "resolution",
    "resolved",
    "resolvedIssues",
    "shortVersion",
    "statusDetails",
    "shortId",
    "title",
    "slug",
    "rows",
    "activity",
];

/// A JSON object key: mostly a field name, sometimes anything.
pub(crate) fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => select(KEYS).prop_map(str::to_string),
        1 => any_text(8),
    ]
}

/// Any JSON scalar, with the values the decoders look for now and then.
pub(crate) fn json_leaf() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any_text(20).prop_map(Value::String),
        select(vec![
            "open",
            "archived",
            "resolved",
            "unresolved",
            "A",
            "M",
            "D",
            "a..b",
            "..",
            "",
            " ",
            "2024-01-02T10:00:00Z",
            "2024-01-02T10:00:00.000000Z",
            "https://x.io/",
            "1",
            "-1",
        ])
        .prop_map(Value::from),
    ]
}

/// Any JSON value, with objects keyed mostly by field names.
pub(crate) fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    json_leaf().prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            prop::collection::vec((key(), inner), 0..6)
                .prop_map(|pairs| Value::Object(pairs.into_iter().collect())),
        ]
    })
}

mod version {
    use super::*;
    use crate::domain::py_strip;
    use crate::domain::version::{
        BAD_RELEASE_CHARS, MAX_VERSION_LENGTH, VersionError, validate_version, version_ident,
    };

    /// Whitespace that is not a forbidden char: Python's `str.strip()` removes it.
    const SPACES: &[char] = &[
        ' ', '\u{0b}', '\u{1c}', '\u{1d}', '\u{1e}', '\u{1f}', '\u{85}', '\u{a0}', '\u{2000}',
        '\u{2028}', '\u{205f}', '\u{3000}',
    ];

    fn spaces(max: usize) -> impl Strategy<Value = String> {
        string_of(select(SPACES), 0..max + 1)
    }

    /// Chars of a version that can never be rejected on their own: no control char, no
    /// whitespace, no `/` or `\`.
    fn plain_char() -> impl Strategy<Value = char> {
        prop_oneof![
            any::<char>(),
            select(vec!['.', '@', '+', '-', '_', 'ü', '😀'])
        ]
        .prop_map(|c| {
            if c.is_control() || c.is_whitespace() || BAD_RELEASE_CHARS.contains(&c) {
                'x'
            } else {
                c
            }
        })
    }

    fn is_reserved(core: &str) -> bool {
        core == "." || core == ".." || core.to_lowercase() == "latest"
    }

    proptest! {
        #![proptest_config(config(256))]

        /// Never panics; a rejection is one line that names the version without raw control
        /// characters (it is printed to terminals and logs).
        #[test]
        fn any_text_is_judged_without_panicking(v in any_text(260)) {
            if let Err(err) = validate_version(&v) {
                let message = err.to_string();
                prop_assert!(
                    !message.chars().any(char::is_control),
                    "raw control char in {message:?}"
                );
            }
            let ident = version_ident(&v);
            prop_assert!(v.starts_with(ident));
            prop_assert_eq!(ident.chars().count(), v.chars().count().min(64));
        }

        /// server-flow 1.2 rule 2 and the serializer's NUL rule: a CR, LF, FF, TAB, `/`, `\`
        /// or NUL anywhere rejects the version.
        #[test]
        fn a_forbidden_char_anywhere_is_rejected(
            before in any_text(100),
            after in any_text(100),
            bad in select(vec!['\r', '\n', '\u{0c}', '\t', '/', '\\', '\0']),
        ) {
            let v = format!("{before}{bad}{after}");
            prop_assert!(validate_version(&v).is_err(), "{v:?} accepted");
        }

        /// server-flow 1.2 rules 3-5: blank, `.`, `..` and `latest` in any case are rejected
        /// whatever whitespace surrounds them (Python `str.strip()`).
        #[test]
        fn blank_dots_and_latest_are_rejected_with_any_padding(
            left in spaces(4),
            right in spaces(4),
            core in prop_oneof![
                Just(String::new()),
                Just(".".to_string()),
                Just("..".to_string()),
                "[lL][aA][tT][eE][sS][tT]",
            ],
        ) {
            let v = format!("{left}{core}{right}");
            let result = validate_version(&v);
            prop_assert!(
                matches!(
                    result,
                    Err(VersionError::Empty(_)
                        | VersionError::Blank(_)
                        | VersionError::Dots(_)
                        | VersionError::Latest(_))
                ),
                "{:?}: {:?}", v, result
            );
        }

        /// The API limit: more than 200 chars is rejected, counted in chars, not bytes.
        #[test]
        fn more_than_200_chars_is_rejected(v in string_of(plain_char(), 201..320)) {
            prop_assert!(
                matches!(validate_version(&v), Err(VersionError::TooLong { .. })),
                "{v:?}"
            );
        }

        /// Everything else is valid (1.2 "Everything else is valid"): any printable text of
        /// 1-200 chars without whitespace, `/` or `\`, unicode included, and it stays valid with
        /// spaces around it (they are stored, not trimmed) or another char at either end.
        #[test]
        fn printable_text_is_valid_and_stays_valid(
            v in string_of(plain_char(), 1..201),
            left in spaces(3),
            right in spaces(3),
        ) {
            prop_assume!(!is_reserved(&v));
            prop_assert_eq!(validate_version(&v), Ok(()));
            let padded = format!("{left}{v}{right}");
            if padded.chars().count() <= MAX_VERSION_LENGTH {
                prop_assert_eq!(validate_version(&padded), Ok(()), "{:?}", padded);
                prop_assert_eq!(py_strip(&padded), v.as_str());
            }
            if v.chars().count() < MAX_VERSION_LENGTH {
                prop_assert_eq!(validate_version(&format!("{v}1")), Ok(()));
                prop_assert_eq!(validate_version(&format!("1{v}")), Ok(()));
            }
        }

        /// The CLI's check is the same rule with the same words.
        #[test]
        fn the_cli_check_is_the_same_rule(v in any_text(210)) {
            let domain = validate_version(&v).map_err(|err| err.to_string());
            let cli = crate::flow::releases::check_version(&v).map_err(|err| err.message);
            prop_assert_eq!(domain, cli);
        }
    }
}

mod slug {
    use super::*;
    use crate::domain::slug::{
        PROJECT_SLUG_MAX_LENGTH, RESERVED_PROJECT_SLUGS, SLUG_SUFFIX_ALPHABET, SlugError,
        generate_project_slug_with_rng, slugify, validate_project_slug,
    };
    use rand::SeedableRng;
    use rand::rngs::StdRng;
    use std::collections::HashSet;
    use std::convert::Infallible;

    fn is_slug_char(c: char) -> bool {
        c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-'
    }

    /// Names people give projects, and worse.
    fn name() -> impl Strategy<Value = String> {
        prop_oneof![
            any_text(80),
            "[A-Za-z0-9 _.!&-]{0,70}",
            "(?:[A-Za-zÀ-ÿ]{1,8}[ _-]){0,8}[A-Za-z0-9]{0,8}",
        ]
    }

    proptest! {
        #![proptest_config(config(256))]

        /// server-flow 4.2 step 1 (Django `slugify`): the output is lowercase ASCII letters,
        /// digits, `_` and `-`, with no run of `-`, no `-` or `_` at either end, and slugify is
        /// idempotent.
        #[test]
        fn slugify_yields_a_slug_and_is_idempotent(label in name()) {
            let slug = slugify(&label);
            prop_assert!(slug.chars().all(is_slug_char), "{slug:?}");
            prop_assert!(!slug.contains("--"), "{slug:?}");
            prop_assert!(!slug.starts_with(['-', '_']) && !slug.ends_with(['-', '_']), "{slug:?}");
            prop_assert_eq!(slugify(&slug), slug.clone());
            // Case and surrounding separators do not matter.
            prop_assert_eq!(slugify(&label.to_ascii_uppercase()), slug.clone());
            prop_assert_eq!(slugify(&format!(" -{label}_ ")), slug);
        }

        /// A slug made of words joined by single hyphens is its own slugify.
        #[test]
        fn slugify_keeps_a_hyphenated_slug(slug in "[a-z0-9]{1,8}(?:[-_][a-z0-9]{1,8}){0,5}") {
            prop_assert_eq!(slugify(&slug), slug);
        }

        /// server-flow 4.1/4.2 with no clash: the generated slug passes the slug rule a
        /// caller-supplied slug must pass (charset, 1-50 chars, not all digits, not reserved).
        #[test]
        fn generated_slugs_are_valid_slugs(label in name(), seed in any::<u64>()) {
            let mut rng = StdRng::seed_from_u64(seed);
            let slug = generate_project_slug_with_rng(&label, &mut rng, |_| {
                Ok::<bool, Infallible>(false)
            });
            let Ok(slug) = slug;
            prop_assert_eq!(validate_project_slug(&slug), Ok(()), "{:?} -> {:?}", label, slug);
        }

        /// server-flow 4.2 steps 5-6: a clash (case-insensitive) gives `base-suffix`, the
        /// suffix from Sentry's alphabet, at most 50 chars, never a slug that is taken.
        #[test]
        fn clashes_get_a_free_suffixed_slug(
            label in "[A-Za-z][A-Za-z0-9 ]{0,70}",
            others in prop::collection::vec("[a-z0-9-]{1,10}", 0..6),
            seed in any::<u64>(),
        ) {
            let mut rng = StdRng::seed_from_u64(seed);
            let base = generate_project_slug_with_rng(&label, &mut rng, |_| {
                Ok::<bool, Infallible>(false)
            });
            let Ok(base) = base;
            // Taken: the base in upper case, and slugs that cannot be a suffixed candidate.
            let mut taken: HashSet<String> = others
                .into_iter()
                .filter(|o| !o.contains('-') || !o.starts_with(base.get(..3).unwrap_or("")))
                .collect();
            taken.insert(base.to_uppercase());
            let mut rng = StdRng::seed_from_u64(seed);
            let mut asked = Vec::new();
            let slug = generate_project_slug_with_rng(&label, &mut rng, |candidate| {
                asked.push(candidate.to_string());
                Ok::<bool, Infallible>(taken.iter().any(|t| t.eq_ignore_ascii_case(candidate)))
            });
            let Ok(slug) = slug;
            prop_assert!(!taken.iter().any(|t| t.eq_ignore_ascii_case(&slug)), "{slug:?}");
            prop_assert!(slug.chars().count() <= PROJECT_SLUG_MAX_LENGTH, "{slug:?}");
            let (head, suffix) = slug.rsplit_once('-').unwrap_or(("", ""));
            prop_assert!(base.starts_with(head), "{slug:?} from {base:?}");
            prop_assert!(
                !suffix.is_empty() && suffix.bytes().all(|b| SLUG_SUFFIX_ALPHABET.contains(&b)),
                "{slug:?}"
            );
            prop_assert_eq!(asked.last(), Some(&slug));
        }

        /// The rule for caller-supplied slugs rejects any char outside `[a-z0-9_-]`, more than
        /// 50 chars, all digits and the reserved names; and accepts everything else.
        #[test]
        fn validate_slug_rejects_exactly_what_the_rule_says(s in prop_oneof![
            any_text(60),
            "[a-z0-9_-]{0,60}",
            "[0-9]{1,5}",
            select(RESERVED_PROJECT_SLUGS).prop_map(str::to_string),
        ]) {
            let result = validate_project_slug(&s);
            let expected = if s.is_empty() {
                Err("empty")
            } else if s.chars().count() > PROJECT_SLUG_MAX_LENGTH {
                Err("long")
            } else if !s.chars().all(is_slug_char) {
                Err("chars")
            } else if s.chars().all(|c| c.is_ascii_digit()) {
                Err("digits")
            } else if RESERVED_PROJECT_SLUGS.contains(&s.as_str()) {
                Err("reserved")
            } else {
                Ok(())
            };
            let got = result.as_ref().map(|_| ()).map_err(|err| match err {
                SlugError::Empty(_) => "empty",
                SlugError::TooLong { .. } => "long",
                SlugError::InvalidChars(_) => "chars",
                SlugError::AllDigits(_) => "digits",
                SlugError::Reserved(_) => "reserved",
            });
            prop_assert_eq!(got, expected, "{:?}", s);
            if let Err(err) = result {
                prop_assert!(!err.to_string().chars().any(char::is_control), "{err}");
            }
        }
    }
}

mod short_id {
    use super::*;
    use crate::domain::short_id::{
        BASE32_ALPHABET, MAX_SHORT_ID, decode_base32, encode_base32, parse_short_id,
        qualified_short_id,
    };

    /// Project slugs as `validate_project_slug` allows them.
    fn project_slug() -> impl Strategy<Value = String> {
        "[a-z0-9_-]{0,12}[a-z][a-z0-9_-]{0,12}"
    }

    /// Slugs that can be referenced from a commit message: the short-id regex starts at a word
    /// boundary, so a slug that begins with `-` (valid, but never made by slugify) loses it,
    /// in Sentry as here (`Fix -A-0` references `A-0`).
    pub(super) fn referable_slug() -> impl Strategy<Value = String> {
        "[a-z0-9_][a-z0-9_-]{0,8}[a-z][a-z0-9_-]{0,8}"
    }

    proptest! {
        #![proptest_config(config(256))]

        /// server-flow 2.6: encode then decode gives the number back, for every storable id;
        /// the text uses the alphabet only (no I, L, O, U), and has no leading zero.
        #[test]
        fn base32_round_trips(n in prop_oneof![0..1024u64, 0..=MAX_SHORT_ID]) {
            let text = encode_base32(n);
            prop_assert!(text.chars().all(|c| BASE32_ALPHABET.contains(c)), "{text}");
            prop_assert!(n == 0 || !text.starts_with('0'), "{text}");
            prop_assert_eq!(decode_base32(&text), Some(n));
            prop_assert_eq!(decode_base32(&text.to_lowercase()), Some(n));
            // O reads as 0, I and L as 1.
            let confusable = text.replace('0', "o").replace('1', "l");
            prop_assert_eq!(decode_base32(&confusable), Some(n));
        }

        /// Numbers above 2^63 - 1 are not short ids (BoundedBigInteger).
        #[test]
        fn base32_above_the_maximum_is_refused(n in (MAX_SHORT_ID + 1)..=u64::MAX) {
            prop_assert_eq!(decode_base32(&encode_base32(n)), None);
        }

        /// The encoding keeps the order of numbers (shorter first, then alphabetical), so
        /// short ids sort like their counters.
        #[test]
        fn base32_keeps_order(a in any::<u64>(), b in any::<u64>()) {
            let (ta, tb) = (encode_base32(a), encode_base32(b));
            prop_assert_eq!(a.cmp(&b), (ta.len(), ta).cmp(&(tb.len(), tb)));
        }

        /// Decoding arbitrary text never panics; what decodes re-encodes to its canonical form.
        #[test]
        fn base32_decode_is_canonical(s in prop_oneof![any_text(20), "[0-9A-Za-z]{1,14}"]) {
            if let Some(n) = decode_base32(&s) {
                prop_assert!(n <= MAX_SHORT_ID);
                let canonical: String = s
                    .to_uppercase()
                    .replace('O', "0")
                    .replace(['I', 'L'], "1")
                    .trim_start_matches('0')
                    .to_string();
                let canonical = if canonical.is_empty() { "0".to_string() } else { canonical };
                prop_assert_eq!(encode_base32(n), canonical);
            }
        }

        /// `UPPER(slug)-base32(n)` parses back to (slug, n), also with surrounding whitespace
        /// and the `issue:` prefix (server-flow 2.6, `parse_short_id`).
        #[test]
        fn qualified_short_ids_round_trip(
            slug in project_slug(),
            n in prop_oneof![0..100_000u64, 0..=MAX_SHORT_ID],
            prefix in select(vec!["", "issue:", "issueee:", "  ", "\n"]),
            suffix in select(vec!["", " ", "\t\n"]),
        ) {
            let qualified = qualified_short_id(&slug, n);
            prop_assert_eq!(
                parse_short_id(&format!("{prefix}{qualified}{suffix}")),
                Some((slug, n))
            );
        }

        /// Parsing arbitrary text never panics; a parsed number is storable.
        #[test]
        fn parse_short_id_never_panics(s in any_text(40)) {
            if let Some((_, n)) = parse_short_id(&s) {
                prop_assert!(n <= MAX_SHORT_ID);
            }
        }
    }
}

mod references {
    use super::short_id::referable_slug as project_slug;
    use super::*;
    use crate::domain::references::{referenced_issue_ids_in_urls, referenced_short_ids};
    use crate::domain::short_id::{parse_short_id, qualified_short_id};

    const KEYWORDS: &[&str] = &[
        "Fix", "Fixes", "Fixed", "Close", "Closes", "Closed", "Resolve", "Resolves", "Resolved",
        "fixes", "FIXED", "closes", "resolved",
    ];

    /// Prose that can hold no keyword and no short id: no `f`, `c` or `r` (so no keyword), no
    /// hyphen, no digit.
    fn prose() -> impl Strategy<Value = String> {
        prop::collection::vec("[abd-eg-qs-zABD-EG-QS-Z]{1,8}", 0..8).prop_map(|w| w.join(" "))
    }

    /// Text without the letters of any keyword: whatever it holds, nothing is referenced.
    fn keywordless() -> impl Strategy<Value = String> {
        string_of(
            any_char().prop_filter("no keyword letters", |c| {
                !matches!(c.to_ascii_lowercase(), 'f' | 'c' | 'r')
            }),
            0..120,
        )
    }

    /// One reference as written: the id, and how it sits in the message.
    fn reference() -> impl Strategy<Value = (String, String)> {
        (project_slug(), 0..5000u64, 0..3usize).prop_map(|(slug, n, form)| {
            let id = qualified_short_id(&slug, n);
            let written = match form {
                0 => id.clone(),
                1 => format!("[{id}](https://example.com/issues/{n}/)"),
                _ => id.to_lowercase(),
            };
            let id = if form == 2 { id.to_lowercase() } else { id };
            (id, written)
        })
    }

    proptest! {
        #![proptest_config(config(256))]

        /// server-flow 2.6: a message built from prose and "<Keyword>[:] ID, ID ..." groups
        /// references exactly the ids it was built with, in order, without exact duplicates,
        /// and each parses back as a short id.
        #[test]
        fn finds_exactly_the_references_it_was_built_with(
            before in prose(),
            groups in prop::collection::vec(
                (select(KEYWORDS), any::<bool>(), prop::collection::vec(reference(), 1..4),
                 select(vec![", ", " ", ",\n", " and "]), prose()),
                0..4,
            ),
        ) {
            let mut message = before.clone();
            let mut expected: Vec<String> = Vec::new();
            for (keyword, colon, refs, separator, after) in &groups {
                let written: Vec<&str> = refs.iter().map(|(_, w)| w.as_str()).collect();
                message.push_str(&format!(
                    "\n{keyword}{} {}. {after}",
                    if *colon { ":" } else { "" },
                    written.join(separator)
                ));
                for (id, _) in refs {
                    if !expected.contains(id) {
                        expected.push(id.clone());
                    }
                }
            }
            let found = referenced_short_ids(&message);
            prop_assert_eq!(&found, &expected, "{:?}", message);
            for id in &found {
                prop_assert!(parse_short_id(id).is_some(), "{id}");
            }
        }

        /// Without a keyword nothing is referenced, however many `ABC-1` tokens or issue URLs
        /// the message holds.
        #[test]
        fn no_keyword_no_reference(text in keywordless(), ids in prop::collection::vec(
            (project_slug(), 0..100u64), 0..4,
        )) {
            let mut message = text;
            for (slug, n) in ids {
                message.push_str(&format!(
                    " {} https://sentry.example.com/issues/{n}/",
                    qualified_short_id(&slug, n)
                ));
            }
            prop_assert_eq!(referenced_short_ids(&message), Vec::<String>::new());
            prop_assert_eq!(
                referenced_issue_ids_in_urls(&message, "sentry.example.com"),
                Vec::<u64>::new()
            );
        }

        /// Any text: no panic, every candidate has the short-id shape, none repeats.
        #[test]
        fn candidates_have_the_short_id_shape(text in prop_oneof![
            any_text(200),
            (select(KEYWORDS), any_text(100)).prop_map(|(k, t)| format!("{k} {t}")),
        ]) {
            let found = referenced_short_ids(&text);
            for (i, id) in found.iter().enumerate() {
                prop_assert!(!found[..i].contains(id), "{id} twice");
                let (head, tail) = id.rsplit_once('-').unwrap_or(("", ""));
                prop_assert!(!head.is_empty() && !tail.is_empty(), "{id:?}");
                // Python's re.I also lets ASCII letters match ı, İ, ſ and the Kelvin sign.
                prop_assert!(
                    tail.chars().all(|c| c.is_ascii_alphanumeric() || "ıİſ\u{212a}".contains(c)),
                    "{id:?}"
                );
            }
            let _ = referenced_issue_ids_in_urls(&text, "sentry.example.com");
            let _ = referenced_issue_ids_in_urls(&text, &text);
        }

        /// server-flow 2.6 step 6: "Fixes <url>/issues/N" counts when the URL's host is the
        /// server's host or a sub-domain of it, never another host.
        #[test]
        fn issue_urls_count_only_on_this_server(
            n in 0..=i64::MAX as u64,
            sub in prop_oneof![Just(String::new()), "[a-z]{1,8}\\."],
            scheme in select(vec!["http", "https"]),
            keyword in select(KEYWORDS),
            evil in "[a-z]{1,8}",
        ) {
            let host = "sentry.example.com";
            let good = format!("{keyword} {scheme}://{sub}{host}/organizations/o/issues/{n}/");
            prop_assert_eq!(referenced_issue_ids_in_urls(&good, host), vec![n]);
            let https_host = format!("https://{host}");
            prop_assert_eq!(referenced_issue_ids_in_urls(&good, &https_host), vec![n]);
            for bad_host in [
                format!("{evil}.com"),
                format!("{host}.{evil}.com"),
                format!("{evil}{host}"),
            ] {
                let bad = format!("{keyword} {scheme}://{bad_host}/issues/{n}/");
                prop_assert_eq!(referenced_issue_ids_in_urls(&bad, host), Vec::<u64>::new());
            }
        }
    }
}

mod snowflake {
    use super::*;
    use crate::domain::snowflake::{
        EPOCH_UNIX_SECONDS, GenerateError, LOOKBACK_SECONDS, SnowflakeError, SnowflakeParts,
        VERSION_ID, compose, created_at, decompose, generate_id, msb_0_ordering,
    };
    use std::collections::{HashMap, HashSet};
    use std::convert::Infallible;

    const MAX_TIME: u64 = (1 << 32) - 1;

    proptest! {
        #![proptest_config(config(256))]

        /// server-flow 5.1: an id built from in-range parts is positive, fits 53 bits, has the
        /// version 16 on top, and decodes to exactly the parts it was built from.
        #[test]
        fn ids_decode_to_their_parts(t in 0..=MAX_TIME, region in 0..4096u64, seq in 0..16u64) {
            let id = compose(t, region, seq);
            prop_assert!(id.is_ok(), "{id:?}");
            let id = id.unwrap_or_default();
            prop_assert!(id > 0);
            prop_assert!(id < 1 << 53);
            prop_assert!(id >= 16 << 48);
            prop_assert_eq!(decompose(id), SnowflakeParts {
                version: VERSION_ID,
                seconds_since_epoch: t,
                region,
                sequence: seq,
            });
            let created = created_at(id).timestamp();
            prop_assert_eq!(created, EPOCH_UNIX_SECONDS + i64::try_from(t).unwrap_or(0));
        }

        /// Ids order like (time, region, sequence): a later second always sorts after.
        #[test]
        fn ids_order_like_their_parts(
            a in (0..=MAX_TIME, 0..4096u64, 0..16u64),
            b in (0..=MAX_TIME, 0..4096u64, 0..16u64),
        ) {
            let ia = compose(a.0, a.1, a.2).unwrap();
            let ib = compose(b.0, b.1, b.2).unwrap();
            prop_assert_eq!(ia.cmp(&ib), a.cmp(&b));
        }

        /// A part out of its width is refused with Sentry's message, never wrapped.
        #[test]
        fn out_of_range_parts_are_refused(
            t in any::<u64>(), region in any::<u64>(), seq in any::<u64>(),
        ) {
            let result = compose(t, region, seq);
            let fits = t <= MAX_TIME && region < 4096 && seq < 16;
            prop_assert_eq!(result.is_ok(), fits, "{:?}", result);
            if let Err(SnowflakeError::SegmentOverflow { name, width }) = result {
                prop_assert!(["Time difference", "Region ID", "Region sequence"].contains(&name));
                prop_assert!([32, 12, 4].contains(&width));
            }
        }

        /// Any i64 decodes without panicking, and an id with the version on top re-encodes to
        /// itself.
        #[test]
        fn decompose_then_compose(id in prop_oneof![any::<i64>(), (16i64 << 48)..(1i64 << 53)]) {
            let parts = decompose(id);
            prop_assert!(parts.version < 32 && parts.region < 4096 && parts.sequence < 16);
            let _ = created_at(id);
            if (16i64 << 48..17i64 << 48).contains(&id) {
                prop_assert_eq!(compose(parts.seconds_since_epoch, parts.region, parts.sequence), Ok(id));
            }
        }

        /// `msb_0_ordering` reverses the bits of a `width`-bit value: doing it twice is the
        /// identity (the version field 1 -> 16 of 5.1 is one case).
        #[test]
        fn msb_0_ordering_is_an_involution(width in 1..=63u32, raw in any::<u64>()) {
            let v = raw & ((1u64 << width) - 1);
            let once = msb_0_ordering(v, width);
            prop_assert!(once < 1u64 << width);
            prop_assert_eq!(msb_0_ordering(once, width), v);
        }

        /// server-flow 5.3: ids handed out while the clock moves on are all distinct, carry the
        /// region, embed a second at most 299 s before the clock, and run out only when the
        /// whole look-back window is used.
        #[test]
        fn generated_ids_are_distinct(
            start in 0..100_000u64,
            region in 0..4096u64,
            steps in prop::collection::vec((0..3u64, 1..40usize), 1..12),
        ) {
            let mut counters: HashMap<u64, u64> = HashMap::new();
            let mut seen = HashSet::new();
            let mut now = start;
            for (advance, count) in steps {
                now += advance;
                for _ in 0..count {
                    let result = generate_id(now, region, |t| {
                        let value = counters.entry(t).or_insert(0);
                        *value += 1;
                        Ok::<u64, Infallible>(*value)
                    });
                    let window = now.min(LOOKBACK_SECONDS.unsigned_abs());
                    match result {
                        Ok(id) => {
                            prop_assert!(seen.insert(id), "id {id} twice");
                            let parts = decompose(id);
                            prop_assert_eq!(parts.region, region);
                            prop_assert!(parts.seconds_since_epoch <= now);
                            prop_assert!(now - parts.seconds_since_epoch < window);
                        }
                        Err(GenerateError::Snowflake(SnowflakeError::NoAvailableId)) => {
                            let free = (now + 1 - window..=now)
                                .filter(|t| counters.get(t).is_none_or(|v| *v <= 16))
                                .count();
                            prop_assert_eq!(free, 0, "ran out with free seconds");
                        }
                        Err(other) => prop_assert!(false, "{other:?}"),
                    }
                }
            }
        }
    }
}

mod author {
    use super::*;
    use crate::domain::author::{MAX_EMAIL_LENGTH, derive_author_email, truncate_chars};

    proptest! {
        #![proptest_config(config(256))]

        /// server-flow 2.3: the stored e-mail is lower case, at most 75 chars, never empty; a
        /// name alone gives `<[a-z0-9._-] of the name>@localhost`.
        #[test]
        fn author_emails(
            name in prop::option::of(any_text(100)),
            email in prop::option::of(prop_oneof![any_text(100), "[A-Za-z0-9.]{1,70}@[a-z]{1,10}\\.com"]),
        ) {
            let derived = derive_author_email(name.as_deref(), email.as_deref());
            if let Some(derived) = &derived {
                prop_assert!(!derived.is_empty());
                prop_assert!(derived.chars().count() <= MAX_EMAIL_LENGTH, "{derived:?}");
                prop_assert_eq!(&derived.to_lowercase(), derived);
            }
            match (email.as_deref(), name.as_deref()) {
                (Some(email), _) => {
                    let whole = email.to_lowercase();
                    let expected = (!whole.is_empty())
                        .then(|| truncate_chars(&whole, MAX_EMAIL_LENGTH));
                    prop_assert_eq!(derived, expected);
                }
                (None, Some(name)) if !name.is_empty() => {
                    let derived = derived.unwrap_or_default();
                    let local: String = name
                        .chars()
                        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
                        .collect::<String>()
                        .to_ascii_lowercase();
                    if local.len() + "@localhost".len() <= MAX_EMAIL_LENGTH {
                        prop_assert_eq!(derived, format!("{local}@localhost"));
                    } else {
                        prop_assert!(derived.ends_with("..."), "{derived:?}");
                    }
                }
                _ => prop_assert_eq!(derived, None),
            }
        }

        /// `truncatechars`: at most `length` chars, unchanged when short enough.
        #[test]
        fn truncate_chars_bounds(text in any_text(120), length in 3..100usize) {
            let cut = truncate_chars(&text, length);
            if text.chars().count() <= length {
                prop_assert_eq!(cut, text);
            } else {
                prop_assert_eq!(cut.chars().count(), length);
                prop_assert!(cut.ends_with("..."));
            }
        }
    }
}

mod org_options {
    use super::*;
    use crate::domain::org_options::{
        OptionKind, OptionValue, find_option, parse_value, py_float_repr, py_str_repr,
    };

    const KINDS: &[OptionKind] = &[
        OptionKind::Bool,
        OptionKind::Int,
        OptionKind::Float,
        OptionKind::Str,
        OptionKind::List,
        OptionKind::CrashReportCount,
    ];

    proptest! {
        #![proptest_config(config(256))]

        /// Any raw value for any kind parses or gives a one-line error; never a panic.
        #[test]
        fn option_values_parse_or_fail_cleanly(kind in select(KINDS), raw in prop_oneof![
            any_text(40),
            "-?[0-9]{1,25}(\\.[0-9]{1,5})?(e[+-]?[0-9]{1,4})?",
            "\\[(\"[a-z]{0,4}\",? ?){0,4}\\]",
        ]) {
            if let Err(message) = parse_value(kind, &raw) {
                prop_assert!(!message.contains('\n'), "{message:?}");
            }
            let _ = py_str_repr(&raw);
            for field in ["dataScrubber", "safeFields", "scrapeJavaScript", "nope"] {
                if let Some(option) = find_option(field) {
                    let _ = option.parse(&raw);
                }
            }
        }

        /// Python's `repr(float)` reads back as the same float (server-flow 6.2 writes values
        /// with it); integers and booleans round trip through their text.
        #[test]
        fn values_round_trip_through_their_text(f in any::<f64>(), n in any::<i64>(), b in any::<bool>()) {
            let repr = py_float_repr(f);
            if f.is_finite() {
                let parsed = parse_value(OptionKind::Float, &repr);
                prop_assert_eq!(parsed, Ok(OptionValue::Float(f)), "{}", repr);
            } else {
                prop_assert!(parse_value(OptionKind::Float, &repr).is_err(), "{repr}");
            }
            prop_assert_eq!(parse_value(OptionKind::Int, &n.to_string()), Ok(OptionValue::Int(n)));
            prop_assert_eq!(parse_value(OptionKind::Bool, &b.to_string()), Ok(OptionValue::Bool(b)));
        }

        /// A list given as JSON comes back item for item.
        #[test]
        fn json_lists_round_trip(items in prop::collection::vec(any_text(12), 0..6)) {
            let raw = serde_json::to_string(&items).unwrap_or_default();
            prop_assert_eq!(parse_value(OptionKind::List, &raw), Ok(OptionValue::List(items)));
        }
    }
}

mod remote_url {
    use super::*;
    use crate::git::repo_name_from_url;

    /// A path segment that no host-specific rule treats specially.
    fn segment() -> impl Strategy<Value = String> {
        "[A-Za-z0-9][A-Za-z0-9_.-]{0,10}[A-Za-z0-9]".prop_filter("plain segment", |s| {
            let lower = s.to_ascii_lowercase();
            !lower.ends_with(".git")
                && ![
                    "scm",
                    "projects",
                    "repos",
                    "_git",
                    "v3",
                    "defaultcollection",
                    "_optimized",
                    "_full",
                ]
                .contains(&lower.as_str())
        })
    }

    fn credentials() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            "[A-Za-z0-9._~-]{1,10}@",
            "[A-Za-z0-9._~-]{1,10}:[A-Za-z0-9._~!$&'()*+,;=-]{1,16}@",
        ]
    }

    /// `?query` / `#fragment` tails and trailing slashes, which are dropped.
    fn tail() -> impl Strategy<Value = String> {
        prop_oneof![
            Just(String::new()),
            Just("/".to_string()),
            "\\?[a-z]{1,5}=[a-z0-9]{0,5}",
            "#[a-z0-9]{0,6}",
        ]
    }

    fn host() -> impl Strategy<Value = String> {
        "[a-z][a-z0-9-]{0,8}\\.(com|org|io|example)".prop_filter("no special host", |h| {
            !h.contains("azure") && !h.contains("google") && !h.contains("github")
        })
    }

    proptest! {
        #![proptest_config(config(256))]

        /// GitHub in every transport: owner/repo with its case, whatever the credentials,
        /// port, `.git`, trailing slash, query or fragment.
        #[test]
        fn github_urls_give_owner_and_repo(
            owner in segment(), repo in segment(), creds in credentials(), tail in tail(),
            git in any::<bool>(), form in 0..6usize, extra in prop::collection::vec(segment(), 0..3),
        ) {
            let dot_git = if git { ".git" } else { "" };
            let path = format!("{owner}/{repo}{dot_git}");
            let url = match form {
                0 => format!("https://{creds}github.com/{path}{tail}"),
                1 => format!("git@github.com:{path}"),
                2 => format!("ssh://{creds}github.com:22/{path}"),
                3 => format!("git+https://{creds}www.GitHub.com/{path}{tail}"),
                4 => format!("git://github.com/{path}"),
                // Web URLs to a file or a tree: GitHub keeps two levels.
                _ => format!("https://github.com/{owner}/{repo}/{}", extra.join("/")),
            };
            prop_assert_eq!(repo_name_from_url(&url), Some(format!("{owner}/{repo}")), "{}", url);
        }

        /// Other hosts keep every level (GitLab subgroups), drop credentials, the port and
        /// everything from a `/-/` segment.
        #[test]
        fn other_hosts_keep_every_level(
            host in host(), groups in prop::collection::vec(segment(), 1..5), creds in credentials(),
            port in prop::option::of(1..65536u32), tail in tail(), git in any::<bool>(),
            web in prop::option::of(segment()),
        ) {
            let dot_git = if git { ".git" } else { "" };
            let port = port.map(|p| format!(":{p}")).unwrap_or_default();
            let joined = groups.join("/");
            let web = web.map(|w| format!("/-/{w}")).unwrap_or_default();
            let url = format!("https://{creds}{host}{port}/{joined}{dot_git}{web}{tail}");
            prop_assert_eq!(repo_name_from_url(&url), Some(joined.clone()), "{}", url);
            let scp = format!("{creds}{host}:{joined}{dot_git}");
            // `git@host:2222/owner/repo` is read as a port when the first level is a number.
            let read_as_port = groups.len() > 1 && groups[0].bytes().all(|b| b.is_ascii_digit());
            let scp_ok = !creds.contains(':') && !read_as_port;
            if scp_ok {
                prop_assert_eq!(repo_name_from_url(&scp), Some(joined), "{}", scp);
            }
        }

        /// Credentials never end up in the repository name.
        #[test]
        fn credentials_never_leak_into_the_name(
            host in prop_oneof![host(), Just("github.com".to_string()), Just("dev.azure.com".to_string())],
            user in "[A-Za-z0-9]{1,8}",
            password in "[A-Za-z0-9]{12,20}",
            path in prop::collection::vec(segment(), 0..4),
            scheme in select(vec!["https", "http", "ssh", "git+https"]),
        ) {
            let url = format!("{scheme}://{user}:{password}@{host}/{}", path.join("/"));
            let name = repo_name_from_url(&url);
            prop_assert!(
                !name.as_deref().unwrap_or("").contains(&password),
                "{:?} from {:?}", name, url
            );
        }

        /// `%XX` escapes in a URL path are decoded (Azure project names hold `%20`).
        #[test]
        fn escaped_segments_are_decoded(
            host in host(),
            owner in segment(),
            name in string_of(any::<char>().prop_map(|c| if c == '/' { '_' } else { c }), 1..12),
        ) {
            prop_assume!(name != "-" && !name.to_ascii_lowercase().ends_with(".git"));
            let escaped: String = name.bytes().map(|b| format!("%{b:02X}")).collect();
            let url = format!("https://{host}/{owner}/{escaped}");
            prop_assert_eq!(repo_name_from_url(&url), Some(format!("{owner}/{name}")), "{}", url);
        }

        /// Local paths and file URLs give their last component.
        #[test]
        fn local_paths_give_their_last_component(
            dirs in prop::collection::vec(segment(), 0..4), name in segment(),
            form in 0..5usize,
        ) {
            let parent = dirs.iter().map(|d| format!("/{d}")).collect::<String>();
            let url = match form {
                0 => format!("{parent}/{name}"),
                1 => format!("{parent}/{name}.git/"),
                2 => format!("{parent}/{name}/.git"),
                3 => format!("file://{parent}/{name}.git"),
                _ => format!("C:\\{}\\{name}", dirs.join("\\")),
            };
            prop_assert_eq!(repo_name_from_url(&url), Some(name), "{}", url);
        }

        /// Anything at all: no panic, and a name is never empty or padded with slashes.
        #[test]
        fn any_text_never_panics(url in prop_oneof![
            any_text(80),
            "[a-z+]{0,8}://[^/]{0,12}(/[^/]{0,8}){0,5}",
            "[a-z@.]{0,12}:[a-z0-9/%.:-]{0,30}",
        ]) {
            if let Some(name) = repo_name_from_url(&url) {
                prop_assert!(!name.is_empty(), "empty name from {url:?}");
            }
        }
    }
}

mod server_url {
    use super::*;
    use crate::remote::http::server_base;

    /// A server URL (hosts without `-`: a label such as `xn--` must be valid punycode).
    fn base() -> impl Strategy<Value = String> {
        (
            select(vec!["http", "https", "HTTPS"]),
            "[a-z][a-z0-9]{0,10}(\\.[a-z]{2,5}){0,2}",
            prop::option::of(1..65536u32),
            prop::collection::vec("[a-z0-9_-]{1,8}", 0..3),
        )
            .prop_map(|(scheme, host, port, path)| {
                let port = port.map(|p| format!(":{p}")).unwrap_or_default();
                let path: String = path.iter().map(|p| format!("/{p}")).collect();
                format!("{scheme}://{host}{port}{path}")
            })
            .prop_filter("not ending in /api/0", |url| !url.ends_with("/api/0"))
    }

    proptest! {
        #![proptest_config(config(256))]

        /// A server URL is accepted with or without `/api/0`, a trailing slash or surrounding
        /// whitespace, and always means the same base.
        #[test]
        fn server_urls_normalise_to_one_base(base in base(), api in any::<bool>(), slash in any::<bool>()) {
            let mut url = base.clone();
            if api {
                url.push_str("/api/0");
            }
            if slash {
                url.push('/');
            }
            let got = server_base(&format!("  {url}\n"));
            prop_assert_eq!(got.as_ref().map_err(|e| e.message.clone()), Ok(&base), "{}", url);
            let again = server_base(&base).map_err(|e| e.message);
            prop_assert_eq!(again, Ok(base));
        }

        /// Whatever is typed: no panic; an accepted URL is http(s) with a host and no `/` at
        /// the end; a refused one is a usage error that never shows a password.
        #[test]
        fn server_urls_never_panic_nor_show_passwords(
            scheme in select(vec!["https://", "http://", "ftp://", "http:/", "https:", "", "HTTP://", "htps://"]),
            user in prop::option::of("[a-z]{1,6}"),
            host in prop_oneof!["[a-z0-9.-]{0,12}", any_text(10)],
            rest in prop_oneof![Just(String::new()), any_text(20), "[/?#:@a-z0-9 ]{0,20}"],
        ) {
            let secret = "Hunter2Secret";
            let auth = user.map(|u| format!("{u}:{secret}@")).unwrap_or_default();
            let url = format!("{scheme}{auth}{host}{rest}");
            match server_base(&url) {
                Ok(base) => {
                    let lower = base.to_ascii_lowercase();
                    prop_assert!(lower.starts_with("http://") || lower.starts_with("https://"));
                    prop_assert!(!base.ends_with('/'));
                }
                Err(err) => {
                    prop_assert_eq!(err.kind, crate::error::ErrorKind::Usage);
                    prop_assert!(!err.message.contains(secret), "{}", err.message);
                }
            }
        }
    }
}

mod config_file {
    use super::*;
    use crate::config::{FakeEnv, FlagValues, Format, Settings};
    use crate::error::ErrorKind;

    /// TOML-ish text: the config's keys with values of every type, comments, tables, junk.
    fn toml_text() -> impl Strategy<Value = String> {
        let key = select(vec![
            "store",
            "url",
            "auth_token",
            "org",
            "project",
            "format",
            "timeout",
            "region_id",
            "bogus",
            "[table]",
            "[[array]]",
            "#",
            "",
        ]);
        let value = prop_oneof![
            "\"[a-z0-9 ./:-]{0,12}\"",
            "'[^'\n]{0,10}'",
            "-?[0-9]{1,22}",
            Just("true".to_string()),
            "\\[(\"[a-z]{0,4}\", ?){0,3}\\]",
            "\\{ ?[a-z]{1,4} = [0-9]{1,3} ?\\}",
            any_text(12),
        ];
        let line = (key, select(vec![" = ", "=", " ", ""]), value)
            .prop_map(|(k, eq, v)| format!("{k}{eq}{v}"));
        prop_oneof![
            prop::collection::vec(line, 0..8).prop_map(|lines| lines.join("\n")),
            any_text(120),
        ]
    }

    /// (text, resolved settings or error) for `text` as the only config file.
    fn resolve_text(
        text: &str,
        env: &[(&'static str, &str)],
    ) -> (tempfile::TempDir, crate::error::Result<Settings>) {
        let dir = tempfile::tempdir().unwrap_or_else(|err| panic!("tempdir: {err}"));
        let path = dir.path().join("config.toml");
        std::fs::write(&path, text).unwrap_or_else(|err| panic!("write: {err}"));
        let flags = FlagValues {
            config: Some(path),
            ..FlagValues::default()
        };
        let home = dir.path().to_string_lossy().into_owned();
        let mut pairs: Vec<(&'static str, &str)> = vec![("HOME", home.as_str())];
        pairs.extend_from_slice(env);
        let settings = Settings::resolve(&flags, &FakeEnv::new(&pairs), dir.path());
        (dir, settings)
    }

    /// The line a malformed-file message names (`...config.toml:LINE: ...`), if any.
    fn named_line(message: &str) -> Option<usize> {
        let (_, after) = message.split_once("config.toml:")?;
        after.split(':').next()?.parse().ok()
    }

    proptest! {
        #![proptest_config(config(128))]

        /// cli.md "bad config file" is exit 2: any text either resolves or is a usage error;
        /// a malformed file is named with a line number within the file; no panic.
        #[test]
        fn any_config_text_parses_or_names_a_line(text in toml_text()) {
            let (_dir, settings) = resolve_text(&text, &[]);
            if let Err(err) = settings {
                prop_assert_eq!(err.kind, ErrorKind::Usage, "{}", err.message);
                prop_assert!(!err.message.contains('\n'), "{:?}", err.message);
                if err.message.starts_with("malformed config file") {
                    let line = named_line(&err.message);
                    prop_assert!(line.is_some(), "no line in {:?}", err.message);
                    let lines = text.split('\n').count();
                    let line = line.unwrap_or(0);
                    prop_assert!((1..=lines).contains(&line), "line {} of {}: {:?}", line, lines, err.message);
                }
            }
        }

        /// Values written by a TOML writer are read back exactly: `org`, `url` and `project`
        /// (one or many).
        #[test]
        fn written_values_read_back(
            org in any_text(20),
            url in any_text(30),
            projects in prop::collection::vec(any_text(10), 0..4),
            one in any::<bool>(),
        ) {
            let mut table = toml::Table::new();
            table.insert("org".into(), toml::Value::String(org.clone()));
            table.insert("url".into(), toml::Value::String(url.clone()));
            let project = if one {
                toml::Value::String(projects.first().cloned().unwrap_or_default())
            } else {
                toml::Value::Array(projects.iter().cloned().map(toml::Value::String).collect())
            };
            table.insert("project".into(), project);
            let text = toml::to_string(&table).unwrap_or_default();
            let (_dir, settings) = resolve_text(&text, &[]);
            prop_assert!(settings.is_ok(), "{:?} for {:?}", settings.err().map(|e| e.message), text);
            let settings = settings.unwrap_or_else(|_| unreachable!());
            prop_assert_eq!(settings.org.value, org);
            prop_assert_eq!(settings.url.map(|u| u.value), Some(url));
            let expected = if one {
                vec![projects.first().cloned().unwrap_or_default()]
            } else {
                projects
            };
            prop_assert_eq!(settings.projects.value, expected);
        }

        /// cli.md `--timeout`: a timeout of 1 s to a day is taken, from the file or from
        /// `RELCTL_TIMEOUT`; anything else is a usage error naming where it came from.
        #[test]
        fn timeouts_are_one_second_to_a_day(n in prop_oneof![-5i64..100_000, any::<i64>()], from_env in any::<bool>()) {
            let text_n = n.to_string();
            let (text, env): (String, Vec<(&'static str, &str)>) = if from_env {
                (String::new(), vec![("RELCTL_TIMEOUT", text_n.as_str())])
            } else {
                (format!("timeout = {n}\n"), vec![])
            };
            let (_dir, settings) = resolve_text(&text, &env);
            if (1..=86_400).contains(&n) {
                let got = settings.map(|s| s.timeout_seconds.value).map_err(|e| e.message);
                prop_assert_eq!(got, Ok(n.unsigned_abs()));
            } else {
                let err = settings.err();
                prop_assert!(err.is_some(), "timeout {n} accepted");
                let err = err.unwrap_or_else(|| unreachable!());
                prop_assert_eq!(err.kind, ErrorKind::Usage);
                let named = if from_env { "RELCTL_TIMEOUT" } else { "config.toml" };
                prop_assert!(err.message.contains(named), "{}", err.message);
            }
        }

        /// `RELCTL_TIMEOUT` / `RELCTL_FORMAT` / `RELCTL_REGION_ID` with any text: a value in
        /// range or a usage error, never a panic; `format` takes "table"/"json" in any case
        /// with surrounding spaces.
        #[test]
        fn environment_values_parse_or_fail(
            text in prop_oneof![any_text(12), "[ ]?(json|JSON|Table|table|xml)[ \t]?", "[ ]?[0-9]{1,6}[ ]?"],
        ) {
            for name in ["RELCTL_TIMEOUT", "RELCTL_FORMAT", "RELCTL_REGION_ID"] {
                let (_dir, settings) = resolve_text("", &[(name, text.as_str())]);
                match settings {
                    Ok(s) => {
                        prop_assert!((1..=86_400).contains(&s.timeout_seconds.value));
                        prop_assert!(s.region_id.value < 4096);
                        if name == "RELCTL_FORMAT" {
                            let want = match text.trim().to_ascii_lowercase().as_str() {
                                "json" => Format::Json,
                                _ => Format::Table,
                            };
                            prop_assert_eq!(s.format.value, want);
                        }
                    }
                    Err(err) => {
                        prop_assert_eq!(err.kind, ErrorKind::Usage);
                        prop_assert!(!err.message.contains('\n'), "{:?}", err.message);
                    }
                }
            }
        }
    }

    proptest! {
        #![proptest_config(config(64))]

        /// The line named is the line of the error: a file of good lines with one bad line at
        /// a random place names that line.
        /// cli.md `config show` and issue 7 item 10: a password in the URL is never shown,
        /// whatever the URL looks like (even a mistyped one).
        #[test]
        fn config_show_never_shows_a_url_password(
            scheme in select(vec!["https://", "http://", "HTTP://", "http:/", "http:", "", "htps//"]),
            user in "[a-z]{1,6}",
            host in prop_oneof!["[a-z0-9.-]{0,12}", any_text(8)],
            rest in prop_oneof![Just(String::new()), "[/?#:@a-z0-9 ]{0,20}"],
        ) {
            let secret = "Hunter2Secret";
            let url = format!("{scheme}{user}:{secret}@{host}{rest}");
            let (_dir, settings) = resolve_text("", &[("RELCTL_URL", url.as_str())]);
            let settings = settings.unwrap();
            for (name, value, source) in settings.describe() {
                prop_assert!(!value.contains(secret), "{name} = {value:?} for {url:?}");
                prop_assert!(!source.contains(secret));
            }
        }
    }

    proptest! {
        #![proptest_config(config(64))]

        #[test]
        fn the_named_line_is_the_bad_line(before in 0..6usize, after in 0..4usize, bad in select(vec![
            "bogus = 1", "org = ", "timeout = \"x\"", "[[[", "org = 'a' 'b'",
        ])) {
            let mut lines: Vec<String> = (0..before).map(|i| format!("# comment {i}")).collect();
            lines.push(bad.to_string());
            lines.extend((0..after).map(|i| format!("# after {i}")));
            let text = lines.join("\n");
            let (_dir, settings) = resolve_text(&text, &[]);
            let message = settings.err().map(|e| e.message).unwrap_or_default();
            prop_assert_eq!(named_line(&message), Some(before + 1), "{}", message);
        }
    }
}

mod remote_answers {
    use super::*;
    use crate::remote::answer::{detail, next_cursor, one_line, parse_retry_after, truncate};
    use crate::remote::decode;
    use chrono::{TimeZone, Utc};
    use serde_json::Value;

    /// A reader of the remote client, as its error message.
    type Reader = fn(Value) -> Option<String>;

    proptest! {
        #![proptest_config(config(256))]

        /// The remote client reads any JSON a server may send without panicking: each reader
        /// gives its model value or an error naming what it was reading.
        #[test]
        fn any_answer_is_read_or_refused(value in json_value()) {
            let readers: [(&str, Reader); 10] = [
                ("commit", |v| decode::commit(v).err().map(|e| e.message)),
                ("release", |v| decode::release(v).err().map(|e| e.message)),
                ("previous", |v| decode::previous_release(v).err().map(|e| e.message)),
                ("project", |v| decode::project(v).err().map(|e| e.message)),
                ("deploy", |v| decode::deploy(v).err().map(|e| e.message)),
                ("repository", |v| decode::repository(v).err().map(|e| e.message)),
                ("audit", |v| decode::audit_entry(v).err().map(|e| e.message)),
                ("organization", |v| decode::organization(v).err().map(|e| e.message)),
                ("issue", |v| decode::issue(v).err().map(|e| e.message)),
                ("details", |v| decode::issue_details(v).err().map(|e| e.message)),
            ];
            for (name, read) in readers {
                if let Some(message) = read(value.clone()) {
                    prop_assert!(message.starts_with("cannot read the server's"), "{name}: {message}");
                }
            }
            let _ = decode::resolved_issues(&value);
            let text = detail(&value);
            prop_assert!(!one_line(&text).contains('\n'));
        }

        /// Headers of any text: `Retry-After` and `Link` never panic; seconds read as seconds;
        /// truncation keeps at most the chars asked for (plus the ellipsis).
        #[test]
        fn headers_never_panic(text in any_text(120), seconds in any::<u64>(), max in 1..50usize) {
            let now = Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap();
            let _ = parse_retry_after(&text, now);
            let _ = next_cursor(&text);
            prop_assert_eq!(
                parse_retry_after(&format!(" {seconds} "), now),
                Some(std::time::Duration::from_secs(seconds))
            );
            prop_assert!(truncate(&text, max).chars().count() <= max + 1);
        }
    }
}

/// Regressions the properties above found.
mod regressions {
    use crate::config::{FakeEnv, FlagValues, Settings};
    use crate::remote::http::server_base;

    /// A mistyped server URL (`http:/` for `http://`, no scheme, `://` after the password) was
    /// echoed whole in the error, password included.
    #[test]
    fn mistyped_server_urls_hide_the_password() {
        for url in [
            "http:/alice:hunter2@sentry.example.com",
            "alice:hunter2@sentry.example.com",
            "htps//alice:hunter2@host",
            "http:/alice:hunter2@://host",
        ] {
            let err = server_base(url).unwrap_err();
            assert!(!err.message.contains("hunter2"), "{}", err.message);
            assert!(err.message.contains("alice:***@"), "{}", err.message);
        }
    }

    /// `config show` printed the password of a URL without `://` (or with it after the
    /// password).
    #[test]
    fn config_show_hides_passwords_of_mistyped_urls() {
        let dir = tempfile::tempdir().unwrap();
        let home = dir.path().to_str().unwrap();
        for url in [
            "http:/alice:hunter2@host",
            "alice:hunter2@host",
            "http:/alice:hunter2@://",
            "https://alice:hunter2@host/x",
        ] {
            let env = FakeEnv::new(&[("HOME", home), ("RELCTL_URL", url)]);
            let settings = Settings::resolve(&FlagValues::default(), &env, dir.path()).unwrap();
            let shown = format!("{:?}", settings.describe());
            assert!(!shown.contains("hunter2"), "{shown}");
            assert!(shown.contains("alice:***@"), "{shown}");
        }
    }
}
