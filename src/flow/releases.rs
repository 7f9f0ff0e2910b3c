//! Releases (server-flow.md 1.3-1.8): create-or-load without overwriting, project links, the
//! RELEASE activity rules, finalize, archive/restore and delete.

use crate::store::sql::Db;
use chrono::{DateTime, Utc};

use crate::domain::shown;
use crate::error::{Error, Result};
use crate::store;
use crate::store::orgs::OrgRow;
use crate::store::projects::ProjectRow;
use crate::store::releases::{NewRelease, ReleaseRow};

use super::FlowEnv;

pub const STATUS_OPEN: i64 = 0;
pub const STATUS_ARCHIVED: i64 = 1;

/// Checks a version name, as a usage error.
pub use crate::domain::version::check_version;

/// The longest release or deploy URL: Sentry's columns are Django `URLField`s (200 characters),
/// and `serve` answers 400 beyond that.
pub const MAX_URL_CHARS: usize = 200;

/// Checks a release or deploy URL the way Django's URLValidator would accept it, roughly:
/// an http(s) or ftp(s) scheme, a host, no spaces, at most [`MAX_URL_CHARS`] characters.
pub fn check_url(flag: &str, url: &str) -> Result<()> {
    let length = url.chars().count();
    if length > MAX_URL_CHARS {
        return Err(Error::usage(format!(
            "invalid {flag} {}: it is {length} characters long, longer than {MAX_URL_CHARS}",
            shown(url)
        )));
    }
    let rest = ["http://", "https://", "ftp://", "ftps://"]
        .iter()
        .find_map(|scheme| url.strip_prefix(scheme));
    let valid = match rest {
        Some(rest) => {
            let host = rest.split(['/', '?', '#']).next().unwrap_or("");
            !host.is_empty() && !url.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if valid {
        Ok(())
    } else {
        Err(Error::usage(format!(
            "invalid {flag} {}: expected an http(s) URL such as https://example.com/releases/1.0",
            shown(url)
        )))
    }
}

pub struct NewReleaseRequest<'a> {
    pub version: &'a str,
    pub projects: &'a [ProjectRow],
    pub ref_: Option<&'a str>,
    pub url: Option<&'a str>,
    pub date_released: Option<DateTime<Utc>>,
    /// Finalize an existing unreleased release with `date_released` (the CLI's --finalize).
    pub finalize_existing: bool,
}

/// What `create` did.
pub struct Created {
    pub release: ReleaseRow,
    pub created: bool,
    pub newly_linked: Vec<ProjectRow>,
}

/// Creates the release or loads the existing one (its fields are not overwritten), links the
/// projects and writes a RELEASE activity for each newly linked project when the release is
/// released (organization endpoint, 1.4). An existing release is otherwise left as it is, as
/// Sentry's POST does; with `finalize_existing` (what a user running `release new --finalize`
/// means) an unreleased existing release is finalized (1.8) in the same transaction.
pub fn create(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    req: &NewReleaseRequest<'_>,
) -> Result<Created> {
    check_version(req.version)?;
    if let Some(url) = req.url {
        check_url("--url", url)?;
    }
    if let Some(r) = req.ref_ {
        check_ref(r)?;
    }
    let existing = store::releases::find(conn, org.id, req.version)?;
    let (mut release, created) = match existing {
        Some(release) => (release, false),
        None => {
            let now = env.now_text();
            let released = req.date_released.map(crate::time::format_ts);
            let id = store::releases::insert(
                conn,
                &NewRelease {
                    organization_id: org.id,
                    version: req.version,
                    status: STATUS_OPEN,
                    ref_: req.ref_,
                    url: req.url,
                    date_added: &now,
                    date_released: released.as_deref(),
                    user_agent: &env.user_agent,
                },
            )?;
            (reload(conn, id)?, true)
        }
    };
    // Linked in id order: marking a project as having releases locks its row, and two
    // releases naming the same projects in opposite orders must not wait for each other.
    let mut by_id: Vec<_> = req.projects.iter().collect();
    by_id.sort_by_key(|project| project.id);
    let mut linked_ids = std::collections::HashSet::new();
    for project in by_id {
        if store::releases::link_project(conn, release.id, project.id)? {
            store::projects::set_has_releases(conn, project.id)?;
            linked_ids.insert(project.id);
        }
    }
    // In the order asked for, each once.
    let newly_linked: Vec<_> = req
        .projects
        .iter()
        .filter(|project| linked_ids.remove(&project.id))
        .cloned()
        .collect();
    if let Some(date_released) = &release.date_released {
        for project in &newly_linked {
            store::releases::insert_release_activity(
                conn,
                project.id,
                &release.version,
                date_released,
            )?;
        }
    } else if let (Some(date), true) = (req.date_released, req.finalize_existing) {
        release = finalize(conn, &release, date, None)?;
    }
    Ok(Created {
        release,
        created,
        newly_linked,
    })
}

fn reload(conn: &Db<'_>, id: i64) -> Result<ReleaseRow> {
    store::releases::find_by_id(conn, id)?
        .ok_or_else(|| Error::other(format!("release {id} vanished from the store")))
}

/// The release by version, or a not-found error.
pub fn find(conn: &Db<'_>, org: &OrgRow, version: &str) -> Result<ReleaseRow> {
    store::releases::find(conn, org.id, version)?.ok_or_else(|| {
        Error::not_found(format!(
            "release {version:?} not found in organization {:?}",
            org.slug
        ))
    })
}

/// PUT with dateReleased (1.8): sets the date (and URL when given); the first time the release
/// is released, one RELEASE activity per linked project.
pub fn finalize(
    conn: &Db<'_>,
    release: &ReleaseRow,
    date_released: DateTime<Utc>,
    url: Option<&str>,
) -> Result<ReleaseRow> {
    if let Some(url) = url {
        check_url("--url", url)?;
    }
    let was_released = release.date_released.is_some();
    let date = crate::time::format_ts(date_released);
    store::releases::set_date_released(conn, release.id, &date)?;
    if let Some(url) = url {
        store::releases::set_url(conn, release.id, url)?;
    }
    if !was_released {
        for project in store::releases::projects(conn, release.id)? {
            store::releases::insert_release_activity(conn, project.id, &release.version, &date)?;
        }
    }
    reload(conn, release.id)
}

/// PUT with a URL and no date: sets the URL.
pub fn set_url(conn: &Db<'_>, release: &ReleaseRow, url: &str) -> Result<ReleaseRow> {
    check_url("url", url)?;
    store::releases::set_url(conn, release.id, url)?;
    reload(conn, release.id)
}

/// PUT with a ref: sets it (at most 200 characters, as Sentry's serializer).
pub fn set_ref(conn: &Db<'_>, release: &ReleaseRow, reference: &str) -> Result<ReleaseRow> {
    check_ref(reference)?;
    store::releases::set_ref(conn, release.id, reference)?;
    reload(conn, release.id)
}

fn check_ref(reference: &str) -> Result<()> {
    if reference.chars().count() > 200 {
        return Err(Error::usage("ref may not be longer than 200 characters"));
    }
    Ok(())
}

/// The projects a release has (or will have): its links plus `named`. A release that does not
/// exist needs a project to be created with.
pub fn release_projects(
    conn: &Db<'_>,
    org: &OrgRow,
    release: Option<&ReleaseRow>,
    named: &[String],
    version: &str,
) -> Result<Vec<ProjectRow>> {
    let mut projects = super::projects(conn, org, named)?;
    match release {
        Some(release) => {
            for linked in store::releases::projects(conn, release.id)? {
                if !projects.iter().any(|p| p.id == linked.id) {
                    projects.push(linked);
                }
            }
            Ok(projects)
        }
        None if projects.is_empty() => Err(Error::not_found(format!(
            "release {version:?} not found; create it with `relctl release new {version} -p PROJECT`, or pass -p to create it here"
        ))),
        None => Ok(projects),
    }
}

/// The release, created (or linked) with `projects` first when given.
pub fn load_or_create(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    version: &str,
    projects: &[ProjectRow],
) -> Result<ReleaseRow> {
    if projects.is_empty() {
        return find(conn, org, version);
    }
    let created = create(
        conn,
        env,
        org,
        &NewReleaseRequest {
            version,
            projects,
            ref_: None,
            url: None,
            date_released: None,
            finalize_existing: false,
        },
    )?;
    Ok(created.release)
}

/// Archive or restore; returns the release and whether its status changed.
pub fn set_status(conn: &Db<'_>, release: &ReleaseRow, status: i64) -> Result<(ReleaseRow, bool)> {
    if release.status == status {
        return Ok((release.clone(), false));
    }
    store::releases::set_status(conn, release.id, status)?;
    Ok((reload(conn, release.id)?, true))
}

/// Deletes a release. A release that issues are resolved in is kept: deleting it would leave
/// those issues resolved in nothing (Sentry refuses too). The state forbids it: a conflict
/// (exit 4, cli.md).
pub fn delete(conn: &Db<'_>, release: &ReleaseRow) -> Result<()> {
    let resolved = store::releases::resolution_count(conn, release.id)?;
    if resolved > 0 {
        return Err(Error::conflict(format!(
            "release {:?} cannot be deleted: {resolved} issue(s) are resolved in it",
            release.version
        )));
    }
    store::releases::delete(conn, release.id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_hold_at_most_200_characters() {
        let url = |len: usize| format!("https://example.com/{}", "a".repeat(len - 20));
        assert!(check_url("--url", &url(200)).is_ok());
        let err = check_url("--url", &url(201)).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
        assert!(err.to_string().contains("201 characters"), "{err}");
        assert!(check_url("--url", "not a url").is_err());
    }
}
