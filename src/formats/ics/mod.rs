//! The plan as an iCalendar feed (RFC 5545), `text/calendar; charset=utf-8`.
//!
//! - One event per phase, from its start to its end. The open-ended last phase becomes a one-day
//!   event at its start (a timed event in UTC rather than an all-day `VALUE=DATE` marker, whose
//!   day would float with the viewer's zone).
//! - One zero-length event per milestone, with a `DISPLAY` alarm at the moment itself.
//! - The calendar's `DESCRIPTION` and `X-WR-CALDESC` are the provider-first statement; the first
//!   event, at the treatment, repeats it with the contact advice.
//! - One event per avoid rule over its window: to its end, or for a minimum to the instant it is
//!   reached, its description saying that the provider's instructions decide after it.
//! - The daily sunscreen reminder as one recurring event (`RRULE:FREQ=DAILY`) from the start of
//!   the rule `do-daily-sunscreen`, with no end: the guidance says to apply sunscreen every day.
//!   Times are UTC, so the reminder keeps its UTC time across daylight-saving changes.
//! - `DTSTAMP` is the treatment instant, not the time of the request: the output is then a pure
//!   function of the request, reproducible and cacheable, and a subscribed calendar sees no change
//!   where there is none.
//! - UIDs are a FNV-1a 64 hash (stable across Rust versions, unlike `DefaultHasher`) of the
//!   treatment instant, zone, locale, protocol, item id and the caller's overrides fingerprint, so
//!   refreshing the same subscription URL updates events instead of duplicating them.
//! - Lines end in CRLF and are folded at 75 octets without splitting a UTF-8 character.

mod line;
mod uid;

use chrono::{DateTime, TimeDelta, Utc};

use super::labels::Labels;
use crate::protocol::{AftercarePlan, PlanMilestone, PlanPhase, PlanRule, RuleKind};
use line::Line;
pub use line::MAX_LINE_OCTETS;
#[cfg(test)]
use line::next_special;
#[cfg(test)]
use uid::fnv1a_64;
use uid::{uid, uid_prefix};

/// The id of the rule whose window the daily sunscreen reminder covers.
pub const SUNSCREEN_RULE_ID: &str = "do-daily-sunscreen";

/// Renders the plan as an iCalendar document with CRLF line endings.
///
/// `fingerprint` identifies the clinic overrides of the request (any stable canonical text, empty
/// for none); it only feeds the UIDs, so different overrides give different events.
#[must_use]
pub fn render(plan: &AftercarePlan, fingerprint: &str) -> String {
    render_with(Labels::embedded(), plan, fingerprint)
}

/// [`render`] with the given labels (those of the content the service loaded).
#[must_use]
pub fn render_with(labels: &Labels, plan: &AftercarePlan, fingerprint: &str) -> String {
    let labels = labels.for_locale(&plan.locale);
    let mut calendar = Calendar::new(plan, fingerprint);
    calendar.property("BEGIN", "VCALENDAR");
    calendar.property(
        "PRODID",
        &format!("-//Aftercare API//aftercare {}//EN", env!("CARGO_PKG_VERSION")),
    );
    calendar.property("VERSION", "2.0");
    calendar.property("CALSCALE", "GREGORIAN");
    calendar.property("METHOD", "PUBLISH");
    calendar.text("X-WR-CALNAME", &labels.calendar_name);
    // The provider-first statement is the calendar's own description (RFC 7986, and the
    // X-WR-CALDESC most clients read), and the first event's.
    calendar.text("DESCRIPTION", &plan.provider_first);
    calendar.text("X-WR-CALDESC", &plan.provider_first);
    calendar.contact(plan, &labels.contact_provider);
    for phase in &plan.phases {
        calendar.phase(phase, &labels.what_to_expect);
    }
    for milestone in &plan.milestones {
        calendar.milestone(milestone);
    }
    for rule in plan.rules.iter().filter(|rule| rule.kind == RuleKind::Avoid) {
        calendar.avoid(rule);
    }
    if let Some(rule) = plan.rules.iter().find(|rule| rule.id == SUNSCREEN_RULE_ID) {
        calendar.sunscreen(rule, &labels.daily_sunscreen);
    }
    calendar.property("END", "VCALENDAR");
    calendar.output
}

/// The document being written.
struct Calendar<'a> {
    output: String,
    /// FNV-1a state after the fields every UID of this plan shares (see [`uid`]).
    uid_prefix: u64,
    fingerprint: &'a str,
    /// `DTSTAMP`, the same on every event.
    stamp: String,
}

impl<'a> Calendar<'a> {
    fn new(plan: &'a AftercarePlan, fingerprint: &'a str) -> Self {
        Calendar {
            // About 500 octets per event: one allocation for a typical plan.
            output: String::with_capacity(16 * 1024),
            uid_prefix: uid_prefix(plan),
            fingerprint,
            stamp: utc(plan.treated_at.utc),
        }
    }

    /// Writes `NAME:value` (value already in iCalendar syntax), folded.
    fn property(&mut self, name: &str, value: &str) {
        let mut line = Line::start(&mut self.output);
        line.push_str(name);
        line.push(':');
        line.push_str(value);
        line.end();
    }

