//! What wallets and explorers ask about the share pool (issue 13, "Interfaces"): its size
//! and state, prices, and purchases by owner or by vote key. Read-only; served by the node
//! as `sharePool_*` RPC methods and to polkadot.js from the metadata.

use crate::{Balance, Owner, PoolParameters, Purchase, PurchaseId, VoteKey};
use alloc::vec::Vec;
use codec::{Codec, Decode, Encode};
use scale_info::TypeInfo;

/// The most purchase numbers one [`SharePoolApi::purchases`] call looks at: a caller pages
/// through the purchases by `from`, up to [`PoolStatus::next_purchase`].
pub const MAX_SCAN: u64 = 10_000;

/// The pool as it stands.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PoolStatus<BlockNumber> {
	/// Shares in the pool, drawable.
	pub in_pool: u64,
	/// Shares bought and waiting for the next block to enter the pool.
	pub pending: u64,
	/// What the next share bought costs.
	pub next_share_price: Balance,
	/// Whether a block drawing from the pool now needs two votes.
	pub need_two_votes: bool,
	/// The votes missed over the window NeedTwoVote looks at.
	pub missed_in_window: u32,
	/// The pool's periods and thresholds.
	pub parameters: PoolParameters<BlockNumber>,
	/// The number the next purchase gets: purchases are numbered from 0 up to it.
	pub next_purchase: PurchaseId,
}

/// A purchase with what the pool adds to it.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub struct PurchaseStatus<AccountId, BlockNumber> {
	/// Its number.
	pub id: PurchaseId,
	/// The purchase as stored.
	pub purchase: Purchase<AccountId, BlockNumber>,
	/// Its shares in the pool now (drawable); the rest of its count are pending (before it
	/// entered), or settled (voted, missed, expired).
	pub in_pool: u64,
	/// The key that votes for its shares drawn by the next block: its own, or its
	/// StakingNode's.
	pub vote_key: VoteKey,
}

/// Which purchases to list.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, Debug)]
pub enum PurchaseFilter<AccountId> {
	/// Those owned by this account, or this one-time address (bought privately).
	Owner(Owner<AccountId>),
	/// Those whose shares this key votes for now (its own, or its StakingNode's).
	VoteKey(VoteKey),
	/// Those bought from the shielded pool, whoever owns them: a wallet keeps those whose
	/// one-time address is its own.
	Private,
}

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// The share pool, read-only.
	pub trait SharePoolApi<AccountId: Codec, BlockNumber: Codec> {
		/// The pool as it stands.
		fn status() -> PoolStatus<BlockNumber>;
		/// What `count` shares bought now cost in all; `None` for 0 or more than 1,000.
		fn quote(count: u32) -> Option<Balance>;
		/// The purchases `filter` selects, oldest first, at most `limit` of them, among the
		/// purchase numbers `from` to `from + MAX_SCAN` (excluded).
		fn purchases(
			filter: PurchaseFilter<AccountId>,
			from: PurchaseId,
			limit: u32,
		) -> Vec<PurchaseStatus<AccountId, BlockNumber>>;
	}
}
