//! JSON decoding whose errors are problems: a JSON Pointer to the field and a rule that never
//! quotes the submitted value.

use serde::de::DeserializeOwned;

use super::serde_rules::rewrite_serde_message;
use crate::problem::{FieldError, Problem, ProblemKind};

/// Parses `body` as JSON into `T`, mapping every failure to a problem without quoting input.
pub fn decode_json<T: DeserializeOwned>(body: &[u8]) -> Result<T, Problem> {
    // The common case, a valid body, is parsed without tracking the path: only an error needs it,
    // and then the body is parsed again to name the field.
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer).map_err(|error| {
        let inner = error.inner();
        match inner.classify() {
            serde_json::error::Category::Data => {
                let (rule, field) = rewrite_serde_message(&inner.to_string());
                let mut pointer = json_pointer(error.path());
                if let Some(field) = field {
                    pointer.push('/');
                    pointer.push_str(&escape_pointer_token(&field));
                }
                Problem::validation(vec![FieldError::pointer(pointer, rule)])
            }
            // A number JSON allows but no field can hold (`1e400`, a 5000-digit integer) is a
            // value out of range, not a syntax error: name the field.
            _ if inner.to_string().starts_with("number out of range") => {
                Problem::validation(vec![FieldError::pointer(
                    json_pointer(error.path()),
                    "must be a number within range",
                )])
            }
            _ => malformed(inner),
        }
    })?;
    deserializer.end().map_err(|error| malformed(&error))?;
    Ok(value)
}

fn malformed(error: &serde_json::Error) -> Problem {
    Problem::new(
        ProblemKind::MalformedJson,
        format!(
            "The body is not well-formed JSON (line {}, column {}).",
            error.line(),
            error.column()
        ),
    )
}

/// The JSON Pointer of `path`. Object keys come from the client (an unknown field, a key of
/// `overrides`), so one is written only when it is shaped like an API name (see
/// [`is_api_name`]); the pointer stops at the object holding any other key, which keeps names,
/// e-mail addresses or whole sentences sent as keys out of the answer.
fn json_pointer(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } if is_api_name(key) => pointer.push_str(&format!("/{key}")),
            Segment::Enum { variant } if is_api_name(variant) => pointer.push_str(&format!("/{variant}")),
            Segment::Map { .. } | Segment::Enum { .. } | Segment::Unknown => break,
        }
    }
    pointer
}

/// Whether a client-sent object key looks like a field name or id of this API (lowercase
/// ASCII letters, digits, `_` and `-`, starting with a letter, at most 64 characters), and so
/// may be repeated in a pointer. Such a key never needs `~` or `/` escaped.
fn is_api_name(key: &str) -> bool {
    (1..=64).contains(&key.len())
        && key.starts_with(|c: char| c.is_ascii_lowercase())
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

fn escape_pointer_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Body {
        treated_at: String,
        count: u32,
        #[serde(default)]
        items: Vec<Item>,
    }

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Item {
        id: u8,
    }

    fn decode(body: &str) -> Result<Body, Problem> {
        decode_json(body.as_bytes())
    }

    #[test]
    fn malformed_json_is_a_400_with_line_and_column() {
        let problem = decode(r#"{"count": 2,"#).unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::MalformedJson);
    }

    #[test]
    fn a_wrong_type_is_a_422_naming_the_pointer_without_the_value() {
        let problem = decode(r#"{"treated_at":"x","count":"secret-value"}"#).unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::Validation);
        let error = &problem.errors()[0];
        assert_eq!(error.pointer.as_deref(), Some("/count"));
        assert!(!error.rule.contains("secret-value"), "{}", error.rule);
        assert!(error.rule.starts_with("must be"), "{}", error.rule);
    }

    #[test]
    fn a_nested_wrong_type_points_into_the_array() {
        let problem = decode(r#"{"treated_at":"x","count":1,"items":[{"id":1},{"id":"nine"}]}"#).unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/items/1/id"));
    }

    #[test]
    fn a_missing_field_points_at_the_field() {
        let problem = decode(r#"{"count":1}"#).unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/treated_at"));
        assert_eq!(problem.errors()[0].rule, "is required");
    }

    #[test]
    fn an_unknown_field_is_named() {
        let problem = decode(r#"{"treated_at":"x","count":1,"colour":"red"}"#).unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/colour"));
        assert!(problem.errors()[0].rule.starts_with("is not a recognised field"));
        assert!(!problem.errors()[0].rule.contains("red"));
    }

    #[test]
    fn a_number_out_of_range_is_a_422_naming_the_field() {
        let huge = format!(r#"{{"treated_at":"x","count":{}}}"#, "9".repeat(5000));
        for body in [
            r#"{"treated_at":"x","count":1e400}"#,
            huge.as_str(),
            r#"{"treated_at":"x","count":2,"items":[{"id":-1e999}]}"#,
        ] {
            let problem = decode(body).unwrap_err();
            assert_eq!(problem.kind(), ProblemKind::Validation, "{body:.60}");
            assert_eq!(problem.errors()[0].rule, "must be a number within range");
            assert!(!problem.to_string().contains("999"));
        }
        let problem = decode(r#"{"treated_at":"x","count":1e400}"#).unwrap_err();
        assert_eq!(problem.errors()[0].pointer.as_deref(), Some("/count"));
    }

    #[test]
    fn trailing_garbage_is_malformed() {
        let problem = decode(r#"{"treated_at":"x","count":1} trailing"#).unwrap_err();
        assert_eq!(problem.kind(), ProblemKind::MalformedJson);
    }
}
