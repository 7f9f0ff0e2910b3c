//! One line per request: method, path, status and duration, plus the hidden cause of a 500.
//!
//! Only the path is written, never the query string nor any header, so tokens and whatever a
//! client puts in parameters stay out of logs. Where the line goes is the caller's choice
//! (stderr for `relctl serve`, a buffer in tests).
//!
//! The middleware runs on the async runtime, so a sink must never block. [`to_writer`] (what
//! `relctl serve` uses for stderr) hands lines to one writer thread through a bounded queue: a
//! stderr pipe nobody reads, or one that is closed, costs log lines, never a stalled runtime nor
//! a panic. Lines that find the queue full are counted, and the count is written once the writer
//! catches up.

use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::error::LoggedCause;

/// Where request lines go. Called on the async runtime: it must not block.
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// Lines the stderr queue holds while the writer is behind.
const STDERR_QUEUE: usize = 1024;

/// How long dropping the sink waits for the writer to write what is queued.
const FLUSH_WAIT: Duration = Duration::from_millis(500);

/// The sink of `relctl serve`: stderr, through [`to_writer`].
pub fn stderr() -> LogSink {
    to_writer(std::io::stderr(), STDERR_QUEUE)
}

/// A sink that queues up to `capacity` lines for one thread writing them to `writer`. It never
/// waits: a line that finds the queue full is dropped (and counted). Write errors are ignored.
/// When the sink is dropped, the writer gets a moment to write what is queued, then is left.
pub fn to_writer<W: Write + Send + 'static>(writer: W, capacity: usize) -> LogSink {
    let (lines, queued) = mpsc::sync_channel::<String>(capacity.max(1));
    let (finished, done) = mpsc::channel::<()>();
    let dropped = Arc::new(AtomicU64::new(0));
    let counted = Arc::clone(&dropped);
    let spawned = std::thread::Builder::new()
        .name("relctl-serve-log".to_string())
        .spawn(move || {
            write_lines(writer, &queued, &counted);
            drop(finished);
        });
    if spawned.is_err() {
        // No thread, no log: requests are served all the same.
        return Arc::new(|_: &str| {});
    }
    let queue = Queue {
        lines: Some(lines),
        done: Mutex::new(done),
        dropped,
    };
    Arc::new(move |line: &str| queue.push(line))
}

/// The writer thread: until every sender is gone.
fn write_lines<W: Write>(mut writer: W, queued: &Receiver<String>, dropped: &AtomicU64) {
    while let Ok(line) = queued.recv() {
        let _ = writeln!(writer, "{line}");
        let lost = dropped.swap(0, Ordering::Relaxed);
        if lost > 0 {
            let _ = writeln!(
                writer,
                "log: {lost} line(s) dropped, the log could not keep up"
            );
        }
        let _ = writer.flush();
    }
}

/// The sending side of [`to_writer`].
struct Queue {
    /// `None` once dropped.
    lines: Option<SyncSender<String>>,
    /// Disconnects when the writer thread ends (in a mutex only to be `Sync`).
    done: Mutex<Receiver<()>>,
    dropped: Arc<AtomicU64>,
}

impl Queue {
    fn push(&self, line: &str) {
        let Some(lines) = &self.lines else {
            return;
        };
        match lines.try_send(line.to_string()) {
            Ok(()) => {}
            Err(TrySendError::Full(_) | TrySendError::Disconnected(_)) => {
                self.dropped.fetch_add(1, Ordering::Relaxed);
            }
        }
    }
}

impl Drop for Queue {
    fn drop(&mut self) {
        // Closing the queue ends the writer once it has written the rest; wait a little for it.
        self.lines = None;
        if let Ok(done) = self.done.get_mut() {
            let _ = done.recv_timeout(FLUSH_WAIT);
        }
    }
}

/// The middleware: runs the request, then logs it.
pub async fn log_request(State(sink): State<LogSink>, request: Request, next: Next) -> Response {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_string();
    let response = next.run(request).await;
    let elapsed = started.elapsed();
    let mut line = format!(
        "{method} {path} {} {:.1}ms",
        response.status().as_u16(),
        elapsed.as_secs_f64() * 1000.0
    );
    if let Some(LoggedCause(cause)) = response.extensions().get::<LoggedCause>() {
        line.push_str(" error: ");
        line.push_str(&crate::output::for_terminal(cause, false));
    }
    sink(&line);
    response
}
