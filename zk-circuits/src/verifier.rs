//! Checking proofs: with a prepared verifying key, one at a time.

use crate::{Proof, VerifyingKey, PROOF_BYTES};
use ark_bn254::Bn254;
use ark_groth16::{Groth16, PreparedVerifyingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sero_crypto::Base;

/// A verifying key with its pairing precomputations done once.
#[derive(Clone)]
pub struct PreparedKey(PreparedVerifyingKey<Bn254>);

impl PreparedKey {
	/// Prepares `vk`.
	pub fn new(vk: &VerifyingKey) -> Self {
		Self(ark_groth16::prepare_verifying_key(vk))
	}

	/// The number of public inputs the key expects.
	pub fn public_inputs(&self) -> usize {
		self.0.vk.gamma_abc_g1.len() - 1
	}

	/// Whether `proof` proves the statement with these public inputs.
	pub fn verify(&self, public_inputs: &[Base], proof: &Proof) -> bool {
		public_inputs.len() == self.public_inputs()
			&& Groth16::<Bn254>::verify_proof(&self.0, proof, public_inputs).unwrap_or(false)
	}
}

/// A proof's compressed encoding.
pub fn proof_to_bytes(proof: &Proof) -> [u8; PROOF_BYTES] {
	let mut out = [0u8; PROOF_BYTES];
	proof.serialize_compressed(&mut out[..]).expect("a compressed proof is 128 bytes");
	out
}

/// Decodes a proof, checking that its points are on their curves and in their groups.
pub fn proof_from_bytes(bytes: &[u8; PROOF_BYTES]) -> Option<Proof> {
	Proof::deserialize_compressed(&bytes[..]).ok()
}
