//! What the wallet asks a node, over its standard JSON-RPC methods only: runtime API calls
//! (`state_call` into `ShieldedApi`, `ClientApi` and the share pool's APIs, at a block the
//! wallet chooses, so one sync reads one consistent state), blocks, and extrinsic
//! submission. No storage key: a pallet's storage layout can change in an upgrade, its
//! runtime API keeps its meaning.

use crate::rpc::{Rpc, RpcError};
use codec::{Decode, Encode};
use pallet_share_pool::runtime_api::{PoolStatus, PurchaseFilter, PurchaseStatus, MAX_SCAN};
use pallet_staking_nodes::runtime_api::NodeList;
use pallet_tickets::runtime_api::TicketRecord;
use polkadot_sdk::sp_core::{crypto::AccountId32, H256};
use serde_json::{json, Value};
use sero_runtime::BlockNumber;
use sero_shielded_primitives::{
	Anchor, AssetId, AssetInfo, Bytes32, LeafRecord, Nullifier, PackageId, PackageRecord, TreeState,
};

/// A block by number and hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct BlockRef {
	/// Its height.
	pub number: BlockNumber,
	/// Its hash.
	pub hash: [u8; 32],
}

/// Why the node could not answer.
#[derive(Debug, thiserror::Error)]
pub enum ChainError {
	/// The RPC call failed.
	#[error(transparent)]
	Rpc(#[from] RpcError),
	/// The node answered something this wallet cannot read: most likely a runtime it was
	/// not built for.
	#[error(
		"unexpected answer from the node to {0} (is the wallet built for this chain's runtime?)"
	)]
	Malformed(String),
}

/// The chain as sync sees it.
pub trait Chain: Sync {
	/// The best block.
	fn best(&self) -> Result<BlockRef, ChainError>;
	/// The hash of the canonical block at `number`, if the chain is that long.
	fn block_hash(&self, number: BlockNumber) -> Result<Option<[u8; 32]>, ChainError>;
	/// The number of leaves in the tree after block `at`.
	fn leaf_count(&self, at: [u8; 32]) -> Result<u64, ChainError>;
	/// Up to `limit` leaves from `from`, in the state of block `at`.
	fn leaves(&self, from: u64, limit: u32, at: [u8; 32]) -> Result<Vec<LeafRecord>, ChainError>;
	/// The block that spent `nil`, in the state of block `at`.
	fn spent_at(&self, nil: Nullifier, at: [u8; 32]) -> Result<Option<BlockNumber>, ChainError>;
}

/// The node as spending sees it: what building a transaction reads, its pool, and the
/// blocks that include what it accepted.
pub trait Pool: Chain {
	/// The tree's size and root after block `at`.
	fn tree_state(&self, at: [u8; 32]) -> Result<TreeState, ChainError>;
	/// The path of leaf `position` under `root`, in the state of block `at`.
	fn auth_path(
		&self,
		position: u64,
		root: Anchor,
		at: [u8; 32],
	) -> Result<Option<Vec<Bytes32>>, ChainError>;
	/// The smallest fee for a transaction of this shape, at block `at`.
	fn minimum_fee(&self, inputs: u32, outputs: u32, at: [u8; 32]) -> Result<u128, ChainError>;
	/// The asset registered under `id`, at block `at`.
	fn asset(&self, id: AssetId, at: [u8; 32]) -> Result<Option<AssetInfo>, ChainError>;
	/// The ticket with asset id `id`, if allotted, at block `at`.
	fn ticket(&self, id: AssetId, at: [u8; 32]) -> Result<Option<TicketRecord>, ChainError>;
	/// The package `id`, at block `at`.
	fn package(&self, id: PackageId, at: [u8; 32]) -> Result<Option<Package>, ChainError>;
	/// Up to `limit` packages from the `from`-th created on, at block `at`.
	fn packages(
		&self,
		from: u32,
		limit: u32,
		at: [u8; 32],
	) -> Result<Vec<(PackageId, Package)>, ChainError>;
	/// The free transparent balance of `account` at block `at`.
	fn free_balance(&self, account: &AccountId32, at: [u8; 32]) -> Result<u128, ChainError>;
	/// The next nonce of `account`, counting its transactions in the pool.
	fn next_nonce(&self, account: &AccountId32) -> Result<u32, ChainError>;
	/// `(spec_version, transaction_version)` of the runtime at the best block.
	fn runtime_version(&self) -> Result<(u32, u32), ChainError>;
	/// Submits a SCALE-encoded extrinsic; its hash, or the pool's reason for refusing it.
	fn submit(&self, extrinsic: &[u8]) -> Result<[u8; 32], RpcError>;
	/// Whether the pool still holds extrinsic `hash`.
	fn is_pending(&self, hash: [u8; 32]) -> Result<bool, ChainError>;
	/// The extrinsics of block `at`, encoded.
	fn block_extrinsics(&self, at: [u8; 32]) -> Result<Vec<Vec<u8>>, ChainError>;
	/// The events of block `at`.
	fn events(&self, at: [u8; 32]) -> Result<Vec<EventRecord>, ChainError>;

