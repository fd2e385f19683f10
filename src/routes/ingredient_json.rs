//! A direct JSON writer for ingredient-check answers, the service's hottest response.
//!
//! `serde_json` escapes every key and walks every field through the `Serializer` machinery; for a
//! ~9 KB answer that was about a sixth of the request's CPU time. This writer emits the same bytes
//! (keys as literals, strings through one escape table, small integers digit by digit). Texts
//! known to need no escaping are copied as they are: knowledge-base texts (known at start-up)
//! and the check's own texts when their buffer holds nothing to escape. The
//! `Serialize` implementations (derived on the answer, hand-written over the report's text
//! ranges in `ingredients::report::serialize`) stay the reference: tests compare both outputs
//! byte for byte on fixed and generated labels, so the two cannot drift apart unnoticed.

use chrono::{DateTime, Utc};

use crate::protocol::fast_time::write_utc;

use super::ingredient_dto::IngredientCheckResponse;
use crate::ingredients::label::{ListSection, NoteKind};
use crate::ingredients::{
    BeneficialIngredient, CheckNote, CheckTexts, FlaggedIngredient, IngredientCheck, MatchKind, ParsedIngredient,
    Severity, SharedText, Span, TextRange, Verdict,
};

/// Appends `response` as JSON to `out`; with `id`, as a batch result (`{"id": …, …}`).
pub fn write_check_response(out: &mut Vec<u8>, id: Option<&str>, response: &IngredientCheckResponse) {
    out.push(b'{');
    if let Some(id) = id {
        out.extend_from_slice(b"\"id\":");
        string(out, id);
        out.push(b',');
    }
    out.extend_from_slice(b"\"product_name\":");
    opt_string(out, response.product_name.as_deref());
    out.extend_from_slice(b",\"locale\":");
    string(out, &response.locale);
    out.extend_from_slice(b",\"timezone\":");
    opt_string(out, response.timezone.as_deref());
    out.extend_from_slice(b",\"restricted_until_local\":");
    opt_string(out, response.restricted_until_local.as_deref());
    out.push(b',');
    check_fields(out, &response.check);
    out.push(b'}');
}

/// The capacity to reserve for an answer with `ingredients` parsed entries.
pub fn estimated_len(check: &IngredientCheck) -> usize {
    1024 + check.ingredients.len() * 256 + (check.flagged.len() + check.beneficial.len() + check.notes.len()) * 448
}

fn check_fields(out: &mut Vec<u8>, check: &IngredientCheck) {
    out.extend_from_slice(b"\"verdict\":");
    raw_string(out, verdict(check.verdict));
    out.extend_from_slice(b",\"label_verdict\":");
    raw_string(out, verdict(check.label_verdict));
    out.extend_from_slice(b",\"evaluated_at\":");
    instant(out, check.evaluated_at);
    out.extend_from_slice(b",\"treated_at\":");
    opt_instant(out, check.treated_at);
    out.extend_from_slice(b",\"restricted_until\":");
    opt_instant(out, check.restricted_until);
    out.extend_from_slice(b",\"restriction_ended_at\":");
    opt_instant(out, check.restriction_ended_at);
    let texts = &AnswerTexts::new(&check.texts);
    out.extend_from_slice(b",\"flagged\":");
    array(out, &check.flagged, texts, flagged);
    out.extend_from_slice(b",\"beneficial\":");
    array(out, &check.beneficial, texts, beneficial);
    out.extend_from_slice(b",\"ingredients\":");
    array(out, &check.ingredients, texts, parsed);
    out.extend_from_slice(b",\"notes\":");
    array(out, &check.notes, texts, note);
}

