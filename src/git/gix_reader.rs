//! gitoxide's object reader behind the range reader's API, kept to measure ours against
//! (feature `gix-reader`, off by default and not built by CI; `RELCTL_GIT_READER=gix` picks it
//! at run time). It does what the own reader does: the commits of a range (`git rev-list
//! PREV..HEAD`, gix's date-ordered topological walk) or of a first release (gix's
//! `--topo-order` walk, the first `initial_depth`), each read from the packs and diffed
//! against its first parent by gix's tree diff, on two threads for a long range, the same
//! blocks as `blocks.rs`. The answer is the own reader's (`git diff-tree -r --name-status`
//! patch sets in git's path order); a test compares the two on one repository.
//!
//! Not covered, so `range.rs` never hands them here: the path filter, shallow clones and
//! grafts. The measurement that decided between the readers is in `mod.rs`.

use std::collections::VecDeque;
use std::ops::ControlFlow;

use git2::Oid;
use gix::ObjectId;
use gix::bstr::{BStr, BString, ByteSlice, ByteVec};
use gix::diff::tree::{Visit, visit};
use gix::objs::{FindExt, TreeRefIter};

use super::commit::CommitData;
use super::progress::Progress;
use super::reading::{GitCommit, to_git_commit};
use super::{ChangeKind, FileChange, GitError, GitRepo, RangeRead, RangeSpec};

/// Commits per block when two threads share a range (as in `blocks.rs`).
const BLOCK: usize = 256;
/// From this many commits on, two threads read a range.
const PARALLEL_FROM: usize = 4 * BLOCK;

/// Whether `RELCTL_GIT_READER=gix` asks for this reader.
pub(super) fn wanted() -> bool {
    std::env::var_os("RELCTL_GIT_READER").is_some_and(|v| v == "gix")
}

fn failed(err: impl std::fmt::Display) -> GitError {
    GitError::Other(format!("gitoxide: {err}"))
}

fn to_gix(oid: Oid) -> Result<ObjectId, GitError> {
    ObjectId::try_from(oid.as_bytes()).map_err(failed)
}

fn to_git2(id: &gix::oid) -> Result<Oid, GitError> {
    Oid::from_bytes(id.as_bytes()).map_err(|err| GitError::other(&err))
}

impl GitRepo {
    /// What this reader does not cover: shallow clones, grafts, an object database named by the
    /// environment (gix is opened by path, isolated from it).
    pub(super) fn gix_unfit(&self) -> bool {
        self.is_shallow()
            || self.repo.commondir().join("info/grafts").exists()
            || std::env::var_os("GIT_OBJECT_DIRECTORY").is_some()
            || std::env::var_os("GIT_ALTERNATE_OBJECT_DIRECTORIES").is_some()
    }

    /// `stream_commits` read by gitoxide: `head` minus what `hide` reaches, else the first
    /// `range.initial_depth` commits in `--topo-order`; then `range.max_commits` of them.
    pub(super) fn stream_with_gix(
        &self,
        head: Oid,
        hide: &[Oid],
        range: &RangeSpec,
        progress: &Progress,
        mut each: impl FnMut(GitCommit) -> ControlFlow<()>,
    ) -> Result<RangeRead, GitError> {
        let options = gix::open::Options::isolated();
        let shared =
            gix::ThreadSafeRepository::open_opts(self.repo.path(), options).map_err(failed)?;
        progress.phase("walking history", None);
        let ids = walk(
            &shared.to_thread_local(),
            head,
            hide,
            range.initial_depth,
            progress,
        )?;
        let keep = range
            .max_commits
            .map_or(ids.len(), |cap| cap.min(ids.len()));
        progress.phase("reading commits", Some(keep));
        let mut count = 0;
        read_blocks(&shared, &ids[..keep], |commits| {
            for commit in commits {
                count += 1;
                progress.inc();
                if each(commit).is_break() {
                    return ControlFlow::Break(());
                }
            }
            ControlFlow::Continue(())
        })?;
        Ok(RangeRead {
            count,
            dropped_by_cap: ids.len() - keep,
            previous_missing: false,
            shallow_boundary_hit: false,
        })
    }
}

