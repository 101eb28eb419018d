//! The draw's settlement and the votes: each share drawn, Voted or Missed at the block that
//! settles its draw, paid or released at its block; the import rule for votes; NeedTwoVote.

use super::{held, settle};
use crate::{
	mock::*, tree::share_tree, votes::sealed_parts, Event, MissedDraws, MissedInWindow,
	MissedReleases, Parameters, Payout, Payouts, Purchases, Voter,
};
use codec::Encode;
use polkadot_sdk::{
	frame_support::{
		assert_ok,
		storage::{with_transaction, TransactionOutcome},
		traits::{fungible::Inspect, Hooks},
	},
	sp_core::{sr25519, Pair, H256},
	sp_runtime::{traits::Header as _, DigestItem, DispatchError},
};
use sero_consensus_primitives::{Seal, VoteError, POW_ENGINE_ID};
use sero_share_pool::reward::solo_vote_reward;

/// Alice buys `count` shares whose votes [`voter`] signs.
fn buy_voting(count: u32) {
	assert_ok!(SharePool::buy_shares(
		RuntimeOrigin::signed(ALICE),
		count,
		Voter::Solo(voter_key()),
		10_000,
		100 * SERO * count as u128
	));
}

/// Seals the current block with `nonce` and the votes `sign` makes, then runs the next
/// block, whose inherent settles it; the sealed header.
pub(super) fn seal_and_settle(
	nonce: u64,
	sign: impl Fn(&H256, &[u8; 32]) -> Vec<sero_consensus_primitives::Vote>,
) -> Header {
	let number = System::block_number();
	let sealed = sealed_header(number, System::parent_hash(), nonce, sign);
	start_block_on(&sealed);
	assert_ok!(settle(&sealed));
	SharePool::on_finalize(number + 1);
	sealed
}

/// No votes.
pub(super) fn none(_: &H256, _: &[u8; 32]) -> Vec<sero_consensus_primitives::Vote> {
	Vec::new()
}

fn price_each(id: u64) -> u128 {
	Purchases::<Test>::get(id).unwrap().price_each
}

#[test]
fn drawn_shares_without_votes_are_missed_and_their_principal_is_released_after_the_lock() {
	new_test_ext().execute_with(|| {
		buy_voting(5);
		run_to(2);
		let principal = price_each(0);
		assert_eq!(held(ALICE), 5 * principal);

		seal_and_settle(1, none);
		assert_eq!(System::block_number(), 3);
		assert_eq!(share_tree::<Test>().total(), 2, "the three drawn left the pool");
		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.voted, purchase.missed), (0, 3));
		for _ in 0..3 {
			System::assert_has_event(Event::ShareMissed { id: 0, block: 2 }.into());
		}
		let release = Payout { purchase: 0, principal, reward: 0, fee: 0 };
		assert_eq!(MissedReleases::<Test>::get(3 + MISSED_LOCK).into_inner(), vec![release; 3]);
		assert!(Payouts::<Test>::iter().next().is_none(), "no vote, no payout");

		run_to(2 + MISSED_LOCK);
		assert_eq!(held(ALICE), 5 * principal, "one block before the lock ends");
		run_to(3 + MISSED_LOCK);
		assert_eq!(held(ALICE), 2 * principal);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - 2 * principal);
		assert_eq!(Balances::total_balance(&ALICE), ENDOWMENT, "no reward for a miss");
		System::assert_has_event(Event::SharePaid { id: 0, principal, reward: 0, fee: 0 }.into());
		assert_eq!(Purchases::<Test>::get(0).unwrap().paid, 3);
		assert!(!MissedReleases::<Test>::contains_key(3 + MISSED_LOCK), "the list is taken");

		// The two shares never drawn expire alone.
		run_to(2 + EXPIRY);
		System::assert_has_event(
			Event::SharesExpired { id: 0, count: 2, principal: 2 * principal }.into(),
		);
		assert_eq!((held(ALICE), Purchases::<Test>::get(0).unwrap().expired), (0, 2));
	});
}

