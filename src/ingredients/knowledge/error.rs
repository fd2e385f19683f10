//! Errors of the knowledge file; every variant names the file.

/// A knowledge file that cannot be used; every variant names the file.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum KnowledgeError {
    /// The file is not valid TOML for the knowledge model.
    #[error("{file}: cannot parse: {message}")]
    Parse {
        /// The knowledge file.
        file: String,
        /// The TOML parser's message.
        message: String,
    },
    /// The file declares no language, or one twice.
    #[error("{file}: declared languages must be non-empty and distinct")]
    Languages {
        /// The knowledge file.
        file: String,
    },
    /// The file declares other languages than the protocol.
    #[error("{file}: declares languages [{languages}], the protocol [{protocol}]")]
    LanguagesDiffer {
        /// The knowledge file.
        file: String,
        /// The file's languages.
        languages: String,
        /// The protocol's languages.
        protocol: String,
    },
    /// `high_on_list` is 0: no place would be high on the list.
    #[error("{file}: high_on_list must be at least 1")]
    HighOnList {
        /// The knowledge file.
        file: String,
    },
    /// An entry's class is neither declared by the protocol's ingredient guidance nor
    /// `not-restricted`.
    #[error("{file}: entry `{entry}`: class `{class}` is not declared by the protocol (ingredient_guidance.toml)")]
    UndeclaredClass {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The undeclared class.
        class: String,
    },
    /// The compiled-in protocol the embedded knowledge base is checked against is invalid.
    #[error(transparent)]
    Protocol(#[from] crate::protocol::ContentError),
    /// Two entries share an id.
    #[error("{file}: duplicate ingredient id `{id}`")]
    DuplicateId {
        /// The knowledge file.
        file: String,
        /// The offending id.
        id: String,
    },
    /// An id is not kebab-case.
    #[error("{file}: entry `{id}`: id must be kebab-case")]
    BadId {
        /// The knowledge file.
        file: String,
        /// The offending id.
        id: String,
    },
    /// A `kind` or `severity` value is unknown.
    #[error("{file}: entry `{entry}`: unknown {field} `{value}`")]
    Unknown {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// Which field (`kind` or `severity`).
        field: &'static str,
        /// The unknown value.
        value: String,
    },
    /// Kind, class and severity do not fit together.
    #[error("{file}: entry `{entry}`: {problem}")]
    Inconsistent {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// What does not fit.
        problem: String,
    },
    /// A reason is missing (or empty) for a declared language.
    #[error("{file}: entry `{entry}`: missing `{language}` reason")]
    MissingReason {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The language code.
        language: String,
    },
    /// A reason is given in a language the file does not declare.
    #[error("{file}: entry `{entry}`: undeclared language `{language}`")]
    UndeclaredLanguage {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The language code.
        language: String,
    },
    /// A name, synonym or CAS number appears twice in one entry.
    #[error("{file}: entry `{entry}`: duplicate synonym `{synonym}`")]
    DuplicateSynonym {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The name as written.
        synonym: String,
    },
    /// Two entries claim the same normalised name.
    #[error("{file}: synonym `{synonym}` is claimed by both `{first}` and `{second}`")]
    ConflictingSynonym {
        /// The knowledge file.
        file: String,
        /// The name as written.
        synonym: String,
        /// The entry that claimed it first.
        first: String,
        /// The entry that claimed it again.
        second: String,
    },
    /// A CAS number is malformed or fails its check digit.
    #[error("{file}: entry `{entry}`: invalid CAS number `{cas}`")]
    BadCas {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The CAS number as written.
        cas: String,
    },
    /// `active` or `reinterpreted_as` names an unknown entry.
    #[error("{file}: entry `{entry}`: unknown reference `{target}`")]
    UnknownReference {
        /// The knowledge file.
        file: String,
        /// Id of the entry.
        entry: String,
        /// The id that was referenced.
        target: String,
    },
}
