//! Purchases paid from the shielded pool ([`crate::private`]): held on the pallet's account,
//! the change and every payback paid into notes for the purchase's one-time address; checked
//! exactly as they apply, the check writing nothing.

use super::votes::{none, seal_and_settle};
use crate::{
	mock::*,
	private::{CHANGE_MEMO, PAYOUT_MEMO},
	weights::WeightInfo,
	Command, Error, Event, Expiries, HoldReason, Owner, Pending, PendingPrivate, PrivateExpiries,
	PurchaseId, Purchases, Voter,
};
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		storage::{with_transaction, TransactionOutcome},
		traits::{
			fungible::{Balanced, Inspect, InspectHold},
			Hooks,
		},
	},
	sp_io,
	sp_runtime::{DispatchError, StateVersion},
};
use sero_share_pool::{price::quote, reward::solo_vote_reward};

/// The one-time address the tests' private purchases are paid from.
const PKR: [u8; 96] = [5; 96];

fn buy_command(count: u32, voter: Voter) -> Command {
	Command::BuyShares { count, voter, max_fee_bps: 10_000 }
}

/// What `count` shares cost now.
fn total(count: u32) -> u128 {
	quote(SharePool::pool_size(), count).unwrap().total()
}

/// A shielded transaction from `from` pays `value` for `count` shares voted for by
/// [`voter`]: checked, then applied with SERO the pool took out (issued here).
fn buy_from(from: [u8; 96], count: u32, value: u128) -> Result<PurchaseId, Error<Test>> {
	let command = buy_command(count, Voter::Solo(voter_key()));
	SharePool::check_command(&from, value, &command)?;
	SharePool::apply_command(&from, &command, Balances::issue(value))
}

/// A result with the pallet's error as a dispatch error, comparable.
fn dispatch<R>(result: Result<R, Error<Test>>) -> Result<R, DispatchError> {
	result.map_err(Into::into)
}

fn held_by_pool() -> u128 {
	Balances::balance_on_hold(&HoldReason::Shares.into(), &SharePool::account())
}

#[test]
fn a_private_purchase_is_held_on_the_pallet_account_and_its_change_paid_into_a_note() {
	new_test_ext().execute_with(|| {
		let account = SharePool::account();
		assert_eq!(Balances::balance(&account), ExistentialDeposit::get(), "endowed at genesis");
		let price = total(3);
		let id = buy_from(PKR, 3, price + 5 * SERO).unwrap();
		let purchase = Purchases::<Test>::get(id).unwrap();
		assert_eq!(purchase.owner, Owner::Note(PKR));
		assert_eq!(held_by_pool(), price);
		assert_eq!(Balances::balance(&account), ExistentialDeposit::get(), "all of it held");
		assert_eq!(notes(), vec![(PKR, 5 * SERO, CHANGE_MEMO)]);
		System::assert_has_event(Event::PaidIntoNote { id, value: 5 * SERO, position: 0 }.into());
		System::assert_has_event(
			Event::SharesBought {
				id,
				owner: Owner::Note(PKR),
				count: 3,
				price_each: purchase.price_each,
			}
			.into(),
		);
		assert_eq!(PendingPrivate::<Test>::get().into_inner(), vec![id]);
		assert!(Pending::<Test>::get().is_empty());
	});
}

#[test]
fn an_exact_payment_leaves_no_change() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy_from(PKR, 2, total(2)));
		assert_eq!(notes(), vec![]);
	});
}

/// The check runs the purchase and keeps nothing of it; applying fails the same way.
#[test]
fn a_private_purchase_is_checked_as_it_applies_and_the_check_writes_nothing() {
	new_test_ext().execute_with(|| {
		let solo = Voter::Solo(voter_key());
		let cases = [
			(buy_command(0, solo), 10 * SERO, Error::<Test>::NoShares),
			(buy_command(1_001, solo), 1_000_000 * SERO, Error::<Test>::TooManyShares),
			(buy_command(3, solo), total(3) - 1, Error::<Test>::PriceAboveLimit),
			(buy_command(1, Voter::Node(9)), 10 * SERO, Error::<Test>::UnknownStakingNode),
		];
		for (command, value, error) in cases {
			let root = sp_io::storage::root(StateVersion::V1);
			let error = DispatchError::from(error);
			assert_eq!(dispatch(SharePool::check_command(&PKR, value, &command)), Err(error));
			assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{error:?}: the check");
			// As a call applies it: in a storage layer, which its error rolls back.
			let applied = with_transaction(|| {
				let result = SharePool::apply_command(&PKR, &command, Balances::issue(value));
				TransactionOutcome::Rollback(Ok::<_, DispatchError>(dispatch(result)))
			});
			assert_eq!(applied, Ok(Err(error)));
			assert_eq!(sp_io::storage::root(StateVersion::V1), root, "{error:?}: applying");
		}
		// A purchase the pool would take: still nothing written by the check.
		let root = sp_io::storage::root(StateVersion::V1);
		assert_ok!(SharePool::check_command(&PKR, total(3), &buy_command(3, solo)));
		assert_eq!(sp_io::storage::root(StateVersion::V1), root);
		assert_eq!(notes(), vec![]);
	});
}

