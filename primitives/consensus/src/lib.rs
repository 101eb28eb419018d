//! Consensus types shared by the SERO runtime and node (SPEC §7).
//!
//! - [`Seal`]: what a miner appends to a block header: the ProgPoW nonce and mix
//!   hash, and the PoS votes of the shares drawn for the block.
//! - [`Difficulty`] and [`meets_difficulty`]: how much work a block must show.
//! - [`DifficultyParamsApi`]: consensus parameters the node reads from the runtime.
//! - `verify` (feature `verify`, native only): the seal rules the node checks.

#![cfg_attr(not(feature = "std"), no_std)]

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256, U256},
	sp_runtime::BoundedVec,
};
use scale_info::TypeInfo;

pub use polkadot_sdk::sp_consensus_pow::POW_ENGINE_ID;

#[cfg(feature = "verify")]
pub mod verify;

/// Work a block must show: the expected number of hashes to find its seal.
pub type Difficulty = U256;

/// Votes a seal can carry: one per PoS share drawn for the block (SPEC §7 draws 3).
pub const MAX_VOTES: u32 = 3;

/// A PoS vote for a block, signed by the owner of a drawn share or its StakingNode.
///
/// Seals carry no votes until the PoS share pool exists; the type is fixed now so
/// that the seal format need not change then.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Vote {
	/// The drawn share this vote is for.
	pub share: H256,
	/// The Schnorr signature of the share's voter over the block's pre-hash.
	pub signature: [u8; 64],
}

/// Version 1 of the seal.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct SealV1 {
	/// The ProgPoW nonce.
	pub nonce: u64,
	/// The ProgPoW mix hash for the header's pre-hash and `nonce`.
	pub mix_hash: H256,
	/// Votes of the PoS shares drawn for this block.
	pub votes: BoundedVec<Vote, ConstU32<MAX_VOTES>>,
}

/// A block seal, as SCALE-encoded in the header's `Seal` digest.
///
/// Versioned so that a later format can be introduced by a runtime upgrade while old
/// blocks stay readable; a seal with an unknown version does not decode.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub enum Seal {
	/// See [`SealV1`].
	#[codec(index = 1)]
	V1(SealV1),
}

impl Seal {
	/// A version-1 seal without votes.
	pub fn new(nonce: u64, mix_hash: H256) -> Self {
		Seal::V1(SealV1 { nonce, mix_hash, votes: Default::default() })
	}

	/// The ProgPoW nonce.
	pub fn nonce(&self) -> u64 {
		match self {
			Seal::V1(seal) => seal.nonce,
		}
	}

	/// The ProgPoW mix hash.
	pub fn mix_hash(&self) -> H256 {
		match self {
			Seal::V1(seal) => seal.mix_hash,
		}
	}

	/// The PoS votes the seal carries.
	pub fn votes(&self) -> &[Vote] {
		match self {
			Seal::V1(seal) => &seal.votes,
		}
	}

	/// Decodes a seal from the bytes of a `Seal` digest, rejecting trailing bytes.
	pub fn decode_all_from(mut bytes: &[u8]) -> Option<Self> {
		codec::DecodeAll::decode_all(&mut bytes).ok()
	}
}

/// Whether a final hash shows `difficulty` worth of work: read as a big-endian
/// number, `final_hash × difficulty` must stay below 2^256. A zero difficulty is
/// never met.
pub fn meets_difficulty(final_hash: &[u8; 32], difficulty: Difficulty) -> bool {
	if difficulty.is_zero() {
		return false;
	}
	!U256::from_big_endian(final_hash).overflowing_mul(difficulty).1
}

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Consensus parameters the node reads from the runtime.
	pub trait DifficultyParamsApi {
		/// The lowest difficulty the chain ever requires: a floor for checking seals
		/// of blocks whose parent is not known yet.
		fn minimum_difficulty() -> Difficulty;
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn difficulty_boundary() {
		let mut hash = [0u8; 32];
		hash[0] = 0x01; // 2^248
		assert!(meets_difficulty(&hash, U256::from(255u32)));
		assert!(meets_difficulty(&hash, U256::from(256u32)) == false);
		assert!(meets_difficulty(&[0xff; 32], U256::one()));
		assert!(!meets_difficulty(&[0xff; 32], U256::from(2u32)));
		assert!(!meets_difficulty(&[0u8; 32], U256::zero()));
	}

	#[test]
	fn seal_round_trips_and_rejects_garbage() {
		let seal = Seal::new(7, H256::repeat_byte(3));
		assert_eq!(
			(seal.nonce(), seal.mix_hash(), seal.votes()),
			(7, H256::repeat_byte(3), &[][..])
		);
		let bytes = seal.encode();
		assert_eq!(bytes[0], 1, "version tag comes first");
		assert_eq!(Seal::decode_all_from(&bytes), Some(seal));
		assert_eq!(Seal::decode_all_from(&bytes[..bytes.len() - 1]), None);
		let mut trailing = bytes.clone();
		trailing.push(0);
		assert_eq!(Seal::decode_all_from(&trailing), None);
		let mut unknown_version = bytes;
		unknown_version[0] = 2;
		assert_eq!(Seal::decode_all_from(&unknown_version), None);
	}

	#[test]
	fn seal_rejects_too_many_votes() {
		let vote = Vote { share: H256::zero(), signature: [0; 64] };
		let mut bytes = vec![1u8];
		bytes.extend(7u64.encode());
		bytes.extend(H256::zero().encode());
		bytes.extend(vec![vote; MAX_VOTES as usize + 1].encode());
		assert_eq!(Seal::decode_all_from(&bytes), None);
	}
}
