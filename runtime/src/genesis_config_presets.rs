//! Genesis presets: `development` (what `--dev` runs) and `local_testnet`.
//!
//! Difficulty parameters are tuned for mining from the light cache, which is what a
//! node does unless started with `--pow-full-dag`: one thread of this project's
//! 2-core build machine computes about `LIGHT_HASHES_PER_SECOND` hashes per second
//! (see docs/BENCHMARKS.md), so a difficulty of `target seconds × that rate` gives
//! the target block time with one mining thread.

use crate::{
	configs::governance::{ROOT_TRACK, WHITELISTED_CALLER_TRACK},
	AccountId, BalancesConfig, BlockNumber, BlockRewardsConfig, DifficultyConfig, GovernanceConfig,
	RuntimeGenesisConfig, SharePoolConfig, ShieldedConfig, StakingNodesConfig, SudoConfig,
	TechnicalCommitteeConfig, SERO,
};
use alloc::{vec, vec::Vec};
use frame_support::build_struct_json_patch;
use pallet_governance::{Periods, TrackId};
use pallet_share_pool::PoolParameters;
use pallet_staking_nodes::NodeParameters;
use serde_json::Value;
use sp_genesis_builder::{self, PresetId};
use sp_keyring::Sr25519Keyring;

use polkadot_sdk::*;

/// Light-cache ProgPoW hashes per second of one mining thread on the reference
/// machine, rounded down.
pub const LIGHT_HASHES_PER_SECOND: u64 = 600;

/// What each endowed development account starts with.
pub const ENDOWMENT: u128 = 1_000_000 * SERO;

/// PoW reward of every block before the first halving: 66 SERO.
pub const INITIAL_REWARD: u128 = 66 * SERO;

/// The development verifying keys of the input and output circuits: **INSECURE** (their
/// setup's secrets derive from a public string; see `sero_zk::setup`). A real network
/// starts with keys from a ceremony, in its chain spec or set by governance.
const DEV_INPUT_VERIFYING_KEY: &[u8] = include_bytes!("../../zk-circuits/dev-keys/input.vk");
const DEV_OUTPUT_VERIFYING_KEY: &[u8] = include_bytes!("../../zk-circuits/dev-keys/output.vk");

/// Chain-spec parameters that differ between presets.
struct Params {
	target_block_time_ms: u64,
	initial_difficulty: u64,
	minimum_difficulty: u64,
	halving_interval: u32,
	sudo: Option<AccountId>,
	endowed: Vec<AccountId>,
	technical_committee: Vec<AccountId>,
	/// Referendum periods replacing the runtime's production ones, by track.
	track_periods: Vec<(TrackId, Periods<BlockNumber>)>,
	undeciding_timeout: Option<BlockNumber>,
	share_pool: PoolParameters<BlockNumber>,
	staking_nodes: NodeParameters<BlockNumber>,
}

/// The share pool's periods on the development chain, in ≈ 6 s blocks: each path of a
/// share (expiry, payout, missed lock) happens within minutes; NeedTwoVote from 6 shares,
/// counting the missed votes of the last 10 blocks.
pub const DEV_SHARE_POOL: PoolParameters<BlockNumber> = PoolParameters {
	expiry: 60,
	payout_period: 20,
	missed_lock: 40,
	need_two_votes_from: 6,
	miss_window: 10,
};

/// StakingNodes on the development chain: a stake of 1,000 SERO, closing allowed 30 blocks
/// (≈ 3 minutes) after registering.
pub const DEV_STAKING_NODES: NodeParameters<BlockNumber> =
	NodeParameters { stake: 1_000 * SERO, close_after: 30 };

fn genesis(params: Params) -> Value {
	build_struct_json_patch!(RuntimeGenesisConfig {
		balances: BalancesConfig {
			balances: params.endowed.into_iter().map(|a| (a, ENDOWMENT)).collect::<Vec<_>>(),
		},
		sudo: SudoConfig { key: params.sudo },
		difficulty: DifficultyConfig {
			initial_difficulty: params.initial_difficulty.into(),
			minimum_difficulty: params.minimum_difficulty.into(),
			target_block_time_ms: params.target_block_time_ms,
		},
		block_rewards: BlockRewardsConfig {
			initial_reward: INITIAL_REWARD,
			halving_interval: params.halving_interval,
		},
		shielded: ShieldedConfig {
			input_verifying_key: DEV_INPUT_VERIFYING_KEY.to_vec(),
			output_verifying_key: DEV_OUTPUT_VERIFYING_KEY.to_vec(),
		},
		share_pool: SharePoolConfig {
			expiry: params.share_pool.expiry,
			payout_period: params.share_pool.payout_period,
			missed_lock: params.share_pool.missed_lock,
			need_two_votes_from: params.share_pool.need_two_votes_from,
			miss_window: params.share_pool.miss_window,
		},
		staking_nodes: StakingNodesConfig {
			stake: params.staking_nodes.stake,
			close_after: params.staking_nodes.close_after,
		},
		technical_committee: TechnicalCommitteeConfig { members: params.technical_committee },
		governance: GovernanceConfig {
			track_periods: params.track_periods,
			undeciding_timeout: params.undeciding_timeout,
		},
	})
}

