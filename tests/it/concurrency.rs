//! Many writers on one store at once, on the local store and through `relctl serve`: every
//! command succeeds, nothing is lost (everything is counted afterwards), every snowflake id and
//! slug is distinct, and set-commits racing on one release leave exactly one of the sets.
//!
//! The workload: 16 workers, each running 50 `relctl` commands one after another, ten kinds in
//! turn: project create (everyone with the same name), release new, set-commits, deploy new,
//! issue new, issue review, org set, linking a release every worker shares, set-commits on a
//! release every worker binds, and release finalize. Through serve, `issue new` (which has no
//! Sentry endpoint) runs on the server's store directly, beside the server.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::big_repo::{BigRepo, big_repo};
use crate::crash::{assert_store_sound, bound_commits, sorted};
use crate::harness::TestEnv;
use crate::remote::harness::Server;

const WORKERS: usize = 16;
const COMMANDS: usize = 50;
const KINDS: usize = 10;
const CYCLES: usize = COMMANDS / KINDS;

/// What one worker made, as the commands answered.
#[derive(Default)]
struct Made {
    /// (snowflake id, slug) of each project created.
    projects: Vec<(i64, String)>,
    /// (version, project slug, commit set) of each release created.
    releases: Vec<(String, String, usize)>,
    deploys: Vec<i64>,
    /// (short id, id) of each issue created.
    issues: Vec<(String, String)>,
    reviewed: usize,
    org_edits: usize,
    /// Commands that failed: the command, exit code, seconds and stderr.
    failures: Vec<String>,
    slowest: Duration,
}

impl Made {
    /// Runs a command with `--format json`; a failure is recorded and gives `None`.
    fn json(&mut self, env: &TestEnv, args: &[&str]) -> Option<Value> {
        let started = Instant::now();
        let out = env
            .cmd()
            .args(["--format", "json"])
            .args(args)
            .output()
            .unwrap();
        let took = started.elapsed();
        self.slowest = self.slowest.max(took);
        if !out.status.success() {
            self.failures.push(format!(
                "relctl {args:?}: exit {:?} after {took:.1?}: {}",
                out.status.code(),
                String::from_utf8_lossy(&out.stderr).trim()
            ));
            return None;
        }
        Some(serde_json::from_slice(&out.stdout).unwrap())
    }
}

/// The commit sets of worker `w`: two disjoint 10-commit ranges of the big repository.
fn worker_sets(repo: &BigRepo, w: usize) -> [(String, Vec<String>); 2] {
    let range = |from: usize, to: usize| {
        (
            format!("big@{}..{}", repo.back(from), repo.back(to)),
            sorted(repo.range(from, to)),
        )
    };
    [
        range(w * 100 + 10, w * 100),
        range(w * 100 + 20, w * 100 + 10),
    ]
}

/// Worker `w`'s 50 commands through `client`; `issues` runs `issue new` (the client itself,
/// or the server's store).
fn worker(w: usize, client: &TestEnv, issues: &TestEnv, repo: &BigRepo) -> Made {
    let sets = worker_sets(repo, w);
    let mut made = Made::default();
    let mut project = String::new();
    let mut release = String::new();
    let mut issue = String::new();
    for command in 0..COMMANDS {
        let cycle = command / KINDS;
        match command % KINDS {
            0 => {
                if let Some(p) = made.json(client, &["project", "create", "Shared Service"]) {
                    project = p["slug"].as_str().unwrap().to_string();
                    made.projects
                        .push((p["id"].as_i64().unwrap(), project.clone()));
                }
            }
            1 => {
                release = format!("w{w}-{cycle}");
                if made
                    .json(client, &["release", "new", &release, "-p", &project])
                    .is_some()
                {
                    made.releases.push((release.clone(), project.clone(), 0));
                }
            }
            2 => {
                let set = cycle % 2;
                let args = [
                    "release",
                    "set-commits",
                    &release,
                    "--repo",
                    repo.path(),
                    "--commit",
                    &sets[set].0,
                ];
                if made.json(client, &args).is_some()
                    && let Some(last) = made.releases.last_mut()
                {
                    last.2 = set;
                }
            }
            3 => {
                let env = format!("env{}", w % 3);
                if let Some(d) = made.json(client, &["deploy", "new", "-r", &release, "-e", &env]) {
                    made.deploys.push(d["id"].as_i64().unwrap());
                }
            }
            4 => {
                let title = format!("Crash {w}-{cycle}");
                if let Some(i) = made.json(issues, &["issue", "new", "-p", &project, &title]) {
                    issue = i["shortId"].as_str().unwrap().to_string();
                    made.issues.push((issue.clone(), i["id"].to_string()));
                }
            }
            5 => {
                if made.json(client, &["issue", "review", &issue]).is_some() {
                    made.reviewed += 1;
                }
            }
            6 => {
                let value = format!("secret-{w}-{cycle}");
                if made
                    .json(client, &["org", "set", "sensitiveFields", &value])
                    .is_some()
                {
                    made.org_edits += 1;
                }
            }
            7 => {
                made.json(client, &["release", "new", "shared-1.0", "-p", &project]);
            }
            8 => {
                let args = [
                    "release",
                    "set-commits",
                    "contended",
                    "--repo",
                    repo.path(),
                    "--commit",
                    &sets[0].0,
                ];
                made.json(client, &args);
            }
            _ => {
                made.json(client, &["release", "finalize", &release]);
            }
        }
    }
    made
}

