//! Note encryption (SPEC §2, §4): the asset, blinding and memo of a note, readable by its
//! receiver and by the receiver's TK, by nobody else.
//!
//! The sender picks an ephemeral `e`, publishes `EPK = e·G` and derives the key from the
//! Diffie–Hellman secret `e·VPKr`; the owner recomputes it as `vskr·EPK` (a TK holder knows
//! `vskr` too). `key = BLAKE2b-256("SERO_note_key", DH ‖ EPK)`, then ChaCha20-Poly1305 with
//! a zero nonce: every key is used for one message only.

use crate::{
	asset::AssetId,
	blake2b, constants,
	keys::{self, OneTimeAddress},
	point, Point, Scalar,
};
use ark_ec::CurveGroup;
use ark_ff::{UniformRand, Zero};
use chacha20poly1305::{aead::Aead, ChaCha20Poly1305, KeyInit, Nonce};
use rand_core::{CryptoRng, RngCore};

/// The length of a memo.
pub const MEMO_BYTES: usize = 64;
/// The length of a plaintext: asset id, value, blinding, memo.
pub const PLAINTEXT_BYTES: usize = 32 + 16 + 32 + MEMO_BYTES;
/// The length of a ciphertext: the plaintext and the 16-byte tag.
pub const CIPHERTEXT_BYTES: usize = PLAINTEXT_BYTES + 16;

/// What a note's receiver learns.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct NotePlaintext {
	/// The asset.
	pub asset: AssetId,
	/// The amount (1 for a ticket).
	pub value: u128,
	/// The blinding `ar` of `asset_cm`.
	pub ar: Scalar,
	/// Free text from the sender.
	pub memo: [u8; MEMO_BYTES],
}

impl NotePlaintext {
	fn to_bytes(&self) -> [u8; PLAINTEXT_BYTES] {
		let mut out = [0u8; PLAINTEXT_BYTES];
		out[..32].copy_from_slice(&self.asset.to_bytes());
		out[32..48].copy_from_slice(&self.value.to_le_bytes());
		out[48..80].copy_from_slice(&keys::scalar_to_bytes(&self.ar));
		out[80..].copy_from_slice(&self.memo);
		out
	}

	fn from_bytes(bytes: &[u8]) -> Option<Self> {
		let bytes: &[u8; PLAINTEXT_BYTES] = bytes.try_into().ok()?;
		Some(Self {
			asset: AssetId::from_bytes(bytes[..32].try_into().ok()?)?,
			value: u128::from_le_bytes(bytes[32..48].try_into().ok()?),
			ar: keys::scalar_from_bytes(bytes[48..80].try_into().ok()?)?,
			memo: bytes[80..].try_into().ok()?,
		})
	}
}

/// An encrypted note as it travels and is stored: `EPK ‖ ciphertext`.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct EncryptedNote {
	/// `EPK = e·G`.
	pub epk: [u8; 32],
	/// The ChaCha20-Poly1305 ciphertext.
	pub ciphertext: [u8; CIPHERTEXT_BYTES],
}

/// Encrypts `note` to the owner of `pkr` under a fresh ephemeral key.
pub fn encrypt(
	pkr: &OneTimeAddress,
	note: &NotePlaintext,
	rng: &mut (impl RngCore + CryptoRng),
) -> EncryptedNote {
	let e = loop {
		let e = Scalar::rand(rng);
		if !e.is_zero() {
			break e;
		}
	};
	encrypt_with(pkr, note, &e)
}

