//! The organization PUT as Sentry's `test_organization_details.py` pins it (issue 20): list
//! options without empty entries, the sensitive fields' length cap, safe fields that are PII
//! selectors, bounds on `storeCrashReports` and `apdexThreshold`, and `name` and `slug`
//! renaming the organization. A refused PUT answers Sentry's `{field: [messages]}` 400 and
//! writes nothing, even for the fields of it that were valid.

use relctl::backend::{Backend, CreateOrganization};
use serde_json::{Value, json};

use super::harness::{Answer, App, ORG};

const ORG_SLUG_INVALID: &str = "Enter a valid slug consisting of letters, numbers, or hyphens. It cannot be entirely numeric or start/end with a hyphen.";

fn put(app: &App, body: Value) -> Answer {
    app.send("PUT", &format!("{ORG}/"), body)
}

/// Asserts the PUT is refused with exactly `errors` and the store is as it was.
fn refused(app: &App, body: Value, errors: Value) {
    let before = app.state();
    let answer = put(app, body.clone());
    assert_eq!(answer.status, 400, "{body}: {}", answer.body);
    assert_eq!(answer.body, errors, "{body}");
    assert_eq!(app.state(), before, "{body} changed the store");
}

fn audit(app: &App, org: &str) -> Vec<Value> {
    let answer = app.get(&format!(
        "/api/0/organizations/{org}/audit-logs/?event=org.edit"
    ));
    assert_eq!(answer.status, 200, "{}", answer.body);
    answer.body["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["data"].clone())
        .collect()
}

/// `test_empty_string_in_array_safe_fields`, `..._sensitive_fields`, `test_empty_sensitive_fields`.
#[test]
fn list_options_refuse_empty_entries() {
    let app = App::new();
    let empty = json!(["Empty values are not allowed."]);
    refused(
        &app,
        json!({"safeFields": [""]}),
        json!({"safeFields": empty}),
    );
    assert_eq!(
        put(&app, json!({"sensitiveFields": ["foobar"]})).status,
        200
    );
    refused(
        &app,
        json!({"sensitiveFields": [""]}),
        json!({"sensitiveFields": empty}),
    );
    refused(
        &app,
        json!({"sensitiveFields": ["password", ""]}),
        json!({"sensitiveFields": empty}),
    );
    assert_eq!(
        app.get(&format!("{ORG}/")).body["sensitiveFields"],
        json!(["foobar"])
    );
    // An empty list is no empty entry.
    let cleared = put(&app, json!({"sensitiveFields": []}));
    assert_eq!(cleared.status, 200, "{}", cleared.body);
    assert_eq!(cleared.body["sensitiveFields"], json!([]));
}

/// `test_sensitive_fields_too_long` (10,001 characters), and the cap itself: 4,000 characters
/// in all.
#[test]
fn sensitive_fields_have_a_length_cap() {
    let app = App::new();
    let too_long = json!({"sensitiveFields": ["List of sensitive fields is too long."]});
    let mut value: Vec<String> = vec!["0123456789".to_string(); 1000];
    value.push("1".to_string());
    refused(&app, json!({"sensitiveFields": value}), too_long.clone());
    let mut value: Vec<String> = vec!["0123456789".to_string(); 400];
    value.push("1".to_string());
    refused(&app, json!({"sensitiveFields": value}), too_long);
    value.pop();
    let at_cap = put(&app, json!({"sensitiveFields": value}));
    assert_eq!(at_cap.status, 200, "{}", at_cap.body);
    assert_eq!(
        at_cap.body["sensitiveFields"].as_array().unwrap().len(),
        400
    );
}

/// `test_safe_fields_as_string_regression`, and relay's selector validation of each entry.
#[test]
fn safe_fields_are_pii_selectors() {
    let app = App::new();
    refused(
        &app,
        json!({"safeFields": "email"}),
        json!({"safeFields": ["Expected a list of items but received type \"str\"."]}),
    );
    refused(
        &app,
        json!({"safeFields": ["$$", "email", "*", "$foo.bar"]}),
        json!({"safeFields": [
            "Invalid syntax near \"$$\" (line 1),\nWildcard must be part of a path (line 3),\nUnknown value (line 4)"
        ]}),
    );
    refused(
        &app,
        json!({"safeFields": ["$frame.**.vars.**"]}),
        json!({"safeFields": ["Deep wildcard used more than once (line 1)"]}),
    );
    let selectors = json!([
        "email",
        "$http.headers.x-custom-token",
        "$string",
        "extra.'My Key'",
        "(** || user.*) && !(foo.bar || a.b.c)",
        "$user.ip_address || $frame.vars.*"
    ]);
    let ok = put(&app, json!({"safeFields": selectors}));
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["safeFields"], selectors);
}

/// `test_store_crash_reports_exceeded` (101 is MAX + 1), and `apdexThreshold`'s `min_value=1`.
#[test]
fn numbers_have_sentrys_bounds() {
    let app = App::new();
    refused(
        &app,
        json!({"storeCrashReports": 101}),
        json!({"storeCrashReports": ["Ensure this value is less than or equal to 100."]}),
    );
    refused(
        &app,
        json!({"storeCrashReports": -2}),
        json!({"storeCrashReports": ["Ensure this value is greater than or equal to -1."]}),
    );
    refused(
        &app,
        json!({"apdexThreshold": 0}),
        json!({"apdexThreshold": ["Ensure this value is greater than or equal to 1."]}),
    );
    let ok = put(&app, json!({"storeCrashReports": 100, "apdexThreshold": 1}));
    assert_eq!(ok.status, 200, "{}", ok.body);
    assert_eq!(ok.body["storeCrashReports"], 100);
    assert_eq!(ok.body["apdexThreshold"], 1);
    assert_eq!(put(&app, json!({"storeCrashReports": -1})).status, 200);
}

