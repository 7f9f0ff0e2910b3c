//! The real sentry-cli driving `relctl serve`: what a team with sentry-cli scripts in CI gets when
//! it points `SENTRY_URL` at relctl (issue 20).
//!
//! sentry-cli is PyPI's `sentry-cli` (3.8.2, a binary wheel), which `.ci/run` installs in a
//! virtual environment and names with `RELCTL_SENTRY_CLI`. Without that variable every test here
//! says "skipped" and passes, unless `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`): then it fails.
//!
//! Each test starts its own `serve` on loopback over a fresh store, with a real git repository
//! registered as `--repo acme/backend=MIRROR` (a bare mirror the work repository pushes to, whose
//! `origin` URL is the work repository's, as a server-side mirror of a hosted repository has),
//! and runs sentry-cli in the work repository with only `SENTRY_URL`, `SENTRY_AUTH_TOKEN`,
//! `SENTRY_ORG` and `SENTRY_PROJECT` set, a HOME of its own (no `~/.sentryclirc`), no `.env`
//! loading and no update check. Every command's effect is then read from the store with relctl's
//! own CLI on the same store (`relctl --format json release info ...`), not taken from
//! sentry-cli's exit code. sentry-cli runs at debug level, so a failure shows the requests it sent,
//! the answers it got and its error.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;
use tempfile::TempDir;

use crate::harness::Repo;
use crate::remote::harness::{ALL_SCOPES, Server};

/// The repository's name on the server (`--repo NAME=PATH`).
const REPO_NAME: &str = "acme/backend";
/// The hosted repository both the work repository and the server's mirror name as `origin`; no
/// request is ever sent there.
const REMOTE_URL: &str = "https://git.example.com/acme/backend.git";
/// The longest one sentry-cli command may take (it sets no timeouts of its own).
const TIMEOUT: Duration = Duration::from_secs(120);

/// The sentry-cli binary named by `RELCTL_SENTRY_CLI`; `None` (with a line saying so) when unset,
/// unless `RELCTL_REQUIRE_SERVERS=1`.
fn sentry_cli_binary() -> Option<PathBuf> {
    match std::env::var_os("RELCTL_SENTRY_CLI") {
        Some(path) if !path.is_empty() => {
            let path = PathBuf::from(path);
            assert!(
                path.is_file(),
                "RELCTL_SENTRY_CLI={} is not a file",
                path.display()
            );
            Some(path)
        }
        _ => {
            assert!(
                std::env::var("RELCTL_REQUIRE_SERVERS").as_deref() != Ok("1"),
                "RELCTL_SENTRY_CLI is not set, and RELCTL_REQUIRE_SERVERS=1 requires it (.ci/run installs sentry-cli)"
            );
            let test = std::thread::current()
                .name()
                .unwrap_or("a sentry-cli test")
                .to_string();
            eprintln!(
                "skipped: {test} needs sentry-cli; set RELCTL_SENTRY_CLI to its binary (.ci/run installs it from PyPI)"
            );
            None
        }
    }
}

/// A server with project `backend`, a work repository with one commit that fixes BACKEND-1 (an
/// issue in the store), published to the server's mirror, and sentry-cli.
struct Fixture {
    server: Server,
    repo: Repo,
    mirror: PathBuf,
    home: PathBuf,
    cli: PathBuf,
    _dir: TempDir,
}

impl Fixture {
    fn start() -> Option<Fixture> {
        let cli = sentry_cli_binary()?;
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo::init(&dir.path().join("work"));
        repo.git(&["remote", "add", "origin", REMOTE_URL]);
        let mirror = dir.path().join("backend.git");
        git(&[
            "init",
            "-q",
            "--bare",
            "-b",
            "main",
            mirror.to_str().unwrap(),
        ]);
        git_in(&mirror, &["remote", "add", "origin", REMOTE_URL]);
        let home = dir.path().join("home");
        std::fs::create_dir_all(&home).unwrap();
        let server = Server::start_with(&["--repo", &format!("{REPO_NAME}={}", mirror.display())]);
        server.env.json(&["project", "create", "Backend"]);
        server
            .env
            .json(&["issue", "new", "-p", "backend", "Checkout crash"]);
        let fixture = Fixture {
            server,
            repo,
            mirror,
            home,
            cli,
            _dir: dir,
        };
        fixture.commit("app.txt", "1", "Initial import");
        fixture.commit("cart.txt", "2", "Fixes BACKEND-1: guard the cart");
        Some(fixture)
    }

