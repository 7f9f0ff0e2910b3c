//! set-commits on the store (server-flow.md section 2, latest behaviour): repositories, authors,
//! commits and file changes, the release's commit list and stats, head commits, the links from
//! commit messages to issues, and finally the resolution of the linked issues in the release.
//!
//! Head commits say where the next release's range starts. set-commits fills in the newest
//! commit (by date) of each repository that has none yet, as Sentry does; a client that read the
//! commits from git also names the tip it read (`refs` next to `commits`, [`set_head_commits`]),
//! which replaces it: after a rebase the newest commit by date is not the tip.
//!
//! Where Sentry has a bug (section 8), this does the evident right thing instead: mixed or
//! missing timestamps sort without crashing, `commitCount` counts distinct commits, a payload
//! without an author name never erases a stored name, clearing works with any number of head
//! commits, and an issue linked by several commits is resolved (and recorded) once.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use crate::store::sql::Db;
use chrono::{DateTime, Utc};

use crate::domain::author::derive_author_email;
use crate::domain::references::referenced_short_ids;
use crate::domain::short_id::{parse_short_id, qualified_short_id};
use crate::domain::shown;
use crate::error::{Error, Result};
use crate::store;
use crate::store::commits::{NewCommit, StoredCommit};
use crate::store::issues::IssueRow;
use crate::store::issues::NewActivity;
use crate::store::orgs::OrgRow;
use crate::store::releases::ReleaseRow;

use super::FlowEnv;
use super::issues::{
    ACTIVITY_REFERENCED_IN_COMMIT, ACTIVITY_SET_RESOLVED_IN_RELEASE, HISTORY_RESOLVED,
    RESOLVED_INVERSE,
};

/// Commit messages carrying this marker are left out (Sentry's `#skipsentry`).
const SKIP_MARKER: &str = "#skipsentry";
const MAX_COMMIT_ID_LENGTH: usize = 64;
const MAX_AUTHOR_NAME_LENGTH: usize = 128;

/// A field of a request body that can be left out, sent as null, or sent with a value: a PUT
/// that omits a commit's `message` keeps the stored one, `"message": null` clears it
/// (server-flow.md 2.4).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Sent<T> {
    #[default]
    Absent,
    Null,
    Value(T),
}

impl<T> Sent<T> {
    pub fn as_value(&self) -> Option<&T> {
        match self {
            Sent::Value(value) => Some(value),
            Sent::Absent | Sent::Null => None,
        }
    }
    pub fn is_absent(&self) -> bool {
        matches!(self, Sent::Absent)
    }
}

/// One commit to bind, however it was obtained (local git, or a request body).
#[derive(Debug, Clone, PartialEq)]
pub struct CommitInput {
    pub id: String,
    /// Repository name (`owner/repo`); None falls back to `organization-{id}` like Sentry.
    pub repository: Option<String>,
    pub message: Sent<String>,
    pub author_name: Option<String>,
    pub author_email: Option<String>,
    /// None (left out or null): a new commit is dated now, a stored one keeps its date.
    pub timestamp: Option<DateTime<Utc>>,
    /// (path, "A" | "M" | "D")
    pub patch_set: Vec<(String, String)>,
}

impl CommitInput {
    /// A commit read from the local repository, to bind under `repository`.
    pub fn from_git(commit: crate::git::GitCommit, repository: &str) -> CommitInput {
        CommitInput {
            id: commit.id,
            repository: Some(repository.to_string()),
            message: Sent::Value(commit.message),
            author_name: commit.author_name,
            author_email: commit.author_email,
            timestamp: Some(commit.timestamp.with_timezone(&Utc)),
            patch_set: commit
                .patch_set
                .into_iter()
                .map(|f| (f.path, f.change.as_str().to_string()))
                .collect(),
        }
    }

    /// The message as text to search ("" when left out or null).
    pub fn message_text(&self) -> &str {
        self.message.as_value().map_or("", String::as_str)
    }
}

/// Where a release's commits end in one repository: HEAD, or REV of `--commit REPO@[PREV..]REV`,
/// whatever the dates of the commits bound say (Sentry's ReleaseHeadCommit, sent as `refs` next
/// to `commits`). The next release's `--auto` starts there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeadCommit {
    /// Repository name (`owner/repo`); empty falls back to `organization-{id}` like a commit's.
    pub repository: String,
    /// The commit id.
    pub commit: String,
    /// Where the range read up to it started, when the caller named that commit (`--commit
    /// REPO@PREV..REV`, a ref's `previousCommit`); `None`: it started where `--auto` does.
    /// Either way the head hides its commits from later releases the rule reads; only a range
    /// the rule read is itself compared with earlier releases.
    pub previous: Option<String>,
}

impl HeadCommit {
    /// Whether the range up to it was read by the `--auto` rule (its start not named): only
    /// such a release is compared with the repository's other releases.
    pub fn read_by_auto_rule(&self) -> bool {
        self.previous.is_none()
    }
}

/// What set-commits did.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub release: ReleaseRow,
    /// Qualified short ids of the issues now resolved in this release, in release order.
    pub resolved_issues: Vec<String>,
    /// The commits this request bound (an append's kept ones not counted).
    pub bound: usize,
}

/// Commits and head commits read so far, handed to the store a batch at a time (set-commits from
/// git writes each batch while the next one is read).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CommitBatch {
    pub commits: Vec<CommitInput>,
    /// Where the commits end in each repository whose first commit is in this batch.
    pub heads: Vec<HeadCommit>,
}

impl CommitBatch {
    /// About how many bytes the batch holds in memory.
    pub fn approx_bytes(&self) -> usize {
        self.commits
            .iter()
            .map(|commit| {
                let files: usize = commit
                    .patch_set
                    .iter()
                    .map(|(path, kind)| 48 + path.len() + kind.len())
                    .sum();
                let author = commit.author_name.as_ref().map_or(0, String::len)
                    + commit.author_email.as_ref().map_or(0, String::len);
                let repository = commit.repository.as_ref().map_or(0, String::len);
                256 + commit.id.len() + commit.message_text().len() + author + repository + files
            })
            .sum()
    }
}

/// Binds `commits` to the release: replacing its commits, or adding to them with `append`.
/// Commits are bound newest first by their own timestamps (Sentry's order). Then the issues
/// they fix are resolved in the release.
pub fn set_commits(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: &ReleaseRow,
    commits: &[CommitInput],
    append: bool,
) -> Result<Outcome> {
    let bound = bind_commits(conn, env, org, release, (commits, &[]), append)?;
    outcome_of(conn, env, release, bound)
}

