//! The ethash epoch structure: sizes, seeds, the light cache and DAG items.
//!
//! Parameters are ethash's (SPEC §7): epochs of 30 000 blocks, a light cache of
//! 2^24 bytes growing by 2^17 per epoch, a dataset of 2^30 bytes growing by 2^23 per
//! epoch, both trimmed to a prime number of items, 3 cache rounds and 256 parents
//! per dataset item.

use crate::{
	fnv::fnv1,
	keccak::{keccak_256, keccak_512, keccak_512_words},
	memory::{CacheItem, CacheMemory},
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

/// `a % d` for a `d` fixed in advance, as two multiplications instead of a division
/// (Lemire, Kaser and Kurz, "Faster remainder by direct computation", 2019): with
/// `m = ⌊(2⁶⁴ − 1) / d⌋ + 1`, the low 64 bits of `m·a` are the fraction `a/d` scaled by
/// 2⁶⁴, and their product with `d`, shifted right by 64, is the remainder. Exact for
/// every 32-bit `a` and `d`.
#[derive(Clone, Copy)]
struct Modulus {
	d: u32,
	m: u64,
}

impl Modulus {
	fn new(d: u32) -> Self {
		Self { d, m: (u64::MAX / u64::from(d)).wrapping_add(1) }
	}

	#[inline(always)]
	fn reduce(self, a: u32) -> u32 {
		let fraction = self.m.wrapping_mul(u64::from(a));
		((u128::from(fraction) * u128::from(self.d)) >> 64) as u32
	}
}

/// Folds `parent` into `mix`, lane by lane, with FNV-1.
///
/// Kept out of line on purpose: inlined into [`LightCache::mix_parents`], LLVM splits the
/// four mixes into 64 scalars that do not fit in registers and spills them on every
/// step, which made a DAG item 2.1× slower (34.3 µs against 16.9 µs in
/// `scripts/bench/progpow.sh`); as a call it is sixteen lanes in four SSE2 vectors.
#[inline(never)]
fn fnv_mix(mix: &mut Item512, parent: &Item512) {
	for (m, p) in mix.iter_mut().zip(parent) {
		*m = fnv1(*m, *p);
	}
}

/// The ethash light cache of one epoch, with ProgPoW's cDag derived from it.
///
/// Every DAG item can be recomputed from this cache; verification needs nothing else.
pub struct LightCache {
	epoch: u64,
	items: CacheMemory,
	/// The number of items, for the parent indexes of DAG items.
	modulus: Modulus,
	dataset_items: u64,
	cdag: Vec<u32>,
}

impl LightCache {
	/// Builds the light cache of `epoch` (about a second at epoch 0 on one core).
	pub fn new(epoch: u64) -> Self {
		let started = std::time::Instant::now();
		let n = cache_items(epoch) as usize;
		let mut memory = CacheMemory::zeroed(n);
		let items = memory.items_mut();
		let mut item = words_of(&keccak_512(&epoch_seed(epoch)));
		items[0] = CacheItem(item);
		for slot in &mut items[1..] {
			item = keccak_512_words(&item);
			*slot = CacheItem(item);
		}
		for _ in 0..CACHE_ROUNDS {
			for i in 0..n {
				let v = items[i].0[0] as usize % n;
				let w = (i + n - 1) % n;
				let mixed: Item512 = core::array::from_fn(|k| items[v].0[k] ^ items[w].0[k]);
				items[i] = CacheItem(keccak_512_words(&mixed));
			}
		}
		// Cache sizes stay far below 2^32 items (2^24 bytes growing by 2^17 per epoch).
		let modulus = Modulus::new(n as u32);
		let mut cache = Self {
			epoch,
			items: memory,
			modulus,
			dataset_items: dataset_items(epoch),
			cdag: Vec::new(),
		};
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
	///
	/// Each chain is 256 dependent reads: a parent's index comes from the mix word the
	/// previous parent just changed. That word is computed on its own, ahead of the other
	/// fifteen, so the next read waits for one FNV step and a remainder, nothing more.
	fn dataset_items_512<const N: usize>(&self, first: u64) -> [Item512; N] {
		let items = self.items.items();
		let n = items.len() as u64;
		let seeds: [u32; N] = core::array::from_fn(|k| (first + k as u64) as u32);
		let mut mixes: [Item512; N] = core::array::from_fn(|k| {
			let mut mix = items[((first + k as u64) % n) as usize].0;
			mix[0] ^= seeds[k];
			keccak_512_words(&mix)
		});
		self.mix_parents(items, &mut mixes, seeds);
		mixes.map(|mix| keccak_512_words(&mix))
	}

	/// The 256 parent rounds of `N` interleaved dataset items.
	///
	/// Out of line so that the mixes stay in memory, addressed through `mixes`, for the
	/// same reason as [`fnv_mix`].
	#[inline(never)]
	fn mix_parents<const N: usize>(
		&self,
		items: &[CacheItem],
		mixes: &mut [Item512; N],
		seeds: [u32; N],
	) {
		// The word of each mix that picks its next parent: word `round % 16`.
		let mut words: [u32; N] = core::array::from_fn(|k| mixes[k][0]);
		for round in 0..DATASET_PARENTS {
			let next = (round as usize + 1) % WORDS_512;
			for ((mix, word), seed) in mixes.iter_mut().zip(words.iter_mut()).zip(seeds) {
				let parent = self.modulus.reduce(fnv1(seed ^ round, *word));
				let parent = &items[parent as usize].0;
				*word = fnv1(mix[next], parent[next]);
				fnv_mix(mix, parent);
			}
		}
	}
}

#[cfg(test)]
mod tests {
	use super::Modulus;

	#[test]
	fn the_remainder_by_multiplication_is_exact() {
		let divisors = [1u32, 2, 3, 7, 262_139, 264_179, 0x7fff_ffff, u32::MAX - 1, u32::MAX];
		let mut a = 0x9e37_79b9_u32;
		for d in divisors {
			let modulus = Modulus::new(d);
			for edge in [0, 1, d - 1, d, d.wrapping_add(1), u32::MAX - 1, u32::MAX] {
				assert_eq!(modulus.reduce(edge), edge % d, "{edge} % {d}");
			}
			for _ in 0..100_000 {
				a ^= a << 13;
				a ^= a >> 17;
				a ^= a << 5;
				assert_eq!(modulus.reduce(a), a % d, "{a} % {d}");
			}
		}
	}
}
