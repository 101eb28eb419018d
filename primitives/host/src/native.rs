//! The native side of the host functions.

use crate::{memo, Rejection};
use ark_ec::CurveGroup;
use ark_ed_on_bn254::EdwardsProjective;
use codec::Encode;
use parking_lot::Mutex;
use sero_crypto::{
	base_from_bytes, base_to_bytes,
	keys::{scalar_from_bytes, OneTimeAddress},
	note, point, poseidon,
	schnorr::{self, Domain, Signature},
	Base, Point,
};
use sero_groth16::{
	proof_from_bytes, verify_batches, verifying_key_from_bytes, PreparedKey, Proof, Statement,
	PROOF_BYTES,
};
use sero_shielded_primitives::{Bytes32, Input, Output, PkrBytes, SignatureBytes};
use std::collections::HashMap;

/// At most this many prepared keys are kept; the chain uses two.
const CACHED_KEYS: usize = 8;

static PREPARED: Mutex<Option<HashMap<[u8; 32], PreparedKey>>> = Mutex::new(None);

fn prepared_key(vk: &[u8]) -> Option<PreparedKey> {
	let digest: [u8; 32] = blake2b_simd::Params::new()
		.hash_length(32)
		.hash(vk)
		.as_bytes()
		.try_into()
		.expect("32 bytes");
	let mut cache = PREPARED.lock();
	let cache = cache.get_or_insert_with(HashMap::new);
	if let Some(key) = cache.get(&digest) {
		return Some(key.clone());
	}
	let key = PreparedKey::new(&verifying_key_from_bytes(vk)?);
	if cache.len() >= CACHED_KEYS {
		cache.clear();
	}
	cache.insert(digest, key.clone());
	Some(key)
}

/// Decodes and checks the key every time, without preparing or caching it: the call's
/// weight is then what it costs (the first transaction under a new key prepares it once).
pub fn groth16_public_inputs(vk: &[u8]) -> Option<u32> {
	verifying_key_from_bytes(vk)?.gamma_abc_g1.len().checked_sub(1).map(|n| n as u32)
}

/// Verification runs on one dedicated thread: arkworks would otherwise split each pairing
/// over the global rayon pool, and on a machine whose other cores mine or import blocks,
/// waiting for the slowest share costs more than the split gains.
fn on_verifier_thread<R: Send>(f: impl FnOnce() -> R + Send) -> R {
	static POOL: std::sync::OnceLock<rayon::ThreadPool> = std::sync::OnceLock::new();
	POOL.get_or_init(|| {
		rayon::ThreadPoolBuilder::new()
			.num_threads(1)
			.thread_name(|_| "groth16-verify".into())
			.build()
			.expect("a one-thread pool can be built")
	})
	.install(f)
}

/// The verifying keys of a transaction's two circuits.
pub struct Keys<'a> {
	/// The input circuit's.
	pub input: &'a [u8],
	/// The output circuit's.
	pub output: &'a [u8],
}

/// A transaction's parts that the checks read (the host function's arguments but the keys).
pub struct Transaction<'a> {
	/// The inputs.
	pub inputs: &'a [Input],
	/// The outputs (a package's commitment as one more).
	pub outputs: &'a [Output],
	/// One spend signature per input.
	pub spend_signatures: &'a [SignatureBytes],
	/// `(base, scalar)` terms of the balance.
	pub public_terms: &'a [(Bytes32, Bytes32)],
	/// What the signatures sign.
	pub message: &'a [u8; 32],
	/// The balance signature.
	pub balance_signature: &'a [u8; 64],
	/// `From` and its signature.
	pub from: Option<(PkrBytes, SignatureBytes)>,
}

/// An input proof's public inputs (anchor, nil, `asset_cm'`, `zpka`) and the proof; `None`
/// if a field element is not canonical or the proof does not decode.
fn input_statement(input: &Input, asset_cm: &Point, zpka: &Point) -> Option<(Vec<Base>, Proof)> {
	let (cx, cy) = point::coordinates(asset_cm);
	let (zx, zy) = point::coordinates(zpka);
	let public =
		vec![base_from_bytes(&input.anchor.0)?, base_from_bytes(&input.nil.0)?, cx, cy, zx, zy];
	Some((public, proof_from_bytes(&input.proof)?))
}

