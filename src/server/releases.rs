//! Release endpoints (server-flow.md 1.3, 1.4, 1.8 and section 9): the project and organization
//! release lists and POSTs, and one release's GET, PUT, DELETE, commits and previous release.
//!
//! Each handler validates the whole body, resolves what it names (projects, `refs`) and only then
//! asks the backend to write, so a 400 leaves the store as it was.

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};

use super::auth::{Credentials, RELEASE_READ, RELEASE_WRITE};
use super::decode::Body;
use super::error::ApiError;
use super::pagination;
use super::query::{Params, Query};
use super::release_body::{self, Endpoint, Refs, ReleaseBody};
use super::repos;
use super::state::{Api, Ctx};
use super::unknown_repository;
use crate::api::{
    self,
    release::{EarlierHead, NoPreviousRelease, PreviousRelease, ReleaseUpdated},
};
use crate::backend::{
    CommitsChange, CreateOutcome, CreateRelease, PreviousQuery, ReleaseListQuery, ReleaseQuery,
    ReleaseStatus, Slice, UpdateRelease,
};
use crate::domain::version::validate_version;
use crate::error::ErrorKind;
use crate::flow::commits::HeadCommit;
use crate::model;

/// A version taken from the URL. One no release can have (`a%2Fb` decodes to `a/b`) names no
/// release: 404, never another release.
pub fn check_path_version(version: &str) -> Result<(), ApiError> {
    validate_version(version).map_err(|_| ApiError::no_such_resource())
}

/// `?status=`: open releases by default, or archived ones; an empty `status=` is no filter
/// (Sentry reads `GET.get("status", "open")` and filters only on a non-empty value).
fn status_filter(query: &Query) -> Result<Option<ReleaseStatus>, ApiError> {
    match query.first("status") {
        None | Some("open") => Ok(Some(ReleaseStatus::Open)),
        Some("") => Ok(None),
        Some("archived") => Ok(Some(ReleaseStatus::Archived)),
        Some(_) => Err(ApiError::bad_request("invalid value for status")),
    }
}

fn substring(query: &Query) -> Option<String> {
    query
        .first("query")
        .map(str::trim)
        .filter(|q| !q.is_empty())
        .map(str::to_string)
}

/// The organization POST stores at most this many characters of the `User-Agent` (Sentry's
/// `user_agent[:256]`, server-flow.md 1.4); the project POST stores it whole (1.3).
const ORG_POST_USER_AGENT: usize = 256;

fn user_agent(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::USER_AGENT)
        .map(|value| String::from_utf8_lossy(value.as_bytes()).into_owned())
}

/// The first `max` characters of `text` (Python's `text[:max]`).
fn truncated(text: String, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((end, _)) => text[..end].to_string(),
        None => text,
    }
}

fn answer(status: StatusCode, body: impl serde::Serialize) -> Response {
    (status, Json(body)).into_response()
}

fn release_body(release: &model::Release) -> api::Release {
    api::Release::from_model(release)
}

fn release_page(
    query: &Query,
    window: &pagination::Window,
    releases: Vec<model::Release>,
    more: bool,
) -> Result<Response, ApiError> {
    let rows: Vec<api::Release> = releases.iter().map(release_body).collect();
    Ok(pagination::respond(query, window, rows, more))
}

/// `GET /api/0/projects/{org}/{project}/releases/`: newest first by
/// `COALESCE(dateReleased, dateCreated)`.
pub async fn project_list(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        let window = pagination::window(&query)?;
        let status = status_filter(&query)?;
        ctx.backend().project(&org, &project)?;
        let mut releases = ctx.backend().releases(&ReleaseListQuery {
            org,
            projects: vec![project],
            query: substring(&query),
            status,
            limit: u32::MAX,
            offset: 0,
        })?;
        releases.sort_by(|a, b| {
            let key = |r: &model::Release| {
                r.date_released
                    .clone()
                    .unwrap_or_else(|| r.date_created.clone())
            };
            key(b).cmp(&key(a))
        });
        let (page, more) = pagination::slice(releases, &window);
        release_page(&query, &window, page, more)
    })
    .await
}