#[test]
fn drawn_shares_that_voted_are_paid_principal_and_reward_after_the_payout_period() {
	new_test_ext().execute_with(|| {
		buy_voting(5);
		run_to(2);
		let principal = price_each(0);
		let issuance = Balances::total_issuance();

		seal_and_settle(1, votes_by(&voter(), &[0, 1, 2]));
		// The reward follows the pool without the shares drawn: two shares.
		let reward = solo_vote_reward(2, 0);
		assert!(reward > 0);
		assert_eq!(Purchases::<Test>::get(0).unwrap().voted, 3);
		System::assert_has_event(Event::ShareVoted { id: 0, block: 2, reward, fee: 0 }.into());
		let payout = Payout { purchase: 0, principal, reward, fee: 0 };
		assert_eq!(Payouts::<Test>::get(3 + PAYOUT_PERIOD).into_inner(), vec![payout; 3]);
		assert!(MissedReleases::<Test>::iter().next().is_none());

		run_to(2 + PAYOUT_PERIOD);
		assert_eq!(held(ALICE), 5 * principal, "one block before the payout");
		assert_eq!(Purchases::<Test>::get(0).unwrap().paid, 0);
		assert_eq!(Balances::total_issuance(), issuance);
		run_to(3 + PAYOUT_PERIOD);
		assert_eq!(held(ALICE), 2 * principal);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - 2 * principal + 3 * reward);
		assert_eq!(Balances::total_issuance(), issuance + 3 * reward, "rewards are minted");
		System::assert_has_event(Event::SharePaid { id: 0, principal, reward, fee: 0 }.into());
		assert_eq!(Purchases::<Test>::get(0).unwrap().paid, 3);
		assert!(!Payouts::<Test>::contains_key(3 + PAYOUT_PERIOD), "the list is taken");
	});
}

#[test]
fn votes_that_do_not_verify_count_as_missed_when_the_draw_is_settled() {
	new_test_ext().execute_with(|| {
		buy_voting(5);
		run_to(2);
		let stranger = sr25519::Pair::from_seed(&[9; 32]);
		seal_and_settle(1, |pre_hash, seed| {
			let mut votes = votes_by(&stranger, &[0])(pre_hash, seed);
			votes.extend(votes_by(&voter(), &[1])(pre_hash, seed));
			votes
		});
		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.voted, purchase.missed), (1, 2));
		assert_eq!(MissedDraws::<Test>::get(2), Some(2));
	});
}

#[test]
fn the_vote_reward_halves_with_the_pow_reward() {
	new_test_ext().execute_with(|| {
		System::set_block_number(HALVING_INTERVAL);
		buy_voting(5);
		run_to(HALVING_INTERVAL + 1);
		seal_and_settle(1, votes_by(&voter(), &[0]));
		let reward = solo_vote_reward(2, 1);
		assert_eq!(reward, solo_vote_reward(2, 0) / 2);
		System::assert_has_event(
			Event::ShareVoted { id: 0, block: HALVING_INTERVAL + 1, reward, fee: 0 }.into(),
		);
	});
}

/// The missed votes of the last [`MISS_WINDOW`] blocks, the blocks before genesis counting
/// three each.
#[test]
fn the_window_counts_the_votes_each_block_missed() {
	new_test_ext().execute_with(|| {
		buy_voting(20);
		run_to(2);
		assert_eq!(MissedInWindow::<Test>::get(), 12, "blocks -2..=1 missed all");
		seal_and_settle(1, votes_by(&voter(), &[0, 1, 2]));
		assert_eq!(MissedInWindow::<Test>::get(), 9);
		seal_and_settle(2, votes_by(&voter(), &[0, 1, 2]));
		seal_and_settle(3, votes_by(&voter(), &[0, 1, 2]));
		assert_eq!(MissedInWindow::<Test>::get(), 3, "blocks 1..=4: only block 1 missed");
		seal_and_settle(4, votes_by(&voter(), &[2]));
		assert_eq!(MissedInWindow::<Test>::get(), 2, "blocks 2..=5: block 5 missed two");
		assert_eq!(MissedDraws::<Test>::get(1), None, "the block that left is dropped");
		assert_eq!(MissedDraws::<Test>::get(5), Some(2));
	});
}

#[test]
fn need_two_votes_holds_from_the_pool_threshold_while_few_draws_are_missed() {
	new_test_ext().execute_with(|| {
		buy_voting(NEED_TWO_VOTES_FROM as u32 - 1);
		run_to(2);
		// A window of four blocks: twelve votes, of which at most 2.4 may be missed.
		MissedInWindow::<Test>::put(0);
		assert!(!SharePool::need_two_votes(), "one share short of the threshold");
		buy_voting(1);
		run_to(3);
		assert!(SharePool::need_two_votes(), "at the threshold");
		MissedInWindow::<Test>::put(2);
		assert!(SharePool::need_two_votes());
		MissedInWindow::<Test>::put(3);
		assert!(!SharePool::need_two_votes(), "more than a fifth missed");
	});
}

