//! Tests of the block rewards pallet in a runtime.

use crate::{mock::*, Event, FeesToAuthor, Pallet};
use codec::Encode;
use polkadot_sdk::{
	frame_support::traits::{
		fungible::{Balanced, Credit, Inspect},
		tokens::{Fortitude, Precision, Preservation},
		OnUnbalanced,
	},
	sp_runtime::DigestItem,
};

/// Takes `amount` from `who` as transaction payment does with a fee.
fn withdraw_fees(who: u64, amount: u64) -> Credit<u64, Balances> {
	<Balances as Balanced<u64>>::withdraw(
		&who,
		amount,
		Precision::Exact,
		Preservation::Preserve,
		Fortitude::Polite,
	)
	.unwrap()
}

#[test]
fn author_gets_the_reward_and_issuance_grows_by_it() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		start_block_by(1, 42);
		assert_eq!(Balances::balance(&42), INITIAL_REWARD);
		assert_eq!(Balances::total_issuance(), issuance + INITIAL_REWARD);
		System::assert_last_event(Event::Rewarded { author: 42, amount: INITIAL_REWARD }.into());
	});
}

#[test]
fn reward_halves_on_schedule() {
	new_test_ext().execute_with(|| {
		assert_eq!(Pallet::<Test>::reward_at(1), INITIAL_REWARD);
		assert_eq!(Pallet::<Test>::reward_at(HALVING - 1), INITIAL_REWARD);
		assert_eq!(Pallet::<Test>::reward_at(HALVING), INITIAL_REWARD / 2);
		assert_eq!(Pallet::<Test>::reward_at(3 * HALVING), INITIAL_REWARD / 8);
		assert_eq!(Pallet::<Test>::reward_at(200 * HALVING), 0);

		crate::Schedule::<Test>::mutate(|schedule| schedule.halving_interval = 0);
		assert_eq!(Pallet::<Test>::reward_at(1_000_000), INITIAL_REWARD, "0 means no halving");
		crate::Schedule::<Test>::mutate(|schedule| schedule.halving_interval = HALVING);

		start_block_by(HALVING, FUNDED);
		assert_eq!(Balances::balance(&FUNDED), 500 + INITIAL_REWARD / 2);
	});
}

#[test]
fn no_author_no_reward() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		start_block(1, None);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(System::events().is_empty());
	});
}

#[test]
fn undecodable_author_gets_nothing() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		start_block(1, Some(vec![1, 2, 3]));
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(System::events().is_empty());
	});
}

#[test]
fn digests_of_other_engines_are_ignored() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let mut digest = polkadot_sdk::sp_runtime::Digest::default();
		digest.push(DigestItem::PreRuntime(*b"aura", codec::Encode::encode(&42u64)));
		System::initialize(&1, &Default::default(), &digest);
		<BlockRewards as polkadot_sdk::frame_support::traits::Hooks<u64>>::on_initialize(1);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn fees_go_to_the_author() {
	new_test_ext().execute_with(|| {
		start_block_by(1, FUNDED);
		let before = Balances::balance(&FUNDED);
		let issuance = Balances::total_issuance();
		let fees = withdraw_fees(FUNDED, 100);
		FeesToAuthor::<Test, Balances>::on_unbalanced(fees);
		assert_eq!(Balances::balance(&FUNDED), before);
		assert_eq!(Balances::total_issuance(), issuance);
	});
}

#[test]
fn fees_are_burnt_without_an_author() {
	new_test_ext().execute_with(|| {
		start_block(1, None);
		let issuance = Balances::total_issuance();
		let fees = withdraw_fees(FUNDED, 100);
		FeesToAuthor::<Test, Balances>::on_unbalanced(fees);
		assert_eq!(Balances::balance(&FUNDED), 400);
		assert_eq!(Balances::total_issuance(), issuance - 100);
	});
}

/// The storage of a chain at version 0 with the test schedule: two values, no
/// [`crate::Schedule`].
fn version_0_chain() -> polkadot_sdk::sp_io::TestExternalities {
	use crate::migrations::v1::v0;
	use polkadot_sdk::frame_support::traits::StorageVersion;
	let mut ext = new_test_ext();
	ext.execute_with(|| {
		crate::Schedule::<Test>::kill();
		v0::InitialReward::<Test>::put(INITIAL_REWARD);
		v0::HalvingInterval::<Test>::put(HALVING);
		StorageVersion::new(0).put::<Pallet<Test>>();
	});
	ext
}

#[test]
fn migration_to_v1_keeps_the_schedule_in_one_value() {
	use crate::{migrations::v1::v0, RewardSchedule};
	use polkadot_sdk::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade};
	version_0_chain().execute_with(|| {
		crate::migrations::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(
			crate::Schedule::<Test>::get(),
			RewardSchedule { initial_reward: INITIAL_REWARD, halving_interval: HALVING }
		);
		assert!(!v0::InitialReward::<Test>::exists());
		assert!(!v0::HalvingInterval::<Test>::exists());
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
		assert_eq!(Pallet::<Test>::reward_at(HALVING), INITIAL_REWARD / 2);
	});
}

#[test]
fn migration_to_v1_does_nothing_on_a_chain_at_v1() {
	use crate::migrations::v1::v0;
	use polkadot_sdk::frame_support::traits::{GetStorageVersion, OnRuntimeUpgrade};
	new_test_ext().execute_with(|| {
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1, "genesis writes version 1");
		let before = crate::Schedule::<Test>::get();
		// A stray old value must not overwrite the schedule at version 1.
		v0::InitialReward::<Test>::put(1);
		crate::migrations::MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(crate::Schedule::<Test>::get(), before);
		assert_eq!(Pallet::<Test>::on_chain_storage_version(), 1);
	});
}

