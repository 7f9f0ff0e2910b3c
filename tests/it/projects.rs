//! Project create/list/show/delete on the store.

use crate::harness::TestEnv;
use relctl::domain::snowflake::{EPOCH_UNIX_SECONDS, decompose};

#[test]
fn create_makes_a_slug_and_a_snowflake_id() {
    let env = TestEnv::new();
    let project = env.json(&["project", "create", "Backend API"]);
    assert_eq!(project["slug"], "backend-api");
    assert_eq!(project["name"], "Backend API");
    let id = project["id"].as_i64().expect("id is a JSON integer");
    let parts = decompose(id);
    assert_eq!(parts.version, 16);
    assert_eq!(parts.region, 0);
    let now = chrono::Utc::now().timestamp() - EPOCH_UNIX_SECONDS;
    assert!(
        (now - parts.seconds_since_epoch as i64).abs() < 60,
        "{parts:?}"
    );

    // The same name again gets a suffixed slug, never a clash.
    let second = env.json(&["project", "create", "Backend API"]);
    let slug = second["slug"].as_str().unwrap();
    assert!(
        slug.starts_with("backend-api-") && slug.len() == "backend-api-".len() + 2,
        "{slug}"
    );
    assert_ne!(second["id"], project["id"]);
}

#[test]
fn region_id_comes_from_config() {
    let env = TestEnv::new();
    let config = env.path().join("relctl.toml");
    std::fs::write(&config, "region_id = 7\n").unwrap();
    let project = env.json(&[
        "--config",
        config.to_str().unwrap(),
        "project",
        "create",
        "Web",
    ]);
    assert_eq!(decompose(project["id"].as_i64().unwrap()).region, 7);
}

#[test]
fn reserved_and_digit_names_and_explicit_slugs() {
    let env = TestEnv::new();
    let settings = env.json(&["project", "create", "Settings"]);
    let slug = settings["slug"].as_str().unwrap();
    // 12 random hex chars; when all 12 happen to be digits (one time in about 280), the slug
    // gets a suffix as any all-digit slug does.
    let random = slug.split_once('-').map_or(slug, |(random, _)| random);
    assert_eq!(
        random.len(),
        12,
        "reserved slug replaced by 12 random chars: {slug}"
    );
    assert!(
        random
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()),
        "{slug}"
    );
    assert_eq!(
        slug.contains('-'),
        random.chars().all(|c| c.is_ascii_digit()),
        "only an all-digit slug gets a suffix: {slug}"
    );
    let digits = env.json(&["project", "create", "2024"]);
    assert!(digits["slug"].as_str().unwrap().starts_with("2024-"));
    let explicit = env.json(&["project", "create", "Anything", "--slug", "web-app"]);
    assert_eq!(explicit["slug"], "web-app");
    // An explicit slug that exists (in any case) is refused and nothing is written.
    env.fails_unchanged(&["project", "create", "Other", "--slug", "web-app"], 2);
    env.fails_unchanged(&["project", "create", "Other", "--slug", "Bad Slug"], 2);
    env.fails_unchanged(&["project", "create", "Other", "--slug", "12345"], 2);
    env.fails_unchanged(&["project", "create", "   "], 2);
}

/// Sentry's platforms only (its "Invalid platform"): a typo is refused before anything is
/// written, `other` and known ids are kept.
#[test]
fn platforms_are_sentrys() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Web", "--platform", "javascript"]);
    let err = env.fails_unchanged(&["project", "create", "Api", "--platform", "pyhton"], 2);
    assert!(err.contains("invalid platform \"pyhton\""), "{err}");
    let api = env.json(&["project", "create", "Api", "--platform", "python-django"]);
    assert_eq!(api["platform"], "python-django");
    let other = env.json(&["project", "create", "Tool", "--platform", "other"]);
    assert_eq!(other["platform"], "other");
}

#[test]
fn list_show_and_delete_with_cascade() {
    let env = TestEnv::new();
    let project = env.json(&["project", "create", "Backend"]);
    env.ok(&["project", "create", "Frontend"]);
    let id = project["id"].as_i64().unwrap();
    env.ok(&["release", "new", "1.0.0", "-p", "backend", "-p", "frontend"]);
    env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    env.ok(&["deploy", "new", "-r", "1.0.0", "-e", "production"]);
    // A project-scoped notification setting, which has no foreign key.
    {
        let insert = |db: &relctl::store::sql::Db<'_>| {
            relctl::store::projects::insert_notification_setting(db, id, "alerts", "always")
        };
        match &env.pg {
            Some(pg) => relctl::store::postgres::PgStore::connect(&pg.url)
                .unwrap()
                .write(insert)
                .unwrap(),
            None => relctl::store::Store::open(&env.store)
                .unwrap()
                .write(insert)
                .unwrap(),
        }
    }
    let list = env.json(&["project", "list"]);
    assert_eq!(list.as_array().unwrap().len(), 2);
    assert_eq!(
        env.json(&["project", "show", "backend"])["id"],
        project["id"]
    );

    env.fails_unchanged(&["project", "delete", "backend"], 2); // needs --yes
    env.ok(&["project", "delete", "backend", "--yes"]);
    env.fails(&["project", "show", "backend"], 3);
    let count = |sql: &str| env.query_i64(sql);
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM release_project WHERE project_id = {id}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM issue_group WHERE project_id = {id}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM notification_setting_option WHERE scope_identifier = {id}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM notification_setting_provider WHERE scope_identifier = {id}"
        )),
        0
    );
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM outbox WHERE object_identifier = {id} AND category = 9"
        )),
        1
    );
    assert_eq!(
        count(&format!(
            "SELECT COUNT(*) FROM release_project_environment WHERE project_id = {id}"
        )),
        0
    );
    // The release survives with its other project.
    let release = env.json(&["release", "info", "1.0.0"]);
    assert_eq!(release["projects"].as_array().unwrap().len(), 1);
    env.fails_unchanged(&["project", "delete", "nope", "--yes"], 3);
}

#[test]
fn the_store_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    if crate::harness::sqlite_only("file modes are about the file") {
        return;
    }
    let env = TestEnv::new();
    env.ok(&["project", "create", "Backend"]);
    let mode = std::fs::metadata(&env.store).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    let dir = std::fs::metadata(env.store.parent().unwrap())
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(
        dir & 0o777,
        0o700,
        "the directory relctl made for the store is private"
    );
}
