//! Tests of the runtime's configuration and genesis presets.

use crate::{
	configs::governance::{Tracks, UndecidingTimeout, ROOT_TRACK, WHITELISTED_CALLER_TRACK},
	genesis_config_presets::{
		genesis_state, get_preset, preset_names, DEV_ROOT_PERIODS, DEV_SHARE_POOL,
		DEV_STAKING_NODES, DEV_UNDECIDING_TIMEOUT, DEV_WHITELISTED_CALLER_PERIODS, ENDOWMENT,
		INITIAL_REWARD, LIGHT_HASHES_PER_SECOND,
	},
	AccountId, AllPalletsWithSystem, Balances, BlockRewards, Difficulty, Executive, OriginCaller,
	Runtime, RuntimeCall, RuntimeOrigin, Whitelist, SERO, VERSION,
};
use pallet_governance::Periods;
use pallet_referenda::TracksInfo;
use polkadot_sdk::{
	frame_support::{
		storage::unhashed,
		traits::{Get, GetStorageVersion, IntegrityTest, StorageVersion},
	},
	frame_system::RawOrigin,
	sp_genesis_builder::{DEV_RUNTIME_PRESET, LOCAL_TESTNET_RUNTIME_PRESET},
	sp_io::{hashing::twox_128, TestExternalities},
	sp_keyring::Sr25519Keyring,
	sp_runtime::traits::{BlakeTwo256, Hash},
	*,
};

/// The genesis state a preset describes, built the way the node builds it.
fn genesis_of(preset: &str) -> TestExternalities {
	genesis_state(preset).expect("the preset builds")
}

#[test]
fn integrity() {
	TestExternalities::default().execute_with(AllPalletsWithSystem::integrity_test);
}

#[test]
fn the_node_runtime_is_spec_version_106() {
	// The end-to-end upgrade test builds the same runtime with the `upgrade-test`
	// feature, which must be exactly one version later.
	assert_eq!(VERSION.spec_version, 106);
	assert_eq!(VERSION.transaction_version, 4);
	assert_eq!(VERSION.spec_name, "sero");
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
		let mut committee: Vec<_> =
			[Sr25519Keyring::Alice, Sr25519Keyring::Bob, Sr25519Keyring::Charlie]
				.iter()
				.map(|k| k.to_account_id())
				.collect();
		committee.sort();
		assert_eq!(
			pallet_collective::Members::<Runtime, pallet_collective::Instance1>::get(),
			committee
		);
	});
}

/// The periods `Tracks` reports for `track`.
fn periods_of(track: u16) -> Periods<u32> {
	let info = Tracks::info(track).expect("track exists");
	Periods {
		prepare: info.prepare_period,
		decision: info.decision_period,
		confirm: info.confirm_period,
		min_enactment: info.min_enactment_period,
	}
}

#[test]
fn development_referenda_are_decided_in_minutes() {
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(periods_of(ROOT_TRACK), DEV_ROOT_PERIODS);
		assert_eq!(periods_of(WHITELISTED_CALLER_TRACK), DEV_WHITELISTED_CALLER_PERIODS);
		assert_eq!(UndecidingTimeout::get(), DEV_UNDECIDING_TIMEOUT);
		// Submission to enactment of a referendum that passes at once: under 10 blocks.
		let p = DEV_ROOT_PERIODS;
		assert!(p.prepare + p.confirm + p.min_enactment < 10);
		Tracks::check_integrity().unwrap();
	});
}

#[test]
fn local_referenda_take_production_periods() {
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// At 13 s blocks: two hours to prepare, two weeks to decide, a day to confirm
		// and a day before enactment.
		assert_eq!(
			periods_of(ROOT_TRACK),
			Periods { prepare: 553, decision: 93_046, confirm: 6_646, min_enactment: 6_646 }
		);
		assert_eq!(periods_of(WHITELISTED_CALLER_TRACK).confirm, 46);
		assert_eq!(UndecidingTimeout::get(), 93_046);
		Tracks::check_integrity().unwrap();
	});
}

