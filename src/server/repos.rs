//! The repositories registered with `--repo NAME=PATH`: their listing (`GET .../repos/`, which
//! sentry-cli reads before choosing between `refs` and `commits`) and the resolution of `refs`.
//!
//! Sentry resolves `refs` through an SCM integration; relctl reads the local clone instead. Each
//! ref names a registered repository and the commit its range ends at; the range starts at
//! `previousCommit`, else at the head the previous release recorded for that repository, else it
//! is the first 20 commits, the same rules as `set-commits --auto`. Everything is read before the
//! caller writes, so an unknown repository or sha is a 400 with nothing written. Each ref's
//! commit is recorded as the release's head commit in that repository, where the next release
//! starts. `refs` sent next to `commits` (what relctl's client sends) read nothing: they only
//! record the head commits, and may name any repository the store or the commits know.
//!
//! What a client sends never reaches git as a revision expression: `commit` and `previousCommit`
//! must be commit ids, 4 to 64 hexadecimal characters (Sentry's limit is 64), so `HEAD~100000`
//! or `:/regex` are 400s, and a head recorded by an earlier release that is not an id is not used
//! (the range starts afresh). A request binds at most [`MAX_REF_COMMITS`] commits from its refs:
//! beyond, the newest are bound and the request log says how many were left out.

use axum::extract::State;
use axum::response::Response;

use super::auth::{Credentials, ORG_REPOS};
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::release_body::Ref;
use super::state::{Api, Ctx, Registered};
use crate::api;
use crate::backend::{EarlierHeads, PreviousQuery};
use crate::domain::commit_id::{MAX_COMMIT_ID, MIN_COMMIT_ID, is_commit_id};
use crate::flow::commits::{CommitInput, HeadCommit};
use crate::git::{self, GitError, RangeSpec};
use crate::ops::range_start::range_start;

/// Commits taken when a repository has no previous release to start from.
const INITIAL_DEPTH: usize = 20;

/// The most commits one request binds through its refs (all refs together): the newest are kept.
pub const MAX_REF_COMMITS: usize = 10_000;

/// `GET /api/0/organizations/{org}/repos/`
pub async fn list(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, ORG_REPOS, move |ctx| {
        let window = pagination::window(&query)?;
        ctx.backend().organization(&org)?;
        let stored = ctx.backend().repositories(&org)?;
        let rows: Vec<crate::api::Repository> = ctx
            .api
            .repos
            .iter()
            .map(|repo| {
                let id = stored
                    .iter()
                    .find(|s| s.name == repo.name)
                    .map_or_else(|| synthetic_id(&repo.name), |s| s.id);
                repository_json(repo, id)
            })
            .collect();
        let (rows, more) = pagination::slice(rows, &window);
        Ok(pagination::respond(&query, &window, rows, more))
    })
    .await
}

fn repository_json(repo: &Registered, id: i64) -> api::Repository {
    let url = git::open(Some(&repo.path))
        .ok()
        .and_then(|clone| clone.remote_url(None));
    api::Repository {
        id: api::StrId(id),
        name: repo.name.clone(),
        url,
        status: Some("active".to_string()),
        provider: Some(api::repository::Provider {
            id: "git".to_string(),
            name: "Git".to_string(),
        }),
        date_created: Some(repo.date_created.clone()),
    }
}

/// A stable id for a repository the store has not seen yet (FNV-1a of the name, 53 bits).
fn synthetic_id(name: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in name.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    ((hash & ((1 << 53) - 1)) | 1) as i64
}

/// Checks what refs name before anything is read: 400 `{"refs": ["Invalid repository names:
/// a,b"]}` unless every repository is registered, then 400 `{"refs": [...]}` naming the first
/// `commit` or `previousCommit` that is not a commit id.
pub fn check_refs(ctx: &Ctx, refs: &[Ref]) -> Result<(), ApiError> {
    check_repository_names(refs, |name| ctx.repository(name).is_some())?;
    check_commit_ids(refs)
}

/// `refs` sent next to `commits` only record where the commits end (Sentry's `set_refs` without
/// fetching): each names a repository that is registered, already in the store, or one the
/// commits are bound in, and a commit id. Checked before anything is written; the heads to
/// record, one per ref.
pub fn head_commits(
    ctx: &Ctx,
    org: &str,
    refs: &[Ref],
    commits: &[CommitInput],
) -> Result<Vec<HeadCommit>, ApiError> {
    let stored = ctx.backend().repositories(org)?;
    check_repository_names(refs, |name| {
        ctx.repository(name).is_some()
            || stored.iter().any(|r| r.name == name)
            || commits
                .iter()
                .any(|c| c.repository.as_deref() == Some(name))
    })?;
    check_commit_ids(refs)?;
    Ok(refs
        .iter()
        .map(|r| HeadCommit {
            repository: r.repository.clone(),
            commit: r.commit.clone(),
            previous: r.previous.clone(),
        })
        .collect())
}

