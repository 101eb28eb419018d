//! The transaction pool of a SERO node: which pool, and what it does when full.
//!
//! - **The single-state pool by default.** Substrate's default, the fork-aware pool, keeps
//!   a view per block and clears views, and the transactions they hold, on *finality*; a
//!   PoW chain never finalises, and under load the pool stalled for good (docs/CONSENSUS.md,
//!   "The transaction pool"). `--pool-type fork-aware` still selects it.
//! - **Admission control.** A full ready queue refuses a new transaction at submission
//!   (JSON-RPC error 1016, "Immediately Dropped", which clients may retry) instead of
//!   accepting it and silently evicting transactions it has already accepted, which is what
//!   the pools do at their limits: a client that got a hash for a ready transaction can
//!   count on the pool keeping it until it is included or becomes invalid. Signed
//!   transactions leave a tenth of the queue to unsigned ones.

use std::{collections::HashMap, pin::Pin, sync::Arc};

use codec::Encode;
use parking_lot::Mutex;
use polkadot_sdk::{
	sc_cli::{RunCmd, TransactionPoolType},
	sc_transaction_pool_api::{
		error::Error as PoolError, ChainEvent, ImportNotificationStream, LocalTransactionFor,
		LocalTransactionPool, MaintainedTransactionPool, PoolStatus, ReadyTransactions,
		TransactionFor, TransactionPool, TransactionSource, TransactionStatusStreamFor, TxHash,
		TxInvalidityReportMap,
	},
	sp_runtime::traits::Block as BlockT,
};

const LOG_TARGET: &str = "txpool";

/// Makes the single-state pool the default: unless the command line (`args`) names a pool
/// type, `run` gets [`TransactionPoolType::SingleState`].
pub fn default_to_single_state(run: &mut RunCmd, args: impl IntoIterator<Item = String>) {
	let named = args.into_iter().any(|arg| arg == "--pool-type" || arg.starts_with("--pool-type="));
	if !named {
		run.pool_config.pool_type = TransactionPoolType::SingleState;
	}
}

/// How much the pool holds before it evicts: the limits its options give it (ready
/// transactions, and a tenth as many future ones).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PoolLimits {
	/// Ready transactions.
	pub ready: usize,
	/// Bytes of ready transactions.
	pub ready_bytes: usize,
	/// Future transactions (waiting for an earlier nonce).
	pub future: usize,
	/// Bytes of future transactions.
	pub future_bytes: usize,
}

impl PoolLimits {
	/// The limits of `--pool-limit` transactions and `--pool-kbytes` KiB, as the pool derives
	/// them (`sc_transaction_pool::TransactionPoolOptions::new_with_params`).
	pub fn new(count: usize, kbytes: usize) -> Self {
		let bytes = kbytes.saturating_mul(1024);
		Self { ready: count, ready_bytes: bytes, future: count / 10, future_bytes: bytes / 10 }
	}

	/// The limits a node run with `run` gives its pool.
	pub fn of(run: &RunCmd) -> Self {
		Self::new(run.pool_config.pool_limit, run.pool_config.pool_kbytes)
	}

	/// Whether `count` more transactions of `bytes` fit in the ready queue beside `status`
	/// and `pending` (admitted and still being validated), keeping `reserve` of its count
	/// free.
	///
	/// The future queue (transactions waiting for an earlier nonce) is left to the pool: a
	/// sender can fill it for free with transactions that skip a nonce, so refusing when it
	/// is full would let anyone shut the node's pool; the pool drops its oldest futures
	/// instead, which no block could include yet.
	fn fit(
		&self,
		status: &PoolStatus,
		pending: Pending,
		count: usize,
		bytes: usize,
		reserve: usize,
	) -> bool {
		let (count, bytes) = (pending.count + count, pending.bytes + bytes);
		status.ready + count + reserve <= self.ready
			&& status.ready_bytes + bytes <= self.ready_bytes
	}

	/// The part of the ready queue only unsigned transactions may take: a tenth. Unsigned
	/// transactions (shielded transfers, an authorised runtime upgrade) are each valid only
	/// with real notes or a passed referendum, and rank above transfers; a pool filled with
	/// cheap signed transactions still takes them.
	fn reserve(&self, unsigned: bool) -> usize {
		if unsigned {
			0
		} else {
			self.ready / 10
		}
	}
}

/// Whether an encoded extrinsic is bare (unsigned, general or legacy): its version byte,
/// after the length prefix, is 4 or 5 with no signature or extension bits.
fn is_bare(encoded: &[u8]) -> bool {
	let mut input = encoded;
	if <codec::Compact<u32> as codec::Decode>::decode(&mut input).is_err() {
		return false;
	}
	matches!(input.first(), Some(4 | 5))
}

impl Default for PoolLimits {
	/// The command line's defaults: 8,192 transactions, 20 MiB.
	fn default() -> Self {
		Self::new(8192, 20 * 1024)
	}
}

/// Transactions admitted and not yet in the pool's status.
#[derive(Clone, Copy, Default, Debug)]
struct Pending {
	count: usize,
	bytes: usize,
}

