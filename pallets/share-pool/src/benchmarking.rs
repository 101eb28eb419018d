//! Benchmarks of the share pool.
//!
//! The tree's work grows with the logarithm of its slots, so the benchmarks make, straight
//! in storage, trees as deep as any can be: for `settle`, 2³¹ − 1 slots of which only the
//! first ones hold shares (only the nodes covering them are written), so that each draw and
//! each removal walks 31 levels and the first purchase entering reads 31 nodes; for
//! `buy_shares`, 2³² − 1 empty slots, whose total takes 32 node reads. `settle` is measured
//! at its worst but for its queues: the parent's three drawn shares each voted with a valid
//! signature (three sr25519 verifications), three payouts (through a StakingNode, with its
//! fee) and three missed releases due, `e` purchases expiring and `n` entering the pool,
//! all paid back to accounts; a private purchase's note is charged apart
//! ([`crate::Config::NotePayer`]'s weight each).

use super::*;
use crate::{tree::share_tree, MaxDrawn};
use alloc::{boxed::Box, vec::Vec};
use codec::Encode;
use polkadot_sdk::{
	frame_benchmarking::v2::*,
	frame_support::traits::{fungible::Mutate, Get, Hooks},
	frame_system::{self, pallet_prelude::*, RawOrigin},
	sp_core::{crypto::KeyTypeId, H256},
	sp_io::crypto::{sr25519_generate, sr25519_sign},
	sp_runtime::{
		traits::{Header as _, One},
		BoundedVec, DigestItem,
	},
};
use sero_consensus_primitives::{vote_message, Seal, Vote, POW_ENGINE_ID};
use sero_share_pool::{nodes::StakingNodes as _, SERO};

/// The shares of the benchmarks' pool.
const SHARES: u64 = 1_000;

/// The keystore key type of the benchmarks' vote key.
const KEY_TYPE: KeyTypeId = KeyTypeId(*b"bnch");

/// A fresh account with SERO to buy shares.
fn funded<T: Config>(index: u32) -> T::AccountId {
	let who: T::AccountId = account("buyer", index, 0);
	T::Currency::mint_into(&who, 1_000_000 * SERO).expect("a benchmark account can be credited");
	who
}

/// A purchase of `count` shares by a fresh account, voted for by `voter`: its number.
fn buy<T: Config>(index: u32, count: u32, voter: Voter) -> PurchaseId {
	let id = NextPurchase::<T>::get();
	Pallet::<T>::buy_shares(
		RawOrigin::Signed(funded::<T>(index)).into(),
		count,
		voter,
		10_000,
		Balance::MAX,
	)
	.expect("the buyer can pay");
	id
}

/// Puts the shares of purchase `id` into slot `slot` of the tree, written straight in
/// storage (the purchase is bought, not entered).
fn place<T: Config>(id: PurchaseId, slot: u32, shares: u64) {
	share_tree::<T>().add(slot, shares).expect("the slot exists");
	SlotPurchases::<T>::insert(slot, id);
	Purchases::<T>::mutate(id, |purchase| {
		if let Some(purchase) = purchase {
			purchase.slot = Some(slot);
		}
	});
}

/// The sealed header of block `number`, carrying a vote of `key` for each of its drawn
/// positions.
fn sealed_parent<T: Config>(number: BlockNumberFor<T>, key: &VoteKey) -> HeaderFor<T> {
	let mut header = HeaderFor::<T>::new(
		number,
		Default::default(),
		Default::default(),
		H256::repeat_byte(1),
		Default::default(),
	);
	let pre_hash = header.hash();
	let Seal::V1(mut seal) = Seal::new(7, H256::repeat_byte(2));
	let seed = Seal::V1(seal.clone()).draw_seed(&pre_hash);
	let public = polkadot_sdk::sp_core::sr25519::Public::from_raw(*key);
	let votes: Vec<Vote> = (0..sero_share_pool::SHARES_DRAWN_PER_BLOCK)
		.map(|position| Vote {
			position,
			signature: sr25519_sign(KEY_TYPE, &public, &vote_message(&pre_hash, &seed, position))
				.expect("the benchmark key signs")
				.0,
		})
		.collect();
	seal.votes = votes.try_into().expect("three votes");
	header.digest_mut().push(DigestItem::Seal(POW_ENGINE_ID, Seal::V1(seal).encode()));
	header
}

