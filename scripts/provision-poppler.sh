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
apt_install poppler-utils poppler-utils
say "poppler-utils: $(command -v pdftotext)"
