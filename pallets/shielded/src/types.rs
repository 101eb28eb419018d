//! The pallet's own storage types.

use codec::{Decode, Encode, MaxEncodedLen};
use polkadot_sdk::{sp_core::ConstU32, sp_runtime::BoundedVec};
use scale_info::TypeInfo;
use sero_shielded_primitives::{Bytes32, Leaf};

pub use sero_shielded_primitives::{AssetInfo, AssetKind, Circuit};

/// The longest verifying key stored (compressed arkworks encoding; ours are 392 and 520 bytes).
pub const MAX_VERIFYING_KEY_BYTES: u32 = 2048;

/// A verifying key's bytes.
pub type VerifyingKeyBytes = BoundedVec<u8, ConstU32<MAX_VERIFYING_KEY_BYTES>>;

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
