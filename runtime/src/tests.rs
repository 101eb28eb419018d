//! Tests of the runtime's configuration and genesis presets.

use crate::{
	genesis_config_presets::{
		get_preset, preset_names, ENDOWMENT, INITIAL_REWARD, LIGHT_HASHES_PER_SECOND,
	},
	AllPalletsWithSystem, Balances, BlockRewards, Difficulty, Runtime, RuntimeGenesisConfig,
};
use polkadot_sdk::{
	frame_support::{genesis_builder_helper::build_state, traits::IntegrityTest},
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_io::TestExternalities,
	sp_keyring::Sr25519Keyring,
	*,
};

/// Applies a JSON merge patch, as the node does with a preset over the default config.
fn merge(base: &mut serde_json::Value, patch: serde_json::Value) {
	match (base, patch) {
		(serde_json::Value::Object(base), serde_json::Value::Object(patch)) => {
			for (key, value) in patch {
				merge(base.entry(key).or_insert(serde_json::Value::Null), value);
			}
		},
		(base, patch) => *base = patch,
	}
}

/// The genesis state a preset describes, built the way the node builds it.
fn genesis_of(preset: &str) -> TestExternalities {
	let patch =
		serde_json::from_slice(&get_preset(&preset.to_string()).expect("preset exists")).unwrap();
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).unwrap();
	merge(&mut config, patch);
	let mut ext = TestExternalities::default();
	ext.execute_with(|| {
		build_state::<RuntimeGenesisConfig>(serde_json::to_vec(&config).unwrap())
			.expect("preset builds")
	});
	ext
}

#[test]
fn integrity() {
	TestExternalities::default().execute_with(AllPalletsWithSystem::integrity_test);
}

#[test]
fn both_presets_are_listed_and_build() {
	assert_eq!(
		preset_names(),
		vec![DEV_RUNTIME_PRESET.to_string(), LOCAL_TESTNET_RUNTIME_PRESET.to_string()]
	);
	assert!(get_preset(&"no-such-preset".to_string()).is_none());
}

#[test]
fn development_preset() {
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = Sr25519Keyring::Alice.to_account_id();
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), Some(alice.clone()));
		for who in Sr25519Keyring::well_known() {
			assert_eq!(Balances::free_balance(who.to_account_id()), ENDOWMENT);
		}
		assert_eq!(Difficulty::difficulty(), (6 * LIGHT_HASHES_PER_SECOND).into());
		assert_eq!(Difficulty::minimum_difficulty(), (LIGHT_HASHES_PER_SECOND / 2).into());
		assert_eq!(pallet_difficulty::TargetBlockTime::<Runtime>::get(), 6_000);
		assert_eq!(BlockRewards::reward_at(1), INITIAL_REWARD);
	});
}

#[test]
fn local_preset_has_no_sudo() {
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert_eq!(pallet_difficulty::TargetBlockTime::<Runtime>::get(), 13_000);
		assert_eq!(BlockRewards::reward_at(9_700_000), INITIAL_REWARD / 2);
	});
}
