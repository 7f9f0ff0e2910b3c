//! Reading a local git repository: the commits of a release, their patch sets, and the
//! repository's name.
//!
//! This is the only module that talks to git. It reads the local object database through libgit2
//! (`git2` without network features) and hands back plain data (`CommitRange`, `GitCommit`,
//! `FileChange`, strings); there is no HTTP and no database here.
//!
//! What it does differently from sentry-cli (client-reference.md §2.2, §7, §9):
//! * the range is exactly `git rev-list HEAD --not H1 H2 ...` (a revwalk that hides every head
//!   earlier releases recorded), so commits brought in by merges are never lost and a hotfix
//!   branch's release never restarts the next one's range;
//! * every commit is compared with its **first parent**, not with its neighbour in the list;
//! * shallow clones are detected: a missing previous commit says so and how to fetch more, and a
//!   commit on the shallow boundary gets an empty patch set instead of "every file added";
//! * messages and names are decoded as their commit's `encoding` header says, and non-UTF-8
//!   paths, names and messages are converted lossily instead of panicking;
//! * the repository name comes from the remote's URL (`owner/repo`), never the remote's name;
//! * a repository without commits says so, and a damaged one (a corrupt or missing object) says
//!   it is damaged and which commit was being read, instead of libgit2's own text. One kind of
//!   damage is beyond reach: a *truncated* loose object makes libgit2 1.9 loop forever
//!   (libgit2#7342, fixed upstream by #7346, not yet in a libgit2-sys release).
//!
//! Speed and memory (README, "set-commits benchmark"): trees and commits are read by a pack
//! reader of our own (`pack.rs`, libgit2 only for what it cannot read), a first release's order
//! comes from the commits' parent lines (`topo.rs`), patch sets come from raw tree objects
//! (`patch.rs`), a long range is read by two threads (`range.rs`), and [`open`]
//! switches off two process-wide libgit2 settings, the re-hashing of every object read and the
//! object cache (which holds up to 256 MB of parsed small trees and only ever misses on a walk
//! that visits each tree once or twice).
//!
//! **Who reads objects.** Commits and trees of a range: the pack reader (`pack.rs`, with
//! `commit.rs`, `topo.rs`, `blocks.rs`), and libgit2 for anything it does not read (loose
//! objects, alternates, grafts, damage). libgit2 also opens the repository, resolves revisions,
//! walks a range (`PREV..HEAD`) and reads remotes. Decided by measurement (issue 18): gitoxide
//! (`gix` 0.90, the last whose rust-version fits 1.89) behind the same API, the same walks,
//! first-parent tree diffs and two reading threads, in one `cargo bench --bench set_commits`
//! run (2026-12-07, 2 cores under a load average of 4-6 from other builds; medians of 3 rounds,
//! peak RSS):
//!
//! | Row | git log | own reader | gix | gix/own |
//! |---|---|---|---|---|
//! | synthetic range, 15,001 commits | 0.60 s, 123 MiB | 0.83 s, 51 MiB | 2.76 s, 35 MiB | 3.35x |
//! | synthetic first release, 15,000 | 0.72 s, 121 MiB | 0.92 s, 52 MiB | 2.72 s, 35 MiB | 2.96x |
//! | git/git v2.42.0..v2.43.0, 680 | 0.20 s, 66 MiB | 0.21 s, 76 MiB | 3.47 s, 78 MiB | 16.6x |
//! | git/git all of HEAD, 81,966 | 5.17 s, 386 MiB | 7.96 s, 88 MiB | 22.80 s, 285 MiB | 2.86x |
//!
//! gix was to be within 1.10x of the own reader on every row and under 64 MiB (synthetic) and
//! 128 MiB (git/git); it was 2.9x to 17x slower (its range walk reads all history below both
//! ends, and its default caches re-inflate trees) and its mapped pack pages took 285 MiB on
//! all of git/git. So the own reader stays; gix is not a dependency. The gix reader and the
//! bench's side-by-side rows are in commit 1e595f7 (`src/git/gix_reader.rs`, feature
//! `gix-reader`, `RELCTL_GIT_READER=gix`), to measure again when a newer gix fits the
//! rust-version. The own reader is held to libgit2's answers on damaged packs by a seeded
//! property test (`damaged_packs.rs`): an object it reads is the one libgit2 reads for that id
//! (or, where libgit2 fails, the undamaged one), else it falls back; a range read is the
//! undamaged range or an error, never a panic. Neither checks an object against its id, as
//! git does not when reading: an index entry pointing at another object misleads both alike.
//!
//! Layout: `remote.rs` parses remote URLs, `range.rs` walks a range and builds commits,
//! `blocks.rs` reads a long range on two threads, `commit.rs` parses commits, `encoding.rs`
//! decodes their text as their `encoding` header says, `topo.rs` orders a first release,
//! `patch.rs` computes name-status patch sets, `pack.rs` reads pack files (`damaged_packs.rs`
//! tests it on damaged ones), `progress.rs` draws
//! the progress indicator on stderr, `error.rs` holds [`GitError`].

