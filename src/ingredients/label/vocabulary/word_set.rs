//! [`WordSet`]: a list of vocabulary words with one automaton over them, so a text is compared
//! with every word at once instead of word by word (the vocabulary has hundreds of words in a
//! dozen languages, and most texts match none).

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

/// Vocabulary words and an automaton over them. Equal when the words are.
///
/// The texts compared are short (a list entry, a few dozen characters of context), so the
/// automaton is stepped byte by byte here: no search set-up or prefilter per call.
#[derive(Debug, Clone)]
pub(crate) struct WordSet {
    words: Vec<String>,
    /// Every word, standard semantics: a match state lists every word ending there.
    automaton: Words,
    /// How the set is searched: its automaton has only that kind of start state.
    search: Search,
    /// The start state, anchored for [`Search::Opening`].
    start: StateID,
    /// Length in bytes of the longest word.
    longest: usize,
}

/// Largest DFA a word set keeps, in bytes. A DFA takes one look-up per byte, but words in a
/// dozen scripts make its table grow with their distinct bytes; past this size the set keeps a
/// contiguous NFA (about a tenth of the memory, a few more instructions per byte).
const DFA_LIMIT: usize = 128 * 1024;

/// The automaton of a [`WordSet`].
#[derive(Debug, Clone)]
enum Words {
    Dfa(DFA),
    Nfa(NFA),
}

/// Runs `$body` with `$a` bound to the automaton of `$words`, whichever kind it is.
macro_rules! with_automaton {
    ($words:expr, $a:ident => $body:expr) => {
        match $words {
            Words::Dfa($a) => $body,
            Words::Nfa($a) => $body,
        }
    };
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
        Self::with_dfa_limit(words, search, DFA_LIMIT)
    }

    /// [`WordSet::new`] keeping a DFA of at most `dfa_limit` bytes.
    fn with_dfa_limit(words: Vec<String>, search: Search, dfa_limit: usize) -> Result<Self, String> {
        let (start_kind, anchored) = match search {
            Search::Opening => (StartKind::Anchored, Anchored::Yes),
            Search::Anywhere => (StartKind::Unanchored, Anchored::No),
        };
        let dfa = DFA::builder()
            .match_kind(MatchKind::Standard)
            .start_kind(start_kind)
            .prefilter(false)
            .build(&words)
            .map_err(|e| e.to_string())?;
        let automaton = if dfa.memory_usage() <= dfa_limit {
            Words::Dfa(dfa)
        } else {
            let nfa = NFA::builder()
                .match_kind(MatchKind::Standard)
                .prefilter(false)
                .build(&words)
                .map_err(|e| e.to_string())?;
            Words::Nfa(nfa)
        };
        let start = with_automaton!(&automaton, a => a.start_state(anchored)).map_err(|e| e.to_string())?;
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
        self.search == Search::Opening && with_automaton!(&self.automaton, a => opens(a, self.start, text))
    }

    /// The lengths of the words `text` starts with, shortest first.
    pub(crate) fn each_opening(&self, text: &str) -> impl Iterator<Item = usize> {
        let text = if self.search == Search::Opening { text } else { "" };
        let mut lengths = Vec::new();
        with_automaton!(&self.automaton, a => openings(a, self.start, text, &mut lengths));
        lengths.into_iter()
    }

    /// True when one of the words occurs anywhere in `text`.
    pub(crate) fn within(&self, text: &str) -> bool {
        self.search == Search::Anywhere && with_automaton!(&self.automaton, a => within(a, self.start, text))
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
        let tail = &text.as_bytes()[from..];
        with_automaton!(&self.automaton, a => {
            let end = tail.iter().fold(self.start, |sid, &byte| a.next_state(Anchored::No, sid, byte));
            a.is_match(end)
        })
    }

    /// The words that occur in `text`, overlapping ones included, in the order they end: each
    /// as its start byte and its index in [`WordSet::words`].
    pub(crate) fn each_in(&self, text: &str) -> impl Iterator<Item = (usize, usize)> {
        let text = if self.search == Search::Anywhere { text } else { "" };
        let mut found = Vec::new();
        with_automaton!(&self.automaton, a => occurrences(a, self.start, text, &mut found));
        found.into_iter()
    }
}

/// The lengths of the words `text` opens with, stepping `a` anchored from `start`.
fn openings(a: &impl Automaton, start: StateID, text: &str, out: &mut Vec<usize>) {
    let mut sid = start;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        sid = a.next_state(Anchored::Yes, sid, byte);
        if a.is_dead(sid) {
            return;
        }
        if a.is_match(sid) {
            out.push(at + 1);
        }
    }
}

