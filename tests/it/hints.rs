//! Errors with a likely fix say it on a second line starting with `hint:`: no store yet, an
//! unknown project (the closest slug), a shallow clone (the fetch command), a refused token
//! (how to make one).

use std::process::Command;

use crate::harness::{Repo, TestEnv};
use crate::remote::harness::Server;

/// The `hint:` line of a failed command's stderr (which must be its second and last line).
fn hint(stderr: &str) -> String {
    let lines: Vec<&str> = stderr.trim_end().lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(lines[0].starts_with("error: "), "{stderr}");
    lines[1]
        .strip_prefix("hint: ")
        .unwrap_or_else(|| panic!("no hint line: {stderr}"))
        .to_string()
}

#[test]
fn no_store_yet_says_how_one_is_made() {
    if crate::harness::sqlite_only("a PostgreSQL store is a database that exists before any write")
    {
        return;
    }
    let env = TestEnv::new();
    let stderr = env.fails(&["release", "info", "1.0.0"], 3);
    let hint = hint(&stderr);
    assert!(
        hint.contains("no store at") && hint.contains("relctl project create"),
        "{hint}"
    );
    assert!(!env.store.exists());
    // Once the store exists, a missing release has no such hint.
    env.ok(&["project", "create", "Backend"]);
    let stderr = env.fails(&["release", "info", "1.0.0"], 3);
    assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
}

#[test]
fn an_unknown_project_names_the_closest_slug() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["project", "create", "Frontend"]);
    let stderr = env.fails(&["release", "new", "1.0.0", "-p", "backedn"], 3);
    assert!(
        hint(&stderr).contains("did you mean \"backend\"?"),
        "{stderr}"
    );
    let stderr = env.fails(&["issue", "list", "-p", "payments"], 3);
    assert!(hint(&stderr).contains("relctl project list"), "{stderr}");
}

#[test]
fn a_shallow_clone_names_the_fetch_command() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    let origin = Repo::init(&env.path().join("origin"));
    for n in 0..5 {
        origin.commit(&format!("f{n}"), "x", &format!("commit {n}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    env.ok(&[
        "release",
        "set-commits",
        "1.0.0",
        "--initial-depth",
        "1",
        "--repo",
        origin.path(),
    ]);
    origin.commit("g", "y", "after 1.0.0");
    origin.commit("h", "z", "and another");
    let shallow = env.path().join("shallow");
    let status = Command::new("git")
        .args(["clone", "-q", "--depth", "1"])
        .arg(format!("file://{}", origin.path()))
        .arg(&shallow)
        .status()
        .unwrap();
    assert!(status.success());
    env.ok(&["release", "new", "2.0.0", "-p", "backend"]);
    let stderr = env.fails(
        &[
            "release",
            "set-commits",
            "2.0.0",
            "--repo",
            shallow.to_str().unwrap(),
        ],
        3,
    );
    assert!(stderr.contains("shallow clone"), "{stderr}");
    let hint = hint(&stderr);
    assert!(hint.contains("git fetch --unshallow"), "{hint}");
    assert!(hint.contains("fetch-depth: 0"), "{hint}");
}

#[test]
fn a_refused_token_says_how_to_make_one() {
    let server = Server::start();
    let client = TestEnv::new()
        .with_env("RELCTL_URL", &server.url)
        .with_env("RELCTL_AUTH_TOKEN", "not-a-token");
    let stderr = client.fails(&["release", "list"], 6);
    let hint = hint(&stderr);
    assert!(hint.contains("relctl token create --scopes"), "{hint}");
    assert!(hint.contains("RELCTL_AUTH_TOKEN"), "{hint}");
}

#[test]
fn a_misspelled_command_or_flag_names_the_one_meant() {
    let env = TestEnv::new();
    let stderr = env.fails(&["releases", "lsit"], 2);
    assert!(hint(&stderr).contains("'list'"), "{stderr}");
    let stderr = env.fails(&["release", "new", "1.0", "--projcet", "x"], 2);
    assert!(hint(&stderr).contains("'--project'"), "{stderr}");
}
