//! Soundness of the input and output circuits, one constraint family at a time.
//!
//! Every test synthesises the FULL circuit (`InputCircuit` / `OutputCircuit`) and shows the
//! constraint system unsatisfied for a witness that is honest except for exactly one
//! constraint family, and that the unsatisfied constraints are exactly that family's. Each
//! family's test starts from, or is paired with, an honest control that satisfies.
//!
//! Two kinds of bad witness:
//!
//! - **through the API**: a statement or an `InputWitness` / `OutputWitness` that is wrong
//!   in one respect. The circuit computes every intermediate value honestly from it, so only
//!   the family's final check (an equality with a public input) can fail.
//! - **pinned**: what the witness types cannot express (a non-boolean bit, a value
//!   ≥ 2¹²⁸, `vskr + r`, a point the prover "claims" a gadget returned). The honest
//!   assignment is taken from the synthesised system, a few variables are pinned to the
//!   attacker's values, and every later variable a constraint defines is re-derived from
//!   them ([`R1cs::rederive`]), as a cheating prover who computes everything else honestly
//!   would. Only the pinned family can then be unsatisfied. No production code is changed.
//!
//! The R1CS checked is the one Groth16 proves: finalized (linear combinations inlined), with
//! the same optimisation goal as the prover, and equal to the setup-mode matrices the prover
//! uses ([`honest_inputs_satisfy_the_circuit_that_is_proven`]). Its verdict is taken from
//! ark-relations itself: the assignment is written back into the `ConstraintSystem` and
//! `is_satisfied` / `which_is_unsatisfied` are asked ([`R1cs::verdict`]); the harness's own
//! evaluation gives the whole set of unsatisfied constraints and must agree with it.
//!
//! | circuit | constraint family | test |
//! | --- | --- | --- |
//! | input | Merkle path (siblings, hashing, root = `anchor`) | `input_merkle_path_must_lead_to_the_anchor` |
//! | input | direction bits bind the path | `input_direction_bits_bind_the_path` |
//! | input | direction bits are boolean | `input_direction_bits_must_be_boolean` |
//! | input | leaf = Poseidon(ZPKr, VPKr, BASEr, asset_cm) | `input_leaf_binds_zpkr_and_asset_cm` |
//! | input | VPKr = vskr·G | `input_vpkr_must_be_vskr_times_g` |
//! | input | vskr < r (canonical range) | `input_vskr_must_be_canonical` |
//! | input | nil = Poseidon(vskr, leaf, position) | `input_nil_is_poseidon_of_vskr_leaf_and_position` |
//! | input | nil's position binding | `input_nil_is_bound_to_the_path_position` |
//! | input | asset_cm' = asset_cm + δ·G_r | `input_asset_cm_must_re_blind_the_leaf_commitment` |
//! | input | zpka = ZPKr + a·G | `input_zpka_must_randomise_the_leaf_spend_key` |
//! | input | δ's and a's bits are boolean | `input_delta_and_a_bits_must_be_boolean` |
//! | output | asset base B(id) computed in the circuit | `output_asset_base_is_computed_in_the_circuit` |
//! | output | value < 2¹²⁸ (value bits boolean) | `output_value_bits_must_be_boolean` |
//! | output | value = Σ bitᵢ·2ⁱ | `output_value_must_equal_its_bits` |
//! | output | asset_cm = value·B(id) + ar·G_r | `output_commitment_must_open_to_the_witness` |
//! | output | ar's bits are boolean | `output_ar_bits_must_be_boolean` |
//! | both | controls and the harness itself | `honest_inputs_satisfy_the_circuit_that_is_proven`, `honest_outputs_satisfy_the_circuit_that_is_proven`, `the_rederivation_recomputes_what_the_circuit_computes` |

use ark_ec::CurveGroup;
use ark_ff::{BigInteger, Field, PrimeField, UniformRand, Zero};
use ark_r1cs_std::{alloc::AllocVar, boolean::Boolean};
use ark_relations::gr1cs::{
	ConstraintSynthesizer, ConstraintSystem, ConstraintSystemRef, Matrix, OptimizationGoal,
	SynthesisError, SynthesisMode, R1CS_PREDICATE_LABEL,
};
use ark_std::rand::{rngs::StdRng, SeedableRng};
use sero_crypto::{
	asset::{self, AssetId},
	generators::{G, G_R},
	keys::{self, Seed, SpendingKey},
	note,
	point::coordinates,
	poseidon,
	tree::{AuthPath, DEPTH},
	Base, Point, Scalar,
};
use sero_zk::{
	input::{InputCircuit, InputStatement, InputWitness},
	output::{OutputCircuit, OutputStatement, OutputWitness, VALUE_BITS},
};
use std::{
	cmp::Reverse,
	collections::{BTreeMap, BTreeSet},
};

/// The bits of a Baby Jubjub scalar (`sero_zk`'s private `gadgets::SCALAR_BITS`).
const SCALAR_BITS: usize = 251;

/// The input circuit's public inputs, by column of the assignment (column 0 is the
/// constant 1): `InputStatement::public_inputs` order, checked in [`input_r1cs`].
const ANCHOR: usize = 1;
const NIL: usize = 2;
const CM: [usize; 2] = [3, 4];
const ZPKA: [usize; 2] = [5, 6];
/// The output circuit's: `asset_cm`.
const OUT_CM: [usize; 2] = [1, 2];

// ---------------------------------------------------------------------------------------
// The harness.
// ---------------------------------------------------------------------------------------

