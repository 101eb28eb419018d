//! Sending with recovery: submit a spend, wait until a block includes it, and when the
//! wallet's view of the chain was out of date, rebuild and try again.
//!
//! The pool refuses a spend built on a stale view in two ways the wallet can repair:
//! - **Stale anchor** (`UnknownAnchor`): the tree root the proofs commit to left the window
//!   of recent roots while the wallet was proving. The notes are still unspent: rebuild at
//!   the best block, under its root, without syncing.
//! - **A note already spent** (`NullifierSpent`), or the transaction **dropped** from the
//!   pool (a competing spend of one of its notes was included first): sync, so the spent
//!   notes leave the selection, then rebuild.
//!
//! Anything else (a fee too low, a failed dispatch, a timeout) ends the send at once:
//! rebuilding would not change the answer.

use crate::{
	chain::{BlockRef, Pool},
	transfer::{submit, wait_for_inclusion, Plan, Refusal, TransferError},
};
use std::time::{Duration, Instant};

/// Attempts before a send gives up.
pub const ATTEMPTS: u32 = 3;

/// One attempt's transaction, built by the caller at a block.
#[derive(Clone, Debug)]
pub struct Built {
	/// The encoded extrinsic.
	pub extrinsic: Vec<u8>,
	/// The notes it spends and its fee.
	pub plan: Plan,
}

/// What the caller is told while a send goes on.
#[derive(Debug)]
pub enum Progress<'a> {
	/// Attempt `attempt` was accepted into the pool as extrinsic `hash`.
	Submitted {
		/// The attempt, from 1.
		attempt: u32,
		/// The extrinsic's hash.
		hash: [u8; 32],
	},
	/// Attempt `attempt` failed for `reason`; the next one follows, after a sync if `resync`.
	Retrying {
		/// The attempt, from 1.
		attempt: u32,
		/// Why it failed.
		reason: &'a TransferError,
		/// Whether the wallet syncs before rebuilding.
		resync: bool,
	},
}

/// A send a block included, successfully.
#[derive(Clone, Debug)]
pub struct Sent {
	/// The extrinsic's hash.
	pub hash: [u8; 32],
	/// The block that included it.
	pub block: BlockRef,
	/// The notes it spent and its fee.
	pub plan: Plan,
	/// The attempts it took, from 1.
	pub attempts: u32,
	/// Why the earlier attempts failed.
	pub refusals: Vec<String>,
	/// Time spent building the last attempt (choosing notes and proving).
	pub build: Duration,
	/// Time the node took to accept it.
	pub submit: Duration,
	/// Time from acceptance to inclusion.
	pub inclusion: Duration,
}

/// Whether a failed attempt is worth rebuilding, and after a sync or not (see the module
/// documentation); `None`: give up.
fn recovery(error: &TransferError) -> Option<bool> {
	match error {
		TransferError::Refused(Refusal::NoteSpent) | TransferError::Dropped => Some(true),
		TransferError::Refused(Refusal::StaleAnchor) => Some(false),
		_ => None,
	}
}

