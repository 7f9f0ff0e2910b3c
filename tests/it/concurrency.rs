//! Many processes sharing one store: all succeed, no duplicate snowflake id or slug.

use std::collections::HashSet;
use std::sync::{Arc, Barrier};

use crate::harness::TestEnv;

#[test]
fn eight_processes_create_projects_and_releases_at_once() {
    let env = Arc::new(TestEnv::new());
    let barrier = Arc::new(Barrier::new(8));
    let workers: Vec<_> = (0..8)
        .map(|worker| {
            let env = Arc::clone(&env);
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                let mut made = Vec::new();
                for round in 0..3 {
                    // Everyone uses the same name: slugs must still come out unique.
                    let project = env.json(&["project", "create", "Shared Service"]);
                    let slug = project["slug"].as_str().unwrap().to_string();
                    let version = format!("{worker}.{round}.0");
                    env.json(&["release", "new", &version, "-p", &slug]);
                    // And one release everyone links to.
                    env.json(&["release", "new", "shared-1.0", "-p", &slug]);
                    made.push((project["id"].as_i64().unwrap(), slug));
                }
                made
            })
        })
        .collect();
    let mut ids = HashSet::new();
    let mut slugs = HashSet::new();
    for worker in workers {
        for (id, slug) in worker.join().unwrap() {
            assert!(ids.insert(id), "duplicate snowflake id {id}");
            assert!(slugs.insert(slug.to_lowercase()), "duplicate slug {slug}");
        }
    }
    assert_eq!(ids.len(), 24);
    assert!(slugs.contains("shared-service"));
    let list = env.json(&["release", "list", "--limit", "1000"]);
    assert_eq!(list.as_array().unwrap().len(), 25);
    let shared = env.json(&["release", "info", "shared-1.0"]);
    assert_eq!(shared["projects"].as_array().unwrap().len(), 24);
}
