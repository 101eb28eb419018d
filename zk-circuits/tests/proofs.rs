//! Real Groth16 proofs with the development keys: made, checked, rejected when wrong.

use ark_ec::CurveGroup;
use ark_ff::UniformRand;
use ark_groth16::Groth16;
use ark_std::rand::{rngs::StdRng, SeedableRng};
use sero_crypto::{
	asset::{self, AssetId},
	generators::G,
	keys::{Seed, SpendingKey},
	note,
	tree::AuthPath,
	Base, Scalar,
};
use sero_groth16::{Bn254, PreparedKey};
use sero_zk::{
	input::{InputCircuit, InputWitness},
	output::{OutputCircuit, OutputWitness},
	prover::{self, ProveError},
	setup::{self, Circuit, Keys},
};
use std::sync::OnceLock;

fn keys() -> &'static Keys {
	static KEYS: OnceLock<Keys> = OnceLock::new();
	KEYS.get_or_init(|| {
		let dir = std::env::temp_dir().join(format!("sero-zk-test-{}", std::process::id()));
		let keys = setup::dev_keys(&dir).unwrap();
		// The second call reads the cache the first wrote.
		let cached = setup::dev_keys(&dir).unwrap();
		assert_eq!(
			sero_groth16::verifying_key_bytes(&cached.input.vk),
			sero_groth16::verifying_key_bytes(&keys.input.vk)
		);
		std::fs::remove_dir_all(&dir).unwrap();
		keys
	})
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Node and wallet derive the same development keys: their digests are pinned here. A
/// change to either circuit changes them (update the pins and say so in the commit).
#[test]
fn dev_verifying_keys_are_pinned() {
	let digests: Vec<String> = Circuit::ALL
		.iter()
		.map(|c| hex(&sero_groth16::verifying_key_digest(&keys().proving_key(*c).vk)))
		.collect();
	println!("dev verifying keys: output {} input {}", digests[0], digests[1]);
	assert_eq!(digests, [DEV_OUTPUT_VK, DEV_INPUT_VK]);
}

const DEV_OUTPUT_VK: &str = "99c56a544f7bd5a1d29c6014eb27ddcff1f1ac3b8306774855205898e758c7d9";
const DEV_INPUT_VK: &str = "f0ddc200bcfc83ee012f2cbd88e80b9dd45cd61aa53d750b8e2fff2ef0f440f1";

/// A note of `value` SERO for `owner` at position 2 of a small tree.
fn note_of(owner: &SpendingKey, value: u128, rng: &mut StdRng) -> (Vec<Base>, InputWitness) {
	let pkr = owner.public_key().one_time_address(rng);
	let asset_cm = asset::asset_cm(&AssetId::native().base().unwrap(), value, &Scalar::rand(rng));
	let mut leaves: Vec<Base> = (0..5u64).map(Base::from).collect();
	leaves[2] = note::leaf(&pkr, &asset_cm);
	let witness = InputWitness {
		pkr,
		asset_cm,
		path: AuthPath::from_leaves(&leaves, 2).unwrap(),
		vskr: *owner.one_time_secret(&pkr).unwrap().vskr(),
		delta: Scalar::rand(rng),
		a: Scalar::rand(rng),
	};
	(leaves, witness)
}

#[test]
fn a_two_in_two_out_transaction_proves_and_verifies() {
	let mut rng = StdRng::seed_from_u64(1);
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let inputs = [note_of(&owner, 30, &mut rng).1, note_of(&owner, 12, &mut rng).1];
	let outputs = [
		OutputWitness { asset: AssetId::native(), value: 40, ar: Scalar::rand(&mut rng) },
		OutputWitness { asset: AssetId::native(), value: 2, ar: Scalar::rand(&mut rng) },
	];
	let proofs = prover::prove_transaction(keys(), &inputs, &outputs).unwrap();

	let input_key = PreparedKey::new(&keys().input.vk);
	let output_key = PreparedKey::new(&keys().output.vk);
	assert_eq!((input_key.public_inputs(), output_key.public_inputs()), (6, 2));
	for (statement, proof) in &proofs.inputs {
		let bytes = sero_groth16::proof_to_bytes(proof);
		let decoded = sero_groth16::proof_from_bytes(&bytes).unwrap();
		assert!(input_key.verify(&statement.public_inputs(), &decoded));
		// The same proof for another nil, or under the output key, fails.
		let mut other = *statement;
		other.nil += Base::from(1u64);
		assert!(!input_key.verify(&other.public_inputs(), proof));
		assert!(!output_key.verify(&statement.public_inputs()[..2], proof));
	}
	for (statement, proof) in &proofs.outputs {
		assert!(output_key.verify(&statement.public_inputs(), proof));
		let mut other = *statement;
		other.asset_cm = (other.asset_cm + G).into_affine();
		assert!(!output_key.verify(&other.public_inputs(), proof));
	}
	// The two inputs' nils differ.
	assert_ne!(proofs.inputs[0].0.nil, proofs.inputs[1].0.nil);

	// Batch verification (one proof is checked alone, two or more as a batch): a batch with
	// one bad statement fails.
	let batch: Vec<_> = proofs.inputs.iter().map(|(s, p)| (s.public_inputs(), p.clone())).collect();
	assert!(input_key.verify_batch(&batch));
	assert!(input_key.verify_batch(&batch[..1]));
	assert!(input_key.verify_batch(&[]));
	let mut bad = batch.clone();
	bad[1].0[1] += Base::from(1u64);
	assert!(!input_key.verify_batch(&bad));
	let mut swapped = batch.clone();
	swapped[0].1 = batch[1].1.clone();
	assert!(!input_key.verify_batch(&swapped));
	assert!(!input_key
		.verify_batch(&[batch[0].clone(), (batch[1].0[..5].to_vec(), batch[1].1.clone())]));
	let outputs: Vec<_> =
		proofs.outputs.iter().map(|(s, p)| (s.public_inputs(), p.clone())).collect();
	assert!(output_key.verify_batch(&outputs));
	assert!(!output_key.verify_batch(&[outputs[0].clone(), batch[0].clone()]));

	// Both circuits' proofs as one batch (four proofs: the batch path): one wrong statement
	// under either key, or the keys swapped, fails it.
	assert!(sero_groth16::verify_batches(&[(&input_key, &batch), (&output_key, &outputs)]));
	assert!(!sero_groth16::verify_batches(&[(&input_key, &bad), (&output_key, &outputs)]));
	let mut bad_output = outputs.clone();
	bad_output[0].0[0] += Base::from(1u64);
	assert!(!sero_groth16::verify_batches(&[(&input_key, &batch), (&output_key, &bad_output)]));
	assert!(!sero_groth16::verify_batches(&[(&output_key, &batch), (&input_key, &outputs)]));
}

