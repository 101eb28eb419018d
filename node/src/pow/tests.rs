//! The wiring of the seal rules into import: which height a block is checked at, which
//! difficulties are read from the runtime, and that every rejection reaches the import
//! queue as `false`. A mock client stands in for the chain; seals are mined for real.

use super::*;
use codec::Encode;
use polkadot_sdk::{
	sp_api::{ApiRef, ProvideRuntimeApi},
	sp_blockchain::{BlockStatus, Info},
};
use sero_consensus_primitives::{meets_difficulty, Seal, Vote};
use sero_progpow::PERIOD_LENGTH;
use sero_runtime::opaque::Header;
use std::collections::BTreeMap;

/// The difficulty the mock runtime asks of the next block.
const DIFFICULTY: u64 = 5;
/// The mock runtime's minimum difficulty.
const MINIMUM: u64 = 3;
/// The parent's number: its child opens a ProgPoW period, so a child checked one or two
/// heights too low is checked under another program.
const PARENT: BlockNumber = 2 * PERIOD_LENGTH as BlockNumber - 1;

/// A chain of known block numbers, with a best block.
#[derive(Clone, Default)]
struct MockClient {
	numbers: BTreeMap<H256, BlockNumber>,
	best_number: BlockNumber,
}

struct MockRuntime;

impl ProvideRuntimeApi<Block> for MockClient {
	type Api = MockRuntime;

	fn runtime_api(&self) -> ApiRef<'_, Self::Api> {
		MockRuntime.into()
	}
}

polkadot_sdk::sp_api::mock_impl_runtime_apis! {
	impl DifficultyApi<Block, Difficulty> for MockRuntime {
		fn difficulty() -> Difficulty {
			DIFFICULTY.into()
		}
	}

	impl DifficultyParamsApi<Block> for MockRuntime {
		fn minimum_difficulty() -> Difficulty {
			MINIMUM.into()
		}
	}
}

impl HeaderBackend<Block> for MockClient {
	fn header(&self, _: H256) -> polkadot_sdk::sp_blockchain::Result<Option<Header>> {
		Ok(None)
	}

	fn info(&self) -> Info<Block> {
		Info {
			best_hash: H256::repeat_byte(0xbe),
			best_number: self.best_number,
			genesis_hash: H256::zero(),
			finalized_hash: H256::zero(),
			finalized_number: 0,
			finalized_state: None,
			number_leaves: 1,
			block_gap: None,
		}
	}

	fn status(&self, hash: H256) -> polkadot_sdk::sp_blockchain::Result<BlockStatus> {
		Ok(if self.numbers.contains_key(&hash) {
			BlockStatus::InChain
		} else {
			BlockStatus::Unknown
		})
	}

	fn number(&self, hash: H256) -> polkadot_sdk::sp_blockchain::Result<Option<BlockNumber>> {
		Ok(self.numbers.get(&hash).copied())
	}

	fn hash(&self, number: BlockNumber) -> polkadot_sdk::sp_blockchain::Result<Option<H256>> {
		Ok(self.numbers.iter().find(|(_, n)| **n == number).map(|(hash, _)| *hash))
	}
}

/// The parent's hash in the mock chain.
fn parent_hash() -> H256 {
	H256::repeat_byte(0xaa)
}

/// An algorithm over a chain whose best block is the parent.
fn algorithm() -> ProgPowAlgorithm<MockClient> {
	let client =
		MockClient { numbers: BTreeMap::from([(parent_hash(), PARENT)]), best_number: PARENT };
	ProgPowAlgorithm::new(Arc::new(client), Arc::new(LightCaches::default()))
}

/// The pre-hash of the blocks the tests seal.
const PRE_HASH: H256 = H256::repeat_byte(7);

/// The height of the parent's child.
const CHILD: u64 = PARENT as u64 + 1;

/// A seal for `pre_hash` at `height` with the first nonce whose final hash `accept`s.
fn seal_where(
	caches: &LightCaches,
	height: u64,
	pre_hash: &H256,
	accept: impl Fn(&[u8; 32]) -> bool,
) -> Seal {
	(0u64..)
		.find_map(|nonce| {
			let out = caches.hash(height, pre_hash.as_fixed_bytes(), nonce);
			accept(&out.final_hash).then(|| Seal::new(nonce, H256(out.mix_hash)))
		})
		.expect("some nonce meets a small difficulty, and some misses it")
}

