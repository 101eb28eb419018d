//! Weights of `pallet_share_pool`, measured by FRAME benchmarking. Generated: run
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
//! `pallet_share_pool`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `50`
//! `--repeat`
//! `20`
//! `--template`
//! `scripts/benchmark/pallet-weights.hbs`
//! `--output`
//! `pallets/share-pool/src/weights.rs`
//!
//! One hand edit: `settle`'s base is the fastest run measured (3.45 ms), not the
//! regression's intercept (0.21 ms), which lay below every measured run (the benchmark
//! holds the other component at its maximum while it varies one, so (0, 0) is extrapolated).

use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		traits::Get,
		weights::{constants::ParityDbWeight, Weight},
	},
	frame_system,
};

/// Weight functions of `pallet_share_pool`.
pub trait WeightInfo {
	/// The `buy_shares` benchmark.
	fn buy_shares() -> Weight;
	/// The `settle` benchmark: `n` in 0..=64, `e` in 0..=64.
	fn settle(n: u32, e: u32) -> Weight;
	/// The `on_finalize` benchmark.
	fn on_finalize() -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn buy_shares() -> Weight {
		// Storage proof: 8741 bytes measured. Minimum time: 175_850 ns.
		Weight::from_parts(221_024_000, 80830)
			.saturating_add(T::DbWeight::get().reads(39))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	fn settle(n: u32, e: u32) -> Weight {
		// Storage proof: 548 bytes measured. Minimum time: 3_454_628 ns.
		Weight::from_parts(3_454_628_000, 152216)
			.saturating_add(Weight::from_parts(99_560_891, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(267_895_642, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(83))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(4_u64.saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(47))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64.saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2668).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 2668).saturating_mul(n.into()))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 157 bytes measured. Minimum time: 6_232 ns.
		Weight::from_parts(7_304_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn buy_shares() -> Weight {
		// Storage proof: 8741 bytes measured. Minimum time: 175_850 ns.
		Weight::from_parts(221_024_000, 80830)
			.saturating_add(ParityDbWeight::get().reads(39))
			.saturating_add(ParityDbWeight::get().writes(7))
	}
	fn settle(n: u32, e: u32) -> Weight {
		// Storage proof: 548 bytes measured. Minimum time: 3_454_628 ns.
		Weight::from_parts(3_454_628_000, 152216)
			.saturating_add(Weight::from_parts(99_560_891, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(267_895_642, 0).saturating_mul(e.into()))
			.saturating_add(ParityDbWeight::get().reads(83))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().reads(4_u64.saturating_mul(e.into())))
			.saturating_add(ParityDbWeight::get().writes(47))
			.saturating_add(ParityDbWeight::get().writes(3_u64.saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64.saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2668).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 2668).saturating_mul(n.into()))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 157 bytes measured. Minimum time: 6_232 ns.
		Weight::from_parts(7_304_000, 1486)
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
}
