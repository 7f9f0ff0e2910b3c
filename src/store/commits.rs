//! SQL for repositories, commit authors, commits, file changes, release commits, head commits,
//! and the commit-to-issue links and resolutions that set-commits writes.
//!
//! set-commits may bind tens of thousands of commits in one transaction, so the statements here
//! are cached (`prepare_cached`) and do one indexed lookup or insert each.

use std::collections::{HashMap, HashSet};

use super::sql::{Db, DbResult, Dialect, Row, params};

use crate::error::Result;

/// A commit as stored: what set-commits compares before updating.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredCommit {
    pub id: i64,
    pub author_id: Option<i64>,
    pub message: Option<String>,
    pub date_added: String,
}

/// A commit of a release, for `release info --commits`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReleaseCommitRow {
    pub id: i64,
    pub key: String,
    pub message: Option<String>,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    pub date_added: String,
    pub repository: String,
}

/// The active repository of that name with the highest id; created when there is none. Of
/// the writers that find it missing at once, the one that gets its creation lock creates it;
/// the others wait for that one's transaction to end (sharing the lock, so they then go on
/// side by side rather than one after the other) and find its repository. Should it have
/// rolled back, they give their shared wait up and ask for the lock whole: the first to get
/// it creates the repository, the others then find it.
pub fn repository_id(conn: &Db<'_>, org_id: i64, name: &str, now: &str) -> Result<i64> {
    let find = || -> Result<Option<i64>> {
        Ok(conn.query_opt(
            "SELECT id FROM repository WHERE organization_id = ?1 AND name = ?2 AND status = 0
             ORDER BY id DESC LIMIT 1",
            params![org_id, name],
            |row| row.get(0),
        )?)
    };
    if let Some(id) = find()? {
        return Ok(id);
    }
    if !conn.try_lock_repository_name(org_id, name)? {
        // The shared wait runs in a savepoint, given up when the creator rolled back: two
        // waiters asking for the lock whole while still holding it shared would each wait for
        // the other.
        let created = conn.savepoint_if_found(|| {
            conn.lock_repository_name(org_id, name, false)?;
            find()
        })?;
        if let Some(id) = created {
            return Ok(id);
        }
        conn.lock_repository_name(org_id, name, true)?;
    }
    if let Some(id) = find()? {
        return Ok(id);
    }
    Ok(conn.insert(
        "INSERT INTO repository (organization_id, name, date_added) VALUES (?1, ?2, ?3)",
        params![org_id, name, now],
    )?)
}