    /// Commits in the work repository and pushes to the server's mirror; returns the sha.
    fn commit(&self, file: &str, content: &str, message: &str) -> String {
        let sha = self.repo.commit(file, content, message);
        self.repo.git(&[
            "push",
            "-q",
            self.mirror.to_str().unwrap(),
            "HEAD:refs/heads/main",
        ]);
        sha
    }

    /// relctl on the server's store, `--format json`.
    fn store(&self, args: &[&str]) -> Value {
        self.server.env.json(args)
    }

    /// A release as the store has it, with its commits.
    fn release(&self, version: &str) -> Value {
        self.store(&["release", "info", version, "--commits"])
    }

    /// An issue as the store has it.
    fn issue(&self, short_id: &str) -> Value {
        self.store(&["issue", "show", short_id])
    }

    /// Runs sentry-cli in the work repository with only what its users set.
    fn run(&self, args: &[&str]) -> CliRun {
        let mut child = Command::new(&self.cli)
            .args(args)
            .env_clear()
            .env("PATH", "/usr/local/bin:/usr/bin:/bin")
            .env("HOME", &self.home)
            .env("XDG_CONFIG_HOME", self.home.join(".config"))
            .env("SENTRY_URL", &self.server.url)
            .env("SENTRY_AUTH_TOKEN", &self.server.token)
            .env("SENTRY_ORG", "default")
            .env("SENTRY_PROJECT", "backend")
            // No update check (it asks Sentry's release registry), no `.env` files.
            .env("SENTRY_DISABLE_UPDATE_CHECK", "1")
            .env("SENTRY_LOAD_DOTENV", "0")
            // Every request and answer on stderr, for the failure messages.
            .env("SENTRY_LOG_LEVEL", "debug")
            .env("NO_COLOR", "1")
            .current_dir(&self.repo.dir)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let stdout = reader(child.stdout.take().unwrap());
        let stderr = reader(child.stderr.take().unwrap());
        let deadline = Instant::now() + TIMEOUT;
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break Some(status);
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            std::thread::sleep(Duration::from_millis(20));
        };
        CliRun {
            args: args.iter().map(|a| a.to_string()).collect(),
            code: status.and_then(|s| s.code()),
            stdout: stdout.join().unwrap(),
            stderr: stderr.join().unwrap(),
            server_log: self.server.log(),
        }
    }

    /// Runs sentry-cli and asserts it succeeded; returns the run (stdout for the table).
    fn ok(&self, args: &[&str]) -> CliRun {
        let run = self.run(args);
        assert!(
            run.code == Some(0),
            "sentry-cli {} failed\n{}",
            run.args.join(" "),
            run.transcript()
        );
        run
    }
}

fn reader(mut stream: impl Read + Send + 'static) -> std::thread::JoinHandle<String> {
    std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stream.read_to_end(&mut bytes);
        String::from_utf8_lossy(&bytes).into_owned()
    })
}