/// The key of the node's [`memo`] for these arguments (`None` while it is off).
fn memo_key(keys: &Keys, tx: &Transaction) -> Option<memo::Key> {
	memo::key(|| {
		(
			keys.input,
			keys.output,
			tx.inputs,
			tx.outputs,
			tx.spend_signatures,
			tx.public_terms,
			tx.message,
			tx.balance_signature,
			&tx.from,
		)
			.encode()
	})
}

/// The host function's native side: from the node's [`memo`] when it accepted these very
/// arguments before, otherwise every check computed (and an acceptance remembered).
pub fn verify_transaction(keys: Keys, tx: Transaction) -> Result<Vec<Bytes32>, Rejection> {
	let key = memo_key(&keys, &tx);
	if let Some(leaves) = key.as_ref().and_then(memo::get) {
		return Ok(leaves);
	}
	let (leaves, _) = on_verifier_thread(|| {
		let input_key = prepared_key(keys.input).ok_or(Rejection::InvalidVerifyingKey)?;
		let output_key = prepared_key(keys.output).ok_or(Rejection::InvalidVerifyingKey)?;
		check(&tx, Proofs::Verify(&input_key, &output_key))
	})?;
	if let Some(key) = key {
		memo::insert(key, &leaves);
	}
	Ok(leaves)
}

/// The deferring host function's native side: the leaves and the proofs deferred to
/// [`verify_deferred_proofs`], or no proofs when the node's [`memo`] holds these arguments
/// verified in full. The keys are checked to decode, as in full; nothing is remembered.
pub fn verify_transaction_deferring_proofs(
	keys: Keys,
	tx: Transaction,
) -> Result<(Vec<Bytes32>, Vec<u8>), Rejection> {
	if let Some(leaves) = memo_key(&keys, &tx).as_ref().and_then(memo::get) {
		return Ok((leaves, Vec::new()));
	}
	on_verifier_thread(|| {
		prepared_key(keys.input).ok_or(Rejection::InvalidVerifyingKey)?;
		prepared_key(keys.output).ok_or(Rejection::InvalidVerifyingKey)?;
		check(&tx, Proofs::Defer)
	})
}

/// What [`check`] does with the proofs.
enum Proofs<'a> {
	/// Verifies them under the input and output circuits' keys.
	Verify(&'a PreparedKey, &'a PreparedKey),
	/// Returns them as [`deferred`] records.
	Defer,
}