/// The organization's active repositories: (id, name, date added), by name.
pub fn repositories(conn: &Db<'_>, org_id: i64) -> Result<Vec<(i64, String, String)>> {
    Ok(conn.query_all(
        "SELECT id, name, date_added FROM repository WHERE organization_id = ?1 AND status = 0
         ORDER BY name, id",
        params![org_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?)
}

/// Authors of the organization with these e-mails: email -> (id, name).
pub fn authors_by_email(
    conn: &Db<'_>,
    org_id: i64,
    emails: &[&str],
) -> Result<HashMap<String, (i64, Option<String>)>> {
    let list = serde_json::to_string(emails)?;
    let mut found = HashMap::new();
    conn.query_each(
        conn.pick(
            "SELECT email, id, name FROM commit_author
             WHERE organization_id = ?1 AND email IN (SELECT value FROM json_each(?2))",
            "SELECT email, id, name FROM commit_author
             WHERE organization_id = ?1 AND email IN (SELECT json_array_elements_text(?2::json))",
        ),
        params![org_id, list],
        |row| {
            found.insert(row.get(0)?, (row.get(1)?, row.get(2)?));
            Ok(())
        },
    )?;
    Ok(found)
}

/// Stores an author unless one of that e-mail exists (another writer may have stored it since
/// it was looked up: then it is read back); its id either way.
pub fn insert_author(conn: &Db<'_>, org_id: i64, email: &str, name: Option<&str>) -> Result<i64> {
    let inserted: Option<i64> = conn.query_opt(
        "INSERT INTO commit_author (organization_id, email, name) VALUES (?1, ?2, ?3)
         ON CONFLICT (organization_id, email) DO NOTHING RETURNING id",
        params![org_id, email, name],
        |row| row.get(0),
    )?;
    if let Some(id) = inserted {
        return Ok(id);
    }
    Ok(conn.query_one(
        "SELECT id FROM commit_author WHERE organization_id = ?1 AND email = ?2",
        params![org_id, email],
        |row| row.get(0),
    )?)
}

/// Stores authors (no name yet) for the e-mails not stored yet: one by one on SQLite, in one
/// statement in e-mail order on PostgreSQL (so two writers wait for each other's rows in one
/// order); the id of every one of `emails`, stored now or by another writer meanwhile.
pub fn insert_authors(conn: &Db<'_>, org_id: i64, emails: &[&str]) -> Result<HashMap<String, i64>> {
    if conn.dialect() == Dialect::Sqlite {
        let mut ids = HashMap::with_capacity(emails.len());
        for email in emails {
            ids.insert(
                (*email).to_string(),
                insert_author(conn, org_id, email, None)?,
            );
        }
        return Ok(ids);
    }
    let mut ids = HashMap::with_capacity(emails.len());
    let mut ordered = emails.to_vec();
    ordered.sort_unstable();
    for chunk in ordered.chunks(BATCH_ROWS) {
        conn.query_each(
            "INSERT INTO commit_author (organization_id, email)
             SELECT ?1, e FROM json_array_elements_text(?2::json) e ORDER BY e COLLATE \"C\"
             ON CONFLICT (organization_id, email) DO NOTHING RETURNING email, id",
            params![org_id, serde_json::to_string(chunk)?],
            |row| {
                ids.insert(row.get(0)?, row.get(1)?);
                Ok(())
            },
        )?;
    }
    let taken_meanwhile: Vec<&str> = emails
        .iter()
        .copied()
        .filter(|email| !ids.contains_key(*email))
        .collect();
    for (email, (id, _)) in authors_by_email(conn, org_id, &taken_meanwhile)? {
        ids.insert(email, id);
    }
    Ok(ids)
}

pub fn set_author_name(conn: &Db<'_>, author_id: i64, name: &str) -> Result<()> {
    conn.execute(
        "UPDATE commit_author SET name = ?2 WHERE id = ?1",
        params![author_id, name],
    )?;
    Ok(())
}

/// The stored commits among `keys` in a repository, by sha; looked up in batches.
pub fn find_commits(
    conn: &Db<'_>,
    repository_id: i64,
    keys: &[&str],
) -> Result<HashMap<String, StoredCommit>> {
    let mut found = HashMap::new();
    for chunk in keys.chunks(500) {
        let list = serde_json::to_string(chunk)?;
        conn.query_each(
            conn.pick(
                "SELECT key, id, author_id, message, date_added FROM git_commit
                 WHERE repository_id = ?1 AND key IN (SELECT value FROM json_each(?2))",
                "SELECT key, id, author_id, message, date_added FROM git_commit
                 WHERE repository_id = ?1 AND key IN (SELECT json_array_elements_text(?2::json))",
            ),
            params![repository_id, list],
            |row| {
                let commit = StoredCommit {
                    id: row.get(1)?,
                    author_id: row.get(2)?,
                    message: row.get(3)?,
                    date_added: row.get(4)?,
                };
                found.insert(row.get(0)?, commit);
                Ok(())
            },
        )?;
    }
    Ok(found)
}

pub struct NewCommit<'a> {
    pub organization_id: i64,
    pub repository_id: i64,
    pub key: &'a str,
    pub author_id: Option<i64>,
    pub message: Option<&'a str>,
    pub date_added: &'a str,
}

/// Stores the commits not stored yet, in one statement per [`BATCH_ROWS`] on PostgreSQL (in
/// key order, so two writers of overlapping commits wait for each other's rows in one order);
/// the ids of those this call stored, by (repository id, key). A commit another writer stored
/// first is left out (`ON CONFLICT DO NOTHING`): the caller reads it back.
pub fn insert_commits(
    conn: &Db<'_>,
    commits: &[NewCommit<'_>],
) -> Result<HashMap<(i64, String), i64>> {
    let mut stored = HashMap::with_capacity(commits.len());
    if conn.dialect() == Dialect::Sqlite {
        for commit in commits {
            let id: Option<i64> = conn.query_opt(
                "INSERT INTO git_commit
                     (organization_id, repository_id, key, author_id, message, date_added)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (repository_id, key) DO NOTHING RETURNING id",
                params![
                    commit.organization_id,
                    commit.repository_id,
                    commit.key,
                    commit.author_id,
                    commit.message,
                    commit.date_added
                ],
                |row| row.get(0),
            )?;
            if let Some(id) = id {
                stored.insert((commit.repository_id, commit.key.to_string()), id);
            }
        }
        return Ok(stored);
    }
    // In one order across the chunks too: two writers storing the same new commits lock
    // them in that order.
    let mut ordered: Vec<&NewCommit<'_>> = commits.iter().collect();
    ordered.sort_unstable_by_key(|c| (c.repository_id, c.key));
    for chunk in ordered.chunks(BATCH_ROWS) {
        let rows: Vec<serde_json::Value> = chunk
            .iter()
            .map(|c| {
                serde_json::json!([
                    c.organization_id,
                    c.repository_id,
                    c.key,
                    c.author_id,
                    c.message,
                    c.date_added
                ])
            })
            .collect();
        conn.query_each(
            "INSERT INTO git_commit
                 (organization_id, repository_id, key, author_id, message, date_added)
             SELECT (c->>0)::bigint, (c->>1)::bigint, c->>2, (c->>3)::bigint, c->>4, c->>5
             FROM jsonb_array_elements(?1::jsonb) c
             ORDER BY (c->>1)::bigint, (c->>2) COLLATE \"C\"
             ON CONFLICT (repository_id, key) DO NOTHING RETURNING repository_id, key, id",
            params![serde_json::to_string(&rows)?],
            |row| {
                stored.insert((row.get(0)?, row.get(1)?), row.get(2)?);
                Ok(())
            },
        )?;
    }
    Ok(stored)
}

/// The id of the commit of that sha in the repository; stored as given when there is none.
pub fn commit_id_or_insert(conn: &Db<'_>, commit: &NewCommit<'_>) -> Result<i64> {
    if let Some(stored) =
        find_commits(conn, commit.repository_id, &[commit.key])?.remove(commit.key)
    {
        return Ok(stored.id);
    }
    let created = insert_commits(conn, std::slice::from_ref(commit))?;
    if let Some(id) = created.get(&(commit.repository_id, commit.key.to_string())) {
        return Ok(*id);
    }
    find_commits(conn, commit.repository_id, &[commit.key])?
        .remove(commit.key)
        .map(|stored| stored.id)
        .ok_or_else(|| crate::error::Error::other("a commit went missing while it was stored"))
}

pub fn update_commit(
    conn: &Db<'_>,
    commit_id: i64,
    author_id: Option<i64>,
    message: Option<&str>,
    date_added: &str,
) -> Result<()> {
    conn.execute(
        "UPDATE git_commit SET author_id = ?2, message = ?3, date_added = ?4 WHERE id = ?1",
        params![commit_id, author_id, message, date_added],
    )?;
    Ok(())
}

/// Records a changed file; an existing (commit, filename) row is kept.
pub fn insert_file_change(
    conn: &Db<'_>,
    org_id: i64,
    commit_id: i64,
    filename: &str,
    kind: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO commit_file_change (organization_id, commit_id, filename, type)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (commit_id, filename) DO NOTHING",
        params![org_id, commit_id, filename, kind],
    )?;
    Ok(())
}

/// How many rows one batched statement carries on PostgreSQL.
const BATCH_ROWS: usize = 1000;

/// Records changed files, (commit id, filename, type) each; existing (commit, filename) rows
/// are kept, as is the first of a pair listed twice. SQLite runs one cached statement per row
/// (in-process, that is the fast way); PostgreSQL gets the rows as one JSON array per statement,
/// a round trip per [`BATCH_ROWS`] rows instead of per row. The array is read as `jsonb`, parsed
/// once: as `json` each element would be parsed again for every field taken out of it (a
/// seventh of the server's time for storing 1,000 commits).
///
/// `of_new_commits`: every commit is one this transaction stored. No other writer can have
/// rows for those yet (it cannot see the commits until this one commits), so on PostgreSQL the
/// rows go in as a plain insert once the list's own repeats are dropped: checking each row for
/// a clash (`ON CONFLICT`) cost a third of the statement.
pub fn insert_file_changes(
    conn: &Db<'_>,
    org_id: i64,
    changes: &[(i64, &str, &str)],
    of_new_commits: bool,
) -> Result<()> {
    if conn.dialect() == Dialect::Sqlite {
        for (commit_id, filename, kind) in changes {
            insert_file_change(conn, org_id, *commit_id, filename, kind)?;
        }
        return Ok(());
    }
    let on_clash = if of_new_commits {
        ""
    } else {
        " ON CONFLICT (commit_id, filename) DO NOTHING"
    };
    let sql = format!(
        "INSERT INTO commit_file_change (organization_id, commit_id, filename, type)
         SELECT ?1, (f->>0)::bigint, f->>1, f->>2 FROM jsonb_array_elements(?2::jsonb) f{on_clash}"
    );
    let mut listed: HashSet<(i64, &str)> = HashSet::new();
    let changes: Vec<&(i64, &str, &str)> = changes
        .iter()
        .filter(|(commit_id, filename, _)| !of_new_commits || listed.insert((*commit_id, filename)))
        .collect();
    for chunk in changes.chunks(BATCH_ROWS) {
        let rows = serde_json::to_string(chunk)?;
        conn.execute(&sql, params![org_id, rows])?;
    }
    Ok(())
}

/// Binds commits to a release in this order (positions 0, 1, ...); the ids must be distinct,
/// and the release must have no commits bound (callers clear them first, under the release's
/// lock). Batched on PostgreSQL like [`insert_file_changes`], as a plain insert: no row can
/// clash, and checking each for a clash (`ON CONFLICT`) cost a fifth of the statement.
pub fn insert_release_commits(
    conn: &Db<'_>,
    org_id: i64,
    release_id: i64,
    commit_ids: &[i64],
) -> Result<()> {
    if conn.dialect() == Dialect::Sqlite {
        for (order, commit_id) in (0_i64..).zip(commit_ids) {
            insert_release_commit(conn, org_id, release_id, *commit_id, order)?;
        }
        return Ok(());
    }
    for (chunk_index, chunk) in (0_i64..).zip(commit_ids.chunks(BATCH_ROWS)) {
        let first = chunk_index.saturating_mul(BATCH_ROWS as i64);
        let rows = serde_json::to_string(chunk)?;
        conn.execute(
            "INSERT INTO release_commit (organization_id, release_id, commit_id, \"order\")
             SELECT ?1, ?2, c.value::bigint, ?3 + c.position - 1
             FROM json_array_elements_text(?4::json) WITH ORDINALITY AS c(value, position)",
            params![org_id, release_id, first, rows],
        )?;
    }
    Ok(())
}

pub fn clear_release_commits(conn: &Db<'_>, release_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM release_commit WHERE release_id = ?1",
        params![release_id],
    )?;
    Ok(())
}

