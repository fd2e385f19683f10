//! Every error response in the problem format, with the request id.

use actix_web::body::BoxBody;
use actix_web::dev::ServiceResponse;
use actix_web::http::header::{self, HeaderMap};

use crate::problem::{PROBLEM_JSON, Problem, ProblemKind};

/// Re-renders any error response as a problem that carries the request id.
pub(super) fn as_problem_if_error(response: ServiceResponse<BoxBody>, request_id: &str) -> ServiceResponse<BoxBody> {
    let status = response.status();
    if !status.is_client_error() && !status.is_server_error() {
        return response;
    }
    let problem = match response.response().error() {
        Some(error) => problem_for_error(error),
        None if is_problem_json(response.headers()) => return response,
        None => Problem::new(ProblemKind::from_status(status), default_detail(status.as_u16())),
    };
    response.into_response(problem.to_response(Some(request_id)))
}

fn is_problem_json(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .is_some_and(|value| value.as_bytes().starts_with(PROBLEM_JSON.as_bytes()))
}

/// Our own problems pass through; anything else becomes a problem of its status, logged once here.
pub(super) fn problem_for_error(error: &actix_web::Error) -> Problem {
    if let Some(problem) = error.as_error::<Problem>() {
        if problem.kind() == ProblemKind::Internal {
            tracing::error!("internal error answered as a 500 problem");
        }
        return problem.clone();
    }
    let status = error.as_response_error().status_code();
    if status.is_server_error() {
        tracing::error!(error.kind = %std::any::type_name_of_val(error.as_response_error()), "unexpected error");
    }
    Problem::new(ProblemKind::from_status(status), default_detail(status.as_u16()))
}

fn default_detail(status: u16) -> &'static str {
    match status {
        404 => "No resource matches this path.",
        405 => "This route does not allow this method.",
        408 => "The request took too long to arrive.",
        413 => "The body is larger than the configured limit.",
        415 => "The body must be sent as JSON.",
        400..=499 => "The request could not be processed.",
        _ => "The service failed to answer this request; it has been logged.",
    }
}
