//! The plan as one printable, accessible HTML page, `text/html; charset=utf-8`.
//!
//! The page is self-contained: inline CSS with a print stylesheet, no scripts, fonts, images or
//! links to anywhere else. Every text goes through one escape function. Dates are days people can
//! count to, in the patient's zone and language ("Tuesday 10 March, 11:00", the labels' `date_time`),
//! with the UTC instant in `<time datetime>`; windows add the time counted from the treatment.

use chrono::{Datelike, NaiveDate, SecondsFormat};

use super::labels::{LabelSet, Labels};
use crate::protocol::{AftercarePlan, Continues, PlanRule, PlanWindow, RuleKind, TimePoint};

/// The inline stylesheet: readable on screen, compact and unbroken rows on paper.
const STYLE: &str = "body{font-family:system-ui,sans-serif;line-height:1.5;color:#111;background:#fff;\
max-width:48rem;margin:0 auto;padding:1rem}\
table{border-collapse:collapse;width:100%}\
th,td{border:1px solid #888;padding:.4rem;text-align:left;vertical-align:top}\
caption{text-align:left;font-weight:bold;padding-bottom:.4rem}\
.until,.note{display:block;font-size:.9em;color:#333}\
time span{white-space:nowrap}li{margin-bottom:.4rem}dt{font-weight:bold}\
@media print{body{max-width:none;padding:0;font-size:11pt}\
h2,h3{break-after:avoid}tr,li{break-inside:avoid}}";

/// Renders the plan as a complete HTML document.
#[must_use]
pub fn render(plan: &AftercarePlan) -> String {
    render_with(Labels::embedded(), plan)
}

/// [`render`] with the given labels (those of the content the service loaded).
#[must_use]
pub fn render_with(labels: &Labels, plan: &AftercarePlan) -> String {
    let labels = labels.for_locale(&plan.locale);
    let mut page = Page(String::new());
    page.raw("<!DOCTYPE html>\n");
    page.raw(&format!("<html lang=\"{}\">\n<head>\n", escape(plan.locale.as_str())));
    page.raw("<meta charset=\"utf-8\">\n");
    page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.element("title", &labels.plan_title);
    page.raw(&format!("<style>{STYLE}</style>\n</head>\n<body>\n<main>\n"));
    page.element("h1", &labels.plan_title);
    page.raw(&format!("<p class=\"first\">{}</p>\n", escape(&plan.provider_first)));
    page.raw("<dl>\n");
    page.element("dt", &labels.treated_at);
    page.raw(&format!("<dd>{}</dd>\n", time(&plan.treated_at, labels)));
    page.element("dt", &labels.timezone);
    page.element("dd", &plan.timezone);
    page.raw("</dl>\n");
    timeline(&mut page, plan, labels);
    for (kind, heading) in [
        (RuleKind::Do, &labels.r#do),
        (RuleKind::Avoid, &labels.avoid),
        (RuleKind::Tip, &labels.tips),
        (RuleKind::Expect, &labels.what_to_expect),
    ] {
        let rules: Vec<&PlanRule> = plan.rules.iter().filter(|rule| rule.kind == kind).collect();
        rule_section(&mut page, heading, &rules, labels);
    }
    milestones(&mut page, plan, labels);
    routine(&mut page, plan, labels);
    ingredients(&mut page, plan, labels);
    let contact: Vec<&PlanRule> = plan
        .rules
        .iter()
        .filter(|rule| rule.kind == RuleKind::Warning)
        .collect();
    if !contact.is_empty() {
        page.raw("<section>\n");
        page.element("h2", &labels.contact_provider);
        page.raw("<ul>\n");
        for rule in contact {
            page.raw(&format!("<li>{}", escape(&rule.text)));
            if let Some(note) = &rule.patient_note {
                page.raw(&format!("<span class=\"note\">{}</span>", escape(note)));
            }
            page.raw("</li>\n");
        }
        page.raw("</ul>\n</section>\n");
    }
    page.raw("</main>\n<footer>\n");
    let protocol = format!("{}: {} {}", labels.protocol, plan.protocol.id, plan.protocol.version);
    page.element("p", &protocol);
    page.raw("</footer>\n</body>\n</html>\n");
    page.0
}

/// The document being written; markup goes through `raw`, every text through `escape`.
struct Page(String);

impl Page {
    fn raw(&mut self, markup: &str) {
        self.0.push_str(markup);
    }

    /// `<tag>text</tag>` on its own line, the text escaped.
    fn element(&mut self, tag: &str, text: &str) {
        self.0.push_str(&format!("<{tag}>{}</{tag}>\n", escape(text)));
    }
}

fn timeline(page: &mut Page, plan: &AftercarePlan, labels: &LabelSet) {
    page.raw("<section>\n");
    page.element("h2", &labels.timeline);
    page.raw("<table>\n");
    page.element("caption", &labels.timeline_caption);
    page.raw("<thead>\n<tr>");
    for header in [&labels.phase, &labels.from, &labels.until, &labels.overview] {
        page.raw(&format!("<th scope=\"col\">{}</th>", escape(header)));
    }
    page.raw("</tr>\n</thead>\n<tbody>\n");
    for phase in &plan.phases {
        let until = phase
            .ends_at
            .as_ref()
            .map_or_else(|| escape(&labels.open_ended), |end| time(end, labels));
        let note = phase
            .patient_note
            .as_ref()
            .map(|note| format!("<span class=\"note\">{}</span>", escape(note)))
            .unwrap_or_default();
        page.raw(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{until}</td><td>{}{note}</td></tr>\n",
            escape(&phase.name),
            time(&phase.starts_at, labels),
            escape(&phase.summary)
        ));
    }
    page.raw("</tbody>\n</table>\n</section>\n");
}

