//! A test environment that runs the real `relctl` binary against a store in a tempdir, and
//! builds real git repositories with the `git` command.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

pub struct TestEnv {
    pub dir: TempDir,
    pub store: PathBuf,
    /// Extra environment variables for every command (e.g. a server URL and token).
    extra_env: Vec<(String, String)>,
}

impl TestEnv {
    pub fn new() -> TestEnv {
        let dir = tempfile::tempdir().unwrap();
        let store = dir.path().join("data").join("relctl.db");
        TestEnv {
            dir,
            store,
            extra_env: Vec::new(),
        }
    }

    /// The same environment with `key=value` set for every command.
    pub fn with_env(mut self, key: &str, value: &str) -> TestEnv {
        self.extra_env.push((key.to_string(), value.to_string()));
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// `relctl` with a clean environment pointing at this test's store and home.
    pub fn cmd(&self) -> Command {
        self.cmd_of(Path::new(env!("CARGO_BIN_EXE_relctl")))
    }

    /// [`TestEnv::cmd`] running the relctl binary at `program` (a copy another user can reach).
    pub fn cmd_of(&self, program: &Path) -> Command {
        let mut cmd = Command::new(program);
        for (key, _) in std::env::vars() {
            if key.starts_with("RELCTL_")
                || key.starts_with("SENTRY_")
                || key.starts_with("GIT_")
                || key == "NO_COLOR"
                || key == "COLUMNS"
            {
                cmd.env_remove(key);
            }
        }
        cmd.env("HOME", self.path())
            .env("XDG_CONFIG_HOME", self.path().join("config"))
            .env("XDG_DATA_HOME", self.path().join("xdg-data"))
            .env("RELCTL_STORE", &self.store)
            .current_dir(self.path());
        for (key, value) in &self.extra_env {
            cmd.env(key, value);
        }
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().unwrap()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "relctl {args:?} failed ({:?}):\n{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs with `--format json`, asserts success, parses stdout as one JSON document.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--format", "json"];
        all.extend_from_slice(args);
        let stdout = self.ok(&all);
        serde_json::from_str(&stdout).unwrap_or_else(|err| {
            panic!("stdout of {args:?} is not one JSON document ({err}):\n{stdout}")
        })
    }

    /// Runs, asserts the exit code, that stdout is empty and stderr is one error line (with at
    /// most one `hint:` line after it); returns stderr.
    pub fn fails(&self, args: &[&str], code: i32) -> String {
        let out = self.run(args);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(
            out.status.code(),
            Some(code),
            "relctl {args:?}: stderr {stderr}"
        );
        assert!(
            out.stdout.is_empty(),
            "relctl {args:?} printed on stdout: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert_eq!(
            error_lines(&stderr),
            1,
            "relctl {args:?}: expected one line (and a hint), got {stderr:?}"
        );
        stderr
    }

    /// The store's bytes (it is checkpointed when the last connection closes).
    pub fn store_bytes(&self) -> Vec<u8> {
        std::fs::read(&self.store).unwrap()
    }

    /// Asserts a command fails with `code` and leaves the store byte-for-byte as it was.
    pub fn fails_unchanged(&self, args: &[&str], code: i32) -> String {
        let before = self.store_bytes();
        let stderr = self.fails(args, code);
        assert!(
            before == self.store_bytes(),
            "relctl {args:?} changed the store"
        );
        assert!(
            !wal_path(&self.store).exists()
                || std::fs::metadata(wal_path(&self.store)).unwrap().len() == 0
        );
        stderr
    }

    /// A query against the store, for what the CLI does not show.
    pub fn query_i64(&self, sql: &str) -> i64 {
        let conn = rusqlite::Connection::open(&self.store).unwrap();
        conn.query_row(sql, [], |row| row.get(0)).unwrap()
    }
}

fn wal_path(store: &Path) -> PathBuf {
    let mut path = store.as_os_str().to_owned();
    path.push("-wal");
    PathBuf::from(path)
}

/// A git repository in a directory, with fixed identities and increasing dates.
pub struct Repo {
    pub dir: PathBuf,
    clock: std::cell::Cell<i64>,
}

impl Repo {
    pub fn init(dir: &Path) -> Repo {
        std::fs::create_dir_all(dir).unwrap();
        let repo = Repo {
            dir: dir.to_path_buf(),
            clock: std::cell::Cell::new(1_700_000_000),
        };
        repo.git(&["init", "-q", "-b", "main"]);
        repo
    }

    pub fn git(&self, args: &[&str]) -> String {
        let t = self.clock.get();
        self.clock.set(t + 60);
        let out = Command::new("git")
            .args([
                "-c",
                "user.name=Test Dev",
                "-c",
                "user.email=Dev@Example.com",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(&self.dir)
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("HOME", &self.dir)
            .env("GIT_AUTHOR_DATE", format!("{t} +0200"))
            .env("GIT_COMMITTER_DATE", format!("{t} +0200"))
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_string()
    }

    /// Writes a file and commits it with `message`; returns the new sha.
    pub fn commit(&self, file: &str, content: &str, message: &str) -> String {
        let path = self.dir.join(file);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
        std::fs::write(path, content).unwrap();
        self.git(&["add", "-A"]);
        self.git(&["commit", "-q", "-m", message]);
        self.head()
    }

    pub fn head(&self) -> String {
        self.git(&["rev-parse", "HEAD"])
    }

    pub fn path(&self) -> &str {
        self.dir.to_str().unwrap()
    }
}

/// The lines of an error on stderr, not counting the one `hint:` line that may follow it
/// (more than one hint counts as extra lines).
pub fn error_lines(stderr: &str) -> usize {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    match lines.last() {
        Some(last) if lines.len() >= 2 && last.starts_with("hint: ") => lines.len() - 1,
        _ => lines.len(),
    }
}