/// Encrypts `note` to the owner of `pkr` under the ephemeral key `e`, which must be nonzero
/// and used for this one message only (the nonce is fixed): [`encrypt`] draws it at
/// random; [`crate::public_note`] derives it from the note's position.
pub fn encrypt_with(pkr: &OneTimeAddress, note: &NotePlaintext, e: &Scalar) -> EncryptedNote {
	let epk = point::encode(&keys::mul_g(e));
	let shared = (*pkr.vpk_r() * *e).into_affine();
	let ciphertext = cipher(&shared, &epk)
		.encrypt(&Nonce::default(), &note.to_bytes()[..])
		.expect("ChaCha20-Poly1305 encrypts any short message");
	EncryptedNote { epk, ciphertext: ciphertext.try_into().expect("plaintext plus a 16-byte tag") }
}

/// Decrypts a note with `vskr` (the owner's or a TK holder's); `None` if it is not theirs
/// or was tampered with.
pub fn decrypt(vskr: &Scalar, note: &EncryptedNote) -> Option<NotePlaintext> {
	let epk = point::decode_non_identity(&note.epk)?;
	let shared: Point = (epk * vskr).into_affine();
	let plaintext =
		cipher(&shared, &note.epk).decrypt(&Nonce::default(), &note.ciphertext[..]).ok()?;
	NotePlaintext::from_bytes(&plaintext)
}

fn cipher(shared: &Point, epk: &[u8; 32]) -> ChaCha20Poly1305 {
	let key =
		blake2b::hash256(&blake2b::personal(constants::NOTE_KEY), &[&point::encode(shared), epk]);
	ChaCha20Poly1305::new(&key.into())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::{Seed, SpendingKey};
	use ark_std::rand::{rngs::StdRng, SeedableRng};
	use proptest::prelude::*;

	fn note(rng: &mut StdRng) -> NotePlaintext {
		let mut memo = [0u8; MEMO_BYTES];
		memo[..5].copy_from_slice(b"hello");
		NotePlaintext { asset: AssetId::native(), value: 42, ar: Scalar::rand(rng), memo }
	}

	proptest! {
		#![proptest_config(ProptestConfig::with_cases(16))]

		#[test]
		fn receiver_and_tk_decrypt_others_do_not(owner: [u8; 32], other: [u8; 32], rng_seed: u64) {
			prop_assume!(owner != other);
			let mut rng = StdRng::seed_from_u64(rng_seed);
			let owner = SpendingKey::from_seed(&Seed::from_bytes(owner));
			let other = SpendingKey::from_seed(&Seed::from_bytes(other));
			let pkr = owner.public_key().one_time_address(&mut rng);
			let plain = note(&mut rng);
			let sealed = encrypt(&pkr, &plain, &mut rng);

			let vskr = *owner.one_time_secret(&pkr).unwrap().vskr();
			prop_assert_eq!(decrypt(&vskr, &sealed), Some(plain.clone()));
			let tk_vskr = owner.tracing_key().view_key(&pkr).unwrap();
			prop_assert_eq!(decrypt(&tk_vskr, &sealed), Some(plain));

			// Another account has no vskr for this PKr; any key it has fails.
			prop_assert!(other.tracing_key().view_key(&pkr).is_none());
			let other_pkr = other.public_key().one_time_address(&mut rng);
			let other_vskr = *other.one_time_secret(&other_pkr).unwrap().vskr();
			prop_assert_eq!(decrypt(&other_vskr, &sealed), None);
		}
	}

	#[test]
	fn tampering_is_detected() {
		let mut rng = StdRng::seed_from_u64(5);
		let sk = SpendingKey::from_seed(&Seed::from_bytes([9; 32]));
		let pkr = sk.public_key().one_time_address(&mut rng);
		let vskr = *sk.one_time_secret(&pkr).unwrap().vskr();
		let sealed = encrypt(&pkr, &note(&mut rng), &mut rng);
		let mut flipped = sealed.clone();
		flipped.ciphertext[3] ^= 1;
		assert_eq!(decrypt(&vskr, &flipped), None);
		let mut other_epk = sealed;
		other_epk.epk = point::encode(&keys::mul_g(&Scalar::from(7u64)));
		assert_eq!(decrypt(&vskr, &other_epk), None);
	}
}
