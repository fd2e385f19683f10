//! Errors of the vocabulary file; every variant names the file, and the language and word where
//! there is one.

/// A vocabulary file that cannot be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyError {
    /// The file is not valid TOML for the vocabulary model.
    #[error("{file}: cannot parse: {message}")]
    Parse {
        /// The vocabulary file.
        file: String,
        /// The TOML parser's message.
        message: String,
    },
    /// The file has no language table.
    #[error("{file}: no language table")]
    NoLanguage {
        /// The vocabulary file.
        file: String,
    },
    /// A table is not named by a language code.
    #[error("{file}: `[{language}]` is not a two- or three-letter lower-case language code")]
    LanguageCode {
        /// The vocabulary file.
        file: String,
        /// The table's name.
        language: String,
    },
    /// A language table lists no word.
    #[error("{file}: `[{language}]` lists no word")]
    EmptyLanguage {
        /// The vocabulary file.
        file: String,
        /// The language code.
        language: String,
    },
    /// A word is empty, not in the form the parser compares, or listed twice.
    #[error("{file}: `[{language}]` {list}: `{word}` {problem}")]
    Word {
        /// The vocabulary file.
        file: String,
        /// The language code.
        language: String,
        /// The list (`stops`, `headings.active`, ...).
        list: String,
        /// The word as written.
        word: String,
        /// What is wrong with it.
        problem: &'static str,
    },
    /// Two languages make one heading open different sections.
    #[error("{file}: heading `{word}` opens different sections in `[{}]` and `[{}]`", languages[0], languages[1])]
    HeadingSections {
        /// The vocabulary file.
        file: String,
        /// The heading.
        word: String,
        /// The two languages.
        languages: [String; 2],
    },
    /// A list of words is too large for a matching automaton.
    #[error("{file}: {list}: cannot build the word matcher: {message}")]
    Automaton {
        /// The vocabulary file.
        file: String,
        /// The list.
        list: &'static str,
        /// The automaton builder's message.
        message: String,
    },
}