pub fn clear_head_commits(conn: &Db<'_>, release_id: i64) -> Result<()> {
    conn.execute(
        "DELETE FROM release_head_commit WHERE release_id = ?1",
        params![release_id],
    )?;
    Ok(())
}

/// The release's commits as (commit id, order), order ascending (newest first).
pub fn release_commit_ids(conn: &Db<'_>, release_id: i64) -> Result<Vec<i64>> {
    Ok(conn.query_all(
        "SELECT commit_id FROM release_commit WHERE release_id = ?1 ORDER BY \"order\"",
        params![release_id],
        |row| row.get(0),
    )?)
}

/// Binds a commit to a release at a position; returns false when the commit was already bound.
pub fn insert_release_commit(
    conn: &Db<'_>,
    org_id: i64,
    release_id: i64,
    commit_id: i64,
    order: i64,
) -> Result<bool> {
    let inserted = conn.execute(
        "INSERT INTO release_commit (organization_id, release_id, commit_id, \"order\")
             VALUES (?1, ?2, ?3, ?4) ON CONFLICT (release_id, commit_id) DO NOTHING",
        params![org_id, release_id, commit_id, order],
    )?;
    Ok(inserted == 1)
}

/// Distinct author ids of the release's commits.
pub fn release_author_ids(conn: &Db<'_>, release_id: i64) -> Result<Vec<i64>> {
    Ok(conn.query_all(
        "SELECT DISTINCT c.author_id FROM release_commit rc JOIN git_commit c ON c.id = rc.commit_id
         WHERE rc.release_id = ?1 AND c.author_id IS NOT NULL ORDER BY c.author_id",
        params![release_id],
        |row| row.get(0),
    )?)
}

