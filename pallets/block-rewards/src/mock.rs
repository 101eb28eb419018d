//! A minimal runtime for the block rewards pallet's tests.

use crate as pallet_block_rewards;
use codec::Encode;
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{
		derive_impl,
		traits::{
			fungible::{Balanced, Credit},
			Hooks, Imbalance,
		},
		weights::Weight,
	},
	frame_system, pallet_balances,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, Digest, DigestItem},
};
use sero_consensus_primitives::{POW_ENGINE_ID, REWARD_TO_ENGINE_ID};

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
	type NotePayer = Notes;
	type WeightInfo = ();
}

thread_local! {
	/// The notes [`Notes`] made: their PKr and amount.
	pub static NOTES: RefCell<Vec<([u8; 96], u64)>> = const { RefCell::new(Vec::new()) };
}

/// The account holding what [`Notes`] paid.
pub const NOTE_POOL: u64 = 99;

/// A PKr no note can be made for.
pub const BAD_PKR: [u8; 96] = [0; 96];

/// What each note costs in the mock.
pub const NOTE_WEIGHT: Weight = Weight::from_parts(123, 4);

/// A shielded pool that keeps the paid SERO on [`NOTE_POOL`] and refuses [`BAD_PKR`].
pub struct Notes;

impl crate::NotePayer<u64, Balances> for Notes {
	fn pay_into_note(
		pkr: &[u8; 96],
		credit: Credit<u64, Balances>,
		memo: [u8; 64],
	) -> Result<u64, Credit<u64, Balances>> {
		assert_eq!(memo, crate::REWARD_MEMO);
		if *pkr == BAD_PKR {
			return Err(credit);
		}
		let amount = credit.peek();
		<Balances as Balanced<u64>>::resolve(&NOTE_POOL, credit)?;
		Ok(NOTES.with(|notes| {
			notes.borrow_mut().push((*pkr, amount));
			notes.borrow().len() as u64 - 1
		}))
	}
	fn weight() -> Weight {
		NOTE_WEIGHT
	}
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
	start_block_paying(n, pre_runtime, None);
}

/// Starts block `n` with `pre_runtime` as the PoW pre-runtime digest and `reward_to` as the
/// private reward's, each if any; what `on_initialize` reserved.
pub fn start_block_paying(
	n: u64,
	pre_runtime: Option<Vec<u8>>,
	reward_to: Option<Vec<u8>>,
) -> Weight {
	let mut digest = Digest::default();
	if let Some(data) = pre_runtime {
		digest.push(DigestItem::PreRuntime(POW_ENGINE_ID, data));
	}
	if let Some(data) = reward_to {
		digest.push(DigestItem::PreRuntime(REWARD_TO_ENGINE_ID, data));
	}
	System::reset_events();
	System::set_block_number(n - 1);
	System::initialize(&n, &Default::default(), &digest);
	BlockRewards::on_initialize(n)
}

/// Starts block `n` authored by `author`.
pub fn start_block_by(n: u64, author: u64) {
	start_block(n, Some(author.encode()));
}

/// Ends block `n`.
pub fn end_block(n: u64) {
	BlockRewards::on_finalize(n);
}
