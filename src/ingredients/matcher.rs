//! `Matcher::scan`: one Aho-Corasick pass over the normalised ingredient names.
//!
//! The automaton is built once from every normalised INCI name, synonym and CAS
//! number, with leftmost-longest semantics, so "ethylhexyl salicylate" (an
//! explicit not-restricted entry) wins over anything shorter inside it. A match
//! counts only when it sits on ingredient-name token boundaries.
//!
//! The scan walks the automaton (a contiguous NFA, dense near its root), anchored, from each
//! position that opens a token: the first such position whose longest match also ends on a
//! boundary is the match an unanchored leftmost-longest search with boundary retries would
//! accept, without restarting a search after every rejected candidate.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::knowledge::{KnowledgeBase, PatternSource};
use super::match_text::MatchText;
use super::normalize::MappedText;

/// The automaton could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the ingredient matcher: {0}")]
pub struct MatcherError(String);

impl MatcherError {
    /// An automaton that could not be built, for `reason`.
    pub(crate) fn new(reason: String) -> Self {
        Self(reason)
    }
}

/// One match of a knowledge-base name in a submission.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index of the ingredient in the parsed list.
    pub ingredient: usize,
    /// Index of the pattern in [`KnowledgeBase::patterns`].
    pub pattern: usize,
    /// Half-open character span in the submitted string.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
}

/// The multi-pattern matcher, built once at start-up.
#[derive(Debug, Clone)]
pub struct Matcher {
    automaton: NFA,
    /// The anchored start state of `automaton`.
    start: StateID,
    sources: Vec<PatternSource>,
    /// For each pattern, true when it may run into the next word: several words, long.
    runs_on: Vec<bool>,
}

/// True for a letter or digit that joins the characters around it into one word. Scripts written
/// without spaces between words (Han, kana, Hangul) have no word boundaries to wait for: a name
/// may start or end next to any of their characters ("含水杨酸", "살리실릭애씨드가").
fn is_word(c: Option<char>) -> bool {
    c.is_some_and(|c| !is_unspaced_script(c) && c.is_alphanumeric())
}

/// What precedes a position of the text, for where a match may start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Before {
    /// The start, a space, punctuation, or a character of a script written without spaces.
    Space,
    /// A letter that joins the next character into its word.
    Letter,
    /// A digit.
    Digit,
}

impl Before {
    fn of(c: Option<char>) -> Self {
        if let Some(c) = c.filter(char::is_ascii) {
            return match c {
                '0'..='9' => Self::Digit,
                'a'..='z' | 'A'..='Z' => Self::Letter,
                _ => Self::Space,
            };
        }
        match c {
            Some(c) if c.is_ascii_digit() || (!c.is_ascii() && !is_unspaced_script(c) && c.is_numeric()) => Self::Digit,
            c if is_word(c) => Self::Letter,
            _ => Self::Space,
        }
    }
}

/// Depth of the automaton's states that get a full transition table: the first bytes of a
/// name, where most walks end. Deeper states are sparse, which keeps the automaton of names in a
/// dozen scripts near 0.4 MB instead of the 13 MB a full DFA takes.
const DENSE_DEPTH: usize = 3;

/// Shortest name, in bytes, that may run into the next word: long enough that it is never the
/// start of another word ("glycolic acid", not "aha").
const RUNS_ON_MIN_BYTES: usize = 10;

