//! Shares voted for by a StakingNode: bought through an open node only, signed for by the
//! node's key at the draw, a node vote's reward split by the fee charged at purchase, and
//! the node finished when its last share is paid back.

use super::{
	held, settle,
	votes::{check_child, none, rolled_back, seal_and_settle},
};
use crate::{mock::*, Error, Event, Payout, Payouts, Purchases, Voter};
use codec::Encode;
use pallet_staking_nodes::NodeState;
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::{
			fungible::{Inspect, InspectHold},
			Hooks,
		},
	},
	sp_core::{sr25519, Pair},
	sp_runtime::DispatchResult,
};
use sero_consensus_primitives::VoteError;
use sero_share_pool::reward::{node_vote_reward, solo_vote_reward, split_node_reward};

/// The key Dave's node votes with.
fn node_voter() -> sr25519::Pair {
	sr25519::Pair::from_seed(&[6; 32])
}

/// Dave registers a node voting with [`node_voter`] for `fee_bps`: node 0.
fn register_node(fee_bps: u16) {
	assert_ok!(StakingNodes::register(
		RuntimeOrigin::signed(DAVE),
		node_voter().public().0,
		fee_bps,
		b"dave".to_vec()
	));
}

/// Dave moves node 0 to `key`.
fn set_node_key(key: &sr25519::Pair) {
	assert_ok!(StakingNodes::update(
		RuntimeOrigin::signed(DAVE),
		0,
		Some(key.public().0),
		None,
		None
	));
}

/// Alice buys `count` shares through node `node`.
fn buy_through(node: u32, count: u32) -> DispatchResult {
	SharePool::buy_shares(
		RuntimeOrigin::signed(ALICE),
		count,
		Voter::Node(node),
		10_000,
		100 * SERO * count as u128,
	)
}

/// What Dave has staked.
fn staked() -> u128 {
	Balances::balance_on_hold(&pallet_staking_nodes::HoldReason::Stake.into(), &DAVE)
}

/// Node 0.
fn node() -> pallet_staking_nodes::StakingNodeOf<Test> {
	pallet_staking_nodes::Nodes::<Test>::get(0).unwrap()
}

#[test]
fn shares_are_bought_through_an_open_node_only() {
	new_test_ext().execute_with(|| {
		assert_noop!(buy_through(0, 1), Error::<Test>::UnknownStakingNode);
		register_node(3_000);
		assert_ok!(buy_through(0, 4));
		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.voter, purchase.fee_bps), (Voter::Node(0), 3_000));
		assert_eq!(node().delegated, 4);
		System::set_block_number(1 + NODE_CLOSE_AFTER);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(DAVE), 0));
		// Refused after the queue was appended to: that is rolled back too.
		assert_noop!(buy_through(0, 1), Error::<Test>::StakingNodeClosed);
		assert_eq!(node().delegated, 4);
	});
}

#[test]
fn a_nodes_shares_are_voted_for_by_its_key_at_the_draw() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		assert_ok!(buy_through(0, 5));
		run_to(2);
		assert_eq!(check_child(1, votes_by(&node_voter(), &[0, 1, 2])), Ok(3));
		assert_eq!(
			check_child(1, votes_by(&voter(), &[0])),
			Err(VoteError::BadSignature(0)),
			"the holder's key is not the node's"
		);
		let parent = header(2, 0);
		let child = sealed_header(3, parent.hash(), 1, none);
		let (pre_hash, seal) = crate::votes::sealed_parts(&child).unwrap();
		let keys = rolled_back(|| SharePool::drawn_vote_keys(parent, pre_hash, &seal.encode()));
		assert_eq!(keys, vec![node_voter().public().0; 3]);

		// The operator moves the node to a new key: it signs from then on.
		let new_key = sr25519::Pair::from_seed(&[5; 32]);
		set_node_key(&new_key);
		assert_eq!(check_child(1, votes_by(&new_key, &[0, 1])), Ok(2));
		assert_eq!(check_child(1, votes_by(&node_voter(), &[0])), Err(VoteError::BadSignature(0)));
	});
}

/// A node vote earns 4/3 of a solo vote; the node keeps its fee of it, the holder the rest,
/// both paid with the principal.
#[test]
fn a_node_vote_pays_the_holder_and_the_node_its_fee_after_the_payout_period() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		assert_ok!(buy_through(0, 5));
		run_to(2);
		let principal = Purchases::<Test>::get(0).unwrap().price_each;
		// The fee changes after the purchase: the shares keep the one they were bought with.
		assert_ok!(StakingNodes::update(RuntimeOrigin::signed(DAVE), 0, None, Some(7_500), None));
		let (alice, dave, issuance) =
			(Balances::balance(&ALICE), Balances::balance(&DAVE), Balances::total_issuance());

		seal_and_settle(1, votes_by(&node_voter(), &[0, 1, 2]));
		let whole = node_vote_reward(2, 0);
		assert_eq!(solo_vote_reward(2, 0), whole * 3 / 4, "solo earns 3/4 of a node vote");
		let split = split_node_reward(whole, 3_000).unwrap();
		assert_eq!(split.node, whole * 3 / 10);
		assert_eq!(split.node + split.holder, whole);
		let (reward, fee) = (split.holder, split.node);
		System::assert_has_event(Event::ShareVoted { id: 0, block: 2, reward, fee }.into());
		let payout = Payout { purchase: 0, principal, reward, fee };
		assert_eq!(Payouts::<Test>::get(3 + PAYOUT_PERIOD).into_inner(), vec![payout; 3]);

		run_to(3 + PAYOUT_PERIOD);
		System::assert_has_event(Event::SharePaid { id: 0, principal, reward, fee }.into());
		assert_eq!(Balances::balance(&ALICE), alice + 3 * (principal + reward));
		assert_eq!(Balances::balance(&DAVE), dave + 3 * fee);
		assert_eq!(Balances::total_issuance(), issuance + 3 * whole, "reward and fee minted");
		assert_eq!(node().delegated, 2, "three of five paid back");
	});
}

