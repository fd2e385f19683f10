//! The plan formats (iCalendar, FHIR, HTML) on the fixture content (`tests/fixtures/`): what each
//! renders follows from the fixture's phases, rules, milestones and labels.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, problem_of, spawn_fixture_app};

const QUERY: &str = "treated_at=2026-03-07T10:00:00-05:00&timezone=America/New_York";

async fn plan(app: &TestApp, extra: &str, accept: Option<&str>) -> reqwest::Response {
    let mut request = app.request(Method::GET, &format!("/v1/aftercare-plan?{QUERY}{extra}"));
    if let Some(accept) = accept {
        request = request.header("Accept", accept);
    }
    request.send().await.unwrap()
}

fn uids(calendar: &str) -> Vec<&str> {
    calendar.lines().filter_map(|line| line.strip_prefix("UID:")).collect()
}

#[tokio::test]
async fn the_calendar_feed_is_subscribable_with_query_parameters_alone() {
    let app = spawn_fixture_app().await;
    let response = plan(&app, "&format=ics", None).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/calendar; charset=utf-8");
    assert_eq!(
        response.headers()["content-disposition"],
        "inline; filename=aftercare.ics"
    );
    let first = response.text().await.unwrap();
    assert!(first.starts_with("BEGIN:VCALENDAR\r\n") && first.ends_with("END:VCALENDAR\r\n"));
    assert!(first.contains("\r\nMETHOD:PUBLISH\r\n"));
    // The provider-first statement is the calendar's own description, before any event.
    let head = &first[..first.find("BEGIN:VEVENT").unwrap()];
    assert!(head.contains("\r\nDESCRIPTION:Fixture provider first.\r\n"));
    assert!(head.contains("\r\nX-WR-CALDESC:Fixture provider first.\r\n"));
    // Sunscreen never expires: the daily reminder recurs with no UNTIL (nor COUNT).
    assert!(first.contains("\r\nRRULE:FREQ=DAILY\r\n"));
    assert!(!first.contains("UNTIL=") && !first.contains("COUNT="));
    assert!(first.split("\r\n").all(|line| line.len() <= 75));
    let again = plan(&app, "&format=ics", None).await.text().await.unwrap();
    assert_eq!(uids(&first), uids(&again), "UIDs must not change between polls");
    assert!(!uids(&first).is_empty());
}

#[tokio::test]
async fn accept_chooses_the_representation_and_format_overrides_it() {
    let app = spawn_fixture_app().await;
    let cases = [
        (None, "", "application/json"),
        (Some("text/calendar"), "", "text/calendar; charset=utf-8"),
        (Some("application/fhir+json"), "", "application/fhir+json"),
        (
            Some("text/html,application/xhtml+xml;q=0.9,*/*;q=0.8"),
            "",
            "text/html; charset=utf-8",
        ),
        (Some("text/calendar"), "&format=json", "application/json"),
    ];
    for (accept, extra, expected) in cases {
        let response = plan(&app, extra, accept).await;
        assert_eq!(response.status(), 200, "{accept:?}");
        assert_eq!(response.headers()["content-type"], expected, "{accept:?} {extra}");
        assert_eq!(response.headers()["vary"], "Accept, Accept-Language");
    }
}

#[tokio::test]
async fn an_unproducible_accept_is_a_406_problem() {
    let app = spawn_fixture_app().await;
    let response = plan(&app, "", Some("application/xml")).await;
    assert_eq!(response.status(), 406);
    assert_eq!(problem_of(response).await["errors"][0]["header"], "Accept");
}

