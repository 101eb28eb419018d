//! Hashing onto Baby Jubjub's prime-order subgroup (SPEC §2, §4).
//!
//! `HashToCurve(m) = 8 · Elligator2(Poseidon(m))`:
//!
//! 1. `t = Poseidon(m)` (width 2);
//! 2. Elligator 2 on the Montgomery form `B·v² = u³ + A·u² + u` (A = 168698, B = 168700,
//!    non-square `Z = 5`): `x₁ = −A / (1 + Z·t²)`, `g(u) = (u³ + A·u² + u) / B`. If `g(x₁)` is
//!    a square the point is `(x₁, √g(x₁))`, otherwise `(Z·t²·x₁, t·√(Z·g(x₁)))`, which is on
//!    the curve because `g(Z·t²·x₁) = Z·t²·g(x₁)`. The root is chosen with an even `v`.
//!    The point is mapped to the twisted Edwards form by `x = u / v`, `y = (u − 1)/(u + 1)`;
//! 3. multiplying by the cofactor 8 lands in the prime-order subgroup.
//!
//! **Why it is sound for asset bases.** Elligator 2 is a deterministic function of `t`
//! (the square test leaves one branch; the parity rule one root), and `t` is a random-oracle
//! output, so the bases of distinct ids are independent random points of the group: nobody
//! knows a discrete-log relation between two of them, or between one and `G_r`. Asset bases
//! are *not* multiples of a fixed point or sums of fixed points, which is what would let a
//! prover turn one asset into another. The gadget in [`constraints`] recomputes every step
//! (both branches constrained by `w² = g(x₁)·(b ? 1 : Z)`, the root's parity by a
//! canonical bit decomposition), so a proof can only use the base of the id it commits to.
//!
//! `1 + Z·t² ≠ 0` always: `−1` is a square in this field and `Z` is not, so `−1/Z` is no
//! square `t²`. The map fails (returns `None`) only where `v = 0`, `u = −1` or the result
//! is the identity: for a handful of `t` out of 2²⁵⁴, never for a registered asset (the
//! registry checks) or a fixed generator.

#[cfg(feature = "r1cs")]
pub mod constraints;

use crate::{poseidon, Base, Point};
use ark_ec::AffineRepr;
use ark_ff::{BigInteger, Field, MontFp, PrimeField};

/// `A` of the Montgomery form `B·v² = u³ + A·u² + u`.
pub const MONT_A: Base = MontFp!("168698");
/// `B` of the Montgomery form.
pub const MONT_B: Base = MontFp!("168700");
/// The non-square of Elligator 2.
pub const Z: Base = MontFp!("5");

/// Elligator 2 of `t`, in twisted Edwards form, before the cofactor is cleared.
pub fn map_to_curve(t: Base) -> Option<Point> {
	let one = Base::ONE;
	let zt2 = Z * t.square();
	let x1 = -MONT_A / (one + zt2);
	let gx1 = montgomery_rhs(x1);
	let (u, v) = match gx1.sqrt() {
		Some(w) => (x1, w),
		None => (zt2 * x1, t * (Z * gx1).sqrt()?),
	};
	let v = if is_odd(v) { -v } else { v };
	let x = u * v.inverse()?;
	let y = (u - one) * (u + one).inverse()?;
	let point = Point::new_unchecked(x, y);
	debug_assert!(point.is_on_curve());
	Some(point)
}

/// `g(u) = (u³ + A·u² + u) / B`: `v²` of the Montgomery point with abscissa `u`.
pub fn montgomery_rhs(u: Base) -> Base {
	(u * (u * (u + MONT_A) + Base::ONE)) * MONT_B.inverse().expect("B is not zero")
}

/// Whether the canonical integer of `x` is odd: the sign rule of the map.
pub fn is_odd(x: Base) -> bool {
	x.into_bigint().is_odd()
}

/// `HashToCurve(m)`: a point of the prime-order subgroup, never the identity.
pub fn hash_to_curve(m: Base) -> Option<Point> {
	let point = map_to_curve(poseidon::hash1(m))?.mul_by_cofactor();
	(!point.is_zero()).then_some(point)
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ec::{CurveGroup, PrimeGroup};

	#[test]
	fn lands_in_the_prime_order_subgroup() {
		for m in 0..64u64 {
			let p = hash_to_curve(Base::from(m)).expect("the map fails for no small input");
			assert!(p.is_on_curve());
			assert!(p.is_in_correct_subgroup_assuming_on_curve());
			assert!(!p.is_zero());
		}
	}

	#[test]
	fn both_branches_are_taken() {
		let (mut square, mut non_square) = (0, 0);
		for m in 0..64u64 {
			let t = poseidon::hash1(Base::from(m));
			let x1 = -MONT_A / (Base::ONE + Z * t.square());
			if montgomery_rhs(x1).sqrt().is_some() {
				square += 1
			} else {
				non_square += 1
			}
		}
		assert!(square > 10 && non_square > 10, "{square} / {non_square}");
	}

	#[test]
	fn z_is_a_non_square_and_the_montgomery_form_matches() {
		assert!(Z.sqrt().is_none());
		assert!((-Base::ONE).sqrt().is_some());
		// A twisted Edwards `a·x² + y² = 1 + d·x²·y²` has Montgomery A = 2(a+d)/(a−d), B = 4/(a−d).
		use ark_ec::twisted_edwards::TECurveConfig;
		type Config = ark_ed_on_bn254::EdwardsConfig;
		let (a, d) = (Config::COEFF_A, Config::COEFF_D);
		assert_eq!(MONT_A, (a + d) * Base::from(2u64) / (a - d));
		assert_eq!(MONT_B, Base::from(4u64) / (a - d));
	}

	#[test]
	fn outputs_are_distinct_and_unrelated_to_the_standard_generator() {
		let g = ark_ed_on_bn254::EdwardsProjective::generator().into_affine();
		let points: Vec<Point> =
			(0..32u64).map(|m| hash_to_curve(Base::from(m)).unwrap()).collect();
		for (i, p) in points.iter().enumerate() {
			assert_ne!(*p, g);
			for q in &points[i + 1..] {
				assert_ne!(p, q);
				assert_ne!(*p, -*q);
			}
		}
	}
}