fn flagged(out: &mut Vec<u8>, f: &FlaggedIngredient, texts: &AnswerTexts) {
    text_position_span(out, texts, f.text, f.position, f.span);
    out.extend_from_slice(b",\"ingredient_id\":");
    shared(out, &f.ingredient_id);
    out.extend_from_slice(b",\"active\":");
    opt_shared(out, f.active.as_ref());
    out.extend_from_slice(b",\"class\":");
    shared(out, &f.class);
    out.extend_from_slice(b",\"match\":");
    raw_string(out, match_kind(f.match_kind));
    out.extend_from_slice(b",\"matched_name\":");
    shared(out, &f.matched_name);
    out.extend_from_slice(b",\"severity\":");
    raw_string(out, severity(f.severity));
    out.extend_from_slice(b",\"reason\":");
    shared(out, &f.reason);
    out.extend_from_slice(b",\"rule_id\":");
    shared(out, &f.rule_id);
    out.extend_from_slice(b",\"restricted_until\":");
    opt_instant(out, f.restricted_until);
    out.extend_from_slice(b",\"restriction_active\":");
    match f.restriction_active {
        Some(active) => boolean(out, active),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn beneficial(out: &mut Vec<u8>, b: &BeneficialIngredient, texts: &AnswerTexts) {
    text_position_span(out, texts, b.text, b.position, b.span);
    out.extend_from_slice(b",\"ingredient_id\":");
    shared(out, &b.ingredient_id);
    out.extend_from_slice(b",\"match\":");
    raw_string(out, match_kind(b.match_kind));
    out.extend_from_slice(b",\"matched_name\":");
    shared(out, &b.matched_name);
    out.extend_from_slice(b",\"reason\":");
    shared(out, &b.reason);
    out.extend_from_slice(b",\"rule_id\":");
    shared(out, &b.rule_id);
    out.push(b'}');
}

/// `{"text":…,"position":…,"span":…` — the shared head of flagged and beneficial entries.
fn text_position_span(out: &mut Vec<u8>, texts: &AnswerTexts, text: TextRange, position: usize, where_: Span) {
    out.extend_from_slice(b"{\"text\":");
    texts.write(out, text);
    out.extend_from_slice(b",\"position\":");
    integer(out, position);
    out.extend_from_slice(b",\"span\":");
    span(out, where_);
}

/// The texts of one check's answer, with whether any of them needs escaping: one look at the
/// whole buffer (clean in nearly every answer) instead of one per text.
struct AnswerTexts<'a> {
    texts: &'a CheckTexts,
    /// No text of the buffer holds a byte JSON escapes.
    verbatim: bool,
}

impl<'a> AnswerTexts<'a> {
    fn new(texts: &'a CheckTexts) -> Self {
        let verbatim = next_escape(texts.as_str().as_bytes(), 0).is_none();
        Self { texts, verbatim }
    }

    /// The text of `range` as a JSON string.
    fn write(&self, out: &mut Vec<u8>, range: TextRange) {
        known_string(out, self.texts.get(range), self.verbatim);
    }
}

fn parsed(out: &mut Vec<u8>, p: &ParsedIngredient, texts: &AnswerTexts) {
    out.extend_from_slice(b"{\"position\":");
    integer(out, p.position);
    out.extend_from_slice(b",\"text\":");
    texts.write(out, p.text);
    out.extend_from_slice(b",\"span\":");
    span(out, p.span);
    out.extend_from_slice(b",\"normalised\":");
    texts.write(out, p.normalised);
    out.extend_from_slice(b",\"recognised\":");
    opt_shared(out, p.recognised.as_ref());
    out.extend_from_slice(b",\"section\":");
    raw_string(out, section(p.section));
    out.extend_from_slice(b",\"step\":");
    match p.step {
        Some(step) => small_integer(out, step),
        None => out.extend_from_slice(b"null"),
    }
    out.extend_from_slice(b",\"may_contain\":");
    boolean(out, p.may_contain);
    out.extend_from_slice(b",\"concentration\":");
    match p.concentration {
        Some(range) => texts.write(out, range),
        None => out.extend_from_slice(b"null"),
    }
    out.push(b'}');
}

fn note(out: &mut Vec<u8>, n: &CheckNote, texts: &AnswerTexts) {
    out.extend_from_slice(b"{\"kind\":");
    raw_string(out, note_kind(n.kind));
    out.extend_from_slice(b",\"span\":");
    span(out, n.span);
    out.extend_from_slice(b",\"text\":");
    texts.write(out, n.text);
    out.extend_from_slice(b",\"ingredient_id\":");
    opt_shared(out, n.ingredient_id.as_ref());
    out.extend_from_slice(b",\"reason\":");
    opt_shared(out, n.reason.as_ref());
    out.push(b'}');
}

fn span(out: &mut Vec<u8>, span: Span) {
    out.extend_from_slice(b"{\"item\":");
    integer(out, span.item);
    out.extend_from_slice(b",\"start\":");
    integer(out, span.start);
    out.extend_from_slice(b",\"end\":");
    integer(out, span.end);
    out.push(b'}');
}

fn array<T>(out: &mut Vec<u8>, items: &[T], texts: &AnswerTexts, write: fn(&mut Vec<u8>, &T, &AnswerTexts)) {
    out.push(b'[');
    for (index, item) in items.iter().enumerate() {
        if index > 0 {
            out.push(b',');
        }
        write(out, item, texts);
    }
    out.push(b']');
}

fn verdict(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Ok => "ok",
        Verdict::Caution => "caution",
        Verdict::Avoid => "avoid",
    }
}

