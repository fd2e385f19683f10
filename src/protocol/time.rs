//! Request-edge types for instants and the patient's time zone. Raw strings become these once;
//! the domain never re-checks them.

use std::str::FromStr;

use chrono::{DateTime, FixedOffset, Offset, SecondsFormat, TimeZone, Utc};
use chrono_tz::Tz;
use thiserror::Error;

/// The earliest accepted instant, 2000-01-01T00:00:00Z, as a Unix timestamp.
pub const EARLIEST_ACCEPTED_TIMESTAMP: i64 = 946_684_800;
/// The latest accepted instant, 2099-12-31T23:59:59Z (inclusive), as a Unix timestamp.
pub const LATEST_ACCEPTED_TIMESTAMP: i64 = 4_102_444_799;
/// [`EARLIEST_ACCEPTED_TIMESTAMP`] in RFC 3339.
pub const EARLIEST_ACCEPTED: &str = "2000-01-01T00:00:00Z";
/// [`LATEST_ACCEPTED_TIMESTAMP`] in RFC 3339.
pub const LATEST_ACCEPTED: &str = "2099-12-31T23:59:59Z";

/// Why an instant was refused. The text never repeats the submitted value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum InstantError {
    /// Not an RFC 3339 date-time (a date-time without an offset is refused too).
    #[error("must be an RFC 3339 date-time with a UTC offset, e.g. 2026-03-08T09:30:00-05:00")]
    NotRfc3339,
    /// Outside [`EARLIEST_ACCEPTED`] ..= [`LATEST_ACCEPTED`].
    #[error("must be between 2000-01-01T00:00:00Z and 2099-12-31T23:59:59Z")]
    OutOfRange,
}

impl InstantError {
    /// The rule the value broke, safe to show to a client.
    pub fn rule(&self) -> String {
        self.to_string()
    }
}

fn parse_instant(text: &str) -> Result<DateTime<FixedOffset>, InstantError> {
    let instant = DateTime::parse_from_rfc3339(text).map_err(|_| InstantError::NotRfc3339)?;
    let instant = without_leap_second(instant).ok_or(InstantError::OutOfRange)?;
    let timestamp = instant.timestamp();
    let after_latest = timestamp > LATEST_ACCEPTED_TIMESTAMP
        || (timestamp == LATEST_ACCEPTED_TIMESTAMP && instant.timestamp_subsec_nanos() > 0);
    if timestamp < EARLIEST_ACCEPTED_TIMESTAMP || after_latest {
        return Err(InstantError::OutOfRange);
    }
    Ok(instant)
}

/// A leap second (`23:59:60`, which chrono accepts at the end of any minute and keeps as
/// nanoseconds past one second) read as the first instant of the next minute, as POSIX time does.
/// Kept as is, `:60` plus 24 hours came out one second short (`23:59:59` the next day) while the
/// elapsed time was measured from the minute's end, so phases and `elapsed` disagreed.
fn without_leap_second(instant: DateTime<FixedOffset>) -> Option<DateTime<FixedOffset>> {
    let nanos = instant.timestamp_subsec_nanos();
    if nanos < 1_000_000_000 {
        return Some(instant);
    }
    DateTime::from_timestamp(instant.timestamp().checked_add(1)?, nanos - 1_000_000_000)
        .map(|utc| utc.with_timezone(instant.offset()))
}

/// The treatment instant, with the UTC offset it was written with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TreatedAt(DateTime<FixedOffset>);

impl TreatedAt {
    /// Parses an RFC 3339 date-time with an offset within the accepted range.
    pub fn parse(text: &str) -> Result<TreatedAt, InstantError> {
        parse_instant(text).map(TreatedAt)
    }
    /// The instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }
    /// The offset the instant was written with.
    pub fn offset(&self) -> FixedOffset {
        *self.0.offset()
    }
}

/// An instant to look up (same rules as [`TreatedAt`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct At(DateTime<FixedOffset>);

