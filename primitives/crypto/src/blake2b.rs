//! BLAKE2b with a personalisation per use: the out-of-circuit hash and KDF of SPEC §2.

use crate::{Base, Scalar};
use ark_ff::PrimeField;

/// BLAKE2b-512 of `parts` under a personalisation of at most 16 bytes.
pub(crate) fn hash512(personal: &[u8; 16], parts: &[&[u8]]) -> [u8; 64] {
	let mut state = blake2b_simd::Params::new().hash_length(64).personal(personal).to_state();
	for part in parts {
		state.update(part);
	}
	let mut out = [0u8; 64];
	out.copy_from_slice(state.finalize().as_bytes());
	out
}

/// A uniformly distributed scalar: 512 hash bits reduced modulo the subgroup order.
pub(crate) fn hash_to_scalar(personal: &[u8; 16], parts: &[&[u8]]) -> Scalar {
	Scalar::from_le_bytes_mod_order(&hash512(personal, parts))
}

/// A uniformly distributed field element: 512 hash bits reduced modulo the field order.
pub(crate) fn hash_to_base(personal: &[u8; 16], parts: &[&[u8]]) -> Base {
	Base::from_le_bytes_mod_order(&hash512(personal, parts))
}

/// BLAKE2b-256: keys and digests.
pub(crate) fn hash256(personal: &[u8; 16], parts: &[&[u8]]) -> [u8; 32] {
	let mut state = blake2b_simd::Params::new().hash_length(32).personal(personal).to_state();
	for part in parts {
		state.update(part);
	}
	let mut out = [0u8; 32];
	out.copy_from_slice(state.finalize().as_bytes());
	out
}

/// A personalisation: `tag` zero-padded to 16 bytes (checked at compile time).
pub(crate) const fn personal(tag: &str) -> [u8; 16] {
	let bytes = tag.as_bytes();
	assert!(bytes.len() <= 16, "a BLAKE2b personalisation is at most 16 bytes");
	let mut out = [0u8; 16];
	let mut i = 0;
	while i < bytes.len() {
		out[i] = bytes[i];
		i += 1;
	}
	out
}