	/// The genesis hash.
	fn genesis(&self) -> Result<[u8; 32], ChainError> {
		self.block_hash(0)?.ok_or_else(|| ChainError::Malformed("chain_getBlockHash(0)".into()))
	}

	/// The name the asset `id` is registered under, at block `at`.
	fn asset_name(&self, id: AssetId, at: [u8; 32]) -> Result<Option<String>, ChainError> {
		Ok(self.asset(id, at)?.map(|info| String::from_utf8_lossy(&info.name).into_owned()))
	}
}

/// A package as the chain keeps it.
pub type Package = PackageRecord<BlockNumber>;

/// An event of the runtime as the node stores it.
pub type EventRecord = polkadot_sdk::frame_system::EventRecord<sero_runtime::RuntimeEvent, H256>;

/// A node reached over JSON-RPC.
#[derive(Clone, Debug)]
pub struct Node {
	rpc: Rpc,
}

fn hex_bytes(value: &Value, what: &str) -> Result<Vec<u8>, ChainError> {
	value
		.as_str()
		.and_then(|s| hex::decode(s.trim_start_matches("0x")).ok())
		.ok_or_else(|| ChainError::Malformed(what.into()))
}

fn hash(value: &Value, what: &str) -> Result<[u8; 32], ChainError> {
	hex_bytes(value, what)?.try_into().map_err(|_| ChainError::Malformed(what.into()))
}

fn hex_arg(bytes: &[u8]) -> String {
	format!("0x{}", hex::encode(bytes))
}

impl Node {
	/// The node at `url` (`ws://host:port` or `http://host:port`).
	pub fn new(url: &str) -> Result<Self, ChainError> {
		Ok(Self { rpc: Rpc::new(url)? })
	}

	fn state_call<R: Decode>(
		&self,
		method: &str,
		args: impl Encode,
		at: [u8; 32],
	) -> Result<R, ChainError> {
		let reply =
			self.rpc.call("state_call", json!([method, hex_arg(&args.encode()), hex_arg(&at)]))?;
		R::decode(&mut &hex_bytes(&reply, method)?[..])
			.map_err(|_| ChainError::Malformed(method.into()))
	}

	/// The share pool's size and state at block `at`.
	pub fn share_pool_status(&self, at: [u8; 32]) -> Result<PoolStatus<BlockNumber>, ChainError> {
		self.state_call("SharePoolApi_status", (), at)
	}

	/// What `count` shares cost in all at block `at`; `None` for 0 or more than 1,000.
	pub fn share_quote(&self, count: u32, at: [u8; 32]) -> Result<Option<u128>, ChainError> {
		self.state_call("SharePoolApi_quote", count, at)
	}

	/// Every purchase `filter` selects at block `at`, oldest first, asked for a page of
	/// [`MAX_SCAN`] purchase numbers at a time.
	pub fn purchases(
		&self,
		filter: PurchaseFilter<AccountId32>,
		at: [u8; 32],
	) -> Result<Vec<PurchaseStatus<AccountId32, BlockNumber>>, ChainError> {
		let end = self.share_pool_status(at)?.next_purchase;
		let mut found = Vec::new();
		let mut from = 0;
		while from < end {
			let page: Vec<PurchaseStatus<AccountId32, BlockNumber>> =
				self.state_call("SharePoolApi_purchases", (filter.clone(), from, u32::MAX), at)?;
			found.extend(page);
			from = from.saturating_add(MAX_SCAN);
		}
		Ok(found)
	}

	/// Up to `limit` StakingNodes from number `from` on, at block `at`.
	pub fn staking_nodes(
		&self,
		from: u32,
		limit: u32,
		at: [u8; 32],
	) -> Result<NodeList<AccountId32, BlockNumber>, ChainError> {
		self.state_call("StakingNodesApi_nodes", (from, limit), at)
	}
}

impl Chain for Node {
	fn best(&self) -> Result<BlockRef, ChainError> {
		let hash = hash(&self.rpc.call("chain_getBlockHash", json!([]))?, "chain_getBlockHash")?;
		let header = self.rpc.call("chain_getHeader", json!([hex_arg(&hash)]))?;
		let number = header["number"]
			.as_str()
			.and_then(|n| u32::from_str_radix(n.trim_start_matches("0x"), 16).ok())
			.ok_or_else(|| ChainError::Malformed("chain_getHeader".into()))?;
		Ok(BlockRef { number, hash })
	}

