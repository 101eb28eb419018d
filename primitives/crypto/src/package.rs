//! A package's sealed content (SPEC §6; docs/SHIELDED.md, "Tickets and packages"): the
//! asset and amount it holds, the blinding `ar` of its commitment, and up to
//! [`MAX_DATA_BYTES`] of data, sealed with ChaCha20-Poly1305 under a random 32-byte key its
//! creator hands out. The package's id is the associated data, so a sealed content cannot be
//! passed off as another package's.
//!
//! The key is random, not derived from the owner's keys: a TK holder of the owner sees that
//! the account holds a package, not what is in it. One key seals one message, so the nonce
//! is zero. The proof of a package binds its commitment, not this ciphertext: a key holder
//! checks the content against the commitment ([`PackageContent::matches`]) before relying
//! on it.

use crate::{
	asset::{self, AssetId},
	constants, keys, point, Point, Scalar,
};
use alloc::vec::Vec;
use chacha20poly1305::{
	aead::{Aead, Payload},
	ChaCha20Poly1305, KeyInit, Nonce,
};

/// The most data a package carries.
pub const MAX_DATA_BYTES: usize = 1024;
/// The fixed part of the plaintext: asset id, value, blinding.
const HEADER_BYTES: usize = 32 + 16 + 32;
/// The Poly1305 tag.
const TAG_BYTES: usize = 16;
/// The longest sealed content.
pub const MAX_SEALED_BYTES: usize = HEADER_BYTES + MAX_DATA_BYTES + TAG_BYTES;

/// What a package holds.
#[derive(Clone, PartialEq, Eq, Debug)]
pub struct PackageContent {
	/// The asset.
	pub asset: AssetId,
	/// The amount (1 for a ticket; 0 for data alone).
	pub value: u128,
	/// The blinding `ar` of the package's commitment.
	pub ar: Scalar,
	/// Free data, at most [`MAX_DATA_BYTES`].
	pub data: Vec<u8>,
}

impl PackageContent {
	/// The commitment `value·B(asset) + ar·G_r` this content opens; `None` for an asset
	/// without a base.
	pub fn asset_cm(&self) -> Option<Point> {
		Some(asset::asset_cm(&self.asset.base()?, self.value, &self.ar))
	}

	/// Whether this content opens the commitment `asset_cm` (its encoding).
	pub fn matches(&self, asset_cm: &[u8; 32]) -> bool {
		self.asset_cm().is_some_and(|cm| point::encode(&cm) == *asset_cm)
	}
}

/// The associated data: the tag and the package's id.
fn associated_data(id: &[u8; 32]) -> Vec<u8> {
	let mut aad = constants::PACKAGE_SEAL.as_bytes().to_vec();
	aad.extend_from_slice(id);
	aad
}

/// Seals `content` for the package `id` under `key`; `None` when the data is longer than
/// [`MAX_DATA_BYTES`].
pub fn seal(key: &[u8; 32], id: &[u8; 32], content: &PackageContent) -> Option<Vec<u8>> {
	if content.data.len() > MAX_DATA_BYTES {
		return None;
	}
	let mut plain = Vec::with_capacity(HEADER_BYTES + content.data.len());
	plain.extend_from_slice(&content.asset.to_bytes());
	plain.extend_from_slice(&content.value.to_le_bytes());
	plain.extend_from_slice(&keys::scalar_to_bytes(&content.ar));
	plain.extend_from_slice(&content.data);
	let cipher = ChaCha20Poly1305::new(key.into());
	let aad = associated_data(id);
	cipher.encrypt(&Nonce::default(), Payload { msg: &plain, aad: &aad }).ok()
}

/// Opens the sealed content of the package `id` with `key`; `None` for a wrong key, another
/// package's content, or a plaintext that is not a content.
pub fn open(key: &[u8; 32], id: &[u8; 32], sealed: &[u8]) -> Option<PackageContent> {
	if sealed.len() > MAX_SEALED_BYTES {
		return None;
	}
	let cipher = ChaCha20Poly1305::new(key.into());
	let aad = associated_data(id);
	let plain = cipher.decrypt(&Nonce::default(), Payload { msg: sealed, aad: &aad }).ok()?;
	if plain.len() < HEADER_BYTES {
		return None;
	}
	Some(PackageContent {
		asset: AssetId::from_bytes(plain[..32].try_into().ok()?)?,
		value: u128::from_le_bytes(plain[32..48].try_into().ok()?),
		ar: keys::scalar_from_bytes(plain[48..80].try_into().ok()?)?,
		data: plain[HEADER_BYTES..].to_vec(),
	})
}

#[cfg(test)]
mod tests {
	use super::*;

	fn content(data: &[u8]) -> PackageContent {
		PackageContent {
			asset: AssetId::native(),
			value: 25,
			ar: Scalar::from(99u64),
			data: data.to_vec(),
		}
	}

	#[test]
	fn a_sealed_content_opens_with_its_key_and_id_only() {
		let (key, id) = ([7; 32], [1; 32]);
		let sealed = seal(&key, &id, &content(b"hello")).unwrap();
		assert_eq!(sealed.len(), HEADER_BYTES + 5 + TAG_BYTES);
		assert_eq!(open(&key, &id, &sealed), Some(content(b"hello")));
		assert_eq!(open(&[8; 32], &id, &sealed), None, "another key");
		assert_eq!(open(&key, &[2; 32], &sealed), None, "another package's id");
		let mut altered = sealed.clone();
		altered[0] ^= 1;
		assert_eq!(open(&key, &id, &altered), None);
		assert_eq!(open(&key, &id, &sealed[..10]), None);
	}

	#[test]
	fn data_is_bounded_and_the_content_opens_its_commitment() {
		let (key, id) = ([7; 32], [1; 32]);
		let most = content(&[3; MAX_DATA_BYTES]);
		let sealed = seal(&key, &id, &most).unwrap();
		assert_eq!(sealed.len(), MAX_SEALED_BYTES);
		assert_eq!(open(&key, &id, &sealed), Some(most.clone()));
		assert_eq!(seal(&key, &id, &content(&[3; MAX_DATA_BYTES + 1])), None);
		let cm = point::encode(&most.asset_cm().unwrap());
		assert!(most.matches(&cm));
		assert!(!content(b"").matches(&[0; 32]));
		let other = PackageContent { value: 26, ..most };
		assert!(!other.matches(&cm));
	}
}
