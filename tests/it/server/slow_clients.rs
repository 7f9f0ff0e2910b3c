//! What the worst clients of `relctl serve` can do to the best: clients that send their headers
//! slowly or not at all, more connections than the descriptor limit allows, anonymous bodies,
//! and pages of releases too big to send. Each runs the real `relctl serve` with its flags, and
//! raw sockets for the hostile clients.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::os::unix::process::CommandExt;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use serde_json::json;

use crate::harness::TestEnv;

/// `relctl serve` on a free port, with `args`, and its descriptor limit at `nofile` if given.
struct Serve {
    child: Child,
    addr: SocketAddr,
    /// What serve has logged so far.
    log: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Serve {
    fn start(env: &TestEnv, args: &[&str], nofile: Option<u64>) -> Serve {
        let mut cmd = env.cmd();
        cmd.args(["serve", "--bind", "127.0.0.1:0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(limit) = nofile {
            // SAFETY: setrlimit is async-signal-safe; nothing else runs in the child.
            unsafe {
                cmd.pre_exec(move || {
                    let rlimit = libc::rlimit {
                        rlim_cur: limit,
                        rlim_max: limit,
                    };
                    if libc::setrlimit(libc::RLIMIT_NOFILE, &rlimit) != 0 {
                        return Err(std::io::Error::last_os_error());
                    }
                    Ok(())
                });
            }
        }
        let mut child = cmd.spawn().unwrap();
        let mut stderr = std::io::BufReader::new(child.stderr.take().unwrap());
        let mut early_log = String::new();
        let mut line = String::new();
        loop {
            line.clear();
            assert!(
                std::io::BufRead::read_line(&mut stderr, &mut line).unwrap() > 0,
                "serve did not start: {early_log}"
            );
            if line.contains("listening on http://") {
                break;
            }
            early_log.push_str(&line);
        }
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|rest| rest.split_whitespace().next())
            .unwrap_or_else(|| panic!("serve did not start: {line}"))
            .parse()
            .unwrap();
        // Keep reading its log so it never blocks on a full pipe.
        let log = std::sync::Arc::new(std::sync::Mutex::new(early_log));
        let sink = log.clone();
        std::thread::spawn(move || {
            for line in std::io::BufRead::lines(stderr) {
                let Ok(line) = line else { break };
                let mut log = sink.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
        Serve { child, addr, log }
    }

    /// How long a normal client's `GET /api/0/` took to be answered (a 200, or the test fails).
    fn answered(&self) -> Duration {
        let (status, took) = self.get("/api/0/");
        assert!(
            status.starts_with("HTTP/1.1 200"),
            "{status:?} after {took:?}"
        );
        took
    }

    /// The server's resident memory, in MiB.
    fn rss_mib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let kib: u64 = status
            .lines()
            .find_map(|line| line.strip_prefix("VmRSS:"))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        kib / 1024
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(self.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        stream
    }

    /// A whole `GET path` on a new connection: the status line and the time it took.
    fn get(&self, path: &str) -> (String, Duration) {
        let started = Instant::now();
        let mut stream = self.connect();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut answer = String::new();
        let _ = stream.read_to_string(&mut answer);
        let status = answer.lines().next().unwrap_or("").to_string();
        (status, started.elapsed())
    }
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// How long until the server closes `stream` (reads return 0 or fail), while `poke` runs
/// between reads; `None` when it is still open after `within`.
fn closed_after(stream: &mut TcpStream, within: Duration, poke: Option<&[u8]>) -> Option<Duration> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .unwrap();
    let mut buf = [0u8; 256];
    while started.elapsed() < within {
        if let Some(bytes) = poke
            && stream.write_all(bytes).is_err()
        {
            return Some(started.elapsed());
        }
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(err)
                if matches!(
                    err.kind(),
                    std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                ) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn a_silent_or_trickling_client_is_cut_off_but_an_idle_keep_alive_one_is_not() {
    let env = TestEnv::new();
    let serve = Serve::start(&env, &["--header-timeout", "1"], None);

    let mut silent = serve.connect();
    let closed = closed_after(&mut silent, Duration::from_secs(6), None);
    assert!(
        closed.is_some_and(|t| t >= Duration::from_millis(800)),
        "a client that sends nothing: closed after {closed:?}"
    );

    // A byte every 200 ms: activity, but the head never ends.
    let mut trickle = serve.connect();
    trickle.write_all(b"GET /api/0/ HTTP/1.1\r\n").unwrap();
    let closed = closed_after(&mut trickle, Duration::from_secs(6), Some(b"X"));
    assert!(
        closed.is_some_and(|t| t < Duration::from_secs(3)),
        "a client trickling its headers: closed after {closed:?}"
    );

    // Answered, then idle for longer than the header timeout: still open for its next request.
    let mut keep_alive = serve.connect();
    let request = b"GET /api/0/ HTTP/1.1\r\nHost: x\r\n\r\n";
    keep_alive.write_all(request).unwrap();
    let mut buf = [0u8; 4096];
    let n = keep_alive.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
    std::thread::sleep(Duration::from_millis(2500));
    keep_alive.write_all(request).unwrap();
    let n = keep_alive.read(&mut buf).unwrap();
    assert!(
        buf[..n].starts_with(b"HTTP/1.1 200"),
        "the idle keep-alive connection was closed: {:?}",
        String::from_utf8_lossy(&buf[..n])
    );
}

#[test]
fn at_the_connection_cap_a_new_client_takes_the_slowest_ones_place() {
    let env = TestEnv::new();
    let serve = Serve::start(&env, &["--max-connections", "4"], None);
    let mut slow: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut stream = serve.connect();
            stream.write_all(b"GET /api/0/ HT").unwrap();
            std::thread::sleep(Duration::from_millis(20));
            stream
        })
        .collect();
    let took = serve.answered();
    assert!(took < Duration::from_secs(2), "{took:?}");
    // The oldest slow client made room; the others are still there and can finish.
    let oldest = closed_after(&mut slow[0], Duration::from_secs(2), None);
    assert!(
        oldest.is_some(),
        "the oldest slow client is still connected"
    );
    let last = slow.last_mut().unwrap();
    last.write_all(b"TP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut buf = [0u8; 64];
    let n = last.read(&mut buf).unwrap();
    assert!(buf[..n].starts_with(b"HTTP/1.1 200"));
}

#[test]
fn a_thousand_slow_clients_do_not_keep_a_normal_one_waiting() {
    let env = TestEnv::new();
    // As on a machine with `ulimit -n 1024`: more slow clients than descriptors.
    let serve = Serve::start(&env, &[], Some(1024));
    let before = serve.rss_mib();
    let slow: Vec<TcpStream> = (0..1100)
        .filter_map(|_| {
            let mut stream = TcpStream::connect(serve.addr).ok()?;
            let _ = stream.write_all(b"GET /api/0/ HTTP/1.1\r\nHost: x\r\nX-Slow: ");
            Some(stream)
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let during = serve.rss_mib();
    let mut slowest = Duration::ZERO;
    for _ in 0..10 {
        let took = serve.answered();
        slowest = slowest.max(took);
    }
    drop(slow);
    std::thread::sleep(Duration::from_millis(500));
    let after = serve.rss_mib();
    eprintln!(
        "1,100 slow clients against `ulimit -n 1024`: a normal request answered in {slowest:?} at worst; serve's memory {before} MiB before, {during} MiB with them, {after} MiB after"
    );
    assert!(slowest < Duration::from_secs(1), "{slowest:?}");
}

#[test]
fn anonymous_bodies_are_refused_before_they_are_read() {
    let env = TestEnv::new();
    let serve = Serve::start(&env, &[], None);
    let before = serve.rss_mib();
    let mut senders = Vec::new();
    for _ in 0..50 {
        let mut stream = serve.connect();
        write!(
            stream,
            "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 20000000\r\n\r\n"
        )
        .unwrap();
        // The server answers before the body comes.
        let mut buf = [0u8; 64];
        let n = stream.read(&mut buf).unwrap();
        assert!(
            buf[..n].starts_with(b"HTTP/1.1 413"),
            "{:?}",
            String::from_utf8_lossy(&buf[..n])
        );
        senders.push(stream);
    }
    // The same with a chunked body of 1 MiB: cut off after the first few KiB.
    let mut chunked = serve.connect();
    write!(
        chunked,
        "POST /login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
    )
    .unwrap();
    let chunk = vec![b'a'; 1024];
    let mut refused = false;
    for _ in 0..1024 {
        if write!(chunked, "400\r\n").is_err()
            || chunked.write_all(&chunk).is_err()
            || chunked.write_all(b"\r\n").is_err()
        {
            refused = true;
            break;
        }
    }
    let mut answer = String::new();
    let _ = chunked.read_to_string(&mut answer);
    assert!(refused || answer.starts_with("HTTP/1.1 413"), "{answer:?}");
    let during = serve.rss_mib();
    eprintln!(
        "anonymous 20 MB login posts: serve's memory {before} MiB before, {during} MiB with 50 held open"
    );
    assert!(during < before + 50, "{before} -> {during} MiB");
}

/// `serve --public-pages` on a store with project `app` and `count` releases named
/// `{prefix}N`: the env, the server, a `project:releases` token and the releases' API URL.
fn pages_with_releases(count: usize, prefix: &str) -> (TestEnv, Serve, String, String) {
    let env = TestEnv::new();
    env.ok(&["project", "create", "App"]);
    let token = env.json(&["token", "create", "--scopes", "project:releases"])["token"]
        .as_str()
        .unwrap()
        .to_string();
    let serve = Serve::start(&env, &["--public-pages"], None);
    let http = reqwest::blocking::Client::new();
    let api = format!(
        "http://{}/api/0/organizations/default/releases/",
        serve.addr
    );
    for n in 0..count {
        let created = http
            .post(&api)
            .bearer_auth(&token)
            .json(&json!({"version": format!("{prefix}{n}"), "projects": ["app"]}))
            .send()
            .unwrap();
        assert_eq!(created.status().as_u16(), 201);
    }
    (env, serve, token, api)
}

#[test]
fn pages_show_one_page_of_a_big_release_and_of_many_releases() {
    let (_env, serve, token, api) = pages_with_releases(120, "1.0.");
    let http = reqwest::blocking::Client::new();
    let commits: Vec<_> = (0..250)
        .map(|i| json!({"id": format!("{:040x}", i + 1), "repository": "app", "message": format!("change number {i}")}))
        .collect();
    let bound = http
        .put(format!("{api}1.0.0/"))
        .bearer_auth(&token)
        .json(&json!({ "commits": commits }))
        .send()
        .unwrap();
    assert_eq!(bound.status().as_u16(), 200);
    let page = |path: &str| {
        http.get(format!("http://{}{path}", serve.addr))
            .send()
            .unwrap()
            .text()
            .unwrap()
    };
    let rows = |html: &str, marker: &str| html.matches(marker).count();

    let first = page("/");
    assert_eq!(rows(&first, "data-label=\"Version\""), 100);
    assert!(
        first.contains("href=\"/?page=2\""),
        "no link to the next page"
    );
    assert!(first.contains(">1.0.119<") && !first.contains(">1.0.19<"));
    let second = page("/?page=2");
    assert_eq!(rows(&second, "data-label=\"Version\""), 20);
    assert!(second.contains(">1.0.0<") && second.contains("href=\"/?page=1\""));
    assert!(!second.contains("rel=\"next\""));

    let release = page("/releases/1.0.0");
    assert!(
        release.contains("Commits (250)"),
        "the heading counts all commits"
    );
    assert_eq!(rows(&release, "data-label=\"Commit\""), 100);
    // The commits in the order they were sent, the first (newest) first.
    assert!(release.contains(">change number 0<") && !release.contains(">change number 100<"));
    let last = page("/releases/1.0.0?page=3");
    assert_eq!(rows(&last, "data-label=\"Commit\""), 50);
    assert!(last.contains(">change number 249<") && !last.contains(">change number 199<"));
    assert!(!last.contains("rel=\"next\""));
    // A later release names the release its commits would be counted from.
    let later = page("/releases/1.0.5");
    assert!(
        later.contains("<dt>Previous</dt><dd><a href=\"/releases/1.0.0\">1.0.0</a></dd>"),
        "{later}"
    );
    // The API's commits endpoint pages the same way.
    let listed: Vec<serde_json::Value> = http
        .get(format!("{api}1.0.0/commits/?per_page=100&cursor=100:2:0"))
        .bearer_auth(&token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(listed.len(), 50);
}

#[test]
fn readers_of_the_pages_do_not_delay_the_api() {
    let (_env, serve, token, api) = pages_with_releases(200, "1.");
    let http = reqwest::blocking::Client::new();
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let readers: Vec<_> = (0..16)
        .map(|_| {
            let (stop, page) = (stop.clone(), format!("http://{}/", serve.addr));
            std::thread::spawn(move || {
                let http = reqwest::blocking::Client::new();
                let mut read = 0;
                while !stop.load(std::sync::atomic::Ordering::SeqCst) {
                    if http.get(&page).send().and_then(|r| r.text()).is_ok() {
                        read += 1;
                    }
                }
                read
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let mut took = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        let listed = http
            .get(format!("{api}?per_page=1"))
            .bearer_auth(&token)
            .send()
            .unwrap();
        assert_eq!(listed.status().as_u16(), 200);
        took.push(started.elapsed());
        std::thread::sleep(Duration::from_millis(50));
    }
    took.sort();
    let (median, slowest) = (took[took.len() / 2], took[took.len() - 1]);
    stop.store(true, std::sync::atomic::Ordering::SeqCst);
    let pages: usize = readers.into_iter().map(|r| r.join().unwrap()).sum();
    eprintln!(
        "16 clients reading `/` ({pages} pages read): an API request took {median:?} (median), {slowest:?} at worst"
    );
    assert!(pages > 16, "the readers read nothing");
    assert!(slowest < Duration::from_secs(2), "{slowest:?}");
}

#[test]
fn an_anonymous_login_that_never_sends_its_body_holds_nothing() {
    let env = TestEnv::new();
    let serve = Serve::start(
        &env,
        &["--header-timeout", "1", "--max-connections", "8"],
        None,
    );
    let unfinished = || {
        let mut stream = serve.connect();
        stream
            .write_all(
                b"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 4000\r\n\r\ntoken=",
            )
            .unwrap();
        stream
    };
    // Its body is bounded like a head: the connection is closed.
    let mut one = unfinished();
    let closed = closed_after(&mut one, Duration::from_secs(8), None);
    assert!(
        closed.is_some_and(|t| t < Duration::from_secs(4)),
        "an unfinished anonymous body held its connection: {closed:?}"
    );
    // Twice the cap of them cannot keep a normal client out.
    let held: Vec<TcpStream> = (0..16).map(|_| unfinished()).collect();
    std::thread::sleep(Duration::from_millis(200));
    let took = serve.answered();
    assert!(took < Duration::from_secs(1), "{took:?}");
    drop(held);
}

#[test]
fn a_connection_cap_above_the_descriptor_limit_is_lowered_and_said() {
    let env = TestEnv::new();
    let serve = Serve::start(&env, &["--max-connections", "1000"], Some(256));
    let said = "--max-connections 1000 is more than the descriptor limit (256) leaves for clients; using 128";
    let deadline = Instant::now() + Duration::from_secs(5);
    while !serve.log.lock().unwrap().contains(said) {
        assert!(Instant::now() < deadline, "{}", serve.log.lock().unwrap());
        std::thread::sleep(Duration::from_millis(20));
    }
    let silent: Vec<TcpStream> = (0..300)
        .filter_map(|_| TcpStream::connect(serve.addr).ok())
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let took = serve.answered();
    assert!(took < Duration::from_secs(1), "{took:?}");
    drop(silent);
}
