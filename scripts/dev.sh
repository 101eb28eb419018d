#!/usr/bin/env bash
# Builds sero-node and runs a single-node development chain that mines by itself.
# Extra arguments go to the node, e.g. `scripts/dev.sh --mining-threads 2`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
cargo build -p sero-node
exec "$SERO_NODE" --dev --tmp --rpc-cors all "$@"
