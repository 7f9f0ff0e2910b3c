//! Commit author e-mail derivation.
//!
//! Commit authors are keyed by e-mail per organization. When a client sends a
//! commit with an author name but no e-mail, Sentry invents
//! `<name with only [a-zA-Z0-9._-]>@localhost`; e-mails are lower-cased and
//! cut to the historical 75-char column with Sentry's `truncatechars`
//! (spec §2.3, latest). This module is that rule, so the same payload always
//! maps to the same author row.

/// Historical `CommitAuthor.email` size, in chars (`MAX_EMAIL_FIELD_LENGTH`).
pub const MAX_EMAIL_LENGTH: usize = 75;

/// Sentry's `truncatechars(value, length)`: values longer than `length` chars
/// become their first `length - 3` chars followed by `...`.
pub fn truncate_chars(value: &str, length: usize) -> String {
    if value.chars().count() > length {
        format!("{}...", super::take_chars(value, length.saturating_sub(3)))
    } else {
        value.to_owned()
    }
}

/// The author e-mail Sentry stores for a commit, or `None` for "no author".
///
/// - `email` is used whenever it was sent (`Some`), even if it is empty — an
///   empty e-mail means no author, as in Sentry (`author_email is None` is the
///   only case that falls back to the name);
/// - otherwise, if `name` is non-empty: the name with every char outside
///   `[a-zA-Z0-9._-]` removed, lower-cased, plus `@localhost` (a name of only
///   symbols gives `"@localhost"`, as in Sentry);
/// - the result is lower-cased, then if longer than 75 chars cut to 72 chars
///   plus `...`;
/// - an empty result is `None`.
pub fn derive_author_email(name: Option<&str>, email: Option<&str>) -> Option<String> {
    let raw = match (email, name) {
        (Some(email), _) => email.to_owned(),
        (None, Some(name)) if !name.is_empty() => {
            let kept: String = name
                .chars()
                .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
                .collect();
            format!("{}@localhost", kept.to_ascii_lowercase())
        }
        _ => return None,
    };
    let email = truncate_chars(&raw.to_lowercase(), MAX_EMAIL_LENGTH);
    if email.is_empty() { None } else { Some(email) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derive_table() {
        let long_local = "a".repeat(80);
        let long_email = format!("{long_local}@example.com");
        let long_name = "B".repeat(80);
        let s = |v: &str| Some(v.to_owned());
        let cases: Vec<(Option<&str>, Option<&str>, Option<String>)> = vec![
            (
                Some("John Q. Doe-Smith"),
                None,
                s("johnq.doe-smith@localhost"),
            ),
            (
                Some("John"),
                Some("John@Example.COM"),
                s("john@example.com"),
            ),
            (None, Some("Dev@Example.com"), s("dev@example.com")),
            (None, None, None),
            (Some(""), None, None),
            (Some("!!!"), None, s("@localhost")),
            (Some("Jürgen Ölßner"), None, s("jrgenlner@localhost")),
            (Some("under_score"), None, s("under_score@localhost")),
            (Some("Name"), Some(""), None),
            (None, Some(""), None),
            (Some(" "), None, s("@localhost")),
            (
                None,
                Some(&long_email),
                Some(format!("{}...", "a".repeat(72))),
            ),
            (
                Some(&long_name),
                None,
                Some(format!("{}...", "b".repeat(72))),
            ),
        ];
        for (name, email, want) in cases {
            assert_eq!(derive_author_email(name, email), want, "{name:?} {email:?}");
        }
    }

    #[test]
    fn truncation_boundaries() {
        let at_75 = format!("{}@x.io", "a".repeat(70));
        assert_eq!(at_75.chars().count(), 75);
        assert_eq!(derive_author_email(None, Some(&at_75)), Some(at_75.clone()));

        let eighty = format!("{}@example.com", "c".repeat(68));
        assert_eq!(eighty.chars().count(), 80);
        let got = derive_author_email(None, Some(&eighty)).unwrap();
        assert_eq!(got.chars().count(), 75);
        assert!(got.ends_with("..."));
        assert_eq!(got, format!("{}...", "c".repeat(68) + "@exa"));

        let unicode = format!("{}@x", "ü".repeat(80));
        let got = derive_author_email(None, Some(&unicode)).unwrap();
        assert_eq!(got.chars().count(), 75);
    }

    #[test]
    fn truncate_chars_table() {
        let cases = [
            ("abc", 5, "abc"),
            ("abcdef", 5, "ab..."),
            ("abcde", 5, "abcde"),
            ("abcdef", 2, "..."),
            ("", 0, ""),
        ];
        for (value, len, want) in cases {
            assert_eq!(truncate_chars(value, len), want, "{value:?} {len}");
        }
    }
}
