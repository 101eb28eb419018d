//! The block templates the miner works on, and the import of the blocks it seals.
//!
//! `sc-consensus-pow`'s mining worker builds a template only when the best block changes,
//! so a transaction that reaches the pool just after a block waits the whole next round
//! before it can even be in a template. This worker builds a template on every new best
//! block and builds it again when the pool has gained transactions since, if the template
//! took every transaction that was ready when it was built (a template the block limits
//! filled gains nothing from a rebuild: the newcomers wait for the next block either way)
//! and at most once per [`REBUILD_INTERVAL`] (building costs the core the miner hashes on).
//!
//! A rebuild replaces the template without changing its parent, so a seal found for the
//! older one is as good as ever: [`Templates::submit`] takes the template the seal was
//! found for, and the miner abandons a found block only when the parent changes
//! ([`Templates::is_live`]). Nothing found is lost to a rebuild. Once a block on a parent
//! is imported, that parent is *spent*: its templates are dropped at once and no second
//! block on it is submitted, so the miner's threads never race each other to a sibling.

use std::{
	collections::HashSet,
	sync::{
		atomic::{AtomicUsize, Ordering},
		Arc,
	},
	time::{Duration, Instant},
};

use futures::{future, stream, StreamExt};
use parking_lot::Mutex;
use polkadot_sdk::{
	sc_client_api::BlockchainEvents,
	sc_consensus::{
		BlockImport, BlockImportParams, BoxBlockImport, ImportResult, StateAction, StorageChanges,
	},
	sc_consensus_pow::{PowAlgorithm, PowIntermediate, INTERMEDIATE_KEY},
	sc_transaction_pool_api::{InPoolTransaction, TransactionPool},
	sp_consensus::{
		BlockOrigin, Environment, Proposal, ProposeArgs, Proposer, SelectChain, SyncOracle,
	},
	sp_consensus_pow::POW_ENGINE_ID,
	sp_core::{H256, U256},
	sp_inherents::{CreateInherentDataProviders, InherentDataProvider},
	sp_runtime::{
		generic::BlockId,
		traits::{Block as BlockT, Header as HeaderT},
		Digest, DigestItem,
	},
};
use sero_runtime::opaque::Block;

use crate::service::{Algorithm, FullClient};

const LOG_TARGET: &str = "pow";

/// The least time between two builds on one parent.
pub const REBUILD_INTERVAL: Duration = Duration::from_millis(500);

/// How often the worker looks at the chain and the pool when nothing wakes it (and so the
/// most a due rebuild waits past [`REBUILD_INTERVAL`]).
const TICK: Duration = Duration::from_millis(250);

/// How long the worker waits for the pool to catch up with a block before comparing its
/// ready transactions with a template's.
const POOL_WAIT: Duration = Duration::from_millis(500);

/// A block ready to be sealed: what the miner hashes, and the block it becomes.
pub struct Template {
	/// The block it builds on.
	pub parent: H256,
	/// Its height.
	pub number: u32,
	/// The hash of its header without the seal: what the PoW hashes.
	pub pre_hash: H256,
	/// The difficulty its seal must meet.
	pub difficulty: U256,
	/// The block and its state changes, taken by the one submission that imports it.
	proposal: Mutex<Option<Proposal<Block>>>,
}

/// The current template, shared by the building task and the mining threads; seals are
/// checked by `A` (the node's ProgPoW).
pub struct Templates<A = Algorithm> {
	current: Mutex<Option<Arc<Template>>>,
	/// The parent of the last block imported from a template: nothing more is built or
	/// submitted on it.
	spent: Mutex<Option<H256>>,
	version: AtomicUsize,
	algorithm: A,
	block_import: Mutex<BoxBlockImport<Block>>,
	/// The pre-runtime digest of every template (the author), which seals are checked with.
	pre_runtime: Option<Vec<u8>>,
}

impl<A: PowAlgorithm<Block, Difficulty = U256>> Templates<A> {
	/// No template yet; seals checked by `algorithm` against `pre_runtime`, blocks imported
	/// through `block_import`.
	fn new(
		algorithm: A,
		block_import: BoxBlockImport<Block>,
		pre_runtime: Option<Vec<u8>>,
	) -> Self {
		Self {
			current: Mutex::new(None),
			spent: Mutex::new(None),
			version: AtomicUsize::new(0),
			algorithm,
			block_import: Mutex::new(block_import),
			pre_runtime,
		}
	}