#[tokio::test]
async fn the_fhir_care_plan_references_the_patient_when_given() {
    let app = spawn_fixture_app().await;
    let with: Value = plan(&app, "&format=fhir&patient_reference=Patient/123", None)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(with["resourceType"], "CarePlan");
    assert_eq!(
        (with["status"].as_str(), with["intent"].as_str()),
        (Some("active"), Some("plan"))
    );
    assert_eq!(with["subject"], json!({"reference": "Patient/123"}));
    // The plan has no end: sunscreen and the provider's instructions never expire.
    assert_eq!(with["period"], json!({"start": "2026-03-07T15:00:00Z"}));
    assert_eq!(with["title"], "Fixture plan title");
    let description = with["description"].as_str().unwrap();
    assert!(
        description.starts_with("Fixture provider first. "),
        "the description opens with the provider-first statement: {description:?}"
    );
    // One activity per rule, in the protocol's order; avoid rules are "do not perform". Only a
    // window that ends has an `end`: a minimum is not an end, and a rule that always applies has
    // none.
    let activities: Vec<(&str, Option<&str>, bool)> = with["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|activity| {
            let detail = &activity["detail"];
            (
                activity["id"].as_str().unwrap(),
                detail["scheduledPeriod"].get("end").map(|end| end.as_str().unwrap()),
                detail["doNotPerform"] == true,
            )
        })
        .collect();
    let expected = [
        ("fixture-expect", Some("2026-03-09T03:00:00Z"), false),
        ("fixture-avoid-guidance", None, true),
        ("fixture-avoid-default", None, true),
        ("fixture-do-later", Some("2026-03-11T15:00:00Z"), false),
        ("do-daily-sunscreen", None, false),
        ("fixture-tip", Some("2026-03-08T15:00:00Z"), false),
        ("fixture-warning", Some("2026-03-11T15:00:00Z"), false),
    ];
    assert_eq!(activities, expected);
    // Without an end, how long a rule holds is in its description: the minimum, then the
    // provider's instructions; or that it always applies.
    for (index, window) in [
        (1, "Fixture at least 48 hours, then provider."),
        (2, "Fixture at least 72 hours, then provider."),
        (4, "Fixture always."),
    ] {
        let detail = &with["activity"][index]["detail"];
        assert_eq!(detail["scheduledPeriod"]["start"], "2026-03-07T15:00:00Z");
        let description = detail["description"].as_str().unwrap();
        assert!(description.contains(window), "{index}: {description:?}");
    }
    assert_eq!(
        with["activity"][3]["detail"]["scheduledPeriod"]["start"],
        "2026-03-08T03:00:00Z"
    );
    let without: Value = plan(&app, "&format=fhir&locale=es", None).await.json().await.unwrap();
    assert!(without["subject"]["reference"].is_null());
    assert_eq!(without["subject"]["display"], "Prueba patient");
    assert!(
        without["description"]
            .as_str()
            .unwrap()
            .starts_with("Prueba: especialista primero. ")
    );
}

#[tokio::test]
async fn a_malformed_patient_reference_is_a_422_that_does_not_echo_it() {
    let app = spawn_fixture_app().await;
    let response = plan(&app, "&format=fhir&patient_reference=Mrs%20Secret%20Smith", None).await;
    assert_eq!(response.status(), 422);
    let problem = problem_of(response).await;
    assert_eq!(problem["errors"][0]["parameter"], "patient_reference");
    assert!(!problem.to_string().contains("Secret"));
}

