//! Proofs deferred to the block's batch (`crate::deferral`): an imported block checks each
//! transaction but its proofs in `pre_dispatch` and all its proofs at its end; a block being
//! built verifies each in full; a false proof is refused either way.

use super::*;
use crate::{deferral::while_importing, DeferredProofs};
use polkadot_sdk::frame_support::traits::Hooks;
use sero_shielded_primitives::{DEFERRED_INPUT_PROOF_BYTES, DEFERRED_OUTPUT_PROOF_BYTES};

/// The fixture's 2-in/2-out transfer of inputs and outputs `first` and `first + 1`.
fn transfer_of(fixture: &Fixture, first: usize) -> Tx {
	fixture.transaction_of(&[first, first + 1], &[first, first + 1], None)
}

/// A transfer whose every check passes but its second input's proof, which proves another
/// input's statement: signed by the fixture's keys as it is.
fn with_a_false_proof(fixture: &Fixture) -> Tx {
	let mut body = transfer_of(fixture, 0).body;
	body.inputs[1].proof = body.inputs[0].proof;
	fixture.sign(body, &[0, 1], &[0, 1])
}

fn call(tx: &Tx) -> crate::Call<Test> {
	unsigned_call(tx)
}

const TRANSFER_RECORDS: usize = 2 * DEFERRED_INPUT_PROOF_BYTES + 2 * DEFERRED_OUTPUT_PROOF_BYTES;

#[test]
fn a_block_being_built_verifies_each_transaction_in_full() {
	with_fixture(1, |fixture| {
		let forged = with_a_false_proof(fixture);
		assert_noop!(
			apply_in_block(call(&forged)),
			custom(Error::<Test>::InvalidInputProof.into())
		);
		assert_eq!(apply_in_block(call(&transfer_of(fixture, 0))), Ok(Ok(())));
		assert!(DeferredProofs::<Test>::get().is_empty());
	});
}

#[test]
fn an_imported_block_defers_its_proofs_to_one_batch_at_its_end() {
	with_fixture(1, |fixture| {
		while_importing(|| {
			for first in [0, 2] {
				assert_eq!(apply_in_block(call(&transfer_of(fixture, first))), Ok(Ok(())));
			}
			let deferred = DeferredProofs::<Test>::get();
			assert_eq!(
				deferred.iter().map(|records| records.len()).collect::<Vec<_>>(),
				[TRANSFER_RECORDS, TRANSFER_RECORDS]
			);
			Shielded::on_finalize(System::block_number());
		});
		assert!(DeferredProofs::<Test>::get().is_empty());
		assert!(Nullifiers::<Test>::contains_key(fixture.inputs[3].input.nil));
	});
}

#[test]
#[should_panic(expected = "a shielded transaction's proofs do not verify: the block is invalid")]
fn an_imported_block_with_a_false_proof_fails_at_its_end() {
	with_fixture(1, |fixture| {
		while_importing(|| {
			// Everything but the proofs holds: the transaction applies, its proofs wait.
			assert_eq!(apply_in_block(call(&with_a_false_proof(fixture))), Ok(Ok(())));
			assert_eq!(apply_in_block(call(&transfer_of(fixture, 2))), Ok(Ok(())));
			assert_eq!(DeferredProofs::<Test>::get().len(), 2);
			Shielded::on_finalize(System::block_number());
		});
	});
}

#[test]
#[should_panic(expected = "a shielded transaction's proofs do not verify: the block is invalid")]
fn deferred_records_changed_after_their_checks_fail_the_batch() {
	with_fixture(1, |fixture| {
		while_importing(|| {
			assert_eq!(apply_in_block(call(&transfer_of(fixture, 0))), Ok(Ok(())));
		});
		// An output's commitment, as a public input of its proof, is another point's.
		DeferredProofs::<Test>::mutate(|deferred| {
			deferred[0][2 * DEFERRED_INPUT_PROOF_BYTES + 1] ^= 1
		});
		Shielded::on_finalize(System::block_number());
	});
}

#[test]
fn a_verifying_key_change_first_verifies_the_proofs_deferred_under_the_old() {
	with_fixture(1, |fixture| {
		while_importing(|| {
			assert_eq!(apply_in_block(call(&transfer_of(fixture, 0))), Ok(Ok(())));
		});
		assert_eq!(DeferredProofs::<Test>::get().len(), 1);
		let key = crate::VerifyingKeys::<Test>::get(Circuit::Output).unwrap();
		assert_ok!(Shielded::set_verifying_key(RuntimeOrigin::root(), Circuit::Output, key));
		assert!(DeferredProofs::<Test>::get().is_empty());
	});
}

#[test]
#[should_panic(expected = "a shielded transaction's proofs do not verify: the block is invalid")]
fn a_verifying_key_change_after_a_false_proof_fails_the_block() {
	with_fixture(1, |fixture| {
		while_importing(|| {
			assert_eq!(apply_in_block(call(&with_a_false_proof(fixture))), Ok(Ok(())));
		});
		let key = crate::VerifyingKeys::<Test>::get(Circuit::Output).unwrap();
		let _ = Shielded::set_verifying_key(RuntimeOrigin::root(), Circuit::Output, key);
	});
}
