//! Tests of the share pool in a runtime.

use crate::{
	inherent::{InherentError, INHERENT_IDENTIFIER},
	mock::*,
	tree::share_tree,
	weights::WeightInfo,
	Call, Error, Event, Expiries, Owner, Pending, PendingShares, Purchase, Purchases, Settled,
	SlotPurchases, Voter,
};
use polkadot_sdk::{
	frame_support::{
		assert_noop, assert_ok,
		dispatch::{DispatchClass, GetDispatchInfo},
		inherent::{InherentData, ProvideInherent},
		traits::{
			fungible::{Inspect, InspectHold},
			Hooks,
		},
	},
	sp_runtime::DispatchError,
};
use sero_share_pool::{
	draw::{draw, ShareTree, TreeStore},
	price::{quote, share_price},
};

const KEY: [u8; 32] = [7; 32];

/// `who` buys `count` shares, offering up to 100 SERO a share.
fn buy(who: u64, count: u32) -> Result<(), DispatchError> {
	SharePool::buy_shares(
		RuntimeOrigin::signed(who),
		count,
		Voter::Solo(KEY),
		10_000,
		100 * SERO * count as u128,
	)
}

fn held(who: u64) -> u128 {
	Balances::total_balance_on_hold(&who)
}

#[test]
fn a_purchase_is_priced_by_the_pool_and_held_while_it_waits() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy(ALICE, 10));
		let purchase = quote(0, 10).unwrap();
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT - purchase.total());
		assert_eq!(held(ALICE), purchase.total());
		assert_eq!(Balances::total_balance(&ALICE), ENDOWMENT, "held, not spent");
		assert_eq!(
			Purchases::<Test>::get(0),
			Some(Purchase {
				owner: Owner::Account(ALICE),
				voter: Voter::Solo(KEY),
				fee_bps: 0,
				count: 10,
				price_each: purchase.price_each,
				bought_at: 1,
				slot: None,
				voted: 0,
				missed: 0,
				expired: 0,
				paid: 0,
			})
		);
		assert_eq!(Pending::<Test>::get().into_inner(), vec![0]);
		assert_eq!(PendingShares::<Test>::get(), 10);
		assert_eq!(share_tree::<Test>().total(), 0, "not in the pool before the next block");
		System::assert_last_event(
			Event::SharesBought {
				id: 0,
				owner: Owner::Account(ALICE),
				count: 10,
				price_each: purchase.price_each,
			}
			.into(),
		);
	});
}

#[test]
fn pending_shares_and_shares_in_the_pool_both_raise_the_price() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy(ALICE, 10));
		assert_ok!(buy(BOB, 1));
		assert_eq!(held(BOB), share_price(10), "ten shares pending");
		assert_eq!(SharePool::enter_pending(System::block_number()), 2);
		assert_eq!(SharePool::pool_size(), 11);
		assert_ok!(buy(BOB, 1));
		assert_eq!(held(BOB), share_price(10) + share_price(11), "eleven in the pool");
		assert_ok!(buy(BOB, 2));
		let two = quote(12, 2).unwrap().total();
		assert_eq!(held(BOB), share_price(10) + share_price(11) + two, "eleven and one pending");
	});
}

#[test]
fn an_offer_below_the_price_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let total = quote(0, 3).unwrap().total();
		let offer = |max_total| {
			SharePool::buy_shares(
				RuntimeOrigin::signed(ALICE),
				3,
				Voter::Solo(KEY),
				10_000,
				max_total,
			)
		};
		assert_noop!(offer(total - 1), Error::<Test>::PriceAboveLimit);
		assert_ok!(offer(total));
		assert_eq!(held(ALICE), total, "exactly the price is held, however much was offered");
	});
}

