#!/usr/bin/env bash
# Builds sero-node and sero-wallet and runs a single-node development chain that mines by
# itself.
# Extra arguments go to the node, e.g. `scripts/dev.sh --mining-threads 2`.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
# The whole workspace, as scripts/test.sh builds it: the node and the wallet, and one
# feature set for the shared dependencies (`-p sero-node` alone would compile a second).
cargo build --workspace
exec "$SERO_NODE" --dev --tmp --rpc-cors all "$@"
