//! Every endpoint refuses bad requests without writing: malformed JSON, wrong types, missing
//! fields, unknown organization/project/version, `%2F` in a version, a wrong method, no token,
//! a token without the scope. After each refusal the whole store is compared with before.
//! `releases.rs` covers releases and deploys, `others.rs` the rest.

mod others;
mod releases;

use serde_json::{Value, json};

use super::harness::App;

/// Who sends a case.
#[derive(Clone, Copy, Debug)]
pub enum As {
    Anonymous,
    Admin,
    Releases,
    Read,
    Nothing,
    Bogus,
}

pub struct Case {
    who: As,
    method: &'static str,
    path: String,
    body: Option<&'static str>,
    status: u16,
    /// The exact body expected, when it is pinned.
    expected: Option<Value>,
}

pub fn case(
    who: As,
    method: &'static str,
    path: &str,
    body: Option<&'static str>,
    status: u16,
) -> Case {
    Case {
        who,
        method,
        path: path.to_string(),
        body,
        status,
        expected: None,
    }
}

pub fn pinned(mut c: Case, expected: Value) -> Case {
    c.expected = Some(expected);
    c
}

pub fn run(app: &App, cases: Vec<Case>) {
    let before = app.state();
    for c in cases {
        let token = match c.who {
            As::Anonymous => None,
            As::Admin => Some(app.admin.as_str()),
            As::Releases => Some(app.releases.as_str()),
            As::Read => Some(app.read.as_str()),
            As::Nothing => Some(app.nothing.as_str()),
            As::Bogus => Some("relctl_0000"),
        };
        let answer = app.call(c.method, &c.path, token, c.body);
        assert_eq!(
            answer.status, c.status,
            "{:?} {} {} {:?}: {}",
            c.who, c.method, c.path, c.body, answer.body
        );
        if let Some(expected) = &c.expected {
            assert_eq!(&answer.body, expected, "{} {}", c.method, c.path);
        } else if c.status != 405 {
            assert!(
                answer.body.is_object(),
                "{} {}: {}",
                c.method,
                c.path,
                answer.body
            );
        }
        assert_eq!(
            app.state(),
            before,
            "{:?} {} {} changed the store",
            c.who,
            c.method,
            c.path
        );
    }
}

pub const NO_CREDENTIALS: &str = "Authentication credentials were not provided.";
pub const NO_PERMISSION: &str = "You do not have permission to perform this action.";

/// No token, an unknown token and a token without the scope, for one request.
pub fn auth_cases(
    method: &'static str,
    path: &str,
    body: Option<&'static str>,
    weak: As,
) -> Vec<Case> {
    vec![
        pinned(
            case(As::Anonymous, method, path, body, 401),
            json!({"detail": NO_CREDENTIALS}),
        ),
        pinned(
            case(As::Bogus, method, path, body, 401),
            json!({"detail": "Invalid token"}),
        ),
        pinned(
            case(weak, method, path, body, 403),
            json!({"detail": NO_PERMISSION}),
        ),
    ]
}
