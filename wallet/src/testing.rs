//! A chain in memory for the wallet's unit tests: real notes in a real witness tree, real
//! proofs submitted as real extrinsics, blocks and events as a node reports them.

use crate::{
	chain::{BlockRef, Chain, ChainError, EventRecord, Package, Pool},
	rpc::RpcError,
	transfer,
};
use codec::{Decode, Encode};
use pallet_shielded::Error as PalletError;
use pallet_tickets::runtime_api::TicketRecord;
use polkadot_sdk::{
	frame_system::{self, Phase},
	sp_core::crypto::AccountId32,
	sp_io::hashing::blake2_256,
};
use rand_core::OsRng;
use sero_crypto::{
	asset::{self, AssetId},
	base_to_bytes,
	keys::{OneTimeAddress, PublicKey},
	note, note_encryption,
	note_encryption::NotePlaintext,
	point,
	tree::{AuthPath, Frontier},
	Base, Scalar,
};
use sero_runtime::{BlockNumber, Runtime, RuntimeCall, RuntimeEvent, UncheckedExtrinsic};
use sero_shielded_primitives::{
	Anchor, AssetCommitment, AssetInfo, Bytes32, EncryptedNote, LeafRecord, Nullifier,
	PackageAction, PackageId, ShieldedTransaction, TreeState,
};
use std::{collections::BTreeMap, sync::Mutex};

/// A leaf paying `value` of `asset` to a fresh one-time address of `to`, with `memo`.
pub fn leaf_of(to: &PublicKey, asset: AssetId, value: u128, memo: &str) -> LeafRecord {
	let pkr = to.one_time_address(&mut OsRng);
	let ar = Scalar::from(value as u64 + 7);
	let asset_cm = asset::asset_cm(&asset.base().expect("a valid asset"), value, &ar);
	let plain = NotePlaintext { asset, value, ar, memo: transfer::memo(memo).unwrap() };
	let sealed = note_encryption::encrypt(&pkr, &plain, &mut OsRng);
	LeafRecord {
		position: 0,
		pkr: pkr.to_bytes(),
		asset_cm: AssetCommitment(point::encode(&asset_cm)),
		note: EncryptedNote { epk: sealed.epk, ciphertext: sealed.ciphertext },
	}
}

/// A leaf paying `value` SERO to `to`, with `memo`.
pub fn leaf(to: &PublicKey, value: u128, memo: &str) -> LeafRecord {
	leaf_of(to, AssetId::native(), value, memo)
}

/// The fee the ledger asks: one unit per input and per output.
pub fn fee(inputs: u32, outputs: u32) -> u128 {
	u128::from(inputs + outputs)
}

/// A block of the ledger.
#[derive(Clone)]
struct Block {
	hash: [u8; 32],
	/// Leaves in the tree after it.
	leaf_count: u64,
	extrinsics: Vec<Vec<u8>>,
	events: Vec<EventRecord>,
}

/// What the ledger holds.
#[derive(Default)]
struct State {
	blocks: Vec<Block>,
	leaves: Vec<LeafRecord>,
	/// The leaves' tree nodes, in order.
	nodes: Vec<Base>,
	spent: BTreeMap<[u8; 32], BlockNumber>,
	/// Free balances of transparent accounts.
	balances: BTreeMap<AccountId32, u128>,
	/// Tokens registered, by id.
	tokens: BTreeMap<[u8; 32], Vec<u8>>,
	/// Tickets allotted, by id.
	tickets: BTreeMap<[u8; 32], TicketRecord>,
	/// Packages, in the order they were created.
	packages: Vec<(PackageId, Package)>,
	/// Nullifiers to spend in a block of their own (as another device of the same account
	/// would) just before the next submission is looked at.
	spend_before_next_submission: Vec<Nullifier>,
	/// Extrinsics submitted, refused ones too.
	submissions: usize,
}

/// A node in memory that includes every valid submission in a block of its own at once.
pub struct Ledger {
	state: Mutex<State>,
}

