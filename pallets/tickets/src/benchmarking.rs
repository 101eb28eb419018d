//! Benchmarks of the tickets: each call at its most work (the longest names and data).

use super::*;
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::Get,
	frame_system::RawOrigin,
};

/// The longest category name.
fn longest_name() -> Vec<u8> {
	vec![b'A'; sero_shielded_primitives::MAX_ASSET_NAME_BYTES as usize]
}

/// The most data.
fn most_data<T: Config>() -> Vec<u8> {
	vec![7; T::MaxDataBytes::get() as usize]
}

/// A category of `issuer` with the longest name.
fn category_of<T: Config>(issuer: &T::AccountId) -> Vec<u8> {
	Pallet::<T>::register_category(RawOrigin::Signed(issuer.clone()).into(), longest_name())
		.expect("a new category");
	longest_name()
}

#[benchmarks]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register_category() {
		let issuer: T::AccountId = whitelisted_caller();

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer.clone()), longest_name());

		assert_eq!(Pallet::<T>::category(longest_name()).expect("registered").issuer, issuer);
	}

	#[benchmark]
	fn allot() {
		let issuer: T::AccountId = whitelisted_caller();
		let category = category_of::<T>(&issuer);

		#[extrinsic_call]
		_(
			RawOrigin::Signed(issuer),
			category.clone(),
			[7; 32],
			T::BenchmarkPkr::get(),
			most_data::<T>(),
		);

		assert_eq!(Pallet::<T>::category(category).expect("registered").allotted, 1);
	}

	#[benchmark]
	fn set_data() {
		let issuer: T::AccountId = whitelisted_caller();
		let category = category_of::<T>(&issuer);
		Pallet::<T>::allot(
			RawOrigin::Signed(issuer.clone()).into(),
			category.clone(),
			[7; 32],
			T::BenchmarkPkr::get(),
			Vec::new(),
		)
		.expect("allotted");

		#[extrinsic_call]
		_(RawOrigin::Signed(issuer), category.clone(), [7; 32], most_data::<T>());

		let id = Pallet::<T>::ticket_id(&category, &[7; 32]).expect("a valid category");
		assert_eq!(Pallet::<T>::ticket(id).expect("allotted").data, most_data::<T>());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
