#!/usr/bin/env bash
# Makes Debian's poppler-utils available (pdftotext, pdftoppm, pdfsig): the tests read the PDFs the
# system hands out with these standard tools — their text, their QR code drawn to an image, and
# (issue 21) their signatures — rather than with the library that wrote them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && command -v pdfsig >/dev/null; then
  say "poppler-utils: $(command -v pdftotext)"
  exit 0
fi
command -v apt-get >/dev/null || fail "poppler-utils is not installed and there is no apt-get. Install poppler-utils (pdftotext, pdftoppm, pdfsig) and run again."
sudo=""
[[ "$(id -u)" -eq 0 ]] || sudo="sudo"
say "poppler-utils: installing Debian's package"
$sudo apt-get update -qq >&2 || fail "apt-get update failed: install poppler-utils by hand."
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq poppler-utils >&2 ||
  fail "apt-get install poppler-utils failed: install it by hand."
say "poppler-utils: $(command -v pdftotext)"