mod blocks;
mod commit;
mod encoding;
mod error;
mod pack;
mod patch;
mod progress;
mod range;
mod reading;
mod remote;
mod topo;

use std::ffi::OsStr;
use std::fmt;
use std::path::{Path, PathBuf};

use git2::{ErrorCode, Oid, Repository, RepositoryOpenFlags};

pub use error::GitError;

/// Caps the memory libgit2 maps for pack files, process-wide, so set-commits stays under a
/// fixed size however long the range and however large the repository: by default libgit2 maps
/// packs in 1 GiB windows, up to 8 GiB, and every page of a mapped pack that was read counts as
/// the process's memory (all of git/git's history is 500 MB of pack). libgit2 now reads only
/// what the pack reader (`pack.rs`) leaves to it: the commits of a range's history walk, which
/// sit together at the front of a pack, and the odd loose or unreadable object. Windows of 2 MiB, at
/// most 8 MiB of them mapped at once (the least recently used are unmapped first), cost no time
/// measurable against 64 MiB there, and keep set-commits of all of git/git under 128 MiB.
///
/// # Safety
/// These are libgit2 globals, set without a lock: call this before any other thread runs and
/// before libgit2 is first used (the binary does so first thing in `main`).
pub unsafe fn limit_pack_memory() {
    const WINDOW: usize = 2 << 20;
    const MAPPED: usize = 8 << 20;
    // SAFETY: the caller's promise above. The settings cannot fail for these values; if one
    // did, libgit2's defaults would simply stay.
    unsafe {
        let _ = git2::opts::set_mwindow_size(WINDOW);
        let _ = git2::opts::set_mwindow_mapped_limit(MAPPED);
    }
}
pub use patch::{ChangeKind, FileChange};
pub use range::{CommitRange, RangeRead, RangeSpec};
pub use reading::GitCommit;
pub use remote::repo_name_from_url;

/// An open repository (work tree or bare).
pub struct GitRepo {
    repo: Repository,
}

impl fmt::Debug for GitRepo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("GitRepo")
            .field("git_dir", &self.repo.path())
            .field("workdir", &self.repo.workdir())
            .finish()
    }
}

/// Open a repository.
///
/// `Some(dir)` (`--repo DIR`): the repository at `dir` or, like `git -C DIR`, the nearest one
/// above it; a work tree, its `.git` directory or a bare repository all work. `GIT_DIR` and the
/// other `GIT_*` variables are ignored, since the user named the directory.
///
/// `None`: `GIT_DIR` and friends when set, otherwise discovery upward from the current
/// directory, exactly as `git` does.
pub fn open(dir: Option<&Path>) -> Result<GitRepo, GitError> {
    // Process-wide libgit2 settings, see the module doc. libgit2 re-hashes every object it reads
    // (SHA-1 with collision detection), more than half the cost of reading a range; git itself
    // only does that in `fsck`, and relctl trusts the local object store as git does. The object
    // cache keeps every small tree it has parsed (up to 256 MB) although a range walk reads each
    // tree once or twice; without it the walk is faster and its memory stays flat.
    git2::opts::strict_hash_verification(false);
    git2::opts::enable_caching(false);
    let (result, shown) = match dir {
        Some(dir) => (
            Repository::open_ext(
                dir,
                RepositoryOpenFlags::empty(),
                std::iter::empty::<&OsStr>(),
            ),
            dir.to_path_buf(),
        ),
        None => {
            let shown = std::env::var_os("GIT_DIR")
                .map(PathBuf::from)
                .or_else(|| std::env::current_dir().ok())
                .unwrap_or_else(|| PathBuf::from("."));
            (Repository::open_from_env(), shown)
        }
    };
    match result {
        Ok(repo) => Ok(GitRepo { repo }),
        Err(err) if err.code() == ErrorCode::NotFound => Err(GitError::NotARepository {
            path: shown.to_string_lossy().into_owned(),
        }),
        Err(err) if err.code() == ErrorCode::Owner => Err(GitError::Other(format!(
            "{} (if this checkout is yours, run `git config --global --add safe.directory {}`)",
            error::one_line(err.message()),
            shown.to_string_lossy()
        ))),
        Err(err) => Err(GitError::other(&err)),
    }
}

