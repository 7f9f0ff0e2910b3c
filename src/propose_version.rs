//! `release propose-version`: a version name from CI environment variables, else the git HEAD.
//!
//! The order keeps sentry-cli's sources first (so existing pipelines get the same name), then
//! adds the CI systems it ignores (client-reference.md section 3 and 9.11). On a GitHub pull
//! request the PR head sha is used instead of the synthetic merge commit.

use std::path::Path;

use crate::config::Environment;
use crate::error::{Error, Result};

/// Environment variables consulted, in order.
const SOURCES: &[&str] = &[
    "SENTRY_RELEASE",
    "SOURCE_VERSION",
    "HEROKU_BUILD_COMMIT",
    "HEROKU_SLUG_COMMIT",
    "CODEBUILD_RESOLVED_SOURCE_VERSION",
    "CIRCLE_SHA1",
    "CF_PAGES_COMMIT_SHA",
    "GAE_DEPLOYMENT_ID",
    "CI_COMMIT_SHA",
    "BITBUCKET_COMMIT",
    "BUILDKITE_COMMIT",
    "VERCEL_GIT_COMMIT_SHA",
];

/// Every variable [`propose`] may read, after the global ones (cli.md: one that is not valid
/// UTF-8 is a usage error naming it, never silently skipped for the next source or git's HEAD).
pub const VARIABLES: &[&str] = &[
    "SENTRY_RELEASE",
    "SOURCE_VERSION",
    "HEROKU_BUILD_COMMIT",
    "HEROKU_SLUG_COMMIT",
    "CODEBUILD_RESOLVED_SOURCE_VERSION",
    "CIRCLE_SHA1",
    "CF_PAGES_COMMIT_SHA",
    "GAE_DEPLOYMENT_ID",
    "CI_COMMIT_SHA",
    "BITBUCKET_COMMIT",
    "BUILDKITE_COMMIT",
    "VERCEL_GIT_COMMIT_SHA",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "GITHUB_SHA",
];

/// Proposes a version name and checks it like any version.
pub fn propose(env: &dyn Environment, repo: Option<&Path>) -> Result<String> {
    let version = match from_environment(env) {
        Some(version) => version,
        None => {
            let repo = crate::git::open(repo).map_err(|err| {
                Error::usage(format!(
                    "could not determine a release name: no CI variable is set and {err}"
                ))
            })?;
            repo.resolve_commit("HEAD")
                .map_err(|err| Error::usage(format!("could not determine a release name: {err}")))?
        }
    };
    let version = version.trim().to_string();
    crate::flow::releases::check_version(&version)?;
    Ok(version)
}

fn from_environment(env: &dyn Environment) -> Option<String> {
    if let Some(version) = SOURCES.iter().find_map(|name| env.var(name)) {
        return Some(version);
    }
    if let Some(sha) = github_pull_request_head(env) {
        return Some(sha);
    }
    env.var("GITHUB_SHA")
}

/// On a `pull_request` event, `pull_request.head.sha` from the event file.
pub(crate) fn github_pull_request_head(env: &dyn Environment) -> Option<String> {
    if env.var("GITHUB_EVENT_NAME")?.as_str() != "pull_request" {
        return None;
    }
    let text = std::fs::read_to_string(env.var("GITHUB_EVENT_PATH")?).ok()?;
    let event: serde_json::Value = serde_json::from_str(&text).ok()?;
    event
        .pointer("/pull_request/head/sha")?
        .as_str()
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FakeEnv;

    #[test]
    fn sources_in_order() {
        let env = FakeEnv::new(&[("GITHUB_SHA", "gh"), ("CIRCLE_SHA1", "circle")]);
        assert_eq!(from_environment(&env).as_deref(), Some("circle"));
        let env = FakeEnv::new(&[("GITHUB_SHA", "gh")]);
        assert_eq!(from_environment(&env).as_deref(), Some("gh"));
        let env = FakeEnv::new(&[("CI_COMMIT_SHA", "gitlab")]);
        assert_eq!(from_environment(&env).as_deref(), Some("gitlab"));
    }

    #[test]
    fn github_pull_requests_use_the_head_sha() {
        let dir = tempfile::tempdir().unwrap();
        let event = dir.path().join("event.json");
        std::fs::write(&event, r#"{"pull_request":{"head":{"sha":"abc123"}}}"#).unwrap();
        let path = event.display().to_string();
        let env = FakeEnv::new(&[
            ("GITHUB_SHA", "merge"),
            ("GITHUB_EVENT_NAME", "pull_request"),
            ("GITHUB_EVENT_PATH", &path),
        ]);
        assert_eq!(from_environment(&env).as_deref(), Some("abc123"));
        std::fs::write(&event, "not json").unwrap();
        assert_eq!(from_environment(&env).as_deref(), Some("merge"));
    }

    #[test]
    fn every_source_is_checked_for_utf8() {
        for name in SOURCES
            .iter()
            .chain(&["GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH", "GITHUB_SHA"])
        {
            assert!(VARIABLES.contains(name), "{name}");
        }
    }

    #[test]
    fn invalid_proposals_are_rejected() {
        let env = FakeEnv::new(&[("SENTRY_RELEASE", "a/b")]);
        let err = propose(&env, None).unwrap_err();
        assert_eq!(err.kind, crate::error::ErrorKind::Usage);
    }
}
