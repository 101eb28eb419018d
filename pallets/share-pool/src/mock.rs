//! A minimal runtime for the share pool's tests.

use crate as pallet_share_pool;
use codec::Encode;
use polkadot_sdk::sp_keystore::{testing::MemoryKeystore, KeystoreExt};
use polkadot_sdk::{
	frame_support::{derive_impl, parameter_types, traits::ConstU32},
	frame_system, pallet_balances,
	sp_core::{sr25519, Pair, H256},
	sp_io::TestExternalities,
	sp_runtime::{
		traits::{Convert, Header as _},
		BuildStorage, DigestItem,
	},
};
use sero_consensus_primitives::{vote_message, Seal, Vote, POW_ENGINE_ID};

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
	#[runtime::pallet_index(3)]
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

/// The PoW reward halves every [`HALVING_INTERVAL`] blocks in the mock.
pub struct Halvings;

impl Convert<u64, u32> for Halvings {
	fn convert(block: u64) -> u32 {
		(block / HALVING_INTERVAL) as u32
	}
}

impl pallet_staking_nodes::Config for Test {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	type MaxNameLength = ConstU32<16>;
	type WeightInfo = ();
}

parameter_types! {
	pub const SharePoolId: polkadot_sdk::frame_support::PalletId =
		polkadot_sdk::frame_support::PalletId(*b"sero/shp");
}

impl pallet_share_pool::Config for Test {
	type Currency = Balances;
	type Halvings = Halvings;
	type StakingNodes = StakingNodes;
	type RuntimeHoldReason = RuntimeHoldReason;
	type NotePayer = Notes;
	type PalletId = SharePoolId;
	type MaxPending = ConstU32<MAX_PENDING>;
	type MaxEnterPerBlock = ConstU32<MAX_ENTER_PER_BLOCK>;
	type MaxPrivateEnterPerBlock = ConstU32<MAX_PRIVATE_ENTER_PER_BLOCK>;
	type WeightInfo = ();
}

/// The account a mock shielded pool keeps the SERO paid into notes on.
pub const NOTE_POOL: u64 = 90;
/// A one-time address the mock pool refuses to pay (as the real one refuses a full tree).
pub const REFUSED_PKR: [u8; 96] = [0xee; 96];
/// What one note costs in the mock.
pub const NOTE_WEIGHT: polkadot_sdk::frame_support::weights::Weight =
	polkadot_sdk::frame_support::weights::Weight::from_parts(1_000_000, 10);

std::thread_local! {
	static NOTES: std::cell::RefCell<Vec<([u8; 96], u128, [u8; 64])>> =
		const { std::cell::RefCell::new(Vec::new()) };
}

/// The notes paid so far in this test: address, amount, memo.
pub fn notes() -> Vec<([u8; 96], u128, [u8; 64])> {
	NOTES.with(|notes| notes.borrow().clone())
}

/// A shielded pool that keeps the SERO paid into notes on [`NOTE_POOL`] and lists them.
pub struct Notes;

impl sero_shielded_primitives::note_payer::NotePayer<u64, Balances> for Notes {
	fn pay_into_note(
		pkr: &[u8; 96],
		credit: polkadot_sdk::frame_support::traits::fungible::Credit<u64, Balances>,
		memo: [u8; 64],
	) -> Result<u64, polkadot_sdk::frame_support::traits::fungible::Credit<u64, Balances>> {
		use polkadot_sdk::frame_support::traits::{fungible::Balanced, Imbalance};
		if *pkr == REFUSED_PKR {
			return Err(credit);
		}
		let amount = credit.peek();
		<Balances as Balanced<u64>>::resolve(&NOTE_POOL, credit)?;
		Ok(NOTES.with(|notes| {
			notes.borrow_mut().push((*pkr, amount, memo));
			notes.borrow().len() as u64 - 1
		}))
	}

	fn weight() -> polkadot_sdk::frame_support::weights::Weight {
		NOTE_WEIGHT
	}
}

