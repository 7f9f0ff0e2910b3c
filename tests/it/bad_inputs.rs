//! One table of bad inputs through the real binary: each row is a command a careless script or
//! a hostile user could run, the exit code cli.md documents for it, and the promise that nothing
//! was written (the store and every file beside it byte-for-byte as before, a missing store still
//! missing). The rows cover the version rules of server-flow 1.2, the defects of issue 7, every
//! kind of broken store and of broken repository. The rows that reach a server run a second time
//! through a real `relctl serve`, whose store must come out logically unchanged.
//!
//! On PostgreSQL (`RELCTL_TEST_STORE=postgres`) each row's store is a database of its own, a
//! copy of the seeded one (or empty, a newer relctl's, another application's), and "nothing
//! written" also means its logical snapshot is unchanged; the rows whose subject is a broken
//! SQLite file (a directory, random bytes, a truncated file) are SQLite-only.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::os::unix::ffi::OsStringExt;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::harness::{Repo, TestEnv};
use crate::remote::harness::Server;

/// What sits at the store path before the command runs.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Store {
    /// A relctl store with projects, releases, a resolved issue, a deploy and a token.
    Seeded,
    /// Nothing at all, not even the directory the store would live in.
    Absent,
    /// A directory where the store file should be.
    Directory,
    /// 64 KiB of random-looking bytes.
    Garbage,
    /// The first half of a real store.
    Truncated,
    /// A relctl store whose schema is newer than this relctl.
    FutureSchema,
    /// Another application's SQLite database.
    Foreign,
}

/// Where the remote run stands on a row.
#[derive(Clone, Copy, Debug)]
enum Remote {
    /// Not a request to a server (a store problem, a local-only rule checked before any request).
    Skip,
    /// The same exit code through `serve` (the client maps Sentry's answers to the local
    /// meaning: remote/answer.rs).
    Same,
}

struct Case {
    what: &'static str,
    store: Store,
    args: Vec<String>,
    env: Vec<(&'static str, OsString)>,
    code: i32,
    remote: Remote,
}

fn case(what: &'static str, args: &[&str], code: i32) -> Case {
    Case {
        what,
        store: Store::Seeded,
        args: args.iter().map(|a| a.to_string()).collect(),
        env: Vec::new(),
        code,
        remote: Remote::Same,
    }
}

impl Case {
    fn store(mut self, store: Store) -> Case {
        self.store = store;
        self.remote = Remote::Skip;
        self
    }

    fn env(mut self, key: &'static str, value: impl Into<OsString>) -> Case {
        self.env.push((key, value.into()));
        self
    }

    fn remote(mut self, remote: Remote) -> Case {
        self.remote = remote;
        self
    }

    fn local_only(self) -> Case {
        self.remote(Remote::Skip)
    }

