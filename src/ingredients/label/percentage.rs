//! Percentages in a piece ("2%", "(10 %)", "2.5 % w/w"): taken out of the
//! name and kept as the ingredient's concentration.

use std::ops::Range;

use super::Located;

/// Where the first percentage ("10%", "2.5 % w/w") of `name` lies.
fn find_percentage(name: &[Located]) -> Option<Range<usize>> {
    if !name.iter().any(|(c, _)| *c == '%') {
        return None;
    }
    let at = |i: usize| name.get(i).map(|&(c, _)| c);
    for i in 0..name.len() {
        let at_word = i == 0 || !name[i - 1].0.is_alphanumeric();
        if !at_word || !name[i].0.is_ascii_digit() {
            continue;
        }
        let mut j = i;
        while at(j).is_some_and(|c| c.is_ascii_digit() || matches!(c, '.' | ',')) {
            j += 1;
        }
        while at(j) == Some(' ') {
            j += 1;
        }
        if at(j) != Some('%') {
            continue;
        }
        let mut end = j + 1;
        for unit in [" w/w", " w/v", " v/v", "w/w", "w/v", "v/v"] {
            let rest = name[end..].iter().map(|(c, _)| c.to_ascii_lowercase());
            if unit.len() <= name.len() - end && rest.zip(unit.chars()).all(|(c, u)| c == u) {
                end += unit.len();
                break;
            }
        }
        return Some(i..end);
    }
    None
}

/// Removes a percentage ("10%", "2.5 % w/w") from `chars[from..]`, returning
/// its text with runs of spaces made one.
pub(super) fn take_percentage(chars: &mut Vec<Located>, from: usize) -> Option<String> {
    let found = find_percentage(&chars[from..])?;
    let mut text = String::new();
    let mut space = false;
    for (c, _) in chars.drain(from + found.start..from + found.end) {
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !text.is_empty() {
            text.push(' ');
        }
        space = false;
        text.push(c);
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn located(text: &str) -> Vec<Located> {
        text.chars().zip(0..).collect()
    }

    #[test]
    fn a_percentage_is_taken_out_with_its_unit_and_single_spaces() {
        let cases = [
            ("Glycolic Acid 10%", Some("10%"), "Glycolic Acid "),
            ("Octinoxate 7.5  % W/W", Some("7.5 % W/W"), "Octinoxate "),
            ("Zinc 2,5 %w/v oxide", Some("2,5 %w/v"), "Zinc  oxide"),
            ("Niacinamide 5% 2%", Some("5%"), "Niacinamide  2%"),
            ("x10% Water", None, "x10% Water"),
            ("Water", None, "Water"),
        ];
        for (piece, concentration, rest) in cases {
            let mut chars = located(piece);

            let taken = take_percentage(&mut chars, 0);

            assert_eq!(taken.as_deref(), concentration, "{piece}");
            assert_eq!(chars.iter().map(|(c, _)| c).collect::<String>(), rest, "{piece}");
        }
    }
}
