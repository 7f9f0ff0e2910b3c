//! Organization options: the `ORG_OPTIONS` table of Sentry's organization
//! details endpoint, parsing of option values given on the command line, and
//! the audit-log change strings.
//!
//! Organization settings are stored as key/value option rows; Sentry records
//! every change in the ORG_EDIT audit entry as `"to X"` (first write, only when
//! it differs from the default) or `"from X to Y"`, rendering values with
//! Python's `str()` (`True`, `None`, `['a', 'b']`). This module holds the
//! table (spec §6.1), typed values and those rules (spec §6.3), so that the
//! storage layer only persists what it is given.

use std::fmt;

/// How an option's raw value is interpreted (the `type` column of
/// `ORG_OPTIONS`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OptionKind {
    /// `bool`.
    Bool,
    /// `int`.
    Int,
    /// `float`.
    Float,
    /// `str`.
    Str,
    /// `list` of strings.
    List,
    /// `convert_crashreport_count`: -1 = unlimited, 0 = off, N per issue;
    /// legacy `True` = -1, `False` = 0.
    CrashReportCount,
}

impl OptionKind {
    /// What a raw value of this kind must look like (for error messages).
    pub fn expected(self) -> &'static str {
        match self {
            OptionKind::Bool => "a boolean (true/false, 1/0, yes/no, on/off)",
            OptionKind::Int => "an integer",
            OptionKind::Float => "a finite number",
            OptionKind::Str => "a string",
            OptionKind::List => "a list (JSON array of strings, or comma-separated values)",
            OptionKind::CrashReportCount => {
                "a crash report count (an integer from -1 to 100, or true/false)"
            }
        }
    }
}

/// A stored option value. Serialises as plain JSON (`null`, `true`, `3`,
/// `0.5`, `"x"`, `["a"]`) and deserialises back to the same variant (JSON
/// integers stay [`OptionValue::Int`], numbers with a fraction or exponent
/// become [`OptionValue::Float`]).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(untagged)]
pub enum OptionValue {
    /// Python `None`.
    None,
    /// Python `bool`.
    Bool(bool),
    /// Python `int`.
    Int(i64),
    /// Python `float`.
    Float(f64),
    /// Python `str`.
    Str(String),
    /// Python `list` of `str`.
    List(Vec<String>),
}

impl OptionValue {
    /// Python `a == b` semantics across numeric types (`True == 1 == 1.0`,
    /// `False == 0`); other values compare structurally.
    pub fn py_eq(&self, other: &OptionValue) -> bool {
        match (self.as_number(), other.as_number()) {
            (Some(a), Some(b)) => a.eq(b),
            _ => self == other,
        }
    }

    fn as_number(&self) -> Option<PyNumber> {
        match self {
            OptionValue::Bool(b) => Some(PyNumber::Int(i64::from(*b))),
            OptionValue::Int(i) => Some(PyNumber::Int(*i)),
            OptionValue::Float(f) => Some(PyNumber::Float(*f)),
            _ => None,
        }
    }
}

#[derive(Clone, Copy)]
enum PyNumber {
    Int(i64),
    Float(f64),
}

impl PyNumber {
    fn eq(self, other: PyNumber) -> bool {
        match (self, other) {
            (PyNumber::Int(a), PyNumber::Int(b)) => a == b,
            (PyNumber::Float(a), PyNumber::Float(b)) => a == b,
            (PyNumber::Int(i), PyNumber::Float(f)) | (PyNumber::Float(f), PyNumber::Int(i)) => {
                int_eq_float(i, f)
            }
        }
    }
}

/// Exact `int == float` comparison (Python compares mathematically).
fn int_eq_float(i: i64, f: f64) -> bool {
    if !f.is_finite() || f.fract() != 0.0 {
        return false;
    }
    // Every finite integral f64 in (-2^63, 2^63) converts exactly.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if !(-LIMIT..LIMIT).contains(&f) {
        return false;
    }
    // In range and integral, so the conversion is exact.
    #[allow(clippy::cast_possible_truncation)]
    let as_int = f as i64;
    as_int == i
}

