//! Weights of `pallet_share_pool`, measured by FRAME benchmarking. Generated: run
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
//! `pallet_share_pool`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `20`
//! `--repeat`
//! `10`
//! `--template`
//! `scripts/benchmark/pallet-weights.hbs`
//! `--output`
//! `pallets/share-pool/src/weights.rs`

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
		// Storage proof: 8705 bytes measured. Minimum time: 2_616_066 ns.
		Weight::from_parts(3_757_306_000, 80830)
			.saturating_add(T::DbWeight::get().reads(39))
			.saturating_add(T::DbWeight::get().writes(7))
	}
	fn settle(n: u32, e: u32) -> Weight {
		// Storage proof: 120 bytes measured. Minimum time: 43_439_856 ns.
		Weight::from_parts(44_072_481_000, 152393)
			.saturating_add(Weight::from_parts(519_880_217, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(3_299_160_562, 0).saturating_mul(e.into()))
			.saturating_add(T::DbWeight::get().reads(78))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().reads(4_u64.saturating_mul(e.into())))
			.saturating_add(T::DbWeight::get().writes(44))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(n.into())))
			.saturating_add(T::DbWeight::get().writes(4_u64.saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2614).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 157 bytes measured. Minimum time: 101_891 ns.
		Weight::from_parts(163_777_000, 1486)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn buy_shares() -> Weight {
		// Storage proof: 8705 bytes measured. Minimum time: 2_616_066 ns.
		Weight::from_parts(3_757_306_000, 80830)
			.saturating_add(ParityDbWeight::get().reads(39))
			.saturating_add(ParityDbWeight::get().writes(7))
	}
	fn settle(n: u32, e: u32) -> Weight {
		// Storage proof: 120 bytes measured. Minimum time: 43_439_856 ns.
		Weight::from_parts(44_072_481_000, 152393)
			.saturating_add(Weight::from_parts(519_880_217, 0).saturating_mul(n.into()))
			.saturating_add(Weight::from_parts(3_299_160_562, 0).saturating_mul(e.into()))
			.saturating_add(ParityDbWeight::get().reads(78))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().reads(4_u64.saturating_mul(e.into())))
			.saturating_add(ParityDbWeight::get().writes(44))
			.saturating_add(ParityDbWeight::get().writes(3_u64.saturating_mul(n.into())))
			.saturating_add(ParityDbWeight::get().writes(4_u64.saturating_mul(e.into())))
			.saturating_add(Weight::from_parts(0, 2614).saturating_mul(e.into()))
			.saturating_add(Weight::from_parts(0, 2603).saturating_mul(n.into()))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 157 bytes measured. Minimum time: 101_891 ns.
		Weight::from_parts(163_777_000, 1486)
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
}
