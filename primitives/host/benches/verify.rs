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

	// Where the time goes: each part of the check above, as the host function runs it.
	let mut parts = c.benchmark_group("host/verify_transaction parts");
	parts.bench_function("4 proofs decoded", |b| {
		b.iter(|| {
			for p in tx
				.body
				.inputs
				.iter()
				.map(|i| &i.proof)
				.chain(tx.body.outputs.iter().map(|o| &o.proof))
			{
				assert!(sero_groth16::proof_from_bytes(p).is_some());
			}
		})
	});
	parts.bench_function("2 PKr decoded", |b| {
		b.iter(|| {
			for o in &tx.body.outputs {
				assert!(sero_crypto::keys::OneTimeAddress::from_bytes(&o.pkr).is_some());
			}
		})
	});
	parts.bench_function("1 point decoded (subgroup)", |b| {
		b.iter(|| {
			assert!(point::decode(&tx.body.outputs[0].pkr[..32].try_into().unwrap()).is_some())
		})
	});
	parts.bench_function("1 point decoded (curve)", |b| {
		b.iter(|| assert!(point::decode_on_curve(&tx.body.outputs[0].asset_cm.0).is_some()))
	});
	let zpka = point::decode_on_curve(&tx.body.inputs[0].zpka).unwrap();
	let sig = sero_crypto::schnorr::Signature::from_bytes(&tx.spend_signatures[0]).unwrap();
	parts.bench_function("1 Schnorr", |b| {
		b.iter(|| {
			assert!(sero_crypto::schnorr::verify(
				sero_crypto::schnorr::Domain::Spend,
				&zpka,
				&message,
				&sig
			))
		})
	});
	let pkrs: Vec<_> = tx
		.body
		.outputs
		.iter()
		.map(|o| sero_crypto::keys::OneTimeAddress::from_bytes(&o.pkr).unwrap())
		.collect();
	let cms: Vec<_> =
		tx.body.outputs.iter().map(|o| point::decode_on_curve(&o.asset_cm.0).unwrap()).collect();
	parts.bench_function("2 leaves", |b| {
		b.iter(|| {
			for (p, c) in pkrs.iter().zip(&cms) {
				note::leaf(p, c);
			}
		})
	});
	let ik = sero_groth16::PreparedKey::new(&keys.input.vk);
	let ok = sero_groth16::PreparedKey::new(&keys.output.vk);
	let ins: Vec<_> = tx
		.body
		.inputs
		.iter()
		.map(|i| {
			let cm = point::decode_on_curve(&i.asset_cm.0).unwrap();
			let z = point::decode_on_curve(&i.zpka).unwrap();
			let (cx, cy) = point::coordinates(&cm);
			let (zx, zy) = point::coordinates(&z);
			(
				vec![
					sero_crypto::base_from_bytes(&i.anchor.0).unwrap(),
					sero_crypto::base_from_bytes(&i.nil.0).unwrap(),
					cx,
					cy,
					zx,
					zy,
				],
				sero_groth16::proof_from_bytes(&i.proof).unwrap(),
			)
		})
		.collect();
	let outs: Vec<_> = tx
		.body
		.outputs
		.iter()
		.zip(&cms)
		.map(|(o, cm)| {
			let (cx, cy) = point::coordinates(cm);
			(vec![cx, cy], sero_groth16::proof_from_bytes(&o.proof).unwrap())
		})
		.collect();
	parts.bench_function("4 proofs batched", |b| {
		b.iter(|| assert!(sero_groth16::verify_batches(&[(&ik, &ins), (&ok, &outs)])))
	});
	let ins8: Vec<_> = ins.iter().chain(&ins).chain(&ins).chain(&ins).cloned().collect();
	let outs8: Vec<_> = outs.iter().chain(&outs).chain(&outs).chain(&outs).cloned().collect();
	parts.bench_function("16 proofs batched", |b| {
		b.iter(|| sero_groth16::verify_batches(&[(&ik, &ins8), (&ok, &outs8)]))
	});
	parts.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
