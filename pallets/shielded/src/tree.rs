//! The witness tree in storage (SPEC §5): `sero_crypto::tree`'s tree, hashed through the
//! host, with its complete subtrees kept so that any leaf's path at any recent root can be
//! served.

use crate::{types::FrontierState, Config, Error, Frontier, Nodes, Pallet};
use alloc::vec::Vec;
use polkadot_sdk::sp_runtime::BoundedVec;
use sero_crypto::tree::{AuthPathOf, FrontierOf, TreeHasher};
use sero_shielded_primitives::{Anchor, Bytes32, Leaf};

/// `Poseidon(left, right)` over the nodes' canonical bytes, natively through the host.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct HostPoseidon;

impl TreeHasher for HostPoseidon {
	type Node = Bytes32;

	fn empty_leaf() -> Bytes32 {
		[0; 32]
	}

	fn node(left: &Bytes32, right: &Bytes32) -> Bytes32 {
		let mut inputs = [0u8; 64];
		inputs[..32].copy_from_slice(left);
		inputs[32..].copy_from_slice(right);
		sero_host::shielded_crypto::poseidon(&inputs)
			.expect("tree nodes are canonical field elements")
	}
}

impl<T: Config> Pallet<T> {
	/// The tree's frontier. Only [`Self::append_leaf`] writes it, so its parts fit together;
	/// if they ever did not, the block fails loudly rather than serve a wrong root.
	fn frontier() -> FrontierOf<HostPoseidon> {
		let FrontierState { size, filled } = Frontier::<T>::get();
		FrontierOf::from_parts(size, filled.into_inner())
			.expect("the stored frontier is consistent")
	}

	/// Appends a leaf; stores it and every subtree it completes. Returns its position.
	pub(crate) fn append_leaf(leaf: Leaf) -> Result<u64, Error<T>> {
		let mut frontier = Self::frontier();
		let position = frontier
			.append_with(leaf.0, |level, index, root| Nodes::<T>::insert(level as u8, index, root))
			.map_err(|_| Error::<T>::TreeFull)?;
		// At most DEPTH + 1 levels: the bound always holds.
		let filled = BoundedVec::truncate_from(frontier.filled().to_vec());
		Frontier::<T>::put(FrontierState { size: frontier.size(), filled });
		Ok(position)
	}

	/// The root of the tree as it is now.
	pub fn compute_root() -> Anchor {
		Anchor(Self::frontier().root())
	}

	/// The siblings of leaf `position` in the tree of the first `size` leaves.
	pub fn auth_path_at(position: u64, size: u64) -> Option<Vec<Bytes32>> {
		if size > Frontier::<T>::get().size {
			return None;
		}
		let path = AuthPathOf::<HostPoseidon>::from_subtrees(position, size, |level, index| {
			Nodes::<T>::get(level as u8, index)
		})?;
		Some(path.siblings.to_vec())
	}
}