/// Python `repr(float)`: shortest round-trip digits, `1.0` for integral
/// values, scientific notation (`1e+16`, `1e-05`) outside 1e-4 ≤ |x| < 1e16.
pub fn py_float_repr(f: f64) -> String {
    if f.is_nan() {
        return "nan".to_owned();
    }
    if f.is_infinite() {
        return if f > 0.0 { "inf" } else { "-inf" }.to_owned();
    }
    if f == 0.0 {
        return if f.is_sign_negative() { "-0.0" } else { "0.0" }.to_owned();
    }
    // `{:e}` gives a shortest round-trip digit string ("-1.2345e-7"); when
    // two strings of that length round-trip, Python picks the one closest to
    // the exact binary value (ties to even), which is what Rust's exact
    // formatting with that many significant digits produces.
    let shortest = format!("{f:e}");
    let n_digits = shortest
        .split('e')
        .next()
        .unwrap_or("")
        .chars()
        .filter(char::is_ascii_digit)
        .count();
    let sci = format!("{f:.prec$e}", prec = n_digits.saturating_sub(1));
    let (mantissa, exp) = sci.split_once('e').unwrap_or((sci.as_str(), "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let (sign, mantissa) = match mantissa.strip_prefix('-') {
        Some(m) => ("-", m),
        None => ("", mantissa),
    };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let n_digits = i32::try_from(digits.len()).unwrap_or(i32::MAX);
    if !(-5 < exp && exp < 16) {
        let (first, rest) = digits.split_at(1.min(digits.len()));
        let frac = if rest.is_empty() {
            String::new()
        } else {
            format!(".{rest}")
        };
        let exp_sign = if exp < 0 { '-' } else { '+' };
        return format!("{sign}{first}{frac}e{exp_sign}{:02}", exp.unsigned_abs());
    }
    // Fixed notation: the decimal point sits after `exp + 1` digits.
    let point = exp.saturating_add(1);
    let body = if point <= 0 {
        let zeros = "0".repeat(usize::try_from(point.saturating_neg()).unwrap_or(0));
        format!("0.{zeros}{digits}")
    } else if point >= n_digits {
        let zeros = "0".repeat(usize::try_from(point.saturating_sub(n_digits)).unwrap_or(0));
        format!("{digits}{zeros}.0")
    } else {
        let (int_part, frac_part) = digits.split_at(usize::try_from(point).unwrap_or(0));
        format!("{int_part}.{frac_part}")
    };
    format!("{sign}{body}")
}

/// Whether Python's `str.isprintable()` holds for `c`: false for control,
/// format, separator (except the plain space), private-use and noncharacter
/// code points. Known gap: unassigned code points (category Cn), which Python
/// also escapes, are treated as printable because no Unicode category table
/// is available here.
fn py_is_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    let u = u32::from(c);
    let non_printable = c.is_control()
        || c.is_whitespace()
        || matches!(
            u,
            0x00AD
                | 0x0600..=0x0605
                | 0x061C
                | 0x06DD
                | 0x070F
                | 0x0890..=0x0891
                | 0x08E2
                | 0x180E
                | 0x200B..=0x200F
                | 0x202A..=0x202E
                | 0x2060..=0x2064
                | 0x2066..=0x206F
                | 0xE000..=0xF8FF
                | 0xFEFF
                | 0xFFF9..=0xFFFB
                | 0xFFFE..=0xFFFF
                | 0x110BD
                | 0x110CD
                | 0x13430..=0x1343F
                | 0x1BCA0..=0x1BCA3
                | 0x1D173..=0x1D17A
                | 0xE0001
                | 0xE0020..=0xE007F
                | 0xF0000..=0x10FFFF
        );
    !non_printable
}

/// Python `repr(str)`: single quotes unless the text contains `'` and no `"`;
/// backslash, the quote, `\t`, `\n`, `\r` escaped; other non-printable chars
/// as `\xhh`, `\uhhhh` or `\Uhhhhhhhh`.
pub fn py_str_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len().saturating_add(2));
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if py_is_printable(c) => out.push(c),
            c => {
                let u = u32::from(c);
                if u < 0x100 {
                    out.push_str(&format!("\\x{u:02x}"));
                } else if u < 0x10000 {
                    out.push_str(&format!("\\u{u:04x}"));
                } else {
                    out.push_str(&format!("\\U{u:08x}"));
                }
            }
        }
    }
    out.push(quote);
    out
}

/// Renders like Python's `str(value)`: `True`/`False`/`None`, ints, floats as
/// Python prints them (`1.0`, `0.5`, `1e-05`), strings bare, lists as
/// `['a', 'b']`.
impl fmt::Display for OptionValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionValue::None => f.write_str("None"),
            OptionValue::Bool(true) => f.write_str("True"),
            OptionValue::Bool(false) => f.write_str("False"),
            OptionValue::Int(i) => write!(f, "{i}"),
            OptionValue::Float(x) => f.write_str(&py_float_repr(*x)),
            OptionValue::Str(s) => f.write_str(s),
            OptionValue::List(items) => {
                f.write_str("[")?;
                for (idx, item) in items.iter().enumerate() {
                    if idx > 0 {
                        f.write_str(", ")?;
                    }
                    f.write_str(&py_str_repr(item))?;
                }
                f.write_str("]")
            }
        }
    }
}

/// One row of `ORG_OPTIONS`.
#[derive(Debug, Clone, Copy)]
pub struct OrgOption {
    /// API / serializer field name, e.g. `dataScrubber`.
    pub field: &'static str,
    /// Stored option key, e.g. `sentry:require_scrub_data`.
    pub key: &'static str,
    /// Type applied to the value.
    pub kind: OptionKind,
    /// Default used when no row exists (and for "to X" change tracking).
    pub default: fn() -> OptionValue,
}

impl OrgOption {
    /// The option's default value.
    pub fn default_value(&self) -> OptionValue {
        (self.default)()
    }

    /// Parses a raw command-line value for this option: `null`/`none` give
    /// [`OptionValue::None`] only when the default is `None` (for a string
    /// option with a non-`None` default they are taken literally); anything
    /// else goes through [`parse_value`].
    pub fn parse(&self, raw: &str) -> Result<OptionValue, String> {
        let default_is_none = self.default_value() == OptionValue::None;
        if is_null_word(raw) {
            if default_is_none {
                return Ok(OptionValue::None);
            }
            if self.kind == OptionKind::Str {
                return Ok(OptionValue::Str(raw.to_owned()));
            }
            return Err(format!(
                "{} cannot be null: expected {}",
                self.field,
                self.kind.expected()
            ));
        }
        parse_value(self.kind, raw).map_err(|e| format!("{}: {e}", self.field))
    }
}

