//! Paying public SERO into shielded notes, and issuing assets that live only in the pool
//! (tickets) into them: what the pallets that pay or issue (block rewards, the share pool,
//! tickets) ask of `pallet-shielded`, which the runtime joins to them, so none of them
//! depends on another.

use crate::{AssetId, PkrBytes};
use polkadot_sdk::{
	frame_support::{
		traits::fungible::{Balanced, Credit},
		weights::Weight,
	},
	sp_runtime::DispatchError,
};

/// The length of a note's public memo.
pub const MEMO_BYTES: usize = 64;

/// Pays SERO into a new shielded note for a one-time address (`pallet_shielded::pay_into_note`).
pub trait NotePayer<AccountId, Currency: Balanced<AccountId>> {
	/// Pays `credit` into a note for `pkr` with the public `memo`: the note's position, or
	/// the credit back when no note can be made (a malformed PKr, a zero amount, a full
	/// tree).
	fn pay_into_note(
		pkr: &PkrBytes,
		credit: Credit<AccountId, Currency>,
		memo: [u8; MEMO_BYTES],
	) -> Result<u64, Credit<AccountId, Currency>>;

	/// The most one payment costs.
	fn weight() -> Weight;
}

/// Issues an asset that lives only in the pool (a ticket) into a new shielded note for a
/// one-time address (`pallet_shielded::issue_into_note`).
pub trait NoteIssuer {
	/// Issues `value` of `asset` into a note for `pkr` with the public `memo`: the note's
	/// position. Writes nothing when it fails (a malformed PKr, a zero value, a full tree,
	/// an asset an account backs).
	fn issue_into_note(
		pkr: &PkrBytes,
		asset: AssetId,
		value: u128,
		memo: [u8; MEMO_BYTES],
	) -> Result<u64, DispatchError>;

	/// Whether a token (or SERO) is registered under `name`.
	fn is_token_name(name: &[u8]) -> bool;

	/// The most one issue costs ([`Self::is_token_name`] is one storage read).
	fn weight() -> Weight;
}

/// A memo of `text`, cut to [`MEMO_BYTES`] and padded with zeros.
pub const fn memo(text: &str) -> [u8; MEMO_BYTES] {
	let bytes = text.as_bytes();
	let mut memo = [0u8; MEMO_BYTES];
	let mut i = 0;
	while i < bytes.len() && i < MEMO_BYTES {
		memo[i] = bytes[i];
		i += 1;
	}
	memo
}