    /// Runs the row's arguments (fixture paths filled in) and variables with `cmd`.
    fn run(&self, fixtures: &Fixtures, mut cmd: Command) -> std::process::Output {
        cmd.args(self.args.iter().map(|a| fixtures.expand(a)));
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        output_within(cmd, self.what)
    }
}

/// The shared pieces every row starts from: a seeded store's bytes and the repositories.
struct Fixtures {
    _dir: tempfile::TempDir,
    seeded: Vec<u8>,
    /// The seeded store (on PostgreSQL, the database every row's copy is made from).
    seed: TestEnv,
    repos: BTreeMap<&'static str, PathBuf>,
}

/// A repository with six commits; the third fixes BACKEND-1.
fn normal_repo(dir: &Path) -> Repo {
    let repo = Repo::init(dir);
    for n in 0..6 {
        let message = if n == 2 {
            "Fix the crash on start\n\nFixes BACKEND-1".to_string()
        } else {
            format!("Change {n}")
        };
        repo.commit(&format!("src/file{n}.txt"), &format!("{n}\n"), &message);
    }
    repo.git(&["remote", "add", "origin", "git@github.com:acme/backend.git"]);
    repo
}

impl Fixtures {
    fn build() -> Fixtures {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let normal = normal_repo(&root.join("normal"));

        // Another history, sharing nothing with the one release 1.0 was bound from.
        let other = Repo::init(&root.join("other"));
        other.commit("a.txt", "other\n", "Unrelated start");
        other.commit("b.txt", "other\n", "Unrelated change");
        other.git(&["remote", "add", "origin", "git@github.com:acme/backend.git"]);

        Repo::init(&root.join("empty"));
        std::fs::create_dir_all(root.join("plain")).unwrap();

        let shallow = root.join("shallow");

        // A copy of the normal repository with the tree of HEAD~3 damaged.
        let corrupt = root.join("corrupt");
        let out = Command::new("cp")
            .arg("-a")
            .arg(&normal.dir)
            .arg(&corrupt)
            .output()
            .unwrap();
        assert!(out.status.success());
        let tree = normal.git(&["rev-parse", "HEAD~3^{tree}"]);
        let object = corrupt
            .join(".git/objects")
            .join(&tree[..2])
            .join(&tree[2..]);
        std::fs::set_permissions(&object, std::fs::Permissions::from_mode(0o644)).unwrap();
        std::fs::write(&object, b"this is not a zlib stream").unwrap();

        let env = TestEnv::new();
        env.ok(&["project", "create", "backend"]);
        env.ok(&["project", "create", "web"]);
        env.ok(&["issue", "new", "-p", "backend", "Crash on start"]);
        env.ok(&["release", "new", "1.0", "-p", "backend"]);
        let repo_arg = normal.path().to_string();
        env.ok(&[
            "release",
            "set-commits",
            "1.0",
            "--auto",
            "--repo",
            &repo_arg,
        ]);
        env.ok(&["release", "new", "2.0", "-p", "web"]);
        env.ok(&["deploy", "new", "-r", "1.0", "-e", "production"]);
        env.ok(&["token", "create", "--name", "ci"]);
        let resolved = env.json(&["issue", "show", "BACKEND-1"]);
        assert_eq!(resolved["status"], "resolved", "{resolved}");
        let seeded = env.store_bytes();

        // Work after release 1.0, and a clone too shallow to reach 1.0's head.
        normal.commit("src/later.txt", "later\n", "Work after 1.0");
        normal.commit("src/later.txt", "later 2\n", "More work after 1.0");
        let url = format!("file://{}", normal.path());
        let out = Command::new("git")
            .args(["clone", "-q", "--depth", "1", &url])
            .arg(&shallow)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let out = Command::new("git")
            .args([
                "remote",
                "set-url",
                "origin",
                "git@github.com:acme/backend.git",
            ])
            .current_dir(&shallow)
            .output()
            .unwrap();
        assert!(out.status.success());

        let repos = [
            ("normal", normal.dir.clone()),
            ("other", root.join("other")),
            ("empty", root.join("empty")),
            ("plain", root.join("plain")),
            ("shallow", shallow),
            ("corrupt", corrupt),
        ]
        .into_iter()
        .collect();
        Fixtures {
            _dir: dir,
            seeded,
            seed: env,
            repos,
        }
    }

    /// A test environment whose store is what `kind` says: on SQLite the file at
    /// [`store_path`]; on PostgreSQL the env's own database, `None` for the kinds that are
    /// about a SQLite file.
    fn env_for(&self, kind: Store) -> Option<TestEnv> {
        if !self.seed.is_postgres() {
            let env = TestEnv::new();
            self.place(kind, &store_path(&env));
            return Some(env);
        }
        let env = match kind {
            Store::Absent => TestEnv::new(),
            Store::Seeded => TestEnv::copy_of(&self.seed),
            Store::FutureSchema => {
                let env = TestEnv::copy_of(&self.seed);
                env.sql()
                    .batch("UPDATE relctl_store SET schema_version = 9999");
                env
            }
            Store::Foreign => {
                let env = TestEnv::new();
                env.sql().batch(
                    "CREATE TABLE recipes (name TEXT PRIMARY KEY, minutes INTEGER);
                     INSERT INTO recipes VALUES ('bread', 240), ('soup', 45);",
                );
                env
            }
            Store::Directory | Store::Garbage | Store::Truncated => return None,
        };
        Some(env)
    }