/// Sends what `build` makes at the best block, up to [`ATTEMPTS`] times: waits at most
/// `timeout` for each inclusion, calls `resync` before rebuilding where the module
/// documentation says, and tells `progress` how it goes.
pub fn send<E: From<TransferError>>(
	node: &impl Pool,
	timeout: Duration,
	mut build: impl FnMut(BlockRef) -> Result<Built, E>,
	mut resync: impl FnMut() -> Result<(), E>,
	mut progress: impl FnMut(Progress),
) -> Result<Sent, E> {
	let mut refusals = Vec::new();
	for attempt in 1..=ATTEMPTS {
		let at = node.best().map_err(TransferError::from)?;
		let building = Instant::now();
		let Built { extrinsic, plan } = build(at)?;
		let build_time = building.elapsed();
		let submitting = Instant::now();
		let outcome = submit(node, &extrinsic).and_then(|hash| {
			let accepted = submitting.elapsed();
			progress(Progress::Submitted { attempt, hash });
			let block = wait_for_inclusion(node, hash, at.number, timeout)?;
			Ok((hash, block, accepted, submitting.elapsed() - accepted))
		});
		let error = match outcome {
			Ok((hash, block, submit, inclusion)) => {
				return Ok(Sent {
					hash,
					block,
					plan,
					attempts: attempt,
					refusals,
					build: build_time,
					submit,
					inclusion,
				})
			},
			Err(error) => error,
		};
		let Some(resync_first) = recovery(&error) else { return Err(error.into()) };
		refusals.push(error.to_string());
		if attempt == ATTEMPTS {
			break;
		}
		progress(Progress::Retrying { attempt, reason: &error, resync: resync_first });
		if resync_first {
			resync()?;
		}
	}
	Err(TransferError::GaveUp(refusals).into())
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		chain::{Chain, ChainError, EventRecord, Package},
		rpc::RpcError,
	};
	use pallet_shielded::Error as PalletError;
	use pallet_tickets::runtime_api::TicketRecord;
	use polkadot_sdk::sp_core::crypto::AccountId32;
	use polkadot_sdk::{
		frame_system::{self, Phase},
		sp_runtime::DispatchError,
	};
	use sero_runtime::BlockNumber;
	use sero_shielded_primitives::{
		Anchor, AssetId, AssetInfo, Bytes32, LeafRecord, Nullifier, PackageId, TreeState,
	};
	use std::{collections::BTreeMap, sync::Mutex};

	/// What the mock node does with the next extrinsic submitted.
	#[derive(Clone, Copy, Debug)]
	enum Answer {
		/// Refuses it with the shielded pallet's error of this index.
		Refuse(u8),
		/// Accepts it and lets it go without including it.
		Drop,
		/// Includes it in a new block.
		Include,
		/// Includes it in a new block, where it fails.
		IncludeFailing,
	}

	/// A node in memory: each submission is answered from a script, and a block is imported
	/// meanwhile (the chain moves on while the wallet proves).
	struct MockNode {
		state: Mutex<MockState>,
	}

	#[derive(Default)]
	struct MockState {
		/// Each block's extrinsics, genesis first.
		blocks: Vec<Vec<Vec<u8>>>,
		/// Events of the blocks that have any.
		events: BTreeMap<u32, Vec<EventRecord>>,
		/// Answers to the next submissions, first first.
		script: Vec<Answer>,
	}

	fn hash_of(number: u32) -> [u8; 32] {
		let mut hash = [0xb1; 32];
		hash[..4].copy_from_slice(&number.to_le_bytes());
		hash
	}

	fn number_of(hash: [u8; 32]) -> u32 {
		u32::from_le_bytes(hash[..4].try_into().unwrap())
	}

	impl MockNode {
		fn new(script: &[Answer]) -> Self {
			let state = MockState {
				blocks: vec![Vec::new(); 5],
				script: script.iter().rev().copied().collect(),
				..Default::default()
			};
			Self { state: Mutex::new(state) }
		}
	}

	impl Chain for MockNode {
		fn best(&self) -> Result<BlockRef, ChainError> {
			let number = self.state.lock().unwrap().blocks.len() as u32 - 1;
			Ok(BlockRef { number, hash: hash_of(number) })
		}

		fn block_hash(&self, number: BlockNumber) -> Result<Option<[u8; 32]>, ChainError> {
			let known = (number as usize) < self.state.lock().unwrap().blocks.len();
			Ok(known.then(|| hash_of(number)))
		}

		fn leaf_count(&self, _: [u8; 32]) -> Result<u64, ChainError> {
			unreachable!("sending reads no leaves")
		}

		fn leaves(&self, _: u64, _: u32, _: [u8; 32]) -> Result<Vec<LeafRecord>, ChainError> {
			unreachable!("sending reads no leaves")
		}

		fn spent_at(&self, _: Nullifier, _: [u8; 32]) -> Result<Option<BlockNumber>, ChainError> {
			unreachable!("sending reads no nullifiers")
		}
	}

	/// What sending does not read.
	fn unused<T>(what: &str) -> Result<T, ChainError> {
		Err(ChainError::Malformed(format!("{what}: not read by a send")))
	}

	impl Pool for MockNode {
		fn tree_state(&self, _: [u8; 32]) -> Result<TreeState, ChainError> {
			unused("tree_state")
		}

		fn auth_path(
			&self,
			_: u64,
			_: Anchor,
			_: [u8; 32],
		) -> Result<Option<Vec<Bytes32>>, ChainError> {
			unused("auth_path")
		}

		fn minimum_fee(&self, _: u32, _: u32, _: [u8; 32]) -> Result<u128, ChainError> {
			unused("minimum_fee")
		}

		fn asset(&self, _: AssetId, _: [u8; 32]) -> Result<Option<AssetInfo>, ChainError> {
			unused("asset")
		}

		fn ticket(&self, _: AssetId, _: [u8; 32]) -> Result<Option<TicketRecord>, ChainError> {
			unused("ticket")
		}

		fn package(&self, _: PackageId, _: [u8; 32]) -> Result<Option<Package>, ChainError> {
			unused("package")
		}

		fn packages(
			&self,
			_: u32,
			_: u32,
			_: [u8; 32],
		) -> Result<Vec<(PackageId, Package)>, ChainError> {
			unused("packages")
		}

		fn free_balance(&self, _: &AccountId32, _: [u8; 32]) -> Result<u128, ChainError> {
			unused("free_balance")
		}

		fn next_nonce(&self, _: &AccountId32) -> Result<u32, ChainError> {
			unused("next_nonce")
		}

		fn runtime_version(&self) -> Result<(u32, u32), ChainError> {
			unused("runtime_version")
		}

		fn submit(&self, extrinsic: &[u8]) -> Result<[u8; 32], RpcError> {
			let mut state = self.state.lock().unwrap();
			let answer = state.script.pop().expect("a submission the test did not expect");
			let mut block = Vec::new();
			match answer {
				Answer::Refuse(code) => {
					state.blocks.push(block);
					return Err(RpcError::Node {
						method: "author_submitExtrinsic".into(),
						message: format!(
							r#"{{"code":1010,"message":"Invalid Transaction","data":"Custom error: {code}"}}"#
						),
					});
				},
				Answer::Drop => {},
				Answer::Include => block.push(extrinsic.to_vec()),
				Answer::IncludeFailing => {
					block.push(extrinsic.to_vec());
					let failed = EventRecord {
						phase: Phase::ApplyExtrinsic(0),
						event: sero_runtime::RuntimeEvent::System(
							frame_system::Event::ExtrinsicFailed {
								dispatch_error: DispatchError::Other("failed"),
								dispatch_info: Default::default(),
							},
						),
						topics: Vec::new(),
					};
					let number = state.blocks.len() as u32;
					state.events.insert(number, vec![failed]);
				},
			}
			state.blocks.push(block);
			Ok(polkadot_sdk::sp_io::hashing::blake2_256(extrinsic))
		}

		fn is_pending(&self, _: [u8; 32]) -> Result<bool, ChainError> {
			Ok(false)
		}

		fn block_extrinsics(&self, at: [u8; 32]) -> Result<Vec<Vec<u8>>, ChainError> {
			Ok(self.state.lock().unwrap().blocks[number_of(at) as usize].clone())
		}

		fn events(&self, at: [u8; 32]) -> Result<Vec<EventRecord>, ChainError> {
			Ok(self.state.lock().unwrap().events.get(&number_of(at)).cloned().unwrap_or_default())
		}
	}

	/// The pallet's error index of `error`, as the pool reports it.
	fn code(error: PalletError<sero_runtime::Runtime>) -> u8 {
		codec::Encode::encode(&error)[0]
	}

	/// What a send did: the blocks it built at, in order, and the syncs before each build.
	#[derive(Debug, Default, PartialEq)]
	struct Log {
		built_at: Vec<u32>,
		synced_before: Vec<bool>,
	}

	/// Sends against a node answering `script`; each build's extrinsic names the block it was
	/// built at.
	fn run(script: &[Answer]) -> (Result<Sent, TransferError>, Log) {
		let node = MockNode::new(script);
		let log = std::cell::RefCell::new(Log::default());
		let synced = std::cell::Cell::new(false);
		let result = send(
			&node,
			Duration::from_secs(5),
			|at| {
				let mut log = log.borrow_mut();
				log.built_at.push(at.number);
				log.synced_before.push(synced.replace(false));
				let plan = Plan { inputs: Vec::new(), change: BTreeMap::new(), fee: 7 };
				Ok(Built { extrinsic: at.number.to_le_bytes().to_vec(), plan })
			},
			|| {
				synced.set(true);
				Ok(())
			},
			|_| {},
		);
		assert!(node.state.lock().unwrap().script.is_empty(), "every scripted answer used");
		(result, log.into_inner())
	}

	#[test]
	fn a_stale_anchor_is_rebuilt_at_the_new_best_block_without_a_sync() {
		let (sent, log) = run(&[Answer::Refuse(code(PalletError::UnknownAnchor)), Answer::Include]);
		let sent = sent.unwrap();
		assert_eq!(log, Log { built_at: vec![4, 5], synced_before: vec![false, false] });
		assert_eq!((sent.attempts, sent.block.number), (2, 6));
		assert_eq!(sent.refusals.len(), 1);
		assert!(sent.refusals[0].contains("UnknownAnchor"), "{:?}", sent.refusals);
	}

	#[test]
	fn a_spent_note_or_a_dropped_transaction_is_rebuilt_after_a_sync() {
		let (sent, log) = run(&[
			Answer::Refuse(code(PalletError::NullifierSpent)),
			Answer::Drop,
			Answer::Include,
		]);
		assert_eq!(sent.unwrap().attempts, 3);
		assert_eq!(log, Log { built_at: vec![4, 5, 6], synced_before: vec![false, true, true] });
	}

	#[test]
	fn a_send_gives_up_after_three_attempts_with_every_reason() {
		let stale = Answer::Refuse(code(PalletError::UnknownAnchor));
		let (sent, log) = run(&[stale, stale, stale]);
		let Err(TransferError::GaveUp(reasons)) = sent else { panic!("{sent:?}") };
		assert_eq!(reasons.len(), 3);
		assert_eq!(log.built_at, vec![4, 5, 6]);
	}

	#[test]
	fn other_refusals_and_failures_end_the_send_at_once() {
		let (sent, log) = run(&[Answer::Refuse(code(PalletError::FeeTooLow))]);
		assert!(matches!(sent, Err(TransferError::Refused(Refusal::Other(_)))), "{sent:?}");
		assert_eq!(log.built_at, vec![4]);

		let (sent, log) = run(&[Answer::IncludeFailing]);
		assert!(matches!(sent, Err(TransferError::Failed { block, .. }) if block.number == 5));
		assert_eq!(log.built_at, vec![4]);
	}
}