#[test]
fn tracks_follow_the_origin() {
	assert_eq!(Tracks::track_for(&OriginCaller::system(RawOrigin::Root)), Ok(ROOT_TRACK));
	assert_eq!(
		Tracks::track_for(&OriginCaller::Governance(pallet_governance::Origin::WhitelistedCaller)),
		Ok(WHITELISTED_CALLER_TRACK)
	);
	let alice = Sr25519Keyring::Alice.to_account_id();
	assert_eq!(Tracks::track_for(&OriginCaller::system(RawOrigin::Signed(alice))), Err(()));
	assert_eq!(Tracks::track_for(&OriginCaller::system(RawOrigin::None)), Err(()));
}

/// Rewrites the block rewards pallet's storage as a chain from before version 1 holds
/// it: two values under the names `InitialReward` and `HalvingInterval`, version 0.
fn downgrade_block_rewards_to_v0(initial: u128, halving: u32) {
	let key = |item: &str| [twox_128(b"BlockRewards"), twox_128(item.as_bytes())].concat();
	unhashed::kill(&key("Schedule"));
	unhashed::put(&key("InitialReward"), &initial);
	unhashed::put(&key("HalvingInterval"), &halving);
	StorageVersion::new(0).put::<BlockRewards>();
}

#[test]
fn upgrading_a_version_0_chain_migrates_the_reward_schedule() {
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		downgrade_block_rewards_to_v0(INITIAL_REWARD, 9_700_000);
		assert_eq!(BlockRewards::on_chain_storage_version(), 0);
		assert_eq!(BlockRewards::reward_at(1), 0, "version-1 code cannot read the v0 schedule");

		// What the executive runs in the first block of the new runtime.
		let weight = Executive::execute_on_runtime_upgrade();

		assert!(weight.ref_time() > 0);
		assert_eq!(BlockRewards::on_chain_storage_version(), 1);
		assert_eq!(BlockRewards::reward_at(1), INITIAL_REWARD);
		assert_eq!(BlockRewards::reward_at(9_700_000), INITIAL_REWARD / 2);
		let old = [twox_128(b"BlockRewards"), twox_128(b"InitialReward")].concat();
		assert!(!unhashed::exists(&old), "the version-0 values are removed");

		// A second upgrade finds the pallet at version 1 and leaves it alone.
		let schedule = pallet_block_rewards::Schedule::<Runtime>::get();
		Executive::execute_on_runtime_upgrade();
		assert_eq!(pallet_block_rewards::Schedule::<Runtime>::get(), schedule);
	});
}

/// A leaf record of the pool as version 0 stored it, under `Shielded::Leaves(position)`.
fn version_0_leaf(position: u64) -> pallet_shielded::primitives::LeafRecord {
	let byte = position as u8;
	pallet_shielded::primitives::LeafRecord {
		position,
		pkr: [byte; 96],
		asset_cm: pallet_shielded::primitives::AssetCommitment([byte; 32]),
		note: pallet_shielded::primitives::EncryptedNote {
			epk: [byte; 32],
			ciphertext: [byte; 160],
		},
	}
}

