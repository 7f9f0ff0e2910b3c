//! The pages over plain HTTP: what a browser would be sent, header by header.

use reqwest::blocking::{Client, Response};
use reqwest::redirect::Policy;

use super::{Fixture, SPACED_VERSION, XSS_VERSION};
use crate::remote::harness::request;

/// A client that shows redirects instead of following them.
fn client() -> Client {
    Client::builder().redirect(Policy::none()).build().unwrap()
}

fn get(url: &str, cookie: Option<&str>) -> Response {
    let mut req = client().get(url);
    if let Some(cookie) = cookie {
        req = req.header("cookie", cookie);
    }
    req.send().unwrap()
}

fn login(url: &str, token: &str) -> Response {
    client()
        .post(format!("{url}/login"))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(format!("token={token}"))
        .send()
        .unwrap()
}

fn location(resp: &Response) -> &str {
    resp.headers()["location"].to_str().unwrap()
}

/// Logs in with `token`; returns the `name=value` to send as the cookie.
fn session(url: &str, token: &str) -> String {
    let resp = login(url, token);
    assert_eq!(resp.status(), 303);
    let set = resp.headers()["set-cookie"].to_str().unwrap();
    set.split(';').next().unwrap().to_string()
}

fn page(url: &str, cookie: &str) -> String {
    let resp = get(url, Some(cookie));
    assert_eq!(resp.status(), 200, "{url}");
    assert!(
        resp.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    resp.text().unwrap()
}

#[test]
fn pages_redirect_to_the_login_form_without_a_cookie() {
    let fx = Fixture::start(&[]);
    let url = &fx.server.url;
    for path in ["/", "/issues", "/releases/1.0.0"] {
        let resp = get(&format!("{url}{path}"), None);
        assert_eq!(resp.status(), 303, "{path}");
        assert_eq!(location(&resp), "/login", "{path}");
    }
    // A cookie that is not a live session is no better, and is cleared.
    let resp = get(&format!("{url}/"), Some("relctl_session=0000"));
    assert_eq!(resp.status(), 303);
    assert_eq!(location(&resp), "/login");
    assert!(
        resp.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("Max-Age=0")
    );
    let form = get(&format!("{url}/login"), None);
    assert_eq!(form.status(), 200);
    let html = form.text().unwrap();
    assert!(
        html.contains(r#"<form class="login" method="post" action="/login">"#),
        "{html}"
    );
    assert!(html.contains(r#"name="viewport""#));
}

#[test]
fn a_bad_token_shows_the_form_again_and_a_good_one_sets_the_cookie() {
    let fx = Fixture::start(&[]);
    let url = &fx.server.url;

    let bad = login(url, "relctl_wrong");
    assert_eq!(bad.status(), 401);
    assert!(bad.headers().get("set-cookie").is_none());
    let html = bad.text().unwrap();
    assert!(html.contains("not valid"), "{html}");
    assert!(html.contains(r#"action="/login""#));

    // A valid token without project:read (nor a scope implying it) is refused too.
    let releases_only = fx
        .server
        .env
        .json(&["token", "create", "--scopes", "org:read"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    assert_eq!(login(url, &releases_only).status(), 401);

    let good = login(url, &fx.server.token);
    assert_eq!(good.status(), 303);
    assert_eq!(location(&good), "/");
    let set = good.headers()["set-cookie"].to_str().unwrap().to_string();
    let attributes: Vec<&str> = set.split(';').map(str::trim).collect();
    // The cookie holds a session id, never the token.
    let id = attributes[0].strip_prefix("relctl_session=").unwrap();
    assert_eq!(id.len(), 64, "{set}");
    assert!(id.bytes().all(|b| b.is_ascii_hexdigit()), "{set}");
    assert!(!set.contains(&fx.server.token[7..]), "{set}");
    for wanted in ["HttpOnly", "SameSite=Strict", "Path=/"] {
        assert!(attributes.contains(&wanted), "{set}");
    }

    // project:read itself is enough.
    let reader = fx
        .server
        .env
        .json(&["token", "create", "--scopes", "project:read"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let cookie = session(url, &reader);
    page(&format!("{url}/"), &cookie);

    // Logout ends the session and clears the cookie: the old cookie no longer works.
    let out = client()
        .post(format!("{url}/logout"))
        .header("cookie", &cookie)
        .send()
        .unwrap();
    assert_eq!(out.status(), 303);
    assert_eq!(location(&out), "/login");
    let cleared = out.headers()["set-cookie"].to_str().unwrap();
    assert!(cleared.starts_with("relctl_session=;"), "{cleared}");
    assert!(cleared.contains("Max-Age=0"), "{cleared}");
    assert_eq!(get(&format!("{url}/"), Some(&cookie)).status(), 303);
    let cookie = session(url, &reader);

    // A revoked token logs its holder out.
    let id = fx
        .server
        .env
        .json(&["token", "list"])
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["scopes"] == serde_json::json!(["project:read"]))
        .unwrap()["id"]
        .to_string();
    fx.server.env.ok(&["token", "revoke", &id]);
    assert_eq!(get(&format!("{url}/"), Some(&cookie)).status(), 303);
}

#[test]
fn the_pages_show_releases_commits_resolved_issues_and_deploys() {
    let fx = Fixture::start(&[]);
    let url = &fx.server.url;
    let cookie = session(url, &fx.server.token);

    let list = page(&format!("{url}/"), &cookie);
    assert!(
        list.contains(r#"<a href="/releases/1.0.0">1.0.0</a>"#),
        "{list}"
    );
    assert!(list.contains("<svg"), "{list}");
    assert!(list.contains(r#"href="/issues""#));
    // Newest first.
    let newest = list.find("2.0 beta").unwrap();
    let oldest = list.find(">1.0.0<").unwrap();
    assert!(newest < oldest, "{list}");

    let release = page(&format!("{url}/releases/1.0.0"), &cookie);
    for wanted in [
        "Fixes BACKEND-1: guard the cart",
        "Initial import",
        "Test Dev",
        "src/cart.rs",
        "BACKEND-1",
        "Checkout &lt;b&gt;crash&lt;/b&gt;",
        "production",
    ] {
        assert!(release.contains(wanted), "{wanted} in {release}");
    }
    assert!(!release.contains("Slow page"), "{release}");

    let issues = page(&format!("{url}/issues"), &cookie);
    assert!(issues.contains("Slow page"), "{issues}");
    assert!(issues.contains("BACKEND-1"), "{issues}");
    assert!(
        issues.contains(r#"<a href="/releases/1.0.0">1.0.0</a>"#),
        "{issues}"
    );

    // A missing release is an HTML 404, also for a version no release can have.
    for path in ["/releases/9.9.9", "/releases/a%2Fb"] {
        let resp = get(&format!("{url}{path}"), Some(&cookie));
        assert_eq!(resp.status(), 404, "{path}");
        assert!(resp.text().unwrap().contains("<h1>Not Found</h1>"));
    }
}

#[test]
fn user_written_text_is_escaped_and_versions_are_encoded_in_links() {
    let fx = Fixture::start(&[]);
    let url = &fx.server.url;
    let cookie = session(url, &fx.server.token);
    let list = page(&format!("{url}/"), &cookie);
    assert!(!list.contains(XSS_VERSION), "{list}");
    assert!(
        list.contains("&lt;script&gt;alert(1)&lt;script&gt;"),
        "{list}"
    );
    let xss_href = "/releases/%3Cscript%3Ealert%281%29%3Cscript%3E";
    assert!(list.contains(&format!(r#"href="{xss_href}""#)), "{list}");
    let spaced_href = "/releases/2.0%20beta%3F%231%25";
    assert!(list.contains(&format!(r#"href="{spaced_href}""#)), "{list}");

    let xss = page(&format!("{url}{xss_href}"), &cookie);
    assert!(!xss.contains(XSS_VERSION), "{xss}");
    assert!(
        xss.contains("&lt;script&gt;alert(1)&lt;script&gt;"),
        "{xss}"
    );
    let spaced = page(&format!("{url}{spaced_href}"), &cookie);
    assert!(spaced.contains(SPACED_VERSION), "{spaced}");
    // No script may run at all.
    let resp = get(&format!("{url}/"), Some(&cookie));
    let csp = resp.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.starts_with("default-src 'none'"), "{csp}");
}

#[test]
fn public_pages_need_no_login_and_the_api_ignores_the_cookie() {
    let fx = Fixture::start(&["--public-pages"]);
    let url = &fx.server.url;
    for path in ["/", "/issues", "/releases/1.0.0"] {
        let resp = get(&format!("{url}{path}"), None);
        assert_eq!(resp.status(), 200, "{path}");
    }
    assert!(
        get(&format!("{url}/releases/1.0.0"), None)
            .text()
            .unwrap()
            .contains("Fixes BACKEND-1")
    );
    // The API keeps its bearer tokens: a cookie is no credential there.
    let api = format!("{url}/api/0/organizations/default/releases/");
    let resp = get(&api, Some(&format!("relctl_token={}", fx.server.token)));
    assert_eq!(resp.status(), 401);
    let (status, _) = request("GET", &api, Some(&fx.server.token), None);
    assert_eq!(status, 200);
}
