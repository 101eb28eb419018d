//! Storage migrations of the shielded pool, oldest first.
//!
//! A runtime lists the migrations of the versions its chain may still be at in its
//! `Executive` migrations; each runs once, when the on-chain storage version matches.

use crate::Pallet;
use polkadot_sdk::{
	frame_support::migrations::VersionedMigration, frame_system::Config as SystemConfig,
};

/// Version 0 to 1: leaf records move from one storage entry per leaf into pages of
/// [`LEAF_PAGE`](crate::types::LEAF_PAGE) ([`crate::LeafPages`]).
///
/// The upgrade itself moves only the page at the tree's end (at most 63 records), so that
/// new leaves append to a page that holds its earlier ones; the full pages before it are
/// left to [`Pallet::move_legacy_leaves`], [`crate::LEGACY_PAGES_PER_BLOCK`] a block from
/// the upgrade's block on, however many leaves the chain has. Until a page is moved, reads
/// take it from the old entries.
pub mod v1 {
	use crate::{
		leaves::page_of,
		types::{LeafPage, PageRange, LEAF_PAGE},
		Config, Frontier, LeafPages, LegacyLeafPages,
	};
	use alloc::vec::Vec;
	use core::marker::PhantomData;
	use polkadot_sdk::frame_support::{
		traits::{Get, UncheckedOnRuntimeUpgrade},
		weights::Weight,
	};
	use sero_shielded_primitives::LeafRecord;
	#[cfg(feature = "try-runtime")]
	use {
		crate::Pallet,
		codec::{Decode, Encode},
		polkadot_sdk::{frame_support::ensure, sp_runtime::TryRuntimeError},
	};

	/// The storage of version 0.
	pub(crate) mod v0 {
		use super::*;
		use crate::Pallet;
		use polkadot_sdk::frame_support::{storage_alias, Twox64Concat};

		/// The leaf records, one entry per position.
		#[storage_alias]
		pub type Leaves<T: Config> = StorageMap<Pallet<T>, Twox64Concat, u64, LeafRecord>;
	}

	/// Moves the partial page at the tree's end into [`LeafPages`] and records the full
	/// pages before it in [`LegacyLeafPages`]. Runs unconditionally: use it through
	/// [`super::MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			let size = Frontier::<T>::get().size;
			let last = page_of(size);
			let first = last * LEAF_PAGE as u64;
			let records: Vec<LeafRecord> =
				(first..size).filter_map(v0::Leaves::<T>::take).collect();
			let moved = size - first;
			if moved > 0 {
				LeafPages::<T>::insert(last, LeafPage::truncate_from(records));
			}
			if last > 0 {
				LegacyLeafPages::<T>::put(PageRange { next: 0, end: last });
			}
			log::info!(
				target: "runtime::shielded",
				"Migrated to v1: {moved} leaf records in a page, {last} pages left to move",
			);
			T::DbWeight::get().reads_writes(1 + moved, moved + 2)
		}

		/// Remembers every leaf record; a chain at version 0 has no pages yet.
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			ensure!(
				LeafPages::<T>::iter_keys().next().is_none() && !LegacyLeafPages::<T>::exists(),
				"a chain at version 0 has no pages of leaves"
			);
			let size = Frontier::<T>::get().size;
			let records: Vec<LeafRecord> = (0..size).filter_map(v0::Leaves::<T>::get).collect();
			ensure!(records.len() as u64 == size, "a leaf of the tree has no record");
			Ok(records.encode())
		}

		/// Every record reads back the same, and the page at the tree's end is in place.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let before = Vec::<LeafRecord>::decode(&mut &state[..])
				.map_err(|_| "the pre-upgrade state does not decode")?;
			let size = Frontier::<T>::get().size;
			ensure!(
				Pallet::<T>::leaf_records(0, size) == before,
				"the leaf records changed in the migration"
			);
			Pallet::<T>::check_leaf_pages().map_err(Into::into)
		}
	}
}

/// Runs [`v1::UncheckedMigrateToV1`] on a chain at storage version 0 and sets version 1;
/// does nothing (one read) at any other version.
pub type MigrateToV1<T> =
	VersionedMigration<0, 1, v1::UncheckedMigrateToV1<T>, Pallet<T>, <T as SystemConfig>::DbWeight>;
