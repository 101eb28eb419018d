//! The host functions natively: `cargo bench -p sero-host`.

use ark_ff::UniformRand;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use criterion::{criterion_group, criterion_main, Criterion};
use sero_crypto::{asset::AssetId, base_to_bytes, point, schnorr, Scalar};
use sero_host::shielded_crypto;
use sero_zk::{output::OutputWitness, prover, setup, verifier};

fn bench(c: &mut Criterion) {
	let mut rng = StdRng::seed_from_u64(0);
	let keys = setup::dev_keys(&setup::default_dir()).expect("development keys");
	let vk = setup::verifying_key_bytes(&keys.output.vk);
	let w = OutputWitness { asset: AssetId::native(), value: 3, ar: Scalar::rand(&mut rng) };
	let (statement, proof) = prover::prove_output(&keys.output, &w, &mut rng).unwrap();
	let proof = verifier::proof_to_bytes(&proof);
	let inputs: Vec<u8> = statement.public_inputs().iter().flat_map(base_to_bytes).collect();
	c.bench_function("host/groth16_verify (cached key)", |b| {
		b.iter(|| assert!(shielded_crypto::groth16_verify(&vk, &inputs, &proof)))
	});

	let x = Scalar::rand(&mut rng);
	let sig = schnorr::sign(schnorr::Domain::Spend, &x, b"tx", &mut rng).to_bytes();
	let pk = point::encode(&schnorr::public_key(schnorr::Domain::Spend, &x));
	c.bench_function("host/schnorr_verify", |b| {
		b.iter(|| assert!(shielded_crypto::schnorr_verify(0, &pk, b"tx", &sig)))
	});
}

criterion_group!(benches, bench);
criterion_main!(benches);
