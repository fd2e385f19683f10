//! RFC 3339 formatting for the response templates, byte-identical to chrono's own output
//! (`Serialize` for UTC instants, `to_rfc3339_opts(AutoSi, false)` for local ones) but without
//! allocation. Cases chrono writes differently (a leap second, an offset with seconds) return
//! `false` and the caller falls back to the ordinary serialiser. A leaf: it knows instants and
//! UTC offsets in seconds, not the patient's zone; everything else formats times with chrono.

mod text;

use chrono::{DateTime, Utc};

use text::{SECONDS_PER_DAY, Text};

/// Writes `instant` as `2026-03-07T15:00:00Z` (fraction only when non-zero); the tests hold the
/// calendar text against chrono's through it.
#[cfg(test)]
pub fn write_utc(out: &mut Vec<u8>, instant: DateTime<Utc>) -> bool {
    let Some(mut text) = Text::naive(instant.timestamp(), instant.timestamp_subsec_nanos()) else {
        return false;
    };
    text.push(b'Z');
    out.extend_from_slice(text.as_bytes());
    true
}

/// Writes `instant` as [`write_utc`], then `between`, then as the local time at `offset_seconds`
/// east of UTC, `2026-03-08T11:00:00-04:00`: the local text is the UTC one with the time of day
/// rewritten when both fall on the same calendar day, so the calendar and the fraction are worked
/// out once. Nothing is written when it returns `false`.
pub fn write_utc_and_local(out: &mut Vec<u8>, instant: DateTime<Utc>, between: &[u8], offset_seconds: i32) -> bool {
    if offset_seconds % 60 != 0 {
        return false;
    }
    let seconds = instant.timestamp();
    let Some(mut utc) = Text::naive(seconds, instant.timestamp_subsec_nanos()) else {
        return false;
    };
    let local_seconds = seconds + i64::from(offset_seconds);
    let local = if local_seconds.div_euclid(SECONDS_PER_DAY) == seconds.div_euclid(SECONDS_PER_DAY) {
        let mut local = utc;
        local.set_time_of_day(local_seconds);
        local
    } else {
        let Some(local) = Text::naive(local_seconds, instant.timestamp_subsec_nanos()) else {
            return false;
        };
        local
    };
    utc.push(b'Z');
    out.extend_from_slice(utc.as_bytes());
    out.extend_from_slice(between);
    push_with_offset(out, local, offset_seconds);
    true
}

/// Appends `text` and the offset (a whole number of minutes) as `+01:00`.
fn push_with_offset(out: &mut Vec<u8>, mut text: Text, offset_seconds: i32) {
    let minutes = offset_seconds.unsigned_abs() / 60;
    text.push(if offset_seconds < 0 { b'-' } else { b'+' });
    // Offsets are below 24 hours, so the hours fit in two digits.
    text.pair(minutes / 60);
    text.push(b':');
    text.pair(minutes % 60);
    out.extend_from_slice(text.as_bytes());
}

#[cfg(test)]
mod tests {
    use chrono::{FixedOffset, Offset, SecondsFormat, TimeZone};
    use proptest::prelude::*;
    use proptest::test_runner::TestCaseError;

    use super::*;

    fn chrono_utc(instant: DateTime<Utc>) -> String {
        serde_json::to_value(instant).unwrap().as_str().unwrap().to_owned()
    }

    /// The local time at `instant` in zones with half-hour, 45-minute, DST and negative offsets,
    /// as `(offset from UTC in seconds, chrono's to_rfc3339_opts(AutoSi, false))`.
    fn local_times(instant: DateTime<Utc>) -> Vec<(i32, String)> {
        fn local<Z: TimeZone>(instant: DateTime<Utc>, zone: &Z) -> (i32, String) {
            let local = instant.with_timezone(zone);
            (
                local.offset().fix().local_minus_utc(),
                local.to_rfc3339_opts(SecondsFormat::AutoSi, false),
            )
        }
        let mut times: Vec<(i32, String)> = [
            "America/New_York",
            "Europe/Paris",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "UTC",
            "Pacific/Chatham",
        ]
        .iter()
        .map(|name| local(instant, &name.parse::<chrono_tz::Tz>().unwrap()))
        .collect();
        times.push(local(instant, &FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap()));
        times
    }