/// The commit ids of the range, in order.
fn walk(
    repo: &gix::Repository,
    head: Oid,
    hide: &[Oid],
    depth: usize,
    progress: &Progress,
) -> Result<Vec<ObjectId>, GitError> {
    use gix::traverse::commit::topo::{Builder, Sorting};
    let ends = hide
        .iter()
        .map(|&oid| to_gix(oid))
        .collect::<Result<Vec<_>, _>>()?;
    let (sorting, limit) = if ends.is_empty() {
        (Sorting::TopoOrder, depth)
    } else {
        (Sorting::DateOrder, usize::MAX)
    };
    let ends = (!ends.is_empty()).then_some(ends);
    let walk = Builder::from_iters(&repo.objects, [to_gix(head)?], ends)
        .sorting(sorting)
        .build()
        .map_err(failed)?;
    let mut ids = Vec::new();
    for info in walk.take(limit) {
        ids.push(info.map_err(failed)?.id);
        progress.inc();
    }
    Ok(ids)
}

/// Reads `ids` and hands them over in order, a block at a time: on this thread alone for a
/// short range, else the even blocks here and the odd ones on a helper thread.
fn read_blocks(
    shared: &gix::ThreadSafeRepository,
    ids: &[ObjectId],
    mut hand_over: impl FnMut(Vec<GitCommit>) -> ControlFlow<()>,
) -> Result<(), GitError> {
    let repo = shared.to_thread_local();
    let mut reader = Reader::new(&repo);
    if ids.len() < PARALLEL_FROM {
        for &id in ids {
            if hand_over(vec![reader.commit(id)?]).is_break() {
                break;
            }
        }
        return Ok(());
    }
    std::thread::scope(|scope| {
        let (sender, receiver) = std::sync::mpsc::sync_channel(1);
        let odd: Vec<&[ObjectId]> = ids.chunks(BLOCK).skip(1).step_by(2).collect();
        let helper = move || {
            let repo = shared.to_thread_local();
            let mut reader = Reader::new(&repo);
            for block in odd {
                let read = reader.block(block);
                let failed = read.is_err();
                if sender.send(read).is_err() || failed {
                    return;
                }
            }
        };
        let builder = std::thread::Builder::new().name("gix reader 2".to_string());
        if let Err(err) = builder.spawn_scoped(scope, helper) {
            return Err(failed(format!("cannot start a reading thread: {err}")));
        }
        for (n, block) in ids.chunks(BLOCK).enumerate() {
            let read = if n % 2 == 0 {
                reader.block(block)?
            } else {
                let stopped = |_| failed("the second reading thread stopped");
                receiver.recv().map_err(stopped)??
            };
            if hand_over(read).is_break() {
                break;
            }
        }
        Ok(())
    })
}

/// One thread's reader: buffers reused from commit to commit, and the tree of the last parent
/// read, which in linear history is the next commit's tree.
struct Reader<'r> {
    repo: &'r gix::Repository,
    state: gix::diff::tree::State,
    commit: Vec<u8>,
    parent: Vec<u8>,
    old_tree: Vec<u8>,
    new_tree: Vec<u8>,
    /// The id of the tree in `old_tree` after a diff.
    spare: Option<ObjectId>,
    changes: Changes,
}

impl<'r> Reader<'r> {
    fn new(repo: &'r gix::Repository) -> Self {
        Reader {
            repo,
            state: Default::default(),
            commit: Vec::new(),
            parent: Vec::new(),
            old_tree: Vec::new(),
            new_tree: Vec::new(),
            spare: None,
            changes: Changes::default(),
        }
    }

    fn block(&mut self, ids: &[ObjectId]) -> Result<Vec<GitCommit>, GitError> {
        ids.iter().map(|&id| self.commit(id)).collect()
    }

