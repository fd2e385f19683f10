//! The one proptest configuration of the unit tests: a failing case is saved under
//! `tests/proptest-regressions/` rather than in a directory at the top of the repository (where
//! proptest's default would put it); cases worth keeping become explicit tests.

use proptest::test_runner::{Config, FileFailurePersistence};

/// The configuration every `proptest!` block of the unit tests starts from, with `cases` cases.
pub(crate) fn with_cases(cases: u32) -> Config {
    Config {
        cases,
        failure_persistence: Some(Box::new(FileFailurePersistence::SourceParallel(
            "tests/proptest-regressions",
        ))),
        ..Config::default()
    }
}

/// [`with_cases`] with proptest's default number of cases.
pub(crate) fn standard() -> Config {
    with_cases(Config::default().cases)
}
