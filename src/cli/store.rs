//! `relctl store`: the store itself rather than what is in it.
//!
//! `store migrate` copies a SQLite store into PostgreSQL, for a team that outgrows one machine
//! and keeps its history (`crate::store::copy` says how the copy is made and verified). Its
//! source and target are its own flags, so it runs without the configured target: it needs no
//! place for a default store, and an explicit `--store` or `--url` beside it is refused rather
//! than silently ignored (`--store` would read as the source, and it is not).

use std::path::PathBuf;
use std::time::Instant;

use clap::{Args, Subcommand};
use serde::Serialize;

use super::GlobalArgs;
use crate::error::{Error, Result};
use crate::output::{Output, table};
use crate::secrets::shown_store_url;
use crate::store::copy::{self, Mode};
use crate::store::postgres::is_url;

/// Shown after `relctl store migrate --help`.
#[derive(Debug, Subcommand)]
pub enum StoreCommand {
    /// Copy a SQLite store into PostgreSQL, ids and all, in one verified transaction
    ///
    /// Copies every table of the SQLite store --from, with every id (project snowflakes, issue,
    /// release and commit ids), into the PostgreSQL database --to, and moves each id sequence past
    /// the copied ids so new rows follow on. The database must be empty, or an empty relctl store
    /// (its schema and default organization only); one that holds data is refused with exit 4 and
    /// nothing is written. The whole copy is one PostgreSQL transaction: before it commits, every
    /// table is read back and compared with the store row by row (counts, ids, every value), and
    /// any difference rolls it all back (exit 1, naming the table). The store is only read: it
    /// stays as it is, and an older relctl's store is read at the latest schema. Prints the rows
    /// copied per table; --format json prints {from, to, dryRun, tables: [{name, rows}], rows,
    /// seconds}. A password in --to is never printed.
    #[command(after_long_help = super::examples::STORE_MIGRATE)]
    Migrate(MigrateArgs),
}

#[derive(Debug, Args)]
pub struct MigrateArgs {
    /// The SQLite store to copy (only read)
    #[arg(long, value_name = "PATH")]
    pub from: PathBuf,

    /// The PostgreSQL database to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE
    #[arg(long, value_name = "URL")]
    pub to: String,
}

/// `--format json` of `store migrate`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Migration {
    from: String,
    /// The URL, its password masked.
    to: String,
    /// True when the copy was rolled back (`--dry-run`).
    dry_run: bool,
    /// In the order they were loaded.
    tables: Vec<TableRows>,
    /// Rows of every table together.
    rows: u64,
    seconds: f64,
}

#[derive(Debug, Serialize)]
struct TableRows {
    name: String,
    rows: u64,
}

/// Runs `relctl store ...`; `url_flag` is whether `--url` was on the command line.
pub fn run(global: &GlobalArgs, url_flag: bool, out: &Output, cmd: &StoreCommand) -> Result<()> {
    match cmd {
        StoreCommand::Migrate(args) => migrate(global, url_flag, out, args),
    }
}

fn migrate(global: &GlobalArgs, url_flag: bool, out: &Output, args: &MigrateArgs) -> Result<()> {
    if global.store.is_some() || url_flag {
        let flag = if url_flag { "--url" } else { "--store" };
        return Err(Error::usage(format!(
            "store migrate reads the store given by --from and writes the database given by --to; \
             {flag} is not used by it"
        )));
    }
    if !is_url(&args.to) {
        return Err(Error::usage(format!(
            "--to must be a PostgreSQL URL (postgres://USER@HOST:PORT/DATABASE), not {}",
            shown_store_url(&args.to)
        )));
    }
    if args.from.to_str().is_some_and(is_url) {
        return Err(Error::usage(
            "--from must be a SQLite store file, not a PostgreSQL URL (copy between PostgreSQL databases with pg_dump)",
        ));
    }
    let mode = if global.dry_run {
        Mode::Rehearse
    } else {
        Mode::Commit
    };
    let started = Instant::now();
    let mut log = |line: &str| {
        if global.verbose > 0 {
            out.note(line);
        }
    };
    let copied = copy::sqlite_to_postgres(&args.from, &args.to, mode, &mut log)?;
    let migration = Migration {
        from: args.from.display().to_string(),
        to: shown_store_url(&args.to),
        dry_run: mode == Mode::Rehearse,
        rows: copied.iter().map(|t| t.rows).sum(),
        tables: copied
            .into_iter()
            .map(|t| TableRows {
                name: t.name,
                rows: t.rows,
            })
            .collect(),
        seconds: (started.elapsed().as_secs_f64() * 1000.0).round() / 1000.0,
    };
    out.emit_written(&migration, |m| {
        let rows: Vec<Vec<String>> = m
            .tables
            .iter()
            .map(|t| vec![t.name.clone(), t.rows.to_string()])
            .collect();
        table(&["TABLE", "ROWS"], &rows)
    })?;
    let what = format!(
        "{} rows of {} tables from {} to {}",
        migration.rows,
        migration.tables.len(),
        migration.from,
        migration.to
    );
    out.message(&if migration.dry_run {
        format!(
            "Dry run: copied and verified {what} in {:.1} s, then rolled back; nothing was written",
            migration.seconds
        )
    } else {
        format!(
            "Copied {what} in {:.1} s; every table matches the store (counts, ids and values)",
            migration.seconds
        )
    });
    Ok(())
}
