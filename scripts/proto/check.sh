#!/usr/bin/env bash
# CI guard for the wire contracts:
#  1. buf lint (STANDARD rules);
#  2. the committed generated TypeScript equals a fresh generation (no stale code);
#  3. no breaking change against the released baseline image proto/baseline/contracts.binpb.
# After a deliberate, compatible contract change run `npm run proto:generate` and
# `bash scripts/proto/release-baseline.sh`, and commit both.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$root/node_modules/.bin:$PATH"
cd "$root/proto"
buf lint
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
buf generate --template '{"version":"v2","plugins":[{"local":"protoc-gen-es","out":"'"$tmp"'/gen","opt":["target=ts","import_extension=js"]}]}'
if ! diff -r "$tmp/gen" "$root/packages/contracts/src/gen" >"$tmp/diff.txt"; then
  echo "Generated contract code is stale; run: npm run proto:generate" >&2
  head -40 "$tmp/diff.txt" >&2
  exit 1
fi
buf breaking --against "$root/proto/baseline/contracts.binpb"
echo "contracts: lint ok, generated code fresh, no breaking change against the baseline" >&2
