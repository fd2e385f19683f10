//! [`WordSet`]: a list of vocabulary words with one automaton over them, so a text is compared
//! with every word at once instead of word by word (the vocabulary has hundreds of words in a
//! dozen languages, and most texts match none).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// Vocabulary words and an automaton over them. Equal when the words are.
///
/// The texts compared are short (a list entry, a few dozen characters of context), so the
/// automaton is stepped byte by byte here: no search set-up or prefilter per call.
#[derive(Debug, Clone)]
pub(crate) struct WordSet {
    words: Vec<String>,
    /// Every word, standard semantics: a match state lists every word ending there.
    automaton: DFA,
    /// How the set is searched: its automaton has only that kind of start state.
    search: Search,
    /// The start state, anchored for [`Search::Opening`].
    start: StateID,
    /// Length in bytes of the longest word.
    longest: usize,
}

/// How a [`WordSet`] is searched. A set built for one kind finds nothing with the other's methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Search {
    /// Only at the start of a text: [`WordSet::opens`], [`WordSet::each_opening`].
    Opening,
    /// Anywhere: [`WordSet::within`], [`WordSet::closes`], [`WordSet::each_in`].
    Anywhere,
}

impl PartialEq for WordSet {
    fn eq(&self, other: &Self) -> bool {
        self.words == other.words
    }
}

impl Eq for WordSet {}

impl WordSet {
    /// The set of `words` (none empty), searched as `search` says: a DFA with one kind of start
    /// state is half the size of one with both.
    pub(crate) fn new(words: Vec<String>, search: Search) -> Result<Self, String> {
        let (start_kind, anchored) = match search {
            Search::Opening => (StartKind::Anchored, Anchored::Yes),
            Search::Anywhere => (StartKind::Unanchored, Anchored::No),
        };
        let automaton = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(start_kind)
            .prefilter(false)
            .build(&words)
            .map_err(|e| e.to_string())?;
        let start = automaton.start_state(anchored).map_err(|e| e.to_string())?;
        let longest = words.iter().map(String::len).max().unwrap_or(0);
        Ok(Self {
            words,
            automaton,
            search,
            start,
            longest,
        })
    }

    /// The words, in file order.
    pub(crate) fn words(&self) -> &[String] {
        &self.words
    }

    /// True when `text` starts with one of the words.
    pub(crate) fn opens(&self, text: &str) -> bool {
        self.each_opening(text).next().is_some()
    }

    /// The lengths of the words `text` starts with, shortest first.
    pub(crate) fn each_opening<'t>(&'t self, text: &'t str) -> impl Iterator<Item = usize> + 't {
        let dfa = &self.automaton;
        let mut sid = self.start;
        let text = if self.search == Search::Opening { text } else { "" };
        text.as_bytes()
            .iter()
            .enumerate()
            .map_while(move |(at, &byte)| {
                sid = dfa.next_state(Anchored::Yes, sid, byte);
                (!dfa.is_dead(sid)).then_some((at, sid))
            })
            .filter(move |&(_, sid)| dfa.is_match(sid))
            .map(|(at, _)| at + 1)
    }

    /// True when one of the words occurs anywhere in `text`.
    pub(crate) fn within(&self, text: &str) -> bool {
        if self.search != Search::Anywhere {
            return false;
        }
        let dfa = &self.automaton;
        let mut sid = self.start;
        for &byte in text.as_bytes() {
            sid = dfa.next_state(Anchored::No, sid, byte);
            if dfa.is_match(sid) {
                return true;
            }
        }
        false
    }

    /// True when `text` ends with one of the words: only its last bytes are read.
    pub(crate) fn closes(&self, text: &str) -> bool {
        if self.search != Search::Anywhere {
            return false;
        }
        let mut from = text.len().saturating_sub(self.longest);
        while !text.is_char_boundary(from) {
            from -= 1;
        }
        let dfa = &self.automaton;
        let end = text.as_bytes()[from..]
            .iter()
            .fold(self.start, |sid, &byte| dfa.next_state(Anchored::No, sid, byte));
        dfa.is_match(end)
    }

