//! Benchmarks of the StakingNodes: each call at its most work (the longest name; a close
//! that finishes the node and releases its stake).

use super::*;
use alloc::{vec, vec::Vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate, Get},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
	sp_runtime::traits::One,
};
use sero_share_pool::{reward::MAX_FEE_BPS, SERO};

/// A fresh operator with SERO for any stake.
fn funded<T: Config>() -> T::AccountId
where
	T::Currency: Mutate<T::AccountId>,
{
	let who: T::AccountId = account("operator", 0, 0);
	T::Currency::mint_into(&who, 1_000_000 * SERO).expect("a benchmark account can be credited");
	who
}

/// The longest name.
fn longest_name<T: Config>() -> Vec<u8> {
	vec![b'n'; T::MaxNameLength::get() as usize]
}

#[benchmarks(where T::Currency: Mutate<T::AccountId>)]
mod benchmarks {
	use super::*;

	#[benchmark]
	fn register() {
		let operator = funded::<T>();

		#[extrinsic_call]
		_(RawOrigin::Signed(operator.clone()), [7; 32], MAX_FEE_BPS, longest_name::<T>());

		assert_eq!(Nodes::<T>::get(0).expect("registered").operator, operator);
	}

	#[benchmark]
	fn update() {
		let operator = funded::<T>();
		Pallet::<T>::register(
			RawOrigin::Signed(operator.clone()).into(),
			[7; 32],
			3_000,
			vec![b'a'],
		)
		.expect("the operator can pay");

		#[extrinsic_call]
		_(
			RawOrigin::Signed(operator),
			0,
			Some([8; 32]),
			Some(MAX_FEE_BPS),
			Some(longest_name::<T>()),
		);

		assert_eq!(Nodes::<T>::get(0).expect("registered").vote_key, [8; 32]);
	}

	/// A close that finishes the node: none of its shares is out.
	#[benchmark]
	fn close() {
		let operator = funded::<T>();
		frame_system::Pallet::<T>::set_block_number(One::one());
		Pallet::<T>::register(
			RawOrigin::Signed(operator.clone()).into(),
			[7; 32],
			3_000,
			vec![b'a'],
		)
		.expect("the operator can pay");
		let now: BlockNumberFor<T> = Parameters::<T>::get().close_after + One::one();
		frame_system::Pallet::<T>::set_block_number(now);

		#[extrinsic_call]
		_(RawOrigin::Signed(operator), 0);

		assert_eq!(Nodes::<T>::get(0).expect("registered").state, NodeState::Finished(now));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
