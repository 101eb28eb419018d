//! The leaf records wallets read, in pages of [`LEAF_PAGE`].
//!
//! Sync reads every leaf of the chain, [`LEAVES_PAGE`] at a time. Stored one per entry, a
//! page of them cost the node 1,024 storage reads (a third of a 2-core machine while a
//! wallet synced); in pages of 64 it costs 16. A leaf is appended to its page without the
//! page being read or decoded (`try_append` reads only its length).
//!
//! A chain upgraded from storage version 0 keeps its old leaves one per entry until
//! [`Pallet::move_legacy_leaves`] has moved them, a few pages a block; meanwhile reads take
//! each page from wherever it is ([`LegacyLeafPages`] says which pages are not moved yet).
//!
//! [`LEAVES_PAGE`]: sero_shielded_primitives::LEAVES_PAGE

use crate::{
	migrations::v1::v0,
	types::{LeafPage, LEAF_PAGE},
	Config, Frontier, LeafPages, LegacyLeafPages, Pallet,
};
use alloc::vec::Vec;
use polkadot_sdk::frame_support::{defensive, traits::Get, weights::Weight};
use sero_shielded_primitives::LeafRecord;

/// The page holding leaf `position`.
pub(crate) fn page_of(position: u64) -> u64 {
	position / LEAF_PAGE as u64
}

impl<T: Config> Pallet<T> {
	/// Stores the record of the leaf just appended to the tree at `record.position`.
	pub(crate) fn store_leaf(record: LeafRecord) {
		let page = page_of(record.position);
		// The tree grows one leaf at a time and a page holds exactly its LEAF_PAGE
		// positions, so the page has room.
		if LeafPages::<T>::try_append(page, record).is_err() {
			defensive!("a page of leaves is full before its last position");
		}
	}

	/// The records of leaves `from..end` (`end` at most the tree's size), in order.
	pub(crate) fn leaf_records(from: u64, end: u64) -> Vec<LeafRecord> {
		let legacy = LegacyLeafPages::<T>::get();
		let mut records = Vec::with_capacity(end.saturating_sub(from) as usize);
		let mut position = from;
		while position < end {
			let page = page_of(position);
			let page_end = (page + 1).saturating_mul(LEAF_PAGE as u64).min(end);
			if legacy.is_some_and(|range| range.next <= page && page < range.end) {
				records.extend((position..page_end).filter_map(v0::Leaves::<T>::get));
			} else {
				let stored = LeafPages::<T>::get(page);
				let skip = (position % LEAF_PAGE as u64) as usize;
				records.extend(stored.into_iter().skip(skip).take((page_end - position) as usize));
			}
			position = page_end;
		}
		records
	}

	/// Moves up to `pages` pages of version-0 leaves into [`LeafPages`], oldest first: the
	/// weight of what it did (one read when nothing is left to move).
	pub(crate) fn move_legacy_leaves(pages: u64) -> Weight {
		let db = T::DbWeight::get();
		let Some(mut range) = LegacyLeafPages::<T>::get() else {
			return db.reads(1);
		};
		let last = range.end.min(range.next.saturating_add(pages));
		for page in range.next..last {
			let first = page * LEAF_PAGE as u64;
			let records: Vec<LeafRecord> =
				(first..first + LEAF_PAGE as u64).filter_map(v0::Leaves::<T>::take).collect();
			LeafPages::<T>::insert(page, LeafPage::truncate_from(records));
		}
		let moved = last - range.next;
		range.next = last;
		if range.next == range.end {
			LegacyLeafPages::<T>::kill();
			log::info!(target: "runtime::shielded", "every leaf record is in pages");
		} else {
			LegacyLeafPages::<T>::put(range);
		}
		// Per page: LEAF_PAGE entries read and removed, the page written.
		let leaves = moved * LEAF_PAGE as u64;
		db.reads_writes(1 + leaves, 1 + leaves + moved)
	}

	/// Whether the page at the tree's end holds exactly the leaves the tree has there (the
	/// pages before it are full by the same rule: a leaf is stored as it is appended).
	pub fn check_leaf_pages() -> Result<(), &'static str> {
		let size = Frontier::<T>::get().size;
		let last = page_of(size);
		if LegacyLeafPages::<T>::get().is_some_and(|range| last < range.end) {
			return Err("the page at the tree's end is not moved to the pages");
		}
		if LeafPages::<T>::decode_len(last).unwrap_or(0) as u64 != size % LEAF_PAGE as u64 {
			return Err("the last page of leaves does not end where the tree does");
		}
		Ok(())
	}
}
