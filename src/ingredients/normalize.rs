//! Unicode normalisation for label text and knowledge-base names.
//!
//! Every character is mapped on its own (compatibility decomposition as in
//! NFKC, then case folding), so each output byte remembers the original
//! character it came from. Combining marks are dropped after decomposition:
//! matching is accent-insensitive ("ácido salicílico" == "acido salicilico"),
//! which is why the composition step of NFKC is unnecessary here.

use unicode_normalization::char::decompose_compatible;

/// How hyphens are treated by [`normalize_chars`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyphenMode {
    /// Keep hyphens (`coco-glucoside`): used for the displayed normalised name.
    Keep,
    /// Turn hyphens into spaces so `beta-hydroxy acid` matches `beta hydroxy acid`.
    AsSpace,
}

/// Normalised text whose bytes map back to character offsets in the original.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MappedText {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text`, the original character offset it came from.
    pub origin: Vec<u32>,
}

impl MappedText {
    /// Removes a trailing space, if any.
    fn trim_end_space(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            self.origin.pop();
        }
    }
}

/// Where [`normalize_chars`] writes: a bare `String`, or a [`MappedText`] that
/// also records where every byte came from.
pub trait NormalizeSink {
    /// Length of the text written so far, in bytes.
    fn text_len(&self) -> usize;
    /// Appends one normalised character that came from original offset `origin`.
    fn push_char(&mut self, c: char, origin: u32);
    /// [`push_char`](Self::push_char) for an ASCII character, given as its byte: one byte of
    /// text, so no UTF-8 encoding to go through (most label characters are ASCII).
    fn push_ascii(&mut self, byte: u8, origin: u32);
    /// Removes a trailing space, if any.
    fn pop_space(&mut self);
    /// Makes room for `bytes` more bytes.
    fn reserve(&mut self, bytes: usize);
}

impl NormalizeSink for MappedText {
    fn text_len(&self) -> usize {
        self.text.len()
    }

    #[inline(always)]
    fn push_char(&mut self, c: char, origin: u32) {
        self.text.push(c);
        if c.is_ascii() {
            self.origin.push(origin);
        } else {
            self.origin.extend(std::iter::repeat_n(origin, c.len_utf8()));
        }
    }

    #[inline(always)]
    fn push_ascii(&mut self, byte: u8, origin: u32) {
        self.text.push(ascii_char(byte));
        self.origin.push(origin);
    }

    fn pop_space(&mut self) {
        self.trim_end_space();
    }

    fn reserve(&mut self, bytes: usize) {
        self.text.reserve(bytes);
        self.origin.reserve(bytes);
    }
}

impl NormalizeSink for String {
    fn text_len(&self) -> usize {
        self.len()
    }

    #[inline(always)]
    fn push_char(&mut self, c: char, _origin: u32) {
        self.push(c);
    }

    #[inline(always)]
    fn push_ascii(&mut self, byte: u8, _origin: u32) {
        self.push(ascii_char(byte));
    }

    fn pop_space(&mut self) {
        if self.ends_with(' ') {
            self.pop();
        }
    }

    fn reserve(&mut self, bytes: usize) {
        String::reserve(self, bytes);
    }
}

/// The character of an ASCII byte. The mask changes no ASCII byte; it tells the compiler the
/// character is below 0x80, so `String::push` writes the byte without its UTF-8 length dispatch.
#[inline(always)]
fn ascii_char(byte: u8) -> char {
    debug_assert!(byte.is_ascii());
    char::from(byte & 0x7F)
}

/// Characters that carry no text and are dropped (zero-width, soft hyphen, marks).
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '™' | '®' | '©'
    )
}

/// Dash and hyphen variants that are read as an ASCII hyphen.
pub fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}'..='\u{2015}' | '\u{2043}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}'
    )
}

fn is_combining_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0300}'..='\u{036F}'
            | '\u{1AB0}'..='\u{1AFF}'
            | '\u{1DC0}'..='\u{1DFF}'
            | '\u{20D0}'..='\u{20FF}'
            | '\u{FE20}'..='\u{FE2F}'
    )
}

/// Normalises `(character, original offset)` pairs, appending to `out`.
///
/// Whitespace runs collapse to one space; leading and trailing spaces are dropped.
pub fn normalize_chars<S: NormalizeSink>(chars: impl IntoIterator<Item = (char, u32)>, mode: HyphenMode, out: &mut S) {
    let chars = chars.into_iter();
    // One byte per character for ASCII text: grow once, not while writing.
    out.reserve(chars.size_hint().0);
    let mut writer = Writer::new(out, mode);
    for (c, origin) in chars {
        if c.is_ascii() {
            writer.ascii(c, origin);
        } else {
            writer.non_ascii(c, origin);
        }
    }
    writer.finish();
}

