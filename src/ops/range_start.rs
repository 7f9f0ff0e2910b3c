//! Where a release's range of commits starts in one repository, when the caller did not name
//! a previous commit (cli.md, "--auto"): the range is `git rev-list HEAD --not H1 H2 ...`, the H
//! being the head commits recorded in that repository by the releases created before this one
//! that share a project with it ([`Backend::earlier_heads`](crate::backend::Backend)). With no
//! recorded head the range is a first release's: the newest `--initial-depth` commits.
//! `relctl release set-commits` and `serve`'s `refs` both start their ranges here, so the rule is
//! written once (and changed once).
//!
//! Every earlier head stops the walk, not only the latest release's: a hotfix branch's release
//! in between, a release that bound another repository, or a pipeline that finished out of
//! order no longer makes a release take commits an earlier one already holds. A head on another
//! branch (not an ancestor of HEAD) hides nothing that matters and needs no special case.
//!
//! A recorded head came from a client (a commit `id` it sent, or a ref): it is used only when
//! it is a commit id, so a stored `v1.0` or `HEAD~3` never reaches git as a revision.

use crate::backend::EarlierHeads;
use crate::domain::commit_id::is_commit_id;

/// Where a range starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeStart {
    /// The commits the range stops at (they and their ancestors are left out), newest release
    /// first: the caller's previous commit, else the earlier releases' heads.
    pub stop_at: Vec<String>,
    /// The newest release that recorded one of them (`None`: the caller named the commit).
    pub from_release: Option<String>,
}

/// The start of the range in `repository`: `named` (the caller's previous commit) when given,
/// else the heads `earlier` releases recorded there; `None` when neither is.
pub fn range_start(
    named: Option<&str>,
    earlier: &EarlierHeads,
    repository: &str,
) -> Option<RangeStart> {
    if let Some(commit) = named {
        return Some(RangeStart {
            stop_at: vec![commit.to_string()],
            from_release: None,
        });
    }
    let mut stop_at: Vec<String> = Vec::new();
    let mut from_release = None;
    for head in earlier.in_repository(repository) {
        if !is_commit_id(&head.commit) || stop_at.contains(&head.commit) {
            continue;
        }
        from_release.get_or_insert_with(|| head.version.clone());
        stop_at.push(head.commit.clone());
    }
    (!stop_at.is_empty()).then_some(RangeStart {
        stop_at,
        from_release,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::EarlierHead;

    fn earlier(heads: &[(&str, &str, &str)]) -> EarlierHeads {
        EarlierHeads(
            heads
                .iter()
                .map(|(version, repository, commit)| EarlierHead {
                    version: version.to_string(),
                    repository: repository.to_string(),
                    commit: commit.to_string(),
                })
                .collect(),
        )
    }

    #[test]
    fn a_named_commit_wins_then_every_earlier_head_in_that_repository() {
        let before = earlier(&[
            ("1.1", "acme/a", "aaaa1111"),
            ("1.1", "acme/b", "bbbb2222"),
            ("1.0", "acme/a", "aaaa0000"),
        ]);
        let named = range_start(Some("cccc3333"), &before, "acme/a").unwrap();
        assert_eq!(named.stop_at, vec!["cccc3333"]);
        assert_eq!(named.from_release, None);
        let recorded = range_start(None, &before, "acme/a").unwrap();
        assert_eq!(recorded.stop_at, vec!["aaaa1111", "aaaa0000"]);
        assert_eq!(recorded.from_release.as_deref(), Some("1.1"));
        let other = range_start(None, &before, "acme/b").unwrap();
        assert_eq!(other.stop_at, vec!["bbbb2222"]);
        assert_eq!(range_start(None, &before, "acme/c"), None);
        assert_eq!(range_start(None, &EarlierHeads::default(), "acme/a"), None);
    }

    #[test]
    fn a_recorded_head_that_is_not_a_commit_id_is_no_start() {
        for head in ["v1.0", "HEAD~3", "main", ":/fix"] {
            let before = earlier(&[("1.0", "acme/a", head)]);
            assert_eq!(range_start(None, &before, "acme/a"), None, "{head}");
        }
        // One bad head among good ones is skipped; the release named is the newest good one's.
        let before = earlier(&[("1.1", "acme/a", "v1.1"), ("1.0", "acme/a", "aaaa0000")]);
        let start = range_start(None, &before, "acme/a").unwrap();
        assert_eq!(start.stop_at, vec!["aaaa0000"]);
        assert_eq!(start.from_release.as_deref(), Some("1.0"));
    }
}
