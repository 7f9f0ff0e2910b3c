//! Which commits a release gets when releases leave a straight line (issue 19, cli.md "--auto"):
//! `git rev-list HEAD --not H1 H2 ...` over the heads every earlier release of the same
//! projects recorded in that repository. Each case runs on the local store and through
//! `relctl serve`, and is checked against `git rev-list` run in the test.

use std::collections::BTreeSet;

use crate::harness::{Repo, TestEnv};
use crate::remote::harness::Server;

/// Runs `case` on a local store, then as a client of `relctl serve`.
fn on_both(case: impl Fn(&TestEnv)) {
    let local = TestEnv::new();
    case(&local);
    let server = Server::start();
    case(&server.client());
    assert_eq!(server.stop(), Some(0));
}

fn set_commits(env: &TestEnv, repo: &Repo, version: &str) -> serde_json::Value {
    env.json(&[
        "release",
        "set-commits",
        version,
        "-p",
        "backend",
        "--repo",
        repo.path(),
        "--initial-depth",
        "100",
    ])
}

fn bound(env: &TestEnv, version: &str) -> BTreeSet<String> {
    env.json(&["release", "info", version, "--commits"])["commits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_string())
        .collect()
}

/// `git rev-list HEAD --not HIDE...`: the oracle.
fn rev_list(repo: &Repo, hide: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["rev-list", "HEAD", "--not"];
    args.extend_from_slice(hide);
    repo.git(&args).lines().map(str::to_string).collect()
}

fn repo_named(env: &TestEnv, dir: &str, remote: &str) -> Repo {
    repo_at(&env.path().join(dir), remote)
}

/// A new repository at `path` whose `origin` is `remote`.
fn repo_at(path: &std::path::Path, remote: &str) -> Repo {
    let repo = Repo::init(path);
    repo.git(&["remote", "add", "origin", remote]);
    repo
}

#[test]
fn a_hotfix_release_on_a_maintenance_branch_takes_nothing_from_the_next_main_release() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        for i in 1..=3 {
            repo.commit(&format!("m{i}.txt"), "x", &format!("m{i}"));
        }
        let m3 = repo.head();
        set_commits(env, &repo, "1.3.0");
        repo.commit("m4.txt", "x", "m4");
        let m5 = repo.commit("m5.txt", "x", "m5");
        set_commits(env, &repo, "1.4.0");
        // 1.3.1: one fix on a maintenance branch cut at 1.3.0.
        repo.git(&["checkout", "-q", "-b", "release-1.3", &m3]);
        let h1 = repo.commit("fix.txt", "x", "hotfix");
        let hotfix = set_commits(env, &repo, "1.3.1");
        assert_eq!(hotfix["commitCount"], 1, "{hotfix}");
        assert_eq!(bound(env, "1.3.1"), BTreeSet::from([h1.clone()]));
        // Back on main: 1.5.0 gets m6 and m7 only, not m4 and m5 again.
        repo.git(&["checkout", "-q", "main"]);
        let m6 = repo.commit("m6.txt", "x", "m6");
        let m7 = repo.commit("m7.txt", "x", "m7");
        set_commits(env, &repo, "1.5.0");
        let expected = rev_list(&repo, &[&h1, &m5, &m3]);
        assert_eq!(expected, BTreeSet::from([m6, m7]));
        assert_eq!(bound(env, "1.5.0"), expected);
    });
}

#[test]
fn a_release_of_another_repository_in_between_does_not_restart_the_range() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let a = repo_named(env, "a", "git@github.com:Acme/A.git");
        let b = repo_named(env, "b", "git@github.com:Acme/B.git");
        for i in 0..10 {
            a.commit(&format!("a{i}.txt"), "x", &format!("a{i}"));
            b.commit(&format!("b{i}.txt"), "x", &format!("b{i}"));
        }
        let a_head = a.head();
        set_commits(env, &a, "r1");
        set_commits(env, &b, "r2");
        let a11 = a.commit("a11.txt", "x", "a11");
        let a12 = a.commit("a12.txt", "x", "a12");
        let r3 = set_commits(env, &a, "r3");
        assert_eq!(r3["commitCount"], 2, "{r3}");
        assert_eq!(bound(env, "r3"), rev_list(&a, &[&a_head]));
        assert_eq!(bound(env, "r3"), BTreeSet::from([a11, a12]));
    });
}

