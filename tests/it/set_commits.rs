//! set-commits on real repositories: ranges, patch sets, issue resolution, bad input.

use std::collections::BTreeSet;

use crate::harness::{Repo, TestEnv};

fn setup() -> (TestEnv, Repo) {
    let env = TestEnv::new();
    let repo = Repo::init(&env.path().join("app"));
    repo.git(&["remote", "add", "origin", "git@github.com:Acme/App.git"]);
    env.ok(&["project", "create", "Backend"]);
    (env, repo)
}

fn set_commits(env: &TestEnv, repo: &Repo, version: &str, extra: &[&str]) -> serde_json::Value {
    let mut args = vec!["release", "set-commits", version, "--repo", repo.path()];
    args.extend_from_slice(extra);
    env.json(&args)
}

fn release_commit_ids(env: &TestEnv, version: &str) -> Vec<String> {
    env.json(&["release", "info", version, "--commits"])["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

fn rev_list(repo: &Repo, range: &str) -> BTreeSet<String> {
    repo.git(&["rev-list", range])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn auto_takes_the_commits_since_the_previous_release() {
    let (env, repo) = setup();
    for i in 0..5 {
        repo.commit(&format!("f{i}.txt"), "x", &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let first = set_commits(&env, &repo, "1.0.0", &["--auto", "--initial-depth", "3"]);
    assert_eq!(first["commitCount"], 3);
    assert_eq!(first["repository"], "Acme/App");
    let prev = repo.head();
    for i in 5..9 {
        repo.commit(&format!("f{i}.txt"), "x", &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.1.0", "-p", "backend"]);
    let second = set_commits(&env, &repo, "1.1.0", &[]);
    assert_eq!(second["commitCount"], 4);
    let ids: BTreeSet<String> = release_commit_ids(&env, "1.1.0").into_iter().collect();
    assert_eq!(ids, rev_list(&repo, &format!("{prev}..HEAD")));
    let info = env.json(&["release", "info", "1.1.0"]);
    assert_eq!(info["lastCommit"]["id"], repo.head());
    assert_eq!(
        info["authors"],
        serde_json::json!([{"name": "Test Dev", "email": "dev@example.com"}])
    );
}

#[test]
fn merges_bring_in_every_commit_of_the_range() {
    let (env, repo) = setup();
    repo.commit("base.txt", "base", "base");
    repo.git(&["checkout", "-q", "-b", "feature"]);
    let c = repo.commit("feat.txt", "c", "C on feature (forked before the release)");
    repo.git(&["checkout", "-q", "main"]);
    repo.commit("main.txt", "d", "D on main");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &["--initial-depth", "1"]);
    let d = repo.head();
    repo.git(&["checkout", "-q", "feature"]);
    repo.commit("feat.txt", "e", "E on feature");
    repo.git(&["checkout", "-q", "main"]);
    repo.git(&["merge", "-q", "--no-ff", "feature", "-m", "Merge feature"]);
    env.ok(&["release", "new", "1.1.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.1.0", &["--auto"]);
    let ids: BTreeSet<String> = release_commit_ids(&env, "1.1.0").into_iter().collect();
    let expected = rev_list(&repo, &format!("{d}..HEAD"));
    assert_eq!(ids, expected);
    assert!(
        ids.contains(&c),
        "commit C, older than D, came in with the merge"
    );
    assert_eq!(ids.len(), 3);
}

#[test]
fn patch_sets_match_git_diff_tree_against_the_first_parent() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "root");
    repo.commit("dir/b.txt", "1", "add b");
    repo.commit("a.txt", "2", "modify a");
    repo.git(&["mv", "dir/b.txt", "dir/c.txt"]);
    repo.git(&["commit", "-q", "-m", "rename b to c"]);
    repo.git(&["rm", "-q", "a.txt"]);
    repo.git(&["commit", "-q", "-m", "delete a"]);
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &[]);
    let info = env.json(&["release", "info", "1.0.0", "--commits"]);
    let commits = info["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 5);
    for commit in commits {
        let sha = commit["id"].as_str().unwrap();
        let parents = repo.git(&["rev-list", "--parents", "-n", "1", sha]);
        let diff = if parents.split_whitespace().count() > 1 {
            repo.git(&[
                "diff-tree",
                "-r",
                "--no-renames",
                "--name-status",
                &format!("{sha}^1"),
                sha,
            ])
        } else {
            repo.git(&[
                "diff-tree",
                "-r",
                "--root",
                "--no-renames",
                "--name-status",
                sha,
            ])
        };
        let mut expected: Vec<(String, String)> = diff
            .lines()
            .filter(|l| {
                !l.is_empty() && !l.starts_with(|c: char| c.is_ascii_hexdigit() && l.len() == 40)
            })
            .map(|l| {
                let (kind, path) = l.split_once('\t').unwrap();
                (path.to_string(), kind.to_string())
            })
            .collect();
        expected.sort();
        let mut actual: Vec<(String, String)> = commit["patchSet"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["type"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        actual.sort();
        assert_eq!(actual, expected, "commit {}", commit["message"]);
        assert_eq!(commit["repository"], "Acme/App");
        assert_eq!(commit["authorEmail"], "dev@example.com");
    }
}

#[test]
fn fixes_in_commit_messages_resolve_issues_in_the_release() {
    let (env, repo) = setup();
    env.ok(&["project", "create", "Web"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash one"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash two"]);
    env.ok(&["issue", "new", "-p", "web", "Web crash"]);
    env.ok(&["issue", "new", "-p", "backend", "Untouched"]);
    repo.commit("a.txt", "1", "Initial");
    repo.commit(
        "a.txt",
        "2",
        "Fixes BACKEND-1 and closes [BACKEND-2](https://x.test/i/2)",
    );
    repo.commit("a.txt", "3", "fix: typo\n\nResolves WEB-1");
    repo.commit("a.txt", "4", "Also fixes BACKEND-1 again, and NOPE-7");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let result = set_commits(&env, &repo, "1.0.0", &[]);
    let resolved: BTreeSet<&str> = result["resolvedIssues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // WEB-1 belongs to a project the release does not have: linked, not resolved here.
    assert_eq!(resolved, BTreeSet::from(["BACKEND-1", "BACKEND-2"]));
    let issue = env.json(&["issue", "show", "BACKEND-1"]);
    assert_eq!(issue["status"], "resolved");
    assert!(issue["inbox"].is_null());
    assert_eq!(
        issue["resolution"],
        serde_json::json!({"type": "in_release", "release": "1.0.0"})
    );
    let activity: Vec<&str> = issue["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(
        activity
            .iter()
            .filter(|a| **a == "referenced_in_commit")
            .count(),
        2
    );
    assert_eq!(
        activity
            .iter()
            .filter(|a| **a == "set_resolved_in_release")
            .count(),
        1
    );
    let history: Vec<&str> = issue["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["resolved"]);
    assert_eq!(
        env.json(&["issue", "show", "WEB-1"])["status"],
        "unresolved"
    );
    assert_eq!(
        env.json(&["issue", "show", "BACKEND-3"])["inbox"]["reason"],
        "new"
    );
    // Running it again resolves nothing twice.
    set_commits(&env, &repo, "1.0.0", &["--initial-depth", "20"]);
    let again = env.json(&["issue", "show", "BACKEND-1"]);
    assert_eq!(again["history"].as_array().unwrap().len(), 1);
}

#[test]
fn skipsentry_commits_are_left_out() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "one");
    repo.commit("a.txt", "2", "wip #skipsentry");
    repo.commit("a.txt", "3", "three");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    assert_eq!(set_commits(&env, &repo, "1.0.0", &[])["commitCount"], 2);
}

#[test]
fn clear_append_cap_and_paths() {
    let (env, repo) = setup();
    for i in 0..6 {
        let file = if i % 2 == 0 {
            format!("api/f{i}.txt")
        } else {
            format!("web/f{i}.txt")
        };
        repo.commit(&file, "x", &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    assert_eq!(
        set_commits(&env, &repo, "1.0.0", &["--path", "api"])["commitCount"],
        3
    );
    let out = env.run(&[
        "release",
        "set-commits",
        "1.0.0",
        "--repo",
        repo.path(),
        "--max-commits",
        "2",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--max-commits"));
    assert_eq!(env.json(&["release", "info", "1.0.0"])["commitCount"], 2);
    let cleared = env.json(&["release", "set-commits", "1.0.0", "--clear"]);
    assert_eq!(cleared["commitCount"], 0);
    assert!(env.json(&["release", "info", "1.0.0"])["lastCommit"].is_null());
    // --append adds another repository's commits instead of replacing.
    let other = Repo::init(&env.path().join("other"));
    other.commit("o.txt", "1", "other repo");
    set_commits(&env, &repo, "1.0.0", &["--initial-depth", "2"]);
    let appended = set_commits(
        &env,
        &other,
        "1.0.0",
        &["--append", "--repo-name", "acme/other"],
    );
    assert_eq!(appended["commitCount"], 3);
    let repos: BTreeSet<String> = env.json(&["release", "info", "1.0.0", "--commits"])["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["repository"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        repos,
        BTreeSet::from(["Acme/App".to_string(), "acme/other".to_string()])
    );
}

#[test]
fn explicit_commit_ranges_resolve_locally() {
    let (env, repo) = setup();
    for i in 0..5 {
        repo.commit("a.txt", &i.to_string(), &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let result = set_commits(&env, &repo, "1.0.0", &["--commit", "acme/app@HEAD~3..HEAD"]);
    assert_eq!(result["commitCount"], 3);
    // REPO of --commit, not the name from the remote (Acme/App).
    assert_eq!(result["repository"], "acme/app");
    let info = env.json(&["release", "info", "1.0.0", "--commits"]);
    assert_eq!(info["commits"][0]["repository"], "acme/app");
    let ids: BTreeSet<String> = release_commit_ids(&env, "1.0.0").into_iter().collect();
    assert_eq!(ids, rev_list(&repo, "HEAD~3..HEAD"));
    env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.path(),
            "--commit",
            "acme/app@nosuchref..HEAD",
        ],
        3,
    );
    env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.path(),
            "--commit",
            "acme/app@..HEAD",
        ],
        2,
    );
}

#[test]
fn bad_input_writes_nothing() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "one");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let not_repo = env.path().join("plain");
    std::fs::create_dir_all(&not_repo).unwrap();
    let err = env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            not_repo.to_str().unwrap(),
        ],
        2,
    );
    assert!(err.contains("not a git repository"), "{err}");
    // From a directory that is not a repository, without --repo.
    let out = env
        .cmd()
        .current_dir(&not_repo)
        .args(["release", "set-commits", "1.0.0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    env.fails_unchanged(
        &["release", "set-commits", "9.9.9", "--repo", repo.path()],
        3,
    );
    env.fails_unchanged(&["release", "set-commits", "a/b", "--repo", repo.path()], 2);
    env.fails_unchanged(&["release", "set-commits", "1.0.0", "--auto", "--clear"], 2);
    env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.path(),
            "--initial-depth",
            "0",
        ],
        2,
    );
}

#[test]
fn a_missing_previous_commit_is_exit_3_unless_ignored() {
    let (env, repo) = setup();
    for i in 0..4 {
        repo.commit("a.txt", &i.to_string(), &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &[]);
    // History is rewritten: the previous release's head is gone.
    repo.git(&["reset", "-q", "--hard", "HEAD~2"]);
    repo.commit("b.txt", "new", "rewritten");
    repo.git(&["reflog", "expire", "--expire=now", "--all"]);
    repo.git(&["gc", "-q", "--prune=now"]);
    env.ok(&["release", "new", "1.1.0", "-p", "backend"]);
    let err = env.fails_unchanged(
        &["release", "set-commits", "1.1.0", "--repo", repo.path()],
        3,
    );
    assert!(err.contains("--ignore-missing"), "{err}");
    let result = set_commits(
        &env,
        &repo,
        "1.1.0",
        &["--ignore-missing", "--initial-depth", "2"],
    );
    // The two newest: "rewritten" and "commit 1", which release 1.0.0 holds already (its head,
    // gone from this history, reached it): by the --auto rule it stays 1.0.0's, and the
    // answer says what the store holds.
    assert_eq!(result["commitCount"], 1);
    let info = env.json(&["release", "info", "1.1.0"]);
    assert_eq!(info["commitCount"], 1, "{info}");
    // The summary says where the commits came from: HEAD, not "since release 1.0.0".
    let said = env.ok(&[
        "release",
        "set-commits",
        "1.1.0",
        "--repo",
        repo.path(),
        "--ignore-missing",
        "--initial-depth",
        "2",
    ]);
    assert!(
        said.contains("not in this history, up to 2 commits from HEAD")
            && !said.contains("since release"),
        "{said}"
    );
}

#[test]
fn shallow_clones_are_named_and_their_boundary_is_never_all_added() {
    let (env, repo) = setup();
    for i in 0..6 {
        repo.commit(&format!("f{i}.txt"), "x", &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &["--initial-depth", "1"]);
    for i in 6..8 {
        repo.commit(&format!("f{i}.txt"), "x", &format!("commit {i}"));
    }
    // A depth-1 clone: the previous release's commit (HEAD~2) is not in it.
    let shallow = env.path().join("shallow");
    let url = format!("file://{}", repo.path());
    repo.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &url,
        shallow.to_str().unwrap(),
    ]);
    env.ok(&["release", "new", "1.1.0", "-p", "backend"]);
    let shallow = shallow.to_str().unwrap();
    let err = env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.1.0",
            "--repo",
            shallow,
            "--repo-name",
            "Acme/App",
        ],
        3,
    );
    assert!(err.contains("shallow"), "{err}");
    let out = env.run(&[
        "--format",
        "json",
        "release",
        "set-commits",
        "1.1.0",
        "--repo",
        shallow,
        "--repo-name",
        "Acme/App",
        "--ignore-missing",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let info = env.json(&["release", "info", "1.1.0", "--commits"]);
    let commits = info["commits"].as_array().unwrap();
    assert_eq!(commits.len(), 1);
    assert_eq!(
        commits[0]["patchSet"],
        serde_json::json!([]),
        "the boundary commit is not reported as all files added"
    );
}

#[test]
fn a_release_is_created_by_set_commits_when_a_project_is_given() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "one");
    let result = set_commits(&env, &repo, "2.0.0", &["-p", "backend"]);
    assert_eq!(result["commitCount"], 1);
    assert_eq!(
        env.json(&["release", "info", "2.0.0"])["projects"][0]["slug"],
        "backend"
    );
}

#[test]
fn a_second_writer_waits_then_reports_a_conflict() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "one");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    // Another writer holds the store's write lock: SQLite's, or on PostgreSQL the
    // organization's advisory lock (class "RELC", the organization's id).
    let mut conn = env.sql();
    conn.batch(if env.is_postgres() {
        "BEGIN; SELECT pg_advisory_xact_lock(1380273219, id::int)
         FROM organization WHERE slug = 'default'"
    } else {
        "BEGIN IMMEDIATE"
    });
    let started = std::time::Instant::now();
    let err = env.fails(
        &["release", "set-commits", "1.0.0", "--repo", repo.path()],
        4,
    );
    assert!(err.contains("retry"), "{err}");
    assert!(
        started.elapsed() >= std::time::Duration::from_secs(5),
        "it waited before giving up"
    );
    conn.batch("ROLLBACK");
    set_commits(&env, &repo, "1.0.0", &[]);
}

