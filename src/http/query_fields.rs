//! A borrowing reader of flat `name=value&…` query strings for hot routes: what
//! `serde_urlencoded` + a derived `Deserialize` would give, without building a deserializer,
//! copying each value or re-checking UTF-8 (the query is already a `str`).
//!
//! It answers only the plain cases and says so otherwise (`None`): a name that is escaped or
//! repeated, or a missing required field. The caller then takes the serde path, which gives
//! the answer, or the error, exactly as before.

use std::borrow::Cow;

/// The values of `names` in `query`, split and decoded like `form_urlencoded::parse` (`+` is a
/// space, `%XX` a byte, invalid UTF-8 replaced) and assigned like a derived `Deserialize` of a
/// struct of optional strings that ignores unknown fields. `None` when a name needs decoding (it
/// might then decode to one of `names`) or one of `names` appears twice (serde's duplicate-field
/// error).
pub fn plain_fields<'q, const N: usize>(query: &'q str, names: [&str; N]) -> Option<[Option<Cow<'q, str>>; N]> {
    let mut values: [Option<Cow<'q, str>>; N] = std::array::from_fn(|_| None);
    for pair in query.split('&') {
        if pair.is_empty() {
            continue;
        }
        let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
        if name.bytes().any(|b| b == b'%' || b == b'+') {
            return None;
        }
        let Some(index) = names.iter().position(|known| *known == name) else {
            continue;
        };
        if values[index].is_some() {
            return None;
        }
        values[index] = Some(decode(value));
    }
    Some(values)
}

/// One name or value as `form_urlencoded` decodes it (`+` is a space, then percent-decoding,
/// invalid UTF-8 replaced); borrowed when there is nothing to decode.
fn decode(text: &str) -> Cow<'_, str> {
    if !text.bytes().any(|b| b == b'%' || b == b'+') {
        return Cow::Borrowed(text);
    }
    let spaced = text.replace('+', " ");
    Cow::Owned(
        percent_encoding::percent_decode_str(&spaced)
            .decode_utf8_lossy()
            .into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    const NAMES: [&str; 3] = ["treated_at", "at", "timezone"];

    /// What `form_urlencoded` + a derived struct would give, or `None` when serde would refuse
    /// (a repeated field).
    fn by_form_urlencoded(query: &str) -> Option<[Option<String>; 3]> {
        let mut values: [Option<String>; 3] = Default::default();
        for (name, value) in form_urlencoded::parse(query.as_bytes()) {
            if let Some(index) = NAMES.iter().position(|known| *known == name) {
                if values[index].is_some() {
                    return None;
                }
                values[index] = Some(value.into_owned());
            }
        }
        Some(values)
    }

    #[test]
    fn plain_values_are_borrowed_and_unknown_names_ignored() {
        let values = plain_fields("treated_at=2026-11-23T08:00:00Z&x=1&&timezone=Europe/Paris", NAMES).unwrap();
        assert!(matches!(values[0], Some(Cow::Borrowed("2026-11-23T08:00:00Z"))));
        assert!(values[1].is_none());
        assert!(matches!(values[2], Some(Cow::Borrowed("Europe/Paris"))));
    }

    #[test]
    fn escaped_or_repeated_names_are_left_to_serde() {
        assert!(plain_fields("treated%5Fat=x", NAMES).is_none());
        assert!(plain_fields("at+=x", NAMES).is_none());
        assert!(plain_fields("at=1&at=2", NAMES).is_none());
    }

    #[test]
    fn values_decode_like_form_urlencoded() {
        for value in [
            "a+b", "%3A", "%3a%2B", "%", "%4", "%zz", "%C3%A9", "%FF", "%E2%82", "a%20b%",
        ] {
            let query = format!("at={value}");
            let expected = by_form_urlencoded(&query).unwrap();
            let values = plain_fields(&query, NAMES).unwrap();
            assert_eq!(values[1].as_deref(), expected[1].as_deref(), "{value}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_form_urlencoded(query in "((treated_at|at|timezone|x|t%41|a\\+)(=[-a-zA-Z0-9:%+=é]{0,6})?&{0,2}){0,4}") {
            match plain_fields(&query, NAMES) {
                Some(values) => {
                    let expected = by_form_urlencoded(&query);
                    prop_assert!(expected.is_some(), "{}", query);
                    let expected = expected.unwrap_or_default();
                    for (got, want) in values.iter().zip(expected.iter()) {
                        prop_assert_eq!(got.as_deref(), want.as_deref());
                    }
                }
                // Only escaped names and repeats are declined.
                None => prop_assert!(query.contains('%') || query.contains('+') || by_form_urlencoded(&query).is_none(), "{}", query),
            }
        }
    }
}
