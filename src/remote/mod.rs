//! The HTTP client of a server speaking Sentry's REST API (Sentry itself, or `relctl serve`),
//! which `crate::backend::remote::RemoteBackend` sends every request through.
//!
//! Writes are built by [`calls`] (the same functions `--dry-run` prints) and sent by [`http`]
//! (timeouts, bounded retries, a bounded answer, lists that must end); [`answer`] says what a
//! status means (error kinds, `Retry-After`, the next page), [`decode`] reads the bodies and
//! [`redact`] keeps the token out of what is shown.

pub mod answer;
pub mod calls;
pub mod decode;
pub mod http;
pub mod redact;

pub use calls::{HttpCall, Method};
pub use http::{HttpClient, HttpConfig, ListWant, Log, RetryPolicy};
