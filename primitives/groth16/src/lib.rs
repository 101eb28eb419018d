//! Checking SERO's Groth16 proofs on BN254 (SPEC §2, §5), apart from the circuits and the
//! prover (`sero-zk`): what a node needs to verify, and nothing more, in a `no_std` crate.
//!
//! - verifying keys and proofs: their canonical bytes ([`verifying_key_bytes`],
//!   [`proof_to_bytes`]) and checked decoding;
//! - [`PreparedKey`]: one proof at a time, or a batch; [`verify_batches`]: proofs under
//!   several keys (a transaction's input and output proofs) in one check.
//!
//! **Batch verification.** Proof `j` is valid iff `e(A_j, B_j) = e(α, β)·e(L_j, γ)·e(C_j, δ)`
//! with `L_j = IC₀ + Σᵢ x_{ji}·ICᵢ`. For random 128-bit `r_j`, all are valid (except with
//! probability about 2⁻¹²⁸) iff
//! `Πⱼ e(r_j·A_j, B_j) · e(Σ r_j·L_j, −γ) · e(Σ r_j·C_j, −δ) · e(−(Σ r_j)·α, β) = 1`:
//! `n + 3` Miller loops and one final exponentiation instead of `3n` and `n`, and the
//! public inputs of all proofs folded into one multi-scalar multiplication. The `r_j` are
//! BLAKE2b of every proof and input, so they are fixed only after the proofs are, and every
//! node derives the same ones.
//!
//! Proofs under several keys (a transaction's input and output proofs) batch the same way
//! into one product, with the three key terms once per key: [`verify_batches`].

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;

use alloc::{vec, vec::Vec};
use ark_bn254::{Fr, G1Affine, G1Projective};
use ark_ec::{
	pairing::{Pairing, PairingOutput},
	CurveGroup, VariableBaseMSM,
};
use ark_ff::{PrimeField, Zero};
use ark_groth16::{Groth16, PreparedVerifyingKey};
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize};
use sero_crypto::{constants, Base};

pub use ark_bn254::Bn254;

/// A Groth16 proof on BN254.
pub type Proof = ark_groth16::Proof<Bn254>;
/// A Groth16 verifying key.
pub type VerifyingKey = ark_groth16::VerifyingKey<Bn254>;

/// The length of a compressed proof.
pub const PROOF_BYTES: usize = 128;

/// A proof and the public inputs it proves.
pub type Statement = (Vec<Base>, Proof);

/// Statements under one key, for [`verify_batches`].
pub type Batch<'a> = (&'a PreparedKey, &'a [Statement]);

/// The smallest number of proofs checked as a batch; fewer are checked one by one.
pub const BATCH_FROM: usize = 2;

/// A verifying key with its pairing precomputations done once.
#[derive(Clone)]
pub struct PreparedKey {
	key: PreparedVerifyingKey<Bn254>,
	beta_g2: <Bn254 as Pairing>::G2Prepared,
}

impl PreparedKey {
	/// Prepares `vk`.
	pub fn new(vk: &VerifyingKey) -> Self {
		Self { key: ark_groth16::prepare_verifying_key(vk), beta_g2: vk.beta_g2.into() }
	}

	/// The number of public inputs the key expects.
	pub fn public_inputs(&self) -> usize {
		self.key.vk.gamma_abc_g1.len() - 1
	}

	/// Whether `proof` proves the statement with these public inputs.
	pub fn verify(&self, public_inputs: &[Base], proof: &Proof) -> bool {
		public_inputs.len() == self.public_inputs()
			&& Groth16::<Bn254>::verify_proof(&self.key, proof, public_inputs).unwrap_or(false)
	}

	/// Whether every proof proves its statement (see the module's doc). `true` for none.
	pub fn verify_batch(&self, statements: &[Statement]) -> bool {
		verify_batches(&[(self, statements)])
	}
}

/// Whether every proof of every batch proves its statement under its batch's key: one
/// check for all (see the module's doc; each key adds three Miller loops). `true` for none.
pub fn verify_batches(batches: &[Batch]) -> bool {
	if batches
		.iter()
		.any(|(key, statements)| statements.iter().any(|(x, _)| x.len() != key.public_inputs()))
	{
		return false;
	}
	// Measured (`cargo bench -p sero-zk --bench prove -- verify`): a batch costs a fixed
	// ≈ 1.2 ms and ≈ 0.35 ms per proof, against ≈ 1.1–1.5 ms per proof one by one, so it
	// pays from 2 on.
	let proofs: usize = batches.iter().map(|(_, statements)| statements.len()).sum();
	if proofs < BATCH_FROM {
		return batches
			.iter()
			.all(|(key, statements)| statements.iter().all(|(x, proof)| key.verify(x, proof)));
	}
	batch_equation_holds(batches, &randomisers(batches))
}

