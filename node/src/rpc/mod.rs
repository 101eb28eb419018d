//! The node's RPC: the standard Substrate set, `pow_submitBlock`, the shielded pool's
//! `shielded_*` methods and the share pool's `sharePool_*` and `stakingNodes_*`.

pub mod share_pool;
pub mod shielded;

use std::sync::Arc;

use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::ErrorObjectOwned,
	Extensions, RpcModule,
};
use polkadot_sdk::{
	pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer},
	sc_consensus::{import_queue::import_single_block, BlockImportStatus, IncomingBlock},
	sc_consensus_pow::{PowAlgorithm, PowVerifier},
	sc_rpc_api::check_if_safe,
	sc_transaction_pool_api::TransactionPool,
	sp_api::ProvideRuntimeApi,
	sp_blockchain::HeaderBackend,
	sp_consensus::BlockOrigin,
	sp_consensus_pow::POW_ENGINE_ID,
	sp_core::{Bytes, H256},
	sp_runtime::{
		traits::{Block as BlockT, Header as HeaderT},
		DigestItem,
	},
	substrate_frame_rpc_system::{System, SystemApiServer},
};
use sero_runtime::opaque::Block;

use crate::{
	pow::{check_height, check_seal},
	service::{Algorithm, FullBlockImport, FullClient},
};

/// What the RPC handlers need.
pub struct FullDeps<P> {
	/// The client.
	pub client: Arc<FullClient>,
	/// The transaction pool.
	pub pool: Arc<P>,
	/// The PoW block import, for `pow_submitBlock`.
	pub block_import: FullBlockImport,
	/// The ProgPoW algorithm, for `pow_submitBlock`.
	pub algorithm: Algorithm,
}

/// RPC methods of a PoW node.
#[rpc(server, namespace = "pow")]
pub trait PowApi {
	/// Imports a whole SCALE-encoded block, sealed, exactly as if a peer had sent
	/// it: the seal and the block are fully verified. Returns the block's hash, or an
	/// error saying why the block was rejected; a rejected block changes nothing.
	///
	/// Unsafe: served only where unsafe RPC methods are allowed (`--rpc-methods unsafe`, or
	/// the default on a node listening on localhost only).
	#[method(name = "submitBlock", with_extensions)]
	async fn submit_block(&self, block: Bytes) -> RpcResult<H256>;
}

/// Implementation of [`PowApiServer`].
pub struct Pow {
	client: Arc<FullClient>,
	block_import: FullBlockImport,
	algorithm: Algorithm,
}

/// The runtime API of the node's client.
pub type RuntimeApi = <FullClient as ProvideRuntimeApi<Block>>::Api;

/// JSON-RPC error code of a runtime API call that failed.
const RUNTIME_API_ERROR: i32 = 2_000;

/// `f` called on the runtime API at the best block; its answer and the block.
fn at_best<R>(
	client: &FullClient,
	f: impl FnOnce(&RuntimeApi, H256) -> Result<R, polkadot_sdk::sp_api::ApiError>,
) -> RpcResult<(R, H256)> {
	let best = client.info().best_hash;
	let api = client.runtime_api();
	f(&api, best)
		.map(|r| (r, best))
		.map_err(|e| error(RUNTIME_API_ERROR, format!("runtime API error: {e}")))
}

/// JSON-RPC error code of a block that does not decode.
const UNDECODABLE_BLOCK: i32 = 1_000;
/// JSON-RPC error code of a block that was rejected at import.
const REJECTED_BLOCK: i32 = 1_001;

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message, None::<()>)
}

impl Pow {
	/// Why a block numbered `number` cannot follow the parent `parent`, if it cannot:
	/// checked before any proof-of-work is computed, so that the number a sender writes
	/// never chooses which epoch's light cache the node builds.
	fn misplaced(&self, parent: H256, number: u32) -> Option<String> {
		match self.client.number(parent) {
			Ok(Some(parent_number)) if parent_number.checked_add(1) == Some(number) => None,
			Ok(Some(parent_number)) => {
				Some(format!("its number does not follow its parent's #{parent_number}"))
			},
			Ok(None) => Some(format!("its parent {parent} is not known")),
			Err(e) => Some(format!("its parent {parent} cannot be read: {e}")),
		}
	}

