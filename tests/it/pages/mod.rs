//! The release pages of `relctl serve`, for people: the login, the pages' content and escaping
//! over plain HTTP (`http.rs`), and a real headless Chromium clicking through them
//! (`browser.rs`). Both run against a real `relctl serve` whose store holds releases bound to a
//! real git repository.

mod browser;
mod http;

use crate::harness::Repo;
use crate::remote::harness::Server;

/// A version made to break out of the HTML when it is not escaped (versions may not hold `/`).
pub const XSS_VERSION: &str = "<script>alert(1)<script>";

/// A version that needs percent-encoding in a link.
pub const SPACED_VERSION: &str = "2.0 beta?#1%";

/// A server whose store has project `backend`, issue BACKEND-1 (resolved by release 1.0.0's
/// commit "Fixes BACKEND-1"), BACKEND-2 (in the inbox), a deploy of 1.0.0, and the releases
/// [`XSS_VERSION`] and [`SPACED_VERSION`].
pub struct Fixture {
    pub server: Server,
    _repo: tempfile::TempDir,
}

impl Fixture {
    pub fn start(extra: &[&str]) -> Fixture {
        let server = Server::start_with(extra);
        let client = server.client();
        client.json(&["project", "create", "Backend"]);
        server
            .env
            .json(&["issue", "new", "-p", "backend", "Checkout <b>crash</b>"]);
        server
            .env
            .json(&["issue", "new", "-p", "backend", "Slow page"]);
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo::init(&dir.path().join("repo"));
        repo.commit("README.md", "hi", "Initial import");
        repo.commit(
            "src/cart.rs",
            "fn guard() {}",
            "Fixes BACKEND-1: guard the cart",
        );
        client.json(&["release", "new", "1.0.0", "-p", "backend"]);
        let bound = client.json(&["release", "set-commits", "1.0.0", "--repo", repo.path()]);
        assert_eq!(bound["resolvedIssues"], serde_json::json!(["BACKEND-1"]));
        client.json(&["deploy", "new", "-r", "1.0.0", "-e", "production"]);
        client.json(&["release", "new", XSS_VERSION, "-p", "backend"]);
        client.json(&["release", "new", SPACED_VERSION, "-p", "backend"]);
        Fixture { server, _repo: dir }
    }
}