/// What each ASCII character becomes: lower case, whitespace controls as a space,
/// and `-` as `hyphen`.
const fn ascii_map(hyphen: u8) -> [u8; 128] {
    let mut map = [0; 128];
    let mut b = 0;
    while b < 128 {
        map[b as usize] = match b {
            b'-' => hyphen,
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' => b' ',
            _ => b.to_ascii_lowercase(),
        };
        b += 1;
    }
    map
}

/// [`ascii_map`] for [`HyphenMode::Keep`].
static ASCII_KEEP: [u8; 128] = ascii_map(b'-');
/// [`ascii_map`] for [`HyphenMode::AsSpace`].
static ASCII_AS_SPACE: [u8; 128] = ascii_map(b' ');

/// The state of one [`normalize_chars`] call.
struct Writer<'a, S> {
    out: &'a mut S,
    /// Text length when the call started.
    start_len: usize,
    /// True when a space would be dropped: nothing written yet, or a space last.
    skip_space: bool,
    /// What a dash becomes.
    hyphen: char,
    /// What each ASCII character becomes.
    ascii_map: &'static [u8; 128],
}

impl<'a, S: NormalizeSink> Writer<'a, S> {
    fn new(out: &'a mut S, mode: HyphenMode) -> Self {
        let (hyphen, ascii_map) = match mode {
            HyphenMode::Keep => ('-', &ASCII_KEEP),
            HyphenMode::AsSpace => (' ', &ASCII_AS_SPACE),
        };
        Self {
            start_len: out.text_len(),
            out,
            skip_space: true,
            hyphen,
            ascii_map,
        }
    }

    /// Drops a trailing space written by this call.
    fn finish(self) {
        if self.out.text_len() > self.start_len {
            self.out.pop_space();
        }
    }

    /// Writes a character that needs no decomposition.
    #[inline(always)]
    fn ascii(&mut self, c: char, origin: u32) {
        let byte = self.ascii_map[c as usize & 0x7F];
        let space = byte == b' ';
        if space && self.skip_space {
            return;
        }
        self.skip_space = space;
        self.out.push_ascii(byte, origin);
    }

    /// Decomposes, folds and writes a non-ASCII character.
    fn non_ascii(&mut self, c: char, origin: u32) {
        if is_invisible(c) {
            return;
        }
        if c == 'ß' || c == 'ẞ' {
            self.mapped('s', origin);
            self.mapped('s', origin);
            return;
        }
        decompose_compatible(c, |d| {
            if is_combining_mark(d) || is_invisible(d) {
                return;
            }
            for lower in d.to_lowercase() {
                self.mapped(lower, origin);
            }
        });
    }

    /// Maps dashes, whitespace and apostrophes, then writes.
    fn mapped(&mut self, c: char, origin: u32) {
        let c = if is_dash(c) {
            self.hyphen
        } else if c.is_whitespace() {
            ' '
        } else if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}') {
            '\''
        } else {
            c
        };
        self.emit(c, origin);
    }

    /// Writes `c`, collapsing spaces and dropping a leading one (as [`Self::ascii`] does).
    #[inline(always)]
    fn emit(&mut self, c: char, origin: u32) {
        let space = c == ' ';
        if space && self.skip_space {
            return;
        }
        self.skip_space = space;
        self.out.push_char(c, origin);
    }
}

/// Appends `keep`, text written by [`normalize_chars`] with [`HyphenMode::Keep`],
/// as [`HyphenMode::AsSpace`] would have written the same characters.
///
/// In `keep` every `-` is a hyphen of the source and spaces are already
/// single, never leading or trailing. So only the text around hyphens
/// changes: each hyphen becomes a space unless a space was just written
/// (keeping the first one's origin), a space right after a written space is
/// dropped, and so is a trailing space, exactly as the writer does.
pub fn push_hyphens_as_spaces(keep: &MappedText, out: &mut MappedText) {
    let (text, bytes) = (keep.text.as_str(), keep.text.as_bytes());
    if !bytes.contains(&b'-') {
        // Most names: nothing changes (`keep` has no leading or trailing space).
        out.text.push_str(text);
        out.origin.extend_from_slice(&keep.origin);
        return;
    }
    let start_len = out.text.len();
    // True when a space would be dropped: nothing written yet, or a space last.
    let mut skip_space = true;
    let mut from = 0;
    loop {
        let hyphen = bytes[from..].iter().position(|&b| b == b'-').map(|p| from + p);
        let to = hyphen.unwrap_or(bytes.len());
        let mut run = from;
        if skip_space && run < to && bytes[run] == b' ' {
            run += 1;
        }
        if run < to {
            out.text.push_str(&text[run..to]);
            out.origin.extend_from_slice(&keep.origin[run..to]);
            skip_space = bytes[to - 1] == b' ';
        }
        let Some(hyphen) = hyphen else { break };
        if !skip_space {
            out.text.push(' ');
            out.origin.push(keep.origin[hyphen]);
            skip_space = true;
        }
        from = hyphen + 1;
    }
    if out.text.len() > start_len {
        out.trim_end_space();
    }
}