#[test]
fn a_release_cut_from_an_older_commit_and_a_merge_of_two_release_branches() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        let base = repo.commit("base.txt", "x", "base");
        let m1 = repo.commit("m1.txt", "x", "m1");
        set_commits(env, &repo, "2.0.0");
        // A release cut from a tag on an older commit: its range is what 2.0.0 does not hold.
        repo.git(&["checkout", "-q", "-b", "legacy", &base]);
        let l1 = repo.commit("l1.txt", "x", "l1");
        set_commits(env, &repo, "1.9.9");
        assert_eq!(bound(env, "1.9.9"), BTreeSet::from([l1.clone()]));
        // main merges the legacy branch: the merge and m2 are new, l1 is 1.9.9's.
        repo.git(&["checkout", "-q", "main"]);
        let m2 = repo.commit("m2.txt", "x", "m2");
        repo.git(&["merge", "-q", "--no-ff", "-m", "merge legacy", "legacy"]);
        let merge = repo.head();
        set_commits(env, &repo, "2.1.0");
        let expected = rev_list(&repo, &[&l1, &m1]);
        assert_eq!(expected, BTreeSet::from([m2, merge]));
        assert_eq!(bound(env, "2.1.0"), expected);
    });
}

#[test]
fn a_revert_is_the_next_release_s_own_commit_and_the_reverted_one_stays_where_it_was() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        let base = repo.commit("base.txt", "x", "base");
        let feature = repo.commit("feature.txt", "x", "add the feature");
        set_commits(env, &repo, "1.0.0");
        repo.git(&["revert", "--no-edit", &feature]);
        let revert = repo.head();
        set_commits(env, &repo, "1.0.1");
        // The revert restores base's tree, but history moved on: it is 1.0.1's only commit.
        assert_eq!(bound(env, "1.0.1"), BTreeSet::from([revert.clone()]));
        assert_eq!(bound(env, "1.0.1"), rev_list(&repo, &[&feature]));
        assert_eq!(bound(env, "1.0.0"), BTreeSet::from([base, feature]));
        let info = env.json(&["release", "info", "1.0.1", "--commits"]);
        let patch = &info["commits"][0]["patchSet"];
        assert_eq!(
            patch,
            &serde_json::json!([{"path": "feature.txt", "type": "D"}]),
            "{info}"
        );
        // Reverting the revert brings the feature back in 1.0.2, again one new commit.
        repo.git(&["revert", "--no-edit", &revert]);
        set_commits(env, &repo, "1.0.2");
        assert_eq!(bound(env, "1.0.2"), rev_list(&repo, &[&revert]));
        assert_eq!(bound(env, "1.0.2").len(), 1);
    });
}

/// Two releases whose pipelines bind them in `order`: r2 at x, r3 at y (a descendant of x),
/// created in that order. What each release holds, and where BACKEND-1 is resolved.
fn bind_in_order(env: &TestEnv, repo: &Repo, x: &str, y: &str, order: [&str; 2]) -> Vec<String> {
    env.json(&["release", "new", "r2", "-p", "backend"]);
    env.json(&["release", "new", "r3", "-p", "backend"]);
    for version in order {
        let head = if version == "r2" { x } else { y };
        let range = format!("Acme/App@{head}");
        env.json(&[
            "release",
            "set-commits",
            version,
            "--repo",
            repo.path(),
            "--commit",
            &range,
            "--initial-depth",
            "100",
        ]);
    }
    let mut seen: Vec<String> = ["r1", "r2", "r3"]
        .iter()
        .map(|v| format!("{v}: {:?}", bound(env, v)))
        .collect();
    for issue in env.json(&["issue", "list"]).as_array().unwrap() {
        seen.push(format!(
            "{} {} in {}",
            issue["shortId"], issue["status"], issue["resolution"]["release"]
        ));
    }
    seen
}

