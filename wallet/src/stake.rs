//! Shares and StakingNodes (SPEC §7): the calls the wallet signs for them from a transparent
//! account, and the share counts and owners it shows. A private purchase (`shares buy
//! --private`) is a shielded transaction paying the share pool ([`crate::transfer`]).

use pallet_share_pool::{runtime_api::PurchaseStatus, Voter};
use polkadot_sdk::sp_core::crypto::{AccountId32, Ss58Codec};
use sero_runtime::RuntimeCall;

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
