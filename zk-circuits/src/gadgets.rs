//! Small gadgets the two circuits share.

use ark_ec::AdditiveGroup;
use ark_ed_on_bn254::{constraints::EdwardsVar, EdwardsProjective};
use ark_ff::{BigInteger, PrimeField};
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::{ConstraintSystemRef, SynthesisError};
use sero_crypto::{Base, Point, Scalar};

/// The number of bits of a Baby Jubjub scalar.
pub const SCALAR_BITS: usize = 251;

/// Allocates the `n` little-endian bits of `value`'s canonical integer as witnesses.
pub fn witness_bits(
	cs: &ConstraintSystemRef<Base>,
	value: Option<impl PrimeField>,
	n: usize,
) -> Result<Vec<Boolean<Base>>, SynthesisError> {
	let bits = value.map(|v| v.into_bigint().to_bits_le());
	(0..n)
		.map(|i| {
			Boolean::new_witness(cs.clone(), || {
				bits.as_ref().map(|b| b[i]).ok_or(SynthesisError::AssignmentMissing)
			})
		})
		.collect()
}

/// Allocates a scalar's 251 bits and enforces that they encode an integer below the group
/// order: one encoding per scalar, so a secret derived from it (`nil`) is unique.
pub fn canonical_scalar_bits(
	cs: &ConstraintSystemRef<Base>,
	value: Option<Scalar>,
) -> Result<Vec<Boolean<Base>>, SynthesisError> {
	let bits = witness_bits(cs, value, SCALAR_BITS)?;
	let mut order_minus_one = Scalar::MODULUS;
	order_minus_one.sub_with_borrow(&1u64.into());
	Boolean::enforce_smaller_or_equal_than_le(&bits, order_minus_one)?;
	Ok(bits)
}

/// `k·P` for a fixed point `P` and the little-endian bits of `k`: a two-bit window table
/// per pair of bits, built from precomputed doublings of `P`.
pub fn fixed_base_mul(base: &Point, bits: &[Boolean<Base>]) -> Result<EdwardsVar, SynthesisError> {
	let mut power = EdwardsProjective::from(*base);
	let powers: Vec<EdwardsProjective> = (0..bits.len())
		.map(|_| {
			let this = power;
			power.double_in_place();
			this
		})
		.collect();
	let mut acc = EdwardsVar::zero();
	acc.precomputed_base_scalar_mul_le(bits.iter().zip(&powers))?;
	Ok(acc)
}

/// A point's affine coordinates as two field elements (public-input order).
pub fn coordinates(point: &Point) -> [Base; 2] {
	let (x, y) = sero_crypto::point::coordinates(point);
	[x, y]
}
