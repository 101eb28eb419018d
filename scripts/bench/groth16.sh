#!/usr/bin/env bash
# Groth16 side by side: our input and output proofs (sero-zk's prover, cached matrices)
# and verification (sero-groth16's prepared key) against arkworks' own Groth16 proving and
# verifying its benchmark circuit with exactly our circuits' numbers of constraints, witness
# variables and public inputs; one thread, one run, medians; prints the ratios. The
# reference is built from crates.io's ark-groth16, the version our lockfile pins.
#
#   scripts/bench/groth16.sh [RUNS]     proofs per figure (default 10; 20× as many checks)
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh
cargo run --locked --release -p sero-zk --example groth16_side_by_side -- "${1:-10}"
