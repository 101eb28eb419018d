//! A minimal runtime for the difficulty pallet's tests.

use crate as pallet_difficulty;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::Hooks},
	frame_system, pallet_timestamp,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};
use sero_consensus_primitives::Difficulty as DifficultyValue;

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Difficulty = pallet_difficulty;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_timestamp::Config for Test {
	type Moment = u64;
	type OnTimestampSet = ();
	type MinimumPeriod = polkadot_sdk::frame_support::traits::ConstU64<1>;
	type WeightInfo = ();
}

parameter_types! {
	pub const Window: u32 = 4;
}

impl pallet_difficulty::Config for Test {
	type Time = Timestamp;
	type Window = Window;
	type WeightInfo = ();
}

/// Target block time of the test chain.
pub const TARGET_MS: u64 = 6_000;
/// Minimum difficulty of the test chain.
pub const MINIMUM: u64 = 1_000;
/// Initial difficulty of the test chain.
pub const INITIAL: u64 = 10_000;

/// Test externalities with the genesis above.
pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		difficulty: pallet_difficulty::GenesisConfig {
			initial_difficulty: DifficultyValue::from(INITIAL),
			minimum_difficulty: DifficultyValue::from(MINIMUM),
			target_block_time_ms: TARGET_MS,
			..Default::default()
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}

/// Finishes the current block at time `now` (ms) and starts the next one.
pub fn finish_block_at(now: u64) {
	let n = System::block_number();
	polkadot_sdk::pallet_timestamp::Now::<Test>::put(now);
	Difficulty::on_finalize(n);
	System::set_block_number(n + 1);
	Difficulty::on_initialize(n + 1);
}
