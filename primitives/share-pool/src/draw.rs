//! The draw (SPEC §7): which shares vote for a block.
//!
//! The pool's shares are counted per **slot** (one slot per purchase, in purchase order) in a
//! Fenwick tree, so that "the `k`-th share of the pool" is found in O(log n) reads whatever
//! the pool's size: node `i` (1-based) holds the shares of slots `(i − lowbit(i), i]`. The
//! tree lives in a [`TreeStore`] the caller provides (a storage map in `pallet-share-pool`),
//! so a draw reads about `log₂(slots)` values per share drawn, never the whole pool.
//!
//! A block draws [`SHARES_DRAWN_PER_BLOCK`](crate::SHARES_DRAWN_PER_BLOCK) distinct shares,
//! each share of the pool equally likely, from a 32-byte seed taken from the block's sealed
//! PoW, which nobody knows before the PoW is found. The `k`-th pick is BLAKE2b of the seed
//! and `k`, reduced modulo the number of shares not yet drawn (a bias below `2⁻⁶⁴` for any
//! pool of fewer than `2⁶⁴` shares, with no rejection loop), then mapped onto the shares not
//! drawn yet; so the draw takes a fixed number of steps.

use alloc::vec::Vec;

/// Where a [`ShareTree`] keeps its nodes. Node `i` is valid for `1 ≤ i ≤ len()`.
pub trait TreeStore {
	/// The number of slots (and of nodes).
	fn len(&self) -> u32;
	/// Node `i`.
	fn node(&self, i: u32) -> u64;
	/// Sets node `i`.
	fn set_node(&mut self, i: u32, shares: u64);
	/// Appends node `len() + 1`.
	fn push_node(&mut self, shares: u64);
}

/// Why a change to the tree was refused; the tree is unchanged.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum TreeError {
	/// No slot has this number.
	UnknownSlot,
	/// The slot holds fewer shares than asked to remove.
	NotEnoughShares,
	/// The pool would hold `2⁶⁴` shares or more, or `2³²` slots.
	Overflow,
}

/// The pool's shares per slot, as a Fenwick tree over a [`TreeStore`].
pub struct ShareTree<S> {
	store: S,
}

/// The lowest set bit of `i`.
fn lowbit(i: u32) -> u32 {
	i & i.wrapping_neg()
}

impl<S: TreeStore> ShareTree<S> {
	/// The tree kept in `store`.
	pub fn new(store: S) -> Self {
		Self { store }
	}

	/// The store, back.
	pub fn into_store(self) -> S {
		self.store
	}

	/// The number of slots.
	pub fn slots(&self) -> u32 {
		self.store.len()
	}

	/// The shares in the first `slots` slots.
	pub fn prefix(&self, slots: u32) -> u64 {
		let mut i = slots.min(self.store.len());
		let mut sum = 0u64;
		while i > 0 {
			sum += self.store.node(i);
			i &= i - 1;
		}
		sum
	}

	/// The shares in the pool.
	pub fn total(&self) -> u64 {
		self.prefix(self.store.len())
	}

	/// The shares in `slot`; 0 for a slot that does not exist.
	pub fn shares_in(&self, slot: u32) -> u64 {
		if slot >= self.store.len() {
			return 0;
		}
		self.prefix(slot + 1) - self.prefix(slot)
	}

	/// Opens a new slot holding `shares`; its number.
	pub fn push(&mut self, shares: u64) -> Result<u32, TreeError> {
		let slot = self.store.len();
		let i = slot.checked_add(1).ok_or(TreeError::Overflow)?;
		self.total().checked_add(shares).ok_or(TreeError::Overflow)?;
		// Node i covers (i − lowbit(i), i]: the new slot and the nodes covering the rest.
		let mut node = shares;
		let mut j = i - 1;
		while j > i - lowbit(i) {
			node += self.store.node(j);
			j &= j - 1;
		}
		self.store.push_node(node);
		Ok(slot)
	}

