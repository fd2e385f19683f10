use proptest::prelude::*;

use super::{Line, MAX_LINE_OCTETS, fnv1a_64, next_special, render};
use crate::formats::test_plans::{labels, plan, plan_at};
use crate::protocol::{AftercarePlan, Continues, RuleKind};

/// A property of a parsed component: name and raw (still escaped) value.
#[derive(Debug, Clone)]
struct Property {
    name: String,
    value: String,
}

/// A parsed component with its properties and sub-components.
#[derive(Debug, Clone, Default)]
struct Component {
    name: String,
    properties: Vec<Property>,
    children: Vec<Component>,
}

impl Component {
    fn all(&self, name: &str) -> Vec<&Property> {
        self.properties
            .iter()
            .filter(|property| property.name == name)
            .collect()
    }
    fn one(&self, name: &str) -> &str {
        let found = self.all(name);
        assert_eq!(found.len(), 1, "{} has {} {name}", self.name, found.len());
        &found[0].value
    }
    fn text(&self, name: &str) -> String {
        unescape(self.one(name))
    }
    fn events(&self) -> Vec<&Component> {
        self.children.iter().filter(|child| child.name == "VEVENT").collect()
    }
}

/// Strict unfolding: CRLF everywhere, no bare CR or LF, every physical line at most 75 octets.
fn unfold(text: &str) -> Vec<String> {
    let body = text.strip_suffix("\r\n").expect("the document ends in CRLF");
    let mut lines: Vec<String> = Vec::new();
    for physical in body.split("\r\n") {
        assert!(!physical.contains(['\r', '\n']), "bare CR or LF in {physical:?}");
        assert!(
            physical.len() <= MAX_LINE_OCTETS,
            "{} octets: {physical:?}",
            physical.len()
        );
        match physical.strip_prefix(' ') {
            Some(continuation) => lines.last_mut().expect("no continuation first").push_str(continuation),
            None => lines.push(physical.to_owned()),
        }
    }
    lines
}

fn parse_line(line: &str) -> Property {
    let (head, value) = line.split_once(':').unwrap_or_else(|| panic!("no colon in {line:?}"));
    // The renderer writes no parameters, so a `;` before the colon is an error here.
    let name = head.to_owned();
    assert!(
        !name.is_empty()
            && name
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-'),
        "bad name {name:?}"
    );
    Property {
        name,
        value: value.to_owned(),
    }
}

/// Parses a document into its component tree, checking that BEGIN and END balance.
fn parse(text: &str) -> Component {
    let mut stack = vec![Component::default()];
    for property in unfold(text).iter().map(|line| parse_line(line)) {
        match property.name.as_str() {
            "BEGIN" => stack.push(Component {
                name: property.value,
                ..Component::default()
            }),
            "END" => {
                let done = stack.pop().expect("balanced");
                assert_eq!(done.name, property.value, "END does not match BEGIN");
                stack.last_mut().expect("END without BEGIN").children.push(done);
            }
            _ => stack.last_mut().expect("open component").properties.push(property),
        }
    }
    assert_eq!(stack.len(), 1, "unclosed components");
    let mut root = stack.pop().expect("root");
    assert_eq!(root.children.len(), 1, "one VCALENDAR");
    root.children.remove(0)
}

/// Strict TEXT unescaping: only `\\ \; \, \n \N`, and no unescaped `;` or `,`.
fn unescape(value: &str) -> String {
    let mut text = String::new();
    let mut characters = value.chars();
    while let Some(character) = characters.next() {
        match character {
            '\\' => match characters.next() {
                Some('n' | 'N') => text.push('\n'),
                Some(escaped @ ('\\' | ';' | ',')) => text.push(escaped),
                other => panic!("bad escape {other:?} in {value:?}"),
            },
            ';' | ',' => panic!("unescaped {character} in {value:?}"),
            other => text.push(other),
        }
    }
    text
}

