//! One note is spent once (issue 12, hole 5): twice in one transaction, however well
//! signed, or in two transactions of one block.

use super::*;
use polkadot_sdk::sp_runtime::transaction_validity::TransactionTag;

/// The tag the pool deduplicates a spent note by: its nullifier.
fn tag(nil: Nullifier) -> TransactionTag {
	("SeroShielded", nil).encode()
}

/// Both inputs spend note 0; proofs, spend signatures and the balance signature are all
/// valid (the commitments count the note twice on both sides), so only the repeated `nil`
/// is wrong. Without that check it would pay out two SERO from a note of one.
#[test]
fn a_signed_transaction_spending_one_note_twice_is_refused() {
	with_fixture(1, |fixture| {
		let twice = fixture.transaction_of(&[0, 0], &[0], None);
		assert_eq!(twice.body.fee, 2 * INPUT_VALUE - OUTPUT_VALUE);
		assert_refused(&twice, Error::<Test>::DuplicateNullifier);
		// Two different notes in the same shape go through.
		assert_applies_in_block(&fixture.transaction_of(&[0, 1], &[0], None));
	});
}

#[test]
fn two_transactions_spending_one_note_never_share_a_block() {
	with_fixture(1, |fixture| {
		let first = fixture.transaction_of(&[0], &[0], None);
		let second = fixture.transaction_of(&[0], &[1], None);
		assert_ne!(first, second);
		let nil = fixture.inputs[0].input.nil;

		// The pool keeps one of them: each provides exactly the note's nullifier.
		let valid =
			|tx: &Tx| Shielded::validate_unsigned(TransactionSource::External, &unsigned_call(tx));
		assert_eq!(valid(&first).unwrap().provides, vec![tag(nil)]);
		assert_eq!(valid(&second).unwrap().provides, vec![tag(nil)]);
		let both = fixture.transaction_of(&[0, 1], &[0], None);
		assert_eq!(
			valid(&both).unwrap().provides,
			vec![tag(nil), tag(fixture.inputs[1].input.nil)]
		);

		// A block author trying both: the second cannot follow the first.
		assert_applies_in_block(&first);
		assert_refused(&second, Error::<Test>::NullifierSpent);
		assert_refused(&first, Error::<Test>::NullifierSpent);
	});
}

/// `pre_dispatch` verifies a transaction's cryptography for its call; the call trusts that
/// for the very transaction verified, and verifies any other in full.
#[test]
fn the_call_verifies_what_pre_dispatch_did_not() {
	with_fixture(1, |fixture| {
		let good = fixture.transaction_of(&[0], &[0], None);
		assert_ok!(Shielded::pre_dispatch(&unsigned_call(&good)));
		assert!(crate::Verified::<Test>::get().is_some());
		// Another transaction reaching the call after it: its bad proof is found.
		let mut forged = good.clone();
		forged.body.inputs[0].proof = fixture.inputs[1].input.proof;
		let forged = fixture.sign(forged.body, &[0], &[0]);
		assert_noop!(transact(&forged), Error::<Test>::InvalidInputProof);
		// The call checks the state again even for the verified transaction: had its note
		// been spent meanwhile, it would be refused.
		Nullifiers::<Test>::insert(good.body.inputs[0].nil, 1);
		assert_noop!(transact(&good), Error::<Test>::NullifierSpent);
		Nullifiers::<Test>::remove(good.body.inputs[0].nil);
		// The verified one applies, and the record of its verification goes with it.
		assert_ok!(transact(&good));
		assert_eq!(crate::Verified::<Test>::get(), None);
	});
}