fn none() -> OptionValue {
    OptionValue::None
}
fn yes() -> OptionValue {
    OptionValue::Bool(true)
}
fn no() -> OptionValue {
    OptionValue::Bool(false)
}
fn zero() -> OptionValue {
    OptionValue::Int(0)
}
fn member() -> OptionValue {
    OptionValue::Str("member".to_owned())
}
fn admin() -> OptionValue {
    OptionValue::Str("admin".to_owned())
}
fn one_float() -> OptionValue {
    OptionValue::Float(1.0)
}
fn sampling_organization() -> OptionValue {
    OptionValue::Str("organization".to_owned())
}
fn autofix_off() -> OptionValue {
    OptionValue::Str("off".to_owned())
}
fn code_review_triggers() -> OptionValue {
    OptionValue::List(vec![
        "on_new_commit".to_owned(),
        "on_ready_for_review".to_owned(),
    ])
}
fn relays_disabled() -> OptionValue {
    OptionValue::Str("disabled".to_owned())
}
fn empty_list() -> OptionValue {
    OptionValue::List(Vec::new())
}

const fn opt(
    field: &'static str,
    key: &'static str,
    kind: OptionKind,
    default: fn() -> OptionValue,
) -> OrgOption {
    OrgOption {
        field,
        key,
        kind,
        default,
    }
}

/// Sentry's `ORG_OPTIONS` (latest `organization_details.py`), in order.
///
/// Rows 1–15 and the keys, types and order of rows 16+ were read in the
/// source; defaults marked `[M]` come from constants that could not be
/// re-read (`sentry/constants.py`) and are the most plausible values.
pub static ORG_OPTIONS: &[OrgOption] = &[
    opt(
        "dataScrubber",
        "sentry:require_scrub_data",
        OptionKind::Bool,
        no,
    ),
    opt(
        "sensitiveFields",
        "sentry:sensitive_fields",
        OptionKind::List,
        none,
    ),
    opt("safeFields", "sentry:safe_fields", OptionKind::List, none),
    opt(
        "scrapeJavaScript",
        "sentry:scrape_javascript",
        OptionKind::Bool,
        yes,
    ),
    opt(
        "dataScrubberDefaults",
        "sentry:require_scrub_defaults",
        OptionKind::Bool,
        no,
    ),
    // STORE_CRASH_REPORTS_DEFAULT = 0 (sentry.lang.native.utils).
    opt(
        "storeCrashReports",
        "sentry:store_crash_reports",
        OptionKind::CrashReportCount,
        zero,
    ),
    // ATTACHMENTS_ROLE_DEFAULT = settings.SENTRY_DEFAULT_ROLE ("member").
    opt(
        "attachmentsRole",
        "sentry:attachments_role",
        OptionKind::Str,
        member,
    ),
    opt(
        "debugFilesRole",
        "sentry:debug_files_role",
        OptionKind::Str,
        admin,
    ),
    opt(
        "eventsMemberAdmin",
        "sentry:events_member_admin",
        OptionKind::Bool,
        yes,
    ),
    opt(
        "alertsMemberWrite",
        "sentry:alerts_member_write",
        OptionKind::Bool,
        yes,
    ),
    opt(
        "scrubIPAddresses",
        "sentry:require_scrub_ip_address",
        OptionKind::Bool,
        no,
    ),
    opt(
        "relayPiiConfig",
        "sentry:relay_pii_config",
        OptionKind::Str,
        none,
    ),
    opt(
        "allowJoinRequests",
        "sentry:join_requests",
        OptionKind::Bool,
        yes,
    ),
    opt(
        "apdexThreshold",
        "sentry:apdex_threshold",
        OptionKind::Int,
        none,
    ),
    // HIDE_AI_FEATURES_DEFAULT [M] False.
    opt(
        "hideAiFeatures",
        "sentry:hide_ai_features",
        OptionKind::Bool,
        no,
    ),
    // GITHUB_COMMENT_BOT_DEFAULT = True (read).
    opt("githubPRBot", "sentry:github_pr_bot", OptionKind::Bool, yes),
    opt(
        "githubNudgeInvite",
        "sentry:github_nudge_invite",
        OptionKind::Bool,
        yes,
    ),
    // GITLAB_COMMENT_BOT_DEFAULT [M] True.
    opt("gitlabPRBot", "sentry:gitlab_pr_bot", OptionKind::Bool, yes),
    // ISSUE_ALERTS_THREAD_DEFAULT / METRIC_ALERTS_THREAD_DEFAULT [M] True.
    opt(
        "issueAlertsThreadFlag",
        "sentry:issue_alerts_thread_flag",
        OptionKind::Bool,
        yes,
    ),
    opt(
        "metricAlertsThreadFlag",
        "sentry:metric_alerts_thread_flag",
        OptionKind::Bool,
        yes,
    ),
    // TARGET_SAMPLE_RATE_DEFAULT [M] 1.0.
    opt(
        "targetSampleRate",
        "sentry:target_sample_rate",
        OptionKind::Float,
        one_float,
    ),
    // SAMPLING_MODE_DEFAULT [M] "organization" (DynamicSamplingMode.ORGANIZATION).
    opt(
        "samplingMode",
        "sentry:sampling_mode",
        OptionKind::Str,
        sampling_organization,
    ),
    // ROLLBACK_ENABLED_DEFAULT [M] True.
    opt(
        "rollbackEnabled",
        "sentry:rollback_enabled",
        OptionKind::Bool,
        yes,
    ),
    // DEFAULT_AUTOFIX_AUTOMATION_TUNING_DEFAULT [M] "off".
    opt(
        "defaultAutofixAutomationTuning",
        "sentry:default_autofix_automation_tuning",
        OptionKind::Str,
        autofix_off,
    ),
    // DEFAULT_SEER_SCANNER_AUTOMATION_DEFAULT [M] False.
    opt(
        "defaultSeerScannerAutomation",
        "sentry:default_seer_scanner_automation",
        OptionKind::Bool,
        no,
    ),
    // ENABLE_PR_REVIEW_TEST_GENERATION_DEFAULT [M] False.
    opt(
        "enablePrReviewTestGeneration",
        "sentry:enable_pr_review_test_generation",
        OptionKind::Bool,
        no,
    ),
    // ENABLE_SEER_ENHANCED_ALERTS_DEFAULT [M] True.
    opt(
        "enableSeerEnhancedAlerts",
        "sentry:enable_seer_enhanced_alerts",
        OptionKind::Bool,
        yes,
    ),
    // ENABLE_SEER_CODING_DEFAULT [M] True.
    opt(
        "enableSeerCoding",
        "sentry:enable_seer_coding",
        OptionKind::Bool,
        yes,
    ),
    // AUTO_OPEN_PRS_DEFAULT [M] False.
    opt("autoOpenPrs", "sentry:auto_open_prs", OptionKind::Bool, no),
    // AUTO_ENABLE_CODE_REVIEW [M] True.
    opt(
        "autoEnableCodeReview",
        "sentry:auto_enable_code_review",
        OptionKind::Bool,
        yes,
    ),
    // DEFAULT_CODE_REVIEW_TRIGGERS [M] ["on_new_commit", "on_ready_for_review"].
    opt(
        "defaultCodeReviewTriggers",
        "sentry:default_code_review_triggers",
        OptionKind::List,
        code_review_triggers,
    ),
    // ALLOW_BACKGROUND_AGENT_DELEGATION [M] False.
    opt(
        "allowBackgroundAgentDelegation",
        "sentry:allow_background_agent_delegation",
        OptionKind::Bool,
        no,
    ),
    // INGEST_THROUGH_TRUSTED_RELAYS_ONLY_DEFAULT [M] "disabled" (choices enabled/disabled).
    opt(
        "ingestThroughTrustedRelaysOnly",
        "sentry:ingest-through-trusted-relays-only",
        OptionKind::Str,
        relays_disabled,
    ),
    // ENABLED_CONSOLE_PLATFORMS_DEFAULT [M] [].
    opt(
        "enabledConsolePlatforms",
        "sentry:enabled_console_platforms",
        OptionKind::List,
        empty_list,
    ),
];