fn git(args: &[&str]) {
    let out = Command::new("git").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn git_in(dir: &Path, args: &[&str]) {
    let mut all = vec!["-C", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    git(&all);
}

/// One sentry-cli run.
struct CliRun {
    args: Vec<String>,
    /// `None` when it was killed after [`TIMEOUT`] (or by a signal).
    code: Option<i32>,
    stdout: String,
    stderr: String,
    server_log: String,
}

impl CliRun {
    /// What the failure messages show: the exit code, the requests sentry-cli sent and the
    /// answers it got (from its debug log), its own messages, stdout, and what serve logged.
    fn transcript(&self) -> String {
        let mut out = format!("exit code: {:?}\n--- sentry-cli:\n", self.code);
        for line in self.stderr.lines() {
            let logged = ["DEBUG ", "INFO ", "WARN ", "TRACE "]
                .iter()
                .any(|level| line.trim_start().starts_with(level));
            if !logged {
                out.push_str(line);
                out.push('\n');
                continue;
            }
            // The request line, the JSON sent, the status line and the answer.
            let kept = [
                "> GET ",
                "> PUT ",
                "> POST ",
                "> DELETE ",
                "json body:",
                "< HTTP/",
                "body:",
            ];
            if let Some(at) = kept.iter().filter_map(|k| line.find(k)).min() {
                let text: String = line[at..].chars().take(1500).collect();
                out.push_str("  ");
                out.push_str(&text);
                out.push('\n');
            }
        }
        out.push_str("--- stdout:\n");
        out.push_str(&self.stdout);
        out.push_str("--- serve's log:\n");
        let log: Vec<&str> = self.server_log.lines().collect();
        for line in &log[log.len().saturating_sub(15)..] {
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// The ids of a release's commits in the store, newest first.
fn commit_ids(release: &Value) -> Vec<String> {
    release["commits"]
        .as_array()
        .unwrap_or_else(|| panic!("no commits in {release:#}"))
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// The repository each of a release's commits is recorded under.
fn commit_repositories(release: &Value) -> Vec<String> {
    release["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["repository"].as_str().unwrap_or("null").to_string())
        .collect()
}

#[test]
fn info_shows_the_server_and_the_token_scopes() {
    let Some(f) = Fixture::start() else { return };
    let run = f.ok(&["info"]);
    assert!(
        run.stdout
            .contains(&format!("Sentry Server: {}", f.server.url)),
        "{}",
        run.transcript()
    );
    assert!(run.stdout.contains("Default Organization: default"));
    assert!(run.stdout.contains("Default Project: backend"));
    // The scopes the store holds for the token, each listed.
    let tokens = f.store(&["token", "list"]);
    let scopes = tokens[0]["scopes"].as_array().unwrap();
    assert_eq!(scopes.len(), ALL_SCOPES.len());
    for scope in scopes {
        let scope = scope.as_str().unwrap();
        assert!(
            run.stdout.contains(&format!("- {scope}")),
            "scope {scope} missing\n{}",
            run.transcript()
        );
    }

    // A token the store does not know: sentry-cli's own failure.
    let bad = f.run(&["info", "--auth-token", "relctl_not_a_token"]);
    assert_eq!(bad.code, Some(1), "{}", bad.transcript());
}

#[test]
fn organizations_list_shows_the_token_organization() {
    let Some(f) = Fixture::start() else { return };
    // Another organization in the same store, which the token (made for `default`) cannot see.
    f.store(&["org", "create", "other"]);
    let run = f.ok(&["organizations", "list"]);
    let orgs = f.store(&["org", "list"]);
    let default = orgs
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["slug"] == "default")
        .unwrap();
    let row = run
        .stdout
        .lines()
        .find(|line| line.contains("| default "))
        .unwrap_or_else(|| panic!("no row for default\n{}", run.transcript()));
    assert!(
        row.contains(&format!("| {} ", default["id"]))
            && row.contains(&format!("| {} ", default["name"].as_str().unwrap())),
        "row {row:?} does not show {default}"
    );
    assert!(
        !run.stdout.contains("| other "),
        "an organization the token cannot act in is listed\n{}",
        run.transcript()
    );
}

#[test]
fn projects_list_shows_the_store_projects() {
    let Some(f) = Fixture::start() else { return };
    f.store(&["project", "create", "Frontend App"]);
    let run = f.ok(&["projects", "list"]);
    let projects = f.store(&["project", "list"]);
    assert_eq!(projects.as_array().unwrap().len(), 2);
    for project in projects.as_array().unwrap() {
        let slug = project["slug"].as_str().unwrap();
        let row = run
            .stdout
            .lines()
            .find(|line| line.contains(&format!("| {slug} ")))
            .unwrap_or_else(|| panic!("no row for {slug}\n{}", run.transcript()));
        assert!(row.contains(&format!("| {} ", project["id"])), "{row}");
        assert!(
            row.contains(&format!("| {} ", project["name"].as_str().unwrap())),
            "{row}"
        );
    }
}

#[test]
fn repos_list_shows_the_registered_repository() {
    let Some(f) = Fixture::start() else { return };
    let run = f.ok(&["repos", "list"]);
    let row = run
        .stdout
        .lines()
        .find(|line| line.contains(&format!("| {REPO_NAME} ")))
        .unwrap_or_else(|| panic!("no row for {REPO_NAME}\n{}", run.transcript()));
    assert!(row.contains(REMOTE_URL), "{row}\n{}", run.transcript());
    // The repository the store records commits under once a release binds some: the same name.
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "set-commits", "1.0.0", "--auto"]);
    assert!(
        commit_repositories(&f.release("1.0.0"))
            .iter()
            .all(|r| r == REPO_NAME)
    );
}

#[test]
fn releases_new_creates_the_release_in_the_project() {
    let Some(f) = Fixture::start() else { return };
    let run = f.ok(&["releases", "new", "1.0.0"]);
    assert!(
        run.stdout.contains("Created release 1.0.0"),
        "{}",
        run.transcript()
    );
    let release = f.release("1.0.0");
    assert_eq!(release["version"], "1.0.0");
    assert_eq!(release["status"], "open");
    assert_eq!(release["projects"][0]["slug"], "backend");
    assert_eq!(release["dateReleased"], Value::Null);
    assert_eq!(release["commitCount"], 0);

    // Again: the same release (sentry-cli takes the 208 as success), nothing added.
    f.ok(&["releases", "new", "1.0.0"]);
    assert_eq!(f.store(&["release", "list"]).as_array().unwrap().len(), 1);

    // --finalize and a release URL.
    f.ok(&[
        "releases",
        "new",
        "1.0.1",
        "--finalize",
        "--url",
        "https://ci.example.com/1.0.1",
    ]);
    let release = f.release("1.0.1");
    assert!(release["dateReleased"].is_string(), "{release:#}");
    assert_eq!(release["url"], "https://ci.example.com/1.0.1");
}

#[test]
fn releases_finalize_sets_the_release_date() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&[
        "releases",
        "finalize",
        "1.0.0",
        "--released",
        "2024-03-01T12:00:00Z",
    ]);
    assert!(run.stdout.contains("Finalized release 1.0.0"));
    let release = f.release("1.0.0");
    assert!(
        release["dateReleased"]
            .as_str()
            .is_some_and(|d| d.starts_with("2024-03-01T12:00:00")),
        "{release:#}"
    );
    // A release the store does not have: sentry-cli's "Release not found", exit 1.
    let run = f.run(&["releases", "finalize", "9.9.9"]);
    assert_eq!(run.code, Some(1), "{}", run.transcript());
    assert!(
        run.stderr.contains("Release not found"),
        "{}",
        run.transcript()
    );
}

/// `set-commits --local`: sentry-cli reads the commits itself and sends them (after asking for
/// the repositories and the previous release). The commits and the issues they fix are bound.
#[test]
fn set_commits_local_binds_the_commits_and_resolves_the_issues_they_fix() {
    let Some(f) = Fixture::start() else { return };
    let head = f.repo.head();
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&["releases", "set-commits", "1.0.0", "--local"]);
    assert!(
        run.stderr.contains("\"commits\":["),
        "--local sent no commits\n{}",
        run.transcript()
    );
    let release = f.release("1.0.0");
    assert_eq!(release["commitCount"], 2, "{release:#}");
    assert_eq!(commit_ids(&release)[0], head);
    let issue = f.issue("BACKEND-1");
    assert_eq!(issue["status"], "resolved");
    assert_eq!(issue["resolution"]["release"], "1.0.0");
}

/// sentry-cli 3.8.2's `--local` sends `"repository": "origin"` (the remote's name, its bug 3254).
/// The commits all exist in the one registered repository, so serve records them there (issue 20,
/// item 8).
#[test]
fn set_commits_local_records_the_commits_under_the_registered_repository() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&["releases", "set-commits", "1.0.0", "--local"]);
    assert!(
        run.stderr.contains("\"repository\":\"origin\""),
        "sentry-cli no longer sends \"origin\" (bug 3254 fixed?)\n{}",
        run.transcript()
    );
    let release = f.release("1.0.0");
    assert_eq!(
        commit_repositories(&release),
        [REPO_NAME, REPO_NAME],
        "commits sent under \"origin\" are not recorded under {REPO_NAME}\n{}",
        run.transcript()
    );
}

