//! The one source of truth for restriction windows: every rule the knowledge base names must
//! exist in the protocol, and every class the protocol restricts or recommends must be tied to the
//! same rule in both files. Checked at start-up; the windows are then read from the protocol.

use super::knowledge::{KnowledgeBase, Role};
use super::verdict::RestrictionWindows;
use crate::protocol::Protocol;

const KNOWLEDGE_FILE: &str = "src/content/ingredients/knowledge.toml";

/// The knowledge base and the protocol disagree.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: entry `{entry}`: {problem}")]
pub struct LinkError {
    file: &'static str,
    entry: String,
    problem: String,
}

fn link_error(entry: &str, problem: String) -> LinkError {
    LinkError {
        file: KNOWLEDGE_FILE,
        entry: entry.to_owned(),
        problem,
    }
}

/// Checks the two files against each other and returns each referenced rule's window.
pub fn restriction_windows(knowledge: &KnowledgeBase, protocol: &Protocol) -> Result<RestrictionWindows, LinkError> {
    let classes = protocol
        .restricted_classes()
        .iter()
        .chain(protocol.beneficial_classes());
    let mut windows = RestrictionWindows::new();
    for entry in knowledge.entries() {
        let Some(rule_id) = entry.rule.as_deref() else {
            if matches!(entry.role, Role::NotRestricted) {
                continue;
            }
            return Err(link_error(&entry.id, "names no protocol rule".to_owned()));
        };
        let rule = protocol.rule(rule_id).ok_or_else(|| {
            link_error(
                &entry.id,
                format!("names rule `{rule_id}`, which the protocol does not have"),
            )
        })?;
        if let Some(class) = classes.clone().find(|class| class.class() == entry.class)
            && class.rule_id() != rule_id
        {
            return Err(link_error(
                &entry.id,
                format!(
                    "class `{}` is tied to rule `{}` in the protocol, not `{rule_id}`",
                    entry.class,
                    class.rule_id()
                ),
            ));
        }
        windows = windows.with(rule_id, rule.ends_after().to_time_delta());
    }
    Ok(windows)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_rule_missing_from_the_protocol_names_the_file_and_entry() {
        let protocol = Protocol::load().unwrap();
        let text = include_str!("../content/ingredients/knowledge.toml")
            .replace("rule = \"avoid-active-ingredients\"", "rule = \"avoid-nothing-at-all\"");
        let knowledge = KnowledgeBase::from_toml(KNOWLEDGE_FILE, &text).unwrap();
        let error = restriction_windows(&knowledge, &protocol).unwrap_err().to_string();
        assert!(
            error.contains(KNOWLEDGE_FILE) && error.contains("salicylic-acid"),
            "{error}"
        );
    }
}