    /// Both writers against chrono at `instant`. Within the accepted range every local time must be
    /// written; elsewhere a local time may be left to chrono, but only when chrono's own output
    /// leaves years 0–9999 or the offset has seconds (local mean time before a zone adopted
    /// standard time).
    fn check_against_chrono(instant: DateTime<Utc>, in_accepted_range: bool) -> Result<(), TestCaseError> {
        let mut out = Vec::new();
        prop_assert!(write_utc(&mut out, instant));
        prop_assert_eq!(String::from_utf8(out).unwrap(), chrono_utc(instant));
        for (offset_seconds, local) in local_times(instant) {
            let mut both = Vec::new();
            if write_utc_and_local(&mut both, instant, b"|", offset_seconds) {
                prop_assert_eq!(
                    String::from_utf8(both).unwrap(),
                    format!("{}|{}", chrono_utc(instant), local)
                );
                continue;
            }
            prop_assert!(both.is_empty());
            prop_assert!(!in_accepted_range, "{}", local);
            let year_digits = local.split('-').next().map(str::len);
            prop_assert!(year_digits != Some(4) || offset_seconds % 60 != 0, "{}", local);
        }
        Ok(())
    }

    proptest! {
        #![proptest_config(crate::proptest_config::standard())]

        #[test]
        fn matches_chrono_for_every_instant_in_the_accepted_range(seconds in 946_684_800i64..4_118_000_000, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000, (0u32..1000).prop_map(|m| m * 1_000_000)]) {
            check_against_chrono(DateTime::<Utc>::from_timestamp(seconds, nanos).unwrap(), true)?;
        }

        #[test]
        fn matches_chrono_in_every_year_from_0_to_9999(seconds in -62_167_219_200i64..253_402_300_800, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000]) {
            check_against_chrono(DateTime::<Utc>::from_timestamp(seconds, nanos).unwrap(), false)?;
        }
    }

    #[test]
    fn local_mean_time_with_seconds_in_its_offset_is_left_to_chrono() {
        // Once found by the property above: 1911-03-10T23:50:38Z, the last second of Paris
        // mean time (+00:09:21) in Europe/Paris.
        let instant = DateTime::<Utc>::from_timestamp(-1_855_958_962, 0).unwrap();
        let mut out = Vec::new();
        assert!(!write_utc_and_local(&mut out, instant, b"|", 561));
        assert!(out.is_empty());
        check_against_chrono(instant, false).unwrap();
    }

    #[test]
    fn years_outside_0_to_9999_and_leap_seconds_are_left_to_chrono() {
        let mut out = Vec::new();
        let year_10000 = DateTime::<Utc>::from_timestamp(253_402_300_800, 0).unwrap();
        let year_minus_1 = DateTime::<Utc>::from_timestamp(-62_167_219_201, 0).unwrap();
        let leap_second = DateTime::<Utc>::from_timestamp(1_483_228_799, 1_500_000_000).unwrap();
        for instant in [year_10000, year_minus_1, leap_second] {
            assert!(!write_utc(&mut out, instant), "{instant:?}");
            assert!(!write_utc_and_local(&mut out, instant, b"|", 0), "{instant:?}");
        }
        // 9999-12-31T23:30Z is already 10000-01-01 at +01:00; 0000-01-01T01:00Z is still year -1 at -05:00.
        let late = DateTime::<Utc>::from_timestamp(253_402_300_800 - 1_800, 0).unwrap();
        let early = DateTime::<Utc>::from_timestamp(-62_167_219_200 + 3_600, 0).unwrap();
        assert!(!write_utc_and_local(&mut out, late, b"|", 3_600));
        assert!(!write_utc_and_local(&mut out, early, b"|", -5 * 3_600));
        assert!(out.is_empty());
    }

    #[test]
    fn calendar_edges_match_chrono() {
        // Leap days, century rules, the epoch and the last instant of 9999.
        for text in [
            "2024-02-29T23:59:59Z",
            "2100-02-28T12:00:00Z",
            "2100-03-01T00:00:00Z",
            "2000-02-29T00:00:00Z",
            "1970-01-01T00:00:00Z",
            "1969-12-31T23:59:59.5Z",
            "1900-03-01T00:00:00Z",
            "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
        ] {
            let instant: DateTime<Utc> = text.parse().unwrap();
            let mut out = Vec::new();
            assert!(write_utc(&mut out, instant), "{text}");
            assert_eq!(String::from_utf8(out).unwrap(), chrono_utc(instant), "{text}");
        }
    }

    #[test]
    fn microsecond_fractions_use_six_digits_like_chrono() {
        let instant = DateTime::<Utc>::from_timestamp(1_800_000_000, 123_456_000).unwrap();
        let mut out = Vec::new();
        assert!(write_utc(&mut out, instant));
        assert_eq!(
            String::from_utf8(out).unwrap(),
            instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        );
    }
}
