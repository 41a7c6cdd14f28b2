#!/usr/bin/env bash
# Prometheus 2.42 from Debian (the package brings promtool), started by hand on loopback.
# Usage: prometheus.sh {install|start|stop|status}
#   install  apt-get install prometheus once (needs root); prints nothing on stdout
#   start    install if needed, start a Prometheus with the given config, wait for /-/ready;
#            stdout is one line PROMETHEUS_URL=http://127.0.0.1:PORT
#   stop     stop the Prometheus started with the same KOPPEL_PROM_DATA_DIR (its pid file)
#   status   print "running URL" and exit 0 when /-/ready answers, else "stopped" and exit 3
# Env (all optional):
#   KOPPEL_PROM_PORT           listen port on 127.0.0.1 (default 19090)
#   KOPPEL_PROM_DATA_DIR       TSDB + pid file + log folder (default ${KOPPEL_CACHE_DIR}/prometheus-PORT)
#   KOPPEL_PROM_CONFIG         prometheus.yml to use; when unset, one is written into the data dir
#                              with a 1 s scrape of KOPPEL_PROM_TARGETS
#   KOPPEL_PROM_TARGETS        comma-separated host:port list for the generated config (default: none)
#   KOPPEL_PROM_READY_TIMEOUT  seconds to wait for /-/ready (default 30)
# A Prometheus is a test fixture here: each caller picks its own port and data dir, so several
# can run at once without touching each other. Debian's service is never started (no systemd).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${SCRIPT_DIR}/lib.sh"

PROM_HOST="127.0.0.1"
PROM_PORT="${KOPPEL_PROM_PORT:-19090}"
DATA_DIR="${KOPPEL_PROM_DATA_DIR:-${KOPPEL_CACHE_DIR}/prometheus-${PROM_PORT}}"
CONFIG="${KOPPEL_PROM_CONFIG:-}"
TARGETS="${KOPPEL_PROM_TARGETS:-}"
READY_TIMEOUT="${KOPPEL_PROM_READY_TIMEOUT:-30}"
PID_FILE="${DATA_DIR}/prometheus.pid"
LOG_FILE="${DATA_DIR}/prometheus.log"
URL="http://${PROM_HOST}:${PROM_PORT}"

do_install() {
  if command -v prometheus >/dev/null && command -v promtool >/dev/null; then
    log "prometheus: already installed ($(prometheus --version 2>&1 | head -n 1))"
    return 0
  fi
  [[ "$(id -u)" == 0 ]] || die "installing prometheus needs root (apt-get)"
  log "prometheus: installing from Debian (apt-get)"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q >&2 || die "apt-get update failed"
  # No recommends: prometheus-node-exporter is not needed to scrape Koppel.
  apt-get install -y -q --no-install-recommends prometheus >&2 || die "apt-get install prometheus failed"
  command -v promtool >/dev/null || die "the prometheus package did not install promtool"
}

ready() {
  curl -fsS --max-time 2 "${URL}/-/ready" >/dev/null 2>&1
}

write_default_config() {
  local file="${DATA_DIR}/prometheus.yml"
  {
    echo "global:"
    echo "  scrape_interval: 1s"
    echo "  evaluation_interval: 1s"
    echo "scrape_configs:"
    echo "  - job_name: koppel"
    echo "    static_configs:"
    echo "      - targets: ["
    local first=1 target
    IFS=',' read -r -a target_list <<<"${TARGETS}"
    for target in "${target_list[@]}"; do
      [[ -n "${target}" ]] || continue
      ((first)) || echo ","
      printf "          '%s'" "${target}"
      first=0
    done
    echo "]"
  } >"${file}"
  echo "${file}"
}

do_start() {
  do_install
  if ready; then
    log "prometheus: already running on ${URL}"
    echo "PROMETHEUS_URL=${URL}"
    return 0
  fi
  port_open "${PROM_HOST}" "${PROM_PORT}" && die "port ${PROM_PORT} is taken by something that is not a ready Prometheus"
  mkdir -p "${DATA_DIR}/tsdb"
  [[ -n "${CONFIG}" ]] || CONFIG="$(write_default_config)"
  promtool check config "${CONFIG}" >&2 || die "invalid config ${CONFIG}"
  log "prometheus: starting on ${URL} (config ${CONFIG}, data ${DATA_DIR})"
  # 9>&-: the server must not inherit the lock fd, or it would hold the lock for its lifetime.
  # --web.enable-lifecycle lets a test POST /-/reload after rewriting its config.
  setsid prometheus \
    --config.file="${CONFIG}" \
    --storage.tsdb.path="${DATA_DIR}/tsdb" \
    --web.listen-address="${PROM_HOST}:${PROM_PORT}" \
    --web.enable-lifecycle \
    >"${LOG_FILE}" 2>&1 9>&- </dev/null &
  echo $! >"${PID_FILE}"
  local deadline=$((SECONDS + READY_TIMEOUT))
  until ready; do
    if ! kill -0 "$(cat "${PID_FILE}")" 2>/dev/null || ((SECONDS >= deadline)); then
      tail -n 30 "${LOG_FILE}" >&2 || true
      die "prometheus did not become ready on ${URL} within ${READY_TIMEOUT}s"
    fi
    sleep 0.2
  done
  log "prometheus: ready on ${URL}"
  echo "PROMETHEUS_URL=${URL}"
}

do_stop() {
  if [[ ! -f "${PID_FILE}" ]]; then
    log "prometheus: no pid file in ${DATA_DIR}, nothing to stop"
    return 0
  fi
  local pid
  pid="$(cat "${PID_FILE}")"
  if kill -0 "${pid}" 2>/dev/null; then
    log "prometheus: stopping pid ${pid}"
    kill -TERM "${pid}"
    local deadline=$((SECONDS + 15))
    while kill -0 "${pid}" 2>/dev/null; do
      ((SECONDS < deadline)) || { kill -KILL "${pid}" 2>/dev/null || true; break; }
      sleep 0.2
    done
  fi
  rm -f "${PID_FILE}"
  log "prometheus: stopped"
}

do_status() {
  if ready; then
    echo "running ${URL}"
    return 0
  fi
  echo "stopped"
  return 3
}

case "${1:-}" in
  install) with_lock prometheus-install do_install ;;
  start) with_lock "prometheus-${PROM_PORT}" do_start ;;
  stop) with_lock "prometheus-${PROM_PORT}" do_stop ;;
  status) do_status ;;
  *)
    echo "usage: $0 {install|start|stop|status}" >&2
    exit 2
    ;;
esac