#[test]
fn pipelines_finishing_out_of_order_give_each_release_the_same_commits() {
    let check = |env: &TestEnv, server_env: &TestEnv, order: [&str; 2]| {
        env.json(&["project", "create", "Backend"]);
        server_env.json(&["issue", "new", "-p", "backend", "Checkout crash"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        let base = repo.commit("a.txt", "x", "base");
        set_commits(env, &repo, "r1");
        repo.commit("b.txt", "x", "Fixes BACKEND-1");
        let x = repo.commit("c.txt", "x", "x");
        let y1 = repo.commit("d.txt", "x", "y1");
        let y = repo.commit("e.txt", "x", "y");
        let seen = bind_in_order(env, &repo, &x, &y, order);
        assert_eq!(bound(env, "r2"), rev_list_at(&repo, &x, &[&base]));
        assert_eq!(bound(env, "r3"), BTreeSet::from([y1, y.clone()]));
        assert_eq!(bound(env, "r3"), rev_list_at(&repo, &y, &[&x, &base]));
        let issue = &env.json(&["issue", "list", "--status", "resolved"])[0];
        assert_eq!(issue["resolution"]["release"], "r2", "{issue}");
        seen
    };
    let in_order = {
        let env = TestEnv::new();
        check(&env, &env, ["r2", "r3"])
    };
    let local = TestEnv::new();
    assert_eq!(check(&local, &local, ["r3", "r2"]), in_order);
    let server = Server::start();
    let client = server.client();
    assert_eq!(check(&client, &server.env, ["r3", "r2"]), in_order);
    assert_eq!(server.stop(), Some(0));
}

/// Project Backend, repository Acme/App with `base` bound to r1 by the rule, then x1, x2 (`x`)
/// and `y` above it, and releases r2 and r3 created in that order, bound to nothing yet:
/// (repository, base, x, y).
fn r1_at_base_then_r2_and_r3(env: &TestEnv) -> (Repo, String, String, String) {
    env.json(&["project", "create", "Backend"]);
    let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
    let base = repo.commit("a.txt", "x", "base");
    set_commits(env, &repo, "r1");
    let x = (1..=2)
        .map(|i| repo.commit(&format!("x{i}.txt"), "x", &format!("x{i}")))
        .last()
        .unwrap();
    let y = repo.commit("y.txt", "x", "y");
    env.json(&["release", "new", "r2", "-p", "backend"]);
    env.json(&["release", "new", "r3", "-p", "backend"]);
    (repo, base, x, y)
}

#[test]
fn a_later_range_the_user_named_keeps_its_commits_when_an_earlier_release_binds() {
    on_both(|env| {
        let (repo, base, x, y) = r1_at_base_then_r2_and_r3(env);
        // r3 is bound first, from a start the user named: base..y.
        let named = format!("Acme/App@{base}..{y}");
        let r3 = ["release", "set-commits", "r3", "--repo", repo.path()];
        env.json(&[&r3[..], &["--commit", &named]].concat());
        // r2 then binds by the rule, up to x: it takes x1 and x2, and r3 keeps its range.
        let at_x = format!("Acme/App@{x}");
        let r2 = ["release", "set-commits", "r2", "--repo", repo.path()];
        let answer = env.json(&[&r2[..], &["--commit", &at_x]].concat());
        assert_eq!(answer["reboundReleases"], serde_json::json!([]), "{answer}");
        assert_eq!(bound(env, "r2"), rev_list_at(&repo, &x, &[&base]));
        assert_eq!(bound(env, "r3"), rev_list_at(&repo, &y, &[&base]));
        // Bound again by the rule, r3 is only what lies above r2's head, and a later binding
        // of r2 gives the same.
        env.json(&[&r3[..], &["--commit", &format!("Acme/App@{y}")]].concat());
        assert_eq!(bound(env, "r3"), rev_list_at(&repo, &y, &[&x]));
        env.json(&[&r2[..], &["--commit", &at_x]].concat());
        assert_eq!(bound(env, "r3"), rev_list_at(&repo, &y, &[&x]));
    });
}

/// An earlier release whose range start the user named, bound after a later release the rule
/// read, takes back what its head hides: the later release ends with what binding in order
/// gives it, alone or beside a range of another repository the rule reads.
#[test]
fn an_earlier_release_s_named_range_bound_late_gives_what_binding_in_order_gives() {
    for beside_a_range_of_the_rule in [false, true] {
        let server = Server::start();
        let envs = [TestEnv::new(), TestEnv::new(), server.client()];
        let orders = [["r2", "r3"], ["r3", "r2"], ["r3", "r2"]];
        let results: Vec<BTreeSet<String>> = envs
            .iter()
            .zip(orders)
            .map(|(env, order)| {
                let (repo, base, x, y) = r1_at_base_then_r2_and_r3(env);
                for version in order {
                    let mut args = vec![
                        "release".to_string(),
                        "set-commits".to_string(),
                        version.to_string(),
                        "--repo".to_string(),
                        repo.path().to_string(),
                    ];
                    let ranges = match version {
                        "r2" if beside_a_range_of_the_rule => {
                            vec![format!("Acme/App@{base}..{x}"), format!("Acme/Lib@{x}")]
                        }
                        "r2" => vec![format!("Acme/App@{base}..{x}")],
                        _ => vec![format!("Acme/App@{y}")],
                    };
                    for range in ranges {
                        args.extend(["--commit".to_string(), range]);
                    }
                    env.json(&strs(&args));
                }
                // (Beside Acme/Lib's range, r2 also holds base, there.)
                assert!(bound(env, "r2").is_superset(&rev_list_at(&repo, &x, &[&base])));
                bound(env, "r3")
            })
            .collect();
        let beside = beside_a_range_of_the_rule;
        assert_eq!(results[0], results[1], "beside: {beside}");
        assert_eq!(results[0], results[2], "through serve, beside: {beside}");
        assert_eq!(results[0].len(), 1, "r3 holds y only");
        assert_eq!(server.stop(), Some(0));
    }
}

/// `git rev-list HEAD_ --not HIDE...` for a head other than HEAD.
fn rev_list_at(repo: &Repo, head: &str, hide: &[&str]) -> BTreeSet<String> {
    let mut args = vec!["rev-list", head, "--not"];
    args.extend_from_slice(hide);
    repo.git(&args).lines().map(str::to_string).collect()
}

#[test]
fn a_hotfix_head_this_clone_never_fetched_is_named_or_skipped_with_ignore_missing() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        repo.commit("m1.txt", "x", "m1");
        let m2 = repo.commit("m2.txt", "x", "m2");
        set_commits(env, &repo, "1.0.0");
        // The hotfix is made and bound in another clone; this one never sees it.
        let other = env.path().join("other");
        repo.git(&["clone", "-q", repo.path(), other.to_str().unwrap()]);
        let hotfix = Repo::open(&other);
        hotfix.git(&["checkout", "-q", "-b", "release-1.0"]);
        hotfix.commit("fix.txt", "x", "hotfix");
        env.json(&[
            "release",
            "set-commits",
            "1.0.1",
            "-p",
            "backend",
            "--repo",
            hotfix.path(),
            "--repo-name",
            "Acme/App",
        ]);
        let m3 = repo.commit("m3.txt", "x", "m3");
        // Not in this history: a shallow clone or a rewritten history looks the same, so it is
        // named (exit 3), unless --ignore-missing skips it; 1.0.0's head still bounds the range.
        let args = [
            "release",
            "set-commits",
            "1.1.0",
            "-p",
            "backend",
            "--repo",
            repo.path(),
        ];
        let err = env.fails(&args, 3);
        assert!(err.contains("not in"), "{err}");
        let mut args = args.to_vec();
        args.push("--ignore-missing");
        let next = env.json(&args);
        assert_eq!(next["commitCount"], 1, "{next}");
        assert_eq!(bound(env, "1.1.0"), BTreeSet::from([m3]));
        assert_eq!(bound(env, "1.1.0"), rev_list(&repo, &[&m2]));
    });
}

