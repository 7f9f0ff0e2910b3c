//! Timestamps: one textual form in the store and in JSON, and the forms users may type.
//!
//! The store keeps every instant as RFC 3339 UTC text with microseconds, so that text order is
//! time order and SQL can sort on it. Users may give `--released`/`--started`/`--finished` as unix
//! seconds, RFC 3339 or RFC 2822, the forms sentry-cli accepts; an instant outside what both RFC
//! 3339 and Sentry's Python `datetime` can hold (years 0001 to 9999, no leap second `:60`) is
//! refused wherever one comes in (here and in `serve`'s JSON bodies), so the store only ever
//! holds text it and Sentry can read back.

use chrono::{DateTime, Datelike, SecondsFormat, TimeZone, Timelike, Utc};

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

/// Whether this instant can be kept: RFC 3339 in UTC and Python's `datetime` (Sentry) hold
/// years 0001 to 9999 and no leap second. The store and the JSON output hold RFC 3339 text, so
/// an instant outside it (chrono goes to year ±262143, and keeps `23:59:60`) must be refused
/// where it comes in, not written as `+10000-01-01T...`, which nothing reads back.
pub fn is_rfc3339(ts: &DateTime<Utc>) -> bool {
    (1..=9999).contains(&ts.year()) && ts.nanosecond() < 1_000_000_000
}

/// Parses a timestamp typed by a user: unix seconds, RFC 3339 or RFC 2822, between the years
/// 0001 and 9999 (UTC), no leap second.
pub fn parse_user_timestamp(flag: &str, text: &str) -> Result<DateTime<Utc>> {
    let trimmed = text.trim();
    let parsed = trimmed
        .parse::<i64>()
        .ok()
        .and_then(|seconds| Utc.timestamp_opt(seconds, 0).single())
        .or_else(|| {
            DateTime::parse_from_rfc3339(trimmed)
                .or_else(|_| DateTime::parse_from_rfc2822(trimmed))
                .ok()
                .map(|ts| ts.with_timezone(&Utc))
        });
    match parsed {
        Some(ts) if is_rfc3339(&ts) => Ok(ts),
        Some(_) => Err(Error::usage(format!(
            "invalid value {} for {flag}: it is outside the years 0001 to 9999 (UTC) or a leap second, which timestamps cannot hold",
            crate::domain::shown(text)
        ))),
        None => Err(Error::usage(format!(
            "invalid value {} for {flag}: expected unix seconds, RFC 3339 (2024-01-02T10:00:00Z) or RFC 2822",
            crate::domain::shown(text)
        ))),
    }
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
    fn the_first_and_last_instants_rfc_3339_can_write_are_accepted() {
        let last = parse_user_timestamp("--released", "253402300799").unwrap();
        assert_eq!(format_ts(last), "9999-12-31T23:59:59.000000Z");
        let first = parse_user_timestamp("--released", "-62135596800").unwrap();
        assert_eq!(format_ts(first), "0001-01-01T00:00:00.000000Z");
        for refused in [
            "-62135596801",
            "0000-06-01T00:00:00Z",
            "2020-01-01T23:59:60Z",
        ] {
            assert!(
                parse_user_timestamp("--released", refused).is_err(),
                "{refused}"
            );
        }
        let last = parse_user_timestamp("--released", "9999-12-31T23:59:59.999999Z").unwrap();
        assert_eq!(parse_stored(&format_ts(last)).unwrap(), last);
    }

    #[test]
    fn bad_user_timestamps_are_usage_errors() {
        for text in [
            "",
            "yesterday",
            "2024-13-01",
            "99999999999999999999",
            "253402300800",
            "+253402300800",
            "-62167219201",
            "-1e3",
            "Fri, 31 Dec 9999 23:59:59 -0100",
            "9999-12-31T23:59:59-01:00",
        ] {
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