#[test]
fn purchases_of_no_shares_or_more_than_a_thousand_are_refused() {
	new_test_ext().execute_with(|| {
		assert_noop!(buy(ALICE, 0), Error::<Test>::NoShares);
		assert_noop!(buy(ALICE, 1_001), Error::<Test>::TooManyShares);
		assert_ok!(buy(ALICE, 1_000));
		assert_eq!(PendingShares::<Test>::get(), 1_000);
	});
}

#[test]
fn a_buyer_who_cannot_pay_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		// Carol can pay one share and keep her existential deposit, not two.
		assert_ok!(buy(CAROL, 1));
		assert_eq!(held(CAROL), 2 * SERO);
		// The failure comes after the queue was appended to: it is rolled back.
		assert_noop!(buy(CAROL, 1), Error::<Test>::CannotAfford);
		assert_eq!(Pending::<Test>::get().len(), 1);
	});
}

#[test]
fn a_full_queue_refuses_a_purchase_until_the_pool_takes_some() {
	new_test_ext().execute_with(|| {
		for _ in 0..MAX_PENDING {
			assert_ok!(buy(ALICE, 1));
		}
		assert_noop!(buy(BOB, 1), Error::<Test>::TooManyPending);
		assert_eq!(SharePool::enter_pending(System::block_number()), MAX_ENTER_PER_BLOCK);
		assert_ok!(buy(BOB, 1));
	});
}

#[test]
fn pending_purchases_enter_the_tree_oldest_first_each_in_its_own_slot() {
	new_test_ext().execute_with(|| {
		for count in [3, 5, 7] {
			assert_ok!(buy(ALICE, count));
		}
		assert_eq!(SharePool::enter_pending(System::block_number()), 2, "the most a block moves");
		let tree = share_tree::<Test>();
		assert_eq!((tree.slots(), tree.shares_in(0), tree.shares_in(1)), (2, 3, 5));
		assert_eq!(Pending::<Test>::get().into_inner(), vec![2]);
		assert_eq!(PendingShares::<Test>::get(), 7);
		assert_eq!(SharePool::pool_size(), 15);
		assert_eq!(Purchases::<Test>::get(1).unwrap().slot, Some(1));
		assert_eq!(Purchases::<Test>::get(2).unwrap().slot, None);
		assert_eq!(
			(SlotPurchases::<Test>::get(0), SlotPurchases::<Test>::get(1)),
			(Some(0), Some(1))
		);
		System::assert_last_event(Event::SharesEntered { id: 1, slot: 1 }.into());

		System::set_block_number(2);
		assert_eq!(SharePool::enter_pending(System::block_number()), 1);
		assert_eq!(share_tree::<Test>().shares_in(2), 7);
		assert_eq!(SlotPurchases::<Test>::get(2), Some(2));
		assert_eq!(PendingShares::<Test>::get(), 0);
		assert!(Pending::<Test>::get().is_empty());
		assert_eq!(SharePool::enter_pending(System::block_number()), 0);
	});
}

/// The tree in memory, as `sero-share-pool` tests it.
#[derive(Default)]
struct MemoryTree(Vec<u64>);

impl TreeStore for MemoryTree {
	fn len(&self) -> u32 {
		self.0.len() as u32
	}
	fn node(&self, i: u32) -> u64 {
		self.0[i as usize - 1]
	}
	fn set_node(&mut self, i: u32, shares: u64) {
		self.0[i as usize - 1] = shares;
	}
	fn push_node(&mut self, shares: u64) {
		self.0.push(shares);
	}
}

#[test]
fn the_tree_in_storage_draws_as_the_tree_in_memory() {
	new_test_ext().execute_with(|| {
		let mut memory = ShareTree::new(MemoryTree::default());
		for round in 0..5u32 {
			for k in 1..=MAX_PENDING {
				let count = (round * 7 + k * 13) % 29 + 1;
				assert_ok!(buy(ALICE, count));
				memory.push(count.into()).unwrap();
			}
			run_to(System::block_number() + 2);
			assert!(Pending::<Test>::get().is_empty());
		}
		let stored = share_tree::<Test>();
		assert_eq!(stored.slots(), memory.slots());
		assert_eq!(stored.total(), memory.total());
		for seed in 0..50u8 {
			assert_eq!(draw(&stored, &[seed; 32], 3), draw(&memory, &[seed; 32], 3));
		}
	});
}

