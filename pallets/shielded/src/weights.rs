//! Weights of the shielded pool.
//!
//! **Provisional, derived by hand** (FRAME benchmarking of this pallet is still to come):
//! the time terms come from the validation of a 2-in/2-out transaction measured inside the
//! runtime of a dev-profile node on the 2-core build machine, 16.9 ms with proofs checked
//! one by one (`scripts/e2e/bench/shielded-runtime.mjs`, docs/BENCHMARKS.md), split as
//! 1 ms fixed and 4 ms per input and per output, and rounded up; the storage terms count
//! the reads and writes of `validate` and `apply`.

use polkadot_sdk::frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions of the shielded pool.
pub trait WeightInfo {
	/// A transaction with `i` inputs and `o` outputs.
	fn transact(i: u32, o: u32) -> Weight;
	/// A shield with `o` outputs.
	fn shield(o: u32) -> Weight;
	/// Setting a verifying key.
	fn set_verifying_key() -> Weight;
	/// Registering a token.
	fn register_token() -> Weight;
	/// Recording the block's root (at most one root computation: 32 hashes).
	fn on_finalize() -> Weight;
}

/// Time of one input: a Groth16 verification, a Schnorr verification, point decoding.
const PER_INPUT_PS: u64 = 4_000_000_000;
/// Time of one output: a Groth16 verification, point decoding, the leaf hash and tree update.
const PER_OUTPUT_PS: u64 = 4_000_000_000;
/// Time of the fixed part: hashing the transaction, the balance check.
const BASE_PS: u64 = 1_000_000_000;

impl WeightInfo for () {
	fn transact(i: u32, o: u32) -> Weight {
		// Reads: anchors, nullifiers, keys, registry, frontier; writes: nullifiers, leaves,
		// nodes (≤ 2 per output on average), frontier, supply, balances.
		Weight::from_parts(BASE_PS + PER_INPUT_PS * i as u64 + PER_OUTPUT_PS * o as u64, 10_000)
			.saturating_add(RocksDbWeight::get().reads(6 + 2 * i as u64))
			.saturating_add(RocksDbWeight::get().writes(5 + i as u64 + 3 * o as u64))
	}

	fn shield(o: u32) -> Weight {
		Self::transact(0, o)
	}

	fn set_verifying_key() -> Weight {
		Weight::from_parts(5_000_000_000, 2_100).saturating_add(RocksDbWeight::get().writes(1))
	}

	fn register_token() -> Weight {
		Weight::from_parts(200_000_000, 1_000)
			.saturating_add(RocksDbWeight::get().reads(2))
			.saturating_add(RocksDbWeight::get().writes(2))
	}

	fn on_finalize() -> Weight {
		Weight::from_parts(2_000_000_000, 2_000)
			.saturating_add(RocksDbWeight::get().reads(3))
			.saturating_add(RocksDbWeight::get().writes(4))
	}
}
