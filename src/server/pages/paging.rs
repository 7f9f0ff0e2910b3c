//! Pages of a list on the release pages: `?page=N` (from 1) in the address, one page read from
//! the store (one row more than shown, to know whether another follows), and the links to the
//! pages before and after.
//!
//! A release may hold 100,000 commits and an organization thousands of releases; a page that
//! showed them all was megabytes, and readers that did not read it held that memory. Each list
//! on a page shows at most [`PER_PAGE`] rows, whatever is asked.

use maud::{Markup, html};

use crate::backend::Slice;

/// Rows a list shows at most.
pub const PER_PAGE: u32 = 100;

/// The page of a list that the address asks for (0 for the first), from the query parameter
/// `name` (`page=3` is the third page, index 2); anything unreadable is the first page.
pub fn requested(query: Option<&str>, name: &str) -> u64 {
    form_urlencoded::parse(query.unwrap_or("").as_bytes())
        .find(|(key, _)| key == name)
        .and_then(|(_, value)| value.parse::<u64>().ok())
        .map_or(0, |page| page.clamp(1, 1_000_000) - 1)
}

/// What to read for page `index`: its rows and one more.
pub fn slice(index: u64) -> Slice {
    Slice {
        offset: index * u64::from(PER_PAGE),
        limit: PER_PAGE + 1,
    }
}

/// The rows of page `index` that were read with [`slice`], and whether a page follows.
pub fn trim<T>(mut rows: Vec<T>) -> (Vec<T>, bool) {
    let more = rows.len() > PER_PAGE as usize;
    rows.truncate(PER_PAGE as usize);
    (rows, more)
}

/// The number of the first row of page `index` (from 1), for "rows 101 to 200".
pub fn first_row(index: u64) -> u64 {
    index * u64::from(PER_PAGE) + 1
}

/// Links to the pages before and after page `index` of the list whose parameter is `name`, on
/// the page at `path` (already encoded); nothing when there is only one page.
pub fn links(path: &str, name: &str, index: u64, more: bool) -> Markup {
    html! {
        @if index > 0 || more {
            nav.pager aria-label="Pages" {
                @if index > 0 {
                    a rel="prev" href=(format!("{path}?{name}={index}")) { "← Previous " (PER_PAGE) }
                }
                span.muted { " Page " (index + 1) " " }
                @if more {
                    a rel="next" href=(format!("{path}?{name}={}", index + 2)) { "Next " (PER_PAGE) " →" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_counted_from_one_and_bounded() {
        assert_eq!(requested(None, "page"), 0);
        assert_eq!(requested(Some("page=1"), "page"), 0);
        assert_eq!(requested(Some("x=1&page=3"), "page"), 2);
        assert_eq!(requested(Some("page=0"), "page"), 0);
        assert_eq!(requested(Some("page=-4"), "page"), 0);
        assert_eq!(requested(Some("page=99999999999"), "page"), 999_999);
        assert_eq!(
            slice(2),
            Slice {
                offset: 200,
                limit: 101
            }
        );
        let (rows, more) = trim((0..101).collect::<Vec<_>>());
        assert_eq!((rows.len(), more), (100, true));
        let (rows, more) = trim((0..100).collect::<Vec<_>>());
        assert_eq!((rows.len(), more), (100, false));
    }
}
