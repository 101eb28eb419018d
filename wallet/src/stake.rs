//! Shares and StakingNodes (SPEC §7): the terms of a purchase, the calls the wallet signs
//! for them from a transparent account, the purchase a block reports, and the share counts
//! it shows. A private purchase (`shares buy --private`) is a shielded transaction paying
//! the share pool ([`private_purchase`], sent as any other spend: [`crate::spend`]).

use codec::Encode;
use pallet_share_pool::{
	runtime_api::{PurchaseFilter, PurchaseStatus},
	Command, Owner, Voter,
};
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use sero_crypto::asset::AssetId;
use sero_runtime::{BlockNumber, RuntimeCall, RuntimeEvent};

use crate::{
	amount::display_amount,
	chain::{BlockRef, ChainError, Node},
	transfer::Recipient,
};

/// Why a purchase was not made, or not found after its block.
#[derive(Debug, thiserror::Error)]
pub enum PurchaseError {
	/// The StakingNode named does not exist.
	#[error("no StakingNode has the number {0}")]
	NoSuchNode(u32),
	/// Not 1 to 1,000 shares.
	#[error("{0} shares: a purchase is of 1 to 1,000 shares")]
	BadCount(u32),
	/// The shares cost more now than the buyer's limit.
	#[error(
		"{count} shares cost {} SERO now, above --max-total {} SERO",
		display_amount(*quote, &AssetId::native()),
		display_amount(*limit, &AssetId::native())
	)]
	OverLimit {
		/// Shares asked for.
		count: u32,
		/// What they cost now.
		quote: u128,
		/// The buyer's limit.
		limit: u128,
	},
	/// The purchase's block lacks an event it must hold.
	#[error("the purchase's block holds no {0} event")]
	NoEvent(&'static str),
	/// The purchase is not among the owner's after its block.
	#[error("the purchase is not on chain after its block")]
	NotOnChain,
	/// The node could not be asked.
	#[error(transparent)]
	Chain(#[from] ChainError),
}

/// The terms of a purchase, settled before anything is paid.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Terms {
	/// The most of its votes' rewards the StakingNode may keep (0 for a solo voter).
	pub max_fee_bps: u16,
	/// What the shares cost now.
	pub quote: u128,
	/// The most the purchase may cost: what is offered, the rest coming back.
	pub limit: u128,
}

/// The terms of buying `count` shares for `voter` at block `at`: the fee limit
/// (`max_fee_bps`, or the StakingNode's current fee), the quote, and the price limit
/// (`max_total`, or [`default_max_total`] of the quote), which must cover the quote.
pub fn terms(
	node: &Node,
	count: u32,
	voter: Voter,
	max_fee_bps: Option<u16>,
	max_total: Option<u128>,
	at: [u8; 32],
) -> Result<Terms, PurchaseError> {
	let max_fee_bps = match (voter, max_fee_bps) {
		(Voter::Solo(_), _) => 0,
		(Voter::Node(_), Some(bps)) => bps,
		(Voter::Node(id), None) => {
			node.staking_nodes(id, 1, at)?
				.into_iter()
				.find(|(number, _)| *number == id)
				.ok_or(PurchaseError::NoSuchNode(id))?
				.1
				.fee_bps
		},
	};
	let quote = node.share_quote(count, at)?.ok_or(PurchaseError::BadCount(count))?;
	let limit = max_total.unwrap_or_else(|| default_max_total(quote));
	if limit < quote {
		return Err(PurchaseError::OverLimit { count, quote, limit });
	}
	Ok(Terms { max_fee_bps, quote, limit })
}

/// Where a private purchase pays its limit: the share pool, with the command to buy
/// `count` shares for `voter`; what they do not cost comes back as a note.
pub fn private_purchase(count: u32, voter: Voter, terms: &Terms) -> Recipient {
	Recipient::Module {
		target: sero_runtime::SharePoolPalletId::get().0,
		command: Command::BuyShares { count, voter, max_fee_bps: terms.max_fee_bps }.encode(),
	}
}

/// The owner of a private purchase: the one-time address its transaction named as its
/// `From` (in the pool's `Called` event).
pub fn private_owner(events: &[RuntimeEvent]) -> Result<Owner<AccountId32>, PurchaseError> {
	events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::Shielded(pallet_shielded::Event::Called { from, .. }) => {
				Some(Owner::Note(*from))
			},
			_ => None,
		})
		.ok_or(PurchaseError::NoEvent("Called"))
}

/// The purchase a block's `events` report (`SharesBought`), read back from the chain at
/// `block` among `owner`'s.
pub fn bought(
	node: &Node,
	block: BlockRef,
	events: &[RuntimeEvent],
	owner: Owner<AccountId32>,
) -> Result<PurchaseStatus<AccountId32, BlockNumber>, PurchaseError> {
	let id = events
		.iter()
		.find_map(|event| match event {
			RuntimeEvent::SharePool(pallet_share_pool::Event::SharesBought { id, .. }) => Some(*id),
			_ => None,
		})
		.ok_or(PurchaseError::NoEvent("SharesBought"))?;
	node.purchases(PurchaseFilter::Owner(owner), block.hash)?
		.into_iter()
		.find(|status| status.id == id)
		.ok_or(PurchaseError::NotOnChain)
}

