//! Accepting connections so that slow and idle clients cannot starve the others.
//!
//! `axum::serve` builds hyper connections with no timer: a client that sends a byte every 15
//! seconds, or nothing at all, held its connection (a descriptor and a task) for ever, and a
//! thousand of them made every other request wait. Here every connection has a watchdog, and the
//! number of connections is capped:
//! - **Headers within a bound** ([`ConnLimits::header_timeout`], `--header-timeout`): from the
//!   moment a connection is accepted, and from the first byte of each later request, the whole
//!   head must arrive within it, or the connection is closed. Trickling bytes does not extend it.
//! - **Idle keep-alive connections close** after [`ConnLimits::idle_timeout`] without a byte in
//!   either direction (also a client that stops reading an answer).
//! - **At most [`ConnLimits::max_connections`] at once** (`--max-connections`, by default scaled
//!   to the descriptor limit, [`default_max_connections`]), so the descriptor limit is never
//!   reached. At the cap a new connection takes the place of the one that has waited longest for
//!   its headers (else of the one idle longest): slow clients reconnecting can never keep a
//!   normal one out. Only when every connection is being answered is the new one closed as soon
//!   as it is accepted; those being served are never touched.
//!
//! While a request is being answered its time is bounded by the request timeout (`router.rs`),
//! not by these. Hyper's own `header_read_timeout` is not used: it also runs while a keep-alive
//! connection waits for its next request, so it cannot tell "slow headers" from "idle".

use std::future::Future;
use std::sync::{Arc, Mutex, PoisonError};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{Notify, watch};
use tokio::time::Instant;

/// The default bound on a request's head: 10 seconds.
pub const DEFAULT_HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// The default life of an idle keep-alive connection: 60 seconds.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(60);

/// The largest request head read (hyper's default is 400 KiB): with thousands of connections
/// allowed, a head is what one costs before it is authenticated.
const MAX_HEAD: usize = 64 * 1024;

/// Descriptors kept for everything but client connections (the store and its WAL, a pool of
/// connections, git repositories, logs).
const RESERVED_DESCRIPTORS: u64 = 128;

/// How connections are bounded.
#[derive(Debug, Clone, Copy)]
pub struct ConnLimits {
    pub header_timeout: Duration,
    pub idle_timeout: Duration,
    pub max_connections: usize,
}

/// The cap on connections: `requested` (`--max-connections`) or the default, three quarters of
/// what the descriptor limit leaves after [`RESERVED_DESCRIPTORS`] (at least 16, at most 16,384:
/// each connection also costs memory). A requested cap above what the limit leaves is lowered
/// to it, and the log says so: past it, accepting fails and the store cannot be opened.
pub fn connection_cap(requested: Option<usize>) -> usize {
    let descriptors = raise_descriptor_limit();
    let left = usize::try_from(descriptors.saturating_sub(RESERVED_DESCRIPTORS))
        .unwrap_or(usize::MAX)
        .max(1);
    match requested {
        None => (left / 4 * 3).clamp(16, 16_384),
        Some(cap) if cap > left => {
            tracing::warn!(
                "--max-connections {cap} is more than the descriptor limit ({descriptors}) leaves for clients; using {left}"
            );
            left
        }
        Some(cap) => cap,
    }
}

/// Raises the soft limit of open descriptors to the hard one (as servers do); the limit now.
#[cfg(unix)]
fn raise_descriptor_limit() -> u64 {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let mut limit = getrlimit(Resource::Nofile);
    if let (Some(current), hard) = (limit.current, limit.maximum)
        && hard.is_none_or(|hard| hard > current)
    {
        // Some systems refuse an unlimited soft limit: then 1 Mi at most.
        limit.current = Some(hard.unwrap_or(1 << 20).min(1 << 20).max(current));
        if setrlimit(Resource::Nofile, limit).is_err() {
            limit = getrlimit(Resource::Nofile);
        }
    }
    limit.current.unwrap_or(1 << 20)
}