/// Every check of the host function's doc, in its order, with the proofs verified or
/// deferred: the outputs' leaves, and the deferred records (empty when verified).
fn check(tx: &Transaction, proofs: Proofs) -> Result<(Vec<Bytes32>, Vec<u8>), Rejection> {
	// The points, each decoded once (see the host function's doc for which checks).
	let mut input_points = Vec::with_capacity(tx.inputs.len());
	for input in tx.inputs {
		let asset_cm = point::decode_on_curve(&input.asset_cm.0);
		let zpka = point::decode_on_curve(&input.zpka);
		let (Some(asset_cm), Some(zpka)) = (asset_cm, zpka) else {
			return Err(Rejection::MalformedPoint);
		};
		input_points.push((asset_cm, zpka));
	}
	// `From`: a one-time address like an output's, and the key its signature is under.
	let sender = match tx.from {
		Some((pkr, signature)) => match OneTimeAddress::from_bytes(&pkr) {
			Some(pkr) => Some((*pkr.zpk_r(), signature)),
			None => return Err(Rejection::MalformedPoint),
		},
		None => None,
	};
	let mut output_commitments = Vec::with_capacity(tx.outputs.len());
	let mut leaves = Vec::with_capacity(tx.outputs.len());
	for output in tx.outputs {
		let pkr = OneTimeAddress::from_bytes(&output.pkr);
		let asset_cm = point::decode_on_curve(&output.asset_cm.0);
		let (Some(pkr), Some(asset_cm)) = (pkr, asset_cm) else {
			return Err(Rejection::MalformedPoint);
		};
		output_commitments.push(asset_cm);
		leaves.push(base_to_bytes(&note::leaf(&pkr, &asset_cm)));
	}

	let deferred_records = match proofs {
		Proofs::Verify(input_key, output_key) => {
			verify_proofs(tx, &input_points, &output_commitments, input_key, output_key)?;
			Vec::new()
		},
		Proofs::Defer => deferred::records(tx, &input_points, &output_commitments),
	};

	if tx.spend_signatures.len() != tx.inputs.len() {
		return Err(Rejection::InvalidSpendSignature);
	}
	for ((_, zpka), signature) in input_points.iter().zip(tx.spend_signatures) {
		let valid = Signature::from_bytes(signature)
			.is_some_and(|signature| schnorr::verify(Domain::Spend, zpka, tx.message, &signature));
		if !valid {
			return Err(Rejection::InvalidSpendSignature);
		}
	}

	// Σ asset_cm'_in − Σ asset_cm_out + Σ scalar·base = bsk·G_r
	let mut balance: EdwardsProjective = input_points.iter().map(|(cm, _)| *cm).sum();
	balance -= output_commitments.iter().copied().sum::<EdwardsProjective>();
	// Two terms at most (fee, transparent amount): one multiplication each.
	for (base, scalar) in tx.public_terms {
		let (Some(base), Some(scalar)) = (point::decode(base), scalar_from_bytes(scalar)) else {
			return Err(Rejection::Unbalanced);
		};
		balance += base * scalar;
	}
	let valid = Signature::from_bytes(tx.balance_signature).is_some_and(|signature| {
		schnorr::verify(Domain::Balance, &balance.into_affine(), tx.message, &signature)
	});
	if !valid {
		return Err(Rejection::Unbalanced);
	}

	if let Some((zpk_r, signature)) = sender {
		let valid = Signature::from_bytes(&signature)
			.is_some_and(|signature| schnorr::verify(Domain::From, &zpk_r, tx.message, &signature));
		if !valid {
			return Err(Rejection::InvalidFromSignature);
		}
	}
	Ok((leaves, deferred_records))
}

/// The proofs, in one batch; when it fails, which circuit's proofs are wrong.
fn verify_proofs(
	tx: &Transaction,
	input_points: &[(Point, Point)],
	output_commitments: &[Point],
	input_key: &PreparedKey,
	output_key: &PreparedKey,
) -> Result<(), Rejection> {
	let input_statements: Vec<_> = tx
		.inputs
		.iter()
		.zip(input_points)
		.map(|(input, (asset_cm, zpka))| input_statement(input, asset_cm, zpka))
		.collect::<Option<_>>()
		.ok_or(Rejection::InvalidInputProof)?;
	let output_statements: Vec<_> = tx
		.outputs
		.iter()
		.zip(output_commitments)
		.map(|(output, asset_cm)| {
			let (cx, cy) = point::coordinates(asset_cm);
			proof_from_bytes(&output.proof).map(|proof| (vec![cx, cy], proof))
		})
		.collect::<Option<_>>()
		.ok_or(Rejection::InvalidOutputProof)?;
	if verify_batches(&[(input_key, &input_statements), (output_key, &output_statements)]) {
		Ok(())
	} else if input_key.verify_batch(&input_statements) {
		Err(Rejection::InvalidOutputProof)
	} else {
		Err(Rejection::InvalidInputProof)
	}
}

/// The batch host function's native side: whether every deferred proof verifies under its
/// circuit's key, as one batch. `false` for records that do not decode or a key that does
/// not.
pub fn verify_deferred_proofs(keys: Keys, records: &[u8]) -> bool {
	on_verifier_thread(|| {
		let (Some(input_key), Some(output_key)) =
			(prepared_key(keys.input), prepared_key(keys.output))
		else {
			return false;
		};
		let Some((inputs, outputs)) = deferred::statements(records) else {
			return false;
		};
		let valid = verify_batches(&[(&input_key, &inputs), (&output_key, &outputs)]);
		log::debug!(
			target: "sero-host",
			"{} deferred proofs checked in one batch: {}",
			inputs.len() + outputs.len(),
			if valid { "all verify" } else { "one or more do not verify" },
		);
		valid
	})
}

