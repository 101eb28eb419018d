//! The host function with the node's memo of verified transactions on: it answers the
//! arguments it accepted before, and nothing else (`sero_host::memo`). A process of its own:
//! the memo is the process's.

mod transfer;

use sero_host::{memo, shielded_crypto};
use sero_shielded_primitives::ShieldedTransaction;
use transfer::{transfer, verify};

#[test]
fn the_memo_answers_exactly_the_arguments_it_accepted() {
	let t = transfer();
	let keys = (&t.keys.0[..], &t.keys.1[..]);

	// Off (as for the benchmarks): every call verifies.
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 0);

	// On: the first call verifies and is remembered, the second is answered.
	memo::enable();
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 0);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 1);

	// A change to any argument is not the accepted call: verified, and refused.
	transfer::assert_every_change_is_refused(&t, &transfer::verify_signed);
	assert_eq!(memo::hits(), 1);
	// Rejections are not remembered, and the acceptance still is.
	transfer::assert_every_change_is_refused(&t, &transfer::verify_signed);
	assert_eq!(memo::hits(), 1);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));
	assert_eq!(memo::hits(), 2);

	// The deferring twin answers from it too, with no proofs left for the block's batch;
	// under other arguments it defers the proofs, and remembers nothing.
	let message = t.tx.body.signing_hash();
	let defer = |tx: &ShieldedTransaction<u64>| {
		shielded_crypto::verify_transaction_deferring_proofs(
			keys.0,
			keys.1,
			&tx.body.inputs,
			&tx.body.outputs,
			&tx.spend_signatures,
			&[t.fee_term],
			&message,
			&tx.balance_signature,
			tx.body.from.zip(tx.from_signature),
		)
	};
	assert_eq!(defer(&t.tx), Ok((vec![t.leaf], vec![])));
	assert_eq!(memo::hits(), 3);
	let mut bad_proof = t.tx.clone();
	bad_proof.body.outputs[0].proof[5] ^= 1;
	let (leaves, records) = defer(&bad_proof).unwrap();
	assert_eq!((leaves, records.is_empty()), (vec![t.leaf], false));
	assert!(defer(&bad_proof).is_ok_and(|(_, records)| !records.is_empty()));
	assert_eq!(memo::hits(), 3);
}
