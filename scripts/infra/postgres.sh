#!/usr/bin/env bash
# PostgreSQL 15 from Debian on loopback, with the project's login role and database.
# Usage: postgres.sh {install|start|stop|crash|status}
#   install  apt-get install postgresql once (needs root)
#   start    install if needed, start the cluster, wait for pg_isready, ensure role + database
#   stop     stop the cluster
#   crash    stop it the way a crash does (immediate: no checkpoint; the next start recovers)
#   status   exit 0 and print "running" when the server accepts connections, else "stopped" and exit 3
# Env: KOPPEL_PG_VERSION (default 15), KOPPEL_PG_READY_TIMEOUT (seconds, default 60),
#      KOPPEL_PG_CLUSTER (default main) and KOPPEL_PG_PORT (default 5432): a second cluster on
#      another port (created on first start), e.g. for the fault matrix, which restarts its own.
# The role koppel/koppel (CREATEDB) owns database koppel: postgres://koppel:koppel@127.0.0.1:5432/koppel
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${SCRIPT_DIR}/lib.sh"

PG_VERSION="${KOPPEL_PG_VERSION:-15}"
PG_CLUSTER="${KOPPEL_PG_CLUSTER:-main}"
PG_HOST="127.0.0.1"
PG_PORT="${KOPPEL_PG_PORT:-5432}"
READY_TIMEOUT="${KOPPEL_PG_READY_TIMEOUT:-60}"
APP_ROLE="koppel"
APP_PASSWORD="koppel"
APP_DATABASE="koppel"

as_postgres() {
  runuser -u postgres -- "$@"
}

do_install() {
  if [[ -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]] && command -v pg_ctlcluster >/dev/null; then
    log "postgres ${PG_VERSION}: already installed"
  else
    [[ "$(id -u)" == 0 ]] || die "installing postgresql needs root (apt-get)"
    log "postgres ${PG_VERSION}: installing from Debian (apt-get)"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q >&2 || die "apt-get update failed"
    # Debian 12's "postgresql" is PostgreSQL 15.
    apt-get install -y -q postgresql >&2 || die "apt-get install postgresql failed"
    [[ -x "/usr/lib/postgresql/${PG_VERSION}/bin/postgres" ]] ||
      die "apt installed a PostgreSQL other than ${PG_VERSION}: $(ls /usr/lib/postgresql)"
  fi
  # The Debian package creates the main cluster unless create_main_cluster=false.
  if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} ${PG_CLUSTER}"; then
    log "postgres ${PG_VERSION}: creating cluster ${PG_CLUSTER}"
    pg_createcluster "${PG_VERSION}" "${PG_CLUSTER}" --port "${PG_PORT}" >&2
  fi
}

server_ready() {
  pg_isready -q -h "${PG_HOST}" -p "${PG_PORT}" -t 2
}

cluster_online() {
  pg_lsclusters -h | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1 == v && $2 == c {print $4}' |
    grep -q '^online'
}

wait_ready() {
  local deadline=$((SECONDS + READY_TIMEOUT))
  until server_ready; do
    if ((SECONDS >= deadline)); then
      tail -n 30 "/var/log/postgresql/postgresql-${PG_VERSION}-${PG_CLUSTER}.log" >&2 2>/dev/null || true
      die "postgres did not accept connections on ${PG_HOST}:${PG_PORT} within ${READY_TIMEOUT}s"
    fi
    sleep 0.5
  done
}

ensure_role_and_database() {
  # Idempotent: DO block for the role (no CREATE ROLE IF NOT EXISTS in Postgres 15),
  # \gexec for the database (CREATE DATABASE cannot run inside a DO block).
  as_postgres psql -q -X -v ON_ERROR_STOP=1 -p "${PG_PORT}" -d postgres >&2 <<SQL
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${APP_ROLE}') THEN
    CREATE ROLE ${APP_ROLE} LOGIN CREATEDB PASSWORD '${APP_PASSWORD}';
  ELSE
    ALTER ROLE ${APP_ROLE} LOGIN CREATEDB PASSWORD '${APP_PASSWORD}';
  END IF;
END
\$\$;
SELECT 'CREATE DATABASE ${APP_DATABASE} OWNER ${APP_ROLE}'
WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '${APP_DATABASE}')\gexec
SQL
  PGPASSWORD="${APP_PASSWORD}" psql -q -X -v ON_ERROR_STOP=1 -h "${PG_HOST}" -p "${PG_PORT}" \
    -U "${APP_ROLE}" -d "${APP_DATABASE}" -c 'select 1' >/dev/null ||
    die "cannot log in as ${APP_ROLE} over ${PG_HOST}:${PG_PORT} (check pg_hba.conf)"
}

do_start() {
  do_install
  if cluster_online && server_ready; then
    log "postgres ${PG_VERSION}: already running on ${PG_HOST}:${PG_PORT}"
  else
    log "postgres ${PG_VERSION}: starting cluster ${PG_CLUSTER}"
    # Each test file opens its own pools (and the suite runs four files at once): Debian's default
    # of 100 connections ran out. Applied at start, so an existing cluster gets it too.
    pg_conftool "${PG_VERSION}" "${PG_CLUSTER}" set max_connections "${KOPPEL_PG_MAX_CONNECTIONS:-300}" >&2
    # --skip-systemctl-redirect: there is no systemd here; pg_ctlcluster starts postgres itself.
    # 9>&-: the server must not inherit the lock fd, or it would hold the lock for its lifetime.
    pg_ctlcluster --skip-systemctl-redirect "${PG_VERSION}" "${PG_CLUSTER}" start >&2 9>&- ||
      cluster_online || die "pg_ctlcluster could not start ${PG_VERSION}/${PG_CLUSTER}"
    wait_ready
    log "postgres ${PG_VERSION}: ready on ${PG_HOST}:${PG_PORT}"
  fi
  ensure_role_and_database
}

# stop_cluster <mode> <what it did>: `fast` is an orderly stop (every session cut); `immediate` is
# how a crash stops it (no checkpoint: the next start runs crash recovery from the WAL).
stop_cluster() {
  local mode="$1" outcome="$2"
  if ! command -v pg_ctlcluster >/dev/null || ! cluster_online; then
    log "postgres: not running"
    return 0
  fi
  log "postgres ${PG_VERSION}: stopping cluster ${PG_CLUSTER} (-m ${mode})"
  pg_ctlcluster --skip-systemctl-redirect "${PG_VERSION}" "${PG_CLUSTER}" stop -m "${mode}" >&2
  log "postgres: ${outcome}"
}

do_stop() { stop_cluster fast stopped; }
do_crash() { stop_cluster immediate crashed; }

do_status() {
  if command -v pg_isready >/dev/null && server_ready; then
    echo "running ${PG_HOST}:${PG_PORT}"
    return 0
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  install) with_lock postgres do_install ;;
  start) with_lock postgres do_start ;;
  stop) with_lock postgres do_stop ;;
  crash) with_lock postgres do_crash ;;
  status) do_status ;;
  *)
    echo "usage: $0 {install|start|stop|crash|status}" >&2
    exit 2
    ;;
esac
