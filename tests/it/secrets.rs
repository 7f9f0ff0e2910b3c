//! Secrets never reach output: every command of the command line runs at `-vvv` with a known
//! token and a server URL holding a password (`http://alice:hunter2@...`): against
//! `relctl serve` with the secrets in RELCTL_ variables, in flags, in a config file and in
//! SENTRY_ variables; with `--dry-run`; on the local store with the secrets still in the
//! environment; and, for a few commands, against a dead server, with no token, with a wrong
//! token, with a token that cannot be sent, and with the URL missing its scheme. Neither token
//! (nor any 16 characters of one) nor the password may appear on stdout or stderr of any of
//! them, nor in the log of `relctl -vvv serve`. A command may fail; it may not leak.
//!
//! `RELCTL_TEST_SHOW=1` prints every run (arguments, exit code, output).
use std::collections::BTreeSet;

use clap::CommandFactory;

use crate::harness::{Repo, TestEnv};
use crate::remote::harness::Server;

const PASSWORD: &str = "hunter2";

/// Every command, as the runs below give it (after any global flags). Several invocations for
/// one command prepare what it acts on; a run over an empty store fails some of them, which is
/// fine.
fn commands(repo: &str) -> Vec<(&'static str, Vec<Vec<String>>)> {
    // A PostgreSQL URL with the password, down (exit 5) and in a form refused (exit 2).
    let pg_url = format!("postgres://alice:{PASSWORD}@127.0.0.1:1/relctl");
    let other_url = format!("mysql://alice:{PASSWORD}@127.0.0.1:1/relctl");
    let table: Vec<(&'static str, Vec<Vec<&str>>)> = vec![
        ("config show", vec![vec!["config", "show"]]),
        ("completions", vec![vec!["completions", "bash"]]),
        ("org create", vec![vec!["org", "create", "leak-org"]]),
        ("org list", vec![vec!["org", "list"]]),
        ("org show", vec![vec!["org", "show"]]),
        (
            "org set",
            vec![vec!["org", "set", "scrapeJavaScript", "false"]],
        ),
        ("org audit", vec![vec!["org", "audit"]]),
        (
            "project create",
            vec![
                vec!["project", "create", "Leak"],
                vec!["project", "create", "Doomed"],
            ],
        ),
        ("project list", vec![vec!["project", "list"]]),
        ("project show", vec![vec!["project", "show", "leak"]]),
        (
            "project delete",
            vec![vec!["project", "delete", "doomed", "--yes"]],
        ),
        (
            "release new",
            vec![
                vec!["release", "new", "1.0.0", "-p", "leak"],
                vec!["release", "new", "0.9.0", "-p", "leak"],
            ],
        ),
        (
            "release set-commits",
            vec![
                vec!["release", "set-commits", "1.0.0", "--repo", repo],
                vec!["release", "set-commits", "0.9.0", "--repo", repo, "--clear"],
            ],
        ),
        (
            "release propose-version",
            vec![vec!["release", "propose-version", "--repo", repo]],
        ),
        (
            "release finalize",
            vec![vec!["release", "finalize", "1.0.0"]],
        ),
        (
            "release info",
            vec![vec!["release", "info", "1.0.0", "--commits"]],
        ),
        ("release list", vec![vec!["release", "list"]]),
        ("release archive", vec![vec!["release", "archive", "1.0.0"]]),
        ("release restore", vec![vec!["release", "restore", "1.0.0"]]),
        ("release delete", vec![vec!["release", "delete", "0.9.0"]]),
        (
            "deploy new",
            vec![vec!["deploy", "new", "-r", "1.0.0", "-e", "production"]],
        ),
        ("deploy list", vec![vec!["deploy", "list", "-r", "1.0.0"]]),
        (
            "release deploys new",
            vec![vec!["release", "deploys", "1.0.0", "new", "-e", "staging"]],
        ),
        (
            "release deploys list",
            vec![vec!["release", "deploys", "1.0.0", "list"]],
        ),
        (
            "info",
            vec![vec!["info"], vec!["info", "--config-status-json"]],
        ),
        ("repos list", vec![vec!["repos", "list"]]),
        (
            "issue new",
            vec![vec!["issue", "new", "-p", "leak", "Leak"]],
        ),
        ("issue list", vec![vec!["issue", "list"]]),
        ("issue show", vec![vec!["issue", "show", "LEAK-1"]]),
        ("issue review", vec![vec!["issue", "review", "LEAK-1"]]),
        ("issue mute", vec![vec!["issue", "mute", "LEAK-1"]]),
        (
            "issue unresolve",
            vec![vec!["issue", "unresolve", "LEAK-1"]],
        ),
        ("issue resolve", vec![vec!["issue", "resolve", "LEAK-1"]]),
        (
            "token create",
            vec![vec!["token", "create", "--scopes", "org:read"]],
        ),
        ("token list", vec![vec!["token", "list"]]),
        ("token revoke", vec![vec!["token", "revoke", "999"]]),
        (
            "store migrate",
            vec![
                vec![
                    "store",
                    "migrate",
                    "--from",
                    "data/relctl.db",
                    "--to",
                    &pg_url,
                ],
                vec![
                    "store",
                    "migrate",
                    "--from",
                    "data/relctl.db",
                    "--to",
                    &other_url,
                ],
            ],
        ),
    ];
    table
        .into_iter()
        .map(|(name, runs)| {
            let runs = runs
                .into_iter()
                .map(|args| args.into_iter().map(str::to_string).collect())
                .collect();
            (name, runs)
        })
        .collect()
}

