//! Weights of the difficulty pallet.
//!
//! The retarget runs once per block in `on_finalize`: it reads the current and
//! minimum difficulty, the target block time, the timestamp window and the
//! timestamp, and writes the difficulty and the window. Its weight is those
//! database accesses plus a fixed allowance for the arithmetic on a window of at
//! most a few dozen entries.

use polkadot_sdk::frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions of the difficulty pallet.
pub trait WeightInfo {
	/// The per-block retarget.
	fn on_finalize_retarget() -> Weight;
}

/// Weights from the database accesses of each operation.
pub struct SubstrateWeight;

impl WeightInfo for SubstrateWeight {
	fn on_finalize_retarget() -> Weight {
		Weight::from_parts(5_000_000, 1_024).saturating_add(RocksDbWeight::get().reads_writes(5, 2))
	}
}

impl WeightInfo for () {
	fn on_finalize_retarget() -> Weight {
		SubstrateWeight::on_finalize_retarget()
	}
}
