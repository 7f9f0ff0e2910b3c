//! The commit a CI job checked out, and the repository's name, from the job's variables.
//!
//! Outside any git repository (a deploy job given only the build's artifacts, or a checkout
//! step skipped), `release set-commits` can still name the release's head to a server that
//! keeps its own copy of the repository (cli.md, "Refs"): the CI systems below all say which
//! commit the job is for and which repository it came from. Each system's pair is read
//! together, so a name from one system is never joined to a commit from another. Only a full
//! commit id is taken: nothing here can resolve a branch name.

use crate::config::Environment;
use crate::domain::commit_id::is_full_commit_id;

/// A job's commit and, when the CI system says it, the repository's `owner/name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CiCheckout {
    /// The variable the commit came from, for messages.
    pub source: &'static str,
    pub repository: Option<String>,
    pub commit: String,
}

/// One CI system: the variable holding the commit, and how it names the repository.
struct System {
    commit: &'static str,
    /// Where the commit is read from, when not only `commit` (GitHub's pull requests).
    head: fn(&dyn Environment) -> Option<String>,
    repository: fn(&dyn Environment) -> Option<String>,
}

fn joined(env: &dyn Environment, owner: &str, name: &str) -> Option<String> {
    Some(format!("{}/{}", env.var(owner)?, env.var(name)?))
}

const SYSTEMS: &[System] = &[
    System {
        commit: "GITHUB_SHA",
        head: |env| {
            crate::propose_version::github_pull_request_head(env).or_else(|| env.var("GITHUB_SHA"))
        },
        repository: |env| env.var("GITHUB_REPOSITORY"),
    },
    System {
        commit: "CI_COMMIT_SHA",
        head: |env| env.var("CI_COMMIT_SHA"),
        repository: |env| env.var("CI_PROJECT_PATH"),
    },
    System {
        commit: "BITBUCKET_COMMIT",
        head: |env| env.var("BITBUCKET_COMMIT"),
        repository: |env| env.var("BITBUCKET_REPO_FULL_NAME"),
    },
    System {
        commit: "CIRCLE_SHA1",
        head: |env| env.var("CIRCLE_SHA1"),
        repository: |env| joined(env, "CIRCLE_PROJECT_USERNAME", "CIRCLE_PROJECT_REPONAME"),
    },
    System {
        commit: "VERCEL_GIT_COMMIT_SHA",
        head: |env| env.var("VERCEL_GIT_COMMIT_SHA"),
        repository: |env| joined(env, "VERCEL_GIT_REPO_OWNER", "VERCEL_GIT_REPO_SLUG"),
    },
    System {
        commit: "BUILDKITE_COMMIT",
        head: |env| env.var("BUILDKITE_COMMIT"),
        repository: |_| None,
    },
    System {
        commit: "CODEBUILD_RESOLVED_SOURCE_VERSION",
        head: |env| env.var("CODEBUILD_RESOLVED_SOURCE_VERSION"),
        repository: |_| None,
    },
];

/// Every variable [`from_environment`] may read (checked for UTF-8 like the others).
pub const VARIABLES: &[&str] = &[
    "GITHUB_SHA",
    "GITHUB_REPOSITORY",
    "GITHUB_EVENT_NAME",
    "GITHUB_EVENT_PATH",
    "CI_COMMIT_SHA",
    "CI_PROJECT_PATH",
    "BITBUCKET_COMMIT",
    "BITBUCKET_REPO_FULL_NAME",
    "CIRCLE_SHA1",
    "CIRCLE_PROJECT_USERNAME",
    "CIRCLE_PROJECT_REPONAME",
    "VERCEL_GIT_COMMIT_SHA",
    "VERCEL_GIT_REPO_OWNER",
    "VERCEL_GIT_REPO_SLUG",
    "BUILDKITE_COMMIT",
    "CODEBUILD_RESOLVED_SOURCE_VERSION",
];

/// The first CI system whose commit variable holds a full commit id. On a GitHub pull request
/// the head of the pull request, not the merge commit GitHub builds (as `propose-version`).
pub fn from_environment(env: &dyn Environment) -> Option<CiCheckout> {
    SYSTEMS.iter().find_map(|system| {
        let commit = (system.head)(env)?.trim().to_ascii_lowercase();
        is_full_commit_id(&commit).then(|| CiCheckout {
            source: system.commit,
            repository: (system.repository)(env),
            commit,
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::FakeEnv;

    const SHA: &str = "0123456789abcdef0123456789abcdef01234567";

    #[test]
    fn each_system_names_its_own_repository() {
        let env = FakeEnv::new(&[("GITHUB_SHA", SHA), ("GITHUB_REPOSITORY", "acme/app")]);
        let found = from_environment(&env).unwrap();
        assert_eq!(found.repository.as_deref(), Some("acme/app"));
        assert_eq!((found.commit.as_str(), found.source), (SHA, "GITHUB_SHA"));
        // GitLab's commit is never joined to GitHub's repository name.
        let env = FakeEnv::new(&[("CI_COMMIT_SHA", SHA), ("GITHUB_REPOSITORY", "acme/app")]);
        assert_eq!(from_environment(&env).unwrap().repository, None);
        let env = FakeEnv::new(&[
            ("CIRCLE_SHA1", SHA),
            ("CIRCLE_PROJECT_USERNAME", "acme"),
            ("CIRCLE_PROJECT_REPONAME", "web"),
        ]);
        assert_eq!(
            from_environment(&env).unwrap().repository.as_deref(),
            Some("acme/web")
        );
    }

    #[test]
    fn only_full_commit_ids_count() {
        let env = FakeEnv::new(&[("GITHUB_SHA", "main"), ("CI_COMMIT_SHA", "abc1234")]);
        assert_eq!(from_environment(&env), None);
        let upper = SHA.to_ascii_uppercase();
        let env = FakeEnv::new(&[("GITHUB_SHA", "main"), ("CI_COMMIT_SHA", &upper)]);
        assert_eq!(from_environment(&env).unwrap().commit, SHA);
    }

    #[test]
    fn every_variable_read_is_listed() {
        for system in SYSTEMS {
            assert!(VARIABLES.contains(&system.commit), "{}", system.commit);
        }
    }
}