    /// The commit `id` with its patch set against its first parent.
    fn commit(&mut self, id: ObjectId) -> Result<GitCommit, GitError> {
        let objects = &self.repo.objects;
        let commit = objects.find_commit(&id, &mut self.commit).map_err(failed)?;
        let data = commit_data(id, &commit)?;
        let tree = commit.tree();
        let parent_tree = match commit.parents().next() {
            Some(parent) => Some(
                objects
                    .find_commit(&parent, &mut self.parent)
                    .map_err(failed)?
                    .tree(),
            ),
            None => None,
        };
        if self.spare == Some(tree) {
            std::mem::swap(&mut self.old_tree, &mut self.new_tree);
        } else {
            objects
                .find_tree(&tree, &mut self.new_tree)
                .map_err(failed)?;
        }
        self.old_tree.clear();
        if let Some(parent_tree) = parent_tree {
            objects
                .find_tree(&parent_tree, &mut self.old_tree)
                .map_err(failed)?;
        }
        self.spare = parent_tree;
        let kind = self.repo.object_hash();
        self.changes.clear();
        gix::diff::tree(
            TreeRefIter::from_bytes(&self.old_tree, kind),
            TreeRefIter::from_bytes(&self.new_tree, kind),
            &mut self.state,
            objects,
            &mut self.changes,
        )
        .map_err(|err| failed(err).reading(data.id))?;
        Ok(to_git_commit(&data, self.changes.patch_set()))
    }
}

/// The parts of a commit the range reader uses, from gitoxide's parse.
fn commit_data(id: ObjectId, commit: &gix::objs::CommitRef<'_>) -> Result<CommitData, GitError> {
    let author = commit.author().map_err(failed)?;
    let time = author.time().map_err(failed)?;
    let parents = commit
        .parents()
        .map(|parent| to_git2(&parent))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(CommitData {
        id: to_git2(&id)?,
        tree: to_git2(&commit.tree())?,
        names_parent: !parents.is_empty(),
        parents,
        message: commit.message.to_vec(),
        encoding: commit.encoding.map(|name| name.to_vec()),
        author_name: author.name.to_vec(),
        author_email: author.email.to_vec(),
        author_time: (time.seconds, time.offset / 60),
    })
}

/// The changes of one tree diff, as raw paths: files only (a directory's files are reported,
/// not the directory), a type change one `M`, as `git diff-tree -r` shows them. gix walks
/// breadth first; the paths are sorted into git's order at the end (bytewise on the full path,
/// which is the depth-first tree order: a directory sorts as its name plus `/`).
#[derive(Default)]
struct Changes {
    path: BString,
    queued: VecDeque<BString>,
    out: Vec<(BString, ChangeKind)>,
}

impl Changes {
    fn clear(&mut self) {
        self.path.clear();
        self.queued.clear();
        self.out.clear();
    }

    fn patch_set(&mut self) -> Vec<FileChange> {
        self.out.sort_by(|a, b| a.0.cmp(&b.0));
        self.out
            .drain(..)
            .map(|(path, change)| FileChange {
                path: path.to_str_lossy().into_owned(),
                change,
            })
            .collect()
    }

    fn pop(&mut self) {
        match self.path.rfind_byte(b'/') {
            Some(at) => self.path.truncate(at),
            None => self.path.clear(),
        }
    }

    fn push(&mut self, name: &BStr) {
        if name.is_empty() {
            return;
        }
        if !self.path.is_empty() {
            self.path.push(b'/');
        }
        self.path.push_str(name);
    }
}

impl Visit for Changes {
    fn pop_front_tracked_path_and_set_current(&mut self) {
        self.path = self.queued.pop_front().unwrap_or_default();
    }

    fn push_back_tracked_path_component(&mut self, component: &BStr) {
        self.push(component);
        self.queued.push_back(self.path.clone());
    }

    fn push_path_component(&mut self, component: &BStr) {
        self.push(component);
    }

    fn pop_path_component(&mut self) {
        self.pop();
    }

