//! Amounts as people write them: SERO with up to 18 decimals, tokens in whole units (the
//! registry keeps no decimals for them).

use sero_crypto::asset::AssetId;

/// SERO's smallest units per coin: 10^18.
pub const SERO_DECIMALS: u32 = 18;

/// An amount that is not a positive number in the asset's units.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("amount {text:?}: not a positive number with at most {decimals} decimals")]
pub struct AmountError {
	/// What was given.
	pub text: String,
	/// The asset's decimals.
	pub decimals: u32,
}

/// Parses `text` in the asset's units: SERO has 18 decimals, tokens none.
pub fn parse_amount(text: &str, asset: &AssetId) -> Result<u128, AmountError> {
	let decimals = if *asset == AssetId::native() { SERO_DECIMALS } else { 0 };
	let bad = || AmountError { text: text.into(), decimals };
	let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
	if whole.is_empty() && fraction.is_empty()
		|| fraction.len() > decimals as usize
		|| !whole.chars().chain(fraction.chars()).all(|c| c.is_ascii_digit())
	{
		return Err(bad());
	}
	let scale = 10u128.pow(decimals);
	let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| bad())? };
	let fraction: u128 = if fraction.is_empty() {
		0
	} else {
		fraction.parse::<u128>().map_err(|_| bad())? * 10u128.pow(decimals - fraction.len() as u32)
	};
	let value = whole.checked_mul(scale).and_then(|w| w.checked_add(fraction)).ok_or_else(bad)?;
	if value == 0 {
		return Err(bad());
	}
	Ok(value)
}

/// `value` in the asset's units, for people.
pub fn display_amount(value: u128, asset: &AssetId) -> String {
	if *asset != AssetId::native() {
		return value.to_string();
	}
	let scale = 10u128.pow(SERO_DECIMALS);
	let fraction = format!("{:0width$}", value % scale, width = SERO_DECIMALS as usize);
	let fraction = fraction.trim_end_matches('0');
	if fraction.is_empty() {
		format!("{}", value / scale)
	} else {
		format!("{}.{fraction}", value / scale)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn amounts_parse_in_the_assets_units() {
		let sero = AssetId::native();
		assert_eq!(parse_amount("30", &sero).unwrap(), 30 * 10u128.pow(18));
		assert_eq!(parse_amount("0.5", &sero).unwrap(), 5 * 10u128.pow(17));
		assert_eq!(parse_amount(".000000000000000001", &sero).unwrap(), 1);
		for bad in
			["", ".", "0", "-1", "1e3", "1.0000000000000000001", "x", "99999999999999999999999"]
		{
			assert!(parse_amount(bad, &sero).is_err(), "{bad:?}");
		}
		let token = AssetId::token(b"GOLD").unwrap();
		assert_eq!(parse_amount("12", &token).unwrap(), 12);
		assert!(parse_amount("1.5", &token).is_err());
		assert_eq!(display_amount(70_994 * 10u128.pow(15), &sero), "70.994");
		assert_eq!(display_amount(10u128.pow(18), &sero), "1");
		assert_eq!(display_amount(12, &token), "12");
	}
}
