//! Groth16 side by side (`scripts/bench/groth16.sh`): our input and output proofs against
//! arkworks' own Groth16, in one run on one thread.
//!
//! The first reference is arkworks' prover on exactly our circuit and witness, its
//! matrices built once as ours are: the same computation up to the multi-scalar
//! multiplications, so its ratio is what our `msm` gains. The other two are circuits of our
//! circuits' size (numbers of constraints, witness variables and public inputs), proven
//! with arkworks' stock `Groth16::prove` (synthesis included, as arkworks' benchmark times
//! it): the circuit arkworks' `groth16` benchmark proves (constraints `a·b = c` over a few
//! variables, the rest of its witness unconstrained) and a multiplication chain in which
//! every variable is in A, B and C. Their values are all full-size field elements, where
//! our witnesses hold many bits, so they compare the cost of a proof of that size, not the
//! same computation.
//! Verification: our prepared-key check (`sero-groth16`) against arkworks'
//! `verify_with_processed_vk`, with as many public inputs.
//!
//! `cargo run --release -p sero-zk --example groth16_side_by_side [RUNS]` (default 10
//! proofs and 200 verifications per figure; medians).

#[path = "../benches/common/mod.rs"]
mod common;

use ark_bn254::{Bn254, Fr};
use ark_groth16::Groth16;
use ark_relations::{
	gr1cs::{
		ConstraintSynthesizer, ConstraintSystem, ConstraintSystemRef, OptimizationGoal,
		SynthesisError, SynthesisMode, R1CS_PREDICATE_LABEL,
	},
	lc,
};
use ark_snark::SNARK;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use ark_std::UniformRand;
use sero_groth16::PreparedKey;
use sero_zk::{
	input::InputCircuit,
	output::OutputCircuit,
	prover::{self, ProofPhases},
	setup,
};
use std::time::{Duration, Instant};

/// The size of a circuit: what a Groth16 proof's cost depends on.
#[derive(Clone, Copy, Debug)]
struct Shape {
	constraints: usize,
	witnesses: usize,
	/// Public inputs, without the constant one.
	inputs: usize,
	/// Non-zero entries of the three matrices: evaluating them at the witness is part of
	/// every proof.
	entries: usize,
}

impl Shape {
	/// The shape of `circuit`, synthesised as the setup does.
	fn of(circuit: impl ConstraintSynthesizer<Fr>) -> Self {
		let cs = synthesised_for_setup(circuit);
		let matrices = cs.to_matrices().expect("matrices");
		let entries = matrices.values().flatten().flatten().map(Vec::len).sum();
		Self {
			entries,
			constraints: cs.num_constraints(),
			witnesses: cs.num_witness_variables(),
			inputs: cs.num_instance_variables() - 1,
		}
	}
}

/// `circuit`'s constraint system synthesised without values and finalised, as the setup
/// (and our prover, once per process) builds it.
fn synthesised_for_setup(circuit: impl ConstraintSynthesizer<Fr>) -> ConstraintSystemRef<Fr> {
	let cs = ConstraintSystem::new_ref();
	cs.set_optimization_goal(OptimizationGoal::Constraints);
	cs.set_mode(SynthesisMode::Setup);
	circuit.generate_constraints(cs.clone()).expect("our circuits synthesise");
	cs.finalize();
	cs
}

/// Which circuit of a given shape the reference proves.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
	/// arkworks' own benchmark circuit: `constraints` times `a·b = c`, the other variables
	/// equal to `a` and in no constraint. Only `a` and `b` have non-zero A and B
	/// polynomials, so two of a proof's four large multi-scalar multiplications are all but
	/// free: cheaper than any circuit that uses its variables.
	Bench,
	/// A chain `x₀ = a`, `x₁ = b`, `xᵢ₊₂ = xᵢ·xᵢ₊₁` over all the witness variables (repeated
	/// from the start to make up the count), `x₀·x₁ = c` public: every variable is in A, B
	/// and C, as in a real circuit.
	Chain,
}

/// A reference circuit of a given shape.
#[derive(Clone, Copy)]
struct ReferenceCircuit {
	kind: Kind,
	a: Fr,
	b: Fr,
	shape: Shape,
}

