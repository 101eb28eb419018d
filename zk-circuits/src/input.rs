//! The input circuit (SPEC §5).
//!
//! Public: `anchor`, `nil`, `asset_cm'` and `zpka` (six field elements). Secret: the note
//! (its PKr and `asset_cm`), its position and authentication path, `vskr`, the re-blinding
//! `δ` and the key randomiser `a`. Proves:
//!
//! 1. `VPKr = vskr·G` — the prover owns the note (computed here, then hashed into the leaf);
//! 2. `leaf = Poseidon(ZPKr, VPKr, BASEr, asset_cm)` is at `position` in the tree whose
//!    root is `anchor`;
//! 3. `nil = Poseidon(vskr, leaf, position)` with `vskr` < the group order, so each note
//!    has exactly one nullifier: spending it twice repeats `nil`;
//! 4. `asset_cm' = asset_cm + δ·G_r` — the balance is checked on `asset_cm'`, which does not
//!    reveal which leaf is spent;
//! 5. `zpka = ZPKr + a·G` — the spend is authorised by a signature under `zpka` with
//!    `zskr + a`, which only the holder of `zsk` can make (a TK holder cannot).

use crate::{
	gadgets::{self, canonical_scalar_bits, coordinates, fixed_base_mul, SCALAR_BITS},
	output::{add, point_var, public_point},
};
use ark_ec::CurveGroup;
use ark_r1cs_std::{fields::fp::FpVar, prelude::*};
use ark_relations::gr1cs::{ConstraintSynthesizer, ConstraintSystemRef, SynthesisError};
use sero_crypto::{
	generators::{G, G_R},
	keys::{self, OneTimeAddress},
	note, poseidon,
	tree::{AuthPath, DEPTH},
	Base, Point, Scalar,
};

/// What an input proof proves to the chain.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct InputStatement {
	/// A root of the witness tree.
	pub anchor: Base,
	/// The spent note's nullifier.
	pub nil: Base,
	/// The re-blinded asset commitment `asset_cm'`.
	pub asset_cm: Point,
	/// The randomised spend key.
	pub zpka: Point,
}

impl InputStatement {
	/// The public inputs, in the circuit's order.
	pub fn public_inputs(&self) -> Vec<Base> {
		let [cx, cy] = coordinates(&self.asset_cm);
		let [zx, zy] = coordinates(&self.zpka);
		vec![self.anchor, self.nil, cx, cy, zx, zy]
	}
}

/// The secrets of one input.
#[derive(Clone, Debug)]
pub struct InputWitness {
	/// The note's one-time address.
	pub pkr: OneTimeAddress,
	/// The note's asset commitment, as in the leaf.
	pub asset_cm: Point,
	/// The note's position and path.
	pub path: AuthPath,
	/// The owner's `vskr` for `pkr`.
	pub vskr: Scalar,
	/// The re-blinding `δ`.
	pub delta: Scalar,
	/// The spend-key randomiser `a`.
	pub a: Scalar,
}

impl InputWitness {
	/// The leaf of the spent note.
	pub fn leaf(&self) -> Base {
		note::leaf(&self.pkr, &self.asset_cm)
	}

	/// The statement these secrets prove.
	pub fn statement(&self) -> InputStatement {
		let leaf = self.leaf();
		InputStatement {
			anchor: self.path.root(leaf),
			nil: note::nil(&self.vskr, leaf, self.path.position),
			asset_cm: add(&self.asset_cm, &(G_R * self.delta).into_affine()),
			zpka: add(self.pkr.zpk_r(), &keys::mul_g(&self.a)),
		}
	}
}

/// The circuit; without values for the setup.
#[derive(Clone, Default)]
pub struct InputCircuit {
	statement: Option<InputStatement>,
	witness: Option<InputWitness>,
}

impl InputCircuit {
	/// The circuit with no values: the shape the setup needs.
	pub fn blank() -> Self {
		Self::default()
	}

	/// The circuit proving `statement` from `witness`.
	pub fn new(statement: InputStatement, witness: InputWitness) -> Self {
		Self { statement: Some(statement), witness: Some(witness) }
	}
}