/// A release bound with `--local`, then the next one with `--auto`: the second starts where the
/// first ended, so it holds only its own commit and resolves only its own issue.
#[test]
fn set_commits_auto_after_local_binds_only_the_new_commits() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "set-commits", "1.0.0", "--local"]);
    f.store(&["issue", "new", "-p", "backend", "Login loop"]);
    let fix = f.commit("login.txt", "3", "Fixes BACKEND-2: stop the login loop");
    f.ok(&["releases", "new", "1.1.0"]);
    let run = f.ok(&["releases", "set-commits", "1.1.0", "--auto"]);
    let release = f.release("1.1.0");
    assert_eq!(
        commit_ids(&release),
        [fix],
        "1.1.0 does not start where 1.0.0 (bound with --local) ended\n{}",
        run.transcript()
    );
    assert_eq!(f.issue("BACKEND-2")["resolution"]["release"], "1.1.0");
    assert_eq!(f.issue("BACKEND-1")["resolution"]["release"], "1.0.0");
}

/// `set-commits --auto`: the work repository's `origin` matches the registered repository's URL,
/// so sentry-cli sends `refs` (the HEAD sha, no previous commit) and serve reads the range from
/// its mirror: the first release the first commits, the next one only its own.
#[test]
fn set_commits_auto_sends_refs_that_serve_reads_from_its_mirror() {
    let Some(f) = Fixture::start() else { return };
    let first_head = f.repo.head();
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&["releases", "set-commits", "1.0.0", "--auto"]);
    let sent = format!(
        "{{\"refs\":[{{\"repository\":\"{REPO_NAME}\",\"commit\":\"{first_head}\",\"previousCommit\":null}}]}}"
    );
    assert!(
        run.stderr.contains(&sent),
        "--auto did not send {sent}\n{}",
        run.transcript()
    );
    let release = f.release("1.0.0");
    assert_eq!(release["commitCount"], 2, "{release:#}");
    assert_eq!(commit_repositories(&release), [REPO_NAME, REPO_NAME]);
    assert_eq!(f.issue("BACKEND-1")["resolution"]["release"], "1.0.0");

    let next = f.commit("b.txt", "3", "Speed up the cart");
    f.ok(&["releases", "new", "1.1.0"]);
    f.ok(&["releases", "set-commits", "1.1.0", "--auto"]);
    assert_eq!(commit_ids(&f.release("1.1.0")), [next]);
}

