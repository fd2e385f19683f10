//! Prometheus metrics: requests by route pattern, method and status, their latency histogram,
//! requests in flight, build and protocol information. Labels are bounded: the route is the
//! pattern (`/v1/phases/{phase_id}`) or `unmatched`, never a raw path.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicI64, Ordering};

use actix_web::http::Method;

/// Upper bounds of the latency histogram, seconds.
const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct SeriesKey {
    route: String,
    method: &'static str,
    status: u16,
}

#[derive(Debug, Default, Clone)]
struct Series {
    count: u64,
    sum_seconds: f64,
    /// Non-cumulative counts per bucket; the last slot is `+Inf`.
    buckets: [u64; BUCKETS.len() + 1],
}

/// The series of one route pattern, by method label and status. Ordered maps: with the few keys
/// there are, a handful of comparisons cost less per request than hashing the key with SipHash.
type RouteSeries = BTreeMap<(&'static str, u16), Series>;

/// The registry, shared by every worker.
#[derive(Debug)]
pub struct Metrics {
    in_flight: AtomicI64,
    /// By route pattern, then by method and status: a request finds its series without
    /// allocating (only a new route pattern is copied).
    series: Mutex<BTreeMap<String, RouteSeries>>,
    info: String,
}

/// Counts a request as in flight until dropped.
pub struct InFlight<'a>(&'a Metrics);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.in_flight.fetch_sub(1, Ordering::Relaxed);
    }
}

impl Metrics {
    /// A registry that reports this build and the protocol `id`/`version`.
    pub fn new(protocol_id: &str, protocol_version: &str) -> Self {
        let mut info = String::new();
        let _ = writeln!(info, "# HELP aftercare_build_info The running build.");
        let _ = writeln!(info, "# TYPE aftercare_build_info gauge");
        let _ = writeln!(
            info,
            "aftercare_build_info{{version=\"{}\"}} 1",
            env!("CARGO_PKG_VERSION")
        );
        let _ = writeln!(
            info,
            "# HELP aftercare_protocol_info The protocol content loaded at start-up."
        );
        let _ = writeln!(info, "# TYPE aftercare_protocol_info gauge");
        let _ = writeln!(
            info,
            "aftercare_protocol_info{{id=\"{}\",version=\"{}\"}} 1",
            escape(protocol_id),
            escape(protocol_version)
        );
        Self {
            in_flight: AtomicI64::new(0),
            series: Mutex::new(BTreeMap::new()),
            info,
        }
    }

