//! Per-thread working buffers of a check, reused from one check to the next.
//!
//! A check needs buffers as large as the submitted text (its characters, the
//! parsed names, the match text, ...). Allocating them per check costs more
//! than the work done in them, so each thread keeps one set. It is taken out
//! of the thread-local for the check and put back afterwards: a nested check
//! (or one after a panic that lost the set) simply starts with a new set, and
//! no borrow can be left held.

use std::cell::Cell;

use super::label::{IngredientList, ParseBuffers};
use super::matcher::Hit;

/// Buffers larger than this many submitted characters are not kept, so one
/// huge submission does not pin its memory to the thread.
const KEEP_UP_TO_CHARS: usize = 1 << 16;

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
    fn a_panicking_check_leaves_no_buffers_in_use() {
        let panicked = std::panic::catch_unwind(|| with_scratch(|_| panic!("check failed")));

        assert!(panicked.is_err());
        with_scratch(|scratch| assert!(scratch.hits.is_empty()));
    }
}
