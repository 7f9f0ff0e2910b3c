//! Test fixtures: real repositories built with the `git` command line in temporary directories.
//!
//! Every git invocation runs with a private `HOME`, `GIT_CONFIG_NOSYSTEM=1`, a fixed identity and
//! fixed, distinct, increasing dates, so neither the developer's configuration nor the clock can
//! change a result. The expected values in the tests come from git itself (`rev-list`,
//! `diff-tree`), so the module is checked against the reference implementation, not against
//! hand-written lists.

use std::cell::Cell;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

use crate::git::{ChangeKind, FileChange};

/// A temporary directory holding a work tree at `root/repo` (and room for clones beside it).
pub struct Fixture {
    pub tmp: TempDir,
    pub work: PathBuf,
    clock: Cell<i64>,
}

const EPOCH: i64 = 1_700_000_000;

impl Fixture {
    /// An empty repository on branch `main`.
    pub fn new() -> Self {
        let tmp = tempfile::tempdir().expect("tempdir");
        let work = tmp.path().join("repo");
        std::fs::create_dir(&work).expect("mkdir repo");
        let fixture = Fixture {
            tmp,
            work,
            clock: Cell::new(0),
        };
        fixture.git(["init", "-q"]);
        fixture
    }

    /// A `git` command with the isolated environment, run in `dir`.
    pub fn command_in(&self, dir: &Path) -> Command {
        let tick = self.clock.get();
        let date = format!("{} +0200", EPOCH + tick * 60);
        let mut cmd = Command::new("git");
        cmd.current_dir(dir)
            .env("HOME", self.tmp.path())
            .env("XDG_CONFIG_HOME", self.tmp.path())
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("GIT_AUTHOR_DATE", &date)
            .env("GIT_COMMITTER_DATE", &date)
            .env("LC_ALL", "C")
            .env_remove("GIT_DIR")
            .env_remove("GIT_WORK_TREE")
            .env_remove("GIT_INDEX_FILE")
            .env_remove("GIT_OBJECT_DIRECTORY")
            .env_remove("GIT_ALTERNATE_OBJECT_DIRECTORIES")
            .env_remove("GIT_CEILING_DIRECTORIES")
            .args([
                "-c",
                "user.name=Test Author",
                "-c",
                "user.email=author@example.com",
                "-c",
                "init.defaultBranch=main",
                "-c",
                "commit.gpgsign=false",
                "-c",
                "core.autocrlf=false",
                "-c",
                "protocol.file.allow=always",
            ]);
        cmd
    }

    /// Run git in `dir`, panicking with its stderr on failure; returns stdout as bytes.
    pub fn git_bytes_in<I, S>(&self, dir: &Path, args: I) -> Vec<u8>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        let mut cmd = self.command_in(dir);
        cmd.args(args);
        let out = cmd.output().expect("run git");
        assert!(
            out.status.success(),
            "{cmd:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    }

    /// Run git in the work tree; stdout trimmed.
    pub fn git<I, S>(&self, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.git_in(&self.work, args)
    }

    pub fn git_in<I, S>(&self, dir: &Path, args: I) -> String
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        String::from_utf8_lossy(&self.git_bytes_in(dir, args))
            .trim()
            .to_string()
    }

    /// Write a file in the work tree (creating directories).
    pub fn write(&self, path: &str, content: &str) {
        let full = self.work.join(path);
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::write(full, content).expect("write");
    }

    /// Stage everything and commit with the next date; returns the new HEAD sha.
    pub fn commit(&self, message: &str) -> String {
        self.clock.set(self.clock.get() + 1);
        self.git(["add", "-A"]);
        self.git(["commit", "-q", "--allow-empty", "-m", message]);
        self.head()
    }

    /// Write one file and commit it.
    pub fn commit_file(&self, path: &str, content: &str) -> String {
        self.write(path, content);
        self.commit(&format!("change {path}"))
    }

    /// Merge `branch` into the current branch with a merge commit (next date).
    pub fn merge(&self, branch: &str) -> String {
        self.clock.set(self.clock.get() + 1);
        self.git([
            "merge",
            "-q",
            "--no-ff",
            "-m",
            &format!("Merge {branch}"),
            branch,
        ]);
        self.head()
    }

    pub fn head(&self) -> String {
        self.git(["rev-parse", "HEAD"])
    }

    /// Advance the clock without committing.
    pub fn tick(&self) {
        self.clock.set(self.clock.get() + 1);
    }

    /// Writes a commit object as given, byte for byte (git would refuse or rewrite such
    /// commits), and returns its id.
    pub fn write_raw_commit(&self, object: &[u8]) -> String {
        let file = self.tmp.path().join("object");
        std::fs::write(&file, object).expect("object");
        self.git_in(
            &self.work,
            [
                "hash-object".as_ref(),
                "-t".as_ref(),
                "commit".as_ref(),
                "-w".as_ref(),
                "--literally".as_ref(),
                file.as_os_str(),
            ],
        )
    }

    /// `git rev-list ARGS` in `dir`, as a list of shas.
    pub fn rev_list_in(&self, dir: &Path, args: &[&str]) -> Vec<String> {
        let mut all = vec!["rev-list"];
        all.extend_from_slice(args);
        self.git_in(dir, all)
            .lines()
            .map(str::to_string)
            .filter(|line| !line.is_empty())
            .collect()
    }

    /// What `git diff-tree -r --no-renames --name-status` says commit `sha` changed against its
    /// first parent (or, for a root commit, against the empty tree), with `T` mapped to `M`.
    pub fn expected_patch_set_in(&self, dir: &Path, sha: &str) -> Vec<FileChange> {
        let parents = self.git_in(dir, ["rev-list", "--parents", "-n", "1", sha]);
        let has_parent = parents.split_whitespace().count() > 1;
        let first_parent = format!("{sha}^1");
        let mut args = vec![
            "diff-tree",
            "-z",
            "-r",
            "--no-renames",
            "--no-commit-id",
            "--name-status",
        ];
        if has_parent {
            args.push(&first_parent);
        } else {
            args.push("--root");
        }
        args.push(sha);
        let raw = self.git_bytes_in(dir, &args);
        let mut fields = raw.split(|b| *b == 0).filter(|f| !f.is_empty());
        let mut changes = Vec::new();
        while let (Some(status), Some(path)) = (fields.next(), fields.next()) {
            let change = match status {
                b"A" => ChangeKind::Added,
                b"D" => ChangeKind::Deleted,
                b"M" | b"T" => ChangeKind::Modified,
                other => panic!("unexpected status {}", String::from_utf8_lossy(other)),
            };
            changes.push(FileChange {
                path: String::from_utf8_lossy(path).into_owned(),
                change,
            });
        }
        changes
    }
}
