//! A 10,000-commit repository, written with one `git fast-import` (under a second) and shared
//! by the crash and concurrency tests, and a 20,001-commit one with long messages for the
//! memory test.
//!
//! Their content is fixed (names, dates, messages, files), so its commit ids are the same on
//! every run: it is built once under cargo's `CARGO_TARGET_TMPDIR` and reused by later runs
//! while `git rev-list` still finds every commit. Tests only read it.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::OnceLock;

pub const COMMITS: usize = 10_000;

/// The repository, and its commits newest first (`git rev-list HEAD`).
pub struct BigRepo {
    pub dir: PathBuf,
    pub shas: Vec<String>,
}

impl BigRepo {
    pub fn path(&self) -> &str {
        self.dir.to_str().unwrap()
    }

    /// The commit `n` commits below HEAD (`HEAD~n`).
    pub fn back(&self, n: usize) -> &str {
        &self.shas[n]
    }

    /// `git rev-list FROM..TO` (newest first), where FROM and TO count back from HEAD.
    pub fn range(&self, from: usize, to: usize) -> Vec<String> {
        assert!(to < from);
        self.shas[to..from].to_vec()
    }
}

/// The shared repository (built on first use).
pub fn big_repo() -> &'static BigRepo {
    static REPO: OnceLock<BigRepo> = OnceLock::new();
    REPO.get_or_init(|| cached("relctl-10k-commits-v2", COMMITS, ""))
}

/// Commits of [`long_repo`]: `HEAD~20000..HEAD` is 20,000 of them.
pub const LONG_COMMITS: usize = 20_001;

/// A repository like [`big_repo`] with [`LONG_COMMITS`] commits, each message carrying a
/// 1 KiB body (git/git's average is about 700 bytes): reading the range whole would take
/// 20 MiB more memory for 20,000 commits than for 2,000, so a test can see that it is not.
pub fn long_repo() -> &'static BigRepo {
    static REPO: OnceLock<BigRepo> = OnceLock::new();
    REPO.get_or_init(|| {
        let body = "A paragraph of explanation, as in a real commit message. ".repeat(18);
        cached("relctl-20k-long-messages-v1", LONG_COMMITS, &body)
    })
}

/// The repository `name` under cargo's temporary directory, built when it is not there whole.
fn cached(name: &str, commits: usize, body: &str) -> BigRepo {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    if let Some(shas) = rev_list(&dir).filter(|shas| shas.len() == commits) {
        return BigRepo { dir, shas };
    }
    let _ = std::fs::remove_dir_all(&dir);
    let building = dir.with_extension(format!("building-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&building);
    build(&building, commits, body);
    // Another test binary may have finished first: then theirs is as good as ours.
    if std::fs::rename(&building, &dir).is_err() {
        let _ = std::fs::remove_dir_all(&building);
    }
    let shas = rev_list(&dir).expect("rev-list of the big repository");
    assert_eq!(shas.len(), commits);
    BigRepo { dir, shas }
}

fn git(dir: &Path) -> Command {
    let mut cmd = Command::new("git");
    cmd.current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .env("LC_ALL", "C");
    for (key, _) in std::env::vars() {
        if key.starts_with("GIT_") && key != "GIT_CONFIG_NOSYSTEM" {
            cmd.env_remove(key);
        }
    }
    cmd
}

fn rev_list(dir: &Path) -> Option<Vec<String>> {
    let out = git(dir).args(["rev-list", "HEAD"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8(out.stdout)
            .ok()?
            .lines()
            .map(str::to_string)
            .collect(),
    )
}

/// `n` commits on `main`: seven authors in turn, one minute apart, each changing one of 50
/// files (every 10th also adds a file, ten to a directory; every 97th deletes one of those);
/// `body` ends every message.
pub fn build(dir: &Path, n: usize, body: &str) {
    std::fs::create_dir_all(dir).unwrap();
    let status = git(dir).args(["init", "-q"]).status().unwrap();
    assert!(status.success());
    let mut stream = String::with_capacity(n * (200 + body.len()));
    for i in 1..=n {
        let when = 1_700_000_000 + i * 60;
        let author = i % 7;
        let message = format!("Change {i}\n\nBody of change {i}.\n{body}");
        let _ = write!(
            stream,
            "commit refs/heads/main\nmark :{i}\nauthor Dev {author} <dev{author}@example.com> {when} +0000\ncommitter CI <ci@example.com> {when} +0000\ndata {}\n{message}",
            message.len()
        );
        if i > 1 {
            let _ = writeln!(stream, "from :{}", i - 1);
        }
        let content = format!("line {i}\n");
        let _ = write!(
            stream,
            "M 100644 inline src/file{}.txt\ndata {}\n{content}\n",
            i % 50,
            content.len()
        );
        if i % 10 == 0 {
            let _ = write!(
                stream,
                "M 100644 inline added/{}/a{i}.txt\ndata {}\n{content}\n",
                i / 100,
                content.len()
            );
        }
        if i % 97 == 0 && i > 100 {
            let gone = (i - 91) / 10 * 10;
            let _ = writeln!(stream, "D added/{}/a{gone}.txt", gone / 100);
        }
    }
    let mut child = git(dir)
        .args(["fast-import", "--quiet"])
        .stdin(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stream.as_bytes())
        .unwrap();
    assert!(child.wait().unwrap().success(), "git fast-import failed");
    let status = git(dir)
        .args(["symbolic-ref", "HEAD", "refs/heads/main"])
        .status()
        .unwrap();
    assert!(status.success());
}
