//! relctl's integration tests: the real binary, real stores in tempdirs, real git repositories.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod args;
mod bad_inputs;
mod concurrency;
mod config_files;
mod generated;
mod git;
mod harness;
mod inputs;
mod issues;
mod loopback;
mod orgs;
mod projects;
mod releases;
mod remote;
mod remote_http;
mod server;
mod set_commits;
mod store_files;
