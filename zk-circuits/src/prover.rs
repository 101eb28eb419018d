//! Building proofs. The proofs of a transaction are independent, so [`prove_transaction`]
//! builds them all at once on the rayon thread pool.
//!
//! A circuit's R1CS matrices are the same for every proof: each circuit's are built once per
//! process ([`Matrices`]), and a proof only computes its assignment, instead of building and
//! inlining the constraint system again (60–130 ms of an input proof). The Groth16
//! arithmetic over the proving key is the `groth16` module's: arkworks' formulas on our own
//! multi-scalar multiplications ([`crate::msm`]).

pub use crate::groth16::ProofPhases;
use crate::{
	groth16,
	input::{InputCircuit, InputStatement, InputWitness},
	output::{OutputCircuit, OutputStatement, OutputWitness},
	setup::{Circuit, Keys},
	Proof, ProvingKey,
};
use ark_bn254::Fr;
use ark_ff::UniformRand;
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystem, Matrix, OptimizationGoal, SynthesisError,
	SynthesisMode, R1CS_PREDICATE_LABEL,
};
use rand_core::{CryptoRng, OsRng, RngCore};
use rayon::prelude::*;
use sero_crypto::{keys, Base};
use std::{sync::OnceLock, time::Instant};

/// Why a proof could not be built. The prover checks its witness first: Groth16 would
/// otherwise turn a bad witness into a proof that the chain rejects.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProveError {
	/// The output's asset id has no base.
	#[error("the asset id has no base on the curve")]
	NoAssetBase,
	/// `vskr` is not the key of the note's PKr.
	#[error("vskr does not own the note's one-time address")]
	NotOwner,
	/// The proving key is not the circuit's (its queries have other lengths).
	#[error("the proving key is not the {0} circuit's")]
	WrongKey(&'static str),
	/// Synthesis or the QAP failed (the witness does not satisfy the circuit).
	#[error("proving failed: {0}")]
	Groth16(String),
}

/// A circuit's R1CS: its three matrices and its dimensions.
struct Matrices {
	/// The circuit's name.
	name: &'static str,
	abc: Vec<Matrix<Base>>,
	/// Variables of an assignment, the constant one included.
	variables: usize,
	instance_variables: usize,
	constraints: usize,
}

impl Matrices {
	/// The matrices of `circuit` (synthesised without values), as the setup builds them.
	fn of(
		name: &'static str,
		circuit: impl ConstraintSynthesizer<Base>,
	) -> Result<Self, SynthesisError> {
		let cs = ConstraintSystem::new_ref();
		cs.set_optimization_goal(OptimizationGoal::Constraints);
		cs.set_mode(SynthesisMode::Setup);
		circuit.generate_constraints(cs.clone())?;
		cs.finalize();
		let abc = cs
			.to_matrices()?
			.remove(R1CS_PREDICATE_LABEL)
			.ok_or(SynthesisError::PredicateNotFound)?;
		Ok(Self {
			name,
			abc,
			variables: cs.num_instance_variables() + cs.num_witness_variables(),
			instance_variables: cs.num_instance_variables(),
			constraints: cs.num_constraints(),
		})
	}

	/// Runs `build` on a thread of its own with a one-thread pool of its own. The first proof
	/// of a circuit builds its matrices, often from a job of the global rayon pool; a worker
	/// waiting for rayon work runs other jobs meanwhile, which could be proofs of the same
	/// circuit re-entering the initialisation. A plain thread only blocks.
	fn isolated(build: fn() -> Result<Self, SynthesisError>) -> Result<Self, String> {
		std::thread::scope(|scope| {
			scope
				.spawn(|| {
					let pool = rayon::ThreadPoolBuilder::new()
						.num_threads(1)
						.build()
						.map_err(|e| e.to_string())?;
					pool.install(build).map_err(|e| e.to_string())
				})
				.join()
				.map_err(|_| "building the constraint matrices panicked".to_string())?
		})
	}

