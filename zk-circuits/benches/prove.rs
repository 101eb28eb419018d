//! Proving and verifying times: `cargo bench -p sero-zk`.
//!
//! Proofs are timed on a rayon pool of 1 and of 2 threads (arkworks parallelises the
//! multi-scalar multiplications and FFTs of one proof); verification is one proof with a
//! prepared key, natively.

mod common;

use ark_std::rand::{rngs::StdRng, SeedableRng};
use common::witnesses;
use criterion::{criterion_group, criterion_main, Criterion};
use sero_groth16::PreparedKey;
use sero_zk::{
	prover,
	setup::{self, Keys},
};

fn bench(c: &mut Criterion) {
	let keys: Keys = setup::dev_keys(&setup::default_dir()).expect("development keys");
	let mut rng = StdRng::seed_from_u64(0);
	let (input, output) = witnesses(&mut rng);

	let mut group = c.benchmark_group("prove");
	group.sample_size(10);
	for threads in [1, 2] {
		let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
		group.bench_function(format!("input/{threads}-thread"), |b| {
			b.iter(|| pool.install(|| prover::prove_input(&keys.input, &input, &mut rng).unwrap()))
		});
		group.bench_function(format!("output/{threads}-thread"), |b| {
			b.iter(|| {
				pool.install(|| prover::prove_output(&keys.output, &output, &mut rng).unwrap())
			})
		});
	}
	group.finish();

	let (input_statement, input_proof) =
		prover::prove_input(&keys.input, &input, &mut rng).unwrap();
	let (output_statement, output_proof) =
		prover::prove_output(&keys.output, &output, &mut rng).unwrap();
	let (input_key, output_key) =
		(PreparedKey::new(&keys.input.vk), PreparedKey::new(&keys.output.vk));
	let input_public = input_statement.public_inputs();
	let output_public = output_statement.public_inputs();
	let mut group = c.benchmark_group("verify");
	group.bench_function("input", |b| {
		b.iter(|| assert!(input_key.verify(&input_public, &input_proof)))
	});
	group.bench_function("output", |b| {
		b.iter(|| assert!(output_key.verify(&output_public, &output_proof)))
	});
	// n input proofs, one at a time and as one batch.
	let mut statements = vec![(input_public.clone(), input_proof.clone())];
	while statements.len() < 8 {
		let (statement, proof) = prover::prove_input(&keys.input, &input, &mut rng).unwrap();
		statements.push((statement.public_inputs(), proof));
	}
	for n in [2, 4, 8] {
		let batch = &statements[..n];
		group.bench_function(format!("{n} inputs one by one"), |b| {
			b.iter(|| assert!(batch.iter().all(|(x, p)| input_key.verify(x, p))))
		});
		group.bench_function(format!("{n} inputs batched"), |b| {
			b.iter(|| assert!(input_key.verify_batch(batch)))
		});
	}
	group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
