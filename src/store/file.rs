//! The store's file on disk: telling what a path holds without changing it, opening it for
//! reading without writing, and creating a new store so that it appears only complete.
//!
//! - [`probe`] reads the 100-byte SQLite header itself, so a directory, a file that is not a
//!   SQLite database, another application's marked database, a truncated store and a store of a
//!   newer relctl are refused before SQLite opens them. Only an unmarked database (another
//!   application's, or a store made before relctl marked its stores) needs SQLite to say which.
//!   It reads nothing while a connection of this process has the file open (`held.rs`): closing
//!   its descriptor would drop SQLite's locks, and another SQLite client would then delete the
//!   WAL under that connection. SQLite's own inspection says what such a file is.
//! - [`open_for_query`] opens a connection that cannot write. While no other connection has the
//!   file open (no `-wal`, no `-journal` beside it), that is a read-write connection with
//!   `PRAGMA query_only`: SQLite refuses every write on it, and it removes the `-wal`/`-shm`
//!   files it makes when it closes (a read-only connection would leave them behind). Otherwise,
//!   or when the file or its directory cannot be written, a read-only connection; and when even
//!   that cannot set up WAL's shared memory (a directory this user cannot write), an
//!   `immutable` one, which takes no locks: it is used only when no WAL holds changes, that is
//!   when nobody is writing the store as the read begins.
//! - [`create`] builds a new store in a private temporary file beside the final path, runs the
//!   command's write on it, and hard-links it into place only when that write committed, so a
//!   failing command leaves no store (and no directories it made), a crash leaves no
//!   half-initialised store, and concurrent first writers never overwrite each other: the
//!   link fails for all but one, and the others run their write again on the winner's store.

use std::ffi::OsString;
use std::fs::{DirBuilder, OpenOptions};
use std::io::Read;
#[cfg(unix)]
use std::os::unix::ffi::OsStrExt;
#[cfg(unix)]
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use rusqlite::{Connection, ErrorCode, OpenFlags};

use super::held::{self, Hold};
use super::migrations::{self, APPLICATION_ID};
use crate::error::{Error, Result};

/// What a path holds, from the file system and the SQLite header alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    /// Nothing at the path.
    Missing,
    /// An empty file: a new store.
    Empty,
    /// A SQLite database carrying relctl's application id (a relctl store).
    Marked,
    /// A SQLite database without an application id: a relctl store made before stores were
    /// marked, or another application's database; [`migrations::inspect`] tells which.
    Unmarked,
    /// A file a SQLite connection of this process has open, whose bytes only SQLite may read now
    /// (`held.rs`); [`migrations::inspect`] tells what it is.
    Held,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The path of a file SQLite keeps beside the database (`-wal`, `-shm`, `-journal`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

fn damaged(path: &Path, why: &str) -> Error {
    Error::usage(format!(
        "the store {} is damaged ({why}); it was left unchanged",
        path.display()
    ))
}

/// Says what `path` holds, refusing what is not a relctl store. Reads at most 100 bytes.
///
/// A file shorter than its header says is truncated, unless a checkpoint is writing it: SQLite
/// writes page 1 (the header) first and grows the file after, while a `-wal` exists. So the size
/// is only judged when no `-wal` is seen before or after reading, and a file that looks
/// truncated is looked at again a few times before it is called damaged.
///
/// The header is read only while no connection of this process has the file open (`held.rs`):
/// closing the descriptor read through would drop SQLite's locks. Then the file is [`Found::Held`].
pub fn probe(path: &Path) -> Result<Found> {
    let mut pause = Duration::from_millis(5);
    for _ in 0..4 {
        match probe_unless_held(path)? {
            Ok(found) => return Ok(found),
            Err(_) => {
                std::thread::sleep(pause);
                pause *= 2;
            }
        }
    }
    match probe_unless_held(path)? {
        Ok(found) => Ok(found),
        Err(len) => Err(damaged(
            path,
            &format!("truncated: {len} bytes, not whole pages of the database"),
        )),
    }
}

/// [`probe_once`], or [`Found::Held`] without a look when this process has the file open.
fn probe_unless_held(path: &Path) -> Result<Result<Found, u64>> {
    held::unless_held(path, || probe_once(path)).unwrap_or(Ok(Ok(Found::Held)))
}

/// One look at `path`; `Ok(Err(len))` when it looks truncated at `len` bytes.
fn probe_once(path: &Path) -> Result<Result<Found, u64>> {
    if !is_regular_file(path)? {
        return Ok(Ok(Found::Missing));
    }
    // Looked at before the file: while a WAL exists a checkpoint may be writing the file (page 1
    // first, then growing it), so its size says nothing about truncation.
    let wal = sidecar(path, "-wal").metadata().ok();
    let (header, len) = read_header(path)?;
    if len == 0 {
        // A store whose first pages are still only in its WAL is for SQLite to read.
        return Ok(Ok(if wal.is_some_and(|wal| wal.len() > 0) {
            Found::Unmarked
        } else {
            Found::Empty
        }));
    }
    Header::parse(path, &header)?.judge(path, len, wal.is_some())
}

/// Whether a regular file is at `path` (`false`: nothing is); a dangling symbolic link, a
/// directory or anything else that is not a regular file is refused. Only `stat`s, opens
/// nothing.
fn is_regular_file(path: &Path) -> Result<bool> {
    let meta = loop {
        match std::fs::metadata(path) {
            Ok(meta) => break meta,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                match std::fs::symlink_metadata(path) {
                    Ok(link) if link.file_type().is_symlink() => {
                        return Err(Error::usage(format!(
                            "the store path {} is a symbolic link to nothing",
                            path.display()
                        )));
                    }
                    // Another process created the store just now: look again.
                    Ok(_) => continue,
                    Err(_) => return Ok(false),
                }
            }
            Err(err) => {
                return Err(Error::other(format!(
                    "cannot read the store {}: {err}",
                    path.display()
                )));
            }
        }
    };
    if meta.is_dir() {
        return Err(Error::usage(format!(
            "{} is a directory, not a relctl store",
            path.display()
        )));
    }
    if !meta.is_file() {
        return Err(migrations::not_a_store(path, "not a regular file"));
    }
    Ok(true)
}

