//! The ethash epoch structure: sizes, seeds, the light cache and DAG items.
//!
//! Parameters are ethash's (SPEC §7): epochs of 30 000 blocks, a light cache of
//! 2^24 bytes growing by 2^17 per epoch, a dataset of 2^30 bytes growing by 2^23 per
//! epoch, both trimmed to a prime number of items, 3 cache rounds and 256 parents
//! per dataset item.

use crate::{
	fnv::fnv1,
	keccak::{keccak_256, keccak_512, keccak_512_words},
	H256,
};

/// Blocks per ethash epoch.
pub const EPOCH_LENGTH: u64 = 30_000;
/// Bytes of one light-cache item.
pub const CACHE_ITEM_BYTES: u64 = 64;
/// Bytes of one full-dataset item.
pub const DATASET_ITEM_BYTES: u64 = 128;
const CACHE_BYTES_INIT: u64 = 1 << 24;
const CACHE_BYTES_GROWTH: u64 = 1 << 17;
const DATASET_BYTES_INIT: u64 = 1 << 30;
const DATASET_BYTES_GROWTH: u64 = 1 << 23;
const CACHE_ROUNDS: usize = 3;
const DATASET_PARENTS: u32 = 256;

/// 32-bit words in a 512-bit item.
pub const WORDS_512: usize = 16;
/// 32-bit words in a full-dataset (1024-bit) item.
pub const WORDS_1024: usize = 32;
/// 32-bit words in the 2048-bit unit ProgPoW loads from the DAG.
pub const WORDS_2048: usize = 64;

/// A 512-bit item as little-endian 32-bit words.
pub type Item512 = [u32; WORDS_512];
/// A 1024-bit full-dataset item.
pub type Item1024 = [u32; WORDS_1024];
/// A 2048-bit DAG load: two consecutive full-dataset items.
pub type Item2048 = [u32; WORDS_2048];

/// Words of the ProgPoW cDag: the first 16 KiB of the DAG, kept in "L1".
pub const CDAG_WORDS: usize = 16 * 1024 / 4;

/// The epoch a block at `height` belongs to.
pub fn epoch_of(height: u64) -> u64 {
	height / EPOCH_LENGTH
}

fn is_prime(n: u64) -> bool {
	if n < 2 {
		return false;
	}
	if n % 2 == 0 {
		return n == 2;
	}
	let mut d = 3;
	while d * d <= n {
		if n % d == 0 {
			return false;
		}
		d += 2;
	}
	true
}

fn prime_items_below(bytes: u64, item_bytes: u64) -> u64 {
	let mut items = bytes / item_bytes;
	while !is_prime(items) {
		items -= 1;
	}
	items
}

/// Number of 64-byte items in the light cache of `epoch`.
pub fn cache_items(epoch: u64) -> u64 {
	prime_items_below(
		CACHE_BYTES_INIT + CACHE_BYTES_GROWTH * epoch - CACHE_ITEM_BYTES,
		CACHE_ITEM_BYTES,
	)
}

/// Number of 128-byte items in the full dataset of `epoch`.
pub fn dataset_items(epoch: u64) -> u64 {
	prime_items_below(
		DATASET_BYTES_INIT + DATASET_BYTES_GROWTH * epoch - DATASET_ITEM_BYTES,
		DATASET_ITEM_BYTES,
	)
}

/// The light cache size of `epoch`, in bytes.
pub fn cache_size(epoch: u64) -> u64 {
	cache_items(epoch) * CACHE_ITEM_BYTES
}

/// The full dataset (DAG) size of `epoch`, in bytes.
pub fn dataset_size(epoch: u64) -> u64 {
	dataset_items(epoch) * DATASET_ITEM_BYTES
}

/// The seed of `epoch`: Keccak-256 applied `epoch` times to 32 zero bytes.
pub fn epoch_seed(epoch: u64) -> H256 {
	(0..epoch).fold([0u8; 32], |seed, _| keccak_256(&seed))
}

fn words_of(bytes: &[u8; 64]) -> Item512 {
	core::array::from_fn(|i| {
		u32::from_le_bytes(bytes[4 * i..4 * i + 4].try_into().expect("4 bytes"))
	})
}