impl GitRepo {
    /// The underlying libgit2 repository, for callers that need more than this module offers.
    pub fn raw(&self) -> &Repository {
        &self.repo
    }

    /// Whether this is a bare repository (no work tree).
    pub fn is_bare(&self) -> bool {
        self.repo.is_bare()
    }

    /// The work tree, or the git directory itself for a bare repository.
    pub fn root(&self) -> &Path {
        self.repo.workdir().unwrap_or_else(|| self.repo.path())
    }

    /// The `owner/repo` name from a remote URL (see `remote.rs` for the accepted forms).
    ///
    /// The remote is `preferred` when it is given and exists, else `upstream`, else `origin`,
    /// else the first remote in name order. With no remote, or a URL that yields no name, it is
    /// the work tree's directory name (for a bare repository, its directory name without a
    /// trailing `.git`).
    pub fn repository_name(&self, preferred_remote: Option<&str>) -> String {
        self.remote_url(preferred_remote)
            .and_then(|url| repo_name_from_url(&url))
            .unwrap_or_else(|| self.directory_name())
    }

    /// The URL of the remote [`GitRepo::repository_name`] would use, if there is one.
    pub fn remote_url(&self, preferred_remote: Option<&str>) -> Option<String> {
        let names = self.repo.remotes().ok()?;
        let names: Vec<String> = names
            .iter_bytes()
            .map(|name| String::from_utf8_lossy(name).into_owned())
            .collect();
        let chosen = preferred_remote
            .filter(|wanted| names.iter().any(|name| name == wanted))
            .or_else(|| {
                ["upstream", "origin"]
                    .into_iter()
                    .find(|n| names.iter().any(|x| x == n))
            })
            .or_else(|| names.first().map(String::as_str))?;
        let remote = self.repo.find_remote(chosen).ok()?;
        Some(String::from_utf8_lossy(remote.url_bytes()).into_owned())
    }

    fn directory_name(&self) -> String {
        let dir = match self.repo.workdir() {
            Some(workdir) => workdir,
            None => self.repo.path(),
        };
        let name = dir
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        let name = if self.repo.workdir().is_none() {
            name.strip_suffix(".git").unwrap_or(&name).to_string()
        } else {
            name
        };
        if name.is_empty() {
            "repository".to_string()
        } else {
            name
        }
    }

    /// Whether the repository is a shallow clone (has a `shallow` file).
    pub fn is_shallow(&self) -> bool {
        self.repo.is_shallow()
    }

    /// Resolve any revision (full or short sha, branch, tag, `HEAD~2`, …) to the full id of the
    /// commit it names, peeling annotated tags.
    pub fn resolve_commit(&self, rev: &str) -> Result<String, GitError> {
        self.resolve_oid(rev).map(|oid| oid.to_string())
    }

    fn resolve_oid(&self, rev: &str) -> Result<Oid, GitError> {
        let not_found = || GitError::RevisionNotFound {
            rev: rev.to_string(),
        };
        if rev.trim().is_empty() {
            return Err(not_found());
        }
        let object = self.repo.revparse_single(rev).map_err(|err| {
            if let Some(empty) = self.no_commits(rev) {
                empty
            } else if err.code() == ErrorCode::Ambiguous {
                GitError::Other(format!(
                    "ambiguous revision {rev}: use more characters of the sha"
                ))
            } else if unreadable(&err) {
                self.damaged_at(rev, GitError::from(err))
            } else if let Some(oid) = self.dangling_reference(rev) {
                GitError::Damaged {
                    problem: "an object is missing".to_string(),
                    commit: Some(oid.to_string()),
                }
            } else {
                not_found()
            }
        })?;
        let commit = object.peel_to_commit().map_err(|err| {
            if unreadable(&err) {
                GitError::from(err).reading(object.id())
            } else {
                not_found()
            }
        })?;
        Ok(commit.id())
    }