#[test]
fn twenty_releases_over_three_repositories_bound_in_random_order() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repos: Vec<(Repo, String)> = ["A", "B", "C"]
            .iter()
            .map(|name| {
                let repo = repo_named(env, name, &format!("git@github.com:Acme/{name}.git"));
                repo.commit("root.txt", name, "root");
                (repo, format!("Acme/{name}"))
            })
            .collect();
        // Release i is cut in repository i*7 % 3 after 1 to 3 new commits there.
        let mut releases = Vec::new();
        for i in 0..20_usize {
            let which = (i * 7 + i / 3) % 3;
            let (repo, _) = &repos[which];
            for n in 0..=(i % 3) {
                repo.commit(&format!("f{i}-{n}.txt"), "x", &format!("r{i} {n}"));
            }
            releases.push((format!("r{i}"), which, repo.head()));
            env.json(&["release", "new", &format!("r{i}"), "-p", "backend"]);
        }
        // Bound in a shuffled order (a fixed permutation: 7 is prime to 20).
        for k in 0..20 {
            let (version, which, head) = &releases[(k * 7 + 3) % 20];
            let (repo, name) = &repos[*which];
            env.json(&[
                "release",
                "set-commits",
                version,
                "--repo",
                repo.path(),
                "--commit",
                &format!("{name}@{head}"),
                "--initial-depth",
                "1000",
            ]);
        }
        for (i, (version, which, head)) in releases.iter().enumerate() {
            let earlier: Vec<&str> = releases[..i]
                .iter()
                .filter(|(_, w, _)| w == which)
                .map(|(_, _, h)| h.as_str())
                .collect();
            let (repo, _) = &repos[*which];
            let mut args = vec!["rev-list", head.as_str()];
            if !earlier.is_empty() {
                args.push("--not");
                args.extend(earlier);
            }
            let expected: BTreeSet<String> = repo.git(&args).lines().map(str::to_string).collect();
            assert_eq!(bound(env, version), expected, "{version}");
        }
    });
}

