//! The seam between what a command asks and where it is carried out.
//!
//! Every command turns its arguments into a request (a plain value of this module), hands it to
//! a [`Backend`] and prints the answer. There are two backends: [`local::LocalBackend`] runs the
//! flow on the embedded store, one transaction per request, and [`remote::RemoteBackend`] sends
//! the request to a server speaking Sentry's API through `crate::remote`'s HTTP client, with
//! Sentry's quirks. [`dry_run::DryRun`] wraps either for `--dry-run`. `relctl serve` decodes
//! HTTP requests into the same values and runs them through the local backend, so the flow is
//! written once.
//!
//! Requests name the organization they act in; `serve` takes it from the URL path, the command
//! line from `--org`.

pub mod dry_run;
pub mod local;
mod pg_pool;
pub mod remote;
pub mod watch;

use chrono::{DateTime, Utc};

use crate::error::{Error, Result};
pub use crate::flow::commits::EarlierHead;
use crate::flow::commits::{CommitBatch, CommitInput, HeadCommit};
use crate::model;

/// The commits of a release PUT that come batch by batch rather than in the request
/// ([`Backend::update_release_streamed`]).
pub type CommitBatches<'b> = &'b mut dyn Iterator<Item = Result<CommitBatch>>;

/// Where a request runs. Methods of commands that have no Sentry endpoint default to a usage
/// error saying so (cli.md: local-only commands exit 2 with a URL).
pub trait Backend: Send + Sync {
    // Organizations.
    fn organization(&self, org: &str) -> Result<model::OrganizationDetails>;
    fn update_organization(&self, req: &UpdateOrganization) -> Result<OrganizationUpdated>;
    fn audit_log(&self, req: &AuditQuery) -> Result<Vec<model::AuditEntry>>;
    fn repositories(&self, org: &str) -> Result<Vec<model::Repository>>;
    /// What the target says of the caller's token (Sentry's `GET /api/0/`); `None`: the target
    /// needs no token (the local store).
    fn auth_info(&self) -> Result<Option<model::AuthInfo>> {
        Ok(None)
    }
    fn create_organization(&self, req: &CreateOrganization) -> Result<model::Organization> {
        let _ = req;
        Err(local_only("org create"))
    }
    fn organizations(&self) -> Result<Vec<model::Organization>> {
        Err(local_only("org list"))
    }

    // Projects.
    fn create_project(&self, req: &CreateProject) -> Result<model::Project>;
    fn projects(&self, org: &str) -> Result<Vec<model::Project>>;
    fn project(&self, org: &str, project: &str) -> Result<model::Project>;
    fn update_project(&self, req: &UpdateProject) -> Result<model::Project>;
    fn delete_project(&self, org: &str, project: &str) -> Result<model::Project>;