#[test]
fn upgrading_a_version_0_chain_moves_the_leaf_records_into_pages() {
	use codec::Encode;
	use polkadot_sdk::frame_support::traits::OnInitialize;
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		// 200 leaves as version 0 stored their records: one entry each.
		let size = 200u64;
		for position in 0..size {
			let mut key = [twox_128(b"Shielded"), twox_128(b"Leaves")].concat();
			key.extend(polkadot_sdk::sp_io::hashing::twox_64(&position.encode()));
			key.extend(position.encode());
			unhashed::put(&key, &version_0_leaf(position));
		}
		pallet_shielded::Frontier::<Runtime>::mutate(|frontier| frontier.size = size);
		StorageVersion::new(0).put::<pallet_shielded::Pallet<Runtime>>();
		let all: Vec<_> = (0..size).map(version_0_leaf).collect();

		// What the executive runs in the first block of the new runtime.
		Executive::execute_on_runtime_upgrade();
		assert_eq!(pallet_shielded::Pallet::<Runtime>::on_chain_storage_version(), 1);
		assert_eq!(pallet_shielded::Pallet::<Runtime>::leaves(0, 1024), all);
		assert_eq!(pallet_shielded::LeafPages::<Runtime>::decode_len(3), Some(8));
		assert!(pallet_shielded::LegacyLeafPages::<Runtime>::get().is_some());

		// The next block's start moves the rest.
		AllPalletsWithSystem::on_initialize(1);
		assert_eq!(pallet_shielded::LegacyLeafPages::<Runtime>::get(), None);
		assert_eq!(pallet_shielded::Pallet::<Runtime>::leaves(0, 1024), all);
		assert_eq!(pallet_shielded::Pallet::<Runtime>::check_leaf_pages(), Ok(()));
	});
}

#[test]
fn local_preset_has_no_sudo() {
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_sudo::Key::<Runtime>::get(), None);
		assert!(pallet_governance::TrackPeriods::<Runtime>::get().is_empty());
		assert_eq!(pallet_difficulty::TargetBlockTime::<Runtime>::get(), 13_000);
		assert_eq!(BlockRewards::reward_at(9_700_000), INITIAL_REWARD / 2);
	});
}

#[test]
fn the_committee_whitelists_a_call_that_only_a_whitelisted_caller_dispatches() {
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let eve = Sr25519Keyring::Eve.to_account_id();
		let alice = || RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
		let set_eve = |amount| {
			RuntimeCall::Balances(pallet_balances::Call::force_set_balance {
				who: eve.clone().into(),
				new_free: amount,
			})
		};
		let committee = |yes, of| {
			RuntimeOrigin::from(pallet_collective::RawOrigin::<AccountId, _>::Members(yes, of))
		};
		let whitelisted_caller =
			|| RuntimeOrigin::from(pallet_governance::Origin::WhitelistedCaller);
		let dispatch = |origin, call: &RuntimeCall| {
			Whitelist::dispatch_whitelisted_call_with_preimage(origin, Box::new(call.clone()))
		};

		// The committee vets a call first: a third may not whitelist, two thirds may.
		let call = set_eve(42 * SERO);
		let hash = BlakeTwo256::hash_of(&call);
		assert!(Whitelist::whitelist_call(committee(1, 3), hash).is_err());
		assert!(!pallet_whitelist::WhitelistedCall::<Runtime>::contains_key(hash));
		Whitelist::whitelist_call(committee(2, 3), hash).unwrap();
		// Whitelisted, the call still needs a passed whitelisted-caller referendum.
		assert!(dispatch(alice(), &call).is_err());
		assert!(dispatch(committee(3, 3), &call).is_err());
		assert_eq!(Balances::free_balance(&eve), ENDOWMENT);
		dispatch(whitelisted_caller(), &call).unwrap();
		assert_eq!(Balances::free_balance(&eve), 42 * SERO, "dispatched as Root");
		assert!(!pallet_whitelist::WhitelistedCall::<Runtime>::contains_key(hash), "used once");

		// The referendum may also pass first: the dispatch waits for the committee,
		// after which anyone may relay it.
		let call = set_eve(7 * SERO);
		let hash = BlakeTwo256::hash_of(&call);
		assert!(dispatch(alice(), &call).is_err(), "nothing to relay yet");
		dispatch(whitelisted_caller(), &call).unwrap();
		assert_eq!(Balances::free_balance(&eve), 42 * SERO, "deferred, not dispatched");
		assert!(dispatch(alice(), &call).is_err(), "not whitelisted yet");
		Whitelist::whitelist_call(committee(2, 3), hash).unwrap();
		dispatch(alice(), &call).unwrap();
		assert_eq!(Balances::free_balance(&eve), 7 * SERO);
	});
}