/// Every leaf command clap knows (`release set-commits`, `completions`, ...), but `serve`.
fn every_command() -> BTreeSet<String> {
    fn walk(cmd: &clap::Command, prefix: &str, out: &mut BTreeSet<String>) {
        let subs: Vec<&clap::Command> = cmd
            .get_subcommands()
            .filter(|sub| sub.get_name() != "help")
            .collect();
        if subs.is_empty() {
            out.insert(prefix.trim().to_string());
        }
        for sub in subs {
            walk(sub, &format!("{prefix} {}", sub.get_name()), out);
        }
    }
    let mut out = BTreeSet::new();
    walk(&relctl::cli::Cli::command(), "", &mut out);
    out.remove("serve");
    out
}

/// A token that is no token of the server: sent, refused, and never shown either.
const WRONG_TOKEN: &str = "relctl_0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

/// Where a secret shows in `text`, if it does: the password, or any 16 characters of a token.
fn leak(text: &str, tokens: &[&str]) -> Option<String> {
    if text.contains(PASSWORD) {
        return Some(format!("the URL password {PASSWORD:?}"));
    }
    tokens.iter().find_map(|token| {
        let chars: Vec<char> = token.chars().collect();
        chars
            .windows(16)
            .map(|window| window.iter().collect::<String>())
            .find(|piece| text.contains(piece.as_str()))
            .map(|piece| format!("a token (its piece {piece:?})"))
    })
}

