use super::{escape, local_parts, render};
use crate::formats::test_plans::{labels, plan};
use crate::protocol::{Continues, RuleKind};

const VOID_ELEMENTS: [&str; 2] = ["meta", "br"];

/// Checks that every opened element is closed in order; returns the opened element names.
fn assert_balanced(html: &str) -> Vec<String> {
    let body = html.strip_prefix("<!DOCTYPE html>\n").expect("a doctype first");
    let mut open: Vec<String> = Vec::new();
    let mut seen = Vec::new();
    let mut rest = body;
    while let Some(start) = rest.find('<') {
        assert!(!rest[..start].contains('>'), "a stray > in text");
        let end = rest[start..].find('>').expect("an unclosed tag") + start;
        let tag = &rest[start + 1..end];
        assert!(!tag.contains('<'), "a stray < in {tag:?}");
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect();
        assert!(!name.is_empty(), "an empty tag at {start}");
        if tag.starts_with('/') {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "a misnested </{name}>");
        } else {
            if !VOID_ELEMENTS.contains(&name.as_str()) {
                open.push(name.clone());
            }
            seen.push(name);
        }
        rest = &rest[end + 1..];
    }
    assert!(open.is_empty(), "unclosed: {open:?}");
    assert!(!rest.contains(['<', '>']), "markup after the last tag");
    seen
}

#[test]
fn the_page_is_a_balanced_document_in_the_served_language() {
    for language in ["en", "es"] {
        let html = render(&plan(language));

        let elements = assert_balanced(&html);

        assert!(html.contains(&format!("<html lang=\"{language}\">")));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.contains("<meta name=\"viewport\""));
        for element in [
            "title", "h1", "h2", "h3", "table", "caption", "th", "ul", "p", "style", "time",
        ] {
            assert!(
                elements.iter().any(|seen| seen == element),
                "no <{element}> in {language}"
            );
        }
        assert_eq!(elements.iter().filter(|seen| *seen == "h1").count(), 1);
        // The provider-first statement is the first thing after the page heading.
        let main = &elements[elements.iter().position(|seen| seen == "main").expect("a <main>")..];
        assert_eq!(main[..3], ["main", "h1", "p"], "in {language}");
    }
}

#[test]
fn the_page_loads_nothing_from_anywhere_and_runs_nothing() {
    let html = render(&plan("en")).to_lowercase();

    for forbidden in [
        "<script",
        "http://",
        "https://",
        "src=",
        "@import",
        "url(",
        "<link",
        "<img",
        "@font-face",
    ] {
        assert!(!html.contains(forbidden), "found {forbidden}");
    }
    assert!(html.contains("@media print"));
}

#[test]
fn every_text_of_the_plan_is_escaped() {
    let mut plan = plan("en");
    let hostile = "<b>&\"'</b>";
    plan.phases[0].name = hostile.to_owned();
    plan.rules[0].text = hostile.to_owned();
    plan.milestones[0].text = hostile.to_owned();
    plan.routine.steps[0].text = hostile.to_owned();
    plan.provider_first = hostile.to_owned();
    let warning = plan.rules.iter_mut().find(|rule| rule.kind == RuleKind::Warning);
    warning.expect("a warning rule").text = hostile.to_owned();
    plan.timezone = hostile.to_owned();

    let html = render(&plan);

    assert_balanced(&html);
    assert!(!html.contains("<b>"));
    assert_eq!(html.matches("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;").count(), 7);
    assert!(html.contains("<p class=\"first\">&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>"));
}

#[test]
fn escape_replaces_the_five_special_characters() {
    assert_eq!(escape("a<b>&\"'c"), "a&lt;b&gt;&amp;&quot;&#39;c");
    assert_eq!(escape("día ñ"), "día ñ");
}

