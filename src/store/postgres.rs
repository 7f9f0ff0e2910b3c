//! The store on a shared PostgreSQL database: what several `relctl serve` instances (and
//! command-line runs) use when one SQLite file on one machine is no longer enough.
//!
//! The flow is the same code as on SQLite: it runs on a [`Db`] over a [`Session`] (see
//! `sql/postgres.rs` for the statements). What differs is how transactions begin and end, where
//! the schema version is kept, and how writers are kept apart.
//!
//! # Schema
//!
//! The tables are `schema_pg_v*.sql`, the SQLite schema in PostgreSQL's types, less three foreign
//! keys Sentry's schema does not have either (version 5: a commit's organization and repository, a
//! file change's commit), whose per-row checks cost a quarter of the server's time binding 1,000
//! new commits. The version and relctl's mark live in a one-row table `relctl_store` (SQLite keeps
//! them in `PRAGMA user_version` / `application_id`). A database whose current schema holds other
//! tables and no `relctl_store` is refused, untouched. Every transaction reads the mark in the
//! round trip of its `BEGIN` (one simple-protocol message); only a database without it is looked at
//! whole, in the catalog. Migrations run inside the write transaction that needs them, after taking
//! the advisory lock [`SCHEMA_LOCK`], so two first writers cannot both create the tables. A read of
//! an empty or older database runs the migrations it needs (`Migration::reads_need`) in its own
//! transaction and rolls them back: reads never write.
//!
//! # Locks (what stands for SQLite's database-wide write lock)
//!
//! Write transactions run at READ COMMITTED (named in their `BEGIN`, whatever the database's
//! `default_transaction_isolation`), so each statement sees what other transactions committed
//! before it began. Writers are kept apart by
//! transaction-scoped **advisory locks** (released by COMMIT or ROLLBACK, so a killed process
//! never leaves one behind), as narrow as Sentry's, so many releases of one organization are
//! written at once:
//!
//! | lock | key | taken by | guards |
//! |---|---|---|---|
//! | organization, exclusive | (RELC, org id) | organization-wide writes: projects, options, issues, release delete ([`Db::lock_organization`]) | project slugs, option edits and the audit log |
//! | organization, shared | same | every write of one release, its deploys included ([`Db::lock_organization_shared`]) | the release against organization-wide writes (a project renamed or deleted under it) |
//! | repository ancestry | (RELC+4, hash "org:name") | a release binding commits of the repository, in name order ([`Db::lock_repository_ancestry`]): whole where the `--auto` rule read its range or a commit list sent with refs reaches it, shared where the user named the range's start | the rule that an earlier release's head hides a later release's commits: two releases of one repository compare themselves one after the other, and a named range's head is not recorded past one comparing itself |
//! | release | (RELC+2, hash "org:version") | every write of the release, after the above ([`Db::lock_release`]); the `--auto` rule also takes each later release's it changes, in id order | Sentry's `releasecommits:{release}`: the release's row, its commit list, head commits, stats, deploy counters and last deploys |
//! | repository creation | (RELC+3, hash "org:name") | a writer that finds the repository missing: the one that gets it whole creates it, the others wait for that one sharing it, in a savepoint they roll back should it have rolled back, then ask for it whole ([`Db::try_lock_repository_name`]); a writer creates its repositories in name order, a streamed one all of them before its first batch | one active repository per name (the table has no unique key for it), and the writers that waited go on side by side, not in turn |
//!
//! Shared rows need no lock of their own: commits, authors and environments are get-or-created with
//! `INSERT ... ON CONFLICT DO NOTHING` and read back, in key order within a statement; issues
//! resolved are row-locked in id order (`FOR NO KEY UPDATE`); the short-id counter and the
//! snowflake sequence (without Redis) are row locks (`UPDATE ... RETURNING`, `INSERT ... ON
//! CONFLICT DO UPDATE`). Creating an organization takes the organization lock of id 0. Hashed keys
//! can collide: two names that share one only wait for each other.
//!
//! A set-commits waits for its release at most `COMMITS_LOCK_WAIT`, any other writer `lock_timeout`
//! ([`PgStore::set_busy_timeout`], set on the session before its first transaction, so a table
//! someone's DDL holds bounds even the first read); a wait that runs out or a serialization failure
//! is a conflict (exit 4, HTTP 409) to retry. A deadlock is still possible where rows are met in
//! different orders by two writers (new commits both store, spread over several batches; a release
//! rebinding a later one whose writer waits for such a row): PostgreSQL breaks it, and
//! the rolled-back write runs again, up to three times (`backend::local`; a set-commits streaming
//! more than it keeps to read again fails as a conflict instead).

