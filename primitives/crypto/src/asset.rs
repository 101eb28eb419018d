//! Assets, their bases and commitments (SPEC §4).
//!
//! An asset is `(id, value)` with `value < 2¹²⁸`. Ids are field elements derived by
//! BLAKE2b from what names the asset: the native coin is the id of the name `"SERO"`, a
//! token the id of its name, a ticket the id of `(category, 256-bit value)`. The asset's
//! base `B(id) = HashToCurve(id)` and the commitment `asset_cm = value·B(id) + ar·G_r`.

use crate::{
	blake2b, constants, generators::G_R, hash_to_curve::hash_to_curve, Base, Point, Scalar,
};
use ark_ec::CurveGroup;
use core::fmt;

/// The longest token or ticket-category name.
pub const MAX_NAME_LEN: usize = 32;

/// The name of the native coin.
pub const NATIVE_NAME: &str = "SERO";

/// Why a token or category name is not allowed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum NameError {
	/// Names are 1 to 32 characters long.
	Length(usize),
	/// Names start with `A`–`Z`.
	FirstCharacter,
	/// After the first, characters are `A`–`Z`, `0`–`9` or `_`; the byte at this index is not.
	Character(usize),
}

impl fmt::Display for NameError {
	fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
		match self {
			NameError::Length(n) => write!(f, "a name has 1 to {MAX_NAME_LEN} characters, not {n}"),
			NameError::FirstCharacter => f.write_str("a name starts with a capital letter A-Z"),
			NameError::Character(i) => write!(f, "character {} is not one of A-Z, 0-9, _", i + 1),
		}
	}
}

/// Checks `^[A-Z][A-Z0-9_]{0,31}$`.
pub fn check_name(name: &[u8]) -> Result<(), NameError> {
	if name.is_empty() || name.len() > MAX_NAME_LEN {
		return Err(NameError::Length(name.len()));
	}
	if !name[0].is_ascii_uppercase() {
		return Err(NameError::FirstCharacter);
	}
	match name.iter().position(|c| !(c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'_')) {
		Some(i) => Err(NameError::Character(i)),
		None => Ok(()),
	}
}

/// An asset id: a field element naming the coin, a token or a ticket.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Debug)]
pub struct AssetId(Base);

impl AssetId {
	/// The native coin SERO.
	pub fn native() -> Self {
		Self::of_name(NATIVE_NAME.as_bytes())
	}

	/// The token named `name` (`^[A-Z][A-Z0-9_]{0,31}$`; `"SERO"` is the native coin).
	pub fn token(name: &[u8]) -> Result<Self, NameError> {
		check_name(name)?;
		Ok(Self::of_name(name))
	}

	/// The ticket `value` of the category `category`.
	pub fn ticket(category: &[u8], value: &[u8; 32]) -> Result<Self, NameError> {
		check_name(category)?;
		let personal = blake2b::personal(constants::TICKET_ASSET_ID);
		Ok(Self(blake2b::hash_to_base(&personal, &[&[category.len() as u8], category, value])))
	}

	fn of_name(name: &[u8]) -> Self {
		Self(blake2b::hash_to_base(&blake2b::personal(constants::TOKEN_ASSET_ID), &[name]))
	}

	/// The id as the circuits see it.
	pub fn to_base(&self) -> Base {
		self.0
	}

	/// The id's canonical 32-byte encoding.
	pub fn to_bytes(&self) -> [u8; 32] {
		crate::base_to_bytes(&self.0)
	}

	/// An id from its canonical encoding. Any field element is an id; whether it names
	/// a registered asset is the chain's business.
	pub fn from_bytes(bytes: &[u8; 32]) -> Option<Self> {
		crate::base_from_bytes(bytes).map(Self)
	}

	/// `B(id) = HashToCurve(id)`; `None` for the (never met) ids the map fails on.
	pub fn base(&self) -> Option<Point> {
		hash_to_curve(self.0)
	}
}

/// `asset_cm = value·B(id) + ar·G_r`.
pub fn asset_cm(base: &Point, value: u128, ar: &Scalar) -> Point {
	(*base * Scalar::from(value) + G_R * ar).into_affine()
}

/// `value·B(id)`: the commitment to a public amount (fee, shield, unshield), blinding 0.
pub fn public_value(base: &Point, value: u128) -> Point {
	(*base * Scalar::from(value)).into_affine()
}

#[cfg(test)]
mod tests {
	use super::*;
	use ark_ec::AffineRepr;
	use ark_ff::UniformRand;
	use ark_std::rand::{rngs::StdRng, SeedableRng};

	#[test]
	fn names_follow_the_rule() {
		assert!(AssetId::token(b"SERO").is_ok());
		assert!(AssetId::token(b"A").is_ok());
		assert!(AssetId::token(b"GOLD_2026").is_ok());
		assert_eq!(AssetId::token(b""), Err(NameError::Length(0)));
		assert_eq!(AssetId::token(&[b'A'; 33]), Err(NameError::Length(33)));
		assert_eq!(AssetId::token(b"gold"), Err(NameError::FirstCharacter));
		assert_eq!(AssetId::token(b"1GOLD"), Err(NameError::FirstCharacter));
		assert_eq!(AssetId::token(b"GOLD-X"), Err(NameError::Character(4)));
		assert_eq!(AssetId::token(b"SERO"), Ok(AssetId::native()));
	}

	#[test]
	fn ids_and_bases_are_distinct() {
		let ids = [
			AssetId::native(),
			AssetId::token(b"GOLD").unwrap(),
			AssetId::ticket(b"GOLD", &[0; 32]).unwrap(),
			AssetId::ticket(b"GOLD", &[1; 32]).unwrap(),
			AssetId::ticket(b"GOLE", &[0; 32]).unwrap(),
		];
		for (i, a) in ids.iter().enumerate() {
			assert_eq!(AssetId::from_bytes(&a.to_bytes()), Some(*a));
			let base = a.base().unwrap();
			assert!(base.is_in_correct_subgroup_assuming_on_curve());
			assert_ne!(base, G_R);
			for b in &ids[i + 1..] {
				assert_ne!(a, b);
				assert_ne!(base, b.base().unwrap());
			}
		}
	}

	#[test]
	fn commitments_add_up() {
		let mut rng = StdRng::seed_from_u64(4);
		let base = AssetId::native().base().unwrap();
		let (ar1, ar2) = (Scalar::rand(&mut rng), Scalar::rand(&mut rng));
		let sum = (asset_cm(&base, 5, &ar1) + asset_cm(&base, 7, &ar2)).into_affine();
		assert_eq!(sum, asset_cm(&base, 12, &(ar1 + ar2)));
		assert_eq!(asset_cm(&base, 9, &Scalar::from(0u64)), public_value(&base, 9));
		assert!(!asset_cm(&base, 0, &ar1).is_zero());
	}
}
