//! The README's "Coming from sentry-cli" table is a script: each sentry-cli command of its left
//! column runs with `relctl` in sentry-cli's place, in a real git repository, against a local
//! store and again through `relctl serve` on loopback, and the store shows what it did. The
//! commands are read from the README itself, so the table and this test cannot drift apart;
//! rows marked `<!-- not run -->` are left out (their comment says why).

use std::path::Path;
use std::process::Command;

use crate::harness::{Repo, TestEnv};
use crate::help::words;
use crate::remote::harness::Server;

/// The sentry-cli commands of the README's table, in order, without the rows marked not run.
fn table_commands() -> Vec<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let section = readme
        .split("\n## Coming from sentry-cli\n")
        .nth(1)
        .expect("README has a \"Coming from sentry-cli\" section");
    let section = section.split("\n## ").next().unwrap();
    let mut commands = Vec::new();
    for row in section.lines().filter(|l| l.starts_with("| `")) {
        let first = row[2..].split(" | ").next().unwrap();
        if first.contains("<!-- not run") {
            continue;
        }
        for (i, span) in first.split('`').enumerate() {
            let is_command = words(span)
                .iter()
                .find(|w| !w.contains('='))
                .is_some_and(|w| w == "sentry-cli");
            if i % 2 == 1 && is_command {
                commands.push(span.to_string());
            }
        }
    }
    commands
}

/// `line` with relctl in sentry-cli's place, its `VAR=value` prefixes as variables, in `dir`.
fn command(env: &TestEnv, line: &str, dir: &Path) -> Command {
    let mut cmd = env.cmd();
    cmd.current_dir(dir);
    let mut args = words(line).into_iter();
    for word in args.by_ref() {
        match word.split_once('=') {
            Some((key, value)) if word != "sentry-cli" => {
                cmd.env(key, value);
            }
            _ => break,
        }
    }
    cmd.args(args);
    cmd
}

/// A repository named acme/backend by its remote, with three commits.
fn repository(env: &TestEnv) -> Repo {
    let repo = Repo::init(&env.path().join("backend"));
    repo.git(&[
        "remote",
        "add",
        "origin",
        "https://github.com/acme/backend.git",
    ]);
    for n in 1..=3 {
        repo.commit(&format!("f{n}.txt"), &n.to_string(), &format!("change {n}"));
    }
    repo
}

/// Project `backend` (created by `client`) and its issues BACKEND-1 (id 1) and BACKEND-2 (on
/// `store`: issues come from events, which no API here creates), for the table's commands.
fn setup(client: &TestEnv, store: &TestEnv) {
    client.ok(&["project", "create", "backend"]);
    store.ok(&["issue", "new", "-p", "backend", "Crash one"]);
    store.ok(&["issue", "new", "-p", "backend", "Crash two"]);
}

/// Runs every command of the table as `client` (a local store, or a client of a server), in
/// `repo`; each must succeed. `--raw` prints the versions alone.
fn run_table(client: &TestEnv, repo: &Repo) {
    let commands = table_commands();
    assert!(commands.len() > 30, "{commands:?}");
    for line in &commands {
        let out = command(client, line, &repo.dir).output().unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "{line} failed ({:?}): {}",
            out.status.code(),
            String::from_utf8_lossy(&out.stderr)
        );
        if line.contains(" -R") || line.contains("--raw") {
            let delimiter = if line.contains(" ,") { "," } else { "\n" };
            let versions: Vec<&str> = stdout.trim_end().split(delimiter).collect();
            assert_eq!(versions, ["1.0.1", "1.0.0"], "{line}: {stdout:?}");
        }
    }
}

/// What the table did, as the store holds it.
fn check_store(store: &TestEnv) {
    let one = |sql: &str| store.query_i64(sql);
    let release = |version: &str, what: &str| {
        one(&format!(
            "SELECT {what} FROM release WHERE version = '{version}'"
        ))
    };
    // 1.0.0: bound by --auto/--local (3 commits: no earlier release), finalized, two deploys.
    assert_eq!(release("1.0.0", "commit_count"), 3);
    assert_eq!(release("1.0.0", "date_released IS NOT NULL"), 1);
    assert_eq!(
        one(
            "SELECT count(*) FROM deploy d JOIN release r ON r.id = d.release_id WHERE r.version = '1.0.0'"
        ),
        2
    );
    assert_eq!(one("SELECT count(*) FROM deploy WHERE name = 'web-1'"), 1);
    // 1.0.1: an empty range (--ignore-empty), archived and restored.
    assert_eq!(release("1.0.1", "commit_count"), 0);
    assert_eq!(release("1.0.1", "status"), 0);
    // 1.0.2: created and deleted.
    assert_eq!(release("1.0.2", "count(*)"), 0);
    assert_eq!(
        one("SELECT count(*) FROM repository WHERE name = 'acme/backend'"),
        1
    );
    // Issue 1 resolved (activity 1), muted (3: ignored), then every issue unresolved (2): only
    // issue 1 was not unresolved already, so issue 2 has no activity.
    let activity = |group: i64, kind: i64| {
        one(&format!(
            "SELECT count(*) FROM activity WHERE group_id = {group} AND type = {kind}"
        ))
    };
    assert_eq!((activity(1, 1), activity(1, 3), activity(1, 2)), (1, 1, 1));
    assert_eq!(one("SELECT count(*) FROM activity WHERE group_id = 2"), 0);
    assert_eq!(one("SELECT count(*) FROM issue_group WHERE status != 0"), 0);
}

#[test]
fn the_readme_table_runs_on_a_local_store() {
    let env = TestEnv::new();
    let repo = repository(&env);
    setup(&env, &env);
    run_table(&env, &repo);
    check_store(&env);
}

#[test]
fn the_readme_table_runs_through_serve() {
    let env = TestEnv::new();
    let repo = repository(&env);
    let server = Server::start_in(env, &["--repo", &format!("acme/backend={}", repo.path())]);
    let client = server.client();
    setup(&client, &server.env);
    run_table(&client, &repo);
    check_store(&server.env);
    // The header went with the requests; the server's log never shows it.
    assert!(!server.log().contains("X-Team"), "{}", server.log());
}
