//! A minimal runtime for the governance pallet's tests.

use crate as pallet_governance;
use polkadot_sdk::{
	frame_support::{derive_impl, traits::ConstU32},
	frame_system,
	sp_io::TestExternalities,
	sp_runtime::BuildStorage,
};

type Block = frame_system::mocking::MockBlock<Test>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(RuntimeCall, RuntimeEvent, RuntimeError, RuntimeOrigin, RuntimeTask)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Governance = pallet_governance;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
}

impl pallet_governance::Config for Test {
	type MaxTracks = ConstU32<3>;
}

/// Test externalities whose genesis is `config`.
pub fn new_test_ext(config: pallet_governance::GenesisConfig<Test>) -> TestExternalities {
	RuntimeGenesisConfig { governance: config, ..Default::default() }
		.build_storage()
		.expect("genesis builds")
		.into()
}