/// Why a vote key given on the command line is not one.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("{0:?} is not a vote key: give 0x and 64 hex digits, or an SS58 address")]
pub struct BadVoteKey(pub String);

/// A vote key (an sr25519 public key) from `0x` and 64 hex digits, or from an SS58 address.
pub fn parse_vote_key(text: &str) -> Result<[u8; 32], BadVoteKey> {
	let bad = || BadVoteKey(text.into());
	if let Some(digits) = text.strip_prefix("0x") {
		let bytes = hex::decode(digits).map_err(|_| bad())?;
		return bytes.try_into().map_err(|_| bad());
	}
	AccountId32::from_ss58check(text).map(Into::into).map_err(|_| bad())
}

/// The most a purchase quoted at `quote` may cost by default: 1 % above the quote, for
/// purchases that enter the pool before it and raise the price.
pub fn default_max_total(quote: u128) -> u128 {
	quote.saturating_add(quote / 100)
}

/// `SharePool.buy_shares`.
pub fn buy_call(count: u32, voter: Voter, max_fee_bps: u16, max_total: u128) -> RuntimeCall {
	RuntimeCall::SharePool(pallet_share_pool::Call::buy_shares {
		count,
		voter,
		max_fee_bps,
		max_total,
	})
}

/// `StakingNodes.register`.
pub fn register_call(vote_key: [u8; 32], fee_bps: u16, name: &str) -> RuntimeCall {
	RuntimeCall::StakingNodes(pallet_staking_nodes::Call::register {
		vote_key,
		fee_bps,
		name: name.as_bytes().to_vec(),
	})
}

/// `StakingNodes.update`: `None` keeps a field as it is.
pub fn update_call(
	node: u32,
	vote_key: Option<[u8; 32]>,
	fee_bps: Option<u16>,
	name: Option<&str>,
) -> RuntimeCall {
	RuntimeCall::StakingNodes(pallet_staking_nodes::Call::update {
		node,
		vote_key,
		fee_bps,
		name: name.map(|name| name.as_bytes().to_vec()),
	})
}

/// `StakingNodes.close`.
pub fn close_call(node: u32) -> RuntimeCall {
	RuntimeCall::StakingNodes(pallet_staking_nodes::Call::close { node })
}

/// Where a purchase's shares are.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ShareCounts {
	/// Bought, waiting for the next block to enter the pool.
	pub pending: u32,
	/// In the pool, drawable.
	pub in_pool: u32,
	/// Drawn and voted.
	pub voted: u32,
	/// Drawn and missed.
	pub missed: u32,
	/// Expired undrawn (their principal is back).
	pub expired: u32,
	/// Voted or missed and not paid back yet.
	pub awaiting_payout: u32,
}

/// The counts of `status`'s purchase.
pub fn share_counts<B>(status: &PurchaseStatus<AccountId32, B>) -> ShareCounts {
	let purchase = &status.purchase;
	ShareCounts {
		pending: if purchase.slot.is_none() { purchase.count } else { 0 },
		in_pool: status.in_pool.try_into().unwrap_or(u32::MAX),
		voted: purchase.voted,
		missed: purchase.missed,
		expired: purchase.expired,
		awaiting_payout: (purchase.voted + purchase.missed).saturating_sub(purchase.paid),
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use pallet_share_pool::Purchase;

	#[test]
	fn vote_keys_are_hex_or_ss58() {
		let alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
		let key = parse_vote_key(alice).unwrap();
		assert_eq!(parse_vote_key(&format!("0x{}", hex::encode(key))), Ok(key));
		assert!(parse_vote_key("0x1234").is_err(), "too short");
		assert!(parse_vote_key(&format!("0x{}", "zz".repeat(32))).is_err());
		assert!(parse_vote_key("alice").is_err());
	}

	#[test]
	fn the_default_limit_is_one_percent_above_the_quote() {
		assert_eq!(default_max_total(200), 202);
		assert_eq!(default_max_total(u128::MAX), u128::MAX);
	}

	#[test]
	fn counts_follow_the_purchase() {
		let purchase = Purchase {
			owner: pallet_share_pool::Owner::Account(AccountId32::new([1; 32])),
			voter: Voter::Node(0),
			fee_bps: 3_000,
			count: 10,
			price_each: 2,
			bought_at: 1u32,
			slot: Some(0),
			voted: 3,
			missed: 2,
			expired: 1,
			paid: 4,
		};
		let status = PurchaseStatus { id: 0, purchase, in_pool: 4, vote_key: [0; 32] };
		assert_eq!(
			share_counts(&status),
			ShareCounts {
				pending: 0,
				in_pool: 4,
				voted: 3,
				missed: 2,
				expired: 1,
				awaiting_payout: 1
			}
		);
		let mut pending = status.clone();
		pending.purchase.slot = None;
		assert_eq!(share_counts(&pending).pending, 10);
	}
}