#[test]
fn bare_detached_no_remote_and_git_dir() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    let repo = Repo::init(&env.path().join("plain-app"));
    for i in 0..3 {
        repo.commit("a.txt", &i.to_string(), &format!("commit {i}"));
    }
    // No remote: the repository is named after its directory.
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    assert_eq!(
        set_commits(&env, &repo, "1.0.0", &[])["repository"],
        "plain-app"
    );
    // Detached HEAD reads from the detached commit.
    let first = repo.git(&["rev-list", "--max-parents=0", "HEAD"]);
    repo.git(&["checkout", "-q", "--detach", "HEAD~1"]);
    env.ok(&["release", "new", "1.0.1", "-p", "backend"]);
    let detached = set_commits(
        &env,
        &repo,
        "1.0.1",
        &["--commit", "plain-app@HEAD~1..HEAD"],
    );
    assert_eq!(detached["commitCount"], 1);
    repo.git(&["checkout", "-q", "main"]);
    // A bare clone.
    let bare = env.path().join("bare-app.git");
    repo.git(&["clone", "-q", "--bare", repo.path(), bare.to_str().unwrap()]);
    env.ok(&["release", "new", "2.0.0", "-p", "backend"]);
    let result = env.json(&[
        "release",
        "set-commits",
        "2.0.0",
        "--repo",
        bare.to_str().unwrap(),
        "--repo-name",
        "plain-app",
        "--commit",
        &format!("plain-app@{first}..HEAD"),
    ]);
    assert_eq!(result["commitCount"], 2);
    // GIT_DIR from a directory that is not a repository.
    let elsewhere = env.path().join("elsewhere");
    std::fs::create_dir_all(&elsewhere).unwrap();
    repo.commit("a.txt", "new", "after 2.0.0");
    env.ok(&["release", "new", "3.0.0", "-p", "backend"]);
    let out = env
        .cmd()
        .current_dir(&elsewhere)
        .env("GIT_DIR", repo.dir.join(".git"))
        .args([
            "--format",
            "json",
            "release",
            "set-commits",
            "3.0.0",
            "--initial-depth",
            "2",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // Only the commit since 2.0.0, found through the repository named like its directory.
    assert_eq!(value["repository"], "plain-app");
    assert_eq!(value["commitCount"], 1);
}

#[test]
fn an_empty_range_leaves_the_release_alone() {
    let (env, repo) = setup();
    repo.commit("a.txt", "1", "one");
    repo.commit("a.txt", "2", "two");
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &[]);
    let out = env.run(&[
        "release",
        "set-commits",
        "1.0.0",
        "--repo",
        repo.path(),
        "--commit",
        "Acme/App@HEAD..HEAD",
    ]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("No commits found"));
    assert_eq!(env.json(&["release", "info", "1.0.0"])["commitCount"], 2);
}