fn settle(parent: &Header) -> Result<(), DispatchError> {
	SharePool::settle(RuntimeOrigin::none(), Box::new(parent.clone()))
		.map(|_| ())
		.map_err(|e| e.error)
}

#[test]
fn the_inherent_names_the_parent_and_moves_pending_purchases_into_the_pool() {
	new_test_ext().execute_with(|| {
		for count in [1, 2, 3] {
			assert_ok!(buy(ALICE, count));
		}
		let parent = header(1, 0);
		start_block_on(&parent);
		assert_ok!(settle(&parent));
		assert!(Settled::<Test>::get());
		assert_eq!(share_tree::<Test>().total(), 3, "two purchases, the most a block moves");
		assert_eq!(Pending::<Test>::get().into_inner(), vec![2]);
		SharePool::on_finalize(2);
		assert!(!Settled::<Test>::get(), "taken at the block's end");

		let parent = header(2, 0);
		start_block_on(&parent);
		assert_ok!(settle(&parent));
		assert_eq!(share_tree::<Test>().total(), 6);
	});
}

#[test]
fn an_inherent_naming_another_header_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy(ALICE, 1));
		start_block_on(&header(1, 0));
		assert_noop!(settle(&header(1, 1)), Error::<Test>::NotTheParent);
		assert_noop!(settle(&header(0, 0)), Error::<Test>::NotTheParent);
	});
}

#[test]
fn a_second_inherent_in_a_block_is_refused_and_changes_nothing() {
	new_test_ext().execute_with(|| {
		let parent = header(1, 0);
		start_block_on(&parent);
		assert_ok!(settle(&parent));
		assert_ok!(buy(ALICE, 1));
		assert_noop!(settle(&parent), Error::<Test>::AlreadySettled);
	});
}

#[test]
fn only_the_block_carries_the_inherent() {
	new_test_ext().execute_with(|| {
		let parent = header(1, 0);
		start_block_on(&parent);
		assert_noop!(
			SharePool::settle(RuntimeOrigin::signed(ALICE), Box::new(parent)),
			DispatchError::BadOrigin
		);
	});
}

#[test]
#[should_panic(expected = "every block carries the share pool's inherent")]
fn a_block_without_the_inherent_fails_at_its_end() {
	new_test_ext().execute_with(|| {
		start_block_on(&header(1, 0));
		SharePool::on_finalize(2);
	});
}

#[test]
fn the_inherent_is_made_from_the_parent_header_in_the_inherent_data_and_required() {
	new_test_ext().execute_with(|| {
		let parent = header(1, 0);
		let mut data = InherentData::new();
		assert_eq!(SharePool::create_inherent(&data), None);
		assert_eq!(SharePool::is_inherent_required(&data), Ok(Some(InherentError::Missing)));
		data.put_data(INHERENT_IDENTIFIER, &parent).unwrap();
		let call = SharePool::create_inherent(&data).expect("made from the data");
		assert_eq!(call, Call::settle { parent: Box::new(parent) });
		assert!(SharePool::is_inherent(&call));
		let purchase = Call::buy_shares {
			count: 1,
			voter: Voter::Solo(KEY),
			max_fee_bps: 0,
			max_total: 2 * SERO,
		};
		assert!(!SharePool::is_inherent(&purchase));

		let info = call.get_dispatch_info();
		assert_eq!(info.class, DispatchClass::Mandatory);
		assert_eq!(
			info.call_weight,
			<() as WeightInfo>::settle(
				MAX_ENTER_PER_BLOCK + MAX_PRIVATE_ENTER_PER_BLOCK,
				MAX_ENTER_PER_BLOCK + MAX_PRIVATE_ENTER_PER_BLOCK
			) + NOTE_WEIGHT * (6 + u64::from(MAX_PRIVATE_ENTER_PER_BLOCK)),
			"every purchase entering and expiring from both queues, and a note for each share \
			paid back and each private purchase expiring"
		);
		let settle = <() as WeightInfo>::settle;
		assert!(settle(1, 0).all_gt(settle(0, 0)) && settle(0, 1).all_gt(settle(0, 0)));
		assert_eq!(SharePool::on_initialize(2), <() as WeightInfo>::on_finalize());
		assert!(<() as WeightInfo>::on_finalize().ref_time() > 0);
	});
}