#[test]
fn the_timeline_shows_local_times_in_the_patient_zone() {
    let plan = plan("en");
    let labels = labels(&plan);

    let html = render(&plan);

    assert!(html.contains(&format!(
        "<caption>{}</caption>\n<thead>\n<tr><th scope=\"col\">{}</th>\
         <th scope=\"col\">{}</th><th scope=\"col\">{}</th><th scope=\"col\">{}</th></tr>",
        labels.timeline_caption, labels.phase, labels.from, labels.until, labels.overview
    )));
    assert!(html.contains(
        "<tr><th scope=\"row\">Fixture phase A</th>\
         <td><time datetime=\"2026-03-07T15:00:00Z\">Saturday 7 March, 10:00</time></td>\
         <td><time datetime=\"2026-03-09T03:00:00Z\">Sunday 8 March, 23:00</time></td>\
         <td>Fixture summary A.</td></tr>"
    ));
    assert!(html.contains("<tr><th scope=\"row\">Fixture phase C</th>"));
    assert!(html.contains(&format!("</time></td><td>{}</td>", labels.open_ended)));
}

#[test]
fn rules_milestones_routine_and_ingredients_carry_their_local_dates() {
    let plan = plan("en");
    let labels = labels(&plan);
    let until = |utc: &str, shown: &str, after: &str| {
        format!(
            "<span class=\"until\">{} <time datetime=\"{utc}\">{shown}</time> ({after})</span>",
            escape(&labels.until)
        )
    };
    let at_least = |utc: &str, shown: &str, after: &str| {
        format!(
            "<span class=\"until\">{} <time datetime=\"{utc}\">{shown}</time> ({after}); {}</span>",
            escape(&labels.at_least_until),
            escape(&labels.then_provider)
        )
    };

    let html = render(&plan);

    assert!(html.contains(&format!(
        "<h1>{}</h1>\n<p class=\"first\">Fixture provider first.</p>\n<dl>",
        labels.plan_title
    )));
    assert!(html.contains(&format!(
        "<li>Fixture avoid-guidance text.{}</li>",
        at_least(
            "2026-03-09T15:00:00Z",
            "Monday 9 March, 11:00",
            "fixture 48 hours after"
        )
    )));
    assert!(html.contains(&format!(
        "<li>Fixture avoid-default text.{}<span class=\"note\">Fixture clinic may change.</span></li>",
        at_least(
            "2026-03-10T15:00:00Z",
            "Tuesday 10 March, 11:00",
            "fixture 72 hours after"
        )
    )));
    assert!(html.contains(&format!(
        "<li>Fixture expect text.{}</li>",
        until(
            "2026-03-09T03:00:00Z",
            "Sunday 8 March, 23:00",
            "fixture 36 hours after"
        )
    )));
    assert!(html.contains(&format!(
        "<li>Fixture do-later text.{}<span class=\"note\">Fixture clinic may change.</span></li>",
        until(
            "2026-03-11T15:00:00Z",
            "Wednesday 11 March, 11:00",
            "fixture 4 days after"
        )
    )));
    assert!(html.contains(
        "<li>Fixture sunscreen text.<span class=\"until\">Fixture always.</span>\
         <span class=\"note\">Fixture clinic may change.</span></li>"
    ));
    assert!(html.contains(
        "<li><time datetime=\"2026-03-09T15:00:00Z\">Monday 9 March, 11:00</time>: \
         Fixture expect and avoid-guidance end.</li>"
    ));
    assert!(html.contains(
        "<li><time datetime=\"2026-03-10T15:00:00Z\">Tuesday 10 March, 11:00</time>: \
         Fixture avoid-default ends.<span class=\"note\">Fixture clinic may change.</span></li>"
    ));
    assert!(html.contains(&format!(
        "<h2>{}</h2>\n<ul>\n<li>Fixture sunscreen step.<span class=\"until\">Fixture always.</span></li>\n\
         <li>Fixture do-later step.{}</li>\n<li>Fixture tip step.{}</li>\n</ul>",
        labels.routine,
        until(
            "2026-03-11T15:00:00Z",
            "Wednesday 11 March, 11:00",
            "fixture 4 days after"
        ),
        until(
            "2026-03-08T15:00:00Z",
            "Sunday 8 March, 11:00",
            "fixture 24 hours after"
        )
    )));
    assert!(html.contains(&format!(
        "<h3>{}</h3>\n<ul>\n<li>fixture acid{}</li>\n<li>fixture scrub{}</li>",
        labels.ingredients_to_avoid,
        at_least(
            "2026-03-10T15:00:00Z",
            "Tuesday 10 March, 11:00",
            "fixture 72 hours after"
        ),
        at_least(
            "2026-03-09T15:00:00Z",
            "Monday 9 March, 11:00",
            "fixture 48 hours after"
        )
    )));
    assert!(html.contains(&format!(
        "<h3>{}</h3>\n<ul>\n<li>fixture soother</li>",
        labels.ingredients_to_look_for
    )));
    assert!(html.contains(&format!(
        "<h2>{}</h2>\n<ul>\n<li>Fixture warning text.</li>",
        labels.contact_provider
    )));
    assert!(html.contains(&format!("<p>{}: fixture-protocol 0.0.1-fixture</p>", labels.protocol)));
    // Notes are the patients' plain words, never the integrators' basis notes.
    assert!(!html.contains("Fixture clinic-default note"));
}

