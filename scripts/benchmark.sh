#!/usr/bin/env bash
# Measures the runtime's weights with FRAME benchmarking and rewrites the weights.rs of
# each benchmarked pallet. Weights are what blocks cost the node an operator runs, so this
# builds the operator's build (`--release`, as scripts/dev.sh --release and Docker do) with
# `--features runtime-benchmarks` (a build of its own: about 30 minutes cold on 2 cores,
# less where a release build already warmed the target directory), runs
# `sero-node benchmark pallet`, then relinks the release sero-node without the feature.
#
#   scripts/benchmark.sh [pallet ...]     default: every benchmarked pallet
#   STEPS=10 REPEAT=5 scripts/benchmark.sh   (a quick run; default 50 steps, 20 repeats)
#   CARGO_TARGET_DIR=/tmp/release scripts/benchmark.sh   (another target directory)
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh

log() { printf '\033[1;34m[benchmark]\033[0m %s\n' "$*"; }

scripts/setup.sh
log "building the release sero-node with runtime-benchmarks (target dir: $CARGO_TARGET_DIR)"
# frame-benchmarking-cli embeds a test runtime for `benchmark storage`, which sero-node does
# not offer; its wasm builder fails outside polkadot-sdk's workspace, so it is skipped.
SKIP_FRAME_STORAGE_ACCESS_TEST_RUNTIME_WASM_BUILD=1 \
	cargo build --locked --release -p sero-node --features runtime-benchmarks
node="$CARGO_TARGET_DIR/release/sero-node"

pallets=("$@")
[ ${#pallets[@]} -gt 0 ] || pallets=(pallet_shielded pallet_share_pool pallet_staking_nodes pallet_tickets)
for pallet in "${pallets[@]}"; do
	dir="pallets/${pallet#pallet_}"
	dir="${dir//_/-}"
	[ -d "$dir" ] || { echo "no pallet directory $dir for $pallet" >&2; exit 2; }
	log "$pallet → $dir/src/weights.rs"
	"$node" benchmark pallet \
		--chain dev \
		--pallet "$pallet" \
		--extrinsic '*' \
		--steps "${STEPS:-50}" \
		--repeat "${REPEAT:-20}" \
		--template scripts/benchmark/pallet-weights.hbs \
		--output "$dir/src/weights.rs"
	rustfmt --edition 2021 "$dir/src/weights.rs"
done
log "relinking the release sero-node without runtime-benchmarks"
cargo build --locked --release -p sero-node
log "done: review the diff of the weights.rs files"