	/// Adds `shares` to `slot`.
	pub fn add(&mut self, slot: u32, shares: u64) -> Result<(), TreeError> {
		let len = self.store.len();
		if slot >= len {
			return Err(TreeError::UnknownSlot);
		}
		// Every node is at most the total, so none overflows if the total does not.
		self.total().checked_add(shares).ok_or(TreeError::Overflow)?;
		let mut i = slot + 1;
		while i <= len {
			self.store.set_node(i, self.store.node(i) + shares);
			i = match i.checked_add(lowbit(i)) {
				Some(next) => next,
				None => break,
			};
		}
		Ok(())
	}

	/// Takes `shares` out of `slot`.
	pub fn remove(&mut self, slot: u32, shares: u64) -> Result<(), TreeError> {
		let len = self.store.len();
		if slot >= len {
			return Err(TreeError::UnknownSlot);
		}
		if self.shares_in(slot) < shares {
			return Err(TreeError::NotEnoughShares);
		}
		// Every node on the path counts the slot's shares, so none goes below zero.
		let mut i = slot + 1;
		while i <= len {
			self.store.set_node(i, self.store.node(i) - shares);
			i = match i.checked_add(lowbit(i)) {
				Some(next) => next,
				None => break,
			};
		}
		Ok(())
	}

	/// The slot of the pool's `index`-th share (from 0, in slot order); `None` past the last.
	pub fn find(&self, index: u64) -> Option<u32> {
		let len = self.store.len();
		if len == 0 {
			return None;
		}
		// The largest `pos` with prefix(pos) ≤ index, one power of two at a time.
		let mut pos = 0u32;
		let mut rest = index;
		let mut step = 1u32 << (31 - len.leading_zeros());
		while step > 0 {
			let next = pos + step;
			if next <= len {
				let node = self.store.node(next);
				if node <= rest {
					pos = next;
					rest -= node;
				}
			}
			step >>= 1;
		}
		(pos < len).then_some(pos)
	}
}

/// One share drawn: its index among the pool's shares and the slot that holds it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct DrawnShare {
	/// The share's index in the pool, from 0, in slot order.
	pub index: u64,
	/// The slot holding it.
	pub slot: u32,
}

/// The BLAKE2b personalisation of the draw's picks.
pub const DRAW_TAG: &[u8; 16] = b"SERO_share_draw_";

/// The `k`-th pick of a draw: uniform in `0..bound` up to a bias of `bound / 2¹²⁸`.
fn pick(seed: &[u8; 32], k: u64, bound: u64) -> u64 {
	let hash = blake2b_simd::Params::new()
		.hash_length(16)
		.personal(DRAW_TAG)
		.to_state()
		.update(seed)
		.update(&k.to_le_bytes())
		.finalize();
	let mut word = [0u8; 16];
	word.copy_from_slice(hash.as_bytes());
	(u128::from_le_bytes(word) % u128::from(bound)) as u64
}

/// `count` distinct shares of the pool, each share equally likely, from `seed`, in the order
/// drawn: all of them (in a random order) if the pool holds no more than `count`. (A block
/// draws [`SHARES_DRAWN_PER_BLOCK`](crate::SHARES_DRAWN_PER_BLOCK); `count` is a `u8` so that
/// no caller can make the draw's quadratic mapping or its buffers large.)
pub fn draw<S: TreeStore>(tree: &ShareTree<S>, seed: &[u8; 32], count: u8) -> Vec<DrawnShare> {
	let total = tree.total();
	let count = u64::from(count).min(total);
	let mut drawn: Vec<DrawnShare> = Vec::with_capacity(count as usize);
	let mut taken: Vec<u64> = Vec::with_capacity(count as usize);
	for k in 0..count {
		// A uniform pick among the shares left, then its place among all shares: step over
		// each share already taken at or below it, in ascending order.
		let mut index = pick(seed, k, total - k);
		for &t in &taken {
			if t <= index {
				index += 1;
			} else {
				break;
			}
		}
		taken.push(index);
		taken.sort_unstable();
		let Some(slot) = tree.find(index) else { break };
		drawn.push(DrawnShare { index, slot });
	}
	drawn
}

