//! Where a release's range of commits starts in one repository, when the caller did not name
//! a previous commit (cli.md, "--auto"): at the head commit the previous release with commits
//! recorded in that repository, else nowhere (the range is a first release's: the newest
//! `--initial-depth` commits). `relctl release set-commits` and `serve`'s `refs` both start
//! their ranges here, so the rule is written once (and changed once).
//!
//! A recorded head came from a client (a commit `id` it sent, or a ref): it is used only when
//! it is a commit id, so a stored `v1.0` or `HEAD~3` never reaches git as a revision.

use crate::backend::PreviousRelease;
use crate::domain::commit_id::is_commit_id;

/// Where a range starts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RangeStart {
    /// The commit the range starts after (excluded).
    pub commit: String,
    /// The release that recorded it, when it came from one (`None`: the caller named it).
    pub from_release: Option<String>,
}

/// The start of the range in `repository`: `named` (the caller's previous commit) when given,
/// else the head `previous` (the previous release with commits) recorded there; `None` when
/// neither is.
pub fn range_start(
    named: Option<&str>,
    previous: Option<&PreviousRelease>,
    repository: &str,
) -> Option<RangeStart> {
    if let Some(commit) = named {
        return Some(RangeStart {
            commit: commit.to_string(),
            from_release: None,
        });
    }
    let previous = previous?;
    let head = previous
        .head_in(repository)
        .filter(|head| is_commit_id(head))?;
    Some(RangeStart {
        commit: head.to_string(),
        from_release: Some(previous.version.clone()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn previous(heads: &[(&str, &str)]) -> PreviousRelease {
        PreviousRelease {
            version: "1.0".to_string(),
            heads: heads
                .iter()
                .map(|(repo, sha)| (repo.to_string(), sha.to_string()))
                .collect(),
        }
    }

    #[test]
    fn a_named_commit_wins_then_the_previous_releases_head_in_that_repository() {
        let before = previous(&[("acme/a", "aaaa1111"), ("acme/b", "bbbb2222")]);
        let named = range_start(Some("cccc3333"), Some(&before), "acme/a").unwrap();
        assert_eq!(
            (named.commit.as_str(), named.from_release),
            ("cccc3333", None)
        );
        let recorded = range_start(None, Some(&before), "acme/b").unwrap();
        assert_eq!(recorded.commit, "bbbb2222");
        assert_eq!(recorded.from_release.as_deref(), Some("1.0"));
        assert_eq!(range_start(None, Some(&before), "acme/c"), None);
        assert_eq!(range_start(None, None, "acme/a"), None);
    }

    #[test]
    fn a_recorded_head_that_is_not_a_commit_id_is_no_start() {
        for head in ["v1.0", "HEAD~3", "main", ":/fix"] {
            let before = previous(&[("acme/a", head)]);
            assert_eq!(range_start(None, Some(&before), "acme/a"), None, "{head}");
        }
    }
}