/// One synthesised circuit: its constraint system, the R1CS `(A·z)∘(B·z) = C·z` Groth16
/// proves (finalized: every linear combination inlined into rows over instance and witness
/// columns) and the synthesised assignment `z = (1, instances…, witnesses…)`.
struct R1cs {
	cs: ConstraintSystemRef<Base>,
	a: Matrix<Base>,
	b: Matrix<Base>,
	c: Matrix<Base>,
	/// The number of instance columns, the constant 1 included; witness `j` is column
	/// `instances + j`.
	instances: usize,
	z: Vec<Base>,
	/// For each column, the first constraint that mentions it (`usize::MAX` if none). A
	/// gadget allocates a variable and then enforces the constraint that defines it, so a
	/// variable's first constraint is its definition (a bit's: its booleanity).
	first_use: Vec<usize>,
}

/// Whether the attacker picks the public inputs too (they follow the cheating witness) or
/// they stay as synthesised.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Statement {
	Fixed,
	Free,
}

impl R1cs {
	fn new(circuit: impl ConstraintSynthesizer<Base>) -> Self {
		let cs = ConstraintSystem::<Base>::new_ref();
		cs.set_optimization_goal(OptimizationGoal::Constraints);
		circuit.generate_constraints(cs.clone()).expect("synthesis");
		let satisfied = cs.is_satisfied().unwrap();
		let first_failing = cs.which_is_unsatisfied().unwrap().map(|s| constraint_index(&s));
		cs.finalize();
		let mut abc = cs.to_matrices().unwrap().remove(R1CS_PREDICATE_LABEL).unwrap();
		assert_eq!(abc.len(), 3, "R1CS has three matrices");
		let c = abc.pop().unwrap();
		let b = abc.pop().unwrap();
		let a = abc.pop().unwrap();
		let instances = cs.num_instance_variables();
		let mut z = cs.instance_assignment().unwrap();
		z.extend(cs.witness_assignment().unwrap());
		let mut first_use = vec![usize::MAX; z.len()];
		for i in (0..a.len()).rev() {
			for m in [&a, &b, &c] {
				for &(_, column) in &m[i] {
					first_use[column] = i;
				}
			}
		}
		let r1cs = Self { cs, a, b, c, instances, z, first_use };
		// The harness's evaluation agrees with ark-relations' on the synthesised assignment.
		let unsatisfied = r1cs.unsatisfied(&r1cs.z);
		assert_eq!(unsatisfied.is_empty(), satisfied);
		assert_eq!(unsatisfied.first().copied(), first_failing);
		r1cs
	}

	fn len(&self) -> usize {
		self.a.len()
	}

	fn holds(&self, i: usize, z: &[Base]) -> bool {
		lc(&self.a[i], z) * lc(&self.b[i], z) == lc(&self.c[i], z)
	}

	/// Every constraint `z` does not satisfy.
	fn unsatisfied(&self, z: &[Base]) -> BTreeSet<usize> {
		(0..self.len()).filter(|&i| !self.holds(i, z)).collect()
	}

	/// The unsatisfied constraints of `z`, after asking ark-relations: `z` is written into
	/// the constraint system, whose `is_satisfied` and `which_is_unsatisfied` must agree.
	fn verdict(&self, z: &[Base]) -> BTreeSet<usize> {
		let unsatisfied = self.unsatisfied(z);
		{
			let mut cs = self.cs.borrow_mut().expect("a constraint system");
			cs.assignments.instance_assignment = z[..self.instances].to_vec();
			cs.assignments.witness_assignment = z[self.instances..].to_vec();
			// The cached values of the linear combinations are the synthesised witness's:
			// without them ark-relations evaluates the (inlined) combinations afresh.
			cs.assignments.lc_assignment.clear();
		}
		assert_eq!(self.cs.is_satisfied().unwrap(), unsatisfied.is_empty());
		let first = self.cs.which_is_unsatisfied().unwrap().map(|s| constraint_index(&s));
		assert_eq!(first, unsatisfied.first().copied(), "ark-relations' first failure");
		unsatisfied
	}

	fn columns(&self, i: usize) -> BTreeSet<usize> {
		[&self.a, &self.b, &self.c].iter().flat_map(|m| m[i].iter().map(|&(_, col)| col)).collect()
	}

	fn mentions(&self, i: usize, column: usize) -> bool {
		[&self.a, &self.b, &self.c].iter().any(|m| m[i].iter().any(|&(_, col)| col == column))
	}

	/// Whether `column` is a `Boolean` witness: its first constraint is its booleanity
	/// `(1 − b)·b = 0`, which mentions nothing else.
	fn is_bit(&self, column: usize) -> bool {
		let i = self.first_use[column];
		i != usize::MAX && self.c[i].is_empty() && self.columns(i) == BTreeSet::from([0, column])
	}

	/// The constraints that compare with the public inputs in `columns`.
	fn checks(&self, columns: &[usize]) -> BTreeSet<usize> {
		(0..self.len()).filter(|&i| columns.iter().any(|&col| self.mentions(i, col))).collect()
	}

	/// The witness columns whose synthesised value is `value`.
	fn witness_columns(&self, value: Base) -> Vec<usize> {
		(self.instances..self.z.len()).filter(|&col| self.z[col] == value).collect()
	}

	/// The first witness column whose synthesised value is `value`: where a random-looking
	/// value is first allocated.
	fn witness_column(&self, value: Base) -> usize {
		*self.witness_columns(value).first().expect("a witness with this value")
	}

	/// The assignment of a prover who sets the `pins` and computes everything else honestly.
	///
	/// Constraints are visited in order. One that fails is re-established by solving it for
	/// the variable it defines: among the variables it is the first to mention, not pinned,
	/// the last allocated (witnesses before instances, which only `Statement::Free` lets
	/// move), provided the constraint is linear in it. Gadget outputs (products, selections,
	/// additions, S-boxes) are defined so; a constraint left failing has no such variable: a
	/// check, a booleanity, or the definition of a pinned variable.
	fn rederive(&self, pins: &BTreeMap<usize, Base>, statement: Statement) -> Vec<Base> {
		let mut z = self.z.clone();
		for (&column, &value) in pins {
			z[column] = value;
		}
		for i in 0..self.len() {
			if self.holds(i, &z) {
				continue;
			}
			let mut fresh: Vec<usize> = self
				.columns(i)
				.into_iter()
				.filter(|&col| {
					col != 0
						&& self.first_use[col] == i
						&& !pins.contains_key(&col)
						&& (col >= self.instances || statement == Statement::Free)
				})
				.collect();
			fresh.sort_by_key(|&col| Reverse((col >= self.instances, col)));
			for col in fresh {
				if let Some(value) = self.solve(i, col, &z) {
					z[col] = value;
					assert!(self.holds(i, &z));
					break;
				}
			}
		}
		z
	}