	/// The matrices in `cell`, built by `build` on first use.
	fn cached(
		cell: &'static OnceLock<Result<Matrices, String>>,
		build: fn() -> Result<Self, SynthesisError>,
	) -> Result<&'static Self, ProveError> {
		cell.get_or_init(|| Self::isolated(build))
			.as_ref()
			.map_err(|e| ProveError::Groth16(e.clone()))
	}

	/// The output circuit's.
	fn output() -> Result<&'static Self, ProveError> {
		static OUTPUT: OnceLock<Result<Matrices, String>> = OnceLock::new();
		Self::cached(&OUTPUT, || Self::of(Circuit::Output.name(), OutputCircuit::blank()))
	}

	/// The input circuit's.
	fn input() -> Result<&'static Self, ProveError> {
		static INPUT: OnceLock<Result<Matrices, String>> = OnceLock::new();
		Self::cached(&INPUT, || Self::of(Circuit::Input.name(), InputCircuit::blank()))
	}

	/// A zero-knowledge proof of `circuit`, whose matrices these are, under `pk`, and where
	/// its time went.
	fn prove(
		&self,
		pk: &ProvingKey,
		circuit: impl ConstraintSynthesizer<Base>,
		rng: &mut (impl RngCore + CryptoRng),
	) -> Result<(Proof, ProofPhases), ProveError> {
		if !groth16::fits(pk, self.constraints, self.variables, self.instance_variables) {
			return Err(ProveError::WrongKey(self.name));
		}
		let groth16 = |e: SynthesisError| ProveError::Groth16(e.to_string());
		let started = Instant::now();
		let cs = ConstraintSystem::new_ref();
		cs.set_optimization_goal(OptimizationGoal::Constraints);
		cs.set_mode(SynthesisMode::Prove {
			construct_matrices: false,
			generate_lc_assignments: false,
		});
		circuit.generate_constraints(cs.clone()).map_err(groth16)?;
		let mut assignment = cs.instance_assignment().map_err(groth16)?;
		assignment.extend(cs.witness_assignment().map_err(groth16)?);
		let witness = started.elapsed();
		let randomness = (Fr::rand(rng), Fr::rand(rng));
		let (proof, phases) = groth16::create_proof(
			pk,
			randomness,
			&self.abc,
			self.instance_variables,
			self.constraints,
			&assignment,
		)
		.map_err(groth16)?;
		Ok((proof, ProofPhases { witness, ..phases }))
	}
}

/// Proves one output.
pub fn prove_output(
	pk: &ProvingKey,
	witness: &OutputWitness,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(OutputStatement, Proof), ProveError> {
	let statement = witness.statement().ok_or(ProveError::NoAssetBase)?;
	let (proof, _) = Matrices::output()?.prove(pk, OutputCircuit::new(statement, witness), rng)?;
	Ok((statement, proof))
}

/// Proves one input.
pub fn prove_input(
	pk: &ProvingKey,
	witness: &InputWitness,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(InputStatement, Proof), ProveError> {
	prove_input_with_phases(pk, witness, rng).map(|(statement, proof, _)| (statement, proof))
}

/// Proves one input, and says where the time went (for the benchmarks).
pub fn prove_input_with_phases(
	pk: &ProvingKey,
	witness: &InputWitness,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(InputStatement, Proof, ProofPhases), ProveError> {
	if keys::mul_g(&witness.vskr) != *witness.pkr.vpk_r() {
		return Err(ProveError::NotOwner);
	}
	let statement = witness.statement();
	let (proof, phases) =
		Matrices::input()?.prove(pk, InputCircuit::new(statement, witness.clone()), rng)?;
	Ok((statement, proof, phases))
}

/// The proofs of one transaction, in the order of its inputs and outputs.
#[derive(Clone, Debug)]
pub struct TransactionProofs {
	/// One per input.
	pub inputs: Vec<(InputStatement, Proof)>,
	/// One per output.
	pub outputs: Vec<(OutputStatement, Proof)>,
}

/// Proves every input and output of a transaction in parallel.
pub fn prove_transaction(
	keys: &Keys,
	inputs: &[InputWitness],
	outputs: &[OutputWitness],
) -> Result<TransactionProofs, ProveError> {
	let (inputs, outputs): (Result<Vec<_>, _>, Result<Vec<_>, _>) = rayon::join(
		|| inputs.par_iter().map(|w| prove_input(&keys.input, w, &mut OsRng)).collect(),
		|| outputs.par_iter().map(|w| prove_output(&keys.output, w, &mut OsRng)).collect(),
	);
	Ok(TransactionProofs { inputs: inputs?, outputs: outputs? })
}
