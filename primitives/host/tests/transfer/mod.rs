//! A real 1-in/1-out transfer and every way of getting it wrong, shared by the tests of the
//! host function with the node's memo off (`host.rs`) and on (`memo.rs`), and of its
//! deferring twin with the batch of deferred proofs (`deferred.rs`). Each uses part of it.
#![allow(dead_code)]

use ark_ff::UniformRand;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use sero_crypto::{
	asset::AssetId,
	base_to_bytes,
	keys::{scalar_to_bytes, Seed, SpendingKey},
	point,
	tree::AuthPath,
	Scalar,
};
use sero_host::{shielded_crypto, Rejection};
use sero_shielded_builder::{self as builder, OwnedNote, Payment, Sender, Spend};
use sero_shielded_primitives::{AssetCommitment, Bytes32, ShieldedTransaction};
use sero_zk::setup;

/// A 1-in/1-out SERO transfer (10 in, 9 out, fee 1) and the arguments the runtime passes.
pub struct Transfer {
	/// The transaction.
	pub tx: ShieldedTransaction<u64>,
	/// The input and output circuits' verifying keys.
	pub keys: (Vec<u8>, Vec<u8>),
	/// The fee's term of the balance.
	pub fee_term: (Bytes32, Bytes32),
	/// The leaf of its output.
	pub leaf: Bytes32,
}

/// The transfer, built with the dev keys.
pub fn transfer() -> Transfer {
	let mut rng = StdRng::seed_from_u64(1);
	let keys = setup::dev_keys(&setup::default_dir()).unwrap();
	let owner = SpendingKey::from_seed(&Seed::from_bytes([3; 32]));
	let native = AssetId::native();
	let pkr = owner.public_key().one_time_address(&mut rng);
	let note = OwnedNote {
		pkr,
		secret: owner.one_time_secret(&pkr).unwrap(),
		asset: native,
		value: 10,
		ar: Scalar::rand(&mut rng),
	};
	let leaf = sero_crypto::note::leaf(&pkr, &note.asset_cm().unwrap());
	let spend = Spend { note, path: AuthPath::from_leaves(&[leaf], 0).unwrap() };
	let to = owner.public_key().one_time_address(&mut rng);
	let payment = Payment { to, asset: native, value: 9, memo: [0; 64] };
	let from = owner.public_key().one_time_address(&mut rng);
	let sender = Sender { pkr: from, secret: owner.one_time_secret(&from).unwrap() };
	let tx = builder::build_from(&keys, &[spend], &[payment], 1, None, &sender, &mut rng).unwrap();
	let output_cm = point::decode(&tx.body.outputs[0].asset_cm.0).unwrap();
	Transfer {
		keys: (
			sero_groth16::verifying_key_bytes(&keys.input.vk),
			sero_groth16::verifying_key_bytes(&keys.output.vk),
		),
		fee_term: (point::encode(&native.base().unwrap()), scalar_to_bytes(&-Scalar::from(1u64))),
		leaf: base_to_bytes(&sero_crypto::note::leaf(&to, &output_cm)),
		tx,
	}
}

/// The host function, called as the runtime calls it.
pub fn verify(
	keys: (&[u8], &[u8]),
	tx: &ShieldedTransaction<u64>,
	fee_term: (Bytes32, Bytes32),
) -> Result<Vec<Bytes32>, Rejection> {
	verify_signed(keys, tx, fee_term, &tx.body.signing_hash())
}