/// Our prover (its own multi-scalar multiplications) makes exactly arkworks' Groth16
/// proofs: given the same randomness `r` and `s` (the first two field elements the prover
/// draws), arkworks' own prover makes the same proof, for both circuits.
#[test]
fn proofs_equal_arkworks_proofs_for_the_same_randomness() {
	let mut rng = StdRng::seed_from_u64(7);
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let (_, input) = note_of(&owner, 30, &mut rng);
	let output = OutputWitness { asset: AssetId::native(), value: 40, ar: Scalar::rand(&mut rng) };
	let randomness = |rng: &StdRng| {
		let mut rng = rng.clone();
		(Base::rand(&mut rng), Base::rand(&mut rng))
	};

	let (r, s) = randomness(&rng);
	let (statement, ours) = prover::prove_input(&keys().input, &input, &mut rng.clone()).unwrap();
	let circuit = InputCircuit::new(statement, input.clone());
	let theirs = Groth16::<Bn254>::create_proof_with_reduction(circuit, &keys().input, r, s);
	assert_eq!(ours, theirs.unwrap());

	let (statement, ours) =
		prover::prove_output(&keys().output, &output, &mut rng.clone()).unwrap();
	let circuit = OutputCircuit::new(statement, &output);
	let theirs = Groth16::<Bn254>::create_proof_with_reduction(circuit, &keys().output, r, s);
	assert_eq!(ours, theirs.unwrap());
}

/// A proving key of the other circuit is refused before any work, with a clear error (the
/// Groth16 arithmetic would otherwise pair up points and values of different lengths and
/// make a proof that fails).
#[test]
fn a_proving_key_of_the_other_circuit_is_refused() {
	let mut rng = StdRng::seed_from_u64(8);
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let (_, input) = note_of(&owner, 30, &mut rng);
	let output = OutputWitness { asset: AssetId::native(), value: 40, ar: Scalar::rand(&mut rng) };
	assert_eq!(
		prover::prove_input(&keys().output, &input, &mut rng).unwrap_err(),
		ProveError::WrongKey("input")
	);
	assert_eq!(
		prover::prove_output(&keys().input, &output, &mut rng).unwrap_err(),
		ProveError::WrongKey("output")
	);
}

#[test]
fn malformed_proof_bytes_are_rejected() {
	let mut rng = StdRng::seed_from_u64(2);
	let w = OutputWitness { asset: AssetId::native(), value: 5, ar: Scalar::rand(&mut rng) };
	let (statement, proof) = prover::prove_output(&keys().output, &w, &mut rng).unwrap();
	let key = PreparedKey::new(&keys().output.vk);
	let bytes = sero_groth16::proof_to_bytes(&proof);
	let mut rejected = 0;
	for i in [0, 31, 40, 100, 127] {
		let mut bad = bytes;
		bad[i] ^= 0x01;
		match sero_groth16::proof_from_bytes(&bad) {
			None => rejected += 1,
			Some(p) => assert!(!key.verify(&statement.public_inputs(), &p)),
		}
	}
	assert!(sero_groth16::proof_from_bytes(&[0xff; 128]).is_none());
	println!("{rejected} of 5 bit flips were not even points");
}

#[test]
fn the_prover_refuses_a_note_it_does_not_own() {
	let mut rng = StdRng::seed_from_u64(3);
	let owner = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let (_, mut w) = note_of(&owner, 30, &mut rng);
	w.vskr += Scalar::from(1u64);
	assert_eq!(prover::prove_input(&keys().input, &w, &mut rng).unwrap_err(), ProveError::NotOwner);
}

/// The runtime's genesis carries the development verifying keys from these files; they
/// must be the keys the prover uses. `SERO_REGENERATE_FIXTURES=1` rewrites them.
///
/// The files are compiled in (as the runtime does), so the test binary always holds the
/// files of the checkout it was built from, wherever the target directory is shared.
#[test]
fn dev_verifying_key_files_match() {
	let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("dev-keys");
	for circuit in Circuit::ALL {
		let committed: &[u8] = match circuit {
			Circuit::Input => include_bytes!("../dev-keys/input.vk"),
			Circuit::Output => include_bytes!("../dev-keys/output.vk"),
		};
		let derived = sero_groth16::verifying_key_bytes(&keys().proving_key(circuit).vk);
		if std::env::var_os("SERO_REGENERATE_FIXTURES").is_some() {
			std::fs::create_dir_all(&dir).unwrap();
			std::fs::write(dir.join(format!("{}.vk", circuit.name())), &derived).unwrap();
		} else {
			assert_eq!(committed, derived, "dev-keys/{}.vk is stale", circuit.name());
		}
	}
}
