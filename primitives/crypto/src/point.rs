//! The 32-byte encoding of Baby Jubjub points (SPEC §2).
//!
//! A point is encoded as its `y` coordinate, little endian, with the sign of `x` in the top
//! bit (arkworks' compressed form). Decoding accepts only canonical encodings of points in
//! the prime-order subgroup: anything else (off the curve, a small-order component, a
//! non-canonical coordinate) is rejected, so every decoded point is safe to use.

use crate::{Base, Point};
use ark_ec::AffineRepr;
use ark_serialize::{CanonicalDeserialize, CanonicalSerialize, Compress, Validate};

/// The length of an encoded point.
pub const POINT_BYTES: usize = 32;

/// Encodes `point` in 32 bytes.
pub fn encode(point: &Point) -> [u8; POINT_BYTES] {
	let mut out = [0u8; POINT_BYTES];
	point
		.serialize_with_mode(&mut out[..], Compress::Yes)
		.expect("a compressed Baby Jubjub point is exactly 32 bytes");
	out
}

/// Decodes a point of the prime-order subgroup; `None` for anything else.
pub fn decode(bytes: &[u8; POINT_BYTES]) -> Option<Point> {
	let point = Point::deserialize_with_mode(&bytes[..], Compress::Yes, Validate::Yes).ok()?;
	// Re-encoding rejects the second encoding of points with `x = 0`.
	(encode(&point) == *bytes).then_some(point)
}

/// Decodes a point of the curve, canonical, **without** the subgroup check (a scalar
/// multiplication by the group order, the bulk of [`decode`]'s cost).
///
/// Only for points a verified proof binds: when a circuit computes a point from points of
/// the subgroup and the proof verifies with its coordinates as public inputs, the point is
/// that one, so it is in the subgroup. Use it only where the proof is checked before the
/// point is used for anything else.
pub fn decode_on_curve(bytes: &[u8; POINT_BYTES]) -> Option<Point> {
	let point = Point::deserialize_with_mode(&bytes[..], Compress::Yes, Validate::No).ok()?;
	(point.is_on_curve() && encode(&point) == *bytes).then_some(point)
}

/// Decodes a point of the prime-order subgroup other than the identity.
pub fn decode_non_identity(bytes: &[u8; POINT_BYTES]) -> Option<Point> {
	decode(bytes).filter(|p| !p.is_zero())
}

/// The affine coordinates `(x, y)`: how circuits and Poseidon see a point.
pub fn coordinates(point: &Point) -> (Base, Base) {
	point.xy().unwrap_or((Base::from(0u64), Base::from(1u64)))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::generators;
	use ark_ec::CurveGroup;

	#[test]
	fn round_trip_and_rejections() {
		let g = generators::G;
		let p = (g * crate::Scalar::from(12345u64)).into_affine();
		assert_eq!(decode(&encode(&p)), Some(p));
		assert_eq!(decode_non_identity(&encode(&Point::zero())), None);
		assert_eq!(decode(&encode(&Point::zero())), Some(Point::zero()));

		// A point of order 2 (0, -1) is on the curve but not in the subgroup.
		let order_two = Point::new_unchecked(Base::from(0u64), -Base::from(1u64));
		assert!(order_two.is_on_curve());
		assert_eq!(decode(&encode(&order_two)), None);

		assert_eq!(decode_on_curve(&encode(&order_two)), Some(order_two));
		assert_eq!(decode_on_curve(&encode(&p)), Some(p));

		// Points with x = 0 have a second encoding, with the sign bit set: refused.
		for point in [Point::zero(), order_two] {
			let mut second = encode(&point);
			second[31] |= 0x80;
			assert_eq!(decode(&second), None);
			assert_eq!(decode_on_curve(&second), None);
		}

		// Bytes that are no point at all.
		assert_eq!(decode(&[0xff; 32]), None);
		assert_eq!(decode_on_curve(&[0xff; 32]), None);
	}
}