/// The records of deferred proofs: per proof, its circuit (one byte: 0 input, 1 output),
/// its public inputs (six 32-byte field elements for an input, two for an output) and its
/// 128 bytes; records concatenate, so a block's are one byte string.
mod deferred {
	use super::*;

	const INPUT: u8 = 0;
	const OUTPUT: u8 = 1;

	/// A transaction's records, inputs first: the public inputs as the circuits see them.
	pub(super) fn records(
		tx: &Transaction,
		input_points: &[(Point, Point)],
		output_commitments: &[Point],
	) -> Vec<u8> {
		let mut records = Vec::with_capacity(
			tx.inputs.len() * sero_shielded_primitives::DEFERRED_INPUT_PROOF_BYTES
				+ tx.outputs.len() * sero_shielded_primitives::DEFERRED_OUTPUT_PROOF_BYTES,
		);
		for (input, (asset_cm, zpka)) in tx.inputs.iter().zip(input_points) {
			let (cx, cy) = point::coordinates(asset_cm);
			let (zx, zy) = point::coordinates(zpka);
			records.push(INPUT);
			records.extend_from_slice(&input.anchor.0);
			records.extend_from_slice(&input.nil.0);
			for x in [cx, cy, zx, zy] {
				records.extend_from_slice(&base_to_bytes(&x));
			}
			records.extend_from_slice(&input.proof);
		}
		for (output, asset_cm) in tx.outputs.iter().zip(output_commitments) {
			let (cx, cy) = point::coordinates(asset_cm);
			records.push(OUTPUT);
			for x in [cx, cy] {
				records.extend_from_slice(&base_to_bytes(&x));
			}
			records.extend_from_slice(&output.proof);
		}
		records
	}

	/// The input and the output statements of concatenated records; `None` if one does not
	/// decode (a circuit byte, a field element, a proof) or the bytes end inside one.
	pub(super) fn statements(mut records: &[u8]) -> Option<(Vec<Statement>, Vec<Statement>)> {
		let (mut inputs, mut outputs) = (Vec::new(), Vec::new());
		while let Some((&circuit, rest)) = records.split_first() {
			let (public_inputs, statements) = match circuit {
				INPUT => (6, &mut inputs),
				OUTPUT => (2, &mut outputs),
				_ => return None,
			};
			let (elements, rest) = rest.split_at_checked(32 * public_inputs)?;
			let (proof, rest) = rest.split_at_checked(PROOF_BYTES)?;
			let public = elements
				.chunks_exact(32)
				.map(|x| base_from_bytes(x.try_into().expect("32-byte chunk")))
				.collect::<Option<Vec<Base>>>()?;
			statements.push((public, proof_from_bytes(proof.try_into().expect("128 bytes"))?));
			records = rest;
		}
		Some((inputs, outputs))
	}
}

pub fn poseidon(inputs: &[u8]) -> Option<[u8; 32]> {
	if inputs.len() % 32 != 0 {
		return None;
	}
	let elements: Vec<Base> = inputs
		.chunks_exact(32)
		.map(|c| base_from_bytes(c.try_into().expect("32-byte chunk")))
		.collect::<Option<_>>()?;
	let hash = match elements.as_slice() {
		[a] => poseidon::hash1(*a),
		[a, b] => poseidon::hash2(*a, *b),
		[a, b, c] => poseidon::hash3(*a, *b, *c),
		_ => poseidon::hash8(elements.as_slice().try_into().ok()?),
	};
	Some(base_to_bytes(&hash))
}

pub fn hash_to_curve(m: &[u8; 32]) -> Option<[u8; 32]> {
	let base = sero_crypto::hash_to_curve::hash_to_curve(base_from_bytes(m)?)?;
	Some(point::encode(&base))
}
