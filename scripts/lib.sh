# Shared helpers for the provisioning scripts. Sourced, never run.
# Everything that is slow to build or fetch is cached outside the clone, so a fresh clone on the same
# machine reuses it.
CACHE_ROOT="${LIEN_THONG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lien-thong}"

say() { printf '[provision] %s\n' "$*" >&2; }
fail() {
  printf '[provision] ERROR: %s\n' "$*" >&2
  exit 1
}