/// Runs `args`, then checks both streams; returns the leaks found and whether it succeeded.
fn run_and_check(
    env: &TestEnv,
    mode: &str,
    args: &[String],
    tokens: &[&str],
) -> (Vec<String>, bool) {
    let out = env.cmd().args(args).output().unwrap();
    if std::env::var_os("RELCTL_TEST_SHOW").is_some() {
        eprintln!(
            "[{mode}] {args:?} -> {:?}\n{}{}",
            out.status.code(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let mut found = Vec::new();
    for (stream, bytes) in [("stdout", &out.stdout), ("stderr", &out.stderr)] {
        let text = String::from_utf8_lossy(bytes);
        if let Some(what) = leak(&text, tokens) {
            found.push(format!(
                "[{mode}] relctl {args:?} (exit {:?}) printed {what} on {stream}:\n{text}",
                out.status.code()
            ));
        }
    }
    (found, out.status.success())
}

#[test]
fn no_command_prints_the_token_or_the_url_password() {
    let server = Server::start_with(&["-vvv"]);
    let token = server.token.clone();
    assert!(token.len() >= 32);
    let address = server.url.trim_start_matches("http://").to_string();
    let secret_url = format!("http://alice:{PASSWORD}@{address}");
    // What the server holds for the remote runs to act on.
    server.env.ok(&["project", "create", "Leak"]);
    server.env.ok(&["issue", "new", "-p", "leak", "Leak"]);
    // A repository whose remote URL holds a password too (its name comes from that URL).
    let work = TestEnv::new();
    let repo = Repo::init(&work.path().join("app"));
    repo.git(&[
        "remote",
        "add",
        "origin",
        &format!("https://bob:{PASSWORD}@github.com/acme/app.git"),
    ]);
    repo.commit("a.txt", "1", "Initial import");
    repo.commit("b.txt", "2", "Fixes LEAK-1");

    let commands = commands(repo.path());
    let covered: BTreeSet<String> = commands.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(
        covered,
        every_command(),
        "the table must name every command of the command line"
    );

    let config = work.path().join("secrets.toml");
    std::fs::write(
        &config,
        format!("url = \"{secret_url}\"\nauth_token = \"{token}\"\n"),
    )
    .unwrap();
    let config = config.to_str().unwrap().to_string();
    let dead_url = format!("http://alice:{PASSWORD}@127.0.0.1:1");
    let spaced_token = format!("{token} x");
    let schemeless_url = format!("alice:{PASSWORD}@{address}");
    // (mode, environment, global flags, only these commands)
    type Mode<'a> = (
        &'a str,
        Vec<(&'a str, &'a str)>,
        Vec<&'a str>,
        Option<Vec<&'a str>>,
    );
    let modes: Vec<Mode> = vec![
        (
            "remote, secrets in RELCTL_ variables",
            vec![("RELCTL_URL", &secret_url), ("RELCTL_AUTH_TOKEN", &token)],
            vec![],
            None,
        ),
        (
            "remote, secrets in flags",
            vec![],
            vec!["--url", &secret_url, "--auth-token", &token],
            None,
        ),
        (
            "remote, secrets in a config file",
            vec![],
            vec!["--config", &config],
            None,
        ),
        (
            "remote, secrets in SENTRY_ variables",
            vec![("SENTRY_URL", &secret_url), ("SENTRY_AUTH_TOKEN", &token)],
            vec![],
            None,
        ),
        (
            "dry run",
            vec![("RELCTL_URL", &secret_url), ("RELCTL_AUTH_TOKEN", &token)],
            vec!["--dry-run"],
            None,
        ),
        (
            "local store, secrets in the environment",
            vec![("RELCTL_URL", &secret_url), ("RELCTL_AUTH_TOKEN", &token)],
            vec!["--store", "local.db"],
            None,
        ),
        (
            "dead server",
            vec![("RELCTL_AUTH_TOKEN", &token)],
            vec!["--url", &dead_url, "--timeout", "1"],
            Some(vec!["release list", "release new", "release set-commits"]),
        ),
        (
            "no token",
            vec![("RELCTL_URL", &secret_url)],
            vec![],
            Some(vec![
                "release list",
                "release new",
                "org show",
                "config show",
            ]),
        ),
        (
            "dead server, no token",
            vec![],
            vec!["--url", &dead_url, "--timeout", "1"],
            Some(vec!["release list", "deploy new"]),
        ),
        (
            "a URL without its scheme",
            vec![
                ("RELCTL_URL", &schemeless_url),
                ("RELCTL_AUTH_TOKEN", &token),
            ],
            vec![],
            Some(vec!["release list", "release new", "config show"]),
        ),
        (
            "a wrong token",
            vec![
                ("RELCTL_URL", &secret_url),
                ("RELCTL_AUTH_TOKEN", WRONG_TOKEN),
            ],
            vec![],
            Some(vec![
                "release list",
                "release new",
                "org set",
                "config show",
            ]),
        ),
        (
            "a token that cannot be sent",
            vec![
                ("RELCTL_URL", &secret_url),
                ("RELCTL_AUTH_TOKEN", &spaced_token),
            ],
            vec![],
            Some(vec!["release list", "config show"]),
        ),
    ];

    let found: Vec<String> = std::thread::scope(|scope| {
        let runs: Vec<_> = modes
            .iter()
            .map(|(mode, vars, flags, only)| {
                let commands = &commands;
                let tokens = [token.as_str(), WRONG_TOKEN];
                scope.spawn(move || {
                    let mut env = TestEnv::new();
                    for (key, value) in vars {
                        env = env.with_env(key, value);
                    }
                    let mut found = Vec::new();
                    let (mut ran, mut succeeded) = (0, 0);
                    for (name, runs) in commands {
                        if only.as_ref().is_some_and(|only| !only.contains(name)) {
                            continue;
                        }
                        for args in runs {
                            let mut all: Vec<String> = vec!["-vvv".to_string()];
                            all.extend(flags.iter().map(|f| f.to_string()));
                            all.extend(args.iter().cloned());
                            let (leaks, ok) = run_and_check(&env, mode, &all, &tokens);
                            found.extend(leaks);
                            ran += 1;
                            succeeded += usize::from(ok);
                        }
                    }
                    (*mode, ran, succeeded, found)
                })
            })
            .collect();
        let mut found = Vec::new();
        for run in runs {
            let (mode, ran, succeeded, leaks) = run.join().unwrap();
            eprintln!("{mode}: {succeeded} of {ran} commands succeeded");
            found.extend(leaks);
        }
        found
    });
    let log = server.log();
    assert!(
        log.lines().filter(|l| l.contains(" /api/0/")).count() > 50,
        "the remote runs reached the server:\n{log}"
    );
    let mut found = found;
    if let Some(what) = leak(&log, &[&token, WRONG_TOKEN]) {
        found.push(format!("serve's log holds {what}:\n{log}"));
    }
    assert!(found.is_empty(), "{}", found.join("\n\n"));
    // The secrets were really in use: the token authenticated requests.
    let listed = server.env.json(&["token", "list"]);
    assert!(
        listed
            .as_array()
            .unwrap()
            .iter()
            .any(|t| t["lastUsed"].is_string() || t["last_used"].is_string()),
        "{listed}"
    );
}
