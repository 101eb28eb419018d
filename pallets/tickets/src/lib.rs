//! # Tickets pallet
//!
//! ## Overview
//!
//! A **ticket** (SPEC §4, §6; whitepaper 2.0 §3.5, "Ticket"; docs/SHIELDED.md, "Tickets and
//! packages") is a non-fungible private asset: a 256-bit value under a named category. Its
//! issuer registers the category ([`Call::register_category`]), then **allots** tickets
//! ([`Call::allot`]): each straight into a new shielded note of value 1 for a one-time
//! address, issued by `pallet-shielded` through
//! [`NoteIssuer`](sero_shielded_primitives::note_payer::NoteIssuer). From there the ticket is
//! the asset `AssetId::ticket(category, value)` of the pool and moves through private
//! transactions like any asset; the pool's balance equation keeps it one note of value 1.
//!
//! The issuer may attach public data to each ticket and change it ([`Call::set_data`]): a
//! URI and a hash, say. Anyone who knows a ticket's id reads its category, value and data
//! through [`runtime_api::TicketsApi`]; who holds it stays private.
//!
//! ## Names
//!
//! A category is named like a token (`^[A-Z][A-Z0-9_]{0,31}$`), and a name is a token's or a
//! category's, never both: this pallet refuses a token's name, and `pallet-shielded` refuses
//! to register a token under a category's name ([`CategoryNames`]).

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod runtime_api;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// A ticket's value within its category: 256 bits.
pub type TicketValue = [u8; 32];

/// A registered category.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Category<AccountId> {
	/// Who registered it: the only account that allots its tickets and sets their data.
	pub issuer: AccountId,
	/// How many tickets it has allotted.
	pub allotted: u64,
}

