//! What wallets and the node's RPC read of the pool (`ShieldedApi`).

use crate::{
	types::AssetInfo, Config, CurrentRoot, Frontier, Nullifiers, PackageCount, PackageIds,
	Packages, Pallet, Registry, Roots,
};
use alloc::vec::Vec;
use polkadot_sdk::frame_system::pallet_prelude::BlockNumberFor;
use sero_shielded_primitives::{
	Anchor, AssetId, Bytes32, LeafRecord, Nullifier, PackageId, PackageRecord, TreeState,
	LEAVES_PAGE, PACKAGES_PAGE,
};

impl<T: Config> Pallet<T> {
	/// The tree's size and current root.
	pub fn tree_state() -> TreeState {
		let size = Frontier::<T>::get().size;
		let root = match CurrentRoot::<T>::get() {
			Some((root, current)) if current == size => root,
			_ => Self::compute_root(),
		};
		TreeState { size, root }
	}

	/// Whether a token (or SERO) is registered under `name` (one storage read).
	pub fn is_token_name(name: &[u8]) -> bool {
		sero_crypto::asset::AssetId::token(name)
			.is_ok_and(|id| Registry::<T>::contains_key(AssetId::from(id)))
	}

	/// Up to `limit` leaves from `from` (at most [`LEAVES_PAGE`] per call).
	pub fn leaves(from: u64, limit: u32) -> Vec<LeafRecord> {
		let end = from.saturating_add(limit.min(LEAVES_PAGE) as u64).min(Frontier::<T>::get().size);
		Self::leaf_records(from, end)
	}

	/// The path of leaf `position` in the tree of the anchor `root`.
	pub fn auth_path(position: u64, root: Anchor) -> Option<Vec<Bytes32>> {
		let size = match Roots::<T>::get(root) {
			Some(info) => info.size,
			None => match CurrentRoot::<T>::get() {
				Some((current, size)) if current == root => size,
				_ => return None,
			},
		};
		Self::auth_path_at(position, size)
	}

	/// Whether `nil` has been spent.
	pub fn is_spent(nil: Nullifier) -> bool {
		Nullifiers::<T>::contains_key(nil)
	}

	/// The block that spent a nullifier, if it was spent.
	pub fn spent_at(nil: Nullifier) -> Option<BlockNumberFor<T>> {
		Nullifiers::<T>::get(nil)
	}

	/// A registered asset.
	pub fn asset(id: AssetId) -> Option<AssetInfo> {
		Registry::<T>::get(id)
	}

	/// A package, by id.
	pub fn package(id: PackageId) -> Option<PackageRecord<BlockNumberFor<T>>> {
		Packages::<T>::get(id)
	}

	/// Up to `limit` packages (at most [`PACKAGES_PAGE`]) in the order they were created,
	/// from the `from`-th on, with their ids.
	pub fn packages(from: u32, limit: u32) -> Vec<(PackageId, PackageRecord<BlockNumberFor<T>>)> {
		let end = from.saturating_add(limit.min(PACKAGES_PAGE)).min(PackageCount::<T>::get());
		(from..end)
			.filter_map(|n| {
				let id = PackageIds::<T>::get(n)?;
				Some((id, Packages::<T>::get(id)?))
			})
			.collect()
	}
}
