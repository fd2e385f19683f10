//! "May contain" clauses ("may contain", "+/-", "puede contener"): where one
//! opens and where its content starts.

use super::ascii_set::in_ascii_set;
use super::folded::prefix_len;

/// Openings of a "may contain" clause (folded to lower case, dashes as `-`).
const MAY_CONTAIN: [&str; 10] = [
    "may also contain",
    "may contain",
    "contains one or more of",
    "+/-",
    "[+/-",
    "±",
    "peut contenir",
    "puede contener",
    "kann enthalten",
    "pode conter",
];

/// For each ASCII character, the second characters (one bit per ASCII
/// character; all bits when any may follow) of the [`MAY_CONTAIN`] openings
/// it starts: most words are told apart from an opening by two characters.
static MAY_CONTAIN_PAIRS: [u128; 128] = {
    let mut table = [0u128; 128];
    let mut w = 0;
    while w < MAY_CONTAIN.len() {
        let bytes = MAY_CONTAIN[w].as_bytes();
        if bytes[0] < 128 {
            table[bytes[0] as usize] |= if bytes.len() > 1 && bytes[1] < 128 {
                1u128 << bytes[1]
            } else {
                u128::MAX
            };
        }
        w += 1;
    }
    table
};

/// True when a "may contain" opening can start with `c` followed by `next`.
#[inline]
fn opens_may_contain(c: char, next: Option<char>) -> bool {
    let Some(&seconds) = MAY_CONTAIN_PAIRS.get(c as usize) else {
        // The only opening that starts outside ASCII.
        return c == '±';
    };
    match next {
        _ if seconds == 0 => false,
        Some(n) if n.is_ascii() => seconds & (1u128 << (n as u32)) != 0,
        _ => seconds == u128::MAX,
    }
}

/// End of a "may contain" opening at `at`, if one starts there.
pub(super) fn may_contain_at(lower: &[char], at: usize, end: usize) -> Option<usize> {
    let at = (at..end).find(|&i| lower[i] != ' ')?;
    if !opens_may_contain(lower[at], lower.get(at + 1).copied()) {
        return None;
    }
    let first = lower[at];
    let mut words = MAY_CONTAIN.iter().filter(|word| word.starts_with(first));
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

/// ASCII characters a [`MAY_CONTAIN`] opening starts with.
static MAY_CONTAIN_FIRST: [bool; 128] = {
    let mut set = [false; 128];
    let mut w = 0;
    while w < MAY_CONTAIN.len() {
        let first = MAY_CONTAIN[w].as_bytes()[0];
        if first < 128 {
            set[first as usize] = true;
        }
        w += 1;
    }
    set
};

/// A "may contain" opening anywhere in `[start, end)`: (where it starts, where its content starts).
pub(super) fn may_contain_in(lower: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let starts = lower[start..end].iter().enumerate();
    // Most characters start no opening: one table look-up rules them out.
    let candidates = starts.filter(|&(_, &c)| in_ascii_set(&MAY_CONTAIN_FIRST, c) || c == '±');
    candidates.map(|(offset, _)| start + offset).find_map(|i| {
        // Cheap two-character test before the word-start and keyword checks.
        let opens = opens_may_contain(lower[i], lower.get(i + 1).copied());
        let at_word = opens && (i == start || !lower[i - 1].is_alphanumeric());
        if at_word {
            may_contain_at(lower, i, end).map(|content| (i, content))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_outside_the_first_character_table_open_no_may_contain_clause() {
        // Every ASCII character, one that is not, and the end of the text.
        let nexts: Vec<Option<char>> = (0..=0x80).map(char::from_u32).chain([None]).collect();
        for c in (0..=0x2100).filter_map(char::from_u32) {
            if in_ascii_set(&MAY_CONTAIN_FIRST, c) || c == '±' {
                continue;
            }
            for &next in &nexts {
                assert!(!opens_may_contain(c, next), "{c:?} {next:?}");
            }
        }
    }
}
