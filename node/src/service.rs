//! Service wiring: the client, the PoW import pipeline, networking, RPC and mining.

use std::{sync::Arc, time::Duration};

use codec::Encode;
use futures::FutureExt;
use polkadot_sdk::{
	sc_basic_authorship::ProposerFactory,
	sc_client_api::Backend,
	sc_consensus::{BasicQueue, LongestChain},
	sc_consensus_pow::{PowBlockImport, PowVerifier},
	sc_executor::WasmExecutor,
	sc_network, sc_offchain,
	sc_service::{
		self, error::Error as ServiceError, Configuration, PartialComponents, TaskManager,
	},
	sc_telemetry::{Telemetry, TelemetryWorker},
	sc_transaction_pool,
	sc_transaction_pool_api::OffchainTransactionPoolFactory,
	sp_blockchain::HeaderBackend,
	sp_core::crypto::Ss58Codec,
	sp_inherents::{
		CreateInherentDataProviders, InherentData, InherentDataProvider, InherentIdentifier,
	},
	sp_io::SubstrateHostFunctions,
	sp_keyring::Sr25519Keyring,
	sp_keystore::KeystorePtr,
	sp_runtime::traits::Block as BlockT,
	sp_timestamp,
};
use sero_progpow::LightCaches;
use sero_runtime::{apis::RuntimeApi, opaque::Block, AccountId};

use crate::{
	cli::{MiningParams, VotingParams},
	miner,
	pool::{AdmissionControl, PoolLimits},
	pow::ProgPowAlgorithm,
	templates,
	voting::{self, Voting},
};

/// The client of a full node.
pub type FullClient = sc_service::TFullClient<Block, RuntimeApi, WasmExecutor<HostFunctions>>;

/// The host functions the runtime may call: Substrate's and the shielded pool's
/// cryptography, run natively.
pub type HostFunctions = (SubstrateHostFunctions, sero_host::shielded_crypto::HostFunctions);
type FullBackend = sc_service::TFullBackend<Block>;
type FullSelectChain = LongestChain<FullBackend, Block>;
/// The ProgPoW algorithm over the full client.
pub type Algorithm = ProgPowAlgorithm<FullClient>;
/// The block import every block goes through: PoW checks, then the client.
pub type FullBlockImport =
	PowBlockImport<Block, Arc<FullClient>, FullClient, FullSelectChain, Algorithm, BlockInherents>;

/// Inherent data of a new or imported block: the current time and the parent's header.
#[derive(Clone)]
pub struct BlockInherents {
	client: Arc<FullClient>,
}

/// The parent block's header, sealed, for the share pool's inherent
/// (`pallet_share_pool::inherent`).
pub struct ParentHeader(<Block as BlockT>::Header);

#[async_trait::async_trait]
impl InherentDataProvider for ParentHeader {
	async fn provide_inherent_data(
		&self,
		data: &mut InherentData,
	) -> Result<(), polkadot_sdk::sp_inherents::Error> {
		data.put_data(pallet_share_pool::inherent::INHERENT_IDENTIFIER, &self.0)
	}

	async fn try_handle_error(
		&self,
		_identifier: &InherentIdentifier,
		_error: &[u8],
	) -> Option<Result<(), polkadot_sdk::sp_inherents::Error>> {
		None
	}
}

#[async_trait::async_trait]
impl CreateInherentDataProviders<Block, ()> for BlockInherents {
	type InherentDataProviders = (sp_timestamp::InherentDataProvider, ParentHeader);

	async fn create_inherent_data_providers(
		&self,
		parent: <Block as BlockT>::Hash,
		_: (),
	) -> Result<Self::InherentDataProviders, Box<dyn std::error::Error + Send + Sync>> {
		let header = self
			.client
			.header(parent)?
			.ok_or_else(|| format!("the parent block {parent} has no header"))?;
		Ok((sp_timestamp::InherentDataProvider::from_system_time(), ParentHeader(header)))
	}
}

/// What [`new_partial`] builds beside the standard components.
pub struct Extra {
	/// The PoW block import.
	pub block_import: FullBlockImport,
	/// The ProgPoW algorithm.
	pub algorithm: Algorithm,
	/// Telemetry, when configured.
	pub telemetry: Option<Telemetry>,
}

/// The components shared by a running node and the maintenance subcommands.
pub type Service = PartialComponents<
	FullClient,
	FullBackend,
	FullSelectChain,
	BasicQueue<Block>,
	sc_transaction_pool::TransactionPoolHandle<Block, FullClient>,
	Extra,
>;

