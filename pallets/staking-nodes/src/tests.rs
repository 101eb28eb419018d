//! The StakingNodes' life: registration, updates, closing and finishing, and every refusal
//! with the state unchanged.

use crate::{mock::*, Error, Event, NodeState, Nodes, StakingNode};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		traits::fungible::{Inspect, InspectHold},
	},
	sp_runtime::DispatchResult,
};
use sero_share_pool::nodes::{DelegationError, StakingNodes as _};

/// The vote key of the tests' nodes.
const KEY: [u8; 32] = [7; 32];
/// Another vote key.
const OTHER_KEY: [u8; 32] = [8; 32];

/// `who` registers a node voting with [`KEY`], with fee `fee_bps` and name `name`.
fn register(who: u64, fee_bps: u16, name: &[u8]) -> DispatchResult {
	register_with(who, KEY, fee_bps, name)
}

/// `who` registers a node voting with `key`.
fn register_with(who: u64, key: [u8; 32], fee_bps: u16, name: &[u8]) -> DispatchResult {
	StakingNodes::register(RuntimeOrigin::signed(who), key, fee_bps, name.to_vec())
}

/// What `who` has held as stakes.
fn staked(who: u64) -> u128 {
	Balances::balance_on_hold(&crate::HoldReason::Stake.into(), &who)
}

/// The last event of this pallet.
fn last_event() -> Event<Test> {
	System::events()
		.into_iter()
		.rev()
		.find_map(|record| match record.event {
			RuntimeEvent::StakingNodes(event) => Some(event),
			_ => None,
		})
		.expect("an event")
}

/// Moves to block `n`.
fn go_to(n: u64) {
	System::set_block_number(n);
}

#[test]
fn registering_holds_the_stake_and_records_an_open_node() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		assert_eq!(staked(ALICE), STAKE);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - STAKE);
		assert_eq!(
			Nodes::<Test>::get(0),
			Some(StakingNode {
				operator: ALICE,
				vote_key: KEY,
				previous_vote_key: KEY,
				key_changed_at: 1,
				fee_bps: 3_000,
				name: b"alice".to_vec().try_into().unwrap(),
				stake: STAKE,
				registered_at: 1,
				state: NodeState::Open,
				delegated: 0,
			})
		);
		assert_eq!(
			last_event(),
			Event::Registered {
				node: 0,
				operator: ALICE,
				vote_key: KEY,
				fee_bps: 3_000,
				stake: STAKE
			}
		);
		// Numbers follow registration; an operator may run several nodes.
		assert_ok!(register_with(ALICE, OTHER_KEY, 3_000, b"second"));
		assert_eq!(Nodes::<Test>::get(1).unwrap().operator, ALICE);
		assert_eq!(staked(ALICE), 2 * STAKE);
	});
}

#[test]
fn the_fee_is_between_a_quarter_and_three_quarters() {
	new_test_ext().execute_with(|| {
		assert_noop!(register(ALICE, 2_499, b"a"), Error::<Test>::FeeOutOfRange);
		assert_noop!(register(ALICE, 7_501, b"a"), Error::<Test>::FeeOutOfRange);
		assert_noop!(register(ALICE, 0, b"a"), Error::<Test>::FeeOutOfRange);
		assert_ok!(register(ALICE, 2_500, b"a"));
		assert_ok!(register_with(ALICE, OTHER_KEY, 7_500, b"a"));
	});
}

#[test]
fn a_name_is_short_utf8_and_not_empty() {
	new_test_ext().execute_with(|| {
		assert_noop!(register(ALICE, 3_000, b""), Error::<Test>::BadName);
		assert_noop!(register(ALICE, 3_000, &[0xff, 0xfe]), Error::<Test>::BadName);
		let too_long = vec![b'a'; MAX_NAME_LENGTH as usize + 1];
		assert_noop!(register(ALICE, 3_000, &too_long), Error::<Test>::BadName);
		assert_ok!(register(ALICE, 3_000, &too_long[1..]));
		assert_ok!(register_with(ALICE, OTHER_KEY, 3_000, "é".as_bytes()));
	});
}

#[test]
fn an_operator_who_cannot_hold_the_stake_registers_nothing() {
	new_test_ext().execute_with(|| {
		// Carol has the stake but not the existential deposit besides.
		assert_noop!(register(CAROL, 3_000, b"carol"), Error::<Test>::CannotAfford);
		assert_eq!(crate::NextNode::<Test>::get(), 0);
	});
}

