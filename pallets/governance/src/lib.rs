//! # Governance pallet
//!
//! ## Overview
//!
//! The parts of SERO's on-chain governance that are SERO's own; the voting itself is
//! `pallet-referenda` with `pallet-conviction-voting`, enactment `pallet-scheduler`.
//!
//! - [`Origin::WhitelistedCaller`]: the origin a referendum on the whitelisted-caller
//!   track dispatches with. It may only dispatch calls the technical committee
//!   whitelisted (`pallet-whitelist`), which is how an urgent fix passes with a
//!   shorter vote.
//! - [`TrackPeriods`]: how long each phase of a referendum lasts, per track, when the
//!   chain spec overrides the runtime's defaults. A development chain decides a
//!   referendum in minutes; a production chain takes days. One runtime serves both,
//!   so these periods are state, set in genesis, rather than constants.
//!
//! ## Usage
//!
//! The runtime's `TracksInfo` implementation keeps the track table (names, curves,
//! deposits, production periods) and replaces the periods of the tracks listed in
//! [`TrackPeriods`] (one storage read for all tracks); [`EnsureWhitelistedCaller`]
//! guards `pallet-whitelist`'s dispatch.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::frame_support::traits::EnsureOrigin;
use scale_info::TypeInfo;

/// Identifies a referendum track.
pub type TrackId = u16;

/// The phases of a referendum on one track, in blocks.
#[derive(
	Clone,
	Copy,
	Debug,
	Decode,
	DecodeWithMemTracking,
	Encode,
	Eq,
	MaxEncodedLen,
	PartialEq,
	TypeInfo,
	serde::Deserialize,
	serde::Serialize,
)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Periods<BlockNumber> {
	/// From submission until a decision can start (with the decision deposit placed).
	pub prepare: BlockNumber,
	/// How long a referendum may be decided before it is rejected.
	pub decision: BlockNumber,
	/// How long approval and support must hold before the referendum passes.
	pub confirm: BlockNumber,
	/// The least time from passing to enactment.
	pub min_enactment: BlockNumber,
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::*;
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, DefaultNoBound},
		frame_system::pallet_prelude::*,
		sp_runtime::traits::Zero,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the governance pallet.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config {
		/// The most tracks whose periods a chain spec may override.
		#[pallet::constant]
		type MaxTracks: Get<u32>;
	}

	/// Origins that referenda dispatch with, besides Root.
	#[pallet::origin]
	#[derive(
		Clone, Debug, Decode, DecodeWithMemTracking, Encode, Eq, MaxEncodedLen, PartialEq, TypeInfo,
	)]
	pub enum Origin {
		/// A referendum on the whitelisted-caller track passed: it may have a call that
		/// the technical committee whitelisted dispatched as Root.
		WhitelistedCaller,
	}

	/// The periods of the tracks whose chain spec overrides the runtime's defaults,
	/// sorted by track.
	#[pallet::storage]
	pub type TrackPeriods<T: Config> = StorageValue<
		_,
		BoundedVec<(TrackId, Periods<BlockNumberFor<T>>), T::MaxTracks>,
		ValueQuery,
	>;

	/// How long a referendum may wait for its decision deposit, if the chain spec
	/// overrides the runtime's default.
	#[pallet::storage]
	pub type UndecidingTimeout<T: Config> = StorageValue<_, BlockNumberFor<T>, OptionQuery>;

	/// Genesis configuration: the chain spec's referendum periods.
	#[pallet::genesis_config]
	#[derive(DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// Periods that replace the runtime's defaults, by track.
		pub track_periods: Vec<(TrackId, Periods<BlockNumberFor<T>>)>,
		/// Replaces the runtime's default undeciding timeout.
		pub undeciding_timeout: Option<BlockNumberFor<T>>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			let mut periods = self.track_periods.clone();
			periods.sort_by_key(|(track, _)| *track);
			for pair in periods.windows(2) {
				assert!(pair[0].0 != pair[1].0, "track {} has two sets of periods", pair[0].0);
			}
			for (track, p) in &periods {
				assert!(!p.decision.is_zero(), "track {track}: the decision period must not be 0");
			}
			let periods: BoundedVec<_, T::MaxTracks> =
				periods.try_into().expect("more track periods than `MaxTracks`");
			TrackPeriods::<T>::put(periods);
			if let Some(timeout) = self.undeciding_timeout {
				assert!(!timeout.is_zero(), "the undeciding timeout must not be 0");
				UndecidingTimeout::<T>::put(timeout);
			}
		}
	}
}

/// Lets through the [`Origin::WhitelistedCaller`] origin only.
pub struct EnsureWhitelistedCaller;

impl<O> EnsureOrigin<O> for EnsureWhitelistedCaller
where
	O: Into<Result<Origin, O>> + From<Origin>,
{
	type Success = ();

	fn try_origin(o: O) -> Result<Self::Success, O> {
		o.into().map(|Origin::WhitelistedCaller| ())
	}

	#[cfg(feature = "runtime-benchmarks")]
	fn try_successful_origin() -> Result<O, ()> {
		Ok(O::from(Origin::WhitelistedCaller))
	}
}