/// Runs the workload with `client(w)` for worker w and checks the store afterwards through
/// `admin` (the local CLI on the same store).
fn run_workload(admin: &TestEnv, client: impl Fn(usize) -> TestEnv, issues_locally: bool) {
    let repo = big_repo();
    admin.ok(&["project", "create", "Base"]);
    admin.ok(&["release", "new", "contended", "-p", "base"]);
    let barrier = Arc::new(Barrier::new(WORKERS));
    let started = Instant::now();
    let made: Vec<Made> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..WORKERS)
            .map(|w| {
                let client = client(w);
                let barrier = Arc::clone(&barrier);
                scope.spawn(move || {
                    barrier.wait();
                    let issues = if issues_locally { admin } else { &client };
                    worker(w, &client, issues, repo)
                })
            })
            .collect();
        workers.into_iter().map(|w| w.join().unwrap()).collect()
    });
    let failures: Vec<&String> = made.iter().flat_map(|m| &m.failures).collect();
    let slowest = made.iter().map(|m| m.slowest).max().unwrap_or_default();
    eprintln!(
        "{WORKERS} x {COMMANDS} commands in {:.1?}; slowest command {slowest:.1?}; {} failed",
        started.elapsed(),
        failures.len()
    );
    assert!(failures.is_empty(), "commands failed:\n{failures:#?}");
    assert_store_sound(&admin.store, "after the workload");
    check_everything_is_there(admin, &made, repo);
}

fn check_everything_is_there(admin: &TestEnv, made: &[Made], repo: &BigRepo) {
    let all = |count: fn(&Made) -> usize| made.iter().map(count).sum::<usize>();
    let expected = WORKERS * CYCLES;
    for (what, count) in [
        ("projects", all(|m| m.projects.len())),
        ("releases", all(|m| m.releases.len())),
        ("deploys", all(|m| m.deploys.len())),
        ("issues", all(|m| m.issues.len())),
        ("reviews", all(|m| m.reviewed)),
        ("org edits", all(|m| m.org_edits)),
    ] {
        assert_eq!(count, expected, "{what} answered");
    }

    // Projects: every snowflake id and slug distinct, all of them listed.
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    for (id, slug) in made.iter().flat_map(|m| &m.projects) {
        assert!(ids.insert(*id), "duplicate snowflake id {id}");
        assert!(slugs.insert(slug.to_lowercase()), "duplicate slug {slug}");
    }
    assert!(slugs.contains("shared-service"));
    let listed = admin.json(&["project", "list"]);
    let listed: HashSet<i64> = listed
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_i64().unwrap())
        .collect();
    assert_eq!(listed.len(), expected + 1);
    assert!(ids.is_subset(&listed));

    // Releases: each with its project, its commits, one deploy, finalized.
    let list = admin.json(&["release", "list", "--limit", "10000"]);
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), expected + 2);
    for (version, project, set) in made.iter().flat_map(|m| &m.releases) {
        let w: usize = version[1..].split('-').next().unwrap().parse().unwrap();
        let release = list.iter().find(|r| r["version"] == *version).unwrap();
        assert_eq!(release["projects"][0]["slug"], *project, "{version}");
        assert_eq!(release["deployCount"], 1, "{version}");
        assert!(release["dateReleased"].is_string(), "{version} finalized");
        let (keys, _) = bound_commits(&admin.store, version).unwrap();
        assert_eq!(keys, worker_sets(repo, w)[*set].1, "{version}'s commits");
    }
    let deploy_ids: HashSet<i64> = made.iter().flat_map(|m| m.deploys.clone()).collect();
    assert_eq!(deploy_ids.len(), expected);

    // Issues: all there, distinct, all reviewed (out of the inbox).
    let issues = admin.json(&["issue", "list"]);
    let issues = issues.as_array().unwrap();
    assert_eq!(issues.len(), expected);
    assert!(
        issues.iter().all(|i| i["inbox"].is_null()),
        "an issue is still in the inbox"
    );
    let short_ids: HashSet<&str> = made
        .iter()
        .flat_map(|m| &m.issues)
        .map(|(short, _)| short.as_str())
        .collect();
    assert_eq!(short_ids.len(), expected);

    // Organization options: one audit entry per change.
    let audit = admin.json(&["org", "audit", "--limit", "10000"]);
    let edits = audit
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event"] == "ORG_EDIT" || e["event"] == "org.edit")
        .count();
    assert_eq!(edits, expected, "ORG_EDIT entries");

    // The shared release is linked to every project; the contended one holds one set, whole.
    let shared = admin.json(&["release", "info", "shared-1.0"]);
    assert_eq!(shared["projects"].as_array().unwrap().len(), expected);
    let (keys, count) = bound_commits(&admin.store, "contended").unwrap();
    assert_eq!(count as usize, keys.len());
    assert!(
        (0..WORKERS).any(|w| worker_sets(repo, w)[0].1 == keys),
        "release contended holds {} commits, not one worker's set",
        keys.len()
    );
}