/// `POST /api/0/projects/{org}/{project}/releases/`: 201, or 208 when the release was already
/// linked to the project. A new release records the whole `User-Agent`.
pub async fn project_create(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, project)): Params<(String, String)>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_WRITE, move |ctx| {
        let project = ctx.backend().project(&org, &project)?;
        let mut rb = release_body::decode(&body.object()?, Endpoint::ProjectPost)?;
        unknown_repository::adopt(ctx, &org, &mut rb.commits, &mut rb.refs)?;
        let created = ctx.backend().create_release(&CreateRelease {
            org: org.clone(),
            version: rb.version.clone(),
            projects: vec![project.slug],
            ref_: rb.ref_.clone(),
            url: rb.url.clone(),
            date_released: rb.date_released,
            status: rb.status,
            user_agent: user_agent(&headers),
            finalize_existing: false,
            commits: if rb.commits.is_empty() {
                CommitsChange::Keep
            } else {
                CommitsChange::Replace(rb.commits)
            },
            head_commits: Vec::new(),
        })?;
        let release = created.release;
        let status = match created.outcome {
            CreateOutcome::AlreadyThere => StatusCode::ALREADY_REPORTED,
            CreateOutcome::Created | CreateOutcome::Linked(_) => StatusCode::CREATED,
        };
        Ok(answer(status, release_body(&release)))
    })
    .await
}

/// `GET /api/0/organizations/{org}/releases/`: newest created first, `?project=` (repeatable,
/// `-1` for all), `?query=` (substring of the version), `?status=archived`.
pub async fn org_list(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        let window = pagination::window(&query)?;
        let status = status_filter(&query)?;
        let fetched = ctx.backend().releases(&ReleaseListQuery {
            org,
            projects: query.projects(),
            query: substring(&query),
            status,
            limit: u32::try_from(window.fetch()).unwrap_or(u32::MAX),
            offset: window.offset as u64,
        })?;
        let (page, more) = pagination::trim(fetched, &window);
        release_page(&query, &window, page, more)
    })
    .await
}

/// The slugs of `names` (slugs, ids, or ids as text), or Sentry's 400 when one is unknown.
fn resolve_projects(ctx: &Ctx, org: &str, names: &[String]) -> Result<Vec<String>, ApiError> {
    let projects = ctx.backend().projects(org)?;
    let mut slugs: Vec<String> = Vec::with_capacity(names.len());
    for name in names {
        let found = projects
            .iter()
            .find(|p| p.slug == *name || p.id.to_string() == *name)
            .ok_or_else(|| ApiError::field("projects", "Invalid project ids or slugs"))?;
        if !slugs.contains(&found.slug) {
            slugs.push(found.slug.clone());
        }
    }
    Ok(slugs)
}

/// The commits a body binds: its `commits`, else those its `refs` name; and the head commits
/// to record, one per ref (with `commits`, `refs` only say where they end).
fn commits_change(
    ctx: &Ctx,
    org: &str,
    version: &str,
    projects: &[String],
    rb: &mut ReleaseBody,
) -> Result<(CommitsChange, Vec<HeadCommit>), ApiError> {
    unknown_repository::adopt(ctx, org, &mut rb.commits, &mut rb.refs)?;
    let refs = std::mem::take(&mut rb.refs);
    if !rb.commits.is_empty() {
        let heads = match &refs {
            Refs::Set(refs) => repos::head_commits(ctx, org, refs, &rb.commits)?,
            Refs::None | Refs::Clear => Vec::new(),
        };
        return Ok((
            CommitsChange::Replace(std::mem::take(&mut rb.commits)),
            heads,
        ));
    }
    Ok(match refs {
        Refs::None => (CommitsChange::Keep, Vec::new()),
        Refs::Clear => (CommitsChange::Clear, Vec::new()),
        Refs::Set(refs) => {
            let (commits, heads) = repos::resolve(ctx, org, version, projects, &refs)?;
            (CommitsChange::Replace(commits), heads)
        }
    })
}

