//! The local backend: each request is one transaction of the flow on the store, a SQLite file
//! or a PostgreSQL database (`store::Location`).
//!
//! SQLite: writes run in one `BEGIN IMMEDIATE` transaction, so a request that fails anywhere
//! leaves the store as it was. A missing store is created by the first write that commits: the
//! write runs on a new store in a temporary file that is put in place only then
//! (`store::create`), so a request that fails creates nothing, and a write that finds another
//! process created the store first runs again on that store. Reads never create, migrate or
//! write the store. Connections are kept in a small pool so `serve` does not reopen the file for
//! every request; the command line makes one request and drops the backend.
//!
//! PostgreSQL: each request borrows a connection from a bounded pool (`pg_pool.rs`,
//! `serve --pool-size`) and runs one transaction on it; a write of one release takes the
//! organization's lock shared and the release's own (writes of different releases run side by
//! side), any other write the organization's lock exclusively (`access.rs`'s `WriteScope`;
//! `store/postgres.rs` says what each lock guards). On SQLite the database-wide write lock
//! already is all of them.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

mod access;
mod issues;
mod replay;

use access::{WriteScope, commits_conflict};

use super::pg_pool::PgPool;
use super::watch::{self, Part, PoolUse};
use super::{
    AuditQuery, Backend, CommitBatches, CommitsChange, CreateDeploy, CreateIssue,
    CreateOrganization, CreateOutcome, CreateProject, CreateRelease, CreateToken, DeployListQuery,
    EarlierHeads, IssueQuery, IssueReviewed, IssueStatus, IssuesUpdated, OptionInput,
    OrganizationUpdated, PreviousQuery, PreviousRelease, ReleaseCreated, ReleaseListQuery,
    ReleaseQuery, ReleaseUpdated, UpdateIssues, UpdateOrganization, UpdateProject, UpdateRelease,
};
use crate::error::{Error, Result};
use crate::flow::commits::HeadCommit;
use crate::flow::{self, FlowEnv};
use crate::model;
use crate::redis_sequence::RedisSequence;
use crate::store::orgs::OrgRow;
use crate::store::releases::ReleaseRow;
use crate::store::sql::Db;
use crate::store::{self, Location, Store};

/// How long binding commits waits for another writer before giving up with a conflict.
const COMMITS_LOCK_WAIT: Duration = Duration::from_secs(10);

/// The longest wait of a readiness probe of Redis (connect, then `PING`).
const PROBE_WAIT: Duration = Duration::from_secs(2);

/// At most this many idle connections to a SQLite store are kept.
const POOL_SIZE: usize = 8;

/// Connections to a PostgreSQL store a process keeps open at most, unless told otherwise
/// (`serve --pool-size`). The command line uses one.
pub const DEFAULT_PG_POOL: u64 = 16;

pub struct LocalBackend {
    location: Location,
    region_id: u64,
    user_agent: String,
    /// Idle connections to a SQLite store file.
    idle: Mutex<Vec<Store>>,
    /// The connections to a PostgreSQL store.
    pg: Option<PgPool>,
    /// The snowflake sequence, when it is shared through Redis (else the store's own table).
    redis: Option<Arc<RedisSequence>>,
}

impl LocalBackend {
    /// The backend of the store at `store`: a SQLite file, or a `postgres://` URL.
    pub fn new(store: PathBuf, region_id: u64) -> LocalBackend {
        let location = Location::parse(&store);
        let pg = match &location {
            Location::Postgres(url) => Some(PgPool::new(url.clone(), DEFAULT_PG_POOL as usize)),
            Location::File(_) => None,
        };
        LocalBackend {
            location,
            region_id,
            user_agent: format!("relctl/{}", env!("CARGO_PKG_VERSION")),
            idle: Mutex::new(Vec::new()),
            pg,
            redis: None,
        }
    }

    /// The same backend taking snowflake counters from `redis` (Sentry's keys) instead of the
    /// store, so ids stay distinct across every store and instance sharing that Redis.
    pub fn with_redis(mut self, redis: Option<Arc<RedisSequence>>) -> LocalBackend {
        self.redis = redis;
        self
    }

    /// The same backend keeping at most `size` connections to a PostgreSQL store open (no
    /// effect on a SQLite store, whose writes serialize anyway).
    pub fn with_pool_size(mut self, size: usize) -> LocalBackend {
        if let Some(pool) = &mut self.pg {
            pool.set_max(size);
        }
        self
    }

    /// Where the store is.
    pub fn location(&self) -> &Location {
        &self.location
    }

    /// Creates the store now if it is missing (and brings an old one up to date).
    pub fn create_store(&self) -> Result<()> {
        self.with_store(true, |store| store.write(|_| Ok(())))
    }

