//! Weights of `pallet_staking_nodes`, measured by FRAME benchmarking. Generated: run
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
//! `pallet_staking_nodes`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `50`
//! `--repeat`
//! `20`
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
		// Storage proof: 188 bytes measured. Minimum time: 87_495 ns.
		Weight::from_parts(162_865_000, 3604)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(5))
	}
	fn update() -> Weight {
		// Storage proof: 307 bytes measured. Minimum time: 29_415 ns.
		Weight::from_parts(56_717_000, 3645)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn close() -> Weight {
		// Storage proof: 468 bytes measured. Minimum time: 78_196 ns.
		Weight::from_parts(110_687_000, 3645)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(3))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn register() -> Weight {
		// Storage proof: 188 bytes measured. Minimum time: 87_495 ns.
		Weight::from_parts(162_865_000, 3604)
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(5))
	}
	fn update() -> Weight {
		// Storage proof: 307 bytes measured. Minimum time: 29_415 ns.
		Weight::from_parts(56_717_000, 3645)
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().writes(2))
	}
	fn close() -> Weight {
		// Storage proof: 468 bytes measured. Minimum time: 78_196 ns.
		Weight::from_parts(110_687_000, 3645)
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(3))
	}
}