impl Ledger {
	/// A ledger holding the genesis block only.
	pub fn new() -> Self {
		let ledger = Self { state: Mutex::new(State::default()) };
		ledger.push_block(Vec::new(), Vec::new(), Vec::new(), Vec::new());
		ledger
	}

	fn push_block(
		&self,
		leaves: Vec<LeafRecord>,
		spent: Vec<Nullifier>,
		extrinsics: Vec<Vec<u8>>,
		events: Vec<EventRecord>,
	) -> BlockRef {
		let mut state = self.state.lock().unwrap();
		let number = state.blocks.len() as BlockNumber;
		for mut leaf in leaves {
			leaf.position = state.leaves.len() as u64;
			let pkr = OneTimeAddress::from_bytes(&leaf.pkr).expect("a valid PKr");
			let asset_cm = point::decode(&leaf.asset_cm.0).expect("a valid commitment");
			state.nodes.push(note::leaf(&pkr, &asset_cm));
			state.leaves.push(leaf);
		}
		for nil in spent {
			state.spent.insert(nil.0, number);
		}
		let mut hash = [0xb1; 32];
		hash[..4].copy_from_slice(&number.to_le_bytes());
		let leaf_count = state.leaves.len() as u64;
		state.blocks.push(Block { hash, leaf_count, extrinsics, events });
		BlockRef { number, hash }
	}

	/// A block paying `to` these notes of `(asset, value)`.
	pub fn pay(&self, to: &PublicKey, notes: &[(AssetId, u128)]) -> BlockRef {
		let leaves = notes.iter().map(|&(asset, value)| leaf_of(to, asset, value, "")).collect();
		self.push_block(leaves, Vec::new(), Vec::new(), Vec::new())
	}

	/// Sets the free balance of `account`.
	pub fn fund(&self, account: &AccountId32, value: u128) {
		self.state.lock().unwrap().balances.insert(account.clone(), value);
	}

	/// Registers a token.
	pub fn register(&self, asset: AssetId, name: &str) {
		self.state.lock().unwrap().tokens.insert(asset.to_bytes(), name.as_bytes().to_vec());
	}

	/// Records the ticket `value` of `category` as allotted, with `data`.
	pub fn allot(&self, category: &[u8], value: [u8; 32], data: &[u8]) -> AssetId {
		let id = AssetId::ticket(category, &value).expect("a valid category");
		let record = TicketRecord { category: category.to_vec(), value, data: data.to_vec() };
		self.state.lock().unwrap().tickets.insert(id.to_bytes(), record);
		id
	}

	/// Spends `nil` in a block of its own just before the next submission is looked at.
	pub fn spend_before_next_submission(&self, nil: [u8; 32]) {
		self.state.lock().unwrap().spend_before_next_submission.push(Nullifier(nil));
	}

	/// Extrinsics submitted so far.
	pub fn submissions(&self) -> usize {
		self.state.lock().unwrap().submissions
	}

	/// The number of the block at `at`.
	fn number(&self, at: [u8; 32]) -> Result<usize, ChainError> {
		let state = self.state.lock().unwrap();
		state
			.blocks
			.iter()
			.position(|b| b.hash == at)
			.ok_or_else(|| ChainError::Malformed("unknown block".into()))
	}

	/// The tree's nodes after block `at`.
	fn nodes_at(&self, at: [u8; 32]) -> Result<Vec<Base>, ChainError> {
		let number = self.number(at)?;
		let state = self.state.lock().unwrap();
		Ok(state.nodes[..state.blocks[number].leaf_count as usize].to_vec())
	}

	/// The shielded transaction in `call`, if it is a call of the shielded pool's.
	fn shielded(call: RuntimeCall) -> Option<ShieldedTransaction<AccountId32>> {
		match call {
			RuntimeCall::Shielded(
				pallet_shielded::Call::transact { tx }
				| pallet_shielded::Call::unshield { tx }
				| pallet_shielded::Call::call { tx }
				| pallet_shielded::Call::shield { tx },
			) => Some(*tx),
			_ => None,
		}
	}