/// A closed node finishes when the last of its shares is paid back, whichever way: the
/// voted one's payout, the missed ones' release, the undrawn one's expiry.
#[test]
fn a_closed_node_finishes_when_its_last_share_is_paid_back() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		assert_ok!(buy_through(0, 4));
		run_to(1 + NODE_CLOSE_AFTER);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(DAVE), 0));
		// One share votes for the draw of block 4, two miss.
		seal_and_settle(1, votes_by(&node_voter(), &[0]));
		assert_eq!(System::block_number(), 5);
		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.voted, purchase.missed), (1, 2));
		let (voted_paid, missed_released, expired) =
			(5 + PAYOUT_PERIOD, 5 + MISSED_LOCK, 2 + EXPIRY);
		assert!(missed_released < voted_paid && voted_paid < expired);
		run_to(voted_paid);
		assert_eq!(node().delegated, 1);
		assert_eq!(staked(), NODE_STAKE);
		run_to(expired - 1);
		assert_eq!(node().state, NodeState::Closed(1 + NODE_CLOSE_AFTER));
		run_to(expired);
		assert_eq!(Purchases::<Test>::get(0).unwrap().expired, 1);
		assert_eq!((node().delegated, node().state), (0, NodeState::Finished(expired)));
		assert_eq!(staked(), 0);
		assert_eq!(held(ALICE), 0);
	});
}

/// A key changed in block N: N's draw was checked at import under the key N started with,
/// and is settled under the same key, though the settlement runs after the change.
#[test]
fn a_key_changed_in_a_block_still_signs_for_that_blocks_draw() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		assert_ok!(buy_through(0, 5));
		run_to(2);
		assert_eq!(check_child(1, votes_by(&node_voter(), &[0, 1, 2])), Ok(3));
		// Block 3 starts: the operator changes the key in it, after its draw was made.
		start_block_on(&header(2, 0));
		assert_ok!(settle(&header(2, 0)));
		let new_key = sr25519::Pair::from_seed(&[5; 32]);
		set_node_key(&new_key);
		SharePool::on_finalize(3);
		// Block 3 sealed with the old key's votes, settled by block 4: all three Voted.
		seal_and_settle(1, votes_by(&node_voter(), &[0, 1, 2]));
		let purchase = Purchases::<Test>::get(0).unwrap();
		assert_eq!((purchase.voted, purchase.missed), (3, 0));
		// Block 5's draw is signed by the new key.
		assert_eq!(check_child(2, votes_by(&new_key, &[0, 1])), Ok(2));
		assert_eq!(check_child(2, votes_by(&node_voter(), &[0])), Err(VoteError::BadSignature(0)));
	});
}

/// A node's voter would sign for a solo purchase naming the node's key, and the node would
/// earn no fee: such a purchase is refused, for the node's current key and its past ones.
#[test]
fn a_solo_purchase_may_not_name_a_nodes_key() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		let solo = |key: [u8; 32]| {
			SharePool::buy_shares(
				RuntimeOrigin::signed(ALICE),
				1,
				Voter::Solo(key),
				10_000,
				100 * SERO,
			)
		};
		assert_noop!(solo(node_voter().public().0), Error::<Test>::VoteKeyOfANode);
		let new_key = sr25519::Pair::from_seed(&[5; 32]);
		set_node_key(&new_key);
		assert_noop!(solo(new_key.public().0), Error::<Test>::VoteKeyOfANode);
		assert_noop!(solo(node_voter().public().0), Error::<Test>::VoteKeyOfANode);
		assert_ok!(solo(voter_key()));
	});
}

/// An operator who raises the fee just before a purchase does not get it: the buyer names
/// the highest fee accepted, and a higher one refuses the purchase, changing nothing.
#[test]
fn a_purchase_refuses_a_fee_above_the_buyers_limit() {
	new_test_ext().execute_with(|| {
		register_node(3_000);
		let buy = |max_fee_bps| {
			SharePool::buy_shares(
				RuntimeOrigin::signed(ALICE),
				2,
				Voter::Node(0),
				max_fee_bps,
				100 * SERO,
			)
		};
		assert_noop!(buy(2_999), Error::<Test>::FeeAboveLimit);
		assert_eq!(node().delegated, 0);
		assert_ok!(buy(3_000));
		assert_eq!(Purchases::<Test>::get(0).unwrap().fee_bps, 3_000);
		// The limit is the buyer's for a node only: a solo purchase pays no fee.
		assert_ok!(SharePool::buy_shares(
			RuntimeOrigin::signed(ALICE),
			1,
			Voter::Solo([8; 32]),
			0,
			100 * SERO
		));
	});
}
