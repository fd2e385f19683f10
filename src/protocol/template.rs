//! Response templates: a response serialised once at start-up for a reference treatment, cut
//! into static JSON text and holes for what varies per request (instants, the time zone name, the
//! elapsed time). Rendering copies the text and formats each distinct instant once, so a request
//! costs little more than a copy of the answer. Output is byte-identical to serialising the view
//! structs (a property test holds the two together).

use chrono::{DateTime, TimeDelta, Utc};

use super::duration::IsoDuration;
use super::fast_time::write_utc_and_local;
use super::time::PatientZone;

const POINT_OPEN: &str = r#"{"utc":""#;
const POINT_MIDDLE: &str = r#"","local":""#;
const TIMEZONE_KEY: &str = r#""timezone":"#;
const ELAPSED_KEY: &str = r#""elapsed":"#;

/// One piece of a template.
#[derive(Debug, Clone)]
enum Part {
    /// JSON text copied as is.
    Text(Box<[u8]>),
    /// A `TimePoint` object at `offsets[index]` after treatment.
    Point(usize),
    /// The `TimePoint` of the instant asked about.
    At,
    /// The JSON string of the patient's zone name.
    TimeZone,
    /// The JSON string of the elapsed time.
    Elapsed,
}

/// A compiled response.
#[derive(Debug, Clone)]
pub struct JsonTemplate {
    parts: Vec<Part>,
    offsets: Vec<TimeDelta>,
    size_hint: usize,
}

/// What varies per request.
#[derive(Debug)]
pub struct Fill<'a> {
    /// The treatment instant.
    pub treated_at: DateTime<Utc>,
    /// The patient's zone.
    pub zone: &'a PatientZone,
    /// The instant asked about, for lookups.
    pub at: Option<DateTime<Utc>>,
    /// `at - treated_at`, for lookups.
    pub elapsed: Option<IsoDuration>,
}