	/// The pool's refusal with the shielded pallet's `error`.
	fn refusal(error: PalletError<Runtime>) -> RpcError {
		let code = error.encode()[0];
		RpcError::Node {
			method: "author_submitExtrinsic".into(),
			message: format!(
				r#"{{"code":1010,"message":"Invalid Transaction","data":"Custom error: {code}"}}"#
			),
		}
	}
}

impl Chain for Ledger {
	fn best(&self) -> Result<BlockRef, ChainError> {
		let state = self.state.lock().unwrap();
		let number = state.blocks.len() - 1;
		Ok(BlockRef { number: number as BlockNumber, hash: state.blocks[number].hash })
	}

	fn block_hash(&self, number: BlockNumber) -> Result<Option<[u8; 32]>, ChainError> {
		Ok(self.state.lock().unwrap().blocks.get(number as usize).map(|b| b.hash))
	}

	fn leaf_count(&self, at: [u8; 32]) -> Result<u64, ChainError> {
		let number = self.number(at)?;
		Ok(self.state.lock().unwrap().blocks[number].leaf_count)
	}

	fn leaves(&self, from: u64, limit: u32, at: [u8; 32]) -> Result<Vec<LeafRecord>, ChainError> {
		let end = self.leaf_count(at)?.min(from + u64::from(limit));
		Ok(self.state.lock().unwrap().leaves[from as usize..end as usize].to_vec())
	}

	fn spent_at(&self, nil: Nullifier, at: [u8; 32]) -> Result<Option<BlockNumber>, ChainError> {
		let number = self.number(at)? as BlockNumber;
		Ok(self.state.lock().unwrap().spent.get(&nil.0).copied().filter(|&b| b <= number))
	}
}

impl Pool for Ledger {
	fn tree_state(&self, at: [u8; 32]) -> Result<TreeState, ChainError> {
		let nodes = self.nodes_at(at)?;
		let mut frontier = Frontier::new();
		for node in &nodes {
			frontier.append(*node).expect("a small tree");
		}
		Ok(TreeState { size: nodes.len() as u64, root: Anchor(base_to_bytes(&frontier.root())) })
	}

	fn auth_path(
		&self,
		position: u64,
		root: Anchor,
		at: [u8; 32],
	) -> Result<Option<Vec<Bytes32>>, ChainError> {
		if self.tree_state(at)?.root != root {
			return Ok(None);
		}
		let nodes = self.nodes_at(at)?;
		Ok(AuthPath::from_leaves(&nodes, position)
			.map(|path| path.siblings.iter().map(base_to_bytes).collect()))
	}

	fn minimum_fee(&self, inputs: u32, outputs: u32, _at: [u8; 32]) -> Result<u128, ChainError> {
		Ok(fee(inputs, outputs))
	}

	fn asset(
		&self,
		id: sero_shielded_primitives::AssetId,
		_at: [u8; 32],
	) -> Result<Option<AssetInfo>, ChainError> {
		let state = self.state.lock().unwrap();
		Ok(state.tokens.get(&id.0).map(|name| AssetInfo {
			name: name.clone().try_into().expect("a short name"),
			base: id.0,
			kind: sero_shielded_primitives::AssetKind::Token(1),
		}))
	}

	fn ticket(
		&self,
		id: sero_shielded_primitives::AssetId,
		_at: [u8; 32],
	) -> Result<Option<TicketRecord>, ChainError> {
		Ok(self.state.lock().unwrap().tickets.get(&id.0).cloned())
	}

	fn package(&self, id: PackageId, _at: [u8; 32]) -> Result<Option<Package>, ChainError> {
		let state = self.state.lock().unwrap();
		Ok(state.packages.iter().find(|(p, _)| *p == id).map(|(_, record)| record.clone()))
	}

	fn packages(
		&self,
		from: u32,
		limit: u32,
		_at: [u8; 32],
	) -> Result<Vec<(PackageId, Package)>, ChainError> {
		let state = self.state.lock().unwrap();
		Ok(state.packages.iter().skip(from as usize).take(limit as usize).cloned().collect())
	}