    /// Opens the store for writing without writing anything, as `serve` does before it listens:
    /// a file that is not a relctl store, a newer relctl's store or one that cannot be written
    /// is refused now. A missing store is left missing; the first write creates it.
    pub fn check_store(&self) -> Result<()> {
        match &self.location {
            Location::File(path) => {
                let Some(mut store) = Store::open_existing(path)? else {
                    return Ok(());
                };
                store.check_writable()
            }
            Location::Postgres(_) => {
                let pool = self.pg_pool()?;
                let mut conn = pool.get()?;
                let result = conn.store()?.check_writable();
                drop(conn);
                result
            }
        }
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
}

/// The release a previous-release query names (when it exists) and the ids of its projects
/// (else of the query's projects).
fn release_and_projects(
    tx: &Db<'_>,
    org: &OrgRow,
    req: &PreviousQuery,
) -> Result<(Option<ReleaseRow>, Vec<i64>)> {
    let release = store::releases::find(tx, org.id, &req.version)?;
    let projects =
        flow::releases::release_projects(tx, org, release.as_ref(), &req.projects, &req.version)?;
    Ok((release, projects.iter().map(|p| p.id).collect()))
}

fn project_ids(conn: &Db<'_>, org: &OrgRow, names: &[String]) -> Result<Vec<i64>> {
    Ok(flow::projects(conn, org, names)?
        .iter()
        .map(|p| p.id)
        .collect())
}

/// The release a PUT acts on: created (or linked) first when it names projects.
fn release_to_update(
    tx: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    req: &UpdateRelease,
) -> Result<ReleaseRow> {
    if req.projects.is_empty() {
        flow::releases::find(tx, org, &req.version)
    } else {
        let projects = flow::projects(tx, org, &req.projects)?;
        flow::releases::load_or_create(tx, env, org, &req.version, &projects)
    }
}

/// What a commits change did to a release.
struct CommitsApplied {
    release: ReleaseRow,
    resolved_issues: Vec<String>,
    rebound_releases: Vec<String>,
}

/// Commits that arrive batch by batch, and the repositories of all their ranges.
struct Streamed<'b> {
    batches: CommitBatches<'b>,
    repositories: Vec<String>,
}

/// A release's commits change (replace, append, clear or keep), in the caller's transaction:
/// the commits bound (from `streamed` when given, else the list in the change), the head
/// commits recorded and later releases re-bound; the number bound goes into `bound`.
fn apply_commits_change(
    tx: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: ReleaseRow,
    (change, head_commits): (&CommitsChange, &[HeadCommit]),
    streamed: Option<Streamed<'_>>,
    bound: &std::cell::Cell<u64>,
) -> Result<CommitsApplied> {
    let (commits, append) = match change {
        CommitsChange::Keep => {
            return Ok(CommitsApplied {
                release,
                resolved_issues: Vec::new(),
                rebound_releases: Vec::new(),
            });
        }
        CommitsChange::Clear => {
            return Ok(CommitsApplied {
                release: flow::commits::clear_commits(tx, &release)?,
                resolved_issues: Vec::new(),
                rebound_releases: Vec::new(),
            });
        }
        CommitsChange::Replace(commits) => (commits, false),
        CommitsChange::Append(commits) => (commits, true),
    };
    let mut heads = head_commits.to_vec();
    let bound_now = match streamed {
        None => {
            let listed = (commits.as_slice(), head_commits);
            flow::commits::bind_commits(tx, env, org, &release, listed, append)?
        }
        Some(Streamed {
            batches,
            repositories,
        }) => {
            let mut binder = flow::commits::CommitBinder::start(tx, env, org, &release, append);
            let heads_named = head_commits.iter().map(|head| head.repository.clone());
            binder.meet_repositories(repositories.into_iter().chain(heads_named))?;
            for batch in batches {
                let batch = batch?;
                binder.add(&batch.commits.iter().collect::<Vec<_>>())?;
                heads.extend(batch.heads);
            }
            binder.bind()?
        }
    };
    bound.set(u64::try_from(bound_now).unwrap_or(u64::MAX));
    let rebound_releases =
        flow::commits::set_heads_and_rebind_later(tx, env, org, &release, &heads)?;
    // Once the --auto rule has given commits held by an earlier release back to it: the issues
    // they fix stay resolved there. (Issue rows are locked after every release lock, too.)
    let release = store::releases::find_by_id(tx, release.id)?
        .ok_or_else(|| Error::other("the release vanished from the store"))?;
    let resolved_issues = flow::commits::resolve_issues(tx, env, &release)?;
    Ok(CommitsApplied {
        release,
        resolved_issues,
        rebound_releases,
    })
}

