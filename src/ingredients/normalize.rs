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
    /// Appends one normalised character that came from original offset `origin`.
    fn push(&mut self, c: char, origin: u32) {
        let before = self.text.len();
        self.text.push(c);
        self.origin
            .extend(std::iter::repeat_n(origin, self.text.len() - before));
    }

    /// Removes a trailing space, if any.
    fn trim_end_space(&mut self) {
        if self.text.ends_with(' ') {
            self.text.pop();
            self.origin.pop();
        }
    }
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
pub fn normalize_chars(chars: impl IntoIterator<Item = (char, u32)>, mode: HyphenMode, out: &mut MappedText) {
    let start_len = out.text.len();
    let emit = |c: char, origin: u32, out: &mut MappedText| {
        let c = if is_dash(c) {
            match mode {
                HyphenMode::Keep => '-',
                HyphenMode::AsSpace => ' ',
            }
        } else if c.is_whitespace() {
            ' '
        } else if matches!(c, '\u{2018}' | '\u{2019}' | '\u{02BC}') {
            '\''
        } else {
            c
        };
        if c == ' ' && (out.text.len() == start_len || out.text.ends_with(' ')) {
            return;
        }
        out.push(c, origin);
    };
    for (c, origin) in chars {
        if c.is_ascii_alphanumeric() {
            out.text.push(c.to_ascii_lowercase());
            out.origin.push(origin);
        } else if c.is_ascii() {
            emit(c, origin, out);
        } else if is_invisible(c) {
            continue;
        } else if c == 'ß' || c == 'ẞ' {
            emit('s', origin, out);
            emit('s', origin, out);
        } else {
            decompose_compatible(c, |d| {
                if is_combining_mark(d) || is_invisible(d) {
                    return;
                }
                for lower in d.to_lowercase() {
                    emit(lower, origin, out);
                }
            });
        }
    }
    if out.text.len() > start_len {
        out.trim_end_space();
    }
}

/// Normalises a whole string (used for knowledge-base names and claims).
pub fn normalize_str(text: &str, mode: HyphenMode) -> String {
    let mut out = MappedText::default();
    normalize_chars(text.chars().map(|c| (c, 0)), mode, &mut out);
    out.text
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn every_output_byte_maps_to_its_source_character() {
        let mut out = MappedText::default();
        let chars = "Ａb".chars().enumerate().map(|(i, c)| (c, i as u32));
        normalize_chars(chars, HyphenMode::Keep, &mut out);
        assert_eq!(out.text, "ab");
        assert_eq!(out.origin, vec![0, 1]);
    }
}
