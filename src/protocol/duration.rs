//! ISO 8601 durations that mean *elapsed* time.
//!
//! The parser accepts `P[nW][nD][T[nH][nM][nS]]` with whole numbers, for example `PT24H`, `P3D`,
//! `P6W` and `P1DT12H`. A day is exactly 24 hours and a week exactly 7 days: these durations
//! are added to an instant, never to a wall-clock date, so across a DST change the local hour
//! of the result shifts. Years and months are rejected because their length varies.
//!
//! **Canonical output form:** hours, minutes and seconds only, `PT{h}H{m}M{s}S`, zero parts
//! left out and zero written `PT0S` (so `P3D` is written `PT72H` and `P1W` `PT168H`). Like
//! `java.time.Duration`, this keeps the largest unit at a fixed length, so no client can read a
//! calendar day into it.

use std::borrow::Cow;
use std::fmt;
use std::str::FromStr;

use chrono::TimeDelta;
use serde::{Serialize, Serializer};
use thiserror::Error;
use utoipa::openapi::RefOr;
use utoipa::openapi::schema::{ObjectBuilder, Schema, Type};

/// The longest duration the parser accepts: 100 years of 365.25 days.
pub const MAX_DURATION_SECONDS: u64 = 3_155_760_000;

const SECONDS_PER_MINUTE: u64 = 60;
const SECONDS_PER_HOUR: u64 = 3_600;
const SECONDS_PER_DAY: u64 = 86_400;
const SECONDS_PER_WEEK: u64 = 604_800;

/// A non-negative elapsed duration with a resolution of one second.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct IsoDuration {
    seconds: u64,
}

/// Why a duration string was refused. The text never repeats the submitted value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Error)]
pub enum DurationError {
    /// The string does not follow `P[nW][nD][T[nH][nM][nS]]`.
    #[error("must be an ISO 8601 duration such as PT24H, P3D, P6W or P1DT12H")]
    Malformed,
    /// Years or months were used; their length varies, so they are not elapsed time.
    #[error("must use weeks, days, hours, minutes or seconds only (years and months vary in length)")]
    CalendarUnit,
    /// The duration is longer than [`MAX_DURATION_SECONDS`].
    #[error("must not be longer than 100 years")]
    TooLong,
}

impl DurationError {
    /// The rule the value broke, safe to show to a client.
    pub fn rule(&self) -> String {
        self.to_string()
    }
}

impl IsoDuration {
    /// The empty duration, `PT0S`.
    pub const ZERO: IsoDuration = IsoDuration { seconds: 0 };

    /// A duration of whole hours.
    pub const fn from_hours(hours: u32) -> IsoDuration {
        IsoDuration {
            seconds: hours as u64 * SECONDS_PER_HOUR,
        }
    }

    /// A duration of whole seconds, refused past [`MAX_DURATION_SECONDS`].
    pub fn from_seconds(seconds: u64) -> Result<IsoDuration, DurationError> {
        if seconds > MAX_DURATION_SECONDS {
            return Err(DurationError::TooLong);
        }
        Ok(IsoDuration { seconds })
    }

    /// The elapsed time between two instants, truncated to whole seconds; `None` when
    /// `later` is before `earlier` or the gap is longer than [`MAX_DURATION_SECONDS`].
    pub fn between(
        earlier: chrono::DateTime<chrono::Utc>,
        later: chrono::DateTime<chrono::Utc>,
    ) -> Option<IsoDuration> {
        let seconds = u64::try_from((later - earlier).num_seconds()).ok()?;
        IsoDuration::from_seconds(seconds).ok()
    }

    /// Parses an ISO 8601 elapsed duration (see the module documentation for the grammar).
    pub fn parse(text: &str) -> Result<IsoDuration, DurationError> {
        let body = text.strip_prefix('P').ok_or(DurationError::Malformed)?;
        let (date_part, time_part) = match body.split_once('T') {
            Some((date, time)) => (date, Some(time)),
            None => (body, None),
        };
        let date_seconds = sum_components(date_part, &[('W', SECONDS_PER_WEEK), ('D', SECONDS_PER_DAY)], true)?;
        let time_seconds = match time_part {
            Some(time) => {
                if time.is_empty() {
                    return Err(DurationError::Malformed);
                }
                let units = [('H', SECONDS_PER_HOUR), ('M', SECONDS_PER_MINUTE), ('S', 1)];
                sum_components(time, &units, false)?
            }
            None => 0,
        };
        if date_part.is_empty() && time_part.is_none() {
            return Err(DurationError::Malformed);
        }
        let seconds = date_seconds.checked_add(time_seconds).ok_or(DurationError::TooLong)?;
        IsoDuration::from_seconds(seconds)
    }

