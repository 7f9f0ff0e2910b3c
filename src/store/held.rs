//! Which store files this process has SQLite connections to, so that nothing else in the process
//! opens them while it does.
//!
//! SQLite's locks are POSIX advisory locks. They belong to the process and the file, so closing
//! *any* descriptor of the database file drops every lock the process holds there (sqlite.org,
//! "How To Corrupt An SQLite Database File", section 2.2). SQLite's own connections share their
//! descriptors and defer closing them for exactly this reason, but a descriptor opened outside
//! SQLite does not. `serve` used to read the store's header with `File::open` whenever its pool
//! opened a connection. After that, it held no lock on the store. The next `sqlite3` shell (or
//! backup, or CLI reader) to close the store found itself the last connection, checkpointed, and
//! unlinked the WAL that `serve` went on writing into, and writes `serve` had acknowledged were
//! lost.
//!
//! So every SQLite connection to a store file is opened under a [`Hold`], taken before SQLite
//! opens the file and given back after the connection is closed. [`unless_held`] runs a look at
//! the file's bytes (the header probe) only while no connection of this process holds the file,
//! under the same lock, so no connection can open in between. Files are told apart by device and
//! inode: a symbolic link, another spelling of the path, and a new store's temporary name (which
//! is hard-linked into place) are the same file.

#[cfg(unix)]
use std::os::unix::fs::MetadataExt;
use std::path::Path;
use std::sync::{Mutex, MutexGuard};

/// A file, by device and inode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct FileId {
    dev: u64,
    ino: u64,
}

/// The files held, each with the number of connections holding it.
static HELD: Mutex<Vec<(FileId, usize)>> = Mutex::new(Vec::new());

fn held() -> MutexGuard<'static, Vec<(FileId, usize)>> {
    // The list stays consistent even if a holder panicked: every change is one statement.
    HELD.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The file at `path` (following links); `None` when there is none. `stat` opens nothing.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    let meta = std::fs::metadata(path).ok()?;
    Some(FileId {
        dev: meta.dev(),
        ino: meta.ino(),
    })
}

/// Elsewhere (Windows) the file's canonical path stands for it, hashed: the volume serial and
/// file index are behind an unstable std API. What this module guards against is POSIX's: on
/// Windows SQLite locks with `LockFileEx`, per handle, so another handle's close drops nothing;
/// the hold only has to name the file consistently there, and two hard links to one file count
/// as two files.
#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    use std::hash::{Hash, Hasher};
    let canonical = std::fs::canonicalize(path).ok()?;
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut hasher);
    Some(FileId {
        dev: 0,
        ino: hasher.finish(),
    })
}

/// One SQLite connection's claim on a store file: while it lives, [`unless_held`] does not look
/// at the file. Keep it for as long as the connection, and drop it after the connection.
#[derive(Debug)]
pub struct Hold {
    id: Option<FileId>,
}

impl Hold {
    /// Claims the file at `path` before SQLite opens it. A path with no file behind it claims
    /// nothing (SQLite will not open it without being asked to create it).
    pub fn take(path: &Path) -> Hold {
        let mut held = held();
        let id = file_id(path);
        if let Some(id) = id {
            match held.iter_mut().find(|(file, _)| *file == id) {
                Some((_, count)) => *count += 1,
                None => held.push((id, 1)),
            }
        }
        Hold { id }
    }
}

impl Drop for Hold {
    fn drop(&mut self) {
        let Some(id) = self.id else { return };
        let mut held = held();
        if let Some(at) = held.iter().position(|(file, _)| *file == id) {
            held[at].1 -= 1;
            if held[at].1 == 0 {
                held.swap_remove(at);
            }
        }
    }
}

/// Runs `look`, which opens the file at `path` itself, unless a connection of this process holds
/// that file (then `None`: only SQLite may read it now). No connection can open meanwhile.
pub fn unless_held<T>(path: &Path, look: impl FnOnce() -> T) -> Option<T> {
    let held = held();
    let id = file_id(path);
    if id.is_some_and(|id| held.iter().any(|(file, _)| *file == id)) {
        return None;
    }
    let value = look();
    drop(held);
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_held_while_any_hold_on_it_lives_under_any_name() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("s.db");
        std::fs::write(&path, b"").unwrap();
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(&path, &link).unwrap();
        let other = dir.path().join("other.db");
        std::fs::write(&other, b"").unwrap();

        assert_eq!(unless_held(&path, || 1), Some(1));
        let first = Hold::take(&path);
        let second = Hold::take(&link);
        assert_eq!(unless_held(&path, || 1), None);
        assert_eq!(unless_held(&other, || 2), Some(2));
        drop(first);
        assert_eq!(unless_held(&link, || 1), None, "one hold is left");
        drop(second);
        assert_eq!(unless_held(&link, || 3), Some(3));
        // Nothing behind the path: nothing to claim, nothing to refuse.
        let nothing = Hold::take(&dir.path().join("missing"));
        assert_eq!(unless_held(&dir.path().join("missing"), || 4), Some(4));
        drop(nothing);
    }
}
