//! Notes of public amounts that the runtime itself pays to a one-time address (SPEC §4:
//! a PoW reward, a share's payout): no sender holds a secret, so the note is made from
//! public data alone, and only the owner of the PKr can spend it.
//!
//! - `asset_cm = value·B(id)`, blinding `ar = 0` ([`asset::public_value`]): the commitment
//!   is true by construction, so no output proof is needed. Spending re-blinds it like any
//!   note (the input circuit adds `δ·G_r`), so the spend does not point back at it.
//! - The ephemeral key is `e = H("SERO_public_note", position ‖ PKr ‖ id ‖ value ‖ memo)`:
//!   anyone can recompute it and read the note, which says only what is public already
//!   (the asset, the amount, the memo: **a memo of a public note is public**). The position
//!   is in the hash so that no two notes share a key, which the fixed nonce requires.
//! - The owner's wallet finds it like any note: the PKr is theirs, the note decrypts with
//!   `vskr`, and `asset_cm` recomputed from its plaintext matches. Only the owner knows
//!   `vskr` (for the nullifier) and `zskr` (for the spend signature).
//!
//! The owner is unlinkable only if each payment names a fresh PKr: paying one PKr twice is
//! visible on chain.

use crate::{
	asset::{self, AssetId},
	blake2b, constants,
	keys::OneTimeAddress,
	note,
	note_encryption::{self, EncryptedNote, NotePlaintext, MEMO_BYTES},
	Base, Point, Scalar,
};
use ark_ff::Zero;

/// A note the runtime pays, ready to be stored as a leaf.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PublicNote {
	/// `value·B(id)`.
	pub asset_cm: Point,
	/// The note, encrypted to the PKr under the derived ephemeral key.
	pub note: EncryptedNote,
	/// The witness tree's leaf: `Poseidon(PKr, asset_cm)`.
	pub leaf: Base,
}

/// The note paying `value` of asset `id`, whose base is `base`, to `pkr` at tree position
/// `position`, with `memo`; `None` for a zero value (its commitment would be the identity).
pub fn public_note(
	pkr: &OneTimeAddress,
	id: &AssetId,
	base: &Point,
	value: u128,
	memo: [u8; MEMO_BYTES],
	position: u64,
) -> Option<PublicNote> {
	if value == 0 {
		return None;
	}
	let asset_cm = asset::public_value(base, value);
	let e = ephemeral_key(pkr, id, value, &memo, position)?;
	let plaintext = NotePlaintext { asset: *id, value, ar: Scalar::zero(), memo };
	Some(PublicNote {
		asset_cm,
		note: note_encryption::encrypt_with(pkr, &plaintext, &e),
		leaf: note::leaf(pkr, &asset_cm),
	})
}

/// The ephemeral key of a public note; `None` in the (never met) case it is zero.
fn ephemeral_key(
	pkr: &OneTimeAddress,
	id: &AssetId,
	value: u128,
	memo: &[u8; MEMO_BYTES],
	position: u64,
) -> Option<Scalar> {
	let e = blake2b::hash_to_scalar(
		&blake2b::personal(constants::PUBLIC_NOTE),
		&[&position.to_le_bytes(), &pkr.to_bytes(), &id.to_bytes(), &value.to_le_bytes(), memo],
	);
	(!e.is_zero()).then_some(e)
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		keys::{Seed, SpendingKey},
		note_encryption::decrypt,
	};
	use ark_std::rand::{rngs::StdRng, SeedableRng};

	fn owner() -> SpendingKey {
		SpendingKey::from_seed(&Seed::from_bytes([3; 32]))
	}

	#[test]
	fn the_owner_and_its_tk_read_a_public_note_whose_commitment_opens_with_zero_blinding() {
		let mut rng = StdRng::seed_from_u64(1);
		let sk = owner();
		let pkr = sk.public_key().one_time_address(&mut rng);
		let id = AssetId::native();
		let base = id.base().unwrap();
		let mut memo = [0; MEMO_BYTES];
		memo[..6].copy_from_slice(b"reward");
		let paid = public_note(&pkr, &id, &base, 66, memo, 7).unwrap();

		let vskr = sk.tracing_key().view_key(&pkr).unwrap();
		let plain = decrypt(&vskr, &paid.note).expect("the owner's TK reads it");
		assert_eq!(
			(plain.asset, plain.value, plain.ar, plain.memo),
			(id, 66, Scalar::zero(), memo)
		);
		// What the wallet checks: the commitment opens to the plaintext.
		assert_eq!(asset::asset_cm(&base, plain.value, &plain.ar), paid.asset_cm);
		assert_eq!(paid.leaf, note::leaf(&pkr, &paid.asset_cm));
		// Another account reads nothing.
		let other = SpendingKey::from_seed(&Seed::from_bytes([4; 32]));
		assert!(other.tracing_key().view_key(&pkr).is_none());
	}

	#[test]
	fn each_position_gets_its_own_ephemeral_key_and_zero_pays_nothing() {
		let mut rng = StdRng::seed_from_u64(2);
		let pkr = owner().public_key().one_time_address(&mut rng);
		let id = AssetId::native();
		let base = id.base().unwrap();
		let memo = [0; MEMO_BYTES];
		let at = |position| public_note(&pkr, &id, &base, 5, memo, position).unwrap();
		assert_ne!(at(1).note.epk, at(2).note.epk);
		assert_eq!(at(1), at(1), "deterministic: every node computes the same note");
		assert_eq!(at(1).leaf, at(2).leaf, "the leaf depends on PKr and commitment only");
		assert_eq!(public_note(&pkr, &id, &base, 0, memo, 1), None);
	}
}