impl ConstraintSynthesizer<Fr> for ReferenceCircuit {
	fn generate_constraints(self, cs: ConstraintSystemRef<Fr>) -> Result<(), SynthesisError> {
		let c = cs.new_input_variable(|| Ok(self.a * self.b))?;
		for _ in 1..self.shape.inputs {
			let _unconstrained = cs.new_input_variable(|| Ok(self.a))?;
		}
		let mut values = vec![self.a, self.b];
		while values.len() < self.shape.witnesses {
			let next = match self.kind {
				Kind::Bench => self.a,
				Kind::Chain => values[values.len() - 2] * values[values.len() - 1],
			};
			values.push(next);
		}
		let x = values
			.iter()
			.map(|value| cs.new_witness_variable(|| Ok(*value)))
			.collect::<Result<Vec<_>, _>>()?;
		cs.enforce_r1cs_constraint(|| lc!() + x[0], || lc!() + x[1], || lc!() + c)?;
		for i in (0..self.shape.constraints - 1).map(|i| i % (x.len() - 2)) {
			let (a, b, c) = match self.kind {
				Kind::Bench => (x[0], x[1], c),
				Kind::Chain => (x[i], x[i + 1], x[i + 2]),
			};
			cs.enforce_r1cs_constraint(|| lc!() + a, || lc!() + b, || lc!() + c)?;
		}
		Ok(())
	}
}

impl ReferenceCircuit {
	/// Its public inputs.
	fn public_inputs(&self) -> Vec<Fr> {
		let mut inputs = vec![self.a * self.b];
		inputs.resize(self.shape.inputs, self.a);
		inputs
	}

	/// The median times of its proof and of its proof's check (with a processed key).
	fn times(self, runs: usize, rng: &mut StdRng) -> (Duration, Duration) {
		let (pk, vk) =
			Groth16::<Bn254>::circuit_specific_setup(self, rng).expect("the reference's setup");
		let pvk = Groth16::<Bn254>::process_vk(&vk).expect("the reference's key");
		let public = self.public_inputs();
		let mut proof = None;
		let prove = median(runs, || {
			proof = Some(Groth16::<Bn254>::prove(&pk, self, rng).expect("the reference proves"));
		});
		let proof = proof.expect("proven");
		let verify = median(runs * 20, || {
			assert!(Groth16::<Bn254>::verify_with_processed_vk(&pvk, &public, &proof)
				.expect("the reference verifies"));
		});
		(prove, verify)
	}
}

/// The median time of `runs` calls of `f`.
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
	let mut times: Vec<Duration> = (0..runs)
		.map(|_| {
			let started = Instant::now();
			f();
			started.elapsed()
		})
		.collect();
	times.sort();
	times[runs / 2]
}

