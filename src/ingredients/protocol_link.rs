//! The restriction windows of the knowledge base, read from the protocol. Every entry's rules (of
//! its class, and of its class at strength) were derived by the protocol's ingredient guidance
//! when the knowledge base was loaded ([`KnowledgeBase::from_toml`]); this checks, at start-up,
//! that the knowledge base was loaded against this protocol, and returns each referenced rule's
//! default window.

use super::knowledge::KnowledgeBase;
use super::verdict::RestrictionWindows;
use crate::protocol::Protocol;

/// The knowledge base names a rule the protocol does not have (it was loaded against another
/// protocol).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("ingredient entry `{entry}`: rule `{rule}` of its class is not in the protocol")]
pub struct LinkError {
    entry: String,
    rule: String,
}

/// Returns the default window of every rule the knowledge base's entries fall under.
pub fn restriction_windows(knowledge: &KnowledgeBase, protocol: &Protocol) -> Result<RestrictionWindows, LinkError> {
    let mut windows = RestrictionWindows::new();
    for entry in knowledge.entries() {
        for rule_id in entry.rules() {
            let rule = protocol.rule(rule_id).ok_or_else(|| LinkError {
                entry: entry.id.clone(),
                rule: rule_id.to_owned(),
            })?;
            windows = windows.with(rule_id, rule.ends_after().to_time_delta());
        }
    }
    Ok(windows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::protocol::{ContentFile, ContentSources};

    #[test]
    fn the_compiled_in_files_agree_and_give_the_protocol_windows() {
        let protocol = Protocol::load().unwrap();
        let knowledge = KnowledgeBase::embedded().unwrap();
        let windows = restriction_windows(&knowledge, &protocol).expect("files agree");
        let actives = protocol
            .rule("avoid-active-ingredients")
            .unwrap()
            .ends_after()
            .to_time_delta();
        assert_eq!(windows.get("avoid-active-ingredients"), Some(actives));
    }

    #[test]
    fn a_knowledge_base_loaded_against_another_protocol_is_refused_naming_the_entry() {
        let knowledge = KnowledgeBase::embedded().unwrap();
        let mut sources = ContentSources::compiled_in();
        let renamed = |file: &ContentFile| ContentFile {
            name: file.name.clone(),
            text: file.text.replace("avoid-active-ingredients", "avoid-actives"),
        };
        sources.rules = renamed(&sources.rules);
        sources.ingredient_guidance = renamed(&sources.ingredient_guidance);
        sources.milestones = renamed(&sources.milestones);
        let other = Protocol::from_sources(&sources).expect("the renamed protocol is valid");
        let error = restriction_windows(&knowledge, &other).unwrap_err().to_string();
        assert!(
            error.contains("salicylic-acid") && error.contains("avoid-active-ingredients"),
            "{error}"
        );
    }
}
