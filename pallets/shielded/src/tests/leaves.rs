//! Leaf records in pages, and the migration of a version-0 chain's records into them.

use super::*;
use crate::{
	migrations::{v1::v0, MigrateToV1},
	LeafPages, LegacyLeafPages, LEGACY_PAGES_PER_BLOCK,
};
use polkadot_sdk::frame_support::traits::{
	GetStorageVersion, OnInitialize, OnRuntimeUpgrade, StorageVersion,
};
use sero_shielded_primitives::LeafRecord;

/// A distinct record for leaf `position`.
fn record(position: u64) -> LeafRecord {
	let byte = position as u8;
	LeafRecord {
		position,
		pkr: [byte; 96],
		asset_cm: AssetCommitment([byte.wrapping_add(1); 32]),
		note: EncryptedNote { epk: [byte.wrapping_add(2); 32], ciphertext: [byte; 160] },
	}
}

/// Sets the tree's size (the records' reads stop there; its nodes do not matter here).
fn set_size(size: u64) {
	Frontier::<Test>::mutate(|frontier| frontier.size = size);
}

/// A tree of `size` leaves whose records are stored as the pallet stores new ones.
fn paged_tree(size: u64) {
	for position in 0..size {
		Shielded::store_leaf(record(position));
	}
	set_size(size);
}

/// A chain at storage version 0 with `size` leaves, one record per entry.
fn version_0_tree(size: u64) {
	for position in 0..size {
		v0::Leaves::<Test>::insert(position, record(position));
	}
	set_size(size);
	StorageVersion::new(0).put::<Shielded>();
}

fn records(range: core::ops::Range<u64>) -> Vec<LeafRecord> {
	range.map(record).collect()
}

#[test]
fn records_fill_pages_of_64_in_order() {
	new_test_ext().execute_with(|| {
		paged_tree(150);
		assert_eq!(LeafPages::<Test>::decode_len(0), Some(64));
		assert_eq!(LeafPages::<Test>::decode_len(1), Some(64));
		assert_eq!(LeafPages::<Test>::decode_len(2), Some(22));
		assert_eq!(LeafPages::<Test>::get(1)[0], record(64));
		assert_eq!(Shielded::leaves(0, 1024), records(0..150));
		assert_eq!(Shielded::leaves(60, 10), records(60..70), "across a page's end");
		assert_eq!(Shielded::leaves(64, 64), records(64..128), "one whole page");
		assert_eq!(Shielded::leaves(140, 100), records(140..150), "stops at the tree's size");
		assert_eq!(Shielded::leaves(150, 10), vec![]);
		assert_eq!(Shielded::leaves(0, 5000).len(), 150, "at most LEAVES_PAGE");
		assert_eq!(Shielded::check_leaf_pages(), Ok(()));
	});
}

#[test]
fn a_page_that_does_not_end_where_the_tree_does_fails_the_check() {
	new_test_ext().execute_with(|| {
		paged_tree(70);
		set_size(71);
		assert!(Shielded::check_leaf_pages().is_err(), "a leaf without its record");
		set_size(69);
		assert!(Shielded::check_leaf_pages().is_err(), "a record past the tree's end");
		set_size(70);
	});
}

#[test]
fn the_upgrade_moves_the_last_page_and_leaves_the_full_ones_for_later_blocks() {
	new_test_ext().execute_with(|| {
		version_0_tree(150);
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(Shielded::on_chain_storage_version(), 1);
		assert_eq!(LeafPages::<Test>::get(2).into_inner(), records(128..150));
		assert_eq!(v0::Leaves::<Test>::iter_keys().count(), 128, "the full pages stay");
		assert_eq!(LegacyLeafPages::<Test>::get(), Some(PageRange { next: 0, end: 2 }));
		assert_eq!(Shielded::leaves(0, 1024), records(0..150), "read from both places");
		assert_eq!(Shielded::leaves(100, 40), records(100..140));

		// A new leaf goes after the moved ones.
		Shielded::store_leaf(record(150));
		set_size(151);
		assert_eq!(Shielded::check_leaf_pages(), Ok(()));
		assert_eq!(Shielded::leaves(0, 1024), records(0..151));

		// Running it again changes nothing.
		MigrateToV1::<Test>::on_runtime_upgrade();
		assert_eq!(LegacyLeafPages::<Test>::get(), Some(PageRange { next: 0, end: 2 }));
		assert_eq!(LeafPages::<Test>::decode_len(2), Some(23));
	});
}

