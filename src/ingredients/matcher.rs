//! `Matcher::scan`: one Aho-Corasick pass over the normalised ingredient names.
//!
//! The automaton is built once from every normalised INCI name, synonym and CAS
//! number, with leftmost-longest semantics, so "ethylhexyl salicylate" (an
//! explicit not-restricted entry) wins over anything shorter inside it. A match
//! counts only when it sits on ingredient-name token boundaries.

use aho_corasick::{AhoCorasick, AhoCorasickKind, Input, MatchKind};

use super::knowledge::{KnowledgeBase, PatternSource};
use super::label::IngredientList;
use super::normalize::{HyphenMode, MappedText, normalize_chars};

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
    /// Normalises the names of a parsed list for matching.
    pub fn build(list: &IngredientList) -> Self {
        let mut out = MatchText::default();
        for (index, ingredient) in list.ingredients.iter().enumerate() {
            // The name, each alias, and the name qualified by its aliases
            // ("Jojoba Esters (Beads)" is also read as "jojoba esters beads").
            let qualified: Vec<(char, u32)> = match ingredient.aliases.as_slice() {
                [] => Vec::new(),
                aliases => {
                    let mut run = ingredient.name.clone();
                    for alias in aliases {
                        run.push((' ', alias.first().map_or(0, |c| c.1)));
                        run.extend(alias);
                    }
                    run
                }
            };
            for run in std::iter::once(&ingredient.name)
                .chain(&ingredient.aliases)
                .chain(std::iter::once(&qualified))
            {
                let before = out.mapped.text.len();
                let segment = Segment {
                    byte_start: before,
                    ingredient: index,
                };
                normalize_chars(run.iter().copied(), HyphenMode::AsSpace, &mut out.mapped);
                if out.mapped.text.len() > before {
                    out.segments.push(segment);
                    let last = out.mapped.origin.last().copied().unwrap_or(0);
                    out.mapped.text.push('\n');
                    out.mapped.origin.push(last);
                }
            }
        }
        out
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
    automaton: AhoCorasick,
    sources: Vec<PatternSource>,
}

fn is_word(c: Option<char>) -> bool {
    c.is_some_and(char::is_alphanumeric)
}

impl Matcher {
    /// Builds the automaton over every pattern of the knowledge base.
    pub fn new(knowledge: &KnowledgeBase) -> Result<Self, MatcherError> {
        let keys = knowledge.patterns().iter().map(|p| p.key.as_str());
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::DFA))
            .build(keys)
            .map_err(|e| MatcherError(e.to_string()))?;
        let sources = knowledge.patterns().iter().map(|p| p.source).collect();
        Ok(Self { automaton, sources })
    }

    /// Number of patterns in the automaton.
    pub fn pattern_count(&self) -> usize {
        self.sources.len()
    }

    /// Finds every boundary-aligned, leftmost-longest match, in text order.
    pub fn scan(&self, text: &MatchText) -> Vec<Hit> {
        let hay = text.mapped.text.as_str();
        let mut hits = Vec::new();
        let mut at = 0;
        while at < hay.len() {
            let Some(m) = self.automaton.find(Input::new(hay).span(at..hay.len())) else {
                break;
            };
            let before = hay[..m.start()].chars().next_back();
            let after = hay[m.end()..].chars().next();
            if is_word(before) || is_word(after) {
                // Not on a name boundary: look again one character later.
                at = m.start() + hay[m.start()..].chars().next().map_or(1, char::len_utf8);
                continue;
            }
            let origin = &text.mapped.origin;
            hits.push(Hit {
                ingredient: text.ingredient_at(m.start()),
                pattern: m.pattern().as_usize(),
                start: origin[m.start()],
                end: origin[m.end() - 1] + 1,
            });
            at = m.end();
        }
        hits
    }
}

#[cfg(test)]
mod tests;
