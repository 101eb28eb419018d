//! PoS votes over the network (SPEC §7; docs/CONSENSUS.md, "Votes in the network").
//!
//! A miner that found a block's proof of work asks for the votes of the shares the block
//! draws: it gossips a [`Message::Request`] carrying the block's parent, pre-hash and
//! vote-less seal on the requests topic. Every node running the voter service (`--vote`)
//! checks the request's proof of work, computes the draw at the parent's state through the
//! runtime, signs for each drawn share whose vote key is in its keystore (key type
//! [`KEY_TYPE`]) and gossips a [`Message::Votes`] on the block's own topic. The miner takes
//! each vote the runtime accepts until every drawn share voted or its wait is over, then
//! seals with them, or, when the block still lacks the votes NeedTwoVote asks for, mines on.
//!
//! Requests carry their proof of work, checked before they are kept or passed on (go-sero's
//! carry none, so anyone can make its voters sign arbitrary seeds); messages about blocks
//! more than [`HORIZON`] blocks from the best block are dropped.

use std::{
	collections::BTreeMap,
	sync::Arc,
	time::{Duration, Instant},
};

use codec::{Decode, DecodeAll, Encode};
use futures::{FutureExt, StreamExt};
use parking_lot::Mutex;
use polkadot_sdk::{
	sc_consensus_pow::PowAlgorithm,
	sc_network::{
		config::{NonReservedPeerMode, SetConfig},
		NetworkBackend, NotificationMetrics, NotificationService, PeerId, ProtocolName,
	},
	sc_network_gossip::{
		GossipEngine, TopicNotification, ValidationResult, Validator, ValidatorContext,
	},
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_core::{crypto::KeyTypeId, sr25519, ConstU32, H256},
	sp_keystore::KeystorePtr,
	sp_runtime::{
		traits::{BlakeTwo256, Hash as _},
		BoundedVec,
	},
};
use sero_consensus_primitives::{
	verify::check_final_hash, vote_message, Seal, SealV1, SealVotesApi, Vote, VoteError, MAX_VOTES,
};
use sero_runtime::opaque::{Block, Header};

use crate::service::{Algorithm, FullClient};

const LOG_TARGET: &str = "votes";

/// The keystore key type of vote keys: `sero-node key insert --key-type svot --scheme sr25519`.
pub const KEY_TYPE: KeyTypeId = KeyTypeId(*b"svot");

/// Blocks either side of the best block whose messages are kept and passed on.
pub const HORIZON: u32 = 2;

/// The largest message: a request or three votes, with room to spare.
const MAX_MESSAGE_SIZE: u64 = 1024;

/// How often a miner waiting for votes looks for new ones.
const POLL: Duration = Duration::from_millis(10);

/// A block whose proof of work was found, as a miner asks for its votes.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct BlockFound {
	/// The parent's hash.
	pub parent: H256,
	/// The block's number.
	pub number: u32,
	/// The block's pre-hash: the hash of its header without the seal.
	pub pre_hash: H256,
	/// The block's seal, without votes.
	pub seal: Seal,
}

/// A message of the votes protocol.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub enum Message {
	/// A miner asks for the votes of a block it found.
	Request(BlockFound),
	/// Votes for the block of number `number` with pre-hash `pre_hash`.
	Votes {
		/// The block's number.
		number: u32,
		/// The block's pre-hash.
		pre_hash: H256,
		/// The votes.
		votes: BoundedVec<Vote, ConstU32<MAX_VOTES>>,
	},
}

/// The topic all requests are gossiped on.
pub fn requests_topic() -> H256 {
	BlakeTwo256::hash(b"sero/votes/requests")
}

/// The topic of the votes for the block with pre-hash `pre_hash`.
pub fn votes_topic(pre_hash: &H256) -> H256 {
	BlakeTwo256::hash(&(b"sero/votes/block", pre_hash).encode())
}