#[test]
fn a_minimum_is_never_shown_as_an_end_and_an_always_rule_has_no_time() {
    let plan = plan("en");
    let labels = labels(&plan);
    let ends = format!("<span class=\"until\">{} <time", escape(&labels.until));
    let minimum = format!("<span class=\"until\">{} <time", escape(&labels.at_least_until));
    let then_provider = format!("; {}</span>", escape(&labels.then_provider));

    let html = render(&plan);

    let item = |text: &str| {
        let start = html
            .find(&format!("<li>{}<span", escape(text)))
            .unwrap_or_else(|| panic!("no item for {text:?}"));
        let end = html[start..].find("</li>").expect("a closed item") + start;
        html[start..end].to_owned()
    };
    let windows = plan
        .rules
        .iter()
        .filter(|rule| rule.kind != RuleKind::Warning)
        .map(|rule| (rule.text.clone(), &rule.window))
        .chain(plan.routine.steps.iter().map(|step| (step.text.clone(), &step.window)))
        .chain(
            plan.ingredients
                .avoid
                .iter()
                .map(|class| (labels.class_name(&class.class).to_string(), &class.window)),
        );
    let mut seen = [0; 3];
    for (text, window) in windows {
        let item = item(&text);
        match window.continues {
            Continues::No => {
                seen[0] += 1;
                let end = window.ends_at.as_ref().expect("a window that ends has an end");
                assert!(item.contains(&ends), "{item}");
                assert!(item.contains(&format!("datetime=\"{}\"", utc(end))), "{item}");
                assert!(!item.contains(&minimum), "{item}");
            }
            Continues::AtLeast => {
                seen[1] += 1;
                let until = window.at_least_until.as_ref().expect("a minimum has its instant");
                assert!(item.contains(&minimum), "{item}");
                assert!(item.contains(&format!("datetime=\"{}\"", utc(until))), "{item}");
                assert!(item.contains(&then_provider), "{item}");
                assert!(!item.contains(&ends), "a minimum shown as an end: {item}");
            }
            Continues::Always => {
                seen[2] += 1;
                assert!(
                    item.contains(&format!("<span class=\"until\">{}</span>", escape(&window.text))),
                    "{item}"
                );
                assert!(!item.contains("<time"), "a time on a rule that always applies: {item}");
            }
        }
    }
    assert!(seen.iter().all(|count| *count > 0), "{seen:?}");
}

