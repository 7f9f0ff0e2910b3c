//! `relctl serve`'s API (`relctl::server`): in-process over a real local backend on a temporary
//! store (`harness.rs`), and over a loopback socket (`socket.rs`).

mod access;
mod harness;
mod issue_updates;
mod limits;
mod operators;
mod operators_socket;
mod org_put;
mod origin;
mod props;
mod refs;
mod refused;
mod releases;
mod request_log;
mod resources;
mod sentry_answers;
mod slow_clients;
mod socket;
mod systemd;
