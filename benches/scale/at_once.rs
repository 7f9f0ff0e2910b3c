//! The scale bench's two "at once" workloads: many PUTs of one prepared body of commits sent
//! through `serve` together, and many `relctl` processes started together.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Barrier;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use super::Sample;
use super::common::git;

/// The organization `serve` holds the releases in (the store's first one).
const ORG: &str = "default";
/// The repository the commits are bound to, as `set-commits --commit acme/bench@A..B` names it.
const REPOSITORY: &str = "acme/bench";

/// The PUT body that binds the commits of `range` (`A..B`) to a release, as `relctl
/// release set-commits` sends it through `serve`: each commit with its author, time, message
/// and changed files, and the range's end as the release's head commit.
pub fn put_body(repo: &Path, range: &str) -> Vec<u8> {
    let log = git(
        repo,
        &[
            "log",
            "--reverse",
            "--no-renames",
            "--name-status",
            "--format=%x1e%H%x1f%an%x1f%ae%x1f%aI%x1f%s",
            range,
        ],
    );
    let commits: Vec<Value> = log
        .split('\x1e')
        .filter(|chunk| !chunk.trim().is_empty())
        .map(commit_json)
        .collect();
    let (previous, head) = range.split_once("..").unwrap();
    let body = json!({
        "commits": commits,
        "refs": [{"repository": REPOSITORY, "commit": head, "previousCommit": previous}],
    });
    serde_json::to_vec(&body).unwrap()
}

/// One commit of `git log --name-status` with the bench's format, as the API's JSON.
fn commit_json(chunk: &str) -> Value {
    let mut lines = chunk.lines();
    let head: Vec<&str> = lines.next().unwrap().split('\x1f').collect();
    let patch_set: Vec<Value> = lines
        .filter_map(|line| line.split_once('\t'))
        .map(|(kind, path)| json!({"path": path, "type": kind}))
        .collect();
    json!({
        "id": head[0],
        "repository": REPOSITORY,
        "author_name": head[1],
        "author_email": head[2],
        "timestamp": head[3],
        "message": head[4],
        "patch_set": patch_set,
    })
}

/// Runs every job on its own thread, all released together once every thread is ready, and
/// waits for all of them: each job's time and result, and the wall time from the release to
/// the last one's end.
fn together<T: Send>(jobs: Vec<impl FnOnce() -> T + Send>) -> (Vec<(Duration, T)>, Duration) {
    let gate = Barrier::new(jobs.len() + 1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = jobs
            .into_iter()
            .map(|job| {
                let gate = &gate;
                scope.spawn(move || {
                    gate.wait();
                    let t = Instant::now();
                    let result = job();
                    (t.elapsed(), result)
                })
            })
            .collect();
        gate.wait();
        let started = Instant::now();
        let results: Vec<_> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        (results, started.elapsed())
    })
}

/// Sends `body` as the PUT of each of `versions`' releases, all at once (one thread each),
/// version `i` to instance `i % bases.len()`. Every answer must be a 2xx; the sample's
/// latencies are each request's, from sending to the answer read.
pub fn put_all(
    bases: &[String],
    token: &str,
    body: &[u8],
    versions: &[String],
) -> Result<Sample, String> {
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(600))
        .build()
        .map_err(|e| e.to_string())?;
    let requests: Vec<_> = versions
        .iter()
        .enumerate()
        .map(|(i, version)| {
            let url = format!(
                "{}/api/0/organizations/{ORG}/releases/{version}/",
                bases[i % bases.len()]
            );
            let request = client
                .put(url)
                .bearer_auth(token)
                .header(reqwest::header::CONTENT_TYPE, "application/json")
                .body(body.to_vec());
            move || match request.send() {
                Err(err) => Err(err.to_string()),
                Ok(answer) => {
                    let status = answer.status();
                    let text = answer.text().unwrap_or_default();
                    if status.is_success() {
                        Ok(())
                    } else {
                        Err(format!("{status}: {}", text.trim()))
                    }
                }
            }
        })
        .collect();
    let (answers, wall) = together(requests);
    let latencies = answers.iter().map(|(latency, _)| *latency).collect();
    let failures: Vec<String> = answers.into_iter().filter_map(|(_, a)| a.err()).collect();
    if !failures.is_empty() {
        return Err(format!(
            "{} of {} PUTs failed in {:.2} s: {}",
            failures.len(),
            versions.len(),
            wall.as_secs_f64(),
            tally(&failures)
        ));
    }
    Ok(Sample { wall, latencies })
}

/// Runs every command at once (one thread each) and waits for all of them. Every one must exit
/// 0; otherwise the error counts the exits 4 (a lock waited for too long) and the other
/// failures, and says what the first of each printed.
pub fn processes(commands: Vec<Command>) -> Result<Sample, String> {
    let total = commands.len();
    let runs: Vec<_> = commands
        .into_iter()
        .map(|mut cmd| move || cmd.output())
        .collect();
    let (runs, wall) = together(runs);
    let latencies: Vec<Duration> = runs.iter().map(|(latency, _)| *latency).collect();
    let (mut lock_waits, mut others) = (Vec::new(), Vec::new());
    for (_, out) in runs {
        match out {
            Ok(Output { status, .. }) if status.success() => {}
            Ok(Output { status, stderr, .. }) => {
                let said = format!(
                    "exit {}: {}",
                    status.code().unwrap_or(-1),
                    String::from_utf8_lossy(&stderr).trim()
                );
                if status.code() == Some(4) {
                    lock_waits.push(said);
                } else {
                    others.push(said);
                }
            }
            Err(err) => others.push(format!("not started: {err}")),
        }
    }
    if lock_waits.is_empty() && others.is_empty() {
        return Ok(Sample { wall, latencies });
    }
    let first = |failures: &[String]| {
        failures
            .first()
            .map_or(String::new(), |f| format!("; first {}", short(f)))
    };
    Err(format!(
        "in {:.2} s (slowest {:.2} s): {} of {total} exited 4, {} other failures{}{}",
        wall.as_secs_f64(),
        latencies.iter().max().unwrap().as_secs_f64(),
        lock_waits.len(),
        others.len(),
        first(&lock_waits),
        first(&others),
    ))
}

/// Failures counted by what they said (each shortened), most frequent first.
fn tally(failures: &[String]) -> String {
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for failure in failures {
        *counts.entry(short(failure)).or_default() += 1;
    }
    let mut counts: Vec<_> = counts.into_iter().collect();
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    counts
        .iter()
        .map(|(said, n)| format!("{n}x {said}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The first line of what a failure said, at most 160 characters.
fn short(said: &str) -> String {
    let line = said.lines().next().unwrap_or("");
    match line.char_indices().nth(160) {
        Some((at, _)) => format!("{}...", &line[..at]),
        None => line.to_string(),
    }
}
