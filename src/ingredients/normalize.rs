//! Unicode normalisation for label text and knowledge-base names.
//!
//! Every character is mapped on its own (compatibility decomposition as in
//! NFKC, then case folding), so each output byte remembers the original
//! character it came from. Combining marks are dropped after decomposition:
//! matching is accent-insensitive ("ácido salicílico" == "acido salicilico"),
//! which is why the composition step of NFKC is unnecessary here (Hangul
//! syllables stay decomposed into jamo, so composed and decomposed Korean
//! text read the same).
//!
//! Text that cannot be seen is dropped: every format character (zero-width
//! spaces and joiners, U+2060, U+FEFF, bidirectional controls, tags), soft
//! hyphens, variation selectors and Hangul fillers. Cyrillic and Greek letters
//! that look like Latin ones are written as the Latin letter (the confusable
//! skeleton of UTS #39, for the letters a label can be spoofed with), so
//! "Sаlicylic" with a Cyrillic "а" reads as "salicylic"; knowledge-base names
//! go through the same mapping, so a Cyrillic name still matches itself.
//! `_` reads as a space, and so does a `.` between two letters
//! ("Salicylic_Acid", "Salicylic.Acid"). One deliberate exception to NFKC:
//! ligatures of whole words (U+FDF0..U+FDFD, squared katakana words) stay as
//! they are, so that no character expands into many.

mod sink;

use unicode_normalization::char::decompose_compatible;

pub use sink::{MappedText, NormalizeSink};

/// How hyphens are treated by [`normalize_chars`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HyphenMode {
    /// Keep hyphens (`coco-glucoside`): used for the displayed normalised name.
    Keep,
    /// Turn hyphens into spaces so `beta-hydroxy acid` matches `beta hydroxy acid`.
    AsSpace,
}

/// Characters that carry no text and are dropped: every format character (general category
/// Cf), the soft hyphen, variation selectors, Hangul fillers, and the trademark signs.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{0600}'..='\u{0605}'
            | '\u{061C}'
            | '\u{06DD}'
            | '\u{070F}'
            | '\u{0890}'..='\u{0891}'
            | '\u{08E2}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF9}'..='\u{FFFB}'
            | '\u{110BD}'
            | '\u{110CD}'
            | '\u{13430}'..='\u{1343F}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
            | '™'
            | '®'
            | '©'
    )
}

/// The Latin letter a lower-case Cyrillic or Greek letter is drawn like, if it is drawn like one
/// (the UTS #39 confusables of the letters a label can be spoofed with).
pub fn latin_look_alike(c: char) -> Option<char> {
    Some(match c {
        'а' | 'α' => 'a',
        'е' => 'e',
        'о' | 'ο' => 'o',
        'р' | 'ρ' => 'p',
        'с' | 'ϲ' => 'c',
        'у' | 'ү' => 'y',
        'х' | 'χ' => 'x',
        'і' | 'ι' | 'ı' => 'i',
        'ј' => 'j',
        'ѕ' => 's',
        'ԁ' => 'd',
        'һ' => 'h',
        'ӏ' => 'l',
        'ԛ' => 'q',
        'ԝ' => 'w',
        'ν' => 'v',
        'κ' => 'k',
        'υ' => 'u',
        'τ' => 't',
        'ɡ' => 'g',
        _ => return None,
    })
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
            b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'_' => b' ',
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
    /// True when the last character written is a letter.
    after_letter: bool,
    /// Origin of a `.` written right after a letter and not yet written: it becomes a space
    /// when a letter follows ("Salicylic.Acid") and stays a `.` otherwise.
    held_dot: Option<u32>,
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
            after_letter: false,
            held_dot: None,
        }
    }

    /// Writes a held `.`: as a space when `letter_next`, as itself otherwise.
    #[cold]
    fn release_dot(&mut self, origin: u32, letter_next: bool) {
        if letter_next {
            self.skip_space = true;
            self.out.push_ascii(b' ', origin);
        } else {
            self.skip_space = false;
            self.out.push_ascii(b'.', origin);
        }
    }

    /// Drops a trailing space written by this call.
    fn finish(mut self) {
        if let Some(dot) = self.held_dot.take() {
            self.release_dot(dot, false);
        }
        if self.out.text_len() > self.start_len {
            self.out.pop_space();
        }
    }

    /// Writes a character that needs no decomposition.
    #[inline(always)]
    fn ascii(&mut self, c: char, origin: u32) {
        let byte = self.ascii_map[c as usize & 0x7F];
        let letter = byte.is_ascii_alphabetic();
        if let Some(dot) = self.held_dot.take() {
            self.release_dot(dot, letter);
        } else if byte == b'.' && self.after_letter {
            self.held_dot = Some(origin);
            self.after_letter = false;
            return;
        }
        self.after_letter = letter;
        let space = byte == b' ';
        if space && self.skip_space {
            return;
        }
        self.skip_space = space;
        self.out.push_ascii(byte, origin);
    }

    /// Writes a letter that needs no mapping: no case, no decomposition, no dash or space.
    #[inline(always)]
    fn letter(&mut self, c: char, origin: u32) {
        if let Some(dot) = self.held_dot.take() {
            self.release_dot(dot, true);
        }
        self.after_letter = true;
        self.skip_space = false;
        self.out.push_char(c, origin);
    }

    /// Decomposes, folds and writes a non-ASCII character.
    fn non_ascii(&mut self, c: char, origin: u32) {
        match c {
            // Hangul syllables decompose into jamo (the algorithm of Unicode's chapter 3.12), and
            // jamo and unified Han ideographs are letters as they are: the general path below
            // would write the same, at several times the cost.
            '\u{AC00}'..='\u{D7A3}' => {
                let index = c as u32 - 0xAC00;
                let jamo = |code: u32| char::from_u32(code).unwrap_or(c);
                self.letter(jamo(0x1100 + index / 588), origin);
                self.letter(jamo(0x1161 + (index % 588) / 28), origin);
                if !index.is_multiple_of(28) {
                    self.letter(jamo(0x11A7 + index % 28), origin);
                }
                return;
            }
            '\u{1100}'..='\u{11FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' => {
                self.letter(c, origin);
                return;
            }
            // Ligatures of whole words (Arabic U+FDF0..U+FDFD, as U+FDFA decomposes into 18
            // characters; squared katakana words) are read as themselves: no ingredient name is
            // written with them, and decomposing them would let a label grow many times over.
            '\u{FDF0}'..='\u{FDFD}' | '\u{3300}'..='\u{3357}' => {
                self.letter(c, origin);
                return;
            }
            _ => {}
        }
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
                self.mapped(latin_look_alike(lower).unwrap_or(lower), origin);
            }
        });
    }

    /// Maps dashes, whitespace and apostrophes, then writes.
    fn mapped(&mut self, c: char, origin: u32) {
        let c = if is_dash(c) {
            self.hyphen
        } else if c.is_whitespace() || c == '_' {
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
        let letter = c.is_alphabetic();
        if let Some(dot) = self.held_dot.take() {
            self.release_dot(dot, letter);
        } else if c == '.' && self.after_letter {
            self.held_dot = Some(origin);
            self.after_letter = false;
            return;
        }
        self.after_letter = letter;
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
mod tests;