/// The `ORG_OPTIONS` row of an API field name (exact, case-sensitive).
pub fn find_option(field: &str) -> Option<&'static OrgOption> {
    ORG_OPTIONS.iter().find(|o| o.field == field)
}

fn is_null_word(raw: &str) -> bool {
    let t = raw.trim();
    t.eq_ignore_ascii_case("null") || t.eq_ignore_ascii_case("none")
}

fn parse_bool_word(raw: &str) -> Option<bool> {
    match raw.trim().to_ascii_lowercase().as_str() {
        "true" | "1" | "yes" | "on" => Some(true),
        "false" | "0" | "no" | "off" => Some(false),
        _ => None,
    }
}

fn type_error(kind: OptionKind, raw: &str) -> String {
    format!("expected {}, got {raw:?}", kind.expected())
}

/// Parses a raw command-line value as `kind`.
///
/// - Bool: `true/false`, `1/0`, `yes/no`, `on/off` (any case);
/// - Int: a decimal `i64`; Float: a finite decimal number;
/// - Str: any text, kept as is;
/// - List: a JSON array of strings (when the text starts with `[`), or
///   comma-separated items (trimmed, empty items dropped; `""` → `[]`);
/// - CrashReportCount: an integer (Sentry's range, -1 to 100, is checked by
///   `org_rules::check_option`), or `true` (→ -1, unlimited) / `false` (→ 0);
/// - `null`/`none` (any case) → [`OptionValue::None`] for the kinds that have
///   options whose default is `None`: Int, Str and List.
///
/// Errors are one line naming the expected type.
pub fn parse_value(kind: OptionKind, raw: &str) -> Result<OptionValue, String> {
    if is_null_word(raw) && matches!(kind, OptionKind::Int | OptionKind::Str | OptionKind::List) {
        return Ok(OptionValue::None);
    }
    let t = raw.trim();
    match kind {
        OptionKind::Bool => parse_bool_word(t)
            .map(OptionValue::Bool)
            .ok_or_else(|| type_error(kind, raw)),
        OptionKind::Int => t
            .parse::<i64>()
            .map(OptionValue::Int)
            .map_err(|_| type_error(kind, raw)),
        OptionKind::Float => match t.parse::<f64>() {
            Ok(f) if f.is_finite() => Ok(OptionValue::Float(f)),
            _ => Err(type_error(kind, raw)),
        },
        OptionKind::Str => Ok(OptionValue::Str(raw.to_owned())),
        OptionKind::List => {
            if t.starts_with('[') {
                serde_json::from_str::<Vec<String>>(t)
                    .map(OptionValue::List)
                    .map_err(|_| type_error(kind, raw))
            } else {
                Ok(OptionValue::List(
                    t.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned)
                        .collect(),
                ))
            }
        }
        OptionKind::CrashReportCount => {
            if t.eq_ignore_ascii_case("true") {
                return Ok(OptionValue::Int(-1));
            }
            if t.eq_ignore_ascii_case("false") {
                return Ok(OptionValue::Int(0));
            }
            // The range (-1 to 100) is a rule of the option (`org_rules.rs`), with Sentry's
            // words.
            t.parse::<i64>()
                .map(OptionValue::Int)
                .map_err(|_| type_error(kind, raw))
        }
    }
}