	/// The value of `column` satisfying constraint `i` with the other variables as in `z`,
	/// if the constraint is linear in it and determines it.
	fn solve(&self, i: usize, column: usize, z: &[Base]) -> Option<Base> {
		let coefficient = |m: &Matrix<Base>| -> Base {
			m[i].iter().filter(|&&(_, col)| col == column).map(|&(k, _)| k).sum()
		};
		let (alpha, beta, gamma) =
			(coefficient(&self.a), coefficient(&self.b), coefficient(&self.c));
		let x = z[column];
		let a0 = lc(&self.a[i], z) - alpha * x;
		let b0 = lc(&self.b[i], z) - beta * x;
		let c0 = lc(&self.c[i], z) - gamma * x;
		// (a0 + αx)(b0 + βx) = c0 + γx
		let denominator = if beta.is_zero() {
			alpha * b0 - gamma
		} else if alpha.is_zero() {
			beta * a0 - gamma
		} else {
			return None;
		};
		denominator.inverse().map(|inverse| (c0 - a0 * b0) * inverse)
	}
}

fn lc(row: &[(Base, usize)], z: &[Base]) -> Base {
	row.iter().map(|&(k, col)| k * z[col]).sum()
}

/// The index in ark-relations' answer to `which_is_unsatisfied`: `"R1CS - <index>"` when no
/// tracing subscriber records constraint traces (none is installed here).
fn constraint_index(answer: &str) -> usize {
	answer
		.rsplit(" - ")
		.next()
		.and_then(|i| i.trim().parse().ok())
		.unwrap_or_else(|| panic!("unexpected answer from which_is_unsatisfied: {answer}"))
}

/// The matrices of `circuit` as the setup and `sero_zk::prover` build them.
fn setup_matrices(circuit: impl ConstraintSynthesizer<Base>) -> Vec<Matrix<Base>> {
	let cs = ConstraintSystem::<Base>::new_ref();
	cs.set_optimization_goal(OptimizationGoal::Constraints);
	cs.set_mode(SynthesisMode::Setup);
	circuit.generate_constraints(cs.clone()).unwrap();
	cs.finalize();
	cs.to_matrices().unwrap().remove(R1CS_PREDICATE_LABEL).unwrap()
}

fn same_matrices(r: &R1cs, setup: &[Matrix<Base>]) -> bool {
	setup.len() == 3 && r.a == setup[0] && r.b == setup[1] && r.c == setup[2]
}

/// The assignment of a prover who sets `bit` to 2 and computes everything after it
/// honestly, the statement following; asserts that the one failing constraint is that
/// bit's booleanity.
fn with_bit_set_to_two(r: &R1cs, bit: usize) -> Vec<Base> {
	let z = r.rederive(&BTreeMap::from([(bit, Base::from(2u64))]), Statement::Free);
	assert_eq!(r.verdict(&z), BTreeSet::from([r.first_use[bit]]));
	z
}

fn two_pow_128() -> Base {
	Base::from(u128::MAX) + Base::from(1u64)
}

// ---------------------------------------------------------------------------------------
// Honest witnesses and where their variables are.
// ---------------------------------------------------------------------------------------

/// A tree of seven random leaves holding, at `position`, a note of 100 SERO for the
/// account of `seed`, and the honest witness for spending it.
fn spend(seed: u8, position: u64) -> InputWitness {
	let mut rng = StdRng::seed_from_u64(u64::from(seed));
	let owner = SpendingKey::from_seed(&Seed::from_bytes([seed; 32]));
	let pkr = owner.public_key().one_time_address(&mut rng);
	let asset_cm =
		asset::asset_cm(&AssetId::native().base().unwrap(), 100, &Scalar::rand(&mut rng));
	let mut leaves: Vec<Base> = (0..7).map(|_| Base::rand(&mut rng)).collect();
	leaves[position as usize] = note::leaf(&pkr, &asset_cm);
	InputWitness {
		pkr,
		asset_cm,
		path: AuthPath::from_leaves(&leaves, position).unwrap(),
		vskr: *owner.one_time_secret(&pkr).unwrap().vskr(),
		delta: Scalar::rand(&mut rng),
		a: Scalar::rand(&mut rng),
	}
}

/// The input circuit for `statement` and `witness`, its public inputs where [`ANCHOR`],
/// [`NIL`], [`CM`] and [`ZPKA`] say.
fn input_r1cs(statement: InputStatement, witness: InputWitness) -> R1cs {
	let r = R1cs::new(InputCircuit::new(statement, witness));
	assert_eq!(r.instances, 7);
	assert_eq!(&r.z[1..r.instances], &statement.public_inputs()[..]);
	r
}

/// Where the input circuit's free witnesses are, found from their values and checked: the
/// 251 bits of vskr (the first witnesses), the six coordinates of ZPKr, BASEr and asset_cm
/// (from `zx`), the 32 position bits (the first bits after them).
struct InputColumns {
	zx: usize,
	position_bits: usize,
	/// The 251 bits of `δ`: the first bits after the position's.
	delta_bits: usize,
	/// The 251 bits of `a`: the first bits after `δ`'s.
	a_bits: usize,
}