fn utc(point: &crate::protocol::TimePoint) -> String {
    point.utc.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

#[test]
fn rules_are_grouped_by_kind_in_a_fixed_order() {
    let plan = plan("en");
    let labels = labels(&plan);

    let html = render(&plan);

    let position = |text: &str| html.find(text).unwrap_or_else(|| panic!("no {text:?}"));
    let headings = [&labels.r#do, &labels.avoid, &labels.tips, &labels.what_to_expect]
        .map(|heading| position(&format!("<h2>{heading}</h2>")));
    assert!(headings.is_sorted(), "{headings:?}");
    let texts = [
        "<li>Fixture do-later text.",
        "<li>Fixture avoid-guidance text.",
        "<li>Fixture tip text.",
        "<li>Fixture expect text.",
    ]
    .map(position);
    for (heading, text) in headings.iter().zip(texts) {
        assert!(*heading < text, "a rule before its heading");
    }
    assert!(texts[0] < headings[1] && texts[1] < headings[2] && texts[2] < headings[3]);
}

#[test]
fn the_spanish_page_uses_spanish_labels_and_texts() {
    let plan = plan("es");
    let labels = labels(&plan);

    let html = render(&plan);
    // Days people can count to, in Spanish: the avoid-default minimum, 72 hours after treatment.
    assert!(
        html.contains(
            "<time datetime=\"2026-03-10T15:00:00Z\">martes, 10 de marzo, 11:00</time> (prueba 72 horas después)"
        ),
        "{html}"
    );

    assert!(html.contains(&format!("<title>{}</title>", labels.plan_title)));
    assert!(html.contains(&format!("<h2>{}</h2>", labels.avoid)));
    assert!(html.contains(&format!(
        "<li>Texto de prueba: evitar (clínica).<span class=\"until\">{} <time ",
        escape(&labels.at_least_until)
    )));
    assert!(html.contains(&format!(
        "</time> (prueba 72 horas después); {}</span><span class=\"note\">Prueba: la clínica puede cambiarlo.</span></li>",
        escape(&labels.then_provider)
    )));
    assert!(html.contains(&format!(
        "<li>Texto de prueba: esperar.<span class=\"until\">{} <time ",
        escape(&labels.until)
    )));
    assert!(html.contains("<p class=\"first\">Prueba: especialista primero.</p>"));
    assert!(html.contains("<tr><th scope=\"row\">Fase de prueba A</th>"));
}

#[test]
fn the_output_is_deterministic() {
    assert_eq!(render(&plan("es")), render(&plan("es")));
}

proptest::proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn escaping_matches_the_character_by_character_definition(text in "(\\PC|[&<>\"']|ñ|😀){0,80}") {
        let expected: String = text
            .chars()
            .map(|character| match character {
                '&' => "&amp;".to_owned(),
                '<' => "&lt;".to_owned(),
                '>' => "&gt;".to_owned(),
                '"' => "&quot;".to_owned(),
                '\'' => "&#39;".to_owned(),
                other => other.to_string(),
            })
            .collect();
        proptest::prop_assert_eq!(escape(&text), expected);
    }
}

proptest::proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn local_times_are_shown_as_chrono_formats_them(seconds in 946_684_800i64..4_118_000_000, nanos in 0u32..1_000_000_000, offset_minutes in -14 * 60i32..=14 * 60) {
        let offset = chrono::FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let instant = chrono::DateTime::from_timestamp(seconds, nanos).unwrap();
        let local = instant.with_timezone(&offset).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
        let parsed = chrono::DateTime::parse_from_rfc3339(&local).unwrap();
        let expected = (parsed.format("%Y-%m-%d").to_string(), parsed.format("%H:%M").to_string(), parsed.format("%:z").to_string());
        let (date, clock, offset) = local_parts(&local).unwrap();
        proptest::prop_assert_eq!((date.to_owned(), clock.to_owned(), offset.to_owned()), expected);
    }

    #[test]
    fn splitting_never_panics_on_arbitrary_text(text in "\\PC{0,40}") {
        let _ = local_parts(&text);
    }
}

#[test]
fn odd_shapes_are_left_as_they_are() {
    for odd in [
        "2026-03-08T11:00:00Z",
        "2026-03-08 11:00:00+01:00",
        "",
        "2026-03-08T11:00:00+0100",
        "ñ026-03-08T11:00:00+01:00",
    ] {
        assert_eq!(local_parts(odd), None, "{odd}");
    }
}