    // Releases.
    fn create_release(&self, req: &CreateRelease) -> Result<ReleaseCreated>;
    fn update_release(&self, req: &UpdateRelease) -> Result<ReleaseUpdated>;
    /// [`Backend::update_release`] with commits that arrive batch by batch (set-commits reading
    /// git): `req.commits` says Replace or Append (its own list is not used) and `batches` holds
    /// the commits and head commits, after `req.head_commits`. An error in `batches` fails the
    /// whole request, writing nothing. A server gets them all in one request, as Sentry's API
    /// wants; the local store writes each batch as it arrives, so reading and writing overlap
    /// and memory stays flat.
    fn update_release_streamed(
        &self,
        req: &UpdateRelease,
        batches: CommitBatches<'_>,
    ) -> Result<ReleaseUpdated> {
        let mut commits = Vec::new();
        let mut head_commits = req.head_commits.clone();
        for batch in batches {
            let batch = batch?;
            commits.extend(batch.commits);
            head_commits.extend(batch.heads);
        }
        let commits = match req.commits {
            CommitsChange::Append(_) => CommitsChange::Append(commits),
            _ => CommitsChange::Replace(commits),
        };
        self.update_release(&UpdateRelease {
            commits,
            head_commits,
            ..req.clone()
        })
    }
    fn release(&self, req: &ReleaseQuery) -> Result<model::Release>;
    fn releases(&self, req: &ReleaseListQuery) -> Result<Vec<model::Release>>;
    fn delete_release(&self, org: &str, version: &str) -> Result<()>;
    /// Sentry's previous-with-commits: the most recent other release with commits sharing a
    /// project with `version` (or with `projects`, when the release does not exist yet).
    fn previous_release(&self, req: &PreviousQuery) -> Result<Option<PreviousRelease>>;
    /// The head commits recorded by the releases created before `req.version` that share a
    /// project with it (with `req.projects` when it does not exist yet), newest release first:
    /// where its range starts in each repository (cli.md, "--auto").
    fn earlier_heads(&self, req: &PreviousQuery) -> Result<EarlierHeads>;
    /// Whether the target can read commits itself from refs ([`UpdateRelease::server_ranges`]):
    /// a server can (when it lists the repository); the local store cannot.
    fn reads_refs(&self) -> bool {
        false
    }
    /// Binds commits to `req.version` with its earlier heads at hand: `bind` gets them and
    /// binds. A backend that needs the release to exist to find them (Sentry answers 404 for
    /// one that does not exist yet) creates it first with `req.projects`, and deletes it again
    /// when `bind` fails: a failing command leaves nothing behind.
    fn with_earlier_heads(
        &self,
        req: &PreviousQuery,
        bind: &mut dyn FnMut(EarlierHeads) -> Result<()>,
    ) -> Result<()> {
        bind(self.earlier_heads(req)?)
    }

    // Deploys.
    fn create_deploy(&self, req: &CreateDeploy) -> Result<model::Deploy>;
    /// Every deploy of the release, newest finished first (a server gives what it lists).
    fn deploys(&self, org: &str, version: &str) -> Result<Vec<model::Deploy>>;
    /// The release's deploys as Sentry lists them: the newest deploy of each project and
    /// environment, of `req.projects` only when some are named, newest finished first.
    fn deploy_list(&self, req: &DeployListQuery) -> Result<Vec<model::Deploy>>;

    // Issues.
    fn issues(&self, req: &IssueQuery) -> Result<Vec<model::Issue>>;
    fn issue(&self, org: &str, short_id: &str) -> Result<model::IssueDetails>;
    fn review_issue(&self, org: &str, short_id: &str) -> Result<IssueReviewed>;
    /// Sets the status and/or the inbox of the issues `req.selection` names, all in one
    /// transaction (Sentry's bulk `PUT .../issues/`).
    fn update_issues(&self, req: &UpdateIssues) -> Result<IssuesUpdated>;
    fn create_issue(&self, req: &CreateIssue) -> Result<model::Issue> {
        let _ = req;
        Err(local_only("issue new"))
    }

    // API tokens for `serve` (local store only).
    fn create_token(&self, req: &CreateToken) -> Result<model::NewToken> {
        let _ = req;
        Err(local_only("token create"))
    }
    fn tokens(&self) -> Result<Vec<model::Token>> {
        Err(local_only("token list"))
    }
    fn revoke_token(&self, id: i64) -> Result<()> {
        let _ = id;
        Err(local_only("token revoke"))
    }

    // The release pages' sessions (`serve`'s own store only).
    /// Starts a session for `token`; its secret, for the cookie.
    fn start_session(&self, token: &model::Token) -> Result<String> {
        let _ = token;
        Err(local_only("a page session"))
    }
    /// The token of the live session whose secret this is.
    fn session_token(&self, secret: &str) -> Result<Option<model::Token>> {
        let _ = secret;
        Err(local_only("a page session"))
    }
    /// Ends the session whose secret this is.
    fn end_session(&self, secret: &str) -> Result<()> {
        let _ = secret;
        Err(local_only("a page session"))
    }

    // What an operator watches (`watch.rs`; serve's /readyz and /metrics). A backend that
    // needs nothing that can be down has no parts.

    /// The parts this backend needs that can be down, in the order a readiness check names them.
    fn parts(&self) -> Vec<watch::Part> {
        Vec::new()
    }

    /// Whether `part` answers now (a query, a PING); the error says why not.
    fn probe(&self, part: watch::Part) -> Result<()> {
        let _ = part;
        Ok(())
    }

