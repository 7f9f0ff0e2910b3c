//! The examples that end every command's long help (`relctl release new --help`) and its man
//! page: two or three real command lines each, with what they do. Kept in one file so they are
//! read, and kept true, side by side; a test checks every command has some and that the man
//! pages carry them.

pub const RELCTL: &str = "\
Examples:
  relctl project create Backend && relctl release new 1.0.0 -p backend
      Start: a project, then a release of it (the store is created by the first write)
  relctl release set-commits 1.0.0 && relctl release finalize 1.0.0
      Bind the commits since the previous release, resolve the issues they fix, ship it
  SENTRY_URL=https://relctl.internal:8765 SENTRY_AUTH_TOKEN=... relctl release list
      The same commands against a server (relctl serve, or Sentry)

sentry-cli compatibility:
  A sentry-cli script runs with relctl in its place: sentry-cli's spellings are accepted with
  its meaning, and left out of the lists above (the README's \"Coming from sentry-cli\" table
  has every command).
  releases, deploys, issues, projects, organizations   the plural names of the commands
  releases list -R/--raw [-D/--delimiter D]    the versions alone, one per line or joined by D
  releases list -P/--show-projects, --show-commits   accepted: the table has those columns
  releases info -C/--show-commits              release info --commits
  releases info -P/--show-projects             accepted: the details name the projects
  releases set-commits --ignore-empty          accepted: an empty range is never an error here
  releases deploys VERSION new|list ...        deploy new|list -r VERSION ...
  issues resolve|mute|unresolve -i ID | -a | -s STATUS   issue resolve|mute|unresolve SHORT_ID...
  --header 'KEY: VALUE' (env CUSTOM_HEADER)    an extra header on every request to a server
  --log-level LEVEL (env SENTRY_LOG_LEVEL)     info is -v; debug and trace are -vv
  --allow-failure (env SENTRY_ALLOW_FAILURE=1) exit 0 when the server or the network fails
                                               (exit 5 or 6); the error is still printed
  --silent                                     --quiet
  SENTRY_URL, SENTRY_AUTH_TOKEN, SENTRY_ORG, SENTRY_PROJECT, SENTRY_RELEASE and .sentryclirc
  files are read, after relctl's own settings";

pub const RELEASE: &str = "\
Examples:
  relctl release new 1.4.0 -p backend
  relctl release set-commits 1.4.0
  relctl release info 1.4.0 --commits";

pub const RELEASE_NEW: &str = "\
Examples:
  relctl release new 1.4.0 -p backend
      Create release 1.4.0 of project backend (an existing release is linked to it)
  relctl release new \"$(relctl release propose-version)\" -p backend -p web
      A release named from CI variables or the git HEAD, for two projects
  relctl release new 1.4.0 -p backend --finalize
      Create it already released";

pub const RELEASE_SET_COMMITS: &str = "\
Examples:
  relctl release set-commits 1.4.0
      The commits since the previous release's head commit, from the repository here
  relctl release set-commits 1.4.0 --commit acme/backend@v1.3.0..v1.4.0
      An explicit range, named for the repository acme/backend
  relctl release set-commits 1.4.0 --repo ../backend --initial-depth 50
      Another checkout; a first release takes its 50 newest commits";

pub const RELEASE_FINALIZE: &str = "\
Examples:
  relctl release finalize 1.4.0
      Released now
  relctl release finalize 1.4.0 --released 2026-11-26T10:00:00Z --url https://example.com/1.4.0
      Released at that time, with a link";

pub const RELEASE_INFO: &str = "\
Examples:
  relctl release info 1.4.0
  relctl release info 1.4.0 --commits
      With its commits and the files each changed
  relctl release info 1.4.0 --format json | jq .commitCount";

pub const RELEASE_LIST: &str = "\
Examples:
  relctl release list
  relctl release list -p backend --limit 5
  relctl release list --format json | jq -r '.[].version'";

pub const RELEASE_DELETE: &str = "\
Examples:
  relctl release delete 1.4.0-rc.1
      Gone (a missing release is not an error)
  relctl release delete 1.4.0-rc.1 --strict
      Exit 3 when it does not exist";

pub const RELEASE_ARCHIVE: &str = "\
Examples:
  relctl release archive 1.0.0
  relctl release list
      Archived releases are listed with their status";

pub const RELEASE_RESTORE: &str = "\
Examples:
  relctl release restore 1.0.0
      Back from the archive
  relctl release info 1.0.0";