/// The number of avoid rules with a window to show: an end, or a minimum.
fn avoid_events(plan: &AftercarePlan) -> usize {
    plan.rules
        .iter()
        .filter(|rule| rule.kind == RuleKind::Avoid)
        .filter(|rule| rule.window.ends_at.is_some() || rule.window.at_least_until.is_some())
        .count()
}

fn uids(calendar: &Component) -> Vec<String> {
    calendar
        .events()
        .iter()
        .map(|event| event.one("UID").to_owned())
        .collect()
}

#[test]
fn every_line_ends_in_crlf_and_fits_in_75_octets() {
    let text = render(&plan("en"), "");

    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
    unfold(&text);
}

#[test]
fn the_calendar_starts_with_its_identity_and_localized_name() {
    for language in ["en", "es"] {
        let plan = plan(language);

        let text = render(&plan, "");

        let expected = format!(
            "BEGIN:VCALENDAR\r\nPRODID:-//Aftercare API//aftercare {}//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\n\
             METHOD:PUBLISH\r\nX-WR-CALNAME:{}\r\nDESCRIPTION:{}\r\nX-WR-CALDESC:{}\r\nBEGIN:VEVENT\r\n",
            env!("CARGO_PKG_VERSION"),
            labels(&plan).calendar_name,
            plan.provider_first,
            plan.provider_first
        );
        assert!(text.starts_with(&expected), "{text}");
        assert!(text.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
    }
}

#[test]
fn the_calendar_is_described_by_the_provider_first_statement() {
    for (language, provider_first) in [
        ("en", "Fixture provider first."),
        ("es", "Prueba: especialista primero."),
    ] {
        let plan = plan(language);

        let calendar = parse(&render(&plan, ""));

        assert_eq!(plan.provider_first, provider_first);
        assert_eq!(calendar.text("DESCRIPTION"), provider_first);
        assert_eq!(calendar.text("X-WR-CALDESC"), provider_first);
    }
}

#[test]
fn the_first_event_is_the_contact_advice_at_the_treatment() {
    let plan = plan("en");

    let calendar = parse(&render(&plan, ""));

    let first = calendar.events()[0];
    assert_eq!(first.text("SUMMARY"), labels(&plan).contact_provider);
    assert_eq!(first.one("DTSTART"), "20260307T150000Z");
    assert!(first.all("DTEND").is_empty(), "a moment, not a span");
    assert!(first.all("RRULE").is_empty());
    assert_eq!(
        first.text("DESCRIPTION"),
        "Fixture provider first.\n\nFixture warning text.",
        "the provider-first statement, then when to contact the provider"
    );
}

#[test]
fn every_avoid_rule_is_an_event_over_its_window_to_its_end_or_minimum() {
    let plan = plan("en");

    let calendar = parse(&render(&plan, ""));

    let events = calendar.events();
    let avoid: Vec<_> = plan.rules.iter().filter(|rule| rule.kind == RuleKind::Avoid).collect();
    assert_eq!(avoid.len(), 2);
    for rule in &avoid {
        let found: Vec<_> = events
            .iter()
            .filter(|event| event.text("SUMMARY") == rule.text)
            .collect();
        assert_eq!(found.len(), 1, "{}", rule.id);
        let event = found[0];
        let window = &rule.window;
        assert_eq!(window.continues, Continues::AtLeast, "{}", rule.id);
        assert_eq!(window.ends_at, None, "a minimum is not an end");
        let minimum = window.at_least_until.as_ref().expect("a minimum");
        assert_eq!(
            event.one("DTSTART"),
            rule.starts_at.utc.format("%Y%m%dT%H%M%SZ").to_string()
        );
        assert_eq!(event.one("DTEND"), minimum.utc.format("%Y%m%dT%H%M%SZ").to_string());
        assert!(event.all("RRULE").is_empty());
        let mut description = format!("{}\n\n{}", rule.text, window.text);
        if let Some(note) = &rule.patient_note {
            description = format!("{description}\n\n{note}");
        }
        assert_eq!(event.text("DESCRIPTION"), description);
    }
    let default = events
        .iter()
        .find(|event| event.text("SUMMARY") == "Fixture avoid-default text.")
        .expect("the avoid-default event");
    assert_eq!(default.one("DTSTART"), "20260307T150000Z");
    assert_eq!(default.one("DTEND"), "20260310T150000Z", "the 72-hour minimum");
    assert_eq!(
        default.text("DESCRIPTION"),
        "Fixture avoid-default text.\n\nFixture at least 72 hours, then provider.\n\nFixture clinic may change.",
        "after the minimum, the provider's instructions decide; the patient's note, not the basis note"
    );
    let guidance = events
        .iter()
        .find(|event| event.text("SUMMARY") == "Fixture avoid-guidance text.")
        .expect("the avoid-guidance event");
    assert_eq!(guidance.one("DTEND"), "20260309T150000Z", "the 48-hour minimum");
}

#[test]
fn an_avoid_rule_that_ends_is_an_event_to_its_end() {
    let mut plan = plan("en");
    let rule = plan.rules.iter_mut().find(|rule| rule.id == "fixture-avoid-default");
    let window = &mut rule.expect("the avoid-default rule").window;
    window.continues = Continues::No;
    window.ends_at = window.at_least_until.take();

    let calendar = parse(&render(&plan, ""));

    let event = calendar
        .events()
        .into_iter()
        .find(|event| event.text("SUMMARY") == "Fixture avoid-default text.")
        .expect("the avoid-default event");
    assert_eq!(event.one("DTEND"), "20260310T150000Z");
}

#[test]
fn there_is_one_event_per_phase_and_milestone_and_one_recurring_sunscreen_event() {
    let plan = plan("en");

    let calendar = parse(&render(&plan, ""));

    let events = calendar.events();
    // The contact event, then phases, milestones, avoid rules and the sunscreen reminder.
    assert_eq!(avoid_events(&plan), 2);
    assert_eq!(
        events.len(),
        1 + plan.phases.len() + plan.milestones.len() + avoid_events(&plan) + 1
    );
    let recurring: Vec<_> = events.iter().filter(|event| !event.all("RRULE").is_empty()).collect();
    assert_eq!(recurring.len(), 1);
    assert_eq!(recurring[0].text("SUMMARY"), labels(&plan).daily_sunscreen);
    let sunscreen = plan.rules.iter().find(|rule| rule.id == super::SUNSCREEN_RULE_ID);
    assert_eq!(
        sunscreen.expect("the sunscreen rule").window.continues,
        Continues::Always
    );
    assert_eq!(
        recurring[0].one("RRULE"),
        "FREQ=DAILY",
        "the sunscreen rule always applies: the reminder recurs with no end"
    );
    assert!(!recurring[0].one("RRULE").contains("UNTIL"));
    assert!(recurring[0].all("COUNT").is_empty());
    assert_eq!(recurring[0].one("DTSTART"), "20260307T150000Z");
    assert_eq!(recurring[0].one("DTEND"), "20260307T151500Z");
}

#[test]
fn a_sunscreen_window_that_ends_stops_the_reminder_and_a_minimum_does_not() {
    let set_window = |continues: Continues| {
        let mut plan = plan("en");
        let end = plan.plan_ends_at.clone();
        let rule = plan.rules.iter_mut().find(|rule| rule.id == super::SUNSCREEN_RULE_ID);
        let window = &mut rule.expect("the sunscreen rule").window;
        window.continues = continues;
        match continues {
            Continues::No => window.ends_at = Some(end),
            Continues::AtLeast => window.at_least_until = Some(end),
            Continues::Always => {}
        }
        plan
    };
    let rrule = |plan: &AftercarePlan| {
        let calendar = parse(&render(plan, ""));
        let recurring: Vec<_> = calendar
            .events()
            .into_iter()
            .filter(|event| !event.all("RRULE").is_empty())
            .map(|event| event.one("RRULE").to_owned())
            .collect();
        assert_eq!(recurring.len(), 1);
        recurring[0].clone()
    };

    assert_eq!(
        rrule(&set_window(Continues::No)),
        "FREQ=DAILY;UNTIL=20260311T145959Z",
        "until the exclusive end, 96 hours after treatment (UNTIL is inclusive)"
    );
    assert_eq!(
        rrule(&set_window(Continues::AtLeast)),
        "FREQ=DAILY",
        "a minimum is not an end"
    );
}

#[test]
fn without_the_sunscreen_rule_there_is_no_recurring_event() {
    let mut plan = plan("en");
    plan.rules.retain(|rule| rule.id != super::SUNSCREEN_RULE_ID);

    let calendar = parse(&render(&plan, ""));

    assert!(calendar.events().iter().all(|event| event.all("RRULE").is_empty()));
    assert_eq!(
        calendar.events().len(),
        1 + plan.phases.len() + plan.milestones.len() + avoid_events(&plan)
    );
    assert!(
        calendar
            .events()
            .iter()
            .all(|event| event.text("SUMMARY") != labels(&plan).daily_sunscreen)
    );
}

#[test]
fn phases_are_events_in_utc_and_the_open_ended_phase_lasts_one_day() {
    let plan = plan("en");

    let calendar = parse(&render(&plan, ""));

    // Phases follow the contact event.
    let events = &calendar.events()[1..];
    let first = events[0];
    assert_eq!(first.text("SUMMARY"), "Fixture phase A");
    assert_eq!(first.one("DTSTAMP"), "20260307T150000Z");
    assert_eq!(first.one("DTSTART"), "20260307T150000Z");
    assert_eq!(first.one("DTEND"), "20260309T030000Z");
    assert_eq!(
        first.text("DESCRIPTION"),
        format!(
            "Fixture summary A.\n\n{}:\n- Fixture expectation A1.\n- Fixture expectation A2.",
            labels(&plan).what_to_expect
        )
    );
    let last = events[plan.phases.len() - 1];
    assert_eq!(last.text("SUMMARY"), "Fixture phase C");
    assert_eq!(last.one("DTSTART"), "20260311T150000Z");
    assert_eq!(last.one("DTEND"), "20260312T150000Z");
}

#[test]
fn every_milestone_has_a_display_alarm_with_its_text() {
    let plan = plan("en");

    let calendar = parse(&render(&plan, ""));

    // Milestones follow the contact event and the phases.
    let milestones = &calendar.events()[1 + plan.phases.len()..1 + plan.phases.len() + plan.milestones.len()];
    assert_eq!(milestones.len(), plan.milestones.len());
    for (event, milestone) in milestones.iter().zip(&plan.milestones) {
        assert_eq!(event.text("SUMMARY"), milestone.text);
        assert_eq!(
            event.one("DTSTART"),
            milestone.at.utc.format("%Y%m%dT%H%M%SZ").to_string()
        );
        assert_eq!(event.children.len(), 1);
        let alarm = &event.children[0];
        assert_eq!((alarm.name.as_str(), alarm.one("ACTION")), ("VALARM", "DISPLAY"));
        assert_eq!(alarm.one("TRIGGER"), "PT0S");
        assert_eq!(alarm.text("DESCRIPTION"), milestone.text);
    }
}

#[test]
fn uids_are_stable_for_the_same_request_and_differ_otherwise() {
    let same = uids(&parse(&render(&plan("en"), "fp")));

    let again = uids(&parse(&render(&plan("en"), "fp")));
    let later = uids(&parse(&render(&plan_at("2026-03-07T10:00:01-05:00", "en"), "fp")));
    let overridden = uids(&parse(&render(&plan("en"), "other")));
    let spanish = uids(&parse(&render(&plan("es"), "fp")));

    assert_eq!(same, again);
    let mut unique = same.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), same.len(), "UIDs repeat within one calendar");
    for other in [&later, &overridden, &spanish] {
        assert!(same.iter().all(|uid| !other.contains(uid)));
    }
    assert!(
        same.iter()
            .all(|uid| uid.len() == 16 + "@aftercare".len() && uid.ends_with("@aftercare"))
    );
}

