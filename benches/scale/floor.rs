//! The floor under the direct `release new` rows on PostgreSQL: what a client that opens a
//! connection per operation cannot beat, measured beside SQLite's rate in the same run.
//!
//! A `relctl` process straight to PostgreSQL opens its own connection, and the server starts a
//! backend process for it (fork, authentication, catalog caches filled on first use) before
//! any of relctl's work; SQLite opens a file. Two floors, each with the clients of the table:
//! - **connect + SELECT 1**: the bench's own threads open a connection, run `SELECT 1` and close
//!   it, as fast as they can: the server's own cost of a connection, with no process started;
//! - **relctl info**: a `relctl --store URL info` process per operation, which connects and reads
//!   the store's mark: the least any relctl command does on the store.
//!
//! Where these are under 0.8x of SQLite's `release new`, no change to relctl's statements can
//! bring that row to 0.8x: only a connection that outlives the process can, as `relctl serve`
//! keeps its pool (the `serve` rows of the table).

use std::time::{Duration, Instant};

use super::{Bench, CLIENTS, CREATES, Job, JobKind, Outcome, Route, StoreKind, Target, Workload};

/// Measures both floors for each client count (`reps` times, medians) and prints them beside
/// SQLite's direct `release new` rate from `outcomes`.
pub fn print(bench: &Bench, jobs: &[Job], outcomes: &[Outcome], reps: usize) {
    let Some(admin) = bench.postgres.as_deref() else {
        return;
    };
    let store = bench.fresh_store(StoreKind::Postgres);
    if let Err(err) = super::run_ok(bench.store_cmd(&store).args(["project", "create", "bench"])) {
        println!("floor: could not set the store up: {err}");
        return;
    }
    println!();
    println!(
        "PostgreSQL floor, direct: a connection per operation ({CREATES} operations, medians of \
         {reps} runs)"
    );
    println!(
        "{:>7} {:>18} {:>14} {:>20} {:>12}",
        "clients", "connect+SELECT 1/s", "relctl info/s", "SQLite release new/s", "floor/SQLite"
    );
    for clients in CLIENTS {
        let mut connects = Vec::with_capacity(reps);
        let mut infos = Vec::with_capacity(reps);
        for _ in 0..reps {
            match connections(&store, clients) {
                Ok(wall) => connects.push(wall),
                Err(err) => return println!("floor: {err}"),
            }
            let target = Target::Store(store.clone());
            match bench.clients(clients, CREATES, &target, |_, _| vec!["info".into()]) {
                Ok(sample) => infos.push(sample.wall),
                Err(err) => return println!("floor: {err}"),
            }
        }
        let rate = |walls: Vec<Duration>| CREATES as f64 / super::median(walls).as_secs_f64();
        let (connect_rate, info_rate) = (rate(connects), rate(infos));
        let sqlite = sqlite_create_rate(jobs, outcomes, clients);
        println!(
            "{clients:>7} {connect_rate:>18.1} {info_rate:>14.1} {:>20} {:>12}",
            sqlite.map_or("-".into(), |r| format!("{r:.1}")),
            sqlite.map_or("-".into(), |r| format!("{:.2}x", info_rate / r)),
        );
    }
    super::drop_database(admin);
}

/// The wall time of `CREATES` connections over `clients` threads, each opening a connection,
/// running `SELECT 1` and closing it, one after the other.
fn connections(url: &str, clients: usize) -> Result<Duration, String> {
    let per = CREATES / clients;
    let started = Instant::now();
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|_| {
                scope.spawn(move || -> Result<(), String> {
                    for _ in 0..per {
                        let mut client = postgres::Client::connect(url, postgres::NoTls)
                            .map_err(|err| format!("connect: {err}"))?;
                        client
                            .simple_query("SELECT 1")
                            .map_err(|err| format!("SELECT 1: {err}"))?;
                    }
                    Ok(())
                })
            })
            .collect();
        handles.into_iter().try_for_each(|h| h.join().unwrap())
    })?;
    Ok(started.elapsed())
}

/// SQLite's direct `release new` rate with `clients` clients in this run, if it ran and passed.
fn sqlite_create_rate(jobs: &[Job], outcomes: &[Outcome], clients: usize) -> Option<f64> {
    jobs.iter()
        .zip(outcomes)
        .find(|(job, outcome)| {
            job.kind == JobKind::Pair
                && job.config.store == StoreKind::Sqlite
                && job.config.route == Route::Direct
                && job.config.clients == clients
                && outcome.failure.is_none()
        })
        .and_then(|(job, outcome)| outcome.of(job, Workload::Create))
        .map(|samples| super::summarize(samples).rate)
}
