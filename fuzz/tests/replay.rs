//! The short fuzz run of the test suite: every target replays its checked-in seeds
//! (`fuzz/seeds/<target>/`), then `SERO_FUZZ_ITERATIONS` (default 300) mutants of them,
//! drawn from a fixed seed so that a run is repeatable. A panic names the target and prints
//! the input in hex.
//!
//! `SERO_FUZZ_WRITE_SEEDS=1 cargo test -p sero-fuzz --test replay -- --ignored write_seeds`
//! writes the hand-made seeds anew.

use codec::Encode;
use pallet_shielded::benchmark_fixture::{Fixture, INPUT_KEY};
use polkadot_sdk::{sp_core::H256, sp_keyring::Sr25519Keyring, sp_runtime::generic::Era};
use sero_consensus_primitives::{meets_difficulty, Seal};
use sero_crypto::{
	asset::AssetId,
	keys::{scalar_to_bytes, Seed, SpendingKey},
	point, Scalar,
};
use sero_fuzz::{with_dev_state, TARGETS};
use sero_progpow::LightCaches;
use sero_runtime::{AccountId, Runtime, RuntimeCall, UncheckedExtrinsic, VERSION};
use sero_shielded_primitives::Transparent;
use sero_wallet::{
	keystore::{KdfParams, Keystore},
	transfer::{signed_extrinsic, SigningContext},
};
use std::{
	fs,
	path::{Path, PathBuf},
	sync::OnceLock,
};

fn seeds_dir() -> PathBuf {
	Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")
}

fn seeds(target: &str) -> Vec<Vec<u8>> {
	let dir = seeds_dir().join(target);
	let mut paths: Vec<PathBuf> = fs::read_dir(&dir)
		.unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
		.map(|entry| entry.unwrap().path())
		.collect();
	paths.sort();
	paths.iter().map(|path| fs::read(path).unwrap()).collect()
}

/// xorshift64*: a repeatable stream of choices.
struct Rng(u64);

impl Rng {
	fn next(&mut self) -> u64 {
		self.0 ^= self.0 >> 12;
		self.0 ^= self.0 << 25;
		self.0 ^= self.0 >> 27;
		self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
	}

	fn below(&mut self, n: usize) -> usize {
		(self.next() % n.max(1) as u64) as usize
	}
}

/// One to four edits of a seed: bit flips, boundary bytes, insertions, deletions,
/// duplications, truncations, splices of another seed.
fn mutate(seeds: &[Vec<u8>], rng: &mut Rng) -> Vec<u8> {
	let mut data = seeds[rng.below(seeds.len())].clone();
	for _ in 0..1 + rng.below(4) {
		let at = rng.below(data.len() + 1);
		match rng.below(7) {
			0 if !data.is_empty() => {
				let i = rng.below(data.len());
				data[i] ^= 1 << rng.below(8);
			},
			1 if !data.is_empty() => {
				let i = rng.below(data.len());
				data[i] = [0x00, 0xff, 0x7f, 0x80, 0x01][rng.below(5)];
			},
			2 => {
				let extra: Vec<u8> = (0..1 + rng.below(8)).map(|_| rng.next() as u8).collect();
				data.splice(at..at, extra);
			},
			3 if at < data.len() => {
				let end = at + 1 + rng.below((data.len() - at).min(32));
				data.drain(at..end.min(data.len()));
			},
			4 if at < data.len() => {
				let end = (at + 1 + rng.below(32)).min(data.len());
				let copy = data[at..end].to_vec();
				data.splice(at..at, copy);
			},
			5 => data.truncate(at),
			_ => {
				let other = &seeds[rng.below(seeds.len())];
				let from = rng.below(other.len());
				let part = other[from..(from + 1 + rng.below(64)).min(other.len())].to_vec();
				data.splice(at..(at + part.len()).min(data.len()), part);
			},
		}
	}
	data
}

fn run(name: &str, target: fn(&[u8]), input: &[u8]) {
	if let Err(panic) = std::panic::catch_unwind(|| target(input)) {
		eprintln!("target {name} panicked on input {}", hex::encode(input));
		std::panic::resume_unwind(panic);
	}
}

