//! Host functions for shielded transactions.
//!
//! The cryptography of a shielded transaction (Groth16 pairings on BN254, scalar
//! multiplications on Baby Jubjub) costs tens of milliseconds compiled to wasm and a few
//! natively. The runtime calls these functions and the node runs them natively; they are
//! pure functions of their arguments, deterministic on every node, and never panic: bad
//! bytes give `false` or `None`.
//!
//! The node registers [`shielded_crypto::HostFunctions`] in its executor.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use sp_runtime_interface::{
	pass_by::{AllocateAndReturnByCodec, PassFatPointerAndRead, PassPointerAndRead},
	runtime_interface,
};

#[cfg(feature = "std")]
mod native;

/// The length of a compressed Groth16 proof.
pub const PROOF_BYTES: usize = 128;

/// Cryptography of shielded transactions, run natively.
#[runtime_interface]
pub trait ShieldedCrypto {
	/// Whether `proof` (128 bytes, compressed) is a valid Groth16 BN254 proof for the
	/// verifying key `vk` (arkworks' compressed encoding) and `public_inputs` (32-byte
	/// little-endian field elements, concatenated). Prepared keys are cached by digest.
	fn groth16_verify(
		vk: PassFatPointerAndRead<&[u8]>,
		public_inputs: PassFatPointerAndRead<&[u8]>,
		proof: PassPointerAndRead<&[u8; 128], 128>,
	) -> bool {
		native::groth16_verify(vk, public_inputs, proof)
	}

	/// Whether every proof in `proofs` (128 bytes each) is valid for `vk` and its share of
	/// `public_inputs` (the key's number of inputs per proof, in order): one batch check,
	/// much cheaper than one call per proof (`sero_zk::verifier` explains how).
	fn groth16_verify_batch(
		vk: PassFatPointerAndRead<&[u8]>,
		public_inputs: PassFatPointerAndRead<&[u8]>,
		proofs: PassFatPointerAndRead<&[u8]>,
	) -> bool {
		native::groth16_verify_batch(vk, public_inputs, proofs)
	}

	/// The number of public inputs of the verifying key `vk`; `None` if `vk` is not a valid
	/// key. Lets the runtime refuse a bad key before storing it.
	fn groth16_public_inputs(
		vk: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<u32>> {
		native::groth16_public_inputs(vk)
	}

	/// Whether `signature` (`R ‖ s`) is the Schnorr signature of `message` under
	/// `public_key` in `domain` (0 spend, 1 balance, 2 vote), per `sero_crypto::schnorr`.
	fn schnorr_verify(
		domain: u32,
		public_key: PassPointerAndRead<&[u8; 32], 32>,
		message: PassFatPointerAndRead<&[u8]>,
		signature: PassPointerAndRead<&[u8; 64], 64>,
	) -> bool {
		native::schnorr_verify(domain, public_key, message, signature)
	}

	/// `Σ scalarᵢ·pointᵢ` on Baby Jubjub: `points` are 32-byte encodings of points of the
	/// prime-order subgroup, `scalars` 32-byte canonical little-endian scalars, as many of
	/// each. `None` if any is malformed or the counts differ.
	fn linear_combination(
		points: PassFatPointerAndRead<&[u8]>,
		scalars: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::linear_combination(points, scalars)
	}

	/// The affine coordinates `x ‖ y` (32-byte little-endian field elements) of each
	/// 32-byte point in `points`; `None` if any is not a point of the prime-order subgroup.
	fn point_coordinates(
		points: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<alloc::vec::Vec<u8>>> {
		native::point_coordinates(points)
	}

	/// Poseidon (circomlib parameters) of 1, 2, 3 or 8 field elements, each 32 bytes
	/// little endian and canonical; `None` for another count or a non-canonical element.
	fn poseidon(
		inputs: PassFatPointerAndRead<&[u8]>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::poseidon(inputs)
	}

	/// `HashToCurve(m)` of a canonical field element: an asset's base. `None` if `m` is not
	/// canonical or the map fails on it.
	fn hash_to_curve(
		m: PassPointerAndRead<&[u8; 32], 32>,
	) -> AllocateAndReturnByCodec<Option<[u8; 32]>> {
		native::hash_to_curve(m)
	}
}