/// Three payouts of purchase `id`, with a reward and its StakingNode's fee, or without.
fn due<T: Config>(id: PurchaseId, reward: Balance) -> BoundedVec<Payout, MaxDrawn> {
	let principal = Purchases::<T>::get(id).map_or(SERO, |purchase| purchase.price_each);
	let fee = reward / 3;
	alloc::vec![Payout { purchase: id, principal, reward, fee }; 3]
		.try_into()
		.expect("three payouts")
}

#[benchmarks]
mod benchmarks {
	use super::*;

	/// A purchase of 1,000 shares into a tree of 2³² − 1 (empty) slots, with the queue one
	/// short of full.
	#[benchmark]
	fn buy_shares() {
		TreeSlots::<T>::put(u32::MAX);
		for id in 0..T::MaxPending::get().saturating_sub(1) {
			Pending::<T>::try_append(u64::from(id) + 1_000).expect("room in the queue");
		}
		let buyer = funded::<T>(1);
		// Through a StakingNode: the purchase reads and writes its record too.
		let node = T::StakingNodes::register_for_benchmark([7; 32], 3_000);

		#[extrinsic_call]
		_(RawOrigin::Signed(buyer.clone()), 1_000, Voter::Node(node), 3_000, Balance::MAX);

		assert_eq!(
			Purchases::<T>::get(NextPurchase::<T>::get() - 1).unwrap().owner,
			Owner::Account(buyer)
		);
	}

	/// The inherent, `n` purchases entering the pool and `e` expiring, besides the parent's
	/// three voted shares, three payouts and three missed releases.
	#[benchmark]
	fn settle(
		n: Linear<0, { T::MaxEnterPerBlock::get() }>,
		e: Linear<0, { T::MaxEnterPerBlock::get() }>,
	) {
		let key = sr25519_generate(KEY_TYPE, None).0;
		// Every purchase through a StakingNode with a fee: a payout then also gives the
		// share back to the node, looks its operator up and mints the fee.
		let node = Voter::Node(T::StakingNodes::register_for_benchmark(key, 3_000));
		let expiry = Parameters::<T>::get().expiry;
		let now = expiry + 10u32.into();
		// The pool: a deep tree whose slot 0 holds purchase 0's shares, whose hold pays the
		// payouts, and whose slots 1 to `e` hold a share each of the purchases expiring at
		// `now`, low in the tree so that their removal walks it all.
		frame_system::Pallet::<T>::set_block_number(One::one());
		TreeSlots::<T>::put(u32::MAX >> 1);
		let holder = buy::<T>(0, SHARES as u32, node);
		place::<T>(holder, 0, SHARES);
		let mut expiring = BoundedVec::<PurchaseId, T::MaxEnterPerBlock>::new();
		for i in 0..e {
			let id = buy::<T>(1 + i, 1, node);
			place::<T>(id, 1 + i, 1);
			expiring.try_push(id).expect("at most the bound");
		}
		Expiries::<T>::insert(now, expiring);
		Pending::<T>::kill();
		PendingShares::<T>::kill();
		// `n` purchases bought in the parent, entering at `now`.
		frame_system::Pallet::<T>::set_block_number(now - One::one());
		for i in 0..n {
			buy::<T>(1_000 + i, 1, node);
		}
		Payouts::<T>::insert(now, due::<T>(holder, SERO));
		MissedReleases::<T>::insert(now, due::<T>(holder, 0));
		let parent = sealed_parent::<T>(now - One::one(), &key);
		frame_system::Pallet::<T>::initialize(&now, &parent.hash(), &Default::default());

		#[extrinsic_call]
		_(RawOrigin::None, Box::new(parent));

		assert_eq!(MissedDraws::<T>::get(now - One::one()), Some(0), "all three voted");
		assert!(Pending::<T>::get().is_empty());
		assert!(!Expiries::<T>::contains_key(now));
		assert_eq!(Payouts::<T>::get(now + Parameters::<T>::get().payout_period).len(), 3);
	}

	/// The end of a block: the inherent's marker taken.
	#[benchmark]
	fn on_finalize() {
		Settled::<T>::put(true);

		#[block]
		{
			Pallet::<T>::on_finalize(One::one());
		}

		assert!(!Settled::<T>::get());
	}

	impl_benchmark_test_suite!(Pallet, crate::mock::new_test_ext(), crate::mock::Test);
}