/// The outcome of binding `bound` commits to `release`: the release as stored now, and the
/// issues resolved in it.
fn outcome_of(conn: &Db<'_>, env: &FlowEnv, release: &ReleaseRow, bound: usize) -> Result<Outcome> {
    let release = store::releases::find_by_id(conn, release.id)?
        .ok_or_else(|| Error::other("the release vanished from the store"))?;
    let resolved_issues = resolve_issues(conn, env, &release)?;
    Ok(Outcome {
        release,
        resolved_issues,
        bound,
    })
}

/// [`set_commits`] without resolving the issues the commits fix: for a caller that applies the
/// `--auto` rule first ([`set_heads_and_rebind_later`], with `heads`), then
/// [`resolve_issues`]. The repositories of the commits and of `heads` are met first, in one
/// pass in name order. How many commits it bound (an append's kept ones not counted).
pub fn bind_commits(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: &ReleaseRow,
    (commits, heads): (&[CommitInput], &[HeadCommit]),
    append: bool,
) -> Result<usize> {
    for commit in commits {
        check_commit(commit)?;
    }
    // Newest first; a missing timestamp sorts as the oldest (Sentry's key 0), stably.
    let mut sorted: Vec<&CommitInput> = commits.iter().collect();
    sorted.sort_by_key(|c| std::cmp::Reverse(c.timestamp));
    let mut binder = CommitBinder::start(conn, env, org, release, append);
    let named = commits
        .iter()
        .map(|commit| repository_name(org, commit))
        .chain(heads.iter().map(|head| head.repository.clone()));
    binder.meet_repositories(named)?;
    binder.add(&sorted)?;
    binder.bind()
}

/// set-commits a batch at a time, in the caller's transaction: each batch's repositories,
/// authors, commits, file changes and issue links are written as it comes, so a long range never
/// sits in memory whole; what needs every commit (the release's commit order and stats, author
/// names, head commits, resolutions) is done by [`CommitBinder::finish`] from a few numbers
/// kept per commit. The result is the same as binding all the commits at once in
/// [`set_commits`]'s order, whatever order the batches come in, except for the ids new
/// repositories, authors and commits get, which follow the order the commits arrive in (so do
/// lists ordered by id, such as a release's authors).
pub struct CommitBinder<'c, 'e> {
    conn: &'c Db<'c>,
    env: &'e FlowEnv,
    org: &'e OrgRow,
    release: &'e ReleaseRow,
    append: bool,
    now: String,
    repositories: HashMap<String, i64>,
    /// By e-mail.
    authors: HashMap<String, AuthorSeen>,
    issues: IssueCache,
    /// (commit id, sort key): the commit's own timestamp, "" (the oldest) when it has none.
    bound: Vec<(i64, String)>,
    /// Per repository id: the newest commit bound there (sort key, commit id), the first seen
    /// among equals.
    newest: HashMap<i64, (String, i64)>,
    /// The ids of the commits bound so far: one listed twice is bound once.
    bound_ids: HashSet<i64>,
}

/// An author met while binding: the name to keep is the one of the first commit in binding
/// order (newest first, the first seen among equal dates), as if all were bound at once.
struct AuthorSeen {
    id: i64,
    stored_name: Option<String>,
    /// Timestamp and name of the commit that decides the name.
    newest: (Option<DateTime<Utc>>, Option<String>),
}

impl<'c, 'e> CommitBinder<'c, 'e> {
    pub fn start(
        conn: &'c Db<'c>,
        env: &'e FlowEnv,
        org: &'e OrgRow,
        release: &'e ReleaseRow,
        append: bool,
    ) -> Self {
        CommitBinder {
            conn,
            env,
            org,
            release,
            append,
            now: env.now_text(),
            repositories: HashMap::new(),
            authors: HashMap::new(),
            issues: IssueCache::default(),
            bound: Vec::new(),
            newest: HashMap::new(),
            bound_ids: HashSet::new(),
        }
    }

    /// Finds or creates the repositories `names` (empty: the organization's own) that are not
    /// met yet, in name order: every writer takes new repositories' creation locks in one
    /// order. A write whose commits come in several batches names all its repositories first
    /// (a batch holds the commits of one range, or of the next one).
    pub fn meet_repositories(&mut self, names: impl IntoIterator<Item = String>) -> Result<()> {
        let mut missing: Vec<String> = names
            .into_iter()
            .map(|name| repository_or_default(self.org, &name))
            .filter(|name| !self.repositories.contains_key(name))
            .collect();
        missing.sort_unstable();
        missing.dedup();
        for name in missing {
            let id = store::commits::repository_id(self.conn, self.org.id, &name, &self.now)?;
            self.repositories.insert(name, id);
        }
        Ok(())
    }

    /// Writes one batch. A bad commit fails the batch before any of it is written.
    pub fn add(&mut self, batch: &[&CommitInput]) -> Result<()> {
        for commit in batch {
            check_commit(commit)?;
        }
        let batch: Vec<&CommitInput> = batch
            .iter()
            .copied()
            .filter(|c| !c.message_text().contains(SKIP_MARKER))
            .collect();
        self.meet_repositories(batch.iter().map(|commit| repository_name(self.org, commit)))?;
        self.meet_authors(&batch)?;
        let mut stored = stored_commits(self.conn, self.org, &self.repositories, &batch)?;
        let created = self.store_new_commits(&batch, &mut stored)?;
        // Written after the batch's commits, in one statement per batch on PostgreSQL: those of
        // the commits stored now apart, as no one else can have rows for them yet.
        let mut file_changes: Vec<(i64, &str, &str)> = Vec::new();
        let mut new_file_changes: Vec<(i64, &str, &str)> = Vec::new();
        let mut in_batch: HashSet<(i64, &str)> = HashSet::with_capacity(batch.len());
        for commit in &batch {
            let repository_id = repository_of(&self.repositories, self.org, commit)?;
            let existing = stored.remove(&(repository_id, commit.id.clone()));
            let bound_before = existing
                .as_ref()
                .is_some_and(|stored| self.bound_ids.contains(&stored.id));
            if !in_batch.insert((repository_id, commit.id.as_str())) || bound_before {
                // The same commit twice in one list: bound once.
                continue;
            }
            let sort_key = commit
                .timestamp
                .map(crate::time::format_ts)
                .unwrap_or_default();
            let (commit_id, changes) = match existing {
                Some(stored) => (self.update_stored(&stored, commit)?, &mut file_changes),
                None => {
                    let id = created
                        .get(&(repository_id, commit.id.clone()))
                        .copied()
                        .ok_or_else(|| Error::other("a commit went missing while binding"))?;
                    let text = commit.message_text();
                    let issues = &mut self.issues;
                    link_referenced_issues(self.conn, self.env, self.org, issues, id, text, true)?;
                    (id, &mut new_file_changes)
                }
            };
            for (path, kind) in &commit.patch_set {
                changes.push((commit_id, path.as_str(), kind.as_str()));
            }
            let newer = self
                .newest
                .get(&repository_id)
                .is_none_or(|(key, _)| sort_key > *key);
            if newer {
                self.newest
                    .insert(repository_id, (sort_key.clone(), commit_id));
            }
            self.bound_ids.insert(commit_id);
            self.bound.push((commit_id, sort_key));
        }
        store::commits::insert_file_changes(self.conn, self.org.id, &new_file_changes, true)?;
        store::commits::insert_file_changes(self.conn, self.org.id, &file_changes, false)
    }

