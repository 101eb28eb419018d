//! # Difficulty pallet
//!
//! ## Overview
//!
//! Keeps the ProgPoW difficulty of the next block and retargets it after every
//! block toward a target block time (SPEC §7).
//!
//! ## Terminology
//!
//! - *Difficulty*: the expected number of hashes needed to seal a block; a seal is
//!   valid when `final_hash × difficulty < 2^256`.
//! - *Window*: the timestamps of the most recent blocks from which the average block
//!   time is measured.
//!
//! ## Usage
//!
//! The node reads [`Pallet::difficulty`] through `sp_consensus_pow::DifficultyApi`
//! at the parent block to learn what the child must meet. At the end of each block
//! the pallet records the block's timestamp and computes the next difficulty with
//! [`retarget::next_difficulty`]. The initial and minimum difficulty and the target
//! block time come from the chain spec's genesis config.

#![cfg_attr(not(feature = "std"), no_std)]

pub use pallet::*;

pub mod retarget;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{retarget::next_difficulty, weights::WeightInfo};
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::Time},
		frame_system::pallet_prelude::*,
		sp_runtime::SaturatedConversion,
	};
	use sero_consensus_primitives::Difficulty;

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the difficulty pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The source of block timestamps (milliseconds).
		type Time: Time;
		/// How many recent block timestamps the average block time is measured over.
		#[pallet::constant]
		type Window: Get<u32>;
		/// Weights of this pallet's work.
		type WeightInfo: WeightInfo;
	}

	/// The difficulty the next block must meet.
	#[pallet::storage]
	pub type CurrentDifficulty<T> = StorageValue<_, Difficulty, ValueQuery>;

	/// The difficulty never drops below this.
	#[pallet::storage]
	pub type MinimumDifficulty<T> = StorageValue<_, Difficulty, ValueQuery>;

	/// The block time the difficulty steers toward, in milliseconds.
	#[pallet::storage]
	pub type TargetBlockTime<T> = StorageValue<_, u64, ValueQuery>;

	/// Timestamps of the most recent blocks, oldest first.
	#[pallet::storage]
	pub type RecentTimestamps<T: Config> = StorageValue<_, BoundedVec<u64, T::Window>, ValueQuery>;

	/// Genesis configuration: the chain spec's difficulty parameters.
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// Difficulty of block 1.
		pub initial_difficulty: Difficulty,
		/// The floor of the difficulty.
		pub minimum_difficulty: Difficulty,
		/// Target block time in milliseconds.
		pub target_block_time_ms: u64,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// Difficulty 1 and SERO's 13 s block time: a chain spec sets real values.
		fn default() -> Self {
			Self {
				initial_difficulty: Difficulty::one(),
				minimum_difficulty: Difficulty::one(),
				target_block_time_ms: 13_000,
				_config: Default::default(),
			}
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			assert!(!self.minimum_difficulty.is_zero(), "minimum difficulty must be at least 1");
			assert!(self.target_block_time_ms > 0, "target block time must be positive");
			assert!(
				self.initial_difficulty >= self.minimum_difficulty,
				"initial difficulty must not be below the minimum"
			);
			CurrentDifficulty::<T>::put(self.initial_difficulty);
			MinimumDifficulty::<T>::put(self.minimum_difficulty);
			TargetBlockTime::<T>::put(self.target_block_time_ms);
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::WeightInfo::on_finalize_retarget()
		}

		fn on_finalize(_n: BlockNumberFor<T>) {
			let now: u64 = T::Time::now().saturated_into();
			let mut timestamps = RecentTimestamps::<T>::get();
			if timestamps.is_full() {
				timestamps.remove(0);
			}
			// Cannot fail: a slot was freed above when the window was full.
			let _ = timestamps.try_push(now);
			let next = next_difficulty(
				CurrentDifficulty::<T>::get(),
				&timestamps,
				TargetBlockTime::<T>::get(),
				MinimumDifficulty::<T>::get(),
			);
			CurrentDifficulty::<T>::put(next);
			RecentTimestamps::<T>::put(timestamps);
		}

		fn integrity_test() {
			assert!(
				T::Window::get() >= 2,
				"the window needs two timestamps to measure a block time"
			);
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			ensure!(
				CurrentDifficulty::<T>::get() >= MinimumDifficulty::<T>::get(),
				"difficulty below its minimum"
			);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The difficulty the next block must meet.
		pub fn difficulty() -> Difficulty {
			CurrentDifficulty::<T>::get()
		}

		/// The lowest difficulty the chain requires.
		pub fn minimum_difficulty() -> Difficulty {
			MinimumDifficulty::<T>::get()
		}
	}
}
