use super::*;
use proptest::prelude::*;

#[test]
fn every_supported_form_parses_to_elapsed_seconds() {
    let cases = [
        ("PT0H", 0),
        ("PT24H", 86_400),
        ("P3D", 259_200),
        ("P7D", 604_800),
        ("P6W", 3_628_800),
        ("P8W", 4_838_400),
        ("PT90M", 5_400),
        ("PT45S", 45),
        ("P1DT12H", 129_600),
        ("P1W2DT3H4M5S", 604_800 + 172_800 + 10_800 + 240 + 5),
    ];
    for (text, seconds) in cases {
        assert_eq!(
            IsoDuration::parse(text).map(IsoDuration::as_seconds),
            Ok(seconds),
            "{text}"
        );
    }
}

#[test]
fn malformed_strings_are_refused_with_a_reason() {
    let cases = [
        ("", DurationError::Malformed),
        ("P", DurationError::Malformed),
        ("PT", DurationError::Malformed),
        ("P1DT", DurationError::Malformed),
        ("3D", DurationError::Malformed),
        ("p3d", DurationError::Malformed),
        ("P3", DurationError::Malformed),
        ("PD", DurationError::Malformed),
        ("P1D2W", DurationError::Malformed),
        ("PT1.5H", DurationError::Malformed),
        ("P-1D", DurationError::Malformed),
        (" P1D", DurationError::Malformed),
        ("P1DT1HT1M", DurationError::Malformed),
        ("P1Y", DurationError::CalendarUnit),
        ("P2M", DurationError::CalendarUnit),
        ("P99999999999999999999D", DurationError::TooLong),
        ("P5300W", DurationError::TooLong),
    ];
    for (text, expected) in cases {
        assert_eq!(IsoDuration::parse(text), Err(expected), "{text:?}");
    }
}

#[test]
fn canonical_form_uses_hours_minutes_and_seconds_only() {
    let cases = [
        ("PT0H", "PT0S"),
        ("PT24H", "PT24H"),
        ("P3D", "PT72H"),
        ("P7D", "PT168H"),
        ("P8W", "PT1344H"),
        ("P1DT12H", "PT36H"),
        ("PT90M", "PT1H30M"),
        ("PT61S", "PT1M1S"),
        ("PT1H0M5S", "PT1H5S"),
    ];
    for (text, canonical) in cases {
        let parsed = IsoDuration::parse(text).map(|duration| duration.to_string());
        assert_eq!(parsed.as_deref(), Ok(canonical), "{text}");
    }
}

#[test]
fn a_duration_serializes_as_its_canonical_string() {
    let duration = IsoDuration::from_hours(72);

    let json = serde_json::to_string(&duration).expect("a duration serializes");

    assert_eq!(json, "\"PT72H\"");
}

#[test]
fn the_error_text_never_contains_the_submitted_value() {
    let submitted = "P1Y<script>";

    let error = IsoDuration::parse(submitted).expect_err("calendar units are refused");

    assert!(!error.rule().contains(submitted));
}

#[test]
fn the_elapsed_time_between_instants_is_truncated_to_seconds() {
    let earlier = chrono::DateTime::from_timestamp(1_000_000_000, 0).expect("valid instant");
    let later = chrono::DateTime::from_timestamp(1_000_000_090, 999_999_999).expect("valid instant");

    assert_eq!(IsoDuration::between(earlier, later), Some(IsoDuration { seconds: 90 }));
    assert_eq!(IsoDuration::between(later, earlier), None);
}

proptest! {
    #![proptest_config(crate::proptest_config::standard())]

    #[test]
    fn formatting_then_parsing_gives_back_the_same_duration(seconds in 0..=MAX_DURATION_SECONDS) {
        let duration = IsoDuration::from_seconds(seconds).expect("within range");

        let reparsed = IsoDuration::parse(&duration.to_string());

        prop_assert_eq!(reparsed, Ok(duration));
    }

    #[test]
    fn the_direct_writer_matches_display(seconds in prop_oneof![0..=MAX_DURATION_SECONDS, 0u64..200_000]) {
        let duration = IsoDuration::from_seconds(seconds).expect("within range");
        let mut written = Vec::new();
        duration.write_to(&mut written);

        prop_assert_eq!(String::from_utf8(written).expect("ASCII"), duration.to_string());
    }

    #[test]
    fn a_composed_duration_parses_to_the_sum_of_its_parts(
        weeks in 0u64..100, days in 0u64..100, hours in 0u64..1000, minutes in 0u64..1000, seconds in 0u64..1000,
    ) {
        let text = format!("P{weeks}W{days}DT{hours}H{minutes}M{seconds}S");
        let expected = weeks * 604_800 + days * 86_400 + hours * 3_600 + minutes * 60 + seconds;

        prop_assert_eq!(IsoDuration::parse(&text).map(IsoDuration::as_seconds), Ok(expected));
    }

    #[test]
    fn the_parser_never_panics_on_arbitrary_strings(text in "\\PC*") {
        let _ = IsoDuration::parse(&text);
    }

    #[test]
    fn the_parser_never_panics_on_duration_like_strings(text in "P[0-9WDTHMSY.-]{0,24}") {
        let _ = IsoDuration::parse(&text);
    }
}
