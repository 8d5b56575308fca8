#!/usr/bin/env bash
# Makes Debian's poppler-utils available (pdftotext, pdftoppm, pdfsig) and NSS's certutil (pdfsig's
# trust store): the tests read the PDFs the system hands out with these standard tools — their text,
# their QR codes drawn to an image, and their signatures, trusted under the development CA — rather
# than with the library that wrote them.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"
if command -v pdftotext >/dev/null && command -v pdftoppm >/dev/null && command -v pdfsig >/dev/null; then
  say "poppler-utils: $(command -v pdftotext)"
else
  apt_install poppler-utils poppler-utils
  say "poppler-utils: $(command -v pdftotext)"
fi
if command -v certutil >/dev/null; then
  say "certutil: $(command -v certutil)"
else
  apt_install certutil libnss3-tools
  say "certutil: $(command -v certutil)"
fi
