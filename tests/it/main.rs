//! relctl's integration tests: the real binary, real stores in tempdirs, real git repositories.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod big_repo;
mod concurrency;
mod crash;
mod generated;
mod git;
mod harness;
mod issues;
mod loopback;
mod orgs;
mod projects;
mod releases;
mod remote;
mod remote_http;
mod secrets;
mod server;
mod set_commits;
