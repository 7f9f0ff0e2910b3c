//! The local backend: each request is one transaction of the flow on the embedded store.
//!
//! Writes run in one `BEGIN IMMEDIATE` transaction, so a request that fails anywhere leaves the
//! store as it was. A missing store is created by the first write that commits: the write runs
//! on a new store in a temporary file that is put in place only then (`store::create`), so a
//! request that fails creates nothing, and a write that finds another process created the store
//! first runs again on that store. Reads never create, migrate or write the store.
//! Connections are kept in a small pool so `serve` does not reopen the file for every request;
//! the command line makes one request and drops the backend.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use super::{
    AuditQuery, Backend, CommitsChange, CreateDeploy, CreateIssue, CreateOrganization,
    CreateOutcome, CreateProject, CreateRelease, CreateToken, IssueQuery, IssueReviewed,
    IssueStatus, OptionInput, OrganizationUpdated, PreviousQuery, PreviousRelease, ReleaseCreated,
    ReleaseListQuery, ReleaseQuery, ReleaseUpdated, UpdateOrganization, UpdateProject,
    UpdateRelease,
};
use crate::error::{Error, ErrorKind, Result};
use crate::flow::{self, FlowEnv};
use crate::model;
use crate::redis_sequence::RedisSequence;
use crate::store::orgs::OrgRow;
use crate::store::releases::ReleaseRow;
use crate::store::sql::Db;
use crate::store::{self, Store};

/// How long binding commits waits for another writer before giving up with a conflict.
const COMMITS_LOCK_WAIT: Duration = Duration::from_secs(10);

/// At most this many idle connections are kept.
const POOL_SIZE: usize = 8;

pub struct LocalBackend {
    path: PathBuf,
    region_id: u64,
    user_agent: String,
    idle: Mutex<Vec<Store>>,
    /// The snowflake sequence, when it is shared through Redis (else the store's own table).
    redis: Option<Arc<RedisSequence>>,
}

impl LocalBackend {
    pub fn new(path: PathBuf, region_id: u64) -> LocalBackend {
        LocalBackend {
            path,
            region_id,
            user_agent: format!("relctl/{}", env!("CARGO_PKG_VERSION")),
            idle: Mutex::new(Vec::new()),
            redis: None,
        }
    }

