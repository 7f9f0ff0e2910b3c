//! The release flow of server-flow.md, written once over a store transaction.
//!
//! Each function here is one step a command (and later `serve`) asks for: it validates first,
//! then writes through `crate::store`, inside the transaction its caller opened, so a failure at
//! any point leaves the store as it was. Nothing here prints or reads flags; the CLI turns
//! arguments into calls and the results into output.

pub mod commits;
pub mod deploys;
pub mod issues;
pub mod orgs;
pub mod projects;
pub mod releases;
pub mod snowflake;
pub mod tokens;
pub mod views;

use crate::store::sql::Db;
use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
use crate::store::orgs::OrgRow;
use crate::store::projects::ProjectRow;

/// What every step needs to know about "now" and "here".
#[derive(Debug, Clone)]
pub struct FlowEnv {
    pub now: DateTime<Utc>,
    /// The 12-bit region field of snowflake ids.
    pub region_id: u64,
    /// Recorded on new releases, like Sentry's `user_agent` column.
    pub user_agent: String,
    /// Where snowflake counters live when not in the store: a shared Redis.
    pub redis: Option<std::sync::Arc<crate::redis_sequence::RedisSequence>>,
}

impl FlowEnv {
    pub fn new(region_id: u64) -> FlowEnv {
        FlowEnv {
            now: Utc::now(),
            region_id,
            user_agent: format!("relctl/{}", env!("CARGO_PKG_VERSION")),
            redis: None,
        }
    }

    /// "now" in the store's text form.
    pub fn now_text(&self) -> String {
        crate::time::format_ts(self.now)
    }
}

/// The organization by slug, or a not-found error that says how to create it.
pub fn organization(conn: &Db<'_>, slug: &str) -> Result<OrgRow> {
    crate::store::orgs::find_by_slug(conn, slug)?.ok_or_else(|| no_such_organization(slug))
}

/// What is said of an organization that does not exist (and, to a token bound to another one,
/// of every organization but its own).
pub fn no_such_organization(slug: &str) -> Error {
    Error::not_found(format!(
        "organization {slug:?} not found; create it with `relctl org create {slug}`"
    ))
}

/// A project of the organization by slug (or snowflake id), or a not-found error.
pub fn project(conn: &Db<'_>, org: &OrgRow, slug_or_id: &str) -> Result<ProjectRow> {
    let by_slug = crate::store::projects::find_by_slug(conn, org.id, slug_or_id)?;
    let found = match by_slug {
        Some(project) => Some(project),
        None => match slug_or_id.parse::<i64>() {
            Ok(id) => crate::store::projects::find_by_id(conn, org.id, id)?,
            Err(_) => None,
        },
    };
    if let Some(project) = found {
        return Ok(project);
    }
    let err = Error::not_found(format!(
        "project {} not found in organization {:?}",
        crate::domain::shown(slug_or_id),
        org.slug
    ));
    let slugs: Vec<String> = crate::store::projects::list(conn, org.id)?
        .into_iter()
        .map(|p| p.slug)
        .collect();
    Err(match crate::domain::closest(slug_or_id, &slugs) {
        Some(slug) => err.with_hint(format!(
            "did you mean {slug:?}? (relctl project list shows them all)"
        )),
        None if slugs.is_empty() => err.with_hint(format!(
            "organization {:?} has no projects yet: relctl project create NAME",
            org.slug
        )),
        None => err.with_hint("relctl project list shows the projects"),
    })
}

/// Every project named, each resolved, in the order given and without repeats. All are checked
/// before the caller writes anything.
pub fn projects(conn: &Db<'_>, org: &OrgRow, names: &[String]) -> Result<Vec<ProjectRow>> {
    let mut found: Vec<ProjectRow> = Vec::with_capacity(names.len());
    for name in names {
        let project = project(conn, org, name)?;
        if !found.iter().any(|p| p.id == project.id) {
            found.push(project);
        }
    }
    Ok(found)
}