/// The ORG_EDIT audit string for one option, or `None` when nothing is
/// recorded:
/// - no stored row yet (`previous` is `None`): `"to {new}"`, only if `new`
///   differs from `default`;
/// - stored row `old`: `"from {old} to {new}"`, only if `old` differs from
///   `new`.
///
/// "Differs" is Python `!=` (so `True` equals `1` and `1.0`).
pub fn change_description(
    default: &OptionValue,
    previous: Option<&OptionValue>,
    new: &OptionValue,
) -> Option<String> {
    match previous {
        None if !new.py_eq(default) => Some(format!("to {new}")),
        Some(old) if !old.py_eq(new) => Some(format!("from {old} to {new}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    fn list(items: &[&str]) -> OptionValue {
        OptionValue::List(items.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn table_is_complete_and_unique() {
        assert_eq!(ORG_OPTIONS.len(), 34);
        let fields: HashSet<_> = ORG_OPTIONS.iter().map(|o| o.field).collect();
        let keys: HashSet<_> = ORG_OPTIONS.iter().map(|o| o.key).collect();
        assert_eq!(fields.len(), ORG_OPTIONS.len());
        assert_eq!(keys.len(), ORG_OPTIONS.len());
        for o in ORG_OPTIONS {
            assert!(o.key.starts_with("sentry:"), "{}", o.key);
            // Every default is a value of the option's kind (or None).
            let ok = matches!(
                (o.kind, o.default_value()),
                (_, OptionValue::None)
                    | (OptionKind::Bool, OptionValue::Bool(_))
                    | (
                        OptionKind::Int | OptionKind::CrashReportCount,
                        OptionValue::Int(_)
                    )
                    | (OptionKind::Float, OptionValue::Float(_))
                    | (OptionKind::Str, OptionValue::Str(_))
                    | (OptionKind::List, OptionValue::List(_))
            );
            assert!(ok, "{}", o.field);
        }
    }

    #[test]
    fn spec_rows() {
        let cases: Vec<(&str, &str, OptionKind, OptionValue)> = vec![
            (
                "dataScrubber",
                "sentry:require_scrub_data",
                OptionKind::Bool,
                OptionValue::Bool(false),
            ),
            (
                "sensitiveFields",
                "sentry:sensitive_fields",
                OptionKind::List,
                OptionValue::None,
            ),
            (
                "safeFields",
                "sentry:safe_fields",
                OptionKind::List,
                OptionValue::None,
            ),
            (
                "scrapeJavaScript",
                "sentry:scrape_javascript",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "dataScrubberDefaults",
                "sentry:require_scrub_defaults",
                OptionKind::Bool,
                OptionValue::Bool(false),
            ),
            (
                "storeCrashReports",
                "sentry:store_crash_reports",
                OptionKind::CrashReportCount,
                OptionValue::Int(0),
            ),
            (
                "attachmentsRole",
                "sentry:attachments_role",
                OptionKind::Str,
                OptionValue::Str("member".into()),
            ),
            (
                "debugFilesRole",
                "sentry:debug_files_role",
                OptionKind::Str,
                OptionValue::Str("admin".into()),
            ),
            (
                "eventsMemberAdmin",
                "sentry:events_member_admin",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "alertsMemberWrite",
                "sentry:alerts_member_write",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "scrubIPAddresses",
                "sentry:require_scrub_ip_address",
                OptionKind::Bool,
                OptionValue::Bool(false),
            ),
            (
                "relayPiiConfig",
                "sentry:relay_pii_config",
                OptionKind::Str,
                OptionValue::None,
            ),
            (
                "allowJoinRequests",
                "sentry:join_requests",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "apdexThreshold",
                "sentry:apdex_threshold",
                OptionKind::Int,
                OptionValue::None,
            ),
            (
                "hideAiFeatures",
                "sentry:hide_ai_features",
                OptionKind::Bool,
                OptionValue::Bool(false),
            ),
            (
                "githubPRBot",
                "sentry:github_pr_bot",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "githubNudgeInvite",
                "sentry:github_nudge_invite",
                OptionKind::Bool,
                OptionValue::Bool(true),
            ),
            (
                "targetSampleRate",
                "sentry:target_sample_rate",
                OptionKind::Float,
                OptionValue::Float(1.0),
            ),
            (
                "samplingMode",
                "sentry:sampling_mode",
                OptionKind::Str,
                OptionValue::Str("organization".into()),
            ),
            (
                "defaultCodeReviewTriggers",
                "sentry:default_code_review_triggers",
                OptionKind::List,
                list(&["on_new_commit", "on_ready_for_review"]),
            ),
            (
                "ingestThroughTrustedRelaysOnly",
                "sentry:ingest-through-trusted-relays-only",
                OptionKind::Str,
                OptionValue::Str("disabled".into()),
            ),
            (
                "enabledConsolePlatforms",
                "sentry:enabled_console_platforms",
                OptionKind::List,
                list(&[]),
            ),
        ];
        for (field, key, kind, default) in cases {
            let o = find_option(field).unwrap_or_else(|| panic!("{field} missing"));
            assert_eq!(o.key, key, "{field}");
            assert_eq!(o.kind, kind, "{field}");
            assert_eq!(o.default_value(), default, "{field}");
        }
        assert_eq!(ORG_OPTIONS.first().map(|o| o.field), Some("dataScrubber"));
        assert_eq!(
            ORG_OPTIONS.last().map(|o| o.field),
            Some("enabledConsolePlatforms")
        );
    }

    #[test]
    fn find_option_is_exact() {
        let cases = [
            ("dataScrubber", true),
            ("datascrubber", false),
            ("sentry:require_scrub_data", false),
            ("", false),
            ("projectRateLimit", false),
        ];
        for (field, found) in cases {
            assert_eq!(find_option(field).is_some(), found, "{field}");
        }
    }

    #[test]
    fn parse_bool() {
        let cases = [
            ("true", Some(true)),
            ("TRUE", Some(true)),
            (" Yes ", Some(true)),
            ("on", Some(true)),
            ("1", Some(true)),
            ("false", Some(false)),
            ("No", Some(false)),
            ("OFF", Some(false)),
            ("0", Some(false)),
            ("", None),
            ("2", None),
            ("y", None),
            ("null", None),
        ];
        for (raw, want) in cases {
            let got = parse_value(OptionKind::Bool, raw).ok();
            assert_eq!(got, want.map(OptionValue::Bool), "{raw:?}");
        }
    }

    #[test]
    fn parse_numbers() {
        let cases: Vec<(OptionKind, &str, Option<OptionValue>)> = vec![
            (OptionKind::Int, "42", Some(OptionValue::Int(42))),
            (OptionKind::Int, " -7 ", Some(OptionValue::Int(-7))),
            (OptionKind::Int, "+3", Some(OptionValue::Int(3))),
            (OptionKind::Int, "null", Some(OptionValue::None)),
            (OptionKind::Int, "None", Some(OptionValue::None)),
            (OptionKind::Int, "1.5", None),
            (OptionKind::Int, "abc", None),
            (OptionKind::Int, "99999999999999999999", None),
            (OptionKind::Float, "0.5", Some(OptionValue::Float(0.5))),
            (OptionKind::Float, "1", Some(OptionValue::Float(1.0))),
            (OptionKind::Float, "1e-3", Some(OptionValue::Float(0.001))),
            (OptionKind::Float, "nan", None),
            (OptionKind::Float, "inf", None),
            (OptionKind::Float, "x", None),
            (OptionKind::Float, "null", None),
            (OptionKind::CrashReportCount, "5", Some(OptionValue::Int(5))),
            (
                OptionKind::CrashReportCount,
                "-1",
                Some(OptionValue::Int(-1)),
            ),
            (OptionKind::CrashReportCount, "0", Some(OptionValue::Int(0))),
            (
                OptionKind::CrashReportCount,
                "100",
                Some(OptionValue::Int(100)),
            ),
            (
                OptionKind::CrashReportCount,
                "True",
                Some(OptionValue::Int(-1)),
            ),
            (
                OptionKind::CrashReportCount,
                "false",
                Some(OptionValue::Int(0)),
            ),
            (
                OptionKind::CrashReportCount,
                "-2",
                Some(OptionValue::Int(-2)),
            ),
            (
                OptionKind::CrashReportCount,
                "101",
                Some(OptionValue::Int(101)),
            ),
            (OptionKind::CrashReportCount, "1.5", None),
            (OptionKind::CrashReportCount, "yes", None),
            (OptionKind::CrashReportCount, "null", None),
        ];
        for (kind, raw, want) in cases {
            assert_eq!(parse_value(kind, raw).ok(), want, "{kind:?} {raw:?}");
        }
    }

    #[test]
    fn parse_str_and_list() {
        let cases: Vec<(OptionKind, &str, Option<OptionValue>)> = vec![
            (
                OptionKind::Str,
                "admin",
                Some(OptionValue::Str("admin".into())),
            ),
            (
                OptionKind::Str,
                " spaced ",
                Some(OptionValue::Str(" spaced ".into())),
            ),
            (OptionKind::Str, "", Some(OptionValue::Str(String::new()))),
            (OptionKind::Str, "null", Some(OptionValue::None)),
            (OptionKind::List, "a,b", Some(list(&["a", "b"]))),
            (OptionKind::List, " a , ,b ,", Some(list(&["a", "b"]))),
            (OptionKind::List, "", Some(list(&[]))),
            (OptionKind::List, "single", Some(list(&["single"]))),
            (
                OptionKind::List,
                r#"["a, b", "c"]"#,
                Some(list(&["a, b", "c"])),
            ),
            (OptionKind::List, "[]", Some(list(&[]))),
            (OptionKind::List, "[1, 2]", None),
            (OptionKind::List, "[oops", None),
            (OptionKind::List, "NULL", Some(OptionValue::None)),
        ];
        for (kind, raw, want) in cases {
            assert_eq!(parse_value(kind, raw).ok(), want, "{kind:?} {raw:?}");
        }
    }

    #[test]
    fn parse_errors_name_the_type() {
        let cases = [
            (OptionKind::Bool, "maybe", "boolean"),
            (OptionKind::Int, "x", "integer"),
            (OptionKind::Float, "x", "number"),
            (OptionKind::List, "[1]", "list"),
            (OptionKind::CrashReportCount, "many", "crash report count"),
        ];
        for (kind, raw, word) in cases {
            let e = parse_value(kind, raw).unwrap_err();
            assert!(e.contains(word), "{e}");
            assert!(!e.contains('\n'));
        }
    }

    #[test]
    fn option_parse_null_handling() {
        let cases: Vec<(&str, &str, Result<OptionValue, ()>)> = vec![
            ("apdexThreshold", "null", Ok(OptionValue::None)),
            ("relayPiiConfig", "none", Ok(OptionValue::None)),
            ("sensitiveFields", "null", Ok(OptionValue::None)),
            ("samplingMode", "none", Ok(OptionValue::Str("none".into()))),
            ("dataScrubber", "null", Err(())),
            ("enabledConsolePlatforms", "null", Err(())),
            ("storeCrashReports", "true", Ok(OptionValue::Int(-1))),
            ("dataScrubber", "yes", Ok(OptionValue::Bool(true))),
            ("apdexThreshold", "abc", Err(())),
        ];
        for (field, raw, want) in cases {
            let o = find_option(field).unwrap();
            assert_eq!(o.parse(raw).map_err(|_| ()), want, "{field} {raw:?}");
        }
        let e = find_option("dataScrubber")
            .unwrap()
            .parse("null")
            .unwrap_err();
        assert!(e.starts_with("dataScrubber cannot be null"), "{e}");
    }

    #[test]
    fn display_like_python_str() {
        let cases: Vec<(OptionValue, &str)> = vec![
            (OptionValue::None, "None"),
            (OptionValue::Bool(true), "True"),
            (OptionValue::Bool(false), "False"),
            (OptionValue::Int(0), "0"),
            (OptionValue::Int(-1), "-1"),
            (OptionValue::Float(1.0), "1.0"),
            (OptionValue::Float(0.5), "0.5"),
            (OptionValue::Float(-2.25), "-2.25"),
            (OptionValue::Float(0.1), "0.1"),
            (OptionValue::Float(0.0001), "0.0001"),
            (OptionValue::Float(0.00001), "1e-05"),
            (OptionValue::Float(1.5e-7), "1.5e-07"),
            (OptionValue::Float(1e15), "1000000000000000.0"),
            (OptionValue::Float(1e16), "1e+16"),
            (OptionValue::Float(1.2345e20), "1.2345e+20"),
            (OptionValue::Float(1e100), "1e+100"),
            (OptionValue::Float(123.456), "123.456"),
            (OptionValue::Float(0.0), "0.0"),
            (OptionValue::Float(-0.0), "-0.0"),
            (OptionValue::Float(f64::NAN), "nan"),
            (OptionValue::Float(f64::INFINITY), "inf"),
            (OptionValue::Float(f64::NEG_INFINITY), "-inf"),
            (OptionValue::Float(f64::MAX), "1.7976931348623157e+308"),
            (OptionValue::Float(5e-324), "5e-324"),
            (OptionValue::Str("admin".into()), "admin"),
            (OptionValue::Str(String::new()), ""),
            (list(&[]), "[]"),
            (list(&["a", "b"]), "['a', 'b']"),
            (list(&["it's"]), "[\"it's\"]"),
            (list(&["it's \"q\""]), "['it\\'s \"q\"']"),
            (list(&["a\\b", "t\tn\nr\r"]), "['a\\\\b', 't\\tn\\nr\\r']"),
            (
                list(&["\u{7}", "\u{a0}", "é", "\u{200b}", "😀"]),
                "['\\x07', '\\xa0', 'é', '\\u200b', '😀']",
            ),
        ];
        for (value, want) in cases {
            assert_eq!(value.to_string(), want, "{value:?}");
        }
    }

    #[test]
    fn serde_round_trip() {
        let cases: Vec<(OptionValue, &str)> = vec![
            (OptionValue::None, "null"),
            (OptionValue::Bool(true), "true"),
            (OptionValue::Int(5), "5"),
            (OptionValue::Int(-1), "-1"),
            (OptionValue::Int(i64::MAX), "9223372036854775807"),
            (OptionValue::Float(0.5), "0.5"),
            (OptionValue::Float(1.0), "1.0"),
            (OptionValue::Str("x".into()), "\"x\""),
            (OptionValue::Str("null".into()), "\"null\""),
            (list(&["a", "b"]), "[\"a\",\"b\"]"),
            (list(&[]), "[]"),
        ];
        for (value, json) in cases {
            assert_eq!(serde_json::to_string(&value).unwrap(), json, "{value:?}");
            let back: OptionValue = serde_json::from_str(json).unwrap();
            assert_eq!(back, value, "{json}");
        }
        // Python-style extras that also load.
        let extras: Vec<(&str, OptionValue)> = vec![
            ("1e3", OptionValue::Float(1000.0)),
            ("0", OptionValue::Int(0)),
            ("false", OptionValue::Bool(false)),
        ];
        for (json, want) in extras {
            assert_eq!(
                serde_json::from_str::<OptionValue>(json).unwrap(),
                want,
                "{json}"
            );
        }
        assert!(serde_json::from_str::<OptionValue>("{\"a\": 1}").is_err());
        assert!(serde_json::from_str::<OptionValue>("[1]").is_err());
    }

    #[test]
    fn python_equality() {
        let cases = [
            (OptionValue::Bool(true), OptionValue::Int(1), true),
            (OptionValue::Bool(false), OptionValue::Int(0), true),
            (OptionValue::Int(1), OptionValue::Float(1.0), true),
            (OptionValue::Bool(true), OptionValue::Float(1.0), true),
            (OptionValue::Int(1), OptionValue::Float(1.5), false),
            (
                OptionValue::Int(i64::MAX),
                OptionValue::Float(i64::MAX as f64),
                false,
            ),
            (OptionValue::Int(0), OptionValue::None, false),
            (OptionValue::Bool(false), OptionValue::None, false),
            (OptionValue::Str("1".into()), OptionValue::Int(1), false),
            (OptionValue::None, OptionValue::None, true),
            (list(&["a"]), list(&["a"]), true),
            (list(&[]), OptionValue::None, false),
        ];
        for (a, b, want) in cases {
            assert_eq!(a.py_eq(&b), want, "{a:?} == {b:?}");
            assert_eq!(b.py_eq(&a), want, "{b:?} == {a:?}");
        }
    }

    #[test]
    fn change_descriptions() {
        let t = OptionValue::Bool(true);
        let f = OptionValue::Bool(false);
        let cases: Vec<(OptionValue, Option<OptionValue>, OptionValue, Option<&str>)> = vec![
            // First write: only recorded when it differs from the default.
            (f.clone(), None, t.clone(), Some("to True")),
            (f.clone(), None, f.clone(), None),
            (
                OptionValue::None,
                None,
                list(&["a", "b"]),
                Some("to ['a', 'b']"),
            ),
            (OptionValue::None, None, OptionValue::None, None),
            (
                OptionValue::Int(0),
                None,
                OptionValue::Int(-1),
                Some("to -1"),
            ),
            (OptionValue::Int(0), None, OptionValue::Bool(false), None),
            (
                OptionValue::Float(1.0),
                None,
                OptionValue::Float(0.5),
                Some("to 0.5"),
            ),
            (
                OptionValue::Str("member".into()),
                None,
                OptionValue::Str("admin".into()),
                Some("to admin"),
            ),
            // Existing row: recorded whenever the value changes, even back to the default.
            (
                f.clone(),
                Some(t.clone()),
                f.clone(),
                Some("from True to False"),
            ),
            (
                f.clone(),
                Some(f.clone()),
                t.clone(),
                Some("from False to True"),
            ),
            (f.clone(), Some(t.clone()), t.clone(), None),
            (
                OptionValue::None,
                Some(OptionValue::None),
                OptionValue::Int(300),
                Some("from None to 300"),
            ),
            (OptionValue::None, Some(list(&["x"])), list(&["x"]), None),
            (
                OptionValue::Float(1.0),
                Some(OptionValue::Float(1.0)),
                OptionValue::Float(0.25),
                Some("from 1.0 to 0.25"),
            ),
            (
                OptionValue::Int(0),
                Some(OptionValue::Int(1)),
                OptionValue::Bool(true),
                None,
            ),
        ];
        for (default, previous, new, want) in cases {
            assert_eq!(
                change_description(&default, previous.as_ref(), &new).as_deref(),
                want,
                "{default:?} {previous:?} {new:?}"
            );
        }
    }

    #[test]
    fn float_repr_matches_shortest_round_trip() {
        for f in [
            0.1,
            0.2 + 0.1,
            1.0 / 3.0,
            2.5e-5,
            12345.678,
            9_999_999_999_999_998.0,
        ] {
            let s = py_float_repr(f);
            assert_eq!(s.parse::<f64>().unwrap(), f, "{s}");
        }
        assert_eq!(py_float_repr(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(py_float_repr(9_999_999_999_999_998.0), "9999999999999998.0");
        assert_eq!(py_float_repr(1e16), "1e+16");
        // Two 16-digit strings round-trip; Python picks the nearer one (tie → even).
        assert_eq!(py_float_repr(-623_177_734_444_041.2), "-623177734444041.2");
        assert_eq!(py_float_repr(738_482_265_273_479.2), "738482265273479.2");
    }
}