	fn block_hash(&self, number: BlockNumber) -> Result<Option<[u8; 32]>, ChainError> {
		let reply = self.rpc.call("chain_getBlockHash", json!([number]))?;
		if reply.is_null() {
			return Ok(None);
		}
		hash(&reply, "chain_getBlockHash").map(Some)
	}

	fn leaf_count(&self, at: [u8; 32]) -> Result<u64, ChainError> {
		Ok(self.tree_state(at)?.size)
	}

	fn leaves(&self, from: u64, limit: u32, at: [u8; 32]) -> Result<Vec<LeafRecord>, ChainError> {
		self.state_call("ShieldedApi_leaves", (from, limit), at)
	}

	fn spent_at(&self, nil: Nullifier, at: [u8; 32]) -> Result<Option<BlockNumber>, ChainError> {
		self.state_call("ShieldedApi_spent_at", nil, at)
	}
}

impl Pool for Node {
	fn tree_state(&self, at: [u8; 32]) -> Result<TreeState, ChainError> {
		self.state_call("ShieldedApi_tree_state", (), at)
	}

	fn auth_path(
		&self,
		position: u64,
		root: Anchor,
		at: [u8; 32],
	) -> Result<Option<Vec<Bytes32>>, ChainError> {
		self.state_call("ShieldedApi_auth_path", (position, root), at)
	}

	fn minimum_fee(&self, inputs: u32, outputs: u32, at: [u8; 32]) -> Result<u128, ChainError> {
		self.state_call("ShieldedApi_minimum_fee", (inputs, outputs), at)
	}

	fn asset(&self, id: AssetId, at: [u8; 32]) -> Result<Option<AssetInfo>, ChainError> {
		self.state_call("ShieldedApi_asset", id, at)
	}

	fn ticket(&self, id: AssetId, at: [u8; 32]) -> Result<Option<TicketRecord>, ChainError> {
		self.state_call("TicketsApi_ticket", id, at)
	}

	fn package(&self, id: PackageId, at: [u8; 32]) -> Result<Option<Package>, ChainError> {
		self.state_call("ShieldedApi_package", id, at)
	}

	fn packages(
		&self,
		from: u32,
		limit: u32,
		at: [u8; 32],
	) -> Result<Vec<(PackageId, Package)>, ChainError> {
		self.state_call("ShieldedApi_packages", (from, limit), at)
	}

	fn free_balance(&self, account: &AccountId32, at: [u8; 32]) -> Result<u128, ChainError> {
		self.state_call("ClientApi_free_balance", account, at)
	}

	fn next_nonce(&self, account: &AccountId32) -> Result<u32, ChainError> {
		use polkadot_sdk::sp_core::crypto::Ss58Codec;
		let reply = self.rpc.call("system_accountNextIndex", json!([account.to_ss58check()]))?;
		reply
			.as_u64()
			.and_then(|n| u32::try_from(n).ok())
			.ok_or_else(|| ChainError::Malformed("system_accountNextIndex".into()))
	}

	fn runtime_version(&self) -> Result<(u32, u32), ChainError> {
		let v = self.rpc.call("state_getRuntimeVersion", json!([]))?;
		let field = |name: &str| {
			v[name]
				.as_u64()
				.and_then(|n| u32::try_from(n).ok())
				.ok_or_else(|| ChainError::Malformed(format!("state_getRuntimeVersion.{name}")))
		};
		Ok((field("specVersion")?, field("transactionVersion")?))
	}

	fn submit(&self, extrinsic: &[u8]) -> Result<[u8; 32], RpcError> {
		let reply = self.rpc.call("author_submitExtrinsic", json!([hex_arg(extrinsic)]))?;
		hash(&reply, "author_submitExtrinsic").map_err(|e| RpcError::Reply(e.to_string()))
	}

	fn block_extrinsics(&self, at: [u8; 32]) -> Result<Vec<Vec<u8>>, ChainError> {
		let block = self.rpc.call("chain_getBlock", json!([hex_arg(&at)]))?;
		block["block"]["extrinsics"]
			.as_array()
			.ok_or_else(|| ChainError::Malformed("chain_getBlock".into()))?
			.iter()
			.map(|x| hex_bytes(x, "chain_getBlock"))
			.collect()
	}

	fn events(&self, at: [u8; 32]) -> Result<Vec<EventRecord>, ChainError> {
		self.state_call("ClientApi_events", (), at)
	}

	fn is_pending(&self, hash: [u8; 32]) -> Result<bool, ChainError> {
		let pending = self.rpc.call("author_pendingExtrinsics", json!([]))?;
		let pending = pending
			.as_array()
			.ok_or_else(|| ChainError::Malformed("author_pendingExtrinsics".into()))?;
		for xt in pending {
			let bytes = hex_bytes(xt, "author_pendingExtrinsics")?;
			if polkadot_sdk::sp_io::hashing::blake2_256(&bytes) == hash {
				return Ok(true);
			}
		}
		Ok(false)
	}
}