/// `POST /api/0/organizations/{org}/releases/`: 208 when the release existed and no project was
/// newly linked, else 201. `status` archives or restores. A new release records the first 256
/// characters of the `User-Agent`.
pub async fn org_create(
    State(api): State<Api>,
    credentials: Credentials,
    Params(org): Params<String>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_WRITE, move |ctx| {
        let mut rb = release_body::decode(&body.object()?, Endpoint::OrganizationPost)?;
        let projects = resolve_projects(ctx, &org, &rb.projects)?;
        let version = rb.version.clone();
        let (commits, head_commits) = commits_change(ctx, &org, &version, &projects, &mut rb)?;
        let existing = if projects.is_empty() {
            existing_release(ctx, &org, &version)?
        } else {
            None
        };
        let (release, status) = match existing {
            // Archive and restore send no projects (sentry-cli): change the status (and bind
            // any commits), in one transaction.
            Some(release) => {
                let release = if rb.status.is_some() || commits != CommitsChange::Keep {
                    ctx.backend()
                        .update_release(&UpdateRelease {
                            org: org.clone(),
                            version: version.clone(),
                            status: rb.status,
                            commits,
                            head_commits,
                            ..UpdateRelease::default()
                        })?
                        .release
                } else {
                    release
                };
                (release, StatusCode::ALREADY_REPORTED)
            }
            None => {
                let created = ctx.backend().create_release(&CreateRelease {
                    org: org.clone(),
                    version: version.clone(),
                    projects,
                    ref_: rb.ref_,
                    url: rb.url,
                    date_released: rb.date_released,
                    status: rb.status,
                    user_agent: user_agent(&headers)
                        .map(|agent| truncated(agent, ORG_POST_USER_AGENT)),
                    finalize_existing: false,
                    commits,
                    head_commits,
                })?;
                let status = match created.outcome {
                    CreateOutcome::AlreadyThere => StatusCode::ALREADY_REPORTED,
                    CreateOutcome::Created | CreateOutcome::Linked(_) => StatusCode::CREATED,
                };
                (created.release, status)
            }
        };
        Ok(answer(status, release_body(&release)))
    })
    .await
}

fn existing_release(
    ctx: &Ctx,
    org: &str,
    version: &str,
) -> Result<Option<model::Release>, ApiError> {
    match ctx.backend().release(&ReleaseQuery {
        org: org.to_string(),
        version: version.to_string(),
        with_commits: false,
        commit_slice: None,
        project: None,
    }) {
        Ok(release) => Ok(Some(release)),
        Err(err) if err.kind == ErrorKind::NotFound => {
            // An unknown organization is still a 404.
            ctx.backend().organization(org)?;
            Ok(None)
        }
        Err(err) => Err(err.into()),
    }
}

fn find_release(
    ctx: &Ctx,
    org: &str,
    version: &str,
    project: Option<String>,
    commits: Option<Slice>,
) -> Result<model::Release, ApiError> {
    Ok(ctx.backend().release(&ReleaseQuery {
        org: org.to_string(),
        version: version.to_string(),
        with_commits: commits.is_some(),
        commit_slice: commits,
        project,
    })?)
}

/// `GET /api/0/organizations/{org}/releases/{version}/`; `?project=` must be linked, else 404.
pub async fn get(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        check_path_version(&version)?;
        let project = query
            .first("project")
            .map(str::trim)
            .filter(|p| !p.is_empty() && *p != "-1")
            .map(str::to_string);
        let release = find_release(ctx, &org, &version, project, None)?;
        Ok(answer(StatusCode::OK, release_body(&release)))
    })
    .await
}

