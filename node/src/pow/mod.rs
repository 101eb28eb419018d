//! ProgPoW as `sc-consensus-pow` sees it: the [`PowAlgorithm`] of SERO blocks.
//!
//! A block's ProgPoW *header hash* is its pre-hash (the header without the seal)
//! and its *height* the block number (SPEC §7). The seal rules themselves
//! ([`check_final_hash`], [`check_seal`], [`check_height`]) live in
//! `sero_consensus_primitives::verify`, pure functions this module wires into the
//! import pipeline with the chain's difficulty and heights; the seal's PoS votes are checked
//! by the runtime at the parent's state ([`SealVotesApi`]), the one place their rules are
//! written.

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
pub use sero_consensus_primitives::verify::{
	check_final_hash, check_height, check_seal, check_signature, SealError,
};
use sero_consensus_primitives::{Difficulty, DifficultyParamsApi, Seal, SealVotesApi};
use sero_progpow::LightCaches;
use sero_runtime::opaque::{Block, Header};

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
	pub fn minimum_difficulty(&self) -> Result<Difficulty, Error<Block>> {
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

impl<C: HeaderBackend<Block>> ProgPowAlgorithm<C> {
	/// The proof of work of the block after `parent` with pre-hash `pre_hash` (not the seal's
	/// signature nor its votes): its height
	/// within the epochs this node verifies, then `seal` against `difficulty`.
	pub fn check_work(
		&self,
		parent: &Header,
		pre_hash: &H256,
		seal: &[u8],
		difficulty: Difficulty,
	) -> Result<(), SealError> {
		let height = u64::from(parent.number) + 1;
		let best = u64::from(self.client.info().best_number);
		check_height(height, best)
			.and_then(|()| check_seal(&self.caches, height, pre_hash, seal, difficulty))
	}
}

impl<C> PowAlgorithm<Block> for ProgPowAlgorithm<C>
where
	C: ProvideRuntimeApi<Block> + HeaderBackend<Block> + Send + Sync,
	C::Api: DifficultyApi<Block, Difficulty> + DifficultyParamsApi<Block> + SealVotesApi<Block>,
{
	type Difficulty = Difficulty;

	fn difficulty(&self, parent: H256) -> Result<Difficulty, Error<Block>> {
		self.client.runtime_api().difficulty(parent).map_err(|e| {
			Error::Environment(format!("Reading the difficulty at {parent} failed: {e}"))
		})
	}

	/// At equal total difficulty, the block whose seal carries more votes wins (SPEC §7);
	/// at equal votes the block imported first stays best.
	fn break_tie(&self, own_seal: &RawSeal, new_seal: &RawSeal) -> bool {
		let votes = |seal: &RawSeal| Seal::decode_all_from(seal).map_or(0, |s| s.votes().len());
		votes(new_seal) > votes(own_seal)
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
		pre_digest: Option<&[u8]>,
		seal: &RawSeal,
		difficulty: Difficulty,
	) -> Result<bool, Error<Block>> {
		let parent_hash = match parent {
			BlockId::Hash(hash) => *hash,
			BlockId::Number(number) => self
				.client
				.hash(*number)
				.map_err(Error::Client)?
				.ok_or_else(|| Error::Environment(format!("Unknown parent block #{number}")))?,
		};
		let parent_header = self
			.client
			.header(parent_hash)
			.map_err(Error::Client)?
			.ok_or_else(|| Error::Environment(format!("Unknown parent block {parent_hash}")))?;
		let height = u64::from(parent_header.number) + 1;
		let started = std::time::Instant::now();
		if let Err(error) =
			self.check_work(&parent_header, pre_hash, seal, difficulty).and_then(|()| {
				let decoded = Seal::decode_all_from(seal).ok_or(SealError::Undecodable)?;
				check_signature(pre_hash, &decoded, pre_digest)
			}) {
			log::warn!(
				target: LOG_TARGET,
				"❌ Rejecting block #{height} with pre-hash {pre_hash}: {error}",
			);
			return Ok(false);
		}
		let work = started.elapsed();
		// A fresh API instance: its overlay (the share pool's bookkeeping for this block) is
		// dropped with it.
		let votes = self
			.client
			.runtime_api()
			.check_votes(parent_hash, parent_header, *pre_hash, seal.clone())
			.map_err(|e| {
				Error::Environment(format!("Checking the votes of block #{height} failed: {e}"))
			})?;
		match votes {
			Ok(votes) => {
				// What import spends on the seal: the work and the author's signature, then the
				// votes (docs/BENCHMARKS.md, "PoS votes").
				log::debug!(
					target: LOG_TARGET,
					"Block #{height} with pre-hash {pre_hash}: seal verified in {:.2} ms, {votes} \
					 vote(s) checked in {:.2} ms",
					work.as_secs_f64() * 1e3,
					(started.elapsed() - work).as_secs_f64() * 1e3,
				);
				Ok(true)
			},
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
