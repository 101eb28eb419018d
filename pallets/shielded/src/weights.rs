//! Weights of the shielded pool.
//!
//! Provisional figures, measured natively on the development machine (2-core Xeon VM) with
//! `cargo test -p pallet-shielded --release -- --ignored weights` and rounded up: the
//! cryptography runs in host functions, so wasm adds little. To be replaced by the output
//! of FRAME benchmarking (`benchmarking.rs`) once the node carries the benchmark command.

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
const PER_INPUT_PS: u64 = 2_500_000_000;
/// Time of one output: a Groth16 verification, point decoding, the leaf hash and tree update.
const PER_OUTPUT_PS: u64 = 2_500_000_000;
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
