//! `shielded_*`: what wallets ask about the shielded pool (SPEC §9), answered from the
//! runtime's `ShieldedApi` at the best block.

use std::sync::Arc;

use jsonrpsee::{core::RpcResult, proc_macros::rpc};
use polkadot_sdk::sp_core::{Bytes, H256};
use serde::{Deserialize, Serialize};
use sero_shielded_primitives::{Anchor, LeafRecord, Nullifier, ShieldedApi, LEAVES_PAGE};

use super::at_best;
use crate::service::FullClient;

/// The tree's size and root.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct TreeState {
	/// The number of leaves (not `size`, which polkadot.js structs reserve).
	pub leaf_count: u64,
	/// The current root (an anchor).
	pub root: H256,
	/// The best block the answer is from.
	pub block: H256,
}

/// A leaf with its note, hex encoded.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct Leaf {
	/// Its position.
	pub position: u64,
	/// The one-time address, 96 bytes.
	pub pkr: Bytes,
	/// The asset commitment.
	pub asset_cm: H256,
	/// The ephemeral key of the note encryption.
	pub epk: H256,
	/// The encrypted note, 160 bytes.
	pub ciphertext: Bytes,
}

impl From<LeafRecord> for Leaf {
	fn from(record: LeafRecord) -> Self {
		Self {
			position: record.position,
			pkr: record.pkr.to_vec().into(),
			asset_cm: record.asset_cm.0.into(),
			epk: record.note.epk.into(),
			ciphertext: record.note.ciphertext.to_vec().into(),
		}
	}
}

/// Shielded pool RPC methods.
#[rpc(server, namespace = "shielded")]
pub trait ShieldedRpc {
	/// The tree's size and current root.
	#[method(name = "treeState")]
	fn tree_state(&self) -> RpcResult<TreeState>;

	/// Up to `limit` (≤ 1024) leaves from position `from`, with their encrypted notes.
	#[method(name = "leaves")]
	fn leaves(&self, from: u64, limit: u32) -> RpcResult<Vec<Leaf>>;

	/// The 32 siblings of leaf `position` (leaf level first) in the tree whose root is
	/// `root`; null if `root` is no recent anchor or the leaf was not in its tree.
	#[method(name = "authPath")]
	fn auth_path(&self, position: u64, root: H256) -> RpcResult<Option<Vec<H256>>>;

	/// Whether a nullifier is spent.
	#[method(name = "isSpent")]
	fn is_spent(&self, nil: H256) -> RpcResult<bool>;

	/// The smallest fee for a transaction with this many inputs and outputs, in SERO's
	/// smallest unit, as a decimal string.
	#[method(name = "minimumFee")]
	fn minimum_fee(&self, inputs: u32, outputs: u32) -> RpcResult<String>;
}

/// Implementation of [`ShieldedRpcServer`].
pub struct Shielded {
	client: Arc<FullClient>,
}

impl Shielded {
	/// The methods over `client`.
	pub fn new(client: Arc<FullClient>) -> Self {
		Self { client }
	}
}

impl ShieldedRpcServer for Shielded {
	fn tree_state(&self) -> RpcResult<TreeState> {
		let (state, block) = at_best(&self.client, |api, at| api.tree_state(at))?;
		Ok(TreeState { leaf_count: state.size, root: state.root.0.into(), block })
	}

	fn leaves(&self, from: u64, limit: u32) -> RpcResult<Vec<Leaf>> {
		let (leaves, _) =
			at_best(&self.client, |api, at| api.leaves(at, from, limit.min(LEAVES_PAGE)))?;
		Ok(leaves.into_iter().map(Leaf::from).collect())
	}

	fn auth_path(&self, position: u64, root: H256) -> RpcResult<Option<Vec<H256>>> {
		let (path, _) =
			at_best(&self.client, |api, at| api.auth_path(at, position, Anchor(root.0)))?;
		Ok(path.map(|p| p.into_iter().map(H256::from).collect()))
	}

	fn is_spent(&self, nil: H256) -> RpcResult<bool> {
		Ok(at_best(&self.client, |api, at| api.is_spent(at, Nullifier(nil.0)))?.0)
	}

	fn minimum_fee(&self, inputs: u32, outputs: u32) -> RpcResult<String> {
		Ok(at_best(&self.client, |api, at| api.minimum_fee(at, inputs, outputs))?.0.to_string())
	}
}
