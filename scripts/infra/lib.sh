# Shared helpers for scripts/infra/*.sh. Sourced, never executed.
# Everything here logs to stderr: stdout of up.sh is reserved for KEY=value lines.

KOPPEL_CACHE_DIR="${KOPPEL_CACHE_DIR:-${HOME}/.cache/koppel}"
mkdir -p "${KOPPEL_CACHE_DIR}"

log() {
  printf '[infra %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2
}

die() {
  log "ERROR: $*"
  exit 1
}

# port_open HOST PORT: true when something accepts TCP connections there.
port_open() {
  (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null
}

# with_lock NAME CMD...: serialise install/start across concurrent callers (e.g. two test
# processes resolving infrastructure at once) so only one of them downloads or starts.
with_lock() {
  local name="$1"
  shift
  local lock_file="${KOPPEL_CACHE_DIR}/${name}.lock"
  (
    flock -w 900 9 || die "timed out waiting for lock ${lock_file}"
    "$@"
  ) 9>"${lock_file}"
}