#[test]
fn releases_list_shows_the_open_releases() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "new", "1.1.0", "--finalize"]);
    f.store(&["release", "archive", "1.1.0"]);
    f.ok(&["releases", "new", "1.2.0"]);
    let run = f.ok(&["releases", "list"]);
    let listed: Vec<&str> = run
        .stdout
        .lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            cells.get(2).copied().filter(|v| v.starts_with("1."))
        })
        .collect();
    let open: Vec<String> = f
        .store(&["release", "list"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["status"] == "open")
        .map(|r| r["version"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(open.len(), 2);
    assert_eq!(listed.len(), open.len(), "{}", run.transcript());
    for version in &open {
        assert!(listed.contains(&version.as_str()), "{}", run.transcript());
    }
    assert!(!listed.contains(&"1.1.0"), "an archived release is listed");
}

#[test]
fn releases_info_shows_the_release_its_projects_and_commits() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "set-commits", "1.0.0", "--auto"]);
    let run = f.ok(&[
        "releases",
        "info",
        "1.0.0",
        "--show-projects",
        "--show-commits",
    ]);
    let release = f.release("1.0.0");
    assert!(run.stdout.contains("| 1.0.0 "), "{}", run.transcript());
    assert!(run.stdout.contains("backend"), "{}", run.transcript());
    for id in commit_ids(&release) {
        assert!(
            run.stdout.contains(&id),
            "commit {id} missing\n{}",
            run.transcript()
        );
    }
    // A release the store does not have: exit 1, nothing on stdout.
    let run = f.run(&["releases", "info", "9.9.9"]);
    assert_eq!(run.code, Some(1), "{}", run.transcript());
}

#[test]
fn deploys_new_and_list() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&[
        "deploys",
        "new",
        "-r",
        "1.0.0",
        "-e",
        "production",
        "-n",
        "web-1",
        "-u",
        "https://deploy.example.com/1",
        "-t",
        "30",
    ]);
    assert!(
        run.stdout
            .contains("Created new deploy web-1 for 'production'"),
        "{}",
        run.transcript()
    );
    let deploys = f.store(&["deploy", "list", "-r", "1.0.0"]);
    let deploy = &deploys[0];
    assert_eq!(deploy["environment"], "production");
    assert_eq!(deploy["name"], "web-1");
    assert_eq!(deploy["url"], "https://deploy.example.com/1");
    assert!(deploy["dateStarted"].is_string() && deploy["dateFinished"].is_string());

    // Without a name or start: both null.
    f.ok(&["deploys", "new", "-r", "1.0.0", "-e", "staging"]);
    let deploys = f.store(&["deploy", "list", "-r", "1.0.0"]);
    assert_eq!(deploys.as_array().unwrap().len(), 2);
    let staging = deploys
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["environment"] == "staging")
        .unwrap();
    assert_eq!(staging["name"], Value::Null);
    assert_eq!(staging["dateStarted"], Value::Null);

    let run = f.ok(&["deploys", "list", "-r", "1.0.0"]);
    for env in ["production", "staging"] {
        assert!(
            run.stdout.lines().any(|l| l.contains(&format!("| {env} "))),
            "{}",
            run.transcript()
        );
    }
    assert!(run.stdout.contains("| web-1 "), "{}", run.transcript());
}

