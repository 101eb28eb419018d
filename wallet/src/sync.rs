//! Sync: bring the database up to the chain's best block.
//!
//! 1. **Reorganisation.** The newest checkpoint whose block is still canonical is the last
//!    common state; if a newer checkpoint (or the block an unfinished sync read) is no longer
//!    canonical, everything after the common one is forgotten. The tree is append-only, so
//!    the leaves below the common state's size are the same on every branch.
//! 2. **Leaves.** Pages of leaves since the cursor, read at the best block, fetched on one
//!    threads while the previous page is tested on all cores ([`Detector`], SPEC §3). Owned
//!    notes are decrypted, checked against their commitment, given their `nil`, and saved
//!    with the cursor page by page, so an interrupted sync resumes where it stopped.
//! 3. **Spends.** Each unspent note's `nil` is looked up in the chain's nullifier set.

use crate::{
	chain::{BlockRef, Chain, ChainError},
	store::{Checkpoint, Store, StoreError, StoredNote},
};
use rayon::prelude::*;
use sero_crypto::{
	asset::{self, AssetId},
	base_to_bytes,
	detection::Detector,
	keys::TracingKey,
	note, note_encryption, point,
};
use sero_shielded_primitives::{LeafRecord, Nullifier};
use std::{
	collections::BTreeMap,
	sync::mpsc,
	time::{Duration, Instant},
};

/// Leaves asked for per call (the node's limit).
const PAGE: u32 = sero_shielded_primitives::LEAVES_PAGE;
/// Leaves tested per parallel task.
const CHUNK: usize = 128;
/// Pages requested at once: the node serves one while another is being tested.
const FETCHERS: u64 = 2;

/// Why a sync failed.
#[derive(Debug, thiserror::Error)]
pub enum SyncError {
	/// The node could not answer.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// The database failed.
	#[error(transparent)]
	Store(#[from] StoreError),
}

/// How far a sync is.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
	/// Leaves tested so far in this sync.
	pub done: u64,
	/// Leaves to test in this sync.
	pub total: u64,
	/// Time since the first leaf was requested.
	pub elapsed: Duration,
}

impl Progress {
	/// Leaves tested per second.
	pub fn rate(&self) -> f64 {
		self.done as f64 / self.elapsed.as_secs_f64().max(1e-9)
	}
}

/// What a sync did.
#[derive(Clone, Debug)]
pub struct Report {
	/// The block synced to.
	pub best: BlockRef,
	/// Leaves tested.
	pub scanned: u64,
	/// Notes found among them.
	pub found: usize,
	/// Notes seen spent.
	pub spent: usize,
	/// The block rewound to after a reorganisation, if there was one (`None` inside: to
	/// the start).
	pub rewound_to: Option<Option<BlockRef>>,
	/// How long testing the leaves took.
	pub elapsed: Duration,
}

