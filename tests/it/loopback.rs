//! A loopback HTTP/1.1 server for client tests: it answers each connection with the next
//! canned reply of a script, or with what a handler makes of the request (a canned answer, a
//! body streamed without end, or nothing at all), records what it was sent, and stops after a
//! bounded time.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::Value;

/// What the server does with one connection.
#[derive(Clone)]
pub enum Reply {
    Answer {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: String,
    },
    /// Accept and never answer.
    Silent,
    /// A 200 whose body is `chunk` repeated until `total` bytes were sent (or the client went),
    /// written as it goes; with `declared`, a `Content-Length` announces the total.
    Stream {
        chunk: String,
        total: u64,
        declared: bool,
    },
}

pub fn answer(status: u16, body: Value) -> Reply {
    Reply::Answer {
        status,
        headers: Vec::new(),
        body: body.to_string(),
    }
}

pub fn answer_with(status: u16, headers: Vec<(&'static str, String)>, body: Value) -> Reply {
    Reply::Answer {
        status,
        headers,
        body: body.to_string(),
    }
}

#[derive(Debug, Clone)]
pub struct Seen {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
}

pub struct Server {
    pub addr: SocketAddr,
    seen: Arc<Mutex<Vec<Seen>>>,
}

impl Server {
    /// Serves `script`, one reply per connection, for at most 20 s; requests past the script
    /// get a 500.
    pub fn start(script: Vec<Reply>) -> Server {
        let mut script = script.into_iter();
        Server::serve(move |_| {
            script
                .next()
                .unwrap_or_else(|| answer(500, serde_json::json!({"detail": "unexpected request"})))
        })
    }

    /// Answers each connection with `handler`'s reply to its request, for at most 20 s.
    pub fn serve(mut handler: impl FnMut(&Seen) -> Reply + Send + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let addr = listener.local_addr().unwrap();
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = Arc::clone(&seen);
        thread::spawn(move || {
            let deadline = Instant::now() + Duration::from_secs(20);
            let mut held = Vec::new();
            while Instant::now() < deadline {
                let stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        thread::sleep(Duration::from_millis(5));
                        continue;
                    }
                };
                stream.set_nonblocking(false).unwrap();
                stream
                    .set_read_timeout(Some(Duration::from_secs(5)))
                    .unwrap();
                let Some(request) = read_request(&stream) else {
                    continue;
                };
                let reply = handler(&request);
                log.lock().unwrap().push(request);
                match reply {
                    Reply::Silent => held.push(stream),
                    Reply::Answer {
                        status,
                        headers,
                        body,
                    } => write_response(stream, status, &headers, &body),
                    Reply::Stream {
                        chunk,
                        total,
                        declared,
                    } => stream_response(stream, &chunk, total, declared),
                }
            }
            drop(held);
        });
        Server { addr, seen }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn seen(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

fn read_request(mut stream: &TcpStream) -> Option<Seen> {
    let mut data = Vec::new();
    let mut buf = [0u8; 4096];
    let head_end = loop {
        if let Some(i) = data.windows(4).position(|w| w == b"\r\n\r\n") {
            break i;
        }
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            return None;
        }
        data.extend_from_slice(&buf[..n]);
    };
    let head = String::from_utf8_lossy(&data[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_string();
    let path = first.next()?.to_string();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = data[head_end + 4..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut buf).ok()?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&buf[..n]);
    }
    Some(Seen {
        method,
        path,
        headers,
        body: String::from_utf8_lossy(&body).to_string(),
    })
}

fn write_response(mut stream: TcpStream, status: u16, headers: &[(&str, String)], body: &str) {
    let mut text = format!(
        "HTTP/1.1 {status} Canned\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        text.push_str(&format!("{name}: {value}\r\n"));
    }
    text.push_str("\r\n");
    text.push_str(body);
    let _ = stream.write_all(text.as_bytes());
    let _ = stream.flush();
}

/// A 200 whose body is `chunk` repeated up to `total` bytes, sent as it is made; it ends early
/// when the client stops reading (a closed connection).
fn stream_response(mut stream: TcpStream, chunk: &str, total: u64, declared: bool) {
    let length = if declared {
        format!("Content-Length: {total}\r\n")
    } else {
        String::new()
    };
    let head = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n{length}Connection: close\r\n\r\n"
    );
    if stream.write_all(head.as_bytes()).is_err() {
        return;
    }
    let mut block = String::new();
    while block.len() < 64 * 1024 {
        block.push_str(chunk);
    }
    let mut sent = 0u64;
    while sent < total {
        let part = &block.as_bytes()[..block.len().min((total - sent) as usize)];
        if stream.write_all(part).is_err() {
            return;
        }
        sent += part.len() as u64;
    }
    let _ = stream.flush();
}