/// Alice, Bob and Charlie: the technical committee of both presets.
fn technical_committee() -> Vec<AccountId> {
	[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
		.iter()
		.map(|k| k.to_account_id())
		.collect()
}

/// Referendum periods of the development chain, in ≈ 6 s blocks: a referendum that
/// passes is enacted about five blocks after its decision starts; one that does not
/// is rejected after two minutes.
pub const DEV_ROOT_PERIODS: Periods<BlockNumber> =
	Periods { prepare: 1, decision: 20, confirm: 2, min_enactment: 1 };
/// Whitelisted-caller periods of the development chain.
pub const DEV_WHITELISTED_CALLER_PERIODS: Periods<BlockNumber> =
	Periods { prepare: 1, decision: 20, confirm: 1, min_enactment: 1 };
/// A development referendum without a decision deposit times out after 50 blocks.
pub const DEV_UNDECIDING_TIMEOUT: BlockNumber = 50;

/// The `development` preset: ≈ 6 s blocks with one light-cache mining thread,
/// Alice … Ferdie endowed, Alice holds sudo, referenda decided in minutes.
pub fn development_config_genesis() -> Value {
	genesis(Params {
		target_block_time_ms: 6_000,
		initial_difficulty: 6 * LIGHT_HASHES_PER_SECOND,
		minimum_difficulty: LIGHT_HASHES_PER_SECOND / 2,
		halving_interval: 1_000_000,
		sudo: Some(Sr25519Keyring::Alice.to_account_id()),
		endowed: Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		technical_committee: technical_committee(),
		track_periods: vec![
			(ROOT_TRACK, DEV_ROOT_PERIODS),
			(WHITELISTED_CALLER_TRACK, DEV_WHITELISTED_CALLER_PERIODS),
		],
		undeciding_timeout: Some(DEV_UNDECIDING_TIMEOUT),
		share_pool: DEV_SHARE_POOL,
		staking_nodes: DEV_STAKING_NODES,
	})
}

/// The `local_testnet` preset: SERO's ≈ 13 s blocks, a halving every ≈ 4 years,
/// Alice … Ferdie endowed, and no sudo: only governance changes the rules, with the
/// runtime's production referendum periods (days).
pub fn local_config_genesis() -> Value {
	genesis(Params {
		target_block_time_ms: 13_000,
		initial_difficulty: 13 * LIGHT_HASHES_PER_SECOND,
		minimum_difficulty: LIGHT_HASHES_PER_SECOND / 2,
		halving_interval: 9_700_000,
		sudo: None,
		endowed: Sr25519Keyring::well_known().map(|k| k.to_account_id()).collect(),
		technical_committee: technical_committee(),
		track_periods: Vec::new(),
		undeciding_timeout: None,
		share_pool: PoolParameters::default(),
		staking_nodes: NodeParameters::default(),
	})
}

/// The genesis config of the preset `id`, as JSON.
pub fn get_preset(id: &PresetId) -> Option<Vec<u8>> {
	let patch = match id.as_ref() {
		sp_genesis_builder::DEV_RUNTIME_PRESET => development_config_genesis(),
		sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET => local_config_genesis(),
		_ => return None,
	};
	Some(
		serde_json::to_string(&patch)
			.expect("serialization to json is expected to work. qed.")
			.into_bytes(),
	)
}

/// The names of the presets.
pub fn preset_names() -> Vec<PresetId> {
	vec![
		PresetId::from(sp_genesis_builder::DEV_RUNTIME_PRESET),
		PresetId::from(sp_genesis_builder::LOCAL_TESTNET_RUNTIME_PRESET),
	]
}

/// The genesis state of the preset `id`, built the way the node builds it (the preset's
/// patch over the default config): for tests and fuzzing, natively.
#[cfg(feature = "std")]
pub fn genesis_state(id: &str) -> Option<polkadot_sdk::sp_io::TestExternalities> {
	fn merge(base: &mut Value, patch: Value) {
		match (base, patch) {
			(Value::Object(base), Value::Object(patch)) => {
				for (key, value) in patch {
					merge(base.entry(key).or_insert(Value::Null), value);
				}
			},
			(base, patch) => *base = patch,
		}
	}
	let patch = serde_json::from_slice(&get_preset(&id.into())?).ok()?;
	let mut config = serde_json::to_value(RuntimeGenesisConfig::default()).ok()?;
	merge(&mut config, patch);
	let config = serde_json::to_vec(&config).ok()?;
	let mut ext = polkadot_sdk::sp_io::TestExternalities::default();
	ext.execute_with(|| {
		frame_support::genesis_builder_helper::build_state::<RuntimeGenesisConfig>(config)
	})
	.ok()?;
	Some(ext)
}
