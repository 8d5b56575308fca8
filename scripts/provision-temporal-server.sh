#!/usr/bin/env bash
# Provisions Temporal's own server for the production profile (`make start PROFILE=production`) and
# prints the directory holding it: `temporal-server`, `temporal-sql-tool` (sets up and migrates its
# PostgreSQL schemas), `schema/postgresql/v12/` (the schemas the tool applies) and `temporal-ui-server`
# (the Web UI, its pages embedded). Built once with `go install` of the pinned tags from the official
# modules (checksums verified by the Go module proxy and sum database) and cached outside the clone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# The server the CLI dev server in use embeds (v1.29.1), and the UI server that CLI embeds.
server_version="v1.29.1"
ui_version="v2.42.1"

dir="$CACHE_ROOT/temporal-server-$server_version-ui-$ui_version"
if [[ -x "$dir/temporal-server" && -x "$dir/temporal-sql-tool" && -x "$dir/temporal-ui-server" &&
  -d "$dir/schema/postgresql/v12/temporal/versioned" ]]; then
  say "temporal server: cached $server_version (UI $ui_version) in $dir"
  echo "$dir"
  exit 0
fi

command -v go >/dev/null ||
  fail "the production profile needs Go 1.24+ to build go.temporal.io/server@$server_version (no prebuilt binary is fetched)."

build="$dir.partial"
rm -rf "$build"
mkdir -p "$build"
# Both commands are named `server`: each is installed into its own directory, then renamed.
say "temporal server: building go.temporal.io/server@$server_version and its SQL tool with go install (a few minutes, once)"
GOBIN="$build/server" GOFLAGS=-mod=mod go install \
  "go.temporal.io/server/cmd/server@$server_version" \
  "go.temporal.io/server/cmd/tools/sql@$server_version" >&2
say "temporal server: building github.com/temporalio/ui-server/v2@$ui_version"
GOBIN="$build/ui" GOFLAGS=-mod=mod go install "github.com/temporalio/ui-server/v2/cmd/server@$ui_version" >&2
mv "$build/server/server" "$build/temporal-server"
mv "$build/server/sql" "$build/temporal-sql-tool"
mv "$build/ui/server" "$build/temporal-ui-server"
rmdir "$build/server" "$build/ui"

# The schemas ship in the server's module, which `go install` has just put in the module cache.
module="$(GOFLAGS=-mod=mod go list -m -f '{{.Dir}}' "go.temporal.io/server@$server_version" 2>/dev/null || true)"
[[ -d "$module/schema/postgresql/v12" ]] ||
  module="$(go env GOMODCACHE)/go.temporal.io/server@$server_version"
[[ -d "$module/schema/postgresql/v12" ]] || fail "no schema/postgresql/v12 in go.temporal.io/server@$server_version"
mkdir -p "$build/schema/postgresql"
cp -R "$module/schema/postgresql/v12" "$build/schema/postgresql/v12"
chmod -R u+w "$build/schema"

"$build/temporal-server" --help >/dev/null || fail "the built temporal-server does not run"
rm -rf "$dir"
mv "$build" "$dir"
say "temporal server: ready in $dir"
echo "$dir"
