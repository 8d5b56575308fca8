#!/usr/bin/env bash
# Provisions schemathesis (the OpenAPI fuzzer of `make fuzz` and test/fuzz) and prints the path of its
# `st` executable.
# Order: SCHEMATHESIS_PATH → cached virtualenv → `pip install schemathesis==<pinned>` from PyPI into a
# virtualenv under the cache (or, where python3 has no venv module, `pip install --target` with a
# wrapper). The install is cached outside the clone, so a fresh clone does not reinstall it.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$here/lib.sh"

version="4.32.5"

if [[ -n "${SCHEMATHESIS_PATH:-}" ]]; then
  [[ -x "$SCHEMATHESIS_PATH" ]] || fail "SCHEMATHESIS_PATH=$SCHEMATHESIS_PATH is not an executable file."
  say "schemathesis: using SCHEMATHESIS_PATH=$SCHEMATHESIS_PATH"
  echo "$SCHEMATHESIS_PATH"
  exit 0
fi

dir="$CACHE_ROOT/schemathesis-$version"
bin="$dir/bin/st"
# `.complete` is written last: a cache interrupted half-way is rebuilt, never used.
if [[ -f "$dir/.complete" && -x "$bin" ]]; then
  say "schemathesis: cached $version at $bin"
  echo "$bin"
  exit 0
fi

python=""
for candidate in python3 python3.13 python3.12 python3.11 python3.10 python3.9; do
  if command -v "$candidate" >/dev/null &&
    "$candidate" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' 2>/dev/null; then
    # The interpreter itself, not a shim (pyenv) that could resolve differently later.
    python="$("$candidate" -c 'import sys; print(sys.executable)')"
    break
  fi
done
[[ -n "$python" ]] || fail "python 3.9+ is not installed. Install it (e.g. 'apt-get install -y python3 python3-venv') or set SCHEMATHESIS_PATH to an existing 'st' executable."

mkdir -p "$CACHE_ROOT"
rm -rf "$dir"
say "schemathesis: installing schemathesis==$version from PyPI into $dir (once, ~15 s)"
# A virtualenv's scripts name its absolute path, so it is built in place; `.complete` marks it done.
if "$python" -m venv "$dir" >&2 2>/dev/null; then
  "$dir/bin/python" -m pip install --quiet --disable-pip-version-check "schemathesis==$version" >&2 ||
    fail "pip could not install schemathesis==$version. Check access to PyPI, or set SCHEMATHESIS_PATH."
else
  # No venv/ensurepip (Debian without python3-venv): install the packages into a folder instead.
  say "schemathesis: '$python -m venv' is unavailable; installing with pip --target"
  rm -rf "$dir"
  mkdir -p "$dir/lib" "$dir/bin"
  "$python" -m pip install --quiet --disable-pip-version-check --target "$dir/lib" "schemathesis==$version" >&2 ||
    fail "pip could not install schemathesis==$version (is pip installed? 'apt-get install -y python3-pip python3-venv'), or set SCHEMATHESIS_PATH."
  cat >"$bin" <<WRAPPER
#!/usr/bin/env bash
# schemathesis $version installed with pip --target: run its CLI with that folder on the path.
PYTHONPATH="$dir/lib\${PYTHONPATH:+:\$PYTHONPATH}" exec "$python" -c 'import sys; sys.argv[0] = "st"; from schemathesis.cli import schemathesis; sys.exit(schemathesis())' "\$@"
WRAPPER
  chmod +x "$bin"
fi
"$bin" --version >/dev/null || fail "the installed schemathesis does not run: remove $dir and try again."
touch "$dir/.complete"
say "schemathesis: ready at $bin"
echo "$bin"