impl At {
    /// Parses an RFC 3339 date-time with an offset within the accepted range.
    pub fn parse(text: &str) -> Result<At, InstantError> {
        parse_instant(text).map(At)
    }

    /// An instant given in UTC, within the accepted range.
    pub fn from_utc(instant: DateTime<Utc>) -> Result<At, InstantError> {
        parse_instant(&instant.to_rfc3339()).map(At)
    }

    /// The current instant.
    pub fn now() -> At {
        At(Utc::now().fixed_offset())
    }

    /// The instant in UTC.
    pub fn utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }
}

/// Why a time zone was refused. The text never repeats the submitted value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum ZoneError {
    /// Not a name in the IANA time zone database.
    #[error("must be an IANA time zone name such as Europe/Paris or America/New_York")]
    UnknownTimeZone,
}

impl ZoneError {
    /// The rule the value broke, safe to show to a client.
    pub fn rule(&self) -> String {
        self.to_string()
    }
}

/// The zone used to show local times to the patient.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PatientZone {
    /// A named IANA zone: local offsets follow its DST rules.
    Iana(Tz),
    /// No zone given: the fixed offset `treated_at` was written with.
    Fixed(FixedOffset),
}

impl PatientZone {
    /// The named IANA zone if given (exact, case-sensitive name), else the offset of `treated_at`.
    pub fn parse(zone: Option<&str>, treated_at: &TreatedAt) -> Result<PatientZone, ZoneError> {
        match zone {
            Some(name) => Tz::from_str(name)
                .map(PatientZone::Iana)
                .map_err(|_| ZoneError::UnknownTimeZone),
            None => Ok(PatientZone::Fixed(treated_at.offset())),
        }
    }

    /// The zone's name (`Europe/Paris`) or fixed offset (`-05:00`).
    pub fn name(&self) -> String {
        match self {
            PatientZone::Iana(zone) => zone.name().to_owned(),
            PatientZone::Fixed(offset) => offset.to_string(),
        }
    }

    /// `instant` as RFC 3339 in this zone, with the zone's offset at that instant, as chrono writes
    /// it (`to_rfc3339_opts(AutoSi, false)`).
    pub fn local_rfc3339(&self, instant: DateTime<Utc>) -> String {
        match self {
            PatientZone::Iana(zone) => instant
                .with_timezone(zone)
                .to_rfc3339_opts(SecondsFormat::AutoSi, false),
            PatientZone::Fixed(offset) => instant
                .with_timezone(offset)
                .to_rfc3339_opts(SecondsFormat::AutoSi, false),
        }
    }

