//! The dev chain's genesis state with the benchmark fixture's sixteen notes spendable and
//! [`POOL_SHARES`] shares in the share pool, one copy per thread; every input runs in a
//! storage transaction that is rolled back, so each sees the same state.

use pallet_shielded::benchmark_fixture::Fixture;
use polkadot_sdk::{
	sp_genesis_builder::DEV_RUNTIME_PRESET, sp_io, sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
};
use sero_runtime::{genesis_config_presets::genesis_state, Runtime, RuntimeOrigin, SharePool};
use std::cell::RefCell;

/// The shares in the pool of the dev state: enough for a draw of three.
pub const POOL_SHARES: u32 = 10;

/// The vote key of the pool's shares.
pub const POOL_VOTE_KEY: [u8; 32] = [7; 32];

fn dev_state() -> TestExternalities {
	let mut ext = genesis_state(DEV_RUNTIME_PRESET).expect("the dev preset builds");
	ext.execute_with(|| {
		polkadot_sdk::frame_system::Pallet::<Runtime>::set_block_number(1);
		Fixture::load().install::<Runtime>();
		let alice = Sr25519Keyring::Alice.to_account_id();
		SharePool::buy_shares(
			RuntimeOrigin::signed(alice),
			POOL_SHARES,
			pallet_share_pool::Voter::Solo(POOL_VOTE_KEY),
			10_000,
			u128::MAX,
		)
		.expect("Alice can buy shares");
		SharePool::enter_pending(1);
	});
	ext.commit_all().expect("the state commits");
	ext
}

thread_local! {
	static STATE: RefCell<Option<TestExternalities>> = const { RefCell::new(None) };
}

/// Runs `f` in the dev state and undoes whatever it wrote.
pub fn with_dev_state<R>(f: impl FnOnce() -> R) -> R {
	STATE.with(|state| {
		let mut state = state.borrow_mut();
		state.get_or_insert_with(dev_state).execute_with(|| {
			sp_io::storage::start_transaction();
			let result = f();
			sp_io::storage::rollback_transaction();
			result
		})
	})
}
