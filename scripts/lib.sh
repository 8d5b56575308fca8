# Shared helpers for the provisioning scripts. Sourced, never run.
# Everything that is slow to build or fetch is cached outside the clone, so a fresh clone on the same
# machine reuses it.
CACHE_ROOT="${LIEN_THONG_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lien-thong}"

say() { printf '[provision] %s\n' "$*" >&2; }
fail() {
  printf '[provision] ERROR: %s\n' "$*" >&2
  exit 1
}

# Installs Debian packages for `what` (named in the messages), as root or through sudo; fails with
# what to do by hand when there is no apt-get or it fails.
apt_install() {
  local what="$1"
  shift
  command -v apt-get >/dev/null || fail "$what is not installed and there is no apt-get. Install $* and run again."
  local sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  say "$what: installing Debian's package"
  $sudo apt-get update -qq >&2 || fail "apt-get update failed: install $what by hand."
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >&2 ||
    fail "apt-get install $what failed: install it by hand."
}
