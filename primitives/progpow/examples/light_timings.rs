//! The Rust half of `scripts/bench/progpow.sh`: ProgPoW light verification and the light
//! cache build of epoch 0, timed as the C++ reference's driver (`scripts/bench/progpow-ref.cpp`)
//! times them, printed as the same JSON lines so the script can set them side by side.
//!
//! `cargo run --release -p sero-progpow --example light_timings -- [--builds N]
//! [--batches B] [--hashes M] [--items K] [--block H] [--check-nonce X]`

use std::{hint::black_box, time::Instant};

use sero_progpow::{epoch_of, LightCache};

/// The published ProgPoW 0.9.2 vector: block 0, a zero header hash, nonce 0.
const VECTOR: (&str, &str) = (
	"faeb1be51075b03a4ff44b335067951ead07a3b078539ace76fd56fc410557a3",
	"63155f732f2bf556967f906155b510c917e48e99685ead76ea83f4eca03ab12b",
);

/// The value of `--name N` on the command line, or `default`.
fn option(name: &str, default: u64) -> u64 {
	let args: Vec<String> = std::env::args().collect();
	match args.windows(2).find(|pair| pair[0] == name) {
		Some(pair) => pair[1].parse().unwrap_or_else(|_| {
			eprintln!("{name} takes a number, not {}", pair[1]);
			std::process::exit(2)
		}),
		None => default,
	}
}

/// Prints one timed figure: the median of `samples` (milliseconds per `per`), with the
/// extremes.
fn emit(what: &str, mut samples: Vec<f64>, per: &str) {
	samples.sort_by(f64::total_cmp);
	let n = samples.len();
	let median =
		if n % 2 == 1 { samples[n / 2] } else { (samples[n / 2 - 1] + samples[n / 2]) / 2.0 };
	println!(
		"{{\"impl\":\"rust\",\"what\":\"{what}\",\"ms\":{median:.6},\"min_ms\":{:.6},\"max_ms\":{:.6},\"samples\":{n},\"per\":\"{per}\"}}",
		samples[0],
		samples[n - 1],
	);
}

fn ms_since(start: Instant) -> f64 {
	start.elapsed().as_secs_f64() * 1e3
}

fn main() {
	let builds = option("--builds", 5) as usize;
	let batches = option("--batches", 15) as usize;
	let hashes = option("--hashes", 20);
	let items = option("--items", 2000) as u32;
	let block = option("--block", 1);
	let check_nonce = option("--check-nonce", 7);
	if builds == 0 || batches == 0 || hashes == 0 || items == 0 || epoch_of(block) != 0 {
		eprintln!("bad options (counts are at least 1; the block must lie in epoch 0)");
		std::process::exit(2);
	}

	let cache = LightCache::new(0);
	let out = cache.hash(0, &[0u8; 32], 0);
	let (mix, fin) = (hex::encode(out.mix_hash), hex::encode(out.final_hash));
	let ok = (mix.as_str(), fin.as_str()) == VECTOR;
	println!(
		"{{\"impl\":\"rust\",\"what\":\"vector\",\"ok\":{ok},\"mix_hash\":\"{mix}\",\"final_hash\":\"{fin}\"}}"
	);
	if !ok {
		std::process::exit(1);
	}

	// The cross-check: the same (block, header, nonce) as the C++ driver.
	let header = [0x5a_u8; 32];
	let out = cache.hash(block, &header, check_nonce);
	println!(
		"{{\"impl\":\"rust\",\"what\":\"check\",\"block\":{block},\"nonce\":{check_nonce},\"mix_hash\":\"{}\",\"final_hash\":\"{}\"}}",
		hex::encode(out.mix_hash),
		hex::encode(out.final_hash),
	);

	// Light verification with a warm cache, a new nonce each time; one batch to warm up.
	let mut nonce = 1u64;
	for _ in 0..hashes {
		black_box(cache.hash(block, &header, nonce));
		nonce += 1;
	}
	let mut per_hash = Vec::with_capacity(batches);
	for _ in 0..batches {
		let start = Instant::now();
		for _ in 0..hashes {
			black_box(cache.hash(black_box(block), &header, nonce));
			nonce += 1;
		}
		per_hash.push(ms_since(start) / hashes as f64);
	}
	emit("light_hash", per_hash, "hash");

	// One 2048-bit DAG load from the light cache (four chains of 256 parents), at the
	// C++ driver's pseudo-random indexes.
	let loads = (cache.dataset_items() / 2) as u32;
	let mut per_item = Vec::new();
	for rep in 0..5u32 {
		let start = Instant::now();
		for k in 0..items {
			let index = (k + rep * items).wrapping_mul(2_654_435_761) % loads;
			black_box(cache.dataset_item_2048(index));
		}
		per_item.push(ms_since(start) / f64::from(items));
	}
	emit("item_2048", per_item, "item");

	// The light cache of epoch 0 with its cDag, dropped outside the timing.
	let mut per_build = Vec::with_capacity(builds);
	for _ in 0..builds {
		let start = Instant::now();
		let built = LightCache::new(black_box(0));
		per_build.push(ms_since(start));
		drop(black_box(built));
	}
	emit("light_cache_build", per_build, "build");
}