#[test]
fn non_utf8_file_names_and_messages_do_not_crash() {
    use std::os::unix::ffi::OsStrExt;
    let (env, repo) = setup();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(repo.dir.join(name), "x").unwrap();
    repo.git(&["add", "-A"]);
    std::fs::write(env.path().join("msg"), b"Fixes caf\xe9 bug\n").unwrap();
    let msg = env.path().join("msg");
    repo.git(&["commit", "-q", "-F", msg.to_str().unwrap()]);
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    set_commits(&env, &repo, "1.0.0", &[]);
    let commit = &env.json(&["release", "info", "1.0.0", "--commits"])["commits"][0];
    let path = commit["patchSet"][0]["path"].as_str().unwrap();
    assert!(path.starts_with("caf") && path.ends_with(".txt"), "{path}");
    assert!(commit["message"].as_str().unwrap().starts_with("Fixes caf"));
}

#[test]
fn an_explicit_previous_sha_missing_from_history_can_be_ignored() {
    let (env, repo) = setup();
    for i in 0..3 {
        repo.commit("a.txt", &i.to_string(), &format!("commit {i}"));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let gone = "0123456789abcdef0123456789abcdef01234567";
    let spec = format!("Acme/App@{gone}..HEAD");
    let err = env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.path(),
            "--commit",
            &spec,
        ],
        3,
    );
    assert!(
        err.contains(gone) && err.contains("--ignore-missing"),
        "{err}"
    );
    let result = set_commits(
        &env,
        &repo,
        "1.0.0",
        &[
            "--commit",
            &spec,
            "--ignore-missing",
            "--initial-depth",
            "2",
        ],
    );
    assert_eq!(result["commitCount"], 2);
}

