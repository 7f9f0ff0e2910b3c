//! The chart of commits per release on the release list: inline SVG, one bar per release,
//! oldest on the left, so it needs no script, image file or library.

use maud::{Markup, html};

use super::layout::{author_name, release_href};
use crate::model;

/// At most this many releases (the newest) are drawn.
pub const MAX_BARS: usize = 40;

/// The chart is laid out for at least this many bars.
const MIN_SLOTS: usize = 12;

const WIDTH: usize = 400;
const HEIGHT: usize = 80;

/// The chart of `releases`, given newest first; nothing when there are none.
pub fn commits_per_release(releases: &[model::Release]) -> Markup {
    let drawn: Vec<&model::Release> = releases.iter().take(MAX_BARS).rev().collect();
    if drawn.is_empty() {
        return html! {};
    }
    let most = drawn
        .iter()
        .map(|r| r.commit_count.max(0))
        .max()
        .unwrap_or(0)
        .max(1);
    // Few releases keep narrow bars on the left, rather than a few wide blocks.
    let slot = WIDTH / drawn.len().max(MIN_SLOTS);
    let bar = (slot * 4 / 5).max(1);
    html! {
        svg.chart role="img" viewBox=(format!("0 0 {WIDTH} {HEIGHT}")) preserveAspectRatio="none"
            aria-label=(format!("Commits per release, the last {}", drawn.len())) {
            @for (i, release) in drawn.iter().enumerate() {
                @let count = release.commit_count.max(0);
                // At least a sliver, so a release without commits still shows.
                @let height = usize::try_from(count).unwrap_or(0) * (HEIGHT - 2) / usize::try_from(most).unwrap_or(1) + 2;
                a href=(release_href(&release.version)) {
                    rect x=(i * slot) y=(HEIGHT - height) width=(bar) height=(height) {
                        title { (release.version) ": " (count) " commit" @if count != 1 { "s" }
                            @if !release.authors.is_empty() {
                                " by " (release.authors.iter().map(author_name).collect::<Vec<_>>().join(", "))
                            }
                        }
                    }
                }
            }
        }
    }
}
