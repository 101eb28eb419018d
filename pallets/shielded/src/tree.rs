//! The witness tree in storage (SPEC §5): the same tree as `sero_crypto::tree`, with its
//! complete subtrees kept so that any leaf's path at any recent root can be served.

use crate::{Config, Error, Frontier, Nodes, Pallet};
use alloc::vec::Vec;
use sero_crypto::tree::{CAPACITY, DEPTH};
use sero_shielded_primitives::Bytes32;

/// `Poseidon(left, right)`, natively through the host.
pub fn node(left: &Bytes32, right: &Bytes32) -> Bytes32 {
	let mut inputs = [0u8; 64];
	inputs[..32].copy_from_slice(left);
	inputs[32..].copy_from_slice(right);
	sero_host::shielded_crypto::poseidon(&inputs).expect("tree nodes are canonical field elements")
}

/// The roots of empty subtrees, level 0 (an empty leaf) to `DEPTH`.
pub fn empty_roots() -> [Bytes32; DEPTH + 1] {
	let mut roots = [[0u8; 32]; DEPTH + 1];
	for level in 0..DEPTH {
		roots[level + 1] = node(&roots[level], &roots[level]);
	}
	roots
}

impl<T: Config> Pallet<T> {
	/// Appends a leaf; stores it and every subtree it completes. Returns its position.
	pub(crate) fn append_leaf(leaf: Bytes32) -> Result<u64, Error<T>> {
		let mut frontier = Frontier::<T>::get();
		if frontier.size >= CAPACITY {
			return Err(Error::<T>::TreeFull);
		}
		let position = frontier.size;
		Nodes::<T>::insert(0, position, leaf);
		let mut carry = leaf;
		let mut level = 0usize;
		while (position >> level) & 1 == 1 {
			carry = node(&frontier.filled[level], &carry);
			level += 1;
			Nodes::<T>::insert(level as u8, position >> level, carry);
		}
		if level == frontier.filled.len() {
			frontier.filled.try_push(carry).map_err(|_| Error::<T>::TreeFull)?;
		} else {
			frontier.filled[level] = carry;
		}
		frontier.size += 1;
		Frontier::<T>::put(frontier);
		Ok(position)
	}

	/// The root of the tree as it is now.
	pub fn compute_root() -> Bytes32 {
		let frontier = Frontier::<T>::get();
		let empty = empty_roots();
		let mut carry = empty[0];
		for level in 0..DEPTH {
			carry = if (frontier.size >> level) & 1 == 1 {
				node(&frontier.filled[level], &carry)
			} else {
				node(&carry, &empty[level])
			};
		}
		carry
	}

	/// The siblings of leaf `position` in the tree of the first `size` leaves.
	pub fn auth_path_at(position: u64, size: u64) -> Option<Vec<Bytes32>> {
		if position >= size || size > Frontier::<T>::get().size {
			return None;
		}
		let empty = empty_roots();
		Some(
			(0..DEPTH)
				.map(|level| Self::subtree_root(level, (position >> level) ^ 1, size, &empty))
				.collect(),
		)
	}

	/// The root of subtree `index` at `level` in the tree of the first `size` leaves.
	fn subtree_root(level: usize, index: u64, size: u64, empty: &[Bytes32; DEPTH + 1]) -> Bytes32 {
		let start = index << level;
		let end = (index + 1) << level;
		if start >= size {
			empty[level]
		} else if end <= size {
			Nodes::<T>::get(level as u8, index).unwrap_or(empty[level])
		} else {
			node(
				&Self::subtree_root(level - 1, 2 * index, size, empty),
				&Self::subtree_root(level - 1, 2 * index + 1, size, empty),
			)
		}
	}
}
