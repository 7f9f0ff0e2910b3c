//! `issue resolve|mute|unresolve` and sentry-cli's `issues ... -i ID` through `relctl serve`:
//! the same rows in the server's store as on the local store, the bulk PUT Sentry knows, and
//! `org list` through `GET /organizations/`.

use super::harness::Server;

fn statuses(server: &Server) -> Vec<String> {
    ["BACKEND-1", "BACKEND-2"]
        .iter()
        .map(|s| {
            server.env.json(&["issue", "show", s])["status"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect()
}

#[test]
fn status_changes_through_serve_write_the_servers_store() {
    let server = Server::start();
    server.env.ok(&["project", "create", "Backend"]);
    server.env.ok(&["issue", "new", "-p", "backend", "Crash"]);
    server.env.ok(&["issue", "new", "-p", "backend", "Slow"]);
    let client = server.client();
    let resolved = client.json(&["issue", "resolve", "BACKEND-1"]);
    assert_eq!(resolved[0]["status"], "resolved");
    assert!(resolved[0]["inbox"].is_null());
    assert_eq!(statuses(&server), ["resolved", "unresolved"]);
    let shown = server.env.json(&["issue", "show", "BACKEND-1"]);
    assert_eq!(shown["activity"][0]["type"], "set_resolved");
    assert_eq!(shown["history"][0]["type"], "resolved");
    // sentry-cli's spelling: by numeric id through the project's bulk PUT.
    let id = server.env.json(&["issue", "show", "BACKEND-2"])["id"].to_string();
    client.ok(&["issues", "mute", "-p", "backend", "-i", &id]);
    assert_eq!(statuses(&server), ["resolved", "ignored"]);
    client.ok(&["issues", "unresolve", "-p", "backend", "--all"]);
    assert_eq!(statuses(&server), ["unresolved", "unresolved"]);
    // Unknown issues: exit 3, as on the local store, and nothing written.
    client.fails(&["issue", "resolve", "BACKEND-9"], 3);
    client.fails(&["issues", "resolve", "-p", "backend", "-i", "999999"], 3);
    assert_eq!(statuses(&server), ["unresolved", "unresolved"]);
    // The organizations the token sees.
    let orgs = client.json(&["org", "list"]);
    assert_eq!(orgs[0]["slug"], "default");
}
