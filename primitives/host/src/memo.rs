//! The node's memo of verified transactions: what [`crate::shielded_crypto::verify_transaction`]
//! returned for arguments it has accepted before.
//!
//! A shielded transaction is verified by the pool when it arrives (`validate_unsigned`) and
//! again in every block that carries it (`pre_dispatch`), by the node that builds the block
//! and by every node that imports it; most of those nodes had it in their pool. The
//! verification is a pure function of its arguments, so a node that remembers an accepted
//! transaction's result can answer the second call without the pairings, point decodings
//! and signatures (docs/BENCHMARKS.md, "Shielded pool", for the figures).
//!
//! **Why an answer from the memo is the answer.** An entry is keyed by BLAKE2b-256 of the
//! SCALE encoding of *every* argument (both verifying keys, the inputs, the outputs, the
//! spend signatures, the public terms, the message, the balance signature, `From`): the
//! parts of variable length length-prefixed, the others of fixed length, so two different
//! argument lists encode differently, and share a key only through a BLAKE2b collision. The value is what the full verification returned
//! for exactly those arguments, and it would return the same again: it reads nothing but
//! its arguments. So every node computes the same result with or without the memo, and a
//! block verifies the same everywhere. Only acceptances are kept: a rejection is computed
//! again (the pool bans what it rejected, so that is rare).
//!
//! **Off unless the node turns it on** ([`enable`]): the weights are measured by FRAME
//! benchmarks that verify one transaction many times, and must measure the work, not the
//! memo (a block's weight assumes a node that has seen none of its transactions). Bounded:
//! two generations of [`GENERATION`] entries; when the newer is full, the older is dropped
//! (≈ 200 bytes an entry of a 2-output transaction, ≈ 600 of a 16-output one: at most
//! ≈ 20 MB).

use parking_lot::Mutex;
use sero_shielded_primitives::Bytes32;
use std::{
	collections::HashMap,
	sync::atomic::{AtomicBool, AtomicU64, Ordering},
};

/// Entries per generation: more than a full pool of transactions (the node's default pool
/// holds 8,192).
pub const GENERATION: usize = 16_384;

/// What identifies one call's arguments: BLAKE2b-256 of their SCALE encoding.
pub(crate) type Key = [u8; 32];

static ENABLED: AtomicBool = AtomicBool::new(false);
static HITS: AtomicU64 = AtomicU64::new(0);
static ENTRIES: Mutex<Generations> = Mutex::new(Generations { newer: None, older: None });

/// Two generations of entries: looked up in both, inserted into the newer.
struct Generations {
	newer: Option<HashMap<Key, Vec<Bytes32>>>,
	older: Option<HashMap<Key, Vec<Bytes32>>>,
}

/// Turns the memo on for this process (the node does, for the blocks it builds and
/// imports; see the module's doc for why it is off otherwise).
pub fn enable() {
	ENABLED.store(true, Ordering::Relaxed);
}

/// How many calls the memo answered in this process.
pub fn hits() -> u64 {
	HITS.load(Ordering::Relaxed)
}

/// The key of a call's arguments, or `None` when the memo is off.
pub(crate) fn key(encoded_arguments: impl FnOnce() -> Vec<u8>) -> Option<Key> {
	if !ENABLED.load(Ordering::Relaxed) {
		return None;
	}
	let digest = blake2b_simd::Params::new()
		.hash_length(32)
		.personal(b"SeroVerifiedTx01")
		.hash(&encoded_arguments());
	Some(digest.as_bytes().try_into().expect("a 32-byte digest"))
}

/// The leaves an earlier call with the same arguments returned, if it accepted them and
/// the entry is still kept.
pub(crate) fn get(key: &Key) -> Option<Vec<Bytes32>> {
	let entries = ENTRIES.lock();
	let leaves = [&entries.newer, &entries.older]
		.into_iter()
		.flatten()
		.find_map(|generation| generation.get(key))?
		.clone();
	HITS.fetch_add(1, Ordering::Relaxed);
	Some(leaves)
}

/// Remembers that the call with this key accepted the transaction, returning `leaves`.
pub(crate) fn insert(key: Key, leaves: &[Bytes32]) {
	let leaves = leaves.to_vec();
	let mut entries = ENTRIES.lock();
	let dropped = if entries.newer.as_ref().is_some_and(|newer| newer.len() >= GENERATION) {
		let full = entries.newer.take();
		core::mem::replace(&mut entries.older, full)
	} else {
		None
	};
	entries.newer.get_or_insert_with(|| HashMap::with_capacity(GENERATION)).insert(key, leaves);
	// The dropped generation's 16,384 entries are freed after the lock is released.
	drop(entries);
	drop(dropped);
}

#[cfg(test)]
mod tests {
	use super::*;

	fn key(n: usize) -> Key {
		let mut key = [0; 32];
		key[..8].copy_from_slice(&(n as u64).to_le_bytes());
		key
	}

	#[test]
	fn an_entry_lives_two_generations() {
		insert(key(0), &[[1; 32]]);
		for n in 1..GENERATION {
			insert(key(n), &[]);
		}
		// The newer generation is full: the next entry starts another one.
		insert(key(GENERATION), &[]);
		assert_eq!(get(&key(0)), Some(vec![[1; 32]]));
		assert_eq!(get(&key(GENERATION)), Some(vec![]));
		for n in GENERATION + 1..2 * GENERATION {
			insert(key(n), &[]);
		}
		insert(key(2 * GENERATION), &[]);
		assert_eq!(get(&key(0)), None);
		assert_eq!(get(&key(GENERATION)), Some(vec![]));
		assert_eq!(get(&key(2 * GENERATION)), Some(vec![]));
	}
}
