//! Notes the runtime pays (SPEC §4; issue 13, "private rewards"): SERO that left an account or
//! was issued (a PoW reward, a share's principal and reward) paid into a new note for a
//! one-time address, found and spent by its owner's wallet like any other note; and assets
//! that live only in the pool (tickets, issue 14) issued into a note the same way.
//!
//! The amount is public, so the note needs no proof: its commitment is `value·B(SERO)`,
//! computed here, and its encryption key derives from its position
//! ([`sero_crypto::public_note`], where the soundness argument is written down). What stays
//! private is who owns it: each payment should name a fresh PKr.

use crate::{Config, Error, Event, Frontier, Pallet, Registry, Supply};
use polkadot_sdk::frame_support::{
	ensure,
	traits::fungible::{Balanced, Credit},
};
use sero_crypto::{
	asset, base_to_bytes, keys::OneTimeAddress, note_encryption::MEMO_BYTES, point,
	public_note::public_note, tree::CAPACITY,
};
use sero_host::shielded_crypto as host;
use sero_shielded_primitives::{
	AssetCommitment, AssetId, Bytes32, EncryptedNote, Leaf, LeafRecord,
};

/// SERO to be paid into a note.
pub type CreditOf<T> =
	Credit<<T as polkadot_sdk::frame_system::Config>::AccountId, <T as Config>::Currency>;

/// A note checked and computed, ready to be written.
struct PublicNote {
	pkr: [u8; OneTimeAddress::BYTES],
	asset: AssetId,
	value: u128,
	leaf: Bytes32,
	asset_cm: Bytes32,
	note: EncryptedNote,
}

impl<T: Config> Pallet<T> {
	/// Checks and computes a note of `value` of `asset` (with its base `base`) for `pkr`, at
	/// the next position of the tree; writes nothing.
	fn prepare_public_note(
		pkr: &[u8; OneTimeAddress::BYTES],
		asset: AssetId,
		base: &Bytes32,
		value: u128,
		memo: [u8; MEMO_BYTES],
	) -> Result<PublicNote, Error<T>> {
		let owner = OneTimeAddress::from_bytes(pkr).ok_or(Error::<T>::MalformedPoint)?;
		let id = asset::AssetId::from_bytes(&asset.0).ok_or(Error::<T>::UnknownAsset)?;
		let base = point::decode_non_identity(base).ok_or(Error::<T>::UnknownAsset)?;
		let position = Frontier::<T>::get().size;
		ensure!(position < CAPACITY, Error::<T>::TreeFull);
		// `None` only for a zero value.
		let paid = public_note(&owner, &id, &base, value, memo, position)
			.ok_or(Error::<T>::NothingToPay)?;
		Ok(PublicNote {
			pkr: *pkr,
			asset,
			value,
			leaf: base_to_bytes(&paid.leaf),
			asset_cm: point::encode(&paid.asset_cm),
			note: EncryptedNote { epk: paid.note.epk, ciphertext: paid.note.ciphertext },
		})
	}

	/// Appends `note` to the tree and adds its value to the asset's supply: its position.
	/// Cannot fail once [`Self::prepare_public_note`] has passed and nothing was appended since.
	fn write_public_note(note: PublicNote) -> u64 {
		let position = Frontier::<T>::get().size;
		let position = Self::append_leaf(Leaf(note.leaf)).unwrap_or(position);
		Self::store_leaf(LeafRecord {
			position,
			pkr: note.pkr,
			asset_cm: AssetCommitment(note.asset_cm),
			note: note.note,
		});
		Supply::<T>::mutate(note.asset, |supply| *supply = supply.saturating_add(note.value));
		position
	}

	/// Pays `credit` into a new note of SERO for the one-time address `pkr`, with `memo`
	/// (public, as the amount is); the note's position in the tree. Checks everything before
	/// writing anything, so it can run where no storage layer rolls back (a hook); on an
	/// error the credit comes back untouched, for the caller to put elsewhere.
	pub fn pay_into_note(
		pkr: &[u8; OneTimeAddress::BYTES],
		credit: CreditOf<T>,
		memo: [u8; MEMO_BYTES],
	) -> Result<u64, (CreditOf<T>, Error<T>)> {
		use polkadot_sdk::frame_support::traits::Imbalance;
		let value = credit.peek();
		let sero = AssetId::from(asset::AssetId::native());
		let Some(info) = Registry::<T>::get(sero) else {
			return Err((credit, Error::<T>::UnknownAsset));
		};
		let note = match Self::prepare_public_note(pkr, sero, &info.base, value, memo) {
			Ok(note) => note,
			Err(error) => return Err((credit, error)),
		};
		// The pool account exists (it keeps its existential deposit), so it takes any credit.
		if let Err(credit) = T::Currency::resolve(&Self::pool_account(), credit) {
			return Err((credit, Error::<T>::TransferRefused));
		}
		let position = Self::write_public_note(note);
		Self::deposit_event(Event::PaidIntoNote { value, position });
		Ok(position)
	}

	/// Issues `value` of `asset`, an asset that lives only inside the pool (a ticket), into
	/// a new note for `pkr` with the public `memo`: the note's position. Its supply grows by
	/// `value`; no account backs it, so a registered asset (which an account backs) is
	/// refused. Checks everything before writing anything.
	pub fn issue_into_note(
		pkr: &[u8; OneTimeAddress::BYTES],
		asset: AssetId,
		value: u128,
		memo: [u8; MEMO_BYTES],
	) -> Result<u64, Error<T>> {
		ensure!(!Registry::<T>::contains_key(asset), Error::<T>::AssetExists);
		let base = host::hash_to_curve(&asset.0).ok_or(Error::<T>::NoBase)?;
		let note = Self::prepare_public_note(pkr, asset, &base, value, memo)?;
		let position = Self::write_public_note(note);
		Self::deposit_event(Event::IssuedIntoNote { asset, value, position });
		Ok(position)
	}
}