/// A transaction pool that refuses what would make the pool it wraps evict (see the
/// module's doc).
pub struct AdmissionControl<P> {
	inner: P,
	limits: PoolLimits,
	/// Admitted transactions whose submission has not returned yet; and whether the last
	/// submission was refused (to log the change once, not every refusal).
	state: Mutex<(Pending, bool)>,
}

/// Releases its admission when the submission it covers returns.
struct Admitted<'a, P> {
	pool: &'a AdmissionControl<P>,
	taken: Pending,
}

impl<P> Drop for Admitted<'_, P> {
	fn drop(&mut self) {
		let mut state = self.pool.state.lock();
		state.0.count -= self.taken.count;
		state.0.bytes -= self.taken.bytes;
	}
}

impl<P: TransactionPool> AdmissionControl<P> {
	/// Wraps `inner`, whose limits are `limits`.
	pub fn new(inner: P, limits: PoolLimits) -> Self {
		Self { inner, limits, state: Default::default() }
	}

	/// How many of `transactions` (in submission order) are admitted: the longest prefix that
	/// fits. The admission lasts as long as the returned guard.
	fn admit(&self, transactions: &[&TransactionFor<P>]) -> (usize, Admitted<'_, P>) {
		let mut state = self.state.lock();
		let status = self.inner.status();
		let (mut count, mut bytes) = (0, 0);
		for xt in transactions {
			let encoded = xt.encode();
			let reserve = self.limits.reserve(is_bare(&encoded));
			if !self.limits.fit(&status, state.0, count + 1, bytes + encoded.len(), reserve) {
				break;
			}
			count += 1;
			bytes += encoded.len();
		}
		let refused = count < transactions.len();
		if refused && !state.1 {
			log::warn!(
				target: LOG_TARGET,
				"🚫 The transaction pool is full ({} ready of {}, {} bytes of {}): refusing new \
				 transactions until blocks include some",
				status.ready,
				self.limits.ready,
				status.ready_bytes,
				self.limits.ready_bytes,
			);
		} else if !refused && state.1 {
			log::info!(target: LOG_TARGET, "The transaction pool accepts transactions again");
		}
		state.1 = refused;
		state.0.count += count;
		state.0.bytes += bytes;
		(count, Admitted { pool: self, taken: Pending { count, bytes } })
	}

	/// Admits one transaction, or refuses it as the pool would refuse one it cannot hold.
	fn admit_one(&self, xt: &TransactionFor<P>) -> Result<Admitted<'_, P>, P::Error> {
		match self.admit(&[xt]) {
			(0, _) => Err(Self::full()),
			(_, guard) => Ok(guard),
		}
	}

	fn full() -> P::Error {
		PoolError::ImmediatelyDropped.into()
	}
}

#[async_trait::async_trait]
impl<P: TransactionPool> TransactionPool for AdmissionControl<P> {
	type Block = P::Block;
	type Hash = P::Hash;
	type InPoolTransaction = P::InPoolTransaction;
	type Error = P::Error;

	async fn submit_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		mut xts: Vec<TransactionFor<Self>>,
	) -> Result<Vec<Result<TxHash<Self>, Self::Error>>, Self::Error> {
		let (admitted, _guard) = self.admit(&xts.iter().collect::<Vec<_>>());
		let refused = xts.split_off(admitted);
		let mut results =
			if xts.is_empty() { Vec::new() } else { self.inner.submit_at(at, source, xts).await? };
		results.extend(refused.iter().map(|_| Err(Self::full())));
		Ok(results)
	}

	async fn submit_one(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<TxHash<Self>, Self::Error> {
		let _admitted = self.admit_one(&xt)?;
		self.inner.submit_one(at, source, xt).await
	}

	async fn submit_and_watch(
		&self,
		at: <Self::Block as BlockT>::Hash,
		source: TransactionSource,
		xt: TransactionFor<Self>,
	) -> Result<Pin<Box<TransactionStatusStreamFor<Self>>>, Self::Error> {
		let _admitted = self.admit_one(&xt)?;
		self.inner.submit_and_watch(at, source, xt).await
	}

	async fn ready_at(
		&self,
		at: <Self::Block as BlockT>::Hash,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.inner.ready_at(at).await
	}

	fn ready(&self) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.inner.ready()
	}

	async fn report_invalid(
		&self,
		at: Option<<Self::Block as BlockT>::Hash>,
		invalid_tx_errors: TxInvalidityReportMap<TxHash<Self>>,
	) -> Vec<Arc<Self::InPoolTransaction>> {
		self.inner.report_invalid(at, invalid_tx_errors).await
	}

	fn futures(&self) -> Vec<Self::InPoolTransaction> {
		self.inner.futures()
	}

	fn status(&self) -> PoolStatus {
		self.inner.status()
	}

	fn import_notification_stream(&self) -> ImportNotificationStream<TxHash<Self>> {
		self.inner.import_notification_stream()
	}

	fn on_broadcasted(&self, propagations: HashMap<TxHash<Self>, Vec<String>>) {
		self.inner.on_broadcasted(propagations)
	}

	fn hash_of(&self, xt: &TransactionFor<Self>) -> TxHash<Self> {
		self.inner.hash_of(xt)
	}

	fn ready_transaction(&self, hash: &TxHash<Self>) -> Option<Arc<Self::InPoolTransaction>> {
		self.inner.ready_transaction(hash)
	}

	async fn ready_at_with_timeout(
		&self,
		at: <Self::Block as BlockT>::Hash,
		timeout: std::time::Duration,
	) -> Box<dyn ReadyTransactions<Item = Arc<Self::InPoolTransaction>> + Send> {
		self.inner.ready_at_with_timeout(at, timeout).await
	}
}