/// Private purchases wait in a queue of their own: a full one refuses the next private
/// purchase, and never holds up the others.
#[test]
fn private_purchases_wait_in_a_queue_of_their_own() {
	new_test_ext().execute_with(|| {
		for _ in 0..MAX_PENDING {
			assert_ok!(buy_from(PKR, 1, 10 * SERO));
		}
		assert_eq!(
			dispatch(buy_from(PKR, 1, 10 * SERO)),
			Err(Error::<Test>::TooManyPending.into())
		);
		assert_ok!(super::buy(ALICE, 1));
		assert_eq!(Pending::<Test>::get().into_inner(), vec![MAX_PENDING as u64]);
		// One private purchase enters per block, beside the others.
		run_to(2);
		assert!(Pending::<Test>::get().is_empty());
		assert_eq!(PendingPrivate::<Test>::get().len(), MAX_PENDING as usize - 1);
		assert_ok!(buy_from(PKR, 1, 10 * SERO));
	});
}

#[test]
fn voted_shares_of_a_private_purchase_are_paid_principal_and_reward_into_notes() {
	new_test_ext().execute_with(|| {
		let id = buy_from(PKR, 5, total(5)).unwrap();
		run_to(2);
		let principal = Purchases::<Test>::get(id).unwrap().price_each;
		let issuance = Balances::total_issuance();
		seal_and_settle(1, votes_by(&voter(), &[0, 1, 2]));
		let reward = solo_vote_reward(2, 0);
		run_to(2 + PAYOUT_PERIOD);
		assert_eq!(notes(), vec![], "one block before the payout");
		run_to(3 + PAYOUT_PERIOD);
		assert_eq!(notes(), vec![(PKR, principal + reward, PAYOUT_MEMO); 3]);
		assert_eq!(held_by_pool(), 2 * principal);
		assert_eq!(Balances::balance(&SharePool::account()), ExistentialDeposit::get());
		assert_eq!(Balances::balance(&NOTE_POOL), 3 * (principal + reward));
		assert_eq!(Balances::total_issuance(), issuance + 3 * reward, "rewards are minted");
		System::assert_has_event(Event::SharePaid { id, principal, reward, fee: 0 }.into());
		assert_eq!(Purchases::<Test>::get(id).unwrap().paid, 3);
	});
}

#[test]
fn missed_and_expired_shares_of_a_private_purchase_come_back_into_notes() {
	new_test_ext().execute_with(|| {
		let id = buy_from(PKR, 5, total(5)).unwrap();
		run_to(2);
		let principal = Purchases::<Test>::get(id).unwrap().price_each;
		seal_and_settle(1, none);
		run_to(3 + MISSED_LOCK);
		assert_eq!(notes(), vec![(PKR, principal, PAYOUT_MEMO); 3]);
		run_to(2 + EXPIRY);
		assert_eq!(notes().last(), Some(&(PKR, 2 * principal, PAYOUT_MEMO)));
		System::assert_has_event(
			Event::SharesExpired { id, count: 2, principal: 2 * principal }.into(),
		);
		assert_eq!(held_by_pool(), 0);
		assert_eq!(Balances::balance(&SharePool::account()), ExistentialDeposit::get());
		assert_eq!(Balances::balance(&NOTE_POOL), 5 * principal, "the whole principal is back");
	});
}

/// Expiring into a note costs more than releasing a hold: a block moves at most
/// `MaxPrivateEnterPerBlock` private purchases into the pool, from their own queue, and the
/// others as before.
#[test]
fn a_block_moves_a_bounded_number_of_private_purchases_into_the_pool() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy_from(PKR, 1, 10 * SERO));
		assert_ok!(buy_from(PKR, 1, 10 * SERO));
		assert_ok!(super::buy(ALICE, 1));
		assert_ok!(super::buy(ALICE, 1));
		run_to(2);
		assert!(Pending::<Test>::get().is_empty(), "both of Alice's entered");
		assert_eq!(PendingPrivate::<Test>::get().into_inner(), vec![1], "the second private waits");
		assert_eq!(PrivateExpiries::<Test>::get(2 + EXPIRY).into_inner(), vec![0]);
		assert_eq!(Expiries::<Test>::get(2 + EXPIRY).into_inner(), vec![2, 3]);
		run_to(3);
		assert!(PendingPrivate::<Test>::get().is_empty());
	});
}