#[test]
fn an_earlier_release_off_to_the_side_bound_late_still_rebinds_the_later_one() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        let c = repo.commit("c.txt", "x", "C");
        let d = repo.commit("d.txt", "x", "D");
        repo.commit("e.txt", "x", "E");
        let f = repo.commit("f.txt", "x", "F");
        // A hotfix off D, a commit no release is at.
        repo.git(&["checkout", "-q", "-b", "hot", &d]);
        let h = repo.commit("h.txt", "x", "H");
        repo.git(&["checkout", "-q", "main"]);
        for version in ["r1", "r2", "r3"] {
            env.json(&["release", "new", version, "-p", "backend"]);
        }
        for (version, head) in [("r1", &c), ("r3", &f), ("r2", &h)] {
            env.json(&[
                "release",
                "set-commits",
                version,
                "--repo",
                repo.path(),
                "--commit",
                &format!("Acme/App@{head}"),
            ]);
        }
        // r3 = git rev-list F --not C H, as binding in order gives.
        assert_eq!(bound(env, "r3"), rev_list_at(&repo, &f, &[&c, &h]));
        assert_eq!(bound(env, "r2"), rev_list_at(&repo, &h, &[&c]));
    });
}

#[test]
fn a_shallow_clone_against_serve_repo_binds_what_a_full_clone_binds() {
    let dir = tempfile::tempdir().unwrap();
    let full = repo_at(&dir.path().join("full"), "git@github.com:Acme/App.git");
    let c3 = (1..=3)
        .map(|i| full.commit(&format!("c{i}.txt"), "x", &format!("c{i}")))
        .last()
        .unwrap();
    let c5 = (4..=5)
        .map(|i| full.commit(&format!("c{i}.txt"), "x", &format!("c{i}")))
        .last()
        .unwrap();
    let c6 = full.commit("c6.txt", "x", "c6");
    let mirror = dir.path().join("mirror.git");
    full.git(&[
        "clone",
        "-q",
        "--mirror",
        full.path(),
        mirror.to_str().unwrap(),
    ]);
    let server = Server::start_with(&["--repo", &format!("Acme/App={}", mirror.display())]);
    let client = server.client();
    client.json(&["project", "create", "Backend"]);
    let set = |version: &str, extra: &[&str]| {
        let mut args = vec!["release", "set-commits", version, "-p", "backend"];
        args.extend_from_slice(extra);
        args.iter().map(|a| a.to_string()).collect::<Vec<String>>()
    };
    let run = |args: Vec<String>| client.json(&strs(&args));
    run(set(
        "r1",
        &["--repo", full.path(), "--commit", &format!("Acme/App@{c3}")],
    ));

    // A CI job's clone: one commit deep, r1's head not in it.
    let shallow_dir = dir.path().join("shallow");
    let url = format!("file://{}", full.path());
    full.git(&[
        "clone",
        "-q",
        "--depth",
        "1",
        &url,
        shallow_dir.to_str().unwrap(),
    ]);
    let shallow = Repo::open(&shallow_dir);
    shallow.git(&["remote", "set-url", "origin", "git@github.com:Acme/App.git"]);
    let no_refs = set("r2", &["--repo", shallow.path(), "--no-refs"]);
    let err = client.fails(&strs(&no_refs), 3);
    assert!(err.contains("shallow"), "{err}");
    run(set("r2", &["--repo", shallow.path()]));
    assert_eq!(bound(&client, "r2"), rev_list_at(&full, &c6, &[&c3]));

    // Outside any repository: full commit ids go as refs too.
    let nowhere = dir.path().join("nowhere");
    std::fs::create_dir_all(&nowhere).unwrap();
    let range = format!("Acme/App@{c3}..{c5}");
    run(set(
        "r3",
        &["--repo", nowhere.to_str().unwrap(), "--commit", &range],
    ));
    assert_eq!(bound(&client, "r3"), rev_list_at(&full, &c5, &[&c3]));
    assert_eq!(server.stop(), Some(0));

    // The local store reads git itself: --refs is a usage error there.
    let local = TestEnv::new();
    local.json(&["project", "create", "Backend"]);
    let args = set("r1", &["--repo", full.path(), "--refs"]);
    local.fails(&strs(&args), 2);
}