/// Normalises a whole string (used for knowledge-base names and claims).
pub fn normalize_str(text: &str, mode: HyphenMode) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_chars(text.chars().map(|c| (c, 0)), mode, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn accents_case_and_compatibility_forms_fold_away() {
        assert_eq!(normalize_str("ÁCIDO SALICÍLICO", HyphenMode::Keep), "acido salicilico");
        assert_eq!(normalize_str("Ｓａｌｉｃｙｌｉｃ", HyphenMode::Keep), "salicylic");
        assert_eq!(normalize_str("Salicylsäure", HyphenMode::Keep), "salicylsaure");
        assert_eq!(normalize_str("Weißdorn", HyphenMode::Keep), "weissdorn");
    }

    #[test]
    fn invisible_characters_and_nbsp_are_handled() {
        let text = "Sali\u{200B}cylic\u{00A0}\u{00A0}Acid\u{FEFF}";
        assert_eq!(normalize_str(text, HyphenMode::Keep), "salicylic acid");
    }

    #[test]
    fn dash_variants_become_hyphens_or_spaces() {
        assert_eq!(
            normalize_str("Beta\u{2011}Hydroxy\u{2013}Acid", HyphenMode::Keep),
            "beta-hydroxy-acid"
        );
        assert_eq!(
            normalize_str("1,2\u{2010}Hexanediol", HyphenMode::AsSpace),
            "1,2 hexanediol"
        );
    }

    /// Normalises with every character sent through the general (decomposing) path.
    fn general_path(text: &str, mode: HyphenMode) -> MappedText {
        let mut out = MappedText::default();
        let mut writer = Writer::new(&mut out, mode);
        for (i, c) in text.chars().enumerate() {
            writer.non_ascii(c, i as u32);
        }
        writer.finish();
        out
    }

    fn fast_path(text: &str, mode: HyphenMode) -> MappedText {
        let mut out = MappedText::default();
        normalize_chars(text.chars().enumerate().map(|(i, c)| (c, i as u32)), mode, &mut out);
        out
    }

    fn label_like() -> impl Strategy<Value = String> {
        let piece = prop_oneof![
            4 => "[ -~]{0,12}",
            1 => "[\t\n\r\x0B\x0C -]{0,4}",
            1 => any::<String>(),
            1 => prop::sample::select(vec!["ß", "Á", "ｓ", "\u{2011}", "\u{00A0}", "\u{200B}", "İ", "ﬁ", "\u{2019}"])
                .prop_map(str::to_owned),
        ];
        prop::collection::vec(piece, 0..8).prop_map(|pieces| pieces.concat())
    }

    proptest! {
        #[test]
        fn the_ascii_fast_path_equals_the_general_path(text in label_like()) {
            for mode in [HyphenMode::Keep, HyphenMode::AsSpace] {
                prop_assert_eq!(fast_path(&text, mode), general_path(&text, mode));
            }
        }

        #[test]
        fn hyphens_rewritten_as_spaces_equal_normalising_with_spaces(text in label_like(), prefix in "[a -]{0,3}") {
            let keep = fast_path(&text, HyphenMode::Keep);
            let mut rewritten = MappedText::default();
            normalize_chars(prefix.chars().map(|c| (c, 0)), HyphenMode::AsSpace, &mut rewritten);
            let mut expected = rewritten.clone();
            push_hyphens_as_spaces(&keep, &mut rewritten);
            normalize_chars(text.chars().enumerate().map(|(i, c)| (c, i as u32)), HyphenMode::AsSpace, &mut expected);
            prop_assert_eq!(rewritten, expected);
        }

        #[test]
        fn text_only_and_mapped_output_agree(text in label_like()) {
            for mode in [HyphenMode::Keep, HyphenMode::AsSpace] {
                let mapped = fast_path(&text, mode);
                prop_assert_eq!(normalize_str(&text, mode), mapped.text.clone());
                prop_assert_eq!(mapped.origin.len(), mapped.text.len());
            }
        }
    }

    #[test]
    fn every_output_byte_maps_to_its_source_character() {
        let mut out = MappedText::default();
        let chars = "Ａb".chars().enumerate().map(|(i, c)| (c, i as u32));
        normalize_chars(chars, HyphenMode::Keep, &mut out);
        assert_eq!(out.text, "ab");
        assert_eq!(out.origin, vec![0, 1]);
    }
}