pub fn set_release_stats(
    conn: &Db<'_>,
    release_id: i64,
    commit_count: i64,
    authors_json: &str,
    last_commit_id: Option<i64>,
) -> Result<()> {
    conn.execute(
        "UPDATE release SET commit_count = ?2, authors = ?3, last_commit_id = ?4 WHERE id = ?1",
        params![release_id, commit_count, authors_json, last_commit_id],
    )?;
    Ok(())
}

/// Head commit of a repository for a release, insert-only (an existing one is kept).
pub fn insert_head_commit(
    conn: &Db<'_>,
    org_id: i64,
    repository_id: i64,
    release_id: i64,
    commit_id: i64,
) -> Result<()> {
    conn.execute(
        "INSERT INTO release_head_commit (organization_id, repository_id, release_id, commit_id)
         VALUES (?1, ?2, ?3, ?4) ON CONFLICT (repository_id, release_id) DO NOTHING",
        params![org_id, repository_id, release_id, commit_id],
    )?;
    Ok(())
}

/// Records where the release's commits end in a repository, replacing the one recorded (Sentry's
/// `set_refs`, which overwrites, unlike the fill-in above).
pub fn set_head_commit(
    conn: &Db<'_>,
    org_id: i64,
    repository_id: i64,
    release_id: i64,
    commit_id: i64,
    named_start: bool,
) -> Result<()> {
    conn.execute(
        "INSERT INTO release_head_commit
           (organization_id, repository_id, release_id, commit_id, named_start)
         VALUES (?1, ?2, ?3, ?4, ?5)
         ON CONFLICT (repository_id, release_id)
         DO UPDATE SET commit_id = excluded.commit_id, named_start = excluded.named_start",
        params![
            org_id,
            repository_id,
            release_id,
            commit_id,
            i64::from(named_start)
        ],
    )?;
    Ok(())
}

