//! The fixture protocol of the engine tests, `tests/fixtures/protocol/`: three phases, one rule of
//! each kind on both bases, two languages, and texts that say "Fixture". Engine tests assert
//! against it, so the shipped content can change without touching them; the shipped content is
//! held by the content-contract test and the snapshots in `tests/api/`.

use std::sync::LazyLock;

use super::{ContentFile, ContentSources, Protocol};

macro_rules! fixture_file {
    ($name:literal) => {
        ContentFile {
            name: concat!("tests/fixtures/protocol/", $name).to_owned(),
            text: include_str!(concat!("../../tests/fixtures/protocol/", $name)).to_owned(),
        }
    };
}

/// The fixture's data files.
pub(crate) fn sources() -> ContentSources {
    ContentSources {
        protocol: fixture_file!("protocol.toml"),
        phases: fixture_file!("phases.toml"),
        rules: fixture_file!("rules.toml"),
        milestones: fixture_file!("milestones.toml"),
        routine: fixture_file!("routine.toml"),
        ingredient_guidance: fixture_file!("ingredient_guidance.toml"),
    }
}

/// The fixture protocol, loaded once.
pub(crate) fn protocol() -> &'static Protocol {
    static PROTOCOL: LazyLock<Protocol> =
        LazyLock::new(|| Protocol::from_sources(&sources()).expect("the fixture protocol is valid"));
    &PROTOCOL
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeSet, HashSet};

    use super::*;
    use crate::protocol::{Basis, RuleKind};

    #[test]
    fn the_fixture_has_every_rule_kind_on_both_bases_in_two_languages() {
        let protocol = protocol();

        let kinds: HashSet<RuleKind> = protocol.rules().iter().map(|rule| rule.kind()).collect();
        let bases: HashSet<Basis> = protocol.rules().iter().map(|rule| rule.basis()).collect();

        assert_eq!(kinds.len(), 5, "{kinds:?}");
        assert_eq!(bases.len(), 2, "{bases:?}");
        assert_eq!(protocol.languages(), ["en", "es"]);
        assert!(protocol.rules().iter().any(|rule| rule.kind() == RuleKind::Avoid
            && rule.basis() == Basis::Guidance
            && rule.minimum_ends_after() < rule.ends_after()));
        assert!(
            protocol
                .milestones()
                .iter()
                .any(|milestone| milestone.ends_rules().len() > 1)
        );
    }

    #[test]
    fn the_fixture_has_the_file_set_of_the_shipped_content() {
        let names = |dir: &str| -> BTreeSet<String> {
            std::fs::read_dir(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir))
                .expect("a content directory")
                .map(|entry| entry.expect("readable").file_name().to_string_lossy().into_owned())
                .filter(|name| name.ends_with(".toml"))
                .collect()
        };

        for dir in ["protocol", "ingredients", "formats"] {
            assert_eq!(
                names(&format!("tests/fixtures/{dir}")),
                names(&format!("src/content/{dir}")),
                "{dir}"
            );
        }
    }
}
