//! The output circuit (SPEC §5).
//!
//! Public: `asset_cm` (two coordinates). Secret: the asset id, the value, the blinding `ar`.
//! Proves `asset_cm = value·B(id) + ar·G_r` where
//!
//! - `B(id) = HashToCurve(id)` is computed here, so the prover cannot pick a base with a
//!   known relation to another asset's (see `sero_crypto::hash_to_curve`);
//! - `value` is the sum of 128 constrained bits, so `value < 2¹²⁸`: the sum of at most a few
//!   thousand such values stays far below the group order, and no commitment hides a
//!   "negative" amount.

use crate::gadgets::{self, coordinates, fixed_base_mul, SCALAR_BITS};
use ark_ec::CurveGroup;
use ark_ed_on_bn254::constraints::EdwardsVar;
use ark_r1cs_std::{fields::fp::FpVar, prelude::*};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use sero_crypto::{
	asset::{self, AssetId},
	generators::G_R,
	hash_to_curve::constraints::hash_to_curve_var,
	Base, Point, Scalar,
};

/// The number of bits of a value.
pub const VALUE_BITS: usize = 128;

/// What an output proof proves to the chain.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct OutputStatement {
	/// `asset_cm`.
	pub asset_cm: Point,
}

impl OutputStatement {
	/// The public inputs, in the circuit's order.
	pub fn public_inputs(&self) -> Vec<Base> {
		coordinates(&self.asset_cm).to_vec()
	}
}

/// The secrets of one output.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct OutputWitness {
	/// The asset.
	pub asset: AssetId,
	/// The amount.
	pub value: u128,
	/// The blinding of `asset_cm`.
	pub ar: Scalar,
}

impl OutputWitness {
	/// The statement these secrets prove; `None` for an id without a base.
	pub fn statement(&self) -> Option<OutputStatement> {
		Some(OutputStatement {
			asset_cm: asset::asset_cm(&self.asset.base()?, self.value, &self.ar),
		})
	}
}

/// The circuit; without values for the setup.
#[derive(Clone, Default)]
pub struct OutputCircuit {
	statement: Option<OutputStatement>,
	asset_id: Option<Base>,
	value: Option<Base>,
	ar: Option<Scalar>,
}

impl OutputCircuit {
	/// The circuit with no values: the shape the setup needs.
	pub fn blank() -> Self {
		Self::default()
	}

	/// The circuit proving `statement` from `witness`.
	pub fn new(statement: OutputStatement, witness: &OutputWitness) -> Self {
		Self {
			statement: Some(statement),
			asset_id: Some(witness.asset.to_base()),
			value: Some(Base::from(witness.value)),
			ar: Some(witness.ar),
		}
	}
}

impl ConstraintSynthesizer<Base> for OutputCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Base>) -> Result<(), SynthesisError> {
		let [cm_x, cm_y] = public_point(&cs, self.statement.map(|s| s.asset_cm))?;

		let id = FpVar::new_witness(cs.clone(), || {
			self.asset_id.ok_or(SynthesisError::AssignmentMissing)
		})?;
		let base = hash_to_curve_var(&id)?;

		// value = Σ bitᵢ·2ⁱ over 128 bits.
		let value =
			FpVar::new_witness(cs.clone(), || self.value.ok_or(SynthesisError::AssignmentMissing))?;
		let value_bits = gadgets::witness_bits(&cs, self.value, VALUE_BITS)?;
		Boolean::le_bits_to_fp(&value_bits)?.enforce_equal(&value)?;

		let ar_bits = gadgets::witness_bits(&cs, self.ar, SCALAR_BITS)?;
		let asset_cm = base.scalar_mul_le(value_bits.iter())? + fixed_base_mul(&G_R, &ar_bits)?;
		asset_cm.x.enforce_equal(&cm_x)?;
		asset_cm.y.enforce_equal(&cm_y)?;
		Ok(())
	}
}