/// A shielded transaction of `inputs` inputs and `outputs` outputs with this transparent
/// flow: its weight depends on nothing else.
fn shielded_transaction(
	inputs: usize,
	outputs: usize,
	transparent: Option<sero_shielded_primitives::Transparent<AccountId>>,
) -> Box<sero_shielded_primitives::ShieldedTransaction<AccountId>> {
	use sero_shielded_primitives::*;
	let input = Input {
		anchor: Default::default(),
		nil: Default::default(),
		asset_cm: Default::default(),
		zpka: [0; 32],
		proof: [0; PROOF_BYTES],
	};
	let output = Output {
		pkr: [0; 96],
		asset_cm: Default::default(),
		proof: [0; PROOF_BYTES],
		note: EncryptedNote { epk: [0; 32], ciphertext: [0; CIPHERTEXT_BYTES] },
	};
	Box::new(ShieldedTransaction {
		body: TransactionBody {
			inputs: vec![input; inputs].try_into().expect("within the bound"),
			outputs: vec![output; outputs].try_into().expect("within the bound"),
			fee: 0,
			transparent,
			from: None,
			package: None,
		},
		spend_signatures: vec![[0; 64]; inputs].try_into().expect("within the bound"),
		balance_signature: [0; 64],
		from_signature: None,
	})
}

/// The runtime charges the shielded pool's measured weights (`SubstrateWeight` with
/// ParityDB's costs of storage access, the weights the pallet's tests check against the
/// measured costs), a token's transfer on top for a token flow, and reserves the work of
/// the block's end. Kills any runtime weight function replaced by zero.
#[test]
fn shielded_calls_are_charged_their_measured_weights() {
	use frame_support::{
		dispatch::GetDispatchInfo, traits::Hooks, weights::constants::ParityDbWeight,
	};
	use pallet_shielded::{types::Circuit, weights::WeightInfo, Call};
	use sero_shielded_primitives::Transparent;
	type Measured = ();
	let weight = |call: Call<Runtime>| RuntimeCall::Shielded(call).get_dispatch_info().call_weight;
	let alice: AccountId = Sr25519Keyring::Alice.to_account_id();
	let sero: sero_shielded_primitives::AssetId = sero_crypto::asset::AssetId::native().into();
	let token: sero_shielded_primitives::AssetId =
		sero_crypto::asset::AssetId::token(b"GOLD").expect("a valid name").into();
	let token_transfer =
		<pallet_assets::weights::SubstrateWeight<Runtime> as pallet_assets::WeightInfo>::transfer()
			.saturating_add(ParityDbWeight::get().reads(6));
	let out = |asset| Some(Transparent::Out { to: alice.clone(), asset, value: 1 });
	let into = |asset| Some(Transparent::In { from: alice.clone(), asset, value: 1 });

	// The unsigned transactions' proofs are checked in the block's batch: each pays its
	// proofs' share of it, and every block its fixed cost.
	let proofs =
		|n: usize| Measured::verify_deferred_proofs(n as u32) - Measured::verify_deferred_proofs(0);
	for (i, o) in [(1, 0), (2, 2), (16, 16)] {
		let tx = shielded_transaction(i, o, None);
		assert_eq!(
			weight(Call::transact { tx }),
			Measured::transact(i as u32, o as u32) + proofs(i + o)
		);
		let tx = shielded_transaction(i, o, out(sero));
		assert_eq!(
			weight(Call::unshield { tx }),
			Measured::unshield(i as u32, o as u32) + proofs(i + o)
		);
		let tx = shielded_transaction(i, o, out(token));
		assert_eq!(
			weight(Call::unshield { tx }),
			Measured::unshield(i as u32, o as u32) + proofs(i + o) + token_transfer
		);
	}
	// A call: an unshield's weight and the module's for its command.
	let buy = pallet_share_pool::Command::BuyShares {
		count: 1,
		voter: pallet_share_pool::Voter::Node(0),
		max_fee_bps: 5_000,
	};
	let call = |command: Vec<u8>| {
		Some(Transparent::Call {
			target: crate::SharePoolPalletId::get().0,
			asset: sero,
			value: 1,
			command: command.try_into().expect("a short command"),
		})
	};
	let tx = shielded_transaction(2, 1, call(codec::Encode::encode(&buy)));
	assert_eq!(
		weight(Call::call { tx }),
		Measured::unshield(2, 2) + proofs(4) + crate::SharePool::command_weight(&buy)
	);
	assert!(
		crate::SharePool::command_weight(&buy).all_gte(<Measured as WeightInfo>::pay_into_note())
	);
	for o in [1, 16] {
		let tx = shielded_transaction(0, o, into(sero));
		assert_eq!(weight(Call::shield { tx }), Measured::shield(o as u32));
		let tx = shielded_transaction(0, o, into(token));
		assert_eq!(weight(Call::shield { tx }), Measured::shield(o as u32) + token_transfer);
	}
	// A key change first verifies the batch so far.
	let batch = Measured::verify_deferred_proofs(0);
	let key = Call::set_verifying_key { circuit: Circuit::Input, key: Default::default() };
	assert_eq!(weight(key), Measured::set_verifying_key() + batch);
	let register = Call::register_token { name: Default::default(), token: 1 };
	assert_eq!(weight(register), Measured::register_token());
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let reserved = <crate::Shielded as Hooks<crate::BlockNumber>>::on_initialize(1);
		assert!(reserved.all_gte(Measured::on_finalize() + batch));
	});
}

