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
	/// The `verify_deferred_proofs` benchmark: `p` in 1..=32.
	fn verify_deferred_proofs(p: u32) -> Weight;
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
}

/// The measured weights, with the runtime's database weights.
pub struct SubstrateWeight<T>(PhantomData<T>);

impl<T: frame_system::Config> WeightInfo for SubstrateWeight<T> {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 6845 bytes measured. Minimum time: 5_851_372 ns.
		Weight::from_parts(2_622_794_985, 24475)
			.saturating_add(Weight::from_parts(358_842_977, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(862_192_334, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(10))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(7))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 61).saturating_mul(o.into()))
	}
	fn verify_deferred_proofs(p: u32) -> Weight {
		// Storage proof: 1117 bytes measured. Minimum time: 2_671_079 ns.
		Weight::from_parts(4_632_638_425, 10058)
			.saturating_add(Weight::from_parts(928_477_478, 0).saturating_mul(p.into()))
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(1))
			.saturating_add(Weight::from_parts(0, 257).saturating_mul(p.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 6892 bytes measured. Minimum time: 3_864_287 ns.
		Weight::from_parts(3_612_022_923, 24475)
			.saturating_add(Weight::from_parts(1_907_352_057, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(9))
			.saturating_add(T::DbWeight::get().writes(4))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 6934 bytes measured. Minimum time: 6_454_513 ns.
		Weight::from_parts(2_668_135_555, 24475)
			.saturating_add(Weight::from_parts(378_800_166, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(867_165_105, 0).saturating_mul(o.into()))
			.saturating_add(T::DbWeight::get().reads(11))
			.saturating_add(T::DbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(8))
			.saturating_add(T::DbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(T::DbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 61).saturating_mul(o.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 141 bytes measured. Minimum time: 686_367 ns.
		Weight::from_parts(1_035_481_000, 1626)
			.saturating_add(T::DbWeight::get().reads(1))
			.saturating_add(T::DbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 101_490 ns.
		Weight::from_parts(172_574_000, 3567)
			.saturating_add(T::DbWeight::get().reads(3))
			.saturating_add(T::DbWeight::get().writes(2))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1370 bytes measured. Minimum time: 5_472_893 ns.
		Weight::from_parts(8_293_351_000, 24475)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(36))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 1_591_744 ns.
		Weight::from_parts(2_299_612_000, 3509)
			.saturating_add(T::DbWeight::get().reads(5))
			.saturating_add(T::DbWeight::get().writes(6))
	}
}

/// The measured weights, with ParityDB's database weights (tests).
impl WeightInfo for () {
	fn transact(i: u32, o: u32) -> Weight {
		// Storage proof: 6845 bytes measured. Minimum time: 5_851_372 ns.
		Weight::from_parts(2_622_794_985, 24475)
			.saturating_add(Weight::from_parts(358_842_977, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(862_192_334, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(10))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(7))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 61).saturating_mul(o.into()))
	}
	fn verify_deferred_proofs(p: u32) -> Weight {
		// Storage proof: 1117 bytes measured. Minimum time: 2_671_079 ns.
		Weight::from_parts(4_632_638_425, 10058)
			.saturating_add(Weight::from_parts(928_477_478, 0).saturating_mul(p.into()))
			.saturating_add(ParityDbWeight::get().reads(3))
			.saturating_add(ParityDbWeight::get().writes(1))
			.saturating_add(Weight::from_parts(0, 257).saturating_mul(p.into()))
	}
	fn shield(o: u32) -> Weight {
		// Storage proof: 6892 bytes measured. Minimum time: 3_864_287 ns.
		Weight::from_parts(3_612_022_923, 24475)
			.saturating_add(Weight::from_parts(1_907_352_057, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(9))
			.saturating_add(ParityDbWeight::get().writes(4))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
	}
	fn unshield(i: u32, o: u32) -> Weight {
		// Storage proof: 6934 bytes measured. Minimum time: 6_454_513 ns.
		Weight::from_parts(2_668_135_555, 24475)
			.saturating_add(Weight::from_parts(378_800_166, 0).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(867_165_105, 0).saturating_mul(o.into()))
			.saturating_add(ParityDbWeight::get().reads(11))
			.saturating_add(ParityDbWeight::get().reads(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(8))
			.saturating_add(ParityDbWeight::get().writes(1_u64.saturating_mul(i.into())))
			.saturating_add(ParityDbWeight::get().writes(2_u64.saturating_mul(o.into())))
			.saturating_add(Weight::from_parts(0, 2511).saturating_mul(i.into()))
			.saturating_add(Weight::from_parts(0, 61).saturating_mul(o.into()))
	}
	fn set_verifying_key() -> Weight {
		// Storage proof: 141 bytes measured. Minimum time: 686_367 ns.
		Weight::from_parts(1_035_481_000, 1626)
			.saturating_add(ParityDbWeight::get().reads(1))
			.saturating_add(ParityDbWeight::get().writes(1))
	}
	fn register_token() -> Weight {
		// Storage proof: 199 bytes measured. Minimum time: 101_490 ns.
		Weight::from_parts(172_574_000, 3567)
			.saturating_add(ParityDbWeight::get().reads(3))
			.saturating_add(ParityDbWeight::get().writes(2))
	}
	fn pay_into_note() -> Weight {
		// Storage proof: 1370 bytes measured. Minimum time: 5_472_893 ns.
		Weight::from_parts(8_293_351_000, 24475)
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(36))
	}
	fn on_finalize() -> Weight {
		// Storage proof: 406 bytes measured. Minimum time: 1_591_744 ns.
		Weight::from_parts(2_299_612_000, 3509)
			.saturating_add(ParityDbWeight::get().reads(5))
			.saturating_add(ParityDbWeight::get().writes(6))
	}
}