impl InputColumns {
	fn locate(r: &R1cs, w: &InputWitness) -> Self {
		let vskr_bits = w.vskr.into_bigint().to_bits_le();
		for (k, bit) in vskr_bits.iter().take(SCALAR_BITS).enumerate() {
			assert!(r.is_bit(r.instances + k));
			assert_eq!(r.z[r.instances + k], Base::from(u64::from(*bit)), "vskr bit {k}");
		}
		let (zx, zy) = coordinates(w.pkr.zpk_r());
		let (bx, by) = coordinates(w.pkr.base_r());
		let (cx, cy) = coordinates(&w.asset_cm);
		let zx_column = r.witness_column(zx);
		assert_eq!(r.z[zx_column..zx_column + 6], [zx, zy, bx, by, cx, cy]);
		// The first bit allocated after the leaf hash's witnesses.
		let position_bits =
			(zx_column + 6..r.z.len()).find(|&col| r.is_bit(col)).expect("the position bits");
		for k in 0..DEPTH {
			let bit = (w.path.position >> k) & 1;
			assert!(r.is_bit(position_bits + k));
			assert_eq!(r.z[position_bits + k], Base::from(bit), "position bit {k}");
		}
		let scalar_bits = |after: usize, scalar: &Scalar| {
			let first = (after..r.z.len()).find(|&col| r.is_bit(col)).expect("a scalar's bits");
			for (k, bit) in scalar.into_bigint().to_bits_le().iter().take(SCALAR_BITS).enumerate() {
				assert!(r.is_bit(first + k));
				assert_eq!(r.z[first + k], Base::from(u64::from(*bit)), "scalar bit {k}");
			}
			first
		};
		let delta_bits = scalar_bits(position_bits + DEPTH, &w.delta);
		let a_bits = scalar_bits(delta_bits + SCALAR_BITS, &w.a);
		Self { zx: zx_column, position_bits, delta_bits, a_bits }
	}

	/// The leaf hash: from the first constraint on ZPKr.x (its first S-box) to the
	/// booleanity of the first position bit, allocated right after the hash.
	fn leaf_hash(&self, r: &R1cs) -> std::ops::Range<usize> {
		r.first_use[self.zx]..r.first_use[self.position_bits]
	}
}

/// `vskr` and the first 251 bits, as the circuit allocates them.
fn bits_251(value: &<Scalar as PrimeField>::BigInt) -> Vec<bool> {
	value.to_bits_le()[..SCALAR_BITS].to_vec()
}

/// The first gadget of the input circuit, alone: 251 witnessed bits and the range check
/// `canonical_scalar_bits` puts on them, for any bits (the circuit takes a `Scalar`, so it
/// only ever witnesses canonical ones).
struct CanonicalRange {
	bits: Vec<bool>,
}

impl ConstraintSynthesizer<Base> for CanonicalRange {
	fn generate_constraints(self, cs: ConstraintSystemRef<Base>) -> Result<(), SynthesisError> {
		let bits = self
			.bits
			.iter()
			.map(|&bit| Boolean::new_witness(cs.clone(), || Ok(bit)))
			.collect::<Result<Vec<_>, _>>()?;
		let mut order_minus_one = Scalar::MODULUS;
		order_minus_one.sub_with_borrow(&1u64.into());
		Boolean::enforce_smaller_or_equal_than_le(&bits, order_minus_one)?;
		Ok(())
	}
}

/// `prefix`'s constraints are the first of `r`'s, over the same witnesses (its witness `j`
/// is `r`'s witness `j`): the input circuit starts with exactly this gadget.
fn assert_prefix(r: &R1cs, prefix: &R1cs) {
	let column = |col: usize| if col == 0 { 0 } else { col - prefix.instances + r.instances };
	for i in 0..prefix.len() {
		for (p, m) in [(&prefix.a, &r.a), (&prefix.b, &r.b), (&prefix.c, &r.c)] {
			let mut expected: Vec<(usize, Base)> =
				p[i].iter().map(|&(k, col)| (column(col), k)).collect();
			let mut actual: Vec<(usize, Base)> = m[i].iter().map(|&(k, col)| (col, k)).collect();
			expected.sort();
			actual.sort();
			assert_eq!(expected, actual, "constraint {i}");
		}
	}
}

/// An honest spend whose vskr has a second 251-bit encoding: `vskr + r < 2²⁵¹` (about a
/// third of all keys).
fn spend_with_small_vskr() -> InputWitness {
	(0..=u8::MAX)
		.map(|seed| spend(seed, 3))
		.find(|w| {
			let mut shifted = w.vskr.into_bigint();
			!shifted.add_with_carry(&Scalar::MODULUS) && shifted.num_bits() as usize <= SCALAR_BITS
		})
		.expect("one key in three qualifies")
}

/// A value whose field element appears once in the output circuit's assignment.
const VALUE: u128 = 0x0123_4567_89ab_cdef_0f1e_2d3c_4b5a_6978;

fn honest_output(asset: AssetId) -> OutputWitness {
	OutputWitness { asset, value: VALUE, ar: Scalar::rand(&mut StdRng::seed_from_u64(7)) }
}

/// Where the output circuit's variables are: the coordinates of `B(id)` (the last doubling
/// of `hash_to_curve_var`), `value`, then its 128 bits, then the 251 bits of `ar`.
struct OutputColumns {
	base_x: usize,
	base_y: usize,
	value: usize,
}

impl OutputColumns {
	fn locate(r: &R1cs, w: &OutputWitness) -> Self {
		assert_eq!(r.instances, 3);
		assert_eq!(r.z[r.instances], w.asset.to_base(), "the id is the first witness");
		let values = r.witness_columns(Base::from(w.value));
		assert_eq!(values.len(), 1, "value is witnessed once");
		let value = values[0];
		for k in 0..VALUE_BITS {
			assert!(r.is_bit(value + 1 + k));
			assert_eq!(r.z[value + 1 + k], Base::from(((w.value >> k) & 1) as u64), "bit {k}");
		}
		let ar_bits = w.ar.into_bigint().to_bits_le();
		for (k, bit) in ar_bits.iter().take(SCALAR_BITS).enumerate() {
			assert_eq!(r.z[value + 1 + VALUE_BITS + k], Base::from(u64::from(*bit)), "ar {k}");
		}
		let (bx, by) = coordinates(&w.asset.base().unwrap());
		let (base_x, base_y) = (r.witness_column(bx), r.witness_column(by));
		assert!(base_x < value && base_y < value, "B(id) is computed before value");
		Self { base_x, base_y, value }
	}
}

