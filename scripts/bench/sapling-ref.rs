//! The Sapling trial-decryption baseline of `scripts/bench/detection.sh`: zcash's own
//! `sapling-crypto` and `zcash_note_encryption` (from crates.io, built by the script
//! outside the workspace) testing other people's full Sapling outputs against one incoming
//! viewing key, as a Zcash wallet scans a chain: batches of 128 through
//! `zcash_note_encryption::batch::try_note_decryption`, on one thread and on two.
//!
//! Prints `sapling <threads> <outputs per second>` lines (median of the rounds).

use rand::rngs::SysRng;
use rand_core::UnwrapErr;
use sapling_crypto::{
	bundle::OutputDescription,
	keys::{OutgoingViewingKey, PreparedIncomingViewingKey},
	note_encryption::{sapling_note_encryption, SaplingDomain, Zip212Enforcement},
	util::generate_random_rseed,
	value::{NoteValue, ValueCommitTrapdoor, ValueCommitment},
	zip32::ExtendedSpendingKey,
};
use std::time::Instant;
use zcash_note_encryption::{batch, Domain};

const OUTPUTS: usize = 1024;
const CHUNK: usize = 128;
const ROUNDS: usize = 15;

type Output = (SaplingDomain, OutputDescription<[u8; 192]>);

/// Tests every output; how many were ours.
fn scan(ivk: &PreparedIncomingViewingKey, outputs: &[Output], threads: usize) -> usize {
	let per_thread = outputs.len().div_ceil(threads);
	std::thread::scope(|scope| {
		let tasks: Vec<_> = outputs
			.chunks(per_thread)
			.map(|part| {
				scope.spawn(move || {
					part.chunks(CHUNK)
						.map(|chunk| {
							batch::try_note_decryption(core::slice::from_ref(ivk), chunk)
								.iter()
								.filter(|found| found.is_some())
								.count()
						})
						.sum::<usize>()
				})
			})
			.collect();
		tasks.into_iter().map(|task| task.join().expect("a scan thread")).sum()
	})
}

fn main() {
	let mut rng = UnwrapErr(SysRng);
	let ours = ExtendedSpendingKey::master(&[1; 32]).expect("a key");
	let theirs = ExtendedSpendingKey::master(&[2; 32]).expect("a key");
	let (_, to) = theirs.default_address();
	let ovk = OutgoingViewingKey([0; 32]);
	let outputs: Vec<Output> = (0..OUTPUTS)
		.map(|i| {
			let value = NoteValue::from_raw(1000 + i as u64);
			let cv = ValueCommitment::derive(value, ValueCommitTrapdoor::random(&mut rng));
			let note = to.create_note(value, generate_random_rseed(Zip212Enforcement::On, &mut rng));
			let cmu = note.cmu();
			let encryption = sapling_note_encryption(Some(ovk), note, [0x37; 512], &mut rng);
			let output = OutputDescription::from_parts(
				cv.clone(),
				cmu,
				<SaplingDomain as Domain>::epk_bytes(encryption.epk()),
				encryption.encrypt_note_plaintext().0,
				encryption.encrypt_outgoing_plaintext(&cv, &cmu, &mut rng),
				[0u8; 192],
			);
			(SaplingDomain::new(Zip212Enforcement::On), output)
		})
		.collect();
	let ivk = PreparedIncomingViewingKey::new(
		&ours.to_diversifiable_full_viewing_key().to_ivk(zip32::Scope::External),
	);
	for threads in [1, 2] {
		let mut rates: Vec<f64> = (0..ROUNDS)
			.map(|_| {
				let started = Instant::now();
				assert_eq!(scan(&ivk, &outputs, threads), 0, "none of them is ours");
				OUTPUTS as f64 / started.elapsed().as_secs_f64()
			})
			.collect();
		rates.sort_by(f64::total_cmp);
		println!("sapling {threads} {:.0}", rates[ROUNDS / 2]);
	}
}
