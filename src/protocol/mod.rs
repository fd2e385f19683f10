//! The microneedling aftercare protocol: phases, rules, milestones, routine and ingredient
//! guidance, loaded from the data files under `src/content/protocol/` (or those of a `content.dir`)
//! and validated at start-up.
//!
//! Every text traces to the clinical guidance or is a documented `clinic-default`. Offsets are
//! ISO 8601 durations of elapsed time from the treatment instant; windows are half-open.
//!
//! ```
//! use aftercare::content::{Content, ContentRoot};
//! use aftercare::protocol::{Overrides, PatientZone, TreatedAt};
//!
//! // `Protocol::load()` gives the compiled-in protocol; this example loads the small fixture
//! // content of the tests (`tests/fixtures/`, served as a `content.dir` would be), so its numbers
//! // are the fixture's: the second phase starts PT36H after treatment.
//! let root = ContentRoot::Directory(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures").into());
//! let protocol = Content::load(&root).expect("the fixture content is valid").protocol;
//! let locale = protocol.negotiate(None, Some("es-MX,es;q=0.9")).expect("header never fails");
//! let treated_at = TreatedAt::parse("2026-03-07T10:00:00-05:00").expect("valid instant");
//! let zone = PatientZone::parse(Some("America/New_York"), &treated_at).expect("known zone");
//! let plan = protocol.plan(&treated_at, &zone, &locale, &Overrides::none());
//! assert_eq!(plan.phases[1].name, "Fase de prueba B");
//! // Offsets are elapsed time: PT36H after 10:00 at -05:00 is 23:00 at -04:00 the next day, since
//! // New York moved its clocks an hour forward in between.
//! assert_eq!(plan.phases[1].starts_at.local, "2026-03-08T23:00:00-04:00");
//! ```

mod compiled;
mod content;
mod describe;
mod duration;
pub(crate) mod fast_time;
mod locale;
mod lookup;
mod model;
mod overrides;
mod plan;
mod template;
mod texts;
mod time;
mod validate;
mod view;

pub use compiled::CompiledResponses;
pub use content::{ContentError, ContentFile, ContentProblem, ContentSources};
pub use duration::{DurationError, IsoDuration, MAX_DURATION_SECONDS};
pub use locale::{Locale, LocaleError};
pub use lookup::LookupError;
pub use model::{
    Basis, Continues, IngredientClass, LocalizedText, Milestone, Phase, Routine, RoutineStep, Rule, RuleKind,
};
pub use overrides::{MAX_OVERRIDE_ENDS_AFTER_HOURS, OverrideError, Overrides};
pub use template::TemplateError;
pub use texts::ProtocolTexts;
pub use time::{
    At, EARLIEST_ACCEPTED, EARLIEST_ACCEPTED_TIMESTAMP, InstantError, LATEST_ACCEPTED, LATEST_ACCEPTED_TIMESTAMP,
    PatientZone, TreatedAt, ZoneError,
};
pub use view::{
    AftercarePlan, AvoidIngredient, LookForIngredient, MilestoneRef, NextPhase, PhaseDescription, PhaseLookup,
    PhaseRule, PlanIngredients, PlanMilestone, PlanPhase, PlanRoutine, PlanRoutineStep, PlanRule, PlanWindow,
    ProtocolRef, RuleInForce, TimePoint,
};

/// The validated protocol. Build it once at start-up with [`Protocol::load`] and share it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Protocol {
    id: String,
    version: String,
    default_language: String,
    languages: Vec<String>,
    phases: Vec<Phase>,
    rules: Vec<Rule>,
    milestones: Vec<Milestone>,
    routine: Routine,
    avoid: Vec<IngredientClass>,
    look_for: Vec<IngredientClass>,
    texts: ProtocolTexts,
}

impl Protocol {
    /// Loads and validates the data files compiled into the binary.
    pub fn load() -> Result<Protocol, ContentError> {
        Protocol::from_sources(&ContentSources::compiled_in())
    }

    /// The statements every representation of a plan shares.
    pub fn texts(&self) -> &ProtocolTexts {
        &self.texts
    }

    /// The protocol id, `microneedling-aftercare`.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The protocol version, e.g. `1.0.0`.
    pub fn version(&self) -> &str {
        &self.version
    }

    /// The declared languages; every text exists in each of them.
    pub fn languages(&self) -> &[String] {
        &self.languages
    }

    /// The phases, in order.
    pub fn phases(&self) -> &[Phase] {
        &self.phases
    }

    /// A phase by id.
    pub fn phase(&self, id: &str) -> Option<&Phase> {
        self.phases.iter().find(|phase| phase.id() == id)
    }

    /// The rules, in data-file order.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// A rule by id.
    pub fn rule(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.id() == id)
    }

    /// The milestones, in data-file order (default offsets).
    pub fn milestones(&self) -> &[Milestone] {
        &self.milestones
    }

    /// The daily routine.
    pub fn routine(&self) -> &Routine {
        &self.routine
    }

    /// The warning rules: when to contact the provider.
    pub fn contact_provider(&self) -> impl Iterator<Item = &Rule> {
        self.rules.iter().filter(|rule| rule.kind() == RuleKind::Warning)
    }

    /// The restricted ingredient classes and the rule that sets each one's window.
    pub fn restricted_classes(&self) -> &[IngredientClass] {
        &self.avoid
    }

    /// The beneficial ingredient classes and the rule that recommends each.
    pub fn beneficial_classes(&self) -> &[IngredientClass] {
        &self.look_for
    }

    /// The `avoid` rule that restricts an ingredient class (e.g. `salicylic-acid` ->
    /// `avoid-active-ingredients`), or `None` if the class is not restricted.
    pub fn restriction_for_class(&self, class: &str) -> Option<&Rule> {
        Self::rule_for_class(&self.avoid, class).and_then(|rule_id| self.rule(rule_id))
    }

    /// The rule that recommends a beneficial ingredient class (e.g. `aloe-vera` ->
    /// `tip-soothing-products`), or `None`.
    pub fn benefit_for_class(&self, class: &str) -> Option<&Rule> {
        Self::rule_for_class(&self.look_for, class).and_then(|rule_id| self.rule(rule_id))
    }

    fn rule_for_class<'a>(classes: &'a [IngredientClass], class: &str) -> Option<&'a str> {
        classes
            .iter()
            .find(|entry| entry.class() == class)
            .map(IngredientClass::rule_id)
    }
}

#[cfg(test)]
pub(crate) mod fixture;
#[cfg(test)]
mod tests;