#[test]
fn fnv1a_64_matches_the_reference_vectors() {
    assert_eq!(fnv1a_64(b""), 0xcbf2_9ce4_8422_2325);
    assert_eq!(fnv1a_64(b"a"), 0xaf63_dc4c_8601_ec8c);
    assert_eq!(fnv1a_64(b"foobar"), 0x8594_4171_f739_67e8);
}

#[test]
fn texts_with_special_characters_are_escaped_and_unfold_to_the_original() {
    let mut plan = plan("en");
    let tricky = "Cool, then; rinse \\ dry\nthen rest — a long line that surely needs folding, twice over, ok";
    plan.phases[0].name = tricky.to_owned();

    let text = render(&plan, "");

    assert!(text.contains("Cool\\, then\\; rinse \\\\ dry\\nthen"));
    // The first phase is the event after the contact event.
    assert_eq!(parse(&text).events()[1].text("SUMMARY"), tricky);
}

#[test]
fn a_long_spanish_line_folds_between_characters() {
    let plan = plan("es");
    let text = render(&plan, "");

    let folded_non_ascii = text
        .split("\r\n")
        .filter(|line| line.starts_with(' ') && !line.is_ascii())
        .count();
    assert!(folded_non_ascii > 0, "expected folded Spanish lines");
    assert_eq!(
        parse(&text).events()[1].text("DESCRIPTION").split("\n\n").next(),
        Some(plan.phases[0].summary.as_str())
    );
    let mut output = String::new();
    let line = format!("SUMMARY:{}", "ñ".repeat(100));
    let mut writer = Line::start(&mut output);
    writer.push_str(&line);
    writer.end();
    let physical: Vec<&str> = output.trim_end_matches("\r\n").split("\r\n").collect();
    assert_eq!(
        physical[0].len(),
        74,
        "8 ASCII octets, then 33 whole two-octet characters"
    );
    assert!(physical.iter().all(|part| part.len() <= MAX_LINE_OCTETS));
    assert_eq!(unfold(&output), vec![line]);
}

