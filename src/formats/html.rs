//! The plan as one printable, accessible HTML page, `text/html; charset=utf-8`.
//!
//! The page is self-contained: inline CSS with a print stylesheet, no scripts, fonts, images or
//! links to anywhere else. Every text goes through one escape function. Dates are shown in the patient's
//! zone as `2026-03-08 11:00 (UTC-04:00)`, with the UTC instant in `<time datetime>`.

use chrono::SecondsFormat;

use super::labels::{LabelSet, Labels};
use crate::protocol::{AftercarePlan, PlanRoutineStep, PlanRule, RuleKind, TimePoint};

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
    page.raw("<dl>\n");
    page.element("dt", &labels.treated_at);
    page.raw(&format!("<dd>{}</dd>\n", time(&plan.treated_at)));
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
    if !plan.contact_provider.is_empty() {
        page.raw("<section>\n");
        page.element("h2", &labels.contact_provider);
        page.raw("<ul>\n");
        plan.contact_provider.iter().for_each(|text| page.element("li", text));
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
        let until = phase.ends_at.as_ref().map_or_else(|| escape(&labels.open_ended), time);
        page.raw(&format!(
            "<tr><th scope=\"row\">{}</th><td>{}</td><td>{until}</td><td>{}</td></tr>\n",
            escape(&phase.name),
            time(&phase.starts_at),
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
        page.raw(&format!("<li>{}{}", escape(&rule.text), until(&rule.ends_at, labels)));
        if let Some(note) = &rule.basis_note {
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
        page.raw(&format!("<li>{}: {}", time(&milestone.at), escape(&milestone.text)));
        if let Some(note) = &milestone.basis_note {
            page.raw(&format!("<span class=\"note\">{}</span>", escape(note)));
        }
        page.raw("</li>\n");
    }
    page.raw("</ul>\n</section>\n");
}

fn routine(page: &mut Page, plan: &AftercarePlan, labels: &LabelSet) {
    page.raw("<section>\n");
    page.element("h2", &labels.routine);
    for (heading, steps) in [
        (&labels.morning, &plan.routine.morning),
        (&labels.evening, &plan.routine.evening),
        (&labels.during_the_day, &plan.routine.during_the_day),
    ] {
        if steps.is_empty() {
            continue;
        }
        page.element("h3", heading);
        page.raw("<ol>\n");
        for PlanRoutineStep { text, until: end, .. } in steps {
            page.raw(&format!("<li>{}{}</li>\n", escape(text), until(end, labels)));
        }
        page.raw("</ol>\n");
    }
    page.raw("</section>\n");
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
            page.raw(&format!("<li>{name}{}</li>\n", until(&class.until, labels)));
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

/// `<span class="until">Until <time>…</time></span>`.
fn until(point: &TimePoint, labels: &LabelSet) -> String {
    format!("<span class=\"until\">{} {}</span>", escape(&labels.until), time(point))
}

/// A `<time>` element: the UTC instant for machines; for people the local date and clock time,
/// e.g. `2026-03-08 11:00 (UTC-04:00)`, in two unbreakable parts (the raw text if it is not an
/// RFC 3339 local time, which never happens for a computed plan).
fn time(point: &TimePoint) -> String {
    let shown = match local_parts(&point.local) {
        // Digits and separators only: nothing to escape.
        Some((date, clock, offset)) => format!("<span>{date}</span> <span>{clock} (UTC{offset})</span>"),
        None => escape(&point.local),
    };
    format!(
        "<time datetime=\"{}\">{shown}</time>",
        point.utc.to_rfc3339_opts(SecondsFormat::Secs, true)
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
