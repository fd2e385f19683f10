//! [`SharedText`]: knowledge-base text (ids, rule ids, reasons, matched
//! names) that answers repeat, shared instead of copied per hit.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

use serde::{Serialize, Serializer};

/// An immutable string shared by reference count: cloning it copies no text.
/// It reads, compares, prints and serialises as the plain string.
///
/// It also knows, from when it was made, whether a JSON string holds it as is (see
/// [`is_json_verbatim`](Self::is_json_verbatim)): answers write the same knowledge-base texts
/// again and again, so the direct JSON writer looks at them once instead of at every answer.
#[derive(Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SharedText {
    text: Arc<str>,
    /// No byte of `text` is one JSON escapes (derived from `text`, so comparisons agree).
    json_verbatim: bool,
}

impl SharedText {
    fn new(text: Arc<str>) -> Self {
        let json_verbatim = !text.bytes().any(|b| b < 0x20 || b == b'"' || b == b'\\');
        Self { text, json_verbatim }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// True when the text holds no control character (below U+0020), quote or backslash: the
    /// characters a JSON string escapes. Such a text goes between quotes as it is.
    pub fn is_json_verbatim(&self) -> bool {
        self.json_verbatim
    }
}

impl Deref for SharedText {
    type Target = str;

    fn deref(&self) -> &str {
        &self.text
    }
}

impl AsRef<str> for SharedText {
    fn as_ref(&self) -> &str {
        &self.text
    }
}

impl From<&str> for SharedText {
    fn from(text: &str) -> Self {
        Self::new(text.into())
    }
}

impl From<String> for SharedText {
    fn from(text: String) -> Self {
        Self::new(text.into())
    }
}

impl PartialEq<str> for SharedText {
    fn eq(&self, other: &str) -> bool {
        &*self.text == other
    }
}

impl PartialEq<&str> for SharedText {
    fn eq(&self, other: &&str) -> bool {
        &*self.text == *other
    }
}

impl fmt::Debug for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&*self.text, f)
    }
}

impl fmt::Display for SharedText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&*self.text, f)
    }
}

impl Serialize for SharedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_text_reads_prints_and_serialises_as_the_plain_string() {
        let text = "Contiene ácido \"salicílico\"\n";

        let shared = SharedText::from(text);

        assert_eq!(shared, text);
        assert_eq!(shared.as_str(), text);
        assert_eq!(format!("{shared:?}"), format!("{text:?}"));
        assert_eq!(shared.to_string(), text);
        assert_eq!(
            serde_json::to_string(&shared).unwrap(),
            serde_json::to_string(text).unwrap()
        );
    }

    #[test]
    fn a_text_is_json_verbatim_exactly_when_serde_json_writes_it_as_is() {
        let mut texts: Vec<String> = (0u32..0x80)
            .filter_map(char::from_u32)
            .map(|c| format!("ab{c}é"))
            .collect();
        texts.extend(["", "Contiene ácido salicílico", "tab\there", "\u{7f}\u{2028}☃"].map(str::to_owned));
        for text in texts {
            let verbatim = format!("\"{text}\"") == serde_json::to_string(&text).unwrap();
            assert_eq!(SharedText::from(text.as_str()).is_json_verbatim(), verbatim, "{text:?}");
        }
    }
}
