//! One line per request: method, path, status and duration, plus the hidden cause of a 500.
//!
//! Only the path is written, never the query string nor any header, so tokens and whatever a
//! client puts in parameters stay out of logs. Where the line goes is the caller's choice
//! (stderr for `relctl serve`, a buffer in tests).
//!
//! The middleware runs on the async runtime, so a sink must never block: `relctl serve` writes
//! stderr through the bounded queue of [`crate::logging::to_writer`], where a stderr nobody reads
//! costs lines, never a stalled runtime.

use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::error::LoggedCause;
pub use crate::logging::LogSink;

/// Lines the stderr queue holds while the writer is behind.
const STDERR_QUEUE: usize = 1024;

/// The sink of `relctl serve`: stderr, through [`crate::logging::to_writer`].
pub fn stderr() -> LogSink {
    crate::logging::to_writer(std::io::stderr(), STDERR_QUEUE)
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
