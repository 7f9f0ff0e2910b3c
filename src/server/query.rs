//! The request's URL as handlers need it: path parameters, the query string with repeated keys
//! (`?project=1&project=2`), and the absolute URL pagination links point back to.
//!
//! A path segment that does not decode (`%FF`) names nothing: a JSON 404 like any unknown path.
//! The query string is never logged (it may hold anything a client put there).

use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use serde::de::DeserializeOwned;

use super::error::ApiError;

/// Path parameters (`{org}`, `{version}`, ...), percent-decoded.
pub struct Params<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(Params(value)),
            Err(_) => Err(ApiError::no_such_resource()),
        }
    }
}

/// The query pairs in order, and `http://host/path` of the request.
#[derive(Debug, Clone, Default)]
pub struct Query {
    pairs: Vec<(String, String)>,
    base: String,
}

impl<S: Send + Sync> FromRequestParts<S> for Query {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _state: &S) -> Result<Self, Self::Rejection> {
        let pairs = match axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri) {
            Ok(axum::extract::Query(pairs)) => pairs,
            Err(_) => return Err(ApiError::bad_request("Invalid query string")),
        };
        let host = parts
            .headers
            .get(header::HOST)
            .and_then(|value| value.to_str().ok())
            .filter(|host| is_plain_host(host))
            .unwrap_or("localhost");
        Ok(Query {
            pairs,
            base: format!("http://{host}{}", parts.uri.path()),
        })
    }
}

/// A Host header safe to echo inside a `Link` header: a name or address and a port.
fn is_plain_host(host: &str) -> bool {
    !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':' | '[' | ']'))
}

impl Query {
    #[cfg(test)]
    pub fn from_pairs(base: &str, pairs: &[(&str, &str)]) -> Query {
        Query {
            pairs: pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            base: base.to_string(),
        }
    }

    /// The first value of `name`.
    pub fn first(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    }

    /// Every value of `name`, in order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect()
    }

    /// `http://host/path` of the request.
    pub fn base(&self) -> &str {
        &self.base
    }

    /// The query string without `name`, form-encoded again.
    pub fn encoded_without(&self, name: &str) -> String {
        form_urlencoded::Serializer::new(String::new())
            .extend_pairs(self.pairs.iter().filter(|(key, _)| key != name))
            .finish()
    }

    /// `?project=` values as Sentry takes them: `-1` (or nothing) means every project.
    pub fn projects(&self) -> Vec<String> {
        let values = self.all("project");
        if values.iter().any(|v| v.trim() == "-1") {
            return Vec::new();
        }
        values
            .into_iter()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_string)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_reencoded_without_the_named_key() {
        let query = Query::from_pairs(
            "http://h/p",
            &[("cursor", "1:2:0"), ("query", "a b&c"), ("project", "1")],
        );
        assert_eq!(query.encoded_without("cursor"), "query=a+b%26c&project=1");
    }

    #[test]
    fn minus_one_means_every_project() {
        let query = Query::from_pairs("http://h/p", &[("project", "1"), ("project", "-1")]);
        assert!(query.projects().is_empty());
        let query = Query::from_pairs("http://h/p", &[("project", "1"), ("project", "2")]);
        assert_eq!(query.projects(), ["1", "2"]);
    }

    #[test]
    fn odd_hosts_are_not_echoed() {
        assert!(is_plain_host("127.0.0.1:8765"));
        assert!(is_plain_host("[::1]:80"));
        assert!(!is_plain_host("evil>; rel=\"next\""));
    }
}