#[test]
fn every_target_survives_its_seeds_and_their_mutants() {
	let iterations: usize =
		std::env::var("SERO_FUZZ_ITERATIONS").ok().and_then(|n| n.parse().ok()).unwrap_or(300);
	for (index, &(name, target)) in TARGETS.iter().enumerate() {
		let seeds = seeds(name);
		assert!(!seeds.is_empty(), "no seeds for {name}");
		for seed in &seeds {
			run(name, target, seed);
		}
		let mut rng = Rng(0x5e80_f022_u64.wrapping_add(index as u64 * 0x9e37_79b9));
		for _ in 0..iterations {
			run(name, target, &mutate(&seeds, &mut rng));
		}
		println!("{name}: {} seeds and {iterations} mutants, no panic", seeds.len());
	}
}

// ---------------------------------------------------------------------------------------
// The hand-made seeds.
// ---------------------------------------------------------------------------------------

fn fixture() -> &'static Fixture {
	static FIXTURE: OnceLock<Fixture> = OnceLock::new();
	FIXTURE.get_or_init(Fixture::load)
}

fn write(target: &str, name: &str, bytes: &[u8]) {
	let dir = seeds_dir().join(target);
	fs::create_dir_all(&dir).unwrap();
	fs::write(dir.join(name), bytes).unwrap();
}

fn account(keyring: Sr25519Keyring) -> AccountId {
	keyring.to_account_id()
}

/// `call` signed by Alice for the dev state, immortal, at her first nonce.
fn signed(call: RuntimeCall) -> Vec<u8> {
	let genesis = with_dev_state(|| polkadot_sdk::frame_system::BlockHash::<Runtime>::get(0));
	let context = SigningContext {
		nonce: 0,
		spec_version: VERSION.spec_version,
		tx_version: VERSION.transaction_version,
		genesis: genesis.0,
		era: Era::Immortal,
		birth_hash: genesis.0,
	};
	signed_extrinsic(call, &Sr25519Keyring::Alice.pair(), &context)
}

fn extrinsic_seeds() {
	let shielded = |call| RuntimeCall::Shielded(call);
	let transact = fixture().transaction::<AccountId>(2, 2, None);
	let unshield = fixture().transaction::<AccountId>(
		1,
		1,
		Some(Transparent::Out {
			to: account(Sr25519Keyring::Bob),
			asset: AssetId::native().into(),
			value: 1_000_000,
		}),
	);
	let shield = fixture().transaction_of::<AccountId>(
		&[],
		&[0],
		Some(Transparent::In {
			from: account(Sr25519Keyring::Alice),
			asset: AssetId::native().into(),
			value: 1_000,
		}),
	);
	let bare = |call: RuntimeCall| UncheckedExtrinsic::new_bare_legacy(call).encode();
	let seeds = [
		(
			"transact-2-2",
			bare(shielded(pallet_shielded::Call::transact { tx: Box::new(transact) })),
		),
		(
			"unshield-1-1",
			bare(shielded(pallet_shielded::Call::unshield { tx: Box::new(unshield) })),
		),
		("shield-signed", signed(shielded(pallet_shielded::Call::shield { tx: Box::new(shield) }))),
		(
			"transfer-signed",
			signed(RuntimeCall::Balances(
				polkadot_sdk::pallet_balances::Call::transfer_keep_alive {
					dest: account(Sr25519Keyring::Bob).into(),
					value: 1_000_000_000,
				},
			)),
		),
	];
	for (name, bytes) in seeds {
		// Source External (0), and also read as a block (top bit) for the first.
		let selector = if name == "transact-2-2" { 0x80 } else { 0 };
		write("extrinsic", name, &[&[selector][..], &bytes].concat());
	}
}

