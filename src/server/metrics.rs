//! `GET /metrics`: what an operator graphs, in the OpenMetrics text format Prometheus scrapes,
//! from a registry of this server's own (`prometheus-client`; nothing global).
//!
//! - `relctl_http_requests_total{method,route,status}`: every answer, by the route's pattern
//!   (`/api/0/organizations/{org}/releases/`, never the raw path, so the label's values are
//!   bounded by the router's map; anything no route matched is `unmatched`), and methods other
//!   than HTTP's usual ones are `other`.
//! - `relctl_http_request_duration_seconds{method,route}`: the time to the answer's head.
//! - `relctl_store_wait_seconds{wait}`: time waiting for a turn to do the blocking work
//!   (`turn`: four requests per core at once, `state.rs`), for a PostgreSQL connection of the
//!   pool (`connection`) and for the write lock (`write_lock`: SQLite's, or the organization's).
//! - `relctl_store_connections_in_use` / `relctl_store_connections_max`: the PostgreSQL pool.
//! - `relctl_work_permits_in_use{pool}`: requests doing their blocking work now (`api`, `pages`).
//! - `relctl_commits_bound_total`: commits bound to releases by writes that committed.
//!
//! It needs a token with `org:read` (or a scope implying it) unless `serve --metrics-public`.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{MatchedPath, Request, State};
use axum::http::{Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use super::auth;
use super::error::ApiError;
use super::state::Api;
use crate::backend::watch::{StoreObserver, Wait};

/// OpenMetrics' content type (Prometheus picks its parser from it).
const CONTENT_TYPE: &str = "application/openmetrics-text; version=1.0.0; charset=utf-8";

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RequestLabels {
    method: &'static str,
    route: String,
    status: u16,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct RouteLabels {
    method: &'static str,
    route: String,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct WaitLabels {
    wait: &'static str,
}

#[derive(Debug, Clone, Hash, PartialEq, Eq, EncodeLabelSet)]
struct PoolLabels {
    pool: &'static str,
}

/// 1 ms to about 33 s, doubling.
fn request_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.001, 2.0, 16))
}

/// 0.1 ms to about 30 s (the longest waits are bounded at 30 s), doubling.
fn wait_buckets() -> Histogram {
    Histogram::new(exponential_buckets(0.0001, 2.0, 19))
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

/// One server's numbers.
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    durations: Histograms<RouteLabels>,
    waits: Histograms<WaitLabels>,
    commits_bound: Counter,
    connections_in_use: Gauge,
    connections_max: Gauge,
    permits_in_use: Family<PoolLabels, Gauge>,
}

impl Default for Metrics {
    fn default() -> Metrics {
        Metrics::new()
    }
}

impl Metrics {
    pub fn new() -> Metrics {
        let mut registry = Registry::default();
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "relctl_http_requests",
            "Requests answered, by method, route pattern and status",
            requests.clone(),
        );
        let durations: Histograms<RouteLabels> = Family::new_with_constructor(request_buckets);
        registry.register(
            "relctl_http_request_duration_seconds",
            "Time from a request's headers to its answer, by method and route pattern",
            durations.clone(),
        );
        let waits: Histograms<WaitLabels> = Family::new_with_constructor(wait_buckets);
        registry.register(
            "relctl_store_wait_seconds",
            "Time requests waited for a turn at the store (turn), a store connection (connection) or the write lock (write_lock)",
            waits.clone(),
        );
        let commits_bound = Counter::default();
        registry.register(
            "relctl_commits_bound",
            "Commits bound to releases by writes that committed",
            commits_bound.clone(),
        );
        let connections_in_use = Gauge::default();
        registry.register(
            "relctl_store_connections_in_use",
            "Connections of the PostgreSQL store's pool lent to requests now",
            connections_in_use.clone(),
        );
        let connections_max = Gauge::default();
        registry.register(
            "relctl_store_connections_max",
            "Connections the PostgreSQL store's pool may open (--pool-size)",
            connections_max.clone(),
        );
        let permits_in_use = Family::<PoolLabels, Gauge>::default();
        registry.register(
            "relctl_work_permits_in_use",
            "Requests doing their blocking work now (api: the API's turns, pages: the release pages')",
            permits_in_use.clone(),
        );
        Metrics {
            registry,
            requests,
            durations,
            waits,
            commits_bound,
            connections_in_use,
            connections_max,
            permits_in_use,
        }
    }

    fn answered(&self, method: &'static str, route: String, status: u16, took: Duration) {
        self.durations
            .get_or_create(&RouteLabels {
                method,
                route: route.clone(),
            })
            .observe(took.as_secs_f64());
        self.requests
            .get_or_create(&RequestLabels {
                method,
                route,
                status,
            })
            .inc();
    }
}