/// Windows has no per-process limit of open sockets to raise (they are bounded by memory): the
/// same 1 Mi as an unlimited Unix limit, so `--max-connections` alone bounds the connections.
#[cfg(not(unix))]
fn raise_descriptor_limit() -> u64 {
    1 << 20
}

/// What the watchdog knows of one connection.
#[derive(Debug)]
struct Activity {
    /// When the head now being read began (a new connection, or the first byte of a request
    /// after the last answer); `None` while idle or while a request is being answered.
    head_since: Option<Instant>,
    /// Requests handed to the router and not answered yet.
    in_flight: usize,
    /// When the request now in flight began.
    request_since: Instant,
    /// The request in flight is reading a body nobody has authenticated ([`Watchdog`]): it is
    /// bounded, and may make room at the cap, like a head.
    anonymous_body: bool,
    /// The last byte read or written.
    last: Instant,
}

type Shared = Arc<Mutex<Activity>>;

fn lock(activity: &Shared) -> std::sync::MutexGuard<'_, Activity> {
    activity.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Activity {
    /// When the connection must be closed if nothing changes; `None` while answering.
    fn deadline(&self, limits: &ConnLimits) -> Option<Instant> {
        if self.anonymous_body {
            return Some(self.request_since + limits.header_timeout);
        }
        if self.in_flight > 0 {
            return None;
        }
        Some(match self.head_since {
            Some(since) => since + limits.header_timeout,
            None => self.last + limits.idle_timeout,
        })
    }

    /// Which connection makes room at the cap: the lowest rank, `None` for one that must not.
    /// Those still sending what nobody has authenticated come first, oldest first; then those
    /// idle between requests for a while (one just answered may be sending its next request).
    fn eviction_rank(&self, now: Instant) -> Option<(u8, Instant)> {
        if self.anonymous_body {
            return Some((0, self.request_since));
        }
        match (self.in_flight, self.head_since) {
            (0, Some(since)) => Some((0, since)),
            (0, None) if now.saturating_duration_since(self.last) >= IDLE_BEFORE_EVICTION => {
                Some((1, self.last))
            }
            _ => None,
        }
    }
}

/// How long a kept-alive connection must have been idle before the cap may close it.
const IDLE_BEFORE_EVICTION: Duration = Duration::from_secs(1);

/// A request's handle on its connection's watchdog, in the request's extensions: a handler
/// that reads a body before anyone is authenticated (the login form) marks it with
/// [`Watchdog::anonymous_body`], so that body must arrive within the header timeout and a
/// client that never sends it cannot hold the connection, nor keep others out at the cap.
#[derive(Clone)]
pub struct Watchdog(Shared);

/// While it lives, the request is reading an anonymous body.
pub struct AnonymousBody(Shared);

impl Watchdog {
    pub fn anonymous_body(&self) -> AnonymousBody {
        lock(&self.0).anonymous_body = true;
        AnonymousBody(Arc::clone(&self.0))
    }
}

impl Drop for AnonymousBody {
    fn drop(&mut self) {
        lock(&self.0).anonymous_body = false;
    }
}

/// The client's stream, telling the watchdog when bytes move.
struct Watched {
    stream: TcpStream,
    activity: Shared,
}

impl AsyncRead for Watched {
    fn poll_read(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let before = buf.filled().len();
        let polled = std::pin::Pin::new(&mut self.stream).poll_read(cx, buf);
        if buf.filled().len() > before {
            let now = Instant::now();
            let mut activity = lock(&self.activity);
            activity.last = now;
            if activity.in_flight == 0 && activity.head_since.is_none() {
                activity.head_since = Some(now);
            }
        }
        polled
    }
}

impl AsyncWrite for Watched {
    fn poll_write(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let polled = std::pin::Pin::new(&mut self.stream).poll_write(cx, buf);
        if matches!(polled, Poll::Ready(Ok(n)) if n > 0) {
            lock(&self.activity).last = Instant::now();
        }
        polled
    }