    /// `{normal}` and the like in an argument become the fixture's path.
    fn expand(&self, arg: &str) -> String {
        let mut arg = arg.to_string();
        for (name, path) in &self.repos {
            arg = arg.replace(&format!("{{{name}}}"), path.to_str().unwrap());
        }
        arg
    }

    /// Puts what `kind` says at `store`.
    fn place(&self, kind: Store, store: &Path) {
        if kind == Store::Absent {
            return;
        }
        std::fs::create_dir_all(store.parent().unwrap()).unwrap();
        match kind {
            Store::Absent => {}
            Store::Seeded => std::fs::write(store, &self.seeded).unwrap(),
            Store::Directory => std::fs::create_dir(store).unwrap(),
            Store::Garbage => {
                let mut state = 0x2545_f491_4f6c_dd1du64;
                let bytes: Vec<u8> = (0..65536)
                    .map(|_| {
                        state ^= state << 13;
                        state ^= state >> 7;
                        state ^= state << 17;
                        state as u8
                    })
                    .collect();
                std::fs::write(store, bytes).unwrap();
            }
            Store::Truncated => {
                std::fs::write(store, &self.seeded[..self.seeded.len() / 2]).unwrap()
            }
            Store::FutureSchema => {
                std::fs::write(store, &self.seeded).unwrap();
                let conn = rusqlite::Connection::open(store).unwrap();
                conn.execute_batch("PRAGMA user_version = 9999;").unwrap();
                let mode: String = conn
                    .query_row("PRAGMA journal_mode = DELETE", [], |row| row.get(0))
                    .unwrap();
                assert_eq!(mode, "delete");
            }
            Store::Foreign => {
                let conn = rusqlite::Connection::open(store).unwrap();
                conn.execute_batch(
                    "CREATE TABLE recipes (name TEXT PRIMARY KEY, minutes INTEGER);
                     INSERT INTO recipes VALUES ('bread', 240), ('soup', 45);",
                )
                .unwrap();
            }
        }
        if store.is_file() {
            std::fs::set_permissions(store, std::fs::Permissions::from_mode(0o600)).unwrap();
        }
    }
}

/// Every file and directory under `root`: path -> (mode, bytes); directories have no bytes.
fn snapshot(root: &Path) -> BTreeMap<PathBuf, (u32, Option<Vec<u8>>)> {
    let mut seen = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let bytes = if meta.is_dir() {
                stack.push(path.clone());
                None
            } else {
                Some(std::fs::read(&path).unwrap())
            };
            let relative = path.strip_prefix(root).unwrap().to_path_buf();
            seen.insert(relative, (meta.permissions().mode(), bytes));
        }
    }
    seen
}

/// Differences between two snapshots, for a readable failure.
fn changes(
    before: &BTreeMap<PathBuf, (u32, Option<Vec<u8>>)>,
    after: &BTreeMap<PathBuf, (u32, Option<Vec<u8>>)>,
) -> Vec<String> {
    let mut out = Vec::new();
    for (path, old) in before {
        match after.get(path) {
            None => out.push(format!("removed {}", path.display())),
            Some(new) if new != old => out.push(format!("changed {}", path.display())),
            Some(_) => {}
        }
    }
    for path in after.keys() {
        if !before.contains_key(path) {
            out.push(format!("created {}", path.display()));
        }
    }
    out
}

/// `https://example.com/` and 181 more characters: one more than a URL may have.
const LONG_URL: &str = concat!(
    "https://example.com/",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
);

fn non_utf8() -> OsString {
    OsString::from_vec(b"caf\xe9".to_vec())
}

