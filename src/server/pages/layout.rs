//! The page shell every page shares (head, inline CSS, navigation) and the small formatting
//! helpers of the pages: links to releases, ages, author names.
//!
//! Everything is inline (no external stylesheet, font or script), so a page works offline and
//! the Content-Security-Policy can forbid every other source: no script may run even if markup
//! ever slipped through. The CSS is one column on a phone and a wider table on a desktop.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use maud::{DOCTYPE, Markup, PreEscaped, html};

use crate::model;

/// The stylesheet of every page (ours, not user data: the one place `PreEscaped` is used).
const CSS: &str = r#"
:root { color-scheme: light dark; --fg: #1d1d1f; --muted: #6e6e73; --line: #d2d2d7; --accent: #0b63ce; --bg: #fff; --soft: #f5f5f7; }
@media (prefers-color-scheme: dark) { :root { --fg: #f5f5f7; --muted: #a1a1a6; --line: #3a3a3c; --accent: #5aa2ff; --bg: #1c1c1e; --soft: #2c2c2e; } }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--fg); background: var(--bg); }
header.top { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; align-items: center; padding: .75rem 1rem; border-bottom: 1px solid var(--line); background: var(--soft); }
header.top .brand { font-weight: 700; }
header.top nav { display: flex; gap: 1rem; flex-wrap: wrap; }
header.top form { margin: 0 0 0 auto; }
main { max-width: 72rem; margin: 0 auto; padding: 1rem; }
a { color: var(--accent); }
h1 { font-size: 1.5rem; margin: .25rem 0 1rem; overflow-wrap: anywhere; }
h2 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
table { width: 100%; border-collapse: collapse; }
th, td { text-align: left; padding: .4rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { color: var(--muted); font-weight: 600; font-size: .85rem; }
td { overflow-wrap: anywhere; }
.muted { color: var(--muted); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.sha, code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: .9em; }
.message { white-space: pre-wrap; margin: 0; font: inherit; }
.files { margin: .25rem 0 0; padding-left: 1.1rem; font-size: .85rem; color: var(--muted); }
.status { display: inline-block; padding: 0 .4rem; border-radius: .6rem; background: var(--soft); border: 1px solid var(--line); font-size: .8rem; }
.error { color: #c62828; }
nav.pager { display: flex; gap: 1rem; align-items: baseline; margin: .75rem 0; }
.chart { width: 100%; height: 90px; display: block; margin: 0 0 1rem; }
.chart rect { fill: var(--accent); }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0 0 1rem; }
dl.facts dt { color: var(--muted); }
dl.facts dd { margin: 0; overflow-wrap: anywhere; }
form.login { max-width: 24rem; display: grid; gap: .75rem; }
input[type=password] { width: 100%; padding: .55rem; font: inherit; border: 1px solid var(--line); border-radius: .4rem; background: var(--bg); color: var(--fg); }
button { font: inherit; padding: .45rem .9rem; border-radius: .4rem; border: 1px solid var(--line); background: var(--soft); color: var(--fg); cursor: pointer; }
@media (max-width: 40rem) {
  table.stack thead { display: none; }
  table.stack tr { display: block; border-bottom: 1px solid var(--line); padding: .5rem 0; }
  table.stack td { display: block; border: 0; padding: .1rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; color: var(--muted); font-size: .85rem; }
  table.stack td.num { text-align: left; }
}
"#;

/// Sources the pages may use: their own inline styles and nothing else.
const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

/// Where the page is in the navigation (`None`: none of its entries, e.g. the login form).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Releases,
    Issues,
}

/// A whole page: `title`, the navigation (shown when `section` is some), and `body`.
pub fn page(title: &str, section: Option<Section>, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · relctl" }
                style { (PreEscaped(CSS)) }
            }
            body {
                header.top {
                    span.brand { "relctl" }
                    @if let Some(section) = section {
                        nav {
                            a href="/" aria-current=[(section == Section::Releases).then_some("page")] { "Releases" }
                            a href="/issues" aria-current=[(section == Section::Issues).then_some("page")] { "Issues" }
                        }
                        form method="post" action="/logout" {
                            button type="submit" { "Log out" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// The response of a page: HTML with `status`, never cached, under the pages' CSP.
pub fn respond(status: StatusCode, markup: Markup) -> Response {
    let mut response = (status, markup).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CONTENT_SECURITY_POLICY),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    response
}

/// The path of a release's page, the version percent-encoded as one path segment.
pub fn release_href(version: &str) -> String {
    format!("/releases/{}", crate::remote::calls::encode(version))
}

/// A link to a release's page.
pub fn release_link(version: &str) -> Markup {
    html! { a href=(release_href(version)) { (version) } }
}

/// How long ago `timestamp` (RFC 3339) was, as "3 days ago"; the text itself when it is not a
/// timestamp.
pub fn age(timestamp: &str, now: DateTime<Utc>) -> String {
    let Ok(at) = DateTime::parse_from_rfc3339(timestamp) else {
        return timestamp.to_string();
    };
    let seconds = (now - at.with_timezone(&Utc)).num_seconds();
    if seconds < 0 {
        return "in the future".to_string();
    }
    let (count, unit) = match seconds {
        0..60 => return "just now".to_string(),
        60..3_600 => (seconds / 60, "minute"),
        3_600..86_400 => (seconds / 3_600, "hour"),
        86_400..2_592_000 => (seconds / 86_400, "day"),
        2_592_000..31_536_000 => (seconds / 2_592_000, "month"),
        _ => (seconds / 31_536_000, "year"),
    };
    let plural = if count == 1 { "" } else { "s" };
    format!("{count} {unit}{plural} ago")
}

/// A timestamp shown with its age, the exact time in the tooltip.
pub fn when(timestamp: &str, now: DateTime<Utc>) -> Markup {
    html! { time datetime=(timestamp) title=(timestamp) { (age(timestamp, now)) } }
}

/// An author's name, else their email.
pub fn author_name(author: &model::Author) -> &str {
    author.name.as_deref().unwrap_or(&author.email)
}

/// When a release happened: released, else created.
pub fn release_date(release: &model::Release) -> &str {
    release
        .date_released
        .as_deref()
        .unwrap_or(&release.date_created)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_one_encoded_path_segment() {
        assert_eq!(release_href("1.0.0"), "/releases/1.0.0");
        assert_eq!(release_href("a/b c"), "/releases/a%2Fb%20c");
        assert_eq!(
            release_href("<script>alert(1)</script>"),
            "/releases/%3Cscript%3Ealert%281%29%3C%2Fscript%3E"
        );
    }

    #[test]
    fn ages_read_like_words() {
        let now = DateTime::parse_from_rfc3339("2024-01-10T00:00:00Z")
            .unwrap()
            .with_timezone(&Utc);
        let table = [
            ("2024-01-09T23:59:30Z", "just now"),
            ("2024-01-09T23:59:00Z", "1 minute ago"),
            ("2024-01-09T21:00:00Z", "3 hours ago"),
            ("2024-01-08T00:00:00Z", "2 days ago"),
            ("2023-11-01T00:00:00Z", "2 months ago"),
            ("2021-01-01T00:00:00Z", "3 years ago"),
            ("2024-02-01T00:00:00Z", "in the future"),
            ("yesterday", "yesterday"),
        ];
        for (at, shown) in table {
            assert_eq!(age(at, now), shown, "{at}");
        }
    }

    #[test]
    fn user_text_is_escaped() {
        let markup = page("<b>", None, html! { (release_link("<script>x</script>")) });
        let text = markup.into_string();
        assert!(!text.contains("<script>x"), "{text}");
        assert!(text.contains("&lt;script&gt;x&lt;/script&gt;"), "{text}");
        assert!(text.contains("<title>&lt;b&gt; · relctl</title>"), "{text}");
    }
}