/// Builds the client, the transaction pool (refusing what would exceed `pool_limits`, see
/// [`crate::pool`]) and the PoW import queue.
pub fn new_partial(
	config: &Configuration,
	pool_limits: PoolLimits,
) -> Result<Service, ServiceError> {
	let telemetry = config
		.telemetry_endpoints
		.clone()
		.filter(|x| !x.is_empty())
		.map(|endpoints| -> Result<_, polkadot_sdk::sc_telemetry::Error> {
			let worker = TelemetryWorker::new(16)?;
			let telemetry = worker.handle().new_telemetry(endpoints);
			Ok((worker, telemetry))
		})
		.transpose()?;

	let executor = sc_service::new_wasm_executor::<HostFunctions>(&config.executor);
	let (client, backend, keystore_container, task_manager) =
		sc_service::new_full_parts::<Block, RuntimeApi, _>(
			config,
			telemetry.as_ref().map(|(_, telemetry)| telemetry.handle()),
			executor,
			Vec::new(),
		)?;
	let client = Arc::new(client);

	let telemetry = telemetry.map(|(worker, telemetry)| {
		task_manager.spawn_handle().spawn("telemetry", None, worker.run());
		telemetry
	});

	let select_chain = LongestChain::new(backend.clone());

	let pool = sc_transaction_pool::Builder::new(
		task_manager.spawn_essential_handle(),
		client.clone(),
		config.role.is_authority().into(),
	)
	.with_options(config.transaction_pool.clone())
	.with_prometheus(config.prometheus_registry())
	.build();
	let transaction_pool = Arc::new(sc_transaction_pool::TransactionPoolWrapper(Box::new(
		AdmissionControl::new(pool, pool_limits),
	)));

	let algorithm = ProgPowAlgorithm::new(client.clone(), Arc::new(LightCaches::default()));
	let block_import = PowBlockImport::new(
		client.clone(),
		client.clone(),
		algorithm.clone(),
		0,
		select_chain.clone(),
		BlockInherents { client: client.clone() },
	);
	let import_queue = BasicQueue::new(
		PowVerifier::new(algorithm.clone()),
		Box::new(block_import.clone()),
		None,
		&task_manager.spawn_essential_handle(),
		config.prometheus_registry(),
	);

	Ok(PartialComponents {
		client,
		backend,
		task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: Extra { block_import, algorithm, telemetry },
	})
}

/// The account mined blocks pay, from `--author` or Alice on a dev chain.
fn mining_author(mining: &MiningParams, is_dev: bool) -> Result<Option<AccountId>, ServiceError> {
	match &mining.author {
		Some(address) => AccountId::from_ss58check(address).map(Some).map_err(|e| {
			ServiceError::Other(format!("--author {address} is not a valid SS58 address: {e:?}"))
		}),
		None if is_dev => Ok(Some(Sr25519Keyring::Alice.to_account_id())),
		None => Ok(None),
	}
}

/// The signer of mined seals: the author's key from the keystore. A development node
/// (`--dev`, `--alice`, …) first adds the key of its development seed, as Substrate adds
/// a development node's session keys.
fn seal_signer(
	keystore: KeystorePtr,
	author: &AccountId,
	dev_key_seed: Option<&str>,
) -> Result<miner::SealSigner, ServiceError> {
	if let Some(seed) = dev_key_seed {
		keystore
			.sr25519_generate_new(miner::AUTHOR_KEY_TYPE, Some(seed))
			.map_err(|e| ServiceError::Other(format!("Adding the development key {seed}: {e}")))?;
	}
	miner::SealSigner::new(keystore, author.clone().into()).map_err(ServiceError::Other)
}