#[test]
fn a_ci_job_outside_any_repository_sends_the_commit_its_variables_name() {
    let dir = tempfile::tempdir().unwrap();
    let full = repo_at(&dir.path().join("full"), "git@github.com:Acme/App.git");
    let c2 = (1..=2)
        .map(|i| full.commit(&format!("c{i}.txt"), "x", &format!("c{i}")))
        .last()
        .unwrap();
    let c4 = (3..=4)
        .map(|i| full.commit(&format!("c{i}.txt"), "x", &format!("c{i}")))
        .last()
        .unwrap();
    let server = Server::start_with(&["--repo", &format!("Acme/App={}", full.path())]);
    let client = server.client();
    client.json(&["project", "create", "Backend"]);
    client.json(&[
        "release",
        "set-commits",
        "r1",
        "-p",
        "backend",
        "--repo",
        full.path(),
        "--commit",
        &format!("Acme/App@{c2}"),
    ]);
    // The test's directory is in no repository: the job's variables name the commit.
    let ci = |sha: &str, repository: Option<&str>| {
        let env = server.client().with_env("GITHUB_SHA", sha);
        match repository {
            Some(name) => env.with_env("GITHUB_REPOSITORY", name),
            None => env,
        }
    };
    let args = ["release", "set-commits", "r2", "-p", "backend"];
    let err = ci(&c4, None).fails(&args, 2);
    assert!(
        err.contains("GITHUB_SHA") && err.contains("--repo-name"),
        "{err}"
    );
    let err = ci(&c4, Some("acme/other")).fails(&args, 2);
    assert!(err.contains("no repository \"acme/other\""), "{err}");
    // Nothing written: not even the release.
    client.fails(&["release", "info", "r2"], 3);

    let answer = ci(&c4, Some("Acme/App")).json(&args);
    assert_eq!(answer["commitCount"], 2, "{answer}");
    assert_eq!(bound(&client, "r2"), rev_list_at(&full, &c4, &[&c2]));
    // --no-refs keeps today's answer: there is nothing to read here.
    let err = ci(&c4, Some("Acme/App")).fails(&[&args[..], &["--no-refs"]].concat(), 2);
    assert!(err.contains("git repository"), "{err}");
    assert_eq!(server.stop(), Some(0));
}