/// The development chain scales the share pool's periods down to minutes; `local_testnet`
/// keeps SERO's.
#[test]
fn the_share_pool_parameters_follow_the_preset() {
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_share_pool::Parameters::<Runtime>::get(), DEV_SHARE_POOL);
	});
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(
			pallet_share_pool::Parameters::<Runtime>::get(),
			pallet_share_pool::PoolParameters::default()
		);
	});
}

/// The share pool's calls are charged their measured weights: a purchase its benchmark's,
/// the inherent the most its queues allow (the pallet's tests show it is then charged what
/// it did), the end of a block reserved at its start.
#[test]
fn share_pool_calls_are_charged_their_measured_weights() {
	use frame_support::{
		dispatch::{DispatchClass, GetDispatchInfo},
		traits::Hooks,
	};
	use pallet_share_pool::{weights::WeightInfo, Call, Voter};
	use sp_runtime::traits::Header as _;
	type Measured = ();
	let info = |call: Call<Runtime>| RuntimeCall::SharePool(call).get_dispatch_info();
	let buy = info(Call::buy_shares {
		count: 1,
		voter: Voter::Solo([0; 32]),
		max_fee_bps: 0,
		max_total: 1,
	});
	assert_eq!(buy.call_weight, Measured::buy_shares());
	let parent = crate::Header::new(
		1,
		Default::default(),
		Default::default(),
		Default::default(),
		Default::default(),
	);
	let settle = info(Call::settle { parent: Box::new(parent) });
	let most: u32 = <Runtime as pallet_share_pool::Config>::MaxEnterPerBlock::get();
	let private: u32 = <Runtime as pallet_share_pool::Config>::MaxPrivateEnterPerBlock::get();
	// A note for each of the six settled shares it may pay back and each private expiry.
	let note = <pallet_shielded::weights::SubstrateWeight<Runtime> as pallet_shielded::WeightInfo>::pay_into_note();
	assert_eq!(
		settle.call_weight,
		Measured::settle(most + private, most + private) + note * u64::from(6 + private)
	);
	assert_eq!(settle.class, DispatchClass::Mandatory);
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let reserved = <crate::SharePool as Hooks<crate::BlockNumber>>::on_initialize(1);
		assert_eq!(reserved, Measured::on_finalize());
	});
}