// ---------------------------------------------------------------------------------------
// Controls.
// ---------------------------------------------------------------------------------------

/// Control: honest spends at the first, a middle and the last position satisfy; the matrices
/// checked in this file are the setup-mode matrices the prover proves with; each public input
/// appears in its own check only (one for `anchor` and `nil`, two for each point).
#[test]
fn honest_inputs_satisfy_the_circuit_that_is_proven() {
	let setup = setup_matrices(InputCircuit::blank());
	for position in [0u64, 3, 6] {
		let w = spend(position as u8, position);
		let r = input_r1cs(w.statement(), w.clone());
		assert!(r.verdict(&r.z).is_empty());
		assert!(same_matrices(&r, &setup), "prove-mode and setup-mode matrices differ");
		InputColumns::locate(&r, &w);
		assert_eq!(r.checks(&[ANCHOR]).len(), 1);
		assert_eq!(r.checks(&[NIL]).len(), 1);
		assert_eq!(r.checks(&CM).len(), 2);
		assert_eq!(r.checks(&ZPKA).len(), 2);
	}
}

/// Control: honest outputs of the coin, a token (at the largest value) and a ticket satisfy,
/// with the matrices the prover uses.
#[test]
fn honest_outputs_satisfy_the_circuit_that_is_proven() {
	let setup = setup_matrices(OutputCircuit::blank());
	for (asset, value) in [
		(AssetId::native(), VALUE),
		(AssetId::native(), 0),
		(AssetId::token(b"GOLD").unwrap(), u128::MAX),
		(AssetId::ticket(b"CAT", &[9; 32]).unwrap(), 1),
	] {
		let w = OutputWitness { value, ..honest_output(asset) };
		let r = R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w));
		assert!(r.verdict(&r.z).is_empty());
		assert!(same_matrices(&r, &setup), "prove-mode and setup-mode matrices differ");
		assert_eq!(r.checks(&OUT_CM).len(), 2);
	}
	let w = honest_output(AssetId::native());
	OutputColumns::locate(&R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w)), &w);
}

/// The harness: with nothing pinned the re-derivation is the synthesised assignment; with a
/// free input changed (a sibling, a bit of `ar`) it recomputes the circuit's gadgets (32
/// Poseidon levels; the windowed `ar·G_r` and an addition) to what the native code computes,
/// and nothing fails, since no constraint family is broken.
#[test]
fn the_rederivation_recomputes_what_the_circuit_computes() {
	let w = spend(3, 3);
	let r = input_r1cs(w.statement(), w.clone());
	assert_eq!(r.rederive(&BTreeMap::new(), Statement::Free), r.z);
	let sibling = r.witness_column(w.path.siblings[4]);
	let mut moved = w.clone();
	moved.path.siblings[4] += Base::from(1u64);
	let z = r.rederive(&BTreeMap::from([(sibling, moved.path.siblings[4])]), Statement::Free);
	assert!(r.verdict(&z).is_empty());
	assert_eq!(z[ANCHOR], moved.statement().anchor);

	let w = honest_output(AssetId::native());
	let r = R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w));
	let columns = OutputColumns::locate(&r, &w);
	let bit = columns.value + 1 + VALUE_BITS + 5;
	let flipped =
		if r.z[bit].is_zero() { w.ar + Scalar::from(32u64) } else { w.ar - Scalar::from(32u64) };
	let z = r.rederive(&BTreeMap::from([(bit, Base::from(1u64) - r.z[bit])]), Statement::Free);
	assert!(r.verdict(&z).is_empty());
	let (x, y) = coordinates(&OutputWitness { ar: flipped, ..w }.statement().unwrap().asset_cm);
	assert_eq!((z[OUT_CM[0]], z[OUT_CM[1]]), (x, y));
}

// ---------------------------------------------------------------------------------------
// The input circuit.
// ---------------------------------------------------------------------------------------

/// **Merkle path.** One wrong sibling (at the bottom, the middle, the top): the circuit
/// hashes the path it is given, so every Poseidon and selection holds and the one constraint
/// that fails is `root = anchor`. The leaf, and so `nil`, `asset_cm'` and `zpka`, are
/// untouched.
#[test]
fn input_merkle_path_must_lead_to_the_anchor() {
	let w = spend(3, 3);
	let honest = w.statement();
	for level in [0, 4, DEPTH - 1] {
		let mut bad = w.clone();
		bad.path.siblings[level] += Base::from(1u64);
		let r = input_r1cs(honest, bad);
		assert_eq!(r.verdict(&r.z), r.checks(&[ANCHOR]));
	}
}

/// **Direction bits bind the path.** The path of position 3 walked as position 2, 5 or 7 (the
/// bits order the pairs hashed) with the `nil` of that position, under the real anchor: only
/// `root = anchor` fails. The `nil` is right for the claimed position, so the nil check holds.
#[test]
fn input_direction_bits_bind_the_path() {
	let w = spend(3, 3);
	let anchor = w.statement().anchor;
	for position in [2, 5, 7] {
		let moved = InputWitness { path: AuthPath { position, ..w.path.clone() }, ..w.clone() };
		let statement = InputStatement { anchor, ..moved.statement() };
		let r = input_r1cs(statement, moved);
		assert_eq!(r.verdict(&r.z), r.checks(&[ANCHOR]));
	}
}