/// The head commits recorded for a release: (repository name, sha), by repository name.
pub fn head_commits(conn: &Db<'_>, release_id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn.query_all(
        "SELECT r.name, c.key FROM release_head_commit h
         JOIN git_commit c ON c.id = h.commit_id JOIN repository r ON r.id = h.repository_id
         WHERE h.release_id = ?1 ORDER BY r.name, r.id",
        params![release_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// The most releases whose head commits decide where a range starts (cli.md, "--auto").
pub const EARLIER_RELEASES: i64 = 1_000;

/// The head commits recorded by the releases created before `before` (all releases when it
/// does not exist yet) that share a project with `project_ids`: (version, repository name,
/// sha), newest release first, from at most [`EARLIER_RELEASES`] releases. One query.
pub fn earlier_heads(
    conn: &Db<'_>,
    org_id: i64,
    before: Option<(i64, &str)>,
    project_ids: &[i64],
) -> Result<Vec<(String, String, String)>> {
    let (release_id, date_added) = before.map_or((None, None), |(id, date)| (Some(id), Some(date)));
    // The dialects differ in typing the optional release and in reading a JSON list of ids.
    let (before, projects_in) = match conn.dialect() {
        Dialect::Sqlite => (
            "(?2 IS NULL OR r.date_added < ?3 OR (r.date_added = ?3 AND r.id < ?2))",
            "(SELECT value FROM json_each(?4))",
        ),
        Dialect::Postgres => (
            "(?2::bigint IS NULL OR r.date_added < ?3::text
              OR (r.date_added = ?3::text AND r.id < ?2::bigint))",
            "(SELECT json_array_elements_text(?4::json)::bigint)",
        ),
    };
    let sql = format!(
        "SELECT e.version, repo.name, c.key FROM
           (SELECT r.id, r.version, r.date_added FROM release r
            WHERE r.organization_id = ?1 AND {before}
              AND EXISTS (SELECT 1 FROM release_project rp WHERE rp.release_id = r.id
                          AND rp.project_id IN {projects_in})
              AND EXISTS (SELECT 1 FROM release_head_commit h WHERE h.release_id = r.id)
            ORDER BY r.date_added DESC, r.id DESC LIMIT ?5) e
         JOIN release_head_commit h ON h.release_id = e.id
         JOIN git_commit c ON c.id = h.commit_id
         JOIN repository repo ON repo.id = h.repository_id
         ORDER BY e.date_added DESC, e.id DESC, repo.name"
    );
    let projects = serde_json::to_string(project_ids)?;
    Ok(conn.query_all(
        &sql,
        params![org_id, release_id, date_added, projects, EARLIER_RELEASES],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?)
}

/// The releases created after `release_id` (sharing a project with it) that hold one of its
/// commits in a repository where their range was read by the `--auto` rule: (id, version,
/// commit id), oldest release first. Those later releases are found first (most writes have
/// none: ranges named, or no release after this one), then each one's commits there are
/// matched against this release's (one index probe each).
pub fn later_releases_sharing_commits(
    conn: &Db<'_>,
    release_id: i64,
) -> Result<Vec<(i64, String, i64)>> {
    Ok(conn.query_all(
        "WITH later AS MATERIALIZED (
           SELECT l.id, l.version, l.date_added, h.repository_id
           FROM release r JOIN release l
             ON l.organization_id = r.organization_id
            AND (l.date_added > r.date_added OR (l.date_added = r.date_added AND l.id > r.id))
           JOIN release_head_commit h ON h.release_id = l.id AND h.named_start = 0
           WHERE r.id = ?1
             AND EXISTS (SELECT 1 FROM release_project rp JOIN release_project lp
                           ON lp.project_id = rp.project_id
                         WHERE rp.release_id = r.id AND lp.release_id = l.id))
         SELECT later.id, later.version, lc.commit_id FROM later
         JOIN release_commit lc ON lc.release_id = later.id
         JOIN git_commit c ON c.id = lc.commit_id AND c.repository_id = later.repository_id
         JOIN release_commit rc ON rc.release_id = ?1 AND rc.commit_id = lc.commit_id
         ORDER BY later.date_added, later.id",
        params![release_id],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?)),
    )?)
}

