//! A minimal runtime for the share pool's tests.

use crate as pallet_share_pool;
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{traits::Header as _, BuildStorage},
};

/// The mock's block header.
pub type Header =
	polkadot_sdk::sp_runtime::generic::Header<u64, polkadot_sdk::sp_runtime::traits::BlakeTwo256>;

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
	pub type SharePool = pallet_share_pool;
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

impl pallet_share_pool::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxPending = ConstU32<MAX_PENDING>;
	type MaxEnterPerBlock = ConstU32<MAX_ENTER_PER_BLOCK>;
	type WeightInfo = ();
}

/// One SERO.
pub const SERO: u128 = sero_share_pool::SERO;
/// Buys shares.
pub const ALICE: u64 = 1;
/// Buys shares too.
pub const BOB: u64 = 2;
/// Has a little SERO only.
pub const CAROL: u64 = 3;
/// What Alice and Bob start with.
pub const ENDOWMENT: u128 = 10_000 * SERO;
/// What Carol starts with: one share's price and a little.
pub const CAROL_ENDOWMENT: u128 = 2 * SERO + SERO / 100;
/// Purchases waiting at most.
pub const MAX_PENDING: u32 = 4;
/// Purchases entering the pool per block at most.
pub const MAX_ENTER_PER_BLOCK: u32 = 2;
/// Blocks a share stays in the pool undrawn.
pub const EXPIRY: u64 = 10;

/// A header of block `number`, told apart from others of its number by `state_root`.
pub fn header(number: u64, state_root: u8) -> Header {
	Header::new(
		number,
		Default::default(),
		[state_root; 32].into(),
		Default::default(),
		Default::default(),
	)
}

/// Starts the block after `parent`.
pub fn start_block_on(parent: &Header) {
	System::initialize(&(parent.number + 1), &parent.hash(), &Default::default());
}

/// Runs whole blocks, each carrying the inherent, until block `n` is finished.
pub fn run_to(n: u64) {
	use polkadot_sdk::frame_support::traits::Hooks;
	while System::block_number() < n {
		let parent = header(System::block_number(), 0);
		start_block_on(&parent);
		SharePool::settle(RuntimeOrigin::none(), Box::new(parent)).unwrap();
		SharePool::on_finalize(System::block_number());
	}
}

/// Alice, Bob and Carol endowed, at block 1.
pub fn new_test_ext() -> TestExternalities {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (CAROL, CAROL_ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_share_pool::GenesisConfig::<Test> {
		expiry: EXPIRY,
		payout_period: 5,
		missed_lock: 4,
		need_two_votes_from: 6,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
