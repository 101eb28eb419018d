//! Weights of `pallet_staking_nodes`, measured by FRAME benchmarking. Generated: run
//! `scripts/benchmark.sh` again rather than editing.
//!
//! Measured 2026-11-30 on `vm` (AMD EPYC): 20 steps, 10 repeats,
//! `Compiled` wasm execution, chain `Some("dev")`. Command:
//!
//! `/root/.cache/sero-target/debug/sero-node`
//! `benchmark`
//! `pallet`
//! `--chain`
//! `dev`
//! `--pallet`
//! `pallet_staking_nodes`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `20`
//! `--repeat`
//! `10`
//! `--template`
//! `scripts/benchmark/pallet-weights.hbs`
//! `--output`
//! `pallets/staking-nodes/src/weights.rs`

use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		traits::Get,
		weights::{constants::ParityDbWeight, Weight},
	},
	frame_system,
};

/// Weight functions of `pallet_staking_nodes`.
pub trait WeightInfo {
	/// The `register` benchmark.
	fn register() -> Weight;
	/// The `update` benchmark.
	fn update() -> Weight;
	/// The `close` benchmark.
	fn close() -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn register() -> Weight {
		// Storage proof: 188 bytes measured. Minimum time: 1_194_580 ns.
		Weight::from_parts(2_070_282_000, 3604)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(4))
	}
	fn update() -> Weight {
		// Storage proof: 197 bytes measured. Minimum time: 327_003 ns.
		Weight::from_parts(580_198_000, 3609)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn close() -> Weight {
		// Storage proof: 399 bytes measured. Minimum time: 1_151_129 ns.
		Weight::from_parts(1_945_078_000, 3609)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn register() -> Weight {
		// Storage proof: 188 bytes measured. Minimum time: 1_194_580 ns.
		Weight::from_parts(2_070_282_000, 3604)
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(4))
	}
	fn update() -> Weight {
		// Storage proof: 197 bytes measured. Minimum time: 327_003 ns.
		Weight::from_parts(580_198_000, 3609)
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	fn close() -> Weight {
		// Storage proof: 399 bytes measured. Minimum time: 1_151_129 ns.
		Weight::from_parts(1_945_078_000, 3609)
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(3))
	}
}