/// The protocol's name on a chain: its genesis hash makes chains' votes apart.
pub fn protocol_name(genesis: &H256) -> ProtocolName {
	format!("/{}/sero-votes/1", hex::encode(genesis)).into()
}

/// The notification protocol to register with the network before it is built. As GRANDPA's,
/// its peer set is empty: the gossip engine adds every peer the node syncs with.
pub fn protocol_config<N: NetworkBackend<Block, H256>>(
	name: ProtocolName,
	metrics: NotificationMetrics,
	peer_store: Arc<dyn polkadot_sdk::sc_network::peer_store::PeerStoreProvider>,
) -> (N::NotificationProtocolConfig, Box<dyn NotificationService>) {
	N::notification_config(
		name,
		Vec::new(),
		MAX_MESSAGE_SIZE,
		None,
		SetConfig {
			in_peers: 0,
			out_peers: 0,
			reserved_nodes: Vec::new(),
			non_reserved_mode: NonReservedPeerMode::Deny,
		},
		metrics,
		peer_store,
	)
}

/// Keeps and passes on the messages about blocks near the best one; requests only with
/// their proof of work meeting the chain's minimum difficulty (a hash, no DAG).
pub struct VoteValidator {
	client: Arc<FullClient>,
	algorithm: Algorithm,
}

impl VoteValidator {
	fn near_best(&self, number: u32) -> bool {
		let best = self.client.info().best_number;
		number.saturating_add(HORIZON) >= best && number <= best.saturating_add(HORIZON)
	}

	fn topic(&self, data: &[u8]) -> Option<H256> {
		match Message::decode_all(&mut &data[..]).ok()? {
			Message::Request(found) => {
				let minimum = self.algorithm.minimum_difficulty().ok()?;
				(self.near_best(found.number)
					&& found.seal.votes().is_empty()
					&& check_final_hash(&found.pre_hash, &found.seal.encode(), minimum).is_ok())
				.then(requests_topic)
			},
			Message::Votes { number, pre_hash, .. } => {
				self.near_best(number).then(|| votes_topic(&pre_hash))
			},
		}
	}
}

impl Validator<Block> for VoteValidator {
	fn validate(
		&self,
		_context: &mut dyn ValidatorContext<Block>,
		_sender: &PeerId,
		data: &[u8],
	) -> ValidationResult<H256> {
		match self.topic(data) {
			Some(topic) => ValidationResult::ProcessAndKeep(topic),
			None => ValidationResult::Discard,
		}
	}

	fn message_expired<'a>(&'a self) -> Box<dyn FnMut(H256, &[u8]) -> bool + 'a> {
		Box::new(move |_topic, data| match Message::decode_all(&mut &data[..]) {
			Ok(Message::Request(found)) => !self.near_best(found.number),
			Ok(Message::Votes { number, .. }) => !self.near_best(number),
			Err(_) => true,
		})
	}
}

/// The votes protocol of a running node: its gossip engine, and the keys it votes with.
#[derive(Clone)]
pub struct Voting {
	client: Arc<FullClient>,
	algorithm: Algorithm,
	gossip: Arc<Mutex<GossipEngine<Block>>>,
	/// The keystore, when the node votes (`--vote`).
	keystore: Option<KeystorePtr>,
	/// How long a miner waits for the votes of a block.
	wait: Duration,
}

impl Voting {
	/// The votes protocol over `network` and `sync`, with the keystore's vote keys when
	/// `keystore` is given; miners wait up to `wait` for votes.
	pub fn new<N, S>(
		client: Arc<FullClient>,
		algorithm: Algorithm,
		network: N,
		sync: S,
		notifications: Box<dyn NotificationService>,
		name: ProtocolName,
		keystore: Option<KeystorePtr>,
		wait: Duration,
	) -> Self
	where
		N: polkadot_sdk::sc_network_gossip::Network<Block> + Send + Clone + 'static,
		S: polkadot_sdk::sc_network_gossip::Syncing<Block> + Send + Clone + 'static,
	{
		let validator =
			Arc::new(VoteValidator { client: client.clone(), algorithm: algorithm.clone() });
		let gossip = GossipEngine::new(network, sync, notifications, name, validator, None);
		Self { client, algorithm, gossip: Arc::new(Mutex::new(gossip)), keystore, wait }
	}

