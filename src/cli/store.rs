//! `relctl store`: the store itself rather than what is in it.
//!
//! `store migrate` copies a SQLite store into PostgreSQL, for a team that outgrows one machine
//! and keeps its history (`ops::store_migrate` runs it; `store::copy` makes and verifies it). Its
//! source and target are its own flags, so it runs without the configured target: it needs no
//! place for a default store, and an explicit `--store` or `--url` beside it is refused rather
//! than silently ignored (`--store` would read as the source, and it is not).

use std::path::PathBuf;

use clap::{Args, Subcommand};

use super::GlobalArgs;
use crate::error::{Error, Result};
use crate::ops::store_migrate::migrate;
use crate::output::{Output, table};

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

/// Runs `relctl store ...`; `url_flag` is whether `--url` was on the command line.
pub fn run(global: &GlobalArgs, url_flag: bool, out: &Output, cmd: &StoreCommand) -> Result<()> {
    match cmd {
        StoreCommand::Migrate(args) => run_migrate(global, url_flag, out, args),
    }
}

fn run_migrate(
    global: &GlobalArgs,
    url_flag: bool,
    out: &Output,
    args: &MigrateArgs,
) -> Result<()> {
    if global.store.is_some() || url_flag {
        let flag = if url_flag { "--url" } else { "--store" };
        return Err(Error::usage(format!(
            "store migrate reads the store given by --from and writes the database given by --to; \
             {flag} is not used by it"
        )));
    }
    let mut log = |line: &str| {
        if global.verbose > 0 {
            out.note(line);
        }
    };
    let migration = migrate(&args.from, &args.to, global.dry_run, &mut log)?;
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
