//! The deferring host function and the batch of deferred proofs, called the way the runtime
//! calls them: together they refuse exactly what `verify_transaction` refuses.

mod transfer;

use sero_host::{shielded_crypto, Rejection};
use sero_shielded_primitives::{
	Bytes32, ShieldedTransaction, DEFERRED_INPUT_PROOF_BYTES, DEFERRED_OUTPUT_PROOF_BYTES,
};
use transfer::transfer;

/// The deferring host function with `message` as the signed message: its leaves and
/// records.
fn defer(
	(input_vk, output_vk): (&[u8], &[u8]),
	tx: &ShieldedTransaction<u64>,
	fee_term: (Bytes32, Bytes32),
	message: &[u8; 32],
) -> Result<(Vec<Bytes32>, Vec<u8>), Rejection> {
	shielded_crypto::verify_transaction_deferring_proofs(
		input_vk,
		output_vk,
		&tx.body.inputs,
		&tx.body.outputs,
		&tx.spend_signatures,
		&[fee_term],
		message,
		&tx.balance_signature,
		tx.body.from.zip(tx.from_signature),
	)
}

/// The input circuit's records and the output circuit's, apart.
fn by_circuit(mut records: &[u8]) -> (Vec<u8>, Vec<u8>) {
	let (mut inputs, mut outputs) = (Vec::new(), Vec::new());
	while let Some(&circuit) = records.first() {
		let (length, to) = match circuit {
			0 => (DEFERRED_INPUT_PROOF_BYTES, &mut inputs),
			_ => (DEFERRED_OUTPUT_PROOF_BYTES, &mut outputs),
		};
		to.extend_from_slice(&records[..length]);
		records = &records[length..];
	}
	(inputs, outputs)
}

/// The deferring function, then the batch of its records under the same keys: a proof the
/// batch refuses is named by the circuit whose records it refuses, as `verify_transaction`
/// names it.
fn defer_then_batch(
	keys: (&[u8], &[u8]),
	tx: &ShieldedTransaction<u64>,
	fee_term: (Bytes32, Bytes32),
	message: &[u8; 32],
) -> Result<Vec<Bytes32>, Rejection> {
	let (leaves, records) = defer(keys, tx, fee_term, message)?;
	let batch = |records: &[u8]| shielded_crypto::verify_deferred_proofs(keys.0, keys.1, records);
	if batch(&records) {
		return Ok(leaves);
	}
	let (inputs, outputs) = by_circuit(&records);
	assert!(!batch(&inputs) || !batch(&outputs), "the batch of the parts refuses one part");
	Err(if batch(&inputs) { Rejection::InvalidOutputProof } else { Rejection::InvalidInputProof })
}

#[test]
fn deferring_then_batching_refuses_what_verifying_refuses() {
	let t = transfer();
	let keys = (&t.keys.0[..], &t.keys.1[..]);
	let message = t.tx.body.signing_hash();

	let (leaves, records) = defer(keys, &t.tx, t.fee_term, &message).unwrap();
	assert_eq!(leaves, vec![t.leaf]);
	assert_eq!(records.len(), DEFERRED_INPUT_PROOF_BYTES + DEFERRED_OUTPUT_PROOF_BYTES);
	assert!(shielded_crypto::verify_deferred_proofs(keys.0, keys.1, &records));

	// Every change verify_transaction refuses, this pair refuses, for the same reason: the
	// deferring function itself for all but the proofs, the batch for those.
	transfer::assert_every_change_is_refused(&t, &defer_then_batch);
	let mut bad_proof = t.tx.clone();
	bad_proof.body.outputs[0].proof[5] ^= 1;
	assert!(defer(keys, &bad_proof, t.fee_term, &message).is_ok(), "the proofs are deferred");
}

#[test]
fn the_batch_refuses_records_that_do_not_decode_or_do_not_verify() {
	let t = transfer();
	let (input_vk, output_vk) = (&t.keys.0[..], &t.keys.1[..]);
	let (_, records) =
		defer((input_vk, output_vk), &t.tx, t.fee_term, &t.tx.body.signing_hash()).unwrap();
	let batch =
		|records: &[u8]| shielded_crypto::verify_deferred_proofs(input_vk, output_vk, records);

	// None, and a block's several transactions one after the other.
	assert!(batch(&[]));
	assert!(batch(&[records.clone(), records.clone()].concat()));

	// Cut short, an unknown circuit, a circuit byte that is another's.
	assert!(!batch(&records[..records.len() - 1]));
	assert!(!batch(&[&records[..], &[0]].concat()));
	let mut unknown = records.clone();
	unknown[0] = 2;
	assert!(!batch(&unknown));
	let (inputs, outputs) = by_circuit(&records);
	let mut relabelled = outputs.clone();
	relabelled[0] = 0;
	assert!(!batch(&relabelled));

	// A public input that is not canonical, or that is not the proven one.
	let mut not_canonical = inputs.clone();
	not_canonical[1..33].copy_from_slice(&[0xff; 32]);
	assert!(!batch(&not_canonical));
	let mut another_anchor = inputs.clone();
	another_anchor[1] ^= 1;
	assert!(!batch(&[&another_anchor[..], &outputs[..]].concat()));
	let mut another_commitment = outputs.clone();
	another_commitment[1] ^= 1;
	assert!(!batch(&[&inputs[..], &another_commitment[..]].concat()));
	// One bad proof among good ones, and a proof that does not decode.
	assert!(!batch(&[&records[..], &another_commitment[..], &records[..]].concat()));
	let mut undecodable = outputs.clone();
	undecodable[DEFERRED_OUTPUT_PROOF_BYTES - 128..].copy_from_slice(&[0xff; 128]);
	assert!(!batch(&undecodable));

	// Under other keys, or keys that do not decode.
	assert!(!shielded_crypto::verify_deferred_proofs(output_vk, input_vk, &records));
	assert!(!shielded_crypto::verify_deferred_proofs(&input_vk[1..], output_vk, &records));
	assert!(!shielded_crypto::verify_deferred_proofs(input_vk, &output_vk[1..], &[]));
}