#[test]
fn sixteen_processes_with_fifty_mixed_writes_each_on_one_store() {
    let env = TestEnv::new();
    run_workload(
        &env,
        |_| TestEnv::new().with_env("RELCTL_STORE", env.store.to_str().unwrap()),
        false,
    );
}

#[test]
fn sixteen_clients_with_fifty_mixed_writes_each_through_serve() {
    let server = Server::start();
    run_workload(&server.env, |_| server.client(), true);
    let log = server.log();
    let errors: Vec<&str> = log
        .lines()
        .filter(|line| {
            // "METHOD PATH STATUS DURATION"
            let fields: Vec<&str> = line.split_whitespace().collect();
            fields.len() == 4 && fields[2].starts_with('5')
        })
        .collect();
    assert!(errors.is_empty(), "serve answered 5xx: {errors:#?}");
    assert_eq!(server.stop(), Some(0));
}

/// Two set-commits of 1,000 commits each on one release, started together, `rounds` times:
/// each time the release holds exactly one of the two sets.
fn two_set_commits_at_once(a: &TestEnv, b: &TestEnv, store: &Path, rounds: usize) {
    let repo = big_repo();
    let sets = [(2000, 1000), (3000, 2000)].map(|(from, to)| {
        (
            format!("big@{}..{}", repo.back(from), repo.back(to)),
            sorted(repo.range(from, to)),
        )
    });
    let mut winners = [0, 0];
    for round in 0..rounds {
        let version = format!("race-{round}");
        a.ok(&["release", "new", &version, "-p", "base"]);
        let barrier = Barrier::new(2);
        let spans: Vec<(Instant, Instant)> = std::thread::scope(|scope| {
            let runs: Vec<_> = [(a, &sets[0].0), (b, &sets[1].0)]
                .into_iter()
                .map(|(env, spec)| {
                    let (barrier, version) = (&barrier, &version);
                    scope.spawn(move || {
                        barrier.wait();
                        let started = Instant::now();
                        let args = [
                            "release",
                            "set-commits",
                            version,
                            "--repo",
                            repo.path(),
                            "--commit",
                            spec,
                        ];
                        env.ok(&args);
                        (started, Instant::now())
                    })
                })
                .collect();
            runs.into_iter().map(|r| r.join().unwrap()).collect()
        });
        // They ran at the same time (each had started before the other ended).
        assert!(spans[0].0 < spans[1].1 && spans[1].0 < spans[0].1);
        let (keys, count) = bound_commits(store, &version).unwrap();
        assert_eq!(count as usize, keys.len());
        let winner = sets
            .iter()
            .position(|(_, set)| *set == keys)
            .unwrap_or_else(|| panic!("{version} holds {} commits: a mix", keys.len()));
        winners[winner] += 1;
    }
    eprintln!(
        "two set-commits at once: the first set stayed {} times, the second {} times",
        winners[0], winners[1]
    );
}

#[test]
fn two_set_commits_on_one_release_at_once_leave_one_set() {
    let env = TestEnv::new();
    env.ok(&["project", "create", "Base"]);
    two_set_commits_at_once(&env, &env, &env.store, 4);
}

#[test]
fn two_set_commits_on_one_release_at_once_through_serve_leave_one_set() {
    let server = Server::start();
    server.env.ok(&["project", "create", "Base"]);
    let (a, b) = (server.client(), server.client());
    two_set_commits_at_once(&a, &b, &server.env.store, 4);
}
