//! The pallet's own storage types.

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{sp_core::ConstU32, sp_runtime::BoundedVec};
use scale_info::TypeInfo;
use sero_shielded_primitives::{Bytes32, Leaf, LeafRecord};

pub use sero_shielded_primitives::{AssetInfo, AssetKind, Circuit};

/// The longest verifying key stored (compressed arkworks encoding; ours are 392 and 520 bytes).
pub const MAX_VERIFYING_KEY_BYTES: u32 = 2048;

/// A verifying key's bytes.
pub type VerifyingKeyBytes = BoundedVec<u8, ConstU32<MAX_VERIFYING_KEY_BYTES>>;

/// Leaves per page of [`crate::LeafPages`]. A wallet's page of [`LEAVES_PAGE`] leaves costs
/// 16 storage reads instead of 1,024; each block rewrites the page at the tree's end, so a
/// page's size bounds what an archive node stores again per block (≈ 21 KiB at most).
///
/// [`LEAVES_PAGE`]: sero_shielded_primitives::LEAVES_PAGE
pub const LEAF_PAGE: u32 = 64;

/// A page of leaf records: leaf `p` is item `p % LEAF_PAGE` of page `p / LEAF_PAGE`.
pub type LeafPage = BoundedVec<LeafRecord, ConstU32<LEAF_PAGE>>;

/// Pages `next..end` of the leaves, still stored one leaf per entry as storage version 0
/// kept them ([`crate::migrations::v1`]).
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug)]
pub struct PageRange {
	/// The next page to move.
	pub next: u64,
	/// One past the last page to move.
	pub end: u64,
}

/// The right edge of the witness tree: its size and the roots of its complete left
/// subtrees (`filled[level]`, read where bit `level` of `size` is set).
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug, Default)]
pub struct FrontierState {
	/// The number of leaves.
	pub size: u64,
	/// One node per level up to the highest set bit of `size`.
	pub filled: BoundedVec<Bytes32, ConstU32<33>>,
}

/// When a root was the tree's root.
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug)]
pub struct RootInfo<BlockNumber> {
	/// The last block whose state had this root.
	pub block: BlockNumber,
	/// The tree's size with this root.
	pub size: u64,
}

/// A transaction `pre_dispatch` verified, by the BLAKE2-256 hash of its encoding, and the
/// leaves of its outputs.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug)]
pub struct VerifiedTransaction {
	/// The hash of the encoded transaction.
	pub hash: Bytes32,
	/// The leaf of each output, in order.
	pub leaves: BoundedVec<Leaf, ConstU32<{ sero_shielded_primitives::MAX_OUTPUTS }>>,
}
