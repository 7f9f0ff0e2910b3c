//! Who may do what through `relctl serve`: a token acts in the organization it was created in
//! (or in all, when made so; tokens made before keep acting everywhere); the release pages'
//! login and logout refuse forms posted from other sites, and their cookie is a session that
//! logout and token revocation end; commit ids are strings.

use serde_json::{Value, json};

use crate::remote::harness::{Server, request};

/// A token's secret, created with `args` on the server's store.
fn token(server: &Server, args: &[&str]) -> String {
    let mut all = vec!["token", "create"];
    all.extend_from_slice(args);
    server.env.json(&all)["token"].as_str().unwrap().to_string()
}

#[test]
fn a_token_acts_only_in_its_own_organization_unless_made_for_all() {
    let server = Server::start();
    server.env.ok(&["org", "create", "other"]);
    server.env.ok(&["-o", "other", "project", "create", "Web"]);
    let scopes = "project:admin,org:admin,event:read";
    let own = token(&server, &["--scopes", scopes]);
    let everywhere = token(&server, &["--scopes", scopes, "--all-organizations"]);
    let url = &server.url;
    let releases = |org: &str| format!("{url}/api/0/organizations/{org}/releases/");
    let body = r#"{"version": "9.9.9", "projects": ["web"]}"#;

    // What an organization that does not exist answers, with any valid token.
    let (missing_status, missing) = request("GET", &releases("nosuch"), Some(&own), None);
    assert_eq!(missing_status, 404);
    let missing = missing.replace("nosuch", "other");
    for (method, path, body) in [
        ("GET", releases("other"), None),
        ("POST", releases("other"), Some(body)),
        ("DELETE", format!("{}9.9.9/", releases("other")), None),
        ("GET", format!("{url}/api/0/organizations/other/"), None),
        (
            "GET",
            format!("{url}/api/0/organizations/other/projects/"),
            None,
        ),
        ("GET", format!("{url}/api/0/projects/other/web/"), None),
        (
            "GET",
            format!("{url}/api/0/organizations/other/issues/"),
            None,
        ),
    ] {
        let (status, text) = request(method, &path, Some(&own), body);
        assert_eq!((status, &text), (404, &missing), "{method} {path}");
    }
    // Nothing was written in `other`.
    assert_eq!(
        server.env.json(&["-o", "other", "release", "list"]),
        json!([])
    );
    // Its own organization, as before.
    let (status, _) = request("GET", &releases("default"), Some(&own), None);
    assert_eq!(status, 200);

    // An instance-wide token works in both.
    let (status, _) = request("POST", &releases("other"), Some(&everywhere), Some(body));
    assert_eq!(status, 201);
    let (status, _) = request("GET", &releases("default"), Some(&everywhere), None);
    assert_eq!(status, 200);

    // A token made before tokens were bound (as the migration leaves it) acts everywhere, and
    // `token list` says which tokens those are.
    let old = token(&server, &["--scopes", scopes, "--name", "old"]);
    server.env.sql().batch(
        "UPDATE api_token SET organization_id = NULL, all_organizations = 0 WHERE name = 'old'",
    );
    let (status, _) = request("GET", &releases("other"), Some(&old), None);
    assert_eq!(status, 200);
    let listed = server.env.json(&["token", "list"]);
    let by_name = |name: Option<&str>| -> Vec<&Value> {
        listed
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| t["name"].as_str() == name)
            .collect()
    };
    let old_row = by_name(Some("old"))[0];
    assert_eq!(
        (&old_row["organization"], &old_row["allOrganizations"]),
        (&Value::Null, &json!(false))
    );
    assert!(
        by_name(None)
            .iter()
            .any(|t| t["organization"] == "default" && t["allOrganizations"] == false)
    );
    assert!(by_name(None).iter().any(|t| t["allOrganizations"] == true));
    let table = server.env.ok(&["--format", "table", "token", "list"]);
    assert!(table.contains("ORGANIZATION"), "{table}");
    assert!(table.contains("unbound"), "{table}");
    assert!(table.lines().any(|l| l.contains(" all ")), "{table}");

    // A token for an organization that does not exist is refused, and nothing is written.
    let refused = server.env.run(&["-o", "nosuch", "token", "create"]);
    assert_eq!(refused.status.code(), Some(3));
    assert_eq!(
        server
            .env
            .json(&["token", "list"])
            .as_array()
            .unwrap()
            .len(),
        4
    );
}

/// The release pages' login form posted with `headers`.
fn post_form(
    url: &str,
    path: &str,
    body: &str,
    headers: &[(&str, &str)],
) -> reqwest::blocking::Response {
    let mut req = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{url}{path}"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body.to_string());
    for (name, value) in headers {
        req = req.header(*name, *value);
    }
    req.send().unwrap()
}

