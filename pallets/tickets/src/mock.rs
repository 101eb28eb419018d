//! A minimal runtime for the tickets' tests, with a shielded pool that records the notes
//! it is asked to issue.

use crate as pallet_tickets;
use core::cell::RefCell;
use polkadot_sdk::{
	frame_support::{derive_impl, traits::ConstU32, weights::Weight},
	frame_system,
	sp_io::TestExternalities,
	sp_runtime::{BuildStorage, DispatchError},
};
use sero_shielded_primitives::{
	note_payer::{NoteIssuer, MEMO_BYTES},
	AssetId, PkrBytes,
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
	pub type Tickets = pallet_tickets;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_tickets::Config for Test {
	type Notes = MockPool;
	type MaxDataBytes = ConstU32<MAX_DATA>;
	type WeightInfo = ();
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkPkr = BenchmarkPkr;
}

polkadot_sdk::frame_support::parameter_types! {
	/// A PKr the mock pool accepts.
	pub const BenchmarkPkr: PkrBytes = [3; 96];
}

/// Registers categories.
pub const ALICE: u64 = 1;
/// Issues nothing.
pub const BOB: u64 = 2;
/// The most data a ticket carries in the mock.
pub const MAX_DATA: u32 = 16;
/// The token the mock pool knows.
pub const TOKEN: &[u8] = b"GOLD";
/// A PKr the mock pool refuses, as the real one refuses a malformed PKr.
pub const BAD_PKR: PkrBytes = [0xff; 96];

/// A note the mock pool issued.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Issued {
	/// Its owner.
	pub pkr: PkrBytes,
	/// Its asset.
	pub asset: AssetId,
	/// Its value.
	pub value: u128,
	/// Its memo.
	pub memo: [u8; MEMO_BYTES],
}

thread_local! {
	static ISSUED: RefCell<Vec<Issued>> = const { RefCell::new(Vec::new()) };
}

/// The notes the mock pool issued, oldest first.
pub fn issued() -> Vec<Issued> {
	ISSUED.with(|issued| issued.borrow().clone())
}

/// A shielded pool that records what it issues, at positions 0, 1, …
pub struct MockPool;

impl NoteIssuer for MockPool {
	fn issue_into_note(
		pkr: &PkrBytes,
		asset: AssetId,
		value: u128,
		memo: [u8; MEMO_BYTES],
	) -> Result<u64, DispatchError> {
		if *pkr == BAD_PKR {
			return Err(DispatchError::Other("MalformedPoint"));
		}
		ISSUED.with(|issued| {
			let mut issued = issued.borrow_mut();
			issued.push(Issued { pkr: *pkr, asset, value, memo });
			Ok(issued.len() as u64 - 1)
		})
	}

	fn is_token_name(name: &[u8]) -> bool {
		name == TOKEN || name == b"SERO"
	}

	fn weight() -> Weight {
		Weight::from_parts(1_000_000, 0)
	}
}

/// An empty chain at block 1, with no note issued.
pub fn new_test_ext() -> TestExternalities {
	ISSUED.with(|issued| issued.borrow_mut().clear());
	let storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	ext
}
