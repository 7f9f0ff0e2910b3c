//! Issues and the inbox.

use crate::harness::TestEnv;

#[test]
fn new_issues_get_short_ids_and_land_in_the_inbox() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend API"]);
    let issue = env.json(&["issue", "new", "-p", "backend-api", "Checkout crash"]);
    assert_eq!(issue["shortId"], "BACKEND-API-1");
    assert_eq!(issue["status"], "unresolved");
    assert_eq!(issue["inbox"]["reason"], "new");
    assert!(issue["resolution"].is_null());
    assert_eq!(issue["project"]["slug"], "backend-api");
    for _ in 2..=40 {
        env.ok(&["issue", "new", "-p", "backend-api", "More"]);
    }
    // 40 in Sentry's base32 is "18".
    let issue = env.json(&["issue", "show", "backend-api-18"]);
    assert_eq!(issue["shortId"], "BACKEND-API-18");
    assert_eq!(issue["title"], "More");
}

#[test]
fn review_takes_an_issue_out_of_the_inbox_with_activity_and_history() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    let reviewed = env.json(&["issue", "review", "BACKEND-1"]);
    assert!(reviewed["inbox"].is_null());
    let shown = env.json(&["issue", "show", "BACKEND-1"]);
    let activity: Vec<&str> = shown["activity"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(activity, ["mark_reviewed"]);
    let history: Vec<&str> = shown["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["type"].as_str().unwrap())
        .collect();
    assert_eq!(history, ["reviewed"]);
    // Reviewing again changes nothing.
    let before = env.store_bytes();
    env.ok(&["issue", "review", "BACKEND-1"]);
    assert!(before == env.store_bytes());
    assert_eq!(
        env.json(&["issue", "list", "--inbox"]),
        serde_json::json!([])
    );
    assert_eq!(
        env.json(&["issue", "list", "--status", "unresolved"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn bad_issue_input() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.fails_unchanged(&["issue", "new", "-p", "nope", "Crash"], 3);
    env.fails_unchanged(&["issue", "new", "Crash"], 2);
    env.fails_unchanged(&["issue", "new", "-p", "backend", "  "], 2);
    env.fails_unchanged(&["issue", "review", "BACKEND-9"], 3);
    env.fails_unchanged(&["issue", "review", "nodash"], 2);
    env.fails_unchanged(&["issue", "show", "BACKEND-U"], 2);
}
