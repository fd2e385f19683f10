//! "May contain" clauses ("may contain", "+/-", "puede contener"): where one
//! opens and where its content starts.

use super::folded::prefix_len;

/// The openings of a "may contain" clause, with tables that rule most
/// characters out before any opening is compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct MayContain {
    /// The openings (folded text), longest first.
    words: Vec<String>,
    /// For each ASCII character, the second characters (one bit per ASCII
    /// character; all bits when any may follow) of the openings it starts:
    /// most words are told apart from an opening by two characters.
    pairs: [u128; 128],
    /// The first characters of openings that start outside ASCII.
    non_ascii_first: Vec<char>,
}

impl MayContain {
    /// The openings `words` (folded, longest first).
    pub(super) fn new(words: Vec<String>) -> Self {
        let mut pairs = [0u128; 128];
        let mut non_ascii_first = Vec::new();
        for word in &words {
            let mut chars = word.chars();
            let Some(first) = chars.next() else { continue };
            match pairs.get_mut(first as usize) {
                Some(seconds) => {
                    *seconds |= match chars.next() {
                        Some(second) if second.is_ascii() => 1u128 << (second as u32),
                        _ => u128::MAX,
                    }
                }
                None => non_ascii_first.push(first),
            }
        }
        Self {
            words,
            pairs,
            non_ascii_first,
        }
    }

    /// True when an opening can start with `c`.
    #[inline]
    fn can_start(&self, c: char) -> bool {
        match self.pairs.get(c as usize) {
            Some(&seconds) => seconds != 0,
            None => self.non_ascii_first.contains(&c),
        }
    }

    /// True when an opening can start with `c` followed by `next`.
    #[inline]
    fn opens(&self, c: char, next: Option<char>) -> bool {
        let Some(&seconds) = self.pairs.get(c as usize) else {
            return self.non_ascii_first.contains(&c);
        };
        match next {
            _ if seconds == 0 => false,
            Some(n) if n.is_ascii() => seconds & (1u128 << (n as u32)) != 0,
            _ => seconds == u128::MAX,
        }
    }

    /// End of an opening at `at` (after spaces), with the punctuation that follows it, if one starts there.
    pub(super) fn at(&self, lower: &[char], at: usize, end: usize) -> Option<usize> {
        let at = (at..end).find(|&i| lower[i] != ' ')?;
        if !self.opens(lower[at], lower.get(at + 1).copied()) {
            return None;
        }
        let first = lower[at];
        let mut words = self.words.iter().filter(|word| word.starts_with(first));
        words.find_map(|word| {
            prefix_len(lower, at, word).map(|len| {
                let mut i = at + len;
                while i < end && matches!(lower[i], ' ' | ':' | '(' | ')' | '+' | '/' | '-') {
                    i += 1;
                }
                i
            })
        })
    }

    /// An opening anywhere in `[start, end)`: (where it starts, where its content starts).
    pub(super) fn find(&self, lower: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
        let starts = lower[start..end].iter().enumerate();
        // Most characters start no opening: one table look-up rules them out.
        let candidates = starts.filter(|&(_, &c)| self.can_start(c));
        candidates.map(|(offset, _)| start + offset).find_map(|i| {
            // Cheap two-character test before the word-start and keyword checks.
            let opens = self.opens(lower[i], lower.get(i + 1).copied());
            let at_word = opens && (i == start || !lower[i - 1].is_alphanumeric());
            if at_word {
                self.at(lower, i, end).map(|content| (i, content))
            } else {
                None
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn openings() -> MayContain {
        MayContain::new(["may contain", "+/-", "±", "peut contenir"].map(str::to_owned).to_vec())
    }

    #[test]
    fn characters_no_opening_starts_with_open_no_may_contain_clause() {
        let openings = openings();
        // Every ASCII character, one that is not, and the end of the text.
        let nexts: Vec<Option<char>> = (0..=0x80).map(char::from_u32).chain([None]).collect();
        for c in (0..=0x2100).filter_map(char::from_u32) {
            if matches!(c, 'm' | '+' | '±' | 'p') {
                continue;
            }
            assert!(!openings.can_start(c), "{c:?}");
            for &next in &nexts {
                assert!(!openings.opens(c, next), "{c:?} {next:?}");
            }
        }
    }

    #[test]
    fn an_opening_is_found_at_a_word_start_with_the_punctuation_after_it() {
        let openings = openings();
        let lower: Vec<char> = "water. may contain: ci 77891, ±mica, xpeut contenir".chars().collect();

        let found = openings.find(&lower, 0, lower.len());

        assert_eq!(found, Some((7, 20)));
        assert_eq!(
            openings.find(&lower, 21, lower.len()),
            Some((30, 31)),
            "± opens a clause with no space after it"
        );
        assert_eq!(openings.find(&lower, 32, lower.len()), None, "inside a word");
    }
}