fn cases() -> Vec<Case> {
    let long_version = format!("{}/", "x".repeat(10_000));
    let mut rows = vec![
        // server-flow 1.2: the version rules, on creation.
        case("slash", &["release", "new", "a/b", "-p", "backend"], 2),
        case("backslash", &["release", "new", "a\\b", "-p", "backend"], 2),
        case("newline", &["release", "new", "a\nb", "-p", "backend"], 2),
        case(
            "carriage return",
            &["release", "new", "a\rb", "-p", "backend"],
            2,
        ),
        case("tab", &["release", "new", "a\tb", "-p", "backend"], 2),
        case(
            "form feed",
            &["release", "new", "a\x0cb", "-p", "backend"],
            2,
        ),
        case("empty version", &["release", "new", "", "-p", "backend"], 2),
        case(
            "blank version",
            &["release", "new", "   ", "-p", "backend"],
            2,
        ),
        case("dot", &["release", "new", ".", "-p", "backend"], 2),
        case("dot dot", &["release", "new", "..", "-p", "backend"], 2),
        case(
            "padded dot dot",
            &["release", "new", " .. ", "-p", "backend"],
            2,
        ),
        case("latest", &["release", "new", "latest", "-p", "backend"], 2),
        case("LaTeSt", &["release", "new", "LaTeSt", "-p", "backend"], 2),
        case(
            "padded latest",
            &["release", "new", " latest ", "-p", "backend"],
            2,
        ),
        case(
            "latest on set-commits",
            &["release", "set-commits", "latest", "--repo", "{normal}"],
            2,
        ),
        case(
            "dot on deploy",
            &["deploy", "new", "-r", ".", "-e", "prod"],
            2,
        ),
        case("slash on finalize", &["release", "finalize", "1.0/x"], 2),
        // Item 8: a value starting with '-' is a flag.
        case(
            "misspelled --finalize",
            &["release", "new", "-p", "backend", "--finalise"],
            2,
        ),
        case("misspelled --commits", &["release", "info", "--commtis"], 2),
        case(
            "flag as deploy release",
            &["deploy", "new", "-r", "--bogus", "-e", "prod"],
            2,
        ),
        case(
            "flag as environment",
            &["deploy", "new", "-r", "1.0", "-e", "--prod"],
            2,
        ),
        case(
            "flag as project",
            &["release", "new", "3.0", "-p", "--finalize"],
            2,
        ),
        case(
            "misspelled --auto",
            &["release", "set-commits", "1.0", "--atuo"],
            2,
        ),
        case(
            "flag as issue title",
            &["issue", "new", "-p", "backend", "--bogus"],
            2,
        )
        .local_only(),
        case(
            "flag as org value",
            &["org", "set", "dataScrubber", "--yes"],
            2,
        ),
        case("flag as project name", &["project", "create", "--bogus"], 2),
        case(
            "misspelled global flag",
            &["--formt", "json", "release", "list"],
            2,
        ),
        case("unknown command", &["release", "nwe", "1.0"], 2),
        // Flag values.
        case("format xml", &["--format", "xml", "release", "list"], 2),
        case("limit zero", &["release", "list", "--limit", "0"], 2),
        case("negative limit", &["release", "list", "--limit", "-1"], 2),
        case("audit limit zero", &["org", "audit", "--limit", "0"], 2),
        case("timeout zero", &["--timeout", "0", "release", "list"], 2),
        case("timeout text", &["--timeout", "soon", "release", "list"], 2),
        case(
            "timeout of a year",
            &["--timeout", "31536000", "release", "list"],
            2,
        ),
        case(
            "released in year 10000",
            &[
                "release",
                "new",
                "3.0",
                "-p",
                "backend",
                "--released",
                "253402300800",
            ],
            2,
        ),
        case(
            "released as words",
            &["release", "finalize", "1.0", "--released", "yesterday"],
            2,
        ),
        case(
            "deploy started in year 10000",
            &[
                "deploy",
                "new",
                "-r",
                "1.0",
                "-e",
                "prod",
                "--started",
                "253402300800",
            ],
            2,
        ),
        case(
            "initial depth zero",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--initial-depth",
                "0",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "max commits zero",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--max-commits",
                "0",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "--auto and --clear",
            &["release", "set-commits", "1.0", "--auto", "--clear"],
            2,
        ),
        case(
            "bad commit spec",
            &[
                "release",
                "set-commits",
                "1.0",
                "--commit",
                "@abc123",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "three-dot commit range",
            &[
                "release",
                "set-commits",
                "1.0",
                "--commit",
                "acme/backend@HEAD~2...HEAD",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "two ranges in one --commit",
            &[
                "release",
                "set-commits",
                "1.0",
                "--commit",
                "acme/backend@HEAD~3..HEAD~1..HEAD",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "empty --path",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--path",
                "",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "--path outside the repository",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--path",
                "../elsewhere",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "absolute --path",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--path",
                "/etc",
                "--repo",
                "{normal}",
            ],
            2,
        ),
        case(
            "leap second",
            &[
                "release",
                "finalize",
                "1.0",
                "--released",
                "2020-01-01T23:59:60Z",
            ],
            2,
        ),
        case(
            "year zero",
            &["release", "finalize", "1.0", "--released=-62135596801"],
            2,
        ),
        case("unknown shell", &["completions", "tcsh"], 2).local_only(),
        // Not found.
        case(
            "unknown project",
            &["release", "new", "3.0", "-p", "nosuch"],
            3,
        ),
        case("unknown release", &["release", "info", "9.9"], 3),
        case(
            "finalize unknown release",
            &["release", "finalize", "9.9"],
            3,
        ),
        case("archive unknown release", &["release", "archive", "9.9"], 3),
        case(
            "deploy to unknown release",
            &["deploy", "new", "-r", "9.9", "-e", "prod"],
            3,
        ),
        case(
            "deploys of unknown release",
            &["deploy", "list", "-r", "9.9"],
            3,
        ),
        case("unknown issue", &["issue", "show", "BACKEND-ZZ"], 3),
        case("review unknown issue", &["issue", "review", "NOPE-1"], 3),
        case(
            "issues of unknown project",
            &["issue", "list", "-p", "nosuch"],
            3,
        ),
        case(
            "unknown organization",
            &["--org", "nosuch", "release", "list"],
            3,
        ),
        case("show unknown project", &["project", "show", "nosuch"], 3),
        case(
            "set-commits on unknown release",
            &[
                "release",
                "set-commits",
                "9.9",
                "--auto",
                "--repo",
                "{normal}",
            ],
            3,
        ),
        case("revoke unknown token", &["token", "revoke", "999"], 3).local_only(),
        // Item 4 and other invalid input.
        case(
            "issue in two projects",
            &["issue", "new", "-p", "backend", "-p", "web", "Two homes"],
            2,
        )
        .local_only(),
        case(
            "bad slug",
            &["project", "create", "Bad", "--slug", "Bad Slug!"],
            2,
        ),
        case(
            "taken slug",
            &["project", "create", "Other", "--slug", "backend"],
            2,
        ),
        case(
            "delete project without --yes",
            &["project", "delete", "backend"],
            2,
        ),
        case(
            "unknown org option",
            &["org", "set", "noSuchOption", "1"],
            2,
        ),
        case(
            "org option of the wrong type",
            &["org", "set", "scrapeJavaScript", "maybe"],
            2,
        ),
        case(
            "unknown scope",
            &["token", "create", "--scopes", "release:everything"],
            2,
        )
        .local_only(),
        // Item 14: refused because of the state: a conflict.
        case(
            "delete a release issues are resolved in",
            &["release", "delete", "1.0"],
            4,
        ),
        // Configuration and environment (items 12, 13).
        case(
            "missing config file",
            &["--config", "/nonexistent/relctl.toml", "release", "list"],
            2,
        ),
        case("non-UTF-8 organization", &["release", "list"], 2).env("RELCTL_ORG", non_utf8()),
        case("non-UTF-8 store", &["release", "list"], 2)
            .env("RELCTL_STORE", non_utf8())
            .local_only(),
        case("non-UTF-8 project", &["release", "new", "3.0"], 2).env("RELCTL_PROJECT", non_utf8()),
        case("timeout variable text", &["release", "list"], 2).env("RELCTL_TIMEOUT", "soon"),
        // Not read as unset: the config search and the default store depend on it.
        case("non-UTF-8 HOME", &["release", "list"], 2).env("HOME", non_utf8()),
        // Not skipped for the next CI variable or git's HEAD: that is another version name.
        case(
            "non-UTF-8 CI variable",
            &["release", "propose-version", "--repo", "{normal}"],
            2,
        )
        .env("GITHUB_SHA", non_utf8())
        .local_only(),
        // Sentry's URL columns hold 200 characters; `serve` answers 400 beyond.
        case(
            "release URL of 201 characters",
            &["release", "new", "3.0", "-p", "backend", "--url", LONG_URL],
            2,
        ),
        case(
            "deploy URL of 201 characters",
            &["deploy", "new", "-r", "1.0", "-e", "prod", "-u", LONG_URL],
            2,
        ),
        case("format variable xml", &["release", "list"], 2).env("RELCTL_FORMAT", "xml"),
        // Targets.
        case(
            "--url and --store",
            &[
                "--url",
                "http://127.0.0.1:9",
                "--store",
                "x.db",
                "release",
                "list",
            ],
            2,
        )
        .local_only(),
        case(
            "URL without host",
            &["--url", "http://", "release", "list"],
            2,
        )
        .local_only(),
        case(
            "token with a CR",
            &[
                "--url",
                "http://127.0.0.1:9",
                "--auth-token",
                "abc\r",
                "release",
                "list",
            ],
            2,
        )
        .local_only(),
        case(
            "serve on a bad address",
            &["serve", "--bind", "not-an-address"],
            2,
        )
        .local_only(),
        // Broken repositories (set-commits reads git first; -p would create the release).
        case(
            "not a git repository",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--auto",
                "--repo",
                "{plain}",
            ],
            2,
        ),
        case(
            "missing repository",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--auto",
                "--repo",
                "/nonexistent/repo",
            ],
            2,
        ),
        case(
            "empty repository",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--auto",
                "--repo",
                "{empty}",
            ],
            2,
        ),
        case(
            "corrupt object",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "web",
                "--auto",
                "--repo",
                "{corrupt}",
            ],
            2,
        ),
        case(
            "unknown revision",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--commit",
                "acme/backend@nosuchbranch",
                "--repo",
                "{normal}",
            ],
            3,
        ),
        case(
            "previous commit missing",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--auto",
                "--repo",
                "{other}",
            ],
            3,
        ),
        case(
            "previous commit beyond a shallow clone",
            &[
                "release",
                "set-commits",
                "5.0",
                "-p",
                "backend",
                "--auto",
                "--repo",
                "{shallow}",
            ],
            3,
        ),
    ];
    let long = case(
        "10,000-character invalid version",
        &["release", "new", "x", "-p", "backend"],
        2,
    );
    rows.push(Case {
        args: vec![
            "release".into(),
            "new".into(),
            long_version,
            "-p".into(),
            "backend".into(),
        ],
        ..long
    });

    // Item 6 and every kind of broken store: refused unchanged, reads and writes alike.
    for (what, kind) in [
        ("store is a directory", Store::Directory),
        ("store of random bytes", Store::Garbage),
        ("truncated store", Store::Truncated),
        ("store from a newer relctl", Store::FutureSchema),
        ("another application's database", Store::Foreign),
    ] {
        rows.push(case(what, &["release", "list"], 2).store(kind));
        rows.push(case(what, &["release", "new", "3.0", "-p", "backend"], 2).store(kind));
        rows.push(case(what, &["project", "create", "api"], 2).store(kind));
    }
    rows.push(
        case(
            "serve over another application's database",
            &["serve", "--bind", "127.0.0.1:0"],
            2,
        )
        .store(Store::Foreign),
    );

    // Item 7: a failing command creates no store, and reads never create one.
    rows.push(
        case(
            "failing write on a new store",
            &["release", "new", "1.0", "-p", "nope"],
            3,
        )
        .store(Store::Absent),
    );
    rows.push(
        case(
            "failing set-commits on a new store",
            &[
                "release",
                "set-commits",
                "1.0",
                "--auto",
                "--repo",
                "{plain}",
            ],
            2,
        )
        .store(Store::Absent),
    );
    rows.push(
        case(
            "read of a missing project",
            &["project", "show", "backend"],
            3,
        )
        .store(Store::Absent),
    );
    rows.push(
        case("read of a missing release", &["release", "info", "1.0"], 3).store(Store::Absent),
    );
    rows
}