pub const RELEASE_PROPOSE_VERSION: &str = "\
Examples:
  relctl release propose-version
      From CI variables (GITHUB_SHA, CI_COMMIT_SHA, ...), else the git HEAD sha
  relctl release new \"$(relctl release propose-version)\" -p backend";

pub const PROJECT: &str = "\
Examples:
  relctl project create \"Backend API\"
  relctl project list";

pub const PROJECT_CREATE: &str = "\
Examples:
  relctl project create \"Backend API\"
      Slug backend-api, a Sentry snowflake id
  relctl project create Web --slug web-frontend --platform javascript";

pub const PROJECT_LIST: &str = "\
Examples:
  relctl project list
  relctl project list --format json | jq -r '.[].slug'";

pub const PROJECT_SHOW: &str = "\
Examples:
  relctl project show backend
  relctl project show backend --format json";

pub const PROJECT_DELETE: &str = "\
Examples:
  relctl project delete old-service --yes
      Its issues and release links go with it
  relctl --dry-run --url https://relctl.internal:8765 project delete old-service --yes
      Print the request instead";

pub const DEPLOY: &str = "\
Examples:
  relctl deploy new -r 1.4.0 -e production
  relctl deploy list -r 1.4.0";

pub const DEPLOY_NEW: &str = "\
Examples:
  relctl deploy new -r 1.4.0 -e production
  relctl deploy new -r 1.4.0 -e staging --name canary --url https://ci.example.com/run/42";

pub const DEPLOY_LIST: &str = "\
Examples:
  relctl deploy list -r 1.4.0
  relctl deploy list -r 1.4.0 --format json";

pub const ISSUE: &str = "\
Examples:
  relctl issue new -p backend \"Checkout crash\"
  relctl issue list --inbox";

pub const ISSUE_NEW: &str = "\
Examples:
  relctl issue new -p backend \"Checkout crash\"
      BACKEND-1, in the inbox; a commit saying \"Fixes BACKEND-1\" resolves it
  relctl issue new -p web \"Blank page on Safari\"";

pub const ISSUE_LIST: &str = "\
Examples:
  relctl issue list
  relctl issue list -p backend --inbox
  relctl issue list --status resolved --format json";

pub const ISSUE_SHOW: &str = "\
Examples:
  relctl issue show BACKEND-1
      Its status, the release that resolved it and its activity
  relctl issue show BACKEND-1 --format json";

pub const ISSUE_REVIEW: &str = "\
Examples:
  relctl issue review BACKEND-1
      Out of the inbox
  relctl issue list --inbox";

/// The sentry-cli flags `issue resolve|mute|unresolve` accept, hidden from the flag list.
macro_rules! issue_change_compatibility {
    () => {
        "

sentry-cli compatibility (hidden flags, for scripts written for `sentry-cli issues ...`):
  -i, --id ID          the issue with this numeric id (repeatable); ids not found are left out
  -a, --all            every issue of the project (or organization), at most 1000
  -s, --status STATUS  every issue in this status (resolved, unresolved, muted), at most 1000"
    };
}

pub const ISSUE_RESOLVE: &str = concat!(
    "\
Examples:
  relctl issue resolve BACKEND-1 WEB-3
      Resolved now, out of the inbox; `issue show` lists the activity and history
  relctl --url https://sentry.example.com issues resolve -p backend -i 4711",
    issue_change_compatibility!()
);

pub const ISSUE_MUTE: &str = concat!(
    "\
Examples:
  relctl issue mute BACKEND-1
      Ignored until unmuted (`issue unresolve`), out of the inbox
  relctl issues mute -p backend --status unresolved",
    issue_change_compatibility!()
);

pub const ISSUE_UNRESOLVE: &str = concat!(
    "\
Examples:
  relctl issue unresolve BACKEND-1
      Unresolved again; a resolution in a release is dropped
  relctl issues unresolve -p backend -i 4711",
    issue_change_compatibility!()
);

pub const ORG: &str = "\
Examples:
  relctl org set scrapeJavaScript false
  relctl org audit";

pub const ORG_CREATE: &str = "\
Examples:
  relctl org create acme --name \"Acme Inc\"
  relctl -o acme project create Backend";

pub const ORG_LIST: &str = "\
Examples:
  relctl org list
  relctl org list --format json";

pub const ORG_SHOW: &str = "\
Examples:
  relctl org show
  relctl -o acme org show --format json";

