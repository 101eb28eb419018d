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
	proof_from_bytes, verify_batches, verifying_key_from_bytes, PreparedKey, Proof,
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

/// An input proof's public inputs (anchor, nil, `asset_cm'`, `zpka`) and the proof; `None`
/// if a field element is not canonical or the proof does not decode.
fn input_statement(input: &Input, asset_cm: &Point, zpka: &Point) -> Option<(Vec<Base>, Proof)> {
	let (cx, cy) = point::coordinates(asset_cm);
	let (zx, zy) = point::coordinates(zpka);
	let public =
		vec![base_from_bytes(&input.anchor.0)?, base_from_bytes(&input.nil.0)?, cx, cy, zx, zy];
	Some((public, proof_from_bytes(&input.proof)?))
}

/// The host function's native side: from the node's [`memo`] when it accepted these very
/// arguments before, otherwise every check computed (and an acceptance remembered).
pub fn verify_transaction(
	keys: Keys,
	inputs: &[Input],
	outputs: &[Output],
	spend_signatures: &[SignatureBytes],
	public_terms: &[(Bytes32, Bytes32)],
	message: &[u8; 32],
	balance_signature: &[u8; 64],
	from: Option<(PkrBytes, SignatureBytes)>,
) -> Result<Vec<Bytes32>, Rejection> {
	let key = memo::key(|| {
		(
			keys.input,
			keys.output,
			inputs,
			outputs,
			spend_signatures,
			public_terms,
			message,
			balance_signature,
			&from,
		)
			.encode()
	});
	if let Some(leaves) = key.as_ref().and_then(memo::get) {
		return Ok(leaves);
	}
	let leaves = on_verifier_thread(|| {
		let input_key = prepared_key(keys.input).ok_or(Rejection::InvalidVerifyingKey)?;
		let output_key = prepared_key(keys.output).ok_or(Rejection::InvalidVerifyingKey)?;

		// The points, each decoded once (see the host function's doc for which checks).
		let mut input_statements = Vec::with_capacity(inputs.len());
		let mut input_points = Vec::with_capacity(inputs.len());
		for input in inputs {
			let asset_cm = point::decode_on_curve(&input.asset_cm.0);
			let zpka = point::decode_on_curve(&input.zpka);
			let (Some(asset_cm), Some(zpka)) = (asset_cm, zpka) else {
				return Err(Rejection::MalformedPoint);
			};
			input_points.push((asset_cm, zpka));
			input_statements.push(input_statement(input, &asset_cm, &zpka));
		}
		// `From`: a one-time address like an output's, and the key its signature is under.
		let sender = match from {
			Some((pkr, signature)) => match OneTimeAddress::from_bytes(&pkr) {
				Some(pkr) => Some((*pkr.zpk_r(), signature)),
				None => return Err(Rejection::MalformedPoint),
			},
			None => None,
		};
		let mut output_statements = Vec::with_capacity(outputs.len());
		let mut output_commitments = Vec::with_capacity(outputs.len());
		let mut leaves = Vec::with_capacity(outputs.len());
		for output in outputs {
			let pkr = OneTimeAddress::from_bytes(&output.pkr);
			let asset_cm = point::decode_on_curve(&output.asset_cm.0);
			let (Some(pkr), Some(asset_cm)) = (pkr, asset_cm) else {
				return Err(Rejection::MalformedPoint);
			};
			let (cx, cy) = point::coordinates(&asset_cm);
			output_statements
				.push(proof_from_bytes(&output.proof).map(|proof| (vec![cx, cy], proof)));
			output_commitments.push(asset_cm);
			leaves.push(base_to_bytes(&note::leaf(&pkr, &asset_cm)));
		}

		// The proofs, in one batch; when it fails, which circuit's proofs are wrong.
		let input_statements: Vec<_> = input_statements
			.into_iter()
			.collect::<Option<_>>()
			.ok_or(Rejection::InvalidInputProof)?;
		let output_statements: Vec<_> = output_statements
			.into_iter()
			.collect::<Option<_>>()
			.ok_or(Rejection::InvalidOutputProof)?;
		if !verify_batches(&[(&input_key, &input_statements), (&output_key, &output_statements)]) {
			return Err(if input_key.verify_batch(&input_statements) {
				Rejection::InvalidOutputProof
			} else {
				Rejection::InvalidInputProof
			});
		}

		if spend_signatures.len() != inputs.len() {
			return Err(Rejection::InvalidSpendSignature);
		}
		for ((_, zpka), signature) in input_points.iter().zip(spend_signatures) {
			let valid = Signature::from_bytes(signature)
				.is_some_and(|signature| schnorr::verify(Domain::Spend, zpka, message, &signature));
			if !valid {
				return Err(Rejection::InvalidSpendSignature);
			}
		}

		// Σ asset_cm'_in − Σ asset_cm_out + Σ scalar·base = bsk·G_r
		let mut balance: EdwardsProjective = input_points.iter().map(|(cm, _)| *cm).sum();
		balance -= output_commitments.iter().copied().sum::<EdwardsProjective>();
		// Two terms at most (fee, transparent amount): one multiplication each.
		for (base, scalar) in public_terms {
			let (Some(base), Some(scalar)) = (point::decode(base), scalar_from_bytes(scalar))
			else {
				return Err(Rejection::Unbalanced);
			};
			balance += base * scalar;
		}
		let valid = Signature::from_bytes(balance_signature).is_some_and(|signature| {
			schnorr::verify(Domain::Balance, &balance.into_affine(), message, &signature)
		});
		if !valid {
			return Err(Rejection::Unbalanced);
		}

		if let Some((zpk_r, signature)) = sender {
			let valid = Signature::from_bytes(&signature).is_some_and(|signature| {
				schnorr::verify(Domain::From, &zpk_r, message, &signature)
			});
			if !valid {
				return Err(Rejection::InvalidFromSignature);
			}
		}
		Ok(leaves)
	})?;
	if let Some(key) = key {
		memo::insert(key, &leaves);
	}
	Ok(leaves)
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
