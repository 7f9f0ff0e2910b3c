//! How the local backend reaches its store: a connection from the right pool (idle SQLite
//! connections, the PostgreSQL pool), one transaction per request, a write on a missing SQLite
//! store put in place only once it committed, and the waits and errors of binding commits.
//! `mod.rs` says what each request does; this file says how it gets a transaction to do it in.

use std::path::Path;
use std::time::Instant;

use super::{COMMITS_LOCK_WAIT, LocalBackend, POOL_SIZE};
use crate::backend::pg_pool::PgPool;
use crate::backend::watch::{self, Wait};
use crate::backend::{CommitsChange, UpdateRelease};
use crate::error::{Error, ErrorKind, Result};
use crate::flow::commits::{CommitInput, HeadCommit};
use crate::flow::{self, FlowEnv};
use crate::store::orgs::OrgRow;
use crate::store::sql::Db;
use crate::store::{self, Location, Store, StoreConn};

impl LocalBackend {
    pub(super) fn env(&self) -> FlowEnv {
        let mut env = FlowEnv::new(self.region_id);
        env.user_agent.clone_from(&self.user_agent);
        env.redis.clone_from(&self.redis);
        env
    }

    pub(super) fn pg_pool(&self) -> Result<&PgPool> {
        self.pg
            .as_ref()
            .ok_or_else(|| Error::other("internal error: no PostgreSQL pool for a file store"))
    }