fn rule_section(page: &mut Page, heading: &str, rules: &[&PlanRule], labels: &LabelSet) {
    if rules.is_empty() {
        return;
    }
    page.raw("<section>\n");
    page.element("h2", heading);
    page.raw("<ul>\n");
    for rule in rules {
        page.raw(&format!("<li>{}{}", escape(&rule.text), window(&rule.window, labels)));
        if let Some(note) = &rule.patient_note {
            page.raw(&format!("<span class=\"note\">{}</span>", escape(note)));
        }
        page.raw("</li>\n");
    }
    page.raw("</ul>\n</section>\n");
}

fn milestones(page: &mut Page, plan: &AftercarePlan, labels: &LabelSet) {
    if plan.milestones.is_empty() {
        return;
    }
    page.raw("<section>\n");
    page.element("h2", &labels.milestones);
    page.raw("<ul>\n");
    for milestone in &plan.milestones {
        page.raw(&format!(
            "<li>{}: {}",
            time(&milestone.at, labels),
            escape(&milestone.text)
        ));
        if let Some(note) = &milestone.patient_note {
            page.raw(&format!("<span class=\"note\">{}</span>", escape(note)));
        }
        page.raw("</li>\n");
    }
    page.raw("</ul>\n</section>\n");
}

fn routine(page: &mut Page, plan: &AftercarePlan, labels: &LabelSet) {
    page.raw("<section>\n");
    page.element("h2", &labels.routine);
    page.raw("<ul>\n");
    for step in &plan.routine.steps {
        page.raw(&format!(
            "<li>{}{}</li>\n",
            escape(&step.text),
            window(&step.window, labels)
        ));
    }
    page.raw("</ul>\n</section>\n");
}

fn ingredients(page: &mut Page, plan: &AftercarePlan, labels: &LabelSet) {
    let guidance = &plan.ingredients;
    if guidance.avoid.is_empty() && guidance.look_for.is_empty() {
        return;
    }
    page.raw("<section>\n");
    page.element("h2", &labels.ingredients);
    if !guidance.avoid.is_empty() {
        page.element("h3", &labels.ingredients_to_avoid);
        page.raw("<ul>\n");
        for class in &guidance.avoid {
            let name = escape(&labels.class_name(&class.class));
            page.raw(&format!("<li>{name}{}</li>\n", window(&class.window, labels)));
        }
        page.raw("</ul>\n");
    }
    if !guidance.look_for.is_empty() {
        page.element("h3", &labels.ingredients_to_look_for);
        page.raw("<ul>\n");
        guidance
            .look_for
            .iter()
            .for_each(|class| page.element("li", &labels.class_name(&class.class)));
        page.raw("</ul>\n");
    }
    page.raw("</section>\n");
}

