//! Tests of the difficulty pallet in a runtime.

use crate::{mock::*, CurrentDifficulty, RecentTimestamps};
use sero_consensus_primitives::Difficulty as D;

#[test]
fn genesis_sets_the_parameters() {
	new_test_ext().execute_with(|| {
		assert_eq!(crate::Pallet::<Test>::difficulty(), D::from(INITIAL));
		assert_eq!(crate::Pallet::<Test>::minimum_difficulty(), D::from(MINIMUM));
		assert_eq!(crate::TargetBlockTime::<Test>::get(), TARGET_MS);
	});
}

#[test]
fn first_block_only_records_its_timestamp() {
	new_test_ext().execute_with(|| {
		finish_block_at(1_000);
		assert_eq!(CurrentDifficulty::<Test>::get(), D::from(INITIAL));
		assert_eq!(RecentTimestamps::<Test>::get().into_inner(), vec![1_000]);
	});
}

#[test]
fn fast_blocks_raise_the_difficulty_slow_blocks_lower_it() {
	new_test_ext().execute_with(|| {
		finish_block_at(0);
		finish_block_at(TARGET_MS / 2);
		let raised = CurrentDifficulty::<Test>::get();
		assert_eq!(raised, D::from(INITIAL + INITIAL / 4), "bounded to +25 % per block");

		new_test_ext().execute_with(|| {
			finish_block_at(0);
			finish_block_at(TARGET_MS * 2);
			assert_eq!(CurrentDifficulty::<Test>::get(), D::from(INITIAL - INITIAL / 4));
		});
	});
}

#[test]
fn window_keeps_only_the_latest_timestamps() {
	new_test_ext().execute_with(|| {
		for i in 0..10u64 {
			finish_block_at(i * TARGET_MS);
		}
		let window = RecentTimestamps::<Test>::get().into_inner();
		assert_eq!(window, vec![6 * TARGET_MS, 7 * TARGET_MS, 8 * TARGET_MS, 9 * TARGET_MS]);
		assert_eq!(CurrentDifficulty::<Test>::get(), D::from(INITIAL), "on target: unchanged");
	});
}

#[test]
fn difficulty_never_falls_below_the_minimum() {
	new_test_ext().execute_with(|| {
		for i in 0..40u64 {
			finish_block_at(i * TARGET_MS * 100);
		}
		assert_eq!(CurrentDifficulty::<Test>::get(), D::from(MINIMUM));
	});
}
