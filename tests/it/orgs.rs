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
    // A new slug passes the rules of a rename: Sentry's slug field and validate_slug.
    for (slug, words) in [
        ("api", r#"This slug "api" is reserved and not allowed."#),
        (
            "ab",
            r#"This slug "ab" is too short. Minimum of 3 characters."#,
        ),
        (
            "my_org",
            "Enter a valid slug consisting of letters, numbers, or hyphens.",
        ),
        ("acme", r#"The slug "acme" is already in use."#),
    ] {
        let err = env.fails_unchanged(&["org", "create", slug], 2);
        assert!(err.contains(words), "{slug}: {err}");
    }
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

/// `org set` refuses what Sentry's organization PUT refuses, with its words, exit 2 and
/// nothing written.
#[test]
fn sentry_refusals_write_nothing() {
    let env = TestEnv::new();
    env.ok(&["org", "create", "acme"]);
    let cases: [(&[&str], &str); 9] = [
        (
            &["sensitiveFields", r#"["password", ""]"#],
            "Empty values are not allowed.",
        ),
        (&["safeFields", r#"[""]"#], "Empty values are not allowed."),
        (
            &["safeFields", "email,$$"],
            r#"Invalid syntax near "$$" (line 2)"#,
        ),
        (
            &["safeFields", "*"],
            "Wildcard must be part of a path (line 1)",
        ),
        (&["apdexThreshold", "0"], "greater than or equal to 1."),
        (&["storeCrashReports", "101"], "less than or equal to 100."),
        (
            &["slug", "api"],
            r#"This slug "api" is reserved and not allowed."#,
        ),
        (&["slug", "acme"], r#"The slug "acme" is already in use."#),
        (&["slug", "ab"], "is too short. Minimum of 3 characters."),
    ];
    for (args, words) in cases {
        let mut argv = vec!["org", "set"];
        argv.extend_from_slice(args);
        let err = env.fails_unchanged(&argv, 2);
        assert!(err.contains(words), "{args:?}: {err}");
        assert!(
            err.contains(&format!("invalid value for {}", args[0])),
            "{err}"
        );
    }
    let long = vec!["0123456789"; 401].join(",");
    let err = env.fails_unchanged(&["org", "set", "sensitiveFields", &long], 2);
    assert!(
        err.contains("List of sensitive fields is too long."),
        "{err}"
    );
    env.ok(&[
        "org",
        "set",
        "safeFields",
        "$http.headers.x-request-id,email",
    ]);
    // A long selector is quoted cut, not whole.
    let long = format!("{}!", "a".repeat(10_000));
    let err = env.fails_unchanged(&["org", "set", "safeFields", &long], 2);
    assert!(err.len() < 1000 && err.contains('…'), "{err}");
}

/// `org set slug` renames the organization (then reachable by its new slug only), `org set
/// name` gives it a display name; the audit entry says "from OLD to NEW".
#[test]
fn name_and_slug_rename_the_organization() {
    let env = TestEnv::new();
    env.ok(&["org", "create", "acme", "--name", "Acme"]);
    let set = env.json(&["-o", "acme", "org", "set", "slug", "acme-corp"]);
    assert_eq!(
        set,
        serde_json::json!({"field": "slug", "value": "acme-corp", "changed": "from acme to acme-corp"})
    );
    env.fails(&["-o", "acme", "org", "show"], 3);
    env.ok(&["-o", "acme-corp", "org", "set", "name", " Acme Corp "]);
    let shown = env.json(&["-o", "acme-corp", "org", "show"]);
    assert_eq!(shown["slug"], "acme-corp");
    assert_eq!(shown["name"], "Acme Corp");
    let audit = env.json(&["-o", "acme-corp", "org", "audit"]);
    let data: Vec<&serde_json::Value> = audit
        .as_array()
        .unwrap()
        .iter()
        .map(|e| &e["data"])
        .collect();
    assert_eq!(
        data,
        [
            &serde_json::json!({"name": "from Acme to Acme Corp"}),
            &serde_json::json!({"slug": "from acme to acme-corp"}),
        ]
    );
    let same = env.json(&["-o", "acme-corp", "org", "set", "slug", "acme-corp"]);
    assert_eq!(same["changed"], serde_json::Value::Null);
}
