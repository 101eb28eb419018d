//! # Block rewards pallet
//!
//! ## Overview
//!
//! Pays the proof-of-work reward of every block to the account its miner named, and
//! hands transaction fees to the same account (SPEC §7, "Rewards"); or, when the miner names
//! a one-time address, pays both privately into a shielded note for it.
//!
//! ## Terminology
//!
//! - *Author*: the account a miner puts, SCALE-encoded, in the block's pre-runtime
//!   digest under the PoW engine id. A block without one pays no reward.
//! - *Halving*: the reward of block `n` is `initial_reward / 2^(n / halving_interval)`;
//!   a halving interval of 0 means the reward never halves.
//! - *Private reward*: a block whose pre-runtime digest also carries a PKr under
//!   [`REWARD_TO_ENGINE_ID`] (the miner makes a fresh one per block from its PK, so its
//!   income is not linkable) pays its reward and fees into one note for that PKr at the
//!   block's end, through [`Config::NotePayer`] (`pallet-shielded`). The fees are burnt as
//!   they come in and issued again into the note, so issuance grows by the reward alone. A
//!   note that cannot be made (a malformed PKr) pays the author instead.
//!
//! ## Usage
//!
//! The [`RewardSchedule`] comes from the chain spec's genesis config. The runtime uses
//! [`PowAuthor`] wherever it needs the block author and [`FeesToAuthor`] as the fee
//! handler of `pallet-transaction-payment`, so that all SERO a block creates or
//! collects goes to its miner and total issuance grows by exactly the rewards.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

pub mod migrations;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, Encode, MaxEncodedLen};
use core::marker::PhantomData;
use polkadot_sdk::{
	frame_support::traits::{
		fungible::{Balanced, Credit},
		FindAuthor, Imbalance, OnUnbalanced,
	},
	sp_runtime::{traits::Saturating, ConsensusEngineId},
};
use scale_info::TypeInfo;
use sero_consensus_primitives::{POW_ENGINE_ID, REWARD_TO_ENGINE_ID};

pub use sero_shielded_primitives::note_payer::NotePayer;

/// The length of a one-time address (PKr).
pub const PKR_BYTES: usize = 96;

/// The memo of a private reward's note (public, as its amount is).
pub const REWARD_MEMO: [u8; sero_shielded_primitives::note_payer::MEMO_BYTES] =
	sero_shielded_primitives::note_payer::memo("PoW reward and fees");

/// The PKr a block's pre-runtime digests name for its private reward, if any.
pub fn reward_pkr<'a>(
	digests: impl IntoIterator<Item = (ConsensusEngineId, &'a [u8])>,
) -> Option<[u8; PKR_BYTES]> {
	digests
		.into_iter()
		.find(|(engine, _)| *engine == REWARD_TO_ENGINE_ID)
		.and_then(|(_, data)| data.try_into().ok())
}

/// The PoW reward schedule: one storage value, read once per block.
#[derive(Clone, Copy, Debug, Decode, Default, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo)]
pub struct RewardSchedule<Balance, BlockNumber> {
	/// Reward of the blocks before the first halving.
	pub initial_reward: Balance,
	/// Blocks between two halvings; 0 means the reward never halves.
	pub halving_interval: BlockNumber,
}

/// Finds the block author in the PoW pre-runtime digest.
pub struct PowAuthor<AccountId>(PhantomData<AccountId>);

impl<AccountId: Decode> FindAuthor<AccountId> for PowAuthor<AccountId> {
	fn find_author<'a, I>(digests: I) -> Option<AccountId>
	where
		I: 'a + IntoIterator<Item = (ConsensusEngineId, &'a [u8])>,
	{
		digests
			.into_iter()
			.find(|(engine, _)| *engine == POW_ENGINE_ID)
			.and_then(|(_, mut data)| AccountId::decode(&mut data).ok())
	}
}

