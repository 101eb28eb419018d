//! What wallets and explorers ask about StakingNodes: the nodes, with their state. Served by
//! the node as `stakingNodes_list` and to polkadot.js from the metadata.

use crate::{NodeId, StakingNode};
use alloc::vec::Vec;
use codec::Codec;

/// A node as the API returns it: its name as plain bytes.
pub type NodeRecord<AccountId, BlockNumber> = StakingNode<AccountId, BlockNumber, Vec<u8>>;

/// Nodes with their numbers, as the API lists them.
pub type NodeList<AccountId, BlockNumber> = Vec<(NodeId, NodeRecord<AccountId, BlockNumber>)>;

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// The StakingNodes, read-only.
	pub trait StakingNodesApi<AccountId: Codec, BlockNumber: Codec> {
		/// Up to `limit` nodes from number `from` on, finished ones included, with their
		/// names as bytes.
		fn nodes(from: NodeId, limit: u32) -> Vec<(NodeId, NodeRecord<AccountId, BlockNumber>)>;
	}
}