/// The first 100 bytes of the file at `path` (fewer if it is shorter) and its length, through
/// one descriptor. Only for [`probe_once`], under [`held::unless_held`]: no SQLite connection of
/// this process may have the file open while this descriptor is closed.
fn read_header(path: &Path) -> Result<(Vec<u8>, u64)> {
    let mut header = Vec::with_capacity(100);
    let len = std::fs::File::open(path)
        .and_then(|mut file| {
            file.by_ref().take(100).read_to_end(&mut header)?;
            Ok(file.metadata()?.len())
        })
        .map_err(|err| Error::other(format!("cannot read the store {}: {err}", path.display())))?;
    Ok((header, len))
}

/// The fields of a SQLite database header (its first 100 bytes) that [`probe`] judges.
struct Header {
    application_id: i32,
    /// The page size in bytes, as written (judged in [`Header::judge`]).
    page_size: u64,
    /// The database's size in pages, and whether that count is valid (SQLite's rule: the
    /// version-valid-for number equals the change counter).
    pages: u64,
    pages_valid: bool,
    /// `PRAGMA user_version`: a relctl store's schema version.
    user_version: i64,
}

impl Header {
    /// The header at the start of `bytes` (what [`read_header`] read); refused when the file
    /// is not a SQLite database, or too short to hold a whole header.
    fn parse(path: &Path, bytes: &[u8]) -> Result<Header> {
        if !bytes.starts_with(SQLITE_MAGIC) {
            return Err(if SQLITE_MAGIC.starts_with(bytes) {
                damaged(path, "truncated")
            } else {
                migrations::not_a_store(path, "not a SQLite database")
            });
        }
        if bytes.len() < 100 {
            return Err(damaged(path, "truncated"));
        }
        let be32 = |at: usize| {
            u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
        };
        Ok(Header {
            application_id: be32(68) as i32,
            page_size: match u16::from_be_bytes([bytes[16], bytes[17]]) {
                1 => 65536,
                size => u64::from(size),
            },
            pages: u64::from(be32(28)),
            pages_valid: be32(24) == be32(92),
            user_version: i64::from(be32(60) as i32),
        })
    }

