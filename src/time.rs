//! Timestamps: one textual form in the store and in JSON, and the forms users may type.
//!
//! The store keeps every instant as RFC 3339 UTC text with microseconds, so that text order is
//! time order and SQL can sort on it. Users may give `--released`/`--started`/`--finished` as unix
//! seconds, RFC 3339 or RFC 2822, the forms sentry-cli accepts.

use chrono::{DateTime, SecondsFormat, TimeZone, Utc};

use crate::error::{Error, Result};

/// The store's and the JSON output's form of an instant: `2026-11-25T08:18:07.123456Z`.
pub fn format_ts(ts: DateTime<Utc>) -> String {
    ts.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Reads back what [`format_ts`] wrote (or any RFC 3339 text).
pub fn parse_stored(text: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(text)
        .map(|ts| ts.with_timezone(&Utc))
        .map_err(|err| Error::other(format!("the store holds a bad timestamp {text:?}: {err}")))
}

/// Parses a timestamp typed by a user: unix seconds, RFC 3339 or RFC 2822.
pub fn parse_user_timestamp(flag: &str, text: &str) -> Result<DateTime<Utc>> {
    let trimmed = text.trim();
    if let Ok(seconds) = trimmed.parse::<i64>() {
        if let Some(ts) = Utc.timestamp_opt(seconds, 0).single() {
            return Ok(ts);
        }
    }
    if let Ok(ts) = DateTime::parse_from_rfc3339(trimmed) {
        return Ok(ts.with_timezone(&Utc));
    }
    if let Ok(ts) = DateTime::parse_from_rfc2822(trimmed) {
        return Ok(ts.with_timezone(&Utc));
    }
    Err(Error::usage(format!(
        "invalid value {text:?} for {flag}: expected unix seconds, RFC 3339 (2024-01-02T10:00:00Z) or RFC 2822"
    )))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_timestamps_in_every_accepted_form() {
        let expected = Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap();
        for text in [
            "1704189600",
            "2024-01-02T10:00:00Z",
            "2024-01-02T12:00:00+02:00",
            "Tue, 2 Jan 2024 10:00:00 +0000",
            " 1704189600 ",
        ] {
            assert_eq!(
                parse_user_timestamp("--released", text).unwrap(),
                expected,
                "{text}"
            );
        }
    }

    #[test]
    fn bad_user_timestamps_are_usage_errors() {
        for text in ["", "yesterday", "2024-13-01", "99999999999999999999"] {
            let err = parse_user_timestamp("--released", text).unwrap_err();
            assert_eq!(err.kind, crate::error::ErrorKind::Usage, "{text}");
            assert!(err.message.contains("--released"));
        }
    }

    #[test]
    fn stored_form_sorts_as_time() {
        let a = format_ts(Utc.with_ymd_and_hms(2024, 1, 2, 9, 59, 59).unwrap());
        let b = format_ts(Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap());
        assert!(a < b);
        assert_eq!(
            parse_stored(&b).unwrap(),
            Utc.with_ymd_and_hms(2024, 1, 2, 10, 0, 0).unwrap()
        );
    }
}
