//! Consensus types shared by the SERO runtime and node (SPEC §7).
//!
//! - [`Seal`]: what a miner appends to a block header: the ProgPoW nonce and mix
//!   hash, the PoS votes of the shares drawn for the block, and the miner's signature.
//! - [`Difficulty`] and [`meets_difficulty`]: how much work a block must show.
//! - [`DifficultyParamsApi`]: consensus parameters the node reads from the runtime.
//! - [`SealVotesApi`], [`VoteError`], [`vote_message`]: the PoS votes a seal carries, checked
//!   by the runtime for the node (docs/CONSENSUS.md, "Votes at import").
//! - `verify` (feature `verify`, native only): the seal rules the node checks.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{
	sp_core::{ConstU32, H256, U256},
	sp_runtime::{
		traits::{BlakeTwo256, Hash},
		BoundedVec,
	},
};
use scale_info::TypeInfo;

pub use polkadot_sdk::sp_consensus_pow::POW_ENGINE_ID;

/// The engine id of the pre-runtime digest item naming where a block's PoW reward and fees
/// go privately (issue 13, "private rewards"): a one-time address (PKr, 96 bytes) the miner
/// makes afresh for each block from its PK. Without it they go to the author account.
pub const REWARD_TO_ENGINE_ID: polkadot_sdk::sp_runtime::ConsensusEngineId = *b"SRWD";

#[cfg(feature = "verify")]
pub mod verify;

/// Work a block must show: the expected number of hashes to find its seal.
pub type Difficulty = U256;

/// Votes a seal can carry: one per PoS share drawn for the block (SPEC §7 draws 3).
pub const MAX_VOTES: u32 = 3;

/// A PoS vote for a block (SPEC §7): the sr25519 signature, by the vote key of the share
/// drawn at `position` of the block's draw, over [`vote_message`].
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct Vote {
	/// The place of the share voting in the block's draw: 0, 1 or 2.
	pub position: u8,
	/// The signature over [`vote_message`] of the block's pre-hash, draw seed and `position`.
	pub signature: [u8; 64],
}

/// The domain tag of [`vote_message`].
pub const VOTE_TAG: &[u8; 9] = b"SERO_vote";
/// The domain tag of [`Seal::signing_message`].
pub const SEAL_TAG: &[u8; 9] = b"SERO_seal";
/// The domain tag of [`Seal::draw_seed`].
pub const DRAW_SEED_TAG: &[u8; 13] = b"SERO_pos_seed";