#[tokio::test]
async fn the_handout_is_a_self_contained_page_in_the_served_language() {
    let app = spawn_fixture_app().await;
    let response = plan(&app, "&format=html&locale=es", None).await;
    assert_eq!(response.headers()["content-type"], "text/html; charset=utf-8");
    assert!(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'none'")
    );
    let html = response.text().await.unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains(r#"<html lang="es">"#));
    for forbidden in ["<script", "http://", "https://", "src=", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden}");
    }
    assert!(html.contains("<table") && html.contains("@media print"));
    // The provider-first statement comes first: the page's first paragraph, right after the title.
    let first = r#"<p class="first">Prueba: especialista primero.</p>"#;
    assert!(html.contains(&format!("<h1>Prueba plan title</h1>\n{first}")));
    assert_eq!(html.find("<p"), html.find(first));
    for text in [
        "Prueba plan title",
        "Fase de prueba A",
        "Fase de prueba C",
        "Texto de prueba: evitar (clínica).",
        "Momento de prueba.",
        "Paso de prueba: protector solar.",
        "Prueba acid",
        "Prueba soother",
    ] {
        assert!(html.contains(text), "the handout lacks {text:?}");
    }
    assert!(!html.contains("Fixture"), "an English text in the Spanish handout");
    // A minimum stays a minimum: "at least until", then the provider's instructions, never an end.
    let avoid_default = r#"<time datetime="2026-03-10T15:00:00Z">"#;
    assert!(html.contains(&format!(
        "Texto de prueba: evitar (clínica).<span class=\"until\">Prueba al menos hasta {avoid_default}"
    )));
    assert!(html.contains("; prueba después especialista</span>"));
    assert!(!html.contains(&format!("Prueba until {avoid_default}")));
    // The routine is one list of every day's steps, in order; sunscreen has no end.
    let routine = html.split("<h2>Prueba routine</h2>").nth(1).unwrap();
    let routine = &routine[..routine.find("</section>").unwrap()];
    assert_eq!(routine.matches("<ul>").count(), 1);
    let steps: Vec<usize> = [
        r#"Paso de prueba: protector solar.<span class="until">Prueba siempre.</span>"#,
        "Paso de prueba: hacer más tarde.",
        "Paso de prueba: consejo.",
    ]
    .iter()
    .map(|step| {
        routine
            .find(step)
            .unwrap_or_else(|| panic!("the routine lacks {step:?}"))
    })
    .collect();
    assert!(steps.is_sorted(), "the routine's steps are out of order");
}

#[tokio::test]
async fn a_post_with_overrides_renders_every_format_with_its_own_uids() {
    let app = spawn_fixture_app().await;
    let body = json!({"treated_at": "2026-03-07T10:00:00-05:00", "overrides": {"fixture-avoid-default": "P26W"}});
    let with = app.post_json("/v1/aftercare-plan?format=ics", &body).await;
    assert_eq!(with.status(), 200);
    let with = with.text().await.unwrap();
    let plain = json!({"treated_at": "2026-03-07T10:00:00-05:00"});
    let without = app.post_json("/v1/aftercare-plan?format=ics", &plain).await;
    let without = without.text().await.unwrap();
    assert_ne!(uids(&with), uids(&without));
    let fhir = app
        .request(Method::POST, "/v1/aftercare-plan")
        .header("Accept", "application/fhir+json")
        .json(&json!({"treated_at": "2026-03-07T10:00:00-05:00", "patient_reference": "Patient/p-1"}))
        .send()
        .await
        .unwrap();
    let fhir: Value = fhir.json().await.unwrap();
    assert_eq!(fhir["subject"]["reference"], "Patient/p-1");
}

