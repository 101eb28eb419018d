#!/usr/bin/env bash
# ProgPoW 0.9.2 light verification and light-cache build, side by side: sero-progpow against
# the C++ reference, chfast/ethash v0.5.0 (the last tag with ProgPoW 0.9.2; 0.5.1 moved to
# 0.9.3), compiled here from its lib/ sources with the system compiler (no cmake), generic
# x86-64 at -O3 as cmake's Release build, so that both sides use the same instruction set
# (rustc's default target). Both are checked against the published vector and against each
# other, then timed; prints the ratios.
#
#   scripts/bench/progpow.sh [ETHASH]    ETHASH: a checkout of v0.5.0, or a git repository
#                                        holding the tag (default: cloned from GitHub)
#   BUILDS=5 BATCHES=15 HASHES=20 ITEMS=2000 scripts/bench/progpow.sh
#   HUGEPAGES=1 scripts/bench/progpow.sh   both sides with transparent huge pages for malloc
#
# Nothing of the reference is committed: it is extracted and built under the target dir.
set -euo pipefail
cd "$(dirname "$0")/../.."
source scripts/env.sh

log() { printf '\033[1;34m[bench:progpow]\033[0m %s\n' "$*" >&2; }

work="$CARGO_TARGET_DIR/progpow-ref"
src="$work/ethash-v0.5.0"
mkdir -p "$work/obj"
from="${1:-}"
if [ -n "$from" ] && [ -d "$from/lib/ethash" ]; then
	src="$from"
elif [ ! -d "$src/lib/ethash" ]; then
	if [ -z "$from" ]; then
		log "cloning chfast/ethash v0.5.0"
		git clone --quiet --depth 1 --branch v0.5.0 https://github.com/chfast/ethash "$src"
	else
		log "extracting v0.5.0 from the repository $from"
		mkdir -p "$src"
		git --git-dir="$(git -C "$from" rev-parse --absolute-git-dir 2>/dev/null || echo "$from")" \
			archive v0.5.0 | tar -x -C "$src"
	fi
fi
grep -q 'revision = "0.9.2"' "$src/include/ethash/progpow.hpp" || {
	echo "$src is not ethash v0.5.0 (ProgPoW 0.9.2)" >&2
	exit 2
}

# cmake's Release flags for v0.5.0 (less its warnings), and the baseline x86-64 ISA.
flags=(-O3 -DNDEBUG -march=x86-64 -mtune=generic -fno-stack-protector)
log "compiling the reference with $(g++ --version | head -1)"
# The Keccak and primes sources are C: compiled as C++ their symbols would be mangled.
for f in keccak/keccak keccak/keccakf1600 keccak/keccakf800 ethash/primes; do
	gcc "${flags[@]}" -I"$src/include" -c "$src/lib/$f.c" -o "$work/obj/${f#*/}.o"
done
for f in lib/ethash/ethash lib/ethash/progpow "$PWD/scripts/bench/progpow-ref"; do
	case "$f" in /*) path="$f.cpp" ;; *) path="$src/$f.cpp" ;; esac
	g++ -std=c++11 "${flags[@]}" -I"$src/include" -I"$src/lib" -c "$path" \
		-o "$work/obj/$(basename "$f").o"
done
g++ "$work/obj"/{keccak,keccakf1600,keccakf800,primes,ethash,progpow,progpow-ref}.o \
	-o "$work/progpow-ref"

log "building sero-progpow's light_timings (release profile)"
cargo build --locked --release -p sero-progpow --example light_timings
rust="$CARGO_TARGET_DIR/release/examples/light_timings"

args=(--builds "${BUILDS:-5}" --batches "${BATCHES:-15}" --hashes "${HASHES:-20}" --items "${ITEMS:-2000}")
run=()
[ "${HUGEPAGES:-0}" = 1 ] && run=(env GLIBC_TUNABLES=glibc.malloc.hugetlb=1)
log "C++ reference"
"${run[@]}" "$work/progpow-ref" "${args[@]}" | tee "$work/cpp.jsonl"
log "sero-progpow"
"${run[@]}" "$rust" "${args[@]}" | tee "$work/rust.jsonl"

python3 - "$work/cpp.jsonl" "$work/rust.jsonl" <<'PY'
import json, sys

def rows(path):
    return {r["what"]: r for r in map(json.loads, open(path))}

cpp, rust = rows(sys.argv[1]), rows(sys.argv[2])
same = cpp["check"] == {**rust["check"], "impl": "cpp"}
print(f"block {cpp['check']['block']}, nonce {cpp['check']['nonce']}: "
      + ("both give " + cpp["check"]["final_hash"] if same
         else f"MISMATCH: C++ {cpp['check']['final_hash']}, Rust {rust['check']['final_hash']}"))
print(f"{'':18} {'C++ ms':>10} {'Rust ms':>10} {'Rust/C++':>9}")
for what in ("light_hash", "item_2048", "light_cache_build"):
    c, r = cpp[what]["ms"], rust[what]["ms"]
    print(f"{what:18} {c:10.4f} {r:10.4f} {r / c:9.2f}")
verify = rust["light_hash"]["ms"] / cpp["light_hash"]["ms"]
build = rust["light_cache_build"]["ms"] / cpp["light_cache_build"]["ms"]
print(f"light verification {verify:.2f}x the reference (target 0.80: {'met' if verify <= 0.8 else 'NOT met'}); "
      f"light cache build {build:.2f}x (target 1.00: {'met' if build <= 1.0 else 'NOT met'})")
sys.exit(0 if same else 1)
PY