	/// A number that changes whenever the current template does.
	pub fn version(&self) -> usize {
		self.version.load(Ordering::SeqCst)
	}

	/// The template to mine, if there is one.
	pub fn current(&self) -> Option<Arc<Template>> {
		self.current.lock().clone()
	}

	/// Whether a block sealed for `template` would still extend the chain the miner builds
	/// on: the current template has the same parent (it may be a rebuild of it), and no
	/// block on that parent was imported from a template yet.
	pub fn is_live(&self, template: &Template) -> bool {
		!self.is_spent(template.parent)
			&& self.current.lock().as_ref().is_some_and(|current| current.parent == template.parent)
	}

	fn is_spent(&self, parent: H256) -> bool {
		*self.spent.lock() == Some(parent)
	}

	fn replace(&self, template: Option<Template>) {
		*self.current.lock() = template.map(Arc::new);
		self.version.fetch_add(1, Ordering::SeqCst);
	}

	/// Drops the current template if `matches` it: the building task makes another.
	fn discard(&self, matches: impl Fn(&Template) -> bool) {
		let mut current = self.current.lock();
		if current.as_deref().is_some_and(matches) {
			*current = None;
			self.version.fetch_add(1, Ordering::SeqCst);
		}
	}

	/// Checks `seal` against `template` and imports the sealed block; whether it was
	/// imported. A template is imported at most once, and one block per parent.
	pub async fn submit(&self, template: &Template, seal: Vec<u8>) -> bool {
		if self.is_spent(template.parent) {
			log::debug!(target: LOG_TARGET, "A block on {} was mined already", template.parent);
			return false;
		}
		match self.algorithm.verify(
			&BlockId::Hash(template.parent),
			&template.pre_hash,
			self.pre_runtime.as_deref(),
			&seal,
			template.difficulty,
		) {
			Ok(true) => {},
			Ok(false) => {
				log::warn!(target: LOG_TARGET, "Mined block #{} has an invalid seal", template.number);
				return false;
			},
			Err(e) => {
				log::warn!(target: LOG_TARGET, "Mined block #{} not checked: {e}", template.number);
				return false;
			},
		}
		let Some(proposal) = template.proposal.lock().take() else {
			log::warn!(target: LOG_TARGET, "Mined block #{} was submitted already", template.number);
			return false;
		};
		let (header, body) = proposal.block.deconstruct();
		let mut block = BlockImportParams::new(BlockOrigin::Own, header);
		block.post_digests.push(DigestItem::Seal(POW_ENGINE_ID, seal));
		block.body = Some(body);
		block.state_action =
			StateAction::ApplyChanges(StorageChanges::Changes(proposal.storage_changes));
		block.insert_intermediate(
			INTERMEDIATE_KEY,
			PowIntermediate::<U256> { difficulty: Some(template.difficulty) },
		);
		let import = self.block_import.lock();
		let imported = import.import_block(block).await;
		drop(import);
		match imported {
			Ok(ImportResult::Imported(_)) => {
				*self.spent.lock() = Some(template.parent);
				self.discard(|current| current.parent == template.parent);
				log::info!(
					target: LOG_TARGET,
					"✅ Successfully mined block on top of: {}",
					template.parent
				);
				true
			},
			outcome => {
				let reason = match outcome {
					Ok(result) => format!("{result:?}"),
					Err(e) => e.to_string(),
				};
				log::warn!(
					target: LOG_TARGET,
					"Mined block #{} not imported: {reason}",
					template.number
				);
				self.discard(|current| current.pre_hash == template.pre_hash);
				false
			},
		}
	}
}

/// The last build (or attempt): its parent, when it ended, the pool hashes of the
/// transactions its template took, and whether those were all that were ready.
struct LastBuild {
	parent: H256,
	at: Instant,
	included: HashSet<H256>,
	took_all_ready: bool,
}

