//! Sentry's pagination: `per_page` (default and maximum 100), an opaque `cursor`, and the `Link`
//! header sentry-cli follows:
//!
//! ```text
//! <URL&cursor=100:0:1>; rel="previous"; results="false"; cursor="100:0:1",
//! <URL&cursor=100:1:0>; rel="next"; results="true"; cursor="100:1:0"
//! ```
//!
//! Cursors are made as Sentry's `OffsetPaginator` makes them (`page size:page:is_prev`); clients
//! only ever echo them back. A cursor that does not parse is a 400, never a panic or a wrong page.

use axum::Json;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::error::ApiError;
use super::query::Query;

pub const DEFAULT_PER_PAGE: usize = 100;
pub const MAX_PER_PAGE: usize = 100;

/// The slice of a listing one request asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Rows to skip.
    pub offset: usize,
    /// Rows to answer (`per_page`).
    pub limit: usize,
    page: usize,
}

impl Window {
    /// How many rows to fetch to know whether there is a next page.
    pub fn fetch(&self) -> usize {
        self.limit.saturating_add(1)
    }

    /// What to read from the store for this page: one more than it shows, to tell whether
    /// another page follows ([`trim`]).
    pub fn slice(&self) -> crate::backend::Slice {
        crate::backend::Slice {
            offset: self.offset as u64,
            limit: u32::try_from(self.fetch()).unwrap_or(u32::MAX),
        }
    }
}

/// Reads `per_page` and `cursor`.
pub fn window(query: &Query) -> Result<Window, ApiError> {
    let limit = match query.first("per_page") {
        None => DEFAULT_PER_PAGE,
        Some(text) => match text.trim().parse::<i64>() {
            Ok(n) if n > MAX_PER_PAGE as i64 => {
                return Err(ApiError::bad_request(format!(
                    "Invalid per_page value. Cannot exceed {MAX_PER_PAGE}."
                )));
            }
            Ok(n) if n >= 1 => n as usize,
            _ => return Err(ApiError::bad_request("Invalid per_page parameter.")),
        },
    };
    let (size, page) = match query.first("cursor").filter(|c| !c.is_empty()) {
        None => (limit, 0),
        Some(cursor) => parse_cursor(cursor)
            .ok_or_else(|| ApiError::bad_request("Invalid cursor parameter."))?,
    };
    let size = if size == 0 { limit } else { size };
    let offset = size
        .checked_mul(page)
        .ok_or_else(|| ApiError::bad_request("Invalid cursor parameter."))?;
    Ok(Window {
        offset,
        limit,
        page,
    })
}

/// `value:offset:is_prev`; a negative page is refused.
fn parse_cursor(cursor: &str) -> Option<(usize, usize)> {
    let mut parts = cursor.split(':');
    let value = parts.next()?.parse::<usize>().ok()?;
    let page = parts.next()?.parse::<usize>().ok()?;
    let is_prev = parts.next()?;
    if parts.next().is_some() || !matches!(is_prev, "0" | "1") {
        return None;
    }
    Some((value, page))
}

/// The window's rows of a full listing, and whether more follow.
pub fn slice<T>(all: Vec<T>, window: &Window) -> (Vec<T>, bool) {
    let mut rows: Vec<T> = all.into_iter().skip(window.offset).collect();
    let more = rows.len() > window.limit;
    rows.truncate(window.limit);
    (rows, more)
}

/// Rows fetched with [`Window::fetch`] (one more than the page): the page and whether more follow.
pub fn trim<T>(mut fetched: Vec<T>, window: &Window) -> (Vec<T>, bool) {
    let more = fetched.len() > window.limit;
    fetched.truncate(window.limit);
    (fetched, more)
}

/// The `Link` header value of a page.
pub fn link(query: &Query, window: &Window, more: bool) -> String {
    let others = query.encoded_without("cursor");
    let url = format!("{}?{}", query.base(), others);
    let previous = format!("{}:{}:1", window.limit, window.page.saturating_sub(1));
    let next = format!("{}:{}:0", window.limit, window.page.saturating_add(1));
    format!(
        "<{url}&cursor={previous}>; rel=\"previous\"; results=\"{}\"; cursor=\"{previous}\", \
         <{url}&cursor={next}>; rel=\"next\"; results=\"{more}\"; cursor=\"{next}\"",
        window.page > 0
    )
}

/// A 200 with the rows as a JSON array and the `Link` header.
/// The page `window` selects of `all`, each item turned into JSON by `to_json`, with its
/// `Link` header: what every list endpoint that lists in memory answers.
pub fn respond_page<T, R: Serialize>(
    query: &Query,
    window: &Window,
    all: Vec<T>,
    to_json: impl Fn(&T) -> Result<R, ApiError>,
) -> Result<Response, ApiError> {
    let (page, more) = slice(all, window);
    let rows = page.iter().map(to_json).collect::<Result<Vec<_>, _>>()?;
    Ok(respond(query, window, rows, more))
}

pub fn respond<R: Serialize>(query: &Query, window: &Window, rows: Vec<R>, more: bool) -> Response {
    let mut response = Json(rows).into_response();
    if let Ok(value) = HeaderValue::from_str(&link(query, window, more)) {
        response.headers_mut().insert(header::LINK, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn query(pairs: &[(&str, &str)]) -> Query {
        Query::from_pairs("http://127.0.0.1:1/api/0/x/", pairs)
    }

    #[test]
    fn first_page_by_default() {
        let w = window(&query(&[])).unwrap();
        assert_eq!((w.offset, w.limit), (0, 100));
        assert_eq!(
            link(&query(&[]), &w, true),
            "<http://127.0.0.1:1/api/0/x/?&cursor=100:0:1>; rel=\"previous\"; results=\"false\"; cursor=\"100:0:1\", \
             <http://127.0.0.1:1/api/0/x/?&cursor=100:1:0>; rel=\"next\"; results=\"true\"; cursor=\"100:1:0\""
        );
    }

    #[test]
    fn cursors_walk_pages() {
        let q = query(&[("per_page", "2"), ("cursor", "2:3:0"), ("query", "v")]);
        let w = window(&q).unwrap();
        assert_eq!((w.offset, w.limit), (6, 2));
        let header = link(&q, &w, false);
        assert!(
            header
                .contains("?per_page=2&query=v&cursor=2:2:1>; rel=\"previous\"; results=\"true\""),
            "{header}"
        );
        assert!(
            header.contains("cursor=2:4:0>; rel=\"next\"; results=\"false\""),
            "{header}"
        );
        let (rows, more) = slice((0..10).collect::<Vec<_>>(), &w);
        assert_eq!((rows, more), (vec![6, 7], true));
        let (rows, more) = slice((0..8).collect::<Vec<_>>(), &w);
        assert_eq!((rows, more), (vec![6, 7], false));
    }

    #[test]
    fn bad_parameters_are_400s() {
        for pairs in [
            [("per_page", "0")],
            [("per_page", "101")],
            [("per_page", "x")],
            [("cursor", "x")],
            [("cursor", "1:-1:0")],
            [("cursor", "1:1")],
            [("cursor", "1:1:0:0")],
            [("cursor", "99999999999999999999:1:0")],
            [("cursor", "18446744073709551615:2:0")],
        ] {
            let err = window(&query(&pairs)).unwrap_err();
            assert_eq!(err.status, axum::http::StatusCode::BAD_REQUEST, "{pairs:?}");
        }
    }
}
