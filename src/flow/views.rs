//! Builds the JSON shapes of `crate::model` from store rows.

use crate::store::sql::Db;

use crate::domain::short_id::qualified_short_id;
use crate::error::Result;
use crate::model;
use crate::store;
use crate::store::issues::IssueRow;
use crate::store::projects::ProjectRow;
use crate::store::releases::ReleaseRow;

pub fn project(row: &ProjectRow) -> model::Project {
    model::Project {
        id: row.id,
        slug: row.slug.clone(),
        name: row.name.clone(),
        platform: row.platform.clone(),
        date_created: row.date_added.clone(),
    }
}

pub fn release_status_name(status: i64) -> &'static str {
    if status == 1 { "archived" } else { "open" }
}

/// The release as cli.md shapes it; `commits` adds the commit list (`release info --commits`):
/// `Some(None)` all of it, `Some(page)` a page of it.
pub fn release(
    conn: &Db<'_>,
    row: &ReleaseRow,
    commits: Option<store::commits::Page>,
) -> Result<model::Release> {
    let projects = store::releases::projects(conn, row.id)?
        .into_iter()
        .map(|p| model::ProjectRef {
            id: p.id,
            slug: p.slug,
            name: p.name,
        })
        .collect();
    let author_ids: Vec<i64> = serde_json::from_str::<Vec<String>>(&row.authors)
        .unwrap_or_default()
        .iter()
        .filter_map(|id| id.parse().ok())
        .collect();
    let mut authors: Vec<model::Author> = Vec::new();
    for (name, email) in store::commits::authors(conn, &author_ids)? {
        if !authors.iter().any(|a| a.email == email) {
            authors.push(model::Author { name, email });
        }
    }
    let last_commit = match row.last_commit_id {
        Some(id) => store::commits::commit(conn, id)?.map(|c| model::CommitSummary {
            id: c.key,
            message: c.message,
            date_created: c.date_added,
            repository: c.repository,
            author: c.author_email.map(|email| model::Author {
                name: c.author_name,
                email,
            }),
        }),
        None => None,
    };
    let last_deploy = match row.last_deploy_id {
        Some(id) => store::deploys::find(conn, id)?.map(|d| deploy(&d)),
        None => None,
    };
    let commits = match commits {
        Some(page) => Some(release_commits(conn, row.id, page)?),
        None => None,
    };
    Ok(model::Release {
        id: row.id,
        version: row.version.clone(),
        short_version: row.version.clone(),
        status: release_status_name(row.status).to_string(),
        ref_: row.ref_.clone(),
        url: row.url.clone(),
        date_created: row.date_added.clone(),
        date_released: row.date_released.clone(),
        commit_count: row.commit_count,
        last_commit,
        deploy_count: row.total_deploys,
        last_deploy,
        authors,
        projects,
        commits,
        user_agent: row.user_agent.clone(),
    })
}

fn release_commits(
    conn: &Db<'_>,
    release_id: i64,
    page: store::commits::Page,
) -> Result<Vec<model::Commit>> {
    let mut changes = store::commits::release_file_changes(conn, release_id, page)?;
    Ok(store::commits::release_commits(conn, release_id, page)?
        .into_iter()
        .map(|c| model::Commit {
            patch_set: changes
                .remove(&c.id)
                .unwrap_or_default()
                .into_iter()
                .map(|(path, kind)| model::PatchEntry { path, kind })
                .collect(),
            id: c.key,
            message: c.message,
            author_name: c.author_name,
            author_email: c.author_email,
            timestamp: c.date_added,
            repository: c.repository,
        })
        .collect())
}

pub fn deploy(row: &store::deploys::DeployRow) -> model::Deploy {
    model::Deploy {
        id: row.id,
        environment: row.environment.clone(),
        name: row.name.clone(),
        url: row.url.clone(),
        date_started: row.date_started.clone(),
        date_finished: row.date_finished.clone(),
    }
}

/// Inbox reasons (`GroupInboxReason`) and the names relctl's own JSON gives them.
const INBOX_REASONS: &[(i64, &str)] = &[
    (0, "new"),
    (1, "unignored"),
    (2, "regression"),
    (3, "manual"),
    (4, "reprocessed"),
    (5, "escalating"),
    (6, "ongoing"),
];

pub fn inbox_reason_name(reason: i64) -> &'static str {
    INBOX_REASONS
        .iter()
        .find(|(code, _)| *code == reason)
        .map_or("unknown", |(_, name)| name)
}

/// The reason a name stands for (the API sends Sentry's integers).
pub fn inbox_reason_code(name: &str) -> Option<i64> {
    INBOX_REASONS
        .iter()
        .find(|(_, known)| *known == name)
        .map(|(code, _)| *code)
}

pub fn issue_status_name(status: i64) -> &'static str {
    match status {
        0 => "unresolved",
        1 => "resolved",
        2 => "ignored",
        3 => "pending_deletion",
        4 => "deletion_in_progress",
        5 => "pending_merge",
        6 => "reprocessing",
        _ => "unknown",
    }
}

pub fn issue(row: &IssueRow) -> model::Issue {
    model::Issue {
        id: row.id,
        short_id: qualified_short_id(&row.project_slug, row.short_id as u64),
        title: row.title.clone(),
        status: issue_status_name(row.status).to_string(),
        inbox: row.inbox.as_ref().map(|(reason, date)| model::Inbox {
            reason: inbox_reason_name(*reason).to_string(),
            date_added: date.clone(),
        }),
        resolution: row.resolved_in.as_ref().map(|version| model::Resolution {
            kind: "in_release".to_string(),
            release: version.clone(),
        }),
        project: model::IssueProject {
            slug: row.project_slug.clone(),
        },
        first_seen: row.first_seen.clone(),
    }
}
