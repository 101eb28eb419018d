//! Trial detection throughput: how many chain outputs a wallet tests per second, on one
//! thread and on all cores (sync's own parallel path): `cargo bench -p sero-crypto`.

// `criterion_group!` defines a public function without documentation.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rand_core::OsRng;
use rayon::prelude::*;
use sero_crypto::{
	detection::Detector,
	keys::{Seed, SpendingKey},
};

fn detection(c: &mut Criterion) {
	let ours = SpendingKey::from_seed(&Seed::random(&mut OsRng));
	let theirs = SpendingKey::from_seed(&Seed::random(&mut OsRng));
	let detector = Detector::new(&ours.tracing_key());
	// Other people's outputs, as nearly all outputs on a chain are.
	let pkrs: Vec<[u8; 96]> =
		(0..1024).map(|_| theirs.public_key().one_time_address(&mut OsRng).to_bytes()).collect();

	let mut group = c.benchmark_group("detect");
	group.throughput(Throughput::Elements(pkrs.len() as u64));
	group.sample_size(10);
	group.bench_function("1 thread", |b| {
		b.iter(|| pkrs.chunks(128).map(|c| detector.detect_batch(c).len()).sum::<usize>())
	});
	group.bench_function("all cores", |b| {
		b.iter(|| pkrs.par_chunks(128).map(|c| detector.detect_batch(c).len()).sum::<usize>())
	});
	group.finish();
}

criterion_group!(benches, detection);
criterion_main!(benches);
