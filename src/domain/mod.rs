//! Domain rules that need no I/O.
//!
//! Everything in here is a pure function of its inputs (plus, for slugs and
//! snowflake ids, a caller-supplied lookup or counter): release version
//! validation, deploy environment names, project slugs, issue short ids,
//! snowflake ids, project platforms, commit author e-mails, issue references in commit messages
//! and organization option change-tracking. Each rule mirrors what Sentry's Python does, as described
//! in `shared/spec/server-flow.md`, so that the storage and command layers can
//! stay thin and these rules can be tested exhaustively.
//!
//! Conventions shared by the submodules:
//! - lengths are counted in Unicode scalar values (chars), as Python counts
//!   `len(str)`, and strings are never sliced at byte offsets that could split
//!   a char;
//! - static regexes are `LazyLock<Regex>`s built by [`static_regex`], the one
//!   place allowed to panic: their patterns are fixed in the source, and each
//!   module's `static_regexes_compile` test builds every one of them, so a typo
//!   fails that test instead of silently never matching;
//! - "whitespace" means Python's `str.isspace()`, which is Rust's
//!   `char::is_whitespace` plus the four separators U+001C..U+001F.

// Outside tests this module must not panic on any input.
#![cfg_attr(
    not(test),
    deny(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::panic,
        clippy::indexing_slicing,
        clippy::string_slice,
        clippy::unreachable,
        clippy::todo,
        clippy::arithmetic_side_effects
    )
)]

pub mod author;
pub mod commit_id;
pub mod environment;
pub mod org_options;
pub mod org_rules;
pub mod pii_selector;
pub mod platform;
pub mod references;
pub mod short_id;
pub mod slug;
pub mod snowflake;
pub mod version;

/// Compiles a static regex; only for the `LazyLock` initialisers of this
/// module's fixed patterns (see the module docs), never for a pattern from input.
/// `None` only for a pattern that does not compile: a bug each module's
/// `static_regexes_compile` test catches; at run time it matches nothing rather
/// than panicking.
pub(crate) fn static_regex(pattern: &str) -> Option<regex::Regex> {
    regex::Regex::new(pattern).ok()
}

/// Python's `str.isspace()` for one char: Unicode `White_Space` plus the
/// information separators U+001C..=U+001F, which Python also treats as space.
pub(crate) fn py_is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `str.strip()` with no argument.
pub(crate) fn py_strip(s: &str) -> &str {
    s.trim_matches(py_is_space)
}

/// The first `n` chars of `s` (Python's `s[:n]`); never splits a char.
pub(crate) fn take_chars(s: &str, n: usize) -> &str {
    match s.char_indices().nth(n) {
        Some((idx, _)) => s.get(..idx).unwrap_or(s),
        None => s,
    }
}

/// At most this many chars of a rejected input are shown in a message.
pub const SHOWN_CHARS: usize = 80;

/// A rejected input as a message shows it: quoted with escapes (`{:?}`), and cut after
/// [`SHOWN_CHARS`] chars with `…` after the quote, so a 10,000-character argument does not
/// fill the terminal.
pub fn shown(text: &str) -> String {
    let head = take_chars(text, SHOWN_CHARS);
    if head.len() < text.len() {
        format!("{head:?}…")
    } else {
        format!("{head:?}")
    }
}

/// The candidate closest to `typed` by edit distance (ignoring case), when it is close enough
/// to be a likely typo: at most a third of the longer one's length, and at least one edit.
pub fn closest<'c>(typed: &str, candidates: &'c [String]) -> Option<&'c str> {
    let typed: Vec<char> = typed.to_lowercase().chars().collect();
    if typed.is_empty() || typed.len() > 200 {
        return None;
    }
    candidates
        .iter()
        .filter_map(|candidate| {
            let other: Vec<char> = candidate.to_lowercase().chars().collect();
            let distance = edit_distance(&typed, &other);
            let allowed = typed
                .len()
                .max(other.len())
                .checked_div(3)
                .unwrap_or(0)
                .max(1);
            (distance <= allowed).then_some((distance, candidate.as_str()))
        })
        .min_by_key(|(distance, candidate)| (*distance, *candidate))
        .map(|(_, candidate)| candidate)
}