#[tokio::test]
async fn the_calendar_parses_back_with_the_icalendar_crate() {
    let app = spawn_fixture_app().await;
    let text = plan(&app, "&format=ics&locale=es", None).await.text().await.unwrap();
    let unfolded = icalendar::parser::unfold(&text);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("a valid iCalendar document");
    let prop = |component: &icalendar::parser::Component<'_>, name: &str| {
        component.find_prop(name).map(|p| p.val.as_str().to_owned())
    };
    let calendar_prop = |name: &str| {
        calendar
            .properties
            .iter()
            .find(|p| p.name.as_str() == name)
            .map(|p| p.val.as_str().to_owned())
    };
    assert_eq!(calendar_prop("METHOD").as_deref(), Some("PUBLISH"));
    assert_eq!(calendar_prop("VERSION").as_deref(), Some("2.0"));
    assert_eq!(calendar_prop("X-WR-CALNAME").as_deref(), Some("Prueba calendar name"));
    let provider_first = "Prueba: especialista primero.";
    assert_eq!(calendar_prop("DESCRIPTION").as_deref(), Some(provider_first));
    assert_eq!(calendar_prop("X-WR-CALDESC").as_deref(), Some(provider_first));
    let events: Vec<_> = calendar
        .components
        .iter()
        .filter(|c| c.name.as_str() == "VEVENT")
        .collect();
    // First the contact event at the treatment; then one event per phase (until the next
    // boundary), one per milestone in time order, one per avoid rule (to its minimum) and the
    // daily sunscreen reminder, which has no end (`do-daily-sunscreen` always applies).
    let summaries: Vec<(String, String)> = events
        .iter()
        .map(|event| (prop(event, "DTSTART").unwrap(), prop(event, "SUMMARY").unwrap()))
        .collect();
    let event = |start: &str, summary: &str| (start.to_owned(), summary.to_owned());
    assert_eq!(
        summaries,
        [
            event("20260307T150000Z", "Prueba contact provider"),
            event("20260307T150000Z", "Fase de prueba A"),
            event("20260309T030000Z", "Fase de prueba B"),
            event("20260311T150000Z", "Fase de prueba C"),
            event("20260309T150000Z", "Terminan las pruebas de esperar y evitar (guía)."),
            event("20260310T150000Z", "Termina la prueba de evitar (clínica)."),
            event("20260311T030000Z", "Momento de prueba."),
            event("20260307T150000Z", "Texto de prueba: evitar (guía)."),
            event("20260307T150000Z", "Texto de prueba: evitar (clínica)."),
            event("20260307T150000Z", "Prueba daily sunscreen"),
        ]
    );
    let contact = prop(events[0], "DESCRIPTION").unwrap();
    assert!(contact.starts_with(provider_first), "{contact:?}");
    assert!(contact.contains("Texto de prueba: aviso."), "{contact:?}");
    assert_eq!(prop(events[2], "DTEND").as_deref(), Some("20260311T150000Z"));
    // An avoid rule's event runs to its minimum, and says the provider decides after it.
    for (event, minimum, window) in [
        (
            events[7],
            "20260309T150000Z",
            "Prueba al menos 48 horas, después especialista.",
        ),
        (
            events[8],
            "20260310T150000Z",
            "Prueba al menos 72 horas, después especialista.",
        ),
    ] {
        assert_eq!(prop(event, "DTEND").as_deref(), Some(minimum));
        let description = prop(event, "DESCRIPTION").unwrap();
        assert!(description.contains(window), "{description:?}");
    }
    let milestones = 3;
    let recurring: Vec<_> = events.iter().filter(|e| e.find_prop("RRULE").is_some()).collect();
    assert_eq!(recurring.len(), 1);
    assert_eq!(prop(recurring[0], "RRULE").as_deref(), Some("FREQ=DAILY"));
    assert_eq!(prop(recurring[0], "SUMMARY").as_deref(), Some("Prueba daily sunscreen"));
    for event in &events {
        assert!(prop(event, "DTSTART").unwrap().ends_with('Z'), "times are UTC");
        assert!(prop(event, "UID").unwrap().ends_with("@aftercare"));
        for alarm in event.components.iter().filter(|c| c.name.as_str() == "VALARM") {
            assert_eq!(prop(alarm, "ACTION").as_deref(), Some("DISPLAY"));
        }
    }
    let alarms = events
        .iter()
        .filter(|e| e.components.iter().any(|c| c.name.as_str() == "VALARM"))
        .count();
    assert_eq!(
        alarms,
        milestones + 1,
        "every milestone and the daily reminder have an alarm"
    );
}

#[tokio::test]
async fn an_explicit_format_is_served_whatever_accept_says() {
    let app = spawn_fixture_app().await;
    let response = plan(&app, "&format=ics", Some("text/plain")).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/calendar; charset=utf-8");
}

#[tokio::test]
async fn an_override_equal_to_the_default_keeps_the_calendar_uids() {
    let app = spawn_fixture_app().await;
    let post = |body: Value| {
        app.request(Method::POST, "/v1/aftercare-plan?format=ics")
            .json(&body)
            .send()
    };
    let plain = post(json!({"treated_at": "2026-03-07T10:00:00-05:00"}))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let same =
        post(json!({"treated_at": "2026-03-07T10:00:00-05:00", "overrides": {"fixture-avoid-default": "PT72H"}}))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
    assert_eq!(uids(&plain), uids(&same));
}