    /// [`update_stored_commit`] with what `commit` says of its author and date.
    fn update_stored(&mut self, stored: &StoredCommit, commit: &CommitInput) -> Result<i64> {
        let date = commit.timestamp.map(crate::time::format_ts);
        let target = CommitTarget {
            author_id: self.author_id(commit),
            date: date.as_deref(),
        };
        let issues = &mut self.issues;
        update_stored_commit(
            self.conn, self.env, self.org, issues, stored, &target, commit,
        )
    }

    /// The id of the author of `commit`, met by [`CommitBinder::meet_authors`].
    fn author_id(&self, commit: &CommitInput) -> Option<i64> {
        commit_email(commit).and_then(|email| self.authors.get(&email).map(|author| author.id))
    }

    /// Stores the batch's commits that are not in `stored`, in one go (a new commit without a
    /// date is dated now); the ids of those stored, by (repository id, sha). One another writer
    /// stored since `stored` was read is read back into `stored`, to be compared and updated as
    /// any stored commit is.
    fn store_new_commits(
        &self,
        batch: &[&CommitInput],
        stored: &mut HashMap<(i64, String), StoredCommit>,
    ) -> Result<HashMap<(i64, String), i64>> {
        let now = self.env.now_text();
        let mut seen: HashSet<(i64, &str)> = HashSet::new();
        let mut new: Vec<(i64, &CommitInput, Option<String>)> = Vec::new();
        for commit in batch {
            let repository_id = repository_of(&self.repositories, self.org, commit)?;
            if stored.contains_key(&(repository_id, commit.id.clone()))
                || !seen.insert((repository_id, commit.id.as_str()))
            {
                continue;
            }
            new.push((
                repository_id,
                commit,
                commit.timestamp.map(crate::time::format_ts),
            ));
        }
        let rows: Vec<NewCommit<'_>> = new
            .iter()
            .map(|(repository_id, commit, date)| NewCommit {
                organization_id: self.org.id,
                repository_id: *repository_id,
                key: &commit.id,
                author_id: self.author_id(commit),
                message: commit.message.as_value().map(String::as_str),
                date_added: date.as_deref().unwrap_or(&now),
            })
            .collect();
        let created = store::commits::insert_commits(self.conn, &rows)?;
        let mut taken_meanwhile: HashMap<i64, Vec<&str>> = HashMap::new();
        for row in &rows {
            if !created.contains_key(&(row.repository_id, row.key.to_string())) {
                taken_meanwhile
                    .entry(row.repository_id)
                    .or_default()
                    .push(row.key);
            }
        }
        for (repository_id, keys) in taken_meanwhile {
            for (key, commit) in store::commits::find_commits(self.conn, repository_id, &keys)? {
                stored.insert((repository_id, key), commit);
            }
        }
        Ok(created)
    }

    /// Authors by e-mail (create_commit_authors, latest): each new e-mail is stored now, without a
    /// name; [`CommitBinder::finish`] gives every author its name.
    fn meet_authors(&mut self, batch: &[&CommitInput]) -> Result<()> {
        let mut new_emails: Vec<String> = Vec::new();
        for commit in batch {
            let Some(email) = commit_email(commit) else {
                continue;
            };
            let candidate = (commit.timestamp, author_name(commit));
            match self.authors.entry(email) {
                Entry::Occupied(mut seen) => {
                    if candidate.0 > seen.get().newest.0 {
                        seen.get_mut().newest = candidate;
                    }
                }
                Entry::Vacant(slot) => {
                    new_emails.push(slot.key().clone());
                    // The id is filled in below, once the author is looked up or stored.
                    slot.insert(AuthorSeen {
                        id: 0,
                        stored_name: None,
                        newest: candidate,
                    });
                }
            }
        }
        if new_emails.is_empty() {
            return Ok(());
        }
        let emails: Vec<&str> = new_emails.iter().map(String::as_str).collect();
        let existing = store::commits::authors_by_email(self.conn, self.org.id, &emails)?;
        let missing: Vec<&str> = emails
            .iter()
            .copied()
            .filter(|email| !existing.contains_key(*email))
            .collect();
        let created = store::commits::insert_authors(self.conn, self.org.id, &missing)?;
        for email in new_emails {
            let (id, stored_name) = match (existing.get(&email), created.get(&email)) {
                (Some((id, name)), _) => (*id, name.clone()),
                (None, Some(id)) => (*id, None),
                (None, None) => return Err(Error::other("an author went missing while binding")),
            };
            if let Some(author) = self.authors.get_mut(&email) {
                author.id = id;
                author.stored_name = stored_name;
            }
        }
        Ok(())
    }

    /// The release's commit list (newest first, the commits kept by `append` among them), its
    /// stats, the authors' names, the newest commit of each repository as its head commit, and
    /// the resolution of every issue the commits fix.
    pub fn finish(self) -> Result<Outcome> {
        let (conn, env, release) = (self.conn, self.env, self.release);
        let bound = self.bind()?;
        outcome_of(conn, env, release, bound)
    }

