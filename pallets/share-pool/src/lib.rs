//! # Share pool pallet
//!
//! ## Overview
//!
//! The proof-of-stake half of SERO's consensus (SPEC §7; docs/CONSENSUS.md, "Proof of
//! stake"). A **share** is bought with SERO at a price that rises with the pool's size;
//! what the buyer pays is held on the buyer's account, never burnt, and comes back as the
//! share's principal. The shares of a purchase wait, *pending*, until the block after
//! their purchase moves them into the pool's tree, from which every block draws the
//! shares that vote for it.
//!
//! ## Terminology
//!
//! - *Purchase*: the shares one `buy_shares` call bought, all at one price (the mean of
//!   their rising prices, [`sero_share_pool::price::quote`]) and with one vote key.
//! - *Slot*: a purchase's place in the tree once its shares are in the pool; slots are
//!   numbered in the order purchases entered and never reused.
//! - *Pool size*: the shares in the tree plus the shares pending, which is what the next
//!   share's price is computed from (so splitting a purchase within a block saves nothing).
//!
//! ## State of the work (issue 13)
//!
//! Built: purchases paid from a transparent account, held under [`HoldReason::Shares`];
//! the pending queue; the tree in storage ([`tree`]); the share pool's inherent,
//! [`Call::settle`], which every block carries: it names the parent block's header (whose
//! seal will carry the votes it settles), expires the shares undrawn for
//! [`PoolParameters::expiry`] blocks (their principal released) and moves pending
//! purchases into the pool. The pool's periods are genesis values ([`PoolParameters`]). To
//! come: the draw's settlement and votes, payouts, purchases paid from the shielded
//! pool, StakingNodes; then the pallet enters the runtime, with the node's inherent data.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod inherent;
pub mod tree;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A purchase's number, in the order purchases were made.
pub type PurchaseId = u64;

/// An sr25519 public key that signs a share's votes.
pub type VoteKey = [u8; 32];

/// A StakingNode's number.
pub type NodeId = u32;

/// An amount of SERO in ta (10⁻¹⁸ SERO).
pub type Balance = sero_share_pool::Balance;

/// The shares of one purchase.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Purchase<AccountId, BlockNumber> {
	/// Who bought them, and whose hold pays their principal back.
	pub owner: AccountId,
	/// The key that signs their votes.
	pub vote_key: VoteKey,
	/// The StakingNode that votes for them, if any.
	pub staking_node: Option<NodeId>,
	/// How many shares were bought.
	pub count: u32,
	/// The price of each, and the principal each pays back.
	pub price_each: Balance,
	/// The block of the purchase.
	pub bought_at: BlockNumber,
	/// The purchase's slot in the tree; `None` while pending.
	pub slot: Option<u32>,
}

/// The share pool's periods and thresholds (SPEC §7): genesis values of each chain, so a
/// development chain can scale them down to minutes.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub struct PoolParameters<BlockNumber> {
	/// Blocks a share stays in the pool undrawn before it expires and its principal comes
	/// back (SERO: 198,720).
	pub expiry: BlockNumber,
	/// Blocks between two payments of voted shares (SERO: 42,336).
	pub payout_period: BlockNumber,
	/// Blocks a missed share's principal stays locked (SERO: 596,160).
	pub missed_lock: BlockNumber,
	/// The pool size from which a block needs two votes (SERO: 20,000 shares).
	pub need_two_votes_from: u64,
}

