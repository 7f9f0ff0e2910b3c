//! Which commits a range holds: `rev-list` semantics, merges, shallow clones, filters, caps.

use super::fixture::Fixture;
use super::*;

#[test]
fn linear_history_range_and_patch_sets() {
    let (fx, shas) = linear(6);
    let range = assert_range_matches_git(&fx, &shas[2]);
    assert_eq!(
        ids(&range),
        vec![shas[5].clone(), shas[4].clone(), shas[3].clone()]
    );
    assert_eq!(range.dropped_by_cap, 0);
    assert!(!range.previous_missing);
    assert!(!range.shallow_boundary_hit);
    assert_matches_git(&fx, &fx.work);

    let newest = &range.commits[0];
    assert_eq!(newest.message, "commit 5\n");
    assert_eq!(newest.author_name.as_deref(), Some("Test Author"));
    assert_eq!(newest.author_email.as_deref(), Some("author@example.com"));
    assert_eq!(newest.timestamp.to_rfc3339(), "2023-11-15T00:19:20+02:00");
}

#[test]
fn previous_given_as_revision_and_short_sha() {
    let (fx, shas) = linear(5);
    let repo = open(Some(&fx.work)).expect("open");
    for previous in ["HEAD~2", &shas[2][..10], "main~2"] {
        let range = repo
            .read_commits(&spec(Some(previous)), false)
            .expect("read");
        assert_eq!(
            ids(&range),
            vec![shas[4].clone(), shas[3].clone()],
            "{previous}"
        );
    }
}