fn severity(severity: Severity) -> &'static str {
    match severity {
        Severity::Caution => "caution",
        Severity::Avoid => "avoid",
    }
}

fn match_kind(kind: MatchKind) -> &'static str {
    match kind {
        MatchKind::Name => "name",
        MatchKind::Synonym => "synonym",
        MatchKind::Cas => "cas",
        MatchKind::Derivative => "derivative",
        MatchKind::Source => "source",
        MatchKind::Ambiguous => "ambiguous",
        MatchKind::Possible => "possible",
    }
}

fn section(section: ListSection) -> &'static str {
    match section {
        ListSection::Ingredients => "ingredients",
        ListSection::Active => "active",
        ListSection::Inactive => "inactive",
    }
}

fn note_kind(kind: NoteKind) -> &'static str {
    match kind {
        NoteKind::IgnoredClaim => "ignored_claim",
        NoteKind::UnparsedFragment => "unparsed_fragment",
        NoteKind::FootnoteLegend => "footnote_legend",
        NoteKind::IgnoredSection => "ignored_section",
        NoteKind::NotRestricted => "not_restricted",
    }
}

/// A step number (`u32`), written like [`integer`].
fn small_integer(out: &mut Vec<u8>, value: u32) {
    match usize::try_from(value) {
        Ok(value) => integer(out, value),
        Err(_) => out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes()),
    }
}

/// A non-negative integer in decimal. Positions and character offsets are almost always below
/// 1,000: those are written digit by digit as a fixed-size copy (`itoa` hands back a slice of
/// varying length, which costs a `memcpy` call per number).
///
/// Inlined, with the rare larger numbers in a function of their own: the call and the stack
/// buffer of `itoa` cost more than writing the digits.
#[inline]
fn integer(out: &mut Vec<u8>, value: usize) {
    // Each digit is below 10, so the casts cannot truncate.
    let digit = |value: usize| b'0' + (value % 10) as u8;
    match value {
        0..10 => out.push(digit(value)),
        10..100 => out.extend_from_slice(&[digit(value / 10), digit(value)]),
        100..1000 => out.extend_from_slice(&[digit(value / 100), digit(value / 10), digit(value)]),
        _ => large_integer(out, value),
    }
}

/// [`integer`] for 1,000 and above.
#[cold]
#[inline(never)]
fn large_integer(out: &mut Vec<u8>, value: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(value).as_bytes());
}

fn boolean(out: &mut Vec<u8>, value: bool) {
    out.extend_from_slice(if value { b"true" } else { b"false" });
}

fn instant(out: &mut Vec<u8>, value: DateTime<Utc>) {
    out.push(b'"');
    if write_utc(out, value) {
        out.push(b'"');
        return;
    }
    // What the fast writer leaves to chrono (a leap second): chrono's own serialisation.
    out.pop();
    if serde_json::to_writer(&mut *out, &value).is_err() {
        out.extend_from_slice(b"null");
    }
}

