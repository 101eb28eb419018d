//! Private rewards (`--reward-to <PK>`; issue 13): every block the miner builds names a
//! fresh one-time address of the PK in a pre-runtime digest item
//! ([`REWARD_TO_ENGINE_ID`]), and the runtime pays the block's reward and fees into a
//! shielded note for it (`pallet-block-rewards`, `pallet-shielded::pay_into_note`).
//!
//! `sc-consensus-pow`'s mining worker puts one fixed pre-runtime item (the author) in every
//! block; the PKr must change with each block, so it is added by the proposer the worker is
//! given: [`RewardTo`] wraps the block builder's environment and adds the item to the
//! digests of each proposal (none without `--reward-to`: the author is paid).

use futures::{future::BoxFuture, FutureExt, TryFutureExt};
use polkadot_sdk::{
	sp_consensus::{Environment, ProposeArgs, Proposer},
	sp_runtime::{traits::Block as BlockT, DigestItem},
};
use rand::rngs::OsRng;
use sero_consensus_primitives::REWARD_TO_ENGINE_ID;
use sero_crypto::keys::PublicKey;

/// A block builder's environment whose proposals pay their miner privately, to a fresh
/// one-time address of `pk` each; with no `pk`, `inner` as it is.
pub struct RewardTo<E> {
	inner: E,
	pk: Option<PublicKey>,
}

impl<E> RewardTo<E> {
	/// `inner`, its blocks paying `pk` if any.
	pub fn new(inner: E, pk: Option<PublicKey>) -> Self {
		Self { inner, pk }
	}
}

impl<B: BlockT, E: Environment<B>> Environment<B> for RewardTo<E>
where
	E::CreateProposer: Send + 'static,
{
	type Proposer = RewardToProposer<E::Proposer>;
	type CreateProposer = BoxFuture<'static, Result<Self::Proposer, Self::Error>>;
	type Error = E::Error;

	fn init(&mut self, parent_header: &B::Header) -> Self::CreateProposer {
		let pk = self.pk;
		self.inner.init(parent_header).map_ok(move |inner| RewardToProposer { inner, pk }).boxed()
	}
}

/// A proposer adding a fresh PKr of its PK, if any, to the block's pre-runtime digests.
pub struct RewardToProposer<P> {
	inner: P,
	pk: Option<PublicKey>,
}

impl<B: BlockT, P: Proposer<B>> Proposer<B> for RewardToProposer<P> {
	type Error = P::Error;
	type Proposal = P::Proposal;

	fn propose(self, mut args: ProposeArgs<B>) -> Self::Proposal {
		if let Some(pk) = &self.pk {
			args.inherent_digests.push(reward_digest(pk));
		}
		self.inner.propose(args)
	}
}

/// The pre-runtime digest item paying a block to a fresh one-time address of `pk`.
pub fn reward_digest(pk: &PublicKey) -> DigestItem {
	DigestItem::PreRuntime(REWARD_TO_ENGINE_ID, pk.one_time_address(&mut OsRng).to_bytes().to_vec())
}

#[cfg(test)]
mod tests {
	use super::*;
	use sero_crypto::keys::{OneTimeAddress, Seed, SpendingKey};

	#[test]
	fn each_block_names_a_fresh_pkr_that_only_the_pk_owns() {
		let owner = SpendingKey::from_seed(&Seed::from_bytes([4; 32]));
		let pkr = |item: DigestItem| match item {
			DigestItem::PreRuntime(engine, data) if engine == REWARD_TO_ENGINE_ID => {
				OneTimeAddress::from_bytes(&data.try_into().expect("96 bytes")).expect("a PKr")
			},
			other => panic!("not a reward digest: {other:?}"),
		};
		let (first, second) =
			(pkr(reward_digest(&owner.public_key())), pkr(reward_digest(&owner.public_key())));
		assert_ne!(first, second, "unlinkable: a fresh PKr per block");
		for pkr in [first, second] {
			assert!(owner.tracing_key().view_key(&pkr).is_some(), "the owner finds it");
			let other = SpendingKey::from_seed(&Seed::from_bytes([5; 32]));
			assert!(other.tracing_key().view_key(&pkr).is_none());
		}
	}
}
