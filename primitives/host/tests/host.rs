//! The host functions called the way the runtime calls them, with real proofs and
//! signatures, and with malformed bytes.

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

fn public_bytes(inputs: &[sero_crypto::Base]) -> Vec<u8> {
	inputs.iter().flat_map(base_to_bytes).collect()
}

/// A 1-in/1-out SERO transfer (10 in, 9 out, fee 1) and the arguments the runtime passes.
struct Transfer {
	tx: ShieldedTransaction<u64>,
	keys: (Vec<u8>, Vec<u8>),
	fee_term: (Bytes32, Bytes32),
	leaf: Bytes32,
}

fn transfer() -> Transfer {
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

fn verify(
	(input_vk, output_vk): (&[u8], &[u8]),
	tx: &ShieldedTransaction<u64>,
	fee_term: (Bytes32, Bytes32),
) -> Result<Vec<Bytes32>, Rejection> {
	shielded_crypto::verify_transaction(
		input_vk,
		output_vk,
		&tx.body.inputs,
		&tx.body.outputs,
		&tx.spend_signatures,
		&[fee_term],
		&tx.body.signing_hash(),
		&tx.balance_signature,
		tx.body.from.zip(tx.from_signature),
	)
}

#[test]
fn verify_transaction_accepts_a_real_transfer_and_names_what_is_wrong() {
	let t = transfer();
	let keys = (&t.keys.0[..], &t.keys.1[..]);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));

	let with = |change: &dyn Fn(&mut ShieldedTransaction<u64>)| {
		let mut tx = t.tx.clone();
		change(&mut tx);
		verify(keys, &tx, t.fee_term)
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
	// A different fee changes the balance (and the signed message).
	let mut fee_two = t.fee_term;
	fee_two.1 = scalar_to_bytes(&-Scalar::from(2u64));
	assert_eq!(verify(keys, &t.tx, fee_two), Err(Rejection::Unbalanced));
	assert_eq!(verify((keys.1, keys.0), &t.tx, t.fee_term), Err(Rejection::InvalidInputProof));
	assert_eq!(
		verify((&keys.0[1..], keys.1), &t.tx, t.fee_term),
		Err(Rejection::InvalidVerifyingKey)
	);

	assert_eq!(shielded_crypto::groth16_public_inputs(&t.keys.0), Some(6));
	assert_eq!(shielded_crypto::groth16_public_inputs(&t.keys.1), Some(2));
	assert_eq!(shielded_crypto::groth16_public_inputs(&t.keys.1[..100]), None);
}

#[test]
fn poseidon_and_hash_to_curve_match_sero_crypto() {
	let elements: Vec<sero_crypto::Base> = (1..=8u64).map(Into::into).collect();
	let bytes = public_bytes(&elements);
	let hash = |n: usize| shielded_crypto::poseidon(&bytes[..32 * n]);
	assert_eq!(hash(1), Some(base_to_bytes(&sero_crypto::poseidon::hash1(elements[0]))));
	assert_eq!(
		hash(2),
		Some(base_to_bytes(&sero_crypto::poseidon::hash2(elements[0], elements[1])))
	);
	assert_eq!(
		hash(3),
		Some(base_to_bytes(&sero_crypto::poseidon::hash3(elements[0], elements[1], elements[2])))
	);
	assert_eq!(
		hash(8),
		Some(base_to_bytes(&sero_crypto::poseidon::hash8(elements[..].try_into().unwrap())))
	);
	for n in [0, 4, 5, 9] {
		let bytes = public_bytes(&vec![sero_crypto::Base::from(1u64); n]);
		assert_eq!(shielded_crypto::poseidon(&bytes), None, "{n} inputs");
	}
	assert_eq!(shielded_crypto::poseidon(&[0xff; 32]), None);

	let native = AssetId::native();
	assert_eq!(
		shielded_crypto::hash_to_curve(&native.to_bytes()),
		Some(point::encode(&native.base().unwrap()))
	);
	assert_eq!(shielded_crypto::hash_to_curve(&[0xff; 32]), None);
}
