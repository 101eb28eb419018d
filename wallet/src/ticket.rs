//! Tickets as the command line names them: `CATEGORY:VALUE`, the value a number below
//! 2¹²⁸ in decimal or any 256-bit value as `0x` and up to 64 hex digits (big-endian).

use sero_crypto::asset::AssetId;

/// Why a ticket's name does not parse.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum TicketNameError {
	/// No `:` between the category and the value.
	#[error("a ticket is named CATEGORY:VALUE (e.g. CINEMA:7 or CINEMA:0x07…)")]
	NoSeparator,
	/// The category is not `^[A-Z][A-Z0-9_]{0,31}$`.
	#[error("{0:?} is not a category name (A–Z, 0–9 and _, from a letter, up to 32)")]
	BadCategory(String),
	/// The value is not a number of 256 bits.
	#[error(
		"{0:?} is not a ticket value: a decimal number below 2^128, or 0x and up to 64 hex digits"
	)]
	BadValue(String),
}

/// A ticket: its category and its 256-bit value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TicketName {
	/// The category.
	pub category: Vec<u8>,
	/// The value, big-endian.
	pub value: [u8; 32],
}

impl TicketName {
	/// The ticket's asset id in the pool.
	pub fn asset(&self) -> AssetId {
		AssetId::ticket(&self.category, &self.value).expect("a checked category")
	}
}

impl std::str::FromStr for TicketName {
	type Err = TicketNameError;

	fn from_str(text: &str) -> Result<Self, Self::Err> {
		let (category, value) = text.split_once(':').ok_or(TicketNameError::NoSeparator)?;
		AssetId::token(category.as_bytes())
			.map_err(|_| TicketNameError::BadCategory(category.into()))?;
		let bad = || TicketNameError::BadValue(value.into());
		let mut bytes = [0u8; 32];
		if let Some(digits) = value.strip_prefix("0x") {
			if digits.is_empty() || digits.len() > 64 {
				return Err(bad());
			}
			let padded = format!("{digits:0>64}");
			hex::decode_to_slice(padded, &mut bytes).map_err(|_| bad())?;
		} else {
			let number: u128 = value.parse().map_err(|_| bad())?;
			bytes[16..].copy_from_slice(&number.to_be_bytes());
		}
		Ok(Self { category: category.as_bytes().to_vec(), value: bytes })
	}
}

impl std::fmt::Display for TicketName {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		let category = String::from_utf8_lossy(&self.category);
		if self.value[..16] == [0; 16] {
			let low: [u8; 16] = self.value[16..].try_into().expect("16 bytes");
			write!(f, "{category}:{}", u128::from_be_bytes(low))
		} else {
			write!(f, "{category}:0x{}", hex::encode(self.value))
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn ticket_names_round_trip_and_bad_ones_say_why() {
		for text in ["CINEMA:7", "CINEMA:0", "A_1:340282366920938463463374607431768211455"] {
			assert_eq!(text.parse::<TicketName>().unwrap().to_string(), text);
		}
		let big = format!("CINEMA:0x{}", "ab".repeat(32));
		assert_eq!(big.parse::<TicketName>().unwrap().to_string(), big);
		// Short hex is a number: 0x07 is 7.
		assert_eq!("CINEMA:0x07".parse::<TicketName>().unwrap().to_string(), "CINEMA:7");
		assert_eq!("CINEMA:7".parse::<TicketName>().unwrap().value[31], 7);
		assert_eq!(
			"CINEMA:7".parse::<TicketName>().unwrap().asset(),
			AssetId::ticket(b"CINEMA", &{
				let mut v = [0; 32];
				v[31] = 7;
				v
			})
			.unwrap()
		);
		assert_eq!("CINEMA".parse::<TicketName>(), Err(TicketNameError::NoSeparator));
		assert!(matches!("cinema:7".parse::<TicketName>(), Err(TicketNameError::BadCategory(_))));
		for value in ["", "-1", "0x", "x7", "340282366920938463463374607431768211456"] {
			let text = format!("CINEMA:{value}");
			assert!(
				matches!(text.parse::<TicketName>(), Err(TicketNameError::BadValue(_))),
				"{text}"
			);
		}
		let too_long = format!("CINEMA:0x{}", "1".repeat(65));
		assert!(matches!(too_long.parse::<TicketName>(), Err(TicketNameError::BadValue(_))));
	}
}