/// The host function with `message` as the signed message.
pub fn verify_signed(
	(input_vk, output_vk): (&[u8], &[u8]),
	tx: &ShieldedTransaction<u64>,
	fee_term: (Bytes32, Bytes32),
	message: &[u8; 32],
) -> Result<Vec<Bytes32>, Rejection> {
	shielded_crypto::verify_transaction(
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

/// A way of verifying a transaction with the host: [`verify_signed`]'s arguments.
pub type Verifier = dyn Fn(
	(&[u8], &[u8]),
	&ShieldedTransaction<u64>,
	(Bytes32, Bytes32),
	&[u8; 32],
) -> Result<Vec<Bytes32>, Rejection>;

/// Asserts that each change to one argument of the host function — the transfer's parts,
/// its public terms, a key, the message — is refused by `verify` (such as [`verify_signed`])
/// with the rejection of the check it breaks. The transfer's parts change under the message
/// the transfer signed, so that each change is to that one argument alone.
pub fn assert_every_change_is_refused(t: &Transfer, verify_signed: &Verifier) {
	let keys = (&t.keys.0[..], &t.keys.1[..]);
	let message = t.tx.body.signing_hash();
	let verify = |keys, tx: &ShieldedTransaction<u64>, fee_term| {
		verify_signed(keys, tx, fee_term, &tx.body.signing_hash())
	};
	let with = |change: &dyn Fn(&mut ShieldedTransaction<u64>)| {
		let mut tx = t.tx.clone();
		change(&mut tx);
		verify_signed(keys, &tx, t.fee_term, &message)
	};
	assert_eq!(with(&|tx| tx.body.inputs[0].proof[5] ^= 1), Err(Rejection::InvalidInputProof));
	assert_eq!(with(&|tx| tx.body.inputs[0].nil.0[0] ^= 1), Err(Rejection::InvalidInputProof));
	assert_eq!(with(&|tx| tx.body.outputs[0].proof[5] ^= 1), Err(Rejection::InvalidOutputProof));
	assert_eq!(
		with(&|tx| tx.body.inputs[0].asset_cm = AssetCommitment([0xff; 32])),
		Err(Rejection::MalformedPoint)
	);
	assert_eq!(
		with(
			&|tx| tx.body.outputs[0].pkr[..32].copy_from_slice(&point::encode(&Default::default()))
		),
		Err(Rejection::MalformedPoint)
	);
	assert_eq!(with(&|tx| tx.spend_signatures[0][40] ^= 1), Err(Rejection::InvalidSpendSignature));
	assert_eq!(with(&|tx| tx.spend_signatures.clear()), Err(Rejection::InvalidSpendSignature));
	assert_eq!(with(&|tx| tx.balance_signature[40] ^= 1), Err(Rejection::Unbalanced));
	// `From`: its signature, under its own ZPKr, by its owner; its points checked.
	assert_eq!(
		with(&|tx| tx.from_signature.as_mut().unwrap()[40] ^= 1),
		Err(Rejection::InvalidFromSignature)
	);
	assert_eq!(
		with(&|tx| tx.from_signature = Some(tx.spend_signatures[0])),
		Err(Rejection::InvalidFromSignature)
	);
	assert_eq!(
		with(&|tx| tx.body.from.as_mut().unwrap()[..32]
			.copy_from_slice(&point::encode(&Default::default()))),
		Err(Rejection::MalformedPoint)
	);
	// A different fee term, under the same message: the balance no longer holds.
	let mut fee_two = t.fee_term;
	fee_two.1 = scalar_to_bytes(&-Scalar::from(2u64));
	assert_eq!(verify(keys, &t.tx, fee_two), Err(Rejection::Unbalanced));
	assert_eq!(verify((keys.1, keys.0), &t.tx, t.fee_term), Err(Rejection::InvalidInputProof));
	assert_eq!(
		verify((&keys.0[1..], keys.1), &t.tx, t.fee_term),
		Err(Rejection::InvalidVerifyingKey)
	);
	assert_eq!(
		verify((keys.0, &keys.1[1..]), &t.tx, t.fee_term),
		Err(Rejection::InvalidVerifyingKey)
	);
	// Another message: the same proofs, signatures that do not sign it.
	assert_eq!(
		verify_signed(keys, &t.tx, t.fee_term, &[7; 32]),
		Err(Rejection::InvalidSpendSignature)
	);
}
