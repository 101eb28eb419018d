//! Benchmarks of the shielded pool, replaying the proofs of `fixtures/benchmark.scale`.
//!
//! Every transaction benchmark runs the whole call, proofs and signatures included, with
//! inputs and outputs up to the bound of 16 each; the unsigned ones as an imported block
//! runs them, `pre_dispatch` (which checks the transaction and defers its proofs to the
//! block's batch, [`crate::deferral`]) and then the call; the batch is
//! `verify_deferred_proofs`. The benchmarks that touch `DeferredProofs` charge the proof
//! size of what they read of it as measured: its bound (a block's most transactions, each
//! with the most proofs, 17 MB) is far above what one call touches.

use super::*;
use crate::{
	benchmark_fixture::{Fixture, INPUT_KEY, INPUT_VALUE},
	types::{Circuit, FrontierState, RootInfo, VerifyingKeyBytes},
};
use alloc::{boxed::Box, vec};
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::{pallet_prelude::*, traits::fungible},
	frame_system::{self, pallet_prelude::BlockNumberFor, RawOrigin},
};
use sero_crypto::asset::AssetId;
use sero_shielded_primitives::{Leaf, Transparent, MAX_INPUTS, MAX_OUTPUTS};

/// The installed fixture.
fn spendable<T: Config>() -> Fixture {
	let fixture = Fixture::load();
	fixture.install::<T>();
	fixture
}

fn funded<T: Config>(name: &'static str) -> T::AccountId {
	let who: T::AccountId = account(name, 0, 0);
	<T::Currency as fungible::Mutate<T::AccountId>>::mint_into(&who, INPUT_VALUE)
		.expect("a benchmark account can be credited");
	who
}

