//! SERO's cryptography, as `../shared/SPEC.md` §2–§5 defines it.
//!
//! Everything lives on two curves. BN254 is the pairing curve of the Groth16 proofs; its
//! scalar field is [`Base`], the field the circuits compute in. Baby Jubjub is the twisted
//! Edwards curve defined over [`Base`]: keys, one-time addresses, asset commitments and
//! Schnorr signatures are points of its prime-order subgroup (scalars: [`Scalar`]).
//!
//! | module | SPEC | what |
//! | --- | --- | --- |
//! | [`constants`] | §2 | every domain-separation tag, distinct |
//! | [`poseidon`] | §2 | the in-circuit hash, circomlib's parameters |
//! | [`hash_to_curve`] | §2, §4 | Elligator 2 onto Baby Jubjub, cofactor cleared |
//! | [`generators`] | §2 | the fixed generators `G` and `G_r` |
//! | [`keys`] | §3 | `seed` → `zsk`, `vsk` → PK, TK; PKr; `zskr`, `vskr` |
//! | [`asset`] | §4 | asset ids, bases `B(id)`, `asset_cm` |
//! | [`note`] | §4, §5 | the leaf a note puts in the tree and its `nil` |
//! | [`tree`] | §5 | the depth-32 Poseidon witness tree |
//! | [`schnorr`] | §2, §5 | spend, balance and vote signatures |
//! | [`note_encryption`] | §2, §4 | ChaCha20-Poly1305 notes readable by receiver and TK |
//! | [`public_note`] | §4 | notes of public amounts the runtime itself pays to a PKr |
//! | [`detection`] | §3 | trial detection of one-time addresses by a TK, fast (`std`) |
//! | [`address`] | §3 | base58check text for PK, TK and PKr (`std`) |
//!
//! With the `r1cs` feature the constructions the circuits need also come as gadgets,
//! next to their native versions (`constraints` submodules), tested to agree.
//!
//! The crate is `no_std` without its `std` feature: the runtime uses Poseidon, the tree,
//! point decoding, asset bases and signature verification.

#![cfg_attr(not(feature = "std"), no_std)]
#![forbid(unsafe_code)]

extern crate alloc;

pub mod asset;
pub mod constants;
pub mod generators;
pub mod hash_to_curve;
pub mod keys;
pub mod note;
pub mod note_encryption;
pub mod package;
pub mod point;
pub mod poseidon;
pub mod public_note;
pub mod schnorr;
pub mod tree;

#[cfg(feature = "std")]
pub mod address;
#[cfg(feature = "std")]
pub mod detection;

mod blake2b;

/// The field the circuits compute in: BN254's scalar field, Baby Jubjub's base field.
pub type Base = ark_ed_on_bn254::Fq;

/// Baby Jubjub's scalar field: the order of its prime-order subgroup.
pub type Scalar = ark_ed_on_bn254::Fr;

/// A point of Baby Jubjub in affine form.
pub type Point = ark_ed_on_bn254::EdwardsAffine;

/// A field element's canonical 32-byte little-endian encoding: roots, leaves, `nil`s.
pub fn base_to_bytes(x: &Base) -> [u8; 32] {
	use ark_serialize::CanonicalSerialize;
	let mut out = [0u8; 32];
	x.serialize_compressed(&mut out[..]).expect("a field element is 32 bytes");
	out
}

/// Decodes a canonical field element; `None` for 32 bytes at or above the modulus.
pub fn base_from_bytes(bytes: &[u8; 32]) -> Option<Base> {
	use ark_ff::PrimeField;
	if !is_canonical_base(bytes) {
		return None;
	}
	Some(Base::from_le_bytes_mod_order(bytes))
}

/// Whether 32 little-endian bytes are the canonical encoding of a [`Base`] element: an
/// integer below the modulus.
///
/// Every field element the chain keys storage by or compares as bytes (a `nil`, an anchor)
/// must pass this first: `x` and `x + p` are the same element to a circuit and to Poseidon,
/// so a proof for one verifies for the other, but as bytes they are two keys (SPEC §5: one
/// note, one nullifier).
pub fn is_canonical_base(bytes: &[u8; 32]) -> bool {
	use ark_ff::{BigInt, PrimeField};
	let mut limbs = [0u64; 4];
	for (limb, chunk) in limbs.iter_mut().zip(bytes.chunks_exact(8)) {
		*limb = u64::from_le_bytes(chunk.try_into().expect("8-byte chunk"));
	}
	BigInt(limbs) < Base::MODULUS
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::{BigInteger, PrimeField};

	/// The modulus itself, and any element plus the modulus, are refused; everything below
	/// it is accepted and round-trips.
	#[test]
	fn canonical_field_elements() {
		let modulus: [u8; 32] = Base::MODULUS.to_bytes_le().try_into().unwrap();
		assert!(!is_canonical_base(&modulus));
		assert_eq!(base_from_bytes(&modulus), None);
		let mut below = Base::MODULUS;
		below.sub_with_borrow(&1u64.into());
		let below: [u8; 32] = below.to_bytes_le().try_into().unwrap();
		assert!(is_canonical_base(&below));
		assert_eq!(base_from_bytes(&below), Some(-Base::from(1u64)));
		assert!(is_canonical_base(&[0; 32]));
		assert!(!is_canonical_base(&[0xff; 32]));

		// x + p: the same element, a different key.
		let x = Base::from(123_456_789u64);
		let mut shifted = x.into_bigint();
		assert!(!shifted.add_with_carry(&Base::MODULUS));
		let shifted: [u8; 32] = shifted.to_bytes_le().try_into().unwrap();
		assert_eq!(Base::from_le_bytes_mod_order(&shifted), x);
		assert!(!is_canonical_base(&shifted));
		assert_eq!(base_from_bytes(&shifted), None);
		assert_eq!(base_from_bytes(&base_to_bytes(&x)), Some(x));
	}
}
