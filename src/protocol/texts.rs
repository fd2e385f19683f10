//! The statements every representation of a plan shares (`protocol.toml` `[texts]`): the
//! provider-first line, how long a rule holds, the plain-words label of a clinic default, and the
//! words for hours, days and weeks a duration is written with.

use super::duration::IsoDuration;
use super::locale::Locale;
use super::model::{Basis, Continues, LocalizedText, RuleKind};

/// The placeholder a window text writes its duration at.
pub(crate) const DURATION: &str = "{duration}";

/// The shared statements, in every declared language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolTexts {
    pub(crate) provider_first: LocalizedText,
    pub(crate) until: LocalizedText,
    pub(crate) at_least: LocalizedText,
    pub(crate) always: LocalizedText,
    pub(crate) after_treatment: LocalizedText,
    pub(crate) clinic_may_change: LocalizedText,
    pub(crate) clinic_advice: LocalizedText,
    pub(crate) hour: LocalizedText,
    pub(crate) hours: LocalizedText,
    pub(crate) day: LocalizedText,
    pub(crate) days: LocalizedText,
    pub(crate) week: LocalizedText,
    pub(crate) weeks: LocalizedText,
}

impl ProtocolTexts {
    /// "Your provider's instructions come first…": the first statement of every plan.
    pub fn provider_first(&self, locale: &Locale) -> &str {
        self.provider_first.get(locale)
    }

    /// What a patient reads next to a clinic default: "Your clinic may change this time."
    pub fn clinic_may_change(&self, locale: &Locale) -> &str {
        self.clinic_may_change.get(locale)
    }

    /// The plain-words note of an entry with `basis`, for patients: only clinic defaults have one.
    pub fn patient_note(&self, basis: Basis, locale: &Locale) -> Option<String> {
        (basis == Basis::ClinicDefault).then(|| self.clinic_may_change(locale).to_owned())
    }

    /// [`ProtocolTexts::patient_note`] of a rule: the contact advice (a `warning` rule) that is a
    /// clinic default is the clinic's advice; any other clinic default says the clinic may change
    /// its time.
    pub fn rule_note(&self, basis: Basis, kind: RuleKind, locale: &Locale) -> Option<String> {
        match kind {
            RuleKind::Warning => (basis == Basis::ClinicDefault).then(|| self.clinic_advice.get(locale).to_owned()),
            _ => self.patient_note(basis, locale),
        }
    }

    /// How long a rule holds, counted from the treatment: "Until 48 hours after your
    /// treatment.", "For at least 72 hours after your treatment, then follow your provider's
    /// instructions.", or the always text. `end` is the (possibly overridden) end or minimum.
    pub fn window(&self, continues: Continues, end: IsoDuration, locale: &Locale) -> String {
        let template = match continues {
            Continues::No => &self.until,
            Continues::AtLeast => &self.at_least,
            Continues::Always => return self.always.get(locale).to_owned(),
        };
        template.get(locale).replace(DURATION, &self.duration(end, locale))
    }

    /// `offset` counted from the treatment, for a date people can count to: "72 hours after
    /// your treatment".
    pub fn after_treatment(&self, offset: IsoDuration, locale: &Locale) -> String {
        self.after_treatment
            .get(locale)
            .replace(DURATION, &self.duration(offset, locale))
    }

    /// `offset` in words: hours up to 72 hours ("24 hours", "72 hours"), then whole days
    /// ("7 days"), then whole weeks from two weeks ("8 weeks"); an offset that is not a whole
    /// number of days or weeks stays in hours. Part of an hour counts as a whole one, the safe
    /// side for a minimum (the exact instant is given next to the words).
    pub fn duration(&self, offset: IsoDuration, locale: &Locale) -> String {
        let hours = offset.as_seconds().div_ceil(3600);
        let (count, one, many) = if hours.is_multiple_of(24 * 7) && hours >= 24 * 14 {
            (hours / (24 * 7), &self.week, &self.weeks)
        } else if hours.is_multiple_of(24) && hours > 72 {
            (hours / 24, &self.day, &self.days)
        } else {
            (hours, &self.hour, &self.hours)
        };
        let unit = if count == 1 { one } else { many };
        format!("{count} {}", unit.get(locale))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::Protocol;

    fn texts() -> (ProtocolTexts, Locale, Locale) {
        let protocol = Protocol::load().expect("the shipped protocol");
        let en = protocol.negotiate(Some("en"), None).expect("en");
        let es = protocol.negotiate(Some("es"), None).expect("es");
        (protocol.texts().clone(), en, es)
    }

    #[test]
    fn durations_are_written_in_the_unit_people_count_in() {
        let (texts, en, es) = texts();
        let words = |hours: u32| texts.duration(IsoDuration::from_hours(hours), &en);
        assert_eq!(words(1), "1 hour");
        assert_eq!(words(24), "24 hours");
        assert_eq!(words(72), "72 hours");
        assert_eq!(words(30), "30 hours");
        assert_eq!(words(96), "4 days");
        assert_eq!(words(7 * 24), "7 days");
        assert_eq!(words(100), "100 hours");
        assert_eq!(words(14 * 24), "2 weeks");
        assert_eq!(words(8 * 7 * 24), "8 weeks");
        assert_eq!(words(15 * 24), "15 days");
        let part = IsoDuration::parse("PT72H30M").expect("a duration");
        assert_eq!(texts.duration(part, &en), "73 hours");
        assert_eq!(texts.duration(IsoDuration::from_hours(7 * 24), &es), "7 días");
    }

    #[test]
    fn a_minimum_says_at_least_and_hands_over_to_the_provider() {
        let (texts, en, es) = texts();
        let minimum = texts.window(Continues::AtLeast, IsoDuration::from_hours(72), &en);
        assert!(minimum.contains("at least 72 hours"), "{minimum}");
        assert!(minimum.contains("provider"), "{minimum}");
        let minimum = texts.window(Continues::AtLeast, IsoDuration::from_hours(72), &es);
        assert!(minimum.contains("al menos 72 horas"), "{minimum}");
        let fixed = texts.window(Continues::No, IsoDuration::from_hours(48), &en);
        assert!(fixed.contains("48 hours") && !fixed.contains("at least"), "{fixed}");
        let always = texts.window(Continues::Always, IsoDuration::from_hours(1), &en);
        assert!(!always.contains('1'), "{always}");
        assert_eq!(
            texts.after_treatment(IsoDuration::from_hours(72), &en),
            "72 hours after your treatment"
        );
    }
}