#[test]
fn shares_undrawn_for_the_expiry_period_leave_the_pool_and_their_principal_is_released() {
	new_test_ext().execute_with(|| {
		assert_ok!(buy(ALICE, 3));
		assert_ok!(buy(BOB, 2));
		assert_ok!(buy(BOB, 1));
		let (alice, bob) = (held(ALICE), held(BOB));
		// Two purchases enter at block 2, the third at block 3.
		run_to(2);
		assert_eq!(Expiries::<Test>::get(2 + EXPIRY).into_inner(), vec![0, 1]);
		run_to(3);
		assert_eq!(Expiries::<Test>::get(3 + EXPIRY).into_inner(), vec![2]);

		run_to(1 + EXPIRY);
		assert_eq!(share_tree::<Test>().total(), 6, "one block before expiry");
		run_to(2 + EXPIRY);
		assert_eq!(share_tree::<Test>().total(), 1);
		assert_eq!(
			(held(ALICE), held(BOB)),
			(0, bob - Purchases::<Test>::get(1).unwrap().price_each * 2)
		);
		assert_eq!(Balances::balance(&ALICE), ENDOWMENT, "the whole principal is free again");
		System::assert_has_event(Event::SharesExpired { id: 0, count: 3, principal: alice }.into());
		assert_eq!(Purchases::<Test>::get(0).unwrap().expired, 3);
		assert!(!Expiries::<Test>::contains_key(2 + EXPIRY), "the list is taken");
		run_to(3 + EXPIRY);
		assert_eq!((share_tree::<Test>().total(), held(BOB)), (0, 0));
		assert_eq!(Balances::balance(&BOB), ENDOWMENT);
	});
}

#[test]
fn pool_parameters_are_the_genesis_values_and_default_to_sero() {
	new_test_ext().execute_with(|| {
		let parameters = crate::Parameters::<Test>::get();
		assert_eq!(
			parameters,
			crate::PoolParameters {
				expiry: EXPIRY,
				payout_period: PAYOUT_PERIOD,
				missed_lock: MISSED_LOCK,
				need_two_votes_from: NEED_TWO_VOTES_FROM,
				miss_window: MISS_WINDOW,
			}
		);
		assert_eq!(crate::MissedInWindow::<Test>::get(), 3 * MISS_WINDOW as u32);
	});
	let sero = crate::PoolParameters::<u64>::default();
	assert_eq!(
		(
			sero.expiry,
			sero.payout_period,
			sero.missed_lock,
			sero.need_two_votes_from,
			sero.miss_window
		),
		(198_720, 42_336, 596_160, 20_000, 6_048)
	);
	let genesis = crate::GenesisConfig::<Test>::default();
	assert_eq!((genesis.expiry, genesis.need_two_votes_from), (198_720, 20_000));
}