#[test]
fn first_release_takes_initial_depth() {
    let (fx, shas) = linear(5);
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(
            &RangeSpec {
                initial_depth: 3,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read");
    assert_eq!(ids(&range), fx.rev_list_in(&fx.work, &["-n", "3", "HEAD"]));
    let all = repo
        .read_commits(
            &RangeSpec {
                initial_depth: 100,
                ..RangeSpec::default()
            },
            true,
        )
        .expect("read");
    assert_eq!(all.commits.len(), 5);
    let none = repo
        .read_commits(
            &RangeSpec {
                initial_depth: 0,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read");
    assert!(none.commits.is_empty());
    // The initial depth is ignored once the previous commit is found.
    let found = repo
        .read_commits(
            &RangeSpec {
                stop_at: vec![shas[0].clone()],
                initial_depth: 1,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read");
    assert_eq!(found.commits.len(), 4);
}

/// Commits made without advancing the fixture's clock: one author and committer date for all.
fn same_date_commits(fx: &Fixture, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            fx.write("f.txt", &format!("{i}\n"));
            fx.git(["add", "-A"]);
            fx.git(["commit", "-q", "-m", &format!("same date {i}")]);
            fx.head()
        })
        .collect()
}

fn first_release(repo: &GitRepo, depth: usize) -> Vec<String> {
    ids(&repo
        .read_commits(
            &RangeSpec {
                initial_depth: depth,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read"))
}

/// After a rebase or `git am` every commit has the same committer date: the first release still
/// takes HEAD and the commits right below it, as `git rev-list --topo-order` lists them.
#[test]
fn initial_depth_follows_the_graph_when_dates_are_equal() {
    let fx = Fixture::new();
    let shas = same_date_commits(&fx, 30);
    let repo = open(Some(&fx.work)).expect("open");
    let taken = first_release(&repo, 20);
    assert_eq!(
        taken,
        fx.rev_list_in(&fx.work, &["--topo-order", "-n", "20", "HEAD"])
    );
    let newest: Vec<String> = shas.iter().rev().take(20).cloned().collect();
    assert_eq!(taken, newest);
}

/// A HEAD dated before its parent (a skewed clock, `commit --date`) is still the first commit.
#[test]
fn initial_depth_takes_a_head_dated_before_its_parent() {
    let (fx, shas) = linear(6);
    fx.write("late.txt", "x\n");
    fx.git(["add", "-A"]);
    let out = fx
        .command_in(&fx.work)
        .env("GIT_AUTHOR_DATE", "1600000000 +0000")
        .env("GIT_COMMITTER_DATE", "1600000000 +0000")
        .args(["commit", "-q", "-m", "dated in the past"])
        .output()
        .expect("git commit");
    assert!(out.status.success());
    let head = fx.head();
    let repo = open(Some(&fx.work)).expect("open");
    for depth in [1, 3, 7, 50] {
        let taken = first_release(&repo, depth);
        assert_eq!(taken.first(), Some(&head), "depth {depth}");
        assert_eq!(
            taken,
            fx.rev_list_in(
                &fx.work,
                &["--topo-order", "-n", &depth.to_string(), "HEAD"]
            ),
            "depth {depth}"
        );
    }
    assert_eq!(first_release(&repo, 2), vec![head, shas[5].clone()]);
}

/// Merges, an octopus and dates that disagree with the graph: every depth is the start of
/// `git rev-list --topo-order HEAD`.
#[test]
fn initial_depth_on_merges_is_the_start_of_topo_order() {
    let fx = Fixture::new();
    fx.commit_file("base.txt", "0\n");
    for round in 0..2 {
        for branch in ["a", "b"] {
            fx.git(["checkout", "-q", "-B", branch, "main"]);
            fx.commit_file(&format!("{branch}/{round}.txt"), "x\n");
            // Same date as the commit before it.
            fx.write(&format!("{branch}/more.txt"), &format!("{round}\n"));
            fx.git(["add", "-A"]);
            fx.git(["commit", "-q", "-m", "same date"]);
        }
        fx.git(["checkout", "-q", "main"]);
        fx.commit_file("base.txt", &format!("{round}\n"));
        fx.merge("a");
        fx.tick();
        fx.git(["merge", "-q", "--no-ff", "-m", "octopus", "b"]);
    }
    same_date_commits(&fx, 3);
    let repo = open(Some(&fx.work)).expect("open");
    let all = fx.rev_list_in(&fx.work, &["--topo-order", "HEAD"]);
    for depth in 1..=all.len() + 1 {
        assert_eq!(
            first_release(&repo, depth),
            all[..depth.min(all.len())].to_vec(),
            "depth {depth}"
        );
    }
}

/// main: A - B ----- D ------- M
///            \              /
/// feature:    C ----- E ---
/// Previous release at D. `git rev-list D..M` is M, E, C: C is older than D and sentry-cli loses it.
#[test]
fn merge_brings_in_commits_older_than_previous() {
    let fx = Fixture::new();
    fx.commit_file("main.txt", "a\n");
    fx.commit_file("main.txt", "b\n");
    fx.git(["checkout", "-q", "-b", "feature"]);
    let c = fx.commit_file("feat.txt", "c\n");
    fx.git(["checkout", "-q", "main"]);
    let d = fx.commit_file("main.txt", "d\n");
    fx.git(["checkout", "-q", "feature"]);
    let e = fx.commit_file("feat.txt", "e\n");
    fx.git(["checkout", "-q", "main"]);
    let m = fx.merge("feature");

    let range = assert_range_matches_git(&fx, &d);
    assert_eq!(ids(&range), vec![m.clone(), e.clone(), c.clone()]);
    // Each commit against its first parent: E changed only feat.txt, the merge brought feat.txt.
    assert_eq!(
        range.commits[1].patch_set,
        vec![FileChange {
            path: "feat.txt".into(),
            change: ChangeKind::Modified
        }]
    );
    assert_eq!(
        range.commits[0].patch_set,
        vec![FileChange {
            path: "feat.txt".into(),
            change: ChangeKind::Added
        }]
    );
    assert_matches_git(&fx, &fx.work);
}

/// Several branches, merges in both directions, an octopus merge and a conflict-free criss-cross.
#[test]
fn complex_history_matches_rev_list() {
    let fx = Fixture::new();
    fx.commit_file("base.txt", "0\n");
    let mut tags = Vec::new();
    for round in 0..3 {
        for branch in ["a", "b", "c"] {
            fx.git(["checkout", "-q", "-B", branch, "main"]);
            fx.commit_file(&format!("{branch}/{round}.txt"), "x\n");
            fx.commit_file(&format!("{branch}/shared.txt"), &format!("{round}\n"));
        }
        fx.git(["checkout", "-q", "main"]);
        fx.commit_file("base.txt", &format!("{round}\n"));
        tags.push(fx.head());
        fx.merge("a");
        fx.git(["checkout", "-q", "b"]);
        fx.merge("main");
        fx.git(["checkout", "-q", "main"]);
        fx.tick();
        fx.git(["merge", "-q", "--no-ff", "-m", "octopus", "b", "c"]);
    }
    assert_matches_git(&fx, &fx.work);
    for tag in &tags {
        assert_range_matches_git(&fx, tag);
    }
    // A previous commit on a branch that is not an ancestor of HEAD: rev-list semantics.
    fx.git(["checkout", "-q", "-b", "side", &tags[0]]);
    let side = fx.commit_file("side.txt", "s\n");
    fx.git(["checkout", "-q", "main"]);
    let range = assert_range_matches_git(&fx, &side);
    assert!(!range.commits.is_empty());
}

#[test]
fn empty_range_when_previous_is_head() {
    let (fx, shas) = linear(3);
    let range = assert_range_matches_git(&fx, &shas[2]);
    assert!(range.commits.is_empty());
    assert_eq!(range.dropped_by_cap, 0);
}

#[test]
fn detached_head() {
    let (fx, shas) = linear(5);
    fx.git(["checkout", "-q", "--detach", &shas[3]]);
    let repo = open(Some(&fx.work)).expect("open");
    let range = repo
        .read_commits(&spec(Some(&shas[1])), false)
        .expect("read");
    assert_eq!(ids(&range), vec![shas[3].clone(), shas[2].clone()]);
    assert_eq!(repo.resolve_commit("HEAD").expect("head"), shas[3]);
}

#[test]
fn missing_previous_commit_not_shallow() {
    let (fx, _) = linear(3);
    let repo = open(Some(&fx.work)).expect("open");
    let ghost = "1234567890abcdef1234567890abcdef12345678";
    let err = repo
        .read_commits(&spec(Some(ghost)), false)
        .expect_err("missing");
    assert_eq!(
        err,
        GitError::PreviousCommitMissing {
            sha: ghost.into(),
            shallow: false
        }
    );
    let text = format!("{err}\nhint: {}", err.hint().unwrap());
    for needle in [ghost, "rebase", "--ignore-missing"] {
        assert!(text.contains(needle), "{text}");
    }
    assert!(!err.to_string().contains('\n'));
    // A short sha that names nothing is a missing commit as well.
    assert!(matches!(
        repo.read_commits(&spec(Some("abcdef1")), false),
        Err(GitError::PreviousCommitMissing { .. })
    ));

    let fallback = repo
        .read_commits(
            &RangeSpec {
                stop_at: vec![ghost.into()],
                ignore_missing: true,
                initial_depth: 2,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("fallback");
    assert!(fallback.previous_missing);
    assert_eq!(fallback.commits.len(), 2);
}

/// A clone with `--depth 3` of a 10-commit history.
fn shallow_fixture() -> (Fixture, Vec<String>, std::path::PathBuf) {
    let (fx, shas) = linear(10);
    let clone = fx.tmp.path().join("shallow");
    let url = format!("file://{}", fx.work.display());
    fx.git_in(
        fx.tmp.path(),
        [
            "clone".as_ref(),
            "-q".as_ref(),
            "--depth".as_ref(),
            "3".as_ref(),
            url.as_ref(),
            clone.as_os_str(),
        ],
    );
    (fx, shas, clone)
}

#[test]
fn shallow_clone_previous_beyond_boundary() {
    let (_fx, shas, clone) = shallow_fixture();
    let repo = open(Some(&clone)).expect("open");
    assert!(repo.is_shallow());
    assert!(!repo.has_commit(&shas[2]));

    let err = repo
        .read_commits(&spec(Some(&shas[2])), false)
        .expect_err("missing");
    assert_eq!(
        err,
        GitError::PreviousCommitMissing {
            sha: shas[2].clone(),
            shallow: true
        }
    );
    let text = format!("{err}\nhint: {}", err.hint().unwrap());
    for needle in [
        shas[2].as_str(),
        "shallow",
        "--deepen",
        "--unshallow",
        "fetch-depth: 0",
        "--ignore-missing",
    ] {
        assert!(text.contains(needle), "{needle}: {text}");
    }

    let range = repo
        .read_commits(
            &RangeSpec {
                stop_at: vec![shas[2].clone()],
                ignore_missing: true,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("fallback");
    assert!(range.previous_missing);
    assert!(range.shallow_boundary_hit);
    assert_eq!(
        ids(&range),
        vec![shas[9].clone(), shas[8].clone(), shas[7].clone()]
    );
    // The boundary commit is never "every file added".
    assert!(range.commits[2].patch_set.is_empty());
    let fx = Fixture::new();
    for commit in &range.commits[..2] {
        assert_eq!(
            commit.patch_set,
            fx.expected_patch_set_in(&clone, &commit.id)
        );
        assert!(!commit.patch_set.is_empty());
    }
}

#[test]
fn shallow_clone_previous_inside_history() {
    let (_fx, shas, clone) = shallow_fixture();
    let repo = open(Some(&clone)).expect("open");
    let range = repo
        .read_commits(&spec(Some(&shas[8])), false)
        .expect("read");
    assert_eq!(ids(&range), vec![shas[9].clone()]);
    assert!(!range.shallow_boundary_hit);
    // Hiding the boundary commit itself works as well.
    let range = repo
        .read_commits(&spec(Some(&shas[7])), false)
        .expect("read");
    assert_eq!(range.commits.len(), 2);
    assert!(!range.shallow_boundary_hit);
    // The boundary is noticed even when the cap leaves it out.
    let capped = repo
        .read_commits(
            &RangeSpec {
                max_commits: Some(1),
                ..RangeSpec::default()
            },
            false,
        )
        .expect("capped");
    assert_eq!(capped.commits.len(), 1);
    assert_eq!(capped.dropped_by_cap, 2);
    assert!(capped.shallow_boundary_hit);
    // And a path filter never selects the boundary commit on a guess.
    let filtered = repo
        .read_commits(
            &RangeSpec {
                paths: vec!["src".into()],
                ..RangeSpec::default()
            },
            false,
        )
        .expect("filtered");
    assert!(filtered.shallow_boundary_hit);
    assert_eq!(ids(&filtered), vec![shas[9].clone(), shas[8].clone()]);
}

#[test]
fn path_filter_and_cap() {
    let fx = Fixture::new();
    fx.write("README.md", "r\n");
    fx.write("apps/web/index.js", "1\n");
    fx.write("apps/api/main.rs", "1\n");
    let base = fx.commit("base");
    let mut expected_web = Vec::new();
    for i in 0..6 {
        let path = match i % 3 {
            0 => "apps/web/index.js",
            1 => "apps/api/main.rs",
            _ => "README.md",
        };
        let sha = fx.commit_file(path, &format!("{i}\n"));
        if i % 3 == 0 {
            expected_web.push(sha);
        }
    }
    // A merge from a branch that touched web: the merge's first-parent diff touches it too.
    fx.git(["checkout", "-q", "-b", "topic"]);
    let topic = fx.commit_file("apps/web/page.js", "p\n");
    fx.git(["checkout", "-q", "main"]);
    fx.commit_file("apps/api/main.rs", "late\n");
    let merge = fx.merge("topic");
    expected_web.push(topic);
    expected_web.push(merge);
    expected_web.reverse();

    let repo = open(Some(&fx.work)).expect("open");
    let read = |paths: &[&str], cap: Option<usize>| {
        repo.read_commits(
            &RangeSpec {
                stop_at: vec![base.clone()],
                paths: paths.iter().map(|p| p.to_string()).collect(),
                max_commits: cap,
                ..RangeSpec::default()
            },
            false,
        )
        .expect("read")
    };
    let by_git = |filter: &[&str]| {
        fx.rev_list_in(&fx.work, &[&format!("{base}..HEAD")])
            .into_iter()
            .filter(|sha| {
                fx.expected_patch_set_in(&fx.work, sha).iter().any(|c| {
                    filter
                        .iter()
                        .any(|f| c.path == *f || c.path.starts_with(&format!("{f}/")))
                })
            })
            .collect::<Vec<_>>()
    };

    let web = read(&["apps/web"], None);
    assert_eq!(ids(&web), expected_web);
    assert_eq!(ids(&web), by_git(&["apps/web"]));
    // Kept commits carry their whole patch set.
    assert_eq!(
        web.commits[0].patch_set,
        fx.expected_patch_set_in(&fx.work, &web.commits[0].id)
    );
    for spelling in ["./apps/web/", "/apps//web", "apps/web/."] {
        assert_eq!(ids(&read(&[spelling], None)), expected_web, "{spelling}");
    }
    let exact = read(&["README.md", "apps/api/main.rs"], None);
    assert_eq!(ids(&exact), by_git(&["README.md", "apps/api/main.rs"]));
    assert!(
        read(&["apps/we"], None).commits.is_empty(),
        "prefix is per component"
    );
    assert!(read(&["nowhere"], None).commits.is_empty());
    // "" (or ".") is the whole tree: every commit that changes anything, like `git log -- .`;
    // the fixture has one empty commit (it rewrote apps/api/main.rs with the same content).
    let non_empty: Vec<String> = fx
        .rev_list_in(&fx.work, &[&format!("{base}..HEAD")])
        .into_iter()
        .filter(|sha| !fx.expected_patch_set_in(&fx.work, sha).is_empty())
        .collect();
    assert_eq!(ids(&read(&[""], None)), non_empty);
    assert_eq!(ids(&read(&["."], None)), non_empty);
    assert_eq!(
        non_empty.len() + 1,
        fx.rev_list_in(&fx.work, &[&format!("{base}..HEAD")]).len()
    );

    // The cap keeps the newest, after filtering.
    let capped = read(&["apps/web"], Some(2));
    assert_eq!(ids(&capped), expected_web[..2].to_vec());
    assert_eq!(capped.dropped_by_cap, expected_web.len() - 2);
    let capped = read(&[], Some(3));
    let all = fx.rev_list_in(&fx.work, &[&format!("{base}..HEAD")]);
    assert_eq!(ids(&capped), all[..3].to_vec());
    assert_eq!(capped.dropped_by_cap, all.len() - 3);
    let uncapped = read(&[], Some(1000));
    assert_eq!(uncapped.dropped_by_cap, 0);
    let zero = read(&[], Some(0));
    assert!(zero.commits.is_empty());
    assert_eq!(zero.dropped_by_cap, all.len());
}