/// A note that cannot be made (which the pool's checks rule out) does not keep the hold:
/// the principal is released and burnt, and the block goes on.
#[test]
fn what_cannot_be_paid_into_a_note_is_burnt_not_left_held() {
	new_test_ext().execute_with(|| {
		let id = buy_from(REFUSED_PKR, 2, total(2)).unwrap();
		run_to(2);
		let issuance = Balances::total_issuance();
		run_to(2 + EXPIRY);
		assert_eq!(held_by_pool(), 0);
		assert_eq!(Balances::total_issuance(), issuance - total_of(id));
		System::assert_has_event(Event::SharesExpired { id, count: 2, principal: 0 }.into());
		assert_eq!(notes(), vec![]);
	});
}

fn total_of(id: PurchaseId) -> u128 {
	let purchase = Purchases::<Test>::get(id).unwrap();
	purchase.price_each * u128::from(purchase.count)
}

/// The change's note would be refused: the purchase fails (and its call rolls back).
#[test]
fn a_purchase_whose_change_cannot_be_paid_fails() {
	new_test_ext().execute_with(|| {
		let command = buy_command(1, Voter::Solo(voter_key()));
		let applied = with_transaction(|| {
			let result =
				SharePool::apply_command(&REFUSED_PKR, &command, Balances::issue(10 * SERO));
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(dispatch(result)))
		});
		assert_eq!(applied, Ok(Err(Error::<Test>::CannotAfford.into())));
	});
}

/// The inherent pays for each note it paid.
#[test]
fn the_inherent_is_charged_for_the_notes_it_paid() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy_from(PKR, 2, total(2)));
		run_to(1 + EXPIRY);
		let parent = header(1 + EXPIRY, 0);
		start_block_on(&parent);
		let weight =
			SharePool::settle(RuntimeOrigin::none(), Box::new(parent)).unwrap().actual_weight;
		assert_eq!(weight, Some(<() as WeightInfo>::settle(0, 1) + NOTE_WEIGHT));
		SharePool::on_finalize(2 + EXPIRY);
	});
}

/// The inherent counts the purchases entering from both queues, and a block where nothing
/// enters writes no queue and no empty expiry list.
#[test]
fn purchases_entering_from_both_queues_are_charged_and_an_idle_block_writes_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(super::buy(ALICE, 1));
		assert_ok!(buy_from(PKR, 1, 10 * SERO));
		let parent = header(1, 0);
		start_block_on(&parent);
		let weight =
			SharePool::settle(RuntimeOrigin::none(), Box::new(parent)).unwrap().actual_weight;
		assert_eq!(weight, Some(<() as WeightInfo>::settle(2, 0)), "one from each queue");
		SharePool::on_finalize(2);
		run_to(3);
		assert!(!Expiries::<Test>::contains_key(3 + EXPIRY), "nothing entered at block 3");
		assert!(!PrivateExpiries::<Test>::contains_key(3 + EXPIRY));
	});
}

/// A private purchase is charged three purchases (checked twice, applied once) and the note
/// of its change.
#[test]
fn a_private_purchase_is_charged_three_purchases_and_a_note() {
	let command = buy_command(1, Voter::Solo(voter_key()));
	assert_eq!(
		SharePool::command_weight(&command),
		<() as WeightInfo>::buy_shares() * 3 + NOTE_WEIGHT
	);
}

/// An owner's text (RPC and wallet) reads back as the owner; bad text is refused.
#[test]
fn an_owner_reads_back_from_its_text() {
	use polkadot_sdk::sp_core::crypto::AccountId32;
	for owner in [Owner::Account(AccountId32::new([4; 32])), Owner::Note(PKR)] {
		assert_eq!(Owner::from_text(&owner.to_text()), Ok(owner));
	}
	assert_eq!(Owner::Note(PKR).to_text(), format!("0x{}", "05".repeat(96)));
	assert!(Owner::from_text("0x0505").is_err(), "not 96 bytes");
	assert!(Owner::from_text("0xzz").is_err());
	assert!(Owner::from_text("not an address").is_err());
}