/// What the building task needs.
pub struct Builder<E, P, S, SO, CIDP> {
	/// The client.
	pub client: Arc<FullClient>,
	/// Where blocks are built.
	pub env: E,
	/// The transaction pool the blocks are built from.
	pub pool: Arc<P>,
	/// The chain to build on.
	pub select_chain: S,
	/// No templates while the node is far behind.
	pub sync_oracle: SO,
	/// The pre-runtime digest of every template (the author).
	pub pre_runtime: Option<Vec<u8>>,
	/// The inherent data of a new block.
	pub inherents: CIDP,
	/// How long the block builder may take.
	pub build_time: Duration,
}

impl<E, P, S, SO, CIDP> Builder<E, P, S, SO, CIDP>
where
	E: Environment<Block> + Send + 'static,
	E::Error: std::fmt::Debug,
	P: TransactionPool<Block = Block, Hash = H256> + 'static,
	S: SelectChain<Block> + 'static,
	SO: SyncOracle + Send + 'static,
	CIDP: CreateInherentDataProviders<Block, ()> + 'static,
{
	/// Starts building templates: the shared [`Templates`] and the task that keeps them
	/// current.
	pub fn start(
		self,
		algorithm: Algorithm,
		block_import: BoxBlockImport<Block>,
	) -> (Arc<Templates>, impl future::Future<Output = ()>) {
		let templates = Arc::new(Templates::new(algorithm, block_import, self.pre_runtime.clone()));
		(templates.clone(), self.run(templates))
	}

	async fn run(mut self, templates: Arc<Templates>) {
		// Every new block, every transaction that becomes ready and every tick wakes the
		// loop, which then decides. The pool's notifications are drained by a task of their
		// own into a channel of one, so a burst of thousands neither fills the pool's channel
		// while a build runs nor wakes the loop once per transaction.
		let (mut wake, woken) = futures::channel::mpsc::channel::<()>(1);
		let mut ready = self.pool.import_notification_stream();
		let forward = async move {
			while ready.next().await.is_some() {
				// Full means a wake is pending already.
				let _ = wake.try_send(());
			}
		};
		let blocks = self.client.import_notification_stream().map(|_| ());
		let ticks = stream::unfold((), |()| async {
			tokio::time::sleep(TICK).await;
			Some(((), ()))
		});
		let mut wakes = Box::pin(stream::select(stream::select(blocks, woken), ticks));
		let decide = async move {
			let mut last: Option<LastBuild> = None;
			while wakes.next().await.is_some() {
				if self.sync_oracle.is_major_syncing() {
					if templates.current().is_some() {
						log::debug!(target: LOG_TARGET, "No block template while syncing");
						templates.replace(None);
					}
					last = None;
					continue;
				}
				let best = match self.select_chain.best_chain().await {
					Ok(best) => best,
					Err(e) => {
						log::warn!(target: LOG_TARGET, "No block template: no best block ({e})");
						continue;
					},
				};
				let parent = best.hash();
				if templates.is_spent(parent) {
					// Our block on it is imported; the next best block is on its way.
					continue;
				}
				// On the same parent: a rebuild is due no sooner than REBUILD_INTERVAL after
				// the last build, and only when there is no template, or the template took
				// everything that was ready and the pool now holds more.
				let same = last.as_ref().filter(|last| last.parent == parent);
				let keeps =
					|last: &LastBuild| templates.current().is_some() && !last.took_all_ready;
				if same.is_some_and(|last| last.at.elapsed() < REBUILD_INTERVAL || keeps(last)) {
					continue;
				}
				let ready: HashSet<H256> = self
					.pool
					.ready_at_with_timeout(parent, POOL_WAIT)
					.await
					.map(|tx| *tx.hash())
					.collect();
				if same.is_some_and(|last| {
					templates.current().is_some() && ready.is_subset(&last.included)
				}) {
					continue;
				}
				let started = Instant::now();
				let Some((template, included)) = self.build(&best, &templates.algorithm).await
				else {
					// A template on an older parent is stale: none until a retry works.
					templates.discard(|current| current.parent != parent);
					last = Some(LastBuild {
						parent,
						at: Instant::now(),
						included: HashSet::new(),
						took_all_ready: false,
					});
					continue;
				};
				let took_all_ready = ready.is_subset(&included);
				log::debug!(
					target: LOG_TARGET,
					"{} the template of #{} on {parent} with {} transaction(s) in {:?}{}",
					if same.is_some() { "Rebuilt" } else { "Built" },
					template.number,
					included.len(),
					started.elapsed(),
					if took_all_ready { "" } else { "; more are ready than it holds" },
				);
				templates.replace(Some(template));
				last = Some(LastBuild { parent, at: Instant::now(), included, took_all_ready });
			}
		};
		future::join(forward, decide).await;
	}

	/// Builds a template on `best`: the template and the pool hashes of the transactions it
	/// took; `None` (logged) if any step fails.
	async fn build(
		&mut self,
		best: &<Block as BlockT>::Header,
		algorithm: &Algorithm,
	) -> Option<(Template, HashSet<H256>)> {
		let parent = best.hash();
		let fail = |what: &str, e: &dyn std::fmt::Debug| {
			log::warn!(target: LOG_TARGET, "No block template on {parent}: {what} failed: {e:?}");
		};
		let difficulty =
			algorithm.difficulty(parent).map_err(|e| fail("the difficulty", &e)).ok()?;
		let providers = self
			.inherents
			.create_inherent_data_providers(parent, ())
			.await
			.map_err(|e| fail("the inherent data providers", &e))
			.ok()?;
		let inherent_data = providers
			.create_inherent_data()
			.await
			.map_err(|e| fail("the inherent data", &e))
			.ok()?;
		let mut inherent_digests = Digest::default();
		if let Some(pre_runtime) = &self.pre_runtime {
			inherent_digests.push(DigestItem::PreRuntime(POW_ENGINE_ID, pre_runtime.clone()));
		}
		let proposer = self.env.init(best).await.map_err(|e| fail("the proposer", &e)).ok()?;
		let proposal = proposer
			.propose(ProposeArgs {
				inherent_data,
				inherent_digests,
				max_duration: self.build_time,
				block_size_limit: None,
				storage_proof_recorder: None,
				extra_extensions: Default::default(),
			})
			.await
			.map_err(|e| fail("the proposal", &e))
			.ok()?;
		let included = proposal.block.extrinsics().iter().map(|xt| self.pool.hash_of(xt)).collect();
		let template = Template {
			parent,
			number: *proposal.block.header().number(),
			pre_hash: proposal.block.header().hash(),
			difficulty,
			proposal: Mutex::new(Some(proposal)),
		};
		Some((template, included))
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use polkadot_sdk::{
		sc_consensus::{BlockCheckParams, ImportedAux},
		sc_consensus_pow::Error as PowError,
		sp_consensus::Error as ConsensusError,
	};
	use sero_runtime::opaque::Header;
	use std::{collections::VecDeque, sync::atomic::AtomicUsize};

	/// Seals that all verify, or none.
	struct Seals(bool);

	impl PowAlgorithm<Block> for Seals {
		type Difficulty = U256;

		fn difficulty(&self, _parent: H256) -> Result<U256, PowError<Block>> {
			Ok(U256::one())
		}

		fn verify(
			&self,
			_parent: &BlockId<Block>,
			_pre_hash: &H256,
			_pre_digest: Option<&[u8]>,
			_seal: &Vec<u8>,
			_difficulty: U256,
		) -> Result<bool, PowError<Block>> {
			Ok(self.0)
		}
	}

	/// Answers imports with the results it is given, in order, and counts them.
	struct Importer {
		results: Mutex<VecDeque<ImportResult>>,
		imports: Arc<AtomicUsize>,
	}

	#[async_trait::async_trait]
	impl BlockImport<Block> for Importer {
		type Error = ConsensusError;

		async fn check_block(
			&self,
			_block: BlockCheckParams<Block>,
		) -> Result<ImportResult, ConsensusError> {
			Ok(ImportResult::imported(false))
		}

		async fn import_block(
			&self,
			_block: BlockImportParams<Block>,
		) -> Result<ImportResult, ConsensusError> {
			self.imports.fetch_add(1, Ordering::SeqCst);
			Ok(self.results.lock().pop_front().expect("an answer for every import"))
		}
	}

	fn imported() -> ImportResult {
		ImportResult::Imported(ImportedAux::default())
	}

	/// Templates whose seals verify if `valid`, whose imports answer `results`; and the count
	/// of imports.
	fn templates(valid: bool, results: Vec<ImportResult>) -> (Templates<Seals>, Arc<AtomicUsize>) {
		let imports = Arc::new(AtomicUsize::new(0));
		let importer = Importer { results: Mutex::new(results.into()), imports: imports.clone() };
		(Templates::new(Seals(valid), Box::new(importer), None), imports)
	}

	/// A template of block `number` on `parent` (an empty block: distinct numbers give
	/// distinct pre-hashes), made the current one.
	fn current(templates: &Templates<Seals>, parent: u8, number: u32) -> Arc<Template> {
		let parent = H256::repeat_byte(parent);
		let header = Header::new(number, H256::zero(), H256::zero(), parent, Digest::default());
		let template = Template {
			parent,
			number,
			pre_hash: header.hash(),
			difficulty: U256::one(),
			proposal: Mutex::new(Some(Proposal {
				block: Block::new(header, Vec::new()),
				storage_changes: Default::default(),
			})),
		};
		templates.replace(Some(template));
		templates.current().expect("just set")
	}

	fn submit(templates: &Templates<Seals>, template: &Template) -> bool {
		futures::executor::block_on(templates.submit(template, vec![1, 2, 3]))
	}

	#[test]
	fn a_seal_that_does_not_verify_imports_nothing() {
		let (templates, imports) = templates(false, vec![]);
		let template = current(&templates, 1, 1);
		assert!(!submit(&templates, &template));
		assert_eq!(imports.load(Ordering::SeqCst), 0);
		assert!(template.proposal.lock().is_some(), "the template is not used up");
		assert!(templates.is_live(&template));
	}

	#[test]
	fn a_block_imported_spends_its_parent() {
		let (templates, imports) = templates(true, vec![imported(), imported()]);
		let first = current(&templates, 1, 1);
		assert!(submit(&templates, &first));
		assert_eq!(imports.load(Ordering::SeqCst), 1);
		assert!(templates.current().is_none(), "the parent's template is dropped");
		assert!(!templates.is_live(&first));

		// A rebuild on the same parent is never submitted: no sibling of our own block.
		let rebuild = current(&templates, 1, 2);
		assert!(!templates.is_live(&rebuild));
		assert!(!submit(&templates, &rebuild));
		assert_eq!(imports.load(Ordering::SeqCst), 1);

		// The next parent is mined as usual.
		let next = current(&templates, 2, 2);
		assert!(templates.is_live(&next));
		assert!(submit(&templates, &next));
		assert_eq!(imports.load(Ordering::SeqCst), 2);
	}

	#[test]
	fn only_an_import_spends_the_parent() {
		for refused in [ImportResult::AlreadyInChain, ImportResult::KnownBad] {
			let (templates, imports) = templates(true, vec![refused, imported()]);
			let first = current(&templates, 1, 1);
			assert!(!submit(&templates, &first));
			assert!(templates.current().is_none(), "the refused template is dropped");

			// The parent is not spent: a new template on it is mined and imported.
			let second = current(&templates, 1, 2);
			assert!(templates.is_live(&second));
			assert!(submit(&templates, &second));
			assert_eq!(imports.load(Ordering::SeqCst), 2);
		}
	}

	#[test]
	fn a_template_is_submitted_once() {
		let (templates, imports) = templates(true, vec![ImportResult::AlreadyInChain]);
		let template = current(&templates, 1, 1);
		assert!(!submit(&templates, &template));
		assert!(!submit(&templates, &template), "its block was taken by the first submission");
		assert_eq!(imports.load(Ordering::SeqCst), 1);
	}

	#[test]
	fn a_rebuild_keeps_the_older_template_live() {
		let (templates, imports) = templates(true, vec![imported()]);
		let older = current(&templates, 1, 1);
		let _rebuild = current(&templates, 1, 2);
		assert!(templates.is_live(&older), "same parent: its seal is as good as ever");
		assert!(submit(&templates, &older));
		assert_eq!(imports.load(Ordering::SeqCst), 1);
		let other = current(&templates, 3, 1);
		assert!(!templates.is_live(&older), "the parent changed");
		assert!(templates.is_live(&other));
	}
}
