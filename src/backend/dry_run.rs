//! `--dry-run` as a backend: reads go to the real target, the first write is recorded instead
//! of sent, and the command stops there.
//!
//! A writing command runs exactly as it would for real (its checks, its reads of the target,
//! reading git) up to its first write. [`DryRun`] turns that write into the HTTP calls the
//! remote backend would send for it (the same [`crate::remote::calls`] functions build both, so
//! what is shown is what would be sent), records them and fails the write with
//! [`DryRun::stop`]'s error; the command line sees the record is there and prints it instead of
//! the error. Commands never ask whether they run dry.
//!
//! A write with no Sentry endpoint (`org create`, `issue new`, `token create`) records no call
//! and says so; against a server it is the target's own "local store only" error. The earlier
//! releases' heads are a read too; a server cannot name them for a release that does not exist
//! yet (the real run would create it first), and then a dry run shows a first release's commits.

use std::sync::Mutex;

use super::{
    AuditQuery, Backend, CreateDeploy, CreateIssue, CreateOrganization, CreateProject,
    CreateRelease, CreateToken, DeployListQuery, EarlierHeads, IssueQuery, IssueReviewed,
    IssuesUpdated, OrganizationUpdated, PreviousQuery, PreviousRelease, ReleaseCreated,
    ReleaseListQuery, ReleaseQuery, ReleaseUpdated, UpdateIssues, UpdateOrganization,
    UpdateProject, UpdateRelease,
};
use crate::error::{Error, Result};
use crate::model;
use crate::remote::{HttpCall, calls};

/// Where a dry run says what it did not do (stderr, silenced by `--quiet`).
pub type Say = Box<dyn Fn(&str) + Send + Sync>;

/// The target, with writes recorded instead of sent.
pub struct DryRun {
    target: Box<dyn Backend>,
    /// The target is a server (local-only writes are its error, not a note).
    remote: bool,
    say: Say,
    /// The calls of the first write, once it happened.
    recorded: Mutex<Option<Vec<HttpCall>>>,
}

impl DryRun {
    pub fn new(target: Box<dyn Backend>, remote: bool, say: Say) -> DryRun {
        DryRun {
            target,
            remote,
            say,
            recorded: Mutex::new(None),
        }
    }

    /// The calls the command's first write would have sent; `None` when it wrote nothing (it
    /// only read, or failed before writing).
    pub fn recorded(&self) -> Option<Vec<HttpCall>> {
        self.recorded.lock().ok().and_then(|calls| calls.clone())
    }

    /// Records `calls` as the write and stops the command (the error is never shown: the
    /// command line prints the record instead).
    fn stop<T>(&self, calls: Result<Vec<HttpCall>>) -> Result<T> {
        let calls = calls?;
        if let Ok(mut recorded) = self.recorded.lock() {
            recorded.get_or_insert(calls);
        }
        Err(Error::other("dry run: stopped before the first write"))
    }

    /// A write of the local store only: the target's error against a server, else a note.
    fn stop_local_only<T>(
        &self,
        command: &str,
        on_target: impl FnOnce() -> Result<T>,
    ) -> Result<T> {
        if self.remote {
            return on_target();
        }
        (self.say)(&format!(
            "dry run: `relctl {command}` sends no request (it writes the local store only); nothing written"
        ));
        self.stop(Ok(Vec::new()))
    }
}

impl Backend for DryRun {
    fn organization(&self, org: &str) -> Result<model::OrganizationDetails> {
        self.target.organization(org)
    }
    fn update_organization(&self, req: &UpdateOrganization) -> Result<OrganizationUpdated> {
        self.stop(calls::update_organization(req))
    }
    fn audit_log(&self, req: &AuditQuery) -> Result<Vec<model::AuditEntry>> {
        self.target.audit_log(req)
    }
    fn repositories(&self, org: &str) -> Result<Vec<model::Repository>> {
        self.target.repositories(org)
    }
    fn auth_info(&self) -> Result<Option<model::AuthInfo>> {
        self.target.auth_info()
    }
    fn create_organization(&self, req: &CreateOrganization) -> Result<model::Organization> {
        self.stop_local_only("org create", || self.target.create_organization(req))
    }
    fn organizations(&self) -> Result<Vec<model::Organization>> {
        self.target.organizations()
    }