    fn poll_flush(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        std::pin::Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

/// Counts a request in flight from its head to its answer.
struct InFlight(Shared);

impl InFlight {
    fn start(activity: &Shared) -> InFlight {
        let mut state = lock(activity);
        state.in_flight += 1;
        state.head_since = None;
        state.request_since = Instant::now();
        InFlight(Arc::clone(activity))
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        let mut state = lock(&self.0);
        state.in_flight = state.in_flight.saturating_sub(1);
        state.last = Instant::now();
    }
}

/// The open connections, for the cap: each one's activity and the signal that closes it.
#[derive(Default)]
struct Open {
    next_id: u64,
    connections: std::collections::HashMap<u64, (Shared, Arc<Notify>)>,
}

/// What [`Open::admit`] decided.
enum Admitted {
    /// The connection's id and its close signal.
    Yes(u64, Arc<Notify>),
    /// Every connection is being answered: refuse.
    No,
}

impl Open {
    /// Makes room for one more connection: under the cap, at once; at the cap, by closing the
    /// one waiting longest for its headers or an anonymous body (else the one idle longest), so
    /// that slow or idle clients can never keep a new one out; refused only when every
    /// connection is being answered ([`Activity::eviction_rank`]).
    fn admit(&mut self, activity: &Shared, max: usize) -> Admitted {
        if self.connections.len() >= max.max(1) {
            let now = Instant::now();
            let victim = self
                .connections
                .iter()
                .filter_map(|(id, (other, _))| Some((lock(other).eviction_rank(now)?, *id)))
                .min()
                .map(|(_, id)| id);
            let Some(victim) = victim else {
                return Admitted::No;
            };
            if let Some((_, close)) = self.connections.remove(&victim) {
                close.notify_one();
            }
        }
        self.next_id += 1;
        let close = Arc::new(Notify::new());
        self.connections
            .insert(self.next_id, (Arc::clone(activity), Arc::clone(&close)));
        Admitted::Yes(self.next_id, close)
    }
}

fn open_lock(open: &Mutex<Open>) -> std::sync::MutexGuard<'_, Open> {
    open.lock().unwrap_or_else(PoisonError::into_inner)
}

/// Accepts connections on `listener` and serves `app` on each until `stop` completes; then
/// closes idle connections, lets the others finish, and returns when all are closed (the
/// caller bounds that wait). What it has to say goes to the default subscriber of the thread
/// that polls it (`run` makes it the server's).
pub async fn serve(
    listener: TcpListener,
    app: axum::Router,
    limits: ConnLimits,
    stop: impl Future<Output = ()>,
) {
    let open = Arc::new(Mutex::new(Open::default()));
    let (stopping, stop_seen) = watch::channel(false);
    let (mut refused, mut failed) = (Throttled::default(), Throttled::default());
    let tasks = tasks::TaskCount::default();
    tokio::pin!(stop);
    loop {
        tokio::select! {
            () = &mut stop => break,
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(err) => {
                        // Out of descriptors or memory for a moment: wait instead of spinning.
                        failed.note(|n| format!("accept failed: {err} ({n} so far)"));
                        tokio::time::sleep(Duration::from_millis(50)).await;
                        continue;
                    }
                };
                let now = Instant::now();
                let activity: Shared = Arc::new(Mutex::new(Activity {
                    head_since: Some(now),
                    in_flight: 0,
                    request_since: now,
                    anonymous_body: false,
                    last: now,
                }));
                let (id, close) = match open_lock(&open).admit(&activity, limits.max_connections) {
                    Admitted::Yes(id, close) => (id, close),
                    Admitted::No => {
                        drop(stream);
                        refused.note(|n| format!(
                            "connections refused: {n} so far, {} open already (--max-connections)",
                            limits.max_connections
                        ));
                        continue;
                    }
                };
                let (app, stop_seen, open) = (app.clone(), stop_seen.clone(), Arc::clone(&open));
                let task = tasks.start();
                tokio::spawn(async move {
                    connection(stream, activity, app, limits, stop_seen, close).await;
                    open_lock(&open).connections.remove(&id);
                    drop(task);
                });
            }
        }
    }
    let _ = stopping.send(true);
    drop(listener);
    tasks.all_done().await;
}