    /// The same backend taking snowflake counters from `redis` (Sentry's keys) instead of the
    /// store, so ids stay distinct across every store and instance sharing that Redis.
    pub fn with_redis(mut self, redis: Option<Arc<RedisSequence>>) -> LocalBackend {
        self.redis = redis;
        self
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Creates the store now if it is missing (and brings an old one up to date).
    pub fn create_store(&self) -> Result<()> {
        self.with_store(true, |store| store.write(|_| Ok(())))
    }

    /// Opens the store for writing without writing anything, as `serve` does before it listens:
    /// a file that is not a relctl store, a newer relctl's store or one that cannot be written
    /// is refused now. A missing store is left missing; the first write creates it.
    pub fn check_store(&self) -> Result<()> {
        let Some(mut store) = Store::open_existing(&self.path)? else {
            return Ok(());
        };
        store.check_writable()
    }

    /// The API token whose secret this is, if any. Its last use is recorded when the one
    /// recorded is more than a minute old, so most requests authenticate with a read.
    pub fn authenticate(&self, secret: &str) -> Result<Option<model::Token>> {
        let now = chrono::Utc::now();
        let found = self.with_store(false, |store| {
            store.read(|tx| flow::tokens::verify(tx, secret))
        })?;
        let stale = found.as_ref().is_some_and(|token| {
            token
                .last_used
                .as_deref()
                .and_then(|used| chrono::DateTime::parse_from_rfc3339(used).ok())
                .is_none_or(|used| now.signed_duration_since(used) > chrono::Duration::seconds(60))
        });
        if !stale {
            return Ok(found);
        }
        let now = crate::time::format_ts(now);
        self.with_store(true, |store| {
            store.write(|tx| flow::tokens::authenticate(tx, secret, &now))
        })
    }

    fn env(&self) -> FlowEnv {
        let mut env = FlowEnv::new(self.region_id);
        env.user_agent.clone_from(&self.user_agent);
        env.redis.clone_from(&self.redis);
        env
    }

    /// Runs `work` on a pooled connection, or a new one: a writer's for a write, a reader's
    /// (that cannot write) for a read. A write on a missing store runs on a new store that is
    /// put in place only when `work` succeeded; if another process created the store meanwhile,
    /// `work` runs again on that one (so it may run twice, and must not act outside its
    /// transaction).
    fn with_store<T>(
        &self,
        write: bool,
        mut work: impl FnMut(&mut Store) -> Result<T>,
    ) -> Result<T> {
        if let Some(mut store) = self.pooled(write) {
            let result = work(&mut store);
            self.give_back(store);
            return result;
        }
        if !write {
            let mut store = Store::open_for_reading(&self.path)?;
            let result = work(&mut store);
            self.give_back(store);
            return result;
        }
        for _ in 0..3 {
            if let Some(mut store) = Store::open_existing(&self.path)? {
                let result = work(&mut store);
                self.give_back(store);
                return result;
            }
            match store::create(&self.path, &mut work)? {
                store::Created::Made(value) => return Ok(value),
                store::Created::Existed => {}
            }
        }
        Err(Error::other(format!(
            "the store {} disappeared while it was being created",
            self.path.display()
        )))
    }

    /// An idle connection that can do the job: a writer's for a write; for a read, any at the
    /// latest schema (a writer whose write failed on an old store is not).
    fn pooled(&self, write: bool) -> Option<Store> {
        let mut idle = self.idle.lock().ok()?;
        let at = idle.iter().rposition(|store| {
            if write {
                store.is_writer()
            } else {
                store.is_current()
            }
        })?;
        Some(idle.swap_remove(at))
    }

    /// Keeps a connection to the store file for the next request.
    fn give_back(&self, store: Store) {
        if !store.is_on_disk() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock() {
            if idle.len() < POOL_SIZE {
                idle.push(store);
            }
        }
    }

    /// One write transaction in organization `org`.
    fn write<T>(
        &self,
        org: &str,
        work: impl Fn(&Db<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        let env = self.env();
        self.with_store(true, |store| {
            store.write(|tx| {
                let org = flow::organization(tx, org)?;
                work(tx, &env, &org)
            })
        })
    }

    /// One read transaction in organization `org`.
    fn read<T>(&self, org: &str, work: impl Fn(&Db<'_>, &OrgRow) -> Result<T>) -> Result<T> {
        self.with_store(false, |store| {
            store.read(|tx| {
                let org = flow::organization(tx, org)?;
                work(tx, &org)
            })
        })
    }

    /// A write that binds commits: it waits a bounded time for another writer, then reports a
    /// conflict the caller can retry.
    fn write_commits<T>(
        &self,
        req: &UpdateRelease,
        work: impl Fn(&Db<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        let env = self.env();
        let result = self.with_store(true, |store| {
            store.set_busy_timeout(COMMITS_LOCK_WAIT)?;
            let result = store.write(|tx| {
                let org = flow::organization(tx, &req.org)?;
                work(tx, &env, &org)
            });
            store.set_busy_timeout(store::BUSY_TIMEOUT)?;
            result
        });
        result.map_err(|err| commits_conflict(err, &req.version))
    }
}

/// A conflict while binding commits, said as what it is.
fn commits_conflict(err: Error, version: &str) -> Error {
    if err.kind == ErrorKind::Conflict {
        Error::conflict(format!(
            "release {version:?}: commits are being written by someone else; retry in a moment"
        ))
    } else {
        err
    }
}

fn project_ids(conn: &Db<'_>, org: &OrgRow, names: &[String]) -> Result<Vec<i64>> {
    Ok(flow::projects(conn, org, names)?
        .iter()
        .map(|p| p.id)
        .collect())
}

/// Applies a release PUT to `release`, in the caller's transaction.
fn apply_update(
    tx: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    mut release: ReleaseRow,
    req: &UpdateRelease,
) -> Result<ReleaseUpdated> {
    if let Some(url) = &req.url {
        flow::releases::check_url("url", url)?;
    }
    if let Some(reference) = &req.ref_ {
        release = flow::releases::set_ref(tx, &release, reference)?;
    }
    let mut resolved_issues = Vec::new();
    match &req.commits {
        CommitsChange::Keep => {}
        CommitsChange::Replace(commits) | CommitsChange::Append(commits) => {
            let append = matches!(req.commits, CommitsChange::Append(_));
            let outcome =
                flow::commits::set_commits(tx, env, org, &release, commits.clone(), append)?;
            release = outcome.release;
            resolved_issues = outcome.resolved_issues;
            flow::commits::set_head_commits(tx, env, org, &release, &req.head_commits)?;
        }
        CommitsChange::Clear => release = flow::commits::clear_commits(tx, &release)?,
    }
    if let Some(date) = req.date_released {
        release = flow::releases::finalize(tx, &release, date, req.url.as_deref())?;
    } else if let Some(url) = &req.url {
        release = flow::releases::set_url(tx, &release, url)?;
    }
    let mut status_changed = false;
    if let Some(status) = req.status {
        let (updated, changed) = flow::releases::set_status(tx, &release, status.code())?;
        release = updated;
        status_changed = changed;
    }
    Ok(ReleaseUpdated {
        release: flow::views::release(tx, &release, false)?,
        resolved_issues,
        status_changed,
    })
}

impl Backend for LocalBackend {
    fn organization(&self, org: &str) -> Result<model::OrganizationDetails> {
        self.read(org, flow::orgs::details)
    }

    fn update_organization(&self, req: &UpdateOrganization) -> Result<OrganizationUpdated> {
        let inputs: Vec<(String, String)> = req
            .options
            .iter()
            .map(|(field, input)| {
                let text = match input {
                    OptionInput::Text(text) => text.clone(),
                    OptionInput::Json(serde_json::Value::String(text)) => text.clone(),
                    OptionInput::Json(value) => value.to_string(),
                };
                (field.clone(), text)
            })
            .collect();
        self.write(&req.org, |tx, env, org| {
            let changes = flow::orgs::set_options(tx, env, org, &inputs)?;
            Ok(OrganizationUpdated {
                organization: flow::orgs::details(tx, org)?,
                changes: changes
                    .into_iter()
                    .filter_map(|c| c.change.map(|change| (c.field, change)))
                    .collect(),
            })
        })
    }

    fn audit_log(&self, req: &AuditQuery) -> Result<Vec<model::AuditEntry>> {
        self.read(&req.org, |tx, org| {
            flow::orgs::audit(tx, org, req.event.as_deref(), i64::from(req.limit))
        })
    }

    fn repositories(&self, org: &str) -> Result<Vec<model::Repository>> {
        self.read(org, flow::commits::repositories_of)
    }

    fn create_organization(&self, req: &CreateOrganization) -> Result<model::Organization> {
        let env = self.env();
        self.with_store(true, |store| {
            store.write(|tx| flow::orgs::create(tx, &env, &req.slug, req.name.as_deref()))
        })
        .map(|row| flow::orgs::view(&row))
    }

    fn organizations(&self) -> Result<Vec<model::Organization>> {
        self.with_store(false, |store| {
            store.read(|tx| {
                Ok(store::orgs::list(tx)?
                    .iter()
                    .map(flow::orgs::view)
                    .collect())
            })
        })
    }

    fn create_project(&self, req: &CreateProject) -> Result<model::Project> {
        let new = flow::projects::NewProject {
            name: &req.name,
            slug: req.slug.as_deref(),
            platform: req.platform.as_deref(),
        };
        flow::projects::check(&new)?;
        self.write(&req.org, |tx, env, org| {
            flow::projects::create(tx, env, org, &new).map(|p| flow::views::project(&p))
        })
    }

    fn projects(&self, org: &str) -> Result<Vec<model::Project>> {
        self.read(org, |tx, org| {
            Ok(store::projects::list(tx, org.id)?
                .iter()
                .map(flow::views::project)
                .collect())
        })
    }

    fn project(&self, org: &str, project: &str) -> Result<model::Project> {
        self.read(org, |tx, org| {
            flow::project(tx, org, project).map(|p| flow::views::project(&p))
        })
    }

    fn update_project(&self, req: &UpdateProject) -> Result<model::Project> {
        self.write(&req.org, |tx, _env, org| {
            let project = flow::project(tx, org, &req.project)?;
            let changes = flow::projects::ProjectChanges {
                name: req.name.as_deref(),
                slug: req.slug.as_deref(),
                platform: req.platform.as_deref(),
            };
            flow::projects::update(tx, org, &project, &changes).map(|p| flow::views::project(&p))
        })
    }

    fn delete_project(&self, org: &str, project: &str) -> Result<model::Project> {
        self.write(org, |tx, env, org| {
            let project = flow::project(tx, org, project)?;
            flow::projects::delete(tx, env, org, &project)?;
            Ok(flow::views::project(&project))
        })
    }

    fn create_release(&self, req: &CreateRelease) -> Result<ReleaseCreated> {
        flow::releases::check_version(&req.version)?;
        let env = {
            let mut env = self.env();
            if let Some(agent) = &req.user_agent {
                env.user_agent.clone_from(agent);
            }
            env
        };
        let binds_commits = !matches!(req.commits, CommitsChange::Keep);
        self.with_store(true, |store| {
            if binds_commits {
                store.set_busy_timeout(COMMITS_LOCK_WAIT)?;
            }
            let result = store.write(|tx| {
                let org = flow::organization(tx, &req.org)?;
                let projects = flow::projects(tx, &org, &req.projects)?;
                let created = flow::releases::create(
                    tx,
                    &env,
                    &org,
                    &flow::releases::NewReleaseRequest {
                        version: &req.version,
                        projects: &projects,
                        ref_: req.ref_.as_deref(),
                        url: req.url.as_deref(),
                        date_released: req.date_released,
                        finalize_existing: req.finalize_existing,
                    },
                )?;
                let mut release = created.release;
                if let Some(status) = req.status {
                    release = flow::releases::set_status(tx, &release, status.code())?.0;
                }
                match &req.commits {
                    CommitsChange::Keep => {}
                    CommitsChange::Replace(commits) | CommitsChange::Append(commits) => {
                        let append = matches!(req.commits, CommitsChange::Append(_));
                        release = flow::commits::set_commits(
                            tx,
                            &env,
                            &org,
                            &release,
                            commits.clone(),
                            append,
                        )?
                        .release;
                        flow::commits::set_head_commits(
                            tx,
                            &env,
                            &org,
                            &release,
                            &req.head_commits,
                        )?;
                    }
                    CommitsChange::Clear => {
                        release = flow::commits::clear_commits(tx, &release)?;
                    }
                }
                let outcome = if created.created {
                    CreateOutcome::Created
                } else if created.newly_linked.is_empty() {
                    CreateOutcome::AlreadyThere
                } else {
                    CreateOutcome::Linked(
                        created.newly_linked.into_iter().map(|p| p.slug).collect(),
                    )
                };
                Ok(ReleaseCreated {
                    release: flow::views::release(tx, &release, false)?,
                    outcome,
                })
            });
            if binds_commits {
                store.set_busy_timeout(store::BUSY_TIMEOUT)?;
            }
            result
        })
        .map_err(|err| commits_conflict(err, &req.version))
    }

    fn update_release(&self, req: &UpdateRelease) -> Result<ReleaseUpdated> {
        flow::releases::check_version(&req.version)?;
        let work = |tx: &Db<'_>, env: &FlowEnv, org: &OrgRow| {
            let release = if req.projects.is_empty() {
                flow::releases::find(tx, org, &req.version)?
            } else {
                let projects = flow::projects(tx, org, &req.projects)?;
                flow::releases::load_or_create(tx, env, org, &req.version, &projects)?
            };
            apply_update(tx, env, org, release, req)
        };
        if matches!(req.commits, CommitsChange::Keep) {
            self.write(&req.org, work)
        } else {
            self.write_commits(req, work)
        }
    }

    fn release(&self, req: &ReleaseQuery) -> Result<model::Release> {
        flow::releases::check_version(&req.version)?;
        self.read(&req.org, |tx, org| {
            let release = flow::releases::find(tx, org, &req.version)?;
            if let Some(project) = &req.project {
                let project = flow::project(tx, org, project)?;
                if !store::releases::projects(tx, release.id)?
                    .iter()
                    .any(|p| p.id == project.id)
                {
                    return Err(Error::not_found(format!(
                        "release {:?} is not linked to project {:?}",
                        req.version, project.slug
                    )));
                }
            }
            flow::views::release(tx, &release, req.with_commits)
        })
    }

    fn releases(&self, req: &ReleaseListQuery) -> Result<Vec<model::Release>> {
        self.read(&req.org, |tx, org| {
            let filter = store::releases::ReleaseFilter {
                project_ids: project_ids(tx, org, &req.projects)?,
                query: req.query.clone(),
                status: req.status.map(|s| s.code()),
                limit: i64::from(req.limit),
                offset: i64::try_from(req.offset).unwrap_or(i64::MAX),
            };
            store::releases::list(tx, org.id, &filter)?
                .iter()
                .map(|r| flow::views::release(tx, r, false))
                .collect()
        })
    }

    fn delete_release(&self, org: &str, version: &str) -> Result<()> {
        flow::releases::check_version(version)?;
        self.write(org, |tx, _env, org| {
            let release = flow::releases::find(tx, org, version)?;
            flow::releases::delete(tx, &release)
        })
    }

    fn previous_release(&self, req: &PreviousQuery) -> Result<Option<PreviousRelease>> {
        flow::releases::check_version(&req.version)?;
        let env = self.env();
        self.read(&req.org, |tx, org| {
            let release = store::releases::find(tx, org.id, &req.version)?;
            let projects = flow::releases::release_projects(
                tx,
                org,
                release.as_ref(),
                &req.projects,
                &req.version,
            )?;
            let ids: Vec<i64> = projects.iter().map(|p| p.id).collect();
            Ok(
                flow::commits::previous_release(tx, &env, org, release.as_ref(), &ids)?.map(
                    |(previous, heads)| PreviousRelease {
                        version: previous.version,
                        heads,
                    },
                ),
            )
        })
    }

    fn create_deploy(&self, req: &CreateDeploy) -> Result<model::Deploy> {
        flow::releases::check_version(&req.version)?;
        flow::deploys::check_environment(&req.environment)?;
        self.write(&req.org, |tx, env, org| {
            let release = flow::releases::find(tx, org, &req.version)?;
            let projects = flow::projects(tx, org, &req.projects)?;
            flow::deploys::create(
                tx,
                env,
                org,
                &release,
                &flow::deploys::NewDeployRequest {
                    environment: &req.environment,
                    name: req.name.as_deref(),
                    url: req.url.as_deref(),
                    date_started: req.date_started,
                    date_finished: req.date_finished,
                    projects: &projects,
                },
            )
        })
    }

    fn deploys(&self, org: &str, version: &str) -> Result<Vec<model::Deploy>> {
        flow::releases::check_version(version)?;
        self.read(org, |tx, org| {
            let release = flow::releases::find(tx, org, version)?;
            flow::deploys::list(tx, &release)
        })
    }

    fn issues(&self, req: &IssueQuery) -> Result<Vec<model::Issue>> {
        self.read(&req.org, |tx, org| {
            let filter = store::issues::IssueFilter {
                project_ids: project_ids(tx, org, &req.projects)?,
                inbox_only: req.inbox_only,
                status: req.status.map(|s| match s {
                    IssueStatus::Unresolved => 0,
                    IssueStatus::Resolved => 1,
                }),
            };
            flow::issues::list(tx, org, &filter)
        })
    }

    fn issue(&self, org: &str, short_id: &str) -> Result<model::IssueDetails> {
        self.read(org, |tx, org| {
            let issue = flow::issues::find(tx, org, short_id)?;
            flow::issues::details(tx, &issue)
        })
    }

    fn review_issue(&self, org: &str, short_id: &str) -> Result<IssueReviewed> {
        self.write(org, |tx, env, org| {
            let issue = flow::issues::find(tx, org, short_id)?;
            let changed = flow::issues::review(tx, env, &issue)?;
            let issue = flow::issues::find(tx, org, short_id)?;
            Ok(IssueReviewed {
                issue: flow::views::issue(&issue),
                changed,
            })
        })
    }

    fn create_issue(&self, req: &CreateIssue) -> Result<model::Issue> {
        self.write(&req.org, |tx, env, org| {
            let project = flow::project(tx, org, &req.project)?;
            let issue = flow::issues::create(tx, env, &project, &req.title)?;
            Ok(flow::views::issue(&issue))
        })
    }

    fn create_token(&self, req: &CreateToken) -> Result<model::NewToken> {
        let env = self.env();
        self.with_store(true, |store| {
            store.write(|tx| flow::tokens::create(tx, &env, req.name.as_deref(), &req.scopes))
        })
    }

    fn tokens(&self) -> Result<Vec<model::Token>> {
        self.with_store(false, |store| store.read(flow::tokens::list))
    }

    fn revoke_token(&self, id: i64) -> Result<()> {
        self.with_store(true, |store| store.write(|tx| flow::tokens::revoke(tx, id)))
    }
}