/// `PUT /api/0/organizations/{org}/releases/{version}/` (1.8): `ref`, `url`, `dateReleased`
/// (finalizes), `status` (`"archived"` only: `"open"` is ignored, as Sentry does), `commits`
/// (replace), `refs` (`[]` clears). The answer adds the short ids of the issues the commits
/// resolved as `resolvedIssues`, and the later releases that gave up commits to this one as
/// `reboundReleases` (relctl's extensions).
pub async fn put(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
    body: Body,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_WRITE, move |ctx| {
        check_path_version(&version)?;
        let current = find_release(ctx, &org, &version, None, None)?;
        let mut rb = release_body::decode(&body.object()?, Endpoint::Put)?;
        let (commits, head_commits) = commits_change(ctx, &org, &version, &[], &mut rb)?;
        let nothing = rb.ref_.is_none()
            && rb.url.is_none()
            && rb.date_released.is_none()
            && rb.status.is_none()
            && commits == CommitsChange::Keep;
        let (release, resolved, rebound) = if nothing {
            (current, Vec::new(), Vec::new())
        } else {
            let updated = ctx.backend().update_release(&UpdateRelease {
                org: org.clone(),
                version: version.clone(),
                ref_: rb.ref_,
                url: rb.url,
                date_released: rb.date_released,
                status: rb.status,
                commits,
                head_commits,
                projects: Vec::new(),
                // serve has read the refs into commits itself.
                server_ranges: Vec::new(),
                // The heads say which, and how (`head_commits`).
                auto_repositories: Vec::new(),
                named_repositories: Vec::new(),
            })?;
            (
                updated.release,
                updated.resolved_issues,
                updated.rebound_releases,
            )
        };
        Ok(answer(
            StatusCode::OK,
            ReleaseUpdated {
                release: release_body(&release),
                resolved_issues: resolved,
                rebound_releases: rebound,
            },
        ))
    })
    .await
}

/// `DELETE /api/0/organizations/{org}/releases/{version}/`: 204.
pub async fn delete(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_WRITE, move |ctx| {
        check_path_version(&version)?;
        ctx.backend().delete_release(&org, &version)?;
        Ok(StatusCode::NO_CONTENT.into_response())
    })
    .await
}

/// `GET .../releases/{version}/previous-with-commits/`: `{}` when there is none; 404 for a
/// release that does not exist or has no projects. Beside Sentry's release body, relctl's
/// `headCommits` (the previous release's heads) and `earlierHeads` (every earlier release's:
/// `[{version, repository, commit}]`, newest release first).
pub async fn previous_with_commits(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        check_path_version(&version)?;
        let release = find_release(ctx, &org, &version, None, None)?;
        if release.projects.is_empty() {
            return Err(ApiError::no_such_resource());
        }
        let query = PreviousQuery {
            org: org.clone(),
            version,
            projects: Vec::new(),
        };
        // relctl's extension: every head the releases created before this one recorded, so a
        // relctl client starts each repository's range where all of them end (cli.md, --auto).
        let earlier_heads: Vec<EarlierHead> = ctx
            .backend()
            .earlier_heads(&query)?
            .0
            .into_iter()
            .map(|head| EarlierHead {
                version: head.version,
                repository: head.repository,
                commit: head.commit,
            })
            .collect();
        let Some(previous) = ctx.backend().previous_release(&query)? else {
            // Sentry's "none" is `{}`; the heads go along when a release created earlier has
            // some (one released later than this one is not its previous release).
            return Ok(answer(StatusCode::OK, NoPreviousRelease { earlier_heads }));
        };
        let release = find_release(ctx, &org, &previous.version, None, None)?;
        let head_commits = previous
            .heads
            .into_iter()
            .map(|(repository, commit)| api::release::HeadCommit { repository, commit })
            .collect();
        Ok(answer(
            StatusCode::OK,
            PreviousRelease {
                release: release_body(&release),
                head_commits,
                earlier_heads,
            },
        ))
    })
    .await
}

/// `GET .../releases/{version}/commits/`: the release's commits, newest first, paginated.
pub async fn commits(
    State(api): State<Api>,
    credentials: Credentials,
    Params((org, version)): Params<(String, String)>,
    query: Query,
) -> Result<Response, ApiError> {
    api.run(credentials, RELEASE_READ, move |ctx| {
        check_path_version(&version)?;
        let window = pagination::window(&query)?;
        // Only the page is read from the store (a release may hold 100,000 commits).
        let slice = window.slice();
        let release = find_release(ctx, &org, &version, None, Some(slice))?;
        let (page, more) = pagination::trim(release.commits.unwrap_or_default(), &window);
        let rows: Vec<api::Commit> = page.iter().map(api::Commit::from_model).collect();
        Ok(pagination::respond(&query, &window, rows, more))
    })
    .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn truncation_counts_characters() {
        assert_eq!(truncated("abc".to_string(), 256), "abc");
        assert_eq!(truncated("é".repeat(300), 256), "é".repeat(256));
        assert_eq!(truncated("ab".to_string(), 2), "ab");
        assert_eq!(truncated("abc".to_string(), 2), "ab");
    }
}
