#!/usr/bin/env bash
# Builds sero-node and sero-wallet and runs a single-node development chain that mines by
# itself.
#
#   scripts/dev.sh [--release] [node arguments]
#
# Extra arguments go to the node, e.g. `scripts/dev.sh --mining-threads 2`. `--release`
# first builds and runs the operator's build (`cargo build --release`, as the Docker image
# is built: everything optimised; a cold build of its own, see docs/BENCHMARKS.md) instead
# of the test profile's.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

scripts/setup.sh
if [ "${1:-}" = --release ]; then
	shift
	cargo build --locked --release -p sero-node -p sero-wallet
	node="$CARGO_TARGET_DIR/release/sero-node"
	echo "sero-wallet (release): $CARGO_TARGET_DIR/release/sero-wallet" >&2
else
	# The whole workspace, as scripts/test.sh builds it: the node and the wallet, and one
	# feature set for the shared dependencies (`-p sero-node` alone would compile a second).
	cargo build --workspace
	node="$SERO_NODE"
fi
exec "$node" --dev --tmp --rpc-cors all "$@"
