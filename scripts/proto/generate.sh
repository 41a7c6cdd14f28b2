#!/usr/bin/env bash
# Regenerates the TypeScript of every contract in proto/ into packages/contracts/src/gen.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
export PATH="$root/node_modules/.bin:$PATH"
cd "$root/proto"
rm -rf "$root/packages/contracts/src/gen"
buf generate
echo "generated packages/contracts/src/gen" >&2
