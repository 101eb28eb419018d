//! A minimal runtime for the block rewards pallet's tests.

use crate as pallet_block_rewards;
use codec::Encode;
use polkadot_sdk::{
	frame_support::{derive_impl, traits::Hooks},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, Digest, DigestItem},
};
use sero_consensus_primitives::POW_ENGINE_ID;

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type BlockRewards = pallet_block_rewards;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u64>;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type AccountStore = System;
}

impl pallet_block_rewards::Config for Test {
	type Currency = Balances;
	type FindAuthor = crate::PowAuthor<u64>;
	type WeightInfo = ();
}

/// Reward before the first halving.
pub const INITIAL_REWARD: u64 = 1_000;
/// Blocks between halvings.
pub const HALVING: u64 = 10;
/// An account that already holds funds.
pub const FUNDED: u64 = 7;

/// Test externalities with the genesis above.
pub fn new_test_ext() -> TestExternalities {
	let storage = RuntimeGenesisConfig {
		balances: pallet_balances::GenesisConfig {
			balances: vec![(FUNDED, 500)],
			..Default::default()
		},
		block_rewards: pallet_block_rewards::GenesisConfig {
			initial_reward: INITIAL_REWARD,
			halving_interval: HALVING,
		},
		..Default::default()
	}
	.build_storage()
	.unwrap();
	TestExternalities::new(storage)
}

/// Starts block `n` with `pre_runtime` as the PoW pre-runtime digest, if any.
pub fn start_block(n: u64, pre_runtime: Option<Vec<u8>>) {
	let mut digest = Digest::default();
	if let Some(data) = pre_runtime {
		digest.push(DigestItem::PreRuntime(POW_ENGINE_ID, data));
	}
	System::reset_events();
	System::set_block_number(n - 1);
	System::initialize(&n, &Default::default(), &digest);
	BlockRewards::on_initialize(n);
}

/// Starts block `n` authored by `author`.
pub fn start_block_by(n: u64, author: u64) {
	start_block(n, Some(author.encode()))
}
