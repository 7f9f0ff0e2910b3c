//! A real browser on the pages: Debian's headless Chromium driven through chromedriver
//! (WebDriver, with fantoccini) logs in with the form, reads the list, clicks into a release,
//! and opens a release whose version is markup, which must show as text with no dialog open.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian's `chromium` and
//! `chromium-driver`). Without them the test says so in one line and passes, unless
//! `RELCTL_REQUIRE_SERVERS=1` (set by `.ci/run`), where it fails.

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

use super::{Fixture, XSS_VERSION};

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// A chromedriver of the test's own, in a process group of its own with the browsers it
/// starts; the whole group is killed when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    /// Starts chromedriver on a free port and waits until it answers; `None` (with a note)
    /// when Chromium or chromedriver is not installed.
    fn start(log: &Path) -> Option<Driver> {
        if !Path::new(CHROMIUM).exists() || !Path::new(CHROMEDRIVER).exists() {
            assert!(
                std::env::var("RELCTL_REQUIRE_SERVERS").as_deref() != Ok("1"),
                "{CHROMIUM} or {CHROMEDRIVER} not found, and RELCTL_REQUIRE_SERVERS=1 requires them"
            );
            eprintln!(
                "skipped: {CHROMIUM} or {CHROMEDRIVER} not found (install Debian's chromium and chromium-driver; .ci/run does)"
            );
            return None;
        }
        let port = crate::harness::free_port();
        let child = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .process_group(0)
            .spawn()
            .unwrap();
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
        };
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let ready = reqwest::blocking::get(format!("{}/status", driver.url))
                .is_ok_and(|resp| resp.status().is_success());
            if ready {
                return Some(driver);
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not answer: {}",
                std::fs::read_to_string(log).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let group = self.child.id() as i32;
        unsafe {
            libc::kill(-group, libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

/// Headless Chromium with a new empty profile, nothing fetched in the background.
fn capabilities(profile: &Path) -> serde_json::Map<String, serde_json::Value> {
    let options = json!({
        "binary": CHROMIUM,
        "args": [
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-dev-shm-usage",
            format!("--user-data-dir={}", profile.display()),
        ],
    });
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    caps.insert("goog:chromeOptions".into(), options);
    caps
}

#[test]
fn a_browser_logs_in_and_clicks_through_the_pages() {
    let dir = tempfile::tempdir().unwrap();
    let Some(driver) = Driver::start(&dir.path().join("chromedriver.log")) else {
        return;
    };
    let fx = Fixture::start(&[]);
    let profile = dir.path().join("profile");
    std::fs::create_dir(&profile).unwrap();
    let started = Instant::now();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities(&profile))
            .connect(&driver.url)
            .await
            .unwrap();
        // Close the browser whatever happened, then report.
        let walked = tokio::time::timeout(
            Duration::from_secs(120),
            walk(&client, &fx.server.url, &fx.server.token),
        )
        .await;
        let _ = client.close().await;
        walked.expect("the walk through the pages took over 2 minutes");
    });
    eprintln!(
        "browser walk through the pages: {:.1}s",
        started.elapsed().as_secs_f64()
    );
    drop(driver);
}

/// Clicks the element `locator` finds (which must be there).
async fn click(client: &Client, locator: Locator<'_>) {
    client
        .find(locator)
        .await
        .unwrap_or_else(|err| panic!("no {locator:?}: {err}"))
        .click()
        .await
        .unwrap();
}

async fn text_of(client: &Client, css: &str) -> String {
    client
        .wait()
        .at_most(Duration::from_secs(20))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|err| panic!("no {css}: {err}"))
        .text()
        .await
        .unwrap()
}

async fn path_of(client: &Client) -> String {
    client.current_url().await.unwrap().path().to_string()
}

/// Waits until the browser is at `path` (a click's navigation is not awaited by WebDriver).
async fn arrive(client: &Client, path: &str) {
    let deadline = Instant::now() + Duration::from_secs(20);
    while path_of(client).await != path {
        assert!(
            Instant::now() < deadline,
            "still at {}, not {path}",
            path_of(client).await
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

async fn walk(client: &Client, url: &str, token: &str) {
    // No cookie yet: the list sends the browser to the login form.
    client.goto(&format!("{url}/")).await.unwrap();
    arrive(client, "/login").await;
    assert_eq!(text_of(client, "h1").await, "Log in");

    // A wrong token: the form again, with the error.
    let field = client
        .find(Locator::Css("input[name=token]"))
        .await
        .unwrap();
    field.send_keys("relctl_wrong").await.unwrap();
    click(client, Locator::Css("form.login button")).await;
    let error = text_of(client, "p.error").await;
    assert!(error.contains("not valid"), "{error}");

    // The right one: the release list.
    let field = client
        .find(Locator::Css("input[name=token]"))
        .await
        .unwrap();
    field.send_keys(token).await.unwrap();
    click(client, Locator::Css("form.login button")).await;
    arrive(client, "/").await;
    let list = text_of(client, "main").await;
    assert!(list.starts_with("Releases"), "{list}");
    assert!(list.contains("1.0.0"), "{list}");
    assert!(client.find(Locator::Css("svg.chart")).await.is_ok());

    // One release: its commits, files, resolved issue and deploy.
    click(client, Locator::LinkText("1.0.0")).await;
    arrive(client, "/releases/1.0.0").await;
    assert_eq!(text_of(client, "h1").await, "Release 1.0.0");
    let page = text_of(client, "main").await;
    for wanted in [
        "Fixes BACKEND-1: guard the cart",
        "Initial import",
        "src/cart.rs",
        "BACKEND-1 Checkout <b>crash</b>",
        "production",
    ] {
        assert!(page.contains(wanted), "{wanted} in {page}");
    }

    // The release whose version is markup: text, and nothing ran.
    click(client, Locator::LinkText("← All releases")).await;
    arrive(client, "/").await;
    click(client, Locator::LinkText(XSS_VERSION)).await;
    arrive(client, "/releases/%3Cscript%3Ealert%281%29%3Cscript%3E").await;
    assert_eq!(
        text_of(client, "h1").await,
        format!("Release {XSS_VERSION}")
    );
    let alert = client.get_alert_text().await;
    assert!(
        matches!(&alert, Err(err) if err.is_no_such_alert()),
        "a dialog is open: {alert:?}"
    );
    let scripts = client.find_all(Locator::Css("script")).await.unwrap();
    assert!(scripts.is_empty(), "{} script elements", scripts.len());

    // The issues page, through the navigation.
    click(client, Locator::LinkText("Issues")).await;
    arrive(client, "/issues").await;
    let issues = text_of(client, "main").await;
    assert!(issues.contains("Slow page"), "{issues}");

    // Logging out ends the session.
    click(client, Locator::Css("header form button")).await;
    arrive(client, "/login").await;
    client.goto(&format!("{url}/issues")).await.unwrap();
    arrive(client, "/login").await;
}
