//! The GitHub Action (`action.yml`, `action/run.sh`, `action/install.sh`) run the way a runner
//! runs it: the `INPUT_*` variables action.yml maps (with its defaults for inputs not given) and
//! the `GITHUB_*` / `RUNNER_*` variables GitHub sets, in a real git checkout, against
//! `relctl serve` on loopback, with the relctl built by cargo first on PATH. What the action did
//! is read back from the server's store.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

use crate::harness::Repo;
use crate::remote::harness::Server;

/// The inputs of getsentry/action-release that relctl's action takes with the same meaning,
/// plus the server's `url` and `auth_token`.
const INPUTS: &[&str] = &[
    "environment",
    "projects",
    "version",
    "version_prefix",
    "set_commits",
    "ignore_missing",
    "ignore_empty",
    "finalize",
    "started_at",
    "working_directory",
    "url",
    "auth_token",
];

fn top() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `inputs:` of action.yml, each with its default ("" when it has none), read line by line:
/// a two-space-indented `name:` opens an input, a four-space `default:` gives its default.
fn declared_inputs() -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(top().join("action.yml")).unwrap();
    let mut inputs = BTreeMap::new();
    let mut in_inputs = false;
    let mut current: Option<String> = None;
    for line in text.lines() {
        if !line.starts_with(' ') && !line.trim().is_empty() && !line.starts_with('#') {
            in_inputs = line == "inputs:";
            continue;
        }
        if !in_inputs {
            continue;
        }
        if let Some(name) = line.strip_prefix("  ").and_then(|l| l.strip_suffix(':'))
            && !name.starts_with(' ')
        {
            inputs.insert(name.to_string(), String::new());
            current = Some(name.to_string());
        } else if let Some(default) = line.strip_prefix("    default: ") {
            let default = default.trim_matches('\'').to_string();
            inputs.insert(current.clone().unwrap(), default);
        }
    }
    inputs
}

/// Every `INPUT_*` variable a script reads.
fn variables_read(script: &str) -> Vec<String> {
    let text = std::fs::read_to_string(top().join("action").join(script)).unwrap();
    let mut names: Vec<String> = text
        .match_indices("INPUT_")
        .map(|(at, _)| {
            text[at..]
                .chars()
                .take_while(|c| c.is_ascii_uppercase() || *c == '_' || c.is_ascii_digit())
                .collect()
        })
        .filter(|name: &String| name.len() > "INPUT_".len())
        .collect();
    names.sort();
    names.dedup();
    names
}

#[test]
fn action_yml_declares_every_input_and_passes_each_to_the_script() {
    let text = std::fs::read_to_string(top().join("action.yml")).unwrap();
    assert!(!text.contains('\t'), "action.yml: YAML takes no tabs");
    assert!(text.contains("using: 'composite'"));
    assert!(text.contains("value: ${{ steps.release.outputs.version }}"));
    let inputs = declared_inputs();
    let names: Vec<&str> = inputs.keys().map(String::as_str).collect();
    let mut expected = INPUTS.to_vec();
    expected.sort();
    assert_eq!(names, expected);
    assert_eq!(inputs["set_commits"], "auto");
    assert_eq!(inputs["finalize"], "true");
    // Composite actions get no INPUT_* of their own: each is mapped by name, once.
    for name in INPUTS {
        let line = format!(
            "INPUT_{}: ${{{{ inputs.{name} }}}}",
            name.to_ascii_uppercase()
        );
        assert_eq!(text.matches(&line).count(), 1, "action.yml lacks {line}");
    }
    let read = variables_read("run.sh");
    let mapped: Vec<String> = INPUTS
        .iter()
        .map(|name| format!("INPUT_{}", name.to_ascii_uppercase()))
        .collect();
    for name in &read {
        assert!(
            mapped.contains(name),
            "run.sh reads {name}, action.yml does not pass it"
        );
    }
    for name in &mapped {
        assert!(
            read.contains(name),
            "action.yml passes {name}, run.sh never reads it"
        );
    }
    assert!(variables_read("install.sh").is_empty());
}

#[test]
fn the_readme_table_names_every_input() {
    let readme = std::fs::read_to_string(top().join("README.md")).unwrap();
    let section = readme
        .split("\n### GitHub Actions\n")
        .nth(1)
        .expect("README has a \"GitHub Actions\" section");
    let section = section.split("\n#").next().unwrap();
    let rows: Vec<&str> = section
        .lines()
        .filter_map(|line| line.strip_prefix("| `"))
        .filter_map(|line| line.split('`').next())
        .collect();
    let mut expected = INPUTS.to_vec();
    expected.sort();
    let mut named = rows.clone();
    named.sort();
    assert_eq!(named, expected, "README's inputs table");
    assert!(section.contains("| output `version` |"));
}

