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
    /// Removes a trailing space, if any.
    fn pop_space(&mut self);
}

impl NormalizeSink for MappedText {
    fn text_len(&self) -> usize {
        self.text.len()
    }

    #[inline(always)]
    fn push_char(&mut self, c: char, origin: u32) {
        self.text.push(c);
        let width = c.len_utf8();
        if width == 1 {
            self.origin.push(origin);
        } else {
            self.origin.extend(std::iter::repeat_n(origin, width));
        }
    }

    fn pop_space(&mut self) {
        self.trim_end_space();
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

    fn pop_space(&mut self) {
        if self.ends_with(' ') {
            self.pop();
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
pub fn normalize_chars<S: NormalizeSink>(chars: impl IntoIterator<Item = (char, u32)>, mode: HyphenMode, out: &mut S) {
    let mut writer = Writer {
        out,
        start_len: 0,
        last_space: false,
        hyphen: match mode {
            HyphenMode::Keep => '-',
            HyphenMode::AsSpace => ' ',
        },
    };
    writer.start_len = writer.out.text_len();
    for (c, origin) in chars {
        if c.is_ascii() {
            writer.ascii(c, origin);
        } else {
            writer.non_ascii(c, origin);
        }
    }
    if writer.out.text_len() > writer.start_len {
        writer.out.pop_space();
    }
}

/// The state of one [`normalize_chars`] call.
struct Writer<'a, S> {
    out: &'a mut S,
    /// Text length when the call started: a space is never written first.
    start_len: usize,
    /// True when the last character written was a space.
    last_space: bool,
    /// What a dash becomes.
    hyphen: char,
}

impl<S: NormalizeSink> Writer<'_, S> {
    /// Writes a character that needs no decomposition.
    #[inline(always)]
    fn ascii(&mut self, c: char, origin: u32) {
        let c = match c {
            '-' => self.hyphen,
            '\t' | '\n' | '\x0B' | '\x0C' | '\r' => ' ',
            _ => c.to_ascii_lowercase(),
        };
        self.emit(c, origin);
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

    /// Writes `c`, collapsing spaces and dropping a leading one.
    #[inline(always)]
    fn emit(&mut self, c: char, origin: u32) {
        let space = c == ' ';
        if space && (self.last_space || self.out.text_len() == self.start_len) {
            return;
        }
        self.last_space = space;
        self.out.push_char(c, origin);
    }
}

/// Normalises a whole string (used for knowledge-base names and claims).
pub fn normalize_str(text: &str, mode: HyphenMode) -> String {
    let mut out = String::with_capacity(text.len());
    normalize_chars(text.chars().map(|c| (c, 0)), mode, &mut out);
    out
}