    fn create_project(&self, req: &CreateProject) -> Result<model::Project> {
        self.stop(calls::create_project(req))
    }
    fn projects(&self, org: &str) -> Result<Vec<model::Project>> {
        self.target.projects(org)
    }
    fn project(&self, org: &str, project: &str) -> Result<model::Project> {
        self.target.project(org, project)
    }
    fn update_project(&self, req: &UpdateProject) -> Result<model::Project> {
        self.stop(calls::update_project(req))
    }
    fn delete_project(&self, org: &str, project: &str) -> Result<model::Project> {
        self.stop(calls::delete_project(org, project))
    }

    fn create_release(&self, req: &CreateRelease) -> Result<ReleaseCreated> {
        self.stop(calls::create_release(req))
    }
    fn update_release(&self, req: &UpdateRelease) -> Result<ReleaseUpdated> {
        if !req.server_ranges.is_empty() && !self.target.reads_refs() {
            return Err(super::refs_need_a_server());
        }
        self.stop(calls::update_release(req))
    }
    fn release(&self, req: &ReleaseQuery) -> Result<model::Release> {
        self.target.release(req)
    }
    fn releases(&self, req: &ReleaseListQuery) -> Result<Vec<model::Release>> {
        self.target.releases(req)
    }
    fn delete_release(&self, org: &str, version: &str) -> Result<()> {
        self.stop(calls::delete_release(org, version))
    }
    fn previous_release(&self, req: &PreviousQuery) -> Result<Option<PreviousRelease>> {
        self.target.previous_release(req)
    }

    fn reads_refs(&self) -> bool {
        self.target.reads_refs()
    }

    fn earlier_heads(&self, req: &PreviousQuery) -> Result<EarlierHeads> {
        // A read: the target answers. A server cannot say for a release that does not exist
        // yet (the real run creates it first): then the range shown is a first release's.
        let heads = match self.target.earlier_heads(req) {
            Err(err) if self.remote && err.kind == crate::error::ErrorKind::Network => {
                (self.say)(&format!(
                    "dry run: the server could not be asked for the earlier releases' heads ({err}); showing the commits of a first release"
                ));
                return Ok(EarlierHeads::default());
            }
            heads => heads?,
        };
        if self.remote && heads.0.is_empty() {
            (self.say)(
                "dry run: the server names no earlier release's head (the release may not exist yet); showing the commits of a first release",
            );
        }
        Ok(heads)
    }

    fn create_deploy(&self, req: &CreateDeploy) -> Result<model::Deploy> {
        self.stop(calls::create_deploy(req))
    }
    fn deploys(&self, org: &str, version: &str) -> Result<Vec<model::Deploy>> {
        self.target.deploys(org, version)
    }
    fn deploy_list(&self, req: &DeployListQuery) -> Result<Vec<model::Deploy>> {
        self.target.deploy_list(req)
    }

    fn issues(&self, req: &IssueQuery) -> Result<Vec<model::Issue>> {
        self.target.issues(req)
    }
    fn issue(&self, org: &str, short_id: &str) -> Result<model::IssueDetails> {
        self.target.issue(org, short_id)
    }
    fn review_issue(&self, org: &str, short_id: &str) -> Result<IssueReviewed> {
        self.stop(calls::review_issue(org, short_id))
    }
    fn update_issues(&self, req: &UpdateIssues) -> Result<IssuesUpdated> {
        self.stop(calls::update_issues_planned(req))
    }
    fn create_issue(&self, req: &CreateIssue) -> Result<model::Issue> {
        self.stop_local_only("issue new", || self.target.create_issue(req))
    }

    fn create_token(&self, req: &CreateToken) -> Result<model::NewToken> {
        self.stop_local_only("token create", || self.target.create_token(req))
    }
    fn tokens(&self) -> Result<Vec<model::Token>> {
        self.target.tokens()
    }
    fn revoke_token(&self, id: i64) -> Result<()> {
        self.stop_local_only("token revoke", || self.target.revoke_token(id))
    }
    // Page sessions belong to `serve`, which refuses --dry-run: the trait's defaults stand.
}