    /// The words that occur in `text`, overlapping ones included, in the order they end: each
    /// as its start byte and its index in [`WordSet::words`].
    pub(crate) fn each_in<'t>(&'t self, text: &'t str) -> impl Iterator<Item = (usize, usize)> + 't {
        let dfa = &self.automaton;
        let mut sid = self.start;
        let text = if self.search == Search::Anywhere { text } else { "" };
        text.as_bytes().iter().enumerate().flat_map(move |(at, &byte)| {
            sid = dfa.next_state(Anchored::No, sid, byte);
            let matches = if dfa.is_match(sid) { dfa.match_len(sid) } else { 0 };
            let here = sid;
            (0..matches).map(move |k| {
                let pattern = dfa.match_pattern(here, k);
                (at + 1 - dfa.pattern_len(pattern), pattern.as_usize())
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::{Search, WordSet};

    fn set_for(words: &[&str], search: Search) -> WordSet {
        WordSet::new(words.iter().map(|w| (*w).to_owned()).collect(), search).expect("a small word set")
    }

    fn openings(words: &[&str]) -> WordSet {
        set_for(words, Search::Opening)
    }

    fn set(words: &[&str]) -> WordSet {
        set_for(words, Search::Anywhere)
    }

    #[test]
    fn a_set_finds_nothing_with_the_other_kinds_methods() {
        let opening = openings(&["free"]);
        assert!(opening.opens("free"));
        assert!(!opening.within("free") && !opening.closes("free"));
        assert_eq!(opening.each_in("free").count(), 0);
        let anywhere = set(&["free"]);
        assert!(anywhere.within("free"));
        assert!(!anywhere.opens("free"));
        assert_eq!(anywhere.each_opening("free").count(), 0);
    }

    #[test]
    fn each_opening_lists_every_word_the_text_starts_with() {
        let words = openings(&["warning", "warnings", "warn"]);
        assert_eq!(words.each_opening("warnings:").collect::<Vec<_>>(), [4, 7, 8]);
        assert_eq!(words.each_opening("a warning").count(), 0);
    }

    #[test]
    fn opens_only_at_the_start() {
        let words = openings(&["free from ", "sin "]);
        assert!(words.opens("sin parabenos"));
        assert!(words.opens("free from parabens"));
        assert!(!words.opens("parabens free from"));
        assert!(!words.opens("si"));
    }

    #[test]
    fn within_finds_a_word_anywhere() {
        let words = set(&[" without ", " free"]);
        assert!(words.within("made without parabens"));
        assert!(!words.within("withouts"));
    }

    #[test]
    fn closes_only_at_the_end() {
        let words = set(&[" free", "-free", "무첨가"]);
        assert!(words.closes("paraben free"));
        assert!(words.closes("salicylic acid-free"));
        assert!(words.closes("파라벤무첨가"));
        assert!(!words.closes("free paraben"));
        assert!(!words.closes(""));
        // A word that overlaps a shorter one at the end is still seen.
        let overlapping = set(&["abc", "bc"]);
        assert!(overlapping.closes("xxabc"));
        assert!(overlapping.closes("bc"));
    }

    #[test]
    fn each_in_lists_overlapping_words_with_their_starts() {
        let words = set(&["not ", "do not ", "no"]);
        let mut found: Vec<(usize, usize)> = words.each_in("so do not use").collect();
        found.sort_unstable();
        assert_eq!(found, [(3, 1), (6, 0), (6, 2)]);
    }

    #[test]
    fn an_empty_set_matches_nothing() {
        let words = set(&[]);
        assert!(!openings(&[]).opens("anything"));
        assert!(!words.within("anything"));
        assert!(!words.closes("anything"));
    }
}
