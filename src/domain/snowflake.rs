//! Snowflake ids, bit-for-bit compatible with `sentry.utils.snowflake`.
//!
//! Organizations, projects and teams get 53-bit ids that embed their creation
//! second, so that ids created here decode the same way as Sentry's (spec §5).
//! Layout, most significant first: version (5 bits, always 16), seconds since
//! 2022-08-08T00:00:00Z (32), region (12), per-second sequence (4). This module
//! composes, decomposes and allocates ids; the per-second counter itself lives
//! in the caller's store and is reached through a closure.

use chrono::{DateTime, Utc};

/// `SENTRY_SNOWFLAKE_EPOCH_START`: 2022-08-08T00:00:00Z as Unix seconds.
pub const EPOCH_UNIX_SECONDS: i64 = 1_659_916_800;
/// `SNOWFLAKE_VERSION_ID` as stored: `msb_0_ordering(1, 5)` = `0b10000`.
pub const VERSION_ID: u64 = 16;
/// How many seconds back a full second may borrow unused sequences (also the
/// counters' TTL).
pub const LOOKBACK_SECONDS: i64 = 300;
/// Sequences available per second (`MAX_AVAILABLE_REGION_SEQUENCES`).
pub const SEQUENCES_PER_SECOND: i64 = 16;
/// Save attempts with fresh ids before giving up with HTTP 409
/// (`MAX_REDIS_SNOWFLAKE_RETRY_COUNTER`).
pub const MAX_SAVE_RETRIES: usize = 5;
/// Region id used outside a multi-region deployment (`NULL_REGION_ID`).
pub const NULL_REGION_ID: u64 = 0;

/// Segment widths, most significant first.
pub const VERSION_BITS: u32 = 5;
/// Width of the time segment.
pub const TIME_BITS: u32 = 32;
/// Width of the region segment.
pub const REGION_BITS: u32 = 12;
/// Width of the sequence segment.
pub const SEQUENCE_BITS: u32 = 4;
/// Total id width.
pub const ID_BITS: u32 = VERSION_BITS + TIME_BITS + REGION_BITS + SEQUENCE_BITS;

/// Detail of Sentry's `MaxSnowflakeRetryError` (HTTP 409).
pub const MAX_RETRY_MESSAGE: &str = "Max allowed ID retry reached. Please try again in a second";

/// Errors while building a snowflake id. Messages are Sentry's.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum SnowflakeError {
    /// A segment does not fit its width.
    #[error("{name} exceed max bit value of {width}")]
    SegmentOverflow {
        /// Sentry's segment name ("Version ID", "Time difference",
        /// "Region ID", "Region sequence" or "Snowflake ID").
        name: &'static str,
        /// Its width in bits.
        width: u32,
    },
    /// All sequences of the look-back window are used up.
    #[error("No available ID")]
    NoAvailableId,
}

/// A decoded snowflake id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct SnowflakeParts {
    /// Version field (16 for every id made by this scheme).
    pub version: u64,
    /// Whole seconds since [`EPOCH_UNIX_SECONDS`].
    pub seconds_since_epoch: u64,
    /// Region id.
    pub region: u64,
    /// Sequence within the second (0..16).
    pub sequence: u64,
}

/// `msb_0_ordering(value, width)`: write `value` as `width` binary digits
/// (zero-padded), reverse them and read the result back. Bits of `value`
/// above `width` are kept in front of the reversed digits, as Python's
/// formatting would (the string is then longer than `width`).
pub fn msb_0_ordering(value: u64, width: u32) -> u64 {
    let digits = format!("{value:0w$b}", w = usize::try_from(width).unwrap_or(0));
    let reversed: String = digits.chars().rev().collect();
    u64::from_str_radix(&reversed, 2).unwrap_or(0)
}

fn check(value: u64, width: u32, name: &'static str) -> Result<u64, SnowflakeError> {
    if value.checked_shr(width).unwrap_or(0) != 0 {
        return Err(SnowflakeError::SegmentOverflow { name, width });
    }
    Ok(value)
}

/// Builds an id from its segments (the version is always [`VERSION_ID`]),
/// validating each segment against its width and the whole against 53 bits.
pub fn compose(
    seconds_since_epoch: u64,
    region: u64,
    sequence: u64,
) -> Result<i64, SnowflakeError> {
    let mut id: u64 = 0;
    for (value, width, name) in [
        (VERSION_ID, VERSION_BITS, "Version ID"),
        (seconds_since_epoch, TIME_BITS, "Time difference"),
        (region, REGION_BITS, "Region ID"),
        (sequence, SEQUENCE_BITS, "Region sequence"),
    ] {
        id = (id << width) | check(value, width, name)?;
    }
    let id = check(id, ID_BITS, "Snowflake ID")?;
    i64::try_from(id).map_err(|_| SnowflakeError::SegmentOverflow {
        name: "Snowflake ID",
        width: ID_BITS,
    })
}

