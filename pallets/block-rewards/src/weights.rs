//! Weights of the block rewards pallet.
//!
//! `on_initialize` reads the digest, the reward schedule (one value) and, when the
//! block names an author, reads and writes the author's account and total issuance
//! and deposits an event. The weights are those database accesses plus a fixed
//! allowance for decoding the author.

use polkadot_sdk::frame_support::weights::{constants::RocksDbWeight, Weight};

/// Weight functions of the block rewards pallet.
pub trait WeightInfo {
	/// `on_initialize` of a block whose digest names an author.
	fn on_initialize_with_author() -> Weight;
	/// `on_initialize` of a block without an author.
	fn on_initialize_without_author() -> Weight;
	/// `on_finalize` of a block paying privately, besides the note itself.
	fn on_finalize_private() -> Weight;
}

/// Weights from the database accesses of each operation.
pub struct SubstrateWeight;

impl WeightInfo for SubstrateWeight {
	fn on_initialize_with_author() -> Weight {
		Weight::from_parts(20_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads_writes(4, 2))
	}
	fn on_initialize_without_author() -> Weight {
		Weight::from_parts(2_000_000, 0).saturating_add(RocksDbWeight::get().reads(1))
	}
	fn on_finalize_private() -> Weight {
		// The digest, the schedule, the fees taken, issuance, the author's account if the
		// note fails, and an event.
		Weight::from_parts(20_000_000, 3_593)
			.saturating_add(RocksDbWeight::get().reads_writes(5, 3))
	}
}

impl WeightInfo for () {
	fn on_initialize_with_author() -> Weight {
		SubstrateWeight::on_initialize_with_author()
	}
	fn on_initialize_without_author() -> Weight {
		SubstrateWeight::on_initialize_without_author()
	}
	fn on_finalize_private() -> Weight {
		SubstrateWeight::on_finalize_private()
	}
}
