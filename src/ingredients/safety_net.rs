//! The whole-text safety net: the whole submitted text is scanned for every knowledge-base name,
//! so a restricted active printed anywhere on the label is found: in text the list parser did not
//! read as ingredients (prose, headings, one-line or comma-less lists, glued table cells, sections
//! it set aside) and across its separators ("Benzoílo, peróxido"). A name inside one list entry
//! is left to the list scan.
//!
//! A name outside the list does not count when its sentence makes it a claim or a warning:
//! a claim of absence or a negation earlier in the sentence ("free from", "alternative to",
//! "do not use with", "sin"), a claim opening right before it ("0%"), or a claim ending right
//! after it ("-free"). The words come from the label vocabulary, one table per language.

use super::knowledge::Pattern;
use super::label::folded::fold;
use super::label::{IngredientList, LabelVocabulary, NoteKind, Submitted};
use super::matcher::{Hit, Matcher, is_unspaced_script};
use foldhash::HashSet;

use super::label::{Search, WordSet};

use super::normalize::{HyphenMode, MappedText, normalize_chars};

/// Characters before a name read for a negation: enough for "do not use together with
/// products that contain", short enough that a long sentence's start does not reach a name.
const CONTEXT_BEFORE: usize = 80;
/// Characters after a name read for a claim ending.
const CONTEXT_AFTER: usize = 12;

/// The safety net's words in the form of [`HyphenMode::AsSpace`] text, built once at start-up:
/// negations and sentence claims in one automaton, claim openings and endings.
#[derive(Debug, Clone)]
pub(crate) struct NetWords {
    /// Words that negate a name later in their sentence.
    before: WordSet,
    /// For each word of `before`, true when it starts with a character of a script written
    /// without spaces (it need not start a word).
    unspaced: Vec<bool>,
    /// Claims right before a name ("0%").
    openings: WordSet,
    /// Claims right after a name (" free" for "-free").
    endings: WordSet,
    /// Line openings of a warning section.
    warnings: WordSet,
    /// Line openings of any section: headings and section stops.
    sections: WordSet,
}

/// `word` (a vocabulary word as compared, spaces at its ends kept) as [`HyphenMode::AsSpace`]
/// text writes it: hyphens as spaces, one space at a time.
fn as_space(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().map(|c| if c == '-' { ' ' } else { c }) {
        if !(c == ' ' && out.ends_with(' ')) {
            out.push(c);
        }
    }
    out
}

impl NetWords {
    /// The net's words from the label vocabulary.
    pub(crate) fn new(words: &LabelVocabulary) -> Result<Self, String> {
        let before: Vec<String> = words
            .text_negations
            .iter()
            .chain(words.sentence_claims())
            .map(|w| as_space(w))
            .filter(|w| !w.trim().is_empty())
            .collect();
        let unspaced = before
            .iter()
            .map(|w| w.chars().next().is_some_and(is_unspaced_script))
            .collect();
        let endings = words.text_negation_endings.iter().map(|w| as_space(w)).collect();
        let openings = words
            .piece_claim_openings()
            .iter()
            .map(|w| as_space(w).trim().to_owned())
            .filter(|w| !w.is_empty())
            .collect();
        Ok(Self {
            before: WordSet::new(before, Search::Anywhere)?,
            unspaced,
            openings: WordSet::new(openings, Search::Anywhere)?,
            endings: WordSet::new(endings, Search::Opening)?,
            warnings: WordSet::new(words.warning_sections.clone(), Search::Opening)?,
            sections: WordSet::new(words.section_openings(), Search::Opening)?,
        })
    }
}

/// What the net reads around names in one submitted string, worked out once per string.
#[derive(Debug)]
pub(crate) struct Context {
    /// The string normalised whole, as the net scans it and reads context in it.
    text: MappedText,
    /// Its warning sections.
    warned: Ranges,
}

/// The [`Context`] of every submitted string.
pub(crate) fn contexts(net: &NetWords, items: &[Submitted]) -> Vec<Context> {
    items
        .iter()
        .map(|submitted| {
            let mut text = MappedText::default();
            let located = submitted.chars().iter().zip(0u32..).map(|(&c, at)| (c, at));
            normalize_chars(located, HyphenMode::AsSpace, &mut text);
            let warned = Ranges::new(warning_sections(net, submitted.chars()));
            Context { text, warned }
        })
        .collect()
}

/// The knowledge-base entries the list scan found, by submitted string.
#[derive(Debug)]
pub(crate) struct Listed<'a> {
    found: HashSet<(usize, usize)>,
    patterns: &'a [Pattern],
}

