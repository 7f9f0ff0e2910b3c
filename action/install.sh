#!/usr/bin/env bash
# The GitHub Action's install step: put a relctl for this runner in a directory, say which binary
# in $GITHUB_OUTPUT (`bin=...`) and add the directory to $GITHUB_PATH (later steps of the job can
# call relctl too).
#
# On a Linux x86_64 or ARM64 runner it downloads the static binary released for the action's ref
# (`uses: OWNER/relctl@v1.2.0` -> the release v1.2.0's relctl-x86_64-unknown-linux-musl) and checks
# it against that release's SHA256SUMS. A release without the binary (a branch or a commit as the
# ref, another runner) builds the action's own source with `cargo install --locked` instead. A
# binary whose sum does not match, or a release without SHA256SUMS, fails: that is not a reason
# to build, it is a reason to stop.
#
# The action's repository and ref come from GITHUB_ACTION_REPOSITORY / GITHUB_ACTION_REF when the
# runner sets them; for composite actions it does not promise to (actions/runner#2525), so they
# are read from the action's checkout path, .../_actions/OWNER/REPO/REF, as a fallback.
# RELCTL_ACTION_RELEASES replaces https://github.com/OWNER/REPO/releases/download (a mirror, or a
# directory of files in the tests).
set -euo pipefail

fail() {
  echo "::error::relctl action: $1" >&2
  exit 1
}

action_path="${GITHUB_ACTION_PATH:?GITHUB_ACTION_PATH is not set}"
dest="${RUNNER_TEMP:-${TMPDIR:-/tmp}}/relctl-action"
mkdir -p "$dest"

target=""
if [[ "${RUNNER_OS:-Linux}" == Linux ]]; then
  case "${RUNNER_ARCH:-$(uname -m)}" in
    X64 | x86_64) target=x86_64-unknown-linux-musl ;;
    ARM64 | aarch64) target=aarch64-unknown-linux-musl ;;
  esac
fi

repository="${GITHUB_ACTION_REPOSITORY:-}"
ref="${GITHUB_ACTION_REF:-}"
if [[ -z "$repository" || -z "$ref" ]] && [[ "$action_path" == */_actions/*/*/* ]]; then
  rest="${action_path##*/_actions/}"
  IFS=/ read -r owner name path_ref _ <<<"$rest"
  repository="$owner/$name"
  ref="$path_ref"
fi

bin=""
if [[ -n "$target" && -n "$ref" && ( -n "$repository" || -n "${RELCTL_ACTION_RELEASES:-}" ) ]]; then
  base="${RELCTL_ACTION_RELEASES:-https://github.com/$repository/releases/download}/$ref"
  asset="relctl-$target"
  echo "Looking for $asset in $base"
  if curl -fsSL --retry 3 -o "$dest/$asset" "$base/$asset" 2>/dev/null; then
    curl -fsSL --retry 3 -o "$dest/SHA256SUMS" "$base/SHA256SUMS" ||
      fail "release $ref has $asset but no SHA256SUMS to check it against"
    # A line "HASH  [*][dir/]relctl-TARGET"; the name may carry the directory it was built in.
    want="$(awk -v asset="$asset" '{ name = $2; sub(/^\*/, "", name); sub(/.*\//, "", name);
      if (name == asset) { print $1; exit } }' "$dest/SHA256SUMS")"
    [[ -n "$want" ]] || fail "release $ref's SHA256SUMS has no line for $asset"
    have="$(sha256sum "$dest/$asset" | awk '{ print $1 }')"
    if [[ "$have" != "$want" ]]; then
      rm -f "$dest/$asset"
      fail "$asset of release $ref does not match its SHA256SUMS (expected $want, got $have)"
    fi
    chmod +x "$dest/$asset"
    mv "$dest/$asset" "$dest/relctl"
    bin="$dest/relctl"
    echo "Using the released $asset ($have)"
  else
    echo "No $asset in release $ref (or it could not be downloaded): building relctl from the action's source"
  fi
fi

if [[ -z "$bin" ]]; then
  command -v cargo >/dev/null || fail "no released binary for this runner and no cargo to build one"
  cargo install --locked --quiet --path "$action_path" --root "$dest"
  bin="$dest/bin/relctl"
fi

"$bin" --version
echo "bin=$bin" >>"${GITHUB_OUTPUT:-/dev/null}"
dirname "$bin" >>"${GITHUB_PATH:-/dev/null}"