/// One SERO.
pub const SERO: u128 = sero_share_pool::SERO;
/// Buys shares.
pub const ALICE: u64 = 1;
/// Buys shares too.
pub const BOB: u64 = 2;
/// Has a little SERO only.
pub const CAROL: u64 = 3;
/// Operates a StakingNode.
pub const DAVE: u64 = 4;
/// What Alice and Bob start with.
pub const ENDOWMENT: u128 = 10_000 * SERO;
/// What Carol starts with: one share's price and a little.
pub const CAROL_ENDOWMENT: u128 = 2 * SERO + SERO / 100;
/// Purchases waiting at most.
pub const MAX_PENDING: u32 = 4;
/// Purchases entering the pool per block at most.
pub const MAX_ENTER_PER_BLOCK: u32 = 2;
/// Private purchases among them at most.
pub const MAX_PRIVATE_ENTER_PER_BLOCK: u32 = 1;
/// Blocks a share stays in the pool undrawn.
pub const EXPIRY: u64 = 10;
/// Blocks from a vote's settlement to its payout.
pub const PAYOUT_PERIOD: u64 = 5;
/// Blocks a missed share's principal stays held after its settlement.
pub const MISSED_LOCK: u64 = 4;
/// The pool size from which blocks need two votes.
pub const NEED_TWO_VOTES_FROM: u64 = 6;
/// The blocks whose missed votes count for NeedTwoVote.
pub const MISS_WINDOW: u64 = 4;
/// A StakingNode's stake.
pub const NODE_STAKE: u128 = 1_000 * SERO;
/// Blocks from a StakingNode's registration until it may close.
pub const NODE_CLOSE_AFTER: u64 = 3;
/// Blocks between halvings of the rewards.
pub const HALVING_INTERVAL: u64 = 100;

/// The vote key every purchase of the tests names, unless a test names another.
pub fn voter() -> sr25519::Pair {
	sr25519::Pair::from_seed(&[7; 32])
}

/// The public half of [`voter`].
pub fn voter_key() -> [u8; 32] {
	voter().public().0
}

/// `parent`'s child `number`, sealed with `nonce` (no real work: the runtime does not check
/// it) and carrying the votes `sign` makes from its pre-hash and seed.
pub fn sealed_header(
	number: u64,
	parent_hash: H256,
	nonce: u64,
	sign: impl Fn(&H256, &[u8; 32]) -> Vec<Vote>,
) -> Header {
	let mut header = Header::new(
		number,
		Default::default(),
		Default::default(),
		parent_hash,
		Default::default(),
	);
	let pre_hash = header.hash();
	let Seal::V1(mut seal) = Seal::new(nonce, H256::repeat_byte(0x11));
	seal.votes = sign(&pre_hash, &Seal::V1(seal.clone()).draw_seed(&pre_hash)).try_into().unwrap();
	header.digest_mut().push(DigestItem::Seal(POW_ENGINE_ID, Seal::V1(seal).encode()));
	header
}

/// Votes by `pair` for `positions` of a block's draw.
pub fn votes_by(pair: &sr25519::Pair, positions: &[u8]) -> impl Fn(&H256, &[u8; 32]) -> Vec<Vote> {
	let pair = pair.clone();
	let positions = positions.to_vec();
	move |pre_hash, seed| {
		positions
			.iter()
			.map(|&position| Vote {
				position,
				signature: pair.sign(&vote_message(pre_hash, seed, position)).0,
			})
			.collect()
	}
}

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
		balances: vec![
			(ALICE, ENDOWMENT),
			(BOB, ENDOWMENT),
			(CAROL, CAROL_ENDOWMENT),
			(DAVE, ENDOWMENT),
		],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_share_pool::GenesisConfig::<Test> {
		expiry: EXPIRY,
		payout_period: PAYOUT_PERIOD,
		missed_lock: MISSED_LOCK,
		need_two_votes_from: NEED_TWO_VOTES_FROM,
		miss_window: MISS_WINDOW,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_staking_nodes::GenesisConfig::<Test> {
		stake: NODE_STAKE,
		close_after: NODE_CLOSE_AFTER,
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	// The benchmarks sign votes with a key of the keystore.
	ext.register_extension(KeystoreExt::new(MemoryKeystore::new()));
	ext.execute_with(|| System::set_block_number(1));
	ext
}
