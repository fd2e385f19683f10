//! The query-string extractor.

use actix_web::dev::Payload;
use actix_web::{FromRequest, HttpRequest};
use serde::de::DeserializeOwned;

use super::serde_rules::rewrite_serde_message;
use crate::problem::{FieldError, Problem};

/// Query parameters parsed into `T`; errors name the parameter.
#[derive(Debug)]
pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned> FromRequest for ApiQuery<T> {
    type Error = Problem;
    type Future = std::future::Ready<Result<Self, Problem>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        std::future::ready(decode_query(req.query_string()).map(ApiQuery))
    }
}

/// Parses a query string into `T`.
pub fn decode_query<T: DeserializeOwned>(query: &str) -> Result<T, Problem> {
    // As for bodies: the path is tracked only to name the parameter of an error.
    if let Ok(value) = serde_urlencoded::from_str(query) {
        return Ok(value);
    }
    let deserializer = serde_urlencoded::Deserializer::new(form_urlencoded::parse(query.as_bytes()));
    serde_path_to_error::deserialize(deserializer).map_err(|error| {
        let (rule, field) = rewrite_serde_message(&error.inner().to_string());
        let name = field.unwrap_or_else(|| error.path().to_string());
        let name = if name == "." { "query".to_owned() } else { name };
        Problem::validation(vec![FieldError::parameter(name, rule)])
    })
}

#[cfg(test)]
mod tests {
    use serde::Deserialize;

    use super::*;

    #[derive(Debug, Deserialize)]
    #[expect(dead_code, reason = "fields are read only by serde in these tests")]
    struct Query {
        limit: Option<u16>,
    }

    #[test]
    fn a_bad_query_value_names_the_parameter() {
        let problem = decode_query::<Query>("limit=lots").unwrap_err();
        assert_eq!(problem.errors()[0].parameter.as_deref(), Some("limit"));
        assert!(!problem.errors()[0].rule.contains("lots"));
    }
}