fn strs(args: &[String]) -> Vec<&str> {
    args.iter().map(String::as_str).collect()
}

#[test]
fn a_named_previous_revision_goes_to_a_server_as_its_commit_id() {
    on_both(|env| {
        env.json(&["project", "create", "Backend"]);
        let repo = repo_named(env, "app", "git@github.com:Acme/App.git");
        let base = repo.commit("a.txt", "x", "a");
        repo.commit("b.txt", "x", "b");
        repo.commit("c.txt", "x", "c");
        env.json(&[
            "release",
            "set-commits",
            "1.0",
            "-p",
            "backend",
            "--repo",
            repo.path(),
            "--commit",
            "Acme/App@HEAD~2..HEAD",
        ]);
        assert_eq!(bound(env, "1.0"), rev_list(&repo, &[&base]));
    });
}

#[test]
fn a_range_read_before_an_earlier_release_bound_gives_its_commits_back() {
    // Two pipelines at once: r3's client read its range (no earlier head yet), r2 bound x
    // meanwhile, then r3's request arrives holding r2's commits.
    let server = Server::start();
    let client = server.client();
    client.json(&["project", "create", "Backend"]);
    let repo = repo_named(&client, "app", "git@github.com:Acme/App.git");
    let a = repo.commit("a.txt", "x", "a");
    let x = repo.commit("b.txt", "x", "x");
    let y = repo.commit("c.txt", "x", "y");
    client.json(&["release", "new", "r2", "-p", "backend"]);
    client.json(&["release", "new", "r3", "-p", "backend"]);
    let range = format!("Acme/App@{x}");
    client.json(&[
        "release",
        "set-commits",
        "r2",
        "--repo",
        repo.path(),
        "--commit",
        &range,
    ]);
    let commits: Vec<serde_json::Value> = [&y, &x, &a]
        .iter()
        .map(|id| serde_json::json!({"id": id, "repository": "Acme/App"}))
        .collect();
    let body = serde_json::json!({
        "commits": commits,
        "refs": [{"repository": "Acme/App", "commit": y}],
    });
    let (status, answer) = crate::remote::harness::request(
        "PUT",
        &format!("{}/api/0/organizations/default/releases/r3/", server.url),
        Some(&server.token),
        Some(&body.to_string()),
    );
    assert_eq!(status, 200, "{answer}");
    assert_eq!(bound(&client, "r3"), BTreeSet::from([y.clone()]));
    assert_eq!(bound(&client, "r2"), rev_list_at(&repo, &x, &[]));
    assert_eq!(server.stop(), Some(0));
}