/// Splits an id into its segments (bits above 53 are ignored).
pub fn decompose(id: i64) -> SnowflakeParts {
    let bits = id as u64;
    let mask = |width: u32| (1u64 << width).wrapping_sub(1);
    SnowflakeParts {
        version: (bits >> (TIME_BITS + REGION_BITS + SEQUENCE_BITS)) & mask(VERSION_BITS),
        seconds_since_epoch: (bits >> (REGION_BITS + SEQUENCE_BITS)) & mask(TIME_BITS),
        region: (bits >> SEQUENCE_BITS) & mask(REGION_BITS),
        sequence: bits & mask(SEQUENCE_BITS),
    }
}

/// The creation second embedded in an id (epoch + seconds; may be up to
/// [`LOOKBACK_SECONDS`] earlier than the real creation time).
pub fn created_at(id: i64) -> DateTime<Utc> {
    let seconds = i64::try_from(decompose(id).seconds_since_epoch).unwrap_or(0);
    DateTime::from_timestamp(EPOCH_UNIX_SECONDS.saturating_add(seconds), 0).unwrap_or_default()
}

/// Whole seconds from [`EPOCH_UNIX_SECONDS`] to `now` (Python
/// `int(now - epoch)`, truncating toward zero); `None` before the epoch.
pub fn seconds_since_epoch(now: DateTime<Utc>) -> Option<u64> {
    let delta = now.timestamp().checked_sub(EPOCH_UNIX_SECONDS)?;
    u64::try_from(delta).ok()
}