/// A seal for `pre_hash` at `height`, mined at `difficulty`.
fn mine(caches: &LightCaches, height: u64, pre_hash: &H256, difficulty: u64) -> Seal {
	seal_where(caches, height, pre_hash, |hash| meets_difficulty(hash, difficulty.into()))
}

fn verify(
	algorithm: &ProgPowAlgorithm<MockClient>,
	parent: BlockId<Block>,
	pre_hash: &H256,
	seal: &Seal,
) -> Result<bool, Error<Block>> {
	algorithm.verify(&parent, pre_hash, None, &seal.encode(), DIFFICULTY.into())
}

#[test]
fn a_seal_is_verified_at_the_height_after_its_parent() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, DIFFICULTY);
	assert!(verify(&algorithm, BlockId::Hash(parent_hash()), &PRE_HASH, &seal).unwrap());
	assert!(verify(&algorithm, BlockId::Number(PARENT), &PRE_HASH, &seal).unwrap());
	// The same header and nonce one or two heights lower: another period's program.
	for lower in [CHILD - 1, CHILD - 2] {
		let seal = mine(algorithm.caches(), lower, &PRE_HASH, DIFFICULTY);
		assert!(!verify(&algorithm, BlockId::Number(PARENT), &PRE_HASH, &seal).unwrap());
	}
}

#[test]
fn a_bad_seal_is_rejected_not_an_error() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, DIFFICULTY);
	let Seal::V1(mut wrong_mix) = seal.clone();
	wrong_mix.mix_hash.0[0] ^= 1;
	assert!(!verify(&algorithm, BlockId::Number(PARENT), &PRE_HASH, &Seal::V1(wrong_mix)).unwrap());
	let other_header = H256::repeat_byte(8);
	assert!(!verify(&algorithm, BlockId::Number(PARENT), &other_header, &seal).unwrap());
	// A child of an unknown parent cannot be placed: an error, not a verdict.
	assert!(verify(&algorithm, BlockId::Hash(H256::repeat_byte(0xee)), &PRE_HASH, &seal).is_err());
}

#[test]
fn seals_far_from_the_best_block_are_not_verified() {
	let algorithm = algorithm();
	// A genuine seal two epochs past the best block's: the node builds no cache for it.
	let far = PARENT + 2 * sero_progpow::EPOCH_LENGTH as BlockNumber;
	let seal = mine(&LightCaches::default(), u64::from(far) + 1, &PRE_HASH, DIFFICULTY);
	assert!(!verify(&algorithm, BlockId::Number(far), &PRE_HASH, &seal).unwrap());
}

#[test]
fn difficulties_come_from_the_runtime() {
	let algorithm = algorithm();
	assert_eq!(algorithm.difficulty(parent_hash()).unwrap(), Difficulty::from(DIFFICULTY));
	assert_eq!(algorithm.minimum_difficulty().unwrap(), Difficulty::from(MINIMUM));
}

#[test]
fn preliminary_verification_checks_votes_and_the_minimum_difficulty() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, MINIMUM);
	assert_eq!(algorithm.preliminary_verify(&PRE_HASH, &seal.encode()).unwrap(), Some(true));

	let Seal::V1(mut voted) = seal;
	voted.votes.try_push(Vote { share: H256::zero(), signature: [0; 64] }).unwrap();
	let voted = Seal::V1(voted).encode();
	assert_eq!(algorithm.preliminary_verify(&PRE_HASH, &voted).unwrap(), Some(false));

	// A nonce whose final hash misses the minimum.
	let short = seal_where(algorithm.caches(), CHILD, &PRE_HASH, |hash| {
		!meets_difficulty(hash, MINIMUM.into())
	});
	assert_eq!(algorithm.preliminary_verify(&PRE_HASH, &short.encode()).unwrap(), Some(false));
}

#[test]
fn clones_share_the_light_caches() {
	let algorithm = algorithm();
	assert!(Arc::ptr_eq(algorithm.clone().caches(), algorithm.caches()));
}
