#!/usr/bin/env bash
# Provisions the Temporal CLI (dev server) and prints its path.
# Order: TEMPORAL_CLI_PATH → cached build → `go install` of the pinned tag from the official source
# (checksums verified by the Go module proxy and sum database) → the SDK's own download, where the
# internet is reachable. The build is cached outside the clone, so a fresh clone does not rebuild it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# v1.5.1 is the last tag without a `replace` directive in its go.mod: later tags cannot be `go install`ed.
version="v1.5.1"

if [[ -n "${TEMPORAL_CLI_PATH:-}" ]]; then
  [[ -x "$TEMPORAL_CLI_PATH" ]] || fail "TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH is not an executable file."
  say "temporal cli: using TEMPORAL_CLI_PATH=$TEMPORAL_CLI_PATH"
  echo "$TEMPORAL_CLI_PATH"
  exit 0
fi

dir="$CACHE_ROOT/temporal-cli-$version"
bin="$dir/temporal"
if [[ -x "$bin" ]] && "$bin" --version >/dev/null 2>&1; then
  say "temporal cli: cached $version at $bin"
  echo "$bin"
  exit 0
fi

mkdir -p "$dir"
if command -v go >/dev/null; then
  say "temporal cli: building github.com/temporalio/cli/cmd/temporal@$version with go install (a few minutes, once)"
  if GOBIN="$dir" GOFLAGS=-mod=mod go install "github.com/temporalio/cli/cmd/temporal@$version" >&2; then
    say "temporal cli: ready at $bin"
    echo "$bin"
    exit 0
  fi
  say "temporal cli: go install failed; trying the SDK's own download"
else
  say "temporal cli: go is not installed; trying the SDK's own download"
fi

if node "$here/../node_modules/.bin/tsx" "$here/download-temporal-cli.ts" "$dir" >&2 && [[ -x "$bin" ]]; then
  say "temporal cli: downloaded to $bin"
  echo "$bin"
  exit 0
fi
fail "no Temporal CLI. Set TEMPORAL_CLI_PATH to a 'temporal' binary, or install Go 1.24+ so that 'go install github.com/temporalio/cli/cmd/temporal@$version' can build it, or allow access to temporal.download."