fn ms(d: Duration) -> String {
	format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// The median times of our proof (`prove` gives its public inputs and itself) and of its
/// check under `key`.
fn ours(
	runs: usize,
	key: &PreparedKey,
	mut prove: impl FnMut() -> (Vec<Fr>, ark_groth16::Proof<Bn254>),
) -> (Duration, Duration) {
	let mut proven = None;
	let proving = median(runs, || proven = Some(prove()));
	let (public, proof) = proven.expect("proven");
	(proving, median(runs * 20, || assert!(key.verify(&public, &proof))))
}

/// The median time of arkworks' own prover (`create_proof_with_reduction_and_matrices`,
/// its MSMs) on our circuit and witness, the matrices built once beforehand as our prover
/// does: the same computation as ours, up to the multi-scalar multiplications.
fn arkworks_on_ours(
	runs: usize,
	pk: &ark_groth16::ProvingKey<Bn254>,
	circuit: impl ConstraintSynthesizer<Fr> + Clone,
	blank: impl ConstraintSynthesizer<Fr>,
	rng: &mut StdRng,
) -> Duration {
	let cs = synthesised_for_setup(blank);
	let abc = cs.to_matrices().expect("matrices").remove(R1CS_PREDICATE_LABEL).expect("R1CS");
	let (instance_variables, constraints) = (cs.num_instance_variables(), cs.num_constraints());
	median(runs, || {
		let cs = ConstraintSystem::new_ref();
		cs.set_optimization_goal(OptimizationGoal::Constraints);
		cs.set_mode(SynthesisMode::Prove {
			construct_matrices: false,
			generate_lc_assignments: false,
		});
		circuit.clone().generate_constraints(cs.clone()).expect("the witness satisfies it");
		let mut assignment = cs.instance_assignment().expect("values");
		assignment.extend(cs.witness_assignment().expect("values"));
		let (r, s) = (Fr::rand(rng), Fr::rand(rng));
		Groth16::<Bn254>::create_proof_with_reduction_and_matrices(
			pk,
			r,
			s,
			&abc,
			instance_variables,
			constraints,
			&assignment,
		)
		.expect("arkworks proves");
	})
}

/// Where our input proof's time goes: the median of each phase over the runs.
fn print_phases(phases: &[ProofPhases]) {
	let median_of = |phase: fn(&ProofPhases) -> Duration| {
		let mut times: Vec<Duration> = phases.iter().map(phase).collect();
		times.sort();
		ms(times[times.len() / 2])
	};
	println!(
		"input proof phases (medians): witness {}, quotient (matrices and FFTs) {}, MSMs: H {}, L {}, A {}, B in G1 {}, B in G2 {}",
		median_of(|p| p.witness),
		median_of(|p| p.quotient),
		median_of(|p| p.h),
		median_of(|p| p.l),
		median_of(|p| p.a),
		median_of(|p| p.b_g1),
		median_of(|p| p.b_g2),
	);
}

/// One line of the table: ours, the reference's, and their ratio.
fn row(what: &str, ours: Duration, reference: Duration) {
	let ratio = ours.as_secs_f64() / reference.as_secs_f64();
	println!(
		"{what:<28} ours {:>12}   arkworks {:>12}   ratio {ratio:.2}x",
		ms(ours),
		ms(reference)
	);
}

fn main() {
	let runs: usize = std::env::args().nth(1).map_or(10, |n| n.parse().expect("RUNS is a number"));
	let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a thread pool");
	let keys = setup::dev_keys(&setup::default_dir()).expect("development keys");
	let mut rng = StdRng::seed_from_u64(0);
	let (input, output) = common::witnesses(&mut rng);

	pool.install(|| {
		for (name, shape) in [
			("input", Shape::of(InputCircuit::blank())),
			("output", Shape::of(OutputCircuit::blank())),
		] {
			println!(
				"{name} circuit: {} constraints, {} witness variables, {} public inputs, {} matrix entries",
				shape.constraints, shape.witnesses, shape.inputs, shape.entries
			);
			let circuit = |kind, rng: &mut StdRng| ReferenceCircuit {
				kind,
				a: Fr::rand(rng),
				b: Fr::rand(rng),
				shape,
			};
			let (chain_prove, chain_verify) = circuit(Kind::Chain, &mut rng).times(runs, &mut rng);
			let (bench_prove, _) = circuit(Kind::Bench, &mut rng).times(runs, &mut rng);

			let mut phases = Vec::new();
			let (ours_prove, ours_verify) = if name == "input" {
				ours(runs, &PreparedKey::new(&keys.input.vk), || {
					let (statement, proof, proof_phases) =
						prover::prove_input_with_phases(&keys.input, &input, &mut rng).unwrap();
					phases.push(proof_phases);
					(statement.public_inputs(), proof)
				})
			} else {
				ours(runs, &PreparedKey::new(&keys.output.vk), || {
					let (statement, proof) =
						prover::prove_output(&keys.output, &output, &mut rng).unwrap();
					(statement.public_inputs(), proof)
				})
			};
			if !phases.is_empty() {
				print_phases(&phases);
			}
			let arkworks = if name == "input" {
				let circuit = InputCircuit::new(input.statement(), input.clone());
				arkworks_on_ours(runs, &keys.input, circuit, InputCircuit::blank(), &mut rng)
			} else {
				let statement = output.statement().expect("a base");
				let circuit = OutputCircuit::new(statement, &output);
				arkworks_on_ours(runs, &keys.output, circuit, OutputCircuit::blank(), &mut rng)
			};
			row(&format!("prove {name}, 1 thread"), ours_prove, arkworks);
			row("  vs arkworks on a chain", ours_prove, chain_prove);
			row("  vs arkworks' bench circuit", ours_prove, bench_prove);
			row(&format!("verify {name}"), ours_verify, chain_verify);
		}
	});
}