    /// The duration in whole seconds.
    pub const fn as_seconds(self) -> u64 {
        self.seconds
    }

    /// The duration as a chrono [`TimeDelta`] (exact elapsed time).
    pub fn to_time_delta(self) -> TimeDelta {
        // MAX_DURATION_SECONDS fits comfortably in TimeDelta's range, so MAX is never reached.
        i64::try_from(self.seconds)
            .ok()
            .and_then(TimeDelta::try_seconds)
            .unwrap_or(TimeDelta::MAX)
    }
}

/// Adds up `<digits><unit>` components that must appear in the order of `units`.
fn sum_components(text: &str, units: &[(char, u64)], date: bool) -> Result<u64, DurationError> {
    let mut total: u64 = 0;
    let mut next_unit = 0;
    let mut digits = String::new();
    for character in text.chars() {
        if character.is_ascii_digit() {
            digits.push(character);
            continue;
        }
        if date && (character == 'Y' || character == 'M') {
            return Err(DurationError::CalendarUnit);
        }
        let position = units[next_unit..]
            .iter()
            .position(|(unit, _)| *unit == character)
            .ok_or(DurationError::Malformed)?;
        let (_, unit_seconds) = units[next_unit + position];
        if digits.is_empty() {
            return Err(DurationError::Malformed);
        }
        let value: u64 = digits.parse().map_err(|_| DurationError::TooLong)?;
        let component = value.checked_mul(unit_seconds).ok_or(DurationError::TooLong)?;
        total = total.checked_add(component).ok_or(DurationError::TooLong)?;
        digits.clear();
        next_unit += position + 1;
    }
    if digits.is_empty() {
        Ok(total)
    } else {
        Err(DurationError::Malformed)
    }
}

impl IsoDuration {
    /// Appends the duration as its `Display` text (`PT48H`, `PT1H30M`, `PT0S`), without the
    /// formatting machinery: the phase lookup writes one per request.
    pub fn write_to(&self, out: &mut Vec<u8>) {
        let hours = self.seconds / SECONDS_PER_HOUR;
        let minutes = self.seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
        let seconds = self.seconds % SECONDS_PER_MINUTE;
        let mut buffer = itoa::Buffer::new();
        out.extend_from_slice(b"PT");
        if hours > 0 {
            out.extend_from_slice(buffer.format(hours).as_bytes());
            out.push(b'H');
        }
        if minutes > 0 {
            out.extend_from_slice(buffer.format(minutes).as_bytes());
            out.push(b'M');
        }
        if seconds > 0 || self.seconds == 0 {
            out.extend_from_slice(buffer.format(seconds).as_bytes());
            out.push(b'S');
        }
    }
}

impl fmt::Display for IsoDuration {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hours = self.seconds / SECONDS_PER_HOUR;
        let minutes = self.seconds % SECONDS_PER_HOUR / SECONDS_PER_MINUTE;
        let seconds = self.seconds % SECONDS_PER_MINUTE;
        formatter.write_str("PT")?;
        if hours > 0 {
            write!(formatter, "{hours}H")?;
        }
        if minutes > 0 {
            write!(formatter, "{minutes}M")?;
        }
        if seconds > 0 || self.seconds == 0 {
            write!(formatter, "{seconds}S")?;
        }
        Ok(())
    }
}

impl FromStr for IsoDuration {
    type Err = DurationError;

    fn from_str(text: &str) -> Result<IsoDuration, DurationError> {
        IsoDuration::parse(text)
    }
}

impl Serialize for IsoDuration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl utoipa::PartialSchema for IsoDuration {
    fn schema() -> RefOr<Schema> {
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some(
                "ISO 8601 elapsed duration in hours, minutes and seconds (a day is 24 h)",
            ))
            .examples([serde_json::json!("PT72H")])
            .into()
    }
}

impl utoipa::ToSchema for IsoDuration {
    fn name() -> Cow<'static, str> {
        Cow::Borrowed("IsoDuration")
    }
}

#[cfg(test)]
mod tests;
