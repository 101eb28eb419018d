//! Storage migrations of the block rewards pallet, oldest first.
//!
//! A runtime lists the migrations of the versions its chain may still be at in its
//! `Executive` migrations; each runs once, when the on-chain storage version matches.

use crate::Pallet;
use polkadot_sdk::{
	frame_support::migrations::VersionedMigration, frame_system::Config as SystemConfig,
};

/// Version 0 to 1: the reward and the halving interval, two storage values read every
/// block, become one [`crate::RewardSchedule`].
pub mod v1 {
	use crate::{BalanceOf, Config, Pallet, RewardSchedule, Schedule};
	use core::marker::PhantomData;
	use polkadot_sdk::{
		frame_support::{
			storage_alias,
			traits::{Get, UncheckedOnRuntimeUpgrade},
			weights::Weight,
		},
		frame_system::pallet_prelude::BlockNumberFor,
	};
	#[cfg(feature = "try-runtime")]
	use {
		alloc::vec::Vec,
		codec::{Decode, Encode},
		polkadot_sdk::{frame_support::ensure, sp_runtime::TryRuntimeError},
	};

	/// The storage of version 0.
	pub(crate) mod v0 {
		use super::*;
		use polkadot_sdk::frame_support::pallet_prelude::ValueQuery;

		/// Reward of the blocks before the first halving.
		#[storage_alias]
		pub type InitialReward<T: Config> = StorageValue<Pallet<T>, BalanceOf<T>, ValueQuery>;

		/// Blocks between two halvings.
		#[storage_alias]
		pub type HalvingInterval<T: Config> =
			StorageValue<Pallet<T>, BlockNumberFor<T>, ValueQuery>;
	}

	/// Moves the two version-0 values into [`Schedule`]. Runs unconditionally: use it
	/// through [`super::MigrateToV1`].
	pub struct UncheckedMigrateToV1<T>(PhantomData<T>);

	impl<T: Config> UncheckedOnRuntimeUpgrade for UncheckedMigrateToV1<T> {
		fn on_runtime_upgrade() -> Weight {
			Schedule::<T>::put(RewardSchedule {
				initial_reward: v0::InitialReward::<T>::take(),
				halving_interval: v0::HalvingInterval::<T>::take(),
			});
			log::info!(target: "runtime::block-rewards", "Migrated the reward schedule to v1");
			T::DbWeight::get().reads_writes(2, 3)
		}

		/// Remembers the version-0 schedule; a chain at version 0 has no [`Schedule`].
		#[cfg(feature = "try-runtime")]
		fn pre_upgrade() -> Result<Vec<u8>, TryRuntimeError> {
			ensure!(!Schedule::<T>::exists(), "a chain at version 0 has no `Schedule` yet");
			Ok((v0::InitialReward::<T>::get(), v0::HalvingInterval::<T>::get()).encode())
		}

		/// The schedule is the one before the upgrade, and the old values are gone.
		#[cfg(feature = "try-runtime")]
		fn post_upgrade(state: Vec<u8>) -> Result<(), TryRuntimeError> {
			let (initial_reward, halving_interval) =
				<(BalanceOf<T>, BlockNumberFor<T>)>::decode(&mut &state[..])
					.map_err(|_| "the pre-upgrade state does not decode")?;
			ensure!(
				Schedule::<T>::get() == RewardSchedule { initial_reward, halving_interval },
				"the reward schedule changed in the migration"
			);
			ensure!(
				!v0::InitialReward::<T>::exists() && !v0::HalvingInterval::<T>::exists(),
				"the version-0 values are still in storage"
			);
			Ok(())
		}
	}
}

/// Runs [`v1::UncheckedMigrateToV1`] on a chain at storage version 0 and sets version 1;
/// does nothing (one read) at any other version.
pub type MigrateToV1<T> =
	VersionedMigration<0, 1, v1::UncheckedMigrateToV1<T>, Pallet<T>, <T as SystemConfig>::DbWeight>;
