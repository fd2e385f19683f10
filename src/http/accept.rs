//! `Accept` header matching (RFC 9110 §12.5.1), enough to decide between a representation and 406.

/// One media range of an `Accept` header with its weight.
#[derive(Debug, Clone, PartialEq)]
pub struct MediaRange {
    kind: String,
    subtype: String,
    quality: f32,
}

impl MediaRange {
    fn matches(&self, media_type: &str) -> bool {
        let (kind, subtype) = split_type(media_type);
        (self.kind == "*" || self.kind == kind) && (self.subtype == "*" || self.subtype == subtype)
    }
}

fn split_type(media_type: &str) -> (&str, &str) {
    let essence = media_type.split(';').next().unwrap_or("").trim();
    essence.split_once('/').unwrap_or((essence, ""))
}

/// Parses an `Accept` header; malformed ranges are skipped rather than rejected.
pub fn parse(header: &str) -> Vec<MediaRange> {
    header
        .split(',')
        .filter_map(|part| {
            let mut pieces = part.split(';');
            let (kind, subtype) = pieces.next()?.trim().split_once('/')?;
            if kind.is_empty() || subtype.is_empty() || (kind == "*" && subtype != "*") {
                return None;
            }
            let mut quality = 1.0;
            for param in pieces {
                if let Some((name, value)) = param.split_once('=')
                    && name.trim().eq_ignore_ascii_case("q")
                {
                    quality = value.trim().parse::<f32>().ok().filter(|q| (0.0..=1.0).contains(q))?;
                }
            }
            Some(MediaRange {
                kind: kind.trim().to_ascii_lowercase(),
                subtype: subtype.trim().to_ascii_lowercase(),
                quality,
            })
        })
        .collect()
}

/// The best of `offered` for the `Accept` header `header` (absent or unparsable: the first offer).
/// `None` means nothing offered is acceptable: answer 406.
pub fn choose<'a>(header: Option<&str>, offered: &[&'a str]) -> Option<&'a str> {
    let ranges = header.map(parse).unwrap_or_default();
    if ranges.is_empty() {
        return offered.first().copied();
    }
    let mut best: Option<(&str, f32, u8)> = None;
    for offer in offered {
        // The most specific matching range decides the quality of an offer.
        let found = ranges
            .iter()
            .filter(|range| range.matches(offer))
            .map(|range| {
                (
                    range.quality,
                    u8::from(range.kind != "*") + u8::from(range.subtype != "*"),
                )
            })
            .max_by_key(|(_, specificity)| *specificity);
        if let Some((quality, _)) = found
            && quality > 0.0
            && best.is_none_or(|(_, q, _)| quality > q)
        {
            best = Some((offer, quality, 0));
        }
    }
    best.map(|(offer, _, _)| offer)
}

#[cfg(test)]
mod tests {
    use super::*;

    const JSON: &[&str] = &["application/json"];

    #[test]
    fn no_accept_header_takes_the_first_offer() {
        assert_eq!(choose(None, JSON), Some("application/json"));
    }

    #[test]
    fn wildcards_and_exact_types_are_acceptable() {
        for header in [
            "*/*",
            "application/*",
            "application/json",
            "text/html, application/json;q=0.5",
            "APPLICATION/JSON",
        ] {
            assert_eq!(choose(Some(header), JSON), Some("application/json"), "{header}");
        }
    }

    #[test]
    fn an_unrelated_type_or_a_zero_weight_is_not_acceptable() {
        for header in [
            "text/html",
            "application/xml",
            "application/json;q=0",
            "*/*;q=0",
            "*/*, application/json;q=0",
        ] {
            assert_eq!(choose(Some(header), JSON), None, "{header}");
        }
    }

    #[test]
    fn the_highest_weighted_offer_wins() {
        let offers = ["application/json", "text/calendar"];
        assert_eq!(
            choose(Some("application/json;q=0.4, text/calendar"), &offers),
            Some("text/calendar")
        );
        assert_eq!(
            choose(Some("text/*;q=0.1, */*;q=0.5"), &offers),
            Some("application/json")
        );
    }

    #[test]
    fn a_header_of_only_garbage_is_treated_as_absent() {
        assert_eq!(choose(Some("nonsense;;;"), JSON), Some("application/json"));
    }
}
