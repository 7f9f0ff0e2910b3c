//! Organizations, options and the audit log.

use crate::harness::TestEnv;

#[test]
fn a_new_store_has_the_default_organization() {
    let env = TestEnv::new();
    let orgs = env.json(&["org", "list"]);
    assert_eq!(orgs[0]["slug"], "default");
    env.json(&["org", "create", "acme", "--name", "Acme Inc"]);
    env.fails_unchanged(&["org", "create", "acme"], 2);
    env.fails_unchanged(&["org", "create", "Bad Slug"], 2);
    env.ok(&["--org", "acme", "project", "create", "Backend"]);
    // Projects live in their organization.
    assert_eq!(env.json(&["project", "list"]), serde_json::json!([]));
    assert_eq!(
        env.json(&["--org", "acme", "project", "list"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn option_changes_are_audited_with_sentry_change_strings() {
    let env = TestEnv::new();
    // scrapeJavaScript defaults to True: setting it to true the first time is no change.
    env.ok(&["org", "set", "scrapeJavaScript", "true"]);
    assert_eq!(env.json(&["org", "audit"]), serde_json::json!([]));
    env.ok(&["org", "set", "scrapeJavaScript", "false"]);
    env.ok(&["org", "set", "scrapeJavaScript", "false"]);
    env.ok(&["org", "set", "sensitiveFields", "password,token"]);
    env.ok(&["org", "set", "dataScrubber", "yes"]);
    let audit = env.json(&["org", "audit"]);
    let entries: Vec<(String, serde_json::Value)> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["event"].as_str().unwrap().to_string(), e["data"].clone()))
        .collect();
    assert_eq!(
        entries,
        vec![
            (
                "ORG_EDIT".to_string(),
                serde_json::json!({"dataScrubber": "to True"})
            ),
            (
                "ORG_EDIT".to_string(),
                serde_json::json!({"sensitiveFields": "to ['password', 'token']"})
            ),
            (
                "ORG_EDIT".to_string(),
                serde_json::json!({"scrapeJavaScript": "from True to False"})
            ),
        ]
    );
    assert!(audit[0]["dateCreated"].is_string());
    assert_eq!(
        env.json(&["org", "audit", "--limit", "1"])
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let shown = env.json(&["org", "show"]);
    assert_eq!(shown["options"]["scrapeJavaScript"], false);
    assert_eq!(
        shown["options"]["sensitiveFields"],
        serde_json::json!(["password", "token"])
    );
}

#[test]
fn bad_option_names_and_values() {
    let env = TestEnv::new();
    env.ok(&["org", "create", "acme"]);
    env.fails_unchanged(&["org", "set", "noSuchOption", "1"], 2);
    env.fails_unchanged(&["org", "set", "scrapeJavaScript", "maybe"], 2);
    env.fails_unchanged(&["org", "set", "apdexThreshold", "fast"], 2);
    let err = env.fails_unchanged(&["org", "set", "dataScrubber"], 2);
    assert!(
        err.contains("<VALUE>"),
        "the one-line usage error names what is missing: {err}"
    );
}
