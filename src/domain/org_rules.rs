//! What Sentry's `OrganizationSerializer` refuses in an organization change, beyond the types
//! of `ORG_OPTIONS` (`org_options.rs`): its `validate_<field>` methods and field bounds.
//!
//! Every rule answers with Sentry's own message, so that `relctl serve` can send it as the
//! field's 400 (`{"slug": ["..."]}`) and `relctl org set` can print it:
//! - `sensitiveFields`: no empty entry, at most [`MAX_SENSITIVE_FIELD_CHARS`] chars in all;
//! - `safeFields`: no empty entry, every entry a PII selector (`pii_selector.rs`);
//! - `apdexThreshold`: at least 1 (`IntegerField(min_value=1)`);
//! - `storeCrashReports`: -1 (unlimited) to 100;
//! - `name`: `CharField(max_length=64)`, trimmed, not blank;
//! - `slug`: Sentry's organization slug field (trimmed, at most 50 chars, letters, digits and
//!   hyphens, not starting or ending with a hyphen, not only digits), then `validate_slug`: at
//!   least 3 chars, not reserved, not another organization's, no whitespace in what was sent.
//!
//! One deliberate difference: Sentry's organization slug pattern admits upper-case letters
//! (`[a-zA-Z0-9]`), yet its own tests expect `I-contain-UPPERCASE` to be refused; relctl keeps
//! slugs lower case, as its stores and URLs always have, and refuses upper case with the same
//! message.

use super::org_options::OptionValue;
use super::pii_selector;
use super::{py_is_space, py_strip};

/// `MAX_SENSITIVE_FIELD_CHARS`: the most chars all `sensitiveFields` entries may hold together.
pub const MAX_SENSITIVE_FIELD_CHARS: usize = 4000;
/// `STORE_CRASH_REPORTS_MAX`: `storeCrashReports` is -1 (unlimited) to this.
pub const STORE_CRASH_REPORTS_MAX: i64 = 100;
/// `DEFAULT_SLUG_MAX_LENGTH`.
pub const ORG_SLUG_MAX_LENGTH: usize = 50;
/// `validate_slug`'s minimum.
pub const ORG_SLUG_MIN_LENGTH: usize = 3;
/// The organization name field's `max_length`.
pub const ORG_NAME_MAX_LENGTH: usize = 64;

/// Sentry's `ORG_SLUG_ERROR_MESSAGE`.
pub const ORG_SLUG_INVALID: &str = "Enter a valid slug consisting of letters, numbers, or hyphens. It cannot be entirely numeric or start/end with a hyphen.";
/// `validate_sensitiveFields` / `validate_safeFields` on an empty entry.
pub const EMPTY_VALUES: &str = "Empty values are not allowed.";
/// `validate_sensitiveFields` past [`MAX_SENSITIVE_FIELD_CHARS`].
pub const SENSITIVE_FIELDS_TOO_LONG: &str = "List of sensitive fields is too long.";
/// Django REST framework's `CharField` on a blank value.
pub const BLANK: &str = "This field may not be blank.";

/// Organization slugs Sentry reserves (`sentry.constants.RESERVED_ORGANIZATION_SLUGS`): its
/// top-level URL paths and hosts.
pub const RESERVED_ORGANIZATION_SLUGS: &[&str] = &[
    "404",
    "500",
    "_admin",
    "_experiment",
    "_static",
    "about",
    "accept",
    "access",
    "account",
    "accountspayable",
    "acl",
    "admin",
    "answers",
    "ap",
    "api",
    "app",
    "at",
    "au1",
    "auth",
    "authentication",
    "avatar",
    "billing",
    "blog",
    "branding",
    "careers",
    "client",
    "clients",
    "community",
    "contact",
    "corp",
    "customers",
    "de",
    "debug",
    "devinfra",
    "docs",
    "enterprise",
    "eu",
    "events",
    "expenses",
    "ext",
    "extension",
    "extensions",
    "features",
    "finance",
    "for",
    "from",
    "get-cli",
    "github-deployment-gate",
    "guide",
    "help",
    "ingest",
    "ingest-beta",
    "integration-platform",
    "integrations",
    "invoice",
    "invoices",
    "ja",
    "jobs",
    "legal",
    "login",
    "logout",
    "lp",
    "mail",
    "manage",
    "my",
    "onboarding",
    "organization-avatar",
    "organizations",
    "out",
    "payment",
    "payments",
    "platforms",
    "plugins",
    "policy",
    "pricing",
    "privacy",
    "project-avatar",
    "projects",
    "receipt",
    "receipts",
    "referrals",
    "register",
    "remote",
    "resources",
    "sa1",
    "sales",
    "security",
    "sentry-apps",
    "settings",
    "signup",
    "sponsorship",
    "ssh",
    "sso",
    "staff",
    "subscribe",
    "support",
    "syntax",
    "syntaxfm",
    "team-avatar",
    "teams",
    "terms",
    "thanks",
    "themonitor",
    "trust",
    "us",
    "vs",
    "welcome",
];

