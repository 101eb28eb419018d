//! A minimal runtime for the StakingNodes' tests.

use crate as pallet_staking_nodes;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};

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
	pub type StakingNodes = pallet_staking_nodes;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
}

parameter_types! {
	pub const ExistentialDeposit: u128 = SERO / 100;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
	type RuntimeHoldReason = RuntimeHoldReason;
}

impl pallet_staking_nodes::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxNameLength = ConstU32<MAX_NAME_LENGTH>;
	type WeightInfo = ();
}

/// One SERO.
pub const SERO: u128 = sero_share_pool::SERO;
/// Operates nodes.
pub const ALICE: u64 = 1;
/// Operates no node.
pub const BOB: u64 = 2;
/// Has less than a stake.
pub const CAROL: u64 = 3;
/// What Alice and Bob start with.
pub const ENDOWMENT: u128 = 1_000 * SERO;
/// A node's stake in the mock.
pub const STAKE: u128 = 100 * SERO;
/// What Carol starts with: a stake, but not the existential deposit besides.
pub const CAROL_ENDOWMENT: u128 = STAKE;
/// Blocks from registering until a node may close.
pub const CLOSE_AFTER: u64 = 10;
/// The longest name.
pub const MAX_NAME_LENGTH: u32 = 8;

/// Alice, Bob and Carol endowed, at block 1.
pub fn new_test_ext() -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (CAROL, CAROL_ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_staking_nodes::GenesisConfig::<Test> { stake: STAKE, close_after: CLOSE_AFTER }
		.assimilate_storage(&mut storage)
		.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