/// A block pays for what its inherent did, not for the most it could do.
#[test]
fn the_inherent_is_charged_what_it_did() {
	new_test_ext().execute_with(|| {
		let actual = |parent: &Header| {
			SharePool::settle(RuntimeOrigin::none(), Box::new(parent.clone()))
				.unwrap()
				.actual_weight
		};
		for count in [1, 2, 3] {
			assert_ok!(buy(ALICE, count));
		}
		let parent = header(1, 0);
		start_block_on(&parent);
		assert_eq!(actual(&parent), Some(<() as WeightInfo>::settle(2, 0)));
		SharePool::on_finalize(2);
		run_to(1 + EXPIRY);
		let parent = header(1 + EXPIRY, 0);
		start_block_on(&parent);
		assert_eq!(actual(&parent), Some(<() as WeightInfo>::settle(0, 2)), "two expire");
	});
}

#[test]
fn the_pool_its_quotes_and_purchases_are_reported() {
	use crate::runtime_api::{PurchaseFilter, PurchaseStatus};
	new_test_ext().execute_with(|| {
		assert_ok!(buy(ALICE, 5));
		assert_ok!(SharePool::buy_shares(
			RuntimeOrigin::signed(BOB),
			3,
			Voter::Solo([9; 32]),
			10_000,
			100 * SERO
		));
		let status = SharePool::status();
		assert_eq!((status.in_pool, status.pending), (0, 8));
		assert_eq!(status.next_share_price, share_price(8));
		assert_eq!(status.missed_in_window, 3 * MISS_WINDOW as u32);
		assert!(!status.need_two_votes);
		assert_eq!(status.parameters.payout_period, PAYOUT_PERIOD);
		assert_eq!(SharePool::quote(2), Some(quote(8, 2).unwrap().total()));
		assert_eq!(SharePool::quote(0), None);
		assert_eq!(SharePool::quote(1_001), None);

		run_to(2);
		let status = SharePool::status();
		assert_eq!((status.in_pool, status.pending), (8, 0));
		let alice = SharePool::purchases(PurchaseFilter::Owner(Owner::Account(ALICE)), 0, 10);
		assert_eq!(
			alice,
			vec![PurchaseStatus {
				id: 0,
				purchase: Purchases::<Test>::get(0).unwrap(),
				in_pool: 5,
				vote_key: KEY
			}]
		);
		let by_key = |key, from, limit| {
			SharePool::purchases(PurchaseFilter::VoteKey(key), from, limit)
				.into_iter()
				.map(|status| status.id)
				.collect::<Vec<_>>()
		};
		assert_eq!(by_key([9; 32], 0, 10), vec![1]);
		assert_eq!(by_key(KEY, 0, 10), vec![0]);
		assert_eq!(by_key([1; 32], 0, 10), Vec::<u64>::new());
		let everyone = |from, limit| {
			[ALICE, BOB]
				.into_iter()
				.flat_map(|owner| {
					SharePool::purchases(PurchaseFilter::Owner(Owner::Account(owner)), from, limit)
				})
				.map(|status| status.id)
				.collect::<Vec<_>>()
		};
		assert_eq!(everyone(0, 10), vec![0, 1]);
		assert_eq!(everyone(1, 10), vec![1]);
		assert_eq!(SharePool::purchases(PurchaseFilter::Owner(Owner::Account(BOB)), 0, 0), vec![]);
		assert_eq!(SharePool::status().next_purchase, 2);

		// One call looks at MAX_SCAN numbers at most: a far purchase is found by paging.
		use crate::runtime_api::MAX_SCAN;
		let far = MAX_SCAN + 5;
		Purchases::<Test>::insert(far, Purchases::<Test>::get(0).unwrap());
		crate::NextPurchase::<Test>::put(far + 1);
		let alice = |from| {
			SharePool::purchases(PurchaseFilter::Owner(Owner::Account(ALICE)), from, 10)
				.into_iter()
				.map(|status| status.id)
				.collect::<Vec<_>>()
		};
		assert_eq!(alice(0), vec![0]);
		assert_eq!(alice(MAX_SCAN), vec![far]);
		assert_eq!(alice(6), vec![far], "the scan starts at `from`");
	});
}

mod private;
mod staking_nodes;
mod votes;
