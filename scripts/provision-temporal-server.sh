#!/usr/bin/env bash
# Provisions Temporal's own server for the production profile (`make start PROFILE=production`) and
# prints the directory holding it: `temporal-server`, `temporal-sql-tool` (sets up and migrates its
# PostgreSQL schemas), `schema/postgresql/v12/` (the schemas the tool applies), `temporal-ui-server`
# (the Web UI, its pages embedded) and `ui-config/docker.yaml` (the UI's configuration template).
# Built once with `go install` of the pinned tags from the official modules (checksums verified by
# the Go module proxy and sum database) and cached outside the clone.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

# The server the CLI dev server in use embeds (v1.29.1), and the UI server that CLI embeds.
server_version="v1.29.1"
ui_version="v2.42.1"

dir="$CACHE_ROOT/temporal-server-$server_version-ui-$ui_version"
if [[ -x "$dir/temporal-server" && -x "$dir/temporal-sql-tool" && -x "$dir/temporal-ui-server" &&
  -d "$dir/schema/postgresql/v12/temporal/versioned" && -f "$dir/ui-config/docker.yaml" ]]; then
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

# The schemas ship in the server's module and the UI's configuration template (the one its official
# image renders from TEMPORAL_* variables) in the UI's; `go install` has just put both in the module cache.
modules="$(go env GOMODCACHE)"
server_module="$modules/go.temporal.io/server@$server_version"
ui_module="$modules/github.com/temporalio/ui-server/v2@$ui_version"
[[ -d "$server_module/schema/postgresql/v12" ]] || fail "no schema/postgresql/v12 in $server_module"
[[ -f "$ui_module/config/docker.yaml" ]] || fail "no config/docker.yaml in $ui_module"
mkdir -p "$build/schema/postgresql" "$build/ui-config"
cp -R "$server_module/schema/postgresql/v12" "$build/schema/postgresql/v12"
cp "$ui_module/config/docker.yaml" "$build/ui-config/docker.yaml"
chmod -R u+w "$build/schema" "$build/ui-config"

"$build/temporal-server" --help >/dev/null || fail "the built temporal-server does not run"
rm -rf "$dir"
mv "$build" "$dir"
say "temporal server: ready in $dir"
echo "$dir"
