//! `release info` in a table: the release's details, then what a release manager asks first:
//! the previous release it was compared with, commits by author, files changed, issues it
//! resolved, deploys per environment. The same through a server, also with a token that may
//! read releases only. JSON stays Sentry's release object.

use crate::harness::{Repo, TestEnv};
use crate::remote::harness::Server;

/// Two releases: 1.0.0 (one commit resolving BACKEND-1) and 1.1.0 (two authors, an added and a
/// deleted file, deployed twice to production and once to staging).
fn flow(env: &TestEnv, repo: &Repo) {
    repo.commit("a.txt", "1", "First\n\nFixes BACKEND-1");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    env.ok(&["release", "set-commits", "1.0.0", "--repo", repo.path()]);
    repo.commit("b.txt", "2", "Add b");
    repo.git(&["rm", "-q", "a.txt"]);
    repo.git(&[
        "-c",
        "user.name=Other Dev",
        "-c",
        "user.email=other@example.com",
        "commit",
        "-q",
        "-m",
        "Drop a",
    ]);
    env.ok(&["release", "new", "1.1.0", "-p", "backend"]);
    env.ok(&["release", "set-commits", "1.1.0", "--repo", repo.path()]);
    for environment in ["production", "production", "staging"] {
        env.ok(&["deploy", "new", "-r", "1.1.0", "-e", environment]);
    }
}

fn check(info_1_1: &str, info_1_0: &str) {
    assert!(info_1_1.contains("compared with  1.0.0"), "{info_1_1}");
    assert!(info_1_1.contains("Commits by author"), "{info_1_1}");
    assert!(
        info_1_1.contains("Other Dev <other@example.com>  1"),
        "{info_1_1}"
    );
    assert!(
        info_1_1.contains("Files changed  2 (1 added, 0 modified, 1 deleted)"),
        "{info_1_1}"
    );
    assert!(info_1_1.contains("production   2"), "{info_1_1}");
    assert!(info_1_1.contains("staging      1"), "{info_1_1}");
    assert!(info_1_0.contains("BACKEND-1  Checkout crash"), "{info_1_0}");
    assert!(
        info_1_0.contains("(no previous release with commits)"),
        "{info_1_0}"
    );
}

#[test]
fn release_info_shows_authors_files_resolved_issues_deploys_and_the_previous_release() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Checkout crash"]);
    let repo = Repo::init(&env.path().join("repo"));
    flow(&env, &repo);
    check(
        &env.ok(&["release", "info", "1.1.0"]),
        &env.ok(&["release", "info", "1.0.0"]),
    );
    let json = env.json(&["release", "info", "1.1.0", "--format", "json"]);
    assert!(json.get("commits").is_none(), "{json}");
    assert_eq!(json["deployCount"], 3);
    let with_commits = env.ok(&["release", "info", "1.1.0", "--commits"]);
    assert!(with_commits.contains("Drop a") && with_commits.contains("Issues resolved"));
}

#[test]
fn release_info_through_a_server_and_with_a_token_that_reads_releases_only() {
    let server = Server::start();
    server.env.ok(&["project", "create", "Backend"]);
    server
        .env
        .ok(&["issue", "new", "-p", "backend", "Checkout crash"]);
    let client = server.client();
    let repo = Repo::init(&client.path().join("repo"));
    flow(&client, &repo);
    check(
        &client.ok(&["release", "info", "1.1.0"]),
        &client.ok(&["release", "info", "1.0.0"]),
    );
    let narrow = server
        .env
        .json(&["token", "create", "--scopes", "project:releases"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let limited = TestEnv::new()
        .with_env("RELCTL_URL", &server.url)
        .with_env("RELCTL_AUTH_TOKEN", &narrow);
    let info = limited.ok(&["release", "info", "1.1.0"]);
    assert!(
        info.contains("Commits by author") && info.contains("production"),
        "{info}"
    );
}