/// **Direction bits are boolean.** A position bit set to 2 (pinned: `AuthPath.position` is a
/// `u64`), everything after it re-derived and the statement following (`anchor` and `nil`
/// become whatever the selections, hashes and the packed position give): the one failing
/// constraint is that bit's `b·(1 − b) = 0`.
#[test]
fn input_direction_bits_must_be_boolean() {
	let w = spend(3, 3);
	let honest = w.statement();
	let r = input_r1cs(honest, w.clone());
	let columns = InputColumns::locate(&r, &w);
	for level in [0, 17] {
		let z = with_bit_set_to_two(&r, columns.position_bits + level);
		assert_ne!(z[ANCHOR], honest.anchor);
		assert_ne!(z[NIL], honest.nil);
	}
}

/// **Leaf.** The note's ZPKr swapped for a key the attacker holds (to sign the spend), or its
/// asset_cm for a commitment to a million coins, while the leaf hash keeps computing the real
/// leaf (its S-box outputs pinned to the honest ones): the path, the anchor and `nil` are the
/// real note's, `zpka` / `asset_cm'` follow the swapped point, and the only failing
/// constraints are the leaf hash's first-round S-boxes of the swapped coordinates
/// (`x² = (p + c)²` and `x⁵ = x⁴·(p + c)`, for x and y: four).
#[test]
fn input_leaf_binds_zpkr_and_asset_cm() {
	let w = spend(3, 3);
	let honest = w.statement();
	let r = input_r1cs(honest, w.clone());
	let columns = InputColumns::locate(&r, &w);
	let mut rng = StdRng::seed_from_u64(99);
	let attacker = SpendingKey::from_seed(&Seed::from_bytes([99; 32]));
	let attacker_zpk_r = *attacker.public_key().one_time_address(&mut rng).zpk_r();
	let inflated =
		asset::asset_cm(&AssetId::native().base().unwrap(), 1_000_000, &Scalar::rand(&mut rng));
	for (offset, point, public, claimed) in [
		(0, attacker_zpk_r, ZPKA, (attacker_zpk_r + keys::mul_g(&w.a)).into_affine()),
		(4, inflated, CM, (G_R * w.delta + inflated).into_affine()),
	] {
		let (x, y) = coordinates(&point);
		let (x_column, y_column) = (columns.zx + offset, columns.zx + offset + 1);
		let mut pins: BTreeMap<usize, Base> =
			(columns.zx + 6..columns.position_bits).map(|col| (col, r.z[col])).collect();
		pins.insert(x_column, x);
		pins.insert(y_column, y);
		let z = r.rederive(&pins, Statement::Free);
		let expected: BTreeSet<usize> = columns
			.leaf_hash(&r)
			.filter(|&i| r.mentions(i, x_column) || r.mentions(i, y_column))
			.collect();
		assert_eq!(expected.len(), 4);
		assert_eq!(r.verdict(&z), expected);
		assert_eq!((z[ANCHOR], z[NIL]), (honest.anchor, honest.nil));
		let (cx, cy) = coordinates(&claimed);
		assert_eq!((z[public[0]], z[public[1]]), (cx, cy));
	}
}

/// **VPKr = vskr·G.** A thief with another key (vskr + 1) and the `nil` that key gives the
/// real leaf. Through the API the circuit computes his VPKr, another leaf: root and nil checks
/// fail. With the scalar multiplication's result pinned to the real VPKr, the leaf, the
/// path, the root and his `nil` all hold, and the only failing constraints are the two that
/// define that result (the last addition of `fixed_base_mul`).
#[test]
fn input_vpkr_must_be_vskr_times_g() {
	let w = spend(3, 3);
	let honest = w.statement();
	let thief = InputWitness { vskr: w.vskr + Scalar::from(1u64), ..w.clone() };
	let statement =
		InputStatement { nil: note::nil(&thief.vskr, w.leaf(), w.path.position), ..honest };
	let r = input_r1cs(statement, thief.clone());
	let mut root_and_nil = r.checks(&[ANCHOR]);
	root_and_nil.extend(r.checks(&[NIL]));
	assert_eq!(r.verdict(&r.z), root_and_nil);

	let columns = InputColumns::locate(&r, &thief);
	let (tx, ty) = coordinates(&keys::mul_g(&thief.vskr));
	let (px, py) = (r.witness_column(tx), r.witness_column(ty));
	assert!(px < columns.zx && py < columns.zx, "the multiplication precedes the leaf");
	let (vx, vy) = coordinates(w.pkr.vpk_r());
	let z = r.rederive(&BTreeMap::from([(px, vx), (py, vy)]), Statement::Fixed);
	let failing = r.verdict(&z);
	assert_eq!(failing, BTreeSet::from([r.first_use[px], r.first_use[py]]));
	assert!(failing.iter().all(|&i| i >= SCALAR_BITS && i < r.first_use[columns.zx]));
}

