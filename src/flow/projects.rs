//! Project save and delete (server-flow.md 4.1-4.3): slugs unique case-insensitively within the
//! organization, snowflake ids, and a delete that clears notification settings, writes the
//! outbox row and cascades, all in one transaction.

use crate::store::sql::Db;

use crate::domain::platform::is_valid_platform;
use crate::domain::shown;
use crate::domain::slug::{generate_project_slug, validate_project_slug};
use crate::error::{Error, Result};
use crate::store;
use crate::store::orgs::OrgRow;
use crate::store::projects::ProjectRow;

use super::FlowEnv;
use super::snowflake::save_with_snowflake_id;

/// Outbox constants of Sentry's RegionOutbox for a project update.
const OUTBOX_SCOPE_ORGANIZATION: i64 = 0;
const OUTBOX_CATEGORY_PROJECT_UPDATE: i64 = 9;

pub struct NewProject<'a> {
    pub name: &'a str,
    pub slug: Option<&'a str>,
    pub platform: Option<&'a str>,
}

/// Checks a platform: none, `other`, or one Sentry knows (its "Invalid platform").
pub fn check_platform(platform: &str) -> Result<()> {
    if is_valid_platform(platform) {
        return Ok(());
    }
    Err(Error::usage(format!(
        "invalid platform {}: use one of Sentry's platform ids (python, javascript-react, \
         go, ...) or \"other\"",
        shown(platform)
    )))
}

/// Checks what can be checked without the store: the name, the form of a given slug, the
/// platform.
pub fn check(new: &NewProject<'_>) -> Result<()> {
    let name = new.name.trim();
    if name.is_empty() {
        return Err(Error::usage("a project needs a name"));
    }
    if name.chars().count() > 200 {
        return Err(Error::usage(
            "a project name may not be longer than 200 characters",
        ));
    }
    if let Some(slug) = new.slug {
        validate_project_slug(slug).map_err(|err| Error::usage(err.to_string()))?;
    }
    if let Some(platform) = new.platform {
        check_platform(platform)?;
    }
    Ok(())
}

/// `Project.save` for a new project. Runs under the store's write lock, which serialises slug
/// generation across processes like Sentry's `slug:project:{org}` lock.
pub fn create(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    new: &NewProject<'_>,
) -> Result<ProjectRow> {
    check(new)?;
    let name = new.name.trim();
    let slug = match new.slug {
        Some(slug) => {
            if store::projects::slug_taken(conn, org.id, slug)? {
                return Err(Error::usage(format!(
                    "a project with slug {slug:?} already exists in organization {:?}",
                    org.slug
                )));
            }
            slug.to_string()
        }
        None => generate_project_slug(name, |candidate| {
            store::projects::slug_taken(conn, org.id, candidate)
        })?,
    };
    let mut project = ProjectRow {
        id: 0,
        organization_id: org.id,
        slug,
        name: name.to_string(),
        platform: new.platform.map(str::to_string),
        date_added: env.now_text(),
    };
    let id = save_with_snowflake_id(conn, env, |id| {
        project.id = id;
        store::projects::insert(conn, &project).map(|()| id)
    })?;
    project.id = id;
    Ok(project)
}

/// What a project PUT may change.
pub struct ProjectChanges<'a> {
    pub name: Option<&'a str>,
    pub slug: Option<&'a str>,
    pub platform: Option<&'a str>,
}

/// `Project.save` of an existing project (4.1-4.2): a new name, and a new slug that must be
/// valid and not used by another project of the organization (case-insensitively).
pub fn update(
    conn: &Db<'_>,
    org: &OrgRow,
    project: &ProjectRow,
    changes: &ProjectChanges<'_>,
) -> Result<ProjectRow> {
    let mut updated = project.clone();
    if let Some(name) = changes.name {
        check(&NewProject {
            name,
            slug: None,
            platform: None,
        })?;
        updated.name = name.trim().to_string();
    }
    if let Some(slug) = changes.slug {
        validate_project_slug(slug).map_err(|err| Error::usage(err.to_string()))?;
        if !slug.eq_ignore_ascii_case(&project.slug)
            && store::projects::slug_taken(conn, org.id, slug)?
        {
            return Err(Error::usage(format!(
                "another project of organization {:?} has the slug {slug:?}",
                org.slug
            )));
        }
        updated.slug = slug.to_string();
    }
    if let Some(platform) = changes.platform {
        check_platform(platform)?;
        updated.platform = Some(platform.to_string());
    }
    if updated != *project {
        store::projects::update(conn, &updated)?;
    }
    Ok(updated)
}

/// `Project.delete`: notification settings, the outbox row, then the cascading delete.
pub fn delete(conn: &Db<'_>, env: &FlowEnv, org: &OrgRow, project: &ProjectRow) -> Result<()> {
    store::projects::delete_notification_settings(conn, project.id)?;
    store::projects::insert_outbox(
        conn,
        OUTBOX_SCOPE_ORGANIZATION,
        org.id,
        OUTBOX_CATEGORY_PROJECT_UPDATE,
        project.id,
        &env.now_text(),
    )?;
    store::projects::delete(conn, project.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::snowflake::{compose, decompose, seconds_since_epoch};
    use crate::store::Store;

    fn new_store() -> Store {
        Store::in_memory().unwrap()
    }

    fn new_project(name: &str) -> NewProject<'_> {
        NewProject {
            name,
            slug: None,
            platform: None,
        }
    }

    #[test]
    fn a_clashing_snowflake_id_is_retried_with_a_fresh_one() {
        let mut store = new_store();
        let env = FlowEnv::new(3);
        store
            .write(|tx| {
                let org = crate::flow::organization(tx, "default")?;
                let start = seconds_since_epoch(env.now).unwrap();
                let taken = compose(start, 3, 0).unwrap();
                // Occupy the id the first attempt gets, as a row saved by an older counter would.
                let squatter = ProjectRow {
                    id: taken,
                    organization_id: org.id,
                    slug: "squatter".into(),
                    name: "Squatter".into(),
                    platform: None,
                    date_added: env.now_text(),
                };
                store::projects::insert(tx, &squatter).unwrap();
                let project = create(tx, &env, &org, &new_project("Fresh"))?;
                assert_ne!(project.id, taken);
                let parts = decompose(project.id);
                assert_eq!(
                    (parts.seconds_since_epoch, parts.region, parts.sequence),
                    (start, 3, 1)
                );
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn exhausted_sequences_are_a_conflict() {
        let mut store = new_store();
        let env = FlowEnv::new(0);
        let err = store
            .write(|tx| {
                let org = crate::flow::organization(tx, "default")?;
                let start = seconds_since_epoch(env.now).unwrap() as i64;
                let expires = env.now.timestamp() + 300;
                for second in (start - 299)..=start {
                    for _ in 0..16 {
                        store::sequence::increment(tx, second, expires)?;
                    }
                }
                create(tx, &env, &org, &new_project("Late"))
            })
            .unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Conflict, "{err}");
    }
}
