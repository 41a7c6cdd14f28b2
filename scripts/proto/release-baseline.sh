#!/usr/bin/env bash
# Records the current contracts as the released baseline that later changes must stay
# wire- and JSON-compatible with (checked by scripts/proto/check.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$root/node_modules/.bin:$PATH"
cd "$root/proto"
buf build -o baseline/contracts.binpb
echo "baseline written to proto/baseline/contracts.binpb" >&2
