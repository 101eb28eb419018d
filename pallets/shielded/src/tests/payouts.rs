//! Everything the transparent side of a transaction could fail on is validated before it
//! applies, so a transaction the pool accepts cannot fail in a block (issue 12, hole 1).
//!
//! Each case is refused by the pool, by `pre_dispatch` and the executive (the block cannot
//! include it), and by the call; a control shows the same transaction shape applying once
//! the one thing wrong is put right.

use super::*;
use polkadot_sdk::frame_support::traits::fungible::Mutate as _;

/// An account that does not exist.
const FRESH: u64 = 50;

/// [`with_fixture`], then the pool still holds what is shielded.
fn with_backed_fixture(existential_deposit: u128, test: impl FnOnce(&Fixture)) {
	with_fixture(existential_deposit, |fixture| {
		test(fixture);
		Shielded::check_pool_backing().unwrap();
	});
}

fn unshield_of(fixture: &Fixture, input: usize, to: u64, value: u128) -> Tx {
	fixture.transaction_of(&[input], &[], Some(Transparent::Out { to, asset: native(), value }))
}

/// The case reproduced on a dev node: a payout too small to create its receiver was
/// included and failed, for free, as often as it was rebuilt.
#[test]
fn a_payout_below_the_existential_deposit_to_a_fresh_account_is_refused() {
	with_backed_fixture(100, |fixture| {
		assert_refused(&unshield_of(fixture, 0, FRESH, 99), Error::<Test>::TransferRefused);
		// The same note, paying enough to create the account, or paying an existing one.
		let author = Balances::balance(&AUTHOR);
		assert_applies_in_block(&unshield_of(fixture, 0, FRESH, 100));
		assert_eq!(Balances::balance(&FRESH), 100);
		assert_eq!(Balances::balance(&AUTHOR), author + INPUT_VALUE - 100);
		assert_applies_in_block(&unshield_of(fixture, 1, BOB, 99));
	});
}

/// Paying the pool account would take the value out of the pool's supply and leave it in
/// the pool account: the pool would hold more than is shielded, for good.
#[test]
fn a_payout_to_the_pool_account_is_refused() {
	with_backed_fixture(1, |fixture| {
		assert_refused(&unshield_of(fixture, 0, pool(), 1_000), Error::<Test>::PayoutToPool);
	});
}

/// The pool account must hold the fee and the payout, and keep its existential deposit.
/// (Only a broken invariant gets here: the pool holds its supply by construction.)
#[test]
fn a_transaction_the_pool_cannot_pay_is_refused() {
	with_backed_fixture(1, |fixture| {
		let tx = fixture.transaction(1, 1, None);
		let (supply, held) = (Supply::<Test>::get(native()), Balances::balance(&pool()));
		Supply::<Test>::insert(native(), tx.body.fee - 1);
		assert_refused(&tx, Error::<Test>::PoolExhausted);
		// The supply covers the fee, but the account would fall below its existential
		// deposit.
		Supply::<Test>::insert(native(), supply);
		Balances::set_balance(&pool(), tx.body.fee);
		assert_refused(&tx, Error::<Test>::PoolExhausted);
		Balances::set_balance(&pool(), held);
		assert_applies_in_block(&tx);
	});
}

/// A shield whose payer cannot pay fails before it appends anything.
#[test]
fn a_shield_its_payer_cannot_pay_is_refused() {
	with_backed_fixture(1, |fixture| {
		let shield = |from: u64, value: u128| {
			let tx = fixture.transaction_of(
				&[],
				&[0],
				Some(Transparent::In { from, asset: native(), value }),
			);
			Shielded::shield(RuntimeOrigin::signed(from), Box::new(tx))
		};
		assert_noop!(shield(FRESH, OUTPUT_VALUE), Error::<Test>::TransferRefused);
		assert_noop!(shield(pool(), OUTPUT_VALUE), Error::<Test>::TransferRefused);
		// Bob can pay, but not leave himself below the existential deposit.
		Balances::set_balance(&BOB, OUTPUT_VALUE);
		assert_noop!(shield(BOB, OUTPUT_VALUE), Error::<Test>::TransferRefused);
		Balances::set_balance(&BOB, OUTPUT_VALUE + 1);
		assert_ok!(shield(BOB, OUTPUT_VALUE));
	});
}