/// This release's commits that a release created before it (sharing a project) holds, in the
/// repositories where this release's range was read by the `--auto` rule.
pub fn commits_held_earlier(conn: &Db<'_>, release_id: i64) -> Result<Vec<i64>> {
    Ok(conn.query_all(
        "SELECT DISTINCT rc.commit_id FROM release r
         JOIN release_commit rc ON rc.release_id = r.id
         JOIN git_commit c ON c.id = rc.commit_id
         JOIN release_head_commit h
           ON h.release_id = r.id AND h.repository_id = c.repository_id AND h.named_start = 0
         JOIN release_commit ec ON ec.commit_id = rc.commit_id AND ec.release_id <> r.id
         JOIN release e ON e.id = ec.release_id
          AND (e.date_added < r.date_added OR (e.date_added = r.date_added AND e.id < r.id))
         WHERE r.id = ?1
           AND EXISTS (SELECT 1 FROM release_project rp JOIN release_project ep
                         ON ep.project_id = rp.project_id
                       WHERE rp.release_id = r.id AND ep.release_id = e.id)",
        params![release_id],
        |row| row.get(0),
    )?)
}

const COMMIT_SELECT: &str = "SELECT c.id, c.key, c.message, a.name, a.email, c.date_added, r.name
    FROM git_commit c JOIN repository r ON r.id = c.repository_id
    LEFT JOIN commit_author a ON a.id = c.author_id";

fn commit_from_row(row: &Row<'_>) -> DbResult<ReleaseCommitRow> {
    Ok(ReleaseCommitRow {
        id: row.get(0)?,
        key: row.get(1)?,
        message: row.get(2)?,
        author_name: row.get(3)?,
        author_email: row.get(4)?,
        date_added: row.get(5)?,
        repository: row.get(6)?,
    })
}