#[test]
fn need_two_votes_needs_a_pool_that_can_give_them() {
	new_test_ext().execute_with(|| {
		Parameters::<Test>::mutate(|parameters| parameters.need_two_votes_from = 0);
		MissedInWindow::<Test>::put(0);
		assert!(!SharePool::need_two_votes(), "an empty pool");
		buy_voting(2);
		run_to(2);
		MissedInWindow::<Test>::put(0);
		assert!(!SharePool::need_two_votes(), "two shares cannot give the votes of three draws");
		buy_voting(1);
		run_to(3);
		MissedInWindow::<Test>::put(0);
		assert!(SharePool::need_two_votes());
	});
}

/// The child of the current block, sealed with `nonce` and `sign`'s votes, checked as the
/// node checks it at import (the bookkeeping rolled back, as the runtime API's overlay is
/// dropped).
pub(super) fn check_child(
	nonce: u64,
	sign: impl Fn(&H256, &[u8; 32]) -> Vec<sero_consensus_primitives::Vote>,
) -> Result<u8, VoteError> {
	let parent = header(System::block_number(), 0);
	let child = sealed_header(parent.number + 1, parent.hash(), nonce, sign);
	let (pre_hash, seal) = sealed_parts(&child).unwrap();
	rolled_back(|| SharePool::check_votes(parent.clone(), pre_hash, &seal.encode()))
}

/// What `f` returns, its writes undone, as a runtime API call's overlay is dropped.
pub(super) fn rolled_back<R>(f: impl FnOnce() -> R) -> R {
	with_transaction(|| TransactionOutcome::Rollback(Ok::<_, DispatchError>(f()))).unwrap()
}

#[test]
fn votes_are_checked_against_the_shares_drawn() {
	new_test_ext().execute_with(|| {
		buy_voting(5);
		run_to(2);
		assert_eq!(check_child(1, votes_by(&voter(), &[0, 1, 2])), Ok(3));
		assert_eq!(check_child(1, votes_by(&voter(), &[2, 0])), Ok(2));
		assert_eq!(check_child(1, none), Ok(0), "NeedTwoVote is off");
		assert_eq!(
			check_child(1, votes_by(&voter(), &[1, 1])),
			Err(VoteError::DuplicatePosition(1))
		);
		assert_eq!(check_child(1, votes_by(&voter(), &[0, 3])), Err(VoteError::NotDrawn(3)));
		let stranger = sr25519::Pair::from_seed(&[9; 32]);
		assert_eq!(check_child(1, votes_by(&stranger, &[0])), Err(VoteError::BadSignature(0)));
		// A vote signed for another block's seed: the same key, another nonce.
		let other_seed = |pre_hash: &H256, seed: &[u8; 32]| {
			let mut other = *seed;
			other[0] ^= 1;
			votes_by(&voter(), &[0])(pre_hash, &other)
		};
		assert_eq!(check_child(1, other_seed), Err(VoteError::BadSignature(0)));
	});
}

#[test]
fn a_pool_of_two_shares_draws_two_positions() {
	new_test_ext().execute_with(|| {
		buy_voting(2);
		run_to(2);
		assert_eq!(check_child(1, votes_by(&voter(), &[0, 1])), Ok(2));
		assert_eq!(check_child(1, votes_by(&voter(), &[2])), Err(VoteError::NotDrawn(2)));
	});
}

#[test]
fn a_block_needs_two_votes_while_need_two_votes_holds() {
	new_test_ext().execute_with(|| {
		buy_voting(NEED_TWO_VOTES_FROM as u32);
		run_to(2);
		MissedInWindow::<Test>::put(0);
		assert_eq!(check_child(1, none), Err(VoteError::TooFewVotes { votes: 0, required: 2 }));
		assert_eq!(
			check_child(1, votes_by(&voter(), &[1])),
			Err(VoteError::TooFewVotes { votes: 1, required: 2 })
		);
		assert_eq!(check_child(1, votes_by(&voter(), &[0, 2])), Ok(2));
	});
}

#[test]
fn an_undecodable_seal_is_refused() {
	new_test_ext().execute_with(|| {
		let parent = header(1, 0);
		assert_eq!(
			SharePool::check_votes(parent, H256::zero(), &[2, 0]),
			Err(VoteError::UndecodableSeal)
		);
	});
}