/// **vskr < r.** `vskr + r` encodes the same key (same VPKr, same leaf, same path) but packs
/// to another integer, so a second `nil` for the same note: a double spend. For a key with
/// `vskr + r < 2²⁵¹` its 251 bits fit the circuit's. The input circuit is checked to begin
/// with exactly `canonical_scalar_bits`; the bits and that gadget's internal witnesses are
/// taken from the gadget run alone on `vskr + r` (its `is_eq` hints have no linear
/// definition to re-derive), the rest re-derived, the statement carrying the second `nil`.
/// The failing constraints are exactly those the range check fails on alone: none is a
/// booleanity, and nothing after the range check fails (the root and `nil` checks hold).
///
/// Supersedes `a_non_canonical_vskr_is_rejected` (src/input.rs), which runs the range gadget
/// alone on **252** bits. Its key's `vskr + r` has 252 bits (as for two keys in three), so it
/// fails only the "bits above the bound's length are zero" check (constraint 252 of 618), a
/// branch the circuit's 251 bits (616 constraints) never instantiate.
#[test]
fn input_vskr_must_be_canonical() {
	let w = spend_with_small_vskr();
	let honest = w.statement();
	let mut shifted = w.vskr.into_bigint();
	shifted.add_with_carry(&Scalar::MODULUS);
	let second_nil = poseidon::hash3(Base::from(shifted), w.leaf(), Base::from(w.path.position));
	assert_ne!(second_nil, honest.nil);
	let r = input_r1cs(InputStatement { nil: second_nil, ..honest }, w.clone());
	assert_eq!(r.verdict(&r.z), r.checks(&[NIL]), "the honest key gives the first nil");

	let canonical = R1cs::new(CanonicalRange { bits: bits_251(&w.vskr.into_bigint()) });
	assert!(canonical.verdict(&canonical.z).is_empty());
	assert_prefix(&r, &canonical);
	assert_eq!(canonical.z[1..], r.z[r.instances..r.instances + canonical.z.len() - 1]);

	let shifted_alone = R1cs::new(CanonicalRange { bits: bits_251(&shifted) });
	let expected = shifted_alone.unsatisfied(&shifted_alone.z);
	assert!(!expected.is_empty());
	assert!(expected.iter().all(|&i| (SCALAR_BITS..shifted_alone.len()).contains(&i)));
	let pins: BTreeMap<usize, Base> = (1..shifted_alone.z.len())
		.map(|col| (col - 1 + r.instances, shifted_alone.z[col]))
		.collect();
	let z = r.rederive(&pins, Statement::Fixed);
	assert_eq!(r.verdict(&z), expected);
}

/// **nil = Poseidon(vskr, leaf, position).** A `nil` off by one, of another key, of another
/// leaf: the circuit computes the real one, and the only failing constraint is `nil`'s check.
#[test]
fn input_nil_is_poseidon_of_vskr_leaf_and_position() {
	let w = spend(3, 3);
	let honest = w.statement();
	let (leaf, position) = (w.leaf(), w.path.position);
	for nil in [
		honest.nil + Base::from(1u64),
		note::nil(&(w.vskr + Scalar::from(1u64)), leaf, position),
		note::nil(&w.vskr, leaf + Base::from(1u64), position),
	] {
		let r = input_r1cs(InputStatement { nil, ..honest }, w.clone());
		assert_eq!(r.verdict(&r.z), r.checks(&[NIL]));
	}
}

/// **nil's position binding.** The `nil` of the same key and leaf at other positions (a
/// replayed note elsewhere in the tree, the high bit): the packed position is the path's,
/// so only `nil`'s check fails.
#[test]
fn input_nil_is_bound_to_the_path_position() {
	let w = spend(3, 3);
	let honest = w.statement();
	for position in [2, 5, 3 + (1 << 31)] {
		let nil = note::nil(&w.vskr, w.leaf(), position);
		let r = input_r1cs(InputStatement { nil, ..honest }, w.clone());
		assert_eq!(r.verdict(&r.z), r.checks(&[NIL]));
	}
}

/// **asset_cm' = asset_cm + δ·G_r.** A re-blinded commitment with one more coin, one off the
/// `G_r` line (plus G), one of another asset: only the `asset_cm'` checks fail.
#[test]
fn input_asset_cm_must_re_blind_the_leaf_commitment() {
	let w = spend(3, 3);
	let honest = w.statement();
	let native = AssetId::native().base().unwrap();
	let gold = AssetId::token(b"GOLD").unwrap().base().unwrap();
	for asset_cm in [
		(honest.asset_cm + native).into_affine(),
		(honest.asset_cm + G).into_affine(),
		(G_R * w.delta + asset::asset_cm(&gold, 100, &Scalar::from(5u64))).into_affine(),
	] {
		let r = input_r1cs(InputStatement { asset_cm, ..honest }, w.clone());
		let failing = r.verdict(&r.z);
		assert!(!failing.is_empty() && failing.is_subset(&r.checks(&CM)));
	}
}

/// **zpka = ZPKr + a·G.** A spend key moved by G, a bare `a·G` (a key whose discrete log the
/// prover knows without `zskr`: what a TK holder would claim), and the attacker's own ZPKr
/// randomised: only the `zpka` checks fail.
#[test]
fn input_zpka_must_randomise_the_leaf_spend_key() {
	let w = spend(3, 3);
	let honest = w.statement();
	let mut rng = StdRng::seed_from_u64(99);
	let attacker = SpendingKey::from_seed(&Seed::from_bytes([99; 32]));
	let attacker_zpk_r: Point = *attacker.public_key().one_time_address(&mut rng).zpk_r();
	for zpka in [
		(honest.zpka + G).into_affine(),
		keys::mul_g(&w.a),
		(attacker_zpk_r + keys::mul_g(&w.a)).into_affine(),
	] {
		let r = input_r1cs(InputStatement { zpka, ..honest }, w.clone());
		let failing = r.verdict(&r.z);
		assert!(!failing.is_empty() && failing.is_subset(&r.checks(&ZPKA)));
	}
}

/// **δ's and a's bits are boolean.** Neither scalar is range-checked (any integer below 2²⁵¹
/// re-blinds or randomises as well as its residue), but each bit must be 0 or 1: the window
/// lookups of `fixed_base_mul` evaluate their polynomials at the bits, and off the corners
/// they give points that are no multiple of `G_r` or `G` (an `asset_cm'` off the commitment's
/// line would unbalance the transaction). One bit of each, in the bottom and in the top
/// window, set to 2 (pinned), everything after re-derived and the statement following:
/// the one failing constraint is that bit's booleanity, and the public point moved.
#[test]
fn input_delta_and_a_bits_must_be_boolean() {
	let w = spend(3, 3);
	let honest = w.statement();
	let r = input_r1cs(honest, w.clone());
	let columns = InputColumns::locate(&r, &w);
	for (first, public) in [(columns.delta_bits, CM), (columns.a_bits, ZPKA)] {
		for k in [0, SCALAR_BITS - 1] {
			let z = with_bit_set_to_two(&r, first + k);
			assert_ne!((z[public[0]], z[public[1]]), (r.z[public[0]], r.z[public[1]]));
			assert_eq!((z[ANCHOR], z[NIL]), (honest.anchor, honest.nil));
		}
	}
}

