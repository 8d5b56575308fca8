#!/usr/bin/env bash
# Provisions versitygw (an S3-compatible gateway over a POSIX directory) for the S3 storage adapter's
# test against a real S3 server, and prints its path. Built from the official source with `go install`
# (checksums verified by the Go module proxy and sum database), cached outside the clone.
# VERSITYGW_PATH, if set, names a binary to use instead.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

version="v1.8.0"

if [[ -n "${VERSITYGW_PATH:-}" ]]; then
  [[ -x "$VERSITYGW_PATH" ]] || fail "VERSITYGW_PATH=$VERSITYGW_PATH is not an executable file."
  echo "$VERSITYGW_PATH"
  exit 0
fi

dir="$CACHE_ROOT/versitygw-$version"
bin="$dir/versitygw"
if [[ -x "$bin" ]]; then
  say "versitygw: cached $version at $bin"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || fail "versitygw: go is not installed. Install Go 1.24+ or set VERSITYGW_PATH."
mkdir -p "$dir"
say "versitygw: building github.com/versity/versitygw/cmd/versitygw@$version with go install (a few minutes, once)"
GOBIN="$dir" GOFLAGS=-mod=mod go install "github.com/versity/versitygw/cmd/versitygw@$version" >&2 ||
  fail "versitygw: go install failed."
say "versitygw: ready at $bin"
echo "$bin"
