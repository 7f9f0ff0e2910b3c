//! Hostile input at the edges: timestamps outside RFC 3339, very long invalid inputs, and
//! deletes the store's state forbids.

use crate::harness::{Repo, TestEnv};

fn env_with_release() -> TestEnv {
    let env = TestEnv::new();
    env.ok(&["project", "create", "backend"]);
    env.ok(&["release", "new", "1.0", "-p", "backend"]);
    env
}

#[test]
fn timestamps_that_rfc_3339_cannot_write_are_refused() {
    let env = env_with_release();
    // 253402300800 is 10000-01-01T00:00:00Z; -62135596801 is one second before year 1 (Python's
    // datetime, so Sentry, starts there); second 60 is a leap second Python cannot hold.
    for bad in [
        "253402300800",
        "-62135596801",
        "+253402300800",
        "2020-01-01T23:59:60Z",
    ] {
        let released = format!("--released={bad}");
        let started = format!("--started={bad}");
        let finished = format!("--finished={bad}");
        for args in [
            vec!["release", "new", "2.0", "-p", "backend", &released],
            vec!["release", "new", "1.0", "-p", "backend", &released],
            vec!["release", "finalize", "1.0", &released],
            vec!["deploy", "new", "-r", "1.0", "-e", "prod", &started],
            vec!["deploy", "new", "-r", "1.0", "-e", "prod", &finished],
        ] {
            let stderr = env.fails_unchanged(&args, 2);
            assert!(stderr.contains("--"), "{args:?}: {stderr}");
        }
    }
    // The last second RFC 3339 can write is accepted, and so is the first of year 1.
    let released = env.json(&[
        "release",
        "new",
        "3.0",
        "-p",
        "backend",
        "--released",
        "253402300799",
    ]);
    assert_eq!(released["dateReleased"], "9999-12-31T23:59:59.000000Z");
    let released = env.json(&["release", "finalize", "1.0", "--released=-62135596800"]);
    assert_eq!(released["dateReleased"], "0001-01-01T00:00:00.000000Z");
}

#[test]
fn a_long_invalid_version_is_not_echoed_whole() {
    let env = env_with_release();
    let long = "v".repeat(10_000);
    let stderr = env.fails_unchanged(&["release", "new", &long, "-p", "backend"], 2);
    assert!(
        stderr.contains("invalid release version"),
        "{}",
        head(&stderr)
    );
    assert!(stderr.contains("10000 characters"), "{}", head(&stderr));
    assert!(
        stderr.len() < 300,
        "{} bytes: {}",
        stderr.len(),
        head(&stderr)
    );
    assert!(stderr.contains('…'), "{}", head(&stderr));
    let stderr = env.fails_unchanged(&["release", "info", &format!("{long}/x")], 2);
    assert!(
        stderr.len() < 300,
        "{} bytes: {}",
        stderr.len(),
        head(&stderr)
    );
    // Every other rejected input is cut the same way.
    let spaced = format!("https://{}", "x ".repeat(5_000));
    let long_env = "e".repeat(10_000);
    let long_slug = "s".repeat(10_000);
    let long_id = format!("{}-", "I".repeat(10_000));
    for args in [
        vec!["release", "new", "2.0", "-p", "backend", "--url", &spaced],
        vec!["deploy", "new", "-r", "1.0", "-e", &long_env],
        vec!["org", "create", &long_slug],
        vec!["project", "create", "web", "--slug", &long_slug],
        vec!["issue", "show", &long_id],
        vec!["org", "set", &long_slug, "1"],
        vec!["token", "create", "--scopes", &long_slug],
    ] {
        let stderr = env.fails_unchanged(&args, 2);
        // (`org set` lists the known options after the name: longer, but bounded.)
        assert!(
            stderr.len() < 1000,
            "{} bytes: {}",
            stderr.len(),
            head(&stderr)
        );
        for run in [
            "x ".repeat(41),
            "e".repeat(81),
            "s".repeat(81),
            "I".repeat(81),
        ] {
            assert!(!stderr.contains(&run), "{}", head(&stderr));
        }
        // Sentry's message for a slug past 50 characters quotes nothing.
        let quotes_nothing = args[..2] == ["org", "create"];
        assert!(quotes_nothing || stderr.contains('…'), "{}", head(&stderr));
    }
    // A short one is shown whole.
    let stderr = env.fails_unchanged(&["release", "info", "a/b"], 2);
    assert!(stderr.contains("\"a/b\""), "{stderr}");
}

#[test]
fn deleting_a_release_issues_are_resolved_in_is_a_conflict() {
    let env = env_with_release();
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    let repo = Repo::init(&env.path().join("repo"));
    repo.commit("a.txt", "1", "Fix the crash\n\nFixes BACKEND-1");
    let bound = env.json(&["release", "set-commits", "1.0", "--repo", repo.path()]);
    assert_eq!(bound["resolvedIssues"], serde_json::json!(["BACKEND-1"]));
    let stderr = env.fails_unchanged(&["release", "delete", "1.0"], 4);
    assert!(stderr.contains("resolved in it"), "{stderr}");
}

fn head(text: &str) -> String {
    text.chars().take(300).collect()
}
