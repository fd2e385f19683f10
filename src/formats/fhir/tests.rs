use serde_json::{Value, json};

use super::{render, render_json};
use crate::formats::test_plans::{labels, plan};
use crate::protocol::{Continues, RuleKind};

#[test]
fn the_care_plan_is_an_active_plan_over_the_treatment_window() {
    for language in ["en", "es"] {
        let plan = plan(language);
        let labels = labels(&plan);

        let care_plan = render(&plan, None);

        assert_eq!(care_plan["resourceType"], "CarePlan");
        assert_eq!(care_plan["status"], "active");
        assert_eq!(care_plan["intent"], "plan");
        assert_eq!(care_plan["language"], language);
        assert_eq!(care_plan["title"], labels.plan_title.as_str());
        let provider_first = match language {
            "en" => "Fixture provider first.",
            _ => "Prueba: especialista primero.",
        };
        assert_eq!(plan.provider_first, provider_first);
        assert_eq!(
            care_plan["description"],
            format!(
                "{provider_first} {} ({}: fixture-protocol 0.0.1-fixture)",
                labels.plan_description, labels.protocol
            ),
            "the description opens with the provider-first statement"
        );
        assert_eq!(care_plan["created"], "2026-03-07T15:00:00Z");
        assert_eq!(
            care_plan["period"],
            json!({"start": "2026-03-07T15:00:00Z"}),
            "the plan has no end: sunscreen and the provider's instructions never expire"
        );
        assert!(care_plan["period"].get("end").is_none());
    }
}

#[test]
fn the_subject_is_the_given_patient_or_a_localized_display() {
    for language in ["en", "es"] {
        let plan = plan(language);
        let cases = [
            (Some("Patient/123"), json!({"reference": "Patient/123"})),
            (Some("Patient/a-b.1"), json!({"reference": "Patient/a-b.1"})),
            (None, json!({"display": labels(&plan).patient})),
        ];

        for (reference, expected) in cases {
            assert_eq!(
                render(&plan, reference)["subject"],
                expected,
                "{language} {reference:?}"
            );
        }
    }
}

#[test]
fn there_is_one_task_activity_per_rule_with_its_window() {
    let plan = plan("es");

    let care_plan = render(&plan, None);

    let activities = care_plan["activity"].as_array().expect("an array");
    assert_eq!(activities.len(), plan.rules.len());
    for (activity, rule) in activities.iter().zip(&plan.rules) {
        let detail = &activity["detail"];
        assert_eq!(activity["id"], rule.id.as_str());
        assert_eq!(detail["kind"], "Task");
        assert_eq!(detail["status"], "not-started");
        assert_eq!(detail["code"], json!({"text": rule.text}));
        let mut description = format!("{}\n\n{}\n\n{}", rule.text, rule.window.text, rule.rationale);
        if let Some(note) = &rule.basis_note {
            description = format!("{description}\n\n{note}");
        }
        assert_eq!(detail["description"], description.as_str());
        let start = rule.starts_at.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        assert_eq!(detail["scheduledPeriod"]["start"], start.as_str());
        // Only a window that ends has an end; a minimum is not an end, and an always rule has none.
        let end = detail["scheduledPeriod"].get("end");
        match rule.window.continues {
            Continues::No => {
                let expected = rule.window.ends_at.as_ref().expect("a window that ends has an end");
                let expected = expected.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
                assert_eq!(end, Some(&Value::from(expected)), "{}", rule.id);
            }
            Continues::AtLeast | Continues::Always => assert_eq!(end, None, "{}", rule.id),
        }
    }
    for continues in [Continues::No, Continues::AtLeast, Continues::Always] {
        assert!(
            plan.rules.iter().any(|rule| rule.window.continues == continues),
            "no {continues:?} rule in the fixture"
        );
    }
    let period = |id: &str| {
        let activity = activities.iter().find(|activity| activity["id"] == id);
        activity.expect("present")["detail"]["scheduledPeriod"].clone()
    };
    assert_eq!(
        period("fixture-avoid-default"),
        json!({"start": "2026-03-07T15:00:00Z"}),
        "a minimum of 72 hours is not an end"
    );
    assert_eq!(
        period("do-daily-sunscreen"),
        json!({"start": "2026-03-07T15:00:00Z"}),
        "a rule that always applies has no end"
    );
    assert_eq!(
        period("fixture-do-later"),
        json!({"start": "2026-03-08T03:00:00Z", "end": "2026-03-11T15:00:00Z"}),
        "a window that starts 12 hours after treatment"
    );
    let description = |id: &str| {
        let activity = activities.iter().find(|activity| activity["id"] == id);
        activity.expect("present")["detail"]["description"].clone()
    };
    assert_eq!(
        description("fixture-avoid-default"),
        "Texto de prueba: evitar (clínica).\n\nPrueba al menos 72 horas, después especialista.\n\n\
         Razón de prueba: evitar (clínica).\n\nNota de prueba de la clínica (evitar)."
    );
    assert_eq!(
        description("do-daily-sunscreen"),
        "Texto de prueba: protector solar.\n\nPrueba siempre.\n\nRazón de prueba: protector solar.\n\n\
         Nota de prueba de la clínica (protector solar)."
    );
}

#[test]
fn only_avoid_rules_are_marked_do_not_perform() {
    let plan = plan("en");

    let care_plan = render(&plan, None);

    for (activity, rule) in care_plan["activity"]
        .as_array()
        .expect("an array")
        .iter()
        .zip(&plan.rules)
    {
        let expected = if rule.kind == RuleKind::Avoid {
            Value::Bool(true)
        } else {
            Value::Null
        };
        assert_eq!(activity["detail"]["doNotPerform"], expected, "{}", rule.id);
    }
}

#[test]
fn every_expect_rule_becomes_a_note() {
    let plan = plan("en");

    let care_plan = render(&plan, None);

    let expected: Vec<Value> = plan
        .rules
        .iter()
        .filter(|rule| rule.kind == RuleKind::Expect)
        .map(|rule| json!({"text": rule.text}))
        .collect();
    assert_eq!(expected, [json!({"text": "Fixture expect text."})]);
    assert_eq!(care_plan["note"], Value::Array(expected));
}

#[test]
fn the_output_is_deterministic() {
    assert_eq!(
        render(&plan("en"), Some("Patient/1")),
        render(&plan("en"), Some("Patient/1"))
    );
}

#[test]
fn the_typed_bytes_are_the_bytes_of_the_value() {
    // `render_json` writes struct fields in declaration order; `render`'s `Value` keeps keys in
    // byte order. Equal bytes mean every struct declares its fields in that order.
    for language in ["en", "es"] {
        for reference in [None, Some("Patient/1")] {
            let plan = plan(language);
            let value = serde_json::to_vec(&render(&plan, reference)).unwrap();
            assert_eq!(
                String::from_utf8(render_json(&plan, reference)).unwrap(),
                String::from_utf8(value).unwrap()
            );
        }
    }
}