/// What an imported block does with an unsigned shielded call: `pre_dispatch` (which checks
/// it and defers its proofs), then the call.
#[allow(deprecated)]
fn in_block<T: Config>(call: Call<T>) -> Result<(), BenchmarkError> {
	use polkadot_sdk::{
		frame_support::traits::UnfilteredDispatchable, sp_runtime::traits::ValidateUnsigned,
	};
	deferral::while_importing(|| {
		Pallet::<T>::pre_dispatch(&call)?;
		call.dispatch_bypass_filter(RawOrigin::None.into())?;
		Ok(())
	})
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A private transfer of `i` notes into `o` notes, as a block runs it.
	#[benchmark(pov_mode = MaxEncodedLen { Shielded::DeferredProofs: Measured })]
	fn transact(i: Linear<1, MAX_INPUTS>, o: Linear<0, MAX_OUTPUTS>) -> Result<(), BenchmarkError> {
		let fixture = spendable::<T>();
		let tx = fixture.transaction::<T::AccountId>(i, o, None);
		let nil = tx.body.inputs[0].nil;
		let call = Call::<T>::transact { tx: Box::new(tx) };

		#[block]
		{
			in_block::<T>(call)?;
		}

		assert!(Nullifiers::<T>::contains_key(nil));
		assert_eq!(Frontier::<T>::get().size, fixture.leaves.len() as u64 + o as u64);
		assert_eq!(DeferredProofs::<T>::get().len(), 1);
		Ok(())
	}

	/// A block's batch of `p` deferred proofs (a transaction's: half of them inputs', the
	/// other outputs'), verified as `on_finalize` verifies them.
	#[benchmark(pov_mode = MaxEncodedLen { Shielded::DeferredProofs: Measured })]
	fn verify_deferred_proofs(
		p: Linear<1, { MAX_INPUTS + MAX_OUTPUTS }>,
	) -> Result<(), BenchmarkError> {
		let fixture = spendable::<T>();
		let tx = fixture.transaction::<T::AccountId>(p.div_ceil(2), p / 2, None);
		in_block::<T>(Call::<T>::transact { tx: Box::new(tx) })?;
		assert_eq!(DeferredProofs::<T>::get().len(), 1);

		#[block]
		{
			Pallet::<T>::verify_deferred_proofs();
		}

		assert!(DeferredProofs::<T>::get().is_empty());
		Ok(())
	}

	/// `o` notes shielded from an account.
	#[benchmark]
	fn shield(o: Linear<1, MAX_OUTPUTS>) {
		let fixture = spendable::<T>();
		let from = funded::<T>("shielder");
		let value = benchmark_fixture::OUTPUT_VALUE * o as u128;
		let transparent =
			Transparent::In { from: from.clone(), asset: AssetId::native().into(), value };
		let tx = fixture.transaction(0, o, Some(transparent));

		#[extrinsic_call]
		_(RawOrigin::Signed(from), Box::new(tx));

		assert_eq!(Frontier::<T>::get().size, fixture.leaves.len() as u64 + o as u64);
	}

	/// `i` notes spent, half a SERO paid to an account, `o` notes of change, as a block
	/// runs it.
	#[benchmark(pov_mode = MaxEncodedLen { Shielded::DeferredProofs: Measured })]
	fn unshield(i: Linear<1, MAX_INPUTS>, o: Linear<0, MAX_OUTPUTS>) -> Result<(), BenchmarkError> {
		let fixture = spendable::<T>();
		let to: T::AccountId = account("receiver", 0, 0);
		let value = INPUT_VALUE / 2;
		let transparent =
			Transparent::Out { to: to.clone(), asset: AssetId::native().into(), value };
		let tx = fixture.transaction(i, o, Some(transparent));
		let call = Call::<T>::unshield { tx: Box::new(tx) };

		#[block]
		{
			in_block::<T>(call)?;
		}

		assert_eq!(<T::Currency as fungible::Inspect<T::AccountId>>::balance(&to), value);
		Ok(())
	}

	#[benchmark(pov_mode = MaxEncodedLen { Shielded::DeferredProofs: Measured })]
	fn set_verifying_key() {
		let key = VerifyingKeyBytes::truncate_from(INPUT_KEY.to_vec());

		#[extrinsic_call]
		_(RawOrigin::Root, Circuit::Input, key.clone());

		assert_eq!(VerifyingKeys::<T>::get(Circuit::Input), Some(key));
	}

	/// The longest name: hashing to the curve costs the same for any, reading it does not.
	#[benchmark]
	fn register_token() {
		let name = BoundedVec::truncate_from(vec![b'T'; 32]);

		#[extrinsic_call]
		_(RawOrigin::Root, name, 1);

		assert!(TokenAssets::<T>::contains_key(1));
	}

	/// A note paid by the runtime, appended where it completes 31 subtrees (the most any
	/// append hashes but the tree's very last leaf): its PKr checked, its commitment,
	/// encryption and leaf computed, 31 nodes written.
	#[benchmark]
	fn pay_into_note() {
		use sero_crypto::keys::{Seed, SpendingKey};
		let filled = BoundedVec::truncate_from(vec![[1u8; 32]; 31]);
		Frontier::<T>::put(FrontierState { size: (1 << 31) - 1, filled });
		let pkr = SpendingKey::from_seed(&Seed::from_bytes([5; 32]))
			.public_key()
			.one_time_address_with(&sero_crypto::Scalar::from(7u64))
			.to_bytes();
		let credit = <T::Currency as fungible::Balanced<T::AccountId>>::issue(INPUT_VALUE);
		let position;

		#[block]
		{
			position = Pallet::<T>::pay_into_note(&pkr, credit, [0; 64])
				.map_err(|(_, e)| polkadot_sdk::sp_runtime::DispatchError::from(e));
		}

		assert_eq!(position, Ok((1 << 31) - 1));
		assert_eq!(Frontier::<T>::get().filled.len(), 32);
	}

	/// The most work a block's end does: a new root to compute, an old one to expire.
	#[benchmark(pov_mode = MaxEncodedLen { Shielded::DeferredProofs: Measured })]
	fn on_finalize() {
		let window = T::AnchorWindow::get();
		let expired: BlockNumberFor<T> = 1u32.into();
		let now = expired + window;
		frame_system::Pallet::<T>::set_block_number(now);
		let old = Pallet::<T>::compute_root();
		Roots::<T>::insert(old, RootInfo { block: expired, size: 0 });
		RootsByBlock::<T>::insert(expired, old);
		Pallet::<T>::append_leaf(Leaf([7; 32])).expect("the tree has room");

		#[block]
		{
			Pallet::<T>::on_finalize(now);
		}

		assert!(!Roots::<T>::contains_key(old));
		assert_eq!(CurrentRoot::<T>::get().map(|(_, size)| size), Some(1));
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
