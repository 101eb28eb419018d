//! `HashToCurve` as a gadget: every step of [`super::hash_to_curve`] recomputed and
//! constrained, so the point is a function of the input (soundness argument in
//! [`super`]). 883 constraints.

use super::{MONT_A, MONT_B, Z};
use crate::{
	poseidon::{self, constraints::BaseVar},
	Base,
};
use ark_ed_on_bn254::constraints::EdwardsVar;
use ark_ff::Field;
use ark_r1cs_std::prelude::*;
use ark_relations::gr1cs::SynthesisError;

/// `HashToCurve(m)` in the circuit.
pub fn hash_to_curve_var(m: &BaseVar) -> Result<EdwardsVar, SynthesisError> {
	let mut point = map_to_curve_var(&poseidon::params1().hash_var(core::slice::from_ref(m))?)?;
	for _ in 0..3 {
		point.double_in_place()?;
	}
	Ok(point)
}

/// Elligator 2 of `t` in the circuit (twisted Edwards form, cofactor not cleared).
pub fn map_to_curve_var(t: &BaseVar) -> Result<EdwardsVar, SynthesisError> {
	map_to_curve_var_with(t, Hint::honest)
}

/// The values the prover supplies to the map: everything else is computed from them.
#[derive(Clone, Copy, Default)]
struct Hint {
	/// Whether `g(x₁)` is a square.
	is_square: bool,
	/// `√g(x₁)` or `√(Z·g(x₁))`.
	w: Base,
	/// `v` with the sign rule applied.
	v: Base,
}

impl Hint {
	fn honest(t: Base) -> Self {
		let x1 = -MONT_A / (Base::ONE + Z * t.square());
		let gx1 = super::montgomery_rhs(x1);
		let (is_square, w) = match gx1.sqrt() {
			Some(w) => (true, w),
			None => (false, (gx1 * Z).sqrt().unwrap_or_default()),
		};
		let v = if is_square { w } else { t * w };
		Self { is_square, w, v: if super::is_odd(v) { -v } else { v } }
	}
}

fn map_to_curve_var_with(
	t: &BaseVar,
	hint: impl Fn(Base) -> Hint,
) -> Result<EdwardsVar, SynthesisError> {
	let cs = t.cs();
	let one = Base::ONE;
	let hint = t.value().map(hint);
	let zt2 = t.square()? * Z;

	// x₁ = −A / (1 + Z·t²)
	let x1 = BaseVar::new_witness(cs.clone(), || Ok(-MONT_A / (one + zt2.value()?)))?;
	x1.mul_equals(&(&zt2 + one), &BaseVar::constant(-MONT_A))?;

	// g(x₁)·B = x₁·(x₁·(x₁ + A) + 1)
	let gx1 = BaseVar::new_witness(cs.clone(), || Ok(super::montgomery_rhs(x1.value()?)))?;
	let inner = &x1 * (&x1 + MONT_A) + one;
	x1.mul_equals(&inner, &(&gx1 * MONT_B))?;

	// b: whether g(x₁) is a square; w² = g(x₁)·(b ? 1 : Z). Exactly one of the two
	// equations has a solution when g(x₁) ≠ 0, so b is not the prover's choice.
	let is_square = Boolean::new_witness(cs.clone(), || Ok(hint?.is_square))?;
	let w = BaseVar::new_witness(cs.clone(), || Ok(hint?.w))?;
	let factor = is_square.select(&BaseVar::one(), &BaseVar::constant(Z))?;
	w.mul_equals(&w, &(&gx1 * &factor))?;

	// (u, v) = b ? (x₁, w) : (Z·t²·x₁, t·w)
	let u = is_square.select(&x1, &(&zt2 * &x1))?;
	let v_any = is_square.select(&w, &(t * &w))?;

	// The root with an even canonical integer: v = ±v_any, bit 0 of v clear.
	let v = BaseVar::new_witness(cs.clone(), || Ok(hint?.v))?;
	(&v - &v_any).mul_equals(&(&v + &v_any), &BaseVar::zero())?;
	let bits = v.to_bits_le()?;
	bits[0].enforce_equal(&Boolean::FALSE)?;

	// Twisted Edwards: x·v = u, y·(u + 1) = u − 1.
	let x = BaseVar::new_witness(cs.clone(), || Ok(u.value()? / v.value()?))?;
	x.mul_equals(&v, &u)?;
	let y = BaseVar::new_witness(cs.clone(), || {
		let u = u.value()?;
		Ok((u - one) / (u + one))
	})?;
	y.mul_equals(&(&u + one), &(&u - one))?;
	Ok(EdwardsVar::new(x, y))
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::hash_to_curve::hash_to_curve;
	use ark_ec::CurveGroup;
	use ark_relations::gr1cs::ConstraintSystem;

	#[test]
	fn gadget_agrees_with_native_on_both_branches() {
		for m in 0..16u64 {
			let cs = ConstraintSystem::<Base>::new_ref();
			let m_var = BaseVar::new_witness(cs.clone(), || Ok(Base::from(m))).unwrap();
			let point = hash_to_curve_var(&m_var).unwrap();
			assert_eq!(point.value().unwrap().into_affine(), hash_to_curve(Base::from(m)).unwrap());
			assert!(cs.is_satisfied().unwrap());
			if m == 0 {
				println!("HashToCurve gadget: {} constraints", cs.num_constraints());
			}
		}
	}

	fn satisfied_with(t: u64, hint: impl Fn(Base) -> Hint) -> bool {
		let cs = ConstraintSystem::<Base>::new_ref();
		let t = BaseVar::new_witness(cs.clone(), || Ok(Base::from(t))).unwrap();
		let _point = map_to_curve_var_with(&t, hint).unwrap();
		cs.is_satisfied().unwrap()
	}

	/// The other square root would give `−B(id)`: a commitment to a negative amount.
	#[test]
	fn the_other_root_is_rejected() {
		for t in 1..8 {
			assert!(satisfied_with(t, Hint::honest));
			assert!(!satisfied_with(t, |t| {
				let h = Hint::honest(t);
				Hint { v: -h.v, ..h }
			}));
		}
	}

	/// Claiming the other branch of the square test has no witness.
	#[test]
	fn the_other_branch_is_rejected() {
		for t in 1..8 {
			assert!(!satisfied_with(t, |t| {
				let h = Hint::honest(t);
				let other = if h.is_square { Base::from(3u64) } else { h.w };
				Hint { is_square: !h.is_square, w: other, v: h.v }
			}));
		}
	}
}
