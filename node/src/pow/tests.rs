//! The wiring of the seal rules into import: which height a block is checked at, which
//! difficulties are read from the runtime, and that every rejection reaches the import
//! queue as `false`. A mock client stands in for the chain; seals are mined for real.

use super::*;
use codec::Encode;
use polkadot_sdk::{
	sp_api::{ApiRef, ProvideRuntimeApi},
	sp_blockchain::{BlockStatus, Info},
	sp_core::{sr25519, Pair as _},
	sp_runtime::traits::Header as _,
};
use sero_consensus_primitives::{meets_difficulty, Seal, SealVotesApi, Vote, VoteError};
use sero_progpow::PERIOD_LENGTH;
use sero_runtime::opaque::Header;
use sero_runtime::BlockNumber;
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

	/// Refuses votes for positions past the third, as the runtime refuses votes for shares
	/// not drawn; checks that it is asked with the parent's header.
	impl SealVotesApi<Block> for MockRuntime {
		fn check_votes(parent: Header, _pre_hash: H256, seal: Vec<u8>) -> Result<u8, VoteError> {
			assert_eq!(parent.number, PARENT, "the votes are checked over the parent's header");
			let seal = Seal::decode_all_from(&seal).ok_or(VoteError::UndecodableSeal)?;
			match seal.votes().iter().find(|vote| vote.position > 2) {
				Some(vote) => Err(VoteError::NotDrawn(vote.position)),
				None => Ok(seal.votes().len() as u8),
			}
		}
	}
}

impl HeaderBackend<Block> for MockClient {
	fn header(&self, hash: H256) -> polkadot_sdk::sp_blockchain::Result<Option<Header>> {
		Ok(self.numbers.get(&hash).map(|number| {
			Header::new(
				*number,
				Default::default(),
				Default::default(),
				Default::default(),
				Default::default(),
			)
		}))
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

/// The author the tests' blocks name, whose key signs their seals.
fn author() -> sr25519::Pair {
	sr25519::Pair::from_seed(&[1; 32])
}

/// `seal` signed by `pair` for the block with pre-hash `pre_hash`.
fn signed_by(pair: &sr25519::Pair, pre_hash: &H256, seal: &Seal) -> Seal {
	seal.clone().signed(pair.sign(&seal.signing_message(pre_hash)).0)
}

/// Verifies `seal`, signed by the block's author, as import does.
fn verify(
	algorithm: &ProgPowAlgorithm<MockClient>,
	parent: BlockId<Block>,
	pre_hash: &H256,
	seal: &Seal,
) -> Result<bool, Error<Block>> {
	let signed = signed_by(&author(), pre_hash, seal);
	let author = author().public().0;
	algorithm.verify(&parent, pre_hash, Some(&author[..]), &signed.encode(), DIFFICULTY.into())
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
	// A genuine seal two epochs past the best block's, on a parent the node knows: the node
	// builds no cache for it (and never asks the runtime about its votes).
	let far = PARENT + 2 * sero_progpow::EPOCH_LENGTH as BlockNumber;
	let far_hash = H256::repeat_byte(0xfa);
	let client = MockClient {
		numbers: BTreeMap::from([(parent_hash(), PARENT), (far_hash, far)]),
		best_number: PARENT,
	};
	let algorithm = ProgPowAlgorithm::new(Arc::new(client), Arc::new(LightCaches::default()));
	let seal = mine(&LightCaches::default(), u64::from(far) + 1, &PRE_HASH, DIFFICULTY);
	assert!(!verify(&algorithm, BlockId::Hash(far_hash), &PRE_HASH, &seal).unwrap());
	assert!(!verify(&algorithm, BlockId::Number(far), &PRE_HASH, &seal).unwrap());
}

#[test]
fn difficulties_come_from_the_runtime() {
	let algorithm = algorithm();
	assert_eq!(algorithm.difficulty(parent_hash()).unwrap(), Difficulty::from(DIFFICULTY));
	assert_eq!(algorithm.minimum_difficulty().unwrap(), Difficulty::from(MINIMUM));
}

#[test]
fn preliminary_verification_checks_the_minimum_difficulty() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, MINIMUM);
	assert_eq!(algorithm.preliminary_verify(&PRE_HASH, &seal.encode()).unwrap(), Some(true));

	// A nonce whose final hash misses the minimum.
	let short = seal_where(algorithm.caches(), CHILD, &PRE_HASH, |hash| {
		!meets_difficulty(hash, MINIMUM.into())
	});
	assert_eq!(algorithm.preliminary_verify(&PRE_HASH, &short.encode()).unwrap(), Some(false));
}

/// What the runtime says of the votes decides: a vote it refuses rejects the block (a
/// verdict, not an error), one it accepts does not.
#[test]
fn votes_the_runtime_refuses_reject_the_block() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, DIFFICULTY);
	let with_vote = |position| {
		let Seal::V1(mut voted) = seal.clone();
		voted.votes.try_push(Vote { position, signature: [0; 64] }).unwrap();
		Seal::V1(voted)
	};
	assert!(verify(&algorithm, BlockId::Hash(parent_hash()), &PRE_HASH, &with_vote(2)).unwrap());
	assert!(!verify(&algorithm, BlockId::Hash(parent_hash()), &PRE_HASH, &with_vote(3)).unwrap());
	assert!(!verify(&algorithm, BlockId::Number(PARENT), &PRE_HASH, &with_vote(3)).unwrap());
}

/// Only the author the block names signs its seal: an unsigned seal, one signed by another
/// key and a block naming no author are rejected, whatever the work.
#[test]
fn a_seal_not_signed_by_the_author_is_rejected() {
	let algorithm = algorithm();
	let seal = mine(algorithm.caches(), CHILD, &PRE_HASH, DIFFICULTY);
	let key = author().public().0;
	let check = |seal: &Seal, author: Option<&[u8]>| {
		algorithm
			.verify(
				&BlockId::Hash(parent_hash()),
				&PRE_HASH,
				author,
				&seal.encode(),
				DIFFICULTY.into(),
			)
			.unwrap()
	};
	assert!(check(&signed_by(&author(), &PRE_HASH, &seal), Some(&key)));
	assert!(!check(&seal, Some(&key)), "unsigned");
	let stranger = sr25519::Pair::from_seed(&[2; 32]);
	assert!(!check(&signed_by(&stranger, &PRE_HASH, &seal), Some(&key)), "another key");
	assert!(!check(&signed_by(&author(), &PRE_HASH, &seal), None), "no author");
}

/// At equal total difficulty the block with more votes wins; a tie of votes keeps the block
/// imported first.
#[test]
fn a_tie_goes_to_the_seal_with_more_votes() {
	let algorithm = algorithm();
	let seal = Seal::new(1, H256::zero());
	let with = |count: u8| {
		let Seal::V1(mut voted) = seal.clone();
		for position in 0..count {
			voted.votes.try_push(Vote { position, signature: [0; 64] }).unwrap();
		}
		Seal::V1(voted).encode()
	};
	assert!(algorithm.break_tie(&with(2), &with(3)));
	assert!(!algorithm.break_tie(&with(3), &with(2)));
	assert!(!algorithm.break_tie(&with(2), &with(2)));
	assert!(algorithm.break_tie(&vec![0xde], &with(1)), "a seal that does not decode has none");
}

#[test]
fn clones_share_the_light_caches() {
	let algorithm = algorithm();
	assert!(Arc::ptr_eq(algorithm.clone().caches(), algorithm.caches()));
}
