//! What a person sees of a release beside its own details: the previous release its commits
//! were counted from, the issues it resolved, and its deploys. `relctl release info` prints it
//! and `serve`'s release page shows it.
//!
//! Each part is read through the backend like any other request. The store (or the remote
//! backend, for a server) filters the resolved issues by release, so neither caller reads every
//! resolved issue of the organization. A part the target cannot answer (an endpoint a server
//! lacks, a scope the token does not have) is left out rather than failing the whole.

use crate::backend::{Backend, IssueQuery, IssueStatus, PreviousQuery, Slice};
use crate::error::{ErrorKind, Result};
use crate::model;

/// The parts of the overview that are not in the release object.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// The previous release with commits (Sentry's previous-with-commits), by version.
    pub previous: Option<String>,
    /// The issues resolved in this release (the `resolved_slice` of them, when one is given).
    pub resolved: Vec<model::Issue>,
    pub deploys: Vec<model::Deploy>,
}

/// Reads the overview of `release` (already read) in organization `org`; `resolved_slice`
/// bounds the resolved issues read (a page shows one page of them).
pub fn read(
    backend: &dyn Backend,
    org: &str,
    release: &model::Release,
    resolved_slice: Option<Slice>,
) -> Result<Overview> {
    let previous = optional(backend.previous_release(&PreviousQuery {
        org: org.to_string(),
        version: release.version.clone(),
        projects: Vec::new(),
    }))?
    .flatten()
    .map(|p| p.version);
    let resolved = optional(backend.issues(&IssueQuery {
        org: org.to_string(),
        status: Some(IssueStatus::Resolved),
        resolved_in: Some(release.version.clone()),
        slice: resolved_slice,
        ..IssueQuery::default()
    }))?
    .unwrap_or_default();
    let deploys = optional(backend.deploys(org, &release.version))?.unwrap_or_default();
    Ok(Overview {
        previous,
        resolved,
        deploys,
    })
}

/// A part the target does not offer (not found, refused as local-only, or beyond the token's
/// scopes) is `None`; anything else (a server down) fails as usual.
fn optional<T>(result: Result<T>) -> Result<Option<T>> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(err)
            if matches!(
                err.kind,
                ErrorKind::NotFound | ErrorKind::Usage | ErrorKind::Auth
            ) =>
        {
            Ok(None)
        }
        Err(err) => Err(err),
    }
}
