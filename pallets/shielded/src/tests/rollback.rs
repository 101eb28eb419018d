//! A failure of [`Pallet::apply`] after it has written storage leaves no trace (issue 12,
//! hole 6). Validation refuses each of these states first (see `payouts.rs`), so they are
//! set up here by breaking the pool's invariants and applying without validation; each
//! test shows that the failure does come after writes (without a storage layer the state
//! root moves) and that under the storage layer every call runs in, it does not.

use super::*;
use crate::Pallet;
use polkadot_sdk::{
	frame_support::{storage::with_storage_layer, traits::fungible::Mutate as _},
	sp_io,
	sp_runtime::{StateVersion, TokenError},
};

fn state_root() -> Vec<u8> {
	sp_io::storage::root(StateVersion::V1)
}

/// `tx` fails to apply with `error` after writing storage, and the storage layer undoes
/// every write.
#[track_caller]
fn assert_rolled_back(tx: &Tx, error: DispatchError) {
	let checked = Pallet::<Test>::verify(tx, crate::validation::Proofs::Verify)
		.expect("the transaction's cryptography is valid");
	let before = state_root();
	sp_io::storage::start_transaction();
	assert_eq!(Pallet::<Test>::apply(tx, checked.clone()), Err(error));
	assert_ne!(state_root(), before, "the failure comes after a write");
	sp_io::storage::rollback_transaction();
	assert_eq!(with_storage_layer(|| Pallet::<Test>::apply(tx, checked)), Err(error));
	assert_eq!(state_root(), before);
}

/// The second new leaf does not fit: after the nullifier and the first leaf.
#[test]
fn a_full_tree_after_the_first_leaf() {
	with_fixture(100, |fixture| {
		Frontier::<Test>::put(FrontierState {
			size: sero_crypto::tree::CAPACITY - 1,
			filled: BoundedVec::truncate_from(vec![[0; 32]; 32]),
		});
		assert_rolled_back(&fixture.transaction(1, 2, None), Error::<Test>::TreeFull.into());
	});
}

/// The pool's supply of SERO does not cover the fee: after the nullifier and the leaf.
#[test]
fn a_fee_beyond_the_supply() {
	with_fixture(100, |fixture| {
		let tx = fixture.transaction(1, 1, None);
		Supply::<Test>::insert(native(), tx.body.fee - 1);
		assert_rolled_back(&tx, Error::<Test>::PoolExhausted.into());
	});
}

/// The pool account cannot pay the fee its supply covers: after the supply is reduced.
#[test]
fn a_fee_beyond_the_pool_account() {
	with_fixture(100, |fixture| {
		let tx = fixture.transaction(1, 1, None);
		let backing = Balances::free_balance(pool());
		Balances::set_balance(&pool(), tx.body.fee);
		assert_rolled_back(&tx, TokenError::FundsUnavailable.into());
		Balances::set_balance(&pool(), backing);
	});
}

/// The supply covers the fee but not the payout: after the fee is paid.
#[test]
fn a_payout_beyond_the_supply() {
	with_fixture(100, |fixture| {
		let value = 1_000;
		let tx =
			fixture.transaction(1, 0, Some(Transparent::Out { to: BOB, asset: native(), value }));
		Supply::<Test>::insert(native(), tx.body.fee + value - 1);
		assert_rolled_back(&tx, Error::<Test>::PoolExhausted.into());
	});
}

/// The receiver cannot be created by the payout: after the fee and the supply.
#[test]
fn a_payout_the_receiver_cannot_take() {
	with_fixture(100, |fixture| {
		let tx = fixture.transaction(
			1,
			0,
			Some(Transparent::Out { to: 50, asset: native(), value: 99 }),
		);
		assert_rolled_back(&tx, TokenError::BelowMinimum.into());
	});
}

/// The payer of a shield cannot pay: after the new leaves.
#[test]
fn a_shield_its_payer_cannot_pay() {
	with_fixture(100, |fixture| {
		let tx = fixture.transaction_of(
			&[],
			&[0, 1],
			Some(Transparent::In { from: 50, asset: native(), value: 2 * OUTPUT_VALUE }),
		);
		assert_rolled_back(&tx, TokenError::FundsUnavailable.into());
	});
}