/// The StakingNodes' calls are charged their measured weights.
#[test]
fn staking_node_calls_are_charged_their_measured_weights() {
	use frame_support::dispatch::GetDispatchInfo;
	use pallet_staking_nodes::{weights::WeightInfo, Call};
	type Measured = ();
	let info = |call: Call<Runtime>| RuntimeCall::StakingNodes(call).get_dispatch_info();
	let register = info(Call::register { vote_key: [0; 32], fee_bps: 0, name: Vec::new() });
	assert_eq!(register.call_weight, Measured::register());
	let update = info(Call::update { node: 0, vote_key: None, fee_bps: None, name: None });
	assert_eq!(update.call_weight, Measured::update());
	assert_eq!(info(Call::close { node: 0 }).call_weight, Measured::close());
}

/// The development chain scales the StakingNodes' stake and minimum age down;
/// `local_testnet` keeps SERO's.
#[test]
fn the_staking_node_parameters_follow_the_preset() {
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(pallet_staking_nodes::Parameters::<Runtime>::get(), DEV_STAKING_NODES);
	});
	genesis_of(LOCAL_TESTNET_RUNTIME_PRESET).execute_with(|| {
		assert_eq!(
			pallet_staking_nodes::Parameters::<Runtime>::get(),
			pallet_staking_nodes::NodeParameters::default()
		);
	});
}

/// A block naming a one-time address pays its PoW reward and fees into a shielded note
/// its owner decrypts, found where the event says; the author account gets nothing, and
/// issuance grows by the reward alone.
#[test]
fn a_private_reward_is_a_note_of_the_shielded_pool_its_owner_reads() {
	use codec::Encode;
	use frame_support::traits::{fungible::Balanced, Hooks, OnUnbalanced};
	use sero_consensus_primitives::{POW_ENGINE_ID, REWARD_TO_ENGINE_ID};
	use sero_crypto::{
		keys::{Seed, SpendingKey},
		note_encryption,
	};
	use sp_runtime::{Digest, DigestItem};
	let owner = SpendingKey::from_seed(&Seed::from_bytes([8; 32]));
	let pkr = owner.public_key().one_time_address_with(&sero_crypto::Scalar::from(3u64));
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let (alice, bob) =
			(Sr25519Keyring::Alice.to_account_id(), Sr25519Keyring::Bob.to_account_id());
		let (before, issuance) = (Balances::free_balance(&alice), Balances::total_issuance());
		let digest = Digest {
			logs: vec![
				DigestItem::PreRuntime(POW_ENGINE_ID, alice.encode()),
				DigestItem::PreRuntime(REWARD_TO_ENGINE_ID, pkr.to_bytes().to_vec()),
			],
		};
		frame_system::Pallet::<Runtime>::initialize(&1, &Default::default(), &digest);
		BlockRewards::on_initialize(1);
		// A fee, as transaction payment pays it.
		let fee = <Balances as Balanced<AccountId>>::withdraw(
			&bob,
			SERO,
			frame_support::traits::tokens::Precision::Exact,
			frame_support::traits::tokens::Preservation::Preserve,
			frame_support::traits::tokens::Fortitude::Polite,
		)
		.unwrap();
		pallet_block_rewards::FeesToAuthor::<Runtime, Balances>::on_unbalanced(fee);
		BlockRewards::on_finalize(1);

		assert_eq!(Balances::free_balance(&alice), before);
		assert_eq!(Balances::total_issuance(), issuance + INITIAL_REWARD);
		let position = frame_system::Pallet::<Runtime>::events()
			.into_iter()
			.find_map(|record| match record.event {
				crate::RuntimeEvent::BlockRewards(
					pallet_block_rewards::Event::RewardedPrivately { amount, position },
				) => {
					assert_eq!(amount, INITIAL_REWARD + SERO);
					Some(position)
				},
				_ => None,
			})
			.expect("paid privately");
		let record =
			pallet_shielded::Pallet::<Runtime>::leaves(position, 1).pop().expect("the note");
		assert_eq!(record.pkr, pkr.to_bytes());
		let vskr = owner.tracing_key().view_key(&pkr).expect("the owner's PKr");
		let note = note_encryption::EncryptedNote {
			epk: record.note.epk,
			ciphertext: record.note.ciphertext,
		};
		let plain = note_encryption::decrypt(&vskr, &note).expect("the owner reads it");
		assert_eq!(plain.value, INITIAL_REWARD + SERO);
		assert_eq!(&plain.memo[..19], b"PoW reward and fees");
		pallet_shielded::Pallet::<Runtime>::check_pool_backing().unwrap();
	});
}