fn seal_seeds() {
	let caches = LightCaches::default();
	let pre_hash = H256::repeat_byte(1);
	let height: u16 = 7;
	let difficulty: u64 = 4;
	let seal = (0u64..)
		.find_map(|nonce| {
			let out = caches.hash(u64::from(height), pre_hash.as_fixed_bytes(), nonce);
			meets_difficulty(&out.final_hash, difficulty.into())
				.then(|| Seal::new(nonce, H256(out.mix_hash)))
		})
		.unwrap();
	let mut header = height.to_le_bytes().to_vec();
	header.extend(6u64.to_le_bytes());
	header.extend(difficulty.to_le_bytes());
	header.extend(pre_hash.as_bytes());
	write("seal", "mined", &[&header[..], &seal.encode()].concat());
	write("seal", "garbage", &[&header[..], &[0xde, 0xad][..]].concat());
}

fn crypto_seeds() {
	let tx = fixture().transaction::<AccountId>(1, 1, None);
	let input = &tx.body.inputs[0];
	let output = &tx.body.outputs[0];
	let with = |selector: u8, bytes: &[u8]| [&[selector][..], bytes].concat();
	write("crypto", "proof", &with(0, &input.proof));
	write("crypto", "verifying-key", &with(1, INPUT_KEY));
	write("crypto", "point", &with(2, &output.asset_cm.0));
	write("crypto", "pkr", &with(3, &output.pkr));
	write("crypto", "signature", &with(3, &tx.spend_signatures[0]));
	write("crypto", "poseidon", &with(4, &[&input.nil.0[..], &input.anchor.0[..]].concat()));
	write("crypto", "hash-to-curve", &with(5, &AssetId::native().to_bytes()));
	let native = point::encode(&AssetId::native().base().unwrap());
	let terms = vec![(native, scalar_to_bytes(&-Scalar::from(tx.body.fee)))];
	let parts = (
		tx.body.inputs.to_vec(),
		tx.body.outputs.to_vec(),
		tx.spend_signatures.to_vec(),
		terms,
		tx.body.signing_hash(),
		tx.balance_signature,
	);
	write("crypto", "transaction", &with(6, &parts.encode()));
}

fn text_seeds() {
	let key = SpendingKey::from_seed(&Seed::from_bytes([7; 32]));
	let pk = key.public_key();
	let pkr = pk.one_time_address(&mut rng());
	write("text", "pk", pk.to_string().as_bytes());
	write("text", "pkr", pkr.to_string().as_bytes());
	write("text", "tk", key.tracing_key().to_text().as_bytes());
	write("text", "amount", b"12.345678901234567891");
	write("text", "token", b"GOLD_2");
}

/// A deterministic RNG, so that written seeds do not change without reason.
fn rng() -> rand_chacha::ChaCha20Rng {
	rand_core::SeedableRng::from_seed([7; 32])
}

fn keystore_seeds() {
	let keystore = Keystore::seal(
		&Seed::from_bytes([9; 32]),
		"fuzz",
		KdfParams { memory_kib: 64, iterations: 1 },
		&mut rng(),
	);
	write(
		"keystore",
		"cheap",
		serde_json::to_string_pretty(&keystore.to_json()).unwrap().as_bytes(),
	);
}

fn rpc_seeds() {
	let tx = fixture().transaction::<AccountId>(1, 0, None);
	let hex = |bytes: &[u8]| format!("0x{}", hex::encode(bytes));
	let with = |method: u8, params: String| [&[method][..], params.as_bytes()].concat();
	write("rpc", "leaves", &with(0, "[0, 20]".into()));
	write("rpc", "auth-path", &with(1, format!("[3, \"{}\"]", hex(&tx.body.inputs[0].anchor.0))));
	write("rpc", "is-spent", &with(2, format!("[\"{}\"]", hex(&tx.body.inputs[0].nil.0))));
	write("rpc", "minimum-fee", &with(3, "[2, 2]".into()));
	write("rpc", "submit-block", &with(4, "[\"0x00\"]".into()));
}

#[test]
#[ignore = "writes fuzz/seeds: run with SERO_FUZZ_WRITE_SEEDS=1"]
fn write_seeds() {
	assert!(std::env::var_os("SERO_FUZZ_WRITE_SEEDS").is_some(), "set SERO_FUZZ_WRITE_SEEDS=1");
	extrinsic_seeds();
	seal_seeds();
	crypto_seeds();
	text_seeds();
	keystore_seeds();
	rpc_seeds();
}
