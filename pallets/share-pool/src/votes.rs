//! The votes a seal carries, checked against the shares its block drew (SPEC §7;
//! docs/CONSENSUS.md, "Votes at import").
//!
//! A block's votes are checked twice, by the same rules: at import, where any bad vote
//! rejects the block ([`check`]), and when the next block settles the draw, where a vote that
//! does not verify is only left out ([`valid_positions`]): import has already enforced the
//! rules, so settling never fails a block over them.

use crate::VoteKey;
use polkadot_sdk::{
	sp_core::{sr25519, H256},
	sp_runtime::{traits::Header, DigestItem},
};
use sero_consensus_primitives::{vote_message, Seal, Vote, VoteError, POW_ENGINE_ID};
use sero_share_pool::SHARES_DRAWN_PER_BLOCK;

/// The pre-hash and the seal of a sealed header: its last digest item must be a PoW seal,
/// as `sc-consensus-pow` imports it; the pre-hash is the hash of the header without it.
/// `None` for an unsealed header (the genesis block's) or a seal that does not decode.
pub fn sealed_parts<H: Header<Hash = H256>>(header: &H) -> Option<(H256, Seal)> {
	let mut header = header.clone();
	let seal = match header.digest_mut().pop()? {
		DigestItem::Seal(engine, bytes) if engine == POW_ENGINE_ID => {
			Seal::decode_all_from(&bytes)?
		},
		_ => return None,
	};
	Some((header.hash(), seal))
}

/// Whether `vote` is a vote of the drawn share whose vote key is `keys[position]`; its
/// position if so.
pub fn verify(
	pre_hash: &H256,
	seed: &[u8; 32],
	vote: &Vote,
	keys: &[VoteKey],
) -> Result<u8, VoteError> {
	let key = keys.get(usize::from(vote.position)).ok_or(VoteError::NotDrawn(vote.position))?;
	let message = vote_message(pre_hash, seed, vote.position);
	let signature = sr25519::Signature::from_raw(vote.signature);
	if !polkadot_sdk::sp_io::crypto::sr25519_verify(
		&signature,
		&message,
		&sr25519::Public::from_raw(*key),
	) {
		return Err(VoteError::BadSignature(vote.position));
	}
	Ok(vote.position)
}

/// The import rule: every vote verifies, each for a distinct position; how many there are.
pub fn check(
	pre_hash: &H256,
	seed: &[u8; 32],
	votes: &[Vote],
	keys: &[VoteKey],
) -> Result<u8, VoteError> {
	let mut seen = [false; SHARES_DRAWN_PER_BLOCK as usize];
	for vote in votes {
		let position = verify(pre_hash, seed, vote, keys)?;
		let seen = seen.get_mut(usize::from(position)).ok_or(VoteError::NotDrawn(position))?;
		if *seen {
			return Err(VoteError::DuplicatePosition(position));
		}
		*seen = true;
	}
	Ok(seen.iter().filter(|voted| **voted).count() as u8)
}

/// The settling rule: which draw positions have a vote that verifies; the others are missed.
pub fn valid_positions(
	pre_hash: &H256,
	seed: &[u8; 32],
	votes: &[Vote],
	keys: &[VoteKey],
) -> [bool; SHARES_DRAWN_PER_BLOCK as usize] {
	let mut voted = [false; SHARES_DRAWN_PER_BLOCK as usize];
	for vote in votes {
		if let Ok(position) = verify(pre_hash, seed, vote, keys) {
			if let Some(voted) = voted.get_mut(usize::from(position)) {
				*voted = true;
			}
		}
	}
	voted
}
