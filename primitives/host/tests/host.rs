//! The host functions called the way the runtime calls them, with real proofs and
//! signatures, and with malformed bytes.

mod transfer;

use sero_crypto::{asset::AssetId, base_to_bytes, point};
use sero_host::shielded_crypto;
use transfer::{transfer, verify};

fn public_bytes(inputs: &[sero_crypto::Base]) -> Vec<u8> {
	inputs.iter().flat_map(base_to_bytes).collect()
}

#[test]
fn verify_transaction_accepts_a_real_transfer_and_names_what_is_wrong() {
	let t = transfer();
	let keys = (&t.keys.0[..], &t.keys.1[..]);
	assert_eq!(verify(keys, &t.tx, t.fee_term), Ok(vec![t.leaf]));

	transfer::assert_every_change_is_refused(&t, &transfer::verify_signed);

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