/// The ethash light cache of one epoch, with ProgPoW's cDag derived from it.
///
/// Every DAG item can be recomputed from this cache; verification needs nothing else.
pub struct LightCache {
	epoch: u64,
	items: Vec<Item512>,
	dataset_items: u64,
	cdag: Vec<u32>,
}

impl LightCache {
	/// Builds the light cache of `epoch` (about a second at epoch 0 on one core).
	pub fn new(epoch: u64) -> Self {
		let started = std::time::Instant::now();
		let n = cache_items(epoch) as usize;
		let mut items = Vec::with_capacity(n);
		let mut item = words_of(&keccak_512(&epoch_seed(epoch)));
		items.push(item);
		for _ in 1..n {
			item = keccak_512_words(&item);
			items.push(item);
		}
		for _ in 0..CACHE_ROUNDS {
			for i in 0..n {
				let v = items[i][0] as usize % n;
				let w = (i + n - 1) % n;
				let mixed: Item512 = core::array::from_fn(|k| items[v][k] ^ items[w][k]);
				items[i] = keccak_512_words(&mixed);
			}
		}
		let mut cache =
			Self { epoch, items, dataset_items: dataset_items(epoch), cdag: Vec::new() };
		cache.cdag = (0..(CDAG_WORDS / WORDS_2048) as u32)
			.flat_map(|i| cache.dataset_item_2048(i))
			.collect();
		log::debug!(
			target: "progpow",
			"Built the light cache of epoch {epoch} ({} bytes) in {:?}",
			n as u64 * CACHE_ITEM_BYTES,
			started.elapsed(),
		);
		cache
	}

	/// The epoch this cache belongs to.
	pub fn epoch(&self) -> u64 {
		self.epoch
	}

	/// Number of 128-byte items in this epoch's full dataset.
	pub fn dataset_items(&self) -> u64 {
		self.dataset_items
	}

	/// The cDag: the first 16 KiB of the DAG as 32-bit words.
	pub fn cdag(&self) -> &[u32] {
		&self.cdag
	}

	/// The full-dataset (1024-bit) item at `index`, computed from the cache.
	pub fn dataset_item_1024(&self, index: u32) -> Item1024 {
		let [a, b] = self.dataset_items_512::<2>(u64::from(index) * 2);
		let mut out = [0u32; WORDS_1024];
		out[..WORDS_512].copy_from_slice(&a);
		out[WORDS_512..].copy_from_slice(&b);
		out
	}

	/// The 2048-bit DAG load at `index` (full-dataset items `2·index` and `2·index + 1`).
	pub fn dataset_item_2048(&self, index: u32) -> Item2048 {
		let parts = self.dataset_items_512::<4>(u64::from(index) * 4);
		let mut out = [0u32; WORDS_2048];
		for (chunk, part) in out.chunks_exact_mut(WORDS_512).zip(parts.iter()) {
			chunk.copy_from_slice(part);
		}
		out
	}

	/// `N` consecutive 512-bit dataset items from `first`, computed interleaved so
	/// that their cache reads overlap in memory.
	fn dataset_items_512<const N: usize>(&self, first: u64) -> [Item512; N] {
		let n = self.items.len() as u64;
		let seeds: [u32; N] = core::array::from_fn(|k| (first + k as u64) as u32);
		let mut mixes: [Item512; N] = core::array::from_fn(|k| {
			let mut mix = self.items[((first + k as u64) % n) as usize];
			mix[0] ^= seeds[k];
			keccak_512_words(&mix)
		});
		// Cache sizes stay far below 2^32 items; a 32-bit modulo is much cheaper.
		let n32 = n as u32;
		for round in 0..DATASET_PARENTS {
			for (mix, seed) in mixes.iter_mut().zip(seeds) {
				let parent = fnv1(seed ^ round, mix[round as usize % WORDS_512]) % n32;
				let parent = &self.items[parent as usize];
				for (m, p) in mix.iter_mut().zip(parent) {
					*m = fnv1(*m, *p);
				}
			}
		}
		mixes.map(|mix| keccak_512_words(&mix))
	}
}
