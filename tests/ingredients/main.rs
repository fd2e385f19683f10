//! The ingredient check without HTTP: label parsing, the knowledge base, matching, verdicts,
//! the corpus of real labels and property tests. One test binary for all of them.

mod common;
mod corpus;
mod corpus_format;
mod corpus_harsh;
mod corpus_real;
mod corpus_reannotated;
mod knowledge_cases;
mod label_cases;
mod language_cases;
mod properties;
mod text_cases;
mod window_cases;