/// Allocates a point's coordinates as public inputs.
pub(crate) fn public_point(
	cs: &ConstraintSystemRef<Base>,
	point: Option<Point>,
) -> Result<[FpVar<Base>; 2], SynthesisError> {
	let xy = point.map(|p| coordinates(&p));
	let x =
		FpVar::new_input(cs.clone(), || xy.map(|c| c[0]).ok_or(SynthesisError::AssignmentMissing))?;
	let y =
		FpVar::new_input(cs.clone(), || xy.map(|c| c[1]).ok_or(SynthesisError::AssignmentMissing))?;
	Ok([x, y])
}

/// The point `(x, y)` as a circuit variable (coordinates already constrained elsewhere).
pub(crate) fn point_var(x: FpVar<Base>, y: FpVar<Base>) -> EdwardsVar {
	EdwardsVar::new(x, y)
}

/// Adds two points natively.
pub(crate) fn add(a: &Point, b: &Point) -> Point {
	(*a + *b).into_affine()
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ff::UniformRand;
	use ark_relations::gr1cs::ConstraintSystem;
	use ark_std::rand::{rngs::StdRng, SeedableRng};

	fn satisfied(circuit: OutputCircuit) -> bool {
		let cs = ConstraintSystem::<Base>::new_ref();
		circuit.generate_constraints(cs.clone()).unwrap();
		cs.is_satisfied().unwrap()
	}

	fn witness(asset: AssetId, value: u128) -> OutputWitness {
		OutputWitness { asset, value, ar: Scalar::rand(&mut StdRng::seed_from_u64(value as u64)) }
	}

	#[test]
	fn constraint_count() {
		let cs = ConstraintSystem::<Base>::new_ref();
		let w = witness(AssetId::native(), 5);
		OutputCircuit::new(w.statement().unwrap(), &w).generate_constraints(cs.clone()).unwrap();
		assert!(cs.is_satisfied().unwrap());
		println!("output circuit: {} constraints", cs.num_constraints());
	}

	#[test]
	fn honest_outputs_are_accepted() {
		for (asset, value) in [
			(AssetId::native(), 0),
			(AssetId::native(), 1),
			(AssetId::token(b"GOLD").unwrap(), u128::MAX),
			(AssetId::ticket(b"CAT", &[9; 32]).unwrap(), 1),
		] {
			let w = witness(asset, value);
			assert!(satisfied(OutputCircuit::new(w.statement().unwrap(), &w)), "{value}");
		}
	}

	/// value = 2¹²⁸ has no 128-bit decomposition, even with the commitment made to match.
	#[test]
	fn a_value_of_2_pow_128_is_rejected() {
		let w = witness(AssetId::native(), 0);
		let too_big = Base::from(u128::MAX) + Base::from(1u64);
		let base = AssetId::native().base().unwrap();
		let asset_cm = (base * Scalar::from(u128::MAX) + base + G_R * w.ar).into_affine();
		let mut circuit = OutputCircuit::new(OutputStatement { asset_cm }, &w);
		circuit.value = Some(too_big);
		assert!(!satisfied(circuit));
	}

	/// A commitment with the base of asset B cannot be proven from the id of asset A, nor
	/// can a base made of A's and B's.
	#[test]
	fn a_forged_asset_base_is_rejected() {
		let (a, b) = (AssetId::native(), AssetId::token(b"GOLD").unwrap());
		let w = witness(a, 10);
		let (base_a, base_b) = (a.base().unwrap(), b.base().unwrap());
		for forged_base in
			[base_b, add(&base_a, &base_b), (base_a * Scalar::from(2u64)).into_affine()]
		{
			let asset_cm = asset::asset_cm(&forged_base, 10, &w.ar);
			assert!(!satisfied(OutputCircuit::new(OutputStatement { asset_cm }, &w)));
		}
		// The same statement with the id of B is fine: it is an honest output of B.
		let wb = OutputWitness { asset: b, ..w };
		assert!(satisfied(OutputCircuit::new(wb.statement().unwrap(), &wb)));
	}

	#[test]
	fn a_wrong_blinding_or_value_is_rejected() {
		let w = witness(AssetId::native(), 10);
		let statement = w.statement().unwrap();
		assert!(!satisfied(OutputCircuit::new(
			statement,
			&OutputWitness { value: 11, ..w.clone() }
		)));
		let ar = w.ar + Scalar::from(1u64);
		assert!(!satisfied(OutputCircuit::new(statement, &OutputWitness { ar, ..w })));
	}
}
