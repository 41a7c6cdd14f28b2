#!/usr/bin/env bash
# Stops what scripts/infra/up.sh started. Data stays in ~/.cache/koppel (Kafka) and the
# Postgres cluster, so the next up.sh is quick.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bash "${SCRIPT_DIR}/kafka.sh" stop
bash "${SCRIPT_DIR}/postgres.sh" stop
