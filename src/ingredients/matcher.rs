//! `Matcher::scan`: one Aho-Corasick pass over the normalised ingredient names.
//!
//! The automaton is built once from every normalised INCI name, synonym and CAS
//! number, with leftmost-longest semantics, so "ethylhexyl salicylate" (an
//! explicit not-restricted entry) wins over anything shorter inside it. A match
//! counts only when it sits on ingredient-name token boundaries.
//!
//! The scan walks an anchored DFA from each position that opens a token: the
//! first such position whose longest match also ends on a boundary is the
//! match an unanchored leftmost-longest search with boundary retries would
//! accept, without restarting a search after every rejected candidate.

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::dfa::DFA;
use aho_corasick::{Anchored, MatchKind, StartKind};

use super::knowledge::{KnowledgeBase, PatternSource};
use super::match_text::MatchText;

/// The automaton could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the ingredient matcher: {0}")]
pub struct MatcherError(String);

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
    automaton: DFA,
    /// The anchored start state of `automaton`.
    start: StateID,
    sources: Vec<PatternSource>,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
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
        let automaton = DFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Anchored)
            .build(keys)
            .map_err(|e| MatcherError(e.to_string()))?;
        let start = automaton
            .start_state(Anchored::Yes)
            .map_err(|e| MatcherError(e.to_string()))?;
        let sources = knowledge.patterns().iter().map(|p| p.source).collect();
        Ok(Self {
            automaton,
            start,
            sources,
        })
    }

    /// Number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.sources.len()
    }

    /// Finds every boundary-aligned, leftmost-longest match, in text order.
    pub fn scan(&self, text: &MatchText) -> Vec<Hit> {
        let hay = text.mapped.text.as_str();
        let origin = &text.mapped.origin;
        // About one hit per name, and rarely more.
        let mut hits = Vec::with_capacity(text.segments.len());
        let (mut at, mut after_word) = (0, false);
        while at < hay.len() {
            let longest = if after_word { None } else { self.longest_at(hay, at) };
            if let Some((pattern, end)) = longest.filter(|&(_, end)| !word_at(hay, end)) {
                hits.push(Hit {
                    ingredient: text.ingredient_at(at),
                    pattern,
                    start: origin[at],
                    end: origin[end - 1] + 1,
                });
                after_word = is_word(hay[..end].chars().next_back());
                at = end;
                continue;
            }
            let (word, width) = match hay.as_bytes()[at] {
                b if b.is_ascii() => (b.is_ascii_alphanumeric(), 1),
                _ => hay[at..]
                    .chars()
                    .next()
                    .map_or((false, 1), |c| (c.is_alphanumeric(), c.len_utf8())),
            };
            (after_word, at) = (word, at + width);
            if word {
                // No match starts inside a word: skip the rest of an ASCII one.
                let rest = hay.as_bytes()[at..].iter().take_while(|b| b.is_ascii_alphanumeric());
                at += rest.count();
            }
        }
        hits
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
