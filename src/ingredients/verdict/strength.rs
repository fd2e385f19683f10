//! Which reading of an entry applies to one listed ingredient: its own, or its reading at
//! strength when the label states a concentration at or above the entry's threshold, or lists
//! the ingredient high on its list (within the first `high_on_list` ingredients of its section
//! and kit step). A stated concentration below the threshold outweighs the position.

use std::collections::BTreeMap;

use crate::ingredients::knowledge::{Entry, Hundredths, Role};
use crate::ingredients::label::{LabelIngredient, ListSection};

/// The class, role, rule and reason that apply to one hit of an entry.
#[derive(Debug, Clone, Copy)]
pub(super) struct Reading<'a> {
    /// Ingredient class.
    pub class: &'a str,
    /// Restricted, beneficial or not restricted.
    pub role: Role,
    /// The protocol rule of the class.
    pub rule: Option<&'a str>,
    /// Reasons per language.
    pub reason: &'a BTreeMap<String, String>,
}

/// The stated concentration "15%", "2,5 %w/v", "0.5 % W/W" in hundredths of a percent.
pub(super) fn stated_hundredths(concentration: &str) -> Option<Hundredths> {
    let number: String = concentration
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .map(|c| if c == ',' { '.' } else { c })
        .collect();
    let value: f64 = number.parse().ok()?;
    (value.is_finite() && value >= 0.0).then(|| (value * 100.0).round().min(f64::from(u32::MAX)) as Hundredths)
}

/// The 1-based place of every ingredient in its own list: ingredients of the same section and
/// kit step count together, whichever submitted string they are in.
pub(super) fn places(ingredients: &[LabelIngredient]) -> Vec<usize> {
    let mut counts: Vec<((ListSection, Option<u32>), usize)> = Vec::new();
    ingredients
        .iter()
        .map(|ingredient| {
            let key = (ingredient.section, ingredient.step);
            match counts.iter_mut().find(|(k, _)| *k == key) {
                Some((_, count)) => {
                    *count += 1;
                    *count
                }
                None => {
                    counts.push((key, 1));
                    1
                }
            }
        })
        .collect()
}

/// The reading of `entry` for an ingredient at `place` in its list with `concentration` stated.
pub(super) fn reading<'a>(entry: &'a Entry, place: usize, concentration: Option<&str>) -> Reading<'a> {
    let own = Reading {
        class: &entry.class,
        role: entry.role,
        rule: entry.rule.as_deref(),
        reason: &entry.reason,
    };
    let Some(strength) = &entry.at_strength else {
        return own;
    };
    let stated = concentration.and_then(stated_hundredths);
    let by_strength = strength
        .at_least
        .zip(stated)
        .map(|(at_least, stated)| stated >= at_least);
    let high = strength.within_first.is_some_and(|first| place <= first);
    let at_strength = match by_strength {
        Some(decided) => decided,
        None => high,
    };
    match at_strength {
        true => Reading {
            class: &strength.class,
            role: strength.role,
            rule: strength.rule.as_deref(),
            reason: &strength.reason,
        },
        false => own,
    }
}

#[cfg(test)]
mod tests;