pub fn commit(conn: &Db<'_>, commit_id: i64) -> Result<Option<ReleaseCommitRow>> {
    let sql = format!("{COMMIT_SELECT} WHERE c.id = ?1");
    Ok(conn.query_opt(&sql, params![commit_id], commit_from_row)?)
}

/// `(offset, limit)` of a page of a list; `None` is the whole list.
pub type Page = Option<(i64, i64)>;

/// `LIMIT`/`OFFSET` values for `page` (no limit: the largest one both engines take).
fn page_params(page: Page) -> (i64, i64) {
    page.map_or((0, i64::MAX), |(offset, limit)| (offset, limit))
}

/// The release's commits in release order (newest first), or the `page` of them.
pub fn release_commits(
    conn: &Db<'_>,
    release_id: i64,
    page: Page,
) -> Result<Vec<ReleaseCommitRow>> {
    let sql = format!(
        "{COMMIT_SELECT} JOIN release_commit rc ON rc.commit_id = c.id
         WHERE rc.release_id = ?1 ORDER BY rc.\"order\" LIMIT ?3 OFFSET ?2"
    );
    let (offset, limit) = page_params(page);
    Ok(conn.query_all(&sql, params![release_id, offset, limit], commit_from_row)?)
}

/// The file changes of the commits of a release (of the `page` of them): commit id ->
/// [(filename, type)].
pub fn release_file_changes(
    conn: &Db<'_>,
    release_id: i64,
    page: Page,
) -> Result<HashMap<i64, Vec<(String, String)>>> {
    let mut changes: HashMap<i64, Vec<(String, String)>> = HashMap::new();
    let (offset, limit) = page_params(page);
    conn.query_each(
        "SELECT f.commit_id, f.filename, f.type FROM commit_file_change f
         JOIN (SELECT commit_id FROM release_commit WHERE release_id = ?1
               ORDER BY \"order\" LIMIT ?3 OFFSET ?2) rc ON rc.commit_id = f.commit_id
         ORDER BY f.commit_id, f.filename",
        params![release_id, offset, limit],
        |row| {
            changes
                .entry(row.get(0)?)
                .or_default()
                .push((row.get(1)?, row.get(2)?));
            Ok(())
        },
    )?;
    Ok(changes)
}

/// Authors by id, as (name, email), in the order of `ids` (ids not stored are left out); read
/// in batches, one statement per 500 ids.
pub fn authors(conn: &Db<'_>, ids: &[i64]) -> Result<Vec<(Option<String>, String)>> {
    let mut by_id: HashMap<i64, (Option<String>, String)> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        conn.query_each(
            conn.pick(
                "SELECT id, name, email FROM commit_author
                 WHERE id IN (SELECT value FROM json_each(?1))",
                "SELECT id, name, email FROM commit_author
                 WHERE id IN (SELECT json_array_elements_text(?1::json)::bigint)",
            ),
            params![serde_json::to_string(chunk)?],
            |row| {
                by_id.insert(row.get(0)?, (row.get(1)?, row.get(2)?));
                Ok(())
            },
        )?;
    }
    Ok(ids.iter().filter_map(|id| by_id.get(id).cloned()).collect())
}

// --- commit <-> issue links (GroupLink with linked_type = commit) -----------------------------

pub const LINKED_TYPE_COMMIT: i64 = 1;
pub const RELATIONSHIP_RESOLVES: i64 = 1;

/// Deletes the commit's "resolves" links to issues not in `keep`; returns how many went.
pub fn delete_stale_links(conn: &Db<'_>, commit_id: i64, keep: &[i64]) -> Result<usize> {
    let keep = serde_json::to_string(keep)?;
    Ok(conn.execute(
        conn.pick(
            "DELETE FROM group_link WHERE linked_type = ?1 AND relationship = ?2 AND linked_id = ?3
               AND group_id NOT IN (SELECT value FROM json_each(?4))",
            "DELETE FROM group_link WHERE linked_type = ?1 AND relationship = ?2 AND linked_id = ?3
               AND group_id NOT IN (SELECT json_array_elements_text(?4::json)::bigint)",
        ),
        params![LINKED_TYPE_COMMIT, RELATIONSHIP_RESOLVES, commit_id, keep],
    )?)
}