/// How long something holds: "Until <time>…</time> (48 hours after your treatment)" for a window
/// that ends, "At least until <time>…</time> (72 hours after your treatment); then follow your
/// provider's instructions" for a minimum, and the always text for a rule that never expires.
fn window(window: &PlanWindow, labels: &LabelSet) -> String {
    let counted = window
        .after_treatment
        .as_ref()
        .map(|text| format!(" ({})", escape(text)))
        .unwrap_or_default();
    let text = match (window.continues, &window.ends_at, &window.at_least_until) {
        (Continues::No, Some(end), _) => format!("{} {}{counted}", escape(&labels.until), time(end, labels)),
        (Continues::AtLeast, _, Some(minimum)) => format!(
            "{} {}{counted}; {}",
            escape(&labels.at_least_until),
            time(minimum, labels),
            escape(&labels.then_provider)
        ),
        _ => escape(&window.text),
    };
    format!("<span class=\"until\">{text}</span>")
}

/// A `<time>` element: the UTC instant for machines; for people the local day and clock time in
/// the patient's zone and language, e.g. "Tuesday 10 March, 11:00" (the labels' `date_time`), or
/// the raw text if it is not an RFC 3339 local time, which never happens for a computed plan.
fn time(point: &TimePoint, labels: &LabelSet) -> String {
    let shown = local_parts(&point.local)
        .and_then(|(date, clock, _)| people_date(date, clock, labels))
        .unwrap_or_else(|| point.local.clone());
    format!(
        "<time datetime=\"{}\">{}</time>",
        point.utc.to_rfc3339_opts(SecondsFormat::Secs, true),
        escape(&shown)
    )
}

/// `date` (`YYYY-MM-DD`) and `clock` (`HH:MM`) as the labels write a day people can count to.
fn people_date(date: &str, clock: &str, labels: &LabelSet) -> Option<String> {
    let day = NaiveDate::parse_from_str(date, "%Y-%m-%d").ok()?;
    let weekday = &labels.weekdays[day.weekday().num_days_from_monday() as usize];
    let month = &labels.months[day.month0() as usize];
    Some(
        labels
            .date_time
            .replace("{weekday}", weekday)
            .replace("{day}", &day.day().to_string())
            .replace("{month}", month)
            .replace("{time}", clock),
    )
}

/// The date, `HH:MM` and offset of an RFC 3339 local time with a numeric offset, as the service
/// writes them (`2026-03-08T11:00:00.5-04:00` gives `2026-03-08`, `11:00`, `-04:00`): what chrono
/// writes as `%Y-%m-%d` and `%H:%M (UTC%:z)` after parsing it. `None` for any other shape.
fn local_parts(local: &str) -> Option<(&str, &str, &str)> {
    let bytes = local.as_bytes();
    let offset_at = bytes.len().checked_sub(6)?;
    let separators = [
        (4, b'-'),
        (7, b'-'),
        (10, b'T'),
        (13, b':'),
        (16, b':'),
        (offset_at + 3, b':'),
    ];
    let digits = [
        0,
        1,
        2,
        3,
        5,
        6,
        8,
        9,
        11,
        12,
        14,
        15,
        17,
        18,
        offset_at + 1,
        offset_at + 2,
        offset_at + 4,
        offset_at + 5,
    ];
    let well_formed = offset_at >= 19
        && matches!(bytes[offset_at], b'+' | b'-')
        && separators.iter().all(|&(index, byte)| bytes[index] == byte)
        && digits.iter().all(|&index| bytes[index].is_ascii_digit());
    well_formed.then(|| (&local[..10], &local[11..16], &local[offset_at..]))
}

/// Escapes a text for HTML content and attribute values: `& < > " '`. The five are ASCII, so the
/// text is scanned as bytes and copied in runs between them.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(index) = rest
        .bytes()
        .position(|byte| matches!(byte, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        escaped.push_str(&rest[..index]);
        escaped.push_str(match rest.as_bytes()[index] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        });
        rest = &rest[index + 1..];
    }
    escaped.push_str(rest);
    escaped
}

#[cfg(test)]
mod tests;
