#!/usr/bin/env bash
# The admin API against its own OpenAPI document: schemathesis (PyPI, property-based API testing)
# generates valid and invalid requests for every operation of /openapi.json and checks that the
# answers are no 5xx, use documented status codes and content types, and match the documented
# response schemas. https://schemathesis.readthedocs.io/
#
# Needs python3 (3.9+) with venv and DATABASE_URL (a Postgres server whose login may CREATE
# DATABASE; scripts/test/run-tests.ts hands over the one the tap step gets). Installs the pinned
# schemathesis once into .cache/schemathesis-venv (git-ignored) and reuses it; starts
# scripts/test/admin-for-schemathesis.ts (a fresh database, seeded, on a free loopback port);
# exits non-zero on any failure. Reports (JUnit, NDJSON) go to .cache/schemathesis-report.
#
# Nothing is excluded: the operations with effects outside the database are made safe instead.
# Connection checks and notification test notices go through a fetch that only reaches loopback
# addresses (the seeded connections point at a closed loopback port), and dead-letter replays
# publish on the embedded table-backed bus inside the run's own throw-away database.
#
# Env: SCHEMATHESIS_MAX_EXAMPLES (test cases per operation and phase, default 12),
# SCHEMATHESIS_SEED (default 20261202), SCHEMATHESIS_ARGS (extra arguments, e.g. --include-path-regex).
set -euo pipefail

SCHEMATHESIS_VERSION=4.32.5
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$root/.cache/schemathesis-venv"
report="$root/.cache/schemathesis-report"
export PATH="$root/node_modules/.bin:$PATH"

: "${DATABASE_URL:?DATABASE_URL must name a Postgres server (the test database server)}"

# Python 3.12+ when there is one: hypothesis parses lambdas' source with ast.parse, which CPython
# before 3.11.8 fails from two threads at once ("AST constructor recursion depth mismatch",
# gh-106905), so an older Python runs one worker.
python=python3
for candidate in python3.13 python3.12; do
  if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import venv' 2>/dev/null; then
    python="$candidate"
    break
  fi
done
pin="schemathesis==$SCHEMATHESIS_VERSION $("$python" -c 'import sys; print("python%d.%d" % sys.version_info[:2])')"
if [[ "$(cat "$venv/.koppel-pin" 2>/dev/null || true)" != "$pin" ]]; then
  echo "installing $pin into $venv"
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  echo "$pin" >"$venv/.koppel-pin"
fi
workers="$("$venv/bin/python" -c 'import sys; print(2 if sys.version_info >= (3, 11, 8) else 1)')"

server_out="$(mktemp)"
config="$(mktemp --suffix=.toml)"
server_pid=""
cleanup() {
  if [[ -n "$server_pid" ]] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -f "$server_out" "$config"
}
trap cleanup EXIT

cd "$root"
node --import tsx scripts/test/admin-for-schemathesis.ts >"$server_out" &
server_pid=$!

# The server prints one JSON line once it listens: {"url", "apiKey", ...}.
for _ in $(seq 1 600); do
  [[ -s "$server_out" ]] && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the admin API did not start" >&2; exit 1; }
  sleep 0.1
done
[[ -s "$server_out" ]] || { echo "the admin API did not start within 60 s" >&2; exit 1; }
# The seeded ids, so most generated requests reach a real connection and tenant, not a 404; no
# crash cache (it would write .schemathesis/ into the repository and make a run depend on the last).
node -e '
  const seeded = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  const q = JSON.stringify;
  process.stdout.write([
    `[cache]`, `enabled = false`,
    `[dictionaries.connection]`, `values = ${q(seeded.connectionIds)}`,
    `[dictionaries.tenant]`, `values = ${q([seeded.tenantId])}`,
    `[dictionaries.order]`, `values = ${q([seeded.externalOrderId])}`,
    `[dictionaries.deadLetter]`, `values = ${q([seeded.deadLetterId])}`,
    `[parameters]`,
    `"path.id" = { dictionary = "connection", probability = 0.7 }`,
    `"path.tenantId" = { dictionary = "tenant", probability = 0.7 }`,
    `"body.tenantId" = { dictionary = "tenant", probability = 0.5 }`,
    `"path.externalOrderId" = { dictionary = "order", probability = 0.7 }`,
    `"path.deadLetterId" = { dictionary = "deadLetter", probability = 0.7 }`,
    ``,
  ].join("\n"));
' "$server_out" >"$config"
url="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).url)' "$server_out")"
api_key="$(node -e 'process.stdout.write(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).apiKey)' "$server_out")"

for _ in $(seq 1 100); do
  curl -fsS -o /dev/null "$url/readyz" && break
  sleep 0.1
done
curl -fsS -o /dev/null "$url/readyz" || { echo "$url/readyz never answered 200" >&2; exit 1; }

echo "schemathesis $SCHEMATHESIS_VERSION ($workers workers) against $url/openapi.json"
# shellcheck disable=SC2086 # SCHEMATHESIS_ARGS is a list of arguments
"$venv/bin/schemathesis" --config-file "$config" run "$url/openapi.json" \
  --header "X-Api-Key: $api_key" \
  --checks not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance \
  --max-examples "${SCHEMATHESIS_MAX_EXAMPLES:-12}" \
  --seed "${SCHEMATHESIS_SEED:-20261202}" \
  --generation-database none \
  --workers "$workers" \
  --request-timeout 10 \
  --suppress-health-check all \
  --no-color \
  --report junit,ndjson --report-dir "$report" \
  ${SCHEMATHESIS_ARGS:-}