//! # TLS
//!
//! libpq's `sslmode` (`disable`, `prefer` the default, `require`, `verify-ca`, `verify-full`)
//! and `sslrootcert` in the URL, through rustls: `pg_tls.rs` takes them out of the URL before
//! the driver parses it and makes the connector that verifies what they ask. The handshake,
//! TLS included, is bounded as a whole (`HANDSHAKE_TIMEOUT`); a server without TLS when the
//! URL requires it, or a certificate that fails verification, is exit 2 with one line.

use std::path::Path;
use std::time::Duration;

use super::migrations::{self, APPLICATION_ID, DEFAULT_ORG_SLUG};
use super::pg_tls::{self, TlsOptions};
use super::sql::{Db, Session, params};
use crate::error::{Error, ErrorKind, Result};

/// One schema version's change.
struct Migration {
    sql: &'static str,
    /// Whether what a read runs depends on it. A read of an older store rehearses only these
    /// (and rolls them back): one that changes nothing a read sees may lock what a read must
    /// not (version 5's dropped foreign keys lock both their tables whole, `organization`
    /// among them, which would hold up every other client for as long as the read lasts).
    reads_need: bool,
}

/// Migration N (1-based) is `MIGRATIONS[N - 1]`. Versions 1 to 4 are the SQLite schema's;
/// version 5 is PostgreSQL's own (it drops foreign keys SQLite keeps), so the two counts part
/// there: a new column would be SQLite's version 5 and PostgreSQL's 6.
const MIGRATIONS: &[Migration] = &[
    Migration {
        sql: include_str!("schema_pg_v1.sql"),
        reads_need: true,
    },
    Migration {
        sql: include_str!("schema_pg_v2.sql"),
        reads_need: true,
    },
    Migration {
        sql: include_str!("schema_pg_v3.sql"),
        reads_need: true,
    },
    Migration {
        sql: include_str!("schema_pg_v4.sql"),
        reads_need: true,
    },
    Migration {
        sql: include_str!("schema_pg_v5.sql"),
        reads_need: false,
    },
];

/// The schema version this relctl writes on PostgreSQL.
fn latest() -> i64 {
    MIGRATIONS.len() as i64
}

/// Which migrations a transaction runs on an older store before its work.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Upgrade {
    /// All of them (writes, and the rehearsal of `store migrate --dry-run`).
    All,
    /// Those a read depends on, rolled back with it (reads, and checks that only look).
    ReadsNeed,
}

impl Upgrade {
    /// The migrations after `version` this one runs.
    fn after(self, version: i64) -> impl Iterator<Item = (usize, &'static Migration)> {
        MIGRATIONS
            .iter()
            .enumerate()
            .skip(usize::try_from(version).unwrap_or(0))
            .filter(move |(_, migration)| self == Upgrade::All || migration.reads_need)
    }
}

/// The advisory lock class of relctl's locks: the ASCII bytes "RELC", as in SQLite's mark.
pub const LOCK_CLASS: i32 = APPLICATION_ID;

/// The advisory lock class of release locks ([`Db::lock_release`]).
pub const RELEASE_LOCK_CLASS: i32 = LOCK_CLASS + 2;

/// How a write transaction begins (see [`PgStore::write`]).
const BEGIN_WRITE: &str = "BEGIN ISOLATION LEVEL READ COMMITTED";

/// The advisory lock class of repository-creation locks ([`Db::try_lock_repository_name`]).
pub const REPOSITORY_LOCK_CLASS: i32 = LOCK_CLASS + 3;

/// The advisory lock class of repository ancestry locks ([`Db::lock_repository_ancestry`]).
pub const ANCESTRY_LOCK_CLASS: i32 = LOCK_CLASS + 4;

/// The advisory lock (class [`LOCK_CLASS`] + 1, object 0) held while the schema is created or
/// upgraded.
pub const SCHEMA_LOCK: (i32, i32) = (LOCK_CLASS + 1, 0);

