//! Making transfers: choosing notes, proving, wrapping the transaction in an extrinsic,
//! submitting it and waiting until a block includes it.

use crate::{
	chain::{BlockRef, ChainError, Pool},
	rpc::RpcError,
	select::{self, SelectError},
	store::StoredNote,
};
use codec::{Decode, Encode};
use polkadot_sdk::{
	frame_system,
	pallet_transaction_payment::ChargeTransactionPayment,
	sp_core::{crypto::AccountId32, sr25519, Pair, H256},
	sp_runtime::{generic::Era, MultiAddress, MultiSignature},
};
use rand_core::OsRng;
use sero_crypto::package::PackageContent;
use sero_crypto::{
	asset::AssetId,
	base_from_bytes,
	keys::{OneTimeAddress, PublicKey, SpendingKey},
	note_encryption::MEMO_BYTES,
	tree::{AuthPath, DEPTH},
	Base,
};
use sero_runtime::{Runtime, RuntimeCall, SignedPayload, TxExtension, UncheckedExtrinsic};
use sero_shielded_builder::{
	self as builder, BuildError, OwnedNote, PackageOrder, Payment, Sender, Spend,
};
use sero_shielded_primitives::{
	Anchor, CallTarget, PackageId, ShieldedTransaction, Transparent, MAX_COMMAND_BYTES,
};
use sero_zk::setup::Keys;
use std::{
	collections::BTreeMap,
	thread,
	time::{Duration, Instant},
};

/// A shielded transaction as the runtime takes it.
pub type Transaction = ShieldedTransaction<AccountId32>;

/// Why a transfer failed.
#[derive(Debug, thiserror::Error)]
pub enum TransferError {
	/// The node could not answer.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// Not enough notes.
	#[error(transparent)]
	Select(#[from] SelectError),
	/// The transaction could not be built.
	#[error(transparent)]
	Build(#[from] BuildError),
	/// The memo is too long.
	#[error("a memo holds at most {MEMO_BYTES} bytes; this one has {0}")]
	MemoTooLong(usize),
	/// A module's command is longer than a transaction carries.
	#[error("a command holds at most {max} bytes; this one has {len}")]
	CommandTooLong {
		/// Its length.
		len: usize,
		/// The bound.
		max: u32,
	},
	/// A note the wallet holds does not decode (a corrupt database).
	#[error("note {0} in the wallet database is corrupt")]
	CorruptNote(u64),
	/// The anchor the wallet read is no longer known to the node.
	#[error("the node has no path for note {0} under its current root")]
	NoPath(u64),
	/// The node's pool refused the extrinsic.
	#[error("the node refused the transaction: {0}")]
	Refused(Refusal),
	/// The extrinsic was included but failed.
	#[error("the transaction was included in block #{} but failed: {reason}", block.number)]
	Failed {
		/// The block.
		block: BlockRef,
		/// The dispatch error.
		reason: String,
	},
	/// The extrinsic left the pool without being included.
	#[error("the transaction was dropped by the node before any block included it")]
	Dropped,
	/// Every attempt of a send was refused (see [`crate::send`]); why, attempt by attempt.
	#[error("the transaction was refused {} times: {}", .0.len(), .0.join("; "))]
	GaveUp(Vec<String>),
	/// No block included the extrinsic in time.
	#[error("no block included the transaction within {0:?}; it may still be; run `sync` later")]
	Timeout(Duration),
}

/// Why the pool refused an extrinsic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
	/// A note is already spent on chain (the wallet's view was behind).
	NoteSpent,
	/// The anchor is no longer a recent root.
	StaleAnchor,
	/// Anything else, in the node's words.
	Other(String),
}

impl std::fmt::Display for Refusal {
	fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
		match self {
			Refusal::NoteSpent => f.write_str("a note it spends is already spent (NullifierSpent)"),
			Refusal::StaleAnchor => {
				f.write_str("its anchor is no longer a recent root (UnknownAnchor)")
			},
			Refusal::Other(reason) => f.write_str(reason),
		}
	}
}

