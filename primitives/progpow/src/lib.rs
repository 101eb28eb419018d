//! Ethash caches and the ProgPoW 0.9.2 proof-of-work hash (SPEC §7).
//!
//! SERO mines with ProgPoW 0.9.2 over the ethash dataset: an epoch of 30 000 blocks
//! shares one *light cache* (≈ 16 MiB at epoch 0) from which every item of the
//! *full DAG* (≈ 1 GiB at epoch 0) can be recomputed. Verifiers only need the light
//! cache; miners may build the full DAG to hash about a hundred times faster.
//!
//! - [`ethash`]: epoch sizes, seeds, the light cache and DAG item derivation.
//! - [`dag`]: the full DAG, built in parallel.
//! - [`progpow`]: the ProgPoW kernel, generic over where DAG items come from.
//! - [`LightCaches`]: a thread-safe LRU of per-epoch light caches for verification.
//!
//! Byte conventions follow the published EIP-1057 vectors: a header hash is 32 bytes
//! read as little-endian 32-bit words, a nonce is a `u64`, and mix and final hashes
//! are 32 bytes.

#![forbid(unsafe_code)]

pub mod dag;
pub mod ethash;
mod fnv;
mod keccak;
mod kiss99;
mod memory;
pub mod progpow;

use std::{
	num::NonZeroUsize,
	sync::{Arc, OnceLock},
};

use parking_lot::Mutex;

pub use dag::FullDag;
pub use ethash::{epoch_of, LightCache, EPOCH_LENGTH};
pub use progpow::{final_hash, PowOutput, Program, PERIOD_LENGTH};

/// A 256-bit hash as bytes.
pub type H256 = [u8; 32];

/// How many epochs' light caches [`LightCaches`] keeps by default: the current one,
/// the previous one (for late blocks and reorgs) and the next one.
pub const DEFAULT_CACHED_EPOCHS: usize = 3;

/// Light caches of recent epochs, shared across threads and built on first use.
///
/// Concurrent requests for an epoch that is not cached yet build it once: the
/// other callers wait for that build instead of starting their own.
pub struct LightCaches {
	epochs: Mutex<lru::LruCache<u64, Arc<OnceLock<Arc<LightCache>>>>>,
}

impl LightCaches {
	/// An empty set that keeps at most `capacity` epochs.
	pub fn new(capacity: NonZeroUsize) -> Self {
		Self { epochs: Mutex::new(lru::LruCache::new(capacity)) }
	}

	/// The light cache of `epoch`, built now if it is not cached.
	pub fn get(&self, epoch: u64) -> Arc<LightCache> {
		let slot = self.epochs.lock().get_or_insert(epoch, Default::default).clone();
		slot.get_or_init(|| Arc::new(LightCache::new(epoch))).clone()
	}

	/// The ProgPoW hash of a header at `height`, computed from the light cache.
	pub fn hash(&self, height: u64, header_hash: &H256, nonce: u64) -> PowOutput {
		self.get(epoch_of(height)).hash(height, header_hash, nonce)
	}
}

impl Default for LightCaches {
	fn default() -> Self {
		Self::new(NonZeroUsize::new(DEFAULT_CACHED_EPOCHS).expect("constant is non-zero; qed"))
	}
}

#[cfg(test)]
mod tests;
