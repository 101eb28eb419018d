//! The runtime APIs the node and clients call.

use crate::*;
use alloc::vec::Vec;
use frame_support::{
	genesis_builder_helper::{build_state, get_preset},
	weights::Weight,
};
use sero_consensus_primitives::Difficulty;
use sp_api::impl_runtime_apis;
use sp_core::OpaqueMetadata;
use sp_runtime::{
	traits::Block as BlockT,
	transaction_validity::{TransactionSource, TransactionValidity},
	ApplyExtrinsicResult, ExtrinsicInclusionMode,
};
use sp_session::OpaqueGeneratedSessionKeys;
use sp_version::RuntimeVersion;

sp_api::decl_runtime_apis! {
	/// What clients read of the chain that no pallet's API answers, so that they need no
	/// storage keys (the wallet reads the chain only through runtime APIs and RPC methods).
	pub trait ClientApi {
		/// The free transparent balance of `who`.
		fn free_balance(who: AccountId) -> Balance;
		/// The events of the block whose state this is called in (the block's own events:
		/// the next block clears them as it starts).
		fn events() -> Vec<frame_system::EventRecord<RuntimeEvent, Hash>>;
	}
}

impl_runtime_apis! {
	impl sp_api::Core<Block> for Runtime {
		fn version() -> RuntimeVersion {
			VERSION
		}

		/// An imported block checks its shielded transactions' proofs in one batch
		/// (`pallet_shielded::deferral`).
		fn execute_block(block: <Block as BlockT>::LazyBlock) {
			pallet_shielded::while_importing(|| Executive::execute_block(block));
		}

		fn initialize_block(header: &<Block as BlockT>::Header) -> ExtrinsicInclusionMode {
			Executive::initialize_block(header)
		}
	}

	impl sp_api::Metadata<Block> for Runtime {
		fn metadata() -> OpaqueMetadata {
			OpaqueMetadata::new(Runtime::metadata().into())
		}

		fn metadata_at_version(version: u32) -> Option<OpaqueMetadata> {
			Runtime::metadata_at_version(version)
		}

		fn metadata_versions() -> Vec<u32> {
			Runtime::metadata_versions()
		}
	}

	impl sp_block_builder::BlockBuilder<Block> for Runtime {
		fn apply_extrinsic(extrinsic: <Block as BlockT>::Extrinsic) -> ApplyExtrinsicResult {
			Executive::apply_extrinsic(extrinsic)
		}

		fn finalize_block() -> <Block as BlockT>::Header {
			Executive::finalize_block()
		}

		fn inherent_extrinsics(data: sp_inherents::InherentData) -> Vec<<Block as BlockT>::Extrinsic> {
			data.create_extrinsics()
		}

		fn check_inherents(
			block: <Block as BlockT>::LazyBlock,
			data: sp_inherents::InherentData,
		) -> sp_inherents::CheckInherentsResult {
			data.check_extrinsics(&block)
		}
	}

	impl sp_transaction_pool::runtime_api::TaggedTransactionQueue<Block> for Runtime {
		fn validate_transaction(
			source: TransactionSource,
			tx: <Block as BlockT>::Extrinsic,
			block_hash: <Block as BlockT>::Hash,
		) -> TransactionValidity {
			Executive::validate_transaction(source, tx, block_hash)
		}
	}

	impl sp_offchain::OffchainWorkerApi<Block> for Runtime {
		fn offchain_worker(header: &<Block as BlockT>::Header) {
			Executive::offchain_worker(header)
		}
	}

	impl sp_session::SessionKeys<Block> for Runtime {
		/// A PoW chain has no session keys: the generated set is empty.
		fn generate_session_keys(_owner: Vec<u8>, _seed: Option<Vec<u8>>) -> OpaqueGeneratedSessionKeys {
			OpaqueGeneratedSessionKeys::default()
		}

		fn decode_session_keys(encoded: Vec<u8>) -> Option<Vec<(Vec<u8>, sp_core::crypto::KeyTypeId)>> {
			encoded.is_empty().then(Vec::new)
		}
	}

	impl frame_system_rpc_runtime_api::AccountNonceApi<Block, AccountId, Nonce> for Runtime {
		fn account_nonce(account: AccountId) -> Nonce {
			System::account_nonce(account)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentApi<Block, Balance> for Runtime {
		fn query_info(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment_rpc_runtime_api::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_info(uxt, len)
		}

		fn query_fee_details(
			uxt: <Block as BlockT>::Extrinsic,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_fee_details(uxt, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl pallet_transaction_payment_rpc_runtime_api::TransactionPaymentCallApi<Block, Balance, RuntimeCall>
		for Runtime
	{
		fn query_call_info(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::RuntimeDispatchInfo<Balance> {
			TransactionPayment::query_call_info(call, len)
		}

		fn query_call_fee_details(
			call: RuntimeCall,
			len: u32,
		) -> pallet_transaction_payment::FeeDetails<Balance> {
			TransactionPayment::query_call_fee_details(call, len)
		}

		fn query_weight_to_fee(weight: Weight) -> Balance {
			TransactionPayment::weight_to_fee(weight)
		}

		fn query_length_to_fee(length: u32) -> Balance {
			TransactionPayment::length_to_fee(length)
		}
	}

	impl sp_consensus_pow::DifficultyApi<Block, Difficulty> for Runtime {
		fn difficulty() -> Difficulty {
			pallet_difficulty::Pallet::<Runtime>::difficulty()
		}
	}

	#[api_version(3)]
	impl sero_shielded_primitives::ShieldedApi<Block> for Runtime {
		fn tree_state() -> sero_shielded_primitives::TreeState {
			Shielded::tree_state()
		}

		fn leaves(from: u64, limit: u32) -> Vec<sero_shielded_primitives::LeafRecord> {
			Shielded::leaves(from, limit)
		}

		fn auth_path(position: u64, root: sero_shielded_primitives::Anchor) -> Option<Vec<[u8; 32]>> {
			Shielded::auth_path(position, root)
		}

		fn is_spent(nil: sero_shielded_primitives::Nullifier) -> bool {
			Shielded::is_spent(nil)
		}

		fn minimum_fee(inputs: u32, outputs: u32) -> u128 {
			Shielded::minimum_fee(inputs, outputs)
		}

		fn spent_at(nil: sero_shielded_primitives::Nullifier) -> Option<BlockNumber> {
			Shielded::spent_at(nil)
		}

		fn asset(id: sero_shielded_primitives::AssetId) -> Option<sero_shielded_primitives::AssetInfo> {
			Shielded::asset(id)
		}

		fn package(
			id: sero_shielded_primitives::PackageId,
		) -> Option<sero_shielded_primitives::PackageRecord<BlockNumber>> {
			Shielded::package(id)
		}

		fn packages(
			from: u32,
			limit: u32,
		) -> Vec<(sero_shielded_primitives::PackageId, sero_shielded_primitives::PackageRecord<BlockNumber>)> {
			Shielded::packages(from, limit)
		}
	}

	impl self::ClientApi<Block> for Runtime {
		fn free_balance(who: AccountId) -> Balance {
			Balances::free_balance(who)
		}

		fn events() -> Vec<frame_system::EventRecord<RuntimeEvent, Hash>> {
			System::read_events_no_consensus().map(|record| *record).collect()
		}
	}

	impl pallet_tickets::runtime_api::TicketsApi<Block, AccountId> for Runtime {
		fn ticket(
			id: sero_shielded_primitives::AssetId,
		) -> Option<pallet_tickets::runtime_api::TicketRecord> {
			Tickets::ticket(id)
		}

		fn category(name: Vec<u8>) -> Option<pallet_tickets::Category<AccountId>> {
			Tickets::category(name)
		}
	}

	impl sero_consensus_primitives::DifficultyParamsApi<Block> for Runtime {
		fn minimum_difficulty() -> Difficulty {
			pallet_difficulty::Pallet::<Runtime>::minimum_difficulty()
		}
	}

	impl sero_consensus_primitives::SealVotesApi<Block> for Runtime {
		fn check_votes(
			parent: <Block as BlockT>::Header,
			pre_hash: sp_core::H256,
			seal: Vec<u8>,
		) -> Result<u8, sero_consensus_primitives::VoteError> {
			SharePool::check_votes(parent, pre_hash, &seal)
		}

		fn drawn_vote_keys(
			parent: <Block as BlockT>::Header,
			pre_hash: sp_core::H256,
			seal: Vec<u8>,
		) -> Vec<[u8; 32]> {
			SharePool::drawn_vote_keys(parent, pre_hash, &seal)
		}
	}

	impl pallet_share_pool::runtime_api::SharePoolApi<Block, AccountId, BlockNumber> for Runtime {
		fn status() -> pallet_share_pool::runtime_api::PoolStatus<BlockNumber> {
			SharePool::status()
		}

		fn quote(count: u32) -> Option<Balance> {
			SharePool::quote(count)
		}

		fn purchases(
			filter: pallet_share_pool::runtime_api::PurchaseFilter<AccountId>,
			from: pallet_share_pool::PurchaseId,
			limit: u32,
		) -> Vec<pallet_share_pool::runtime_api::PurchaseStatus<AccountId, BlockNumber>> {
			SharePool::purchases(filter, from, limit)
		}
	}

	impl pallet_staking_nodes::runtime_api::StakingNodesApi<Block, AccountId, BlockNumber>
		for Runtime
	{
		fn nodes(
			from: pallet_staking_nodes::NodeId,
			limit: u32,
		) -> Vec<(
			pallet_staking_nodes::NodeId,
			pallet_staking_nodes::StakingNode<AccountId, BlockNumber, Vec<u8>>,
		)> {
			StakingNodes::nodes(from, limit)
		}
	}

	#[cfg(feature = "runtime-benchmarks")]
	impl frame_benchmarking::Benchmark<Block> for Runtime {
		fn benchmark_metadata(
			extra: bool,
		) -> (Vec<frame_benchmarking::BenchmarkList>, Vec<frame_support::traits::StorageInfo>) {
			use frame_benchmarking::BenchmarkList;
			use frame_support::traits::StorageInfoTrait;

			let mut list = Vec::<BenchmarkList>::new();
			list_benchmarks!(list, extra);
			(list, AllPalletsWithSystem::storage_info())
		}

		fn dispatch_benchmark(
			config: frame_benchmarking::BenchmarkConfig,
		) -> Result<Vec<frame_benchmarking::BenchmarkBatch>, alloc::string::String> {
			use frame_benchmarking::BenchmarkBatch;
			use frame_support::traits::WhitelistedStorageKeys;

			let whitelist = AllPalletsWithSystem::whitelisted_storage_keys();
			let mut batches = Vec::<BenchmarkBatch>::new();
			let params = (&config, &whitelist);
			add_benchmarks!(params, batches);
			Ok(batches)
		}
	}

	impl sp_genesis_builder::GenesisBuilder<Block> for Runtime {
		fn build_state(config: Vec<u8>) -> sp_genesis_builder::Result {
			build_state::<RuntimeGenesisConfig>(config)
		}

		fn get_preset(id: &Option<sp_genesis_builder::PresetId>) -> Option<Vec<u8>> {
			get_preset::<RuntimeGenesisConfig>(id, crate::genesis_config_presets::get_preset)
		}

		fn preset_names() -> Vec<sp_genesis_builder::PresetId> {
			crate::genesis_config_presets::preset_names()
		}
	}
}