/// Commits `file` with `message`, author and committer both dated `date` (`"SECONDS +ZONE"`).
fn commit_dated(repo: &Repo, date: &str, file: &str, content: &str, message: &str) -> String {
    commit_at(repo, date, date, file, content, message)
}

/// Commits with an author date and a committer date of its own, as a rebase leaves them.
fn commit_at(
    repo: &Repo,
    author_date: &str,
    committer_date: &str,
    file: &str,
    content: &str,
    message: &str,
) -> String {
    std::fs::write(repo.dir.join(file), content).unwrap();
    repo.git(&["add", "-A"]);
    let out = std::process::Command::new("git")
        .args([
            "-c",
            "user.name=Test Dev",
            "-c",
            "user.email=Dev@Example.com",
        ])
        .args(["-c", "commit.gpgsign=false", "commit", "-q", "-m", message])
        .current_dir(&repo.dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", &repo.dir)
        .env("GIT_AUTHOR_DATE", author_date)
        .env("GIT_COMMITTER_DATE", committer_date)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    repo.head()
}

fn topo_order(repo: &Repo, depth: usize) -> BTreeSet<String> {
    repo.git(&["rev-list", "--topo-order", "-n", &depth.to_string(), "HEAD"])
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn a_first_release_takes_the_commits_below_head_in_graph_order() {
    // 30 commits with one date, as a rebase or `git am` leaves them.
    let (env, repo) = setup();
    let mut shas = Vec::new();
    for i in 0..30 {
        shas.push(commit_dated(
            &repo,
            "1700000000 +0000",
            "a.txt",
            &i.to_string(),
            &format!("commit {i}"),
        ));
    }
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let bound = set_commits(&env, &repo, "1.0.0", &[]);
    assert_eq!(bound["commitCount"], 20);
    let ids: BTreeSet<String> = release_commit_ids(&env, "1.0.0").into_iter().collect();
    assert_eq!(ids, topo_order(&repo, 20));
    assert_eq!(ids, shas[10..].iter().cloned().collect());

    // A HEAD dated before its parent is the first commit of a first release (a release of
    // another project), not left out for the next one.
    let head = commit_dated(
        &repo,
        "1600000000 +0000",
        "b.txt",
        "late",
        "dated in the past",
    );
    env.ok(&["project", "create", "Web"]);
    env.ok(&["release", "new", "2.0.0", "-p", "web"]);
    set_commits(&env, &repo, "2.0.0", &["--initial-depth", "3"]);
    let ids: BTreeSet<String> = release_commit_ids(&env, "2.0.0").into_iter().collect();
    assert!(ids.contains(&head));
    assert_eq!(ids, topo_order(&repo, 3));
}

/// "Rebase and merge" keeps each commit's author date: the newest-by-author-date commit of a
/// release (Sentry's lastCommit) is not its tip. The next release must start at the tip its
/// set-commits read (the head commit it recorded), and leave the issues the first one resolved
/// where they are. `client` binds the commits, `admin` files the issues (local-only).
fn next_release_starts_at_the_recorded_head(client: &TestEnv, admin: &TestEnv, repo: &Repo) {
    client.ok(&["project", "create", "Backend"]);
    admin.ok(&["issue", "new", "-p", "backend", "Checkout crash"]);
    admin.ok(&["issue", "new", "-p", "backend", "Slow page"]);
    let day = |d: i64| format!("{} +0000", 1_700_000_000 + d * 86_400);
    // Written on days 9, 1 and 2, rebased onto main on days 10 to 12.
    let first = commit_at(repo, &day(9), &day(10), "a.txt", "1", "Initial import");
    commit_at(repo, &day(1), &day(11), "b.txt", "1", "Fixes BACKEND-1");
    let tip = commit_at(repo, &day(2), &day(12), "c.txt", "1", "Tidy up");
    client.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let one = set_commits(client, repo, "1.0.0", &["--auto"]);
    assert_eq!(one["resolvedIssues"], serde_json::json!(["BACKEND-1"]));
    assert_eq!(
        client.json(&["release", "info", "1.0.0"])["lastCommit"]["id"],
        first.as_str(),
        "lastCommit is the newest by author date, not the tip"
    );

    commit_at(repo, &day(3), &day(13), "d.txt", "1", "More work");
    commit_at(repo, &day(4), &day(14), "e.txt", "1", "Fixes BACKEND-2");
    client.ok(&["release", "new", "2.0.0", "-p", "backend"]);
    let two = set_commits(client, repo, "2.0.0", &["--auto"]);
    let ids: BTreeSet<String> = release_commit_ids(client, "2.0.0").into_iter().collect();
    assert_eq!(ids, rev_list(repo, &format!("{tip}..HEAD")));
    assert_eq!(two["resolvedIssues"], serde_json::json!(["BACKEND-2"]));
    let resolution =
        |id: &str| client.json(&["issue", "show", id])["resolution"]["release"].clone();
    assert_eq!(resolution("BACKEND-1"), "1.0.0");
    assert_eq!(resolution("BACKEND-2"), "2.0.0");

    // --commit REPO@REV records REV: a third release starts there.
    let three_tip = commit_at(repo, &day(5), &day(15), "f.txt", "1", "Third");
    commit_at(repo, &day(0), &day(16), "g.txt", "1", "Not yet released");
    client.ok(&["release", "new", "3.0.0", "-p", "backend"]);
    set_commits(client, repo, "3.0.0", &["--commit", "Acme/App@HEAD~1"]);
    assert_eq!(release_commit_ids(client, "3.0.0"), [three_tip.as_str()]);
    client.ok(&["release", "new", "4.0.0", "-p", "backend"]);
    set_commits(client, repo, "4.0.0", &[]);
    let ids: BTreeSet<String> = release_commit_ids(client, "4.0.0").into_iter().collect();
    assert_eq!(ids, rev_list(repo, &format!("{three_tip}..HEAD")));
}

#[test]
fn auto_starts_at_the_head_recorded_by_the_previous_release() {
    let env = TestEnv::new();
    let repo = Repo::init(&env.path().join("app"));
    repo.git(&["remote", "add", "origin", "git@github.com:Acme/App.git"]);
    next_release_starts_at_the_recorded_head(&env, &env, &repo);
}

#[test]
fn auto_through_serve_starts_at_the_head_recorded_by_the_previous_release() {
    let server = crate::remote::harness::Server::start();
    let client = server.client();
    let repo = Repo::init(&client.path().join("app"));
    repo.git(&["remote", "add", "origin", "git@github.com:Acme/App.git"]);
    next_release_starts_at_the_recorded_head(&client, &server.env, &repo);
    assert_eq!(server.stop(), Some(0));
}

#[test]
fn an_empty_repository_says_it_has_no_commits() {
    let (env, repo) = setup();
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    // A new repository: exit 2 (the repository given cannot be used, like one that is not a
    // repository at all), not "revision not found: HEAD".
    let err = env.fails_unchanged(
        &["release", "set-commits", "1.0.0", "--repo", repo.path()],
        2,
    );
    assert!(err.contains("has no commits yet"), "{err}");
    assert!(!err.contains("revision not found"), "{err}");
    // HEAD on a branch without commits, in a repository that has some.
    repo.commit("a.txt", "1", "one");
    repo.git(&["checkout", "-q", "--orphan", "fresh"]);
    let err = env.fails_unchanged(
        &["release", "set-commits", "1.0.0", "--repo", repo.path()],
        2,
    );
    assert!(
        err.contains("fresh") && err.contains("no commits yet"),
        "{err}"
    );
}

/// Overwrites the loose object file of `sha` with `bytes` (object files are read-only).
fn damage_object(repo: &Repo, sha: &str, bytes: Option<&[u8]>) {
    use std::os::unix::fs::PermissionsExt;
    let path = repo
        .dir
        .join(".git/objects")
        .join(&sha[..2])
        .join(&sha[2..]);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    match bytes {
        Some(bytes) => std::fs::write(&path, bytes).unwrap(),
        None => std::fs::remove_file(&path).unwrap(),
    }
}

#[test]
fn a_damaged_repository_names_the_commit_and_says_it_is_damaged() {
    let cases: [(&str, Option<&[u8]>, &str); 4] = [
        ("HEAD", Some(b"garbage"), "corrupt"),
        ("HEAD~2", Some(b"garbage"), "corrupt"),
        ("HEAD~2", None, "missing"),
        ("HEAD~1^{tree}", Some(b"garbage"), "corrupt"),
    ];
    for (object, bytes, problem) in cases {
        let (env, repo) = setup();
        for i in 0..4 {
            repo.commit(&format!("f{i}.txt"), "x", &format!("commit {i}"));
        }
        env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
        let sha = repo.git(&["rev-parse", object]);
        // The commit the message must name: the damaged one, or the one whose tree it is.
        let commit = repo.git(&["rev-parse", object.trim_end_matches("^{tree}")]);
        damage_object(&repo, &sha, bytes);
        let err = env.fails_unchanged(
            &["release", "set-commits", "1.0.0", "--repo", repo.path()],
            2,
        );
        assert!(err.contains("damaged"), "{object}: {err}");
        assert!(err.contains(problem), "{object}: {err}");
        assert!(err.contains(&commit), "{object}: {err}");
        for raw in ["inflate", "class=", "no match for id"] {
            assert!(!err.contains(raw), "{object}: libgit2's text: {err}");
        }
    }
}

/// A long range is written a batch at a time while git is read: a commit listed by two ranges
/// is bound once even when its second listing comes batches later.
#[test]
fn overlapping_long_ranges_bind_each_commit_once() {
    let repo = crate::big_repo::big_repo();
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let first = format!("acme/big@{}..{}", repo.back(1_200), repo.back(300));
    let second = format!("acme/big@{}..HEAD", repo.back(900));
    let bound = env.json(&[
        "release",
        "set-commits",
        "1.0.0",
        "--repo",
        repo.path(),
        "--commit",
        &first,
        "--commit",
        &second,
    ]);
    assert_eq!(bound["commitCount"], 1_200);
    let ids = release_commit_ids(&env, "1.0.0");
    assert_eq!(ids, repo.range(1_200, 0), "newest first, each once");
}

/// git failing after some batches were written (a tree 400 commits down is missing) leaves the
/// store as it was: the batches were written in the transaction the failure rolls back.
#[test]
fn a_damaged_object_deep_in_a_long_range_writes_nothing() {
    let env = TestEnv::new();
    let dir = env.path().join("long");
    crate::big_repo::build(&dir, 700, "");
    let repo = Repo::open(&dir);
    // Loose objects, so one can be taken away.
    let pack = std::fs::read_dir(dir.join(".git/objects/pack"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| path.extension().is_some_and(|ext| ext == "pack"))
        .unwrap();
    let packed = env.path().join("objects.pack");
    std::fs::rename(&pack, &packed).unwrap();
    for entry in std::fs::read_dir(dir.join(".git/objects/pack")).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let status = std::process::Command::new("git")
        .args(["unpack-objects", "-q"])
        .current_dir(&dir)
        .stdin(std::fs::File::open(&packed).unwrap())
        .status()
        .unwrap();
    assert!(status.success());
    let damaged = repo.git(&["rev-parse", "HEAD~400"]);
    let tree = repo.git(&["rev-parse", "HEAD~400^{tree}"]);
    damage_object(&repo, &tree, None);

    env.ok(&["project", "create", "Backend"]);
    env.ok(&["release", "new", "1.0.0", "-p", "backend"]);
    let err = env.fails_unchanged(
        &[
            "release",
            "set-commits",
            "1.0.0",
            "--repo",
            repo.path(),
            "--commit",
            "acme/long@HEAD~600..HEAD",
        ],
        2,
    );
    assert!(err.contains("damaged") && err.contains(&damaged), "{err}");
    assert_eq!(env.json(&["release", "info", "1.0.0"])["commitCount"], 0);
}

/// A head recorded by an earlier release comes from a client (a commit id it sent); one that
/// is not a commit id (here a tag's name) is no start for the next range, which is then a
/// first release's, instead of git reading it as a revision.
#[test]
fn a_recorded_head_that_is_not_a_commit_id_never_reaches_git() {
    let server = crate::remote::harness::Server::start();
    let env = &server.env;
    let repo = Repo::init(&env.path().join("app"));
    repo.git(&["remote", "add", "origin", "git@github.com:Acme/App.git"]);
    for n in 0..5 {
        repo.commit("f.txt", &n.to_string(), &format!("change {n}"));
        if n == 1 {
            repo.git(&["tag", "v1.0"]);
        }
    }
    server.client().json(&["project", "create", "Backend"]);
    server
        .client()
        .json(&["release", "new", "1.0", "-p", "backend"]);
    let path = format!("{}/api/0/organizations/default/releases/1.0/", server.url);
    let body = r#"{"commits": [{"id": "v1.0", "repository": "Acme/App"}]}"#;
    let (status, text) =
        crate::remote::harness::request("PUT", &path, Some(&server.token), Some(body));
    assert_eq!(status, 200, "{text}");
    env.ok(&["release", "new", "2.0", "-p", "backend"]);
    set_commits(env, &repo, "2.0", &[]);
    assert_eq!(
        release_commit_ids(env, "2.0")
            .into_iter()
            .collect::<BTreeSet<_>>(),
        rev_list(&repo, "HEAD"),
        "the range started at the tag v1.0"
    );
}