/// What a release POST did: created it, found it as asked, or linked it to more projects.
fn create_outcome(created: &flow::releases::Created) -> CreateOutcome {
    if created.created {
        CreateOutcome::Created
    } else if created.newly_linked.is_empty() {
        CreateOutcome::AlreadyThere
    } else {
        CreateOutcome::Linked(
            created
                .newly_linked
                .iter()
                .map(|p| p.slug.clone())
                .collect(),
        )
    }
}

/// Applies a release PUT to `release`, in the caller's transaction; its commits come from
/// `streamed` when given.
fn apply_update(
    tx: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    mut release: ReleaseRow,
    req: &UpdateRelease,
    streamed: Option<CommitBatches<'_>>,
    bound: &std::cell::Cell<u64>,
) -> Result<ReleaseUpdated> {
    if let Some(url) = &req.url {
        flow::releases::check_url("url", url)?;
    }
    if let Some(reference) = &req.ref_ {
        release = flow::releases::set_ref(tx, &release, reference)?;
    }
    let streamed = streamed.map(|batches| Streamed {
        batches,
        repositories: [&req.auto_repositories, &req.named_repositories]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
    });
    let applied = apply_commits_change(
        tx,
        env,
        org,
        release,
        (&req.commits, &req.head_commits),
        streamed,
        bound,
    )?;
    let (mut release, resolved_issues, rebound_releases) = (
        applied.release,
        applied.resolved_issues,
        applied.rebound_releases,
    );
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
        release: flow::views::release(tx, &release, None)?,
        resolved_issues,
        status_changed,
        rebound_releases,
        later_to_rebind: Vec::new(),
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
            let edit = flow::orgs::OrgEdit {
                options: &inputs,
                name: req.name.as_deref(),
                slug: req.slug.as_deref(),
            };
            let (org, changes) = flow::orgs::update(tx, env, org, &edit)?;
            Ok(OrganizationUpdated {
                organization: flow::orgs::details(tx, &org)?,
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
            store.write(|tx| {
                tx.lock_organization(0)?;
                flow::orgs::create(tx, &env, &req.slug, req.name.as_deref())
            })
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
        let ancestry = access::ancestry_locks(&req.head_commits, &req.commits, &[], &[]);
        let scope = WriteScope::Release {
            version: &req.version,
            binds_commits,
            ancestry: &ancestry,
        };
        let bound = std::cell::Cell::new(0);
        let created = self
            .write_in(&req.org, &env, scope, |tx, env, org| {
                let projects = flow::projects(tx, org, &req.projects)?;
                let created = flow::releases::create(
                    tx,
                    env,
                    org,
                    &flow::releases::NewReleaseRequest {
                        version: &req.version,
                        projects: &projects,
                        ref_: req.ref_.as_deref(),
                        url: req.url.as_deref(),
                        date_released: req.date_released,
                        finalize_existing: req.finalize_existing,
                    },
                )?;
                let outcome = create_outcome(&created);
                let mut release = created.release;
                if let Some(status) = req.status {
                    release = flow::releases::set_status(tx, &release, status.code())?.0;
                }
                let applied = apply_commits_change(
                    tx,
                    env,
                    org,
                    release,
                    (&req.commits, &req.head_commits),
                    None,
                    &bound,
                )?;
                Ok(ReleaseCreated {
                    release: flow::views::release(tx, &applied.release, None)?,
                    outcome,
                })
            })
            .map_err(|err| commits_conflict(err, &req.version, binds_commits))?;
        watch::commits_bound(bound.get());
        Ok(created)
    }

    fn update_release(&self, req: &UpdateRelease) -> Result<ReleaseUpdated> {
        flow::releases::check_version(&req.version)?;
        if !req.server_ranges.is_empty() {
            return Err(super::refs_need_a_server());
        }
        let bound = std::cell::Cell::new(0);
        let work = |tx: &Db<'_>, env: &FlowEnv, org: &OrgRow| {
            let release = release_to_update(tx, env, org, req)?;
            apply_update(tx, env, org, release, req, None, &bound)
        };
        let updated = self.write_release(req, work)?;
        watch::commits_bound(bound.get());
        Ok(updated)
    }

    fn update_release_streamed(
        &self,
        req: &UpdateRelease,
        batches: CommitBatches<'_>,
    ) -> Result<ReleaseUpdated> {
        flow::releases::check_version(&req.version)?;
        if !matches!(
            req.commits,
            CommitsChange::Replace(_) | CommitsChange::Append(_)
        ) {
            return Err(Error::other(
                "internal error: streamed commits must replace or append",
            ));
        }
        // Should the work run again (see `with_store`, and `write_in` after a deadlock), it
        // reads the batches again when they were kept, else it fails as a conflict to retry
        // rather than binding what is left of them.
        let batches = std::cell::RefCell::new(replay::Replayable::new(batches));
        let bound = std::cell::Cell::new(0);
        let updated = self.write_release(req, |tx, env, org| {
            let mut batches = batches.borrow_mut();
            let mut run = batches.run().ok_or_else(|| {
                Error::conflict("the store changed while commits were bound; run the command again")
            })?;
            let release = release_to_update(tx, env, org, req)?;
            apply_update(tx, env, org, release, req, Some(&mut run), &bound)
        })?;
        watch::commits_bound(bound.get());
        Ok(updated)
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
            let commits = req
                .with_commits
                .then(|| req.commit_slice.map(super::Slice::sql));
            flow::views::release(tx, &release, commits)
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
                .map(|r| flow::views::release(tx, r, None))
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
            let (release, ids) = release_and_projects(tx, org, req)?;
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

    fn earlier_heads(&self, req: &PreviousQuery) -> Result<EarlierHeads> {
        flow::releases::check_version(&req.version)?;
        self.read(&req.org, |tx, org| {
            let (release, ids) = release_and_projects(tx, org, req)?;
            Ok(EarlierHeads(flow::commits::earlier_heads(
                tx,
                org,
                release.as_ref(),
                &ids,
            )?))
        })
    }

    fn create_deploy(&self, req: &CreateDeploy) -> Result<model::Deploy> {
        flow::releases::check_version(&req.version)?;
        flow::deploys::check_environment(&req.environment)?;
        // A release's own write: the environment is get-or-created by its unique name, and
        // the rest is the release's rows; so deploys of different releases run side by side.
        let scope = WriteScope::Release {
            version: &req.version,
            binds_commits: false,
            ancestry: &[],
        };
        self.write_in(&req.org, &self.env(), scope, |tx, env, org| {
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

    fn deploy_list(&self, req: &DeployListQuery) -> Result<Vec<model::Deploy>> {
        flow::releases::check_version(&req.version)?;
        self.read(&req.org, |tx, org| {
            let release = flow::releases::find(tx, org, &req.version)?;
            let projects = project_ids(tx, org, &req.projects)?;
            flow::deploys::latest(tx, &release, &projects)
        })
    }

    fn issues(&self, req: &IssueQuery) -> Result<Vec<model::Issue>> {
        self.read(&req.org, |tx, org| {
            let filter = store::issues::IssueFilter {
                project_ids: project_ids(tx, org, &req.projects)?,
                inbox_only: req.inbox_only,
                status: req.status.map(IssueStatus::code),
                resolved_in: req.resolved_in.clone(),
                page: req.slice.map(super::Slice::sql),
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

    fn update_issues(&self, req: &UpdateIssues) -> Result<IssuesUpdated> {
        self.write(&req.org, |tx, env, org| issues::update(tx, env, org, req))
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
            store.write(|tx| {
                let org = match &req.organization {
                    Some(slug) => Some(flow::organization(tx, slug)?),
                    None => None,
                };
                flow::tokens::create(tx, &env, req.name.as_deref(), &req.scopes, org.as_ref())
            })
        })
    }

    fn tokens(&self) -> Result<Vec<model::Token>> {
        self.with_store(false, |store| store.read(flow::tokens::list))
    }

    fn revoke_token(&self, id: i64) -> Result<()> {
        self.with_store(true, |store| store.write(|tx| flow::tokens::revoke(tx, id)))
    }

    fn start_session(&self, token: &model::Token) -> Result<String> {
        let env = self.env();
        self.with_store(true, |store| {
            store.write(|tx| flow::tokens::start_session(tx, &env, token))
        })
    }

    fn session_token(&self, secret: &str) -> Result<Option<model::Token>> {
        let env = self.env();
        self.with_store(false, |store| {
            store.read(|tx| flow::tokens::session_token(tx, &env, secret))
        })
    }

    fn parts(&self) -> Vec<Part> {
        let store = match self.location {
            Location::File(_) => Part::Store,
            Location::Postgres(_) => Part::Postgres,
        };
        std::iter::once(store)
            .chain(self.redis.is_some().then_some(Part::Redis))
            .collect()
    }

    fn probe(&self, part: Part) -> Result<()> {
        match part {
            Part::Store | Part::Postgres => self.probe_store(),
            Part::Redis => match &self.redis {
                Some(redis) => redis.ping(PROBE_WAIT),
                None => Ok(()),
            },
        }
    }

    fn pool_use(&self) -> Option<PoolUse> {
        let pool = self.pg.as_ref()?;
        Some(PoolUse {
            in_use: pool.in_use(),
            max: pool.max(),
        })
    }

    fn end_session(&self, secret: &str) -> Result<()> {
        let env = self.env();
        self.with_store(true, |store| {
            store.write(|tx| flow::tokens::end_session(tx, &env, secret))
        })
    }
}