#[test]
fn the_operator_updates_key_fee_and_name() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		assert_ok!(StakingNodes::update(
			RuntimeOrigin::signed(ALICE),
			0,
			Some(OTHER_KEY),
			None,
			None
		));
		assert_eq!(last_event(), Event::Updated { node: 0, vote_key: OTHER_KEY, fee_bps: 3_000 });
		assert_ok!(StakingNodes::update(
			RuntimeOrigin::signed(ALICE),
			0,
			None,
			Some(6_000),
			Some(b"renamed".to_vec())
		));
		let node = Nodes::<Test>::get(0).unwrap();
		assert_eq!(
			(node.vote_key, node.fee_bps, node.name.to_vec()),
			(OTHER_KEY, 6_000, b"renamed".to_vec())
		);
		assert_eq!(StakingNodes::vote_key(0, 2), Some(OTHER_KEY));
	});
}

#[test]
fn updates_are_refused_with_the_node_unchanged() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		let update = |who, node, fee: Option<u16>, name: Option<&[u8]>| {
			StakingNodes::update(
				RuntimeOrigin::signed(who),
				node,
				Some(OTHER_KEY),
				fee,
				name.map(<[u8]>::to_vec),
			)
		};
		assert_noop!(update(BOB, 0, None, None), Error::<Test>::NotOperator);
		assert_noop!(update(ALICE, 1, None, None), Error::<Test>::UnknownNode);
		// The key would change before the fee is found wrong: nothing changes.
		assert_noop!(update(ALICE, 0, Some(7_501), None), Error::<Test>::FeeOutOfRange);
		assert_noop!(update(ALICE, 0, Some(5_000), Some(b"")), Error::<Test>::BadName);
		assert_noop!(
			StakingNodes::update(RuntimeOrigin::signed(ALICE), 0, None, None, None),
			Error::<Test>::NothingToUpdate
		);
		go_to(1 + CLOSE_AFTER);
		StakingNodes::delegate(0, 1).unwrap();
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(ALICE), 0));
		assert_noop!(update(ALICE, 0, None, None), Error::<Test>::NodeClosed);
	});
}

#[test]
fn a_node_closes_no_earlier_than_its_minimum_age() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		StakingNodes::delegate(0, 1).unwrap();
		go_to(CLOSE_AFTER);
		assert_noop!(
			StakingNodes::close(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::TooEarlyToClose
		);
		go_to(1 + CLOSE_AFTER);
		assert_noop!(
			StakingNodes::close(RuntimeOrigin::signed(BOB), 0),
			Error::<Test>::NotOperator
		);
		assert_noop!(
			StakingNodes::close(RuntimeOrigin::signed(ALICE), 1),
			Error::<Test>::UnknownNode
		);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(last_event(), Event::Closed { node: 0 });
		assert_eq!(Nodes::<Test>::get(0).unwrap().state, NodeState::Closed(1 + CLOSE_AFTER));
		// Its share is still out: the stake stays held.
		assert_eq!(staked(ALICE), STAKE);
		assert_noop!(
			StakingNodes::close(RuntimeOrigin::signed(ALICE), 0),
			Error::<Test>::NodeClosed
		);
	});
}

#[test]
fn a_closed_node_takes_no_new_shares_and_votes_on_for_its_own() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		assert_eq!(StakingNodes::delegate(0, 5), Ok(3_000));
		assert_eq!(StakingNodes::delegate(1, 5), Err(DelegationError::UnknownNode));
		go_to(1 + CLOSE_AFTER);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(StakingNodes::delegate(0, 1), Err(DelegationError::NodeClosed));
		assert_eq!(Nodes::<Test>::get(0).unwrap().delegated, 5);
		assert_eq!(StakingNodes::vote_key(0, 12), Some(KEY));
		assert_eq!(StakingNodes::operator(0), Some(ALICE));
		assert_eq!(StakingNodes::vote_key(1, 12), None);
		assert_eq!(StakingNodes::operator(1), None);
	});
}

#[test]
fn a_closed_node_finishes_when_its_last_share_is_paid_back() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		StakingNodes::delegate(0, 5).unwrap();
		StakingNodes::undelegate(0, 2);
		// Open: nothing finishes, whatever is given back.
		StakingNodes::undelegate(0, 3);
		assert_eq!(Nodes::<Test>::get(0).unwrap().state, NodeState::Open);
		StakingNodes::delegate(0, 2).unwrap();
		go_to(1 + CLOSE_AFTER);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(ALICE), 0));
		go_to(20);
		StakingNodes::undelegate(0, 1);
		assert_eq!(staked(ALICE), STAKE);
		StakingNodes::undelegate(0, 1);
		assert_eq!(Nodes::<Test>::get(0).unwrap().state, NodeState::Finished(20));
		assert_eq!(last_event(), Event::Finished { node: 0, stake: STAKE });
		assert_eq!(staked(ALICE), 0);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT);
		// More given back than delegated (no path does it) changes nothing more.
		StakingNodes::undelegate(0, 1);
		assert_eq!(Nodes::<Test>::get(0).unwrap().state, NodeState::Finished(20));
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT);
	});
}