/// Brings `store` up to `chain`'s best block for the account of `tk`.
pub fn sync(
	chain: &impl Chain,
	store: &Store,
	tk: &TracingKey,
	progress: &mut dyn FnMut(Progress),
) -> Result<Report, SyncError> {
	let best = chain.best()?;
	let rewound_to = rewind_if_reorganised(chain, store)?;
	let mut cursor = store.cursor()?;
	let total = chain.leaf_count(best.hash)?;
	if total < cursor.scanned {
		// The chain is shorter than the wallet's past: another chain (a restarted dev
		// chain) under the same checkpoints is impossible, so this is a bug or a reset.
		store.rewind(None)?;
		cursor = store.cursor()?;
	}
	let since = store.checkpoints()?.first().map_or(0, |c| c.block.number);
	let detector = Detector::new(tk);
	let start = Instant::now();
	let mut found = 0;
	let mut blocks = BlockFinder::new(chain, since, best);
	let to_scan = total - cursor.scanned;

	std::thread::scope(|scope| -> Result<(), SyncError> {
		let from = cursor.scanned;
		let fetched: Vec<_> = (0..FETCHERS)
			.map(|k| {
				let (pages, received) = mpsc::sync_channel(1);
				scope.spawn(move || {
					let mut next = from + k * PAGE as u64;
					while next < total {
						let want = PAGE.min((total - next) as u32);
						let page = chain.leaves(next, want, best.hash).and_then(|page| {
							if page.len() == want as usize {
								Ok(page)
							} else {
								Err(ChainError::Malformed(
									"ShieldedApi_leaves (a short page)".into(),
								))
							}
						});
						let failed = page.is_err();
						if pages.send(page).is_err() || failed {
							break;
						}
						next += FETCHERS * PAGE as u64;
					}
				});
				received
			})
			.collect();
		let (mut scanned, mut turn) = (from, 0);
		while scanned < total {
			// Fetcher k holds pages k, k + FETCHERS, …: taking them in turn keeps the order.
			let page = fetched[turn % fetched.len()].recv().map_err(|_| {
				ChainError::Malformed("ShieldedApi_leaves (fetcher stopped)".into())
			})??;
			turn += 1;
			let owned = detect(&detector, &page);
			let mut notes = Vec::with_capacity(owned.len());
			for leaf in owned {
				if let Some(note) = open(tk, leaf, &mut blocks)? {
					notes.push(note);
				}
			}
			found += notes.len();
			scanned += page.len() as u64;
			store.save_page(&notes, scanned, best)?;
			progress(Progress {
				done: scanned - cursor.scanned,
				total: to_scan,
				elapsed: start.elapsed(),
			});
		}
		Ok(())
	})?;
	let elapsed = start.elapsed();

	let mut spent = Vec::new();
	for note in store.notes()?.iter().filter(|n| n.spent_at.is_none()) {
		if let Some(block) = chain.spent_at(Nullifier(note.nil), best.hash)? {
			spent.push((note.position, block));
		}
	}
	let scanned_to = store.cursor()?.scanned;
	store.finish(Checkpoint { block: best, leaf_count: scanned_to }, &spent)?;
	Ok(Report {
		best,
		scanned: scanned_to - cursor.scanned,
		found,
		spent: spent.len(),
		rewound_to,
		elapsed,
	})
}

/// Step 1: rewinds the store to the newest checkpoint still on the chain, if anything the
/// store holds is from a block that no longer is.
fn rewind_if_reorganised(
	chain: &impl Chain,
	store: &Store,
) -> Result<Option<Option<BlockRef>>, SyncError> {
	let canonical = |block: &BlockRef| -> Result<bool, ChainError> {
		Ok(chain.block_hash(block.number)? == Some(block.hash))
	};
	let checkpoints = store.checkpoints()?;
	let mut base = None;
	for (i, checkpoint) in checkpoints.iter().enumerate() {
		if canonical(&checkpoint.block)? {
			base = Some((i, *checkpoint));
			break;
		}
	}
	let newest_gone = match base {
		Some((i, _)) => i > 0,
		None => !checkpoints.is_empty(),
	};
	let partial_gone = match store.cursor()?.partial {
		Some(block) => !canonical(&block)?,
		None => false,
	};
	if !newest_gone && !partial_gone {
		return Ok(None);
	}
	let base = base.map(|(_, c)| c);
	store.rewind(base.as_ref())?;
	Ok(Some(base.map(|c| c.block)))
}

/// Step 2's test of one page: the leaves whose one-time address is ours.
fn detect<'a>(detector: &Detector, page: &'a [LeafRecord]) -> Vec<&'a LeafRecord> {
	page.par_chunks(CHUNK)
		.flat_map_iter(|chunk| {
			let pkrs: Vec<[u8; 96]> = chunk.iter().map(|leaf| leaf.pkr).collect();
			let owned = detector.detect_batch(&pkrs);
			chunk.iter().zip(owned).filter_map(|(leaf, owned)| owned.map(|_| leaf))
		})
		.collect()
}