/// Whether the batch equation of the module's doc holds with the randomisers `r`, one per
/// statement in order. Sound only for `r` the prover could not choose: with equal `r_j`,
/// errors in two proofs can cancel (see the tests).
fn batch_equation_holds(batches: &[Batch], r: &[Fr]) -> bool {
	let proofs: usize = batches.iter().map(|(_, statements)| statements.len()).sum();
	if r.len() != proofs {
		return false;
	}
	let mut r = r;
	let mut g1: Vec<<Bn254 as Pairing>::G1Prepared> =
		Vec::with_capacity(proofs + 3 * batches.len());
	let mut g2: Vec<<Bn254 as Pairing>::G2Prepared> =
		Vec::with_capacity(proofs + 3 * batches.len());
	for (key, statements) in batches.iter().filter(|(_, statements)| !statements.is_empty()) {
		let (rs, rest) = r.split_at(statements.len());
		r = rest;
		let r_sum: Fr = rs.iter().sum();

		// Σ r_j·L_j = (Σ r_j)·IC₀ + Σᵢ (Σ_j r_j·x_{ji})·ICᵢ
		let mut ic_scalars = vec![Fr::zero(); key.public_inputs() + 1];
		ic_scalars[0] = r_sum;
		for ((x, _), r) in statements.iter().zip(rs) {
			for (scalar, x) in ic_scalars[1..].iter_mut().zip(x) {
				*scalar += *r * x;
			}
		}
		let sum_l = linear_combination(&key.key.vk.gamma_abc_g1, &ic_scalars);
		let c: Vec<G1Affine> = statements.iter().map(|(_, p)| p.c).collect();
		let sum_c = linear_combination(&c, rs);
		let alpha = key.key.vk.alpha_g1 * (-r_sum);

		for ((_, proof), r) in statements.iter().zip(rs) {
			g1.push((proof.a * *r).into_affine().into());
			g2.push(proof.b.into());
		}
		g1.extend([
			sum_l.into_affine().into(),
			sum_c.into_affine().into(),
			alpha.into_affine().into(),
		]);
		g2.extend([
			key.key.gamma_g2_neg_pc.clone(),
			key.key.delta_g2_neg_pc.clone(),
			key.beta_g2.clone(),
		]);
	}
	Bn254::final_exponentiation(Bn254::multi_miller_loop(g1, g2))
		.is_some_and(|result| result == PairingOutput::zero())
}

/// `Σ scalarᵢ·baseᵢ` (as many of each). Below five terms, one multiplication per term
/// beats Pippenger's method (measured: 0.14 against 0.36 ms for two terms).
fn linear_combination(bases: &[G1Affine], scalars: &[Fr]) -> G1Projective {
	if bases.len() < 5 {
		bases.iter().zip(scalars).map(|(base, scalar)| *base * scalar).sum()
	} else {
		G1Projective::msm_unchecked(bases, scalars)
	}
}

/// The `r_j`, in order over all batches: 128 bits each, from BLAKE2b of every proof and
/// input (the keys are the chain's, not the prover's choice).
fn randomisers(batches: &[Batch]) -> Vec<Fr> {
	let mut transcript = blake2b_simd::Params::new()
		.hash_length(32)
		.personal(constants::GROTH16_BATCH.as_bytes())
		.to_state();
	let mut count = 0u64;
	for (_, statements) in batches {
		for (inputs, proof) in statements.iter() {
			transcript.update(&proof_to_bytes(proof));
			for x in inputs {
				transcript.update(&sero_crypto::base_to_bytes(x));
			}
			count += 1;
		}
	}
	let seed = transcript.finalize();
	(0..count)
		.map(|j| {
			let r = blake2b_simd::Params::new()
				.hash_length(16)
				.to_state()
				.update(seed.as_bytes())
				.update(&j.to_le_bytes())
				.finalize();
			Fr::from_le_bytes_mod_order(r.as_bytes())
		})
		.collect()
}

/// A proof's compressed encoding.
pub fn proof_to_bytes(proof: &Proof) -> [u8; PROOF_BYTES] {
	let mut out = [0u8; PROOF_BYTES];
	proof.serialize_compressed(&mut out[..]).expect("a compressed proof is 128 bytes");
	out
}

