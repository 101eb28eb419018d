//! Weights of `pallet_tickets`, measured by FRAME benchmarking. Generated: run
//! `scripts/benchmark.sh` again rather than editing.
//!
//! Measured 2026-12-01 on `vm` (AMD EPYC): 50 steps, 20 repeats,
//! `Compiled` wasm execution, chain `Some("dev")`. Command:
//!
//! `/tmp/release-cold/release/sero-node`
//! `benchmark`
//! `pallet`
//! `--chain`
//! `dev`
//! `--pallet`
//! `pallet_tickets`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `50`
//! `--repeat`
//! `20`
//! `--template`
//! `scripts/benchmark/pallet-weights.hbs`
//! `--output`
//! `pallets/tickets/src/weights.rs`

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
	/// The `allot` benchmark.
	fn allot() -> Weight;
	/// The `set_data` benchmark.
	fn set_data() -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register_category() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 52_468 ns.
		Weight::from_parts(91_231_000, 3567)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn allot() -> Weight {
		// Storage proof: 354 bytes measured. Minimum time: 6_111_289 ns.
		Weight::from_parts(7_099_202_000, 24475)
			.saturating_add(T::DbWeight::get().reads(6))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn set_data() -> Weight {
		// Storage proof: 247 bytes measured. Minimum time: 48_952 ns.
		Weight::from_parts(90_861_000, 3820)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn register_category() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 52_468 ns.
		Weight::from_parts(91_231_000, 3567)
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	fn allot() -> Weight {
		// Storage proof: 354 bytes measured. Minimum time: 6_111_289 ns.
		Weight::from_parts(7_099_202_000, 24475)
			.saturating_add(ParityDbWeight::get().reads(6))
			.saturating_add(ParityDbWeight::get().writes(6))
	}
	fn set_data() -> Weight {
		// Storage proof: 247 bytes measured. Minimum time: 48_952 ns.
		Weight::from_parts(90_861_000, 3820)
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
}