    /// Runs `work` on a pooled connection, or a new one. On SQLite: a writer's for a write, a
    /// reader's (that cannot write) for a read; a write on a missing store runs on a new store
    /// that is put in place only when `work` succeeded; if another process created the store
    /// meanwhile, `work` runs again on that one (so it may run twice, and must not act outside
    /// its transaction). On PostgreSQL: a connection of the pool, which waits for one when all
    /// are in use.
    pub(super) fn with_store<T>(
        &self,
        write: bool,
        mut work: impl FnMut(&mut StoreConn<'_>) -> Result<T>,
    ) -> Result<T> {
        match &self.location {
            Location::File(path) => self
                .with_file_store(path, write, work)
                .map_err(|err| missing_store_hint(path, err)),
            Location::Postgres(_) => {
                let pool = self.pg_pool()?;
                // A pooled connection the server closed while it sat idle fails at BEGIN,
                // before anything was sent: the request runs again on the next one (after a
                // server restart every idle connection is such a one, hence the loop).
                let mut tries = pool.max() + 1;
                loop {
                    let asked = Instant::now();
                    let got = pool.get();
                    watch::waited(Wait::Connection, asked.elapsed());
                    let mut conn = got?;
                    let result = work(&mut StoreConn::Postgres(conn.store()?));
                    tries -= 1;
                    if result.is_ok() || tries == 0 || !conn.reused() {
                        return result;
                    }
                    if !conn.store()?.lost_before_begin() {
                        return result;
                    }
                }
            }
        }
    }

    /// [`LocalBackend::with_store`] on a SQLite file.
    pub(super) fn with_file_store<T>(
        &self,
        path: &Path,
        write: bool,
        mut work: impl FnMut(&mut StoreConn<'_>) -> Result<T>,
    ) -> Result<T> {
        if let Some(mut store) = self.pooled(write) {
            let result = work(&mut StoreConn::Sqlite(&mut store));
            self.give_back(store);
            return result;
        }
        if !write {
            let mut store = Store::open_for_reading(path)?;
            let result = work(&mut StoreConn::Sqlite(&mut store));
            self.give_back(store);
            return result;
        }
        for _ in 0..3 {
            if let Some(mut store) = Store::open_existing(path)? {
                let result = work(&mut StoreConn::Sqlite(&mut store));
                self.give_back(store);
                return result;
            }
            match store::create(path, &mut |store| work(&mut StoreConn::Sqlite(store)))? {
                store::Created::Made(value) => return Ok(value),
                store::Created::Existed => {}
            }
        }
        Err(Error::other(format!(
            "the store {} disappeared while it was being created",
            path.display()
        )))
    }

    /// An idle connection that can do the job: a writer's for a write; for a read, any at the
    /// latest schema (a writer whose write failed on an old store is not).
    pub(super) fn pooled(&self, write: bool) -> Option<Store> {
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
    pub(super) fn give_back(&self, store: Store) {
        if !store.is_on_disk() {
            return;
        }
        if let Ok(mut idle) = self.idle.lock()
            && idle.len() < POOL_SIZE
        {
            idle.push(store);
        }
    }

    /// One write transaction in organization `org`, under its organization-wide lock.
    pub(super) fn write<T>(
        &self,
        org: &str,
        work: impl Fn(&Db<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        self.write_in(org, &self.env(), WriteScope::Organization, work)
    }

    /// One write transaction in organization `org` with `env`, under the lock `scope` names
    /// (the wait for it is watched). A release's writes take the organization's lock shared and
    /// the release's own lock, so writes of different releases run side by side.
    pub(super) fn write_in<T>(
        &self,
        org: &str,
        env: &FlowEnv,
        scope: WriteScope<'_>,
        work: impl Fn(&Db<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        let binds_commits = matches!(
            scope,
            WriteScope::Release {
                binds_commits: true,
                ..
            }
        );
        let mut tries = DEADLOCK_TRIES;
        loop {
            let result = self.with_store(true, |store| {
                if binds_commits {
                    store.set_busy_timeout(COMMITS_LOCK_WAIT)?;
                }
                let asked = Instant::now();
                let result = store.write(|tx| {
                    let org = flow::organization(tx, org)?;
                    take_locks(tx, &org, scope)?;
                    watch::waited(Wait::WriteLock, asked.elapsed());
                    work(tx, env, &org)
                });
                if binds_commits {
                    store.set_busy_timeout(store::BUSY_TIMEOUT)?;
                }
                result
            });
            tries -= 1;
            // A deadlock PostgreSQL broke rolled everything back and waited out no lock: the
            // transaction runs again (a streamed one cannot: it fails as a conflict then).
            match result {
                Err(err) if err.deadlock && tries > 0 => continue,
                result => return result,
            }
        }
    }

    /// One read transaction in organization `org`.
    pub(super) fn read<T>(
        &self,
        org: &str,
        work: impl Fn(&Db<'_>, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        self.with_store(false, |store| {
            store.read(|tx| {
                let org = flow::organization(tx, org)?;
                work(tx, &org)
            })
        })
    }

    /// Whether the store answers a query now: a missing SQLite store is ready (the first write
    /// creates it); a PostgreSQL store is asked on a connection of the pool.
    pub(super) fn probe_store(&self) -> Result<()> {
        if let Location::File(path) = &self.location
            && !path.exists()
        {
            return Ok(());
        }
        self.with_store(false, |store| {
            store.read(|tx| Ok(tx.query_one("SELECT 1", &[], |row| row.get::<i64>(0))?))
        })
        .map(|_| ())
    }

    /// A write of release `req.version`; one that binds commits waits a bounded time
    /// ([`COMMITS_LOCK_WAIT`]) for another writer of the release, then reports a conflict the
    /// caller can retry.
    pub(super) fn write_release<T>(
        &self,
        req: &UpdateRelease,
        work: impl Fn(&Db<'_>, &FlowEnv, &OrgRow) -> Result<T>,
    ) -> Result<T> {
        let binds_commits = !matches!(req.commits, CommitsChange::Keep);
        let ancestry = ancestry_locks(
            &req.head_commits,
            &req.commits,
            &req.auto_repositories,
            &req.named_repositories,
        );
        let scope = WriteScope::Release {
            version: &req.version,
            binds_commits,
            ancestry: &ancestry,
        };
        self.write_in(&req.org, &self.env(), scope, work)
            .map_err(|err| commits_conflict(err, &req.version, binds_commits))
    }
}

/// Something not found in a store file that does not exist (yet): the store is what is
/// missing (no write yet, or a mistyped `--store`), so the hint says how one comes to be. An
/// error that has a hint of its own keeps it.
fn missing_store_hint(path: &Path, err: Error) -> Error {
    if err.hint.is_some() || err.kind != ErrorKind::NotFound || path.exists() {
        return err;
    }
    err.with_hint(format!(
        "there is no store at {} yet: the first write creates it (relctl project create NAME), \
         or name another with --store",
        path.display()
    ))
}

/// How many times a write transaction runs when PostgreSQL breaks a deadlock it was in.
const DEADLOCK_TRIES: usize = 3;

/// Takes the locks `scope` names, in the one order every writer takes them (see
/// `store/postgres.rs`): the organization's, the ancestry locks by name, the release's.
fn take_locks(tx: &Db<'_>, org: &OrgRow, scope: WriteScope<'_>) -> Result<()> {
    match scope {
        WriteScope::Organization => tx.lock_organization(org.id)?,
        WriteScope::Release {
            version, ancestry, ..
        } => {
            tx.lock_organization_shared(org.id)?;
            // In name order, each repository once: whole where any range of it was read by
            // the rule.
            let mut locks: Vec<(String, bool)> = ancestry
                .iter()
                .map(|lock| {
                    let name = flow::commits::repository_or_default(org, &lock.repository);
                    (name, !lock.exclusive)
                })
                .collect();
            locks.sort_unstable();
            locks.dedup_by(|later, first| later.0 == first.0);
            for (name, shared) in &locks {
                tx.lock_repository_ancestry(org.id, name, !shared)?;
            }
            tx.lock_release(org.id, version)?;
        }
    }
    Ok(())
}

/// Which lock a write transaction takes.
#[derive(Clone, Copy)]
pub(super) enum WriteScope<'v> {
    /// The organization's lock: for what is organization-wide (projects, options, issues).
    Organization,
    /// The organization's lock shared, the ancestry locks in `ancestry` (in repository name
    /// order), then release `version`'s own. `binds_commits`: the wait is bounded by
    /// [`COMMITS_LOCK_WAIT`].
    Release {
        version: &'v str,
        binds_commits: bool,
        ancestry: &'v [AncestryLock],
    },
}

/// A repository's ancestry lock a release write takes ([`Db::lock_repository_ancestry`]).
pub(super) struct AncestryLock {
    pub(super) repository: String,
    /// Whole where the `--auto` rule read the release's range; shared where the user named
    /// its start.
    pub(super) exclusive: bool,
}

/// The ancestry locks of a write binding commits up to `heads`, or streaming commits of the
/// ranges in `auto` (read by the `--auto` rule) and `named` (start named by the user).
/// `commits`: what the write does to the release's commits. A list sent with heads compares
/// the release with the later releases of every repository it reaches (it takes its commits
/// out of them), and a repository no head names gets its newest commit as a stand-in head the
/// rule reads: such a repository is locked whole, as one the rule read. (Without heads a list
/// moves no other release; a repository a head names is locked as its head says.)
pub(super) fn ancestry_locks(
    heads: &[HeadCommit],
    commits: &CommitsChange,
    auto: &[String],
    named: &[String],
) -> Vec<AncestryLock> {
    let lock = |repository: &str, exclusive: bool| AncestryLock {
        repository: repository.to_string(),
        exclusive,
    };
    let listed: &[CommitInput] = match commits {
        CommitsChange::Replace(list) | CommitsChange::Append(list) if !heads.is_empty() => list,
        _ => &[],
    };
    let without_head = listed
        .iter()
        .map(|commit| commit.repository.as_deref().unwrap_or_default())
        .filter(|&repository| !heads.iter().any(|head| head.repository == repository));
    heads
        .iter()
        .map(|head| lock(&head.repository, head.read_by_auto_rule()))
        .chain(without_head.map(|repository| lock(repository, true)))
        .chain(auto.iter().map(|repository| lock(repository, true)))
        .chain(named.iter().map(|repository| lock(repository, false)))
        .collect()
}

/// A conflict while binding commits, said as what it is.
pub(super) fn commits_conflict(err: Error, version: &str, binds_commits: bool) -> Error {
    if binds_commits && err.kind == ErrorKind::Conflict {
        Error::conflict(format!(
            "release {version:?}: commits are being written by someone else; retry in a moment"
        ))
    } else {
        err
    }
}
