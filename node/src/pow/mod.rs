//! ProgPoW as `sc-consensus-pow` sees it: the [`PowAlgorithm`] of SERO blocks.
//!
//! A block's ProgPoW *header hash* is its pre-hash (the header without the seal)
//! and its *height* the block number (SPEC §7). The seal rules themselves
//! ([`check_final_hash`], [`check_seal`], [`check_height`]) live in
//! `sero_consensus_primitives::verify`, pure functions this module wires into the
//! import pipeline with the chain's difficulty and heights.

pub mod cli;
#[cfg(test)]
mod tests;

use std::sync::{Arc, OnceLock};

use polkadot_sdk::{
	sc_consensus_pow::{Error, PowAlgorithm},
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_consensus_pow::{DifficultyApi, Seal as RawSeal},
	sp_core::H256,
	sp_runtime::generic::BlockId,
};
pub use sero_consensus_primitives::verify::{check_final_hash, check_height, check_seal};
use sero_consensus_primitives::{Difficulty, DifficultyParamsApi};
use sero_progpow::LightCaches;
use sero_runtime::{opaque::Block, BlockNumber};

const LOG_TARGET: &str = "pow";

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
		let best = u64::from(self.client.info().best_number);
		match check_height(height, best)
			.and_then(|()| check_seal(&self.caches, height, pre_hash, seal, difficulty))
		{
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