/// Edit distance between two char sequences, a swap of neighbours counting as one edit
/// (optimal string alignment: `wbe` is one edit from `web`). Three rolling rows.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let cell = |row: &[usize], at: Option<usize>| {
        at.and_then(|at| row.get(at)).copied().unwrap_or(usize::MAX)
    };
    let mut before: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(previous.len());
        current.push(i.saturating_add(1));
        for (j, cb) in b.iter().enumerate() {
            let up = cell(&previous, j.checked_add(1)).saturating_add(1);
            let left = cell(&current, Some(j)).saturating_add(1);
            let diagonal = cell(&previous, Some(j)).saturating_add(usize::from(ca != cb));
            let mut best = up.min(left).min(diagonal);
            let swapped = i.checked_sub(1).and_then(|p| a.get(p)) == Some(cb)
                && j.checked_sub(1).and_then(|p| b.get(p)) == Some(ca);
            if swapped {
                best = best.min(cell(&before, j.checked_sub(1)).saturating_add(1));
            }
            current.push(best);
        }
        before = std::mem::replace(&mut previous, current);
    }
    cell(&previous, Some(b.len()))
}

/// Regex source for Python's `\s` inside a character class: Rust's Unicode
/// `\s` plus U+001C..=U+001F (see [`py_is_space`]).
pub(crate) const PY_SPACE_CLASS: &str = r"\s\x1C-\x1F";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_likely_typos_only() {
        let slugs: Vec<String> = ["backend", "frontend", "web"].map(String::from).to_vec();
        assert_eq!(closest("backedn", &slugs), Some("backend"));
        assert_eq!(closest("Backend-", &slugs), Some("backend"));
        assert_eq!(closest("wbe", &slugs), Some("web"));
        assert_eq!(closest("payments", &slugs), None);
        assert_eq!(closest("", &slugs), None);
        assert_eq!(closest("backend", &[]), None);
    }

    #[test]
    fn shown_cuts_long_inputs_after_the_quote() {
        assert_eq!(shown("a/b"), "\"a/b\"");
        assert_eq!(shown("a\tb"), "\"a\\tb\"");
        let exact = "x".repeat(SHOWN_CHARS);
        assert_eq!(shown(&exact), format!("{exact:?}"));
        let long = "ü".repeat(10_000);
        assert_eq!(shown(&long), format!("{:?}…", "ü".repeat(SHOWN_CHARS)));
    }

    #[test]
    fn py_is_space_table() {
        let cases = [
            (' ', true),
            ('\t', true),
            ('\n', true),
            ('\u{0b}', true),
            ('\u{0c}', true),
            ('\r', true),
            ('\u{1c}', true),
            ('\u{1f}', true),
            ('\u{85}', true),
            ('\u{a0}', true),
            ('\u{3000}', true),
            ('a', false),
            ('\u{0}', false),
            ('\u{200b}', false),
            ('_', false),
        ];
        for (c, want) in cases {
            assert_eq!(py_is_space(c), want, "{c:?}");
        }
    }

    #[test]
    fn py_strip_table() {
        let cases = [
            ("", ""),
            ("  ", ""),
            (" a b ", "a b"),
            ("\u{1c}x\u{1f}", "x"),
            ("\u{a0}ü\u{3000}", "ü"),
            ("x", "x"),
        ];
        for (input, want) in cases {
            assert_eq!(py_strip(input), want, "{input:?}");
        }
    }

    #[test]
    fn take_chars_table() {
        let cases = [
            ("", 3, ""),
            ("abc", 0, ""),
            ("abc", 2, "ab"),
            ("abc", 3, "abc"),
            ("abc", 10, "abc"),
            ("üñï", 2, "üñ"),
            ("a😀b", 2, "a😀"),
        ];
        for (input, n, want) in cases {
            assert_eq!(take_chars(input, n), want, "{input:?}[:{n}]");
        }
    }
}