/// What the vote for the share drawn at `position` signs: BLAKE2b-256 of a domain tag, the
/// block's pre-hash, its draw seed ([`Seal::draw_seed`]) and the position. The seed binds the
/// vote to one proof of work; the pre-hash to one block's contents.
pub fn vote_message(pre_hash: &H256, seed: &[u8; 32], position: u8) -> [u8; 32] {
	let mut bytes = Vec::with_capacity(9 + 32 + 32 + 1);
	bytes.extend_from_slice(VOTE_TAG);
	bytes.extend_from_slice(pre_hash.as_bytes());
	bytes.extend_from_slice(seed);
	bytes.push(position);
	BlakeTwo256::hash(&bytes).0
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
	/// The sr25519 signature, by the block's author (the account of its pre-runtime
	/// digest), over [`Seal::signing_message`]: nobody else can make another valid seal of
	/// the same work, say with fewer of its votes. Zero in a seal not signed yet.
	pub signature: [u8; 64],
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
	/// A version-1 seal without votes, not signed yet.
	pub fn new(nonce: u64, mix_hash: H256) -> Self {
		Seal::V1(SealV1 { nonce, mix_hash, votes: Default::default(), signature: [0; 64] })
	}

	/// What the block's author signs (docs/CONSENSUS.md, "The miner's signature"): BLAKE2b-256
	/// of a domain tag, the block's pre-hash, and the seal's nonce, mix hash and votes.
	pub fn signing_message(&self, pre_hash: &H256) -> [u8; 32] {
		let Seal::V1(SealV1 { nonce, mix_hash, votes, .. }) = self;
		BlakeTwo256::hash(&(SEAL_TAG, pre_hash, nonce, mix_hash, votes).encode()).0
	}

	/// The author's signature.
	pub fn signature(&self) -> &[u8; 64] {
		match self {
			Seal::V1(seal) => &seal.signature,
		}
	}

	/// The seal with `signature`.
	pub fn signed(self, signature: [u8; 64]) -> Self {
		let Seal::V1(seal) = self;
		Seal::V1(SealV1 { signature, ..seal })
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

	/// The seed of the block's draw (SPEC §7): BLAKE2b-256 of a domain tag, the block's
	/// pre-hash, the nonce and the mix hash. Nobody knows it before the proof of work is found,
	/// and the miner cannot choose among seeds without redoing the work.
	pub fn draw_seed(&self, pre_hash: &H256) -> [u8; 32] {
		let mut bytes = Vec::with_capacity(13 + 32 + 8 + 32);
		bytes.extend_from_slice(DRAW_SEED_TAG);
		bytes.extend_from_slice(pre_hash.as_bytes());
		bytes.extend_from_slice(&self.nonce().to_le_bytes());
		bytes.extend_from_slice(self.mix_hash().as_bytes());
		BlakeTwo256::hash(&bytes).0
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

/// Why the votes of a seal do not make its block valid (docs/CONSENSUS.md, "Votes at import").
#[derive(Clone, Copy, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, Debug)]
pub enum VoteError {
	/// The seal bytes are not a SCALE-encoded [`Seal`] of a known version.
	UndecodableSeal,
	/// Two votes name the same draw position.
	DuplicatePosition(u8),
	/// A vote names a position past the shares the block drew.
	NotDrawn(u8),
	/// The signature of the vote at this position is not the drawn share's vote key's.
	BadSignature(u8),
	/// The block carries fewer valid votes than the pool requires (NeedTwoVote).
	TooFewVotes {
		/// Votes carried.
		votes: u8,
		/// Votes required.
		required: u8,
	},
}

impl core::fmt::Display for VoteError {
	fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
		match self {
			VoteError::UndecodableSeal => write!(f, "the seal bytes do not decode as a SERO seal"),
			VoteError::DuplicatePosition(p) => write!(f, "two votes for draw position {p}"),
			VoteError::NotDrawn(p) => {
				write!(f, "a vote for draw position {p}, which drew no share")
			},
			VoteError::BadSignature(p) => write!(
				f,
				"the vote for draw position {p} is not signed by the drawn share's vote key"
			),
			VoteError::TooFewVotes { votes, required } => write!(
				f,
				"{votes} valid vote(s) where the share pool requires {required} (NeedTwoVote)"
			),
		}
	}
}

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// Consensus parameters the node reads from the runtime.
	pub trait DifficultyParamsApi {
		/// The lowest difficulty the chain ever requires: a floor for checking seals
		/// of blocks whose parent is not known yet.
		fn minimum_difficulty() -> Difficulty;
	}

	/// The PoS votes of a sealed block, checked by the runtime at the parent's state (the one
	/// place the vote rules are written; docs/CONSENSUS.md, "Votes at import").
	pub trait SealVotesApi {
		/// Checks the votes in `seal` of the block after `parent` whose pre-hash is `pre_hash`:
		/// each for a distinct position of the block's draw, each signed by the drawn share's
		/// vote key, and enough of them; how many there are.
		fn check_votes(
			parent: <Block as polkadot_sdk::sp_runtime::traits::Block>::Header,
			pre_hash: H256,
			seal: Vec<u8>,
		) -> Result<u8, VoteError>;

		/// The vote keys (sr25519 public keys) of the shares the block after `parent` whose
		/// pre-hash is `pre_hash` draws with `seal`'s proof of work, in draw order: a vote for
		/// position `i` is signed by key `i`. Empty for a seal that does not decode.
		fn drawn_vote_keys(
			parent: <Block as polkadot_sdk::sp_runtime::traits::Block>::Header,
			pre_hash: H256,
			seal: Vec<u8>,
		) -> Vec<[u8; 32]>;
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
		let vote = Vote { position: 0, signature: [0; 64] };
		let mut bytes = vec![1u8];
		bytes.extend(7u64.encode());
		bytes.extend(H256::zero().encode());
		bytes.extend(vec![vote; MAX_VOTES as usize + 1].encode());
		bytes.extend([0u8; 64]);
		assert_eq!(Seal::decode_all_from(&bytes), None);
	}

	/// The seed depends on every part of the proof of work, the message on every input.
	#[test]
	fn seeds_and_vote_messages_change_with_each_input() {
		let pre_hash = H256::repeat_byte(1);
		let seal = Seal::new(7, H256::repeat_byte(3));
		let seed = seal.draw_seed(&pre_hash);
		assert_ne!(seed, seal.draw_seed(&H256::repeat_byte(2)));
		assert_ne!(seed, Seal::new(8, H256::repeat_byte(3)).draw_seed(&pre_hash));
		assert_ne!(seed, Seal::new(7, H256::repeat_byte(4)).draw_seed(&pre_hash));
		let message = vote_message(&pre_hash, &seed, 0);
		assert_ne!(message, vote_message(&H256::repeat_byte(2), &seed, 0));
		assert_ne!(message, vote_message(&pre_hash, &[0; 32], 0));
		assert_ne!(message, vote_message(&pre_hash, &seed, 1));
		// Pinned: a change of the hashing changes consensus.
		assert_eq!(seed, Seal::new(7, H256::repeat_byte(3)).draw_seed(&pre_hash));
	}

	/// The signed message covers the pre-hash, the work and the votes, not the signature.
	#[test]
	fn the_signing_message_covers_everything_but_the_signature() {
		let pre_hash = H256::repeat_byte(1);
		let seal = Seal::new(7, H256::repeat_byte(3));
		let message = seal.signing_message(&pre_hash);
		assert_eq!(message, seal.clone().signed([9; 64]).signing_message(&pre_hash));
		assert_ne!(message, seal.signing_message(&H256::repeat_byte(2)));
		assert_ne!(message, Seal::new(8, H256::repeat_byte(3)).signing_message(&pre_hash));
		assert_ne!(message, Seal::new(7, H256::repeat_byte(4)).signing_message(&pre_hash));
		let Seal::V1(mut voted) = seal.clone();
		voted.votes.try_push(Vote { position: 0, signature: [1; 64] }).unwrap();
		assert_ne!(message, Seal::V1(voted).signing_message(&pre_hash));
		assert_eq!(seal.signed([9; 64]).signature(), &[9; 64]);
	}
}