/// A tree of 2³² leaves takes no more notes: refused before the nullifiers are written.
#[test]
fn a_full_tree_is_refused_before_anything_is_written() {
	with_backed_fixture(1, |fixture| {
		let frontier = Frontier::<Test>::get();
		Frontier::<Test>::put(FrontierState {
			size: sero_crypto::tree::CAPACITY - 1,
			filled: BoundedVec::truncate_from(vec![[0; 32]; 32]),
		});
		assert_refused(&fixture.transaction(1, 2, None), Error::<Test>::TreeFull);
		assert_applies_in_block(&fixture.transaction(1, 1, None));
		assert_eq!(Frontier::<Test>::get().size, sero_crypto::tree::CAPACITY);
		Frontier::<Test>::put(frontier);
	});
}

#[test]
fn a_payout_of_a_frozen_token_is_refused() {
	new_test_ext().execute_with(|| {
		setup();
		// The pool's supply of GOLD must cover the payout (only a broken invariant gets here).
		let gold: sero_shielded_primitives::AssetId = AssetId::token(b"GOLD").unwrap().into();
		Supply::<Test>::insert(gold, 99);
		assert_refused(&gold_unshield(), Error::<Test>::PoolExhausted);
		Supply::<Test>::insert(gold, 100);
		assert_ok!(Assets::freeze_asset(RuntimeOrigin::signed(ALICE), GOLD));
		assert_refused(&gold_unshield(), Error::<Test>::TransferRefused);
		assert_ok!(Assets::thaw_asset(RuntimeOrigin::signed(ALICE), GOLD));
		assert_applies_in_block(&gold_unshield());
		assert_eq!(Assets::balance(GOLD, BOB), 100);
		Shielded::check_pool_backing().unwrap();
	});
}

#[test]
fn a_payout_to_an_account_blocked_for_the_token_is_refused() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(Assets::touch_other(RuntimeOrigin::signed(ALICE), GOLD, BOB));
		assert_ok!(Assets::block(RuntimeOrigin::signed(ALICE), GOLD, BOB));
		assert_refused(&gold_unshield(), Error::<Test>::TransferRefused);
		assert_ok!(Assets::thaw(RuntimeOrigin::signed(ALICE), GOLD, BOB));
		assert_applies_in_block(&gold_unshield());
		Shielded::check_pool_backing().unwrap();
	});
}

/// A token payout must not leave the pool with less than the token's minimum balance: the
/// assets pallet would destroy the remainder, which the pool's supply (and a note) still
/// count. Paying out all of it is fine.
#[test]
fn a_token_payout_that_would_leave_dust_in_the_pool_is_refused() {
	new_test_ext().execute_with(|| {
		setup();
		const SILVER: u32 = 8;
		assert_ok!(Assets::force_create(RuntimeOrigin::root(), SILVER, ALICE, true, 10));
		assert_ok!(Assets::mint(RuntimeOrigin::signed(ALICE), SILVER, ALICE, 1_000));
		assert_ok!(Shielded::register_token(
			RuntimeOrigin::root(),
			BoundedVec::truncate_from(b"SILVER".to_vec()),
			SILVER
		));
		let silver = AssetId::token(b"SILVER").unwrap();
		let shield = builder::build(
			keys(),
			&[],
			&[pay(&owner(), silver, 100)],
			0,
			Some(Transparent::In { from: ALICE, asset: silver.into(), value: 100 }),
			&mut OsRng,
		)
		.unwrap();
		assert_ok!(Shielded::shield(RuntimeOrigin::signed(ALICE), Box::new(shield.clone())));
		next_block();
		let leaves = [
			leaf_of(&world().shield, 0),
			leaf_of(&world().shield, 1),
			leaf_of(&world().shield_gold, 0),
			leaf_of(&shield, 0),
		];
		let note = Spend {
			note: owned_note(&shield, 0, &owner()),
			path: AuthPath::from_leaves(&leaves, 3).unwrap(),
		};
		let fee_note = Spend {
			note: world().notes[1].note.clone(),
			path: AuthPath::from_leaves(&leaves, 1).unwrap(),
		};
		let unshield = |value: u128, change: &[Payment]| {
			builder::build(
				keys(),
				&[note.clone(), fee_note.clone()],
				change,
				10 * (2 + change.len() as u128),
				Some(Transparent::Out { to: BOB, asset: silver.into(), value }),
				&mut OsRng,
			)
			.unwrap()
		};
		// 95 of 100 would leave 5, below the minimum balance of 10.
		let dusty =
			unshield(95, &[pay(&owner(), silver, 5), pay(&owner(), AssetId::native(), 400 - 40)]);
		assert_refused(&dusty, Error::<Test>::TransferRefused);
		// All of it empties the pool's SILVER account: nothing is destroyed.
		let all = unshield(100, &[pay(&owner(), AssetId::native(), 400 - 30)]);
		assert_applies_in_block(&all);
		assert_eq!(Assets::balance(SILVER, BOB), 100);
		Shielded::check_pool_backing().unwrap();
	});
}