/// Decrypts an owned leaf; `None` if its note does not open its commitment (such a note
/// cannot be spent, so it is no part of the balance).
fn open(
	tk: &TracingKey,
	leaf: &LeafRecord,
	blocks: &mut BlockFinder<'_, impl Chain>,
) -> Result<Option<StoredNote>, SyncError> {
	let Some(pkr) = sero_crypto::keys::OneTimeAddress::from_bytes(&leaf.pkr) else {
		return Ok(None);
	};
	let Some(vskr) = tk.view_key(&pkr) else { return Ok(None) };
	let sealed =
		note_encryption::EncryptedNote { epk: leaf.note.epk, ciphertext: leaf.note.ciphertext };
	let Some(plain) = note_encryption::decrypt(&vskr, &sealed) else { return Ok(None) };
	let Some(asset_cm) = point::decode(&leaf.asset_cm.0) else { return Ok(None) };
	let Some(base) = AssetId::base(&plain.asset) else { return Ok(None) };
	if asset::asset_cm(&base, plain.value, &plain.ar) != asset_cm {
		return Ok(None);
	}
	let nil = note::nil(&vskr, note::leaf(&pkr, &asset_cm), leaf.position);
	Ok(Some(StoredNote {
		position: leaf.position,
		pkr: leaf.pkr,
		asset: plain.asset.to_bytes(),
		value: plain.value,
		ar: sero_crypto::keys::scalar_to_bytes(&plain.ar),
		memo: plain.memo,
		nil: base_to_bytes(&nil),
		received_at: blocks.block_of(leaf.position)?,
		spent_at: None,
	}))
}

/// Finds the block that appended a leaf, by bisection over the blocks of this sync.
struct BlockFinder<'a, C> {
	chain: &'a C,
	/// Blocks known to end with fewer leaves than the one looked for start above this.
	since: u32,
	best: BlockRef,
	counts: BTreeMap<u32, u64>,
}

impl<'a, C: Chain> BlockFinder<'a, C> {
	fn new(chain: &'a C, since: u32, best: BlockRef) -> Self {
		Self { chain, since, best, counts: BTreeMap::new() }
	}

	fn count(&mut self, number: u32) -> Result<u64, ChainError> {
		if let Some(&count) = self.counts.get(&number) {
			return Ok(count);
		}
		let hash = if number == self.best.number {
			self.best.hash
		} else {
			self.chain.block_hash(number)?.ok_or_else(|| {
				ChainError::Malformed(format!("no block {number} below the best block"))
			})?
		};
		let count = self.chain.leaf_count(hash)?;
		self.counts.insert(number, count);
		Ok(count)
	}

