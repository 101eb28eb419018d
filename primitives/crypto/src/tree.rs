//! The witness tree (SPEC §5): append-only, depth 32, Poseidon nodes.
//!
//! Leaf positions run from 0 to 2³² − 1; an empty position holds `0`; a node is
//! `Poseidon(left, right)`. The chain keeps only a [`FrontierOf`] (the roots of the complete
//! subtrees on the tree's right edge), and the complete subtrees it reports while appending:
//! appending costs one hash on average, the root 32. Wallets rebuild [`AuthPathOf`]s from
//! the leaves; the chain serves them from the stored subtrees ([`path_from_subtrees`]).
//!
//! One implementation, generic over how a node is hashed ([`TreeHasher`]): [`Poseidon`]
//! hashes field elements natively (wallets, circuits' tests); the runtime hashes the same
//! nodes, as bytes, through a host function.

use crate::{poseidon, Base};
use alloc::vec::Vec;
use core::fmt::Debug;

/// The depth of the tree.
pub const DEPTH: usize = 32;

/// The number of leaf positions.
pub const CAPACITY: u64 = 1 << DEPTH;

/// How the tree's nodes are hashed.
pub trait TreeHasher {
	/// A leaf or a node.
	type Node: Copy + Eq + Debug;

	/// An empty position.
	fn empty_leaf() -> Self::Node;

	/// A node from its two children.
	fn node(left: &Self::Node, right: &Self::Node) -> Self::Node;

	/// The roots of empty subtrees: `[0]` is an empty leaf, `[DEPTH]` the empty tree's root.
	fn empty_roots() -> [Self::Node; DEPTH + 1] {
		let mut roots = [Self::empty_leaf(); DEPTH + 1];
		for level in 0..DEPTH {
			roots[level + 1] = Self::node(&roots[level], &roots[level]);
		}
		roots
	}
}

/// Poseidon over field elements, natively.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct Poseidon;

impl TreeHasher for Poseidon {
	type Node = Base;

	fn empty_leaf() -> Base {
		Base::from(0u64)
	}

	fn node(left: &Base, right: &Base) -> Base {
		poseidon::hash2(*left, *right)
	}
}

/// The roots of empty subtrees (Poseidon, natively): `[0]` is an empty leaf, `[DEPTH]` the
/// empty tree's root.
pub fn empty_roots() -> [Base; DEPTH + 1] {
	Poseidon::empty_roots()
}

/// The right edge of a tree hashed by `H`: all the chain keeps.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct FrontierOf<H: TreeHasher> {
	size: u64,
	/// `filled[level]`: the last complete left subtree at `level`, read where bit `level` of
	/// `size` is set.
	filled: Vec<H::Node>,
}

/// The frontier of the Poseidon tree over field elements.
pub type Frontier = FrontierOf<Poseidon>;

/// The tree holds 2³² leaves and has no room for another.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct TreeFull;

impl<H: TreeHasher> Default for FrontierOf<H> {
	fn default() -> Self {
		Self { size: 0, filled: Vec::new() }
	}
}

impl<H: TreeHasher> FrontierOf<H> {
	/// The frontier of an empty tree.
	pub fn new() -> Self {
		Self::default()
	}

	/// Rebuilds a frontier from its parts (`filled` has one entry per level up to the
	/// highest set bit of `size`); `None` if they do not fit together.
	pub fn from_parts(size: u64, filled: Vec<H::Node>) -> Option<Self> {
		let levels = (u64::BITS - size.leading_zeros()) as usize;
		(size <= CAPACITY && filled.len() == levels).then_some(Self { size, filled })
	}

	/// The number of leaves appended.
	pub fn size(&self) -> u64 {
		self.size
	}

	/// The complete subtrees, by level.
	pub fn filled(&self) -> &[H::Node] {
		&self.filled
	}

	/// Appends `leaf`, returning its position.
	pub fn append(&mut self, leaf: H::Node) -> Result<u64, TreeFull> {
		self.append_with(leaf, |_, _, _| {})
	}

	/// Appends `leaf`, returning its position, and reports each subtree it completes as
	/// `(level, index, root)`: the leaf itself at level 0, then every subtree it closes (the
	/// subtree `index` at `level` covers positions `index·2^level ..< (index + 1)·2^level`).
	pub fn append_with(
		&mut self,
		leaf: H::Node,
		mut completed: impl FnMut(usize, u64, &H::Node),
	) -> Result<u64, TreeFull> {
		if self.size == CAPACITY {
			return Err(TreeFull);
		}
		let position = self.size;
		completed(0, position, &leaf);
		let mut carry = leaf;
		let mut level = 0;
		while (position >> level) & 1 == 1 {
			carry = H::node(&self.filled[level], &carry);
			level += 1;
			completed(level, position >> level, &carry);
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
	pub fn root(&self) -> H::Node {
		if self.size == CAPACITY {
			return self.filled[DEPTH];
		}
		let empty = H::empty_roots();
		let mut carry = empty[0];
		for level in 0..DEPTH {
			carry = if (self.size >> level) & 1 == 1 {
				H::node(&self.filled[level], &carry)
			} else {
				H::node(&carry, &empty[level])
			};
		}
		carry
	}
}

/// A leaf's position and the siblings on its way to the root, in a tree hashed by `H`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct AuthPathOf<H: TreeHasher> {
	/// The leaf's position.
	pub position: u64,
	/// The sibling at each level, from the leaf up.
	pub siblings: [H::Node; DEPTH],
}

/// A path in the Poseidon tree over field elements.
pub type AuthPath = AuthPathOf<Poseidon>;

impl<H: TreeHasher> AuthPathOf<H> {
	/// The root this path leads `leaf` to.
	pub fn root(&self, leaf: H::Node) -> H::Node {
		self.siblings.iter().enumerate().fold(leaf, |carry, (level, sibling)| {
			if (self.position >> level) & 1 == 1 {
				H::node(sibling, &carry)
			} else {
				H::node(&carry, sibling)
			}
		})
	}