/// A shielded call reaches the share pool by its pallet id: the command decoded, the
/// purchase checked and applied by the share pool, the change paid into a note of the
/// shielded pool for `From`; another target, a bad command or the share pool's refusal are
/// the shielded pool's refusals.
#[test]
fn a_shielded_call_buys_shares_privately() {
	use crate::configs::ShieldedCalls;
	use frame_support::traits::fungible::{Balanced, InspectHold};
	use pallet_share_pool::{Command, Owner, Voter};
	use pallet_shielded::{CallRefusal, PublicCalls};
	use sero_crypto::keys::{Seed, SpendingKey};
	let owner = SpendingKey::from_seed(&Seed::from_bytes([9; 32]));
	let from =
		owner.public_key().one_time_address_with(&sero_crypto::Scalar::from(5u64)).to_bytes();
	let share_pool = crate::SharePoolPalletId::get().0;
	let buy = codec::Encode::encode(&Command::BuyShares {
		count: 2,
		voter: Voter::Solo([3; 32]),
		max_fee_bps: 0,
	});
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		frame_system::Pallet::<Runtime>::set_block_number(1);
		let price = crate::SharePool::quote(2).expect("two shares");
		let paid = price + SERO;
		assert_eq!(
			<ShieldedCalls as PublicCalls<AccountId, Balances>>::check(
				b"sero/xyz",
				&from,
				paid,
				&buy
			),
			Err(CallRefusal::UnknownTarget)
		);
		assert_eq!(
			<ShieldedCalls as PublicCalls<AccountId, Balances>>::check(
				&share_pool,
				&from,
				paid,
				&buy[1..]
			),
			Err(CallRefusal::BadCommand)
		);
		let refusal = <ShieldedCalls as PublicCalls<AccountId, Balances>>::check(
			&share_pool,
			&from,
			price - 1,
			&buy,
		);
		assert_eq!(
			refusal,
			Err(CallRefusal::Refused(pallet_share_pool::Error::<Runtime>::PriceAboveLimit.into()))
		);
		assert_eq!(
			<ShieldedCalls as PublicCalls<AccountId, Balances>>::check(
				&share_pool,
				&from,
				paid,
				&buy
			),
			Ok(())
		);
		let payment = <Balances as Balanced<AccountId>>::issue(paid);
		assert_eq!(
			<ShieldedCalls as PublicCalls<AccountId, Balances>>::apply(
				&share_pool,
				&from,
				&buy,
				payment
			),
			Ok(())
		);
		let purchase = pallet_share_pool::Purchases::<Runtime>::get(0).expect("the purchase");
		assert_eq!(purchase.owner, Owner::Note(from));
		let held = Balances::balance_on_hold(
			&pallet_share_pool::HoldReason::Shares.into(),
			&crate::SharePool::account(),
		);
		assert_eq!(held, price);
		let change =
			pallet_shielded::Pallet::<Runtime>::leaves(0, 1).pop().expect("the change's note");
		assert_eq!(change.pkr, from);
		assert_eq!(
			pallet_shielded::Supply::<Runtime>::get(sero_shielded_primitives::AssetId::from(
				sero_crypto::asset::AssetId::native()
			)),
			SERO
		);
		pallet_shielded::Pallet::<Runtime>::check_pool_backing().unwrap();
	});
}