/// An allotted ticket.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Ticket<Name, Data> {
	/// Its category.
	pub category: Name,
	/// Its value within the category.
	pub value: TicketValue,
	/// The public data its issuer attached.
	pub data: Data,
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{weights::WeightInfo, Category, Ticket, TicketValue};
	use alloc::vec::Vec;
	use core::marker::PhantomData;
	use polkadot_sdk::{
		frame_support::{pallet_prelude::*, traits::Contains},
		frame_system::pallet_prelude::*,
	};
	use sero_crypto::asset;
	use sero_shielded_primitives::{
		note_payer::{NoteIssuer, MEMO_BYTES},
		AssetId, PkrBytes, MAX_ASSET_NAME_BYTES,
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// A category's name, as stored.
	pub type CategoryName = BoundedVec<u8, ConstU32<{ MAX_ASSET_NAME_BYTES }>>;

	/// A ticket's data, as stored.
	pub type DataOf<T> = BoundedVec<u8, <T as Config>::MaxDataBytes>;

	/// A ticket, as stored.
	pub type TicketOf<T> = Ticket<CategoryName, DataOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the tickets.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// The shielded pool, which issues tickets into notes and knows the tokens' names.
		type Notes: NoteIssuer;
		/// The most data a ticket carries, in bytes.
		#[pallet::constant]
		type MaxDataBytes: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
		/// A one-time address the benchmarks allot to: one [`Config::Notes`] accepts.
		#[cfg(feature = "runtime-benchmarks")]
		type BenchmarkPkr: Get<PkrBytes>;
	}

	/// Every category, by name.
	#[pallet::storage]
	pub type Categories<T: Config> =
		StorageMap<_, Blake2_128Concat, CategoryName, Category<T::AccountId>>;

	/// Every ticket allotted, by its asset id (a hash of its category and value).
	#[pallet::storage]
	pub type Tickets<T: Config> = StorageMap<_, Identity, AssetId, TicketOf<T>>;

	/// Events of the tickets.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A category was registered.
		CategoryRegistered {
			/// Its name.
			category: CategoryName,
			/// Its issuer.
			issuer: T::AccountId,
		},
		/// A ticket was allotted into a new note.
		Allotted {
			/// Its category.
			category: CategoryName,
			/// Its value.
			value: TicketValue,
			/// Its asset id in the shielded pool.
			ticket: AssetId,
			/// The note's position in the tree.
			position: u64,
		},
		/// A ticket's data changed.
		DataSet {
			/// The ticket's asset id.
			ticket: AssetId,
		},
	}

	/// Errors of the tickets.
	#[pallet::error]
	pub enum Error<T> {
		/// The name is not `^[A-Z][A-Z0-9_]{0,31}$`.
		BadName,
		/// A token (or SERO) has this name.
		NameTaken,
		/// The category exists.
		CategoryExists,
		/// No category has this name.
		UnknownCategory,
		/// Only the category's issuer may do this.
		NotIssuer,
		/// This value of the category is allotted already.
		AlreadyAllotted,
		/// No ticket of this category has this value.
		UnknownTicket,
		/// The data is longer than [`Config::MaxDataBytes`].
		DataTooLong,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers the category `name`, issued by the signer.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register_category())]
		pub fn register_category(origin: OriginFor<T>, name: Vec<u8>) -> DispatchResult {
			let issuer = ensure_signed(origin)?;
			let category = Self::valid_name(name)?;
			ensure!(!T::Notes::is_token_name(&category[..]), Error::<T>::NameTaken);
			ensure!(!Categories::<T>::contains_key(&category), Error::<T>::CategoryExists);
			Categories::<T>::insert(&category, Category { issuer: issuer.clone(), allotted: 0 });
			Self::deposit_event(Event::CategoryRegistered { category, issuer });
			Ok(())
		}

		/// Allots the ticket `value` of `category`, with `data`, into a new note for the
		/// one-time address `to`. Only the category's issuer may; each value once.
		///
		/// Weight: the benchmarked call (4.3 ms, which includes issuing its note into a tree
		/// where that is cheap) plus the pool's worst-case issue (`NoteIssuer::weight`: an
		/// append that completes 31 subtrees), so the charge covers every tree position; the
		/// cheap issue is counted twice, an over-charge of well under the call's 13 ms.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::allot().saturating_add(T::Notes::weight()))]
		pub fn allot(
			origin: OriginFor<T>,
			category: Vec<u8>,
			value: TicketValue,
			to: PkrBytes,
			data: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (category, mut record) = Self::issued_by(&who, category)?;
			let data: DataOf<T> = data.try_into().map_err(|_| Error::<T>::DataTooLong)?;
			let ticket = Self::ticket_id(&category, &value)?;
			ensure!(!Tickets::<T>::contains_key(ticket), Error::<T>::AlreadyAllotted);
			let position = T::Notes::issue_into_note(&to, ticket, 1, Self::memo(&category))?;
			record.allotted = record.allotted.saturating_add(1);
			Categories::<T>::insert(&category, record);
			Tickets::<T>::insert(ticket, Ticket { category: category.clone(), value, data });
			Self::deposit_event(Event::Allotted { category, value, ticket, position });
			Ok(())
		}

		/// Replaces the data of the ticket `value` of `category`. Only the category's issuer
		/// may.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::set_data())]
		pub fn set_data(
			origin: OriginFor<T>,
			category: Vec<u8>,
			value: TicketValue,
			data: Vec<u8>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let (category, _) = Self::issued_by(&who, category)?;
			let data: DataOf<T> = data.try_into().map_err(|_| Error::<T>::DataTooLong)?;
			let ticket = Self::ticket_id(&category, &value)?;
			Tickets::<T>::try_mutate(ticket, |stored| -> DispatchResult {
				let stored = stored.as_mut().ok_or(Error::<T>::UnknownTicket)?;
				stored.data = data;
				Ok(())
			})?;
			Self::deposit_event(Event::DataSet { ticket });
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// `name` if it is a valid category name.
		fn valid_name(name: Vec<u8>) -> Result<CategoryName, Error<T>> {
			asset::AssetId::token(&name).map_err(|_| Error::<T>::BadName)?;
			name.try_into().map_err(|_| Error::<T>::BadName)
		}

		/// The category `name` and its record, if `who` issues it.
		fn issued_by(
			who: &T::AccountId,
			name: Vec<u8>,
		) -> Result<(CategoryName, Category<T::AccountId>), Error<T>> {
			let name: CategoryName = name.try_into().map_err(|_| Error::<T>::UnknownCategory)?;
			let record = Categories::<T>::get(&name).ok_or(Error::<T>::UnknownCategory)?;
			ensure!(record.issuer == *who, Error::<T>::NotIssuer);
			Ok((name, record))
		}

		/// The asset id of the ticket `value` of the (valid) category `category`.
		pub fn ticket_id(category: &[u8], value: &TicketValue) -> Result<AssetId, Error<T>> {
			asset::AssetId::ticket(category, value).map(Into::into).map_err(|_| Error::<T>::BadName)
		}

		/// The public memo of an allotted ticket's note: its category's name.
		fn memo(category: &[u8]) -> [u8; MEMO_BYTES] {
			let mut memo = [0; MEMO_BYTES];
			memo[..category.len()].copy_from_slice(category);
			memo
		}

		/// The ticket with asset id `id`, its category's name and its data as plain bytes.
		pub fn ticket(id: AssetId) -> Option<Ticket<Vec<u8>, Vec<u8>>> {
			Tickets::<T>::get(id).map(|t| Ticket {
				category: t.category.into_inner(),
				value: t.value,
				data: t.data.into_inner(),
			})
		}

		/// The category `name`.
		pub fn category(name: Vec<u8>) -> Option<Category<T::AccountId>> {
			Categories::<T>::get(CategoryName::try_from(name).ok()?)
		}
	}

	/// The names of the categories, which no token may take (`pallet-shielded`'s
	/// `ReservedNames`).
	pub struct CategoryNames<T>(PhantomData<T>);

	impl<T: Config> Contains<Vec<u8>> for CategoryNames<T> {
		fn contains(name: &Vec<u8>) -> bool {
			CategoryName::try_from(name.clone()).is_ok_and(|n| Categories::<T>::contains_key(n))
		}
	}
}