impl<'a> Listed<'a> {
    /// The entries of the list's `hits` (before any is dropped as negated).
    pub(crate) fn new(list: &IngredientList, hits: &[Hit], patterns: &'a [Pattern]) -> Self {
        let found = hits
            .iter()
            .map(|h| (list.ingredients[h.ingredient].item, patterns[h.pattern].entry))
            .collect();
        Self { found, patterns }
    }

    /// True when the list scan found the entry of `pattern` in string `item`.
    fn contains(&self, item: usize, pattern: usize) -> bool {
        self.found.contains(&(item, self.patterns[pattern].entry))
    }
}

/// A knowledge-base name found outside the ingredient list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct TextHit {
    /// Index of the submitted string.
    pub item: usize,
    /// Index of the pattern in the knowledge base.
    pub pattern: usize,
    /// Half-open character span in the submitted string.
    pub start: u32,
    /// End of the span (exclusive).
    pub end: u32,
}

/// Half-open character ranges of one string, for overlap and containment tests in logarithmic
/// time: the ranges sorted by start, with the furthest end reached by each prefix.
#[derive(Debug, Default)]
struct Ranges {
    starts: Vec<u32>,
    max_end: Vec<u32>,
}

impl Ranges {
    fn new(mut ranges: Vec<(u32, u32)>) -> Self {
        ranges.sort_unstable();
        let mut furthest = 0;
        let max_end = ranges
            .iter()
            .map(|&(_, end)| {
                furthest = furthest.max(end);
                furthest
            })
            .collect();
        Self {
            starts: ranges.into_iter().map(|(start, _)| start).collect(),
            max_end,
        }
    }

    /// The furthest end of the ranges that start before `at` (or at it, when `inclusive`).
    fn reach(&self, at: u32, inclusive: bool) -> Option<u32> {
        let before = self.starts.partition_point(|&s| s < at || (inclusive && s == at));
        before.checked_sub(1).map(|last| self.max_end[last])
    }

    /// True when a range overlaps `start..end`.
    fn overlaps(&self, start: u32, end: u32) -> bool {
        self.reach(end, false).is_some_and(|reach| reach > start)
    }

    /// True when a range holds all of `start..end`.
    fn holds(&self, start: u32, end: u32) -> bool {
        self.reach(start, true).is_some_and(|reach| reach >= end)
    }
}

/// Every name in the submission that the list scan does not already stand for, and that no claim
/// or negation cancels, in order: names in text the parser did not read as ingredients, and names
/// that run across the parser's separators ("Benzoílo, peróxido", "benzoyle (peroxyde de)").
/// Linear in the submission: one normalisation and one scan per string, a bounded context per hit
/// and logarithmic range look-ups.
pub(crate) fn scan(
    matcher: &Matcher,
    net: &NetWords,
    items: &[Submitted],
    contexts: &[Context],
    list: &IngredientList,
    listed: &Listed<'_>,
) -> Vec<TextHit> {
    let mut hits = Vec::new();
    for ((item, submitted), Context { text, warned }) in items.iter().enumerate().zip(contexts) {
        let chars = submitted.chars();
        let entries = Ranges::new(
            list.ingredients
                .iter()
                .filter(|i| i.item == item)
                .map(|i| (i.start, i.end))
                .collect(),
        );
        let claims = Ranges::new(
            list.notes
                .iter()
                .filter(|n| n.item == item && n.kind == NoteKind::IgnoredClaim)
                .map(|n| (n.start, n.end))
                .collect(),
        );
        for (pattern, start, end) in matcher.scan_text(text) {
            // Inside one list entry, a name the list scan also found there is the list's to flag
            // (or to drop); one it did not find ("benzoyle (peroxyde de) hydraté", whose alias
            // splits the name) is the net's.
            let listed = entries.holds(start, end) && listed.contains(item, pattern);
            let kept = !listed
                && !claims.overlaps(start, end)
                && !warned.holds(start, end)
                && !negated(net, text, chars, 0, start, end);
            if kept {
                hits.push(TextHit {
                    item,
                    pattern,
                    start,
                    end,
                });
            }
        }
    }
    hits
}

/// Characters a section heading may follow at the start of its line.
fn is_lead(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '•' | '·' | '・' | '●' | '■' | '-' | '*' | '[' | '(' | '【' | '〔' | '#'
        )
}