fn check_repository_names(refs: &[Ref], known: impl Fn(&str) -> bool) -> Result<(), ApiError> {
    let mut unknown: Vec<&str> = Vec::new();
    for r in refs {
        if !known(&r.repository) && !unknown.contains(&r.repository.as_str()) {
            unknown.push(&r.repository);
        }
    }
    if !unknown.is_empty() {
        return Err(ApiError::field(
            "refs",
            format!("Invalid repository names: {}", unknown.join(",")),
        ));
    }
    Ok(())
}

fn check_commit_ids(refs: &[Ref]) -> Result<(), ApiError> {
    for r in refs {
        for (field, value) in std::iter::once(("commit", &r.commit))
            .chain(r.previous.iter().map(|p| ("previousCommit", p)))
        {
            if !is_commit_id(value) {
                return Err(ApiError::field(
                    "refs",
                    format!(
                        "Invalid {field} {value:?}: a commit is named by its id, {MIN_COMMIT_ID} to {MAX_COMMIT_ID} hexadecimal characters"
                    ),
                ));
            }
        }
    }
    Ok(())
}

/// Reads the commits of every ref from its clone, newest first per repository, at most
/// [`MAX_REF_COMMITS`] in all, and the head commit of each ref (its full id) to record.
///
/// `projects` are the release's projects when it does not exist yet (for finding the previous
/// release); `version` is the release the commits are for.
pub fn resolve(
    ctx: &Ctx,
    org: &str,
    version: &str,
    projects: &[String],
    refs: &[Ref],
) -> Result<(Vec<CommitInput>, Vec<HeadCommit>), ApiError> {
    check_refs(ctx, refs)?;
    let mut earlier = None;
    let mut commits = Vec::new();
    let mut heads = Vec::new();
    for r in refs {
        let Some(repo) = ctx.repository(&r.repository) else {
            continue;
        };
        if r.previous.is_none() && earlier.is_none() {
            earlier = Some(ctx.backend().earlier_heads(&PreviousQuery {
                org: org.to_string(),
                version: version.to_string(),
                projects: projects.to_vec(),
            })?);
        }
        let start = range_start(
            r.previous.as_deref(),
            earlier.as_ref().unwrap_or(&EarlierHeads::default()),
            &repo.name,
        );
        let from_release = r.previous.is_none();
        let clone = git::open(Some(&repo.path)).map_err(|err| {
            ApiError::internal(format!("cannot open repository {}: {err}", repo.name))
        })?;
        let head = clone
            .resolve_commit(&r.commit)
            .map_err(|err| git_error(&repo.name, err))?;
        let room = MAX_REF_COMMITS.saturating_sub(commits.len());
        let spec = RangeSpec {
            head: head.clone(),
            stop_at: start.map_or_else(Vec::new, |start| start.stop_at),
            initial_depth: INITIAL_DEPTH,
            // A head recorded by an earlier release may be gone (rewritten history): start
            // afresh. A previous commit the client named must exist.
            ignore_missing: from_release,
            max_commits: Some(room),
            ..RangeSpec::default()
        };
        let range = clone
            .read_commits(&spec, false)
            .map_err(|err| git_error(&repo.name, err))?;
        if range.dropped_by_cap > 0 {
            tracing::warn!(
                "refs: {} at {}: {} older commit(s) left out, a request binds at most {MAX_REF_COMMITS}",
                repo.name,
                r.commit,
                range.dropped_by_cap
            );
        }
        commits.extend(
            range
                .commits
                .into_iter()
                .map(|commit| CommitInput::from_git(commit, &repo.name)),
        );
        heads.push(HeadCommit {
            repository: repo.name.clone(),
            commit: head,
            previous: r.previous.clone(),
        });
    }
    Ok((commits, heads))
}

fn git_error(repository: &str, err: GitError) -> ApiError {
    let message = match err {
        GitError::RevisionNotFound { rev } => {
            format!("Commit {rev} not found in repository {repository}")
        }
        GitError::PreviousCommitMissing { sha, .. } => {
            format!("Commit {sha} not found in repository {repository}")
        }
        GitError::NoCommits { .. } => format!("Repository {repository} has no commits"),
        GitError::NotARepository { .. } => {
            return ApiError::internal(format!("{repository} is not a git repository: {err}"));
        }
        // The server's own clone is broken: not the client's doing.
        GitError::Damaged { .. } => {
            return ApiError::internal(format!("repository {repository}: {err}"));
        }
        GitError::Other(message) => format!("Repository {repository}: {message}"),
    };
    ApiError::field("refs", message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn synthetic_ids_are_stable_positive_and_fit_a_double() {
        let id = synthetic_id("owner/repo");
        assert_eq!(id, synthetic_id("owner/repo"));
        assert_ne!(id, synthetic_id("owner/other"));
        assert!(id > 0 && id < (1 << 53));
    }
}