/// Runs `cmd`, killing it after 60 s: a row that hangs (a `serve` that should have refused to
/// start) fails instead of stopping the suite.
fn output_within(mut cmd: Command, what: &str) -> std::process::Output {
    use std::process::Stdio;
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pid = child.id();
    let (done, finished) = std::sync::mpsc::channel::<()>();
    let watchdog = std::thread::spawn(move || {
        if finished
            .recv_timeout(std::time::Duration::from_secs(60))
            .is_err()
        {
            unsafe {
                libc::kill(pid as i32, libc::SIGKILL);
            }
            return true;
        }
        false
    });
    let mut stdout = Vec::new();
    let mut stderr = Vec::new();
    let mut out_pipe = child.stdout.take().unwrap();
    let err_pipe = child.stderr.take();
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        if let Some(mut pipe) = err_pipe {
            let _ = std::io::Read::read_to_end(&mut pipe, &mut buf);
        }
        buf
    });
    let _ = std::io::Read::read_to_end(&mut out_pipe, &mut stdout);
    stderr.extend(err_reader.join().unwrap());
    let status = child.wait().unwrap();
    let _ = done.send(());
    assert!(
        !watchdog.join().unwrap(),
        "{what}: still running after 60 s"
    );
    std::process::Output {
        status,
        stdout,
        stderr,
    }
}

