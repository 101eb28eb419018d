//! Weights of `pallet_shielded`, measured by FRAME benchmarking. Generated: run
//! `scripts/benchmark.sh` again rather than editing.
//!
//! Measured 2026-11-30 on `vm` (AMD EPYC): 50 steps, 20 repeats,
//! `Compiled` wasm execution, chain `Some("dev")`. Command:
//!
//! `/root/.cache/sero-target/debug/sero-node`
//! `benchmark`
//! `pallet`
//! `--chain`
//! `dev`
//! `--pallet`
//! `pallet_shielded`
//! `--extrinsic`
//! `*`
//! `--steps`
//! `50`
//! `--repeat`
//! `20`
//! `--template`
//! `scripts/benchmark/pallet-weights.hbs`
//! `--output`
//! `pallets/shielded/src/weights.rs`
//!
//! `pay_into_note` was added later (2026-11-30), measured on its own with the same command
//! and `--extrinsic pay_into_note` (output to a scratch file, its figures copied here); the
//! next full run regenerates all of them together.
//!
//! Runtime 106 stores each new leaf's record by appending it to its page of 64, which
//! reads the page's length first: one read per output more than these runs measured
//! (`transact`, `shield`, `unshield`: `reads(1 × o)`; `pay_into_note`: 5 reads, was 4),
//! added by hand until the next full run measures it.

use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::{
		traits::Get,
		weights::{constants::ParityDbWeight, Weight},
	},
	frame_system,
};

/// Weight functions of `pallet_shielded`.
pub trait WeightInfo {
	/// The `transact` benchmark: `i` in 1..=16, `o` in 0..=16.
	fn transact(i: u32, o: u32) -> Weight;
	/// The `shield` benchmark: `o` in 1..=16.
	fn shield(o: u32) -> Weight;
	/// The `unshield` benchmark: `i` in 1..=16, `o` in 0..=16.
	fn unshield(i: u32, o: u32) -> Weight;
	/// The `set_verifying_key` benchmark.
	fn set_verifying_key() -> Weight;
	/// The `register_token` benchmark.
	fn register_token() -> Weight;
	/// The `on_finalize` benchmark.
	fn on_finalize() -> Weight;
	/// The `pay_into_note` benchmark.
	fn pay_into_note() -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 1516 bytes measured. Minimum time: 21_912_568 ns.
		Weight::from_parts(8_022_402_381, 10058)
			.saturating_add(Weight::from_parts(1_529_715_011, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_999_315_414, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(7))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(5))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 1567 bytes measured. Minimum time: 6_521_259 ns.
		Weight::from_parts(6_819_021_657, 10058)
			.saturating_add(Weight::from_parts(1_908_646_118, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().writes(3))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 1605 bytes measured. Minimum time: 26_187_024 ns.
		Weight::from_parts(10_068_393_670, 10058)
			.saturating_add(Weight::from_parts(1_551_057_986, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(2_059_943_718, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(8))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(6))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(T::DbWeight::get().writes(3_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 0 bytes measured. Minimum time: 999_635 ns.
		Weight::from_parts(1_613_184_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 193 bytes measured. Minimum time: 461_065 ns.
		Weight::from_parts(765_535_000, 3567)
			.saturating_add(T::DbWeight::get().reads(2))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 2_537_799 ns.
		Weight::from_parts(3_782_773_000, 3509)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1331 bytes measured. Minimum time: 7_640_527 ns.
		Weight::from_parts(9_046_664_000, 3593)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(36))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 1516 bytes measured. Minimum time: 21_912_568 ns.
		Weight::from_parts(8_022_402_381, 10058)
			.saturating_add(Weight::from_parts(1_529_715_011, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_999_315_414, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(7))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(5))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(ParityDbWeight::get().writes(3_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 1567 bytes measured. Minimum time: 6_521_259 ns.
		Weight::from_parts(6_819_021_657, 10058)
			.saturating_add(Weight::from_parts(1_908_646_118, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(8))
			.saturating_add(ParityDbWeight::get().writes(3))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(ParityDbWeight::get().writes(3_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 1605 bytes measured. Minimum time: 26_187_024 ns.
		Weight::from_parts(10_068_393_670, 10058)
			.saturating_add(Weight::from_parts(1_551_057_986, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(2_059_943_718, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(8))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(6))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(o.into())))
			.saturating_add(ParityDbWeight::get().writes(3_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 0 bytes measured. Minimum time: 999_635 ns.
		Weight::from_parts(1_613_184_000, 0).saturating_add(ParityDbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 193 bytes measured. Minimum time: 461_065 ns.
		Weight::from_parts(765_535_000, 3567)
			.saturating_add(ParityDbWeight::get().reads(2))
			.saturating_add(ParityDbWeight::get().writes(2))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 2_537_799 ns.
		Weight::from_parts(3_782_773_000, 3509)
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(6))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1331 bytes measured. Minimum time: 7_640_527 ns.
		Weight::from_parts(9_046_664_000, 3593)
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(36))
	}
}