fn opt_instant(out: &mut Vec<u8>, value: Option<DateTime<Utc>>) {
    match value {
        Some(value) => instant(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

fn opt_string(out: &mut Vec<u8>, value: Option<&str>) {
    match value {
        Some(value) => string(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

/// A knowledge-base text: as it is when it needs no escaping (known since start-up).
fn shared(out: &mut Vec<u8>, value: &SharedText) {
    known_string(out, value, value.is_json_verbatim());
}

/// A JSON string of a text already known to need no escaping (`verbatim`), or not.
fn known_string(out: &mut Vec<u8>, text: &str, verbatim: bool) {
    if verbatim {
        raw_string(out, text);
    } else {
        string(out, text);
    }
}

fn opt_shared(out: &mut Vec<u8>, value: Option<&SharedText>) {
    match value {
        Some(value) => shared(out, value),
        None => out.extend_from_slice(b"null"),
    }
}

/// A string known to need no escaping (enum names).
fn raw_string(out: &mut Vec<u8>, value: &str) {
    out.push(b'"');
    out.extend_from_slice(value.as_bytes());
    out.push(b'"');
}

/// What `serde_json` writes for each byte: 0 = as is, `u` = `\u00XX`, else `\` + that byte.
const ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0a] = b'n';
    table[0x0c] = b'f';
    table[0x0d] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

/// The index of the first byte at or after `from` that JSON escapes. Eight bytes at a time while
/// none of them is a control character, a quote or a backslash (the answer's long texts rarely
/// hold any), then byte by byte within the chunk that does.
///
/// The last, shorter-than-eight stretch is decided by the word made of the string's last eight
/// bytes (which overlaps bytes already found clean): when that word is clean so is the stretch,
/// without a byte-by-byte look. Short names are most of the answer's strings.
fn next_escape(bytes: &[u8], mut from: usize) -> Option<usize> {
    while let Some(chunk) = bytes.get(from..from + 8) {
        if has_escape(chunk) {
            break;
        }
        from += 8;
    }
    if from == bytes.len() {
        return None;
    }
    // When the last eight bytes cover what is left (the loop ran out of whole chunks rather than
    // stopping at an escape), they decide.
    if let Some(last) = bytes.len().checked_sub(8).filter(|&last| last <= from)
        && !has_escape(&bytes[last..])
    {
        return None;
    }
    bytes[from..]
        .iter()
        .position(|&byte| ESCAPE[byte as usize] != 0)
        .map(|offset| from + offset)
}

/// True when one of the eight bytes of `chunk` is a control character, a quote or a backslash.
#[inline(always)]
fn has_escape(chunk: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    let mut word = [0; 8];
    word.copy_from_slice(chunk);
    let word = u64::from_ne_bytes(word);
    // Non-zero exactly when some byte is below 0x20 / equals the quote / equals the backslash
    // (the classic "has less than" and "has zero byte" tests).
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGHS;
    let quote = word ^ (ONES * u64::from(b'"'));
    let quote = quote.wrapping_sub(ONES) & !quote & HIGHS;
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let backslash = backslash.wrapping_sub(ONES) & !backslash & HIGHS;
    control | quote | backslash != 0
}

/// A JSON string, escaped exactly as `serde_json` escapes it.
fn string(out: &mut Vec<u8>, value: &str) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let bytes = value.as_bytes();
    out.reserve(bytes.len() + 2);
    out.push(b'"');
    let mut start = 0;
    while let Some(index) = next_escape(bytes, start) {
        let byte = bytes[index];
        let escape = ESCAPE[byte as usize];
        out.extend_from_slice(&bytes[start..index]);
        if escape == b'u' {
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[(byte >> 4) as usize],
                HEX[(byte & 0xf) as usize],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
        start = index + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[cfg(test)]
mod tests {
    use chrono::TimeZone;
    use proptest::prelude::*;

    use super::*;
    use crate::ingredients::{CheckOptions, IngredientChecker, IngredientsInput, RestrictionWindows};
    use crate::routes::ingredient_dto::BatchCheckResult;

    fn checker() -> &'static IngredientChecker {
        static CHECKER: std::sync::OnceLock<IngredientChecker> = std::sync::OnceLock::new();
        CHECKER.get_or_init(|| IngredientChecker::embedded().expect("the embedded knowledge base is valid"))
    }

    fn response(input: IngredientsInput, timed: bool, language: &str) -> IngredientCheckResponse {
        let windows = RestrictionWindows::new()
            .with("avoid-active-ingredients", chrono::Duration::hours(168))
            .with("avoid-exfoliating-products", chrono::Duration::hours(168));
        let treated_at = Utc.with_ymd_and_hms(2026, 3, 7, 15, 0, 0).unwrap();
        let options = CheckOptions {
            language,
            windows: &windows,
            treated_at: timed.then_some(treated_at),
            at: Utc.with_ymd_and_hms(2026, 3, 9, 8, 30, 15).unwrap() + chrono::Duration::nanoseconds(123_456_789),
        };
        let check = checker().check(&input, &options).expect("en and es are supported");
        IngredientCheckResponse {
            product_name: timed.then(|| "Toner \"glow\" \\ 10%\n\u{1}".to_owned()),
            locale: language.to_owned(),
            timezone: timed.then(|| "America/New_York".to_owned()),
            restricted_until_local: timed.then(|| "2026-03-14T11:00:00-04:00".to_owned()),
            check,
        }
    }

    fn assert_same_as_serde(response: IngredientCheckResponse) {
        let mut fast = Vec::new();
        write_check_response(&mut fast, None, &response);
        assert_eq!(
            String::from_utf8(fast).unwrap(),
            serde_json::to_string(&response).unwrap()
        );
        let mut batch = Vec::new();
        write_check_response(&mut batch, Some("sku-\"1\""), &response);
        let reference = serde_json::to_string(&BatchCheckResult {
            id: "sku-\"1\"".to_owned(),
            result: response,
        })
        .unwrap();
        assert_eq!(String::from_utf8(batch).unwrap(), reference);
    }

    #[test]
    fn writes_what_serde_writes_for_every_kind_of_entry() {
        let labels = [
            "Ingredients: Aqua (Water), Salicylic Acid 2%, Sodium Salicylate, Salix Alba (Willow) Bark Extract, \
             Glycolic Acid 10%*, Aloe Barbadensis Leaf Juice, Niacinamide, Ethylhexyl Salicylate, Jojoba Beads. \
             *organic. Salicylic acid-free! May contain: Benzoyl Peroxide.\nStep 2: BHA (beta hydroxy acid), Glycerin",
            "Drug Facts\nActive ingredient\tPurpose\nBenzoyl Peroxide 5%\tAcne treatment\nInactive ingredients: \
             water, \"glycerin\", tab\there, back\\slash, bell\u{7}, del\u{7f}, agua, ácido salicílico, ☃",
            "",
        ];
        let first = response(IngredientsInput::Text(labels[0].to_owned()), true, "en").check;
        assert!(!first.flagged.is_empty() && !first.beneficial.is_empty() && !first.notes.is_empty());
        assert!(first.ingredients.iter().any(|i| i.step.is_some()));
        assert!(first.ingredients.iter().any(|i| i.concentration.is_some()));
        assert!(first.ingredients.iter().any(|i| i.may_contain));
        for label in labels {
            for timed in [false, true] {
                for language in ["en", "es"] {
                    assert_same_as_serde(response(IngredientsInput::Text(label.to_owned()), timed, language));
                }
            }
        }
        let list = IngredientsInput::List(vec!["Glycolic Acid".into(), "Cucumis Sativus Fruit Extract".into()]);
        assert_same_as_serde(response(list, true, "en"));
    }

    #[test]
    fn an_escape_is_found_at_every_place_of_every_short_length() {
        for length in 1..28 {
            for place in 0..length {
                for escaped in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                    let text: String = (0..length).map(|i| if i == place { escaped } else { 'é' }).collect();
                    let mut out = Vec::new();
                    string(&mut out, &text);
                    assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
                }
            }
        }
    }

    proptest! {
        #[test]
        fn strings_are_escaped_as_serde_escapes_them(text in "(\\PC|[\"\\\\\u{0}-\u{1f}\u{7f}]){0,40}") {
            let mut out = Vec::new();
            string(&mut out, &text);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&text).unwrap());
        }

        #[test]
        fn integers_are_written_as_serde_writes_them(value in prop_oneof![0usize..2_000, any::<usize>()]) {
            let mut out = Vec::new();
            integer(&mut out, value);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&value).unwrap());
        }

        #[test]
        fn instants_are_written_as_chrono_serialises_them(minute in 15_778_080i64..68_633_333, second in 0i64..60, nanos in 0u32..2_000_000_000) {
            // Nanoseconds of 10^9 and above are a leap second (only at second 59), which goes
            // through chrono itself.
            let second = if nanos >= 1_000_000_000 { 59 } else { second };
            let value = DateTime::<Utc>::from_timestamp(minute * 60 + second, nanos).unwrap();
            let mut out = Vec::new();
            instant(&mut out, value);
            prop_assert_eq!(String::from_utf8(out).unwrap(), serde_json::to_string(&value).unwrap());
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(200))]
        #[test]
        fn writes_what_serde_writes_for_generated_labels(
            pieces in proptest::collection::vec(
                prop_oneof![
                    Just("Salicylic Acid".to_owned()), Just("Aloe Vera".to_owned()), Just("BHA".to_owned()),
                    Just(", ".to_owned()), Just("May contain: ".to_owned()), Just("Step 1: ".to_owned()),
                    Just("(2%)".to_owned()), Just("*".to_owned()), Just("\n".to_owned()),
                    "\\PC{0,12}", "[\\x00-\\x7f]{0,8}",
                ],
                0..24,
            ),
            timed in any::<bool>(),
        ) {
            let label: String = pieces.concat();
            let response = response(IngredientsInput::Text(label), timed, "en");
            let mut fast = Vec::new();
            write_check_response(&mut fast, None, &response);
            prop_assert_eq!(String::from_utf8(fast).unwrap(), serde_json::to_string(&response).unwrap());
        }
    }
}
