#!/usr/bin/env bash
# Installs (once, cached) and starts the real infrastructure the tests and the multi-process mode
# need, on loopback: Apache Kafka 3.9.1 (KRaft, from Maven Central) and PostgreSQL 15 (Debian).
# Idempotent: a second call on running services returns at once.
# Logs go to stderr; stdout is exactly the environment to use, as KEY=value lines:
#   KAFKA_BROKERS=127.0.0.1:19092
#   DATABASE_URL=postgres://koppel:koppel@127.0.0.1:5432/koppel
# so `eval "$(bash scripts/infra/up.sh)"` or `export $(bash scripts/infra/up.sh)` sets it.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
source "${SCRIPT_DIR}/lib.sh"

# Both start in parallel: Kafka's JVM start-up and Postgres' do not depend on each other.
bash "${SCRIPT_DIR}/postgres.sh" start >/dev/null &
postgres_pid=$!
bash "${SCRIPT_DIR}/kafka.sh" start >/dev/null &
kafka_pid=$!

status=0
wait "${postgres_pid}" || { log "postgres did not start (see above)"; status=1; }
wait "${kafka_pid}" || { log "kafka did not start (see above)"; status=1; }
((status == 0)) || exit "${status}"

echo "KAFKA_BROKERS=127.0.0.1:${KOPPEL_KAFKA_PORT:-19092}"
echo "DATABASE_URL=postgres://koppel:koppel@127.0.0.1:5432/koppel"
