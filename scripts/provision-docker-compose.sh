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
apt_install docker-compose docker-compose
say "docker-compose: $(command -v docker-compose)"
