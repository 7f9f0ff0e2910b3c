//! `--quiet`: every writing command prints nothing on success in table format (the exit code
//! says it worked); read commands still print what was asked; JSON is still printed; errors
//! always print.

use crate::harness::{Repo, TestEnv};

fn silent(env: &TestEnv, args: &[&str]) {
    let out = env.run(&[&["--quiet"], args].concat());
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        out.stdout.is_empty(),
        "{args:?} printed: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(
        out.stderr.is_empty(),
        "{args:?} said: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn writing_commands_print_nothing_with_quiet_and_reads_still_print() {
    let env = TestEnv::new();
    let repo = Repo::init(&env.path().join("repo"));
    repo.commit("a.txt", "1", "First\n\nFixes BACKEND-1");
    let repo_arg = ["--repo", repo.path()];
    for args in [
        &["project", "create", "Backend"][..],
        &["project", "create", "Spare"][..],
        &["issue", "new", "-p", "backend", "Crash"][..],
        &["release", "new", "1.0.0", "-p", "backend"][..],
        &[
            &["release", "set-commits", "1.0.0", "--auto"][..],
            &repo_arg[..],
        ]
        .concat()[..],
        &["release", "finalize", "1.0.0"][..],
        &["deploy", "new", "-r", "1.0.0", "-e", "production"][..],
        &["release", "new", "2.0.0", "-p", "backend"][..],
        &["release", "set-commits", "2.0.0", "--clear"][..],
        &["release", "archive", "2.0.0"][..],
        &["release", "restore", "2.0.0"][..],
        &["release", "delete", "2.0.0"][..],
        &["issue", "new", "-p", "backend", "Second"][..],
        &["issue", "review", "BACKEND-2"][..],
        &["org", "set", "scrapeJavaScript", "false"][..],
        &["org", "create", "acme"][..],
        &["project", "delete", "spare", "--yes"][..],
        &["token", "revoke", "999999"][..],
    ] {
        if args == ["token", "revoke", "999999"] {
            // Nothing to revoke: an error, which prints even with --quiet.
            let out = env.run(&[&["--quiet"], args].concat());
            assert_eq!(out.status.code(), Some(3));
            assert!(String::from_utf8_lossy(&out.stderr).starts_with("error:"));
            continue;
        }
        silent(&env, args);
    }
    // Reads print what was asked, quiet or not.
    let listed = env.ok(&["--quiet", "release", "list"]);
    assert!(listed.contains("1.0.0"), "{listed}");
    let info = env.ok(&["--quiet", "issue", "show", "BACKEND-1"]);
    assert!(info.contains("resolved"), "{info}");
    // JSON is printed: a script asked for it.
    let json = env.json(&["--quiet", "project", "create", "Web"]);
    assert_eq!(json["slug"], "web");
    // A token is the result asked for: printed even with --quiet.
    let token = env.ok(&["--quiet", "token", "create", "--scopes", "project:read"]);
    assert!(!token.trim().is_empty());
}
