//! `GET /healthz` and `GET /readyz`, for load balancers, orchestrators and systemd watchers.
//!
//! `/healthz` says the process answers (200 `ok`) and touches nothing else. `/readyz` says it
//! can do its work: every part the backend needs ([`Backend::parts`]: the store, SQLite or
//! PostgreSQL, and Redis when the snowflake sequence lives there) is probed at once, each on a
//! blocking thread of its own and each bounded by [`PROBE_TIMEOUT`], so a part that hangs makes
//! the answer a 503 within that time rather than a request that never ends. The 503's body names
//! the parts that are down and why, with any password in a URL masked. Neither takes a token,
//! nor a turn of the API's (a probe of a busy server must not wait behind its work), and
//! neither is logged at info level ([`Quiet`]): a probe every few seconds would bury the log.
//!
//! [`Backend::parts`]: crate::backend::Backend::parts

use std::sync::Arc;
use std::time::Duration;

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use super::log::Quiet;
use super::state::Api;
use crate::backend::watch::Part;

/// The longest a readiness probe of one part may take.
pub const PROBE_TIMEOUT: Duration = Duration::from_secs(2);

/// `GET /healthz`: 200 `ok` while the process answers.
pub async fn healthz() -> Response {
    quiet((StatusCode::OK, "ok\n").into_response())
}

/// `/readyz`'s answer.
#[derive(Debug, Serialize)]
struct Readiness {
    /// `ready` or `unavailable`.
    status: &'static str,
    /// Each part probed: `ok`, or why it is down.
    checks: serde_json::Map<String, serde_json::Value>,
}

/// `GET /readyz`: 200 when every part answers within [`PROBE_TIMEOUT`], else 503 naming those
/// that did not.
pub async fn readyz(State(api): State<Api>) -> Response {
    // Side by side: the answer takes as long as the slowest probe, at most PROBE_TIMEOUT.
    let tasks: Vec<_> = api
        .backend
        .parts()
        .into_iter()
        .map(|part| {
            let api = api.clone();
            (part, tokio::spawn(async move { probe(&api, part).await }))
        })
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for (part, task) in tasks {
        let result = task
            .await
            .unwrap_or_else(|err| Err(format!("the probe failed: {err}")));
        results.push((part, result));
    }
    let ready = results.iter().all(|(_, result)| result.is_ok());
    let checks = results
        .into_iter()
        .map(|(part, result)| {
            let said = match result {
                Ok(()) => "ok".to_string(),
                Err(why) => why,
            };
            (part.name().to_string(), serde_json::Value::String(said))
        })
        .collect();
    let status = if ready {
        StatusCode::OK
    } else {
        StatusCode::SERVICE_UNAVAILABLE
    };
    let body = Readiness {
        status: if ready { "ready" } else { "unavailable" },
        checks,
    };
    if !ready {
        tracing::debug!(
            "readyz: {}",
            serde_json::to_string(&body).unwrap_or_default()
        );
    }
    quiet((status, Json(body)).into_response())
}

/// One part's probe on a blocking thread, bounded by [`PROBE_TIMEOUT`]; `Err` says why it is
/// down, passwords masked. A probe that timed out runs on to its own bound (a connection
/// timeout) on its thread; its answer is dropped, and until it ends the part is down.
async fn probe(api: &Api, part: Part) -> Result<(), String> {
    // One probe of a part at a time: a part that hangs (a server that accepts connections and
    // never answers) holds one thread, not one more per probe.
    let probing = Arc::clone(&api.probing);
    let started = probing
        .lock()
        .map(|mut running| running.insert(part.name()))
        .unwrap_or(false);
    if !started {
        return Err("the previous probe has not answered yet".to_string());
    }
    let backend = Arc::clone(&api.backend);
    let task = tokio::task::spawn_blocking(move || {
        let result = backend.probe(part);
        if let Ok(mut running) = probing.lock() {
            running.remove(part.name());
        }
        result
    });
    match tokio::time::timeout(PROBE_TIMEOUT, task).await {
        Ok(Ok(Ok(()))) => Ok(()),
        Ok(Ok(Err(err))) => Err(crate::secrets::mask_passwords(&err.message)),
        Ok(Err(err)) => Err(format!("the probe failed: {err}")),
        Err(_) => Err(format!(
            "no answer within {} seconds",
            PROBE_TIMEOUT.as_secs_f64()
        )),
    }
}

/// Marks an answer as one the request log writes at debug level only.
fn quiet(mut response: Response) -> Response {
    response.extensions_mut().insert(Quiet);
    response
}