    /// Marks a request as started.
    pub fn start(&self) -> InFlight<'_> {
        self.in_flight.fetch_add(1, Ordering::Relaxed);
        InFlight(self)
    }

    /// Records a finished request.
    pub fn observe(&self, route: Option<&str>, method: &Method, status: u16, seconds: f64) {
        let route = route.unwrap_or("unmatched");
        let bucket = BUCKETS
            .iter()
            .position(|bound| seconds <= *bound)
            .unwrap_or(BUCKETS.len());
        // A poisoned lock only means another thread panicked while counting: keep counting.
        let mut series = self.series.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let by_status = match series.get_mut(route) {
            Some(by_status) => by_status,
            None => series.entry(route.to_owned()).or_default(),
        };
        let entry = by_status.entry((method_label(method), status)).or_default();
        entry.count += 1;
        entry.sum_seconds += seconds;
        entry.buckets[bucket] += 1;
    }

    /// The Prometheus text exposition (format 0.0.4).
    pub fn render(&self) -> String {
        let mut series: Vec<(SeriesKey, Series)> = {
            let guard = self.series.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            guard
                .iter()
                .flat_map(|(route, by_status)| {
                    by_status.iter().map(|(&(method, status), value)| {
                        let key = SeriesKey {
                            route: route.clone(),
                            method,
                            status,
                        };
                        (key, value.clone())
                    })
                })
                .collect()
        };
        series.sort_by(|a, b| a.0.cmp(&b.0));
        let mut out = String::with_capacity(4096 + series.len() * 1024);
        out.push_str(&self.info);
        let _ = writeln!(
            out,
            "# HELP aftercare_http_requests_in_flight Requests being answered now."
        );
        let _ = writeln!(out, "# TYPE aftercare_http_requests_in_flight gauge");
        let _ = writeln!(
            out,
            "aftercare_http_requests_in_flight {}",
            self.in_flight.load(Ordering::Relaxed)
        );
        let _ = writeln!(
            out,
            "# HELP aftercare_http_connection_errors_total Malformed or broken client connections the HTTP layer closed before the app saw a request (counted, not logged)."
        );
        let _ = writeln!(out, "# TYPE aftercare_http_connection_errors_total counter");
        let _ = writeln!(
            out,
            "aftercare_http_connection_errors_total {}",
            crate::telemetry::connection_errors()
        );
        let _ = writeln!(
            out,
            "# HELP aftercare_http_requests_total Requests answered, by route pattern, method and status."
        );
        let _ = writeln!(out, "# TYPE aftercare_http_requests_total counter");
        for (key, value) in &series {
            let _ = writeln!(out, "aftercare_http_requests_total{{{}}} {}", labels(key), value.count);
        }
        let _ = writeln!(
            out,
            "# HELP aftercare_http_request_duration_seconds Time to answer, by route pattern, method and status."
        );
        let _ = writeln!(out, "# TYPE aftercare_http_request_duration_seconds histogram");
        for (key, value) in &series {
            let labels = labels(key);
            let mut cumulative = 0;
            for (index, count) in value.buckets.iter().enumerate() {
                cumulative += count;
                let bound = BUCKETS
                    .get(index)
                    .map_or_else(|| "+Inf".to_owned(), ToString::to_string);
                let _ = writeln!(
                    out,
                    "aftercare_http_request_duration_seconds_bucket{{{labels},le=\"{bound}\"}} {cumulative}"
                );
            }
            let _ = writeln!(
                out,
                "aftercare_http_request_duration_seconds_sum{{{labels}}} {}",
                value.sum_seconds
            );
            let _ = writeln!(
                out,
                "aftercare_http_request_duration_seconds_count{{{labels}}} {}",
                value.count
            );
        }
        out
    }
}

fn labels(key: &SeriesKey) -> String {
    format!(
        "method=\"{}\",route=\"{}\",status=\"{}\"",
        key.method,
        escape(&key.route),
        key.status
    )
}

/// The label of a method: the standard ones by name, any other (a client-chosen token) as `other`.
pub fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

fn escape(value: &str) -> String {
    value.replace('\\', "\\\\").replace('"', "\\\"").replace('\n', "\\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_become_counters_and_cumulative_histograms() {
        let metrics = Metrics::new("microneedling-aftercare", "1.0.0");
        metrics.observe(Some("/v1/phases/{phase_id}"), &Method::GET, 200, 0.0004);
        metrics.observe(Some("/v1/phases/{phase_id}"), &Method::GET, 200, 0.2);
        metrics.observe(None, &Method::from_bytes(b"BREW").unwrap(), 404, 0.001);
        let text = metrics.render();
        assert!(
            text.contains(
                r#"aftercare_http_requests_total{method="GET",route="/v1/phases/{phase_id}",status="200"} 2"#
            ),
            "{text}"
        );
        assert!(
            text.contains(r#"aftercare_http_requests_total{method="other",route="unmatched",status="404"} 1"#),
            "{text}"
        );
        assert!(
            text.contains(r#"le="0.0005"} 1"#)
                && text.contains(r#"route="/v1/phases/{phase_id}",status="200",le="+Inf"} 2"#),
            "{text}"
        );
        assert!(text.contains(r#"aftercare_protocol_info{id="microneedling-aftercare",version="1.0.0"} 1"#));
    }

    #[test]
    fn in_flight_counts_until_the_guard_drops() {
        let metrics = Metrics::new("p", "1");
        let guard = metrics.start();
        assert!(metrics.render().contains("aftercare_http_requests_in_flight 1"));
        drop(guard);
        assert!(metrics.render().contains("aftercare_http_requests_in_flight 0"));
    }
}
