//! Bulk changes of issues on the store: which issues a request names ([`IssueSelection`], with
//! Sentry's rules for each kind of selection), then the flow's status and inbox changes on them,
//! all in the caller's transaction.

use crate::backend::{BULK_LIMIT, IssueSelection, IssueStatus, IssuesUpdated, UpdateIssues};
use crate::error::{Error, Result};
use crate::flow::{self, FlowEnv};
use crate::store;
use crate::store::issues::IssueRow;
use crate::store::orgs::OrgRow;
use crate::store::sql::Db;

/// Selects, changes the status, then the inbox; answers the issues as they are after.
pub fn update(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    req: &UpdateIssues,
) -> Result<IssuesUpdated> {
    let selected = select_issues(conn, org, req)?;
    let mut changed: Vec<i64> = Vec::new();
    if let Some(change) = req.status {
        changed.extend(flow::issues::change_status(conn, env, &selected, change)?);
    }
    let selected = reload_issues(conn, &selected)?;
    match req.inbox {
        Some(true) => changed.extend(flow::issues::add_to_inbox(conn, env, &selected)?),
        Some(false) => {
            for issue in &selected {
                if flow::issues::review(conn, env, issue)? {
                    changed.push(issue.id);
                }
            }
        }
        None => {}
    }
    let selected = reload_issues(conn, &selected)?;
    Ok(IssuesUpdated {
        matched: !selected.is_empty(),
        changed: selected
            .iter()
            .filter(|issue| changed.contains(&issue.id))
            .map(|issue| flow::views::issue(issue).short_id)
            .collect(),
        issues: selected.iter().map(flow::views::issue).collect(),
    })
}

/// The issues a bulk change names, in the organization (and the project, when one is named).
fn select_issues(conn: &Db<'_>, org: &OrgRow, req: &UpdateIssues) -> Result<Vec<IssueRow>> {
    let project = match &req.project {
        Some(name) => Some(flow::project(conn, org, name)?),
        None => None,
    };
    let in_scope = |issue: &IssueRow| {
        issue.organization_id == org.id && project.as_ref().is_none_or(|p| p.id == issue.project_id)
    };
    match &req.selection {
        IssueSelection::ShortIds(short_ids) => {
            let mut issues: Vec<IssueRow> = Vec::new();
            for short_id in short_ids {
                let issue = flow::issues::find(conn, org, short_id)?;
                if !in_scope(&issue) {
                    return Err(Error::not_found(format!(
                        "issue {short_id:?} is not in project {:?}",
                        req.project.as_deref().unwrap_or_default()
                    )));
                }
                if !issues.iter().any(|i| i.id == issue.id) {
                    issues.push(issue);
                }
            }
            Ok(issues)
        }
        IssueSelection::Ids(ids) => {
            let mut issues: Vec<IssueRow> = Vec::new();
            for id in ids {
                if let Some(issue) = store::issues::find(conn, *id)?.filter(|i| in_scope(i))
                    && !issues.iter().any(|i| i.id == issue.id)
                {
                    issues.push(issue);
                }
            }
            Ok(issues)
        }
        IssueSelection::Matching { status, words } => {
            let filter = store::issues::IssueFilter {
                project_ids: project.iter().map(|p| p.id).collect(),
                status: status.map(IssueStatus::code),
                ..store::issues::IssueFilter::default()
            };
            Ok(store::issues::list(conn, org.id, &filter)?
                .into_iter()
                .filter(|issue| {
                    let title = issue.title.to_lowercase();
                    words
                        .iter()
                        .all(|word| title.contains(&word.to_lowercase()))
                })
                .take(BULK_LIMIT as usize)
                .collect())
        }
    }
}

/// The issues as they are now in the store.
fn reload_issues(conn: &Db<'_>, issues: &[IssueRow]) -> Result<Vec<IssueRow>> {
    let mut fresh = Vec::with_capacity(issues.len());
    for issue in issues {
        if let Some(row) = store::issues::find(conn, issue.id)? {
            fresh.push(row);
        }
    }
    Ok(fresh)
}
