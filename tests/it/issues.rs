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

/// The types of an issue's activity and history, as `issue show --format json` lists them.
fn rows(env: &TestEnv, short_id: &str) -> (Vec<String>, Vec<String>) {
    let shown = env.json(&["issue", "show", short_id]);
    let kinds = |key: &str| -> Vec<String> {
        shown[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["type"].as_str().unwrap().to_string())
            .collect()
    };
    (kinds("activity"), kinds("history"))
}

#[test]
fn resolve_mute_and_unresolve_write_sentrys_rows() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    env.ok(&["issue", "new", "-p", "backend", "Slow"]);
    let resolved = env.json(&["issue", "resolve", "BACKEND-1"]);
    assert_eq!(resolved[0]["status"], "resolved");
    // Out of the inbox, with SET_RESOLVED and a RESOLVED history row.
    assert!(resolved[0]["inbox"].is_null());
    assert_eq!(
        rows(&env, "BACKEND-1"),
        (vec!["set_resolved".into()], vec!["resolved".into()])
    );
    // Resolving again writes nothing.
    let before = env.store_bytes();
    env.ok(&["issue", "resolve", "BACKEND-1"]);
    assert!(before == env.store_bytes());
    // Alone, a resolved issue unresolved has regressed.
    env.ok(&["issue", "unresolve", "BACKEND-1"]);
    assert_eq!(
        rows(&env, "BACKEND-1"),
        (
            vec!["set_resolved".into(), "set_unresolved".into()],
            vec!["resolved".into(), "regressed".into()]
        )
    );
    // Muting archives forever and empties the inbox; sentry-cli's spelling does the same.
    let muted = env.json(&["issues", "mute", "BACKEND-2"]);
    assert_eq!(muted[0]["status"], "ignored");
    assert_eq!(
        rows(&env, "BACKEND-2"),
        (vec!["set_ignored".into()], vec!["archived_forever".into()])
    );
    assert_eq!(
        env.json(&["issue", "list", "--inbox"]),
        serde_json::json!([])
    );
    let ignored = env.json(&["issue", "list", "--status", "ignored"]);
    assert_eq!(ignored.as_array().unwrap().len(), 1);
}

#[test]
fn sentry_clis_selections_by_id_all_and_status() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["project", "create", "Web"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    env.ok(&["issue", "new", "-p", "backend", "Slow"]);
    env.ok(&["issue", "new", "-p", "web", "Blank"]);
    let id = env.json(&["issue", "show", "BACKEND-2"])["id"].to_string();
    env.ok(&["issues", "resolve", "-p", "backend", "-i", &id]);
    let statuses = |env: &TestEnv| -> Vec<String> {
        ["BACKEND-1", "BACKEND-2", "WEB-1"]
            .iter()
            .map(|s| {
                env.json(&["issue", "show", s])["status"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect()
    };
    assert_eq!(statuses(&env), ["unresolved", "resolved", "unresolved"]);
    // --status: every issue of the project in that status.
    env.ok(&["issues", "mute", "-p", "backend", "--status", "unresolved"]);
    assert_eq!(statuses(&env), ["ignored", "resolved", "unresolved"]);
    // --all: every issue of the project.
    env.ok(&["issues", "unresolve", "-p", "backend", "--all"]);
    assert_eq!(statuses(&env), ["unresolved", "unresolved", "unresolved"]);
    // The id of another project's issue is left out: nothing matched, exit 3.
    let web = env.json(&["issue", "show", "WEB-1"])["id"].to_string();
    env.fails_unchanged(&["issues", "resolve", "-p", "backend", "-i", &web], 3);
}

#[test]
fn bad_status_changes_write_nothing() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    // One unknown short id: nothing written, not even for the known one.
    env.fails_unchanged(&["issue", "resolve", "BACKEND-1", "BACKEND-9"], 3);
    env.fails_unchanged(&["issue", "mute", "nodash"], 2);
    env.fails_unchanged(&["issue", "unresolve"], 2);
    env.fails_unchanged(&["issue", "resolve", "BACKEND-1", "-i", "1"], 2);
    env.fails_unchanged(&["issues", "resolve", "-i", "x"], 2);
    env.fails_unchanged(&["issues", "resolve", "-i", "999999"], 3);
    env.fails_unchanged(&["issue", "resolve", "-p", "nope", "BACKEND-1"], 3);
    // --dry-run prints the requests and writes nothing.
    let before = env.store_bytes();
    let out = env.ok(&["--dry-run", "issue", "resolve", "BACKEND-1"]);
    assert!(
        out.contains("PUT /api/0/organizations/default/issues/?id=<id of BACKEND-1>"),
        "{out}"
    );
    assert!(out.contains("\"resolved\""), "{out}");
    assert!(before == env.store_bytes());
}
