//! Treatment-independent phase descriptions for `GET /v1/phases` and `GET /v1/phases/{id}`.

use super::Protocol;
use super::locale::Locale;
use super::model::{Phase, Rule};
use super::view::{PhaseDescription, PhaseRule};

impl Protocol {
    /// Every phase, in order, localized, with the rules whose default window overlaps it.
    pub fn phase_descriptions(&self, locale: &Locale) -> Vec<PhaseDescription> {
        self.phases.iter().map(|phase| self.describe(phase, locale)).collect()
    }

    /// One phase by id, localized; `None` for an unknown id.
    pub fn phase_description(&self, id: &str, locale: &Locale) -> Option<PhaseDescription> {
        self.phase(id).map(|phase| self.describe(phase, locale))
    }

    /// The rules whose default half-open window overlaps the phase's half-open window: a rule
    /// that always applies overlaps every phase from its start on, and a minimum overlaps the
    /// phases before it is reached.
    pub fn rules_during(&self, phase: &Phase) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(move |rule| {
            let starts_before_phase_ends = phase.ends_after().is_none_or(|end| rule.starts_after() < end);
            starts_before_phase_ends && (!rule.has_end() || rule.ends_after() > phase.starts_after())
        })
    }

    fn describe(&self, phase: &Phase, locale: &Locale) -> PhaseDescription {
        PhaseDescription {
            id: phase.id().to_owned(),
            order: phase.order(),
            name: phase.name(locale).to_owned(),
            summary: phase.summary(locale).to_owned(),
            what_to_expect: phase.what_to_expect(locale),
            starts_after: phase.starts_after(),
            ends_after: phase.ends_after(),
            basis: phase.basis(),
            basis_note: phase.basis_note(locale).map(str::to_owned),
            patient_note: self.texts.patient_note(phase.basis(), locale),
            rules: self
                .rules_during(phase)
                .map(|rule| {
                    let (ends_after, at_least_for) = rule.continues().split(rule.ends_after());
                    PhaseRule {
                        id: rule.id().to_owned(),
                        kind: rule.kind(),
                        text: rule.text(locale).to_owned(),
                        rationale: rule.rationale(locale).to_owned(),
                        basis: rule.basis(),
                        basis_note: rule.basis_note(locale).map(str::to_owned),
                        patient_note: self.texts.rule_note(rule.basis(), rule.kind(), locale),
                        starts_after: rule.starts_after(),
                        continues: rule.continues(),
                        window_text: self.texts.window(rule.continues(), rule.ends_after(), locale),
                        ends_after,
                        at_least_for,
                    }
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::protocol::fixture;

    fn rule_ids(phase_id: &str) -> Vec<String> {
        let protocol = fixture::protocol();
        let description = protocol
            .phase_description(phase_id, &protocol.default_locale())
            .expect("phase exists");
        description.rules.into_iter().map(|rule| rule.id).collect()
    }

    #[test]
    fn the_listing_has_every_phase_in_order_with_iso_offsets() {
        let protocol = fixture::protocol();
        let locale = protocol.negotiate(Some("es"), None).expect("es is a fixture language");

        let descriptions = protocol.phase_descriptions(&locale);
        let json = serde_json::to_value(&descriptions[1]).expect("serializes");

        let ids: Vec<&str> = descriptions.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["fixture-phase-a", "fixture-phase-b", "fixture-phase-c"]);
        assert_eq!(json["starts_after"], "PT36H");
        assert_eq!(json["ends_after"], "PT96H");
        assert_eq!(json["name"], "Fase de prueba B");
        assert_eq!(json["rules"][0]["text"], "Texto de prueba: evitar (guía).");
        assert!(descriptions[2].ends_after.is_none());
    }

    #[test]
    fn a_phase_lists_only_the_rules_whose_window_overlaps_it() {
        let first = rule_ids("fixture-phase-a");
        let second = rule_ids("fixture-phase-b");

        assert_eq!(first.len(), fixture::protocol().rules().len());
        assert_eq!(
            second,
            [
                "fixture-avoid-guidance",
                "fixture-avoid-default",
                "fixture-do-later",
                "do-daily-sunscreen",
                "fixture-warning"
            ],
            "fixture-expect ends exactly where the phase starts"
        );
        assert_eq!(
            rule_ids("fixture-phase-c"),
            ["do-daily-sunscreen"],
            "a rule that always applies overlaps the open-ended phase"
        );
    }

    #[test]
    fn an_unknown_phase_id_has_no_description() {
        let protocol = fixture::protocol();

        assert!(
            protocol
                .phase_description("no-such-phase", &protocol.default_locale())
                .is_none()
        );
    }
}
