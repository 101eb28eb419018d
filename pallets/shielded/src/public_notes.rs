//! Notes the runtime pays (SPEC §4; issue 13, "private rewards"): SERO that left an account or
//! was issued (a PoW reward, a share's principal and reward) paid into a new note for a
//! one-time address, found and spent by its owner's wallet like any other note.
//!
//! The amount is public, so the note needs no proof: its commitment is `value·B(SERO)`,
//! computed here, and its encryption key derives from its position
//! ([`sero_crypto::public_note`], where the soundness argument is written down). What stays
//! private is who owns it: each payment should name a fresh PKr.

use crate::{Config, Error, Event, Frontier, Leaves, Pallet, Registry, Supply};
use polkadot_sdk::frame_support::traits::fungible::{Balanced, Credit};
use sero_crypto::{
	asset::AssetId, base_to_bytes, keys::OneTimeAddress, note_encryption::MEMO_BYTES, point,
	public_note::public_note, tree::CAPACITY,
};
use sero_shielded_primitives::{AssetCommitment, EncryptedNote, Leaf, LeafRecord};

/// SERO to be paid into a note.
pub type CreditOf<T> =
	Credit<<T as polkadot_sdk::frame_system::Config>::AccountId, <T as Config>::Currency>;

impl<T: Config> Pallet<T> {
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
		let Some(owner) = OneTimeAddress::from_bytes(pkr) else {
			return Err((credit, Error::<T>::MalformedPoint));
		};
		let sero = AssetId::native();
		let Some(base) = Registry::<T>::get(sero_shielded_primitives::AssetId::from(sero))
			.and_then(|info| point::decode_non_identity(&info.base))
		else {
			return Err((credit, Error::<T>::UnknownAsset));
		};
		let position = Frontier::<T>::get().size;
		if position >= CAPACITY {
			return Err((credit, Error::<T>::TreeFull));
		}
		// `None` only for a zero value.
		let Some(paid) = public_note(&owner, &sero, &base, value, memo, position) else {
			return Err((credit, Error::<T>::NothingToPay));
		};
		// The pool account exists (it keeps its existential deposit), so it takes any credit.
		if let Err(credit) = T::Currency::resolve(&Self::pool_account(), credit) {
			return Err((credit, Error::<T>::TransferRefused));
		}
		// Not full: checked above, and nothing appended since.
		let position = Self::append_leaf(Leaf(base_to_bytes(&paid.leaf))).unwrap_or(position);
		Leaves::<T>::insert(
			position,
			LeafRecord {
				position,
				pkr: *pkr,
				asset_cm: AssetCommitment(point::encode(&paid.asset_cm)),
				note: EncryptedNote { epk: paid.note.epk, ciphertext: paid.note.ciphertext },
			},
		);
		Supply::<T>::mutate(sero_shielded_primitives::AssetId::from(sero), |supply| {
			*supply = supply.saturating_add(value)
		});
		Self::deposit_event(Event::PaidIntoNote { value, position });
		Ok(position)
	}
}