/// A workspace (a checkout of acme/backend), a runner's temp directory and its command files.
struct Runner {
    dir: TempDir,
    repo: Repo,
}

impl Runner {
    fn new() -> Runner {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo::init(&dir.path().join("work").join("backend"));
        repo.git(&[
            "remote",
            "add",
            "origin",
            "https://github.com/acme/backend.git",
        ]);
        std::fs::create_dir_all(dir.path().join("temp")).unwrap();
        std::fs::create_dir_all(dir.path().join("home")).unwrap();
        for file in ["output", "env", "path"] {
            std::fs::write(dir.path().join(file), "").unwrap();
        }
        Runner { dir, repo }
    }

    fn file(&self, name: &str) -> String {
        std::fs::read_to_string(self.dir.path().join(name)).unwrap()
    }

    /// `bash SCRIPT` with what a runner gives a composite action's `run:` step, and nothing of
    /// this machine's environment but PATH (relctl's directory first).
    fn command(&self, script: &str) -> Command {
        let relctl_dir = Path::new(env!("CARGO_BIN_EXE_relctl")).parent().unwrap();
        let path = format!(
            "{}:{}",
            relctl_dir.display(),
            std::env::var("PATH").unwrap_or_default()
        );
        let runner = self.dir.path();
        let mut cmd = Command::new("bash");
        cmd.arg(top().join("action").join(script))
            .env_clear()
            .env("PATH", path)
            .env("HOME", runner.join("home"))
            .env("CI", "true")
            .env("GITHUB_ACTIONS", "true")
            .env("GITHUB_WORKSPACE", &self.repo.dir)
            .env("GITHUB_SHA", self.repo.head())
            .env("GITHUB_REF", "refs/heads/main")
            .env("GITHUB_REF_NAME", "main")
            .env("GITHUB_REPOSITORY", "acme/backend")
            .env("GITHUB_REPOSITORY_OWNER", "acme")
            .env("GITHUB_RUN_ID", "4242")
            .env("GITHUB_RUN_NUMBER", "7")
            .env("GITHUB_EVENT_NAME", "push")
            .env("GITHUB_SERVER_URL", "https://github.com")
            .env("GITHUB_ACTION", "__acme_relctl")
            .env("GITHUB_ACTION_PATH", top())
            .env("GITHUB_OUTPUT", runner.join("output"))
            .env("GITHUB_ENV", runner.join("env"))
            .env("GITHUB_PATH", runner.join("path"))
            .env("RUNNER_OS", "Linux")
            .env("RUNNER_ARCH", "X64")
            .env("RUNNER_TEMP", runner.join("temp"))
            .current_dir(&self.repo.dir);
        cmd
    }

    /// action/run.sh with `inputs` and action.yml's defaults for the others, as INPUT_* (an
    /// input not given and without a default is the empty string, as GitHub passes it).
    fn run(&self, inputs: &[(&str, &str)], extra_env: &[(&str, &str)]) -> Output {
        self.run_in(&self.repo.dir, inputs, extra_env)
    }

    /// [`Runner::run`] with the step running in `dir` (the workspace is the checkout otherwise).
    fn run_in(&self, dir: &Path, inputs: &[(&str, &str)], extra_env: &[(&str, &str)]) -> Output {
        let mut cmd = self.command("run.sh");
        cmd.current_dir(dir);
        for (name, default) in declared_inputs() {
            let value = inputs
                .iter()
                .find(|(given, _)| *given == name)
                .map_or(default, |(_, value)| value.to_string());
            cmd.env(format!("INPUT_{}", name.to_ascii_uppercase()), value);
        }
        for (name, _) in inputs {
            assert!(INPUTS.contains(name), "no input {name}");
        }
        cmd.envs(extra_env.iter().copied());
        cmd.output().unwrap()
    }
}

