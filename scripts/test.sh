#!/usr/bin/env bash
# Runs the whole test suite: Rust unit tests of every crate, then the end-to-end
# tests against real sero-node processes. Installs what it needs first.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log() { printf '\033[1;34m[test]\033[0m %s\n' "$*"; }

scripts/setup.sh

started=$(date +%s)
log "building (target dir: $CARGO_TARGET_DIR)"
cargo build --workspace --locked
log "build done in $(( $(date +%s) - started )) s"

log "Rust tests"
cargo test --workspace --locked

# One build with both features serves both: the pallet benchmarks, each run once against
# the mock runtime, and the storage migrations with their try-runtime pre- and post-upgrade
# checks.
log "pallet benchmarks and storage migrations (runtime-benchmarks, try-runtime)"
cargo test --locked \
	-p pallet-shielded -p pallet-share-pool -p pallet-staking-nodes -p pallet-tickets \
	-p pallet-block-rewards \
	--features pallet-shielded/runtime-benchmarks,pallet-share-pool/runtime-benchmarks \
	--features pallet-staking-nodes/runtime-benchmarks,pallet-tickets/runtime-benchmarks \
	--features pallet-block-rewards/try-runtime,pallet-shielded/try-runtime \
	-- benchmarking try_runtime

log "end-to-end tests"
cd scripts/e2e
# Two lanes: the governance tests, which mostly wait out referendum periods (≈ 11 minutes),
# run beside the other files, which run one at a time. Their output follows the others'.
governance_log=$(mktemp)
node --test --test-concurrency=1 governance.test.js >"$governance_log" 2>&1 &
governance=$!
status=0
node --test --test-concurrency=1 $(ls ./*.test.js | grep -v '/governance\.test\.js$') || status=$?
wait "$governance" || status=1
log "governance end-to-end tests (run beside the others):"
cat "$governance_log"
rm -f "$governance_log"
if [ "$status" -ne 0 ]; then
	log "end-to-end tests FAILED"
	exit "$status"
fi
log "all tests passed in $(( $(date +%s) - started )) s"