/// The store the test env points at, one level deeper than usual so a created directory shows.
fn store_path(env: &TestEnv) -> PathBuf {
    env.path().join("data").join("nested").join("relctl.db")
}

#[test]
fn every_bad_input_fails_with_its_code_and_writes_nothing() {
    let fixtures = Fixtures::build();
    let rows = cases();
    assert!(rows.len() >= 60, "{} rows", rows.len());
    let mut failures = Vec::new();
    let mut sqlite_only = Vec::new();
    for row in &rows {
        let Some(env) = fixtures.env_for(row.store) else {
            sqlite_only.push(row.what);
            continue;
        };
        let before = snapshot(env.path());
        let db_before = env.db_snapshot();
        let mut cmd = env.cmd();
        if !env.is_postgres() {
            cmd.env("RELCTL_STORE", store_path(&env));
        }
        let out = row.run(&fixtures, cmd);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        let mut problems = Vec::new();
        if out.status.code() != Some(row.code) {
            problems.push(format!("exit {:?}, want {}", out.status.code(), row.code));
        }
        if !out.stdout.is_empty() {
            problems.push(format!(
                "stdout: {:?}",
                String::from_utf8_lossy(&out.stdout)
            ));
        }
        let lines = crate::harness::error_lines(&stderr);
        // clap's usage errors add a usage line and a pointer to --help; ours are one line.
        if row.code != 2 && lines != 1 || lines == 0 || lines > 4 {
            problems.push(format!("{lines} lines on stderr"));
        }
        if stderr.len() > 1000 {
            problems.push(format!("{} bytes on stderr", stderr.len()));
        }
        if stderr.contains("panicked") {
            problems.push("panicked".to_string());
        }
        let written = changes(&before, &snapshot(env.path()));
        if !written.is_empty() {
            problems.push(format!("wrote: {}", written.join(", ")));
        }
        if db_before != env.db_snapshot() {
            problems.push("wrote to the database".to_string());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {:?}\n    {}\n    stderr: {}",
                row.what,
                row.args,
                problems.join("; "),
                stderr.trim_end()
            ));
        }
    }
    if !sqlite_only.is_empty() {
        sqlite_only.dedup();
        eprintln!(
            "skipped on PostgreSQL: the rows about a broken SQLite file ({})",
            sqlite_only.join(", ")
        );
    }
    assert!(
        failures.is_empty(),
        "{} of {} rows failed:\n{}",
        failures.len(),
        rows.len(),
        failures.join("\n")
    );
}

