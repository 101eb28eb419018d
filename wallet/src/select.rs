//! Coin selection: which unspent notes pay for a transaction.
//!
//! Per asset, the largest notes first, until their sum covers what is needed: the fewest
//! inputs, so the smallest fee (it grows with the number of proofs) and the least proving.
//! A transaction spends at most [`MAX_INPUTS`] notes.

use sero_crypto::asset::AssetId;
use sero_shielded_primitives::MAX_INPUTS;
use std::collections::BTreeMap;

/// Why no notes could be chosen.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SelectError {
	/// The wallet holds less of an asset than is needed.
	#[error("insufficient funds: {have} of {need} needed (asset 0x{})", hex::encode(asset.to_bytes()))]
	InsufficientFunds {
		/// The asset.
		asset: AssetId,
		/// What the unspent notes hold.
		have: u128,
		/// What the transaction needs.
		need: u128,
	},
	/// Paying needs more notes than one transaction spends.
	#[error("paying needs {needed} notes, more than the {MAX_INPUTS} one transaction spends")]
	TooManyInputs {
		/// How many notes it would take.
		needed: usize,
	},
}

/// The notes chosen and the change left per asset.
#[derive(Debug, PartialEq, Eq)]
pub struct Selection {
	/// Indices into the candidates, in the order chosen.
	pub chosen: Vec<usize>,
	/// What the chosen notes hold beyond the need, per asset (zero entries omitted).
	pub change: BTreeMap<AssetId, u128>,
}

/// Chooses among `candidates` (each note's asset and value) notes covering `need` per asset.
pub fn select(
	candidates: &[(AssetId, u128)],
	need: &BTreeMap<AssetId, u128>,
) -> Result<Selection, SelectError> {
	let mut chosen = Vec::new();
	let mut change = BTreeMap::new();
	for (asset, amount) in need.iter().filter(|(_, amount)| **amount > 0) {
		let mut notes: Vec<usize> =
			(0..candidates.len()).filter(|&i| candidates[i].0 == *asset).collect();
		notes.sort_by(|a, b| candidates[*b].1.cmp(&candidates[*a].1));
		let mut have = 0u128;
		for i in notes {
			if have >= *amount {
				break;
			}
			have = have.saturating_add(candidates[i].1);
			chosen.push(i);
		}
		if have < *amount {
			let total = candidates
				.iter()
				.filter(|(a, _)| a == asset)
				.fold(0u128, |sum, (_, v)| sum.saturating_add(*v));
			return Err(SelectError::InsufficientFunds {
				asset: *asset,
				have: total,
				need: *amount,
			});
		}
		if have > *amount {
			change.insert(*asset, have - amount);
		}
	}
	if chosen.len() > MAX_INPUTS as usize {
		return Err(SelectError::TooManyInputs { needed: chosen.len() });
	}
	Ok(Selection { chosen, change })
}

#[cfg(test)]
mod tests {
	use super::*;

	fn gold() -> AssetId {
		AssetId::token(b"GOLD").unwrap()
	}

	fn need(items: &[(AssetId, u128)]) -> BTreeMap<AssetId, u128> {
		items.iter().copied().collect()
	}

	#[test]
	fn the_largest_notes_first_and_the_change() {
		let sero = AssetId::native();
		let notes = [(sero, 5), (sero, 40), (gold(), 100), (sero, 20)];
		let selection = select(&notes, &need(&[(sero, 50)])).unwrap();
		assert_eq!(selection.chosen, vec![1, 3]);
		assert_eq!(selection.change, need(&[(sero, 10)]));

		let exact = select(&notes, &need(&[(sero, 40)])).unwrap();
		assert_eq!(exact.chosen, vec![1]);
		assert!(exact.change.is_empty());
	}

	#[test]
	fn several_assets_at_once() {
		let sero = AssetId::native();
		let notes = [(sero, 5), (gold(), 60), (gold(), 70), (sero, 3)];
		let selection = select(&notes, &need(&[(sero, 6), (gold(), 100)])).unwrap();
		let mut chosen = selection.chosen.clone();
		chosen.sort();
		assert_eq!(chosen, vec![0, 1, 2, 3]);
		assert_eq!(selection.change, need(&[(sero, 2), (gold(), 30)]));
	}

	#[test]
	fn insufficient_funds_say_what_there_is() {
		let sero = AssetId::native();
		let notes = [(sero, 5), (gold(), 1_000)];
		assert_eq!(
			select(&notes, &need(&[(sero, 6)])),
			Err(SelectError::InsufficientFunds { asset: sero, have: 5, need: 6 })
		);
		assert!(matches!(
			select(&[], &need(&[(gold(), 1)])),
			Err(SelectError::InsufficientFunds { have: 0, need: 1, .. })
		));
	}

	#[test]
	fn at_most_sixteen_inputs() {
		let sero = AssetId::native();
		let notes = vec![(sero, 1); 20];
		assert_eq!(select(&notes, &need(&[(sero, 16)])).unwrap().chosen.len(), 16);
		assert_eq!(
			select(&notes, &need(&[(sero, 17)])),
			Err(SelectError::TooManyInputs { needed: 17 })
		);
	}

	#[test]
	fn nothing_needed_chooses_nothing() {
		let notes = [(AssetId::native(), 5)];
		let selection = select(&notes, &need(&[(AssetId::native(), 0)])).unwrap();
		assert!(selection.chosen.is_empty() && selection.change.is_empty());
	}
}