    /// [`CommitBinder::finish`] without resolving the issues the commits fix (see
    /// [`bind_commits`]): how many commits it bound.
    pub fn bind(self) -> Result<usize> {
        let conn = self.conn;
        // In id order: two writers renaming the same authors lock their rows in one order.
        let mut authors: Vec<&AuthorSeen> = self.authors.values().collect();
        authors.sort_unstable_by_key(|author| author.id);
        for author in authors {
            // A stored name is updated when it differs, never erased.
            if let Some(name) = &author.newest.1
                && author.stored_name.as_ref() != Some(name)
            {
                store::commits::set_author_name(conn, author.id, name)?;
            }
        }
        let mut bound = self.bound;
        let bound_now = bound.len();
        if self.append {
            let new_ids: HashSet<i64> = bound.iter().map(|(id, _)| *id).collect();
            let kept = store::commits::release_commits(conn, self.release.id, None)?
                .into_iter()
                .map(|c| (c.id, c.date_added))
                .filter(|(id, _)| !new_ids.contains(id));
            bound.extend(kept);
        }
        // Newest first. Stable: on equal dates the new commits stay ahead of the kept ones.
        bound.sort_by(|a, b| b.1.cmp(&a.1));

        store::commits::clear_release_commits(conn, self.release.id)?;
        // Each commit once, at its first (newest) place.
        let mut seen = HashSet::with_capacity(bound.len());
        let ordered: Vec<i64> = bound
            .iter()
            .map(|(commit_id, _)| *commit_id)
            .filter(|commit_id| seen.insert(*commit_id))
            .collect();
        drop(bound);
        store::commits::insert_release_commits(conn, self.org.id, self.release.id, &ordered)?;
        let order = i64::try_from(ordered.len()).unwrap_or(i64::MAX);
        let last_commit_id = ordered.first().copied();
        let author_ids: Vec<String> = store::commits::release_author_ids(conn, self.release.id)?
            .iter()
            .map(i64::to_string)
            .collect();
        store::commits::set_release_stats(
            conn,
            self.release.id,
            order,
            &serde_json::to_string(&author_ids)?,
            last_commit_id,
        )?;
        let mut heads: Vec<(i64, i64)> = self
            .newest
            .into_iter()
            .map(|(repository_id, (_, commit_id))| (repository_id, commit_id))
            .collect();
        heads.sort_unstable();
        for (repository_id, commit_id) in heads {
            store::commits::insert_head_commit(
                conn,
                self.org.id,
                repository_id,
                self.release.id,
                commit_id,
            )?;
        }
        Ok(bound_now)
    }
}

/// Records the head commit of each repository for the release, replacing any recorded before
/// (Sentry's `set_refs` without fetching). A head that is not a stored commit is stored with its
/// id alone (Sentry's `Commit` get-or-create), as when `--path` or `--max-commits` left HEAD out
/// of the commits bound. The write's binder met the heads' repositories already, with its
/// commits', in name order ([`CommitBinder::meet_repositories`]).
pub fn set_head_commits(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: &ReleaseRow,
    heads: &[HeadCommit],
) -> Result<()> {
    let now = env.now_text();
    for head in heads {
        if head.commit.is_empty() || head.commit.chars().count() > MAX_COMMIT_ID_LENGTH {
            return Err(Error::usage(format!(
                "invalid head commit {:?}: it must have 1 to {MAX_COMMIT_ID_LENGTH} characters",
                head.commit
            )));
        }
        let name = repository_or_default(org, &head.repository);
        let repository_id = store::commits::repository_id(conn, org.id, &name, &now)?;
        let key = head.commit.as_str();
        let commit_id = store::commits::commit_id_or_insert(
            conn,
            &NewCommit {
                organization_id: org.id,
                repository_id,
                key,
                author_id: None,
                message: None,
                date_added: &now,
            },
        )?;
        store::commits::set_head_commit(
            conn,
            org.id,
            repository_id,
            release.id,
            commit_id,
            head.previous.is_some(),
        )?;
    }
    Ok(())
}

/// [`set_head_commits`], then the releases created after this one give up the commits it now
/// holds (cli.md, "--auto": a release's range hides every head recorded by the releases created
/// before it, so no commit below this release's head belongs to a later release; binding out of
/// order gives the same releases as binding in order). This release's commits are all below its
/// head, so taking them out of the later releases is exactly what their ranges lose, whether
/// their heads descend from this one or sit on a branch that forked below it. The issues those
/// commits fix are resolved in this release already (the resolution is one row per issue).
/// Returns the versions re-bound.
///
/// A range whose start the caller named (`PREV..REV`) takes out of them its own commits only:
/// ancestors of `PREV` a later release holds are not this release's to take. So where `PREV` is
/// not an earlier release's head, binding in order can still give the later release less (its
/// range would hide everything below `REV`).
///
/// A later release that took `--initial-depth` commits because no earlier head was recorded yet
/// cannot gain the commits its range now reaches: only git can say which they are (binding it
/// again does).
pub fn set_heads_and_rebind_later(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: &ReleaseRow,
    heads: &[HeadCommit],
) -> Result<Vec<String>> {
    set_head_commits(conn, env, org, release, heads)?;
    // Commits sent as a list (no refs) are kept as given and move no other release (the
    // binder recorded each repository's newest commit as a stand-in head, as Sentry does).
    if heads.is_empty() {
        return Ok(Vec::new());
    }
    // An earlier release that bound while this range was being read (its head was not known
    // when the range started) holds commits this range hides: they are that release's. (Only
    // where the rule read this release's range: one whose start the caller named is bound as
    // given.)
    if heads.iter().any(HeadCommit::read_by_auto_rule) {
        let held_earlier: HashSet<i64> = store::commits::commits_held_earlier(conn, release.id)?
            .into_iter()
            .collect();
        take_out_commits(conn, org, release.id, &held_earlier)?;
    }
    // A later release gives up what it shares with this one, in the repositories where the
    // --auto rule read its range (one the user named stays as named), whether this release's
    // range there was read by the rule or named: its head hides them either way.
    let later = later_releases_sharing_commits(conn, release.id)?;
    if later.is_empty() {
        return Ok(Vec::new());
    }
    // Each later release is changed under its own lock, taken in the order of the releases'
    // dates (the query's, this release's own first), which every writer follows. A writer of
    // a later release may still wait for a row this transaction holds (a new commit both
    // store, an issue both resolve): PostgreSQL breaks that deadlock, and the write runs again.
    for (_, version, _) in &later {
        conn.lock_release(org.id, version)?;
    }
    // Read again under those locks: a writer of a later release that committed meanwhile may
    // have bound it anew (from a start its user named: then it keeps its commits). Only what
    // both reads found is taken out (a release created meanwhile was not locked).
    let now: HashMap<i64, HashSet<i64>> = later_releases_sharing_commits(conn, release.id)?
        .into_iter()
        .map(|(id, _, commits)| (id, commits))
        .collect();
    let later: Vec<(i64, String, HashSet<i64>)> = later
        .into_iter()
        .filter_map(|(id, version, commits)| {
            let still = now.get(&id)?;
            Some((id, version, commits.intersection(still).copied().collect()))
        })
        .collect();
    let mut rebound = Vec::new();
    for (later_id, version, shared) in later {
        if take_out_commits(conn, org, later_id, &shared)? {
            rebound.push(version);
        }
    }
    Ok(rebound)
}