    /// The zone's offset from UTC at `instant`, seconds (east positive).
    pub fn offset_seconds_at(&self, instant: DateTime<Utc>) -> i32 {
        match self {
            PatientZone::Iana(zone) => zone
                .offset_from_utc_datetime(&instant.naive_utc())
                .fix()
                .local_minus_utc(),
            PatientZone::Fixed(offset) => offset.local_minus_utc(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_range_limits_are_inclusive_and_everything_outside_is_refused() {
        let cases = [
            ("2000-01-01T00:00:00Z", Ok(())),
            ("2000-01-01T01:00:00+01:00", Ok(())),
            ("1999-12-31T23:59:59Z", Err(InstantError::OutOfRange)),
            ("1999-12-31T23:59:59.999Z", Err(InstantError::OutOfRange)),
            ("2000-01-01T00:30:00+01:00", Err(InstantError::OutOfRange)),
            ("2099-12-31T23:59:59Z", Ok(())),
            ("2099-12-31T23:59:59.5Z", Err(InstantError::OutOfRange)),
            ("2100-01-01T00:00:00Z", Err(InstantError::OutOfRange)),
            ("2099-12-31T23:00:00-01:00", Err(InstantError::OutOfRange)),
        ];
        for (text, expected) in cases {
            assert_eq!(TreatedAt::parse(text).map(|_| ()), expected, "{text}");
            assert_eq!(At::parse(text).map(|_| ()), expected, "{text}");
        }
    }

    #[test]
    fn a_date_time_without_an_offset_or_malformed_is_refused() {
        for text in [
            "2026-04-08T10:00:00",
            "2026-04-08",
            "2026-02-30T10:00:00Z",
            "",
            "yesterday",
            "2026-04-08T10:00:00+25:00",
        ] {
            let error = TreatedAt::parse(text).expect_err("malformed");

            assert_eq!(error, InstantError::NotRfc3339, "{text:?}");
            assert!(
                error
                    .rule()
                    .starts_with("must be an RFC 3339 date-time with a UTC offset")
            );
            assert!(text.is_empty() || !error.rule().contains(text));
        }
    }

    #[test]
    fn a_leap_second_is_the_first_instant_of_the_next_minute() {
        let cases = [
            ("2016-12-31T23:59:60Z", "2017-01-01T00:00:00+00:00"),
            ("2016-12-31T23:59:60.5Z", "2017-01-01T00:00:00.500+00:00"),
            ("2026-03-07T10:30:60+05:00", "2026-03-07T05:31:00+00:00"),
        ];
        for (text, expected) in cases {
            let treated_at = TreatedAt::parse(text).expect("a leap second is RFC 3339");

            assert_eq!(treated_at.utc().to_rfc3339(), expected, "{text}");
        }
        assert_eq!(TreatedAt::parse("2099-12-31T23:59:60Z"), Err(InstantError::OutOfRange));
    }

    #[test]
    fn the_documented_limits_match_the_timestamps() {
        let earliest = TreatedAt::parse(EARLIEST_ACCEPTED).expect("the earliest is accepted");
        let latest = TreatedAt::parse(LATEST_ACCEPTED).expect("the latest is accepted");

        assert_eq!(earliest.utc().timestamp(), EARLIEST_ACCEPTED_TIMESTAMP);
        assert_eq!(latest.utc().timestamp(), LATEST_ACCEPTED_TIMESTAMP);
    }

    #[test]
    fn the_leap_day_2028_is_accepted() {
        let treated_at = TreatedAt::parse("2028-02-29T12:00:00+01:00").expect("a leap day exists");

        assert_eq!(treated_at.utc().to_rfc3339(), "2028-02-29T11:00:00+00:00");
        assert_eq!(TreatedAt::parse("2027-02-29T12:00:00Z"), Err(InstantError::NotRfc3339));
    }

    #[test]
    fn the_zone_defaults_to_the_offset_of_treated_at() {
        let treated_at = TreatedAt::parse("2026-03-08T09:30:00-05:00").expect("valid");

        let zone = PatientZone::parse(None, &treated_at).expect("no zone given");

        assert_eq!(zone.name(), "-05:00");
        assert_eq!(zone.local_rfc3339(treated_at.utc()), "2026-03-08T09:30:00-05:00");
        assert_eq!(zone.offset_seconds_at(treated_at.utc()), -18_000);
    }

    #[test]
    fn an_iana_zone_is_used_by_name_and_an_unknown_one_is_refused() {
        let treated_at = TreatedAt::parse("2026-07-01T10:00:00Z").expect("valid");

        let paris = PatientZone::parse(Some("Europe/Paris"), &treated_at).expect("known zone");
        let unknown = PatientZone::parse(Some("Mars/Olympus_Mons"), &treated_at);

        assert_eq!(paris.name(), "Europe/Paris");
        assert_eq!(paris.local_rfc3339(treated_at.utc()), "2026-07-01T12:00:00+02:00");
        assert_eq!(paris.offset_seconds_at(treated_at.utc()), 7_200);
        assert_eq!(unknown, Err(ZoneError::UnknownTimeZone));
        assert!(!ZoneError::UnknownTimeZone.rule().contains("Mars"));
    }
}
