//! Commits sent under a repository name the server does not know, recorded under the one
//! registered repository (`serve --repo NAME=PATH`) that holds them all.
//!
//! sentry-cli's `set-commits --local` names every commit's repository after the git remote, the
//! literal "origin" (its bug 3254), and Sentry then keeps a repository called "origin". `serve`
//! can do better: it has the clones. When every commit sent under a name that is neither
//! registered nor stored is in exactly one registered clone, the commits (and `refs` naming
//! that name) are recorded under that clone's name, and the server log says so. Otherwise (no
//! clone holds them all, or several do) what was sent is kept.

use super::error::ApiError;
use super::release_body::Refs;
use super::state::{Ctx, Registered};
use crate::flow::commits::CommitInput;
use crate::git;

/// Renames the unknown repository names of `commits` (and of `refs`) whose commits are all in
/// exactly one registered repository.
pub fn adopt(
    ctx: &Ctx,
    org: &str,
    commits: &mut [CommitInput],
    refs: &mut Refs,
) -> Result<(), ApiError> {
    if ctx.api.repos.is_empty() || commits.is_empty() {
        return Ok(());
    }
    let stored = ctx.backend().repositories(org)?;
    let mut unknown: Vec<String> = Vec::new();
    for name in commits.iter().filter_map(|c| c.repository.as_deref()) {
        let known = ctx.repository(name).is_some() || stored.iter().any(|r| r.name == name);
        if !known && !unknown.iter().any(|n| n == name) {
            unknown.push(name.to_string());
        }
    }
    for name in unknown {
        let shas: Vec<&str> = commits
            .iter()
            .filter(|c| c.repository.as_deref() == Some(name.as_str()))
            .map(|c| c.id.as_str())
            .collect();
        let holders: Vec<&Registered> = ctx
            .api
            .repos
            .iter()
            .filter(|repo| holds_all(repo, &shas))
            .collect();
        let [holder] = holders.as_slice() else {
            continue;
        };
        tracing::info!(
            "commits sent under the unknown repository {name:?} are all in the registered repository {:?}: recorded there",
            holder.name
        );
        for commit in commits
            .iter_mut()
            .filter(|c| c.repository.as_deref() == Some(name.as_str()))
        {
            commit.repository = Some(holder.name.clone());
        }
        if let Refs::Set(refs) = refs {
            for r in refs.iter_mut().filter(|r| r.repository == name) {
                r.repository = holder.name.clone();
            }
        }
    }
    Ok(())
}

/// Whether the clone of `repo` holds every one of `shas` (full commit ids).
fn holds_all(repo: &Registered, shas: &[&str]) -> bool {
    git::open(Some(&repo.path)).is_ok_and(|clone| shas.iter().all(|sha| clone.has_commit(sha)))
}
