//! Arguments that start with `-` are flags unless they follow `--` (cli.md, exit codes): a
//! misspelled flag is a usage error, never a version, a title or an option's value.

use crate::harness::TestEnv;

fn env_with_release() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["project", "create", "backend"]);
    env.ok(&["release", "new", "1.0", "-p", "backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    env
}

#[test]
fn misspelled_flags_are_usage_errors_not_values() {
    let env = env_with_release();
    let cases: &[&[&str]] = &[
        // VERSION positionals
        &["release", "new", "-p", "backend", "--finalise"],
        &["release", "new", "--finalise", "-p", "backend"],
        &["release", "new", "-x", "-p", "backend"],
        &["release", "info", "--commtis"],
        &["release", "finalize", "--bogus"],
        &["release", "delete", "--bogus"],
        &["release", "archive", "--bogus"],
        &["release", "restore", "--bogus"],
        &["release", "set-commits", "--bogus", "--clear"],
        // option values
        &["release", "new", "2.0", "-p", "--bogus"],
        &["release", "new", "2.0", "-p", "backend", "--url", "--bogus"],
        &["release", "new", "2.0", "-p", "backend", "--ref", "--bogus"],
        &[
            "release",
            "new",
            "2.0",
            "-p",
            "backend",
            "--released",
            "--bogus",
        ],
        &["release", "finalize", "1.0", "--url", "--bogus"],
        &["release", "list", "-p", "--bogus"],
        &["release", "list", "--limit", "-1"],
        &["release", "set-commits", "1.0", "--commit", "--bogus"],
        &["release", "set-commits", "1.0", "--path", "--bogus"],
        &["release", "set-commits", "1.0", "--repo-name", "--bogus"],
        &["deploy", "new", "-r", "--bogus", "-e", "prod"],
        &["deploy", "new", "-r", "1.0", "-e", "--bogus"],
        &["deploy", "new", "-r", "1.0", "-e", "prod", "-n", "--bogus"],
        &[
            "deploy",
            "new",
            "-r",
            "1.0",
            "-e",
            "prod",
            "--started",
            "-5",
        ],
        &["deploy", "list", "-r", "--bogus"],
        // titles, slugs, ids
        &["issue", "new", "-p", "backend", "--tilte"],
        &["issue", "new", "-p", "--bogus", "Title"],
        &["issue", "show", "--bogus"],
        &["issue", "review", "--bogus"],
        &["issue", "list", "-p", "--bogus"],
        &["project", "create", "--bogus"],
        &["project", "create", "web", "--slug", "--bogus"],
        &["project", "create", "web", "--platform", "--bogus"],
        &["project", "show", "--bogus"],
        &["project", "delete", "--bogus", "--yes"],
        &["org", "create", "--bogus"],
        &["org", "create", "acme", "--name", "--bogus"],
        &["org", "set", "--bogus", "x"],
        &["org", "set", "dataScrubber", "--bogus"],
        &["token", "create", "--name", "--bogus"],
        &["token", "create", "--scopes", "--bogus"],
        &["token", "revoke", "--bogus"],
        // global options
        &["--org", "--bogus", "release", "list"],
        &["-o", "--bogus", "release", "list"],
        &["--config", "--bogus", "release", "list"],
        &["--store", "--bogus", "release", "list"],
        &["--auth-token", "--bogus", "release", "list"],
        &["--timeout", "-1", "release", "list"],
    ];
    for args in cases {
        let stderr = env.fails_unchanged(args, 2);
        assert!(
            stderr.contains("error"),
            "relctl {args:?}: unexpected message {stderr}"
        );
    }
    let releases = env.json(&["release", "list"]);
    let versions: Vec<&str> = releases
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["version"].as_str().unwrap())
        .collect();
    assert_eq!(versions, ["1.0"], "no release was made of a flag");
    assert_eq!(env.json(&["issue", "list"]).as_array().unwrap().len(), 1);
}

#[test]
fn the_first_misspelled_flag_is_named() {
    let env = env_with_release();
    let stderr = env.fails_unchanged(&["release", "new", "-p", "backend", "--finalise"], 2);
    assert!(stderr.contains("--finalise"), "{stderr}");
    let stderr = env.fails_unchanged(&["deploy", "new", "-r", "--bogus", "-e", "prod"], 2);
    assert!(
        stderr.contains("--release") || stderr.contains("--bogus"),
        "{stderr}"
    );
    let stderr = env.fails_unchanged(&["release", "info", "--commtis"], 2);
    assert!(stderr.contains("--commtis"), "{stderr}");
}

#[test]
fn values_starting_with_a_hyphen_pass_after_double_dash_or_attached() {
    let env = env_with_release();
    let created = env.json(&["release", "new", "-p", "backend", "--", "-1"]);
    assert_eq!(created["version"], "-1");
    assert_eq!(env.json(&["release", "info", "--", "-1"])["version"], "-1");
    let deploy = env.json(&["deploy", "new", "--release=-1", "-e", "prod", "-n=-canary"]);
    assert_eq!(deploy["name"], "-canary");
    env.fails(&["deploy", "list", "-r", "-1"], 2);
    let deploys = env.json(&["deploy", "list", "--release=-1"]);
    assert_eq!(deploys.as_array().map(Vec::len), Some(1));
    let issue = env.json(&["issue", "new", "-p", "backend", "--", "-flaky test"]);
    assert_eq!(issue["title"], "-flaky test");
}

/// `--help` and `--version` are successes only when they were written: a full disk is exit 1
/// (as for every other output), a closed pipe (`relctl --help | head -1`) is not an error.
#[test]
fn help_on_a_full_stdout_is_an_error_not_a_success() {
    let env = TestEnv::new();
    for args in [
        &["--help"][..],
        &["--version"],
        &["release", "new", "--help"],
    ] {
        let full = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = env.cmd().args(args).stdout(full).output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("No space left"), "{args:?}: {stderr}");
    }
    let mut child = env
        .cmd()
        .arg("--help")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    assert_eq!(child.wait().unwrap().code(), Some(0));
}

/// sentry-cli's spellings of the command groups work as aliases of relctl's.
#[test]
fn sentry_cli_spellings_of_command_groups_are_aliases() {
    let env = TestEnv::new();
    env.ok(&["projects", "create", "Backend"]);
    env.ok(&["releases", "new", "1.0.0", "-p", "backend"]);
    env.ok(&["deploys", "new", "-r", "1.0.0", "-e", "production"]);
    env.ok(&["issues", "new", "-p", "backend", "Crash"]);
    assert_eq!(
        env.json(&["releases", "list", "--format", "json"])[0]["version"],
        "1.0.0"
    );
    assert_eq!(
        env.json(&["organizations", "list", "--format", "json"])[0]["slug"],
        "default"
    );
    assert_eq!(
        env.json(&["release", "info", "1.0.0", "--format", "json"])["deployCount"],
        1
    );
    let help = env.ok(&["--help"]);
    assert!(help.contains("releases"), "{help}");
}
