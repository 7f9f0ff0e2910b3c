//! Deploys (server-flow.md 1.9): environment validation and get-or-create, the deploy row, the
//! release's deploy counters and the per-project environment bookkeeping.

use crate::store::sql::Db;
use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::model;
use crate::store;
use crate::store::deploys::NewDeploy;
use crate::store::orgs::OrgRow;
use crate::store::projects::ProjectRow;
use crate::store::releases::ReleaseRow;

use super::FlowEnv;
use super::views;

const DEPLOY_NAME_MAX_LENGTH: usize = 64;

/// The environment name rule lives in the domain; the flow checks it before get-or-create.
pub use crate::domain::environment::check_environment;

pub struct NewDeployRequest<'a> {
    pub environment: &'a str,
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date_started: Option<DateTime<Utc>>,
    pub date_finished: Option<DateTime<Utc>>,
    /// Projects to record the deploy for; empty = every project of the release.
    pub projects: &'a [ProjectRow],
}

pub fn create(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: &ReleaseRow,
    req: &NewDeployRequest<'_>,
) -> Result<model::Deploy> {
    check_environment(req.environment)?;
    if let Some(name) = req.name
        && name.chars().count() > DEPLOY_NAME_MAX_LENGTH
    {
        return Err(Error::usage(format!(
            "the deploy name may not be longer than {DEPLOY_NAME_MAX_LENGTH} characters"
        )));
    }
    if let Some(url) = req.url {
        super::releases::check_url("--url", url)?;
    }
    let finished = req.date_finished.unwrap_or(env.now);
    if let Some(started) = req.date_started
        && started > finished
    {
        return Err(Error::usage(
            "the deploy cannot start after it finished (--started is after --finished)",
        ));
    }
    let projects = deployed_projects(conn, release, req.projects)?;
    let now = env.now_text();
    let environment_id = store::deploys::environment_id(conn, org.id, req.environment, &now)?;
    for project in &projects {
        store::deploys::link_environment_project(conn, environment_id, project.id)?;
    }
    let started = req.date_started.map(crate::time::format_ts);
    let finished = crate::time::format_ts(finished);
    let deploy_id = store::deploys::insert(
        conn,
        &NewDeploy {
            organization_id: org.id,
            release_id: release.id,
            environment_id,
            name: req.name,
            url: req.url,
            date_started: started.as_deref(),
            date_finished: &finished,
        },
    )?;
    store::deploys::count_on_release(conn, release.id, deploy_id)?;
    for project in &projects {
        store::deploys::record_release_project_environment(
            conn,
            release.id,
            project.id,
            environment_id,
            deploy_id,
            &now,
        )?;
    }
    let row = store::deploys::find(conn, deploy_id)?
        .ok_or_else(|| Error::other("the new deploy vanished from the store"))?;
    Ok(views::deploy(&row))
}

/// The projects a deploy of `release` is recorded for: those asked (each must be one of the
/// release's), or every project of the release; in id order, so two deploys of overlapping
/// projects write their shared environment rows in one order and wait for each other's rows
/// instead of deadlocking.
fn deployed_projects(
    conn: &Db<'_>,
    release: &ReleaseRow,
    asked: &[ProjectRow],
) -> Result<Vec<ProjectRow>> {
    let linked = store::releases::projects(conn, release.id)?;
    let mut projects: Vec<ProjectRow> = if asked.is_empty() {
        linked
    } else {
        let unlinked: Vec<&str> = asked
            .iter()
            .filter(|p| !linked.iter().any(|l| l.id == p.id))
            .map(|p| p.slug.as_str())
            .collect();
        if !unlinked.is_empty() {
            return Err(Error::usage(format!(
                "Invalid projects ({}) for release {}",
                unlinked.join(", "),
                release.version
            )));
        }
        asked.to_vec()
    };
    projects.sort_unstable_by_key(|project| project.id);
    Ok(projects)
}

/// Every deploy of a release, newest finished first.
pub fn list(conn: &Db<'_>, release: &ReleaseRow) -> Result<Vec<model::Deploy>> {
    Ok(store::deploys::list(conn, release.id)?
        .iter()
        .map(views::deploy)
        .collect())
}

/// Sentry's `ReleaseDeploysEndpoint.get`: the last deploy of each project and environment the
/// release was deployed to (its ReleaseProjectEnvironment rows), of `project_ids` only when
/// some are given, each once, newest finished first.
pub fn latest(
    conn: &Db<'_>,
    release: &ReleaseRow,
    project_ids: &[i64],
) -> Result<Vec<model::Deploy>> {
    let mut deploys: Vec<model::Deploy> = Vec::new();
    for (project_id, row) in store::deploys::last_per_project_environment(conn, release.id)? {
        let wanted = project_ids.is_empty() || project_ids.contains(&project_id);
        if wanted && !deploys.iter().any(|d| d.id == row.id) {
            deploys.push(views::deploy(&row));
        }
    }
    Ok(deploys)
}
