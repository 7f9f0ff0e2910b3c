//! One line per request: method, path, status and duration, plus the hidden cause of a 500.
//!
//! tower-http's [`TraceLayer`] times each request: its span holds the method and the path, and
//! once the answer is ready [`LogAnswer`] emits its status, its duration and the cause an
//! [`ApiError`](super::error::ApiError) left for the log ([`LoggedCause`]); the subscriber of
//! `crate::logging` writes them as one line, `GET /api/0/ 200 1.2ms`; an answer marked [`Quiet`] (the probes) at debug level only, so
//! never in the server's log. Only the path is
//! written, never the query string nor any header, so tokens and whatever a client puts in
//! parameters stay out of logs.
//!
//! Every server logs through a subscriber of its own, built over `ServeOptions::log` (stderr
//! for `relctl serve`, a buffer in tests), never a global one: [`in_log_scope`] makes it the
//! default while a request is handled, `Api` does so for the request's blocking work, and `run`
//! for what accepting connections has to say. The subscriber's sink is called on the async
//! runtime, so it must never block: `relctl serve` writes stderr through the bounded queue of
//! [`crate::logging::to_writer`], where a stderr nobody reads costs lines, never a stalled
//! runtime.

use std::time::Duration;

use axum::extract::{Request, State};
use axum::http;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::classify::{ServerErrorsAsFailures, SharedClassifier};
use tower_http::trace::{MakeSpan, OnResponse, TraceLayer};
use tracing::instrument::WithSubscriber;
use tracing::{Dispatch, Span};

use super::error::LoggedCause;
use crate::logging::LogSink;

/// Lines the stderr queue holds while the writer is behind.
const STDERR_QUEUE: usize = 1024;

/// The sink of `relctl serve`: stderr, through [`crate::logging::to_writer`].
pub fn stderr() -> LogSink {
    crate::logging::to_writer(std::io::stderr(), STDERR_QUEUE)
}

/// A server's subscriber: every line at INFO and above, to `sink`.
pub fn subscriber(sink: LogSink) -> Dispatch {
    crate::logging::dispatch(sink, tracing::level_filters::LevelFilter::INFO)
}

/// The request log: one span per request, one event when its answer is ready, nothing else
/// (no line when a request starts, nor a second one for a 5xx).
pub type RequestLog =
    TraceLayer<SharedClassifier<ServerErrorsAsFailures>, RequestSpan, (), LogAnswer, (), (), ()>;

pub fn request_log() -> RequestLog {
    TraceLayer::new_for_http()
        .make_span_with(RequestSpan)
        .on_request(())
        .on_response(LogAnswer)
        .on_body_chunk(())
        .on_eos(())
        .on_failure(())
}

/// A request's span: its method and its path, nothing of the query nor the headers.
#[derive(Debug, Clone, Copy)]
pub struct RequestSpan;

impl<B> MakeSpan<B> for RequestSpan {
    fn make_span(&mut self, request: &http::Request<B>) -> Span {
        tracing::info_span!(
            "request",
            method = %request.method(),
            path = request.uri().path()
        )
    }
}

/// The request's line, when its answer is ready: status, duration, and the cause of a 500.
#[derive(Debug, Clone, Copy)]
pub struct LogAnswer;

impl<B> OnResponse<B> for LogAnswer {
    fn on_response(self, response: &http::Response<B>, latency: Duration, span: &Span) {
        let cause = match response.extensions().get::<LoggedCause>() {
            Some(LoggedCause(cause)) => {
                format!(" error: {}", crate::output::for_terminal(cause, false))
            }
            None => String::new(),
        };
        let status = response.status().as_u16();
        let millis = latency.as_secs_f64() * 1000.0;
        if response.extensions().get::<Quiet>().is_some() {
            tracing::debug!(parent: span, "{status} {millis:.1}ms{cause}");
        } else {
            tracing::info!(parent: span, "{status} {millis:.1}ms{cause}");
        }
    }
}

/// On an answer: its line is written at debug level, below the server's log (the health and
/// readiness probes, `health.rs`, that an orchestrator sends every few seconds).
#[derive(Debug, Clone, Copy)]
pub struct Quiet;

/// The outermost middleware: the request is handled (its span made, its line written) with the
/// server's subscriber as the default.
pub async fn in_log_scope(State(log): State<Dispatch>, request: Request, next: Next) -> Response {
    next.run(request).with_subscriber(log).await
}