#[test]
fn the_output_is_deterministic() {
    assert_eq!(render(&plan("en"), ""), render(&plan("en"), ""));
}

/// The specification of a TEXT property line, written the plain way: escape the whole value
/// (RFC 5545 §3.3.11), then fold the line character by character (§3.1).
fn reference_text_line(name: &str, value: &str) -> String {
    let mut line = format!("{name}:");
    for character in value.chars() {
        match character {
            '\\' => line.push_str("\\\\"),
            ';' => line.push_str("\\;"),
            ',' => line.push_str("\\,"),
            '\n' => line.push_str("\\n"),
            '\t' => line.push('\t'),
            control if control.is_control() => {}
            other => line.push(other),
        }
    }
    let mut output = String::new();
    let mut used = 0;
    let mut budget = MAX_LINE_OCTETS;
    for character in line.chars() {
        if used + character.len_utf8() > budget {
            output.push_str("\r\n ");
            budget = MAX_LINE_OCTETS - 1;
            used = 0;
        }
        output.push(character);
        used += character.len_utf8();
    }
    output.push_str("\r\n");
    output
}

proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn the_byte_scan_finds_what_a_character_scan_finds(text in "(\\PC|[\\\\;,\u{0}-\u{1f}\u{7f}-\u{a0}]|ñ|€){0,60}") {
        let expected = text.find(|c: char| matches!(c, '\\' | ';' | ',') || c.is_control());
        prop_assert_eq!(next_special(&text), expected);
    }

    #[test]
    fn lines_are_escaped_and_folded_as_the_plain_reference_does(
        name in "[A-Z-]{1,20}",
        value in "(\\PC|[\\\\;,\n\r\t\u{0}-\u{1f}]|ñ|€|😀){0,300}",
    ) {
        let mut output = String::new();
        let mut line = Line::start(&mut output);
        line.push_str(&name);
        line.push(':');
        line.push_escaped(&value);
        line.end();
        prop_assert_eq!(output, reference_text_line(&name, &value));
    }
}
