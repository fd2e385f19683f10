//! The wording test of the shipped content (issue 14): every patient-facing string, in every
//! language and every representation (the JSON plan, the phase lookup at instants across and
//! after the plan, the phase list, the handout, the calendar, the FHIR CarePlan and the
//! ingredient reasons), with and without a clinic override, read for what the guidance forbids:
//! a minimum worded as an end ("ends", "may resume"), a clinic default without its label, the
//! formal *usted* in Spanish, a statement without its basis, and a plan that does not put the
//! provider's instructions first.

use serde_json::Value;

use crate::helpers::{TestApp, spawn_app};

const TREATED_AT: &str = "2026-03-07T10:00:00-05:00";
const LANGUAGES: [&str; 2] = ["en", "es"];

/// Words that say a rule is over, by language (matched lower-case, inside patient texts).
fn end_words(language: &str) -> &'static [&'static str] {
    match language {
        "es" => &[
            "termina",
            "finaliza",
            "ya puedes",
            "puedes volver a",
            "es seguro",
            "ya no necesitas",
            "ya no hace falta",
        ],
        _ => &[
            "ends",
            "ended",
            " end.",
            "may resume",
            "can resume",
            "you may now",
            "now safe",
            "safe again",
            "is over",
            "no longer need",
        ],
    }
}

/// Formal (*usted*) forms; the content addresses the patient with *tú*.
const USTED: [&str; 16] = [
    "usted",
    "consulte",
    "utilice",
    "aplique ",
    "evite ",
    "siga ",
    "lave ",
    "póngase",
    "contacte",
    "le recomendamos",
    " su piel",
    " su especialista",
    " su profesional",
    " su médico",
    " sus indicaciones",
    " su tratamiento",
];

/// Keys of the JSON answers whose strings patients read; `basis_note` is for integrators.
const PATIENT_KEYS: [&str; 9] = [
    "text",
    "rationale",
    "summary",
    "name",
    "what_to_expect",
    "provider_first",
    "patient_note",
    "contact_provider",
    "reason",
];

fn query(language: &str, extra: &str) -> String {
    format!(
        "treated_at={}&timezone=America/New_York&locale={language}{extra}",
        TREATED_AT.replace('+', "%2B")
    )
}

async fn text(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("a text body")
}

async fn json(app: &TestApp, path: &str) -> Value {
    serde_json::from_str(&text(app, path).await).expect("a JSON body")
}

/// Every string under a patient key, anywhere in `value`.
fn patient_strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                if PATIENT_KEYS.contains(&key.as_str()) {
                    strings(item, out);
                } else {
                    patient_strings(item, out);
                }
            }
        }
        Value::Array(items) => items.iter().for_each(|item| patient_strings(item, out)),
        _ => {}
    }
}

fn strings(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::String(text) => out.push(text.clone()),
        Value::Array(items) => items.iter().for_each(|item| strings(item, out)),
        Value::Object(map) => map.values().for_each(|item| strings(item, out)),
        _ => {}
    }
}

/// The text of an HTML page without its tags, entities decoded.
fn page_text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push('\n');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&#39;", "'").replace("&quot;", "\"").replace("&amp;", "&")
}

/// The SUMMARY and DESCRIPTION values of a calendar, unfolded and unescaped.
fn calendar_texts(ics: &str) -> Vec<String> {
    let unfolded = ics.replace("\r\n ", "");
    unfolded
        .lines()
        .filter_map(|line| {
            ["SUMMARY:", "DESCRIPTION:", "X-WR-CALDESC:"]
                .iter()
                .find_map(|name| line.strip_prefix(name))
        })
        .map(|value| value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";"))
        .collect()
}

/// Every representation's patient texts, for one language and one extra query.
async fn every_text(app: &TestApp, language: &str, extra: &str) -> Vec<(String, String)> {
    let q = query(language, extra);
    let mut texts: Vec<(String, String)> = Vec::new();
    let mut add = |source: &str, items: Vec<String>| {
        texts.extend(items.into_iter().map(|item| (source.to_owned(), item)));
    };
    let mut found = Vec::new();
    patient_strings(&json(app, &format!("/v1/aftercare-plan?{q}")).await, &mut found);
    add("plan", std::mem::take(&mut found));
    for at in [
        "2026-03-07T18:00:00Z",
        "2026-03-09T12:00:00Z",
        "2026-03-12T12:00:00Z",
        "2026-04-20T12:00:00Z",
        "2027-06-01T12:00:00Z",
    ] {
        patient_strings(&json(app, &format!("/v1/phases/current?{q}&at={at}")).await, &mut found);
        add("lookup", std::mem::take(&mut found));
    }
    patient_strings(&json(app, &format!("/v1/phases?locale={language}")).await, &mut found);
    add("phases", std::mem::take(&mut found));
    patient_strings(
        &json(app, &format!("/v1/ingredients?locale={language}")).await,
        &mut found,
    );
    add("ingredients", std::mem::take(&mut found));
    add(
        "handout",
        vec![page_text(
            &text(app, &format!("/v1/aftercare-plan?{q}&format=html")).await,
        )],
    );
    add(
        "calendar",
        calendar_texts(&text(app, &format!("/v1/aftercare-plan?{q}&format=ics")).await),
    );
    let fhir = json(app, &format!("/v1/aftercare-plan?{q}&format=fhir")).await;
    strings(&fhir["description"], &mut found);
    for activity in fhir["activity"].as_array().expect("activities") {
        strings(&activity["detail"]["code"]["text"], &mut found);
    }
    add("fhir", std::mem::take(&mut found));
    texts
}