	/// The path of `position` in the tree of `leaves` (the first `leaves.len()` positions);
	/// `None` if the position is not among them.
	pub fn from_leaves(leaves: &[H::Node], position: u64) -> Option<Self> {
		if position >= leaves.len() as u64 {
			return None;
		}
		let empty = H::empty_roots();
		let mut layer: Vec<H::Node> = leaves.to_vec();
		let mut siblings = [H::empty_leaf(); DEPTH];
		for (level, sibling) in siblings.iter_mut().enumerate() {
			let index = (position >> level) as usize ^ 1;
			*sibling = layer.get(index).copied().unwrap_or(empty[level]);
			layer = layer
				.chunks(2)
				.map(|pair| H::node(&pair[0], pair.get(1).unwrap_or(&empty[level])))
				.collect();
		}
		Some(Self { position, siblings })
	}

	/// The path of `position` in the tree of the first `size` leaves, from the roots of its
	/// complete subtrees: `stored(level, index)` is the root of subtree `index` at `level`
	/// as [`FrontierOf::append_with`] reported it (`None` reads as empty). Subtrees that are
	/// not complete at `size` are hashed from their complete parts. `None` if the position
	/// is not among the leaves.
	pub fn from_subtrees(
		position: u64,
		size: u64,
		stored: impl Fn(usize, u64) -> Option<H::Node>,
	) -> Option<Self> {
		if position >= size || size > CAPACITY {
			return None;
		}
		let empty = H::empty_roots();
		let mut siblings = [H::empty_leaf(); DEPTH];
		for (level, sibling) in siblings.iter_mut().enumerate() {
			*sibling = subtree_root::<H>(level, (position >> level) ^ 1, size, &empty, &stored);
		}
		Some(Self { position, siblings })
	}
}

/// The root of subtree `index` at `level` in the tree of the first `size` leaves.
fn subtree_root<H: TreeHasher>(
	level: usize,
	index: u64,
	size: u64,
	empty: &[H::Node; DEPTH + 1],
	stored: &impl Fn(usize, u64) -> Option<H::Node>,
) -> H::Node {
	let start = index << level;
	let end = (index + 1) << level;
	if start >= size {
		empty[level]
	} else if end <= size {
		stored(level, index).unwrap_or(empty[level])
	} else {
		H::node(
			&subtree_root::<H>(level - 1, 2 * index, size, empty, stored),
			&subtree_root::<H>(level - 1, 2 * index + 1, size, empty, stored),
		)
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

	/// The subtrees `append_with` reports give every leaf's path at every size, the same
	/// path the leaves give.
	#[test]
	fn paths_from_reported_subtrees_match_paths_from_leaves() {
		use alloc::collections::BTreeMap;
		let all = leaves(21);
		let mut stored = BTreeMap::new();
		let mut frontier = Frontier::new();
		for (i, leaf) in all.iter().enumerate() {
			frontier
				.append_with(*leaf, |level, index, root| {
					stored.insert((level, index), *root);
				})
				.unwrap();
			let size = i as u64 + 1;
			for position in 0..size {
				let path = AuthPath::from_subtrees(position, size, |level, index| {
					stored.get(&(level, index)).copied()
				})
				.unwrap();
				assert_eq!(Some(&path), AuthPath::from_leaves(&all[..=i], position).as_ref());
				assert_eq!(path.root(all[position as usize]), frontier.root());
			}
			assert_eq!(AuthPath::from_subtrees(size, size, |_, _| None), None);
		}
	}

	/// A path exists for every position of a tree of up to 2³² leaves, and for none beyond.
	#[test]
	fn paths_from_subtrees_cover_exactly_the_tree() {
		let empty = |_, _| None;
		let path = AuthPath::from_subtrees(CAPACITY - 1, CAPACITY, empty).unwrap();
		assert_eq!(path.siblings, empty_roots()[..DEPTH]);
		assert_eq!(AuthPath::from_subtrees(0, CAPACITY + 1, empty), None);
	}

	#[test]
	fn inconsistent_parts_are_rejected() {
		assert!(Frontier::from_parts(3, vec![Base::from(1u64)]).is_none());
		assert!(Frontier::from_parts(CAPACITY + 1, vec![Base::from(1u64); 33]).is_none());
	}
}