impl Refusal {
	/// Reads the pool's answer: `Custom error: N` is the shielded pallet's error N.
	fn from_rpc(error: &RpcError) -> Self {
		let text = error.to_string();
		let custom = text
			.split("Custom error: ")
			.nth(1)
			.and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
			.and_then(|n| n.parse::<u8>().ok());
		let Some(code) = custom else { return Refusal::Other(text) };
		// From 128 on: a called module's refusal. The share pool is the one module calls
		// reach.
		if let Some(module_code) = code.checked_sub(pallet_shielded::CALL_REFUSED_CODES) {
			return match pallet_share_pool::Error::<Runtime>::decode(&mut &[module_code][..]) {
				Ok(error) => Refusal::Other(format!(
					"the share pool refuses it: SharePool({}) ({text})",
					<&'static str>::from(error)
				)),
				Err(_) => Refusal::Other(text),
			};
		}
		match pallet_shielded::Error::<Runtime>::decode(&mut &[code][..]) {
			Ok(
				pallet_shielded::Error::NullifierSpent | pallet_shielded::Error::DuplicateNullifier,
			) => Refusal::NoteSpent,
			Ok(pallet_shielded::Error::UnknownAnchor) => Refusal::StaleAnchor,
			Ok(other) => Refusal::Other(format!("{} ({text})", <&'static str>::from(other))),
			Err(_) => Refusal::Other(text),
		}
	}
}

/// Where the value goes.
#[derive(Clone, Debug)]
pub enum Recipient {
	/// A private payment to a PK, with a memo.
	Shielded {
		/// The payment address.
		to: PublicKey,
		/// The memo.
		memo: [u8; MEMO_BYTES],
	},
	/// A private payment to a one-time address the receiver handed out.
	ToPkr {
		/// The one-time address.
		to: OneTimeAddress,
		/// The memo.
		memo: [u8; MEMO_BYTES],
	},
	/// An unshield to a transparent account.
	Transparent(AccountId32),
	/// A payment to a module of the runtime with a command (SPEC §5), sent from a fresh
	/// one-time address of the wallet's, to which the module pays back.
	Module {
		/// The module.
		target: CallTarget,
		/// The command, in the module's encoding.
		command: Vec<u8>,
	},
	/// Into a new package `id` (SPEC §6) owned by `owner`, its content sealed under `key`
	/// with `data`.
	Package {
		/// The package's id.
		id: PackageId,
		/// Its owner's one-time address.
		owner: OneTimeAddress,
		/// The key its content is sealed under.
		key: [u8; 32],
		/// Its data.
		data: Vec<u8>,
	},
	/// Nothing paid: the package `id` goes to `to`, by its `owner` (the fee only).
	PackageTransfer {
		/// The package.
		id: PackageId,
		/// The new owner's one-time address.
		to: OneTimeAddress,
		/// The owner's one-time address and secrets.
		owner: Sender,
	},
	/// Nothing paid: the package `id`, whose content is `content`, is opened by its `owner`
	/// and its value comes back into the wallet's notes (plan it with [`plan_open`]).
	PackageOpen {
		/// The package.
		id: PackageId,
		/// Its content.
		content: PackageContent,
		/// The owner's one-time address and secrets.
		owner: Sender,
	},
}

impl Recipient {
	/// Whether the value goes into a note (rather than to an account or a module).
	pub fn is_note(&self) -> bool {
		matches!(self, Recipient::Shielded { .. } | Recipient::ToPkr { .. })
	}

	/// The outputs the fee pays for on the recipient's side: its note; none for an account;
	/// for a module, the one more output the chain charges a call for (its `From` and the
	/// note of its change).
	/// For a package created, its commitment's proof; for one opened, the note of its value.
	pub fn fee_outputs(&self) -> usize {
		match self {
			Recipient::Transparent(_) | Recipient::PackageTransfer { .. } => 0,
			Recipient::Shielded { .. }
			| Recipient::ToPkr { .. }
			| Recipient::Module { .. }
			| Recipient::Package { .. }
			| Recipient::PackageOpen { .. } => 1,
		}
	}

	/// The memo sent with the note.
	pub fn memo(&self) -> Option<&[u8; MEMO_BYTES]> {
		match self {
			Recipient::Shielded { memo, .. } | Recipient::ToPkr { memo, .. } => Some(memo),
			_ => None,
		}
	}
}

/// A memo from text: UTF-8, zero-padded to 64 bytes.
pub fn memo(text: &str) -> Result<[u8; MEMO_BYTES], TransferError> {
	let bytes = text.as_bytes();
	if bytes.len() > MEMO_BYTES {
		return Err(TransferError::MemoTooLong(bytes.len()));
	}
	let mut memo = [0u8; MEMO_BYTES];
	memo[..bytes.len()].copy_from_slice(bytes);
	Ok(memo)
}

/// A memo as text: the bytes before the padding, lossily decoded.
pub fn memo_text(memo: &[u8]) -> String {
	let end = memo.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
	String::from_utf8_lossy(&memo[..end]).into_owned()
}

/// The notes and fee chosen for a spend.
#[derive(Clone, Debug)]
pub struct Plan {
	/// The notes to spend.
	pub inputs: Vec<StoredNote>,
	/// Change per asset, back to the wallet.
	pub change: BTreeMap<AssetId, u128>,
	/// The fee, in SERO.
	pub fee: u128,
}

/// Chooses notes for `value` of `asset` to `recipient` plus the fee, which grows with the
/// inputs and outputs it pays for: choose again until it covers the transaction it is part
/// of.
pub fn plan(
	node: &impl Pool,
	at: BlockRef,
	unspent: &[StoredNote],
	asset: AssetId,
	value: u128,
	recipient: &Recipient,
) -> Result<Plan, TransferError> {
	// The recipient's outputs (see `Recipient::fee_outputs`), and one per asset returning
	// change.
	let candidates: Vec<(AssetId, u128)> = unspent
		.iter()
		.map(|n| {
			Ok((
				AssetId::from_bytes(&n.asset).ok_or(TransferError::CorruptNote(n.position))?,
				n.value,
			))
		})
		.collect::<Result<_, TransferError>>()?;
	let mut fee = 0;
	loop {
		let mut need = BTreeMap::from([(asset, value)]);
		*need.entry(AssetId::native()).or_default() += fee;
		let selection = select::select(&candidates, &need)?;
		let outputs = recipient.fee_outputs() + selection.change.len();
		let required =
			node.minimum_fee(selection.chosen.len() as u32, outputs.max(1) as u32, at.hash)?;
		if required <= fee {
			let inputs = selection.chosen.iter().map(|&i| unspent[i].clone()).collect();
			return Ok(Plan { inputs, change: selection.change, fee });
		}
		fee = required;
	}
}

/// The notes and fee to open a package of `content`: its value comes back as a note of the
/// wallet's. A package of SERO that covers the fee pays it, with no note spent; otherwise
/// SERO notes pay it.
pub fn plan_open(
	node: &impl Pool,
	at: BlockRef,
	unspent: &[StoredNote],
	recipient: &Recipient,
) -> Result<Plan, TransferError> {
	let Recipient::PackageOpen { content, .. } = recipient else {
		return plan(node, at, unspent, AssetId::native(), 0, recipient);
	};
	let native = AssetId::native();
	if content.asset == native {
		let fee = node.minimum_fee(0, 1, at.hash)?;
		if content.value >= fee {
			let change = BTreeMap::from([(native, content.value - fee)]);
			return Ok(Plan { inputs: Vec::new(), change, fee });
		}
	}
	let mut plan = plan(node, at, unspent, native, 0, recipient)?;
	*plan.change.entry(content.asset).or_default() += content.value;
	Ok(plan)
}

/// The spend of a stored note: its secrets from the spending key, its path under `root`.
fn spend(
	node: &impl Pool,
	sk: &SpendingKey,
	note: &StoredNote,
	root: Anchor,
	at: BlockRef,
) -> Result<Spend, TransferError> {
	let corrupt = || TransferError::CorruptNote(note.position);
	let pkr = OneTimeAddress::from_bytes(&note.pkr).ok_or_else(corrupt)?;
	let secret = sk.one_time_secret(&pkr).ok_or_else(corrupt)?;
	let asset = AssetId::from_bytes(&note.asset).ok_or_else(corrupt)?;
	let ar = sero_crypto::keys::scalar_from_bytes(&note.ar).ok_or_else(corrupt)?;
	let siblings = node
		.auth_path(note.position, root, at.hash)?
		.ok_or(TransferError::NoPath(note.position))?;
	let mut path = AuthPath { position: note.position, siblings: [Base::from(0u64); DEPTH] };
	if siblings.len() != DEPTH {
		return Err(ChainError::Malformed("ShieldedApi_auth_path".into()).into());
	}
	for (slot, sibling) in path.siblings.iter_mut().zip(&siblings) {
		*slot = base_from_bytes(sibling)
			.ok_or_else(|| ChainError::Malformed("ShieldedApi_auth_path".into()))?;
	}
	Ok(Spend { note: OwnedNote { pkr, secret, asset, value: note.value, ar }, path })
}

/// What a spend pays: `value` of `asset` to `recipient`.
#[derive(Clone, Debug)]
pub struct Order {
	/// The asset.
	pub asset: AssetId,
	/// The amount.
	pub value: u128,
	/// Where it goes.
	pub recipient: Recipient,
}

/// Proves the transaction of `plan` paying `order`: change goes to fresh PKrs of our own,
/// every input is proven under the tree's root at `at`.
pub fn build(
	keys: &Keys,
	node: &impl Pool,
	sk: &SpendingKey,
	at: BlockRef,
	plan: &Plan,
	order: &Order,
) -> Result<Transaction, TransferError> {
	let Order { asset, value, recipient } = order.clone();
	let root = node.tree_state(at.hash)?.root;
	let spends = plan
		.inputs
		.iter()
		.map(|note| spend(node, sk, note, root, at))
		.collect::<Result<Vec<_>, _>>()?;
	let me = sk.public_key();
	let mut payments = Vec::new();
	let mut transparent = None;
	let mut sender = None;
	let mut package = None;
	match recipient {
		Recipient::Package { id, owner, key, data } => {
			package = Some(PackageOrder::Create { id, owner, key, asset, value, data })
		},
		Recipient::PackageTransfer { id, to, owner } => {
			package = Some(PackageOrder::Transfer { id, to });
			sender = Some(owner);
		},
		Recipient::PackageOpen { id, content, owner } => {
			package = Some(PackageOrder::Open { id, content });
			sender = Some(owner);
		},
		Recipient::Shielded { to, memo } => {
			payments.push(Payment { to: to.one_time_address(&mut OsRng), asset, value, memo })
		},
		Recipient::ToPkr { to, memo } => payments.push(Payment { to, asset, value, memo }),
		Recipient::Transparent(to) => {
			transparent = Some(Transparent::Out { to, asset: asset.into(), value })
		},
		Recipient::Module { target, command } => {
			let len = command.len();
			let command = command
				.try_into()
				.map_err(|_| TransferError::CommandTooLong { len, max: MAX_COMMAND_BYTES })?;
			transparent = Some(Transparent::Call { target, asset: asset.into(), value, command });
			let pkr = me.one_time_address(&mut OsRng);
			let secret = sk.one_time_secret(&pkr).expect("the wallet's own one-time address");
			sender = Some(Sender { pkr, secret });
		},
	}
	for (&asset, &amount) in plan.change.iter().filter(|(_, &amount)| amount > 0) {
		payments.push(Payment {
			to: me.one_time_address(&mut OsRng),
			asset,
			value: amount,
			memo: [0; MEMO_BYTES],
		});
	}
	if let Some(order) = package {
		return Ok(builder::build_package(
			keys,
			&spends,
			&payments,
			plan.fee,
			&order,
			sender.as_ref(),
			&mut OsRng,
		)?);
	}
	Ok(match sender {
		Some(sender) => builder::build_from(
			keys,
			&spends,
			&payments,
			plan.fee,
			transparent,
			&sender,
			&mut OsRng,
		)?,
		None => builder::build(keys, &spends, &payments, plan.fee, transparent, &mut OsRng)?,
	})
}

/// Proves a shield: `value` of `asset` from `from` into a fresh note of `to`.
pub fn build_shield(
	keys: &Keys,
	to: &PublicKey,
	from: &AccountId32,
	asset: AssetId,
	value: u128,
	memo: [u8; MEMO_BYTES],
) -> Result<Transaction, TransferError> {
	let payment = Payment { to: to.one_time_address(&mut OsRng), asset, value, memo };
	let transparent = Transparent::In { from: from.clone(), asset: asset.into(), value };
	Ok(builder::build(keys, &[], &[payment], 0, Some(transparent), &mut OsRng)?)
}

/// `Shielded.transact`, `Shielded.unshield` or `Shielded.call` as a bare extrinsic: the
/// proofs and signatures inside authorise it.
pub fn bare_extrinsic(tx: Transaction) -> Vec<u8> {
	let call = match tx.body.transparent {
		Some(Transparent::Out { .. }) => pallet_shielded::Call::unshield { tx: Box::new(tx) },
		Some(Transparent::Call { .. }) => pallet_shielded::Call::call { tx: Box::new(tx) },
		_ => pallet_shielded::Call::transact { tx: Box::new(tx) },
	};
	UncheckedExtrinsic::new_bare_legacy(RuntimeCall::Shielded(call)).encode()
}

/// `Shielded.shield(tx)` signed by `signer`, mortal for 64 blocks from `at`.
pub fn signed_shield(
	node: &impl Pool,
	signer: &sr25519::Pair,
	at: BlockRef,
	tx: Transaction,
) -> Result<Vec<u8>, ChainError> {
	signed_call(
		node,
		signer,
		at,
		RuntimeCall::Shielded(pallet_shielded::Call::shield { tx: Box::new(tx) }),
	)
}

/// `call` signed by `signer` with its next nonce, mortal for 64 blocks from `at`.
pub fn signed_call(
	node: &impl Pool,
	signer: &sr25519::Pair,
	at: BlockRef,
	call: RuntimeCall,
) -> Result<Vec<u8>, ChainError> {
	let account = AccountId32::from(signer.public());
	let nonce = node.next_nonce(&account)?;
	let (spec_version, tx_version) = node.runtime_version()?;
	let genesis = node.genesis()?;
	let era = Era::mortal(64, at.number.into());
	let birth = era.birth(at.number.into()) as u32;
	let birth_hash = node
		.block_hash(birth)?
		.ok_or_else(|| ChainError::Malformed(format!("no block {birth}")))?;
	let context = SigningContext { nonce, spec_version, tx_version, genesis, era, birth_hash };
	Ok(signed_extrinsic(call, signer, &context))
}

/// Signs `call` with `signer`, submits it, tells `submitted` its hash once the pool accepts
/// it, and waits at most `timeout` for a block to include it: the block and the call's
/// events.
pub fn submit_signed(
	node: &impl Pool,
	signer: &sr25519::Pair,
	call: RuntimeCall,
	timeout: Duration,
	submitted: impl FnOnce([u8; 32]),
) -> Result<(BlockRef, Vec<sero_runtime::RuntimeEvent>), TransferError> {
	let best = node.best()?;
	let extrinsic = signed_call(node, signer, best, call)?;
	let hash = submit(node, &extrinsic)?;
	submitted(hash);
	let block = wait_for_inclusion(node, hash, best.number, timeout)?;
	Ok((block, events_of(node, block, hash)?))
}

/// What a signed extrinsic commits to besides its call.
#[derive(Clone, Copy, Debug)]
pub struct SigningContext {
	/// The signer's next nonce.
	pub nonce: u32,
	/// The runtime's `spec_version`.
	pub spec_version: u32,
	/// The runtime's `transaction_version`.
	pub tx_version: u32,
	/// The chain's genesis hash.
	pub genesis: [u8; 32],
	/// The extrinsic's era.
	pub era: Era,
	/// The hash of the block the era starts at (the genesis hash for an immortal era).
	pub birth_hash: [u8; 32],
}

/// `call` signed by `signer` with the runtime's transaction extensions, encoded; no tip.
pub fn signed_extrinsic(
	call: RuntimeCall,
	signer: &sr25519::Pair,
	context: &SigningContext,
) -> Vec<u8> {
	let extension: TxExtension = (
		frame_system::AuthorizeCall::<Runtime>::new(),
		frame_system::CheckNonZeroSender::<Runtime>::new(),
		frame_system::CheckSpecVersion::<Runtime>::new(),
		frame_system::CheckTxVersion::<Runtime>::new(),
		frame_system::CheckGenesis::<Runtime>::new(),
		frame_system::CheckEra::<Runtime>::from(context.era),
		frame_system::CheckNonce::<Runtime>::from(context.nonce),
		frame_system::CheckWeight::<Runtime>::new(),
		ChargeTransactionPayment::<Runtime>::from(0),
		frame_system::WeightReclaim::<Runtime>::new(),
	);
	let implicit = (
		(),
		(),
		context.spec_version,
		context.tx_version,
		H256(context.genesis),
		H256(context.birth_hash),
		(),
		(),
		(),
		(),
	);
	let payload = SignedPayload::from_raw(call.clone(), extension.clone(), implicit);
	let signature = payload.using_encoded(|bytes| signer.sign(bytes));
	UncheckedExtrinsic::new_signed(
		call,
		MultiAddress::Id(AccountId32::from(signer.public())),
		MultiSignature::Sr25519(signature),
		extension,
	)
	.encode()
}

/// Submits `extrinsic`; its hash, or why the pool refused it.
pub fn submit(node: &impl Pool, extrinsic: &[u8]) -> Result<[u8; 32], TransferError> {
	node.submit(extrinsic).map_err(|e| match e {
		RpcError::Node { .. } => TransferError::Refused(Refusal::from_rpc(&e)),
		other => TransferError::Chain(other.into()),
	})
}

/// Waits until a block includes extrinsic `hash` and checks that it succeeded.
pub fn wait_for_inclusion(
	node: &impl Pool,
	hash: [u8; 32],
	from: u32,
	timeout: Duration,
) -> Result<BlockRef, TransferError> {
	let start = Instant::now();
	let mut next = from + 1;
	let mut absent = 0;
	loop {
		let pending = node.is_pending(hash)?;
		let best = node.best()?;
		while next <= best.number {
			let Some(block_hash) = node.block_hash(next)? else { break };
			let extrinsics = node.block_extrinsics(block_hash)?;
			if let Some(index) =
				extrinsics.iter().position(|x| polkadot_sdk::sp_io::hashing::blake2_256(x) == hash)
			{
				let block = BlockRef { number: next, hash: block_hash };
				return check_success(node, block, index as u32);
			}
			next += 1;
		}
		// Out of the pool and in no block up to a best block read after that: dropped.
		// Twice in a row, so that a block being imported meanwhile is not missed.
		absent = if pending { 0 } else { absent + 1 };
		if absent >= 2 {
			return Err(TransferError::Dropped);
		}
		if start.elapsed() > timeout {
			return Err(TransferError::Timeout(timeout));
		}
		thread::sleep(Duration::from_millis(500));
	}
}

/// The events of extrinsic `hash`, included in `block`; empty if the block does not hold it.
pub fn events_of(
	node: &impl Pool,
	block: BlockRef,
	hash: [u8; 32],
) -> Result<Vec<sero_runtime::RuntimeEvent>, ChainError> {
	let extrinsics = node.block_extrinsics(block.hash)?;
	let Some(index) =
		extrinsics.iter().position(|x| polkadot_sdk::sp_io::hashing::blake2_256(x) == hash)
	else {
		return Ok(Vec::new());
	};
	let phase = frame_system::Phase::ApplyExtrinsic(index as u32);
	Ok(node
		.events(block.hash)?
		.into_iter()
		.filter(|record| record.phase == phase)
		.map(|record| record.event)
		.collect())
}

/// Reads the events of the extrinsic at `index` of `block`.
fn check_success(node: &impl Pool, block: BlockRef, index: u32) -> Result<BlockRef, TransferError> {
	use frame_system::{Event as SystemEvent, Phase};
	for record in node.events(block.hash)? {
		if record.phase != Phase::ApplyExtrinsic(index) {
			continue;
		}
		if let sero_runtime::RuntimeEvent::System(SystemEvent::ExtrinsicFailed {
			dispatch_error,
			..
		}) = record.event
		{
			// A pallet's error by name (`SharePool(PriceAboveLimit)`), from the runtime this
			// wallet is built with.
			let reason = match sero_runtime::RuntimeError::from_dispatch_error(dispatch_error) {
				Some(error) => format!("{error:?}"),
				None => format!("{dispatch_error:?}"),
			};
			return Err(TransferError::Failed { block, reason });
		}
	}
	Ok(block)
}

#[cfg(test)]
mod tests {
	use super::*;

	#[test]
	fn memos_round_trip_and_are_bounded() {
		assert_eq!(memo_text(&memo("rent for May").unwrap()), "rent for May");
		assert_eq!(memo_text(&memo("").unwrap()), "");
		assert!(memo(&"é".repeat(32)).is_ok());
		assert!(matches!(memo(&"x".repeat(65)), Err(TransferError::MemoTooLong(65))));
	}

	#[test]
	fn pool_refusals_name_the_pallet_error() {
		let refusal = |data: &str| {
			Refusal::from_rpc(&RpcError::Node {
				method: "author_submitExtrinsic".into(),
				message: format!(
					r#"{{"code":1010,"message":"Invalid Transaction","data":"{data}"}}"#
				),
			})
		};
		assert_eq!(refusal("Custom error: 8"), Refusal::NoteSpent);
		assert_eq!(refusal("Custom error: 9"), Refusal::StaleAnchor);
		// A refusal by the share pool: its error 2, PriceAboveLimit.
		assert!(matches!(refusal("Custom error: 130"),
			Refusal::Other(s) if s.starts_with("the share pool refuses it: SharePool(PriceAboveLimit)")));
		assert!(
			matches!(refusal("Custom error: 4"), Refusal::Other(s) if s.starts_with("FeeTooLow"))
		);
		assert!(matches!(refusal("Transaction is outdated"), Refusal::Other(_)));
	}
}
