//! `sharePool_*` and `stakingNodes_*`: what wallets and explorers ask about the PoS share
//! pool (SPEC §7), answered from the runtime's `SharePoolApi` and `StakingNodesApi` at the
//! best block. Amounts are decimal strings of ta (10⁻¹⁸ SERO); accounts are SS58, one-time
//! addresses (the owners of private purchases) hex.

use std::sync::Arc;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use pallet_share_pool::{
	runtime_api::{PurchaseFilter, PurchaseStatus, SharePoolApi},
	Owner, Voter,
};
use pallet_staking_nodes::{runtime_api::StakingNodesApi, NodeState, StakingNode};
use polkadot_sdk::sp_core::{
	crypto::{AccountId32, Ss58Codec},
	H256,
};
use serde::{Deserialize, Serialize};
use sero_runtime::BlockNumber;

use super::{at_best, error};
use crate::service::FullClient;

/// The most purchases or nodes one call returns.
pub const MAX_ITEMS: u32 = 1_000;

/// JSON-RPC error code of a parameter that is not what it should be.
const BAD_PARAMETER: i32 = 2_001;

/// The pool as it stands.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct PoolStatus {
	/// Shares in the pool, drawable.
	pub in_pool: u64,
	/// Shares waiting for the next block to enter the pool.
	pub pending: u64,
	/// What the next share costs.
	pub next_share_price: String,
	/// Whether a block drawing now needs two votes.
	pub need_two_votes: bool,
	/// Votes missed over the window.
	pub missed_in_window: u32,
	/// Blocks from a vote to its payout.
	pub payout_period: BlockNumber,
	/// Blocks a share stays undrawn before it expires.
	pub expiry: BlockNumber,
	/// Blocks a missed share's principal stays locked.
	pub missed_lock: BlockNumber,
	/// The pool size from which blocks need two votes.
	pub need_two_votes_from: u64,
	/// The blocks whose missed votes count.
	pub miss_window: BlockNumber,
	/// The number the next purchase gets: purchases are numbered from 0 up to it.
	pub next_purchase: u64,
	/// The best block the answer is from.
	pub block: H256,
}

/// A purchase and where its shares are.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Purchase {
	/// Its number.
	pub id: u64,
	/// The buyer: an SS58 account, or for a private purchase its one-time address, hex.
	pub owner: String,
	/// The StakingNode that votes for it; absent for a solo purchase.
	pub staking_node: Option<u32>,
	/// The node's fee when bought, in basis points (0 for solo).
	pub fee_bps: u16,
	/// The key that votes for its shares now.
	pub vote_key: H256,
	/// Shares bought.
	pub count: u32,
	/// The price of each.
	pub price_each: String,
	/// The block of the purchase.
	pub bought_at: BlockNumber,
	/// Shares in the pool now.
	pub in_pool: u64,
	/// Shares drawn and voted.
	pub voted: u32,
	/// Shares drawn and missed.
	pub missed: u32,
	/// Shares expired undrawn.
	pub expired: u32,
	/// Voted and missed shares paid back.
	pub paid: u32,
}

impl From<PurchaseStatus<AccountId32, BlockNumber>> for Purchase {
	fn from(status: PurchaseStatus<AccountId32, BlockNumber>) -> Self {
		let purchase = status.purchase;
		Self {
			id: status.id,
			owner: purchase.owner.to_text(),
			staking_node: match purchase.voter {
				Voter::Solo(_) => None,
				Voter::Node(node) => Some(node),
			},
			fee_bps: purchase.fee_bps,
			vote_key: status.vote_key.into(),
			count: purchase.count,
			price_each: purchase.price_each.to_string(),
			bought_at: purchase.bought_at,
			in_pool: status.in_pool,
			voted: purchase.voted,
			missed: purchase.missed,
			expired: purchase.expired,
			paid: purchase.paid,
		}
	}
}

/// A StakingNode.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Node {
	/// Its number.
	pub id: u32,
	/// Its name (invalid UTF-8 replaced).
	pub name: String,
	/// Its operator.
	pub operator: String,
	/// Its vote key.
	pub vote_key: H256,
	/// Its fee for new shares, in basis points.
	pub fee_bps: u16,
	/// Its stake, held.
	pub stake: String,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// `open`, `closed` or `finished`.
	pub state: String,
	/// The block it closed or finished in.
	pub state_since: Option<BlockNumber>,
	/// Its shares whose principal is still held.
	pub shares: u64,
}