#[test]
fn a_node_with_no_shares_finishes_as_it_closes() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		go_to(1 + CLOSE_AFTER);
		assert_ok!(StakingNodes::close(RuntimeOrigin::signed(ALICE), 0));
		assert_eq!(last_event(), Event::Finished { node: 0, stake: STAKE });
		assert_eq!(Nodes::<Test>::get(0).unwrap().state, NodeState::Finished(1 + CLOSE_AFTER));
		assert_eq!(staked(ALICE), 0);
	});
}

#[test]
fn giving_back_shares_of_an_unknown_node_does_nothing() {
	new_test_ext().execute_with(|| {
		StakingNodes::undelegate(3, 1);
		assert!(Nodes::<Test>::get(3).is_none());
	});
}

#[test]
fn the_nodes_are_listed_from_a_number_up_to_a_limit() {
	new_test_ext().execute_with(|| {
		assert!(StakingNodes::nodes(0, 10).is_empty());
		assert_ok!(register(ALICE, 3_000, b"first"));
		assert_ok!(register_with(BOB, OTHER_KEY, 4_000, b"second"));
		assert_ok!(register_with(ALICE, [9; 32], 5_000, b"third"));
		let all = StakingNodes::nodes(0, 10);
		assert_eq!(all.iter().map(|(id, _)| *id).collect::<Vec<_>>(), vec![0, 1, 2]);
		assert_eq!(all[1].1, Nodes::<Test>::get(1).unwrap().with_name_bytes());
		assert_eq!(all[1].1.name, b"second".to_vec());
		let page = StakingNodes::nodes(1, 1);
		assert_eq!((page.len(), page[0].0, page[0].1.fee_bps), (1, 1, 4_000));
		assert!(StakingNodes::nodes(3, 10).is_empty());
	});
}

/// The key of a block's draw is the key the node started the block with: a change in block
/// N signs from block N + 1 on; several changes in one block keep N's key for N.
#[test]
fn a_key_change_takes_effect_for_the_next_blocks_draw() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		assert_eq!(StakingNodes::vote_key(0, 2), Some(KEY));
		go_to(5);
		let update =
			|key| StakingNodes::update(RuntimeOrigin::signed(ALICE), 0, Some(key), None, None);
		assert_ok!(update(OTHER_KEY));
		assert_ok!(update([9; 32]));
		assert_eq!(StakingNodes::vote_key(0, 5), Some(KEY), "block 5 started with KEY");
		assert_eq!(StakingNodes::vote_key(0, 6), Some([9; 32]));
		go_to(7);
		assert_ok!(update([10; 32]));
		assert_eq!(StakingNodes::vote_key(0, 7), Some([9; 32]));
		assert_eq!(StakingNodes::vote_key(0, 8), Some([10; 32]));
		assert_eq!(StakingNodes::vote_key(1, 8), None);
	});
}

#[test]
fn a_vote_key_belongs_to_one_node_for_good() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(ALICE, 3_000, b"alice"));
		assert!(StakingNodes::is_node_key(&KEY));
		assert!(!StakingNodes::is_node_key(&OTHER_KEY));
		assert_noop!(register(BOB, 3_000, b"bob"), Error::<Test>::KeyInUse);
		assert_ok!(register_with(BOB, OTHER_KEY, 3_000, b"bob"));
		assert_noop!(
			StakingNodes::update(RuntimeOrigin::signed(BOB), 1, Some(KEY), None, None),
			Error::<Test>::KeyInUse
		);
		// A node may move to a new key, and back to one it had; the old one stays its own.
		assert_ok!(StakingNodes::update(
			RuntimeOrigin::signed(ALICE),
			0,
			Some([9; 32]),
			None,
			None
		));
		assert!(StakingNodes::is_node_key(&KEY) && StakingNodes::is_node_key(&[9; 32]));
		assert_ok!(StakingNodes::update(RuntimeOrigin::signed(ALICE), 0, Some(KEY), None, None));
		assert_noop!(
			StakingNodes::update(RuntimeOrigin::signed(BOB), 1, Some([9; 32]), None, None),
			Error::<Test>::KeyInUse
		);
	});
}