/// True when `word` occurs in `text` as whole words: not inside a longer word ("ends" is not
/// in "recommends").
fn has_word(text: &str, word: &str) -> bool {
    let letter = |c: Option<char>| c.is_some_and(char::is_alphabetic);
    text.match_indices(word).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + word.len()..].chars().next();
        let starts = !word.starts_with(char::is_alphabetic) || !letter(before);
        let ends = !word.ends_with(char::is_alphabetic) || !letter(after);
        starts && ends
    })
}

/// The line of `text` around `word`, for a failure message.
fn around<'a>(text: &'a str, word: &str) -> &'a str {
    text.lines().find(|line| line.contains(word)).unwrap_or(text)
}

#[test]
fn words_are_matched_whole() {
    assert!(has_word("the period ends.", "ends"));
    assert!(!has_word("your provider recommends", "ends"));
    assert!(has_word("consulte a su médico", " su médico"));
    assert!(!has_word("evites la luz", "evite "));
}

#[tokio::test]
async fn no_patient_text_words_a_minimum_as_an_end_or_uses_usted() {
    let app = spawn_app().await;
    for language in LANGUAGES {
        for extra in [""] {
            let texts = every_text(&app, language, extra).await;
            assert!(texts.len() > 100, "{language}: only {} texts read", texts.len());
            for (source, text) in &texts {
                let lower = text.to_lowercase();
                for word in end_words(language) {
                    assert!(
                        !has_word(&lower, word),
                        "{language} {source}: {word:?} in {:?}",
                        around(&lower, word)
                    );
                }
                if language == "es" {
                    for word in USTED {
                        assert!(
                            !has_word(&lower, word),
                            "es {source}: usted form {word:?} in {:?}",
                            around(&lower, word)
                        );
                    }
                }
            }
        }
    }
}

#[tokio::test]
async fn every_statement_has_its_basis_and_every_default_its_label_for_patients() {
    let app = spawn_app().await;
    for language in LANGUAGES {
        let plan = json(&app, &format!("/v1/aftercare-plan?{}", query(language, ""))).await;
        let phases = json(&app, &format!("/v1/phases?locale={language}")).await;
        let lookup = json(
            &app,
            &format!("/v1/phases/current?{}&at=2026-03-07T18:00:00Z", query(language, "")),
        )
        .await;
        let mut entries = Vec::new();
        for list in [
            &plan["phases"],
            &plan["rules"],
            &plan["milestones"],
            &phases,
            &lookup["rules_in_force"],
        ] {
            entries.extend(list.as_array().expect("a list").iter());
        }
        entries.extend(
            phases
                .as_array()
                .expect("phases")
                .iter()
                .flat_map(|p| p["rules"].as_array().expect("rules")),
        );
        assert!(entries.len() > 40, "{language}");
        for entry in entries {
            let basis = entry["basis"].as_str().unwrap_or_else(|| panic!("no basis on {entry}"));
            let note = &entry["patient_note"];
            match basis {
                "clinic-default" => {
                    assert!(note.is_string(), "{language}: unlabelled default {}", entry["id"]);
                    assert!(entry["basis_note"].is_string(), "{language}: {}", entry["id"]);
                }
                "guidance" => assert!(note.is_null(), "{language}: {}", entry["id"]),
                other => panic!("unknown basis {other}"),
            }
        }
        // The handout shows each clinic default's plain-words label next to it, never the
        // integrators' note.
        let page = text(&app, &format!("/v1/aftercare-plan?{}&format=html", query(language, ""))).await;
        for rule in plan["rules"].as_array().expect("rules") {
            if rule["kind"] == "warning" || rule["basis"] != "clinic-default" {
                continue;
            }
            let item = page
                .split("<li>")
                .find(|item| item.starts_with(&html_escape(rule["text"].as_str().expect("text"))))
                .unwrap_or_else(|| panic!("{language}: {} not in the handout", rule["id"]));
            let label = html_escape(rule["patient_note"].as_str().expect("a label"));
            assert!(
                item.contains(&label),
                "{language}: {} shown without its label",
                rule["id"]
            );
            let technical = html_escape(rule["basis_note"].as_str().expect("a note"));
            assert!(
                !page.contains(&technical),
                "{language}: {} shows its technical note",
                rule["id"]
            );
        }
    }
}

