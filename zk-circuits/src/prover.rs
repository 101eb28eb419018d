//! Building proofs. The proofs of a transaction are independent, so [`prove_transaction`]
//! builds them all at once on the rayon thread pool.

use crate::{
	input::{InputCircuit, InputStatement, InputWitness},
	output::{OutputCircuit, OutputStatement, OutputWitness},
	setup::Keys,
	Proof, ProvingKey,
};
use ark_bn254::Bn254;
use ark_groth16::Groth16;
use ark_snark::SNARK;
use rand_core::{CryptoRng, OsRng, RngCore};
use rayon::prelude::*;
use sero_crypto::keys;

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
	/// The path does not lead the note to a root (checked by the caller against an anchor).
	#[error("proving failed: {0}")]
	Groth16(String),
}

/// Proves one output.
pub fn prove_output(
	pk: &ProvingKey,
	witness: &OutputWitness,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(OutputStatement, Proof), ProveError> {
	let statement = witness.statement().ok_or(ProveError::NoAssetBase)?;
	let proof = Groth16::<Bn254>::prove(pk, OutputCircuit::new(statement, witness), rng)
		.map_err(|e| ProveError::Groth16(e.to_string()))?;
	Ok((statement, proof))
}

/// Proves one input.
pub fn prove_input(
	pk: &ProvingKey,
	witness: &InputWitness,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(InputStatement, Proof), ProveError> {
	if keys::mul_g(&witness.vskr) != *witness.pkr.vpk_r() {
		return Err(ProveError::NotOwner);
	}
	let statement = witness.statement();
	let proof = Groth16::<Bn254>::prove(pk, InputCircuit::new(statement, witness.clone()), rng)
		.map_err(|e| ProveError::Groth16(e.to_string()))?;
	Ok((statement, proof))
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