/// One refused field refuses the whole PUT, and every refused field is named.
#[test]
fn a_refused_field_refuses_the_whole_change() {
    let app = App::new();
    refused(
        &app,
        json!({"scrapeJavaScript": false, "name": "Renamed", "slug": "ab"}),
        json!({"slug": ["This slug \"ab\" is too short. Minimum of 3 characters."]}),
    );
    refused(
        &app,
        json!({"sensitiveFields": [""], "apdexThreshold": 0, "slug": "api", "name": " "}),
        json!({
            "sensitiveFields": ["Empty values are not allowed."],
            "apdexThreshold": ["Ensure this value is greater than or equal to 1."],
            "slug": ["This slug \"api\" is reserved and not allowed."],
            "name": ["This field may not be blank."],
        }),
    );
    assert_eq!(app.get(&format!("{ORG}/")).body["scrapeJavaScript"], true);
}

/// `OrganizationUpdateTest.test_simple` and `test_update_slug`: the org answers by its new slug
/// and the audit entry records both changes.
#[test]
fn name_and_slug_rename_the_organization() {
    let app = App::new();
    let old_name = app.get(&format!("{ORG}/")).body["name"]
        .as_str()
        .unwrap()
        .to_string();
    let renamed = put(&app, json!({"name": "hello world", "slug": "foobar"}));
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(renamed.body["slug"], "foobar");
    assert_eq!(renamed.body["name"], "hello world");

    let got = app.get("/api/0/organizations/foobar/");
    assert_eq!(got.status, 200, "{}", got.body);
    assert_eq!(got.body["name"], "hello world");
    assert_eq!(app.get(&format!("{ORG}/")).status, 404);
    assert_eq!(
        audit(&app, "foobar"),
        [json!({
            "name": format!("from {old_name} to hello world"),
            "slug": "from default to foobar",
        })]
    );
    // Its projects moved with it.
    assert_eq!(app.get("/api/0/organizations/foobar/projects/").status, 200);

    // test_valid_slugs: one after the other.
    let mut current = "foobar".to_string();
    for slug in ["santry", "downtown-canada", "1234-foo"] {
        let answer = app.send(
            "PUT",
            &format!("/api/0/organizations/{current}/"),
            json!({"slug": slug}),
        );
        assert_eq!(answer.status, 200, "{slug}: {}", answer.body);
        assert_eq!(answer.body["slug"], slug);
        current = slug.to_string();
    }
    assert_eq!(
        audit(&app, &current).first().unwrap(),
        &json!({"slug": "from downtown-canada to 1234-foo"})
    );

    // The same slug and name again: 200, nothing to record.
    let same = app.send(
        "PUT",
        &format!("/api/0/organizations/{current}/"),
        json!({"slug": current, "name": "hello world"}),
    );
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(audit(&app, &current).len(), 4);
}

/// `test_org_mapping_already_taken`, `test_dupe_slug`, `test_short_slug`, `test_reserved_slug`,
/// `test_invalid_slugs`.
#[test]
fn slugs_sentry_refuses() {
    let app = App::new();
    app.backend
        .create_organization(&CreateOrganization {
            slug: "taken".into(),
            name: None,
        })
        .unwrap();
    let slug = |value: &str, message: &str| {
        refused(&app, json!({"slug": value}), json!({"slug": [message]}));
    };
    slug("taken", "The slug \"taken\" is already in use.");
    slug(
        "a",
        "This slug \"a\" is too short. Minimum of 3 characters.",
    );
    slug(
        "ab",
        "This slug \"ab\" is too short. Minimum of 3 characters.",
    );
    slug("api", "This slug \"api\" is reserved and not allowed.");
    slug(
        "settings",
        "This slug \"settings\" is reserved and not allowed.",
    );
    for invalid in [
        " i have whitespace ",
        "bird-company!",
        "downtown_canada",
        "canada-",
        "-canada",
        "----",
        "1234",
        "I-contain-UPPERCASE",
    ] {
        slug(invalid, ORG_SLUG_INVALID);
    }
    slug(
        "foo-bar ",
        "The slug \"foo-bar\" should not contain any whitespace.",
    );
    slug("", "This field may not be blank.");
    refused(
        &app,
        json!({"slug": "a".repeat(51)}),
        json!({"slug": ["Ensure this field has no more than 50 characters."]}),
    );
    refused(
        &app,
        json!({"slug": null}),
        json!({"slug": ["This field may not be null."]}),
    );
    refused(
        &app,
        json!({"name": "x".repeat(65)}),
        json!({"name": ["Ensure this field has no more than 64 characters."]}),
    );
    refused(
        &app,
        json!({"name": ["not", "text"]}),
        json!({"name": ["Not a valid string."]}),
    );
    // The other organization is untouched, and still answers by its slug.
    assert_eq!(app.get("/api/0/organizations/taken/").status, 200);
}