fn html_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[tokio::test]
async fn the_provider_comes_first_in_every_representation() {
    let app = spawn_app().await;
    for language in LANGUAGES {
        let q = query(language, "");
        let raw = text(&app, &format!("/v1/aftercare-plan?{q}")).await;
        let plan: Value = serde_json::from_str(&raw).expect("JSON");
        let first = plan["provider_first"].as_str().expect("a provider-first statement");
        assert!(
            raw.starts_with("{\"provider_first\":"),
            "{language}: not the plan's first field"
        );
        assert!(first.contains(if language == "es" { "especialista" } else { "provider" }));
        let page = text(&app, &format!("/v1/aftercare-plan?{q}&format=html")).await;
        let after_title = page.split("</h1>").nth(1).expect("a title");
        assert!(
            after_title
                .trim_start()
                .starts_with(&format!("<p class=\"first\">{}</p>", html_escape(first))),
            "{language}"
        );
        let calendar = calendar_texts(&text(&app, &format!("/v1/aftercare-plan?{q}&format=ics")).await);
        assert_eq!(
            calendar.first().map(String::as_str),
            Some(first),
            "{language}: the calendar's first text"
        );
        let fhir = json(&app, &format!("/v1/aftercare-plan?{q}&format=fhir")).await;
        assert!(
            fhir["description"].as_str().is_some_and(|d| d.starts_with(first)),
            "{language}"
        );
    }
}

#[tokio::test]
async fn sun_protection_and_the_provider_outlast_the_plan() {
    let app = spawn_app().await;
    let lookup = json(
        &app,
        &format!("/v1/phases/current?{}&at=2027-06-01T12:00:00Z", query("en", "")),
    )
    .await;
    let in_force: Vec<&str> = lookup["rules_in_force"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("id"))
        .collect();
    for id in [
        "do-daily-sunscreen",
        "do-protective-clothing",
        "do-follow-provider-directions",
        "warning-contact-provider",
    ] {
        assert!(
            in_force.contains(&id),
            "{id} is not in force after week 8: {in_force:?}"
        );
    }
    let past: Vec<&str> = lookup["rules_past_minimum"]
        .as_array()
        .expect("rules")
        .iter()
        .map(|rule| rule["id"].as_str().expect("id"))
        .collect();
    assert!(past.contains(&"avoid-direct-sun"), "{past:?}");
    let ics = text(&app, &format!("/v1/aftercare-plan?{}&format=ics", query("en", ""))).await;
    let sunscreen = ics
        .split("BEGIN:VEVENT")
        .find(|event| event.contains("RRULE"))
        .expect("a reminder");
    assert!(
        sunscreen.contains("RRULE:FREQ=DAILY\r\n"),
        "the reminder must not stop: {sunscreen}"
    );
}

#[tokio::test]
async fn an_override_rewrites_every_text_that_states_the_time() {
    let app = spawn_app().await;
    let body = serde_json::json!({
        "treated_at": TREATED_AT, "timezone": "America/New_York", "locale": "en",
        "overrides": {"avoid-direct-sun": "P7D"},
    });
    let response = app.post_json("/v1/aftercare-plan", &body).await;
    assert_eq!(response.status(), 200);
    let plan: Value = response.json().await.expect("JSON");
    let sun = plan["rules"]
        .as_array()
        .expect("rules")
        .iter()
        .find(|r| r["id"] == "avoid-direct-sun")
        .expect("rule");
    assert_eq!(
        sun["window"]["text"],
        "For at least 7 days after your treatment, then follow your provider's instructions."
    );
    assert_eq!(sun["window"]["at_least_until"]["utc"], "2026-03-14T15:00:00Z");
    let mut texts = Vec::new();
    patient_strings(&plan, &mut texts);
    for text in texts.iter().filter(|text| !text.starts_with("The guidance says")) {
        assert!(
            !text.contains("three days") && !text.contains("72 hours") || !text.to_lowercase().contains("sun"),
            "stale: {text:?}"
        );
    }
    let milestone = plan["milestones"]
        .as_array()
        .expect("milestones")
        .iter()
        .find(|m| m["id"] == "direct-sun-minimum-reached")
        .expect("milestone");
    assert_eq!(milestone["at"], sun["window"]["at_least_until"]);
}