fn witness_base(
	cs: &ConstraintSystemRef<Base>,
	value: Option<Base>,
) -> Result<FpVar<Base>, SynthesisError> {
	FpVar::new_witness(cs.clone(), || value.ok_or(SynthesisError::AssignmentMissing))
}

fn witness_point(
	cs: &ConstraintSystemRef<Base>,
	point: Option<&Point>,
) -> Result<[FpVar<Base>; 2], SynthesisError> {
	let xy = point.map(coordinates);
	Ok([witness_base(cs, xy.map(|c| c[0]))?, witness_base(cs, xy.map(|c| c[1]))?])
}

impl ConstraintSynthesizer<Base> for InputCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Base>) -> Result<(), SynthesisError> {
		let statement = self.statement;
		let w = self.witness.as_ref();
		let missing = || SynthesisError::AssignmentMissing;

		let anchor =
			FpVar::new_input(cs.clone(), || statement.map(|s| s.anchor).ok_or_else(missing))?;
		let nil = FpVar::new_input(cs.clone(), || statement.map(|s| s.nil).ok_or_else(missing))?;
		let [cm_out_x, cm_out_y] = public_point(&cs, statement.map(|s| s.asset_cm))?;
		let [zpka_x, zpka_y] = public_point(&cs, statement.map(|s| s.zpka))?;

		// 1. VPKr = vskr·G, vskr canonical.
		let vskr_bits = canonical_scalar_bits(&cs, w.map(|w| w.vskr))?;
		let vpk_r = fixed_base_mul(&G, &vskr_bits)?;

		// 2. The leaf, at `position` under `anchor`.
		let [zx, zy] = witness_point(&cs, w.map(|w| w.pkr.zpk_r()))?;
		let [bx, by] = witness_point(&cs, w.map(|w| w.pkr.base_r()))?;
		let [cx, cy] = witness_point(&cs, w.map(|w| &w.asset_cm))?;
		let leaf = poseidon::params8().hash_var(&[
			zx.clone(),
			zy.clone(),
			vpk_r.x.clone(),
			vpk_r.y.clone(),
			bx,
			by,
			cx.clone(),
			cy.clone(),
		])?;
		let position_bits =
			gadgets::witness_bits(&cs, w.map(|w| Base::from(w.path.position)), DEPTH)?;
		let mut node = leaf.clone();
		for (level, is_right) in position_bits.iter().enumerate() {
			let sibling = witness_base(&cs, w.map(|w| w.path.siblings[level]))?;
			let left = is_right.select(&sibling, &node)?;
			let right = &node + &sibling - &left;
			node = poseidon::params2().hash_var(&[left, right])?;
		}
		node.enforce_equal(&anchor)?;

		// 3. nil = Poseidon(vskr, leaf, position).
		let vskr = Boolean::le_bits_to_fp(&vskr_bits)?;
		let position = Boolean::le_bits_to_fp(&position_bits)?;
		poseidon::params3().hash_var(&[vskr, leaf, position])?.enforce_equal(&nil)?;

		// 4. asset_cm' = asset_cm + δ·G_r.
		let delta_bits = gadgets::witness_bits(&cs, w.map(|w| w.delta), SCALAR_BITS)?;
		let cm_out = point_var(cx, cy) + fixed_base_mul(&G_R, &delta_bits)?;
		cm_out.x.enforce_equal(&cm_out_x)?;
		cm_out.y.enforce_equal(&cm_out_y)?;

		// 5. zpka = ZPKr + a·G.
		let a_bits = gadgets::witness_bits(&cs, w.map(|w| w.a), SCALAR_BITS)?;
		let zpka = point_var(zx, zy) + fixed_base_mul(&G, &a_bits)?;
		zpka.x.enforce_equal(&zpka_x)?;
		zpka.y.enforce_equal(&zpka_y)?;
		Ok(())
	}
}

#[cfg(test)]
pub(crate) mod tests {
	use super::*;
	use ark_ff::UniformRand;
	use ark_relations::gr1cs::ConstraintSystem;
	use ark_std::rand::{rngs::StdRng, SeedableRng};
	use sero_crypto::{
		asset::{self, AssetId},
		keys::{Seed, SpendingKey},
	};