/// The migration's own pre- and post-upgrade checks, as `try-runtime` runs them
/// (`cargo test -p pallet-block-rewards --features try-runtime`).
#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;
	use crate::migrations::{v1::UncheckedMigrateToV1, MigrateToV1};
	use polkadot_sdk::frame_support::traits::{OnRuntimeUpgrade, UncheckedOnRuntimeUpgrade};

	#[test]
	fn checks_pass_on_a_version_0_chain() {
		version_0_chain().execute_with(|| {
			MigrateToV1::<Test>::try_on_runtime_upgrade(true).expect("checks pass");
		});
	}

	#[test]
	fn pre_upgrade_refuses_a_chain_that_already_has_a_schedule() {
		version_0_chain().execute_with(|| {
			crate::Schedule::<Test>::put(crate::RewardSchedule {
				initial_reward: 1,
				halving_interval: 1,
			});
			assert!(UncheckedMigrateToV1::<Test>::pre_upgrade().is_err());
		});
	}

	#[test]
	fn post_upgrade_notices_a_changed_schedule() {
		version_0_chain().execute_with(|| {
			let state = UncheckedMigrateToV1::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateToV1::<Test>::on_runtime_upgrade();
			crate::Schedule::<Test>::mutate(|schedule| schedule.initial_reward += 1);
			assert!(UncheckedMigrateToV1::<Test>::post_upgrade(state).is_err());
		});
	}
}

/// A PKr the mock's pool takes.
const PKR: [u8; 96] = [5; 96];

/// The notes the mock's pool made.
fn notes() -> Vec<([u8; 96], u64)> {
	NOTES.with(|notes| notes.borrow().clone())
}

#[test]
fn a_block_naming_a_pkr_pays_reward_and_fees_into_one_note_at_its_end() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		let reserved = start_block_paying(1, Some(FUNDED.encode()), Some(PKR.to_vec()));
		assert_eq!(
			reserved,
			<() as crate::weights::WeightInfo>::on_initialize_without_author()
				+ <() as crate::weights::WeightInfo>::on_finalize_private()
				+ NOTE_WEIGHT,
			"the block's end is reserved at its start"
		);
		assert_eq!(Balances::balance(&FUNDED), 500, "nothing for the author at the start");
		FeesToAuthor::<Test, Balances>::on_unbalanced(withdraw_fees(FUNDED, 100));
		FeesToAuthor::<Test, Balances>::on_unbalanced(withdraw_fees(FUNDED, 20));
		assert_eq!(crate::PrivateFees::<Test>::get(), 120);
		assert_eq!(Balances::total_issuance(), issuance - 120, "fees burnt as they come in");
		end_block(1);
		assert_eq!(notes(), vec![(PKR, INITIAL_REWARD + 120)]);
		assert_eq!(Balances::balance(&NOTE_POOL), INITIAL_REWARD + 120);
		assert_eq!(Balances::balance(&FUNDED), 380, "the author paid its fees, got nothing");
		assert_eq!(Balances::total_issuance(), issuance + INITIAL_REWARD, "grown by the reward");
		assert_eq!(crate::PrivateFees::<Test>::get(), 0, "taken");
		System::assert_last_event(
			Event::RewardedPrivately { amount: INITIAL_REWARD + 120, position: 0 }.into(),
		);
	});
}

#[test]
fn the_private_reward_halves_and_needs_no_author() {
	new_test_ext().execute_with(|| {
		start_block_paying(HALVING, None, Some(PKR.to_vec()));
		end_block(HALVING);
		assert_eq!(notes(), vec![(PKR, INITIAL_REWARD / 2)]);
	});
}

#[test]
fn a_pkr_no_note_can_be_made_for_pays_the_author() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		start_block_paying(1, Some(42u64.encode()), Some(BAD_PKR.to_vec()));
		FeesToAuthor::<Test, Balances>::on_unbalanced(withdraw_fees(FUNDED, 100));
		end_block(1);
		assert!(notes().is_empty());
		assert_eq!(Balances::balance(&42), INITIAL_REWARD + 100);
		assert_eq!(Balances::total_issuance(), issuance + INITIAL_REWARD);
		System::assert_last_event(
			Event::Rewarded { author: 42, amount: INITIAL_REWARD + 100 }.into(),
		);
	});
}

#[test]
fn without_a_note_or_an_author_the_private_reward_is_burnt() {
	new_test_ext().execute_with(|| {
		let issuance = Balances::total_issuance();
		start_block_paying(1, None, Some(BAD_PKR.to_vec()));
		FeesToAuthor::<Test, Balances>::on_unbalanced(withdraw_fees(FUNDED, 100));
		end_block(1);
		assert!(notes().is_empty());
		assert_eq!(Balances::total_issuance(), issuance - 100, "the fees burnt, no reward");
	});
}

#[test]
fn a_reward_digest_that_is_no_pkr_is_ignored() {
	new_test_ext().execute_with(|| {
		start_block_paying(1, Some(42u64.encode()), Some(vec![5; 95]));
		assert_eq!(Balances::balance(&42), INITIAL_REWARD, "paid at the start, in the clear");
		FeesToAuthor::<Test, Balances>::on_unbalanced(withdraw_fees(FUNDED, 100));
		assert_eq!(Balances::balance(&42), INITIAL_REWARD + 100);
		end_block(1);
		assert!(notes().is_empty());
		assert_eq!(Balances::balance(&42), INITIAL_REWARD + 100);
	});
}

#[test]
fn blocks_without_a_pkr_pay_nothing_at_their_end() {
	new_test_ext().execute_with(|| {
		start_block_by(1, 42);
		let issuance = Balances::total_issuance();
		end_block(1);
		assert_eq!(Balances::total_issuance(), issuance);
		assert!(notes().is_empty());
	});
}
