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
//! ## A share's life
//!
//! *Pending* from its purchase until the next block moves it into the tree; *InPool* until a
//! block draws it (three shares per block, from the block's sealed proof of work) or it
//! expires undrawn ([`PoolParameters::expiry`] blocks after entering: its principal is
//! released at once). A drawn share is settled by the next block, whose inherent,
//! [`Call::settle`], carries the drawn block's sealed header: *Voted* if the seal carries its
//! vote (its principal and reward are paid [`PoolParameters::payout_period`] blocks later),
//! *Missed* otherwise (its principal is released [`PoolParameters::missed_lock`] blocks
//! later, without reward). The node checks a block's votes before importing it through
//! [`Pallet::check_votes`], which runs the same bookkeeping and draw at the parent's state;
//! NeedTwoVote ([`Pallet::need_two_votes`]) decides whether a block needs two votes.
//!
//! ## StakingNodes
//!
//! A purchase names its voter ([`Voter`]): its own vote key, or a StakingNode
//! (`pallet-staking-nodes`, through [`Config::StakingNodes`]) whose key at the draw signs
//! for it. A node's shares earn a node vote's reward, of which the node keeps the fee it
//! charged when they were bought; a solo share earns 3/4 of a node vote
//! ([`sero_share_pool::reward`]). The registry counts a node's shares until their principal
//! is paid back, so a closed node gets its stake back when the last one is.
//!
//! ## Private purchases
//!
//! Shares may be bought from the shielded pool ([`private`]): a shielded transaction pays
//! the price to this pallet with a [`Command`], from a one-time address (its signed
//! `From`), which owns the purchase ([`Owner::Note`]). The principal is held on the
//! pallet's own account; the change, and each share's principal and reward when paid back,
//! go into new notes for that address, so the holder never reveals an account.
//!
//! ## State of the work (issue 13)
//!
//! Built: purchases paid from a transparent account, held under [`HoldReason::Shares`], or
//! from the shielded pool; the pending queue; the tree in storage ([`tree`]); the inherent;
//! the draw's settlement, votes, rewards, payouts and the missed lock; the missed-draw
//! window and NeedTwoVote; StakingNodes. The pool's periods are genesis values
//! ([`PoolParameters`]). To come: late votes.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod inherent;
pub mod private;
pub mod runtime_api;
pub mod tree;
pub mod votes;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A purchase's number, in the order purchases were made.
pub type PurchaseId = u64;

pub use sero_share_pool::nodes::{NodeId, VoteKey};

/// An amount of SERO in ta (10⁻¹⁸ SERO).
pub type Balance = sero_share_pool::Balance;

/// Who votes for a purchase's shares.
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
pub enum Voter {
	/// The holder, with this key: a solo vote, 3/4 of a node vote's reward.
	Solo(VoteKey),
	/// This StakingNode, with its vote key at the draw, for its fee.
	Node(NodeId),
}

/// Who owns a purchase: whose principal is held, and who is paid back.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub enum Owner<AccountId> {
	/// A transparent account, on which the principal is held.
	Account(AccountId),
	/// A one-time address (the `From` of the shielded transaction that paid): the principal
	/// is held on the pallet's account, and paid back with the reward into notes for it.
	Note(sero_shielded_primitives::PkrBytes),
}

#[cfg(feature = "std")]
impl Owner<polkadot_sdk::sp_core::crypto::AccountId32> {
	/// The owner as RPC and wallets write it: an SS58 account, or a one-time address in hex
	/// (`0x`, 192 digits).
	pub fn to_text(&self) -> String {
		use polkadot_sdk::sp_core::crypto::Ss58Codec;
		match self {
			Owner::Account(account) => account.to_ss58check(),
			Owner::Note(pkr) => {
				format!("0x{}", polkadot_sdk::sp_core::hexdisplay::HexDisplay::from(pkr))
			},
		}
	}

	/// Reads an owner written as [`Self::to_text`] writes it.
	pub fn from_text(text: &str) -> Result<Self, String> {
		use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
		if text.starts_with("0x") {
			let bytes = polkadot_sdk::sp_core::bytes::from_hex(text)
				.map_err(|e| format!("{text:?}: {e}"))?;
			let pkr = bytes
				.try_into()
				.map_err(|_| format!("{text:?}: a one-time address is 96 bytes"))?;
			return Ok(Owner::Note(pkr));
		}
		AccountId32::from_ss58check(text)
			.map(Owner::Account)
			.map_err(|e| format!("{text:?} is not an SS58 address: {e:?}"))
	}
}

/// What a shielded transaction asks of the share pool ([`private`]), SCALE-encoded in its
/// public output's command.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub enum Command {
	/// Buys `count` shares voted for by `voter` with the value paid, at most; the change goes
	/// back into a note for `From`.
	BuyShares {
		/// How many shares (at most 1,000).
		count: u32,
		/// Who votes for them.
		voter: Voter,
		/// The highest StakingNode fee the buyer accepts, in basis points.
		max_fee_bps: u16,
	},
}