	/// A tree of a few notes and an honest witness for spending one of them.
	pub(crate) fn spend(position: u64) -> (SpendingKey, Vec<Base>, InputWitness) {
		let mut rng = StdRng::seed_from_u64(position);
		let owner = SpendingKey::from_seed(&Seed::from_bytes([position as u8; 32]));
		let pkr = owner.public_key().one_time_address(&mut rng);
		let asset_cm =
			asset::asset_cm(&AssetId::native().base().unwrap(), 100, &Scalar::rand(&mut rng));
		let mut leaves: Vec<Base> = (0..7u64).map(|i| Base::from(i + 1)).collect();
		leaves[position as usize] = note::leaf(&pkr, &asset_cm);
		let witness = InputWitness {
			pkr,
			asset_cm,
			path: AuthPath::from_leaves(&leaves, position).unwrap(),
			vskr: *owner.one_time_secret(&pkr).unwrap().vskr(),
			delta: Scalar::rand(&mut rng),
			a: Scalar::rand(&mut rng),
		};
		(owner, leaves, witness)
	}

	fn satisfied(statement: InputStatement, witness: InputWitness) -> bool {
		let cs = ConstraintSystem::<Base>::new_ref();
		InputCircuit::new(statement, witness).generate_constraints(cs.clone()).unwrap();
		cs.is_satisfied().unwrap()
	}

	#[test]
	fn constraint_count() {
		let (_, _, w) = spend(3);
		let cs = ConstraintSystem::<Base>::new_ref();
		InputCircuit::new(w.statement(), w).generate_constraints(cs.clone()).unwrap();
		assert!(cs.is_satisfied().unwrap());
		println!("input circuit: {} constraints", cs.num_constraints());
	}

	#[test]
	fn an_honest_spend_is_accepted() {
		for position in [0, 3, 6] {
			let (_, _, w) = spend(position);
			assert!(satisfied(w.statement(), w));
		}
	}

	#[test]
	fn a_wrong_merkle_path_is_rejected() {
		let (_, _, w) = spend(3);
		let statement = w.statement();
		let mut bad = w.clone();
		bad.path.siblings[4] += Base::from(1u64);
		assert!(!satisfied(statement, bad));
	}

	/// Another key's vskr: its VPKr is not the leaf's, whatever nil the prover claims.
	#[test]
	fn a_wrong_vskr_is_rejected() {
		let (_, _, w) = spend(3);
		let thief = InputWitness { vskr: w.vskr + Scalar::from(1u64), ..w.clone() };
		assert!(!satisfied(thief.statement(), thief.clone()));
		assert!(!satisfied(w.statement(), thief));
	}

	/// The same note claimed at another position: the nil of position 5 for the leaf at 3.
	#[test]
	fn a_nil_for_another_position_is_rejected() {
		let (_, leaves, w) = spend(3);
		let mut statement = w.statement();
		statement.nil = note::nil(&w.vskr, w.leaf(), 5);
		assert!(!satisfied(statement, w.clone()));
		// Nor can the path be moved to position 5 to match that nil: the anchor must stay a
		// root of the real tree.
		let mut moved = w.clone();
		moved.path = AuthPath { position: 5, ..AuthPath::from_leaves(&leaves, 3).unwrap() };
		let claimed = InputStatement { anchor: w.statement().anchor, ..moved.statement() };
		assert!(!satisfied(claimed, moved));
	}

	#[test]
	fn an_asset_cm_not_matching_the_leaf_is_rejected() {
		let (_, _, w) = spend(3);
		let other = asset::asset_cm(&AssetId::native().base().unwrap(), 1_000_000, &w.delta);
		let mut statement = w.statement();
		statement.asset_cm = add(&other, &(G_R * w.delta).into_affine());
		assert!(!satisfied(statement, w.clone()));
		// Swapping the note's commitment in the witness changes the leaf, which is then not
		// under the real anchor.
		let anchor = w.statement().anchor;
		let swapped = InputWitness { asset_cm: other, ..w };
		assert!(!satisfied(InputStatement { anchor, ..swapped.statement() }, swapped));
	}

	#[test]
	fn a_wrong_spend_key_is_rejected() {
		let (_, _, w) = spend(3);
		let mut statement = w.statement();
		statement.zpka = add(&statement.zpka, &G);
		assert!(!satisfied(statement, w));
	}
}