	/// Drives the gossip engine; ends when the network does.
	pub async fn run_gossip(self) {
		let gossip = self.gossip.clone();
		futures::future::poll_fn(move |cx| gossip.lock().poll_unpin(cx)).await;
		log::warn!(target: LOG_TARGET, "The votes gossip stopped");
	}

	/// The voter service (`--vote`): answers each request with the votes of the drawn
	/// shares whose keys the keystore holds.
	pub async fn run_voter(self) {
		let Some(keystore) = self.keystore.clone() else { return };
		let keys = keystore.sr25519_public_keys(KEY_TYPE).len();
		log::info!(target: LOG_TARGET, "🗳  Voting with {keys} vote key(s) of the keystore");
		let mut requests = self.gossip.lock().messages_for(requests_topic());
		while let Some(TopicNotification { message, .. }) = requests.next().await {
			let Ok(Message::Request(found)) = Message::decode_all(&mut &message[..]) else {
				continue;
			};
			match self.votes_for(&found) {
				Ok(votes) if !votes.is_empty() => {
					log::info!(
						target: LOG_TARGET,
						"🗳  Voting for block #{} (pre-hash {}): {} share(s)",
						found.number,
						found.pre_hash,
						votes.len(),
					);
					let message =
						Message::Votes { number: found.number, pre_hash: found.pre_hash, votes };
					self.gossip.lock().gossip_message(
						votes_topic(&found.pre_hash),
						message.encode(),
						false,
					);
				},
				Ok(_) => {},
				Err(why) => log::debug!(
					target: LOG_TARGET,
					"Not voting for block #{} (pre-hash {}): {why}",
					found.number,
					found.pre_hash,
				),
			}
		}
	}

	/// The votes this node signs for `found`: its proof of work checked in full at its
	/// parent's difficulty, then one vote per drawn share whose vote key the keystore holds.
	pub fn votes_for(
		&self,
		found: &BlockFound,
	) -> Result<BoundedVec<Vote, ConstU32<MAX_VOTES>>, String> {
		if self.keystore.is_none() {
			return Ok(Default::default());
		}
		let parent = self.parent(found)?;
		let difficulty = self.algorithm.difficulty(found.parent).map_err(|e| e.to_string())?;
		self.algorithm
			.check_work(&parent, &found.pre_hash, &found.seal.encode(), difficulty)
			.map_err(|e| e.to_string())?;
		let keys = self
			.client
			.runtime_api()
			.drawn_vote_keys(found.parent, parent, found.pre_hash, found.seal.encode())
			.map_err(|e| e.to_string())?;
		Ok(self.sign(found, &keys))
	}

	/// One vote for each of `found`'s drawn shares, whose vote keys are `keys` in draw order,
	/// that the keystore holds the key of; none when the node does not vote.
	fn sign(&self, found: &BlockFound, keys: &[[u8; 32]]) -> BoundedVec<Vote, ConstU32<MAX_VOTES>> {
		let Some(keystore) = &self.keystore else { return Default::default() };
		let seed = found.seal.draw_seed(&found.pre_hash);
		let mut votes = BoundedVec::new();
		for (position, key) in keys.iter().enumerate() {
			let position = position as u8;
			let public = sr25519::Public::from_raw(*key);
			let message = vote_message(&found.pre_hash, &seed, position);
			if let Ok(Some(signature)) = keystore.sr25519_sign(KEY_TYPE, &public, &message) {
				// At most three shares are drawn.
				let _ = votes.try_push(Vote { position, signature: signature.0 });
			}
		}
		votes
	}

