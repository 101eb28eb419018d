//! ProgPoW mining threads.
//!
//! [`crate::templates`] builds block templates; these threads search nonces for the
//! current template and, once a nonce meets the difficulty, collect the
//! votes of the shares the block draws ([`crate::voting`]) and submit the sealed block; a
//! block that cannot get the votes NeedTwoVote asks for is dropped and the search goes on.
//! Every seal is signed with the author account's key ([`SealSigner`]), so that nobody else
//! can re-seal the block with other votes. Each thread starts from a random nonce. Threads hash from the light
//! cache, or from the full DAG once it is built when `--pow-full-dag` is given.
//! Every [`REPORT_INTERVAL`] the node logs the hashrate.

use std::{
	sync::{
		atomic::{AtomicBool, AtomicU64, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

use codec::Encode;
use parking_lot::RwLock;
use polkadot_sdk::{
	sc_service::TaskManager,
	sp_core::{crypto::KeyTypeId, sr25519, H256},
	sp_keystore::KeystorePtr,
};
use sero_consensus_primitives::{meets_difficulty, Seal};
use sero_progpow::{epoch_of, progpow::hash_with, FullDag, LightCaches, Program};

use crate::{
	templates::Templates,
	voting::{BlockFound, Voting},
};

const LOG_TARGET: &str = "pow";

/// How often the hashrate is logged.
pub const REPORT_INTERVAL: Duration = Duration::from_secs(30);

/// How long a thread sleeps while there is no template to mine (after a block it mined,
/// until the template on that block is built).
const IDLE: Duration = Duration::from_millis(10);

/// The keystore key type of the key that signs mined seals: the author account's sr25519 key
/// (`sero-node key insert --key-type smin --scheme sr25519`).
pub const AUTHOR_KEY_TYPE: KeyTypeId = KeyTypeId(*b"smin");

/// Signs seals with the block author's key, held in the keystore.
pub struct SealSigner {
	keystore: KeystorePtr,
	author: sr25519::Public,
}

impl SealSigner {
	/// A signer for the account `author`, an sr25519 key; an error naming the command that
	/// inserts it when the keystore does not hold it.
	pub fn new(keystore: KeystorePtr, author: [u8; 32]) -> Result<Self, String> {
		let author = sr25519::Public::from_raw(author);
		if !keystore.sr25519_public_keys(AUTHOR_KEY_TYPE).contains(&author) {
			return Err(format!(
				"Mining needs the author's sr25519 key in the keystore to sign seals: \
				 `sero-node key insert --key-type smin --scheme sr25519 --suri <the secret of {author}>` \
				 (with this node's --chain and --base-path)"
			));
		}
		Ok(Self { keystore, author })
	}

	/// `seal` signed for the block with pre-hash `pre_hash`; `None` if the keystore fails.
	pub fn sign(&self, pre_hash: &H256, seal: Seal) -> Option<Seal> {
		let message = seal.signing_message(pre_hash);
		match self.keystore.sr25519_sign(AUTHOR_KEY_TYPE, &self.author, &message) {
			Ok(Some(signature)) => Some(seal.signed(signature.0)),
			result => {
				log::error!(target: LOG_TARGET, "The keystore did not sign the seal: {result:?}");
				None
			},
		}
	}
}

/// Mining options from the command line.
pub struct Options {
	/// Number of mining threads (at least 1).
	pub threads: usize,
	/// Mine from the full DAG instead of the light cache.
	pub full_dag: bool,
}

/// The full DAG of the epoch being mined, once built.
#[derive(Default)]
struct DagSlot(RwLock<Option<Arc<FullDag>>>);

impl DagSlot {
	fn get(&self, epoch: u64) -> Option<Arc<FullDag>> {
		self.0.read().as_ref().filter(|dag| dag.epoch() == epoch).cloned()
	}
}

/// Sets its flag when dropped: the miner threads' signal that the node stops.
struct StopOnDrop(Arc<AtomicBool>);

impl Drop for StopOnDrop {
	fn drop(&mut self) {
		self.0.store(true, Ordering::Relaxed);
	}
}

/// What every mining thread shares.
struct Shared {
	templates: Arc<Templates>,
	caches: Arc<LightCaches>,
	dag: Option<Arc<DagSlot>>,
	voting: Voting,
	signer: SealSigner,
	hashes: AtomicU64,
	stop: Arc<AtomicBool>,
}

/// Starts `options.threads` mining threads, the hashrate log, and with
/// `options.full_dag` the DAG builder, all as tasks of `task_manager`.
pub fn start(
	task_manager: &TaskManager,
	templates: Arc<Templates>,
	caches: Arc<LightCaches>,
	voting: Voting,
	signer: SealSigner,
	options: Options,
) {
	let stop = Arc::new(AtomicBool::new(false));
	let shared = Arc::new(Shared {
		templates,
		caches,
		voting,
		signer,
		dag: options.full_dag.then(Default::default),
		hashes: AtomicU64::new(0),
		stop: stop.clone(),
	});
	let spawner = task_manager.spawn_handle();

	// Dropped with the task manager's tasks when the node shuts down.
	spawner.spawn("pow-miner-stop", Some("pow"), async move {
		let _stop = StopOnDrop(stop);
		futures::future::pending::<()>().await
	});

	log::info!(
		target: LOG_TARGET,
		"⛏  Mining with {} thread(s) from the {}",
		options.threads,
		if options.full_dag { "full DAG (light cache until it is built)" } else { "light cache" },
	);
	for index in 0..options.threads {
		let shared = shared.clone();
		spawner.spawn_blocking("pow-miner", Some("pow"), async move { mine(&shared, index) });
	}
	if shared.dag.is_some() {
		let shared = shared.clone();
		spawner.spawn_blocking("pow-dag-builder", Some("pow"), async move { build_dags(&shared) });
	}
	spawner.spawn("pow-hashrate", Some("pow"), report_hashrate(shared, options.threads));
}

fn mine(shared: &Shared, index: usize) {
	let mut nonce: u64 = rand::random();
	log::debug!(target: LOG_TARGET, "Miner thread {index} starts at nonce {nonce:#018x}");
	while !shared.stop.load(Ordering::Relaxed) {
		let version = shared.templates.version();
		let Some(template) = shared.templates.current() else {
			std::thread::sleep(IDLE);
			continue;
		};
		let height = u64::from(template.number);
		let epoch = epoch_of(height);
		let program = Program::for_height(height);
		let light = shared.caches.get(epoch);
		let dag = shared.dag.as_ref().and_then(|slot| slot.get(epoch));
		let header = template.pre_hash.to_fixed_bytes();

		while shared.templates.version() == version && !shared.stop.load(Ordering::Relaxed) {
			nonce = nonce.wrapping_add(1);
			let out = match &dag {
				Some(dag) => dag.hash(&program, &header, nonce),
				None => hash_with(light.as_ref(), &program, &header, nonce),
			};
			shared.hashes.fetch_add(1, Ordering::Relaxed);
			if !meets_difficulty(&out.final_hash, template.difficulty) {
				continue;
			}
			let found = BlockFound {
				parent: template.parent,
				number: template.number,
				pre_hash: template.pre_hash,
				seal: Seal::new(nonce, H256(out.mix_hash)),
			};
			// A rebuilt template on the same parent does not abandon the found block.
			let Some(seal) = shared
				.voting
				.seal(found, || !shared.templates.is_live(&template))
				.and_then(|seal| shared.signer.sign(&template.pre_hash, seal))
			else {
				continue;
			};
			if !futures::executor::block_on(shared.templates.submit(&template, seal.encode())) {
				log::warn!(target: LOG_TARGET, "Mined block #{height} was not accepted");
				break;
			}
			log::info!(
				target: LOG_TARGET,
				"🎉 Mined block #{height} on {} (nonce {nonce:#018x}, difficulty {})",
				template.parent,
				template.difficulty,
			);
			break;
		}
	}
}

/// Keeps the full DAG of the epoch being mined built.
fn build_dags(shared: &Shared) {
	let Some(slot) = &shared.dag else { return };
	while !shared.stop.load(Ordering::Relaxed) {
		let wanted =
			shared.templates.current().map(|template| epoch_of(u64::from(template.number)));
		match wanted {
			Some(epoch) if slot.get(epoch).is_none() => {
				let dag = FullDag::build(shared.caches.get(epoch));
				*slot.0.write() = Some(Arc::new(dag));
			},
			_ => std::thread::sleep(Duration::from_secs(1)),
		}
	}
}

async fn report_hashrate(shared: Arc<Shared>, threads: usize) {
	let mut last = (Instant::now(), 0u64);
	loop {
		tokio::time::sleep(REPORT_INTERVAL).await;
		let now = (Instant::now(), shared.hashes.load(Ordering::Relaxed));
		let rate = (now.1 - last.1) as f64 / now.0.duration_since(last.0).as_secs_f64();
		last = now;
		match shared.templates.current() {
			Some(template) => log::info!(
				target: LOG_TARGET,
				"⛏  Hashrate {rate:.0} H/s on {threads} thread(s); difficulty {}",
				template.difficulty,
			),
			None => {
				log::info!(target: LOG_TARGET, "⛏  Hashrate {rate:.0} H/s; waiting for a block template")
			},
		}
	}
}
