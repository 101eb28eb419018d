//! StakingNodes as the share pool sees them (SPEC §7, "StakingNode"): a registry that
//! `pallet-staking-nodes` keeps and `pallet-share-pool` uses through [`StakingNodes`], so
//! neither pallet depends on the other and the runtime joins them.
//!
//! A share bought through a StakingNode is voted for by the node's vote key (its key for
//! the block that draws the share: an operator may change it) and pays the node the fee the
//! node charged when the share was bought. The registry counts the shares delegated to each node whose principal
//! is still held, so that a closed node gets its stake back once that count reaches zero.

/// An sr25519 public key that signs votes: a share's own, or a StakingNode's.
pub type VoteKey = [u8; 32];

/// A StakingNode's number, in the order nodes registered.
pub type NodeId = u32;

/// Why a purchase cannot be delegated to a StakingNode.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum DelegationError {
	/// No StakingNode has this number.
	UnknownNode,
	/// The node is closed: it votes for the shares it has, and takes no new ones.
	NodeClosed,
}

/// The StakingNodes shares can be delegated to.
pub trait StakingNodes<AccountId, BlockNumber> {
	/// Delegates `shares` newly bought shares to `node`, which must be open: the node's fee in
	/// basis points, which those shares pay for good.
	fn delegate(node: NodeId, shares: u32) -> Result<u16, DelegationError>;

	/// Gives back `shares` of the shares delegated to `node`: their principal has been paid
	/// back. A closed node whose delegated shares are all given back gets its stake back.
	fn undelegate(node: NodeId, shares: u32);

	/// The key that votes for `node`'s shares drawn by block `drawn_at`: the key the node
	/// had at the start of that block, so that the block's votes are checked at import (at
	/// its parent's state) and settled (at its own state, a key change in it included) under
	/// the same key; `None` for a number no node has.
	fn vote_key(node: NodeId, drawn_at: BlockNumber) -> Option<VoteKey>;

	/// Whether `key` is, or was, a node's vote key: a solo purchase may not name it, or the
	/// node's voter would vote for the purchase without its fee.
	fn is_node_key(key: &VoteKey) -> bool;

	/// The account `node`'s fees are paid to; `None` for a number no node has.
	fn operator(node: NodeId) -> Option<AccountId>;

	/// Registers an open node voting with `vote_key`, charging `fee_bps`, for benchmarks of
	/// the pallets that use the registry: its number.
	#[cfg(feature = "runtime-benchmarks")]
	fn register_for_benchmark(vote_key: VoteKey, fee_bps: u16) -> NodeId;
}