/// The `name=value` of the cookie a login answer sets.
fn session_cookie(answer: &reqwest::blocking::Response) -> String {
    let set = answer.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

fn page_status(url: &str, cookie: &str) -> u16 {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!("{url}/"))
        .header("cookie", cookie)
        .send()
        .unwrap()
        .status()
        .as_u16()
}

#[test]
fn the_pages_refuse_cross_site_logins_and_keep_sessions_not_tokens() {
    let server = Server::start();
    let url = &server.url;
    let reader = token(&server, &["--scopes", "project:read"]);
    let form = format!("token={reader}");
    let own_origin = url.clone();

    // A form on another site logs nobody in.
    for headers in [
        vec![("origin", "https://evil.example")],
        vec![("origin", "null")],
        vec![("referer", "https://evil.example/login.html")],
    ] {
        let answer = post_form(url, "/login", &form, &headers);
        assert_eq!(answer.status().as_u16(), 403, "{headers:?}");
        assert!(answer.headers().get("set-cookie").is_none(), "{headers:?}");
    }
    // The server's own login page does.
    let answer = post_form(url, "/login", &form, &[("origin", &own_origin)]);
    assert_eq!(answer.status().as_u16(), 303);
    let cookie = session_cookie(&answer);
    assert!(
        !cookie.contains(&reader[7..]),
        "the cookie holds the token: {cookie}"
    );
    assert_eq!(page_status(url, &cookie), 200);
    // The token itself is no cookie.
    assert_eq!(page_status(url, &format!("relctl_session={reader}")), 303);

    // Logout is a POST from the server's own pages; a GET or another site's form changes nothing.
    let get = reqwest::blocking::Client::new()
        .get(format!("{url}/logout"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(get.status().as_u16(), 405);
    let cross = post_form(
        url,
        "/logout",
        "",
        &[("origin", "https://evil.example"), ("cookie", &cookie)],
    );
    assert_eq!(cross.status().as_u16(), 403);
    assert_eq!(page_status(url, &cookie), 200);
    let out = post_form(
        url,
        "/logout",
        "",
        &[("origin", &own_origin), ("cookie", &cookie)],
    );
    assert_eq!(out.status().as_u16(), 303);
    assert_eq!(
        page_status(url, &cookie),
        303,
        "the session outlived its logout"
    );

    // Revoking the token ends its sessions.
    let answer = post_form(url, "/login", &form, &[]);
    let cookie = session_cookie(&answer);
    assert_eq!(page_status(url, &cookie), 200);
    let listed = server.env.json(&["token", "list"]);
    let id = listed
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["scopes"] == json!(["project:read"]))
        .unwrap()["id"]
        .to_string();
    server.env.ok(&["token", "revoke", &id]);
    assert_eq!(page_status(url, &cookie), 303);
    assert_eq!(
        server.env.query_i64("SELECT count(*) FROM page_session"),
        0,
        "the revoked token's sessions are gone from the store"
    );

    // A token of another organization cannot read this organization's pages.
    server.env.ok(&["org", "create", "other"]);
    let other = token(&server, &["-o", "other", "--scopes", "project:read"]);
    let refused = post_form(url, "/login", &format!("token={other}"), &[]);
    assert_eq!(refused.status().as_u16(), 401);
}

#[test]
fn commit_ids_sent_as_numbers_are_refused_naming_the_field() {
    let server = Server::start();
    server.client().json(&["project", "create", "App"]);
    server
        .client()
        .json(&["release", "new", "1.0", "-p", "app"]);
    let path = format!("{}/api/0/organizations/default/releases/1.0/", server.url);
    for id in ["1e30", "12345", "true"] {
        let body = format!(r#"{{"commits": [{{"id": {id}, "repository": "app"}}]}}"#);
        let (status, text) = request("PUT", &path, Some(&server.token), Some(&body));
        assert_eq!(status, 400, "{id}: {text}");
        let answer: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(
            answer,
            json!({"commits": {"id": ["Not a valid string."]}}),
            "{id}"
        );
    }
    assert_eq!(server.env.query_i64("SELECT count(*) FROM git_commit"), 0);
}

#[test]
fn a_token_whose_secret_could_not_be_shown_is_revoked_again() {
    let env = crate::harness::TestEnv::new();
    let out = env
        .cmd()
        .args(["--format", "json", "token", "create", "--name", "lost"])
        .stdout(std::fs::File::create("/dev/full").unwrap())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("was revoked again"), "{stderr}");
    assert!(!stderr.contains("copy its secret"), "{stderr}");
    assert_eq!(env.json(&["token", "list"]), json!([]));
}
