//! Reviewed snapshots of what the shipped content looks like through the API: the plan in every
//! format and both languages at one fixed treatment, and the phase list. The OpenAPI document's
//! reviewed snapshot is the committed `openapi/openapi.json` itself (its drift test in `meta.rs`
//! names the command that regenerates it), so it is not kept a second time here.
//!
//! A clinical edit (a duration, a text) changes these and nothing else but the content contract:
//! review the diff with `cargo insta review`, or accept it with
//! `INSTA_UPDATE=always cargo test --test api snapshots` and read `git diff`. A mismatch always
//! fails the test; in CI (`CI=true`) insta also writes no `.snap.new` files.

use crate::helpers::{TestApp, spawn_app};

/// The fixed input: the day before New York's 2026 spring change, so the snapshots also show
/// boundaries placed across it.
const PLAN: &str = "/v1/aftercare-plan?treated_at=2026-03-07T10:00:00-05:00&timezone=America/New_York\
                    &patient_reference=Patient/123";

fn settings() -> insta::Settings {
    let mut settings = insta::Settings::clone_current();
    settings.set_prepend_module_to_snapshot(false);
    settings.set_omit_expression(true);
    settings.set_description(
        "the shipped content as served; review with `cargo insta review` \
         or accept with `INSTA_UPDATE=always cargo test --test api snapshots`",
    );
    settings
}

async fn body(app: &TestApp, path: &str) -> String {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.text().await.expect("a text body")
}

async fn assert_json_body(name: &str, path: &str) {
    let app = spawn_app().await;
    let value: serde_json::Value = serde_json::from_str(&body(&app, path).await).expect("a JSON body");
    settings().bind(|| insta::assert_json_snapshot!(name, value));
}

async fn assert_text_body(name: &str, path: &str) {
    let app = spawn_app().await;
    let text = body(&app, path).await;
    settings().bind(|| insta::assert_snapshot!(name, text));
}

/// One test per snapshot, so that one run reports (and writes for review) every changed snapshot.
macro_rules! snapshot_tests {
    ($($test:ident: $assert:ident($name:literal, $path:expr);)*) => {
        $(
            #[tokio::test]
            async fn $test() {
                $assert($name, &$path).await;
            }
        )*
    };
}

snapshot_tests! {
    the_json_plan_in_english: assert_json_body("plan-en.json", format!("{PLAN}&locale=en&format=json"));
    the_json_plan_in_spanish: assert_json_body("plan-es.json", format!("{PLAN}&locale=es&format=json"));
    the_calendar_in_english: assert_text_body("plan-en.ics", format!("{PLAN}&locale=en&format=ics"));
    the_calendar_in_spanish: assert_text_body("plan-es.ics", format!("{PLAN}&locale=es&format=ics"));
    the_fhir_care_plan_in_english: assert_json_body("plan-en.fhir.json", format!("{PLAN}&locale=en&format=fhir"));
    the_fhir_care_plan_in_spanish: assert_json_body("plan-es.fhir.json", format!("{PLAN}&locale=es&format=fhir"));
    the_handout_in_english: assert_text_body("plan-en.html", format!("{PLAN}&locale=en&format=html"));
    the_handout_in_spanish: assert_text_body("plan-es.html", format!("{PLAN}&locale=es&format=html"));
    the_phase_list_in_english: assert_json_body("phases-en.json", "/v1/phases?locale=en");
    the_phase_list_in_spanish: assert_json_body("phases-es.json", "/v1/phases?locale=es");
}
