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
apt_install chromium chromium fonts-liberation fonts-dejavu-core
[[ -x "$bin" ]] || fail "the chromium package did not install $bin."
say "chromium: $bin"
echo "$bin"
