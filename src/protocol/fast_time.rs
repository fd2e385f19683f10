//! RFC 3339 formatting for the response templates, byte-identical to chrono's own output
//! (`Serialize` for UTC instants, `to_rfc3339_opts(AutoSi, false)` for local ones) but without
//! allocation. Cases chrono writes differently (a leap second, an offset with seconds) return
//! `false` and the caller falls back to the ordinary serialiser.

use chrono::{DateTime, Datelike, NaiveDateTime, Offset, TimeDelta, TimeZone, Timelike, Utc};

use super::time::PatientZone;

/// Writes `instant` as `2026-03-07T15:00:00Z` (fraction only when non-zero).
pub fn write_utc(out: &mut Vec<u8>, instant: DateTime<Utc>) -> bool {
    if !write_naive(out, instant.naive_utc()) {
        return false;
    }
    out.push(b'Z');
    true
}

/// Writes `instant` in `zone` as `2026-03-08T11:00:00-04:00`.
pub fn write_local(out: &mut Vec<u8>, instant: DateTime<Utc>, zone: &PatientZone) -> bool {
    let offset_seconds = match zone {
        PatientZone::Iana(tz) => tz
            .offset_from_utc_datetime(&instant.naive_utc())
            .fix()
            .local_minus_utc(),
        PatientZone::Fixed(offset) => offset.local_minus_utc(),
    };
    if offset_seconds % 60 != 0 {
        return false;
    }
    let Some(local) = instant
        .naive_utc()
        .checked_add_signed(TimeDelta::seconds(i64::from(offset_seconds)))
    else {
        return false;
    };
    if !write_naive(out, local) {
        return false;
    }
    let minutes = offset_seconds.unsigned_abs() / 60;
    out.push(if offset_seconds < 0 { b'-' } else { b'+' });
    push_digits(out, minutes / 60, 2);
    out.push(b':');
    push_digits(out, minutes % 60, 2);
    true
}

fn write_naive(out: &mut Vec<u8>, at: NaiveDateTime) -> bool {
    let nanos = at.nanosecond();
    let Ok(year) = u32::try_from(at.year()) else {
        return false;
    };
    if year > 9_999 || nanos >= 1_000_000_000 {
        return false;
    }
    push_digits(out, year, 4);
    out.push(b'-');
    push_digits(out, at.month(), 2);
    out.push(b'-');
    push_digits(out, at.day(), 2);
    out.push(b'T');
    push_digits(out, at.hour(), 2);
    out.push(b':');
    push_digits(out, at.minute(), 2);
    out.push(b':');
    push_digits(out, at.second(), 2);
    if nanos != 0 {
        out.push(b'.');
        if nanos.is_multiple_of(1_000_000) {
            push_digits(out, nanos / 1_000_000, 3);
        } else if nanos.is_multiple_of(1_000) {
            push_digits(out, nanos / 1_000, 6);
        } else {
            push_digits(out, nanos, 9);
        }
    }
    true
}

fn push_digits(out: &mut Vec<u8>, mut value: u32, width: usize) {
    let start = out.len();
    out.resize(start + width, b'0');
    for slot in out[start..].iter_mut().rev() {
        // `value % 10` is below 10, so the cast cannot truncate.
        *slot = b'0' + (value % 10) as u8;
        value /= 10;
    }
}

#[cfg(test)]
mod tests {
    use chrono::SecondsFormat;
    use proptest::prelude::*;

    use super::*;

    fn chrono_utc(instant: DateTime<Utc>) -> String {
        serde_json::to_value(instant).unwrap().as_str().unwrap().to_owned()
    }

    fn zones() -> Vec<PatientZone> {
        let mut zones: Vec<PatientZone> = [
            "America/New_York",
            "Europe/Paris",
            "Asia/Kolkata",
            "Australia/Lord_Howe",
            "UTC",
            "Pacific/Chatham",
        ]
        .iter()
        .map(|name| PatientZone::Iana(name.parse().unwrap()))
        .collect();
        zones.push(PatientZone::Fixed(
            chrono::FixedOffset::west_opt(5 * 3600 + 30 * 60).unwrap(),
        ));
        zones
    }

    proptest! {
        #[test]
        fn matches_chrono_for_every_instant_in_the_accepted_range(seconds in 946_684_800i64..4_118_000_000, nanos in prop_oneof![Just(0u32), 0u32..1_000_000_000, (0u32..1000).prop_map(|m| m * 1_000_000)]) {
            let instant = DateTime::<Utc>::from_timestamp(seconds, nanos).unwrap();
            let mut out = Vec::new();
            prop_assert!(write_utc(&mut out, instant));
            prop_assert_eq!(String::from_utf8(out).unwrap(), chrono_utc(instant));
            for zone in zones() {
                let mut out = Vec::new();
                prop_assert!(write_local(&mut out, instant, &zone));
                prop_assert_eq!(String::from_utf8(out).unwrap(), zone.local_rfc3339(instant));
            }
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
