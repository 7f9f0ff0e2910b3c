//! Refs instead of commits (cli.md, "Refs"): when there is no local history to read, relctl
//! names each range (`{repository, commit, previousCommit}`) and lets a server that keeps its own
//! copy of the repository read the commits (Sentry with a repository integration, `serve
//! --repo`). Automatic in a shallow clone whose earlier heads are missing, when the server lists
//! the repository; always with `--refs`; never with `--no-refs`; and outside any git repository
//! for `--commit REPO@SHA` (full commit ids: nothing here can resolve a name), or for the commit
//! the CI job names ([`crate::ci_checkout`]).

use std::time::Instant;

use super::set_commits::{RangeAsked, SetCommits, SetCommitsRun};
use crate::backend::{Backend, EarlierHeads, ServerRange, UpdateRelease};
use crate::ci_checkout::CiCheckout;
use crate::domain::commit_id::{is_commit_id, is_full_commit_id};
use crate::error::Result;
use crate::git::GitRepo;

/// Whether set-commits may send refs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RefsMode {
    /// When there is no local history to read and the server lists the repository.
    #[default]
    Auto,
    /// Always (`--refs`).
    Always,
    /// Never (`--no-refs`).
    Never,
}

/// The ranges `--commit` names, when each is `REPO@SHA` or `REPO@SHA..SHA` in full commit ids
/// (what can be sent without a repository to resolve names in); `None` otherwise.
pub fn without_history(ranges: &[RangeAsked]) -> Option<Vec<ServerRange>> {
    if ranges.is_empty() {
        return None;
    }
    ranges
        .iter()
        .map(|range| {
            let previous_ok = range.previous.as_deref().is_none_or(is_full_commit_id);
            (is_full_commit_id(&range.head) && previous_ok).then(|| ServerRange {
                repository: range.repository.clone(),
                commit: range.head.to_ascii_lowercase(),
                previous: range.previous.as_deref().map(str::to_ascii_lowercase),
            })
        })
        .collect()
}

/// Outside any repository, with no `--commit` and no `--repo`: the commit the CI job checked
/// out, as a ref, when the server lists the repository it names (`--repo-name`, else the CI
/// system's). `None` when there is no such commit or the server does not list the repository
/// (see [`ci_checkout_hint`]).
pub fn of_ci_checkout(backend: &dyn Backend, req: &SetCommits) -> Result<Option<Vec<ServerRange>>> {
    let Some((repository, checkout)) = ci_repository(req) else {
        return Ok(None);
    };
    let listed = backend.repositories(&req.org)?;
    Ok(listed
        .iter()
        .any(|known| known.name == repository)
        .then(|| {
            vec![ServerRange {
                repository: repository.to_string(),
                commit: checkout.commit.clone(),
                previous: None,
            }]
        }))
}

/// Why the CI job's commit could not go as a ref, when CI names one.
pub fn ci_checkout_hint(req: &SetCommits) -> Option<String> {
    let checkout = req.ci_checkout.as_ref()?;
    let short = checkout.commit.get(..12).unwrap_or(&checkout.commit);
    Some(match ci_repository(req) {
        Some((repository, _)) => format!(
            "{} names commit {short}, but the server lists no repository {}: set up the \
             repository on the server (serve --repo, or a Sentry integration) or pass --repo-name",
            checkout.source,
            crate::domain::shown(repository)
        ),
        None => format!(
            "{} names commit {short} but not its repository: pass --repo-name NAME",
            checkout.source
        ),
    })
}

fn ci_repository(req: &SetCommits) -> Option<(&str, &CiCheckout)> {
    if !req.ranges.is_empty() || req.repo.is_some() {
        return None;
    }
    let checkout = req.ci_checkout.as_ref()?;
    let repository = req
        .repo_name
        .as_deref()
        .or(checkout.repository.as_deref())?;
    Some((repository, checkout))
}

/// The resolved ranges as refs: each head, and the previous commit when one was named.
pub fn of_resolved(repo: &GitRepo, resolved: &[RangeAsked]) -> Result<Vec<ServerRange>> {
    resolved
        .iter()
        .map(|range| {
            let previous = match &range.previous {
                // A full id this clone lacks goes as it is: the server may have it.
                Some(previous) if is_commit_id(previous) && !repo.has_commit(previous) => {
                    Some(previous.to_ascii_lowercase())
                }
                Some(previous) => Some(repo.resolve_commit(previous)?),
                None => None,
            };
            Ok(ServerRange {
                repository: range.repository.clone(),
                commit: range.head.clone(),
                previous,
            })
        })
        .collect()
}

/// Whether this is a shallow clone missing a head an earlier release recorded in one of the
/// ranges' repositories (the range cannot be read here), and the server lists every one of
/// those repositories (it can read them).
pub fn server_should_read(
    backend: &dyn Backend,
    org: &str,
    repo: &GitRepo,
    resolved: &[RangeAsked],
    earlier: &EarlierHeads,
) -> Result<bool> {
    if !repo.is_shallow() || !backend.reads_refs() {
        return Ok(false);
    }
    let missing = resolved.iter().any(|range| {
        range.previous.is_none()
            && earlier.in_repository(&range.repository).any(|head| {
                is_commit_id(&head.commit) && repo.resolve_commit(&head.commit).is_err()
            })
    });
    if !missing {
        return Ok(false);
    }
    let listed = backend.repositories(org)?;
    Ok(resolved
        .iter()
        .all(|range| listed.iter().any(|known| known.name == range.repository)))
}

/// Sends `ranges` for the server to read, in one update of the release.
pub fn send(backend: &dyn Backend, req: &SetCommits, ranges: Vec<ServerRange>) -> SetCommitsRun {
    let mut repositories: Vec<&str> = Vec::new();
    for range in &ranges {
        if !repositories.contains(&range.repository.as_str()) {
            repositories.push(&range.repository);
        }
    }
    let repository = repositories.join(", ");
    let started = Instant::now();
    let updated = backend.update_release(&UpdateRelease {
        org: req.org.clone(),
        version: req.version.clone(),
        projects: req.projects.clone(),
        server_ranges: ranges,
        ..UpdateRelease::default()
    });
    SetCommitsRun {
        repository,
        shallow_clone: false,
        ranges: Vec::new(),
        bound_any: true,
        read_by_server: true,
        elapsed: started.elapsed(),
        updated,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(head: &str, previous: Option<&str>) -> RangeAsked {
        RangeAsked {
            repository: "acme/app".into(),
            previous: previous.map(str::to_string),
            head: head.into(),
        }
    }

    #[test]
    fn only_full_commit_ids_go_without_a_repository() {
        let a = "a".repeat(40);
        let b = "B".repeat(40);
        let sent = without_history(&[range(&b, Some(&a))]).unwrap();
        assert_eq!(sent[0].commit, "b".repeat(40));
        assert_eq!(sent[0].previous.as_deref(), Some(a.as_str()));
        for bad in [
            range("HEAD", None),
            range("abc1234", None),
            range(&a, Some("v1.0")),
        ] {
            assert_eq!(without_history(std::slice::from_ref(&bad)), None, "{bad:?}");
        }
        assert_eq!(without_history(&[]), None);
    }
}