#[cfg(test)]
mod tests {
	use super::*;
	use core::cell::Cell;

	/// A tree in a vector, counting the nodes read.
	#[derive(Default)]
	struct VecStore {
		nodes: Vec<u64>,
		reads: Cell<usize>,
	}

	impl TreeStore for VecStore {
		fn len(&self) -> u32 {
			self.nodes.len() as u32
		}
		fn node(&self, i: u32) -> u64 {
			self.reads.set(self.reads.get() + 1);
			self.nodes[i as usize - 1]
		}
		fn set_node(&mut self, i: u32, shares: u64) {
			self.nodes[i as usize - 1] = shares;
		}
		fn push_node(&mut self, shares: u64) {
			self.nodes.push(shares);
		}
	}

	fn tree_of(slots: &[u64]) -> ShareTree<VecStore> {
		let mut tree = ShareTree::new(VecStore::default());
		for &shares in slots {
			tree.push(shares).unwrap();
		}
		tree
	}

	/// A deterministic stream of numbers for the model test.
	fn next(state: &mut u64) -> u64 {
		*state ^= *state << 13;
		*state ^= *state >> 7;
		*state ^= *state << 17;
		*state
	}

	/// The tree against a plain vector of slots through 2,000 random pushes, additions and
	/// removals: every prefix, every slot's count and the slot of every share agree.
	#[test]
	fn the_tree_agrees_with_a_plain_list_of_slots() {
		let mut tree = tree_of(&[]);
		let mut model: Vec<u64> = Vec::new();
		let mut state = 0x9e37_79b9_7f4a_7c15u64;
		for step in 0..2_000 {
			let r = next(&mut state);
			let slot = if model.is_empty() { 0 } else { (r >> 8) as usize % model.len() };
			match r % 3 {
				0 => {
					let shares = r >> 60;
					assert_eq!(tree.push(shares), Ok(model.len() as u32));
					model.push(shares);
				},
				1 if !model.is_empty() => {
					tree.add(slot as u32, 3).unwrap();
					model[slot] += 3;
				},
				_ if !model.is_empty() => {
					let shares = model[slot].min(2);
					tree.remove(slot as u32, shares).unwrap();
					model[slot] -= shares;
				},
				_ => {},
			}
			if step % 97 == 0 || step == 1_999 {
				let mut sum = 0;
				for (s, &shares) in model.iter().enumerate() {
					assert_eq!(tree.prefix(s as u32), sum);
					assert_eq!(tree.shares_in(s as u32), shares);
					for index in sum..sum + shares {
						assert_eq!(tree.find(index), Some(s as u32));
					}
					sum += shares;
				}
				assert_eq!(tree.total(), sum);
				assert_eq!(tree.find(sum), None);
				assert_eq!(tree.slots(), model.len() as u32);
			}
		}
	}

	#[test]
	fn bad_changes_are_refused_and_change_nothing() {
		let mut tree = tree_of(&[2, 5, 1]);
		let before = tree.store.nodes.clone();
		assert_eq!(tree.remove(1, 6), Err(TreeError::NotEnoughShares));
		assert_eq!(tree.remove(3, 1), Err(TreeError::UnknownSlot));
		assert_eq!(tree.add(3, 1), Err(TreeError::UnknownSlot));
		assert_eq!(tree.add(0, u64::MAX - 7), Err(TreeError::Overflow));
		assert_eq!(tree.push(u64::MAX - 7), Err(TreeError::Overflow));
		assert_eq!(tree.store.nodes, before);
		assert_eq!(tree.shares_in(7), 0);
		// Removing exactly what a slot holds empties it; its neighbours keep theirs.
		tree.remove(1, 5).unwrap();
		assert_eq!((tree.shares_in(0), tree.shares_in(1), tree.shares_in(2)), (2, 0, 1));
		assert_eq!(tree.find(2), Some(2));
	}