/// The import check runs the child's bookkeeping before its draw, so it draws from the tree
/// the child's own inherent leaves, the tree its draw is settled from: what was checked is
/// what is settled.
#[test]
fn the_votes_checked_at_import_are_the_votes_settled() {
	new_test_ext().execute_with(|| {
		buy_voting(3);
		run_to(2);
		// Bought in block 2: enters the pool in block 3, before block 3 draws.
		assert_ok!(SharePool::buy_shares(
			RuntimeOrigin::signed(BOB),
			30,
			Voter::Solo([5; 32]),
			10_000,
			10_000 * SERO
		));
		let parent = header(2, 0);
		let child = sealed_header(3, parent.hash(), 4, votes_by(&voter(), &[0, 1, 2]));
		let (pre_hash, seal) = sealed_parts(&child).unwrap();
		let checked =
			rolled_back(|| SharePool::check_votes(parent.clone(), pre_hash, &seal.encode()));
		// Bob's 30 shares, in the pool by the time block 3 draws, outnumber Alice's 3: the draw
		// takes some of his, for which Alice's key cannot sign.
		assert!(matches!(checked, Err(VoteError::BadSignature(_))), "{checked:?}");
		start_block_on(&parent);
		assert_ok!(settle(&parent));
		SharePool::on_finalize(3);
		start_block_on(&child);
		assert_ok!(settle(&child));
		let alice = Purchases::<Test>::get(0).unwrap();
		let bob = Purchases::<Test>::get(1).unwrap();
		assert_eq!(alice.voted + alice.missed + bob.voted + bob.missed, 3);
		assert_eq!(bob.voted, 0, "Bob's key signed nothing");
		assert!(bob.missed > 0, "settled from the same tree the check drew from");
		assert_eq!(alice.voted, alice.voted + alice.missed, "each of Alice's drawn shares voted");
	});
}

#[test]
fn only_a_header_ending_in_a_pow_seal_is_sealed() {
	let sealed = sealed_header(3, H256::repeat_byte(1), 5, none);
	let (pre_hash, seal) = sealed_parts(&sealed).unwrap();
	let mut unsealed = sealed.clone();
	unsealed.digest_mut().pop();
	assert_eq!(pre_hash, unsealed.hash());
	assert_eq!(seal, Seal::new(5, H256::repeat_byte(0x11)));
	assert_eq!(sealed_parts(&unsealed), None);
	let mut other_engine = unsealed.clone();
	other_engine.digest_mut().push(DigestItem::Seal(*b"aura", seal.encode()));
	assert_eq!(sealed_parts(&other_engine), None);
	let mut seal_not_last = sealed.clone();
	seal_not_last.digest_mut().push(DigestItem::Other(vec![1]));
	assert_eq!(sealed_parts(&seal_not_last), None);
	let mut garbage = unsealed;
	garbage.digest_mut().push(DigestItem::Seal(POW_ENGINE_ID, vec![1, 2]));
	assert_eq!(sealed_parts(&garbage), None);
}

/// What the voter service asks: the key of each drawn position, in order; signing each
/// position with its key makes the votes the import check accepts.
#[test]
fn the_drawn_vote_keys_name_who_signs_each_position() {
	new_test_ext().execute_with(|| {
		let bob = sr25519::Pair::from_seed(&[8; 32]);
		buy_voting(3);
		assert_ok!(SharePool::buy_shares(
			RuntimeOrigin::signed(BOB),
			3,
			Voter::Solo(bob.public().0),
			10_000,
			1_000 * SERO
		));
		run_to(2);
		let parent = header(2, 0);
		let child = sealed_header(3, parent.hash(), 6, none);
		let (pre_hash, seal) = sealed_parts(&child).unwrap();
		let keys =
			rolled_back(|| SharePool::drawn_vote_keys(parent.clone(), pre_hash, &seal.encode()));
		assert_eq!(keys.len(), 3);
		assert!(keys.iter().all(|key| *key == voter_key() || *key == bob.public().0));
		let sign = |pre_hash: &H256, seed: &[u8; 32]| {
			(0u8..3)
				.flat_map(|position| {
					let pair =
						if keys[position as usize] == voter_key() { voter() } else { bob.clone() };
					votes_by(&pair, &[position])(pre_hash, seed)
				})
				.collect()
		};
		assert_eq!(check_child(6, sign), Ok(3));
		assert_eq!(SharePool::drawn_vote_keys(parent, pre_hash, &[9, 9]), Vec::<[u8; 32]>::new());
	});
}