/// True when `text` opens with a word of `a`, stepped anchored from `start`.
fn opens(a: &impl Automaton, start: StateID, text: &str) -> bool {
    let mut sid = start;
    for &byte in text.as_bytes() {
        sid = a.next_state(Anchored::Yes, sid, byte);
        if a.is_dead(sid) {
            return false;
        }
        if a.is_match(sid) {
            return true;
        }
    }
    false
}

/// True when `a`, stepped unanchored from `start`, matches somewhere in `text`.
fn within(a: &impl Automaton, start: StateID, text: &str) -> bool {
    let mut sid = start;
    for &byte in text.as_bytes() {
        sid = a.next_state(Anchored::No, sid, byte);
        if a.is_match(sid) {
            return true;
        }
    }
    false
}

/// Every word of `a` in `text` as its start byte and pattern index, in the order they end.
fn occurrences(a: &impl Automaton, start: StateID, text: &str, out: &mut Vec<(usize, usize)>) {
    let mut sid = start;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        sid = a.next_state(Anchored::No, sid, byte);
        if a.is_match(sid) {
            for k in 0..a.match_len(sid) {
                let pattern = a.match_pattern(sid, k);
                out.push((at + 1 - a.pattern_len(pattern), pattern.as_usize()));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Search, WordSet, Words};

    /// Each of the kinds of automaton over `words`: a DFA and a contiguous NFA.
    fn both(words: &[&str], search: Search) -> [WordSet; 2] {
        let words: Vec<String> = words.iter().map(|w| (*w).to_owned()).collect();
        [usize::MAX, 0].map(|limit| WordSet::with_dfa_limit(words.clone(), search, limit).expect("a small word set"))
    }

    fn openings(words: &[&str]) -> [WordSet; 2] {
        both(words, Search::Opening)
    }

    fn set(words: &[&str]) -> [WordSet; 2] {
        both(words, Search::Anywhere)
    }

    #[test]
    fn a_limit_of_zero_keeps_an_nfa_and_the_default_a_dfa_for_small_sets() {
        let [dfa, nfa] = set(&["free"]);
        assert!(matches!(dfa.automaton, Words::Dfa(_)) && matches!(nfa.automaton, Words::Nfa(_)));
        let small = WordSet::new(vec!["free".to_owned()], Search::Anywhere).expect("a small word set");
        assert!(matches!(small.automaton, Words::Dfa(_)));
    }

    #[test]
    fn a_set_finds_nothing_with_the_other_kinds_methods() {
        for (opening, anywhere) in openings(&["free"]).into_iter().zip(set(&["free"])) {
            assert!(opening.opens("free"));
            assert!(!opening.within("free") && !opening.closes("free"));
            assert_eq!(opening.each_in("free").count(), 0);
            assert!(anywhere.within("free"));
            assert!(!anywhere.opens("free"));
            assert_eq!(anywhere.each_opening("free").count(), 0);
        }
    }

    #[test]
    fn each_opening_lists_every_word_the_text_starts_with() {
        for words in openings(&["warning", "warnings", "warn"]) {
            assert_eq!(words.each_opening("warnings:").collect::<Vec<_>>(), [4, 7, 8]);
            assert_eq!(words.each_opening("a warning").count(), 0);
        }
    }

    #[test]
    fn opens_only_at_the_start() {
        for words in openings(&["free from ", "sin "]) {
            assert!(words.opens("sin parabenos"));
            assert!(words.opens("free from parabens"));
            assert!(!words.opens("parabens free from"));
            assert!(!words.opens("si"));
        }
    }

    #[test]
    fn within_finds_a_word_anywhere() {
        for words in set(&[" without ", " free"]) {
            assert!(words.within("made without parabens"));
            assert!(!words.within("withouts"));
        }
    }

    #[test]
    fn closes_only_at_the_end() {
        for words in set(&[" free", "-free", "무첨가"]) {
            assert!(words.closes("paraben free"));
            assert!(words.closes("salicylic acid-free"));
            assert!(words.closes("파라벤무첨가"));
            assert!(!words.closes("free paraben"));
            assert!(!words.closes(""));
        }
        // A word that overlaps a shorter one at the end is still seen.
        for overlapping in set(&["abc", "bc"]) {
            assert!(overlapping.closes("xxabc"));
            assert!(overlapping.closes("bc"));
        }
    }

    #[test]
    fn each_in_lists_overlapping_words_with_their_starts() {
        for words in set(&["not ", "do not ", "no"]) {
            let mut found: Vec<(usize, usize)> = words.each_in("so do not use").collect();
            found.sort_unstable();
            assert_eq!(found, [(3, 1), (6, 0), (6, 2)]);
        }
    }

    #[test]
    fn an_empty_set_matches_nothing() {
        for (words, opening) in set(&[]).into_iter().zip(openings(&[])) {
            assert!(!opening.opens("anything"));
            assert!(!words.within("anything"));
            assert!(!words.closes("anything"));
        }
    }
}
