#!/usr/bin/env bash
# Trial detection side by side: our wallet's test of one-time addresses (sero-crypto's
# Detector) against a Zcash wallet's Sapling trial decryption (zcash's own sapling-crypto
# and zcash_note_encryption, batch API), each on 1,024 other people's outputs in batches of
# 128, on one thread and on two; prints outputs per second and the ratios.
#
#   scripts/bench/detection.sh
#
# The baseline's driver is scripts/bench/sapling-ref.rs; the script builds it in a project
# of its own under the target dir, with the crates from crates.io (nothing of them is
# committed; its lockfile stays there).
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

log() { printf '\033[1;34m[bench:detection]\033[0m %s\n' "$*" >&2; }

ref="$CARGO_TARGET_DIR/sapling-ref"
mkdir -p "$ref/src"
cat >"$ref/Cargo.toml" <<'TOML'
[package]
name = "sapling-ref"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
rand = { version = "0.10", default-features = false, features = ["sys_rng"] }
rand_core = "0.10"
sapling-crypto = { version = "=0.9.0", default-features = false }
zcash_note_encryption = "=0.5.1"
zip32 = "=0.3.0"

[profile.release]
debug = false

[workspace]
TOML
cp scripts/bench/sapling-ref.rs "$ref/src/main.rs"
log "building the Sapling baseline (sapling-crypto 0.9.0)"
cargo build --release --quiet --manifest-path "$ref/Cargo.toml" --target-dir "$CARGO_TARGET_DIR"
log "building our side"
cargo build --locked --release --quiet -p sero-crypto --example detection_rate

results=$(mktemp)
"$CARGO_TARGET_DIR/release/sapling-ref" >>"$results"
"$CARGO_TARGET_DIR/release/examples/detection_rate" >>"$results"
awk '
	{ rate[$1, $2] = $3 }
	END {
		for (t = 1; t <= 2; t++)
			printf "%d thread(s): ours %6d outputs/s   Sapling %6d outputs/s   ours/Sapling %.2fx\n",
				t, rate["sero", t], rate["sapling", t], rate["sero", t] / rate["sapling", t]
	}' "$results"
rm -f "$results"
