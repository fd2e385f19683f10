//! 406 Not Acceptable for documented routes, from the media types each operation produces.

use actix_web::dev::ServiceRequest;
use actix_web::http::header;
use actix_web::web;

use crate::http::accept;
use crate::http::route_table::RouteTable;
use crate::problem::Problem;

/// 406 when `Accept` rules out every media type the documented operation produces.
/// `routed` is the request's route pattern, else its decoded path (see `route_pattern`).
pub(super) fn not_acceptable(req: &ServiceRequest, routed: &str) -> Option<Problem> {
    // Without an Accept header (or with one that takes anything) every route is acceptable.
    let accept = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|value| value.to_str().ok())?;
    if accept.trim() == "*/*" {
        return None;
    }
    let table = req.app_data::<web::Data<RouteTable>>()?;
    let route = table.lookup(routed)?;
    // Where the operation takes a `format` parameter, an explicit one chooses the representation
    // over Accept (the handler checks it); elsewhere `format` means nothing and Accept still counts.
    if route.takes_format(req.method())
        && form_urlencoded::parse(req.query_string().as_bytes()).any(|(name, _)| name == "format")
    {
        return None;
    }
    let produces = route.produces(req.method())?;
    if produces.is_empty() {
        return None;
    }
    let offered: Vec<&str> = produces.iter().map(String::as_str).collect();
    match accept::choose(Some(accept), &offered) {
        Some(_) => None,
        None => Some(Problem::not_acceptable(&offered)),
    }
}