/// Every domain-separation tag of the chain is distinct, and none is a prefix of another:
/// the consensus tags are prepended to hashed data, so a tag that began another could let
/// one message pass for a message of the other kind.
#[test]
fn domain_tags_are_distinct_and_prefix_free() {
	let mut tags: Vec<&[u8]> =
		sero_crypto::constants::ALL.iter().map(|tag| tag.as_bytes()).collect();
	tags.extend([
		&sero_consensus_primitives::VOTE_TAG[..],
		&sero_consensus_primitives::SEAL_TAG[..],
		&sero_consensus_primitives::DRAW_SEED_TAG[..],
		&sero_share_pool::draw::DRAW_TAG[..],
	]);
	for (i, a) in tags.iter().enumerate() {
		for (j, b) in tags.iter().enumerate() {
			assert!(
				i == j || !b.starts_with(a),
				"{:?} begins {:?}",
				String::from_utf8_lossy(a),
				String::from_utf8_lossy(b)
			);
		}
	}
}

/// The tickets' benchmarks allot to [`crate::BENCHMARK_PKR`]: a one-time address of the
/// public test seed `[1; 32]`.
#[test]
fn the_benchmark_pkr_is_a_one_time_address() {
	use sero_crypto::keys::{Seed, SpendingKey};
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let pkr = owner.public_key().one_time_address_with(&sero_crypto::Scalar::from(1u64));
	assert_eq!(crate::BENCHMARK_PKR, pkr.to_bytes(), "BENCHMARK_PKR = {:?}", pkr.to_bytes());
}

/// A ticket allotted through the runtime lands in the shielded pool as a note of value 1 of
/// the ticket's asset, which only its owner reads; a name is a token's or a category's.
#[test]
fn tickets_are_allotted_into_shielded_notes() {
	use sero_crypto::{
		asset::AssetId,
		keys::{Seed, SpendingKey},
		note_encryption,
	};
	let owner = SpendingKey::from_seed(&Seed::from_bytes([5; 32]));
	let pkr = owner.public_key().one_time_address_with(&sero_crypto::Scalar::from(9u64));
	genesis_of(DEV_RUNTIME_PRESET).execute_with(|| {
		let alice = RuntimeOrigin::signed(Sr25519Keyring::Alice.to_account_id());
		assert_eq!(
			crate::Tickets::register_category(alice.clone(), b"SERO".to_vec()),
			Err(pallet_tickets::Error::<Runtime>::NameTaken.into())
		);
		assert!(crate::Tickets::register_category(alice.clone(), b"CINEMA".to_vec()).is_ok());
		assert_eq!(
			crate::Shielded::register_token(
				RuntimeOrigin::root(),
				b"CINEMA".to_vec().try_into().unwrap(),
				9
			),
			Err(pallet_shielded::Error::<Runtime>::NameTaken.into())
		);
		let position = pallet_shielded::Frontier::<Runtime>::get().size;
		assert!(crate::Tickets::allot(
			alice,
			b"CINEMA".to_vec(),
			[7; 32],
			pkr.to_bytes(),
			b"ipfs://seat-12".to_vec()
		)
		.is_ok());
		let ticket = AssetId::ticket(b"CINEMA", &[7; 32]).unwrap();
		let leaf = pallet_shielded::Pallet::<Runtime>::leaves(position, 1)
			.pop()
			.expect("the ticket's note");
		assert_eq!(leaf.pkr, pkr.to_bytes());
		let secret = owner.one_time_secret(&pkr).expect("the owner's PKr");
		let note = note_encryption::decrypt(
			secret.vskr(),
			&note_encryption::EncryptedNote {
				epk: leaf.note.epk,
				ciphertext: leaf.note.ciphertext,
			},
		)
		.expect("the owner reads it");
		assert_eq!((note.asset, note.value), (ticket, 1));
		assert_eq!(
			pallet_shielded::Supply::<Runtime>::get(sero_shielded_primitives::AssetId::from(
				ticket
			)),
			1
		);
		let record = crate::Tickets::ticket(ticket.into()).expect("allotted");
		assert_eq!(
			(record.category, record.data),
			(b"CINEMA".to_vec(), b"ipfs://seat-12".to_vec())
		);
		pallet_shielded::Pallet::<Runtime>::check_pool_backing().unwrap();
	});
}
