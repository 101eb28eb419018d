//! The seal rules (SPEC §7), as pure functions of the seal, the block's pre-hash, its height
//! and the difficulty: what the node's import pipeline checks, apart from the chain. The
//! seal's PoS votes depend on the share pool's state: the runtime checks them
//! ([`SealVotesApi`](crate::SealVotesApi)).
//!
//! Checking a seal has two costs: the final hash from (pre-hash, nonce, mix hash) is one
//! Keccak-f[800] permutation pair, cheap enough to run on every block before anything else;
//! recomputing the mix needs the epoch's light cache and about a millisecond.

use crate::{meets_difficulty, Difficulty, Seal};
use polkadot_sdk::sp_core::H256;
use sero_progpow::{epoch_of, final_hash, LightCaches};

/// Why a seal does not prove the work its block needs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SealError {
	/// The seal bytes are not a SCALE-encoded [`Seal`] of a known version.
	#[error("the seal bytes do not decode as a SERO seal")]
	Undecodable,
	/// The final hash from pre-hash, nonce and mix hash does not meet the difficulty:
	/// a wrong nonce, a wrong mix hash, or simply too little work.
	#[error("the final hash {final_hash} does not meet difficulty {difficulty}")]
	InsufficientWork {
		/// The final hash the seal implies.
		final_hash: H256,
		/// The difficulty it had to meet.
		difficulty: Difficulty,
	},
	/// The mix hash is not the ProgPoW mix of the header and nonce.
	#[error("the mix hash {claimed} is not the ProgPoW mix of the header and nonce ({computed})")]
	WrongMix {
		/// The mix hash in the seal.
		claimed: H256,
		/// The mix hash recomputed from the light cache.
		computed: H256,
	},
	/// The block names no author (a pre-runtime digest of 32 bytes, an sr25519 key) that
	/// could have signed its seal.
	#[error("the block names no author whose key could sign its seal")]
	NoAuthor,
	/// The seal's signature is not the block author's over the seal.
	#[error("the seal is not signed by the block's author")]
	BadSignature,
	/// The block's height is in an epoch more than one away from the best block's next one:
	/// the node builds no light cache that far ahead (an epoch's cache costs memory that
	/// grows with the epoch, gigabytes at absurd heights), nor evicts the tip's caches for
	/// blocks on forks that old.
	#[error("height {height} is outside the epochs this node verifies (best block #{best})")]
	HeightOutOfRange {
		/// The height of the block.
		height: u64,
		/// The node's best block number.
		best: u64,
	},
}

/// Whether the node verifies seals at `height` when its best block is `best`: in the epoch
/// of the best block's next one, or the epoch before or after it. The light caches built
/// are those three epochs' around the tip (see [`sero_progpow::DEFAULT_CACHED_EPOCHS`]); a
/// fork from further back than an epoch (30,000 blocks) is not followed.
pub fn check_height(height: u64, best: u64) -> Result<(), SealError> {
	let current = epoch_of(best.saturating_add(1));
	let epoch = epoch_of(height);
	if epoch > current.saturating_add(1) || epoch.saturating_add(1) < current {
		return Err(SealError::HeightOutOfRange { height, best });
	}
	Ok(())
}

/// Decodes a seal and checks its final hash against `difficulty`: the cheap half of
/// verification, which needs no DAG.
pub fn check_final_hash(
	pre_hash: &H256,
	seal: &[u8],
	difficulty: Difficulty,
) -> Result<Seal, SealError> {
	let seal = Seal::decode_all_from(seal).ok_or(SealError::Undecodable)?;
	let final_hash =
		final_hash(pre_hash.as_fixed_bytes(), seal.nonce(), seal.mix_hash().as_fixed_bytes());
	if !meets_difficulty(&final_hash, difficulty) {
		return Err(SealError::InsufficientWork { final_hash: H256(final_hash), difficulty });
	}
	Ok(seal)
}

