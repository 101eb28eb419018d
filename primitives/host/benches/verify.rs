//! The host functions natively: `cargo bench -p sero-host`.

use ark_ff::UniformRand;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use criterion::{criterion_group, criterion_main, Criterion};
use sero_crypto::{
	asset::AssetId,
	keys::{scalar_to_bytes, Seed, SpendingKey},
	note, point,
	tree::AuthPath,
	Scalar,
};
use sero_host::shielded_crypto;
use sero_shielded_builder::{self as builder, OwnedNote, Payment, Spend};
use sero_zk::setup;

/// `verify_transaction` on a 2-in/2-out SERO transfer: what the runtime asks of the host
/// for the transaction of the target.
fn bench(c: &mut Criterion) {
	let mut rng = StdRng::seed_from_u64(0);
	let keys = setup::dev_keys(&setup::default_dir()).expect("development keys");
	let owner = SpendingKey::from_seed(&Seed::from_bytes([4; 32]));
	let native = AssetId::native();
	let notes: Vec<OwnedNote> = (0..2)
		.map(|_| {
			let pkr = owner.public_key().one_time_address(&mut rng);
			let secret = owner.one_time_secret(&pkr).unwrap();
			OwnedNote { pkr, secret, asset: native, value: 50, ar: Scalar::rand(&mut rng) }
		})
		.collect();
	let leaves: Vec<_> = notes.iter().map(|n| note::leaf(&n.pkr, &n.asset_cm().unwrap())).collect();
	let spends: Vec<Spend> = notes
		.into_iter()
		.enumerate()
		.map(|(i, note)| Spend { note, path: AuthPath::from_leaves(&leaves, i as u64).unwrap() })
		.collect();
	let payments: Vec<Payment> = [60, 38]
		.map(|value| Payment {
			to: owner.public_key().one_time_address(&mut rng),
			asset: native,
			value,
			memo: [0; 64],
		})
		.to_vec();
	let tx = builder::build::<u64>(&keys, &spends, &payments, 2, None, &mut rng).unwrap();
	let (input_vk, output_vk) = (
		sero_groth16::verifying_key_bytes(&keys.input.vk),
		sero_groth16::verifying_key_bytes(&keys.output.vk),
	);
	let fee_term = (point::encode(&native.base().unwrap()), scalar_to_bytes(&-Scalar::from(2u64)));
	let message = tx.body.signing_hash();

	c.bench_function("host/verify_transaction 2-in/2-out", |b| {
		b.iter(|| {
			let leaves = shielded_crypto::verify_transaction(
				&input_vk,
				&output_vk,
				&tx.body.inputs,
				&tx.body.outputs,
				&tx.spend_signatures,
				&[fee_term],
				&message,
				&tx.balance_signature,
				None,
			);
			assert_eq!(leaves.map(|l| l.len()), Ok(2));
		})
	});
}

criterion_group!(benches, bench);
criterion_main!(benches);