#[test]
fn blocks_move_the_old_pages_a_few_at_a_time_and_then_stop() {
	new_test_ext().execute_with(|| {
		let pages = LEGACY_PAGES_PER_BLOCK + 2;
		let size = pages * 64 + 5;
		version_0_tree(size);
		MigrateToV1::<Test>::on_runtime_upgrade();
		let db = <Test as polkadot_sdk::frame_system::Config>::DbWeight::get();
		let first = Shielded::on_initialize(2);
		assert_eq!(
			LegacyLeafPages::<Test>::get(),
			Some(PageRange { next: LEGACY_PAGES_PER_BLOCK, end: pages })
		);
		assert_eq!(v0::Leaves::<Test>::iter_keys().count() as u64, 2 * 64);
		assert_eq!(Shielded::leaves(0, 1024), records(0..1024));
		assert_eq!(Shielded::leaves(1000, 1024), records(1000..size), "read from both places");

		Shielded::on_initialize(3);
		assert_eq!(LegacyLeafPages::<Test>::get(), None, "done");
		assert_eq!(v0::Leaves::<Test>::iter_keys().count(), 0, "no old entry is left");
		assert_eq!(LeafPages::<Test>::decode_len(pages - 1), Some(64));
		assert_eq!(Shielded::leaf_records(0, size), records(0..size));

		let idle = Shielded::on_initialize(4);
		let leaves = LEGACY_PAGES_PER_BLOCK * 64;
		assert_eq!(
			first,
			idle - db.reads(1) + db.reads_writes(1 + leaves, 1 + leaves + LEGACY_PAGES_PER_BLOCK),
			"charged for every entry read and removed"
		);
		assert_eq!(Shielded::check_leaf_pages(), Ok(()));
	});
}

/// The migration's own pre- and post-upgrade checks, as `try-runtime` runs them
/// (`cargo test -p pallet-shielded --features try-runtime`).
#[cfg(feature = "try-runtime")]
mod try_runtime {
	use super::*;
	use crate::migrations::v1::UncheckedMigrateToV1;
	use polkadot_sdk::frame_support::traits::UncheckedOnRuntimeUpgrade;

	#[test]
	fn checks_pass_on_a_version_0_chain() {
		new_test_ext().execute_with(|| {
			version_0_tree(150);
			MigrateToV1::<Test>::try_on_runtime_upgrade(true).expect("checks pass");
		});
	}

	#[test]
	fn pre_upgrade_refuses_a_chain_that_already_has_pages() {
		new_test_ext().execute_with(|| {
			version_0_tree(10);
			LeafPages::<Test>::insert(0, LeafPage::truncate_from(records(0..1)));
			assert!(UncheckedMigrateToV1::<Test>::pre_upgrade().is_err());
		});
	}

	#[test]
	fn post_upgrade_notices_a_changed_record() {
		new_test_ext().execute_with(|| {
			version_0_tree(150);
			let state = UncheckedMigrateToV1::<Test>::pre_upgrade().unwrap();
			UncheckedMigrateToV1::<Test>::on_runtime_upgrade();
			LeafPages::<Test>::mutate(2, |page| page[0].pkr[0] ^= 1);
			assert!(UncheckedMigrateToV1::<Test>::post_upgrade(state).is_err());
		});
	}
}