/// Han ideographs, kana and Hangul.
pub(crate) fn is_unspaced_script(c: char) -> bool {
    matches!(
        c,
        '\u{1100}'..='\u{11FF}'
            | '\u{3040}'..='\u{30FF}'
            | '\u{3130}'..='\u{318F}'
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{A960}'..='\u{A97F}'
            | '\u{AC00}'..='\u{D7FF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FFDC}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// True when the character starting at byte `at` of `hay` is alphanumeric.
fn word_at(hay: &str, at: usize) -> bool {
    match hay.as_bytes().get(at) {
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => is_word(hay[at..].chars().next()),
        None => false,
    }
}

impl Matcher {
    /// Builds the automaton over every pattern of the knowledge base.
    pub fn new(knowledge: &KnowledgeBase) -> Result<Self, MatcherError> {
        let keys = knowledge.patterns().iter().map(|p| p.key.as_str());
        let automaton = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .dense_depth(DENSE_DEPTH)
            .build(keys)
            .map_err(|e| MatcherError(e.to_string()))?;
        let start = automaton
            .start_state(Anchored::Yes)
            .map_err(|e| MatcherError(e.to_string()))?;
        let sources = knowledge.patterns().iter().map(|p| p.source).collect();
        let runs_on = knowledge
            .patterns()
            .iter()
            .map(|p| p.key.contains(' ') && p.key.len() >= RUNS_ON_MIN_BYTES && p.source != PatternSource::Cas)
            .collect();
        Ok(Self {
            automaton,
            start,
            sources,
            runs_on,
        })
    }

    /// Number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.sources.len()
    }

    /// Finds every boundary-aligned, leftmost-longest match, in text order.
    pub fn scan(&self, text: &MatchText) -> Vec<Hit> {
        let origin = &text.mapped.origin;
        // About one hit per name, and rarely more.
        let mut hits = Vec::with_capacity(text.segments.len());
        self.each_match(&text.mapped.text, |pattern, at, end| {
            hits.push(Hit {
                ingredient: text.ingredient_at(at),
                pattern,
                start: origin[at],
                end: origin[end - 1] + 1,
            });
        });
        hits
    }

    /// Finds every boundary-aligned, leftmost-longest match in free text (normalised with
    /// [`HyphenMode::AsSpace`](super::normalize::HyphenMode::AsSpace)): each pattern index with
    /// its half-open character span in the submitted text.
    pub fn scan_text(&self, text: &MappedText) -> Vec<(usize, u32, u32)> {
        let mut hits = Vec::new();
        self.each_match(&text.text, |pattern, at, end| {
            hits.push((pattern, text.origin[at], text.origin[end - 1] + 1));
        });
        hits
    }

    /// Calls `found(pattern, start byte, end byte)` for every match in `hay`, in order.
    ///
    /// A match starts where no letter or digit joins it to the text before, or right after a
    /// digit ("12Salix alba" from a scraped table cell); it ends where no letter or digit
    /// follows, except that a name of several words may run into the next word ("Salix
    /// albaanti-inflammatory"): such a long name is never the start of another word.
    fn each_match(&self, hay: &str, mut found: impl FnMut(usize, usize, usize)) {
        let (mut at, mut before) = (0, Before::Space);
        while at < hay.len() {
            let c = match hay.as_bytes()[at] {
                byte if byte.is_ascii() => char::from(byte),
                _ => hay[at..].chars().next().unwrap_or(' '),
            };
            let may_start = match before {
                Before::Space => true,
                Before::Letter => false,
                Before::Digit => c.is_alphabetic(),
            };
            let longest = if may_start { self.longest_at(hay, at) } else { None };
            if let Some((pattern, end)) = longest.filter(|&(p, end)| self.runs_on[p] || !word_at(hay, end)) {
                found(pattern, at, end);
                before = Before::of(hay[..end].chars().next_back());
                at = end;
                continue;
            }
            before = Before::of(Some(c));
            at += c.len_utf8();
            if before == Before::Letter {
                // No match starts inside a word: skip the rest of its ASCII letters.
                let rest = hay.as_bytes()[at..].iter().take_while(|b| b.is_ascii_alphabetic());
                at += rest.count();
            }
        }
    }

    /// The longest pattern that starts at byte `at`: its index and end.
    fn longest_at(&self, hay: &str, at: usize) -> Option<(usize, usize)> {
        let dfa = &self.automaton;
        let mut sid = self.start;
        let mut found = None;
        for (i, &byte) in hay.as_bytes()[at..].iter().enumerate() {
            sid = dfa.next_state(Anchored::Yes, sid, byte);
            if !dfa.is_special(sid) {
                continue;
            }
            if dfa.is_dead(sid) {
                break;
            }
            if dfa.is_match(sid) {
                let len = i + 1;
                // Matches copied along failure links start later: skip them.
                found = (0..dfa.match_len(sid))
                    .map(|k| dfa.match_pattern(sid, k))
                    .find(|&p| dfa.pattern_len(p) == len)
                    .map(|p| (p.as_usize(), at + len))
                    .or(found);
            }
        }
        found
    }
}

#[cfg(test)]
mod tests;
