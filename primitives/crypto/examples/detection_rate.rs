//! Our side of `scripts/bench/detection.sh`: trial detection (SPEC §3) of other people's
//! one-time addresses against one tracing key, measured exactly as the script measures the
//! Sapling baseline: 1,024 outputs in batches of 128, split over one thread or two.
//!
//! Prints `sero <threads> <outputs per second>` lines (median of the rounds).

use rand_core::OsRng;
use sero_crypto::{
	detection::Detector,
	keys::{OneTimeAddress, Seed, SpendingKey},
};
use std::time::Instant;

const OUTPUTS: usize = 1024;
const CHUNK: usize = 128;
const ROUNDS: usize = 15;

/// Tests every address; how many were ours.
fn scan(detector: &Detector, pkrs: &[[u8; OneTimeAddress::BYTES]], threads: usize) -> usize {
	let per_thread = pkrs.len().div_ceil(threads);
	std::thread::scope(|scope| {
		let tasks: Vec<_> = pkrs
			.chunks(per_thread)
			.map(|part| {
				scope.spawn(move || {
					part.chunks(CHUNK)
						.map(|chunk| detector.detect_batch(chunk).iter().flatten().count())
						.sum::<usize>()
				})
			})
			.collect();
		tasks.into_iter().map(|task| task.join().expect("a scan thread")).sum()
	})
}

fn main() {
	let ours = SpendingKey::from_seed(&Seed::from_bytes([1; 32]));
	let theirs = SpendingKey::from_seed(&Seed::from_bytes([2; 32]));
	let detector = Detector::new(&ours.tracing_key());
	let pkrs: Vec<[u8; OneTimeAddress::BYTES]> =
		(0..OUTPUTS).map(|_| theirs.public_key().one_time_address(&mut OsRng).to_bytes()).collect();
	for threads in [1, 2] {
		let mut rates: Vec<f64> = (0..ROUNDS)
			.map(|_| {
				let started = Instant::now();
				assert_eq!(scan(&detector, &pkrs, threads), 0, "none of them is ours");
				OUTPUTS as f64 / started.elapsed().as_secs_f64()
			})
			.collect();
		rates.sort_by(f64::total_cmp);
		println!("sero {threads} {:.0}", rates[ROUNDS / 2]);
	}
}
