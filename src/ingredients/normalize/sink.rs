//! Where [`normalize_chars`](super::normalize_chars) writes: a bare `String`, or a
//! [`MappedText`] that also records the source offset of every byte.

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
    pub(super) fn trim_end_space(&mut self) {
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