/// Links an issue to a commit it is resolved by; returns false when the link already existed.
pub fn insert_commit_link(
    conn: &Db<'_>,
    group_id: i64,
    project_id: i64,
    commit_id: i64,
    now: &str,
) -> Result<bool> {
    let inserted = conn.execute(
        "INSERT INTO group_link (group_id, project_id, linked_type, linked_id, relationship, datetime)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (group_id, linked_type, linked_id) DO NOTHING",
        params![
            group_id,
            project_id,
            LINKED_TYPE_COMMIT,
            commit_id,
            RELATIONSHIP_RESOLVES,
            now
        ],
    )?;
    Ok(inserted == 1)
}

/// (group id, commit id) of every commit link of the release's commits whose issue belongs to
/// one of the release's projects, in release order.
pub fn release_commit_links(conn: &Db<'_>, release_id: i64) -> Result<Vec<(i64, i64)>> {
    Ok(conn.query_all(
        "SELECT l.group_id, l.linked_id FROM release_commit rc
         JOIN group_link l ON l.linked_type = ?2 AND l.linked_id = rc.commit_id
         WHERE rc.release_id = ?1
           AND l.project_id IN (SELECT project_id FROM release_project WHERE release_id = ?1)
         ORDER BY rc.\"order\", l.id",
        params![release_id, LINKED_TYPE_COMMIT],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}

/// GroupResolution update-or-create keyed by issue: in_release (0), resolved (1). Returns its id.
pub fn upsert_resolution(
    conn: &Db<'_>,
    group_id: i64,
    release_id: i64,
    version: &str,
    now: &str,
) -> Result<i64> {
    Ok(conn.query_one(
        "INSERT INTO group_resolution (group_id, release_id, current_release_version, type, actor_id, datetime, status)
         VALUES (?1, ?2, ?3, 0, NULL, ?4, 1)
         ON CONFLICT (group_id) DO UPDATE SET release_id = excluded.release_id, type = 0, status = 1,
                                            actor_id = NULL
         RETURNING id",
        params![group_id, release_id, version, now],
        |row| row.get(0),
    )?)
}

/// Marks an issue resolved (status 1, substatus NULL; `resolved_at` untouched, as in Sentry).
/// Locks these issues' rows in id order until the transaction ends (PostgreSQL; SQLite's
/// writer holds the database already), so two releases resolving the same issues at once
/// take them in one order instead of deadlocking.
pub fn lock_issues(conn: &Db<'_>, group_ids: &[i64]) -> Result<()> {
    if conn.dialect() == Dialect::Sqlite || group_ids.is_empty() {
        return Ok(());
    }
    conn.query_each(
        "SELECT id FROM issue_group WHERE id IN (SELECT json_array_elements_text(?1::json)::bigint)
         ORDER BY id FOR NO KEY UPDATE",
        params![serde_json::to_string(group_ids)?],
        |_| Ok(()),
    )?;
    Ok(())
}

pub fn set_issue_resolved(conn: &Db<'_>, group_id: i64) -> Result<()> {
    conn.execute(
        "UPDATE issue_group SET status = 1, substatus = NULL WHERE id = ?1",
        params![group_id],
    )?;
    Ok(())
}

/// The sha of the release's newest commit (lowest order) in each of its repositories:
/// (repository name, sha), in release order.
pub fn newest_release_commits(conn: &Db<'_>, release_id: i64) -> Result<Vec<(String, String)>> {
    Ok(conn.query_all(
        conn.pick(
            // SQLite answers a bare column beside MIN() from the row holding the minimum.
            "SELECT r.name, c.key, MIN(rc.\"order\") FROM release_commit rc
             JOIN git_commit c ON c.id = rc.commit_id JOIN repository r ON r.id = c.repository_id
             WHERE rc.release_id = ?1 GROUP BY r.name ORDER BY MIN(rc.\"order\")",
            "SELECT name, key FROM (
                 SELECT DISTINCT ON (r.name) r.name, c.key, rc.\"order\" FROM release_commit rc
                 JOIN git_commit c ON c.id = rc.commit_id JOIN repository r ON r.id = c.repository_id
                 WHERE rc.release_id = ?1 ORDER BY r.name, rc.\"order\"
             ) newest ORDER BY \"order\"",
        ),
        params![release_id],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )?)
}
