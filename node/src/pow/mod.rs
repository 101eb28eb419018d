//! ProgPoW as `sc-consensus-pow` sees it: the [`PowAlgorithm`] of SERO blocks.
//!
//! A block's ProgPoW *header hash* is its pre-hash (the header without the seal)
//! and its *height* the block number (SPEC §7). The seal is a SCALE-encoded
//! [`Seal`]. Checking a seal has two costs: the final hash from (pre-hash, nonce,
//! mix hash) is one Keccak-f[800] permutation pair, cheap enough to run on every
//! block before anything else; recomputing the mix needs the epoch's light cache
//! and about a millisecond.

pub mod cli;

use std::sync::{Arc, OnceLock};

use polkadot_sdk::{
	sc_consensus_pow::{Error, PowAlgorithm},
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_consensus_pow::{DifficultyApi, Seal as RawSeal},
	sp_core::H256,
	sp_runtime::generic::BlockId,
};
use sero_consensus_primitives::{meets_difficulty, Difficulty, DifficultyParamsApi, Seal};
use sero_progpow::{final_hash, LightCaches};
use sero_runtime::{opaque::Block, BlockNumber};

const LOG_TARGET: &str = "pow";

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
}

/// Decodes a seal and checks its final hash against `difficulty`: the cheap half
/// of verification, which needs no DAG.
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

/// The ProgPoW algorithm of SERO blocks, with the light caches it verifies from.
pub struct ProgPowAlgorithm<C> {
	client: Arc<C>,
	caches: Arc<LightCaches>,
	minimum_difficulty: Arc<OnceLock<Difficulty>>,
}

impl<C> Clone for ProgPowAlgorithm<C> {
	fn clone(&self) -> Self {
		Self {
			client: self.client.clone(),
			caches: self.caches.clone(),
			minimum_difficulty: self.minimum_difficulty.clone(),
		}
	}
}

impl<C> ProgPowAlgorithm<C> {
	/// An algorithm reading difficulty from `client` and verifying from `caches`.
	pub fn new(client: Arc<C>, caches: Arc<LightCaches>) -> Self {
		Self { client, caches, minimum_difficulty: Default::default() }
	}

	/// The light caches this algorithm verifies from.
	pub fn caches(&self) -> &Arc<LightCaches> {
		&self.caches
	}
}

impl<C> ProgPowAlgorithm<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block>,
	C::Api: DifficultyParamsApi<Block>,
{
	/// The chain's minimum difficulty, read from the runtime once.
	fn minimum_difficulty(&self) -> Result<Difficulty, Error<Block>> {
		if let Some(minimum) = self.minimum_difficulty.get() {
			return Ok(*minimum);
		}
		let best = self.client.info().best_hash;
		let minimum = self.client.runtime_api().minimum_difficulty(best).map_err(|e| {
			Error::Environment(format!("Reading the minimum difficulty failed: {e}"))
		})?;
		Ok(*self.minimum_difficulty.get_or_init(|| minimum))
	}
}

impl<C> PowAlgorithm<Block> for ProgPowAlgorithm<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync,
	C::Api: DifficultyApi<Block, Difficulty> + DifficultyParamsApi<Block>,
{
	type Difficulty = Difficulty;

	fn difficulty(&self, parent: H256) -> Result<Difficulty, Error<Block>> {
		self.client.runtime_api().difficulty(parent).map_err(|e| {
			Error::Environment(format!("Reading the difficulty at {parent} failed: {e}"))
		})
	}

	fn preliminary_verify(
		&self,
		pre_hash: &H256,
		seal: &RawSeal,
	) -> Result<Option<bool>, Error<Block>> {
		let minimum = self.minimum_difficulty()?;
		match check_final_hash(pre_hash, seal, minimum) {
			Ok(_) => Ok(Some(true)),
			Err(error) => {
				log::warn!(target: LOG_TARGET, "❌ Rejecting block with pre-hash {pre_hash}: {error}");
				Ok(Some(false))
			},
		}
	}

	fn verify(
		&self,
		parent: &BlockId<Block>,
		pre_hash: &H256,
		_pre_digest: Option<&[u8]>,
		seal: &RawSeal,
		difficulty: Difficulty,
	) -> Result<bool, Error<Block>> {
		let parent_number: BlockNumber = match parent {
			BlockId::Hash(hash) => self
				.client
				.number(*hash)
				.map_err(Error::Client)?
				.ok_or_else(|| Error::Environment(format!("Unknown parent block {hash}")))?,
			BlockId::Number(number) => *number,
		};
		let height = u64::from(parent_number) + 1;
		match check_seal(&self.caches, height, pre_hash, seal, difficulty) {
			Ok(()) => Ok(true),
			Err(error) => {
				log::warn!(
					target: LOG_TARGET,
					"❌ Rejecting block #{height} with pre-hash {pre_hash}: {error}",
				);
				Ok(false)
			},
		}
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use codec::Encode;

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

	#[test]
	fn seal_is_bound_to_the_header() {
		let caches = LightCaches::default();
		let seal = mine(&caches, &H256::repeat_byte(5), 1.into());
		let other_header = H256::repeat_byte(6);
		assert!(check_seal(&caches, HEIGHT, &other_header, &seal.encode(), 1.into()).is_err());
	}
}
