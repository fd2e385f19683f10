//! Ingredient safety after microneedling: label parsing, normalisation, the
//! knowledge base, the matcher and the verdict.
//!
//! Start-up builds one [`IngredientChecker`] (it validates the knowledge and
//! label vocabulary files and builds the automaton); each request calls
//! [`IngredientChecker::check`].

pub mod answer_texts;
pub mod knowledge;
pub mod label;
pub mod match_text;
pub mod matcher;
pub mod normalize;
pub mod protocol_link;
pub mod report;
mod safety_net;
pub mod verdict;

use chrono::{DateTime, Utc};

pub use answer_texts::{AnswerTexts, AnswerTextsError};
pub use knowledge::{KnowledgeBase, KnowledgeError, Severity};
pub use label::{IngredientList, LabelVocabulary, VocabularyError};
pub use match_text::MatchText;
pub use matcher::{Matcher, MatcherError};
pub use report::{
    BeneficialIngredient, CheckNote, Coverage, FlaggedIngredient, FoundIn, IngredientCheck, IngredientsInput,
    MatchKind, ParsedIngredient, Span, Verdict,
};
pub use verdict::RestrictionWindows;

/// Building the checker failed: the service must not start.
#[derive(Debug, thiserror::Error)]
pub enum CheckerError {
    /// The knowledge file is invalid.
    #[error(transparent)]
    Knowledge(#[from] KnowledgeError),
    /// The label vocabulary file is invalid.
    #[error(transparent)]
    Vocabulary(#[from] VocabularyError),
    /// The answer texts file is invalid.
    #[error(transparent)]
    AnswerTexts(#[from] AnswerTextsError),
    /// The automaton could not be built.
    #[error(transparent)]
    Matcher(#[from] MatcherError),
}

/// A check request that cannot be answered.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CheckError {
    /// The language is not declared by the knowledge file.
    #[error("unsupported language `{0}`")]
    UnsupportedLanguage(String),
    /// A restricted hit names a rule the caller gave no window for.
    #[error("no restriction window for rule `{0}`")]
    MissingWindow(String),
}

/// What a check needs besides the ingredients.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions<'a> {
    /// Language of the reasons (`en`, `es`, ...).
    pub language: &'a str,
    /// Restriction windows by rule id, taken from the protocol.
    pub windows: &'a RestrictionWindows,
    /// Treatment instant; without it no restriction has an end.
    pub treated_at: Option<DateTime<Utc>>,
    /// The instant the verdict is for (the caller passes "now" by default).
    pub at: DateTime<Utc>,
}

/// The knowledge base and its matcher, built once at start-up.
#[derive(Debug, Clone)]
pub struct IngredientChecker {
    knowledge: KnowledgeBase,
    matcher: Matcher,
    vocabulary: LabelVocabulary,
    /// The safety net's words, built from `vocabulary`.
    net: safety_net::NetWords,
    answer_texts: AnswerTexts,
}

impl IngredientChecker {
    /// Builds a checker over a validated knowledge base that reads labels with `vocabulary` and
    /// words its answers with `answer_texts`.
    pub fn new(
        knowledge: KnowledgeBase,
        vocabulary: LabelVocabulary,
        answer_texts: AnswerTexts,
    ) -> Result<Self, CheckerError> {
        let matcher = Matcher::new(&knowledge)?;
        let net = safety_net::NetWords::new(&vocabulary).map_err(|e| MatcherError::new(e.to_string()))?;
        Ok(Self {
            knowledge,
            matcher,
            vocabulary,
            net,
            answer_texts,
        })
    }

    /// Builds a checker from the knowledge and vocabulary files compiled into the binary.
    pub fn embedded() -> Result<Self, CheckerError> {
        let knowledge = KnowledgeBase::embedded()?;
        let answer_texts = AnswerTexts::embedded(knowledge.languages())?;
        Self::new(knowledge, LabelVocabulary::embedded()?, answer_texts)
    }

    /// The knowledge base (for `referenced_rules` and `languages` at start-up).
    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.knowledge
    }

    /// The matcher.
    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    /// The words the label parser looks for.
    pub fn vocabulary(&self) -> &LabelVocabulary {
        &self.vocabulary
    }

    /// Checks submitted ingredients.
    pub fn check(&self, input: &IngredientsInput, options: &CheckOptions) -> Result<IngredientCheck, CheckError> {
        if !self.knowledge.languages().iter().any(|l| l == options.language) {
            return Err(CheckError::UnsupportedLanguage(options.language.to_owned()));
        }
        let items: Vec<label::Submitted> = input.items().iter().map(|text| label::Submitted::new(text)).collect();
        let list = IngredientList::parse_submitted(&self.vocabulary, &items);
        let contexts = safety_net::contexts(&self.net, &items);
        let mut hits = self.matcher.scan(list.match_text());
        let patterns = self.knowledge.patterns();
        let listed = safety_net::Listed::new(&list, &hits, patterns);
        safety_net::drop_negated(&self.net, patterns, &items, &contexts, &list, &mut hits);
        let unread = label::gaps::unread(&self.vocabulary, &items, &list);
        let text_hits = safety_net::scan(&self.matcher, &self.net, &items, &contexts, &list, &listed);
        let found = verdict::Hits {
            list: &hits,
            text: &text_hits,
        };
        verdict::assemble(
            &self.knowledge,
            &self.answer_texts,
            &items,
            list,
            found,
            unread,
            options,
        )
    }
}

#[cfg(test)]
mod tests;