/// Django's `MaxLengthValidator` message.
fn too_long(max: usize) -> String {
    format!("Ensure this field has no more than {max} characters.")
}

/// Django REST framework's `min_value` message.
pub fn below_minimum(min: i64) -> String {
    format!("Ensure this value is greater than or equal to {min}.")
}

/// Django REST framework's `max_value` message.
pub fn above_maximum(max: i64) -> String {
    format!("Ensure this value is less than or equal to {max}.")
}

/// Sentry's rules for an option value that already has its type: `Err` holds the message.
pub fn check_option(field: &str, value: &OptionValue) -> Result<(), String> {
    match (field, value) {
        ("sensitiveFields", OptionValue::List(items)) => {
            if items.iter().any(String::is_empty) {
                return Err(EMPTY_VALUES.to_string());
            }
            let total = items
                .iter()
                .fold(0usize, |sum, item| sum.saturating_add(item.chars().count()));
            if total > MAX_SENSITIVE_FIELD_CHARS {
                return Err(SENSITIVE_FIELDS_TOO_LONG.to_string());
            }
            Ok(())
        }
        ("safeFields", OptionValue::List(items)) => {
            if items.iter().any(String::is_empty) {
                return Err(EMPTY_VALUES.to_string());
            }
            pii_selector::validate_all(items)
        }
        ("apdexThreshold", OptionValue::Int(n)) if *n < 1 => Err(below_minimum(1)),
        ("storeCrashReports", OptionValue::Int(n)) if *n < -1 => Err(below_minimum(-1)),
        ("storeCrashReports", OptionValue::Int(n)) if *n > STORE_CRASH_REPORTS_MAX => {
            Err(above_maximum(STORE_CRASH_REPORTS_MAX))
        }
        _ => Ok(()),
    }
}

/// The name as Sentry stores it (trimmed), or why it is refused.
pub fn check_name(raw: &str) -> Result<String, Vec<String>> {
    let name = py_strip(raw);
    if name.is_empty() {
        return Err(vec![BLANK.to_string()]);
    }
    if name.chars().count() > ORG_NAME_MAX_LENGTH {
        return Err(vec![too_long(ORG_NAME_MAX_LENGTH)]);
    }
    Ok(name.to_string())
}

/// Whether `slug` matches Sentry's organization slug pattern (lower case here, see the module
/// docs): letters, digits and hyphens, starting and ending with a letter or digit, not only
/// digits.
pub fn is_valid_org_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.chars().all(|c| c.is_ascii_digit())
}

