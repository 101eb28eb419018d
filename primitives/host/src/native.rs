//! The native side of the host functions.

use ark_ec::{CurveGroup, VariableBaseMSM};
use parking_lot::Mutex;
use sero_crypto::{
	base_from_bytes, base_to_bytes,
	keys::scalar_from_bytes,
	point, poseidon,
	schnorr::{self, Domain, Signature},
	Base, Point,
};
use sero_zk::{
	setup::verifying_key_from_bytes,
	verifier::{proof_from_bytes, PreparedKey},
};
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

pub fn groth16_public_inputs(vk: &[u8]) -> Option<u32> {
	prepared_key(vk).map(|key| key.public_inputs() as u32)
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

pub fn groth16_verify(vk: &[u8], public_inputs: &[u8], proof: &[u8; 128]) -> bool {
	on_verifier_thread(|| groth16_verify_here(vk, public_inputs, proof))
}

fn groth16_verify_here(vk: &[u8], public_inputs: &[u8], proof: &[u8; 128]) -> bool {
	let (Some(key), Some(proof)) = (prepared_key(vk), proof_from_bytes(proof)) else {
		return false;
	};
	if public_inputs.len() % 32 != 0 {
		return false;
	}
	let inputs: Option<Vec<_>> = public_inputs
		.chunks_exact(32)
		.map(|c| sero_crypto::base_from_bytes(c.try_into().expect("32-byte chunk")))
		.collect();
	inputs.is_some_and(|inputs| key.verify(&inputs, &proof))
}

pub fn groth16_verify_batch(vk: &[u8], public_inputs: &[u8], proofs: &[u8]) -> bool {
	on_verifier_thread(|| {
		let Some(key) = prepared_key(vk) else { return false };
		let per_proof = key.public_inputs() * 32;
		if proofs.is_empty()
			|| proofs.len() % 128 != 0
			|| public_inputs.len() != proofs.len() / 128 * per_proof
		{
			return false;
		}
		let statements: Option<Vec<_>> = proofs
			.chunks_exact(128)
			.zip(public_inputs.chunks_exact(per_proof.max(1)))
			.map(|(proof, inputs)| {
				let proof = proof_from_bytes(proof.try_into().expect("128-byte chunk"))?;
				let inputs: Option<Vec<Base>> = inputs
					.chunks_exact(32)
					.map(|c| base_from_bytes(c.try_into().expect("32-byte chunk")))
					.collect();
				Some((inputs?, proof))
			})
			.collect();
		statements.is_some_and(|s| key.verify_batch(&s))
	})
}

pub fn schnorr_verify(
	domain: u32,
	public_key: &[u8; 32],
	message: &[u8],
	signature: &[u8; 64],
) -> bool {
	let domain = match domain {
		0 => Domain::Spend,
		1 => Domain::Balance,
		2 => Domain::Vote,
		_ => return false,
	};
	let (Some(public_key), Some(signature)) =
		(point::decode(public_key), Signature::from_bytes(signature))
	else {
		return false;
	};
	schnorr::verify(domain, &public_key, message, &signature)
}

pub fn linear_combination(points: &[u8], scalars: &[u8]) -> Option<[u8; 32]> {
	if points.len() % 32 != 0 || points.len() != scalars.len() {
		return None;
	}
	let points: Vec<Point> = points
		.chunks_exact(32)
		.map(|c| point::decode(c.try_into().expect("32-byte chunk")))
		.collect::<Option<_>>()?;
	let scalars: Vec<_> = scalars
		.chunks_exact(32)
		.map(|c| scalar_from_bytes(c.try_into().expect("32-byte chunk")))
		.collect::<Option<_>>()?;
	let sum = ark_ed_on_bn254::EdwardsProjective::msm(&points, &scalars).ok()?;
	Some(point::encode(&sum.into_affine()))
}

pub fn point_coordinates(points: &[u8]) -> Option<Vec<u8>> {
	if points.len() % 32 != 0 {
		return None;
	}
	let mut out = Vec::with_capacity(points.len() * 2);
	for chunk in points.chunks_exact(32) {
		let point = point::decode(chunk.try_into().expect("32-byte chunk"))?;
		let (x, y) = point::coordinates(&point);
		out.extend_from_slice(&base_to_bytes(&x));
		out.extend_from_slice(&base_to_bytes(&y));
	}
	Some(out)
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
