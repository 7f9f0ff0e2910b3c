//! One line per request: method, path, status and duration, plus the hidden cause of a 500.
//!
//! Only the path is written, never the query string nor any header, so tokens and whatever a
//! client puts in parameters stay out of logs. Where the line goes is the caller's choice
//! (stderr for `relctl serve`, a buffer in tests).

use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::Response;

use super::error::LoggedCause;

/// Where request lines go.
pub type LogSink = Arc<dyn Fn(&str) + Send + Sync>;

/// A sink writing to stderr. A closed or full stderr loses the line; it never fails the
/// request (`eprintln!` would panic).
pub fn stderr() -> LogSink {
    Arc::new(|line: &str| {
        let _ = writeln!(std::io::stderr(), "{line}");
    })
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
        line.push_str(&cause.replace(['\n', '\r'], " "));
    }
    sink(&line);
    response
}