	/// What is wrong with the seal of `header`, whose number follows its parent's, if
	/// anything can be said.
	fn seal_problem(&self, header: &<Block as BlockT>::Header) -> Option<String> {
		let mut header = header.clone();
		let seal = match header.digest_mut().pop()? {
			DigestItem::Seal(POW_ENGINE_ID, seal) => seal,
			_ => return Some("the last digest item is not a PoW seal".into()),
		};
		let difficulty = self.algorithm.difficulty(*header.parent_hash()).ok()?;
		let height = u64::from(*header.number());
		check_height(height, u64::from(self.client.info().best_number))
			.and_then(|()| {
				check_seal(self.algorithm.caches(), height, &header.hash(), &seal, difficulty)
			})
			.err()
			.map(|e| e.to_string())
	}
}

#[async_trait]
impl PowApiServer for Pow {
	async fn submit_block(&self, ext: &Extensions, block: Bytes) -> RpcResult<H256> {
		check_if_safe(ext)?;
		let block: Block = codec::DecodeAll::decode_all(&mut &block[..])
			.map_err(|e| error(UNDECODABLE_BLOCK, format!("The bytes are not a block: {e}")))?;
		let (header, body) = block.deconstruct();
		let hash = header.hash();
		let number = *header.number();
		if let Some(problem) = self.misplaced(*header.parent_hash(), number) {
			log::warn!(target: "pow", "❌ Rejecting block #{number} ({hash}) submitted over RPC: {problem}");
			return Err(error(
				REJECTED_BLOCK,
				format!("Block #{number} ({hash}) rejected: {problem}"),
			));
		}
		let submitted_header = header.clone();
		let incoming = IncomingBlock {
			hash,
			header: Some(header),
			body: Some(body),
			indexed_body: None,
			justifications: None,
			origin: None,
			allow_missing_state: false,
			skip_execution: false,
			import_existing: false,
			state: None,
		};
		let verifier = PowVerifier::new(self.algorithm.clone());
		let mut block_import = self.block_import.clone();
		match import_single_block(
			&mut block_import,
			BlockOrigin::NetworkBroadcast,
			incoming,
			&verifier,
		)
		.await
		{
			Ok(BlockImportStatus::ImportedUnknown(..)) => {
				log::info!(target: "pow", "Imported block #{number} ({hash}) submitted over RPC");
				Ok(hash)
			},
			Ok(BlockImportStatus::ImportedKnown(..)) => Ok(hash),
			Err(e) => {
				let reason = self
					.seal_problem(&submitted_header)
					.map(|p| format!(" ({p})"))
					.unwrap_or_default();
				Err(error(
					REJECTED_BLOCK,
					format!("Block #{number} ({hash}) rejected: {e}{reason}"),
				))
			},
		}
	}
}

/// All RPC extensions of a full node.
pub fn create_full<P>(
	deps: FullDeps<P>,
) -> Result<RpcModule<()>, Box<dyn std::error::Error + Send + Sync>>
where
	P: TransactionPool + 'static,
{
	let FullDeps { client, pool, block_import, algorithm } = deps;
	let mut module = RpcModule::new(());
	module.merge(System::new(client.clone(), pool).into_rpc())?;
	module.merge(TransactionPayment::new(client.clone()).into_rpc())?;
	module.merge(shielded::ShieldedRpcServer::into_rpc(shielded::Shielded::new(client.clone())))?;
	module.merge(share_pool::SharePoolRpcServer::into_rpc(share_pool::SharePool::new(
		client.clone(),
	)))?;
	module.merge(Pow { client, block_import, algorithm }.into_rpc())?;
	Ok(module)
}
