//! Weights of `pallet_tickets`. **Provisional**: not yet measured by FRAME benchmarking
//! (`scripts/benchmark.sh`, which regenerates this file from `benchmarking.rs`). Until then
//! each call is charged the measured time of the StakingNodes' `register` (2.07 ms on the
//! debug build: a call of the same kind, a few reads and writes of small records and an
//! event), which is more than these calls do, plus their storage reads and writes; `allot`
//! adds the shielded pool's note issue (`NoteIssuer::weight`) on top.

use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		traits::Get,
		weights::{constants::ParityDbWeight, Weight},
	},
	frame_system,
};

/// Weight functions of `pallet_tickets`.
pub trait WeightInfo {
	/// The `register_category` benchmark.
	fn register_category() -> Weight;
	/// The `allot` benchmark, without the note's issue.
	fn allot() -> Weight;
	/// The `set_data` benchmark.
	fn set_data() -> Weight;
}

/// Time and proof size charged for each call (see the module documentation).
const CALL: Weight = Weight::from_parts(2_070_282_000, 3_604);

/// The weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_category() -> Weight {
		CALL.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
	fn allot() -> Weight {
		CALL.saturating_add(T::DbWeight::get().reads_writes(2, 2))
	}
	fn set_data() -> Weight {
		CALL.saturating_add(T::DbWeight::get().reads_writes(2, 1))
	}
}

/// The same, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn register_category() -> Weight {
		CALL.saturating_add(ParityDbWeight::get().reads_writes(2, 1))
	}
	fn allot() -> Weight {
		CALL.saturating_add(ParityDbWeight::get().reads_writes(2, 2))
	}
	fn set_data() -> Weight {
		CALL.saturating_add(ParityDbWeight::get().reads_writes(2, 1))
	}
}