	fn free_balance(&self, account: &AccountId32, _at: [u8; 32]) -> Result<u128, ChainError> {
		Ok(self.state.lock().unwrap().balances.get(account).copied().unwrap_or(0))
	}

	fn next_nonce(&self, _account: &AccountId32) -> Result<u32, ChainError> {
		Ok(0)
	}

	fn runtime_version(&self) -> Result<(u32, u32), ChainError> {
		Ok((sero_runtime::VERSION.spec_version, sero_runtime::VERSION.transaction_version))
	}

	/// Checks what a test can tell of a shielded transaction (its nullifiers unspent, a
	/// shield's payer funded) and includes it in a new block with its outputs as leaves.
	fn submit(&self, extrinsic: &[u8]) -> Result<[u8; 32], RpcError> {
		let early: Vec<Nullifier> = {
			let mut state = self.state.lock().unwrap();
			state.submissions += 1;
			std::mem::take(&mut state.spend_before_next_submission)
		};
		if !early.is_empty() {
			self.push_block(Vec::new(), early, Vec::new(), Vec::new());
		}
		let xt = UncheckedExtrinsic::decode(&mut &extrinsic[..]).expect("an extrinsic");
		let tx = Self::shielded(xt.function).expect("a shielded call");
		{
			let mut state = self.state.lock().unwrap();
			if tx.body.inputs.iter().any(|input| state.spent.contains_key(&input.nil.0)) {
				return Err(Self::refusal(PalletError::NullifierSpent));
			}
			if let Some(sero_shielded_primitives::Transparent::In { from, value, .. }) =
				&tx.body.transparent
			{
				let free = state.balances.entry(from.clone()).or_default();
				*free = free
					.checked_sub(*value)
					.ok_or_else(|| Self::refusal(PalletError::TransferRefused))?;
			}
		}
		if let Some(action) = &tx.body.package {
			let mut state = self.state.lock().unwrap();
			let number = state.blocks.len() as BlockNumber;
			let found = state.packages.iter().position(|(id, _)| *id == action.id());
			match (action, found) {
				(PackageAction::Create { id, owner, asset_cm, sealed, .. }, None) => {
					let record = Package {
						owner: *owner,
						asset_cm: *asset_cm,
						sealed: sealed.clone(),
						created_at: number,
						opened_at: None,
					};
					state.packages.push((*id, record));
				},
				(PackageAction::Create { .. }, Some(_)) => {
					return Err(Self::refusal(PalletError::PackageExists))
				},
				(_, None) => return Err(Self::refusal(PalletError::UnknownPackage)),
				(PackageAction::Transfer { to, .. }, Some(i)) => state.packages[i].1.owner = *to,
				(PackageAction::Open { .. }, Some(i)) => {
					state.packages[i].1.opened_at = Some(number)
				},
			}
		}
		let leaves = tx
			.body
			.outputs
			.iter()
			.map(|o| LeafRecord {
				position: 0,
				pkr: o.pkr,
				asset_cm: o.asset_cm,
				note: o.note.clone(),
			})
			.collect();
		let nils = tx.body.inputs.iter().map(|input| input.nil).collect();
		let success = EventRecord {
			phase: Phase::ApplyExtrinsic(0),
			event: RuntimeEvent::System(frame_system::Event::ExtrinsicSuccess {
				dispatch_info: Default::default(),
			}),
			topics: Vec::new(),
		};
		self.push_block(leaves, nils, vec![extrinsic.to_vec()], vec![success]);
		Ok(blake2_256(extrinsic))
	}

	fn is_pending(&self, _hash: [u8; 32]) -> Result<bool, ChainError> {
		Ok(false)
	}

	fn block_extrinsics(&self, at: [u8; 32]) -> Result<Vec<Vec<u8>>, ChainError> {
		let number = self.number(at)?;
		Ok(self.state.lock().unwrap().blocks[number].extrinsics.clone())
	}

	fn events(&self, at: [u8; 32]) -> Result<Vec<EventRecord>, ChainError> {
		let number = self.number(at)?;
		Ok(self.state.lock().unwrap().blocks[number].events.clone())
	}
}