/// How long a connection attempt may take.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// Whether `text` names a PostgreSQL database rather than a file.
pub fn is_url(text: &str) -> bool {
    let lower = text.get(..13).unwrap_or(text).to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// A connection to the store's PostgreSQL database.
pub struct PgStore {
    session: Session,
    /// The URL with its password masked, for messages.
    shown: String,
    /// How long a writer waits for a lock.
    lock_wait: Duration,
    /// Whether the last transaction got past its `BEGIN`.
    began: bool,
    /// The session's `lock_timeout`, once relctl has set it.
    wait_set: Option<String>,
}

impl PgStore {
    /// Connects to the database at `url` (nothing is read or written yet).
    pub fn connect(url: &str) -> Result<PgStore> {
        let shown = crate::secrets::shown_store_url(url);
        // The driver wants the scheme in lower case; `is_url` accepted any case.
        let url = match url.split_once("://") {
            Some((scheme, rest)) => format!("{}://{rest}", scheme.to_ascii_lowercase()),
            None => url.to_string(),
        };
        let (url, tls) = pg_tls::split(&url, &shown)?;
        let mut config: postgres::Config = url
            .parse()
            .map_err(|err| Error::usage(format!("invalid PostgreSQL store URL {shown}: {err}")))?;
        if config.get_hosts().is_empty() {
            return Err(Error::usage(format!(
                "invalid PostgreSQL store URL {shown}: it names no host \
                 (postgres://USER@HOST[:PORT]/DATABASE, or ?host=/socket/dir)"
            )));
        }
        config.connect_timeout(CONNECT_TIMEOUT);
        config.application_name("relctl");
        config.ssl_mode(tls.driver_mode());
        let client = connect_within(config, &tls, &shown)?;
        Ok(PgStore {
            session: Session::new(client),
            shown,
            lock_wait: super::BUSY_TIMEOUT,
            began: false,
            wait_set: None,
        })
    }

    /// Whether the connection can serve another request.
    pub fn is_usable(&self) -> bool {
        !self.session.is_closed()
    }

    /// Whether the last transaction failed at its `BEGIN` (and the read of the store's mark sent
    /// with it) because the connection is gone (the server restarted, or closed it while it sat
    /// idle): nothing of it was written, so it may run again on another connection.
    pub fn lost_before_begin(&self) -> bool {
        !self.began && !self.is_usable()
    }

    /// How long a writer waits for another transaction's lock before the command fails with a
    /// conflict.
    pub fn set_busy_timeout(&mut self, wait: Duration) {
        self.lock_wait = wait;
    }

    /// Runs `work` in one write transaction; the same transaction first creates or upgrades the
    /// schema when it must. Read committed whatever the database's default: a writer reads
    /// again what it waited for (a repository's creator, a later release's writer) and must see
    /// what that one committed.
    pub fn write<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.transaction(BEGIN_WRITE, true, Upgrade::All, work)
    }

    /// Runs `work` as [`PgStore::write`] does (schema created or upgraded first), then rolls
    /// everything back: a rehearsal that writes nothing (`relctl store migrate --dry-run`).
    pub fn write_and_roll_back<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.transaction(BEGIN_WRITE, false, Upgrade::All, work)
    }

    /// Runs `work` in one read transaction (one snapshot); nothing is ever committed.
    pub fn read<T>(&mut self, work: impl FnOnce(&Db<'_>) -> Result<T>) -> Result<T> {
        self.transaction(
            "BEGIN ISOLATION LEVEL REPEATABLE READ",
            false,
            Upgrade::ReadsNeed,
            work,
        )
    }

    /// Checks that the database is a relctl store (or empty) without writing anything (nor
    /// rehearsing a migration reads do not need: the first write runs them).
    pub fn check_writable(&mut self) -> Result<()> {
        self.transaction(BEGIN_WRITE, false, Upgrade::ReadsNeed, |_| Ok(()))
    }

    fn transaction<T>(
        &mut self,
        begin: &str,
        commit: bool,
        upgrade_first: Upgrade,
        work: impl FnOnce(&Db<'_>) -> Result<T>,
    ) -> Result<T> {
        self.began = false;
        self.bound_lock_waits()?;
        let mark = self.begin(begin)?;
        self.began = true;
        let result = (|| {
            let db = Db::postgres(&self.session);
            let version = match mark {
                Some(mark) => checked_version(mark, &self.shown)?,
                None => inspect(&db, &self.shown)?,
            };
            if upgrade_first.after(version).next().is_some() {
                upgrade(&db, &self.shown, upgrade_first)?;
            }
            work(&db)
        })();
        let end = if commit && result.is_ok() {
            "COMMIT"
        } else {
            "ROLLBACK"
        };
        let ended = self.session.batch(end);
        match (result, ended) {
            (Ok(value), Ok(())) => Ok(value),
            (Ok(_), Err(err)) => Err(self.failed(err)),
            (Err(err), _) => Err(err),
        }
    }

    /// Sets the session's `lock_timeout` to the writer's wait when it is not set to it yet: on
    /// its own, before the transaction, so that every statement of it is bounded, the read of
    /// the store's mark included (a table locked by someone's DDL would hold it forever).
    fn bound_lock_waits(&mut self) -> Result<()> {
        let wait = format!("{}ms", self.lock_wait.as_millis());
        if self.wait_set.as_deref() == Some(wait.as_str()) {
            return Ok(());
        }
        Db::postgres(&self.session)
            .execute(
                "SELECT set_config('lock_timeout', ?1, false)",
                params![wait.as_str()],
            )
            .map_err(|err| self.failed(err))?;
        self.wait_set = Some(wait);
        Ok(())
    }

    /// Begins a transaction with `begin` and reads relctl's mark in the same round trip: the
    /// (application id, schema version) of the current schema's `relctl_store`, or `None` when
    /// there is no such table (or row): then the transaction is open (begun again if the read
    /// failed) for [`inspect`] to look at the database whole.
    fn begin(&mut self, begin: &str) -> Result<Option<(i64, i64)>> {
        // Only the current schema's table counts, as in `inspect`: a `relctl_store` found
        // further along the search_path (or a view of that name) makes no row here.
        let read = self.session.begin_and_read(
            begin,
            "SELECT application_id, schema_version FROM relctl_store
             WHERE 'relctl_store'::regclass
                   = to_regclass(quote_ident(current_schema()) || '.relctl_store')
               AND (SELECT relkind FROM pg_catalog.pg_class
                    WHERE oid = 'relctl_store'::regclass) = 'r'",
        );
        match read {
            Ok(Some(row)) => match row[..] {
                [application_id, version] => Ok(Some((application_id, version))),
                _ => Ok(None),
            },
            Ok(None) => Ok(None),
            Err(err) if err.is_undefined_table() => {
                self.session
                    .batch("ROLLBACK")
                    .map_err(|err| self.failed(err))?;
                self.session.batch(begin).map_err(|err| self.failed(err))?;
                Ok(None)
            }
            Err(err) => {
                // The transaction may have begun (and be aborted): end it, keeping the error.
                let _ = self.session.batch("ROLLBACK");
                Err(self.failed(err))
            }
        }
    }

    fn failed(&self, err: super::sql::DbError) -> Error {
        let err = Error::from(err);
        Error::new(
            err.kind,
            format!("store database {}: {}", self.shown, err.message),
        )
    }
}

/// The schema version of the store in `db` (0: an empty database); a database that is not
/// relctl's, or a newer relctl's, is refused.
fn inspect(db: &Db<'_>, shown: &str) -> Result<i64> {
    // One statement, so one snapshot: a first writer committing the schema in between must
    // not make the marker look absent and its tables look like someone else's.
    let (marked, tables, no_schema): (bool, i64, bool) = db.query_one(
        "SELECT COALESCE(bool_or(c.relname = 'relctl_store' AND c.relkind = 'r'), false),
                count(*), current_schema() IS NULL
         FROM pg_catalog.pg_class c
         JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
         WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')",
        params![],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?;
    if no_schema {
        // Nothing could be read or created there: the URL's (or the role's) search_path
        // names only schemas that do not exist.
        return Err(Error::usage(format!(
            "store database {shown}: its search_path names no schema that exists; \
             create the schema or set search_path to one that does"
        )));
    }
    if !marked {
        if tables == 0 {
            return Ok(0);
        }
        return Err(migrations::not_a_store(
            Path::new(shown),
            "a PostgreSQL database whose schema holds other tables",
        ));
    }
    current_version(db, shown)
}

/// The schema version, read from `relctl_store`: what [`inspect`] reads once it found the
/// mark, and what every transaction reads as it begins.
fn current_version(db: &Db<'_>, shown: &str) -> Result<i64> {
    let mark: (i64, i64) = db.query_one(
        "SELECT application_id, schema_version FROM relctl_store",
        params![],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?;
    checked_version(mark, shown)
}

/// The schema version of relctl's mark (application id, version); a database marked by
/// another application, or by a newer relctl, is refused.
fn checked_version((application_id, version): (i64, i64), shown: &str) -> Result<i64> {
    if application_id != i64::from(APPLICATION_ID) {
        return Err(migrations::not_a_store(
            Path::new(shown),
            &format!("its relctl_store table holds application id {application_id:#x}"),
        ));
    }
    if version > latest() {
        return Err(migrations::newer_store(Path::new(shown), version, latest()));
    }
    Ok(version)
}

/// Runs the migrations `which` names under [`SCHEMA_LOCK`], in the caller's transaction; with
/// all of them, the store is at the latest version.
fn upgrade(db: &Db<'_>, shown: &str, which: Upgrade) -> Result<()> {
    db.execute(
        "SELECT pg_advisory_xact_lock(?1, ?2)",
        params![i64::from(SCHEMA_LOCK.0), i64::from(SCHEMA_LOCK.1)],
    )?;
    // Another first writer may have created or upgraded it while this one waited.
    let from = inspect(db, shown)?;
    for (index, migration) in which.after(from) {
        let failed = |err: super::sql::DbError| {
            Error::other(format!(
                "cannot upgrade the store {shown} to schema version {}: {err}",
                index + 1
            ))
        };
        db.batch(migration.sql).map_err(failed)?;
        if index == 0 {
            db.execute(
                "CREATE TABLE relctl_store (
                     id             BIGINT PRIMARY KEY CHECK (id = 1),
                     application_id BIGINT NOT NULL,
                     schema_version BIGINT NOT NULL
                 )",
                params![],
            )
            .map_err(failed)?;
            db.execute(
                "INSERT INTO relctl_store (id, application_id, schema_version) VALUES (1, ?1, 0)",
                params![i64::from(APPLICATION_ID)],
            )
            .map_err(failed)?;
            db.execute(
                "INSERT INTO organization (slug, name, date_added) VALUES (?1, ?2, ?3)",
                params![
                    DEFAULT_ORG_SLUG,
                    "Default",
                    crate::time::format_ts(chrono::Utc::now())
                ],
            )
            .map_err(failed)?;
        }
    }
    if which == Upgrade::All && from < latest() {
        db.execute(
            "UPDATE relctl_store SET schema_version = ?1",
            params![latest()],
        )?;
    }
    Ok(())
}

/// How long a connection may take from the TCP connect to a session ready for queries. The
/// driver's `connect_timeout` bounds only the TCP connect: a server (or a proxy in front of it)
/// that accepts and then never answers the startup message would hold the caller forever.
const HANDSHAKE_TIMEOUT: Duration = Duration::from_secs(10);

/// `config.connect` (with TLS as `tls` says), given up after [`HANDSHAKE_TIMEOUT`]. The driver
/// has no bound of its own on the handshake (the TLS one included), so it runs on a thread of
/// its own; given up, that thread ends when the server closes the connection, and only it
/// waits: the caller gets a one-line network error.
fn connect_within(
    config: postgres::Config,
    tls: &TlsOptions,
    shown: &str,
) -> Result<postgres::Client> {
    let connector = tls.connector(shown)?;
    let (sender, answer) = std::sync::mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("relctl-pg-connect".to_string())
        .spawn(move || {
            // The receiver is gone only when the caller gave up: nothing to tell then.
            let _ = sender.send(config.connect(connector));
        })
        .map_err(|err| Error::other(format!("cannot start a thread to connect: {err}")))?;
    match answer.recv_timeout(HANDSHAKE_TIMEOUT) {
        Ok(connected) => connected.map_err(|err| {
            pg_tls::refusal(shown, tls, &err).unwrap_or_else(|| connect_error(shown, &err))
        }),
        Err(_) => Err(Error::new(
            ErrorKind::Network,
            format!(
                "cannot connect to the store database {shown}: the server accepted the \
                 connection but did not answer within {} seconds",
                HANDSHAKE_TIMEOUT.as_secs()
            ),
        )),
    }
}

/// Why a connection failed, as the exit code a user acts on: a database that does not exist is
/// a usage error (exit 2: create it), a refused login an authentication error (exit 6), the
/// rest (server down, unreachable, timed out) a network error (exit 5).
fn connect_error(shown: &str, err: &postgres::Error) -> Error {
    use postgres::error::SqlState;
    let reason = one_line(err);
    match err.code() {
        Some(code) if *code == SqlState::INVALID_CATALOG_NAME => Error::usage(format!(
            "the store database {shown} does not exist: {reason}; create it first (createdb)"
        )),
        Some(code)
            if *code == SqlState::INVALID_PASSWORD
                || *code == SqlState::INVALID_AUTHORIZATION_SPECIFICATION =>
        {
            Error::new(
                ErrorKind::Auth,
                format!("the store database {shown} refused the login: {reason}"),
            )
        }
        _ => Error::new(
            ErrorKind::Network,
            format!("cannot connect to the store database {shown}: {reason}"),
        ),
    }
}

/// The driver's error on one line, without its source chain's repetitions.
fn one_line(err: &postgres::Error) -> String {
    let mut text = err.to_string();
    let mut source = std::error::Error::source(err);
    while let Some(inner) = source {
        let more = inner.to_string();
        if !text.contains(&more) {
            text = format!("{text}: {more}");
        }
        source = inner.source();
    }
    text.replace(['\n', '\r'], " ")
}