/// What a buyer accepts to pay: the most in all, and the highest StakingNode fee.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Offer {
	/// The highest fee, in basis points of a vote's reward (ignored for solo shares).
	pub max_fee_bps: u16,
	/// The most the shares may cost in all.
	pub max_total: Balance,
}

/// The shares of one purchase.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Purchase<AccountId, BlockNumber> {
	/// Who bought them, and who is paid back.
	pub owner: Owner<AccountId>,
	/// Who votes for them.
	pub voter: Voter,
	/// The StakingNode's fee when they were bought, in basis points of a vote's reward; zero
	/// for solo shares.
	pub fee_bps: u16,
	/// How many shares were bought.
	pub count: u32,
	/// The price of each, and the principal each pays back.
	pub price_each: Balance,
	/// The block of the purchase.
	pub bought_at: BlockNumber,
	/// The purchase's slot in the tree; `None` while pending.
	pub slot: Option<u32>,
	/// How many of its shares were drawn and voted.
	pub voted: u32,
	/// How many were drawn and missed their vote.
	pub missed: u32,
	/// How many expired undrawn (their principal is released as they expire).
	pub expired: u32,
	/// How many of the voted and missed ones were paid back: principal, and reward if voted.
	pub paid: u32,
}

/// What a settled share pays back at a block: its principal, and for a vote its reward.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Payout {
	/// The purchase the share belongs to.
	pub purchase: PurchaseId,
	/// The principal released from the hold.
	pub principal: Balance,
	/// The reward minted to the holder; zero for a missed share.
	pub reward: Balance,
	/// The fee minted to the share's StakingNode's operator; zero for a solo or missed share.
	pub fee: Balance,
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
	/// The blocks over which missed draws are counted for NeedTwoVote (SERO: 6,048).
	pub miss_window: BlockNumber,
}