	/// A million slots: finding a share reads one node per bit of the slot count, a total one
	/// per set bit, and a draw of three shares their sum, not the pool.
	#[test]
	fn finding_and_drawing_read_logarithmically_many_nodes() {
		let slots = 1_000_000u32;
		let mut tree = ShareTree::new(VecStore {
			nodes: Vec::with_capacity(slots as usize),
			..Default::default()
		});
		for s in 0..slots {
			tree.push(u64::from(s % 7)).unwrap();
		}
		let bits = (32 - slots.leading_zeros()) as usize;
		let total = tree.total();
		for index in [0, 1, total / 3, total - 1] {
			tree.store.reads.set(0);
			assert!(tree.find(index).is_some());
			assert!(tree.store.reads.get() <= bits, "{} reads", tree.store.reads.get());
		}
		tree.store.reads.set(0);
		assert_eq!(draw(&tree, &[7; 32], 3).len(), 3);
		assert!(tree.store.reads.get() <= 4 * bits, "{} reads", tree.store.reads.get());
	}

	#[test]
	fn a_draw_is_fixed_by_its_seed() {
		let tree = tree_of(&[3, 0, 9, 1, 4]);
		let a = draw(&tree, &[1; 32], 3);
		assert_eq!(a, draw(&tree, &[1; 32], 3));
		assert_ne!(a, draw(&tree, &[2; 32], 3));
		for share in &a {
			assert_eq!(tree.find(share.index), Some(share.slot));
		}
	}

	#[test]
	fn a_draw_takes_distinct_shares_and_all_of_a_small_pool() {
		let tree = tree_of(&[1, 0, 1]);
		for seed in 0..50u8 {
			let mut drawn: Vec<u64> = draw(&tree, &[seed; 32], 3).iter().map(|d| d.index).collect();
			drawn.sort();
			assert_eq!(drawn, [0, 1]);
		}
		assert!(draw(&tree_of(&[]), &[0; 32], 3).is_empty());
		assert!(draw(&tree_of(&[0, 0]), &[0; 32], 3).is_empty());
		let big = tree_of(&[2, 2]);
		for seed in 0..50u8 {
			let drawn = draw(&big, &[seed; 32], 3);
			assert_eq!(drawn.len(), 3);
			assert!(
				drawn[0].index != drawn[1].index
					&& drawn[1].index != drawn[2].index
					&& drawn[0].index != drawn[2].index
			);
		}
	}

	/// 20,000 draws of 3 from 12 shares in slots of 1, 4, 0, 2 and 5: every share is drawn
	/// about 5,000 times. Pearson's χ² over the twelve counts (11 degrees of freedom) stays
	/// below 31.26, its 0.1 % critical value; the seeds are fixed, so the outcome is too.
	#[test]
	fn every_share_is_equally_likely_to_be_drawn() {
		let tree = tree_of(&[1, 4, 0, 2, 5]);
		let mut counts = [0u64; 12];
		let draws = 20_000u32;
		for n in 0..draws {
			let mut seed = [0u8; 32];
			seed[..4].copy_from_slice(&n.to_le_bytes());
			for share in draw(&tree, &seed, 3) {
				counts[share.index as usize] += 1;
			}
		}
		let expected = f64::from(draws) * 3.0 / 12.0;
		let chi2: f64 = counts.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
		assert!(chi2 < 31.26, "χ² = {chi2}, counts {counts:?}");
		// The first pick alone is uniform too (the later ones depend on it).
		let mut first = [0u64; 12];
		for n in 0..draws {
			let mut seed = [0u8; 32];
			seed[..4].copy_from_slice(&n.to_le_bytes());
			first[draw(&tree, &seed, 1)[0].index as usize] += 1;
		}
		let expected = f64::from(draws) / 12.0;
		let chi2: f64 = first.iter().map(|&c| (c as f64 - expected).powi(2) / expected).sum();
		assert!(chi2 < 31.26, "χ² = {chi2}, first picks {first:?}");
	}
}