/// Pays fees (and tips) to the block author; burns them when the block names none. In a
/// block paying its miner privately, burns them and counts them into [`PrivateFees`], which
/// the block's end issues again into the miner's note.
pub struct FeesToAuthor<T, F>(PhantomData<(T, F)>);

impl<T, F> OnUnbalanced<Credit<T::AccountId, F>> for FeesToAuthor<T, F>
where
	T: Config,
	F: Balanced<T::AccountId, Balance = BalanceOf<T>>,
{
	fn on_nonzero_unbalanced(fees: Credit<T::AccountId, F>) {
		if RewardTo::<T>::exists() {
			PrivateFees::<T>::mutate(|total| *total = total.saturating_add(fees.peek()));
			// Dropped, the credit is burnt: issuance falls by the fees until the block's end.
			return;
		}
		if let Some(author) = Pallet::<T>::author() {
			if let Err(unpaid) = F::resolve(&author, fees) {
				log::warn!(
					target: "runtime::block-rewards",
					"Could not pay {:?} of fees to the block author; burnt",
					unpaid.peek(),
				);
			}
		}
	}
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{weights::WeightInfo, NotePayer, RewardSchedule, PKR_BYTES};
	use polkadot_sdk::{
		frame_support,
		frame_support::{
			pallet_prelude::*,
			traits::{
				fungible::{Balanced, Inspect, Mutate},
				FindAuthor,
			},
		},
		frame_system,
		frame_system::pallet_prelude::*,
		sp_runtime::traits::{Saturating, UniqueSaturatedInto, Zero},
	};

	/// The balance type of the reward currency.
	pub type BalanceOf<T> =
		<<T as Config>::Currency as Inspect<<T as frame_system::Config>::AccountId>>::Balance;

	/// The in-code storage version.
	///
	/// - 0: the reward and the halving interval in two values.
	/// - 1: both in one [`RewardSchedule`] ([`crate::migrations::MigrateToV1`]).
	pub const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the block rewards pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The currency rewards are minted in (SERO).
		type Currency: Mutate<Self::AccountId> + Balanced<Self::AccountId>;
		/// Finds the block author in the pre-runtime digests.
		type FindAuthor: FindAuthor<Self::AccountId>;
		/// Pays private rewards into shielded notes.
		type NotePayer: NotePayer<Self::AccountId, Self::Currency>;
		/// Weights of this pallet's work.
		type WeightInfo: WeightInfo;
	}

	/// The reward schedule.
	#[pallet::storage]
	pub type Schedule<T: Config> =
		StorageValue<_, RewardSchedule<BalanceOf<T>, BlockNumberFor<T>>, ValueQuery>;

	/// The PKr the current block pays its reward and fees to, read from its digest once at
	/// its start; taken at its end.
	#[pallet::storage]
	pub type RewardTo<T: Config> = StorageValue<_, [u8; PKR_BYTES]>;

	/// The fees of the current block, burnt as they came in, that its end issues into the
	/// miner's note (a block paying privately only); taken at the block's end.
	#[pallet::storage]
	pub type PrivateFees<T: Config> = StorageValue<_, BalanceOf<T>, ValueQuery>;

	/// Events of the block rewards pallet.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A block's PoW reward was paid to its author.
		Rewarded {
			/// The account the miner named.
			author: T::AccountId,
			/// The amount minted.
			amount: BalanceOf<T>,
		},
		/// A block's PoW reward and fees were paid into a shielded note for the one-time
		/// address its miner named.
		RewardedPrivately {
			/// The reward and the fees.
			amount: BalanceOf<T>,
			/// The note's position in the shielded pool's tree.
			position: u64,
		},
	}

	/// Genesis configuration: the chain spec's reward schedule.
	#[pallet::genesis_config]
	#[derive(frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Reward of the blocks before the first halving.
		pub initial_reward: BalanceOf<T>,
		/// Blocks between two halvings; 0 for none.
		pub halving_interval: BlockNumberFor<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Schedule::<T>::put(RewardSchedule {
				initial_reward: self.initial_reward,
				halving_interval: self.halving_interval,
			});
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(n: BlockNumberFor<T>) -> Weight {
			if let Some(pkr) = Self::reward_pkr() {
				RewardTo::<T>::put(pkr);
				// Paid at the block's end, with the fees.
				return T::WeightInfo::on_initialize_without_author()
					.saturating_add(T::WeightInfo::on_finalize_private())
					.saturating_add(T::NotePayer::weight());
			}
			let Some(author) = Self::author() else {
				return T::WeightInfo::on_initialize_without_author();
			};
			let amount = Self::reward_at(n);
			if amount.is_zero() {
				return T::WeightInfo::on_initialize_without_author();
			}
			match T::Currency::mint_into(&author, amount) {
				Ok(_) => Self::deposit_event(Event::Rewarded { author, amount }),
				Err(error) => log::error!(
					target: "runtime::block-rewards",
					"Could not pay the block reward of {amount:?} to {author:?}: {error:?}",
				),
			}
			T::WeightInfo::on_initialize_with_author()
		}

		/// Pays a private block's reward and fees into the note for its PKr; the author if
		/// no note can be made, and nobody (burnt, logged) without an author either.
		fn on_finalize(n: BlockNumberFor<T>) {
			let Some(pkr) = RewardTo::<T>::take() else { return };
			let amount = Self::reward_at(n).saturating_add(PrivateFees::<T>::take());
			if amount.is_zero() {
				return;
			}
			let credit = <T::Currency as Balanced<T::AccountId>>::issue(amount);
			let unpaid = match T::NotePayer::pay_into_note(&pkr, credit, crate::REWARD_MEMO) {
				Ok(position) => {
					Self::deposit_event(Event::RewardedPrivately { amount, position });
					return;
				},
				Err(credit) => credit,
			};
			let Some(author) = Self::author() else {
				log::error!(
					target: "runtime::block-rewards",
					"No note for the private reward of {amount:?} and no author: burnt",
				);
				return;
			};
			log::warn!(
				target: "runtime::block-rewards",
				"No note could be made for the private reward of {amount:?}: paid to the author",
			);
			match <T::Currency as Balanced<T::AccountId>>::resolve(&author, unpaid) {
				Ok(()) => Self::deposit_event(Event::Rewarded { author, amount }),
				Err(_) => log::error!(
					target: "runtime::block-rewards",
					"Could not pay the block reward of {amount:?} to {author:?}: burnt",
				),
			}
		}
	}

	impl<T: Config> Pallet<T> {
		/// The author named in the current block's pre-runtime digest.
		pub fn author() -> Option<T::AccountId> {
			let digest = frame_system::Pallet::<T>::digest();
			T::FindAuthor::find_author(digest.logs.iter().filter_map(|d| d.as_pre_runtime()))
		}

		/// The PKr the current block's digest names for its reward and fees, if any.
		pub fn reward_pkr() -> Option<[u8; PKR_BYTES]> {
			let digest = frame_system::Pallet::<T>::digest();
			super::reward_pkr(digest.logs.iter().filter_map(|d| d.as_pre_runtime()))
		}

		/// How many times the reward has halved at block `n`.
		pub fn halvings(n: BlockNumberFor<T>) -> u32 {
			let halving_interval = Schedule::<T>::get().halving_interval;
			if halving_interval.is_zero() {
				0
			} else {
				(n / halving_interval).unique_saturated_into()
			}
		}

		/// The PoW reward of block `n` under the halving schedule.
		pub fn reward_at(n: BlockNumberFor<T>) -> BalanceOf<T> {
			let halvings = Self::halvings(n);
			if halvings >= 128 {
				return Zero::zero();
			}
			let initial: u128 = Schedule::<T>::get().initial_reward.unique_saturated_into();
			(initial >> halvings).unique_saturated_into()
		}
	}
}
