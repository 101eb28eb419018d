//! Poseidon as an R1CS gadget: the same permutation as [`super::Params::permute`], with
//! three constraints per S-box (`x²`, `x⁴`, `x⁵`); round constants and the MDS matrix are
//! linear and cost nothing.

use super::Params;
use crate::Base;
use ark_ff::Zero;
use ark_r1cs_std::{
	fields::fp::{AllocatedFp, FpVar},
	prelude::*,
};
use ark_relations::gr1cs::{ConstraintSystemRef, LinearCombination, SynthesisError, Variable};

/// A field element in the circuit.
pub type BaseVar = FpVar<Base>;

impl<const T: usize, const N: usize> Params<T, N> {
	/// The permutation of `state` in the circuit.
	pub fn permute_var(&self, state: &mut [BaseVar; T]) -> Result<(), SynthesisError> {
		for (s, c) in state.iter_mut().zip(&self.ark[..T]) {
			*s += *c;
		}
		for round in 0..self.rounds() {
			if self.is_full_round(round) {
				for s in state.iter_mut() {
					*s = sbox(s)?;
				}
			} else {
				state[0] = sbox(&state[0])?;
			}
			*state = self.mix(state, self.ark.get((round + 1) * T..(round + 2) * T))?;
		}
		Ok(())
	}

	/// `M·state`, plus the next round's constants if any: each element one linear
	/// combination, built at once rather than by `2T − 1` additions and scalings (the
	/// constraints are the same; synthesis is faster).
	fn mix(
		&self,
		state: &[BaseVar; T],
		constants: Option<&[Base]>,
	) -> Result<[BaseVar; T], SynthesisError> {
		let constant = |i: usize| constants.map_or(Base::zero(), |c| c[i]);
		let values: Option<Vec<Base>> = state.iter().map(|s| s.value().ok()).collect();
		let value = |i: usize| {
			values
				.as_ref()
				.map(|v| self.mds[i].iter().zip(v).map(|(m, v)| *m * v).sum::<Base>() + constant(i))
		};
		let cs = state.iter().fold(ConstraintSystemRef::None, |cs, s| cs.or(s.cs()));
		if cs.is_none() {
			let values = values.ok_or(SynthesisError::AssignmentMissing)?;
			return Ok(core::array::from_fn(|i| {
				BaseVar::Constant(
					self.mds[i].iter().zip(&values).map(|(m, v)| *m * v).sum::<Base>()
						+ constant(i),
				)
			}));
		}
		let mut mixed = Vec::with_capacity(T);
		for i in 0..T {
			let variable = cs.new_lc(|| {
				let mut terms = Vec::with_capacity(T + 1);
				let mut constant_term = constant(i);
				for (m, s) in self.mds[i].iter().zip(state) {
					match s {
						BaseVar::Constant(c) => constant_term += *m * c,
						BaseVar::Var(v) => terms.push((*m, v.variable)),
					}
				}
				terms.push((constant_term, Variable::One));
				LinearCombination::from_sum_coeff_vars(&terms)
			})?;
			mixed.push(BaseVar::Var(AllocatedFp::new(value(i), variable, cs.clone())));
		}
		mixed.try_into().map_err(|_| SynthesisError::Unsatisfiable)
	}

	/// Poseidon of `T - 1` inputs in the circuit.
	pub fn hash_var(&self, inputs: &[BaseVar]) -> Result<BaseVar, SynthesisError> {
		if inputs.len() + 1 != T {
			return Err(SynthesisError::Unsatisfiable);
		}
		let mut state: [BaseVar; T] = core::array::from_fn(|i| match i {
			0 => BaseVar::zero(),
			i => inputs[i - 1].clone(),
		});
		self.permute_var(&mut state)?;
		Ok(state[0].clone())
	}
}

fn sbox(x: &BaseVar) -> Result<BaseVar, SynthesisError> {
	let x2 = x.square()?;
	let x4 = x2.square()?;
	Ok(x4 * x)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::poseidon::{params1, params2, params3, params8};
	use ark_relations::gr1cs::ConstraintSystem;

	fn agrees<const T: usize, const N: usize>(params: &Params<T, N>) -> usize {
		let cs = ConstraintSystem::<Base>::new_ref();
		let inputs: Vec<Base> = (0..T as u64 - 1).map(|i| Base::from(i * 31 + 1)).collect();
		let vars: Vec<BaseVar> =
			inputs.iter().map(|x| BaseVar::new_witness(cs.clone(), || Ok(*x)).unwrap()).collect();
		let out = params.hash_var(&vars).unwrap();
		assert_eq!(out.value().unwrap(), params.hash(&inputs));
		assert!(cs.is_satisfied().unwrap());
		cs.num_constraints()
	}

	/// 3 constraints per S-box: `T` per full round, 1 per partial round, except the first
	/// round's S-box on the constant capacity element.
	#[test]
	fn gadget_agrees_with_native() {
		assert_eq!(agrees(params1()), 3 * (8 * 2 + 56) - 3);
		assert_eq!(agrees(params2()), 3 * (8 * 3 + 57) - 3);
		assert_eq!(agrees(params3()), 3 * (8 * 4 + 56) - 3);
		assert_eq!(agrees(params8()), 3 * (8 * 9 + 63) - 3);
	}
}