    /// What a file of `len` bytes with this header holds, refusing another application's
    /// database, a bad page size and a newer relctl's store; `Ok(Err(len))` when the length is
    /// not whole pages (or fewer than the header counts) and no WAL, seen before the read
    /// (`wal_seen`) or now, says a checkpoint may be writing the file.
    fn judge(&self, path: &Path, len: u64, wal_seen: bool) -> Result<Result<Found, u64>> {
        let app = self.application_id;
        if app != 0 && app != APPLICATION_ID {
            return Err(migrations::not_a_store(
                path,
                &format!("a database of another application, application id {app:#x}"),
            ));
        }
        let page_size = self.page_size;
        if !(512..=65536).contains(&page_size) || !page_size.is_power_of_two() {
            return Err(damaged(path, "bad page size"));
        }
        if (!len.is_multiple_of(page_size) || (self.pages_valid && len < self.pages * page_size))
            && !wal_seen
            && !sidecar(path, "-wal").exists()
        {
            return Ok(Err(len));
        }
        if app == APPLICATION_ID {
            if self.user_version > migrations::latest() {
                return Err(migrations::newer_store(
                    path,
                    self.user_version,
                    migrations::latest(),
                ));
            }
            return Ok(Ok(Found::Marked));
        }
        Ok(Ok(Found::Unmarked))
    }
}

/// Whether opening another way may work where `err` did not (permissions, a read-only
/// directory, WAL shared memory that cannot be made).
fn may_fall_back(err: &rusqlite::Error) -> bool {
    matches!(
        err.sqlite_error_code(),
        Some(
            ErrorCode::CannotOpen
                | ErrorCode::ReadOnly
                | ErrorCode::PermissionDenied
                | ErrorCode::SystemIoFailure
        )
    )
}

/// An error opening or inspecting the store, said with its path.
pub fn open_error(path: &Path, err: &rusqlite::Error) -> Error {
    let reason = crate::error::sqlite_reason(err);
    match err.sqlite_error_code() {
        Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase) => damaged(path, &reason),
        Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Error::conflict(format!(
            "the store {} is busy (another relctl is writing to it); retry: {reason}",
            path.display()
        )),
        _ => Error::other(format!(
            "cannot open the store {}: {reason}",
            path.display()
        )),
    }
}

/// Opens `flags`/`name` (the file at `path`) and reads the schema, so WAL and locking problems
/// show now.
fn try_open(
    path: &Path,
    name: &Path,
    flags: OpenFlags,
    query_only: bool,
) -> rusqlite::Result<(Connection, Hold)> {
    let (conn, hold) = connect(path, name, flags)?;
    conn.busy_timeout(super::BUSY_TIMEOUT)?;
    if query_only {
        conn.pragma_update(None, "query_only", true)?;
    }
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |row| {
        row.get::<_, i64>(0)
    })?;
    Ok((conn, hold))
}

/// Opens a SQLite connection to the file at `path` (named `name` for SQLite: the path itself or
/// a URI of it), holding the file for as long as the returned [`Hold`] lives (`held.rs`). Keep
/// the hold at least as long as the connection.
pub fn connect(path: &Path, name: &Path, flags: OpenFlags) -> rusqlite::Result<(Connection, Hold)> {
    let hold = Hold::take(path);
    let conn = Connection::open_with_flags(name, flags)?;
    Ok((conn, hold))
}

/// A `file:` URI for `path` with `query` (SQLite's URI filenames), every byte that is not
/// plainly safe percent-encoded.
fn uri(path: &Path, query: &str) -> PathBuf {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'/')
        .remove(b'-')
        .remove(b'_')
        .remove(b'.')
        .remove(b'~');
    #[cfg(unix)]
    let bytes = path.as_os_str().as_bytes();
    // Elsewhere (Windows) a path is UTF-16; SQLite's URIs are UTF-8, with `/` separators and the
    // drive as the first segment (`file:/C:/Users/...`).
    #[cfg(not(unix))]
    let text = {
        let text = path.to_string_lossy().replace('\\', "/");
        if text.starts_with('/') {
            text
        } else {
            format!("/{text}")
        }
    };
    #[cfg(not(unix))]
    let bytes = text.as_bytes();
    let encoded = percent_encoding::percent_encode(bytes, KEEP);
    PathBuf::from(format!("file:{encoded}?{query}"))
}

