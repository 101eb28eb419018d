//! Weights of `pallet_shielded`, measured by FRAME benchmarking. Generated: run
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
	/// The `pay_into_note` benchmark.
	fn pay_into_note() -> Weight;
	/// The `on_finalize` benchmark.
	fn on_finalize() -> Weight;
	/// The `verify_deferred_proofs` benchmark: `p` in 1..=32.
	fn verify_deferred_proofs(p: u32) -> Weight;
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 6845 bytes measured. Minimum time: 17_973_622 ns.
		Weight::from_parts(6_763_316_853, 24475)
			.saturating_add(Weight::from_parts(1_245_503_864, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_686_321_826, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(6))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 6892 bytes measured. Minimum time: 3_859_237 ns.
		Weight::from_parts(4_067_794_423, 24475)
			.saturating_add(Weight::from_parts(1_658_941_469, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 6934 bytes measured. Minimum time: 18_613_994 ns.
		Weight::from_parts(6_610_603_789, 24475)
			.saturating_add(Weight::from_parts(1_228_367_583, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_713_295_948, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(10))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(7))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 0 bytes measured. Minimum time: 646_652 ns.
		Weight::from_parts(923_441_000, 0).saturating_add(T::DbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 100_869 ns.
		Weight::from_parts(177_463_000, 3567)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1370 bytes measured. Minimum time: 5_592_117 ns.
		Weight::from_parts(9_279_551_000, 24475)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(36))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 1_622_843 ns.
		Weight::from_parts(2_579_207_000, 3509)
			.saturating_add(T::DbWeight::get().reads(4))
			.saturating_add(T::DbWeight::get().writes(6))
	}
	fn verify_deferred_proofs(p: u32) -> Weight {
		// Not measured yet: the natively measured batch (3.74 ms and 0.74 ms a proof with
		// its decoding, `cargo bench -p sero-host`) with a fifth more.
		Weight::from_parts(4_500_000_000, 0)
			.saturating_add(Weight::from_parts(900_000_000, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 6845 bytes measured. Minimum time: 17_973_622 ns.
		Weight::from_parts(6_763_316_853, 24475)
			.saturating_add(Weight::from_parts(1_245_503_864, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_686_321_826, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(9))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(6))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 6892 bytes measured. Minimum time: 3_859_237 ns.
		Weight::from_parts(4_067_794_423, 24475)
			.saturating_add(Weight::from_parts(1_658_941_469, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(9))
			.saturating_add(ParityDbWeight::get().writes(4))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 6934 bytes measured. Minimum time: 18_613_994 ns.
		Weight::from_parts(6_610_603_789, 24475)
			.saturating_add(Weight::from_parts(1_228_367_583, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(1_713_295_948, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(10))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(7))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 0 bytes measured. Minimum time: 646_652 ns.
		Weight::from_parts(923_441_000, 0).saturating_add(ParityDbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 100_869 ns.
		Weight::from_parts(177_463_000, 3567)
			.saturating_add(ParityDbWeight::get().reads(3))
			.saturating_add(ParityDbWeight::get().writes(2))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1370 bytes measured. Minimum time: 5_592_117 ns.
		Weight::from_parts(9_279_551_000, 24475)
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(36))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 1_622_843 ns.
		Weight::from_parts(2_579_207_000, 3509)
			.saturating_add(ParityDbWeight::get().reads(4))
			.saturating_add(ParityDbWeight::get().writes(6))
	}
	fn verify_deferred_proofs(p: u32) -> Weight {
		// Not measured yet: the natively measured batch (3.74 ms and 0.74 ms a proof with
		// its decoding, `cargo bench -p sero-host`) with a fifth more.
		Weight::from_parts(4_500_000_000, 0)
			.saturating_add(Weight::from_parts(900_000_000, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
}