/// [`store::commits::later_releases_sharing_commits`], each later release once with the
/// commits it shares with this one, oldest release first.
fn later_releases_sharing_commits(
    conn: &Db<'_>,
    release_id: i64,
) -> Result<Vec<(i64, String, HashSet<i64>)>> {
    let mut later: Vec<(i64, String, HashSet<i64>)> = Vec::new();
    for (later_id, version, commit_id) in
        store::commits::later_releases_sharing_commits(conn, release_id)?
    {
        match later.last_mut() {
            Some((id, _, commits)) if *id == later_id => {
                commits.insert(commit_id);
            }
            _ => later.push((later_id, version, HashSet::from([commit_id]))),
        }
    }
    Ok(later)
}

/// Takes `remove` out of a release's commits, keeping their order, and sets its stats again;
/// whether any was there.
fn take_out_commits(
    conn: &Db<'_>,
    org: &OrgRow,
    release_id: i64,
    remove: &HashSet<i64>,
) -> Result<bool> {
    if remove.is_empty() {
        return Ok(false);
    }
    let before = store::commits::release_commit_ids(conn, release_id)?;
    let kept: Vec<i64> = before
        .iter()
        .copied()
        .filter(|id| !remove.contains(id))
        .collect();
    if kept.len() == before.len() {
        return Ok(false);
    }
    store::commits::clear_release_commits(conn, release_id)?;
    store::commits::insert_release_commits(conn, org.id, release_id, &kept)?;
    let author_ids: Vec<String> = store::commits::release_author_ids(conn, release_id)?
        .iter()
        .map(i64::to_string)
        .collect();
    store::commits::set_release_stats(
        conn,
        release_id,
        i64::try_from(kept.len()).unwrap_or(i64::MAX),
        &serde_json::to_string(&author_ids)?,
        kept.first().copied(),
    )?;
    Ok(true)
}

/// Removes every commit of the release (Sentry's `clear_commits`, for any number of repositories).
pub fn clear_commits(conn: &Db<'_>, release: &ReleaseRow) -> Result<ReleaseRow> {
    store::commits::clear_head_commits(conn, release.id)?;
    store::commits::clear_release_commits(conn, release.id)?;
    store::commits::set_release_stats(conn, release.id, 0, "[]", None)?;
    store::releases::find_by_id(conn, release.id)?
        .ok_or_else(|| Error::other("the release vanished from the store"))
}

/// (repository name, sha where a release's commits end there).
pub type Heads = Vec<(String, String)>;

/// Sentry's previous-with-commits: the most recent other release with commits sharing one of
/// `project_ids`, not later than `release` when it exists, with where `--auto` starts in each
/// repository: the head commit recorded when its commits were bound, else (a repository without
/// one) its newest commit there, in release order (Sentry's lastCommit).
pub fn previous_release(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    release: Option<&ReleaseRow>,
    project_ids: &[i64],
) -> Result<Option<(ReleaseRow, Heads)>> {
    let not_after = match release {
        Some(r) => r
            .date_released
            .clone()
            .unwrap_or_else(|| r.date_added.clone()),
        None => env.now_text(),
    };
    let Some(previous) = store::releases::previous_with_commits(
        conn,
        org.id,
        release.map(|r| r.id),
        project_ids,
        &not_after,
    )?
    else {
        return Ok(None);
    };
    let mut heads = store::commits::head_commits(conn, previous.id)?;
    for (repository, sha) in store::commits::newest_release_commits(conn, previous.id)? {
        if !heads.iter().any(|(name, _)| *name == repository) {
            heads.push((repository, sha));
        }
    }
    Ok(Some((previous, heads)))
}

/// A head commit an earlier release recorded in one repository: where that release's commits
/// ended there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EarlierHead {
    pub version: String,
    pub repository: String,
    pub commit: String,
}

/// The heads that decide where a release's range starts in each repository (cli.md, "--auto"):
/// those recorded by the releases created before `release` (every release, when it does not
/// exist yet) sharing a project in `project_ids`, newest release first.
pub fn earlier_heads(
    conn: &Db<'_>,
    org: &OrgRow,
    release: Option<&ReleaseRow>,
    project_ids: &[i64],
) -> Result<Vec<EarlierHead>> {
    let before = release.map(|r| (r.id, r.date_added.as_str()));
    Ok(
        store::commits::earlier_heads(conn, org.id, before, project_ids)?
            .into_iter()
            .map(|(version, repository, commit)| EarlierHead {
                version,
                repository,
                commit,
            })
            .collect(),
    )
}

/// The repositories commits have been bound in.
pub fn repositories_of(conn: &Db<'_>, org: &OrgRow) -> Result<Vec<crate::model::Repository>> {
    Ok(store::commits::repositories(conn, org.id)?
        .into_iter()
        .map(|(id, name, date_added)| crate::model::Repository {
            id,
            name,
            url: None,
            status: Some("active".to_string()),
            date_created: Some(date_added),
            provider: None,
        })
        .collect())
}

fn check_commit(commit: &CommitInput) -> Result<()> {
    if commit.id.is_empty() || commit.id.chars().count() > MAX_COMMIT_ID_LENGTH {
        return Err(Error::usage(format!(
            "invalid commit id {}: it must have 1 to {MAX_COMMIT_ID_LENGTH} characters",
            shown(&commit.id)
        )));
    }
    for (path, kind) in &commit.patch_set {
        if !matches!(kind.as_str(), "A" | "M" | "D") {
            return Err(Error::usage(format!(
                "Commit patch_set type {kind} is not supported (file {path:?})"
            )));
        }
    }
    Ok(())
}

fn repository_name(org: &OrgRow, commit: &CommitInput) -> String {
    repository_or_default(org, commit.repository.as_deref().unwrap_or(""))
}

