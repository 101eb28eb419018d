//! Tests of the governance pallet: genesis periods and the whitelisted-caller origin.

use crate::{
	mock::*, EnsureWhitelistedCaller, GenesisConfig, Origin, Periods, TrackPeriods,
	UndecidingTimeout,
};
use polkadot_sdk::{frame_support::traits::EnsureOrigin, frame_system::RawOrigin};

fn periods(prepare: u64) -> Periods<u64> {
	Periods { prepare, decision: 20, confirm: 2, min_enactment: 1 }
}

#[test]
fn genesis_periods_are_stored_sorted_by_track() {
	let config = GenesisConfig::<Test> {
		track_periods: vec![(7, periods(3)), (0, periods(1))],
		undeciding_timeout: Some(50),
	};
	new_test_ext(config).execute_with(|| {
		assert_eq!(
			TrackPeriods::<Test>::get().into_inner(),
			vec![(0, periods(1)), (7, periods(3))]
		);
		assert_eq!(UndecidingTimeout::<Test>::get(), Some(50));
	});
}

#[test]
fn without_overrides_the_runtime_defaults_apply() {
	new_test_ext(GenesisConfig::default()).execute_with(|| {
		assert!(TrackPeriods::<Test>::get().is_empty());
		assert_eq!(UndecidingTimeout::<Test>::get(), None);
	});
}

#[test]
#[should_panic(expected = "track 0 has two sets of periods")]
fn a_track_with_two_sets_of_periods_is_refused() {
	new_test_ext(GenesisConfig {
		track_periods: vec![(0, periods(1)), (0, periods(2))],
		undeciding_timeout: None,
	});
}

#[test]
#[should_panic(expected = "track 1: the decision period must not be 0")]
fn a_zero_decision_period_is_refused() {
	let zero = Periods { decision: 0, ..periods(1) };
	new_test_ext(GenesisConfig { track_periods: vec![(1, zero)], undeciding_timeout: None });
}

#[test]
#[should_panic(expected = "more track periods than `MaxTracks`")]
fn more_tracks_than_the_bound_are_refused() {
	let track_periods = (0..4).map(|track| (track, periods(1))).collect();
	new_test_ext(GenesisConfig { track_periods, undeciding_timeout: None });
}

#[test]
#[should_panic(expected = "the undeciding timeout must not be 0")]
fn a_zero_undeciding_timeout_is_refused() {
	new_test_ext(GenesisConfig { track_periods: vec![], undeciding_timeout: Some(0) });
}

#[test]
fn only_the_whitelisted_caller_origin_passes() {
	new_test_ext(GenesisConfig::default()).execute_with(|| {
		assert!(EnsureWhitelistedCaller::try_origin(RuntimeOrigin::from(
			Origin::WhitelistedCaller
		))
		.is_ok());
		assert!(EnsureWhitelistedCaller::try_origin(RuntimeOrigin::root()).is_err());
		assert!(EnsureWhitelistedCaller::try_origin(RuntimeOrigin::signed(1)).is_err());
		assert!(EnsureWhitelistedCaller::try_origin(RuntimeOrigin::from(RawOrigin::None)).is_err());
	});
}