pub const ORG_SET: &str = "\
Examples:
  relctl org set scrapeJavaScript false
  relctl org set allowJoinRequests true
      Each change is recorded in the audit log
  relctl org set safeFields '$http.headers.x-request-id,email'
      Values are checked as Sentry checks them: nothing is written when one is refused
  relctl -o acme org set slug acme-corp
      Renames the organization; it is then acme-corp (name sets its display name)";

pub const ORG_AUDIT: &str = "\
Examples:
  relctl org audit
  relctl org audit --limit 5 --format json";

pub const TOKEN: &str = "\
Examples:
  relctl token create --scopes project:releases,org:read --name ci
  relctl token list";

pub const TOKEN_CREATE: &str = "\
Examples:
  relctl token create --scopes project:releases,org:read --name ci
      The secret is printed once; only its hash is stored
  relctl token create --scopes project:read --name pages";

pub const TOKEN_LIST: &str = "\
Examples:
  relctl token list
      Names, scopes, when each was created and last used
  relctl token list --format json";

pub const TOKEN_REVOKE: &str = "\
Examples:
  relctl token list
      Find the token's id
  relctl token revoke 3";

pub const CONFIG: &str = "\
Examples:
  relctl config show
  relctl config show --format json";

pub const CONFIG_SHOW: &str = "\
Examples:
  relctl config show
      Every setting with where it came from (flag, variable, file, default)
  relctl --config ./ci.toml config show --format json";

pub const SERVE: &str = "\
Examples:
  relctl serve --bind 0.0.0.0:8765
      Sentry's releases API over the store, for CI runners and sentry-cli
  relctl --store postgres://relctl@db/relctl serve --pool-size 16
      One of several instances sharing a PostgreSQL store
  relctl serve --repo acme/backend=/srv/mirrors/backend.git
  relctl --config /etc/relctl/config.toml serve
      Every flag from the file's [serve] table (a flag given wins); GET /healthz, /readyz
      (no token) and /metrics (org:read, or --metrics-public) for operators";

pub const COMPLETIONS: &str = "\
Examples:
  relctl completions bash > ~/.local/share/bash-completion/completions/relctl
  relctl completions zsh > \"${fpath[1]}/_relctl\"
  relctl completions fish > ~/.config/fish/completions/relctl.fish";

pub const STORE: &str = "\
Examples:
  relctl store migrate --dry-run --from ~/.local/share/relctl/relctl.db --to postgres://relctl@db/relctl
  relctl store migrate --from ~/.local/share/relctl/relctl.db --to postgres://relctl@db/relctl";

pub const STORE_MIGRATE: &str = "\
Examples:
  relctl store migrate --dry-run --from ~/.local/share/relctl/relctl.db \\
      --to postgres://relctl@db.internal:5432/relctl
      Rehearse: the copy is made, verified and rolled back
  relctl store migrate --from ~/.local/share/relctl/relctl.db \\
      --to postgres://relctl@db.internal:5432/relctl
  export RELCTL_STORE=postgres://relctl@db.internal:5432/relctl
      Then every command and serve use it

Stop the relctl processes writing the store before the real copy: it copies the store as it was
when it began.";

pub const RELEASE_DEPLOYS: &str = "\
Examples:
  relctl releases deploys 1.4.0 new -e production
      sentry-cli's older form of: relctl deploy new -r 1.4.0 -e production
  relctl releases deploys 1.4.0 list
      sentry-cli's older form of: relctl deploy list -r 1.4.0";

pub const RELEASE_DEPLOYS_NEW: &str = "\
Examples:
  relctl releases deploys 1.4.0 new -e production -n web-42
  relctl releases deploys 1.4.0 new -e staging -t 95
      It took 95 seconds and finished now";

pub const RELEASE_DEPLOYS_LIST: &str = "\
Examples:
  relctl releases deploys 1.4.0 list
  relctl releases deploys 1.4.0 list --format json";

pub const REPOS: &str = "\
Examples:
  relctl repos list
      The repositories the store has commits of, or those the server lists
  relctl repos list --format json | jq -r '.[].name'";

pub const REPOS_LIST: &str = "\
Examples:
  relctl repos list
  relctl --url https://relctl.internal:8765 repos list --format json";

pub const INFO: &str = "\
Examples:
  relctl info
      Where commands go, and whether the server takes the token (exit 6 if not)
  relctl info --format json | jq .auth.scopes
  relctl info --config-status-json
      sentry-cli's JSON status, for tools written for it";
