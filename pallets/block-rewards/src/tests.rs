//! Tests of the block rewards pallet in a runtime.

use crate::{mock::*, Event, FeesToAuthor, Pallet};
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

		crate::HalvingInterval::<Test>::put(0);
		assert_eq!(Pallet::<Test>::reward_at(1_000_000), INITIAL_REWARD, "0 means no halving");
		crate::HalvingInterval::<Test>::put(HALVING);

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