impl Metrics {
    /// A request waited `took` for a turn to do its blocking work (`state.rs`).
    pub fn waited_for_turn(&self, took: Duration) {
        self.waits
            .get_or_create(&WaitLabels { wait: "turn" })
            .observe(took.as_secs_f64());
    }
}

impl StoreObserver for Metrics {
    fn waited(&self, wait: Wait, took: Duration) {
        let wait = match wait {
            Wait::Connection => "connection",
            Wait::WriteLock => "write_lock",
        };
        self.waits
            .get_or_create(&WaitLabels { wait })
            .observe(took.as_secs_f64());
    }

    fn commits_bound(&self, count: u64) {
        self.commits_bound.inc_by(count);
    }
}

/// HTTP's usual methods by name; any other is `other`, so a client cannot grow the label set.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::DELETE => "DELETE",
        Method::PATCH => "PATCH",
        Method::OPTIONS => "OPTIONS",
        _ => "other",
    }
}

/// Where the route that matched a request writes its pattern, for [`count`] to read once the
/// answer is ready (a middleware around the router sees no `MatchedPath`; one on the routes
/// does).
#[derive(Clone, Default)]
struct RouteSlot(Arc<Mutex<Option<String>>>);

/// The outermost layer but the log's: counts and times every answer, 404s and timeouts too.
pub async fn count(
    State(metrics): State<Arc<Metrics>>,
    mut request: Request,
    next: Next,
) -> Response {
    let slot = RouteSlot::default();
    request.extensions_mut().insert(slot.clone());
    let method = method_label(request.method());
    let started = Instant::now();
    let response = next.run(request).await;
    let route = slot
        .0
        .lock()
        .ok()
        .and_then(|mut route| route.take())
        .unwrap_or_else(|| "unmatched".to_string());
    metrics.answered(method, route, response.status().as_u16(), started.elapsed());
    response
}

/// On every route: notes the route's pattern for [`count`].
pub async fn note_route(request: Request, next: Next) -> Response {
    if let (Some(slot), Some(matched)) = (
        request.extensions().get::<RouteSlot>(),
        request.extensions().get::<MatchedPath>(),
    ) && let Ok(mut route) = slot.0.lock()
    {
        *route = Some(matched.as_str().to_string());
    }
    next.run(request).await
}

/// `GET /metrics`: the text exposition; a token with `org:read` unless `--metrics-public`.
pub async fn metrics(State(api): State<Api>, request: Request) -> Result<Response, ApiError> {
    if !api.metrics_public {
        let (mut parts, _) = request.into_parts();
        let token = auth::authenticate(&mut parts, &api)
            .await?
            .map(|auth::Credentials(token)| token);
        auth::authorize(api.has_scope, token, auth::ORG_READ)?;
    }
    let metrics = &api.metrics;
    if let Some(pool) = api.backend.pool_use() {
        metrics
            .connections_in_use
            .set(i64::try_from(pool.in_use).unwrap_or(i64::MAX));
        metrics
            .connections_max
            .set(i64::try_from(pool.max).unwrap_or(i64::MAX));
    }
    for (pool, permits) in [("api", &api.permits), ("pages", &api.page_permits)] {
        let in_use = api
            .max_permits(pool)
            .saturating_sub(permits.available_permits());
        metrics
            .permits_in_use
            .get_or_create(&PoolLabels { pool })
            .set(i64::try_from(in_use).unwrap_or(i64::MAX));
    }
    let mut text = String::new();
    prometheus_client::encoding::text::encode(&mut text, &metrics.registry)
        .map_err(|err| ApiError::internal(format!("cannot write the metrics: {err}")))?;
    Ok(([(header::CONTENT_TYPE, CONTENT_TYPE)], text).into_response())
}