/// Every row of every table but the tokens' (authentication may note a token's last use).
fn logical_dump(env: &TestEnv) -> Vec<String> {
    if let Some(dump) = env.db_snapshot() {
        return dump
            .into_iter()
            .filter(|row| !row.starts_with("api_token: "))
            .collect();
    }
    let store = &env.store;
    let conn =
        rusqlite::Connection::open_with_flags(store, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name <> 'api_token' ORDER BY name")
        .unwrap()
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut dump = Vec::new();
    for table in tables {
        let mut stmt = conn
            .prepare(&format!("SELECT * FROM \"{table}\" ORDER BY 1"))
            .unwrap();
        let columns = stmt.column_count();
        let rows = stmt
            .query_map([], |row| {
                let values: Vec<String> = (0..columns)
                    .map(|i| format!("{:?}", row.get_ref(i).unwrap()))
                    .collect();
                Ok(values.join("|"))
            })
            .unwrap();
        for row in rows {
            dump.push(format!("{table}: {}", row.unwrap()));
        }
    }
    dump
}

#[test]
fn the_same_rows_through_serve_fail_alike_and_write_nothing() {
    let fixtures = Fixtures::build();
    let server = if fixtures.seed.is_postgres() {
        // A copy of the seeded database, with the server's token added.
        Server::start_in(TestEnv::copy_of(&fixtures.seed), &[])
    } else {
        Server::start()
    };
    if !server.env.is_postgres() {
        seed_sqlite_server(&fixtures, &server);
    }
    let client = server.client();
    assert_eq!(
        client.json(&["issue", "show", "BACKEND-1"])["status"],
        "resolved"
    );
    let before = logical_dump(&server.env);
    let mut failures = Vec::new();
    let mut ran = 0;
    for row in cases() {
        let code = match row.remote {
            Remote::Skip => continue,
            Remote::Same => row.code,
        };
        ran += 1;
        let out = row.run(&fixtures, client.cmd());
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        if out.status.code() != Some(code) || !out.stdout.is_empty() || stderr.contains("panicked")
        {
            failures.push(format!(
                "{}: {:?}: exit {:?}, want {code}; stdout {:?}; stderr {}",
                row.what,
                row.args,
                out.status.code(),
                String::from_utf8_lossy(&out.stdout),
                stderr.trim_end()
            ));
        }
    }
    assert!(ran >= 50, "{ran} rows ran through serve");
    assert!(
        failures.is_empty(),
        "{} rows failed through serve:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let after = logical_dump(&server.env);
    let lost: Vec<_> = before.iter().filter(|row| !after.contains(row)).collect();
    let added: Vec<_> = after.iter().filter(|row| !before.contains(row)).collect();
    assert!(
        lost.is_empty() && added.is_empty(),
        "the server's store changed:\n lost {lost:#?}\n added {added:#?}"
    );
}

/// The SQLite server's store gets the seeded content; the tokens table keeps the server's token.
fn seed_sqlite_server(fixtures: &Fixtures, server: &Server) {
    let seed = TestEnv::new();
    std::fs::create_dir_all(seed.store.parent().unwrap()).unwrap();
    std::fs::write(&seed.store, &fixtures.seeded).unwrap();
    let server_store = server.env.store.clone();
    {
        let conn = rusqlite::Connection::open(&server_store).unwrap();
        // The organizations are replaced row for row: the token bound to one must not go with it.
        conn.pragma_update(None, "foreign_keys", false).unwrap();
        conn.execute("ATTACH DATABASE ?1 AS seed", [seed.store.to_str().unwrap()])
            .unwrap();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM seed.sqlite_master WHERE type = 'table' AND name NOT IN ('api_token') AND name NOT LIKE 'sqlite_%'")
            .unwrap()
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        let mut batch = String::from("BEGIN;");
        for table in &tables {
            batch.push_str(&format!(
                "DELETE FROM main.\"{table}\"; INSERT INTO main.\"{table}\" SELECT * FROM seed.\"{table}\";"
            ));
        }
        batch.push_str("COMMIT;");
        conn.execute_batch(&batch).unwrap();
    }
}