fn text(out: &Output) -> (String, String) {
    (
        String::from_utf8_lossy(&out.stdout).to_string(),
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

fn succeeded(out: &Output) -> String {
    let (stdout, stderr) = text(out);
    assert!(
        out.status.success(),
        "run.sh failed ({:?}):\n{stdout}\n{stderr}",
        out.status.code()
    );
    format!("{stdout}{stderr}")
}

/// The token stands only in the one line that masks it (the runner swallows that line).
fn only_masked(log: &str, token: &str) {
    let lines: Vec<&str> = log.lines().filter(|line| line.contains(token)).collect();
    assert_eq!(lines, [format!("::add-mask::{token}")], "{log}");
}

fn server_with_projects() -> Server {
    let server = Server::start();
    server.env.json(&["project", "create", "backend"]);
    server.env.json(&["project", "create", "web"]);
    server
}

fn one(server: &Server, sql: &str, params: &[&str]) -> i64 {
    server.env.sql().i64(sql, params).unwrap()
}

fn strings(server: &Server, sql: &str, params: &[&str]) -> Vec<String> {
    server.env.sql().strings(sql, params)
}

#[test]
fn the_action_creates_binds_deploys_and_finalizes_the_release_on_the_server() {
    let server = server_with_projects();
    let runner = Runner::new();
    runner.repo.commit("a.txt", "1", "Initial import");
    runner.repo.commit("b.txt", "2", "Cart");
    let head = runner.repo.commit("c.txt", "3", "Checkout");

    let out = runner.run(
        &[
            ("projects", "backend web"),
            ("environment", "production"),
            ("started_at", "2024-01-02T03:04:05Z"),
            ("url", &server.url),
            ("auth_token", &server.token),
        ],
        &[],
    );
    let log = succeeded(&out);

    // No version given: propose-version's, GITHUB_SHA.
    assert_eq!(runner.file("output"), format!("version={head}\n"));
    let release = |what: &str| {
        one(
            &server,
            &format!("SELECT {what} FROM release WHERE version = ?1"),
            &[&head],
        )
    };
    assert_eq!(one(&server, "SELECT count(*) FROM release", &[]), 1);
    assert_eq!(
        strings(
            &server,
            "SELECT p.slug FROM release_project rp JOIN project p ON p.id = rp.project_id \
             JOIN release r ON r.id = rp.release_id WHERE r.version = ?1 ORDER BY p.slug",
            &[&head],
        ),
        ["backend", "web"]
    );
    // Its commits: the whole (first) history, named for the repository of the remote.
    assert_eq!(release("commit_count"), 3);
    assert_eq!(
        one(
            &server,
            "SELECT count(*) FROM release_commit rc JOIN release r ON r.id = rc.release_id \
             WHERE r.version = ?1",
            &[&head],
        ),
        3
    );
    assert_eq!(
        strings(&server, "SELECT name FROM repository", &[]),
        ["acme/backend"]
    );
    // The deploy, to production, started when started_at says.
    assert_eq!(
        strings(
            &server,
            "SELECT e.name FROM deploy d JOIN environment e ON e.id = d.environment_id \
             JOIN release r ON r.id = d.release_id WHERE r.version = ?1",
            &[&head],
        ),
        ["production"]
    );
    let started = strings(&server, "SELECT date_started FROM deploy", &[]);
    assert!(started[0].starts_with("2024-01-02T03:04:05"), "{started:?}");
    assert_eq!(release("total_deploys"), 1);
    // Finalized (the default).
    assert_eq!(release("date_released IS NOT NULL"), 1);

    only_masked(&log, &server.token);
    assert!(!server.log().contains(&server.token));
}

#[test]
fn version_prefix_is_applied_and_the_next_release_gets_only_its_own_commits() {
    let server = server_with_projects();
    let runner = Runner::new();
    runner.repo.commit("a.txt", "1", "Initial import");
    let first = runner.repo.commit("b.txt", "2", "Cart");
    // The server and token from the variables sentry-cli jobs already set, not the inputs.
    let sentry_env = [
        ("SENTRY_URL", server.url.as_str()),
        ("SENTRY_AUTH_TOKEN", server.token.as_str()),
        ("SENTRY_ORG", "default"),
        ("SENTRY_PROJECT", "backend"),
    ];
    let out = runner.run(&[("version_prefix", "backend@")], &sentry_env);
    only_masked(&succeeded(&out), &server.token);
    let first_version = format!("backend@{first}");
    assert_eq!(runner.file("output"), format!("version={first_version}\n"));

    runner.repo.commit("c.txt", "3", "Checkout");
    runner.repo.commit("d.txt", "4", "Receipts");
    std::fs::write(runner.dir.path().join("output"), "").unwrap();
    // A tag's ref as the version (refs/tags/ goes), prefixed; left open, no deploy; the
    // checkout named by working_directory, relative to where the step runs.
    let workspace = runner.repo.dir.parent().unwrap();
    let out = runner.run_in(
        workspace,
        &[
            ("projects", "backend"),
            ("version", "refs/tags/v2.0.0"),
            ("version_prefix", "backend@"),
            ("finalize", "False"),
            ("ignore_missing", "true"),
            ("ignore_empty", "1"),
            ("working_directory", "backend"),
        ],
        &sentry_env,
    );
    succeeded(&out);

    assert_eq!(runner.file("output"), "version=backend@v2.0.0\n");
    let release = |version: &str, what: &str| {
        one(
            &server,
            &format!("SELECT {what} FROM release WHERE version = ?1"),
            &[version],
        )
    };
    assert_eq!(release(&first_version, "commit_count"), 2);
    assert_eq!(release(&first_version, "date_released IS NOT NULL"), 1);
    // Only the two commits since the first release's head.
    assert_eq!(release("backend@v2.0.0", "commit_count"), 2);
    assert_eq!(release("backend@v2.0.0", "date_released IS NULL"), 1);
    assert_eq!(one(&server, "SELECT count(*) FROM deploy", &[]), 0);
    assert_eq!(one(&server, "SELECT count(*) FROM release", &[]), 2);
}

#[test]
fn set_commits_skip_leaves_the_release_without_commits() {
    let server = server_with_projects();
    let runner = Runner::new();
    runner.repo.commit("a.txt", "1", "Initial import");
    let out = runner.run(
        &[
            ("projects", "web"),
            ("version", "1.0.0"),
            ("set_commits", "skip"),
            ("url", &server.url),
            ("auth_token", &server.token),
        ],
        &[],
    );
    succeeded(&out);
    assert_eq!(runner.file("output"), "version=1.0.0\n");
    assert_eq!(
        one(
            &server,
            "SELECT commit_count FROM release WHERE version = '1.0.0'",
            &[]
        ),
        0
    );
    assert_eq!(one(&server, "SELECT count(*) FROM release_commit", &[]), 0);
}

#[test]
fn bad_inputs_fail_with_one_error_line_before_anything_is_written() {
    let server = server_with_projects();
    let runner = Runner::new();
    runner.repo.commit("a.txt", "1", "Initial import");
    let cases: &[(&[(&str, &str)], &str)] = &[
        (
            &[("set_commits", "bogus")],
            r#"set_commits must be "auto" or "skip", not "bogus""#,
        ),
        (
            &[("finalize", "yes")],
            r#"finalize must be true or false, not "yes""#,
        ),
        (
            &[("ignore_missing", "maybe")],
            "ignore_missing must be true or false",
        ),
        (&[("version", "a/b")], "may not contain '/'"),
        (&[("version", "latest")], "latest"),
        (&[("version_prefix", "web/")], "may not contain '/'"),
        (
            &[("environment", "production"), ("started_at", "yesterday")],
            r#"invalid value "yesterday" for --started"#,
        ),
        (&[("working_directory", "no/such/dir")], "working_directory"),
        (&[("projects", "")], "no projects"),
    ];
    for (inputs, message) in cases {
        let mut all = vec![
            ("projects", "backend"),
            ("url", server.url.as_str()),
            ("auth_token", server.token.as_str()),
        ];
        for (name, value) in inputs.iter() {
            all.retain(|(given, _)| given != name);
            all.push((name, value));
        }
        let out = runner.run(&all, &[]);
        let (stdout, stderr) = text(&out);
        assert_eq!(out.status.code(), Some(2), "{inputs:?}: {stdout}\n{stderr}");
        let lines: Vec<&str> = stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{inputs:?}: {stderr}");
        assert!(
            lines[0].starts_with("::error::relctl action: ") && lines[0].contains(message),
            "{inputs:?}: {stderr}"
        );
        // Only the mask on stdout: no command ran.
        assert_eq!(
            stdout,
            format!("::add-mask::{}\n", server.token),
            "{inputs:?}"
        );
        assert_eq!(runner.file("output"), "", "{inputs:?}");
    }
    assert_eq!(one(&server, "SELECT count(*) FROM release", &[]), 0);
    assert_eq!(one(&server, "SELECT count(*) FROM deploy", &[]), 0);
    assert_eq!(one(&server, "SELECT count(*) FROM environment", &[]), 0);
}

/// A directory laid out as GitHub serves a release's files: `TAG/NAME`.
fn releases_dir(runner: &Runner, tag: &str, sums: impl FnOnce(&str) -> String) -> PathBuf {
    let base = runner.dir.path().join("releases");
    let dir = base.join(tag);
    std::fs::create_dir_all(&dir).unwrap();
    let asset = dir.join("relctl-x86_64-unknown-linux-musl");
    std::fs::copy(env!("CARGO_BIN_EXE_relctl"), &asset).unwrap();
    let out = Command::new("sha256sum").arg(&asset).output().unwrap();
    let sum = String::from_utf8(out.stdout).unwrap();
    let sum = sum.split_whitespace().next().unwrap().to_string();
    std::fs::write(dir.join("SHA256SUMS"), sums(&sum)).unwrap();
    base
}

fn install(runner: &Runner, base: &Path, extra_path: Option<&Path>) -> Output {
    runner.repo.commit("a.txt", "1", "Initial import");
    // The action's checkout path as the runner lays it out (it names the ref when
    // GITHUB_ACTION_REF is not set, as for composite actions).
    let action_path = runner
        .dir
        .path()
        .join("_actions")
        .join("acme")
        .join("relctl")
        .join("v9.9.9");
    std::fs::create_dir_all(&action_path).unwrap();
    let mut cmd = runner.command("install.sh");
    cmd.env("GITHUB_ACTION_PATH", &action_path).env(
        "RELCTL_ACTION_RELEASES",
        format!("file://{}", base.display()),
    );
    if let Some(dir) = extra_path {
        let path = format!("{}:{}", dir.display(), std::env::var("PATH").unwrap());
        cmd.env("PATH", path);
    }
    cmd.output().unwrap()
}

#[test]
fn install_takes_the_released_binary_when_its_sum_matches() {
    let runner = Runner::new();
    let base = releases_dir(&runner, "v9.9.9", |sum| {
        format!(
            "{}  target/dist/relctl-aarch64-unknown-linux-musl\n{sum} *target/dist/relctl-x86_64-unknown-linux-musl\n",
            "0".repeat(64)
        )
    });
    let out = install(&runner, &base, None);
    succeeded(&out);
    let bin = runner.dir.path().join("temp/relctl-action/relctl");
    assert_eq!(runner.file("output"), format!("bin={}\n", bin.display()));
    assert_eq!(
        runner.file("path"),
        format!("{}\n", bin.parent().unwrap().display())
    );
    assert_eq!(
        std::fs::read(&bin).unwrap(),
        std::fs::read(env!("CARGO_BIN_EXE_relctl")).unwrap()
    );
}

#[test]
fn install_refuses_a_binary_whose_sum_does_not_match() {
    let runner = Runner::new();
    let base = releases_dir(&runner, "v9.9.9", |_| {
        format!("{}  relctl-x86_64-unknown-linux-musl\n", "0".repeat(64))
    });
    let out = install(&runner, &base, None);
    let (_, stderr) = text(&out);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("does not match its SHA256SUMS"), "{stderr}");
    assert_eq!(runner.file("output"), "");
    assert!(!runner.dir.path().join("temp/relctl-action/relctl").exists());
    assert!(
        !runner
            .dir
            .path()
            .join("temp/relctl-action/relctl-x86_64-unknown-linux-musl")
            .exists()
    );
}

#[test]
fn install_builds_from_the_action_source_without_a_release() {
    let runner = Runner::new();
    // A release of another ref only; `cargo` is a stand-in that records its arguments and
    // installs the binary cargo built for this suite.
    let base = releases_dir(&runner, "v1.0.0", |sum| {
        format!("{sum}  relctl-x86_64-unknown-linux-musl\n")
    });
    let fake = runner.dir.path().join("fake-cargo");
    std::fs::create_dir_all(&fake).unwrap();
    let script = format!(
        "#!/bin/sh\necho \"$@\" > '{log}'\nwhile [ \"$1\" != --root ]; do shift; done\n\
         mkdir -p \"$2/bin\" && cp '{bin}' \"$2/bin/relctl\"\n",
        log = runner.dir.path().join("cargo-args").display(),
        bin = env!("CARGO_BIN_EXE_relctl"),
    );
    std::fs::write(fake.join("cargo"), script).unwrap();
    Command::new("chmod")
        .args(["+x", fake.join("cargo").to_str().unwrap()])
        .status()
        .unwrap();
    let out = install(&runner, &base, Some(&fake));
    succeeded(&out);
    let root = runner.dir.path().join("temp/relctl-action");
    let action_path = runner.dir.path().join("_actions/acme/relctl/v9.9.9");
    assert_eq!(
        runner.file("cargo-args"),
        format!(
            "install --locked --quiet --path {} --root {}\n",
            action_path.display(),
            root.display()
        )
    );
    assert_eq!(
        runner.file("output"),
        format!("bin={}\n", root.join("bin/relctl").display())
    );
}
