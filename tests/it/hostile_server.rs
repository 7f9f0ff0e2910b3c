//! The real binary against loopback servers that do not play fair: servers that echo the
//! token back (in an error's detail, a redirect's URL, a page that is not JSON). The client
//! must never show the token, nor garble its messages hiding a "token" too short to be one.

use serde_json::json;

use crate::harness::TestEnv;
use crate::loopback::{Reply, Server, answer, answer_with};

/// A token of a real length (Sentry's are 64 hex digits, relctl's longer).
const TOKEN: &str = "sntryu_5f2b9c0d7e4a16b3c8d9e0f1a2b3c4d5e6f7a8b9";

/// A client env whose commands go to `server` with `token`.
fn client(server: &Server, token: &str) -> TestEnv {
    TestEnv::sqlite()
        .with_env("RELCTL_URL", &server.url())
        .with_env("RELCTL_AUTH_TOKEN", token)
}

#[test]
fn a_short_token_leaves_messages_whole() {
    let limited = || {
        answer_with(
            429,
            vec![("Retry-After", "0".into())],
            json!({"detail": "rate limit exceeded, try later"}),
        )
    };
    let server = Server::start(vec![limited(); 5]);
    let err = client(&server, "t").fails(&["project", "list"], 5);
    assert!(
        err.starts_with(
            "error: rate limited by the server (429 on GET /api/0/organizations/default/projects/?per_page=100): rate limit exceeded, try later; 5 attempts in "
        ),
        "{err}"
    );
    assert!(!err.contains("redacted"), "{err}");
    // Nor in -v lines, with a token that is a whole word of them.
    let server = Server::start(vec![limited(); 5]);
    let out = client(&server, "GET").run(&["-v", "project", "list"]);
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("retrying GET /api/0/organizations/default/projects/?per_page=100 in "),
        "{text}"
    );
    assert!(!text.contains("redacted"), "{text}");
}

#[test]
fn a_real_token_is_redacted_wherever_the_server_echoes_it() {
    // A proxy's page echoing the request's headers: on one line, the token starts 16
    // characters before the 300th, where the message cuts the server's text short.
    let echoed_headers = format!("{}\r\nAuthorization: Bearer {TOKEN}\r\n", "x ".repeat(131));
    let cases: Vec<(Reply, i32, &str)> = vec![
        // A detail that quotes the header and a URL with the token in its query.
        (
            answer(
                401,
                json!({"detail": format!("invalid token {TOKEN} (Authorization: Bearer {TOKEN}), see http://s.io/auth/?token={TOKEN}")}),
            ),
            6,
            "authentication refused",
        ),
        // A redirect to a URL holding it.
        (
            answer_with(
                302,
                vec![(
                    "Location",
                    format!("https://s.io/login/?next=%2F&token={TOKEN}"),
                )],
                json!({}),
            ),
            1,
            "redirected",
        ),
        // A page that is not JSON, echoing it.
        (
            Reply::Answer {
                status: 200,
                headers: Vec::new(),
                body: format!("<html><body>Signed in as {TOKEN}</body></html>"),
            },
            1,
            "not JSON",
        ),
        // The proxy's page, as a server error.
        (
            Reply::Answer {
                status: 500,
                headers: Vec::new(),
                body: echoed_headers,
            },
            5,
            "server error",
        ),
    ];
    for (reply, code, what) in cases {
        let server = Server::start(vec![reply]);
        let out = client(&server, TOKEN).run(&["-vv", "project", "list"]);
        let stderr = String::from_utf8_lossy(&out.stderr).to_string();
        assert_eq!(out.status.code(), Some(code), "{stderr}");
        assert!(stderr.contains(what), "{stderr}");
        assert!(stderr.contains("<redacted>"), "{stderr}");
        let chars: Vec<char> = TOKEN.chars().collect();
        for piece in chars.windows(12) {
            let piece: String = piece.iter().collect();
            assert!(
                !stderr.contains(&piece),
                "{piece:?} of the token in: {stderr}"
            );
        }
        // The server did get it.
        assert_eq!(
            server.seen()[0].header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
    }
}
