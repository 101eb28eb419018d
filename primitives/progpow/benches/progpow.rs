//! ProgPoW benchmarks: light verification, full-DAG hashing, light-cache build.
//!
//! `cargo bench -p sero-progpow` runs all three; the full-DAG group first builds the
//! 1 GiB DAG of epoch 0 on all cores (a few minutes), then hashes on one thread.

use std::sync::Arc;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use sero_progpow::{FullDag, LightCache, LightCaches, Program};

const HEADER: [u8; 32] = [0x5a; 32];

fn light_verify(c: &mut Criterion) {
	let caches = LightCaches::default();
	caches.get(0);
	let mut nonce = 0u64;
	let mut group = c.benchmark_group("progpow");
	group.throughput(Throughput::Elements(1));
	group.bench_function("light_hash_warm_cache", |b| {
		b.iter(|| {
			nonce += 1;
			caches.hash(1, &HEADER, nonce)
		})
	});
	group.finish();
}

fn full_dag_hash(c: &mut Criterion) {
	let mut group = c.benchmark_group("progpow");
	group.throughput(Throughput::Elements(1));
	group.bench_function("full_dag_hash_one_thread", |b| {
		// Built here, so that a filter that skips this benchmark skips the build too.
		let dag = FullDag::build(Arc::new(LightCache::new(0)));
		let program = Program::for_height(1);
		assert_eq!(
			dag.hash(&program, &HEADER, 7),
			dag.light().hash(1, &HEADER, 7),
			"full DAG and light cache must agree"
		);
		let mut nonce = 0u64;
		b.iter(|| {
			nonce += 1;
			dag.hash(&program, &HEADER, nonce)
		})
	});
	group.finish();
}

fn light_cache_build(c: &mut Criterion) {
	let mut group = c.benchmark_group("progpow");
	group.sample_size(10);
	group.bench_function("light_cache_build_epoch_0", |b| b.iter(|| LightCache::new(0)));
	group.finish();
}

criterion_group!(benches, light_verify, light_cache_build, full_dag_hash);
criterion_main!(benches);