    /// Writes a TEXT property, escaped.
    fn text(&mut self, name: &str, value: &str) {
        let mut line = Line::start(&mut self.output);
        line.push_str(name);
        line.push(':');
        line.push_escaped(value);
        line.end();
    }

    fn begin_event(&mut self, item_id: &str, start: DateTime<Utc>, end: Option<DateTime<Utc>>) {
        self.property("BEGIN", "VEVENT");
        let uid = uid(self.uid_prefix, item_id, self.fingerprint);
        self.property("UID", &uid);
        let mut line = Line::start(&mut self.output);
        line.push_str("DTSTAMP:");
        line.push_str(&self.stamp);
        line.end();
        self.property("DTSTART", &utc(start));
        if let Some(end) = end {
            self.property("DTEND", &utc(end));
        }
        self.property("TRANSP", "TRANSPARENT");
    }

    fn alarm(&mut self, description: &str) {
        self.property("BEGIN", "VALARM");
        self.property("ACTION", "DISPLAY");
        self.text("DESCRIPTION", description);
        self.property("TRIGGER", "PT0S");
        self.property("END", "VALARM");
    }

    fn phase(&mut self, phase: &PlanPhase, what_to_expect: &str) {
        let start = phase.starts_at.utc;
        let end = phase.ends_at.as_ref().map_or(start + TimeDelta::days(1), |end| end.utc);
        self.begin_event(&format!("phase:{}", phase.id), start, Some(end));
        self.text("SUMMARY", &phase.name);
        let mut description = phase.summary.clone();
        if let Some(note) = &phase.patient_note {
            description.push_str("\n\n");
            description.push_str(note);
        }
        if !phase.what_to_expect.is_empty() {
            description.push_str("\n\n");
            description.push_str(what_to_expect);
            description.push(':');
            for item in &phase.what_to_expect {
                description.push_str("\n- ");
                description.push_str(item);
            }
        }
        self.text("DESCRIPTION", &description);
        self.property("END", "VEVENT");
    }

    fn milestone(&mut self, milestone: &PlanMilestone) {
        self.begin_event(&format!("milestone:{}", milestone.id), milestone.at.utc, None);
        self.text("SUMMARY", &milestone.text);
        let description = match &milestone.patient_note {
            Some(note) => format!("{}\n\n{note}", milestone.text),
            None => milestone.text.clone(),
        };
        self.text("DESCRIPTION", &description);
        self.alarm(&milestone.text);
        self.property("END", "VEVENT");
    }

    /// The provider-first statement and the contact advice, as the first event, at the treatment.
    fn contact(&mut self, plan: &AftercarePlan, title: &str) {
        self.begin_event("contact", plan.treated_at.utc, None);
        self.text("SUMMARY", title);
        let mut description = plan.provider_first.clone();
        for rule in plan.rules.iter().filter(|rule| rule.kind == RuleKind::Warning) {
            description.push_str("\n\n");
            description.push_str(&rule.text);
            if let Some(note) = &rule.patient_note {
                description.push_str("\n\n");
                description.push_str(note);
            }
        }
        self.text("DESCRIPTION", &description);
        self.property("END", "VEVENT");
    }

    /// An avoid rule as an event over its window: to its end, or for a minimum to the instant
    /// it is reached, the description saying that the provider's instructions decide after it.
    fn avoid(&mut self, rule: &PlanRule) {
        let window = &rule.window;
        let Some(end) = window.ends_at.as_ref().or(window.at_least_until.as_ref()) else {
            return;
        };
        self.begin_event(&format!("rule:{}", rule.id), rule.starts_at.utc, Some(end.utc));
        self.text("SUMMARY", &rule.text);
        let mut description = format!("{}\n\n{}", rule.text, window.text);
        if let Some(note) = &rule.patient_note {
            description.push_str("\n\n");
            description.push_str(note);
        }
        self.text("DESCRIPTION", &description);
        self.property("END", "VEVENT");
    }

    fn sunscreen(&mut self, rule: &PlanRule, title: &str) {
        let start = rule.starts_at.utc;
        self.begin_event(
            &format!("rule:{}", rule.id),
            start,
            Some(start + TimeDelta::minutes(15)),
        );
        // Sunscreen always applies: the reminder recurs with no end; a window that ends stops it
        // there (`UNTIL` is inclusive, hence the second before the exclusive end).
        match &rule.window.ends_at {
            Some(end) => {
                let last = end.utc - TimeDelta::seconds(1);
                self.property("RRULE", &format!("FREQ=DAILY;UNTIL={}", utc(last)));
            }
            None => self.property("RRULE", "FREQ=DAILY"),
        }
        self.text("SUMMARY", title);
        self.text("DESCRIPTION", &rule.text);
        self.alarm(title);
        self.property("END", "VEVENT");
    }
}

/// An instant as an iCalendar UTC DATE-TIME, `YYYYMMDDTHHMMSSZ`.
fn utc(instant: DateTime<Utc>) -> String {
    instant.format("%Y%m%dT%H%M%SZ").to_string()
}

#[cfg(test)]
mod tests;
