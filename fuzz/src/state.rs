//! The dev chain's genesis state with the benchmark fixture's sixteen notes spendable, one
//! copy per thread; every input runs in a storage transaction that is rolled back, so each
//! sees the same state.

use pallet_shielded::benchmark_fixture::Fixture;
use polkadot_sdk::{sp_genesis_builder::DEV_RUNTIME_PRESET, sp_io, sp_io::TestExternalities};
use sero_runtime::{genesis_config_presets::genesis_state, Runtime};
use std::cell::RefCell;

fn dev_state() -> TestExternalities {
	let mut ext = genesis_state(DEV_RUNTIME_PRESET).expect("the dev preset builds");
	ext.execute_with(|| {
		polkadot_sdk::frame_system::Pallet::<Runtime>::set_block_number(1);
		Fixture::load().install::<Runtime>();
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
