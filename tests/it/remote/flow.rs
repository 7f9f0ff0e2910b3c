//! The whole flow driven through `relctl serve` equals the same steps on the local store.

use serde_json::Value;

use super::harness::Server;
use crate::harness::{Repo, TestEnv};

/// Ids and creation dates differ between two stores; everything else must not.
fn normalized(mut value: Value) -> Value {
    fn strip(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for key in [
                    "id",
                    "dateCreated",
                    "dateAdded",
                    "firstSeen",
                    "dateStarted",
                    "dateFinished",
                ] {
                    map.remove(key);
                }
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

/// The flow of the README: projects, issues, releases with commits that fix issues, finalize,
/// deploys, org options and review. `admin` runs the local-only steps (on the server's store
/// when remote); returns what a user would look at afterwards.
fn run_flow(client: &TestEnv, admin: &TestEnv, repo: &Repo) -> Vec<Value> {
    client.json(&["project", "create", "Backend"]);
    client.json(&["project", "create", "Web App", "--slug", "web"]);
    admin.json(&["issue", "new", "-p", "backend", "Checkout crash"]);
    admin.json(&["issue", "new", "-p", "backend", "Slow page"]);
    admin.json(&["issue", "new", "-p", "web", "Broken button"]);

    repo.commit("a.txt", "1", "Initial import");
    repo.commit("b.txt", "2", "Fixes BACKEND-1: guard the cart");
    let created = client.json(&["release", "new", "1.0.0", "-p", "backend", "-p", "web"]);
    assert_eq!(created["version"], "1.0.0");
    let bound = client.json(&["release", "set-commits", "1.0.0", "--repo", repo.path()]);
    assert_eq!(bound["commitCount"], 2);
    assert_eq!(bound["resolvedIssues"], serde_json::json!(["BACKEND-1"]));
    client.json(&[
        "release",
        "finalize",
        "1.0.0",
        "--released",
        "2024-01-02T03:04:05Z",
    ]);
    client.json(&[
        "deploy",
        "new",
        "-r",
        "1.0.0",
        "-e",
        "production",
        "-n",
        "first",
    ]);

    repo.commit("c.txt", "3", "Fixes WEB-1\n\nand a note");
    std::fs::remove_file(repo.dir.join("a.txt")).unwrap();
    repo.git(&["add", "-A"]);
    repo.git(&["commit", "-q", "-m", "Remove a"]);
    // set-commits -p creates the release, and still starts where 1.0.0 ended.
    let bound = client.json(&[
        "release",
        "set-commits",
        "1.1.0",
        "-p",
        "backend",
        "--repo",
        repo.path(),
    ]);
    assert_eq!(bound["commitCount"], 2, "the range starts at 1.0.0's head");
    // WEB-1 belongs to a project this release is not linked to: it stays unresolved.
    assert_eq!(bound["resolvedIssues"], serde_json::json!([]));

    // `release new --released` (and --finalize) on an existing unreleased release finalizes it.
    client.json(&["release", "new", "2.0.0", "-p", "web"]);
    let finalized = client.json(&[
        "release",
        "new",
        "2.0.0",
        "-p",
        "web",
        "--released",
        "2024-02-01T00:00:00Z",
    ]);
    assert_eq!(finalized["dateReleased"], "2024-02-01T00:00:00.000000Z");
    // A release issues are resolved in cannot be deleted: a conflict, exit 4.
    client.fails(&["release", "delete", "1.0.0"], 4);

    client.json(&["org", "set", "scrapeJavaScript", "false"]);
    client.json(&["org", "set", "sensitiveFields", "card,cvv"]);
    let reviewed = client.json(&["issue", "review", "BACKEND-2"]);
    assert_eq!(reviewed["inbox"], Value::Null);
    client.json(&["release", "archive", "1.0.0"]);
    client.json(&["project", "create", "Scratch"]);
    let deleted = client.json(&["project", "delete", "scratch", "--yes"]);
    assert_eq!(deleted["slug"], "scratch");
    client.fails(&["project", "show", "scratch"], 3);

    vec![
        client.json(&["release", "info", "1.0.0", "--commits"]),
        client.json(&["release", "info", "1.1.0", "--commits"]),
        client.json(&["release", "list"]),
        client.json(&["deploy", "list", "-r", "1.0.0"]),
        client.json(&["issue", "list"]),
        client.json(&["issue", "show", "BACKEND-2"]),
        client.json(&["project", "list"]),
        client.json(&["project", "show", "web"]),
        client.json(&["org", "audit"]),
    ]
}

#[test]
fn the_flow_through_serve_equals_the_flow_on_the_local_store() {
    let local = TestEnv::new();
    let local_repo = Repo::init(&local.path().join("repo"));
    let local_views = run_flow(&local, &local, &local_repo);

    let server = Server::start();
    let client = server.client();
    let remote_repo = Repo::init(&client.path().join("repo"));
    let remote_views = run_flow(&client, &server.env, &remote_repo);

    assert!(
        !client.store_exists(),
        "a remote client must not create a local store"
    );
    for (local, remote) in local_views.into_iter().zip(remote_views) {
        assert_eq!(normalized(local), normalized(remote));
    }
    let log = server.log();
    assert!(
        log.contains("PUT /api/0/organizations/default/releases/1.1.0/"),
        "{log}"
    );
    assert!(
        !log.contains(&server.token),
        "the token leaked into the log"
    );
    assert_eq!(server.stop(), Some(0), "SIGTERM ends serve with exit 0");
}

#[test]
fn restore_through_serve_reopens_an_archived_release() {
    // serve's PUT ignores status "open" (as Sentry's does): the client restores with the POST.
    let server = Server::start();
    let client = server.client();
    client.json(&["project", "create", "Backend"]);
    client.json(&["release", "new", "1.0.0", "-p", "backend"]);
    let archived = client.json(&["release", "archive", "1.0.0"]);
    assert_eq!(archived["status"], "archived", "{archived}");
    let restored = client.json(&["release", "restore", "1.0.0"]);
    assert_eq!(restored["status"], "open", "{restored}");
    assert_eq!(client.json(&["release", "info", "1.0.0"])["status"], "open");
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn set_commits_deletes_the_release_it_created_when_binding_fails() {
    // Sentry's previous-with-commits needs the release to exist, so `set-commits -p` against a
    // server creates it first; when the commits cannot be bound after all, it is deleted again.
    let server = Server::start();
    let client = server.client();
    client.json(&["project", "create", "Backend"]);
    let first = Repo::init(&client.path().join("first"));
    first.commit("a.txt", "a", "first");
    let mut set = vec!["release", "set-commits", "1.0.0", "-p", "backend", "--repo"];
    set.push(first.path());
    client.json(&set);
    // Another history under the same repository name: 1.0.0's head is not in it.
    let other = Repo::init(&client.path().join("other"));
    other.commit("b.txt", "b", "unrelated");
    let name = client.json(&["release", "info", "1.0.0", "--commits"])["commits"][0]["repository"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let mut set = vec![
        "release",
        "set-commits",
        "2.0.0",
        "-p",
        "backend",
        "--repo-name",
        &name,
        "--repo",
    ];
    set.push(other.path());
    let err = client.fails(&set, 3);
    assert!(err.contains("not in"), "{err}");
    client.fails(&["release", "info", "2.0.0"], 3);
    let log = server.log();
    assert!(
        log.contains("DELETE /api/0/organizations/default/releases/2.0.0/"),
        "{log}"
    );
    assert_eq!(server.stop(), Some(0));
}

/// `org set` through `relctl serve`: Sentry's refusals come back with the same words and exit 2,
/// and a rename answers by the new slug (the PUT carries `slug`, the change is worded as Sentry
/// words it).
#[test]
fn org_set_through_serve_refuses_and_renames() {
    let server = Server::start();
    let client = server.client();
    let err = client.fails(&["org", "set", "safeFields", "email,$$"], 2);
    assert!(
        err.contains(r#"Invalid syntax near "$$" (line 2)"#),
        "{err}"
    );
    let err = client.fails(&["org", "set", "slug", "api"], 2);
    assert!(err.contains("is reserved and not allowed"), "{err}");
    let err = client.fails(&["org", "set", "apdexThreshold", "0"], 2);
    assert!(err.contains("greater than or equal to 1"), "{err}");
    let set = client.json(&["org", "set", "slug", "renamed"]);
    assert_eq!(set["changed"], "from default to renamed");
    assert_eq!(set["value"], "renamed");
    client.fails(&["org", "show"], 3);
    let shown = client.json(&["-o", "renamed", "org", "show"]);
    assert_eq!(shown["slug"], "renamed");
    let named = client.json(&["-o", "renamed", "org", "set", "name", "Renamed Inc"]);
    assert_eq!(named["value"], "Renamed Inc");
}
