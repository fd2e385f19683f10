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
use super::label::{IngredientList, Located};
use super::normalize::{HyphenMode, MappedText, normalize_chars, push_hyphens_as_spaces};

/// The automaton could not be built.
#[derive(Debug, thiserror::Error)]
#[error("cannot build the ingredient matcher: {0}")]
pub struct MatcherError(String);

/// Where a run of [`MatchText`] came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Segment {
    /// First byte of the run in [`MatchText::text`].
    pub byte_start: usize,
    /// Index of the ingredient in the parsed list.
    pub ingredient: usize,
}

/// All ingredient names (and parenthesised aliases) of a submission, normalised
/// and joined by newlines, each byte mapped back to its original character.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MatchText {
    /// Normalised text and its byte-to-character map.
    pub mapped: MappedText,
    /// Runs in byte order.
    pub segments: Vec<Segment>,
}

impl MatchText {
    /// Normalises the names of a parsed list for matching (the parser writes
    /// the same text while parsing: [`IngredientList::match_text`]).
    pub fn build(list: &IngredientList) -> Self {
        let mut out = MatchText::default();
        // Name, aliases and the qualified name, each with a newline (exact for ASCII).
        let capacity: usize = list
            .ingredients
            .iter()
            .map(|i| {
                let aliases: usize = list.aliases(i).map(|a| a.len() + 1).sum();
                2 * (list.name(i).len() + aliases + 1)
            })
            .sum();
        out.mapped.text.reserve(capacity);
        out.mapped.origin.reserve(capacity);
        out.segments.reserve(list.ingredients.len());
        for (index, ingredient) in list.ingredients.iter().enumerate() {
            out.push_ingredient(index, list.name(ingredient), None, list.aliases(ingredient));
        }
        out
    }

    /// Makes room for `bytes` more bytes of text.
    pub(crate) fn reserve(&mut self, bytes: usize) {
        self.mapped.text.reserve(bytes);
        self.mapped.origin.reserve(bytes);
        // Names are rarely shorter than ten bytes.
        self.segments.reserve(bytes / 10);
    }

    /// Appends the runs of ingredient `index`: its name, each alias, and the
    /// name qualified by its aliases.
    ///
    /// `shown`, when given, is `name` already normalised with
    /// [`HyphenMode::Keep`]: the name's run is then rewritten from it instead
    /// of normalising `name` again.
    pub(crate) fn push_ingredient<'a>(
        &mut self,
        index: usize,
        name: &[Located],
        shown: Option<&MappedText>,
        aliases: impl Iterator<Item = &'a [Located]> + Clone,
    ) {
        let before = self.mapped.text.len();
        match shown {
            Some(shown) => push_hyphens_as_spaces(shown, &mut self.mapped),
            None => normalize_chars(name.iter().copied(), HyphenMode::AsSpace, &mut self.mapped),
        }
        self.end_run(index, before);
        let mut has_aliases = false;
        for alias in aliases.clone() {
            has_aliases = true;
            self.push_run(index, alias.iter().copied());
        }
        // The name qualified by its aliases: "Jojoba Esters (Beads)" is
        // also read as "jojoba esters beads". Where the name and an alias
        // meet, spaces collapse across the join, so this run is always
        // normalised from the characters.
        if has_aliases {
            let qualified = aliases.flat_map(|alias| {
                let space = (' ', alias.first().map_or(0, |c| c.1));
                std::iter::once(space).chain(alias.iter().copied())
            });
            self.push_run(index, name.iter().copied().chain(qualified));
        }
    }

    /// Appends one normalised run of ingredient `index`, ended by a newline.
    fn push_run(&mut self, index: usize, run: impl IntoIterator<Item = Located>) {
        let before = self.mapped.text.len();
        normalize_chars(run, HyphenMode::AsSpace, &mut self.mapped);
        self.end_run(index, before);
    }

    /// Ends the run of ingredient `index` written from byte `before` on, if
    /// it is not empty: records its segment and appends a newline.
    fn end_run(&mut self, index: usize, before: usize) {
        if self.mapped.text.len() > before {
            self.segments.push(Segment {
                byte_start: before,
                ingredient: index,
            });
            let last = self.mapped.origin.last().copied().unwrap_or(0);
            self.mapped.text.push('\n');
            self.mapped.origin.push(last);
        }
    }

    /// The ingredient whose run holds byte `at`.
    fn ingredient_at(&self, at: usize) -> usize {
        let index = self.segments.partition_point(|s| s.byte_start <= at);
        self.segments[index.saturating_sub(1)].ingredient
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
