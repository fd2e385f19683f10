//! serde's error messages rewritten as rules that may be shown to a client.

/// Rewrites a serde message into a rule that never quotes the submitted value. Returns the rule and,
/// for `missing field`, the field name to append to the pointer (serde reports the parent's path).
pub fn rewrite_serde_message(message: &str) -> (String, Option<String>) {
    let message = message.rsplit_once(" at line ").map_or(message, |(head, _)| head);
    let expected = message.split_once(", expected ").map(|(_, expected)| expected);
    if let Some(field) = message
        .strip_prefix("missing field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return ("is required".to_owned(), Some(field.to_owned()));
    }
    if let Some(field) = message
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        return ("must appear only once".to_owned(), Some(field.to_owned()));
    }
    let rule = if message.starts_with("invalid type:") || message.starts_with("invalid value:") {
        format!("must be {}", expected.map_or("of the documented type", in_json_terms))
    } else if message.starts_with("invalid length") && expected.is_some_and(|e| e.starts_with("struct ")) {
        // serde reads an array as a struct's fields in order; the API only takes an object.
        "must be a JSON object".to_owned()
    } else if message.starts_with("invalid length") {
        format!("must have {}", expected.unwrap_or("the documented length"))
    } else if message.starts_with("unknown variant") {
        match expected {
            Some(list) => format!("must be {list}"),
            None => "must be one of the documented values".to_owned(),
        }
    } else if message.starts_with("unknown field") {
        match expected {
            Some(list) => format!("is not a recognised field; expected {list}"),
            None => "is not a recognised field".to_owned(),
        }
    } else if message.starts_with("data did not match any variant") {
        "must match one of the documented forms".to_owned()
    } else if message.starts_with("duplicate field") {
        "must appear only once".to_owned()
    } else if let Some(rule) = message.strip_prefix(RULE_MARKER) {
        rule.to_owned()
    } else {
        "has an invalid value".to_owned()
    };
    (rule, None)
}

/// serde's name of an expected type in the terms of JSON: never a Rust type name.
fn in_json_terms(expected: &str) -> &str {
    if expected.starts_with("struct ") || expected == "a map" {
        "a JSON object"
    } else if expected == "a sequence" || expected.starts_with("tuple") {
        "an array"
    } else {
        expected
    }
}

/// Prefix of custom deserialisation errors whose text is a rule we wrote and may be shown.
pub const RULE_MARKER: &str = "rule: ";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_never_keep_the_quoted_value() {
        for message in [
            "invalid type: string \"patient-123\", expected u32 at line 1 column 9",
            "invalid value: integer `-4`, expected u32",
            "unknown variant `patient-123`, expected `en` or `es`",
            "some custom message with patient-123",
        ] {
            let (rule, _) = rewrite_serde_message(message);
            assert!(!rule.contains("patient-123") && !rule.contains("-4"), "{rule}");
        }
    }
}
