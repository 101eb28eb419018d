//! The Groth16 prover's arithmetic over a proving key (SPEC §5), on our [`msm`].
//!
//! Given the circuit's matrices and a full assignment `z = (1, public inputs, witness)`,
//! a proof with randomness `r`, `s` is
//!
//! - `A = α + Σ zᵢ·aᵢ + r·δ` in G1,
//! - `B = β + Σ zᵢ·bᵢ + s·δ` in G2 (and in G1, for `C`),
//! - `C = Σ hⱼ·Hⱼ + Σ wᵢ·Lᵢ + s·A + r·B₁ − r·s·δ` in G1,
//!
//! where `h` is the QAP quotient of the assignment (arkworks' libsnark reduction, FFTs) and
//! `w` the witness part of `z`. These are arkworks' `create_proof_with_reduction_and_matrices`
//! formulas term for term, so a proof is bit for bit the one arkworks makes from the same
//! `r` and `s` (tested in `tests/proofs.rs`); only the multi-scalar multiplications differ.

use crate::{msm::msm, Proof, ProvingKey};
use ark_bn254::Fr;
use ark_ec::CurveGroup;
use ark_ff::PrimeField;
use ark_groth16::r1cs_to_qap::{LibsnarkReduction, R1CSToQAP};
use ark_poly::{EvaluationDomain, GeneralEvaluationDomain};
use ark_relations::gr1cs::{Matrix, SynthesisError};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Where a proof's time went (wall-clock; the multi-scalar multiplications run in parallel
/// when the thread pool has threads to spare, so on several threads these overlap).
#[derive(Clone, Copy, Debug, Default)]
pub struct ProofPhases {
	/// The circuit synthesised with values (the witness computed).
	pub witness: Duration,
	/// The QAP quotient `h`: evaluating the matrices at the assignment and the FFTs.
	pub quotient: Duration,
	/// `Σ hⱼ·Hⱼ` (G1).
	pub h: Duration,
	/// `Σ wᵢ·Lᵢ` (G1).
	pub l: Duration,
	/// `A` (G1).
	pub a: Duration,
	/// `B` in G1.
	pub b_g1: Duration,
	/// `B` in G2.
	pub b_g2: Duration,
}

/// Whether `pk`'s queries fit a circuit of `constraints` constraints and `variables`
/// variables (the constant one included), `instance_variables` of them public: one point
/// per variable, per witness variable for L, per power of the QAP's domain but the last
/// for H. A key made for another circuit does not fit, and would make a proof that fails.
pub(crate) fn fits(
	pk: &ProvingKey,
	constraints: usize,
	variables: usize,
	instance_variables: usize,
) -> bool {
	let domain = GeneralEvaluationDomain::<Fr>::new(constraints + instance_variables);
	instance_variables >= 1
		&& domain.is_some_and(|domain| pk.h_query.len() + 1 == domain.size())
		&& pk.a_query.len() == variables
		&& pk.b_g1_query.len() == variables
		&& pk.b_g2_query.len() == variables
		&& pk.l_query.len() + instance_variables == variables
}

/// `f()` and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
	let started = Instant::now();
	let value = f();
	(value, started.elapsed())
}

/// A proof with randomness `(r, s)` of the assignment `z` (`z[0] = 1`, then
/// `instance_variables - 1` public inputs, then the witness) of the circuit with matrices
/// `abc` and `constraints` constraints, and where its time went (but for the witness, which
/// the caller computed). The caller has checked that `pk` is this circuit's ([`fits`]).
pub(crate) fn create_proof(
	pk: &ProvingKey,
	(r, s): (Fr, Fr),
	abc: &[Matrix<Fr>],
	instance_variables: usize,
	constraints: usize,
	z: &[Fr],
) -> Result<(Proof, ProofPhases), SynthesisError> {
	let mut phases = ProofPhases::default();
	let (h, quotient) = timed(|| {
		LibsnarkReduction::witness_map_from_matrices::<Fr, GeneralEvaluationDomain<Fr>>(
			abc,
			instance_variables,
			constraints,
			z,
		)
	});
	phases.quotient = quotient;
	let h: Vec<_> = h?.iter().map(|x| x.into_bigint()).collect();
	// Every variable but the constant one; `query[0]` is the constant's point.
	let variables: Vec<_> = z[1..].iter().map(|x| x.into_bigint()).collect();
	let witness = &variables[instance_variables.saturating_sub(1)..];

	// The four G1 sums, then B in G2, all at once when the thread pool has threads to spare.
	let g1_sums = [
		(&pk.h_query[..], &h[..]),
		(&pk.l_query[..], witness),
		(&pk.a_query[1..], &variables[..]),
		(&pk.b_g1_query[1..], &variables[..]),
	];
	let (g1_sums, b_g2_acc) = rayon::join(
		|| {
			g1_sums
				.par_iter()
				.map(|(bases, scalars)| timed(|| msm(bases, scalars)))
				.collect::<Vec<_>>()
		},
		|| timed(|| msm(&pk.b_g2_query[1..], &variables)),
	);
	let [h_acc, l_acc, a_acc, b_g1_acc] = [0, 1, 2, 3].map(|i| g1_sums[i]);
	(phases.h, phases.l, phases.a, phases.b_g1, phases.b_g2) =
		(h_acc.1, l_acc.1, a_acc.1, b_g1_acc.1, b_g2_acc.1);

	let a = pk.vk.alpha_g1 + pk.a_query[0] + a_acc.0 + pk.delta_g1 * r;
	let b_g2 = pk.vk.beta_g2 + pk.b_g2_query[0] + b_g2_acc.0 + pk.vk.delta_g2 * s;
	let b_g1 = pk.beta_g1 + pk.b_g1_query[0] + b_g1_acc.0 + pk.delta_g1 * s;
	let c = a * s + b_g1 * r - pk.delta_g1 * (r * s) + l_acc.0 + h_acc.0;
	Ok((Proof { a: a.into_affine(), b: b_g2.into_affine(), c: c.into_affine() }, phases))
}
