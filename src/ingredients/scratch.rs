//! Per-thread working buffers of a check, reused from one check to the next.
//!
//! A check needs buffers as large as the submitted text (its characters, the
//! parsed names, the match text, ...). Allocating them per check costs more
//! than the work done in them, so each thread keeps one set. It is taken out
//! of the thread-local for the check and put back afterwards: a nested check
//! (or one after a panic that lost the set) simply starts with a new set, and
//! no borrow can be left held.
//!
//! The answer's lists and texts are buffers of the same kind, but the answer
//! outlives the check: a dropped [`IngredientCheck`](super::IngredientCheck)
//! gives them back with [`give_back`].

use std::cell::Cell;

use super::check_texts::CheckTexts;
use super::label::{IngredientList, ParseBuffers};
use super::matcher::Hit;
use super::report::{BeneficialIngredient, CheckNote, FlaggedIngredient, ParsedIngredient};
use super::verdict::AssembleBuffers;

/// Buffers larger than this many submitted characters are not kept, so one
/// huge submission does not pin its memory to the thread.
const KEEP_UP_TO_CHARS: usize = 1 << 16;

/// The answer's texts hold each entry as written and normalised, plus the
/// matched texts and notes: a few times the submitted text, at most 4 bytes a
/// character. Larger texts came from a set over [`KEEP_UP_TO_CHARS`].
const KEEP_UP_TO_TEXT_BYTES: usize = 16 * KEEP_UP_TO_CHARS;

/// The reusable buffers of one check.
#[derive(Debug, Default)]
pub(super) struct Scratch {
    /// Character buffers of the submitted strings.
    pub chars: Vec<Vec<char>>,
    /// The parsed list (its ingredients are moved out into the answer).
    pub list: IngredientList,
    /// The parser's working buffers.
    pub parse: ParseBuffers,
    /// The matcher's hits.
    pub hits: Vec<Hit>,
    /// The working buffers of the verdict.
    pub assemble: AssembleBuffers,
    /// The lists and texts of the last answer dropped on this thread, for the next one.
    pub report: ReportBuffers,
}

/// The lists and texts of an answer, kept from one check to the next.
#[derive(Debug, Default)]
pub(super) struct ReportBuffers {
    /// Room for [`IngredientCheck::flagged`].
    pub flagged: Vec<FlaggedIngredient>,
    /// Room for [`IngredientCheck::beneficial`].
    pub beneficial: Vec<BeneficialIngredient>,
    /// Room for [`IngredientCheck::ingredients`].
    pub ingredients: Vec<ParsedIngredient>,
    /// Room for [`IngredientCheck::notes`].
    pub notes: Vec<CheckNote>,
    /// Room for [`IngredientCheck::texts`].
    pub texts: CheckTexts,
}

impl ReportBuffers {
    /// The most entries in any of the lists and the bytes of the texts.
    pub(super) fn sizes(&self) -> (usize, usize) {
        let lists = [
            self.flagged.capacity(),
            self.beneficial.capacity(),
            self.ingredients.capacity(),
            self.notes.capacity(),
        ];
        (lists.into_iter().max().unwrap_or(0), self.texts.capacity())
    }

    /// Empties every buffer, keeping its memory.
    pub(super) fn clear(&mut self) {
        self.flagged.clear();
        self.beneficial.clear();
        self.ingredients.clear();
        self.notes.clear();
        self.texts.clear();
    }
}

thread_local! {
    static SCRATCH: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// Runs `check` with this thread's buffers (or new ones when they are in use).
pub(super) fn with_scratch<R>(check: impl FnOnce(&mut Scratch) -> R) -> R {
    let mut scratch = SCRATCH.take().unwrap_or_default();
    let result = check(&mut scratch);
    let kept_chars: usize = scratch.chars.iter().map(Vec::capacity).sum();
    if kept_chars <= KEEP_UP_TO_CHARS {
        SCRATCH.set(Some(scratch));
    }
    result
}

/// Keeps the emptied lists and texts of a dropped answer for the next check on
/// this thread, unless they are larger than a kept set may be, or the thread's
/// set is in use (a check being built) or gone (the thread is ending).
pub(super) fn give_back(mut report: ReportBuffers) {
    // Every entry covers at least one submitted character.
    let (entries, text_bytes) = report.sizes();
    if entries > KEEP_UP_TO_CHARS || text_bytes > KEEP_UP_TO_TEXT_BYTES {
        return;
    }
    let Ok(Some(mut scratch)) = SCRATCH.try_with(Cell::take) else {
        return;
    };
    report.clear();
    scratch.report = report;
    SCRATCH.set(Some(scratch));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_nested_check_gets_its_own_buffers_and_the_outer_ones_are_kept() {
        // Arrange: buffers with a recognisable capacity.
        with_scratch(|outer| outer.hits.reserve(1000));

        // Act
        let nested_capacity = with_scratch(|outer| {
            assert!(outer.hits.capacity() >= 1000, "the kept buffers are reused");
            with_scratch(|nested| nested.hits.capacity())
        });

        // Assert
        assert_eq!(nested_capacity, 0, "the nested check starts with new buffers");
        with_scratch(|kept| assert!(kept.hits.capacity() >= 1000));
    }

    #[test]
    fn buffers_given_back_are_kept_emptied_unless_too_large() {
        // Arrange: this thread has a set.
        with_scratch(|_| {});
        let mut report = ReportBuffers::default();
        report.texts.push_str("Salicylic Acid");
        report.notes.reserve(10);
        let mut huge = ReportBuffers::default();
        huge.texts.reserve(KEEP_UP_TO_TEXT_BYTES + 1);

        // Act
        give_back(report);
        give_back(huge);

        // Assert
        with_scratch(|kept| {
            assert!(kept.report.notes.capacity() >= 10);
            assert_eq!(kept.report.texts.len(), 0, "kept emptied");
            assert!((14..=KEEP_UP_TO_TEXT_BYTES).contains(&kept.report.texts.capacity()));
        });
    }

    #[test]
    fn a_panicking_check_leaves_no_buffers_in_use() {
        let panicked = std::panic::catch_unwind(|| with_scratch(|_| panic!("check failed")));

        assert!(panicked.is_err());
        with_scratch(|scratch| assert!(scratch.hits.is_empty()));
    }
}
