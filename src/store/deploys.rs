//! SQL for environments and deploys.

use super::sql::{Db, DbResult, Row, params};

use crate::error::Result;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployRow {
    pub id: i64,
    pub environment: String,
    pub name: Option<String>,
    pub url: Option<String>,
    pub date_started: Option<String>,
    pub date_finished: String,
}

/// Environment get-or-create by (organization, name); returns its id.
pub fn environment_id(conn: &Db<'_>, org_id: i64, name: &str, now: &str) -> Result<i64> {
    conn.execute(
        "INSERT INTO environment (organization_id, name, date_added) VALUES (?1, ?2, ?3)
         ON CONFLICT (organization_id, name) DO NOTHING",
        params![org_id, name, now],
    )?;
    Ok(conn.query_one(
        "SELECT id FROM environment WHERE organization_id = ?1 AND name = ?2",
        params![org_id, name],
        |row| row.get(0),
    )?)
}

pub fn link_environment_project(conn: &Db<'_>, environment_id: i64, project_id: i64) -> Result<()> {
    conn.execute(
        "INSERT INTO environment_project (environment_id, project_id) VALUES (?1, ?2)
         ON CONFLICT (project_id, environment_id) DO NOTHING",
        params![environment_id, project_id],
    )?;
    Ok(())
}

pub struct NewDeploy<'a> {
    pub organization_id: i64,
    pub release_id: i64,
    pub environment_id: i64,
    pub name: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date_started: Option<&'a str>,
    pub date_finished: &'a str,
}

pub fn insert(conn: &Db<'_>, deploy: &NewDeploy<'_>) -> Result<i64> {
    Ok(conn.insert(
        "INSERT INTO deploy (organization_id, release_id, environment_id, name, url, date_started, date_finished)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            deploy.organization_id,
            deploy.release_id,
            deploy.environment_id,
            deploy.name,
            deploy.url,
            deploy.date_started,
            deploy.date_finished
        ],
    )?)
}

/// `total_deploys += 1, last_deploy_id = deploy` on the release.
pub fn count_on_release(conn: &Db<'_>, release_id: i64, deploy_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE release SET total_deploys = total_deploys + 1, last_deploy_id = ?2 WHERE id = ?1",
        params![release_id, deploy_id],
    )?;
    Ok(())
}

/// ReleaseProjectEnvironment create-or-update with the last deploy.
pub fn record_release_project_environment(
    conn: &Db<'_>,
    release_id: i64,
    project_id: i64,
    environment_id: i64,
    deploy_id: i64,
    now: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO release_project_environment (release_id, project_id, environment_id, first_seen, last_deploy_id)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (project_id, release_id, environment_id) DO UPDATE SET last_deploy_id = excluded.last_deploy_id",
        params![release_id, project_id, environment_id, now, deploy_id],
    )?;
    Ok(())
}

const SELECT: &str = "SELECT d.id, e.name, d.name, d.url, d.date_started, d.date_finished
    FROM deploy d JOIN environment e ON e.id = d.environment_id";

fn deploy_from_row(row: &Row<'_>) -> DbResult<DeployRow> {
    Ok(DeployRow {
        id: row.get(0)?,
        environment: row.get(1)?,
        name: row.get(2)?,
        url: row.get(3)?,
        date_started: row.get(4)?,
        date_finished: row.get(5)?,
    })
}

pub fn find(conn: &Db<'_>, deploy_id: i64) -> Result<Option<DeployRow>> {
    let sql = format!("{SELECT} WHERE d.id = ?1");
    Ok(conn.query_opt(&sql, params![deploy_id], deploy_from_row)?)
}

/// Deploys of a release, newest first.
pub fn list(conn: &Db<'_>, release_id: i64) -> Result<Vec<DeployRow>> {
    let sql = format!("{SELECT} WHERE d.release_id = ?1 ORDER BY d.date_finished DESC, d.id DESC");
    Ok(conn.query_all(&sql, params![release_id], deploy_from_row)?)
}

/// The last deploy of each project and environment of a release, with the project's id,
/// newest finished first (a deploy to several projects comes once per project).
pub fn last_per_project_environment(
    conn: &Db<'_>,
    release_id: i64,
) -> Result<Vec<(i64, DeployRow)>> {
    let sql = "SELECT d.id, e.name, d.name, d.url, d.date_started, d.date_finished, rpe.project_id
        FROM release_project_environment rpe
        JOIN deploy d ON d.id = rpe.last_deploy_id
        JOIN environment e ON e.id = d.environment_id
        WHERE rpe.release_id = ?1
        ORDER BY d.date_finished DESC, d.id DESC";
    Ok(conn.query_all(sql, params![release_id], |row| {
        Ok((row.get(6)?, deploy_from_row(row)?))
    })?)
}