/// Decodes a proof, checking that its points are on their curves and in their groups, and
/// that the bytes are the proof's one encoding (the point at infinity, for one, decodes
/// whatever its coordinate bytes say).
pub fn proof_from_bytes(bytes: &[u8; PROOF_BYTES]) -> Option<Proof> {
	let proof = Proof::deserialize_compressed(&bytes[..]).ok()?;
	(proof_to_bytes(&proof) == *bytes).then_some(proof)
}

/// A verifying key's canonical (compressed) bytes: what the chain stores.
pub fn verifying_key_bytes(vk: &VerifyingKey) -> Vec<u8> {
	let mut bytes = Vec::new();
	vk.serialize_compressed(&mut bytes).expect("writing to a Vec");
	bytes
}

/// Decodes and checks a verifying key.
pub fn verifying_key_from_bytes(bytes: &[u8]) -> Option<VerifyingKey> {
	VerifyingKey::deserialize_compressed(bytes).ok()
}

/// BLAKE2b-256 of a verifying key's bytes: how keys are named in logs and pinned in tests.
pub fn verifying_key_digest(vk: &VerifyingKey) -> [u8; 32] {
	let digest = blake2b_simd::Params::new().hash_length(32).hash(&verifying_key_bytes(vk));
	let mut out = [0u8; 32];
	out.copy_from_slice(digest.as_bytes());
	out
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ec::PrimeGroup;
	use ark_ff::BigInteger;
	use ark_std::rand::{rngs::StdRng, SeedableRng};
	use sero_crypto::{asset::AssetId, Scalar};
	use sero_zk::{output::OutputWitness, prover, setup};

	/// Two valid output proofs under the development key.
	fn two_statements() -> (PreparedKey, Vec<Statement>) {
		let keys = setup::dev_keys(&setup::default_dir()).unwrap();
		let mut rng = StdRng::seed_from_u64(11);
		let statements = [5u128, 7]
			.into_iter()
			.map(|value| {
				let witness = OutputWitness {
					asset: AssetId::native(),
					value,
					ar: <Scalar as ark_ff::UniformRand>::rand(&mut rng),
				};
				let (statement, proof) =
					prover::prove_output(&keys.output, &witness, &mut rng).unwrap();
				(statement.public_inputs(), proof)
			})
			.collect();
		(PreparedKey::new(&keys.output.vk), statements)
	}

	/// Two invalid proofs whose errors cancel in the sum `Σ r_j·C_j` when the randomisers
	/// are equal: `C₁ + D` and `C₂ − D`. Each fails alone; the batch must fail too.
	#[test]
	fn errors_that_cancel_under_equal_randomisers_are_caught() {
		let (key, mut batch) = two_statements();
		assert!(key.verify_batch(&batch));
		let d = G1Projective::generator() * Fr::from(123_456_789u64);
		batch[0].1.c = (batch[0].1.c + d).into_affine();
		batch[1].1.c = (batch[1].1.c - d).into_affine();
		assert!(!key.verify(&batch[0].0, &batch[0].1));
		assert!(!key.verify(&batch[1].0, &batch[1].1));
		// The threat is real: with equal randomisers the batch equation holds.
		let equal = [Fr::from(7u64), Fr::from(7u64)];
		assert!(batch_equation_holds(&[(&key, &batch)], &equal));
		// With the randomisers derived from the proofs, it does not.
		assert!(!key.verify_batch(&batch));
		assert!(!verify_batches(&[(&key, &batch)]));
	}

	/// The randomisers are fixed by every byte of every proof and every input, so a prover
	/// cannot choose them without changing what they randomise; they are distinct and
	/// nonzero, 128 bits each.
	#[test]
	fn randomisers_are_bound_to_the_whole_batch() {
		let (key, batch) = two_statements();
		let r = randomisers(&[(&key, &batch)]);
		assert_eq!(r.len(), 2);
		assert_ne!(r[0], r[1]);
		assert!(r.iter().all(|r| !r.is_zero() && r.into_bigint().num_bits() <= 128));
		let mut other_input = batch.clone();
		other_input[1].0[0] += Base::from(1u64);
		let mut other_proof = batch.clone();
		other_proof[1].1.a = (other_proof[1].1.a + G1Projective::generator()).into_affine();
		let swapped = vec![batch[1].clone(), batch[0].clone()];
		for changed in [other_input, other_proof, swapped] {
			let s = randomisers(&[(&key, &changed)]);
			assert!(s[0] != r[0] && s[1] != r[1]);
		}
		// Randomisers of the wrong count never satisfy the equation.
		assert!(!batch_equation_holds(&[(&key, &batch)], &r[..1]));
	}
}
