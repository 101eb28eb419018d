//! Notes in the witness tree and their nullifiers (SPEC §4, §5).
//!
//! A note's leaf commits to its one-time address and its asset commitment:
//! `leaf = Poseidon(ZPKr, VPKr, BASEr, asset_cm)` over the eight affine coordinates. Its
//! nullifier binds the owner's secret, the leaf and the leaf's position in the tree:
//! `nil = Poseidon(vskr, leaf, position)`. The position makes two notes with equal
//! contents (a replayed output) spendable once each, and one note spendable once only.

use crate::{keys::OneTimeAddress, point::coordinates, poseidon, Base, Point, Scalar};
use ark_ff::{BigInteger, PrimeField};

/// The leaf of a note addressed to `pkr` committing to `asset_cm`.
pub fn leaf(pkr: &OneTimeAddress, asset_cm: &Point) -> Base {
	let (zx, zy) = coordinates(pkr.zpk_r());
	let (vx, vy) = coordinates(pkr.vpk_r());
	let (bx, by) = coordinates(pkr.base_r());
	let (cx, cy) = coordinates(asset_cm);
	poseidon::hash8(&[zx, zy, vx, vy, bx, by, cx, cy])
}

/// `nil = Poseidon(vskr, leaf, position)`.
pub fn nil(vskr: &Scalar, leaf: Base, position: u64) -> Base {
	poseidon::hash3(scalar_to_base(vskr), leaf, Base::from(position))
}

/// A scalar as a field element: the same integer (the group order is below the modulus).
pub fn scalar_to_base(s: &Scalar) -> Base {
	Base::from_le_bytes_mod_order(&s.into_bigint().to_bytes_le())
}
