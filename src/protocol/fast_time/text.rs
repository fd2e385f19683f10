//! [`Text`]: one instant as RFC 3339 digits on the stack, and the calendar arithmetic behind it.

/// Days from 0000-03-01 to 1970-01-01 (the era arithmetic below starts its years in March).
const DAYS_FROM_YEAR_0_MARCH_TO_EPOCH: i64 = 719_468;
const DAYS_PER_400_YEARS: i64 = 146_097;
pub(super) const SECONDS_PER_DAY: i64 = 86_400;

/// `00` to `99`, two bytes each: numbers are written two digits at a time.
const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
2021222324252627282930313233343536373839\
4041424344454647484950515253545556575859\
6061626364656667686970717273747576777879\
8081828384858687888990919293949596979899";

/// One formatted instant, built on the stack and appended to the answer in one copy.
#[derive(Clone, Copy)]
pub(super) struct Text {
    bytes: [u8; 40],
    len: usize,
}

impl Text {
    /// `YYYY-MM-DDTHH:MM:SS[.fff|.ffffff|.fffffffff]` for `seconds` since 1970-01-01T00:00:00
    /// (proleptic Gregorian calendar, no leap seconds); `None` outside years 0–9999 or for a leap
    /// second (`nanos` ≥ 10⁹), which chrono writes differently.
    pub(super) fn naive(seconds: i64, nanos: u32) -> Option<Self> {
        if nanos >= 1_000_000_000 {
            return None;
        }
        let (year, month, day) = civil_from_days(seconds.div_euclid(SECONDS_PER_DAY))?;
        let mut text = Self {
            bytes: *b"0000-00-00T00:00:00.000000000\0\0\0\0\0\0\0\0\0\0\0",
            len: 19,
        };
        text.pair_at(0, year / 100);
        text.pair_at(2, year % 100);
        text.pair_at(5, month);
        text.pair_at(8, day);
        text.set_time_of_day(seconds);
        if nanos != 0 {
            // chrono's AutoSi: milliseconds, microseconds or nanoseconds, whichever is exact.
            let (fraction, digits) = if nanos.is_multiple_of(1_000_000) {
                (nanos / 1_000_000, 3)
            } else if nanos.is_multiple_of(1_000) {
                (nanos / 1_000, 6)
            } else {
                (nanos, 9)
            };
            let mut value = fraction;
            for slot in text.bytes[20..20 + digits].iter_mut().rev() {
                // `value % 10` is below 10, so the cast cannot truncate.
                *slot = b'0' + (value % 10) as u8;
                value /= 10;
            }
            text.len = 20 + digits;
        }
        Some(text)
    }

    /// Rewrites `HH:MM:SS` for `seconds` since the epoch (the date is left as it is).
    pub(super) fn set_time_of_day(&mut self, seconds: i64) {
        // Below 86,400: the cast cannot truncate.
        let second_of_day = seconds.rem_euclid(SECONDS_PER_DAY) as u32;
        self.pair_at(11, second_of_day / 3_600);
        self.pair_at(14, second_of_day / 60 % 60);
        self.pair_at(17, second_of_day % 60);
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }

    pub(super) fn push(&mut self, byte: u8) {
        self.bytes[self.len] = byte;
        self.len += 1;
    }

    /// Appends `value` (below 100) as two digits.
    pub(super) fn pair(&mut self, value: u32) {
        self.pair_at(self.len, value);
        self.len += 2;
    }

    /// Writes `value` (below 100) as two digits at `index`.
    fn pair_at(&mut self, index: usize, value: u32) {
        let value = value as usize * 2;
        self.bytes[index..index + 2].copy_from_slice(&PAIRS[value..value + 2]);
    }
}

/// The proleptic Gregorian (year, month, day) of `days` since 1970-01-01, for years 0–9999
/// (Howard Hinnant's `civil_from_days`: eras of 400 years that start on 1 March).
fn civil_from_days(days: i64) -> Option<(u32, u32, u32)> {
    // Counted from 1 March of year -400, one era early, so that every day of years 0–9999 is a
    // non-negative count and the arithmetic is unsigned (cheaper than `div_euclid`); the calendar
    // repeats every era, so the extra one is only taken off the year.
    let days = days.checked_add(DAYS_FROM_YEAR_0_MARCH_TO_EPOCH + DAYS_PER_400_YEARS)?;
    let days = u64::try_from(days).ok()?;
    let era = days / DAYS_PER_400_YEARS as u64;
    let day_of_era = days % DAYS_PER_400_YEARS as u64;
    let year_of_era = (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_from_march + 2) / 5 + 1;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    // `year` counts from -400.
    if !(400..=10_399).contains(&year) {
        return None;
    }
    // Checked above (year) and by construction (month 1–12, day 1–31).
    Some(((year - 400) as u32, month as u32, day as u32))
}

#[cfg(test)]
mod tests {
    use chrono::{Datelike, NaiveDate};

    use super::*;

    #[test]
    fn days_since_the_epoch_give_chronos_calendar_date() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        for days in [-719_528, -25_508, -1, 0, 10_957, 11_016, 20_513, 47_540, 2_932_896] {
            let date = epoch + chrono::Duration::days(days);
            let expected = (date.year() as u32, date.month(), date.day());
            assert_eq!(civil_from_days(days), Some(expected), "{date}");
        }
        assert_eq!(civil_from_days(-719_529), None, "the day before 0000-01-01");
        assert_eq!(civil_from_days(2_932_897), None, "the day after 9999-12-31");
    }
}
