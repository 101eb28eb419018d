//! The node's RPC: the standard Substrate set, `pow_submitBlock` and the shielded pool's
//! `shielded_*` methods.

pub mod shielded;

use std::sync::Arc;

use jsonrpsee::{
	core::{async_trait, RpcResult},
	proc_macros::rpc,
	types::ErrorObjectOwned,
	RpcModule,
};
use polkadot_sdk::{
	pallet_transaction_payment_rpc::{TransactionPayment, TransactionPaymentApiServer},
	sc_consensus::{import_queue::import_single_block, BlockImportStatus, IncomingBlock},
	sc_consensus_pow::{PowAlgorithm, PowVerifier},
	sc_transaction_pool_api::TransactionPool,
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
	pow::check_seal,
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
	#[method(name = "submitBlock")]
	async fn submit_block(&self, block: Bytes) -> RpcResult<H256>;
}

/// Implementation of [`PowApiServer`].
pub struct Pow {
	block_import: FullBlockImport,
	algorithm: Algorithm,
}

/// JSON-RPC error code of a block that does not decode.
const UNDECODABLE_BLOCK: i32 = 1_000;
/// JSON-RPC error code of a block that was rejected at import.
const REJECTED_BLOCK: i32 = 1_001;

fn error(code: i32, message: String) -> ErrorObjectOwned {
	ErrorObjectOwned::owned(code, message, None::<()>)
}

impl Pow {
	/// What is wrong with the seal of `header`, if anything can be said.
	fn seal_problem(&self, header: &<Block as BlockT>::Header) -> Option<String> {
		let mut header = header.clone();
		let seal = match header.digest_mut().pop()? {
			DigestItem::Seal(POW_ENGINE_ID, seal) => seal,
			_ => return Some("the last digest item is not a PoW seal".into()),
		};
		let difficulty = self.algorithm.difficulty(*header.parent_hash()).ok()?;
		let height = u64::from(*header.number());
		check_seal(self.algorithm.caches(), height, &header.hash(), &seal, difficulty)
			.err()
			.map(|e| e.to_string())
	}
}

#[async_trait]
impl PowApiServer for Pow {
	async fn submit_block(&self, block: Bytes) -> RpcResult<H256> {
		let block: Block = codec::Decode::decode(&mut &block[..])
			.map_err(|e| error(UNDECODABLE_BLOCK, format!("The bytes are not a block: {e}")))?;
		let (header, body) = block.deconstruct();
		let hash = header.hash();
		let number = *header.number();
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
	module.merge(shielded::ShieldedRpcServer::into_rpc(shielded::Shielded::new(client)))?;
	module.merge(Pow { block_import, algorithm }.into_rpc())?;
	Ok(module)
}