/// Sentry's slug field and `validate_slug`, in its order: the slug as stored (trimmed), or
/// every message of the first step that refused it. `is_taken` says whether another
/// organization has the slug (asked only for a slug that passed the steps before it).
pub fn check_slug<E>(
    raw: &str,
    is_taken: impl FnOnce(&str) -> Result<bool, E>,
) -> Result<Result<String, Vec<String>>, E> {
    let slug = py_strip(raw);
    if slug.is_empty() {
        return Ok(Err(vec![BLANK.to_string()]));
    }
    // The field's validators all run and each adds its message.
    let mut messages = Vec::new();
    if slug.chars().count() > ORG_SLUG_MAX_LENGTH {
        messages.push(too_long(ORG_SLUG_MAX_LENGTH));
    }
    if !is_valid_org_slug(slug) {
        messages.push(ORG_SLUG_INVALID.to_string());
    }
    if !messages.is_empty() {
        return Ok(Err(messages));
    }
    // validate_slug stops at its first refusal.
    let refusal = if slug.chars().count() < ORG_SLUG_MIN_LENGTH {
        Some(format!(
            "This slug \"{slug}\" is too short. Minimum of {ORG_SLUG_MIN_LENGTH} characters."
        ))
    } else if RESERVED_ORGANIZATION_SLUGS.contains(&slug) {
        Some(format!("This slug \"{slug}\" is reserved and not allowed."))
    } else if is_taken(slug)? {
        Some(format!("The slug \"{slug}\" is already in use."))
    } else if raw.chars().any(py_is_space) {
        Some(format!(
            "The slug \"{slug}\" should not contain any whitespace."
        ))
    } else {
        None
    };
    Ok(match refusal {
        Some(message) => Err(vec![message]),
        None => Ok(slug.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> OptionValue {
        OptionValue::List(items.iter().map(|s| s.to_string()).collect())
    }

    fn slug(raw: &str, taken: &[&str]) -> Result<String, Vec<String>> {
        check_slug(raw, |s| Ok::<_, ()>(taken.contains(&s))).unwrap()
    }

    #[test]
    fn option_rules() {
        let long = vec!["0123456789"; 400];
        let cases: Vec<(&str, OptionValue, Result<(), &str>)> = vec![
            ("sensitiveFields", list(&["password", "cvv"]), Ok(())),
            ("sensitiveFields", list(&[]), Ok(())),
            ("sensitiveFields", OptionValue::None, Ok(())),
            ("sensitiveFields", list(&[""]), Err(EMPTY_VALUES)),
            ("sensitiveFields", list(&["a", ""]), Err(EMPTY_VALUES)),
            ("sensitiveFields", list(&long), Ok(())),
            (
                "sensitiveFields",
                list(&[long.as_slice(), &["1"]].concat()),
                Err(SENSITIVE_FIELDS_TOO_LONG),
            ),
            ("safeFields", list(&["email", "$http.headers"]), Ok(())),
            ("safeFields", list(&[""]), Err(EMPTY_VALUES)),
            (
                "safeFields",
                list(&["$$"]),
                Err("Invalid syntax near \"$$\" (line 1)"),
            ),
            ("apdexThreshold", OptionValue::Int(1), Ok(())),
            ("apdexThreshold", OptionValue::None, Ok(())),
            (
                "apdexThreshold",
                OptionValue::Int(0),
                Err("Ensure this value is greater than or equal to 1."),
            ),
            (
                "apdexThreshold",
                OptionValue::Int(-5),
                Err("Ensure this value is greater than or equal to 1."),
            ),
            ("storeCrashReports", OptionValue::Int(-1), Ok(())),
            ("storeCrashReports", OptionValue::Int(100), Ok(())),
            (
                "storeCrashReports",
                OptionValue::Int(101),
                Err("Ensure this value is less than or equal to 100."),
            ),
            (
                "storeCrashReports",
                OptionValue::Int(-2),
                Err("Ensure this value is greater than or equal to -1."),
            ),
            ("dataScrubber", OptionValue::Bool(true), Ok(())),
        ];
        for (field, value, want) in cases {
            assert_eq!(
                check_option(field, &value),
                want.map_err(str::to_string),
                "{field} {value:?}"
            );
        }
        // Lengths are counted in chars, as Python's len().
        let wide = vec!["é".repeat(10); 400];
        assert_eq!(
            check_option(
                "sensitiveFields",
                &OptionValue::List(wide.iter().map(|s| s.to_string()).collect())
            ),
            Ok(())
        );
    }

    #[test]
    fn names() {
        assert_eq!(check_name(" Acme Corp "), Ok("Acme Corp".to_string()));
        assert_eq!(check_name("  "), Err(vec![BLANK.to_string()]));
        assert_eq!(check_name(&"x".repeat(64)), Ok("x".repeat(64)));
        assert_eq!(
            check_name(&"x".repeat(65)),
            Err(vec![
                "Ensure this field has no more than 64 characters.".to_string()
            ])
        );
    }

    #[test]
    fn slugs_as_sentry_tests_send_them() {
        for ok in ["santry", "downtown-canada", "1234-foo", "new-santry", "abc"] {
            assert_eq!(slug(ok, &[]), Ok(ok.to_string()), "{ok}");
        }
        let invalid = vec![ORG_SLUG_INVALID.to_string()];
        for bad in [
            " i have whitespace ",
            "bird-company!",
            "downtown_canada",
            "canada-",
            "-canada",
            "----",
            "1234",
            "I-contain-UPPERCASE",
        ] {
            assert_eq!(slug(bad, &[]), Err(invalid.clone()), "{bad:?}");
        }
        let one = |m: &str| Err(vec![m.to_string()]);
        assert_eq!(
            slug("ab", &[]),
            one("This slug \"ab\" is too short. Minimum of 3 characters.")
        );
        assert_eq!(
            slug("a", &[]),
            one("This slug \"a\" is too short. Minimum of 3 characters.")
        );
        assert_eq!(
            slug("api", &[]),
            one("This slug \"api\" is reserved and not allowed.")
        );
        assert_eq!(
            slug("taken", &["taken"]),
            one("The slug \"taken\" is already in use.")
        );
        assert_eq!(
            slug("foo-bar ", &[]),
            one("The slug \"foo-bar\" should not contain any whitespace.")
        );
        assert_eq!(slug("", &[]), one(BLANK));
        assert_eq!(slug(" ", &[]), one(BLANK));
        assert_eq!(slug(&"a".repeat(50), &[]), Ok("a".repeat(50)));
        assert_eq!(
            slug(&"a".repeat(51), &[]),
            one("Ensure this field has no more than 50 characters.")
        );
        assert_eq!(
            slug(&"A".repeat(51), &[]),
            Err(vec![
                "Ensure this field has no more than 50 characters.".to_string(),
                ORG_SLUG_INVALID.to_string()
            ])
        );
        // "taken" is asked only after the cheaper refusals.
        let asked = check_slug("api", |_| Err::<bool, &str>("asked"));
        assert!(matches!(asked, Ok(Err(_))));
        assert_eq!(
            check_slug("fine", |_| Err::<bool, &str>("asked")),
            Err("asked")
        );
    }

    #[test]
    fn reserved_slugs_are_refused() {
        for reserved in RESERVED_ORGANIZATION_SLUGS {
            let got = slug(reserved, &[]);
            assert!(got.is_err(), "{reserved}");
        }
    }
}
