//! One iCalendar content line: TEXT escaping and folding at 75 octets (RFC 5545 §3.1, §3.3.11).

/// The longest content line, in octets, excluding the CRLF (RFC 5545 §3.1).
pub const MAX_LINE_OCTETS: usize = 75;

/// One content line being written: folded at [`MAX_LINE_OCTETS`] octets, never inside a UTF-8
/// character, each continuation line starting with one space (RFC 5545 §3.1); ends in CRLF.
pub(super) struct Line<'a> {
    output: &'a mut String,
    /// Octets left on the current physical line.
    budget: usize,
}

impl<'a> Line<'a> {
    pub(super) fn start(output: &'a mut String) -> Self {
        Line {
            output,
            budget: MAX_LINE_OCTETS,
        }
    }

    pub(super) fn push(&mut self, character: char) {
        let octets = character.len_utf8();
        if octets > self.budget {
            self.output.push_str("\r\n ");
            self.budget = MAX_LINE_OCTETS - 1;
        }
        self.output.push(character);
        self.budget -= octets;
    }

    pub(super) fn push_str(&mut self, text: &str) {
        let mut rest = text;
        // Whole runs that fit are copied at once; a run is cut only where a line must fold.
        while rest.len() > self.budget {
            let mut cut = self.budget;
            while !rest.is_char_boundary(cut) {
                cut -= 1;
            }
            self.output.push_str(&rest[..cut]);
            self.output.push_str("\r\n ");
            self.budget = MAX_LINE_OCTETS - 1;
            rest = &rest[cut..];
        }
        self.output.push_str(rest);
        self.budget -= rest.len();
    }

    /// Appends a TEXT value escaped (RFC 5545 §3.3.11): backslash, semicolon, comma and newline;
    /// a CR and other control characters (forbidden in content lines) are dropped.
    pub(super) fn push_escaped(&mut self, text: &str) {
        let mut rest = text;
        while let Some(index) = next_special(rest) {
            self.push_str(&rest[..index]);
            let Some(character) = rest[index..].chars().next() else {
                break;
            };
            match character {
                '\\' => self.push_str("\\\\"),
                ';' => self.push_str("\\;"),
                ',' => self.push_str("\\,"),
                '\n' => self.push_str("\\n"),
                '\t' => self.push('\t'),
                _ => {}
            }
            rest = &rest[index + character.len_utf8()..];
        }
        self.push_str(rest);
    }

    pub(super) fn end(self) {
        self.output.push_str("\r\n");
    }
}

/// The byte index of the first character of `text` that a TEXT value escapes or drops: `\\`, `;`,
/// `,`, or a control character (general category Cc: U+0000–U+001F, U+007F, U+0080–U+009F, the
/// last encoded as 0xC2 0x80–0x9F). A byte scan: `char::is_control` per character costs several
/// times more on these long texts.
pub(super) fn next_special(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().position(|(index, &byte)| {
        matches!(byte, b'\\' | b';' | b',' | 0x00..=0x1f | 0x7f)
            || (byte == 0xc2 && bytes.get(index + 1).is_some_and(|next| (0x80..=0x9f).contains(next)))
    })
}
