#!/usr/bin/env bash
# Makes Debian's Chromium available for the browser tests (test/e2e, driven by playwright-core) and
# prints its path. Playwright downloads no browser of its own here: the tests launch this one. The
# fonts cover Vietnamese, so screenshots show the pages' text as people see it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

bin="/usr/bin/chromium"
if [[ -x "$bin" ]]; then
  say "chromium: $bin"
  echo "$bin"
  exit 0
fi
command -v apt-get >/dev/null || fail "chromium is not installed and there is no apt-get. Install Chromium at $bin and run again."
sudo=""
[[ "$(id -u)" -eq 0 ]] || sudo="sudo"
say "chromium: installing Debian's package"
$sudo apt-get update -qq >&2 || fail "apt-get update failed: install chromium by hand."
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium fonts-liberation fonts-dejavu-core >&2 ||
  fail "apt-get install chromium failed: install it by hand."
[[ -x "$bin" ]] || fail "the chromium package did not install $bin."
say "chromium: $bin"
echo "$bin"