/// The repository a commit or head names; one that names none is the organization's own
/// (`organization-{id}`, as Sentry's).
pub fn repository_or_default(org: &OrgRow, name: &str) -> String {
    match name {
        "" => format!("organization-{}", org.id),
        name => name.to_string(),
    }
}

fn repository_of(ids: &HashMap<String, i64>, org: &OrgRow, commit: &CommitInput) -> Result<i64> {
    ids.get(&repository_name(org, commit))
        .copied()
        .ok_or_else(|| Error::other("a repository went missing while binding commits"))
}

/// The commits of the list already in the store, by (repository id, sha).
fn stored_commits(
    conn: &Db<'_>,
    org: &OrgRow,
    repositories: &HashMap<String, i64>,
    commits: &[&CommitInput],
) -> Result<HashMap<(i64, String), StoredCommit>> {
    let mut keys_by_repository: HashMap<i64, Vec<&str>> = HashMap::new();
    for commit in commits {
        let repository_id = repository_of(repositories, org, commit)?;
        keys_by_repository
            .entry(repository_id)
            .or_default()
            .push(&commit.id);
    }
    let mut stored = HashMap::new();
    for (repository_id, keys) in keys_by_repository {
        for (key, commit) in store::commits::find_commits(conn, repository_id, &keys)? {
            stored.insert((repository_id, key), commit);
        }
    }
    Ok(stored)
}

/// Issues looked up by (project slug, short id) during one set-commits: commit messages tend to
/// name the same few issues again and again.
#[derive(Default)]
struct IssueCache(HashMap<(String, i64), Option<IssueRow>>);

impl IssueCache {
    fn get(
        &mut self,
        conn: &Db<'_>,
        org: &OrgRow,
        slug: String,
        number: i64,
    ) -> Result<Option<IssueRow>> {
        match self.0.entry((slug, number)) {
            std::collections::hash_map::Entry::Occupied(hit) => Ok(hit.get().clone()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                let (slug, number) = slot.key();
                let issue = store::issues::find_by_short_id(conn, org.id, slug, *number)?;
                Ok(slot.insert(issue).clone())
            }
        }
    }
}

/// How a stored commit is to be updated.
struct CommitTarget<'a> {
    author_id: Option<i64>,
    /// None: keep the stored date.
    date: Option<&'a str>,
}

fn commit_email(commit: &CommitInput) -> Option<String> {
    derive_author_email(
        commit.author_name.as_deref(),
        commit.author_email.as_deref(),
    )
}

fn author_name(commit: &CommitInput) -> Option<String> {
    commit
        .author_name
        .as_deref()
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(MAX_AUTHOR_NAME_LENGTH).collect())
}

/// A stored commit, updated when its author, message or date differ (then the message's issue
/// references are linked again); its id.
fn update_stored_commit(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    issues: &mut IssueCache,
    stored: &StoredCommit,
    target: &CommitTarget<'_>,
    commit: &CommitInput,
) -> Result<i64> {
    // A commit without an author keeps the one it had; a message left out keeps the stored
    // one; a missing date keeps the stored date.
    let author_id = target.author_id.or(stored.author_id);
    let message = match &commit.message {
        Sent::Absent => stored.message.clone(),
        Sent::Null => None,
        Sent::Value(text) => Some(text.clone()),
    };
    let date = target.date.unwrap_or(&stored.date_added);
    let changed =
        stored.author_id != author_id || stored.message != message || stored.date_added != date;
    if changed {
        store::commits::update_commit(conn, stored.id, author_id, message.as_deref(), date)?;
        let text = message.as_deref().unwrap_or("");
        link_referenced_issues(conn, env, org, issues, stored.id, text, false)?;
    }
    Ok(stored.id)
}

/// The commit receiver (2.7, latest): link the commit to every issue its message says it fixes,
/// drop links to issues it no longer names (a new commit has none), and note
/// REFERENCED_IN_COMMIT on new links.
fn link_referenced_issues(
    conn: &Db<'_>,
    env: &FlowEnv,
    org: &OrgRow,
    cache: &mut IssueCache,
    commit_id: i64,
    message: &str,
    is_new: bool,
) -> Result<()> {
    let mut issues = Vec::new();
    for candidate in referenced_short_ids(message) {
        let Some((slug, number)) = parse_short_id(&candidate) else {
            continue;
        };
        let Ok(number) = i64::try_from(number) else {
            continue;
        };
        if let Some(issue) = cache.get(conn, org, slug, number)?
            && !issues
                .iter()
                .any(|i: &store::issues::IssueRow| i.id == issue.id)
        {
            issues.push(issue);
        }
    }
    if !is_new {
        let keep: Vec<i64> = issues.iter().map(|i| i.id).collect();
        store::commits::delete_stale_links(conn, commit_id, &keep)?;
    }
    let now = env.now_text();
    for issue in &issues {
        if store::commits::insert_commit_link(conn, issue.id, issue.project_id, commit_id, &now)? {
            store::issues::insert_activity(
                conn,
                &NewActivity {
                    project_id: issue.project_id,
                    group_id: issue.id,
                    kind: ACTIVITY_REFERENCED_IN_COMMIT,
                    ident: Some(&commit_id.to_string()),
                    data: &serde_json::json!({ "commit": commit_id }),
                    datetime: &now,
                },
            )?;
        }
    }
    Ok(())
}

/// update_group_resolutions (2.8): every issue linked from a commit of this release, in one of
/// its projects, is resolved in the release and taken out of the inbox. Returns their
/// qualified short ids.
pub fn resolve_issues(conn: &Db<'_>, env: &FlowEnv, release: &ReleaseRow) -> Result<Vec<String>> {
    let now = env.now_text();
    let mut done: HashSet<i64> = HashSet::new();
    let mut resolved = Vec::new();
    let links = store::commits::release_commit_links(conn, release.id)?;
    let mut group_ids: Vec<i64> = links.iter().map(|(group_id, _)| *group_id).collect();
    group_ids.sort_unstable();
    group_ids.dedup();
    store::commits::lock_issues(conn, &group_ids)?;
    for (group_id, commit_id) in links {
        if !done.insert(group_id) {
            continue;
        }
        let Some(issue) = store::issues::find(conn, group_id)? else {
            continue;
        };
        let was_resolved = issue.status == 1;
        let resolution_id =
            store::commits::upsert_resolution(conn, group_id, release.id, &release.version, &now)?;
        store::commits::set_issue_resolved(conn, group_id)?;
        store::issues::remove_from_inbox(conn, group_id)?;
        if !was_resolved {
            store::issues::insert_activity(
                conn,
                &NewActivity {
                    project_id: issue.project_id,
                    group_id,
                    kind: ACTIVITY_SET_RESOLVED_IN_RELEASE,
                    ident: Some(&resolution_id.to_string()),
                    data: &serde_json::json!({ "version": release.version, "commit": commit_id }),
                    datetime: &now,
                },
            )?;
            store::issues::record_history(conn, &issue, HISTORY_RESOLVED, RESOLVED_INVERSE, &now)?;
        }
        resolved.push(qualified_short_id(
            &issue.project_slug,
            issue.short_id as u64,
        ));
    }
    Ok(resolved)
}

