#!/usr/bin/env bash
# The GitHub Action's release step (action.yml runs it with the inputs as INPUT_* variables):
# create the release for its projects, bind its commits, record a deploy, finalize it, and write
# `version=...` to $GITHUB_OUTPUT, in getsentry/action-release's order and with its inputs.
#
# Every input is checked before anything is written: a bad input is one `::error::` line and
# exit 2, with no request sent and nothing in $GITHUB_OUTPUT. The release and the deploy are
# checked by relctl itself first (`--dry-run`: version name, projects, timestamp), so a job does
# not stop half way through because of what it was given. The token travels in
# RELCTL_AUTH_TOKEN, never on a command line, and is masked in the job's log.
#
# relctl is `$RELCTL_BIN` when set (action.yml passes the one it installed), else `relctl` on PATH.
set -euo pipefail

relctl="${RELCTL_BIN:-relctl}"

fail() {
  echo "::error::relctl action: $1" >&2
  exit "${2:-2}"
}

# action-release's booleans: true/1 and false/0, in any case; empty is the default.
boolean() {
  local name="$1" value="$2" default="$3"
  value="$(printf '%s' "$value" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')"
  case "$value" in
    '') printf '%s' "$default" ;;
    true | 1) printf 'true' ;;
    false | 0) printf 'false' ;;
    *) fail "$name must be true or false, not \"$2\"" ;;
  esac
}

# --- Inputs -----------------------------------------------------------------------------------
environment="${INPUT_ENVIRONMENT:-}"
version="${INPUT_VERSION:-}"
version_prefix="${INPUT_VERSION_PREFIX:-}"
started_at="${INPUT_STARTED_AT:-}"
working_directory="${INPUT_WORKING_DIRECTORY:-}"
url="${INPUT_URL:-}"
auth_token="${INPUT_AUTH_TOKEN:-}"

# Mask the token relctl will send before anything can print it (the runner swallows this line;
# a secret is masked already, a token from elsewhere is not).
token="${auth_token:-${RELCTL_AUTH_TOKEN:-${SENTRY_AUTH_TOKEN:-}}}"
if [[ -n "$token" ]]; then
  echo "::add-mask::$token"
fi

finalize="$(boolean finalize "${INPUT_FINALIZE:-}" true)"
ignore_missing="$(boolean ignore_missing "${INPUT_IGNORE_MISSING:-}" false)"
ignore_empty="$(boolean ignore_empty "${INPUT_IGNORE_EMPTY:-}" false)"

set_commits="$(printf '%s' "${INPUT_SET_COMMITS:-}" | tr '[:upper:]' '[:lower:]' | tr -d '[:space:]')"
case "$set_commits" in
  '' | auto) set_commits=auto ;;
  skip) ;;
  *) fail "set_commits must be \"auto\" or \"skip\", not \"${INPUT_SET_COMMITS}\"" ;;
esac

# Space- (or newline-) separated, as action-release splits them; none: relctl reads
# RELCTL_PROJECT / SENTRY_PROJECT itself.
read -r -a projects <<<"$(printf '%s' "${INPUT_PROJECTS:-}" | tr '\n' ' ')" || true
project_args=()
for project in "${projects[@]+"${projects[@]}"}"; do
  project_args+=(-p "$project")
done
if ((${#projects[@]} == 0)) && [[ -z "${RELCTL_PROJECT:-}${SENTRY_PROJECT:-}" ]]; then
  fail "no projects: set the projects input (or SENTRY_PROJECT)"
fi

if [[ -n "$working_directory" ]]; then
  cd -- "$working_directory" 2>/dev/null || fail "working_directory \"$working_directory\" is not a directory"
fi

# The server: the inputs, else what relctl reads itself (RELCTL_URL, SENTRY_URL, config files).
if [[ -n "$url" ]]; then
  export RELCTL_URL="$url"
fi
if [[ -n "$auth_token" ]]; then
  export RELCTL_AUTH_TOKEN="$auth_token"
fi

# --- The version --------------------------------------------------------------------------------
if [[ -n "$version" ]]; then
  # `${{ github.ref }}` on a tag is refs/tags/NAME; action-release strips the prefix too.
  version="${version#refs/tags/}"
else
  version="$("$relctl" release propose-version)" || fail "could not propose a version (set the version input)" 1
fi
version="${version_prefix}${version}"
if [[ "$version" == *$'\n'* ]]; then
  fail "the version must be one line"
fi

# relctl checks the rest without writing (`--dry-run` sends nothing): the version name, the
# projects, the environment and the timestamp. Its error becomes the step's one error line.
check() {
  local errors status=0
  errors="$("$relctl" --dry-run "$@" 2>&1 >/dev/null)" || status=$?
  if ((status != 0)); then
    local first="${errors%%$'\n'*}"
    echo "::error::relctl action: ${first#error: }" >&2
    [[ "$errors" == *$'\n'* ]] && printf '%s\n' "${errors#*$'\n'}" >&2
    exit "$status"
  fi
}
check release new "${project_args[@]+"${project_args[@]}"}" -- "$version"
deploy_args=(--release="$version" --env="$environment")
if [[ -n "$started_at" ]]; then
  deploy_args+=(--started="$started_at")
fi
if [[ -n "$environment" ]]; then
  check deploy new "${deploy_args[@]}"
fi

# --- The release --------------------------------------------------------------------------------
run() {
  echo "+ relctl $*"
  "$relctl" "$@"
}

run release new "${project_args[@]+"${project_args[@]}"}" -- "$version"

if [[ "$set_commits" == auto ]]; then
  commit_args=()
  [[ "$ignore_missing" == true ]] && commit_args+=(--ignore-missing)
  [[ "$ignore_empty" == true ]] && commit_args+=(--ignore-empty)
  run release set-commits "${commit_args[@]+"${commit_args[@]}"}" -- "$version"
fi

if [[ -n "$environment" ]]; then
  run deploy new "${deploy_args[@]}"
fi

if [[ "$finalize" == true ]]; then
  run release finalize -- "$version"
fi

if [[ -n "${GITHUB_OUTPUT:-}" ]]; then
  echo "version=$version" >>"$GITHUB_OUTPUT"
fi
echo "Release $version done."
