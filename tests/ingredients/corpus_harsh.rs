//! Scores the harsh-product classes on the public corpus of real labels
//! (`tests/ingredients/corpus/real/`, field `harsh`): per class, how many labels annotated with it
//! get a flag of that class, and how many get a flag of a harsh class they are not annotated with.
//! `cargo test corpus_harsh -- --nocapture` prints the table.
//!
//! The floors below are the measured figures: a change that loses a found class or adds an
//! unannotated one fails, and a change that finds more raises them. Misses by design: the corpus
//! annotates essential oils broadly (lavender, rosemary...), wider than the documented list of
//! strong ones, and any ascorbic acid or denatured alcohol, where the knowledge base flags them only
//! at strength or high on the list. Most unannotated flags are lactic acid used as a pH adjuster
//! and retinoids named in a leaflet's prose.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::common::check;
use crate::corpus_format::{HARSH, corpus};

/// Fewest annotated (label, class) pairs that must be flagged.
const MIN_FOUND: usize = 279;
/// Most flags of a harsh class on a label not annotated with it.
const MAX_UNANNOTATED: usize = 21;

#[derive(Default)]
struct Score {
    expected: usize,
    found: usize,
    unannotated: usize,
}

#[test]
fn corpus_real_labels_harsh_classes_are_found() {
    let mut by_class: BTreeMap<&str, Score> = HARSH.iter().map(|class| (*class, Score::default())).collect();
    let mut problems = Vec::new();
    for (language, label) in corpus() {
        let result = check(&[&label.text]);
        let flagged: BTreeSet<&str> = result.flagged.iter().map(|f| f.class.as_str()).collect();
        for class in HARSH {
            let (annotated, found) = (label.harsh.iter().any(|h| h == class), flagged.contains(class));
            let score = by_class.get_mut(class).expect("every harsh class");
            score.expected += usize::from(annotated);
            score.found += usize::from(annotated && found);
            score.unannotated += usize::from(!annotated && found);
            match (annotated, found) {
                (true, false) => problems.push(format!("{language}: {:?}: {class} not found", label.name)),
                (false, true) => problems.push(format!("{language}: {:?}: {class} flagged, not annotated", label.name)),
                _ => {}
            }
        }
    }
    let mut table = String::from("class              expected  found  unannotated\n");
    for (class, s) in &by_class {
        let _ = writeln!(
            table,
            "{class:<18} {:>8} {:>6} {:>12}",
            s.expected, s.found, s.unannotated
        );
    }
    let found: usize = by_class.values().map(|s| s.found).sum();
    let unannotated: usize = by_class.values().map(|s| s.unannotated).sum();
    let _ = writeln!(
        table,
        "{:<18} {:>8} {found:>6} {unannotated:>12}",
        "all",
        by_class.values().map(|s| s.expected).sum::<usize>()
    );
    let _ = writeln!(table, "{} problems:\n{}", problems.len(), problems.join("\n"));
    eprintln!("{table}");
    assert!(
        found >= MIN_FOUND && unannotated <= MAX_UNANNOTATED,
        "found {found} (floor {MIN_FOUND}), unannotated {unannotated} (ceiling {MAX_UNANNOTATED})\n{table}"
    );
}