	/// The first block after which the tree holds more than `position` leaves.
	fn block_of(&mut self, position: u64) -> Result<u32, ChainError> {
		let (mut low, mut high) = (self.since, self.best.number);
		if low > 0 && self.count(low)? > position {
			low = 0;
		}
		while low < high {
			let mid = low + (high - low) / 2;
			if self.count(mid)? > position {
				high = mid;
			} else {
				low = mid + 1;
			}
		}
		Ok(high)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::testing::leaf;
	use rand_core::OsRng;
	use sero_crypto::keys::{PublicKey, Seed, SpendingKey};
	use std::sync::Mutex;

	/// A chain in memory: blocks with the tree size after each, leaves, spent nullifiers.
	#[derive(Default)]
	struct MockChain {
		state: Mutex<MockState>,
	}

	#[derive(Default, Clone)]
	struct MockState {
		/// `(hash, leaf count)` per block, genesis first.
		blocks: Vec<([u8; 32], u64)>,
		leaves: Vec<LeafRecord>,
		spent: BTreeMap<[u8; 32], u32>,
		/// Leaves from this position on cannot be read, if set.
		fail_from: Option<u64>,
	}

	impl MockChain {
		fn new() -> Self {
			let chain = Self::default();
			chain.state.lock().unwrap().blocks.push(([0; 32], 0));
			chain
		}

		/// Appends a block with `leaves`; `fork` tells branches apart in the hashes.
		fn push_block(&self, leaves: Vec<LeafRecord>, fork: u8) {
			let mut state = self.state.lock().unwrap();
			let number = state.blocks.len() as u32;
			for mut leaf in leaves {
				leaf.position = state.leaves.len() as u64;
				state.leaves.push(leaf);
			}
			let mut hash = [fork; 32];
			hash[..4].copy_from_slice(&number.to_le_bytes());
			let count = state.leaves.len() as u64;
			state.blocks.push((hash, count));
		}

		/// Drops every block above `number` (and their leaves and spends).
		fn truncate(&self, number: u32) {
			let mut state = self.state.lock().unwrap();
			state.blocks.truncate(number as usize + 1);
			let count = state.blocks.last().unwrap().1 as usize;
			state.leaves.truncate(count);
			state.spent.retain(|_, block| *block <= number);
		}

		fn spend(&self, nil: [u8; 32]) {
			let mut state = self.state.lock().unwrap();
			let number = state.blocks.len() as u32 - 1;
			state.spent.insert(nil, number);
		}
	}

	impl Chain for MockChain {
		fn best(&self) -> Result<BlockRef, ChainError> {
			let state = self.state.lock().unwrap();
			let number = state.blocks.len() as u32 - 1;
			Ok(BlockRef { number, hash: state.blocks[number as usize].0 })
		}

		fn block_hash(&self, number: u32) -> Result<Option<[u8; 32]>, ChainError> {
			Ok(self.state.lock().unwrap().blocks.get(number as usize).map(|b| b.0))
		}

		fn leaf_count(&self, at: [u8; 32]) -> Result<u64, ChainError> {
			let state = self.state.lock().unwrap();
			state
				.blocks
				.iter()
				.find(|b| b.0 == at)
				.map(|b| b.1)
				.ok_or_else(|| ChainError::Malformed("unknown block".into()))
		}

		fn leaves(
			&self,
			from: u64,
			limit: u32,
			_at: [u8; 32],
		) -> Result<Vec<LeafRecord>, ChainError> {
			let state = self.state.lock().unwrap();
			if state.fail_from.is_some_and(|f| from >= f) {
				return Err(ChainError::Malformed("connection lost".into()));
			}
			let end = (from + limit as u64).min(state.leaves.len() as u64);
			Ok(state.leaves[from as usize..end as usize].to_vec())
		}

		fn spent_at(&self, nil: Nullifier, _at: [u8; 32]) -> Result<Option<u32>, ChainError> {
			Ok(self.state.lock().unwrap().spent.get(&nil.0).copied())
		}
	}

	fn account() -> SpendingKey {
		SpendingKey::from_seed(&Seed::random(&mut OsRng))
	}

	fn store(dir: &tempfile::TempDir, pk: &PublicKey) -> Store {
		Store::open(&dir.path().join("wallet.redb"), pk).unwrap()
	}

	fn run(chain: &MockChain, store: &Store, tk: &TracingKey) -> Result<Report, SyncError> {
		sync(chain, store, tk, &mut |_| {})
	}

	#[test]
	fn finds_own_notes_with_their_blocks_and_memos_then_resumes() {
		let (me, other) = (account(), account());
		let chain = MockChain::new();
		chain.push_block(
			vec![leaf(&other.public_key(), 5, ""), leaf(&me.public_key(), 30, "rent")],
			0,
		);
		chain.push_block(vec![], 0);
		chain.push_block(vec![leaf(&other.public_key(), 1, ""), leaf(&me.public_key(), 12, "")], 0);
		let dir = tempfile::tempdir().unwrap();
		let store = store(&dir, &me.public_key());

		let report = run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!((report.scanned, report.found, report.best.number), (4, 2, 3));
		let notes = store.notes().unwrap();
		assert_eq!(
			notes.iter().map(|n| (n.position, n.value, n.received_at)).collect::<Vec<_>>(),
			vec![(1, 30, 1), (3, 12, 3)]
		);
		assert_eq!(crate::transfer::memo_text(&notes[0].memo), "rent");

		// The next sync tests only what is new, and sees the spend of the first note.
		chain.push_block(vec![leaf(&other.public_key(), 2, "")], 0);
		chain.spend(notes[0].nil);
		let report = run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!((report.scanned, report.found, report.spent), (1, 0, 1));
		assert_eq!(store.notes().unwrap()[0].spent_at, Some(4));

		// Someone else's key finds nothing of it.
		let dir = tempfile::tempdir().unwrap();
		let theirs = super::tests::store(&dir, &other.public_key());
		run(&chain, &theirs, &other.tracing_key()).unwrap();
		assert_eq!(
			theirs.notes().unwrap().iter().map(|n| n.value).collect::<Vec<_>>(),
			vec![5, 1, 2]
		);
	}

	#[test]
	fn a_reorganisation_rewinds_to_the_common_block() {
		let me = account();
		let chain = MockChain::new();
		chain.push_block(vec![leaf(&me.public_key(), 10, "")], 0);
		let dir = tempfile::tempdir().unwrap();
		let store = store(&dir, &me.public_key());
		run(&chain, &store, &me.tracing_key()).unwrap();
		chain.push_block(vec![leaf(&me.public_key(), 20, "")], 0);
		let notes = store.notes().unwrap();
		chain.spend(notes[0].nil);
		run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!(store.notes().unwrap().len(), 2);
		assert_eq!(store.notes().unwrap()[0].spent_at, Some(2));

		// Block 2 is replaced by a longer branch: its note and its spend never happened; the
		// new branch pays 7 instead.
		chain.truncate(1);
		chain.push_block(vec![leaf(&me.public_key(), 7, "")], 1);
		chain.push_block(vec![], 1);
		let report = run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!(report.rewound_to.map(|b| b.map(|b| b.number)), Some(Some(1)));
		let notes = store.notes().unwrap();
		assert_eq!(
			notes.iter().map(|n| (n.value, n.spent_at)).collect::<Vec<_>>(),
			vec![(10, None), (7, None)]
		);
		assert_eq!(notes[1].received_at, 2);
	}

	#[test]
	fn an_interrupted_sync_resumes_where_it_stopped() {
		let (me, other) = (account(), account());
		let chain = MockChain::new();
		let foreign = leaf(&other.public_key(), 1, "");
		let mut leaves = vec![foreign; PAGE as usize + 10];
		leaves[3] = leaf(&me.public_key(), 4, "");
		leaves[PAGE as usize + 5] = leaf(&me.public_key(), 6, "");
		chain.push_block(leaves, 0);
		chain.state.lock().unwrap().fail_from = Some(PAGE as u64);
		let dir = tempfile::tempdir().unwrap();
		let store = store(&dir, &me.public_key());

		assert!(run(&chain, &store, &me.tracing_key()).is_err());
		let cursor = store.cursor().unwrap();
		assert_eq!(cursor.scanned, PAGE as u64, "the first page is kept");
		assert_eq!(store.notes().unwrap().len(), 1);

		chain.state.lock().unwrap().fail_from = None;
		let report = run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!(report.scanned, 10);
		assert_eq!(store.notes().unwrap().iter().map(|n| n.value).collect::<Vec<_>>(), vec![4, 6]);
	}

	#[test]
	fn a_partial_sync_from_a_lost_branch_is_undone() {
		let me = account();
		let chain = MockChain::new();
		chain.push_block(vec![leaf(&me.public_key(), 3, "")], 0);
		let dir = tempfile::tempdir().unwrap();
		let store = store(&dir, &me.public_key());
		// A page read at block 1 of a branch that then loses.
		store.save_page(&[], 1, chain.best().unwrap()).unwrap();
		chain.truncate(0);
		chain.push_block(vec![leaf(&me.public_key(), 9, "")], 2);
		let report = run(&chain, &store, &me.tracing_key()).unwrap();
		assert_eq!(report.rewound_to, Some(None));
		assert_eq!(store.notes().unwrap().iter().map(|n| n.value).collect::<Vec<_>>(), vec![9]);
	}
}
