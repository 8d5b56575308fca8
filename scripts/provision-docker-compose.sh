#!/usr/bin/env bash
# Makes `docker-compose` available so the tests can validate docker-compose.yml. No Docker engine is
# needed (or started): `docker-compose config` only parses and checks the file.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

if command -v docker-compose >/dev/null; then
  say "docker-compose: $(command -v docker-compose)"
  exit 0
fi
command -v apt-get >/dev/null || fail "docker-compose is not installed and there is no apt-get. Install docker-compose (v1 or v2) and run again."
sudo=""
[[ "$(id -u)" -eq 0 ]] || sudo="sudo"
say "docker-compose: installing Debian's package"
$sudo apt-get update -qq >&2 || fail "apt-get update failed: install docker-compose by hand."
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq docker-compose >&2 ||
  fail "apt-get install docker-compose failed: install it by hand."
say "docker-compose: $(command -v docker-compose)"
