use super::{escape, local_parts, render};
use crate::formats::test_plans::{labels, plan};

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
            "title", "h1", "h2", "h3", "table", "caption", "th", "ul", "ol", "style", "time",
        ] {
            assert!(
                elements.iter().any(|seen| seen == element),
                "no <{element}> in {language}"
            );
        }
        assert_eq!(elements.iter().filter(|seen| *seen == "h1").count(), 1);
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
    plan.routine.morning[0].text = hostile.to_owned();
    plan.contact_provider[0] = hostile.to_owned();
    plan.timezone = hostile.to_owned();

    let html = render(&plan);

    assert_balanced(&html);
    assert!(!html.contains("<b>"));
    assert_eq!(html.matches("&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;").count(), 6);
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
         <td><time datetime=\"2026-03-07T15:00:00Z\"><span>2026-03-07</span> <span>10:00 (UTC-05:00)</span></time></td>\
         <td><time datetime=\"2026-03-09T03:00:00Z\"><span>2026-03-08</span> <span>23:00 (UTC-04:00)</span></time></td>\
         <td>Fixture summary A.</td></tr>"
    ));
    assert!(html.contains("<tr><th scope=\"row\">Fixture phase C</th>"));
    assert!(html.contains(&format!("</time></td><td>{}</td>", labels.open_ended)));
}

#[test]
fn rules_milestones_routine_and_ingredients_carry_their_local_dates() {
    let plan = plan("en");
    let labels = labels(&plan);
    let until = |utc: &str, date: &str, clock: &str| {
        format!(
            "<span class=\"until\">{} <time datetime=\"{utc}\"><span>{date}</span> <span>{clock}</span></time></span>",
            labels.until
        )
    };

    let html = render(&plan);

    assert!(html.contains(&format!("<h1>{}</h1>", labels.plan_title)));
    assert!(html.contains(&format!(
        "<li>Fixture avoid-default text.{}<span class=\"note\">Fixture clinic-default note (avoid).</span></li>",
        until("2026-03-10T15:00:00Z", "2026-03-10", "11:00 (UTC-04:00)")
    )));
    assert!(html.contains(&format!(
        "<li>Fixture expect text.{}</li>",
        until("2026-03-09T03:00:00Z", "2026-03-08", "23:00 (UTC-04:00)")
    )));
    assert!(html.contains(
        "<li><time datetime=\"2026-03-09T15:00:00Z\"><span>2026-03-09</span> <span>11:00 (UTC-04:00)</span></time>: \
         Fixture expect and avoid-guidance end.</li>"
    ));
    assert!(html.contains(&format!(
        "<h3>{}</h3>\n<ol>\n<li>Fixture morning sunscreen step.{}</li>",
        labels.morning,
        until("2026-03-11T15:00:00Z", "2026-03-11", "11:00 (UTC-04:00)")
    )));
    assert!(html.contains(&format!(
        "<h3>{}</h3>\n<ul>\n<li>fixture acid{}</li>\n<li>fixture scrub{}</li>",
        labels.ingredients_to_avoid,
        until("2026-03-10T15:00:00Z", "2026-03-10", "11:00 (UTC-04:00)"),
        until("2026-03-09T15:00:00Z", "2026-03-09", "11:00 (UTC-04:00)")
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

    assert!(html.contains(&format!("<title>{}</title>", labels.plan_title)));
    assert!(html.contains(&format!("<h2>{}</h2>", labels.avoid)));
    assert!(html.contains(&format!(
        "<li>Texto de prueba: evitar (clínica).<span class=\"until\">{} ",
        labels.until
    )));
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