/// A connection to an existing database that never writes it (see the module docs), with its
/// hold on the file.
pub fn open_for_query(path: &Path) -> Result<(Connection, Hold)> {
    let no_flags = OpenFlags::SQLITE_OPEN_NO_MUTEX;
    let others_use_it = sidecar(path, "-wal").exists() || sidecar(path, "-journal").exists();
    let mut first_err = None;
    if !others_use_it {
        match try_open(
            path,
            path,
            no_flags | OpenFlags::SQLITE_OPEN_READ_WRITE,
            true,
        ) {
            Ok(conn) => return Ok(conn),
            Err(err) if may_fall_back(&err) => first_err = Some(err),
            Err(err) => return Err(open_error(path, &err)),
        }
    }
    match try_open(
        path,
        path,
        no_flags | OpenFlags::SQLITE_OPEN_READ_ONLY,
        false,
    ) {
        Ok(conn) => return Ok(conn),
        Err(err) if may_fall_back(&err) => {
            first_err.get_or_insert(err);
        }
        Err(err) => return Err(open_error(path, &err)),
    }
    let wal_empty = sidecar(path, "-wal")
        .metadata()
        .map_or(true, |wal| wal.len() == 0);
    if wal_empty {
        let flags = no_flags | OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        match try_open(path, &uri(path, "immutable=1"), flags, false) {
            Ok(conn) => return Ok(conn),
            Err(err) => {
                first_err.get_or_insert(err);
            }
        }
    }
    Err(first_err.map_or_else(
        || Error::other(format!("cannot open the store {}", path.display())),
        |err| open_error(path, &err),
    ))
}

/// The outcome of [`create`].
pub enum Created<T> {
    /// The store was created with the write's result in it.
    Made(T),
    /// Another process created the store first; the write was not kept and must run again on
    /// the existing store.
    Existed,
}

/// Creates the missing directories of `dir` (mode 0700), outermost first; returns those made.
/// An error names the directory it is about.
fn make_dirs(dir: &Path) -> std::result::Result<Vec<PathBuf>, (PathBuf, std::io::Error)> {
    let mut missing = Vec::new();
    let mut at = dir;
    loop {
        match std::fs::metadata(at) {
            Ok(meta) if meta.is_dir() => break,
            Ok(_) => {
                let err = std::io::Error::new(std::io::ErrorKind::NotADirectory, "not a directory");
                return Err((at.to_path_buf(), err));
            }
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                missing.push(at.to_path_buf());
                match at.parent().filter(|p| !p.as_os_str().is_empty()) {
                    Some(parent) => at = parent,
                    None => break,
                }
            }
            Err(err) => return Err((at.to_path_buf(), err)),
        }
    }
    let mut made = Vec::new();
    for missing in missing.iter().rev() {
        match private_dir_builder().create(missing) {
            Ok(()) => made.push(missing.clone()),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(err) => {
                remove_dirs(&made);
                return Err((missing.clone(), err));
            }
        }
    }
    Ok(made)
}

/// Private to the user on Unix (0700).
#[cfg(unix)]
fn private_dir_builder() -> DirBuilder {
    let mut builder = DirBuilder::new();
    builder.mode(0o700);
    builder
}

/// Windows has no modes: a directory under the user's profile (where the default store lives)
/// inherits the profile's ACL, which is the user's own.
#[cfg(not(unix))]
fn private_dir_builder() -> DirBuilder {
    DirBuilder::new()
}

/// Removes directories [`make_dirs`] made, innermost first, as long as they are empty (another
/// process may have put its own store in one meanwhile).
fn remove_dirs(made: &[PathBuf]) {
    for dir in made.iter().rev() {
        let _ = std::fs::remove_dir(dir);
    }
}

/// A private file beside the store that is removed (with SQLite's files) when dropped.
struct TempFile {
    path: PathBuf,
}

impl TempFile {
    fn new(dir: &Path, store_name: &std::ffi::OsStr) -> std::io::Result<TempFile> {
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        loop {
            let mut name = OsString::from(".");
            name.push(store_name);
            name.push(format!(
                ".{}-{}.new",
                std::process::id(),
                COUNTER.fetch_add(1, Ordering::Relaxed)
            ));
            let path = dir.join(name);
            let mut options = OpenOptions::new();
            options.write(true).create_new(true);
            // As for the directories (make_dirs): 0600 on Unix, the directory's ACL on Windows.
            #[cfg(unix)]
            options.mode(0o600);
            match options.open(&path) {
                Ok(_) => return Ok(TempFile { path }),
                Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => continue,
                Err(err) => return Err(err),
            }
        }
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        for suffix in ["-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(sidecar(&self.path, suffix));
        }
        let _ = std::fs::remove_file(&self.path);
    }
}

/// Puts the finished store at `path` unless something is there already (then `Ok(false)`).
fn put_in_place(temp: &Path, path: &Path) -> Result<bool> {
    match std::fs::hard_link(temp, path) {
        Ok(()) => Ok(true),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(link_err) => {
            // A file system without hard links: rename, after a last look (the window in which
            // another process could create the store too is this one check).
            if std::fs::symlink_metadata(path).is_ok() {
                return Ok(false);
            }
            std::fs::rename(temp, path).map_err(|err| {
                Error::other(format!(
                    "cannot create the store {}: {err} (and linking failed: {link_err})",
                    path.display()
                ))
            })?;
            Ok(true)
        }
    }
}