/// The old form, `releases deploys VERSION new|list`.
#[test]
fn releases_deploys_new_and_list() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&[
        "releases", "deploys", "1.0.0", "new", "-e", "qa", "-n", "qa-7",
    ]);
    let deploys = f.store(&["deploy", "list", "-r", "1.0.0"]);
    assert_eq!(deploys[0]["environment"], "qa");
    assert_eq!(deploys[0]["name"], "qa-7");
    let run = f.ok(&["releases", "deploys", "1.0.0", "list"]);
    assert!(run.stdout.contains("| qa "), "{}", run.transcript());
}

#[test]
fn releases_archive_and_restore() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    let run = f.ok(&["releases", "archive", "1.0.0"]);
    assert!(run.stdout.contains("Archived release 1.0.0"));
    assert_eq!(f.release("1.0.0")["status"], "archived");
    let run = f.ok(&["releases", "restore", "1.0.0"]);
    assert!(run.stdout.contains("Restored release 1.0.0"));
    let release = f.release("1.0.0");
    assert_eq!(release["status"], "open");
    // Archiving sends `projects: []`: the release keeps its projects.
    assert_eq!(release["projects"][0]["slug"], "backend");
}

#[test]
fn releases_delete_removes_the_release() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "new", "1.0.1"]);
    let run = f.ok(&["releases", "delete", "1.0.0"]);
    assert!(
        run.stdout.contains("Deleted release 1.0.0"),
        "{}",
        run.transcript()
    );
    f.server
        .env
        .fails(&["--format", "json", "release", "info", "1.0.0"], 3);
    assert_eq!(f.release("1.0.1")["version"], "1.0.1");
    // Deleting it again: sentry-cli takes the 404 as already gone.
    f.ok(&["releases", "delete", "1.0.0"]);
}

/// The store's numeric id of an issue (what `sentry-cli issues -i` takes).
fn issue_id(f: &Fixture, short_id: &str) -> String {
    f.issue(short_id)["id"].to_string()
}

#[test]
fn issues_list_shows_the_project_issues() {
    let Some(f) = Fixture::start() else { return };
    f.store(&["issue", "new", "-p", "backend", "Login loop"]);
    let run = f.ok(&["issues", "list"]);
    for short_id in ["BACKEND-1", "BACKEND-2"] {
        let issue = f.issue(short_id);
        let row = run
            .stdout
            .lines()
            .find(|line| line.contains(&format!("| {short_id} ")))
            .unwrap_or_else(|| panic!("no row for {short_id}\n{}", run.transcript()));
        assert!(row.contains(&format!("| {} ", issue["id"])), "{row}");
        assert!(row.contains(issue["title"].as_str().unwrap()), "{row}");
        assert!(row.contains("unresolved"), "{row}");
    }
}

#[test]
fn issues_resolve_resolves_the_selected_issues() {
    let Some(f) = Fixture::start() else { return };
    f.store(&["issue", "new", "-p", "backend", "Login loop"]);
    f.ok(&["issues", "resolve", "-i", &issue_id(&f, "BACKEND-1")]);
    assert_eq!(f.issue("BACKEND-1")["status"], "resolved");
    assert_eq!(f.issue("BACKEND-2")["status"], "unresolved");
    f.ok(&["issues", "resolve", "--all"]);
    assert_eq!(f.issue("BACKEND-2")["status"], "resolved");
}

/// Muting is Sentry's "ignored".
#[test]
fn issues_mute_ignores_the_issue() {
    let Some(f) = Fixture::start() else { return };
    f.ok(&["issues", "mute", "-i", &issue_id(&f, "BACKEND-1")]);
    assert_eq!(f.issue("BACKEND-1")["status"], "ignored");
}

#[test]
fn issues_unresolve_reopens_a_resolved_issue() {
    let Some(f) = Fixture::start() else { return };
    // Resolved by the commit that fixes it.
    f.ok(&["releases", "new", "1.0.0"]);
    f.ok(&["releases", "set-commits", "1.0.0", "--auto"]);
    assert_eq!(f.issue("BACKEND-1")["status"], "resolved");
    f.ok(&["issues", "unresolve", "-i", &issue_id(&f, "BACKEND-1")]);
    let issue = f.issue("BACKEND-1");
    assert_eq!(issue["status"], "unresolved");
    assert_eq!(issue["resolution"], Value::Null);
}