    /// The store connections lent now, when they are pooled and capped.
    fn pool_use(&self) -> Option<watch::PoolUse> {
        None
    }
}

/// The error of refs ([`UpdateRelease::server_ranges`]) aimed at the local store.
pub fn refs_need_a_server() -> Error {
    Error::usage(
        "--refs asks a server to read the commits from its own copy of the repository; the local store reads them from git here: leave out --refs, or pass --url",
    )
}

/// The error of a local-only command aimed at a server.
pub fn local_only(command: &str) -> Error {
    Error::usage(format!(
        "`relctl {command}` works on the local store only (Sentry's API has no endpoint for it); pass --store PATH, or unset the server URL"
    ))
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateOrganization {
    pub slug: String,
    pub name: Option<String>,
}

/// Organization options to set, by API field name, and a new name and slug, in one change (one
/// ORG_EDIT audit entry).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateOrganization {
    pub org: String,
    pub options: Vec<(String, OptionInput)>,
    /// A new display name.
    pub name: Option<String>,
    /// A new slug: the organization is reachable by it afterwards.
    pub slug: Option<String>,
}

/// An option value as it arrived: command-line text (parsed by the option's own parser) or a
/// JSON value from an API body (type-checked).
#[derive(Debug, Clone, PartialEq)]
pub enum OptionInput {
    Text(String),
    Json(serde_json::Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OrganizationUpdated {
    pub organization: model::OrganizationDetails,
    /// Sentry's change strings by field ("to X" / "from A to B"); empty when nothing changed.
    pub changes: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct AuditQuery {
    pub org: String,
    pub limit: u32,
    /// Only entries of this event (`org.edit`, ...).
    pub event: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateProject {
    pub org: String,
    pub name: String,
    pub slug: Option<String>,
    pub platform: Option<String>,
}

/// PUT of a project: rename and/or re-slug through project save.
#[derive(Debug, Clone, PartialEq)]
pub struct UpdateProject {
    pub org: String,
    pub project: String,
    pub name: Option<String>,
    pub slug: Option<String>,
    pub platform: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct CreateRelease {
    pub org: String,
    pub version: String,
    /// Slugs or ids; every one must exist.
    pub projects: Vec<String>,
    pub ref_: Option<String>,
    pub url: Option<String>,
    pub date_released: Option<DateTime<Utc>>,
    /// Archive or restore along the way (Sentry's `status` in the POST body).
    pub status: Option<ReleaseStatus>,
    /// The client's User-Agent, recorded on a new release.
    pub user_agent: Option<String>,
    /// Commits to bind in the same transaction (a POST with `commits`).
    pub commits: CommitsChange,
    /// Where those commits end in each repository (`refs` next to `commits`).
    pub head_commits: Vec<HeadCommit>,
    /// With `date_released`: finalize the release when it exists unreleased (Sentry's POST
    /// leaves an existing release alone; `release new --finalize` means it).
    pub finalize_existing: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReleaseStatus {
    Open,
    Archived,
}

impl ReleaseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ReleaseStatus::Open => "open",
            ReleaseStatus::Archived => "archived",
        }
    }
    pub fn code(self) -> i64 {
        match self {
            ReleaseStatus::Open => crate::flow::releases::STATUS_OPEN,
            ReleaseStatus::Archived => crate::flow::releases::STATUS_ARCHIVED,
        }
    }
}

/// What creating a release did (Sentry's 201 / 208).
#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseCreated {
    pub release: model::Release,
    pub outcome: CreateOutcome,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CreateOutcome {
    /// A new release (201).
    Created,
    /// The release existed; these projects were newly linked (201).
    Linked(Vec<String>),
    /// The release existed with every project already linked (208).
    AlreadyThere,
}

/// PUT of a release: each field given is applied, all in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UpdateRelease {
    pub org: String,
    pub version: String,
    pub ref_: Option<String>,
    pub url: Option<String>,
    pub date_released: Option<DateTime<Utc>>,
    pub status: Option<ReleaseStatus>,
    pub commits: CommitsChange,
    /// Where the commits bound end in each repository (HEAD, or REV of `--commit`), recorded for
    /// the next release's `--auto`; sent as `refs` next to `commits`, so only with commits.
    pub head_commits: Vec<HeadCommit>,
    /// Create the release (or link it) with these projects first, when given (set-commits -p).
    pub projects: Vec<String>,
    /// Ranges for the server to read from its own copy of each repository (`refs` without
    /// `commits`: Sentry with a repository integration, `serve --repo`), when there is no local
    /// history to read; with `commits` Keep. The local store cannot.
    pub server_ranges: Vec<ServerRange>,
    /// Repositories whose range was read by the `--auto` rule, for commits streamed in batches
    /// (whose head commits come with the batches): such a release is compared with the other
    /// releases of the repository, so its write takes the repository's ancestry lock. Heads in
    /// `head_commits` without a `previous` say the same.
    pub auto_repositories: Vec<String>,
    /// Repositories whose range start the user named, for commits streamed in batches: such a
    /// release's head may still hide commits of a later release the rule read, so its write
    /// takes the repository's ancestry lock shared. Heads in `head_commits` with a `previous`
    /// say the same.
    pub named_repositories: Vec<String>,
}

/// A range a server reads itself: up to `commit` in `repository`, from `previous` when named,
/// else from where the release's range starts by the `--auto` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerRange {
    pub repository: String,
    pub commit: String,
    pub previous: Option<String>,
}

/// What happens to a release's commits.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum CommitsChange {
    #[default]
    Keep,
    /// Replace them (Sentry's `commits`).
    Replace(Vec<CommitInput>),
    /// Add to them (local store only).
    Append(Vec<CommitInput>),
    /// Remove them all (Sentry's `refs: []`).
    Clear,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseUpdated {
    pub release: model::Release,
    /// Short ids of the issues resolved in this release by the commits bound.
    pub resolved_issues: Vec<String>,
    /// Whether the status actually changed (archive of an archived release does not).
    pub status_changed: bool,
    /// Later releases whose heads descend from this one's head and that gave up the commits it
    /// now holds (the local store and `serve`; Sentry cannot).
    pub rebound_releases: Vec<String>,
    /// Later releases that hold commits this one now holds and that the server cannot re-bind
    /// (Sentry): they should be bound again.
    pub later_to_rebind: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseQuery {
    pub org: String,
    pub version: String,
    pub with_commits: bool,
    /// With `with_commits`: only these of the release's commits (a page); `None`: all.
    pub commit_slice: Option<Slice>,
    /// A project the release must be linked to (`?project=`), else not found.
    pub project: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DeployListQuery {
    pub org: String,
    pub version: String,
    /// Projects (slugs or ids) whose deploys to list; empty = all.
    pub projects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReleaseListQuery {
    pub org: String,
    /// Releases linked to any of these projects; empty = all.
    pub projects: Vec<String>,
    /// Substring of the version.
    pub query: Option<String>,
    /// Only releases with this status; None = all.
    pub status: Option<ReleaseStatus>,
    pub limit: u32,
    /// Skip this many (pagination).
    pub offset: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PreviousQuery {
    pub org: String,
    pub version: String,
    /// Projects to use when the release does not exist yet.
    pub projects: Vec<String>,
}

/// The previous release with commits, and where its commits end in each repository.
#[derive(Debug, Clone, PartialEq)]
pub struct PreviousRelease {
    pub version: String,
    /// (repository name, sha): the head commit recorded when the release's commits were bound,
    /// else its newest commit there (Sentry's lastCommit, all a Sentry server tells).
    pub heads: Vec<(String, String)>,
}

/// The head commits earlier releases recorded ([`Backend::earlier_heads`]), newest release
/// first.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EarlierHeads(pub Vec<EarlierHead>);

impl EarlierHeads {
    /// The heads recorded in `repository`, newest release first.
    pub fn in_repository<'h>(
        &'h self,
        repository: &'h str,
    ) -> impl Iterator<Item = &'h EarlierHead> {
        self.0
            .iter()
            .filter(move |head| head.repository == repository)
    }
}

impl PreviousRelease {
    pub fn head_in(&self, repository: &str) -> Option<&str> {
        self.heads
            .iter()
            .find(|(name, _)| name == repository)
            .map(|(_, sha)| sha.as_str())
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateDeploy {
    pub org: String,
    pub version: String,
    pub environment: String,
    pub name: Option<String>,
    pub url: Option<String>,
    pub date_started: Option<DateTime<Utc>>,
    pub date_finished: Option<DateTime<Utc>>,
    /// Projects to record the deploy for; empty = every project of the release.
    pub projects: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct IssueQuery {
    pub org: String,
    /// Issues of any of these projects; empty = all.
    pub projects: Vec<String>,
    pub inbox_only: bool,
    pub status: Option<IssueStatus>,
    /// Only issues resolved in this release (the store filters; a page shows one release's).
    pub resolved_in: Option<String>,
    /// Only these of the issues (a page); `None`: all.
    pub slice: Option<Slice>,
}

/// A part of a list, as one page shows it: skip `offset` items, then at most `limit`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slice {
    pub offset: u64,
    pub limit: u32,
}

impl Slice {
    /// The part of `items` this slice names (for lists that come whole, as from a server).
    pub fn of<T>(self, items: Vec<T>) -> Vec<T> {
        items
            .into_iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(self.limit as usize)
            .collect()
    }

    /// `(offset, limit)` as SQL parameters.
    pub fn sql(self) -> (i64, i64) {
        (
            i64::try_from(self.offset).unwrap_or(i64::MAX),
            i64::from(self.limit),
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueStatus {
    Unresolved,
    Resolved,
    /// Ignored (muted, archived).
    Ignored,
}

impl IssueStatus {
    /// The group status (`GroupStatus`).
    pub fn code(self) -> i64 {
        match self {
            IssueStatus::Unresolved => crate::flow::issues::STATUS_UNRESOLVED,
            IssueStatus::Resolved => crate::flow::issues::STATUS_RESOLVED,
            IssueStatus::Ignored => crate::flow::issues::STATUS_IGNORED,
        }
    }

    /// Its name in Sentry's search (`is:NAME`) and in the `status` parameter.
    pub fn as_str(self) -> &'static str {
        match self {
            IssueStatus::Unresolved => "unresolved",
            IssueStatus::Resolved => "resolved",
            IssueStatus::Ignored => "ignored",
        }
    }
}

/// The issues a bulk change names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IssueSelection {
    /// By short id (relctl's spelling): every one must exist, else not found.
    ShortIds(Vec<String>),
    /// By numeric id (Sentry's `?id=`): those of them that exist in the organization (and the
    /// project, when one is named); the others are left out, as Sentry does.
    Ids(Vec<i64>),
    /// Every issue (of the project, when one is named) in this status (`None`: any) whose title
    /// holds every word: Sentry's search, at most [`BULK_LIMIT`] issues, newest first.
    Matching {
        status: Option<IssueStatus>,
        words: Vec<String>,
    },
}

/// The most issues a bulk change selects by search (Sentry's `BULK_MUTATION_LIMIT`).
pub const BULK_LIMIT: u32 = 1000;

/// A bulk change of issues ([`Backend::update_issues`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpdateIssues {
    pub org: String,
    /// The project the selection is limited to (Sentry's project endpoint).
    pub project: Option<String>,
    pub selection: IssueSelection,
    pub status: Option<crate::flow::issues::StatusChange>,
    /// `Some(true)`: into the inbox (reason manual); `Some(false)`: reviewed, out of it.
    pub inbox: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IssuesUpdated {
    /// The issues selected, as they are now. Empty when the target does not tell them (a
    /// server asked by id or by search answers only whether any matched).
    pub issues: Vec<model::Issue>,
    /// Short ids of the issues that changed (empty when the target does not tell).
    pub changed: Vec<String>,
    /// Whether the selection matched any issue (Sentry answers 204 when none did).
    pub matched: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct IssueReviewed {
    pub issue: model::Issue,
    /// False when the issue was not in the inbox (nothing written).
    pub changed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateIssue {
    pub org: String,
    pub project: String,
    pub title: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateToken {
    pub scopes: Vec<String>,
    pub name: Option<String>,
    /// The organization the token acts in (its slug); `None`: all of them.
    pub organization: Option<String>,
}
