//! Readable addresses (SPEC §3): PK, TK and PKr as base58 text with a checksum.
//!
//! `base58(kind ‖ bytes ‖ checksum)`, where `kind` is one byte telling PK, TK and PKr apart
//! and `checksum` the first 4 bytes of `BLAKE2b-256("SERO_address", kind ‖ bytes)`. A typo
//! changes the checksum (a random string passes with probability 2⁻³²), and a TK pasted
//! where a PK belongs is refused by its kind.

use crate::{
	blake2b, constants,
	keys::{OneTimeAddress, PublicKey, TracingKey},
};
use core::{fmt, str::FromStr};

/// What an address string encodes.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
	/// A payment address PK.
	PublicKey,
	/// A tracing key TK.
	TracingKey,
	/// A one-time address PKr.
	OneTimeAddress,
}

impl Kind {
	fn tag(self) -> u8 {
		match self {
			Kind::PublicKey => 0x50,
			Kind::TracingKey => 0x54,
			Kind::OneTimeAddress => 0x52,
		}
	}

	fn from_tag(tag: u8) -> Option<Self> {
		[Kind::PublicKey, Kind::TracingKey, Kind::OneTimeAddress]
			.into_iter()
			.find(|k| k.tag() == tag)
	}

	fn payload_len(self) -> usize {
		match self {
			Kind::PublicKey => PublicKey::BYTES,
			Kind::TracingKey => TracingKey::BYTES,
			Kind::OneTimeAddress => OneTimeAddress::BYTES,
		}
	}
}

impl fmt::Display for Kind {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		f.write_str(match self {
			Kind::PublicKey => "payment address (PK)",
			Kind::TracingKey => "tracing key (TK)",
			Kind::OneTimeAddress => "one-time address (PKr)",
		})
	}
}

/// Why a string is not a valid address.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum AddressError {
	/// Not base58.
	#[error("not base58: {0}")]
	Base58(String),
	/// Decodes to the wrong number of bytes.
	#[error("wrong length: {found} bytes where a {kind} has {expected}")]
	Length {
		/// The kind expected.
		kind: Kind,
		/// Its length with tag and checksum.
		expected: usize,
		/// The length found.
		found: usize,
	},
	/// The checksum does not match: a typo.
	#[error("checksum mismatch: the address has a typo")]
	Checksum,
	/// A valid address of another kind.
	#[error("this is a {found}, not a {expected}")]
	WrongKind {
		/// The kind expected.
		expected: Kind,
		/// The kind found.
		found: Kind,
	},
	/// The checksum matches but the bytes are no valid key.
	#[error("the bytes are not a valid {0}")]
	InvalidKey(Kind),
}

fn checksum(tag: u8, payload: &[u8]) -> [u8; 4] {
	let digest =
		blake2b::hash256(&blake2b::personal(constants::ADDRESS_CHECKSUM), &[&[tag], payload]);
	[digest[0], digest[1], digest[2], digest[3]]
}

/// The text form of `payload` as a `kind`.
pub fn encode(kind: Kind, payload: &[u8]) -> String {
	let mut bytes = Vec::with_capacity(payload.len() + 5);
	bytes.push(kind.tag());
	bytes.extend_from_slice(payload);
	bytes.extend_from_slice(&checksum(kind.tag(), payload));
	bs58::encode(bytes).into_string()
}

/// The payload of a `kind` address.
pub fn decode(kind: Kind, text: &str) -> Result<Vec<u8>, AddressError> {
	let bytes =
		bs58::decode(text.trim()).into_vec().map_err(|e| AddressError::Base58(e.to_string()))?;
	let expected = kind.payload_len() + 5;
	if bytes.len() < 5 {
		return Err(AddressError::Length { kind, expected, found: bytes.len() });
	}
	let (body, check) = bytes.split_at(bytes.len() - 4);
	if checksum(body[0], &body[1..]) != check {
		return Err(AddressError::Checksum);
	}
	match Kind::from_tag(body[0]) {
		Some(found) if found != kind => {
			return Err(AddressError::WrongKind { expected: kind, found })
		},
		Some(_) => {},
		None => return Err(AddressError::InvalidKey(kind)),
	}
	if bytes.len() != expected {
		return Err(AddressError::Length { kind, expected, found: bytes.len() });
	}
	Ok(body[1..].to_vec())
}