#[async_trait::async_trait]
impl<P: MaintainedTransactionPool> MaintainedTransactionPool for AdmissionControl<P> {
	async fn maintain(&self, event: ChainEvent<Self::Block>) {
		self.inner.maintain(event).await
	}
}

impl<P> LocalTransactionPool for AdmissionControl<P>
where
	P: TransactionPool
		+ LocalTransactionPool<
			Block = <P as TransactionPool>::Block,
			Hash = <P as TransactionPool>::Hash,
			Error = <P as TransactionPool>::Error,
		>,
{
	type Block = <P as TransactionPool>::Block;
	type Hash = <P as TransactionPool>::Hash;
	type Error = <P as TransactionPool>::Error;

	fn submit_local(
		&self,
		at: <Self::Block as BlockT>::Hash,
		xt: LocalTransactionFor<Self>,
	) -> Result<Self::Hash, Self::Error> {
		let _admitted = self.admit_one(&xt)?;
		self.inner.submit_local(at, xt)
	}
}

#[cfg(test)]
mod tests {
	use super::*;

	fn status(ready: usize, future: usize) -> PoolStatus {
		PoolStatus { ready, ready_bytes: ready * 100, future, future_bytes: future * 100 }
	}

	#[test]
	fn limits_as_the_pool_derives_them() {
		assert_eq!(
			PoolLimits::default(),
			PoolLimits {
				ready: 8192,
				ready_bytes: 20 << 20,
				future: 819,
				future_bytes: (20 << 20) / 10
			}
		);
	}

	/// A transaction is admitted only if the ready queue has room for it, counting those
	/// admitted and still being validated; signed ones leave a tenth of it to unsigned ones;
	/// the future queue does not count.
	#[test]
	fn admits_only_what_fits_without_eviction() {
		let limits = PoolLimits::new(100, 1024);
		let none = Pending::default();
		let (signed, unsigned) = (limits.reserve(false), limits.reserve(true));
		assert_eq!((signed, unsigned), (10, 0));
		assert!(limits.fit(&status(0, 0), none, 10, 1000, signed));
		assert!(limits.fit(&status(80, 0), none, 10, 1000, signed));
		assert!(!limits.fit(&status(81, 0), none, 10, 1000, signed), "the reserve");
		assert!(limits.fit(&status(81, 0), none, 10, 1000, unsigned), "unsigned use the reserve");
		assert!(!limits.fit(&status(91, 0), none, 10, 1000, unsigned), "ready count");
		assert!(limits.fit(&status(0, 500), none, 10, 1000, signed), "futures do not count");
		assert!(!limits.fit(&status(80, 0), Pending { count: 1, bytes: 0 }, 10, 1000, signed));
		// A transaction bigger than the future queue's byte limit (a runtime upgrade) fits
		// while the ready queue has room.
		assert!(limits.fit(&status(0, 0), none, 1, 1024 * 1024 / 10 + 1, unsigned));
		let mut bytes = status(0, 0);
		bytes.ready_bytes = 1024 * 1024;
		assert!(!limits.fit(&bytes, none, 1, 1, unsigned), "ready bytes");
	}

	#[test]
	fn bare_extrinsics_are_recognised() {
		use codec::Encode;
		let with_version = |version: u8| {
			let mut inner = vec![version];
			inner.extend([0u8; 10]);
			inner.encode()
		};
		assert!(is_bare(&with_version(4)));
		assert!(is_bare(&with_version(5)));
		assert!(!is_bare(&with_version(0x84)), "signed");
		assert!(!is_bare(&with_version(0x45)), "general");
		assert!(!is_bare(&[]));
	}

	#[test]
	fn the_single_state_pool_is_the_default() {
		let args = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
		let parse = |list: &[&str]| {
			use polkadot_sdk::sc_cli::clap::Parser;
			let mut run = RunCmd::parse_from(args(list));
			default_to_single_state(&mut run, args(list));
			run.pool_config.pool_type
		};
		assert!(matches!(parse(&["sero-node", "--dev"]), TransactionPoolType::SingleState));
		assert!(matches!(
			parse(&["sero-node", "--dev", "--pool-type", "fork-aware"]),
			TransactionPoolType::ForkAware
		));
		assert!(matches!(
			parse(&["sero-node", "--pool-type=fork-aware"]),
			TransactionPoolType::ForkAware
		));
	}
}