impl<BlockNumber: From<u32>> Default for PoolParameters<BlockNumber> {
	/// SERO's.
	fn default() -> Self {
		Self {
			expiry: 198_720.into(),
			payout_period: 42_336.into(),
			missed_lock: 596_160.into(),
			need_two_votes_from: 20_000,
			miss_window: 6_048.into(),
		}
	}
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{
		inherent::{InherentError, INHERENT_IDENTIFIER},
		runtime_api, tree, votes,
		weights::WeightInfo,
		Balance, Offer, Owner, Payout, PoolParameters, Purchase, PurchaseId, VoteKey, Voter,
	};
	use alloc::{boxed::Box, vec::Vec};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, tokens::Precision},
			PalletId,
		},
		frame_system::{self, pallet_prelude::*},
		sp_core::H256,
		sp_runtime::traits::{
			AccountIdConversion, CheckedSub, Convert, Header as _, One, Saturating,
			UniqueSaturatedInto,
		},
	};
	use sero_consensus_primitives::{Seal, VoteError};
	use sero_share_pool::{
		nodes::{DelegationError, StakingNodes},
		price::{self, PriceError},
		reward, SHARES_DRAWN_PER_BLOCK,
	};
	use sero_shielded_primitives::note_payer::NotePayer;

	/// The bound of the per-block lists of settled shares: the shares one block draws.
	pub type MaxDrawn = ConstU32<{ SHARES_DRAWN_PER_BLOCK as u32 }>;

	/// A purchase, as stored.
	pub type PurchaseOf<T> = Purchase<<T as frame_system::Config>::AccountId, BlockNumberFor<T>>;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the share pool.
	#[pallet::config]
	pub trait Config:
		polkadot_sdk::frame_system::Config<Hash = H256, RuntimeEvent: From<Event<Self>>>
	{
		/// SERO, in which shares are paid and held, and rewards minted.
		type Currency: fungible::MutateHold<
				Self::AccountId,
				Reason = Self::RuntimeHoldReason,
				Balance = Balance,
			> + fungible::Mutate<Self::AccountId, Balance = Balance>
			+ fungible::Balanced<Self::AccountId>;
		/// Pays private purchases' change, principal and rewards into shielded notes.
		type NotePayer: NotePayer<Self::AccountId, Self::Currency>;
		/// Derives the account that holds private purchases' principal.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// How many times the PoW reward has halved at a block: the PoS reward halves with it.
		type Halvings: Convert<BlockNumberFor<Self>, u32>;
		/// The StakingNodes purchases may name as their voter.
		type StakingNodes: StakingNodes<Self::AccountId, BlockNumberFor<Self>>;
		/// The runtime's hold reasons, of which [`HoldReason::Shares`] is one.
		type RuntimeHoldReason: From<HoldReason>;
		/// The most purchases that wait to enter the pool at once.
		#[pallet::constant]
		type MaxPending: Get<u32>;
		/// The most pending purchases one block moves into the pool.
		#[pallet::constant]
		type MaxEnterPerBlock: Get<u32>;
		/// The most private purchases one block moves into the pool, from their own queue:
		/// each may expire into a note, which costs more than an account's release.
		#[pallet::constant]
		type MaxPrivateEnterPerBlock: Get<u32>;
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
	pub type Purchases<T: Config> = StorageMap<_, Twox64Concat, PurchaseId, PurchaseOf<T>>;

	/// The number the next purchase gets.
	#[pallet::storage]
	pub type NextPurchase<T: Config> = StorageValue<_, PurchaseId, ValueQuery>;

	/// Purchases waiting to enter the pool, oldest first.
	#[pallet::storage]
	pub type Pending<T: Config> =
		StorageValue<_, BoundedVec<PurchaseId, T::MaxPending>, ValueQuery>;

	/// Private purchases waiting to enter the pool, oldest first: a queue of their own, so
	/// that their bound per block ([`Config::MaxPrivateEnterPerBlock`]) never holds up the
	/// others.
	#[pallet::storage]
	pub type PendingPrivate<T: Config> =
		StorageValue<_, BoundedVec<PurchaseId, T::MaxPending>, ValueQuery>;

	/// The shares of the purchases in [`Pending`] and [`PendingPrivate`].
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

	/// The private purchases whose shares still in the pool expire at a block (see
	/// [`Expiries`]).
	#[pallet::storage]
	pub type PrivateExpiries<T: Config> = StorageMap<
		_,
		Twox64Concat,
		BlockNumberFor<T>,
		BoundedVec<PurchaseId, T::MaxPrivateEnterPerBlock>,
		ValueQuery,
	>;

	/// Voted shares' principal and reward, due at a block ([`PoolParameters::payout_period`]
	/// after the block that settled them).
	#[pallet::storage]
	pub type Payouts<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<Payout, MaxDrawn>, ValueQuery>;

	/// Missed shares' principal, released at a block ([`PoolParameters::missed_lock`] after
	/// the block that settled them).
	#[pallet::storage]
	pub type MissedReleases<T: Config> =
		StorageMap<_, Twox64Concat, BlockNumberFor<T>, BoundedVec<Payout, MaxDrawn>, ValueQuery>;

	/// The votes each block of the last [`PoolParameters::miss_window`] missed: three less
	/// the valid votes its seal carried (three when it drew nothing).
	#[pallet::storage]
	pub type MissedDraws<T: Config> = StorageMap<_, Twox64Concat, BlockNumberFor<T>, u8>;

	/// The sum of [`MissedDraws`] over the window. The blocks before genesis count as having
	/// missed all three, so NeedTwoVote starts only once voters have voted for most of a
	/// window.
	#[pallet::storage]
	pub type MissedInWindow<T: Config> = StorageValue<_, u32, ValueQuery>;

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
		/// See [`PoolParameters::miss_window`].
		pub miss_window: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// SERO's parameters.
		fn default() -> Self {
			let PoolParameters {
				expiry,
				payout_period,
				missed_lock,
				need_two_votes_from,
				miss_window,
			} = PoolParameters::default();
			Self { expiry, payout_period, missed_lock, need_two_votes_from, miss_window }
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
				miss_window: self.miss_window,
			});
			let window: u32 = self.miss_window.unique_saturated_into();
			MissedInWindow::<T>::put(window.saturating_mul(SHARES_DRAWN_PER_BLOCK.into()));
			// The account holding private purchases' principal exists from the start.
			use fungible::{Inspect, Mutate};
			let account = Pallet::<T>::account();
			let minimum = T::Currency::minimum_balance();
			if T::Currency::balance(&account) < minimum {
				T::Currency::mint_into(&account, minimum)
					.expect("the share pool's account can be endowed at genesis");
			}
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
			owner: Owner<T::AccountId>,
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
		/// A share drawn for `block` voted; its principal and reward are paid later.
		ShareVoted {
			/// The share's purchase.
			id: PurchaseId,
			/// The block it voted for.
			block: BlockNumberFor<T>,
			/// Its holder's reward.
			reward: Balance,
			/// Its StakingNode's fee.
			fee: Balance,
		},
		/// A share drawn for `block` missed its vote; its principal is released later.
		ShareMissed {
			/// The share's purchase.
			id: PurchaseId,
			/// The block it was drawn for.
			block: BlockNumberFor<T>,
		},
		/// A private purchase's change, or a share's principal and reward, was paid into a
		/// note for the purchase's one-time address.
		PaidIntoNote {
			/// The purchase.
			id: PurchaseId,
			/// The amount.
			value: Balance,
			/// The note's position in the shielded pool's tree.
			position: u64,
		},
		/// A settled share's principal was released and its reward and fee, if any, minted.
		SharePaid {
			/// The share's purchase.
			id: PurchaseId,
			/// The principal released.
			principal: Balance,
			/// The reward minted to the holder.
			reward: Balance,
			/// The fee minted to the StakingNode's operator.
			fee: Balance,
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
		/// The StakingNode is closed: it takes no new shares.
		StakingNodeClosed,
		/// A solo purchase names a StakingNode's vote key: buy through the node instead.
		VoteKeyOfANode,
		/// The StakingNode charges a higher fee than the buyer accepts.
		FeeAboveLimit,
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

	impl<T> From<DelegationError> for Error<T> {
		fn from(error: DelegationError) -> Self {
			match error {
				DelegationError::UnknownNode => Error::UnknownStakingNode,
				DelegationError::NodeClosed => Error::StakingNodeClosed,
			}
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
		/// Buys `count` shares (at most 1,000) voted for by `voter`: a vote key of the
		/// buyer's, or an open StakingNode charging at most `max_fee_bps` (the operator may
		/// have raised its fee since the buyer looked); they cost at most `max_total`, which
		/// is held on the signer's account. The shares enter the pool in the next block.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::buy_shares())]
		pub fn buy_shares(
			origin: OriginFor<T>,
			count: u32,
			voter: Voter,
			max_fee_bps: u16,
			#[pallet::compact] max_total: Balance,
		) -> DispatchResult {
			use fungible::MutateHold;
			let owner = ensure_signed(origin)?;
			let offer = Offer { max_fee_bps, max_total };
			Self::buy(Owner::Account(owner.clone()), count, voter, offer, |total| {
				T::Currency::hold(&HoldReason::Shares.into(), &owner, total)
					.map_err(|_| Error::<T>::CannotAfford)
			})?;
			Ok(())
		}

		/// The share pool's inherent, in every block: `parent` is the parent block's header,
		/// sealed. Settles the parent's draw from its seal's votes, pays what is due, expires
		/// the shares due to expire at this block, then moves up to
		/// [`Config::MaxEnterPerBlock`] pending purchases into the pool.
		#[pallet::call_index(1)]
		#[pallet::weight((Pallet::<T>::max_settle_weight(), DispatchClass::Mandatory))]
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
			let (entered, expired, notes) =
				Self::bookkeeping(frame_system::Pallet::<T>::block_number(), &parent);
			// What the block pays for: the declared weight is the most this can do.
			Ok(Some(Self::settle_weight(entered, expired, notes)).into())
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
		/// The account holding private purchases' principal.
		pub fn account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// A purchase by `owner` of `count` shares voted for by `voter`, within `offer`: the
		/// total, which `pay` is given to pay (hold) once every other check passed; the
		/// purchase's number. On an error, what was written before it must be rolled back by
		/// the caller's storage layer (a call's, or [`private`](crate::private)'s check).
		pub(crate) fn buy(
			owner: Owner<T::AccountId>,
			count: u32,
			voter: Voter,
			offer: Offer,
			pay: impl FnOnce(Balance) -> Result<(), Error<T>>,
		) -> Result<PurchaseId, Error<T>> {
			let purchase = price::quote(Self::pool_size(), count).map_err(Error::<T>::from)?;
			let total = purchase.total();
			ensure!(total <= offer.max_total, Error::<T>::PriceAboveLimit);
			let id = NextPurchase::<T>::get();
			let queued = match owner {
				Owner::Account(_) => Pending::<T>::try_append(id),
				Owner::Note(_) => PendingPrivate::<T>::try_append(id),
			};
			queued.map_err(|_| Error::<T>::TooManyPending)?;
			let fee_bps = match voter {
				Voter::Solo(key) => {
					ensure!(!T::StakingNodes::is_node_key(&key), Error::<T>::VoteKeyOfANode);
					0
				},
				Voter::Node(node) => {
					let fee_bps =
						T::StakingNodes::delegate(node, count).map_err(Error::<T>::from)?;
					ensure!(fee_bps <= offer.max_fee_bps, Error::<T>::FeeAboveLimit);
					fee_bps
				},
			};
			pay(total)?;
			PendingShares::<T>::mutate(|pending| *pending = pending.saturating_add(count.into()));
			NextPurchase::<T>::put(id.saturating_add(1));
			Purchases::<T>::insert(
				id,
				Purchase {
					owner: owner.clone(),
					voter,
					fee_bps,
					count,
					price_each: purchase.price_each,
					bought_at: frame_system::Pallet::<T>::block_number(),
					slot: None,
					voted: 0,
					missed: 0,
					expired: 0,
					paid: 0,
				},
			);
			Self::deposit_event(Event::SharesBought {
				id,
				owner,
				count,
				price_each: purchase.price_each,
			});
			Ok(id)
		}

		/// What the inherent weighs with `entered` purchases entering the pool, `expired`
		/// expiring, and `notes` notes paid (to private purchases' owners).
		pub fn settle_weight(entered: u32, expired: u32, notes: u32) -> Weight {
			T::WeightInfo::settle(entered, expired)
				.saturating_add(T::NotePayer::weight().saturating_mul(notes.into()))
		}

		/// The most the inherent weighs: every purchase a block may move in and expire, from
		/// both queues, and a note for each settled share paid back (three voted, three
		/// missed) and each private purchase expiring.
		pub fn max_settle_weight() -> Weight {
			let private = T::MaxPrivateEnterPerBlock::get();
			let most = T::MaxEnterPerBlock::get().saturating_add(private);
			let notes = 2 * u32::from(SHARES_DRAWN_PER_BLOCK) + private;
			Self::settle_weight(most, most, notes)
		}

		/// The shares in the pool and pending: what the next share's price is computed from.
		pub fn pool_size() -> u64 {
			tree::share_tree::<T>().total().saturating_add(PendingShares::<T>::get())
		}

		/// What the share pool's inherent does in block `now` whose parent is `parent`: settles
		/// the parent's draw, pays the principal and rewards due, expires the shares due, and
		/// moves pending purchases into the pool; how many purchases entered and expired, and
		/// how many notes were paid. Afterwards the tree is the one `now` draws from: nothing
		/// else changes it in a block.
		pub fn bookkeeping(now: BlockNumberFor<T>, parent: &HeaderFor<T>) -> (u32, u32, u32) {
			Self::settle_draw(now, parent);
			let mut notes = Self::pay(Payouts::<T>::take(now));
			notes += Self::pay(MissedReleases::<T>::take(now));
			let (expired, expiry_notes) = Self::expire(now);
			let entered = Self::enter_pending(now);
			(entered, expired, notes + expiry_notes)
		}

		/// Whether a block drawing from the pool as it is needs two valid votes (SPEC §7,
		/// NeedTwoVote): the pool holds at least [`PoolParameters::need_two_votes_from`] shares
		/// (and at least the three a block draws), and no more than a fifth of the votes of
		/// the last [`PoolParameters::miss_window`] blocks' draws were missed.
		pub fn need_two_votes() -> bool {
			let parameters = Parameters::<T>::get();
			let threshold = parameters.need_two_votes_from.max(SHARES_DRAWN_PER_BLOCK.into());
			let window: u32 = parameters.miss_window.unique_saturated_into();
			let possible = u64::from(window.max(1)) * u64::from(SHARES_DRAWN_PER_BLOCK);
			tree::share_tree::<T>().total() >= threshold
				&& u64::from(MissedInWindow::<T>::get()) * 5 <= possible
		}

		/// The import rule for the votes of the block after `parent` (docs/CONSENSUS.md, "Votes
		/// at import"), run at the parent's state by the node through the runtime API, whose
		/// changes are discarded: the block's bookkeeping, then its draw from its seal, then
		/// its votes against the drawn shares' keys and NeedTwoVote. How many votes it
		/// carries.
		pub fn check_votes(
			parent: HeaderFor<T>,
			pre_hash: H256,
			seal: &[u8],
		) -> Result<u8, VoteError> {
			let seal = Seal::decode_all_from(seal).ok_or(VoteError::UndecodableSeal)?;
			let keys = Self::draw_after(&parent, &pre_hash, &seal);
			let count = votes::check(&pre_hash, &seal.draw_seed(&pre_hash), seal.votes(), &keys)?;
			if count < 2 && Self::need_two_votes() {
				return Err(VoteError::TooFewVotes { votes: count, required: 2 });
			}
			Ok(count)
		}

		/// The vote keys of the shares the block after `parent` with pre-hash `pre_hash` and
		/// `seal` draws, in draw order (empty for a seal that does not decode): what the voter
		/// service signs with, for the keys it holds. Runs the block's bookkeeping first, so
		/// the runtime API calling it must drop its changes.
		pub fn drawn_vote_keys(parent: HeaderFor<T>, pre_hash: H256, seal: &[u8]) -> Vec<VoteKey> {
			match Seal::decode_all_from(seal) {
				Some(seal) => Self::draw_after(&parent, &pre_hash, &seal),
				None => Vec::new(),
			}
		}

		/// Runs the bookkeeping of the block after `parent`, then its draw: the drawn shares'
		/// vote keys.
		fn draw_after(parent: &HeaderFor<T>, pre_hash: &H256, seal: &Seal) -> Vec<VoteKey> {
			let block = parent.number().saturating_add(One::one());
			Self::bookkeeping(block, parent);
			Self::drawn(&seal.draw_seed(pre_hash))
				.iter()
				.map(|(_, _, purchase)| Self::vote_key(purchase, block))
				.collect()
		}

		/// The key that votes for `purchase`'s shares drawn by block `drawn_at`: its own, or
		/// its StakingNode's key for that block.
		pub fn vote_key(purchase: &PurchaseOf<T>, drawn_at: BlockNumberFor<T>) -> VoteKey {
			match purchase.voter {
				Voter::Solo(key) => key,
				// Nodes are never removed, so a purchase's node is always found; were it not,
				// the zero key, which is no sr25519 point, verifies no vote.
				Voter::Node(node) => T::StakingNodes::vote_key(node, drawn_at).unwrap_or_default(),
			}
		}

		/// The pool as it stands ([`runtime_api::SharePoolApi::status`]).
		pub fn status() -> runtime_api::PoolStatus<BlockNumberFor<T>> {
			let in_pool = tree::share_tree::<T>().total();
			let pending = PendingShares::<T>::get();
			runtime_api::PoolStatus {
				in_pool,
				pending,
				next_share_price: price::share_price(in_pool.saturating_add(pending)),
				need_two_votes: Self::need_two_votes(),
				missed_in_window: MissedInWindow::<T>::get(),
				parameters: Parameters::<T>::get(),
				next_purchase: NextPurchase::<T>::get(),
			}
		}

		/// What `count` shares bought now cost in all ([`runtime_api::SharePoolApi::quote`]).
		pub fn quote(count: u32) -> Option<Balance> {
			price::quote(Self::pool_size(), count).ok().map(|purchase| purchase.total())
		}

		/// Up to `limit` purchases `filter` selects among the numbers `from` to `from +`
		/// [`runtime_api::MAX_SCAN`] ([`runtime_api::SharePoolApi::purchases`]): for off-chain
		/// callers, whose work per call the scan bounds.
		pub fn purchases(
			filter: runtime_api::PurchaseFilter<T::AccountId>,
			from: PurchaseId,
			limit: u32,
		) -> Vec<runtime_api::PurchaseStatus<T::AccountId, BlockNumberFor<T>>> {
			use runtime_api::PurchaseFilter;
			let tree = tree::share_tree::<T>();
			let next_block = frame_system::Pallet::<T>::block_number().saturating_add(One::one());
			let end = NextPurchase::<T>::get().min(from.saturating_add(runtime_api::MAX_SCAN));
			(from..end)
				.filter_map(|id| {
					let purchase = Purchases::<T>::get(id)?;
					match &filter {
						PurchaseFilter::Owner(owner) if purchase.owner != *owner => return None,
						PurchaseFilter::Private if !matches!(purchase.owner, Owner::Note(_)) => {
							return None
						},
						_ => {},
					}
					let vote_key = Self::vote_key(&purchase, next_block);
					match &filter {
						PurchaseFilter::VoteKey(key) if vote_key != *key => None,
						_ => Some((id, vote_key, purchase)),
					}
				})
				.take(limit as usize)
				.map(|(id, vote_key, purchase)| runtime_api::PurchaseStatus {
					id,
					in_pool: purchase.slot.map_or(0, |slot| tree.shares_in(slot)),
					vote_key,
					purchase,
				})
				.collect()
		}

		/// The shares a block with draw seed `seed` draws from the pool as it is: each with
		/// its slot, its purchase's number and the purchase.
		pub fn drawn(seed: &[u8; 32]) -> Vec<(u32, PurchaseId, PurchaseOf<T>)> {
			let tree = tree::share_tree::<T>();
			sero_share_pool::draw::draw(&tree, seed, SHARES_DRAWN_PER_BLOCK)
				.into_iter()
				.filter_map(|share| {
					let id = SlotPurchases::<T>::get(share.slot)?;
					Some((share.slot, id, Purchases::<T>::get(id)?))
				})
				.collect()
		}

		/// Settles the draw of `parent`, sealed: redraws its shares from the tree (the tree it
		/// drew from), takes each out of the pool, and records it Voted, with its reward due
		/// [`PoolParameters::payout_period`] blocks after `now`, or Missed, with its principal
		/// released [`PoolParameters::missed_lock`] blocks after `now`; then counts its missed
		/// votes into the window. An unsealed parent (the genesis block) drew nothing.
		fn settle_draw(now: BlockNumberFor<T>, parent: &HeaderFor<T>) {
			let block = *parent.number();
			let parameters = Parameters::<T>::get();
			let mut voted_count = 0u8;
			if let Some((pre_hash, seal)) = votes::sealed_parts(parent) {
				let seed = seal.draw_seed(&pre_hash);
				let drawn = Self::drawn(&seed);
				let keys: Vec<VoteKey> =
					drawn.iter().map(|(_, _, purchase)| Self::vote_key(purchase, block)).collect();
				let voted = votes::valid_positions(&pre_hash, &seed, seal.votes(), &keys);
				let mut tree = tree::share_tree::<T>();
				let mut settled = Vec::with_capacity(drawn.len());
				for (position, (slot, id, _)) in drawn.into_iter().enumerate() {
					// Drawn from this slot just now, so it holds the share.
					if tree.remove(slot, 1).is_ok() {
						settled.push((id, voted.get(position).copied().unwrap_or(false)));
					}
				}
				// The reward follows the pool without the shares drawn, as go-sero's.
				let (pool_size, halvings) = (tree.total(), T::Halvings::convert(block));
				let mut payouts = BoundedVec::<Payout, MaxDrawn>::new();
				let mut releases = BoundedVec::<Payout, MaxDrawn>::new();
				for (id, voted) in settled {
					let Some(mut purchase) = Purchases::<T>::get(id) else { continue };
					let principal = purchase.price_each;
					if voted {
						voted_count = voted_count.saturating_add(1);
						purchase.voted = purchase.voted.saturating_add(1);
						let (reward, fee) = match purchase.voter {
							Voter::Solo(_) => (reward::solo_vote_reward(pool_size, halvings), 0),
							Voter::Node(_) => {
								let reward = reward::node_vote_reward(pool_size, halvings);
								// The fee was checked in range when the node set it; a fee
								// out of range (no path stores one) pays the node nothing.
								reward::split_node_reward(reward, purchase.fee_bps)
									.map_or((reward, 0), |split| (split.holder, split.node))
							},
						};
						// At most one entry per share drawn: never full.
						let _ = payouts.try_push(Payout { purchase: id, principal, reward, fee });
						Self::deposit_event(Event::ShareVoted { id, block, reward, fee });
					} else {
						purchase.missed = purchase.missed.saturating_add(1);
						let _ = releases.try_push(Payout {
							purchase: id,
							principal,
							reward: 0,
							fee: 0,
						});
						Self::deposit_event(Event::ShareMissed { id, block });
					}
					Purchases::<T>::insert(id, purchase);
				}
				if !payouts.is_empty() {
					Payouts::<T>::insert(now.saturating_add(parameters.payout_period), payouts);
				}
				if !releases.is_empty() {
					MissedReleases::<T>::insert(
						now.saturating_add(parameters.missed_lock),
						releases,
					);
				}
			}
			Self::count_missed(
				block,
				SHARES_DRAWN_PER_BLOCK.saturating_sub(voted_count),
				&parameters,
			);
		}

		/// Counts `missed` votes of `block` into the window and drops the block that leaves it
		/// (one before the window, or before genesis: three missed).
		fn count_missed(
			block: BlockNumberFor<T>,
			missed: u8,
			parameters: &PoolParameters<BlockNumberFor<T>>,
		) {
			let window = parameters.miss_window.max(One::one());
			let leaving = block
				.checked_sub(&window)
				.and_then(MissedDraws::<T>::take)
				.unwrap_or(SHARES_DRAWN_PER_BLOCK);
			MissedDraws::<T>::insert(block, missed);
			MissedInWindow::<T>::mutate(|sum| {
				*sum = sum.saturating_add(missed.into()).saturating_sub(leaving.into())
			});
		}

		/// Releases up to `principal` of `owner`'s shares hold; how much was released.
		fn release(owner: &T::AccountId, principal: Balance) -> Balance {
			use fungible::MutateHold;
			T::Currency::release(
				&HoldReason::Shares.into(),
				owner,
				principal,
				Precision::BestEffort,
			)
			.unwrap_or_default()
		}

		/// Pays purchase `id`'s `owner` back `principal`, released from its hold, and
		/// `reward`, minted: to an account directly, to a one-time address in one new note
		/// ([`Event::PaidIntoNote`]). What was paid of each, and whether a note was made.
		/// Never fails: what cannot be paid (which no path causes: the address was checked
		/// when the purchase was paid, and the tree's room is 2³² notes) is logged and burnt.
		fn pay_back(
			id: PurchaseId,
			owner: &Owner<T::AccountId>,
			principal: Balance,
			reward: Balance,
		) -> (Balance, Balance, bool) {
			use fungible::Balanced;
			use polkadot_sdk::frame_support::traits::{
				tokens::{Fortitude, Preservation},
				Imbalance,
			};
			let pkr = match owner {
				Owner::Account(who) => {
					return (Self::release(who, principal), Self::mint(who, reward), false)
				},
				Owner::Note(pkr) => pkr,
			};
			let account = Self::account();
			let released = Self::release(&account, principal);
			// The account keeps its existential deposit beside what it holds.
			let principal = T::Currency::withdraw(
				&account,
				released,
				Precision::BestEffort,
				Preservation::Preserve,
				Fortitude::Polite,
			)
			.unwrap_or_else(|_| Imbalance::zero());
			let paid = principal.peek();
			let credit = principal.merge(T::Currency::issue(reward));
			let value = credit.peek();
			if value == 0 {
				return (0, 0, false);
			}
			match T::NotePayer::pay_into_note(pkr, credit, crate::private::PAYOUT_MEMO) {
				Ok(position) => {
					Self::deposit_event(Event::PaidIntoNote { id, value, position });
					(paid, reward, true)
				},
				Err(unpaid) => {
					log::error!(
						target: "share-pool",
						"purchase {id}: {} could not be paid into a note; burnt",
						unpaid.peek()
					);
					(0, 0, false)
				},
			}
		}

		/// Pays back the principal of each payout and its reward to the purchase's owner, mints
		/// its fee to the purchase's StakingNode's operator, and gives the share back to its
		/// node; how many notes were paid. Never fails: what cannot be released or minted
		/// (which no path causes) is logged as zero in the event.
		fn pay(due: BoundedVec<Payout, MaxDrawn>) -> u32 {
			let mut notes = 0;
			for Payout { purchase: id, principal, reward, fee } in due {
				let Some(mut purchase) = Purchases::<T>::get(id) else { continue };
				purchase.paid = purchase.paid.saturating_add(1);
				Purchases::<T>::insert(id, &purchase);
				let (principal, reward, note) =
					Self::pay_back(id, &purchase.owner, principal, reward);
				notes += u32::from(note);
				let fee = match purchase.voter {
					Voter::Solo(_) => 0,
					Voter::Node(node) => {
						T::StakingNodes::undelegate(node, 1);
						T::StakingNodes::operator(node)
							.map_or(0, |operator| Self::mint(&operator, fee))
					},
				};
				Self::deposit_event(Event::SharePaid { id, principal, reward, fee });
			}
			notes
		}

		/// Mints `amount` to `who`; how much was minted.
		fn mint(who: &T::AccountId, amount: Balance) -> Balance {
			use fungible::Mutate;
			if amount == 0 {
				return 0;
			}
			T::Currency::mint_into(who, amount).unwrap_or_default()
		}

		/// Moves pending purchases, oldest first, into the tree, each into a new slot, and
		/// schedules their expiry: up to [`Config::MaxEnterPerBlock`] of [`Pending`] and up to
		/// [`Config::MaxPrivateEnterPerBlock`] of [`PendingPrivate`]; how many left the queues.
		pub fn enter_pending(now: BlockNumberFor<T>) -> u32 {
			let expires_at = now.saturating_add(Parameters::<T>::get().expiry);
			let mut entered = 0;
			let mut pending = Pending::<T>::get();
			let mut expiring = Expiries::<T>::get(expires_at);
			let from_queue = Self::enter_queue(&mut pending, &mut expiring);
			// A queue nothing leaves is not written (nor an empty expiry list).
			if from_queue > 0 {
				Pending::<T>::put(pending);
				Expiries::<T>::insert(expires_at, expiring);
				entered += from_queue;
			}
			let mut pending = PendingPrivate::<T>::get();
			let mut expiring = PrivateExpiries::<T>::get(expires_at);
			let from_queue = Self::enter_queue(&mut pending, &mut expiring);
			if from_queue > 0 {
				PendingPrivate::<T>::put(pending);
				PrivateExpiries::<T>::insert(expires_at, expiring);
				entered += from_queue;
			}
			entered
		}

		/// Moves purchases from the front of `pending` into the tree while `expiring`, the
		/// list of purchases expiring with them, has room; how many left the queue. A
		/// purchase the tree has no room for (2³² slots or 2⁶⁴ shares, beyond any real pool)
		/// stays pending, and so do those after it.
		fn enter_queue<Bound: Get<u32>>(
			pending: &mut BoundedVec<PurchaseId, T::MaxPending>,
			expiring: &mut BoundedVec<PurchaseId, Bound>,
		) -> u32 {
			let mut tree = tree::share_tree::<T>();
			let mut entered = 0;
			while entered < pending.len() && !expiring.is_full() {
				let id = pending[entered];
				// Every pending number names a purchase; one that did not would only block the
				// queue.
				if let Some(mut purchase) = Purchases::<T>::get(id) {
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
				}
				entered += 1;
			}
			pending.drain(..entered);
			entered as u32
		}

		/// Takes the shares still in the pool of the purchases that expire at `now` out of
		/// the tree and pays their principal back; how many purchases were looked at, and how
		/// many notes were paid. Never fails: a purchase or slot that is not found (which no
		/// path creates) is skipped.
		pub fn expire(now: BlockNumberFor<T>) -> (u32, u32) {
			let mut tree = tree::share_tree::<T>();
			let due = Expiries::<T>::take(now).into_iter().chain(PrivateExpiries::<T>::take(now));
			let (mut looked_at, mut notes) = (0, 0);
			for id in due {
				looked_at += 1;
				let Some(mut purchase) = Purchases::<T>::get(id) else { continue };
				let Some(slot) = purchase.slot else { continue };
				let count = tree.shares_in(slot);
				if count == 0 || tree.remove(slot, count).is_err() {
					continue;
				}
				purchase.expired = purchase.expired.saturating_add(count as u32);
				Purchases::<T>::insert(id, &purchase);
				let principal = purchase.price_each.saturating_mul(count.into());
				let (released, _, note) = Self::pay_back(id, &purchase.owner, principal, 0);
				notes += u32::from(note);
				if let Voter::Node(node) = purchase.voter {
					T::StakingNodes::undelegate(node, count as u32);
				}
				Self::deposit_event(Event::SharesExpired { id, count, principal: released });
			}
			(looked_at, notes)
		}
	}
}