    /// HEAD names no commit yet: a new repository, or an unborn branch. `None` otherwise, and
    /// for a revision that is not about HEAD in a repository that has commits.
    fn no_commits(&self, rev: &str) -> Option<GitError> {
        match self.repo.head() {
            Err(err) if err.code() == ErrorCode::UnbornBranch => {}
            _ => return None,
        }
        let about_head = rev
            .trim()
            .strip_prefix("HEAD")
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['~', '^', '@']));
        let has_references = self
            .repo
            .references()
            .is_ok_and(|mut refs| refs.next().is_some());
        if !about_head && has_references {
            return None;
        }
        let branch = has_references
            .then(|| {
                let head = self.repo.find_reference("HEAD").ok()?;
                let target = String::from_utf8_lossy(head.symbolic_target_bytes()?).into_owned();
                Some(
                    target
                        .strip_prefix("refs/heads/")
                        .unwrap_or(&target)
                        .to_string(),
                )
            })
            .flatten();
        // `components` drops the trailing `/` of a work tree path.
        let path: PathBuf = self.root().components().collect();
        Some(GitError::NoCommits {
            path: path.to_string_lossy().into_owned(),
            branch,
        })
    }

    /// The object `rev`, a reference (`HEAD`, a branch, a tag), points to when that object is not
    /// in the object database: the repository lost it.
    fn dangling_reference(&self, rev: &str) -> Option<Oid> {
        let oid = self.repo.refname_to_id(rev).ok().or_else(|| {
            let reference = self.repo.resolve_reference_from_short_name(rev).ok()?;
            reference.resolve().ok()?.target()
        })?;
        let odb = self.repo.odb().ok()?;
        (!odb.exists(oid)).then_some(oid)
    }

    /// The commit a full id or a reference names (for `HEAD~2`, the one `HEAD` names), without
    /// reading it.
    fn named_oid(&self, rev: &str) -> Option<Oid> {
        let base = rev.trim().split(['~', '^', '@', ':']).next().unwrap_or("");
        full_oid(base)
            .or_else(|| self.repo.refname_to_id(base).ok())
            .or_else(|| {
                let reference = self.repo.resolve_reference_from_short_name(base).ok()?;
                reference.resolve().ok()?.target()
            })
    }

    /// `err` (a damaged repository) with the commit that cannot be read, found by reading the
    /// history from what `rev` starts at.
    fn damaged_at(&self, rev: &str, err: GitError) -> GitError {
        match self.named_oid(rev) {
            Some(start) => {
                let culprit = self.first_unreadable_commit(&[start]).unwrap_or(start);
                err.reading(culprit)
            }
            None => err,
        }
    }

    /// The first commit, breadth first from `starts` through all parents, that cannot be read;
    /// `None` when every one can. Only used to name the culprit once a read has failed.
    fn first_unreadable_commit(&self, starts: &[Oid]) -> Option<Oid> {
        let mut seen = std::collections::HashSet::new();
        let mut queue: std::collections::VecDeque<Oid> = starts.iter().copied().collect();
        while let Some(oid) = queue.pop_front() {
            if !seen.insert(oid) {
                continue;
            }
            match self.repo.find_commit(oid) {
                Ok(commit) => queue.extend(commit.parent_ids()),
                Err(err) if error::damage(&err).is_some() => return Some(oid),
                Err(_) => {}
            }
        }
        None
    }

    /// Whether a full commit id (40 hex digits, or 64 in a SHA-256 repository) names a commit in
    /// the object database. Short ids and revision names are never accepted here.
    pub fn has_commit(&self, sha: &str) -> bool {
        full_oid(sha).is_some_and(|oid| self.repo.find_commit(oid).is_ok())
    }
}

/// Whether resolving a revision failed because an object could not be read (corrupt), rather
/// than because nothing has that name, the syntax is wrong or it names no commit (a blob).
fn unreadable(err: &git2::Error) -> bool {
    use git2::ErrorClass;
    !matches!(
        err.code(),
        ErrorCode::NotFound | ErrorCode::Peel | ErrorCode::InvalidSpec
    ) && matches!(
        err.class(),
        ErrorClass::Odb | ErrorClass::Zlib | ErrorClass::Object
    )
}

/// Parse a full hex object id; `Oid::from_str` alone would zero-pad a short one.
fn full_oid(sha: &str) -> Option<Oid> {
    let hex = sha.len() == 40 || sha.len() == 64;
    if hex && sha.bytes().all(|b| b.is_ascii_hexdigit()) {
        Oid::from_str(sha).ok()
    } else {
        None
    }
}
