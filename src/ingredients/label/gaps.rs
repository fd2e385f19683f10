//! The text of a submission that no ingredient entry covers: what `coverage.not_read` reports.
//!
//! A gap is cut to its first and last letter or digit; a gap with neither (separators,
//! punctuation, characters that carry no text) or that is only an ingredient heading
//! ("Ingredients:") is left out, so what remains is text a reader would call unread.

use super::vocabulary::LabelVocabulary;
use super::{IngredientList, Submitted};

/// A half-open character span of one submitted string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    /// Index of the submitted string.
    pub item: usize,
    /// First character.
    pub start: u32,
    /// End (exclusive).
    pub end: u32,
}

/// The unread gaps of every submitted string, in order; linear in the submission.
pub(crate) fn unread(words: &LabelVocabulary, items: &[Submitted], list: &IngredientList) -> Vec<Gap> {
    let mut gaps = Vec::new();
    let mut entries = list.ingredients.iter().peekable();
    for (item, submitted) in items.iter().enumerate() {
        let mut from = 0u32;
        while let Some(entry) = entries.next_if(|e| e.item == item) {
            push_gap(words, submitted, item, from, entry.start, &mut gaps);
            from = from.max(entry.end);
        }
        push_gap(words, submitted, item, from, submitted.chars.len() as u32, &mut gaps);
    }
    gaps
}

fn push_gap(words: &LabelVocabulary, submitted: &Submitted, item: usize, start: u32, end: u32, gaps: &mut Vec<Gap>) {
    if start >= end {
        return;
    }
    let chars = &submitted.chars[start as usize..end as usize];
    let Some(first) = chars.iter().position(|c| c.is_alphanumeric()) else {
        return;
    };
    let last = chars.iter().rposition(|c| c.is_alphanumeric()).unwrap_or(first);
    let text: String = chars[first..=last].iter().flat_map(|c| c.to_lowercase()).collect();
    if words.headings.iter().any(|(heading, _)| *heading == text) {
        return;
    }
    gaps.push(Gap {
        item,
        start: start + first as u32,
        end: start + last as u32 + 1,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unread_texts(text: &str) -> Vec<String> {
        let words = LabelVocabulary::embedded().expect("valid");
        let items = [Submitted::new(text)];
        let list = IngredientList::parse_submitted(&words, &items);
        unread(&words, &items, &list)
            .iter()
            .map(|g| items[0].cut(g.start, g.end))
            .collect()
    }

    #[test]
    fn text_before_the_heading_is_unread_but_the_heading_alone_is_not() {
        assert_eq!(
            unread_texts("Salicylic acid-free formula. Ingredients: Water, Glycerin"),
            ["Salicylic acid-free formula. Ingredients"]
        );
        assert!(unread_texts("Ingredients: Water, Glycerin").is_empty());
    }

    #[test]
    fn separators_and_invisible_characters_are_not_unread_text() {
        assert!(unread_texts("Water, , Glycerin.").is_empty());
        assert!(unread_texts(",,,,").is_empty());
        assert!(unread_texts("\u{200B}").is_empty());
    }
}
