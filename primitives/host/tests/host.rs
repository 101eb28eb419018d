//! The host functions called the way the runtime calls them, with real proofs and
//! signatures, and with malformed bytes.

use ark_ec::CurveGroup;
use ark_ff::UniformRand;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use sero_crypto::{
	asset::AssetId,
	base_to_bytes,
	generators::{G, G_R},
	keys::scalar_to_bytes,
	point, schnorr, Scalar,
};
use sero_host::shielded_crypto;
use sero_zk::{output::OutputWitness, prover, setup};

fn public_bytes(inputs: &[sero_crypto::Base]) -> Vec<u8> {
	inputs.iter().flat_map(base_to_bytes).collect()
}

#[test]
fn groth16_verify_accepts_real_proofs_and_nothing_else() {
	let mut rng = StdRng::seed_from_u64(1);
	let pk = setup::derive_dev_key(setup::Circuit::Output).unwrap();
	let vk = setup::verifying_key_bytes(&pk.vk);
	let w = OutputWitness { asset: AssetId::native(), value: 3, ar: Scalar::rand(&mut rng) };
	let (statement, proof) = prover::prove_output(&pk, &w, &mut rng).unwrap();
	let proof = sero_zk::verifier::proof_to_bytes(&proof);
	let inputs = public_bytes(&statement.public_inputs());

	assert!(shielded_crypto::groth16_verify(&vk, &inputs, &proof));
	assert_eq!(shielded_crypto::groth16_public_inputs(&vk), Some(2));
	assert_eq!(shielded_crypto::groth16_public_inputs(&vk[..100]), None);
	// Again, from the cache.
	assert!(shielded_crypto::groth16_verify(&vk, &inputs, &proof));

	let mut other_inputs = inputs.clone();
	other_inputs[0] ^= 1;
	assert!(!shielded_crypto::groth16_verify(&vk, &other_inputs, &proof));
	assert!(!shielded_crypto::groth16_verify(&vk, &inputs[..32], &proof));
	assert!(!shielded_crypto::groth16_verify(&vk, &inputs[..40], &proof));
	let mut non_canonical = inputs.clone();
	non_canonical[..32].copy_from_slice(&[0xff; 32]);
	assert!(!shielded_crypto::groth16_verify(&vk, &non_canonical, &proof));
	assert!(!shielded_crypto::groth16_verify(&vk[1..], &inputs, &proof));
	assert!(!shielded_crypto::groth16_verify(&[], &inputs, &proof));
	assert!(!shielded_crypto::groth16_verify(&vk, &inputs, &[0u8; 128]));

	// Two proofs in one batch; the batch fails if either is wrong, or the shapes differ.
	let w2 = OutputWitness { asset: AssetId::native(), value: 4, ar: Scalar::rand(&mut rng) };
	let (statement2, proof2) = prover::prove_output(&pk, &w2, &mut rng).unwrap();
	let proof2 = sero_zk::verifier::proof_to_bytes(&proof2);
	let inputs2 = public_bytes(&statement2.public_inputs());
	let both_inputs = [inputs.clone(), inputs2.clone()].concat();
	let both_proofs = [proof, proof2].concat();
	assert!(shielded_crypto::groth16_verify_batch(&vk, &both_inputs, &both_proofs));
	assert!(shielded_crypto::groth16_verify_batch(&vk, &inputs, &proof));
	let swapped_inputs = [inputs2, inputs.clone()].concat();
	assert!(!shielded_crypto::groth16_verify_batch(&vk, &swapped_inputs, &both_proofs));
	assert!(!shielded_crypto::groth16_verify_batch(&vk, &both_inputs[..64], &both_proofs));
	assert!(!shielded_crypto::groth16_verify_batch(&vk, &[], &[]));
	assert!(!shielded_crypto::groth16_verify_batch(&vk, &both_inputs, &both_proofs[..200]));
}

#[test]
fn schnorr_verify_checks_domain_key_message_and_bytes() {
	let mut rng = StdRng::seed_from_u64(2);
	let x = Scalar::rand(&mut rng);
	let sig = schnorr::sign(schnorr::Domain::Balance, &x, b"tx", &mut rng).to_bytes();
	let pk = point::encode(&schnorr::public_key(schnorr::Domain::Balance, &x));
	assert!(shielded_crypto::schnorr_verify(1, &pk, b"tx", &sig));
	assert!(!shielded_crypto::schnorr_verify(0, &pk, b"tx", &sig));
	assert!(!shielded_crypto::schnorr_verify(7, &pk, b"tx", &sig));
	assert!(!shielded_crypto::schnorr_verify(1, &pk, b"tx2", &sig));
	assert!(!shielded_crypto::schnorr_verify(1, &[0xff; 32], b"tx", &sig));
	assert!(!shielded_crypto::schnorr_verify(1, &pk, b"tx", &[0xff; 64]));
}

#[test]
fn linear_combination_sums_and_rejects_malformed_input() {
	let (a, b) = (Scalar::from(5u64), -Scalar::from(3u64));
	let points = [point::encode(&G), point::encode(&G_R)].concat();
	let scalars = [scalar_to_bytes(&a), scalar_to_bytes(&b)].concat();
	let expected = point::encode(&(G * a + G_R * b).into_affine());
	assert_eq!(shielded_crypto::linear_combination(&points, &scalars), Some(expected));

	assert_eq!(shielded_crypto::linear_combination(&points, &scalars[..32]), None);
	assert_eq!(shielded_crypto::linear_combination(&points[..33], &scalars[..33]), None);
	let mut bad_point = points.clone();
	bad_point[..32].copy_from_slice(&[0xff; 32]);
	assert_eq!(shielded_crypto::linear_combination(&bad_point, &scalars), None);
	let mut bad_scalar = scalars.clone();
	bad_scalar[..32].copy_from_slice(&[0xff; 32]);
	assert_eq!(shielded_crypto::linear_combination(&points, &bad_scalar), None);
	assert_eq!(
		shielded_crypto::linear_combination(&[], &[]),
		Some(point::encode(&(G * Scalar::from(0u64)).into_affine()))
	);
}

#[test]
fn point_coordinates_poseidon_and_hash_to_curve_match_sero_crypto() {
	let points = [point::encode(&G), point::encode(&G_R)].concat();
	let coords = shielded_crypto::point_coordinates(&points).unwrap();
	assert_eq!(coords.len(), 128);
	let (gx, gy) = point::coordinates(&G);
	assert_eq!(coords[..32], base_to_bytes(&gx));
	assert_eq!(coords[32..64], base_to_bytes(&gy));
	assert_eq!(shielded_crypto::point_coordinates(&[0xff; 32]), None);
	assert_eq!(shielded_crypto::point_coordinates(&points[..31]), None);

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
