//! Sets of ASCII characters as tables indexed by character: one look-up
//! tells most label characters apart.

/// A set of ASCII characters, as a table indexed by character.
pub(super) const fn ascii_set(chars: &[u8]) -> [bool; 128] {
    let mut set = [false; 128];
    let mut i = 0;
    while i < chars.len() {
        set[chars[i] as usize] = true;
        i += 1;
    }
    set
}

/// True when `c` is ASCII and in `set` (an [`ascii_set`]).
#[inline]
pub(super) fn in_ascii_set(set: &[bool; 128], c: char) -> bool {
    set.get(c as usize).copied().unwrap_or(false)
}