	fn parent(&self, found: &BlockFound) -> Result<Header, String> {
		let parent = self
			.client
			.header(found.parent)
			.map_err(|e| e.to_string())?
			.ok_or_else(|| format!("unknown parent {}", found.parent))?;
		if parent.number.saturating_add(1) != found.number {
			return Err(format!(
				"block #{} does not follow its parent #{}",
				found.number, parent.number
			));
		}
		Ok(parent)
	}

	/// What the runtime says of `seal` with `votes` for `found`.
	fn check(
		&self,
		found: &BlockFound,
		parent: &Header,
		votes: &BTreeMap<u8, Vote>,
	) -> Option<Result<u8, VoteError>> {
		let seal = with_votes(&found.seal, votes).encode();
		self.client
			.runtime_api()
			.check_votes(found.parent, parent.clone(), found.pre_hash, seal)
			.ok()
	}

	/// The seal to submit for `found`: with the votes of its drawn shares, collected until
	/// all of them voted, `self.wait` passed or `stale` says the template changed. `None`
	/// when the block cannot be sealed: too few votes where NeedTwoVote holds, or stale.
	pub fn seal(&self, found: BlockFound, stale: impl Fn() -> bool) -> Option<Seal> {
		let parent = self.parent(&found).ok()?;
		let keys = self
			.client
			.runtime_api()
			.drawn_vote_keys(found.parent, parent.clone(), found.pre_hash, found.seal.encode())
			.ok()?;
		let drawn = keys.len();
		if drawn == 0 {
			return Some(found.seal);
		}
		let started = Instant::now();
		let mut incoming = self.gossip.lock().messages_for(votes_topic(&found.pre_hash));
		self.gossip.lock().gossip_message(
			requests_topic(),
			Message::Request(found.clone()).encode(),
			false,
		);
		let mut votes = BTreeMap::new();
		let take = |offered: &[Vote], votes: &mut BTreeMap<u8, Vote>| {
			for vote in offered {
				if votes.contains_key(&vote.position) {
					continue;
				}
				let mut candidate = votes.clone();
				candidate.insert(vote.position, vote.clone());
				if matches!(
					self.check(&found, &parent, &candidate),
					Some(Ok(_) | Err(VoteError::TooFewVotes { .. }))
				) {
					*votes = candidate;
				}
			}
		};
		// This node's own votes: the work is its own, and the keys are known.
		take(&self.sign(&found, &keys), &mut votes);
		while votes.len() < drawn && started.elapsed() < self.wait && !stale() {
			match incoming.next().now_or_never() {
				Some(Some(TopicNotification { message, .. })) => {
					if let Ok(Message::Votes { pre_hash, votes: offered, .. }) =
						Message::decode_all(&mut &message[..])
					{
						if pre_hash == found.pre_hash {
							take(&offered, &mut votes);
						}
					}
				},
				Some(None) => break,
				None => std::thread::sleep(POLL),
			}
		}
		if stale() {
			return None;
		}
		let elapsed = started.elapsed().as_millis();
		match self.check(&found, &parent, &votes) {
			Some(Ok(count)) => {
				log::info!(
					target: LOG_TARGET,
					"🗳  Block #{}: {count} of {drawn} drawn share(s) voted ({elapsed} ms)",
					found.number,
				);
				Some(with_votes(&found.seal, &votes))
			},
			Some(Err(error)) => {
				log::warn!(
					target: LOG_TARGET,
					"Block #{} cannot be sealed after {elapsed} ms: {error}; mining on",
					found.number,
				);
				None
			},
			None => None,
		}
	}
}

/// `seal` carrying `votes`, not signed.
fn with_votes(seal: &Seal, votes: &BTreeMap<u8, Vote>) -> Seal {
	let Seal::V1(SealV1 { nonce, mix_hash, .. }) = seal;
	let votes = votes.values().cloned().collect::<Vec<_>>();
	Seal::V1(SealV1 {
		nonce: *nonce,
		mix_hash: *mix_hash,
		// At most one vote per position, of which there are three.
		votes: votes.try_into().unwrap_or_default(),
		signature: [0; 64],
	})
}