/// Why a response could not be compiled (a defect: the view structs changed shape).
#[derive(Debug, thiserror::Error)]
#[error("cannot compile a response template: {0}")]
pub struct TemplateError(&'static str);

impl TemplateError {
    /// An error naming what was wrong.
    pub fn new(what: &'static str) -> Self {
        Self(what)
    }
}

impl JsonTemplate {
    /// Cuts `json`, serialised for a treatment at `reference`, into text and holes. A `TimePoint`
    /// whose UTC instant is `at_sentinel` becomes the `at` hole.
    pub fn compile(
        json: &str,
        reference: DateTime<Utc>,
        at_sentinel: Option<DateTime<Utc>>,
    ) -> Result<Self, TemplateError> {
        let mut parts = Vec::new();
        let mut offsets: Vec<TimeDelta> = Vec::new();
        let mut rest = json;
        loop {
            let next = [POINT_OPEN, TIMEZONE_KEY, ELAPSED_KEY]
                .iter()
                .filter_map(|marker| rest.find(marker).map(|position| (position, *marker)))
                .min_by_key(|(position, _)| *position);
            let Some((position, marker)) = next else {
                parts.push(Part::Text(rest.as_bytes().into()));
                break;
            };
            if marker == POINT_OPEN {
                parts.push(Part::Text(rest.as_bytes()[..position].into()));
                let after = &rest[position + POINT_OPEN.len()..];
                let (utc, after) = after
                    .split_once(POINT_MIDDLE)
                    .ok_or(TemplateError("a TimePoint without local"))?;
                let (_local, after) = after
                    .split_once("\"}")
                    .ok_or(TemplateError("an unterminated TimePoint"))?;
                let instant =
                    DateTime::parse_from_rfc3339(utc).map_err(|_| TemplateError("a TimePoint with a bad utc"))?;
                let instant = instant.with_timezone(&Utc);
                if Some(instant) == at_sentinel {
                    parts.push(Part::At);
                } else {
                    let offset = instant - reference;
                    let index = offsets.iter().position(|known| *known == offset).unwrap_or_else(|| {
                        offsets.push(offset);
                        offsets.len() - 1
                    });
                    parts.push(Part::Point(index));
                }
                rest = after;
            } else {
                let key_end = position + marker.len();
                parts.push(Part::Text(rest.as_bytes()[..key_end].into()));
                let value = &rest[key_end..];
                let value_end = string_end(value).ok_or(TemplateError("a key whose value is not a string"))?;
                parts.push(if marker == TIMEZONE_KEY {
                    Part::TimeZone
                } else {
                    Part::Elapsed
                });
                rest = &value[value_end..];
            }
        }
        Ok(Self {
            parts,
            offsets,
            size_hint: json.len() + 64,
        })
    }

    /// Renders the template; `None` when an instant needs the ordinary serialiser (a leap second).
    pub fn render(&self, fill: &Fill<'_>) -> Option<Vec<u8>> {
        // Each distinct instant is formatted once, where it first appears; later appearances copy
        // those bytes of the answer. `bounds` holds where each one is (`start == usize::MAX`: not
        // yet written), on the stack for the templates there are.
        let mut on_stack = [(usize::MAX, 0); 16];
        let mut on_heap = Vec::new();
        let bounds: &mut [(usize, usize)] = if self.offsets.len() <= on_stack.len() {
            &mut on_stack[..self.offsets.len()]
        } else {
            on_heap.resize(self.offsets.len(), (usize::MAX, 0));
            &mut on_heap
        };
        let mut out = Vec::with_capacity(self.size_hint);
        for part in &self.parts {
            match part {
                Part::Text(text) => out.extend_from_slice(text),
                Part::Point(index) => {
                    let (start, end) = bounds[*index];
                    if start == usize::MAX {
                        let start = out.len();
                        let instant = fill.treated_at.checked_add_signed(self.offsets[*index])?;
                        write_point(&mut out, instant, fill.zone)?;
                        bounds[*index] = (start, out.len());
                    } else {
                        out.extend_from_within(start..end);
                    }
                }
                Part::At => write_point(&mut out, fill.at?, fill.zone)?,
                Part::TimeZone => write_zone_name(&mut out, fill.zone)?,
                Part::Elapsed => {
                    out.push(b'"');
                    fill.elapsed.as_ref()?.write_to(&mut out);
                    out.push(b'"');
                }
            }
        }
        Some(out)
    }
}

/// The zone's name as a JSON string. IANA names are ASCII letters, digits and `/_+-`, which JSON
/// never escapes; a fixed offset goes through serde.
fn write_zone_name(out: &mut Vec<u8>, zone: &PatientZone) -> Option<()> {
    match zone {
        PatientZone::Iana(tz)
            if tz
                .name()
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"/_+-".contains(&b)) =>
        {
            out.push(b'"');
            out.extend_from_slice(tz.name().as_bytes());
            out.push(b'"');
            Some(())
        }
        _ => serde_json::to_writer(out, &zone.name()).ok(),
    }
}

fn write_point(out: &mut Vec<u8>, instant: DateTime<Utc>, zone: &PatientZone) -> Option<()> {
    out.extend_from_slice(POINT_OPEN.as_bytes());
    write_utc_and_local(out, instant, POINT_MIDDLE.as_bytes(), zone.offset_seconds_at(instant)).then_some(())?;
    out.extend_from_slice(b"\"}");
    Some(())
}

/// The length of the JSON string at the start of `value` (quotes included).
fn string_end(value: &str) -> Option<usize> {
    let bytes = value.as_bytes();
    if bytes.first() != Some(&b'"') {
        return None;
    }
    let mut index = 1;
    while index < bytes.len() {
        match bytes[index] {
            b'\\' => index += 2,
            b'"' => return Some(index + 1),
            _ => index += 1,
        }
    }
    None
}
