//! The pool's [`ShareTree`](sero_share_pool::draw::ShareTree) in storage: one map entry
//! per Fenwick node and the number of slots, so a draw or a change of one slot reads and
//! writes about `log₂(slots)` entries whatever the pool's size.

use crate::{Config, TreeNodes, TreeSlots};
use core::marker::PhantomData;
use sero_share_pool::draw::{ShareTree, TreeStore};

/// [`TreeNodes`] and [`TreeSlots`] as a [`TreeStore`].
pub struct StorageTree<T>(PhantomData<T>);

impl<T: Config> TreeStore for StorageTree<T> {
	fn len(&self) -> u32 {
		TreeSlots::<T>::get()
	}

	fn node(&self, i: u32) -> u64 {
		TreeNodes::<T>::get(i)
	}

	fn set_node(&mut self, i: u32, shares: u64) {
		TreeNodes::<T>::insert(i, shares);
	}

	fn push_node(&mut self, shares: u64) {
		let i = TreeSlots::<T>::get().saturating_add(1);
		TreeNodes::<T>::insert(i, shares);
		TreeSlots::<T>::put(i);
	}
}

/// The pool's tree.
pub fn share_tree<T: Config>() -> ShareTree<StorageTree<T>> {
	ShareTree::new(StorageTree(PhantomData))
}