impl Node {
	fn new(id: u32, node: StakingNode<AccountId32, BlockNumber, Vec<u8>>) -> Self {
		let (state, state_since) = match node.state {
			NodeState::Open => ("open", None),
			NodeState::Closed(at) => ("closed", Some(at)),
			NodeState::Finished(at) => ("finished", Some(at)),
		};
		Self {
			id,
			name: String::from_utf8_lossy(&node.name).into_owned(),
			operator: node.operator.to_ss58check(),
			vote_key: node.vote_key.into(),
			fee_bps: node.fee_bps,
			stake: node.stake.to_string(),
			registered_at: node.registered_at,
			state: state.into(),
			state_since,
			shares: node.delegated,
		}
	}
}

/// Share pool RPC methods.
#[rpc(server)]
pub trait SharePoolRpc {
	/// The pool's size, next share price, NeedTwoVote and periods.
	#[method(name = "sharePool_status")]
	fn status(&self) -> RpcResult<PoolStatus>;

	/// What `count` shares bought now cost in all (decimal string); null for 0 or more
	/// than 1,000.
	#[method(name = "sharePool_quote")]
	fn quote(&self, count: u32) -> RpcResult<Option<String>>;

	/// Purchases bought by `owner` (SS58) or voted for by `voteKey` (one of the two), among
	/// the 10,000 purchase numbers from `from` (default 0; page on up to the status's
	/// `nextPurchase`), at most `limit` (default and most 1,000).
	#[method(name = "sharePool_purchases")]
	fn purchases(
		&self,
		owner: Option<String>,
		vote_key: Option<H256>,
		from: Option<u64>,
		limit: Option<u32>,
	) -> RpcResult<Vec<Purchase>>;

	/// StakingNodes from number `from` (default 0), at most `limit` (default and most
	/// 1,000), finished ones included.
	#[method(name = "stakingNodes_list")]
	fn staking_nodes(&self, from: Option<u32>, limit: Option<u32>) -> RpcResult<Vec<Node>>;
}

/// Implementation of [`SharePoolRpcServer`].
pub struct SharePool {
	client: Arc<FullClient>,
}

impl SharePool {
	/// The methods over `client`.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

/// `limit`, at most [`MAX_ITEMS`].
fn bounded(limit: Option<u32>) -> u32 {
	limit.unwrap_or(MAX_ITEMS).min(MAX_ITEMS)
}

impl SharePoolRpcServer for SharePool {
	fn status(&self) -> RpcResult<PoolStatus> {
		let (status, block) = at_best(&self.client, |api, at| api.status(at))?;
		let parameters = status.parameters;
		Ok(PoolStatus {
			in_pool: status.in_pool,
			pending: status.pending,
			next_share_price: status.next_share_price.to_string(),
			need_two_votes: status.need_two_votes,
			missed_in_window: status.missed_in_window,
			payout_period: parameters.payout_period,
			expiry: parameters.expiry,
			missed_lock: parameters.missed_lock,
			need_two_votes_from: parameters.need_two_votes_from,
			miss_window: parameters.miss_window,
			next_purchase: status.next_purchase,
			block,
		})
	}

	fn quote(&self, count: u32) -> RpcResult<Option<String>> {
		Ok(at_best(&self.client, |api, at| api.quote(at, count))?.0.map(|total| total.to_string()))
	}

	fn purchases(
		&self,
		owner: Option<String>,
		vote_key: Option<H256>,
		from: Option<u64>,
		limit: Option<u32>,
	) -> RpcResult<Vec<Purchase>> {
		let filter = match (owner, vote_key) {
			(Some(_), Some(_)) => {
				return Err(error(BAD_PARAMETER, "give an owner or a vote key, not both".into()));
			},
			(Some(owner), None) => PurchaseFilter::Owner(
				Owner::from_text(&owner).map_err(|e| error(BAD_PARAMETER, e))?,
			),
			(None, Some(key)) => PurchaseFilter::VoteKey(key.0),
			(None, None) => {
				return Err(error(BAD_PARAMETER, "give an owner or a vote key".into()));
			},
		};
		let (purchases, _) = at_best(&self.client, |api, at| {
			api.purchases(at, filter, from.unwrap_or(0), bounded(limit))
		})?;
		Ok(purchases.into_iter().map(Purchase::from).collect())
	}

	fn staking_nodes(&self, from: Option<u32>, limit: Option<u32>) -> RpcResult<Vec<Node>> {
		let (nodes, _) =
			at_best(&self.client, |api, at| api.nodes(at, from.unwrap_or(0), bounded(limit)))?;
		Ok(nodes.into_iter().map(|(id, node)| Node::new(id, node)).collect())
	}
}
