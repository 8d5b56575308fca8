#!/usr/bin/env bash
# Provisions Temporal's Java time-skipping test server and prints the path of an executable wrapper
# that runs `io.temporal.testserver.TestServer <port> [flags]`. The wrapper is what
# TestWorkflowEnvironment.createTimeSkipping() receives as an 'existing-path' executable.
# Order: TEMPORAL_TEST_SERVER_PATH → cached jars → Maven Central via mvn.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

if [[ -n "${TEMPORAL_TEST_SERVER_PATH:-}" ]]; then
  [[ -x "$TEMPORAL_TEST_SERVER_PATH" ]] || fail "TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH is not an executable file."
  say "test server: using TEMPORAL_TEST_SERVER_PATH=$TEMPORAL_TEST_SERVER_PATH"
  echo "$TEMPORAL_TEST_SERVER_PATH"
  exit 0
fi

version="$(sed -n 's:.*<temporal.test-server.version>\(.*\)</temporal.test-server.version>.*:\1:p' "$here/test-server/pom.xml")"
# Bump `layout` whenever the wrapper below changes, so caches holding an older wrapper are rebuilt.
layout=2
dir="$CACHE_ROOT/temporal-test-server-$version-$layout"
wrapper="$dir/temporal-test-server"

if [[ -x "$wrapper" && -f "$dir/lib/temporal-test-server-$version.jar" ]]; then
  say "test server: cached $version at $wrapper"
  echo "$wrapper"
  exit 0
fi

command -v java >/dev/null || fail "java is not installed. Install a JDK 11+ (e.g. 'apt-get install -y openjdk-17-jre-headless') or set TEMPORAL_TEST_SERVER_PATH to an existing test-server executable."
command -v mvn >/dev/null || fail "mvn is not installed. Install Maven (e.g. 'apt-get install -y maven') or set TEMPORAL_TEST_SERVER_PATH to an existing test-server executable."

say "test server: fetching io.temporal:temporal-test-server:$version and its runtime classpath with Maven into $dir"
mkdir -p "$CACHE_ROOT"
tmp="$(mktemp -d "$CACHE_ROOT/.test-server.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
mvn -q -B -f "$here/test-server/pom.xml" dependency:copy-dependencies \
  -DincludeScope=runtime -DoutputDirectory="$tmp/lib" >&2 ||
  fail "Maven could not fetch io.temporal:temporal-test-server:$version. Check access to Maven Central, or set TEMPORAL_TEST_SERVER_PATH."

cat >"$tmp/temporal-test-server" <<'WRAPPER'
#!/usr/bin/env bash
# Runs Temporal's Java test server: temporal-test-server <port> [--enable-time-skipping]
# The SDK passes only the port: its time-skipping client then locks and unlocks the clock itself
# (unlocked only while awaiting a result). Adding --enable-time-skipping under the SDK would leave the
# clock unlocked for good and skip past in-flight workflow tasks.
dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
exec java -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -cp "$dir/lib/*" io.temporal.testserver.TestServer "$@"
WRAPPER
chmod +x "$tmp/temporal-test-server"
rm -rf "$dir"
mv "$tmp" "$dir"
trap - EXIT
say "test server: ready at $wrapper"
echo "$wrapper"