/// Where Sentry has a bug (server-flow.md section 8), these tests say what relctl does instead.
#[cfg(test)]
mod tests {
    use super::*;
    use crate::flow::projects::{NewProject, create as create_project};
    use crate::flow::releases::{NewReleaseRequest, create as create_release};
    use crate::store::Store;
    use chrono::TimeZone;

    fn commit(
        id: &str,
        seconds: Option<i64>,
        name: Option<&str>,
        email: Option<&str>,
    ) -> CommitInput {
        CommitInput {
            id: id.to_string(),
            repository: Some("acme/app".to_string()),
            message: Sent::Value(format!("commit {id}")),
            author_name: name.map(str::to_string),
            author_email: email.map(str::to_string),
            timestamp: seconds.map(|s| Utc.timestamp_opt(s, 0).unwrap()),
            patch_set: vec![("a.txt".to_string(), "M".to_string())],
        }
    }

    /// Runs `work` against a new in-memory store with one project and release "1.0".
    fn with_release<T>(
        work: impl FnOnce(&Db<'_>, &FlowEnv, &OrgRow, &ReleaseRow) -> Result<T>,
    ) -> T {
        let mut store = Store::in_memory().unwrap();
        let mut env = FlowEnv::new(0);
        // A fixed clock: a commit without a date is dated now, the same in every run.
        env.now = Utc.timestamp_opt(1_800_000_000, 0).unwrap();
        store
            .write(|tx| {
                let org = crate::flow::organization(tx, "default")?;
                let project = create_project(
                    tx,
                    &env,
                    &org,
                    &NewProject {
                        name: "App",
                        slug: None,
                        platform: None,
                    },
                )?;
                let release = create_release(
                    tx,
                    &env,
                    &org,
                    &NewReleaseRequest {
                        version: "1.0",
                        projects: &[project],
                        ref_: None,
                        url: None,
                        date_released: None,
                        finalize_existing: false,
                    },
                )?
                .release;
                work(tx, &env, &org, &release)
            })
            .unwrap()
    }

    #[test]
    fn mixed_and_missing_timestamps_sort_without_crashing() {
        // Sentry raises TypeError (500) comparing datetimes with missing timestamps.
        let order = with_release(|tx, env, org, release| {
            let commits = vec![
                commit("old", Some(1_000), Some("A"), Some("a@x.test")),
                commit("none", None, Some("A"), Some("a@x.test")),
                commit("new", Some(2_000), Some("A"), Some("a@x.test")),
            ];
            let outcome = set_commits(tx, env, org, release, &commits, false)?;
            let order: Vec<String> = store::commits::release_commits(tx, outcome.release.id, None)?
                .into_iter()
                .map(|c| c.key)
                .collect();
            Ok(order)
        });
        // A commit without a timestamp is stored with "now", but sorts as the oldest.
        assert_eq!(order.first().map(String::as_str), Some("new"));
        assert_eq!(order.len(), 3);
    }

    #[test]
    fn commit_count_counts_distinct_commits() {
        // Sentry counts the duplicate that ReleaseCommit silently dropped.
        let count = with_release(|tx, env, org, release| {
            let commits = vec![
                commit("aaa", Some(1_000), Some("A"), Some("a@x.test")),
                commit("aaa", Some(1_000), Some("A"), Some("a@x.test")),
                commit("bbb", Some(2_000), Some("A"), Some("a@x.test")),
            ];
            Ok(set_commits(tx, env, org, release, &commits, false)?
                .release
                .commit_count)
        });
        assert_eq!(count, 2);
    }

    #[test]
    fn an_email_without_a_name_keeps_the_stored_name() {
        // Sentry overwrites a good name with NULL when a payload carries only the e-mail.
        let names = with_release(|tx, env, org, release| {
            set_commits(
                tx,
                env,
                org,
                release,
                &[commit(
                    "aaa",
                    Some(1_000),
                    Some("Ada Lovelace"),
                    Some("ada@x.test"),
                )],
                false,
            )?;
            set_commits(
                tx,
                env,
                org,
                release,
                &[commit("bbb", Some(2_000), None, Some("ADA@x.test"))],
                false,
            )?;
            let emails = ["ada@x.test"];
            store::commits::authors_by_email(tx, org.id, &emails)
        });
        assert_eq!(
            names
                .get("ada@x.test")
                .and_then(|(_, n)| n.clone())
                .as_deref(),
            Some("Ada Lovelace")
        );
    }

    #[test]
    fn clearing_works_with_any_number_of_repositories() {
        // Sentry's clear_commits does a single-row get on the head commits: 0 or 2+ rows fail.
        let cleared = with_release(|tx, env, org, release| {
            let empty = clear_commits(tx, release)?;
            assert_eq!(empty.commit_count, 0);
            let mut other = commit("ccc", Some(3_000), Some("B"), Some("b@x.test"));
            other.repository = Some("acme/other".to_string());
            let commits = vec![
                commit("aaa", Some(1_000), Some("A"), Some("a@x.test")),
                other,
            ];
            let bound = set_commits(tx, env, org, release, &commits, false)?;
            assert_eq!(bound.release.commit_count, 2);
            clear_commits(tx, &bound.release)
        });
        assert_eq!(cleared.commit_count, 0);
        assert_eq!(cleared.last_commit_id, None);
        assert_eq!(cleared.authors, "[]");
    }

    #[test]
    fn the_next_release_starts_at_the_recorded_head_else_the_newest_commit() {
        // "tip" is where the commits were read up to; "old" has the newest author date.
        let heads = |recorded: Vec<HeadCommit>| {
            with_release(|tx, env, org, release| {
                let commits = vec![
                    commit("old", Some(3_000), Some("A"), Some("a@x.test")),
                    commit("tip", Some(1_000), Some("A"), Some("a@x.test")),
                ];
                let bound = set_commits(tx, env, org, release, &commits, false)?.release;
                set_head_commits(tx, env, org, &bound, &recorded)?;
                let projects: Vec<i64> = store::releases::projects(tx, bound.id)?
                    .iter()
                    .map(|p| p.id)
                    .collect();
                let (previous, heads) = previous_release(tx, env, org, None, &projects)?
                    .ok_or_else(|| Error::other("no previous release"))?;
                assert_eq!(previous.id, bound.id);
                Ok(heads)
            })
        };
        let tip = HeadCommit {
            repository: "acme/app".to_string(),
            commit: "tip".to_string(),
            previous: None,
        };
        assert_eq!(
            heads(vec![tip]),
            vec![("acme/app".to_string(), "tip".to_string())]
        );
        // Commits sent as a list, without refs: Sentry's fill-in, the newest by date.
        assert_eq!(
            heads(Vec::new()),
            vec![("acme/app".to_string(), "old".to_string())]
        );
        // A head that is not among the commits (HEAD left out by --path) is stored by its id;
        // a repository without a recorded head falls back to its newest commit.
        let elsewhere = HeadCommit {
            repository: "acme/lib".to_string(),
            commit: "libhead".to_string(),
            previous: None,
        };
        assert_eq!(
            heads(vec![elsewhere]),
            vec![
                ("acme/app".to_string(), "old".to_string()),
                ("acme/lib".to_string(), "libhead".to_string()),
            ]
        );
    }

    #[test]
    fn bad_patch_types_are_refused() {
        let err = with_release(|tx, env, org, release| {
            let mut bad = commit("aaa", Some(1_000), None, None);
            bad.patch_set = vec![("a.txt".to_string(), "R".to_string())];
            Ok(set_commits(tx, env, org, release, &[bad], false).unwrap_err())
        });
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
    }

    /// What binding left in the store, ids aside: the release's commits in order (sha, message,
    /// author, date, repository), its head commits, its commit count and its authors.
    #[allow(clippy::type_complexity)]
    fn bound_state(
        tx: &Db<'_>,
        release_id: i64,
    ) -> Result<(
        Vec<(
            String,
            Option<String>,
            Option<String>,
            Option<String>,
            String,
            String,
        )>,
        Vec<(String, String)>,
        i64,
        Vec<(Option<String>, String)>,
    )> {
        let commits = store::commits::release_commits(tx, release_id, None)?
            .into_iter()
            .map(|c| {
                (
                    c.key,
                    c.message,
                    c.author_name,
                    c.author_email,
                    c.date_added,
                    c.repository,
                )
            })
            .collect();
        let mut heads = store::commits::head_commits(tx, release_id)?;
        heads.sort();
        let release = store::releases::find_by_id(tx, release_id)?.unwrap();
        let mut authors =
            store::commits::authors(tx, &store::commits::release_author_ids(tx, release_id)?)?;
        authors.sort();
        Ok((commits, heads, release.commit_count, authors))
    }

    fn any_commit() -> impl proptest::strategy::Strategy<Value = CommitInput> {
        use proptest::prelude::*;
        (
            0..12u8,
            prop::option::of(0..4i64),
            prop::sample::select(vec![None, Some("Ada"), Some("Grace"), Some("")]),
            prop::sample::select(vec![None, Some("ada@x.test"), Some("GRACE@x.test")]),
            0..2u8,
            any::<bool>(),
        )
            .prop_map(|(id, time, name, email, repository, file)| {
                let mut input = commit(
                    &format!("{id:040x}"),
                    time.map(|t| 1_000 + t * 60),
                    name,
                    email,
                );
                input.repository = Some(format!("acme/app{repository}"));
                input.message = Sent::Value(format!("commit {id} at {time:?}"));
                if file {
                    input
                        .patch_set
                        .push((format!("f{id}.txt"), "A".to_string()));
                }
                input
            })
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

        /// Binding in batches of any size writes what binding the whole list at once writes:
        /// duplicates (the same or not), equal and missing timestamps, names left out.
        #[test]
        fn batches_bind_what_one_list_binds(
            commits in proptest::collection::vec(any_commit(), 0..40),
            size in 1usize..7,
        ) {
            let at_once = with_release(|tx, env, org, release| {
                set_commits(tx, env, org, release, &commits, false)?;
                bound_state(tx, release.id)
            });
            let in_batches = with_release(|tx, env, org, release| {
                // set_commits' order: newest first, stably.
                let mut sorted: Vec<&CommitInput> = commits.iter().collect();
                sorted.sort_by_key(|c| std::cmp::Reverse(c.timestamp));
                let mut binder = CommitBinder::start(tx, env, org, release, false);
                for batch in sorted.chunks(size) {
                    binder.add(batch)?;
                }
                binder.finish()?;
                bound_state(tx, release.id)
            });
            proptest::prop_assert_eq!(at_once, in_batches);
        }

        /// Commits read from git arrive in git's order, not sorted by date, and one listed twice
        /// (two overlapping ranges) is the same both times: binding them as they come, in
        /// batches, writes what sorting them first writes.
        #[test]
        fn git_order_binds_what_date_order_binds(
            distinct in proptest::collection::btree_map(0..12u8, any_commit(), 1..12),
            picks in proptest::collection::vec(proptest::prelude::any::<proptest::sample::Index>(), 0..40),
            size in 1usize..7,
        ) {
            // One commit per id: a commit listed twice is the same both times.
            let distinct: Vec<CommitInput> = distinct
                .into_iter()
                .map(|(id, commit)| CommitInput {
                    id: format!("{id:040x}"),
                    ..commit
                })
                .collect();
            let commits: Vec<CommitInput> =
                picks.iter().map(|pick| pick.get(&distinct).clone()).collect();
            let at_once = with_release(|tx, env, org, release| {
                set_commits(tx, env, org, release, &commits, false)?;
                bound_state(tx, release.id)
            });
            let as_they_come = with_release(|tx, env, org, release| {
                let mut binder = CommitBinder::start(tx, env, org, release, false);
                for batch in commits.chunks(size) {
                    binder.add(&batch.iter().collect::<Vec<_>>())?;
                }
                binder.finish()?;
                bound_state(tx, release.id)
            });
            proptest::prop_assert_eq!(at_once, as_they_come);
        }
    }
}