/// Why [`generate_id`] failed.
#[derive(Debug, thiserror::Error, PartialEq, Eq, Clone)]
pub enum GenerateError<E> {
    /// No sequence left in the look-back window, or a segment overflowed.
    #[error(transparent)]
    Snowflake(#[from] SnowflakeError),
    /// The counter store failed.
    #[error("snowflake counter: {0}")]
    Counter(E),
}

/// `generate_snowflake_id` + `get_sequence_value_from_redis`.
///
/// For `t` = `start`, `start - 1`, … (at most `min(start, 300)` seconds),
/// `incr(t)` must atomically increment the counter of second `t` and return
/// its new value (Redis `INCR`: 1 on first use; the caller should give a
/// counter it just created a 300 s lifetime). The first second whose value is
/// at most 16 yields sequence `value - 1`. Counters are global (not per model)
/// and never decremented.
pub fn generate_id<E>(
    start: u64,
    region: u64,
    mut incr: impl FnMut(u64) -> Result<u64, E>,
) -> Result<i64, GenerateError<E>> {
    let window = start.min(LOOKBACK_SECONDS.unsigned_abs());
    for back in 0..window {
        let t = start.saturating_sub(back);
        let value = incr(t).map_err(GenerateError::Counter)?;
        let sequence = value.saturating_sub(1);
        if sequence < SEQUENCES_PER_SECOND.unsigned_abs() {
            return Ok(compose(t, region, sequence)?);
        }
    }
    Err(SnowflakeError::NoAvailableId.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;
    use std::collections::HashMap;
    use std::convert::Infallible;

    fn test_delta() -> u64 {
        let epoch = Utc.with_ymd_and_hms(1999, 12, 31, 0, 0, 0).unwrap();
        let frozen = Utc.with_ymd_and_hms(2022, 7, 21, 6, 0, 0).unwrap();
        u64::try_from((frozen - epoch).num_seconds()).unwrap()
    }

    /// Redis `INCR` on an in-memory map.
    fn bump(m: &mut HashMap<u64, u64>, t: u64) -> Result<u64, Infallible> {
        let v = m.entry(t).or_insert(0);
        *v += 1;
        Ok(*v)
    }

    #[test]
    fn constants() {
        assert_eq!(msb_0_ordering(1, 5), VERSION_ID);
        assert_eq!(ID_BITS, 53);
        let epoch = Utc.with_ymd_and_hms(2022, 8, 8, 0, 0, 0).unwrap();
        assert_eq!(epoch.timestamp(), EPOCH_UNIX_SECONDS);
        assert_eq!(1i64 << SEQUENCE_BITS, SEQUENCES_PER_SECOND);
    }

    #[test]
    fn msb_0_ordering_table() {
        let cases = [
            (1, 5, 16),
            (0, 5, 0),
            (16, 5, 1),
            (3, 5, 24),
            (31, 5, 31),
            (1, 1, 1),
            (2, 4, 4),
            (1, 0, 1),
            (32, 5, 1),
        ];
        for (value, width, want) in cases {
            assert_eq!(msb_0_ordering(value, width), want, "{value} {width}");
        }
    }

    #[test]
    fn spec_vector() {
        let delta = test_delta();
        assert_eq!(delta, 711_784_800);
        let id = compose(delta, 0, 0).unwrap();
        assert_eq!(id, 4_550_247_156_023_296);
        assert_eq!(id, (16i64 << 48) + ((delta as i64) << 16));
        assert_eq!(
            decompose(id),
            SnowflakeParts {
                version: 16,
                seconds_since_epoch: delta,
                region: 0,
                sequence: 0
            }
        );
    }

    #[test]
    fn consecutive_sequences_then_previous_second() {
        let delta = test_delta();
        let mut map = HashMap::new();
        let first = generate_id(delta, 0, |t| bump(&mut map, t)).unwrap();
        assert_eq!(first, 4_550_247_156_023_296);
        let mut prev = first;
        for _ in 0..15 {
            let id = generate_id(delta, 0, |t| bump(&mut map, t)).unwrap();
            assert_eq!(id, prev + 1);
            prev = id;
        }
        let seventeenth = generate_id(delta, 0, |t| bump(&mut map, t)).unwrap();
        assert_eq!(seventeenth, compose(delta - 1, 0, 0).unwrap());
        assert_eq!(decompose(seventeenth).seconds_since_epoch, delta - 1);
    }

    #[test]
    fn exhausted_window_is_no_available_id() {
        let delta = test_delta();
        let mut map: HashMap<u64, u64> = (0..300).map(|i| (delta - i, 16)).collect();
        let r = generate_id(delta, 0, |t| bump(&mut map, t));
        assert_eq!(
            r,
            Err(GenerateError::Snowflake(SnowflakeError::NoAvailableId))
        );
        assert_eq!(
            GenerateError::<Infallible>::Snowflake(SnowflakeError::NoAvailableId).to_string(),
            "No available ID"
        );
        // The window shrinks near the epoch; start 0 has no window at all.
        let r = generate_id(0, 0, |_| Ok::<u64, Infallible>(1));
        assert_eq!(
            r,
            Err(GenerateError::Snowflake(SnowflakeError::NoAvailableId))
        );
        let mut calls = 0;
        let _ = generate_id(3, 0, |_| {
            calls += 1;
            Ok::<u64, Infallible>(17)
        });
        assert_eq!(calls, 3);
    }

    #[test]
    fn counter_errors_propagate() {
        let r = generate_id(10, 0, |_| Err::<u64, &str>("redis down"));
        assert_eq!(r, Err(GenerateError::Counter("redis down")));
    }

    #[test]
    fn regions_decode() {
        let delta = test_delta();
        for region in [1u64, 2, 4095] {
            let id = compose(delta, region, 3).unwrap();
            let parts = decompose(id);
            assert_eq!(parts.region, region);
            assert_eq!(parts.sequence, 3);
            assert_eq!(parts.version, 16);
            assert_eq!(parts.seconds_since_epoch, delta);
        }
    }

    #[test]
    fn worked_example_formula() {
        for delta in [0u64, 1, 86_400, 100_000_000, u64::from(u32::MAX)] {
            let id = compose(delta, 0, 0).unwrap();
            assert_eq!(id, 4_503_599_627_370_496 + (delta as i64) * 65_536);
            assert!(id < (1i64 << 53));
        }
    }

    #[test]
    fn overflow_errors() {
        let cases = [
            (
                1u64 << 32,
                0u64,
                0u64,
                "Time difference exceed max bit value of 32",
            ),
            (0, 1 << 12, 0, "Region ID exceed max bit value of 12"),
            (0, 0, 16, "Region sequence exceed max bit value of 4"),
            (u64::MAX, 0, 0, "Time difference exceed max bit value of 32"),
        ];
        for (t, r, s, want) in cases {
            assert_eq!(compose(t, r, s).unwrap_err().to_string(), want);
        }
        assert!(compose(u64::from(u32::MAX), 4095, 15).is_ok());
    }

    #[test]
    fn created_at_table() {
        let cases = [
            (0u64, "2022-08-08T00:00:00+00:00"),
            (86_400, "2022-08-09T00:00:00+00:00"),
            (61, "2022-08-08T00:01:01+00:00"),
        ];
        for (secs, want) in cases {
            let id = compose(secs, 1, 5).unwrap();
            assert_eq!(created_at(id).to_rfc3339(), want);
        }
    }

    #[test]
    fn seconds_since_epoch_table() {
        let cases = [
            (Utc.with_ymd_and_hms(2022, 8, 8, 0, 0, 0).unwrap(), Some(0)),
            (
                Utc.with_ymd_and_hms(2022, 8, 8, 0, 0, 10).unwrap(),
                Some(10),
            ),
            (Utc.with_ymd_and_hms(2022, 8, 7, 23, 59, 59).unwrap(), None),
        ];
        for (now, want) in cases {
            assert_eq!(seconds_since_epoch(now), want, "{now}");
        }
    }

    #[test]
    fn decompose_never_panics() {
        for id in [i64::MIN, -1, 0, 1, i64::MAX] {
            let p = decompose(id);
            assert!(p.version < 32 && p.region < 4096 && p.sequence < 16);
            let _ = created_at(id);
        }
    }

    #[test]
    fn parts_serialize() {
        let v = serde_json::to_value(decompose(compose(5, 2, 1).unwrap())).unwrap();
        assert_eq!(
            v,
            serde_json::json!({"version": 16, "seconds_since_epoch": 5, "region": 2, "sequence": 1})
        );
    }
}
