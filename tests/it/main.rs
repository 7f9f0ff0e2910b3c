//! relctl's integration tests: the real binary, real stores in tempdirs, real git repositories.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod args;
mod bad_inputs;
mod big_repo;
mod concurrency;
mod config_files;
mod crash;
mod generated;
mod git;
mod harness;
mod inputs;
mod issues;
mod loopback;
mod orgs;
mod pg_store;
mod projects;
mod redis;
mod releases;
mod remote;
mod remote_http;
mod scale_out;
mod secrets;
mod server;
mod set_commits;
mod store_files;
mod store_migrate;