/// The character ranges of the sections of `chars` that warn about other products: from a line
/// opening with a warning word to the next line opening with a heading or a section stop.
/// Each line costs at most its first few characters.
fn warning_sections(net: &NetWords, chars: &[char]) -> Vec<(u32, u32)> {
    const HEAD: usize = 48;
    let mut sections = Vec::new();
    let mut open: Option<usize> = None;
    let mut line = 0;
    let mut head = String::with_capacity(4 * HEAD);
    while line < chars.len() {
        let end = chars[line..]
            .iter()
            .position(|&c| c == '\n')
            .map_or(chars.len(), |p| line + p);
        let lead = (line..end).find(|&i| !is_lead(chars[i])).unwrap_or(end);
        head.clear();
        head.extend(chars[lead..end.min(lead + HEAD)].iter().map(|&c| fold(c)));
        let warns = net
            .warnings
            .each_opening(&head)
            .any(|len| !head[len..].starts_with(char::is_alphanumeric));
        if warns {
            open.get_or_insert(line);
        } else if let Some(from) = open.filter(|_| net.sections.opens(&head)) {
            sections.push((from as u32, line as u32));
            open = None;
        }
        line = end + 1;
    }
    if let Some(from) = open {
        sections.push((from as u32, chars.len() as u32));
    }
    sections
}

/// The list's hits less those in a warning section ("O que pode interferir com este
/// medicamento?" followed by a bulleted list of other medicines) and those their own ingredient
/// entry makes a claim or a comparison ("Nature's alternative to salicylic acid" read as one
/// entry): only the entry's text before the name is read, so a claim in an earlier entry never
/// reaches it.
///
/// A later hit of an entry already kept for the same ingredient is dropped unread: the verdict
/// keeps one result per ingredient and entry, so only the first needs its context read.
pub(crate) fn drop_negated(
    net: &NetWords,
    patterns: &[Pattern],
    items: &[Submitted],
    contexts: &[Context],
    list: &IngredientList,
    hits: &mut Vec<Hit>,
) {
    let mut kept: HashSet<(usize, usize)> = HashSet::default();
    hits.retain(|hit| {
        let key = (hit.ingredient, patterns[hit.pattern].entry);
        if kept.contains(&key) {
            return false;
        }
        let ingredient = &list.ingredients[hit.ingredient];
        let chars = items[ingredient.item].chars();
        let context = &contexts[ingredient.item];
        let in_warning = context.warned.holds(hit.start, hit.end);
        let keep = !in_warning && !negated(net, &context.text, chars, ingredient.start, hit.start, hit.end);
        if keep {
            kept.insert(key);
        }
        keep
    });
}

/// True when the sentence around characters `start..end` of `chars`, read back no further than
/// `floor`, makes the name a claim or a warning. `text` is the whole string normalised with
/// [`HyphenMode::AsSpace`], where the words are looked for: one automaton pass over at most
/// [`CONTEXT_BEFORE`] characters before the name and a few comparisons after it.
fn negated(net: &NetWords, text: &MappedText, chars: &[char], floor: u32, start: u32, end: u32) -> bool {
    let (floor, start, end) = (floor as usize, start as usize, end as usize);
    let from = sentence_start(chars, start, start.saturating_sub(CONTEXT_BEFORE).max(floor));
    let byte = |at: usize| text.origin.partition_point(|&o| (o as usize) < at);
    let (b_from, b_start, b_end) = (byte(from), byte(start), byte(end));
    let before = &text.text[b_from..b_start.max(b_from)];
    let mut after_to = (b_end + 4 * CONTEXT_AFTER).min(text.text.len());
    while !text.text.is_char_boundary(after_to) {
        after_to -= 1;
    }
    let after = &text.text[b_end.min(after_to)..after_to];
    // A word must start a word of the text ("no " is not the end of "piano "), except in
    // scripts written without spaces.
    let opens_word = |at: usize, pattern: usize| {
        net.unspaced[pattern] || before[..at].chars().next_back().is_none_or(|c| !c.is_alphanumeric())
    };
    net.before.each_in(before).any(|(at, pattern)| opens_word(at, pattern))
        || net.openings.closes(before.trim_end())
        || net.endings.opens(after)
}

/// The first character of the sentence holding `at`, looking back no further than `floor`.
fn sentence_start(chars: &[char], at: usize, floor: usize) -> usize {
    (floor..at)
        .rev()
        .find(|&i| {
            let c = chars[i];
            let next = chars.get(i + 1).copied();
            matches!(c, '\n' | '!' | '?' | ';' | '•' | '|' | '。' | '！' | '？' | '；')
                || (c == '.' && next.is_none_or(char::is_whitespace))
        })
        .map_or(floor, |i| i + 1)
}

#[cfg(test)]
mod tests;