/// Builds and starts a full node, mining when `mining` asks for threads and voting when
/// `voting` says so.
pub fn new_full<N: sc_network::NetworkBackend<Block, <Block as BlockT>::Hash>>(
	config: Configuration,
	mining: MiningParams,
	voting: VotingParams,
	pool_limits: PoolLimits,
) -> Result<TaskManager, ServiceError> {
	let is_dev = config.chain_spec.chain_type() == sc_service::ChainType::Development;
	let threads = mining.mining_threads.unwrap_or(if is_dev { 1 } else { 0 });
	let author = mining_author(&mining, is_dev)?;
	let reward_to = mining
		.reward_to
		.as_deref()
		.map(|text| {
			text.trim().parse::<sero_crypto::keys::PublicKey>().map_err(|e| {
				ServiceError::Other(format!(
					"--reward-to {text} is not a payment address (PK, from `sero-wallet address`): {e}"
				))
			})
		})
		.transpose()?;
	if threads > 0 && author.is_none() {
		return Err(ServiceError::Other(
			"Mining needs --author <SS58 address> to know where rewards go".into(),
		));
	}

	let dev_key_seed = config.dev_key_seed.clone();
	let PartialComponents {
		client,
		backend,
		mut task_manager,
		import_queue,
		keystore_container,
		select_chain,
		transaction_pool,
		other: Extra { block_import, algorithm, mut telemetry },
	} = new_partial(&config, pool_limits)?;

	let mut net_config = sc_network::config::FullNetworkConfiguration::<
		Block,
		<Block as BlockT>::Hash,
		N,
	>::new(&config.network, config.prometheus_registry().cloned());
	let metrics = N::register_notification_metrics(config.prometheus_registry());
	let votes_protocol = voting::protocol_name(&client.info().genesis_hash);
	let (votes_config, votes_notifications) = voting::protocol_config::<N>(
		votes_protocol.clone(),
		metrics.clone(),
		net_config.peer_store_handle(),
	);
	net_config.add_notification_protocol(votes_config);

	let (network, system_rpc_tx, tx_handler_controller, sync_service, _bitswap) =
		sc_service::build_network(sc_service::BuildNetworkParams {
			config: &config,
			net_config,
			client: client.clone(),
			transaction_pool: transaction_pool.clone(),
			spawn_handle: task_manager.spawn_handle(),
			spawn_essential_handle: task_manager.spawn_essential_handle(),
			import_queue,
			block_announce_validator_builder: None,
			warp_sync_config: None,
			block_relay: None,
			metrics,
			gap_sync_body_policy: None,
		})?;

	let votes = Voting::new(
		client.clone(),
		algorithm.clone(),
		network.clone(),
		sync_service.clone(),
		votes_notifications,
		votes_protocol,
		voting.vote.then(|| keystore_container.keystore()),
		Duration::from_millis(voting.vote_wait),
	);
	task_manager.spawn_handle().spawn("votes-gossip", Some("votes"), votes.clone().run_gossip());
	if voting.vote {
		task_manager.spawn_handle().spawn("voter", Some("votes"), votes.clone().run_voter());
	}

	if config.offchain_worker.enabled {
		let offchain_workers =
			sc_offchain::OffchainWorkers::new(sc_offchain::OffchainWorkerOptions {
				runtime_api_provider: client.clone(),
				is_validator: config.role.is_authority(),
				keystore: Some(keystore_container.keystore()),
				offchain_db: backend.offchain_storage(),
				transaction_pool: Some(OffchainTransactionPoolFactory::new(
					transaction_pool.clone(),
				)),
				network_provider: Arc::new(network.clone()),
				enable_http_requests: true,
				custom_extensions: |_| vec![],
			})?;
		task_manager.spawn_handle().spawn(
			"offchain-workers-runner",
			"offchain-worker",
			offchain_workers.run(client.clone(), task_manager.spawn_handle()).boxed(),
		);
	}

	let rpc_builder = {
		let client = client.clone();
		let pool = transaction_pool.clone();
		let block_import = block_import.clone();
		let algorithm = algorithm.clone();
		Box::new(move |_| {
			let deps = crate::rpc::FullDeps {
				client: client.clone(),
				pool: pool.clone(),
				block_import: block_import.clone(),
				algorithm: algorithm.clone(),
			};
			crate::rpc::create_full(deps).map_err(Into::into)
		})
	};

	let prometheus_registry = config.prometheus_registry().cloned();
	sc_service::spawn_tasks(sc_service::SpawnTasksParams {
		network: network.clone(),
		client: client.clone(),
		keystore: keystore_container.keystore(),
		task_manager: &mut task_manager,
		transaction_pool: transaction_pool.clone(),
		rpc_builder,
		backend,
		system_rpc_tx,
		tx_handler_controller,
		sync_service: sync_service.clone(),
		config,
		telemetry: telemetry.as_mut(),
		tracing_execute_block: None,
	})?;

	if let (true, Some(author)) = (threads > 0, &author) {
		let signer = seal_signer(keystore_container.keystore(), author, dev_key_seed.as_deref())?;
		if let Some(pk) = &reward_to {
			log::info!(
				"⛏  Rewards and fees of mined blocks go privately to a fresh one-time address of {pk} per block; {author} signs the seals"
			);
		}
		let proposer_factory = crate::reward::RewardTo::new(
			ProposerFactory::new(
				task_manager.spawn_handle(),
				client.clone(),
				transaction_pool.clone(),
				prometheus_registry.as_ref(),
				telemetry.as_ref().map(|x| x.handle()),
			),
			reward_to,
		);
		let (templates, building) = templates::Builder {
			client: client.clone(),
			env: proposer_factory,
			pool: transaction_pool.clone(),
			select_chain,
			sync_oracle: sync_service,
			pre_runtime: Some(author.encode()),
			inherents: BlockInherents { client: client.clone() },
			build_time: Duration::from_secs(2),
		}
		.start(algorithm.clone(), Box::new(block_import));
		task_manager.spawn_essential_handle().spawn_blocking(
			"pow-block-builder",
			Some("pow"),
			building,
		);
		miner::start(
			&task_manager,
			templates,
			algorithm.caches().clone(),
			votes,
			signer,
			miner::Options { threads, full_dag: mining.pow_full_dag },
		);
	}

	Ok(task_manager)
}