// ---------------------------------------------------------------------------------------
// The output circuit.
// ---------------------------------------------------------------------------------------

/// **In-circuit asset base.** A commitment made with the base of another asset, with the sum
/// of two bases, with twice the coin's base, proven from the coin's id (a cross-asset
/// transfer, SPEC §4). Through the API the circuit computes B(SERO): only the commitment
/// checks fail. With `hash_to_curve_var`'s result pinned to the forged base, the value bits,
/// `value·B`, `ar·G_r` and the commitment all hold, and the only failing constraints are the
/// two that define that result (its last doubling).
#[test]
fn output_asset_base_is_computed_in_the_circuit() {
	let w = honest_output(AssetId::native());
	let coin = AssetId::native().base().unwrap();
	let gold = AssetId::token(b"GOLD").unwrap().base().unwrap();
	for forged in [gold, (coin + gold).into_affine(), (coin * Scalar::from(2u64)).into_affine()] {
		let statement = OutputStatement { asset_cm: asset::asset_cm(&forged, VALUE, &w.ar) };
		let r = R1cs::new(OutputCircuit::new(statement, &w));
		let failing = r.verdict(&r.z);
		assert!(!failing.is_empty() && failing.is_subset(&r.checks(&OUT_CM)));

		let columns = OutputColumns::locate(&r, &w);
		let (fx, fy) = coordinates(&forged);
		let pins = BTreeMap::from([(columns.base_x, fx), (columns.base_y, fy)]);
		let z = r.rederive(&pins, Statement::Fixed);
		let failing = r.verdict(&z);
		assert_eq!(
			failing,
			BTreeSet::from([r.first_use[columns.base_x], r.first_use[columns.base_y]])
		);
		assert!(failing.iter().all(|&i| i < r.first_use[columns.value]));
	}
}

/// **value < 2¹²⁸.** No `u128` holds such a value, and 128 boolean bits cannot encode one:
/// bit 0 raised by 2¹²⁸, or bit 127 by 2 (pinned), both pack to `value + 2¹²⁸`. With the
/// packed `value`, `value·B`, the commitment and the statement re-derived from them, the one
/// failing constraint is that bit's booleanity.
#[test]
fn output_value_bits_must_be_boolean() {
	let w = honest_output(AssetId::native());
	let r = R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w));
	let columns = OutputColumns::locate(&r, &w);
	for (k, raise) in [(0, two_pow_128()), (VALUE_BITS - 1, Base::from(2u64))] {
		let bit = columns.value + 1 + k;
		let z = r.rederive(&BTreeMap::from([(bit, r.z[bit] + raise)]), Statement::Free);
		assert_eq!(r.verdict(&z), BTreeSet::from([r.first_use[bit]]));
		assert_eq!(z[columns.value], Base::from(VALUE) + two_pow_128());
	}
}

/// **value = Σ bitᵢ·2ⁱ.** `value` pinned to `value + 2¹²⁸` with honest bits: the one failing
/// constraint is the packing, right after the 128 booleanities. (`value` appears in that
/// constraint only: the multiplication uses the bits, so this check binds nothing else; the
/// bound on the committed amount is the bits' booleanity, above.)
#[test]
fn output_value_must_equal_its_bits() {
	let w = honest_output(AssetId::native());
	let r = R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w));
	let columns = OutputColumns::locate(&r, &w);
	let packing = r.first_use[columns.value];
	assert_eq!(packing, r.first_use[columns.value + VALUE_BITS] + 1);
	let uses: BTreeSet<usize> = (0..r.len()).filter(|&i| r.mentions(i, columns.value)).collect();
	assert_eq!(uses, BTreeSet::from([packing]));
	let pins = BTreeMap::from([(columns.value, Base::from(VALUE) + two_pow_128())]);
	let z = r.rederive(&pins, Statement::Fixed);
	assert_eq!(r.verdict(&z), BTreeSet::from([packing]));
}

/// **asset_cm = value·B(id) + ar·G_r.** The honest commitment proven with another value or
/// another blinding: only the commitment checks fail.
#[test]
fn output_commitment_must_open_to_the_witness() {
	let w = honest_output(AssetId::native());
	let honest = w.statement().unwrap();
	for other in [
		OutputWitness { value: VALUE + 1, ..w.clone() },
		OutputWitness { ar: w.ar + Scalar::from(1u64), ..w.clone() },
	] {
		let r = R1cs::new(OutputCircuit::new(honest, &other));
		let failing = r.verdict(&r.z);
		assert!(!failing.is_empty() && failing.is_subset(&r.checks(&OUT_CM)));
	}
}

/// **ar's bits are boolean.** As `δ`'s in the input circuit: a bit of the blinding set to 2
/// (pinned, in the bottom and in the top window) moves `asset_cm` off every
/// `value·B(id) + ar·G_r`, and the one failing constraint is that bit's booleanity.
#[test]
fn output_ar_bits_must_be_boolean() {
	let w = honest_output(AssetId::native());
	let r = R1cs::new(OutputCircuit::new(w.statement().unwrap(), &w));
	let columns = OutputColumns::locate(&r, &w);
	for k in [0, SCALAR_BITS - 1] {
		let bit = columns.value + 1 + VALUE_BITS + k;
		assert!(r.is_bit(bit));
		let z = with_bit_set_to_two(&r, bit);
		assert_ne!((z[OUT_CM[0]], z[OUT_CM[1]]), (r.z[OUT_CM[0]], r.z[OUT_CM[1]]));
	}
}