/// Creates the store at `path` (which was missing) with `write`'s changes in it: see the
/// module docs. `write` runs on the new store; when it fails nothing is left behind.
pub fn create<T>(
    path: &Path,
    write: &mut dyn FnMut(&mut super::Store) -> Result<T>,
) -> Result<Created<T>> {
    let name = path.file_name().ok_or_else(|| {
        Error::usage(format!(
            "the store path {} does not name a file",
            path.display()
        ))
    })?;
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut attempts = 0;
    let (made, temp) = loop {
        attempts += 1;
        let made_and_temp = make_dirs(dir).and_then(|made| match TempFile::new(dir, name) {
            Ok(temp) => Ok((made, temp)),
            Err(err) => {
                remove_dirs(&made);
                Err((dir.to_path_buf(), err))
            }
        });
        match made_and_temp {
            Ok(made_and_temp) => break made_and_temp,
            // A process whose first write failed removed a directory it had made just as this
            // one was making or using it: make it again.
            Err((_, err)) if err.kind() == std::io::ErrorKind::NotFound && attempts < 10 => {}
            Err((at, err)) => {
                return Err(Error::other(format!(
                    "cannot create the store {}: {}: {err}",
                    path.display(),
                    at.display()
                )));
            }
        }
    };
    let result = fill_and_place(&temp.path, path, write);
    drop(temp);
    if result.is_err() {
        remove_dirs(&made);
    }
    result
}

fn fill_and_place<T>(
    temp: &Path,
    path: &Path,
    write: &mut dyn FnMut(&mut super::Store) -> Result<T>,
) -> Result<Created<T>> {
    let mut store = super::Store::open_new(temp, path)?;
    let value = write(&mut store)?;
    store.finish_new()?;
    if put_in_place(temp, path)? {
        // Make the new name durable too (best effort: some file systems refuse to sync a
        // directory).
        if let Some(dir) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        }
        Ok(Created::Made(value))
    } else {
        Ok(Created::Existed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn probe_reads_only_the_header() {
        let dir = tempfile::tempdir().unwrap();
        let at = |name: &str| dir.path().join(name);
        assert_eq!(probe(&at("missing")).unwrap(), Found::Missing);
        std::fs::write(at("empty"), b"").unwrap();
        assert_eq!(probe(&at("empty")).unwrap(), Found::Empty);
        std::fs::write(at("text"), b"hello").unwrap();
        assert!(
            probe(&at("text"))
                .unwrap_err()
                .message
                .contains("not a SQLite database")
        );
        std::fs::write(at("cut"), b"SQLite for").unwrap();
        assert!(probe(&at("cut")).unwrap_err().message.contains("damaged"));
        assert!(probe(dir.path()).unwrap_err().message.contains("directory"));
        std::os::unix::fs::symlink(at("nowhere"), at("dangling")).unwrap();
        assert!(
            probe(&at("dangling"))
                .unwrap_err()
                .message
                .contains("symbolic link")
        );

        let db = at("other.db");
        Connection::open(&db)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        assert_eq!(probe(&db).unwrap(), Found::Unmarked);
        Connection::open(&db)
            .unwrap()
            .pragma_update(None, "application_id", 42)
            .unwrap();
        assert!(
            probe(&db)
                .unwrap_err()
                .message
                .contains("another application")
        );
        Connection::open(&db)
            .unwrap()
            .pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        assert_eq!(probe(&db).unwrap(), Found::Marked);
        Connection::open(&db)
            .unwrap()
            .pragma_update(None, "user_version", 1000)
            .unwrap();
        assert!(probe(&db).unwrap_err().message.contains("newer"));
    }

    #[test]
    fn uris_escape_what_sqlite_would_read_as_syntax() {
        assert_eq!(
            uri(Path::new("/a b/c?d#e%f.db"), "immutable=1"),
            PathBuf::from("file:/a%20b/c%3Fd%23e%25f.db?immutable=1")
        );
    }

    #[test]
    fn a_failed_write_leaves_no_store_and_no_directories() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a/b/s.db");
        let result = create(&path, &mut |_store| -> Result<()> {
            Err(Error::not_found("no such project"))
        });
        assert!(result.is_err());
        assert!(!dir.path().join("a").exists());
    }
}