macro_rules! text_form {
	($ty:ty, $kind:expr) => {
		impl fmt::Display for $ty {
			fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
				f.write_str(&encode($kind, &self.to_bytes()))
			}
		}

		impl FromStr for $ty {
			type Err = AddressError;

			fn from_str(text: &str) -> Result<Self, AddressError> {
				let payload = decode($kind, text)?;
				let bytes =
					payload.as_slice().try_into().map_err(|_| AddressError::InvalidKey($kind))?;
				<$ty>::from_bytes(bytes).ok_or(AddressError::InvalidKey($kind))
			}
		}
	};
}

text_form!(PublicKey, Kind::PublicKey);
text_form!(OneTimeAddress, Kind::OneTimeAddress);

impl TracingKey {
	/// The TK's text form. Not `Display`: a secret is never printed by accident.
	pub fn to_text(&self) -> String {
		encode(Kind::TracingKey, &self.to_bytes())
	}

	/// Parses a TK's text form.
	pub fn from_text(text: &str) -> Result<Self, AddressError> {
		let payload = decode(Kind::TracingKey, text)?;
		let bytes = payload
			.as_slice()
			.try_into()
			.map_err(|_| AddressError::InvalidKey(Kind::TracingKey))?;
		Self::from_bytes(bytes).ok_or(AddressError::InvalidKey(Kind::TracingKey))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::keys::{Seed, SpendingKey};
	use ark_std::rand::{rngs::StdRng, SeedableRng};

	fn account() -> SpendingKey {
		SpendingKey::from_seed(&Seed::from_bytes([11; 32]))
	}

	#[test]
	fn round_trips() {
		let sk = account();
		let pk = sk.public_key();
		let pkr = pk.one_time_address(&mut StdRng::seed_from_u64(6));
		assert_eq!(pk.to_string().parse::<PublicKey>(), Ok(pk));
		assert_eq!(pkr.to_string().parse::<OneTimeAddress>(), Ok(pkr));
		let tk = TracingKey::from_text(&sk.tracing_key().to_text()).unwrap();
		assert_eq!(tk.to_bytes(), sk.tracing_key().to_bytes());
	}

	#[test]
	fn every_single_character_typo_is_caught() {
		let text = account().public_key().to_string();
		let alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
		for (i, original) in text.char_indices().step_by(7) {
			for replacement in alphabet.chars().filter(|c| *c != original).take(5) {
				let mut typo = text.clone();
				typo.replace_range(i..i + 1, &replacement.to_string());
				let err = typo.parse::<PublicKey>().unwrap_err();
				assert!(
					matches!(err, AddressError::Checksum | AddressError::Length { .. }),
					"{typo}: {err}"
				);
			}
		}
	}

	#[test]
	fn clear_errors() {
		let sk = account();
		let err = sk.tracing_key().to_text().parse::<PublicKey>().unwrap_err();
		assert_eq!(err.to_string(), "this is a tracing key (TK), not a payment address (PK)");
		assert!(matches!("0OIl".parse::<PublicKey>(), Err(AddressError::Base58(_))));
		let short = encode(Kind::PublicKey, &[1, 2, 3]);
		assert_eq!(
			short.parse::<PublicKey>().unwrap_err().to_string(),
			"wrong length: 8 bytes where a payment address (PK) has 69"
		);
		let not_a_point = encode(Kind::PublicKey, &[0xff; 64]);
		assert_eq!(
			not_a_point.parse::<PublicKey>(),
			Err(AddressError::InvalidKey(Kind::PublicKey))
		);
	}
}