/// Counting the connection tasks still running, to wait for them at shutdown.
mod tasks {
    use std::sync::Arc;
    use tokio::sync::watch;

    /// The number of live [`Task`]s, watched.
    #[derive(Clone)]
    pub struct TaskCount(Arc<watch::Sender<usize>>);

    impl Default for TaskCount {
        fn default() -> TaskCount {
            TaskCount(Arc::new(watch::channel(0).0))
        }
    }

    /// One running task; dropping it counts it out.
    pub struct Task(Arc<watch::Sender<usize>>);

    impl TaskCount {
        pub fn start(&self) -> Task {
            self.0.send_modify(|n| *n += 1);
            Task(Arc::clone(&self.0))
        }

        /// Completes when no task is running.
        pub async fn all_done(&self) {
            let mut seen = self.0.subscribe();
            let _ = seen.wait_for(|n| *n == 0).await;
        }
    }

    impl Drop for Task {
        fn drop(&mut self) {
            self.0.send_modify(|n| *n = n.saturating_sub(1));
        }
    }
}

/// Something that may happen many times a second, counted and logged at most every 10 seconds.
#[derive(Default)]
struct Throttled {
    count: u64,
    logged: Option<Instant>,
}

impl Throttled {
    /// Counts one more; logs `line(count so far)` when the last line is 10 s old.
    fn note(&mut self, line: impl FnOnce(u64) -> String) {
        self.count += 1;
        if self
            .logged
            .is_none_or(|at| at.elapsed() >= Duration::from_secs(10))
        {
            self.logged = Some(Instant::now());
            tracing::warn!("{}", line(self.count));
        }
    }
}

/// Serves one connection until it ends, its watchdog closes it, the cap makes room with it
/// (`close`), or a shutdown finds it idle.
async fn connection(
    stream: TcpStream,
    activity: Shared,
    app: axum::Router,
    limits: ConnLimits,
    mut stop: watch::Receiver<bool>,
    close: Arc<Notify>,
) {
    let _ = stream.set_nodelay(true);
    let io = TokioIo::new(Watched {
        stream,
        activity: Arc::clone(&activity),
    });
    let counted = Arc::clone(&activity);
    let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
        let in_flight = InFlight::start(&counted);
        request
            .extensions_mut()
            .insert(Watchdog(Arc::clone(&counted)));
        let mut app = app.clone();
        async move {
            let answer = tower_service::Service::call(&mut app, request).await;
            drop(in_flight);
            answer
        }
    });
    let conn = hyper::server::conn::http1::Builder::new()
        .keep_alive(true)
        .max_buf_size(MAX_HEAD)
        .serve_connection(io, service);
    tokio::pin!(conn);
    let mut stopping = *stop.borrow();
    if stopping {
        conn.as_mut().graceful_shutdown();
    }
    loop {
        let deadline = lock(&activity).deadline(&limits);
        let watchdog = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at).await,
                // Answering: look again in a while (the answer ends the request).
                None => tokio::time::sleep(limits.header_timeout.min(limits.idle_timeout)).await,
            }
        };
        tokio::select! {
            _ = conn.as_mut() => return,
            () = close.notified() => return,
            () = watchdog => {
                let expired = lock(&activity)
                    .deadline(&limits)
                    .is_some_and(|at| at <= Instant::now());
                if expired {
                    // Dropping the connection closes the socket.
                    return;
                }
            }
            changed = stop.changed(), if !stopping => {
                if changed.is_err() || *stop.borrow() {
                    stopping = true;
                    conn.as_mut().graceful_shutdown();
                }
            }
        }
    }
}