    fn visit(&mut self, change: visit::Change) -> visit::Action {
        use visit::Change::{Addition, Deletion, Modification};
        let kind = match change {
            Addition { entry_mode, .. } if !entry_mode.is_tree() => Some(ChangeKind::Added),
            Deletion { entry_mode, .. } if !entry_mode.is_tree() => Some(ChangeKind::Deleted),
            Modification {
                previous_entry_mode: old,
                entry_mode: new,
                ..
            } => match (old.is_tree(), new.is_tree()) {
                (false, false) => Some(ChangeKind::Modified),
                // A directory became a file (its files are reported deleted), or the reverse.
                (true, false) => Some(ChangeKind::Added),
                (false, true) => Some(ChangeKind::Deleted),
                (true, true) => None,
            },
            _ => None,
        };
        if let Some(kind) = kind {
            self.out.push((self.path.clone(), kind));
        }
        ControlFlow::Continue(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::process::Command;

    use super::*;

    fn git(dir: &Path, args: &[&str]) -> String {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(["-c", "user.name=T", "-c", "user.email=t@example.com"])
            .args(args)
            .env("GIT_AUTHOR_DATE", "1700000000 +0100")
            .env("GIT_COMMITTER_DATE", "1700000000 +0100")
            .output()
            .unwrap();
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    fn commit_files(dir: &Path, files: &[(&str, Option<&str>)], message: &str) {
        for (path, content) in files {
            let file = dir.join(path);
            match content {
                Some(content) => {
                    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
                    std::fs::write(&file, content).unwrap();
                }
                None if file.is_dir() => std::fs::remove_dir_all(&file).unwrap(),
                None => std::fs::remove_file(&file).unwrap(),
            }
        }
        git(dir, &["add", "-A"]);
        git(dir, &["commit", "-q", "--allow-empty", "-m", message]);
    }

    /// A packed history with merges, nested directories, a file that becomes a directory and
    /// back, and a rename.
    fn history(dir: &Path) {
        git(dir, &["init", "-q", "-b", "main"]);
        commit_files(
            dir,
            &[("a.txt", Some("a")), ("d/e/f.txt", Some("f"))],
            "root",
        );
        for n in 0..6 {
            git(dir, &["checkout", "-q", "-B", "side", "main"]);
            let side = format!("d/side{n}.txt");
            commit_files(
                dir,
                &[(&side, Some("s")), ("d/e/f.txt", Some(&n.to_string()))],
                "s",
            );
            git(dir, &["checkout", "-q", "main"]);
            commit_files(
                dir,
                &[("a.txt", Some(&format!("a{n}"))), ("a.b", Some("x"))],
                "m",
            );
            git(dir, &["merge", "-q", "--no-ff", "-m", "merge", "side"]);
        }
        commit_files(
            dir,
            &[("d/e", None), ("d/e", Some("now a file"))],
            "to file",
        );
        commit_files(dir, &[("d/e", None), ("d/e/g.txt", Some("g"))], "to dir");
        git(dir, &["mv", "a.txt", "d/a.txt"]);
        commit_files(dir, &[], "rename");
        git(dir, &["repack", "-adq"]);
    }

    #[test]
    fn gix_reads_what_the_own_reader_reads() {
        let tmp = tempfile::tempdir().unwrap();
        history(tmp.path());
        let repo = super::super::open(Some(tmp.path())).unwrap();
        let head = repo.resolve_oid("HEAD").unwrap();
        for previous in [None, Some("HEAD~9")] {
            let range = RangeSpec {
                stop_at: previous.map(str::to_string).into_iter().collect(),
                initial_depth: usize::MAX,
                ..RangeSpec::default()
            };
            let own = repo.read_commits(&range, false).unwrap();
            let hide: Vec<_> = previous
                .map(|p| repo.resolve_oid(p).unwrap())
                .into_iter()
                .collect();
            let mut read = Vec::new();
            let progress = Progress::new(false);
            repo.stream_with_gix(head, &hide, &range, &progress, |commit| {
                read.push(commit);
                ControlFlow::Continue(())
            })
            .unwrap();
            assert_eq!(read, own.commits, "from {previous:?}");
        }
    }
}