/// Checks that `seal` is signed by `author`, the block's pre-runtime digest (the author's
/// account, an sr25519 public key), over [`Seal::signing_message`] for `pre_hash`.
pub fn check_signature(
	pre_hash: &H256,
	seal: &Seal,
	author: Option<&[u8]>,
) -> Result<(), SealError> {
	use polkadot_sdk::sp_core::{sr25519, Pair as _};
	let author: [u8; 32] = author.and_then(|a| a.try_into().ok()).ok_or(SealError::NoAuthor)?;
	let signature = sr25519::Signature::from_raw(*seal.signature());
	if !sr25519::Pair::verify(
		&signature,
		seal.signing_message(pre_hash),
		&sr25519::Public::from_raw(author),
	) {
		return Err(SealError::BadSignature);
	}
	Ok(())
}

/// Fully checks a seal of a block at `height`: the final hash against
/// `difficulty`, then the mix hash against ProgPoW recomputed from the light cache.
pub fn check_seal(
	caches: &LightCaches,
	height: u64,
	pre_hash: &H256,
	seal: &[u8],
	difficulty: Difficulty,
) -> Result<(), SealError> {
	let seal = check_final_hash(pre_hash, seal, difficulty)?;
	let computed = H256(caches.hash(height, pre_hash.as_fixed_bytes(), seal.nonce()).mix_hash);
	if computed != seal.mix_hash() {
		return Err(SealError::WrongMix { claimed: seal.mix_hash(), computed });
	}
	Ok(())
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;
	use sero_progpow::EPOCH_LENGTH;

	const HEIGHT: u64 = 7;

	/// A seal for `pre_hash` found by searching nonces from 0 at `difficulty`.
	fn mine(caches: &LightCaches, pre_hash: &H256, difficulty: Difficulty) -> Seal {
		(0u64..)
			.find_map(|nonce| {
				let out = caches.hash(HEIGHT, pre_hash.as_fixed_bytes(), nonce);
				meets_difficulty(&out.final_hash, difficulty)
					.then(|| Seal::new(nonce, H256(out.mix_hash)))
			})
			.unwrap()
	}

	#[test]
	fn a_mined_seal_verifies() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(1);
		let seal = mine(&caches, &pre_hash, 4.into());
		assert_eq!(check_seal(&caches, HEIGHT, &pre_hash, &seal.encode(), 4.into()), Ok(()));
	}

	#[test]
	fn undecodable_seal_is_rejected() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(1);
		assert_eq!(
			check_seal(&caches, HEIGHT, &pre_hash, &[0xde, 0xad], 1.into()),
			Err(SealError::Undecodable)
		);
		assert_eq!(
			check_seal(&caches, HEIGHT, &pre_hash, &[], 1.into()),
			Err(SealError::Undecodable)
		);
	}

	#[test]
	fn wrong_mix_is_rejected_even_when_the_final_hash_passes() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(2);
		let good = mine(&caches, &pre_hash, 1.into());
		// At difficulty 1 every final hash passes: only the mix recomputation can
		// catch a forged mix hash.
		let forged = Seal::new(good.nonce(), H256::repeat_byte(0xab));
		assert!(matches!(
			check_seal(&caches, HEIGHT, &pre_hash, &forged.encode(), 1.into()),
			Err(SealError::WrongMix { .. })
		));
	}

	#[test]
	fn wrong_nonce_is_rejected() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(3);
		let difficulty = Difficulty::from(50u32);
		let good = mine(&caches, &pre_hash, difficulty);
		let wrong = Seal::new(good.nonce() ^ 1, good.mix_hash());
		assert!(check_seal(&caches, HEIGHT, &pre_hash, &wrong.encode(), difficulty).is_err());
		// With a trivial difficulty the wrong nonce is caught by the mix.
		assert!(matches!(
			check_seal(&caches, HEIGHT, &pre_hash, &wrong.encode(), 1.into()),
			Err(SealError::WrongMix { .. })
		));
	}

	#[test]
	fn work_below_the_difficulty_is_rejected() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(4);
		// A genuine seal for difficulty 1 whose work falls short of a huge difficulty.
		let seal = mine(&caches, &pre_hash, 1.into());
		let huge = Difficulty::MAX;
		assert!(matches!(
			check_seal(&caches, HEIGHT, &pre_hash, &seal.encode(), huge),
			Err(SealError::InsufficientWork { .. })
		));
	}

	/// Votes are outside the proof of work: a seal with votes shows the same work.
	#[test]
	fn votes_do_not_change_the_work_a_seal_shows() {
		let caches = LightCaches::default();
		let pre_hash = H256::repeat_byte(7);
		let seal = mine(&caches, &pre_hash, 1.into());
		let Seal::V1(mut with_vote) = seal;
		with_vote.votes.try_push(crate::Vote { position: 0, signature: [1; 64] }).unwrap();
		let with_vote = Seal::V1(with_vote).encode();
		assert_eq!(check_seal(&caches, HEIGHT, &pre_hash, &with_vote, 1.into()), Ok(()));
	}

	#[test]
	fn only_the_author_signs_the_seal() {
		use polkadot_sdk::sp_core::{sr25519, Pair as _};
		let pre_hash = H256::repeat_byte(7);
		let author = sr25519::Pair::from_seed(&[1; 32]);
		let seal = Seal::new(5, H256::repeat_byte(3));
		let signed = seal.clone().signed(author.sign(&seal.signing_message(&pre_hash)).0);
		let key = author.public().0;
		assert_eq!(check_signature(&pre_hash, &signed, Some(&key)), Ok(()));
		assert_eq!(check_signature(&pre_hash, &seal, Some(&key)), Err(SealError::BadSignature));
		let other = sr25519::Pair::from_seed(&[2; 32]).public().0;
		assert_eq!(check_signature(&pre_hash, &signed, Some(&other)), Err(SealError::BadSignature));
		assert_eq!(
			check_signature(&H256::repeat_byte(8), &signed, Some(&key)),
			Err(SealError::BadSignature),
			"bound to the pre-hash"
		);
		// Another subset of the votes: the same work, not the signed seal.
		let Seal::V1(mut voted) = signed.clone();
		voted.votes.try_push(crate::Vote { position: 1, signature: [4; 64] }).unwrap();
		assert_eq!(
			check_signature(&pre_hash, &Seal::V1(voted), Some(&key)),
			Err(SealError::BadSignature)
		);
		assert_eq!(check_signature(&pre_hash, &signed, None), Err(SealError::NoAuthor));
		assert_eq!(check_signature(&pre_hash, &signed, Some(&key[..31])), Err(SealError::NoAuthor));
	}

	#[test]
	fn heights_beyond_the_neighbouring_epochs_are_not_verified() {
		assert_eq!(check_height(1, 0), Ok(()));
		// Up to the last block of the epoch after the next block's.
		assert_eq!(check_height(2 * EPOCH_LENGTH - 1, 0), Ok(()));
		assert!(check_height(2 * EPOCH_LENGTH, 0).is_err());
		assert_eq!(check_height(3 * EPOCH_LENGTH - 1, EPOCH_LENGTH - 1), Ok(()));
		assert!(check_height(3 * EPOCH_LENGTH, EPOCH_LENGTH - 1).is_err());
		assert_eq!(
			check_height(u32::MAX as u64, 5),
			Err(SealError::HeightOutOfRange { height: u32::MAX as u64, best: 5 })
		);
		// Back to the start of the epoch before the next block's, no further.
		let best = 3 * EPOCH_LENGTH + 5;
		assert_eq!(check_height(2 * EPOCH_LENGTH, best), Ok(()));
		assert!(check_height(2 * EPOCH_LENGTH - 1, best).is_err());
		assert!(check_height(1, best).is_err());
	}

	#[test]
	fn seal_is_bound_to_the_header() {
		let caches = LightCaches::default();
		let seal = mine(&caches, &H256::repeat_byte(5), 1.into());
		let other_header = H256::repeat_byte(6);
		assert!(check_seal(&caches, HEIGHT, &other_header, &seal.encode(), 1.into()).is_err());
	}
}
