//! The server's bounds, in-process: how many requests work at once, and how long one may take.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use super::harness::App;

/// Counts the token lookups running at once, and the most seen.
#[derive(Default)]
struct Gauge {
    now: AtomicUsize,
    peak: AtomicUsize,
}

impl Gauge {
    fn enter(&self) {
        let now = self.now.fetch_add(1, Ordering::SeqCst) + 1;
        self.peak.fetch_max(now, Ordering::SeqCst);
    }
    fn leave(&self) {
        self.now.fetch_sub(1, Ordering::SeqCst);
    }
}

/// An app whose token lookups take `pause` and are counted by the gauge.
fn slow_app(
    gauge: &Arc<Gauge>,
    pause: Duration,
    configure: impl FnOnce(&mut relctl::server::ServeOptions),
) -> App {
    let gauge = Arc::clone(gauge);
    App::with(move |opts| {
        let real = Arc::clone(&opts.authenticate);
        opts.authenticate = Arc::new(move |secret: &str| {
            gauge.enter();
            std::thread::sleep(pause);
            gauge.leave();
            real(secret)
        });
        configure(opts);
    })
}

#[test]
fn at_most_max_concurrent_requests_work_at_once() {
    let gauge = Arc::new(Gauge::default());
    let app = slow_app(&gauge, Duration::from_millis(50), |opts| {
        opts.max_concurrent = 2
    });
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..12)
            .map(|_| scope.spawn(|| app.get("/api/0/organizations/default/").status))
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    assert_eq!(statuses, vec![200; 12]);
    assert_eq!(
        gauge.peak.load(Ordering::SeqCst),
        2,
        "the limit is reached, never passed"
    );
}

#[test]
fn the_default_limit_scales_with_the_cores() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(relctl::server::default_max_concurrent(), cores * 4);
}

#[test]
fn a_request_over_the_timeout_is_a_json_503_and_logged() {
    let gauge = Arc::new(Gauge::default());
    let app = slow_app(&gauge, Duration::from_millis(800), |opts| {
        opts.request_timeout = Duration::from_millis(200)
    });
    let answer = app.get("/api/0/organizations/default/");
    assert_eq!(answer.status, 503, "{}", answer.body);
    assert_eq!(
        answer.body,
        serde_json::json!({"detail": "The request did not complete within 0.2 seconds"})
    );
    let answer = app.call("GET", "/api/0/", None, None);
    assert_eq!(answer.status, 200, "anonymous: no token lookup, no wait");
    let log = app.log.lock().unwrap().clone();
    assert!(
        log[0].starts_with("GET /api/0/organizations/default/ 503 ")
            && log[0].contains("timed out"),
        "{log:?}"
    );
}
