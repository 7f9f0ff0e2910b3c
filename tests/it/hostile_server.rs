//! The real binary against loopback servers that do not play fair: an answer larger than any
//! list (streamed without end, or announced as such), pagination that never ends (a new cursor
//! on every page, the same cursor again, pages that come slowly), and servers that echo the
//! token back (in an error's detail, a redirect's URL, a page that is not JSON). The client
//! must end in bounded time and memory with exit 5 and a message that says why, and never show
//! the token, nor garble its messages hiding a "token" too short to be one.

use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

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

fn project(n: usize) -> Value {
    json!({"id": (4500 + n).to_string(), "slug": format!("p{n}"), "name": format!("P{n}"),
           "platform": null, "dateCreated": "2024-01-01T00:00:00Z"})
}

/// A `Link` header offering `cursor` as the next page.
fn next_page(cursor: &str) -> (&'static str, String) {
    (
        "Link",
        format!(
            "<http://x/api/0/organizations/default/projects/?&cursor={cursor}>; rel=\"next\"; results=\"true\"; cursor=\"{cursor}\""
        ),
    )
}

const MIB: u64 = 1024 * 1024;

#[cfg(target_os = "linux")]
#[test]
fn a_huge_answer_ends_at_the_response_limit_in_flat_memory() {
    let chunk = project(1).to_string() + ",";
    for declared in [false, true] {
        let server = Server::start(vec![Reply::Stream {
            chunk: chunk.clone(),
            total: 200 * MIB,
            declared,
        }]);
        let env = client(&server, TOKEN).with_env("RELCTL_MAX_RESPONSE", "1048576");
        let started = Instant::now();
        let (code, peak_kib, stderr) = crate::memory::run_measured(
            env.cmd()
                .args(["project", "list"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped()),
        );
        let took = started.elapsed();
        eprintln!(
            "a 200 MiB answer ({}), limit 1 MiB: exit {code:?} in {took:.2?}, peak RSS {} MiB",
            if declared {
                "Content-Length announced"
            } else {
                "streamed, no Content-Length"
            },
            peak_kib / 1024
        );
        assert_eq!(code, Some(5), "{stderr}");
        let first = stderr.lines().next().unwrap_or_default();
        assert!(
            first.contains("1 MiB") && first.contains("RELCTL_MAX_RESPONSE"),
            "{stderr}"
        );
        assert_eq!(
            server.seen().len(),
            1,
            "a refused answer is not asked again"
        );
        // Reading the whole answer took the client past 400 MiB.
        assert!(peak_kib < 64 * 1024, "peak RSS {peak_kib} KiB: {stderr}");
    }
}

#[test]
fn the_default_response_limit_is_64_mib_and_smaller_answers_pass() {
    let server = Server::start(vec![Reply::Stream {
        chunk: project(1).to_string() + ",",
        total: 200 * MIB,
        declared: false,
    }]);
    let err = client(&server, TOKEN).fails(&["project", "list"], 5);
    assert!(
        err.contains("64 MiB") && err.contains("RELCTL_MAX_RESPONSE"),
        "{err}"
    );
    // An answer of exactly the limit is read as ever; one byte more is refused.
    let page = Value::from((0..300).map(project).collect::<Vec<_>>());
    let size = page.to_string().len();
    let server = Server::start(vec![answer(200, page.clone()), answer(200, page)]);
    let listed = client(&server, TOKEN)
        .with_env("RELCTL_MAX_RESPONSE", &size.to_string())
        .json(&["project", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 300);
    let err = client(&server, TOKEN)
        .with_env("RELCTL_MAX_RESPONSE", &(size - 1).to_string())
        .fails(&["project", "list"], 5);
    assert!(err.contains(&format!("{} bytes", size - 1)), "{err}");
    let unread = Server::start(Vec::new());
    for bad in ["lots", "0", "-1", "1.5"] {
        let err = client(&unread, TOKEN)
            .with_env("RELCTL_MAX_RESPONSE", bad)
            .fails(&["project", "list"], 2);
        assert!(err.contains("RELCTL_MAX_RESPONSE"), "{bad}: {err}");
    }
    assert!(unread.seen().is_empty());
}

/// Serves pages of `per_page` projects, each offering the next cursor `cursor(n)` for page
/// `n`, after `delay`; counts the pages served.
fn endless_pages(
    per_page: usize,
    delay: Duration,
    cursor: impl Fn(usize) -> String + Send + 'static,
) -> (Server, Arc<AtomicUsize>) {
    let served = Arc::new(AtomicUsize::new(0));
    let count = Arc::clone(&served);
    let server = Server::serve(move |_| {
        let n = count.fetch_add(1, Ordering::SeqCst);
        std::thread::sleep(delay);
        let page: Vec<Value> = (0..per_page).map(|i| project(n * per_page + i)).collect();
        answer_with(200, vec![next_page(&cursor(n))], Value::from(page))
    });
    (server, served)
}

#[test]
fn a_next_cursor_on_every_page_ends_in_an_error() {
    // Full pages, each with a new cursor: a list longer than any relctl reads.
    let (server, served) = endless_pages(100, Duration::ZERO, |n| format!("{}:0:0", n + 1));
    let err = client(&server, TOKEN).fails(&["project", "list"], 5);
    assert!(err.contains("pagination did not end"), "{err}");
    assert!(err.contains("10000 items"), "{err}");
    let pages = served.load(Ordering::SeqCst);
    eprintln!("new cursor on every page: {pages} pages asked for");
    assert!(pages <= 101, "{pages} pages");

    // The same cursor again: the server goes round in a circle.
    let (server, served) = endless_pages(100, Duration::ZERO, |_| "100:1:0".to_string());
    let err = client(&server, TOKEN).fails(&["project", "list"], 5);
    assert!(err.contains("pagination did not end"), "{err}");
    assert!(err.contains("100:1:0"), "{err}");
    assert_eq!(served.load(Ordering::SeqCst), 2);
}

#[test]
fn slow_pages_without_end_stop_at_the_time_bound() {
    // One item a page, a new cursor each time, 200 ms a page: 10,000 items would take half an
    // hour. With --timeout 1 a list may take 5 s.
    let (server, served) = endless_pages(1, Duration::from_millis(200), |n| format!("{n}:1:0"));
    let started = Instant::now();
    let err = client(&server, TOKEN).fails(&["--timeout", "1", "project", "list"], 5);
    let took = started.elapsed();
    let pages = served.load(Ordering::SeqCst);
    eprintln!("slow endless pages: exit 5 after {took:.2?} and {pages} pages");
    assert!(err.contains("pagination did not end within 5 s"), "{err}");
    assert!(
        took >= Duration::from_secs(5) && took < Duration::from_secs(9),
        "{took:?}"
    );
}

#[test]
fn an_empty_page_ends_the_list() {
    let server = Server::start(vec![
        answer_with(200, vec![next_page("1:0:0")], json!([project(1)])),
        answer_with(200, vec![next_page("2:0:0")], json!([])),
    ]);
    let listed = client(&server, TOKEN).json(&["project", "list"]);
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(server.seen().len(), 2);
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