impl<BlockNumber: From<u32>> Default for PoolParameters<BlockNumber> {
	/// SERO's.
	fn default() -> Self {
		Self {
			expiry: 198_720.into(),
			payout_period: 42_336.into(),
			missed_lock: 596_160.into(),
			need_two_votes_from: 20_000,
		}
	}
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{
		inherent::{InherentError, INHERENT_IDENTIFIER},
		tree,
		weights::WeightInfo,
		Balance, NodeId, PoolParameters, Purchase, PurchaseId, VoteKey,
	};
	use alloc::boxed::Box;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, tokens::Precision},
		},
		frame_system::{self, pallet_prelude::*},
		sp_runtime::traits::{Header as _, Saturating},
	};
	use sero_share_pool::price::{self, PriceError};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the share pool.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// SERO, in which shares are paid and held.
		type Currency: fungible::MutateHold<
			Self::AccountId,
			Reason = Self::RuntimeHoldReason,
			Balance = Balance,
		>;
		/// The runtime's hold reasons, of which [`HoldReason::Shares`] is one.
		type RuntimeHoldReason: From<HoldReason>;
		/// The most purchases that wait to enter the pool at once.
		#[pallet::constant]
		type MaxPending: Get<u32>;
		/// The most pending purchases one block moves into the pool.
		#[pallet::constant]
		type MaxEnterPerBlock: Get<u32>;
		/// Weights of this pallet's work.
		type WeightInfo: WeightInfo;
	}

	/// Why SERO is held by this pallet.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// The principal of shares bought, held until they are paid back.
		Shares,
	}

	/// Every purchase, pending or in the pool.
	#[pallet::storage]
	pub type Purchases<T: Config> =
		StorageMap<_, Twox64Concat, PurchaseId, Purchase<T::AccountId, BlockNumberFor<T>>>;

	/// The number the next purchase gets.
	#[pallet::storage]
	pub type NextPurchase<T: Config> = StorageValue<_, PurchaseId, ValueQuery>;

	/// Purchases waiting to enter the pool, oldest first.
	#[pallet::storage]
	pub type Pending<T: Config> =
		StorageValue<_, BoundedVec<PurchaseId, T::MaxPending>, ValueQuery>;

	/// The shares of the purchases in [`Pending`].
	#[pallet::storage]
	pub type PendingShares<T: Config> = StorageValue<_, u64, ValueQuery>;

	/// The number of slots in the tree.
	#[pallet::storage]
	pub type TreeSlots<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// The tree's Fenwick nodes, from 1 ([`sero_share_pool::draw`]).
	#[pallet::storage]
	pub type TreeNodes<T: Config> = StorageMap<_, Twox64Concat, u32, u64, ValueQuery>;

	/// The purchase each slot holds.
	#[pallet::storage]
	pub type SlotPurchases<T: Config> = StorageMap<_, Twox64Concat, u32, PurchaseId>;

	/// The pool's periods and thresholds.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, PoolParameters<BlockNumberFor<T>>, ValueQuery>;

	/// The purchases whose shares still in the pool expire at a block: those that entered
	/// the pool [`PoolParameters::expiry`] blocks before it.
	#[pallet::storage]
	pub type Expiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<PurchaseId, T::MaxEnterPerBlock>,
		ValueQuery,
	>;

	/// Genesis configuration: the pool's periods and thresholds ([`PoolParameters`]).
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// See [`PoolParameters::expiry`].
		pub expiry: BlockNumberFor<T>,
		/// See [`PoolParameters::payout_period`].
		pub payout_period: BlockNumberFor<T>,
		/// See [`PoolParameters::missed_lock`].
		pub missed_lock: BlockNumberFor<T>,
		/// See [`PoolParameters::need_two_votes_from`].
		pub need_two_votes_from: u64,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// SERO's parameters.
		fn default() -> Self {
			let PoolParameters { expiry, payout_period, missed_lock, need_two_votes_from } =
				PoolParameters::default();
			Self { expiry, payout_period, missed_lock, need_two_votes_from }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Parameters::<T>::put(PoolParameters {
				expiry: self.expiry,
				payout_period: self.payout_period,
				missed_lock: self.missed_lock,
				need_two_votes_from: self.need_two_votes_from,
			});
		}
	}

	/// Whether this block's inherent ran; taken at the block's end.
	#[pallet::storage]
	pub type Settled<T: Config> = StorageValue<_, bool, ValueQuery>;

	/// Events of the share pool.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// Shares were bought; they enter the pool in the next block.
		SharesBought {
			/// The purchase.
			id: PurchaseId,
			/// The buyer.
			owner: T::AccountId,
			/// How many shares.
			count: u32,
			/// The price of each.
			price_each: Balance,
		},
		/// A purchase's shares entered the pool.
		SharesEntered {
			/// The purchase.
			id: PurchaseId,
			/// Its slot in the tree.
			slot: u32,
		},
		/// A purchase's shares still in the pool expired undrawn; their principal is no
		/// longer held.
		SharesExpired {
			/// The purchase.
			id: PurchaseId,
			/// How many shares expired.
			count: u64,
			/// The principal released.
			principal: Balance,
		},
	}

	/// Errors of the share pool.
	#[pallet::error]
	pub enum Error<T> {
		/// A purchase of no shares.
		NoShares,
		/// More than 1,000 shares in one purchase.
		TooManyShares,
		/// The shares cost more than the buyer offered.
		PriceAboveLimit,
		/// The buyer cannot pay the shares' price (it would have to come from funds that are
		/// held, frozen or needed to keep the account alive).
		CannotAfford,
		/// As many purchases as the queue holds are waiting to enter the pool; try again in
		/// the next block.
		TooManyPending,
		/// No StakingNode has this number.
		UnknownStakingNode,
		/// The inherent names a header that is not the parent block's.
		NotTheParent,
		/// The block carries the inherent twice.
		AlreadySettled,
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::WeightInfo::on_finalize()
		}

		/// Fails the block unless it carried the inherent: the node may import a block
		/// without asking the runtime whether an inherent is required.
		fn on_finalize(_n: BlockNumberFor<T>) {
			assert!(Settled::<T>::take(), "every block carries the share pool's inherent");
		}
	}

	impl<T> From<PriceError> for Error<T> {
		fn from(error: PriceError) -> Self {
			match error {
				PriceError::NoShares => Error::NoShares,
				PriceError::TooManyShares => Error::TooManyShares,
			}
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Buys `count` shares (at most 1,000) whose votes `vote_key` signs, directly or,
		/// with `staking_node`, through that StakingNode; they cost at most `max_total`,
		/// which is held on the signer's account. The shares enter the pool in the next block.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::buy_shares())]
		pub fn buy_shares(
			origin: OriginFor<T>,
			count: u32,
			vote_key: VoteKey,
			staking_node: Option<NodeId>,
			#[pallet::compact] max_total: Balance,
		) -> DispatchResult {
			use fungible::MutateHold;
			let owner = ensure_signed(origin)?;
			// StakingNodes are not registered yet (issue 13): no number names one.
			ensure!(staking_node.is_none(), Error::<T>::UnknownStakingNode);
			let purchase = price::quote(Self::pool_size(), count).map_err(Error::<T>::from)?;
			let total = purchase.total();
			ensure!(total <= max_total, Error::<T>::PriceAboveLimit);
			let id = NextPurchase::<T>::get();
			Pending::<T>::try_append(id).map_err(|_| Error::<T>::TooManyPending)?;
			T::Currency::hold(&HoldReason::Shares.into(), &owner, total)
				.map_err(|_| Error::<T>::CannotAfford)?;
			PendingShares::<T>::mutate(|pending| *pending = pending.saturating_add(count.into()));
			NextPurchase::<T>::put(id.saturating_add(1));
			Purchases::<T>::insert(
				id,
				Purchase {
					owner: owner.clone(),
					vote_key,
					staking_node,
					count,
					price_each: purchase.price_each,
					bought_at: frame_system::Pallet::<T>::block_number(),
					slot: None,
				},
			);
			Self::deposit_event(Event::SharesBought {
				id,
				owner,
				count,
				price_each: purchase.price_each,
			});
			Ok(())
		}

		/// The share pool's inherent, in every block: `parent` is the parent block's header,
		/// sealed. Expires the shares due to expire at this block, then moves up to
		/// [`Config::MaxEnterPerBlock`] pending purchases into the pool.
		#[pallet::call_index(1)]
		#[pallet::weight((
			T::WeightInfo::settle(T::MaxEnterPerBlock::get(), T::MaxEnterPerBlock::get()),
			DispatchClass::Mandatory
		))]
		pub fn settle(
			origin: OriginFor<T>,
			parent: Box<HeaderFor<T>>,
		) -> DispatchResultWithPostInfo {
			ensure_none(origin)?;
			ensure!(!Settled::<T>::get(), Error::<T>::AlreadySettled);
			ensure!(
				parent.hash() == frame_system::Pallet::<T>::parent_hash(),
				Error::<T>::NotTheParent
			);
			Settled::<T>::put(true);
			let expired = Self::expire(frame_system::Pallet::<T>::block_number());
			let entered = Self::enter_pending();
			// What the block pays for: the declared weight is the most this can do.
			Ok(Some(T::WeightInfo::settle(entered, expired)).into())
		}
	}

	#[pallet::inherent]
	impl<T: Config> ProvideInherent for Pallet<T> {
		type Call = Call<T>;
		type Error = InherentError;
		const INHERENT_IDENTIFIER: InherentIdentifier = INHERENT_IDENTIFIER;

		fn create_inherent(data: &InherentData) -> Option<Self::Call> {
			let parent: HeaderFor<T> = data.get_data(&INHERENT_IDENTIFIER).ok().flatten()?;
			Some(Call::settle { parent: Box::new(parent) })
		}

		fn is_inherent_required(_: &InherentData) -> Result<Option<Self::Error>, Self::Error> {
			Ok(Some(InherentError::Missing))
		}

		fn is_inherent(call: &Self::Call) -> bool {
			matches!(call, Call::settle { .. })
		}
	}

	impl<T: Config> Pallet<T> {
		/// The shares in the pool and pending: what the next share's price is computed from.
		pub fn pool_size() -> u64 {
			tree::share_tree::<T>().total().saturating_add(PendingShares::<T>::get())
		}

		/// Moves up to [`Config::MaxEnterPerBlock`] pending purchases, oldest first, into the
		/// tree, each into a new slot, and schedules their expiry; how many left the queue. A
		/// purchase the tree has no room for (2³² slots or 2⁶⁴ shares, beyond any real pool)
		/// stays pending, and so do those after it.
		pub fn enter_pending() -> u32 {
			let max = T::MaxEnterPerBlock::get();
			let mut pending = Pending::<T>::get();
			let mut tree = tree::share_tree::<T>();
			let now = frame_system::Pallet::<T>::block_number();
			let expires_at = now.saturating_add(Parameters::<T>::get().expiry);
			let mut expiring = Expiries::<T>::get(expires_at);
			let mut entered = 0;
			while entered < max as usize && entered < pending.len() {
				let id = pending[entered];
				let Some(mut purchase) = Purchases::<T>::get(id) else {
					// Every pending number names a purchase; one that did not would only block
					// the queue.
					entered += 1;
					continue;
				};
				if expiring.is_full() {
					break;
				}
				let Ok(slot) = tree.push(purchase.count.into()) else { break };
				// Not full, checked above.
				let _ = expiring.try_push(id);
				SlotPurchases::<T>::insert(slot, id);
				purchase.slot = Some(slot);
				PendingShares::<T>::mutate(|shares| {
					*shares = shares.saturating_sub(purchase.count.into())
				});
				Purchases::<T>::insert(id, purchase);
				Self::deposit_event(Event::SharesEntered { id, slot });
				entered += 1;
			}
			// A block where nothing enters writes nothing (no empty expiry list either).
			if entered > 0 {
				pending.drain(..entered);
				Pending::<T>::put(pending);
				Expiries::<T>::insert(expires_at, expiring);
			}
			entered as u32
		}

		/// Takes the shares still in the pool of the purchases that expire at `now` out of
		/// the tree and releases their principal; how many purchases were looked at. Never
		/// fails: a purchase or slot that is not found (which no path creates) is skipped.
		pub fn expire(now: BlockNumberFor<T>) -> u32 {
			use fungible::MutateHold;
			let mut tree = tree::share_tree::<T>();
			let due = Expiries::<T>::take(now);
			let looked_at = due.len() as u32;
			for id in due {
				let Some(purchase) = Purchases::<T>::get(id) else { continue };
				let Some(slot) = purchase.slot else { continue };
				let count = tree.shares_in(slot);
				if count == 0 || tree.remove(slot, count).is_err() {
					continue;
				}
				let principal = purchase.price_each.saturating_mul(count.into());
				let released = T::Currency::release(
					&HoldReason::Shares.into(),
					&purchase.owner,
					principal,
					Precision::BestEffort,
				)
				.unwrap_or_default();
				Self::deposit_event(Event::SharesExpired { id, count, principal: released });
			}
			looked_at
		}
	}
}
