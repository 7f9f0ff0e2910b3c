//! relctl's integration tests: the real binary, real stores in tempdirs, real git repositories.
//!
//! The whole suite runs once per store: on SQLite files by default, and on PostgreSQL with
//! `RELCTL_TEST_STORE=postgres RELCTL_TEST_POSTGRES=postgres://USER@HOST:PORT/DB` (an admin URL
//! of a server the tests may create databases on; each test env gets a fresh database, see
//! `harness.rs`). Tests needing a server they cannot find say so on stderr and pass, unless
//! `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`): then they fail.
//!
//! SQLite-only on PostgreSQL (each says so on stderr when skipped), because its subject is the
//! SQLite file itself and PostgreSQL has no such file:
//! - `store_files::files_that_are_not_databases_are_refused_unchanged`: random bytes, a text
//!   file or a directory at the store path.
//! - `store_files::truncated_stores_are_refused_unchanged`: a file cut mid-page.
//! - `store_files::a_store_in_a_read_only_directory_can_be_read` and
//!   `store_files::a_read_only_store_file_can_be_read`: file modes.
//! - `store_files::a_store_without_the_application_id_is_read_as_is_and_marked_by_the_first_write`:
//!   stores older than the `PRAGMA application_id` mark are SQLite files; a PostgreSQL store is
//!   marked by the write that creates it.
//! - `projects::the_store_file_is_private`: the file's mode 0600 and its directory's 0700.
//! - The rows of `bad_inputs` whose store is a directory, random bytes or a truncated file.
//!
//! Everything else runs on PostgreSQL too, some with a PostgreSQL counterpart of a SQLite check:
//! another application's database, a newer relctl's store, an old schema and a failed migration
//! (`store_files`), the crash tests' soundness check (`crash`: every table reads back and every
//! constraint is validated, where SQLite runs `integrity_check`), and the writer holding the
//! lock (`set_commits`: the organization's advisory lock, where SQLite holds `BEGIN IMMEDIATE`).
//! Tests about a store *path* (config files, `--store FILE`) still use that file on both runs.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod ancestry;
mod args;
mod bad_inputs;
mod big_repo;
mod concurrency;
mod config_files;
mod crash;
mod encodings;
mod generated;
mod git;
mod github_action;
mod harness;
mod help;
mod hints;
mod hostile_server;
mod inputs;
mod issues;
mod loopback;
// wait4 reports the peak RSS in KiB on Linux (in bytes on macOS).
#[cfg(target_os = "linux")]
mod memory;
mod orgs;
mod pages;
mod pg_store;
mod projects;
mod quiet;
mod redis;
mod release_info;
mod release_locks;
mod releases;
mod remote;
mod remote_http;
mod scale_out;
mod secrets;
mod sentry_cli;
mod sentry_cli_flags;
mod sentry_cli_script;
mod server;
mod set_commits;
mod store_files;
mod store_migrate;
mod tables;
mod tls;
