//! Names of entries: CAS check digits and the normalised pattern table.

use std::collections::HashMap;

use super::{Entry, KnowledgeError, Pattern, PatternSource, pattern_key};

/// True for a CAS registry number with a valid check digit.
pub(super) fn is_valid_cas(cas: &str) -> bool {
    let parts: Vec<&str> = cas.split('-').collect();
    let [a, b, check] = parts.as_slice() else {
        return false;
    };
    let digits_only = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    if !(digits_only(a)
        && (2..=7).contains(&a.len())
        && b.len() == 2
        && digits_only(b)
        && check.len() == 1
        && digits_only(check))
    {
        return false;
    }
    let body: Vec<u32> = format!("{a}{b}").chars().filter_map(|c| c.to_digit(10)).collect();
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| (i as u32 + 1) * d).sum();
    check.parse::<u32>().is_ok_and(|c| c == sum % 10)
}

/// Every normalised name of every entry; a name claimed twice is an error. Each name of several
/// words is also matched written without its spaces ("GlycolicAcid", "Salicylic\u{200B}Acid",
/// "benzoylperoxide"), unless that is another name of the file: the names as written come first.
pub(super) fn patterns_of(file: &str, entries: &[Entry]) -> Result<Vec<Pattern>, KnowledgeError> {
    let mut owner: HashMap<String, usize> = HashMap::new();
    let mut patterns = Vec::new();
    for (index, entry) in entries.iter().enumerate() {
        let names = std::iter::once((&entry.inci, PatternSource::Name))
            .chain(entry.synonyms.iter().map(|s| (s, PatternSource::Synonym)))
            .chain(entry.cas.iter().map(|c| (c, PatternSource::Cas)));
        for (written, source) in names {
            let key = pattern_key(written);
            let synonym = written.clone();
            match owner.get(&key) {
                _ if key.is_empty() => {
                    let problem = format!("name `{written}` is empty once normalised");
                    return Err(KnowledgeError::Inconsistent {
                        file: file.to_owned(),
                        entry: entry.id.clone(),
                        problem,
                    });
                }
                Some(&other) if other == index => {
                    return Err(KnowledgeError::DuplicateSynonym {
                        file: file.to_owned(),
                        entry: entry.id.clone(),
                        synonym,
                    });
                }
                Some(&other) => {
                    let (first, second) = (entries[other].id.clone(), entry.id.clone());
                    return Err(KnowledgeError::ConflictingSynonym {
                        file: file.to_owned(),
                        synonym,
                        first,
                        second,
                    });
                }
                None => {
                    owner.insert(key.clone(), index);
                    patterns.push(Pattern {
                        key,
                        entry: index,
                        source,
                        written: written.clone(),
                    });
                }
            }
        }
    }
    let joined: Vec<Pattern> = patterns
        .iter()
        .filter(|p| p.source != PatternSource::Cas && p.key.contains(' '))
        .filter_map(|p| {
            let key: String = p.key.split(' ').collect();
            let free = !owner.contains_key(&key);
            free.then(|| {
                owner.insert(key.clone(), p.entry);
                Pattern { key, ..p.clone() }
            })
        })
        .collect();
    patterns.extend(joined);
    Ok(patterns)
}
