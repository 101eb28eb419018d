//! The witness tree (SPEC §5): append-only, depth 32, Poseidon nodes.
//!
//! Leaf positions run from 0 to 2³² − 1; an empty position holds `0`; a node is
//! `Poseidon(left, right)`. The chain keeps only a [`Frontier`] (the roots of the complete
//! subtrees on the tree's right edge): appending costs one hash on average, the root 32.
//! Wallets rebuild [`AuthPath`]s from the leaves.

use crate::{poseidon, Base};
use alloc::vec::Vec;

/// The depth of the tree.
pub const DEPTH: usize = 32;

/// The number of leaf positions.
pub const CAPACITY: u64 = 1 << DEPTH;

/// A node from its two children.
pub fn node(left: Base, right: Base) -> Base {
	poseidon::hash2(left, right)
}

/// The roots of empty subtrees: `[0]` is an empty leaf, `[DEPTH]` the empty tree's root.
pub fn empty_roots() -> [Base; DEPTH + 1] {
	let mut roots = [Base::from(0u64); DEPTH + 1];
	for level in 0..DEPTH {
		roots[level + 1] = node(roots[level], roots[level]);
	}
	roots
}

/// The right edge of the tree: all the chain keeps.
#[derive(Clone, PartialEq, Eq, Debug, Default)]
pub struct Frontier {
	size: u64,
	/// `filled[level]`: the last complete left subtree at `level`, read where bit `level` of
	/// `size` is set.
	filled: Vec<Base>,
}

/// The tree holds 2³² leaves and has no room for another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TreeFull;

impl Frontier {
	/// The frontier of an empty tree.
	pub fn new() -> Self {
		Self::default()
	}

	/// Rebuilds a frontier from its parts (`filled` has one entry per level up to the
	/// highest set bit of `size`); `None` if they do not fit together.
	pub fn from_parts(size: u64, filled: Vec<Base>) -> Option<Self> {
		let levels = (u64::BITS - size.leading_zeros()) as usize;
		(size <= CAPACITY && filled.len() == levels).then_some(Self { size, filled })
	}

	/// The number of leaves appended.
	pub fn size(&self) -> u64 {
		self.size
	}

	/// The complete subtrees, by level.
	pub fn filled(&self) -> &[Base] {
		&self.filled
	}

	/// Appends `leaf`, returning its position.
	pub fn append(&mut self, leaf: Base) -> Result<u64, TreeFull> {
		if self.size == CAPACITY {
			return Err(TreeFull);
		}
		let position = self.size;
		let mut carry = leaf;
		let mut level = 0;
		while (position >> level) & 1 == 1 {
			carry = node(self.filled[level], carry);
			level += 1;
		}
		if level == self.filled.len() {
			self.filled.push(carry);
		} else {
			self.filled[level] = carry;
		}
		self.size += 1;
		Ok(position)
	}

	/// The root of the tree.
	pub fn root(&self) -> Base {
		let empty = empty_roots();
		let mut carry = empty[0];
		for level in 0..DEPTH {
			carry = if (self.size >> level) & 1 == 1 {
				node(self.filled[level], carry)
			} else {
				node(carry, empty[level])
			};
		}
		carry
	}
}

/// A leaf's position and the siblings on its way to the root.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthPath {
	/// The leaf's position.
	pub position: u64,
	/// The sibling at each level, from the leaf up.
	pub siblings: [Base; DEPTH],
}

impl AuthPath {
	/// The root this path leads `leaf` to.
	pub fn root(&self, leaf: Base) -> Base {
		self.siblings.iter().enumerate().fold(leaf, |carry, (level, sibling)| {
			if (self.position >> level) & 1 == 1 {
				node(*sibling, carry)
			} else {
				node(carry, *sibling)
			}
		})
	}

	/// The path of `position` in the tree of `leaves` (the first `leaves.len()` positions);
	/// `None` if the position is not among them.
	pub fn from_leaves(leaves: &[Base], position: u64) -> Option<Self> {
		if position >= leaves.len() as u64 {
			return None;
		}
		let empty = empty_roots();
		let mut layer: Vec<Base> = leaves.to_vec();
		let mut siblings = [Base::from(0u64); DEPTH];
		for (level, sibling) in siblings.iter_mut().enumerate() {
			let index = (position >> level) as usize ^ 1;
			*sibling = layer.get(index).copied().unwrap_or(empty[level]);
			layer = layer
				.chunks(2)
				.map(|pair| node(pair[0], pair.get(1).copied().unwrap_or(empty[level])))
				.collect();
		}
		Some(Self { position, siblings })
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn leaves(n: u64) -> Vec<Base> {
		(0..n).map(|i| Base::from(1000 + i)).collect()
	}

	#[test]
	fn empty_tree_root() {
		assert_eq!(Frontier::new().root(), empty_roots()[DEPTH]);
	}

	#[test]
	fn frontier_root_matches_paths_at_every_size() {
		let all = leaves(37);
		let mut frontier = Frontier::new();
		for (i, leaf) in all.iter().enumerate() {
			assert_eq!(frontier.append(*leaf), Ok(i as u64));
			let root = frontier.root();
			for position in [0, i as u64 / 2, i as u64] {
				let path = AuthPath::from_leaves(&all[..=i], position).unwrap();
				assert_eq!(
					path.root(all[position as usize]),
					root,
					"size {} pos {position}",
					i + 1
				);
				assert_ne!(path.root(all[position as usize] + Base::from(1u64)), root);
			}
			let again = Frontier::from_parts(frontier.size(), frontier.filled().to_vec());
			assert_eq!(again.as_ref(), Some(&frontier));
		}
		assert_eq!(AuthPath::from_leaves(&all, 37), None);
	}

	#[test]
	fn a_path_is_bound_to_its_position() {
		let all = leaves(8);
		let path = AuthPath::from_leaves(&all, 5).unwrap();
		let root = path.root(all[5]);
		let moved = AuthPath { position: 4, ..path };
		assert_ne!(moved.root(all[5]), root);
	}

	#[test]
	fn inconsistent_parts_are_rejected() {
		assert!(Frontier::from_parts(3, vec![Base::from(1u64)]).is_none());
		assert!(Frontier::from_parts(CAPACITY + 1, vec![Base::from(1u64); 33]).is_none());
	}
}
