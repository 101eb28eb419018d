//! The wallet's database (redb): the notes found, how far the chain was scanned, checkpoints
//! to recognise a reorganisation by, and the wallet's own sends.
//!
//! It holds what the tracing key reveals (amounts, memos), never a spending secret: the
//! keystore keeps the seed.

use crate::chain::BlockRef;
use codec::{Decode, Encode};
use redb::{Database, ReadableDatabase, ReadableTable, ReadableTableMetadata, TableDefinition};
use sero_crypto::keys::PublicKey;
use std::{collections::BTreeMap, path::Path};

const META: TableDefinition<&str, &[u8]> = TableDefinition::new("meta");
const NOTES: TableDefinition<u64, &[u8]> = TableDefinition::new("notes");
const CHECKPOINTS: TableDefinition<u32, &[u8]> = TableDefinition::new("checkpoints");
const SENT: TableDefinition<u64, &[u8]> = TableDefinition::new("sent");

/// How many checkpoints are kept: a reorganisation deeper than the oldest rescans from 0.
const KEPT_CHECKPOINTS: usize = 64;

/// The unspent value of `notes` per asset id.
pub fn balances(notes: &[StoredNote]) -> BTreeMap<[u8; 32], u128> {
	let mut out = BTreeMap::new();
	for note in notes.iter().filter(|n| n.spent_at.is_none()) {
		*out.entry(note.asset).or_default() += note.value;
	}
	out
}

/// Why the database could not be used.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
	/// The database failed.
	#[error("wallet database: {0}")]
	Db(#[from] redb::Error),
	/// The database belongs to another account.
	#[error("this wallet directory belongs to {0}, not to the key given")]
	OtherOwner(String),
	/// A record does not decode.
	#[error("wallet database: corrupt record in {0}")]
	Corrupt(&'static str),
}

fn db_error(e: impl Into<redb::Error>) -> StoreError {
	StoreError::Db(e.into())
}

/// A note of the account, as the tracing key reads it.
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct StoredNote {
	/// Its position in the tree.
	pub position: u64,
	/// Its one-time address.
	pub pkr: [u8; 96],
	/// Its asset id.
	pub asset: [u8; 32],
	/// Its amount.
	pub value: u128,
	/// The blinding of its commitment.
	pub ar: [u8; 32],
	/// The sender's memo.
	pub memo: [u8; 64],
	/// Its nullifier.
	pub nil: [u8; 32],
	/// The block that created it.
	pub received_at: u32,
	/// The block that spent it.
	pub spent_at: Option<u32>,
}

/// A block the wallet synced to, and the tree's size there.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub struct Checkpoint {
	/// The block.
	pub block: BlockRef,
	/// Leaves in the tree after it.
	pub leaf_count: u64,
}

/// What kind of transfer the wallet made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Encode, Decode)]
pub enum TransferKind {
	/// A private transfer to a PK.
	Send,
	/// From a transparent account into the wallet.
	Shield,
	/// From the wallet to a transparent account.
	Unshield,
	/// From the wallet to a module of the runtime, with a command (a share purchase).
	Call,
	/// A package created, transferred or opened (the counterparty says which).
	Package,
}

/// A transfer this wallet made (the chain does not show the receiver to anyone else).
#[derive(Clone, Debug, PartialEq, Eq, Encode, Decode)]
pub struct SentRecord {
	/// What it was.
	pub kind: TransferKind,
	/// The extrinsic's hash.
	pub extrinsic: [u8; 32],
	/// The block that included it.
	pub block: BlockRef,
	/// The receiver (a PK, or an SS58 account) or, for a shield, the payer.
	pub counterparty: String,
	/// The asset id.
	pub asset: [u8; 32],
	/// The amount.
	pub value: u128,
	/// The shielded fee paid.
	pub fee: u128,
	/// The memo sent.
	pub memo: Vec<u8>,
}

/// Where a sync stands.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Encode, Decode)]
pub struct Cursor {
	/// The next position to scan.
	pub scanned: u64,
	/// The block the leaves below `scanned` were read at, while a sync is unfinished.
	pub partial: Option<BlockRef>,
}

/// The wallet's database.
pub struct Store {
	db: Database,
}

impl Store {
	/// Opens (or creates) the database at `path` for the account `owner`.
	pub fn open(path: &Path, owner: &PublicKey) -> Result<Self, StoreError> {
		let db = Database::create(path).map_err(db_error)?;
		let store = Self { db };
		let txn = store.db.begin_write().map_err(db_error)?;
		{
			let mut meta = txn.open_table(META).map_err(db_error)?;
			let existing = meta.get("owner").map_err(db_error)?.map(|v| v.value().to_vec());
			match existing {
				Some(bytes) if bytes != owner.to_bytes() => {
					let other = <[u8; 64]>::try_from(bytes.as_slice())
						.ok()
						.and_then(|b| PublicKey::from_bytes(&b))
						.map(|pk| pk.to_string())
						.unwrap_or_else(|| "another account".into());
					return Err(StoreError::OtherOwner(other));
				},
				Some(_) => {},
				None => {
					meta.insert("owner", &owner.to_bytes()[..]).map_err(db_error)?;
				},
			}
			txn.open_table(NOTES).map_err(db_error)?;
			txn.open_table(CHECKPOINTS).map_err(db_error)?;
			txn.open_table(SENT).map_err(db_error)?;
		}
		txn.commit().map_err(db_error)?;
		Ok(store)
	}

	/// Where the last sync stopped.
	pub fn cursor(&self) -> Result<Cursor, StoreError> {
		let txn = self.db.begin_read().map_err(db_error)?;
		let meta = txn.open_table(META).map_err(db_error)?;
		match meta.get("cursor").map_err(db_error)? {
			Some(v) => Cursor::decode(&mut v.value()).map_err(|_| StoreError::Corrupt("cursor")),
			None => Ok(Cursor::default()),
		}
	}

	/// The checkpoints, newest first.
	pub fn checkpoints(&self) -> Result<Vec<Checkpoint>, StoreError> {
		let txn = self.db.begin_read().map_err(db_error)?;
		let table = txn.open_table(CHECKPOINTS).map_err(db_error)?;
		let mut out = Vec::new();
		for entry in table.iter().map_err(db_error)?.rev() {
			let (_, v) = entry.map_err(db_error)?;
			out.push(
				Checkpoint::decode(&mut v.value())
					.map_err(|_| StoreError::Corrupt("checkpoints"))?,
			);
		}
		Ok(out)
	}

	/// Every note found, by position.
	pub fn notes(&self) -> Result<Vec<StoredNote>, StoreError> {
		let txn = self.db.begin_read().map_err(db_error)?;
		let table = txn.open_table(NOTES).map_err(db_error)?;
		let mut out = Vec::new();
		for entry in table.iter().map_err(db_error)? {
			let (_, v) = entry.map_err(db_error)?;
			out.push(StoredNote::decode(&mut v.value()).map_err(|_| StoreError::Corrupt("notes"))?);
		}
		Ok(out)
	}

	/// The wallet's own transfers, oldest first.
	pub fn sent(&self) -> Result<Vec<SentRecord>, StoreError> {
		let txn = self.db.begin_read().map_err(db_error)?;
		let table = txn.open_table(SENT).map_err(db_error)?;
		let mut out = Vec::new();
		for entry in table.iter().map_err(db_error)? {
			let (_, v) = entry.map_err(db_error)?;
			out.push(SentRecord::decode(&mut v.value()).map_err(|_| StoreError::Corrupt("sent"))?);
		}
		Ok(out)
	}

	/// Records the notes found below `scanned`, read at `block`, in one transaction: a sync
	/// interrupted after it resumes at `scanned`.
	pub fn save_page(
		&self,
		notes: &[StoredNote],
		scanned: u64,
		block: BlockRef,
	) -> Result<(), StoreError> {
		let txn = self.db.begin_write().map_err(db_error)?;
		{
			let mut table = txn.open_table(NOTES).map_err(db_error)?;
			for note in notes {
				table.insert(note.position, &note.encode()[..]).map_err(db_error)?;
			}
			let mut meta = txn.open_table(META).map_err(db_error)?;
			let cursor = Cursor { scanned, partial: Some(block) };
			meta.insert("cursor", &cursor.encode()[..]).map_err(db_error)?;
		}
		txn.commit().map_err(db_error)
	}

	/// Ends a sync at `checkpoint`, with the spends it saw (`(position, block)`).
	pub fn finish(&self, checkpoint: Checkpoint, spent: &[(u64, u32)]) -> Result<(), StoreError> {
		let txn = self.db.begin_write().map_err(db_error)?;
		{
			let mut notes = txn.open_table(NOTES).map_err(db_error)?;
			for &(position, block) in spent {
				let bytes = notes.get(position).map_err(db_error)?.map(|v| v.value().to_vec());
				let Some(bytes) = bytes else { continue };
				let mut note = StoredNote::decode(&mut &bytes[..])
					.map_err(|_| StoreError::Corrupt("notes"))?;
				note.spent_at = Some(block);
				notes.insert(position, &note.encode()[..]).map_err(db_error)?;
			}
			let mut checkpoints = txn.open_table(CHECKPOINTS).map_err(db_error)?;
			checkpoints
				.insert(checkpoint.block.number, &checkpoint.encode()[..])
				.map_err(db_error)?;
			while checkpoints.len().map_err(db_error)? > KEPT_CHECKPOINTS as u64 {
				checkpoints.pop_first().map_err(db_error)?;
			}
			let mut meta = txn.open_table(META).map_err(db_error)?;
			let cursor = Cursor { scanned: checkpoint.leaf_count, partial: None };
			meta.insert("cursor", &cursor.encode()[..]).map_err(db_error)?;
		}
		txn.commit().map_err(db_error)
	}

	/// Forgets everything after `base` (everything, if `None`): notes created after it,
	/// spends in later blocks, later checkpoints. What a reorganisation undoes.
	pub fn rewind(&self, base: Option<&Checkpoint>) -> Result<(), StoreError> {
		let (number, leaf_count) = base.map_or((None, 0), |c| (Some(c.block.number), c.leaf_count));
		let txn = self.db.begin_write().map_err(db_error)?;
		{
			let mut notes = txn.open_table(NOTES).map_err(db_error)?;
			notes.retain_in(leaf_count.., |_, _| false).map_err(db_error)?;
			let mut unspent = Vec::new();
			for entry in notes.iter().map_err(db_error)? {
				let (_, v) = entry.map_err(db_error)?;
				let note =
					StoredNote::decode(&mut v.value()).map_err(|_| StoreError::Corrupt("notes"))?;
				if note.spent_at.is_some_and(|s| number.is_none_or(|n| s > n)) {
					unspent.push(StoredNote { spent_at: None, ..note });
				}
			}
			for note in unspent {
				notes.insert(note.position, &note.encode()[..]).map_err(db_error)?;
			}
			let mut checkpoints = txn.open_table(CHECKPOINTS).map_err(db_error)?;
			match number {
				Some(n) => checkpoints.retain_in(n + 1.., |_, _| false),
				None => checkpoints.retain(|_, _| false),
			}
			.map_err(db_error)?;
			let mut meta = txn.open_table(META).map_err(db_error)?;
			let cursor = Cursor { scanned: leaf_count, partial: None };
			meta.insert("cursor", &cursor.encode()[..]).map_err(db_error)?;
		}
		txn.commit().map_err(db_error)
	}

	/// Records a transfer the wallet made.
	pub fn record_sent(&self, record: &SentRecord) -> Result<(), StoreError> {
		let txn = self.db.begin_write().map_err(db_error)?;
		{
			let mut table = txn.open_table(SENT).map_err(db_error)?;
			let next = table.last().map_err(db_error)?.map_or(0, |(k, _)| k.value() + 1);
			table.insert(next, &record.encode()[..]).map_err(db_error)?;
		}
		txn.commit().map_err(db_error)
	}
}

#[cfg(test)]
mod tests {
	use super::*;
	use rand_core::OsRng;
	use sero_crypto::keys::{Seed, SpendingKey};

	fn owner() -> PublicKey {
		SpendingKey::from_seed(&Seed::random(&mut OsRng)).public_key()
	}

	fn note(position: u64, received_at: u32) -> StoredNote {
		StoredNote {
			position,
			pkr: [1; 96],
			asset: [2; 32],
			value: 10,
			ar: [3; 32],
			memo: [0; 64],
			nil: [position as u8; 32],
			received_at,
			spent_at: None,
		}
	}

	fn block(number: u32) -> BlockRef {
		BlockRef { number, hash: [number as u8; 32] }
	}

	#[test]
	fn belongs_to_one_account() {
		let dir = tempfile::tempdir().unwrap();
		let path = dir.path().join("wallet.redb");
		let me = owner();
		drop(Store::open(&path, &me).unwrap());
		assert!(Store::open(&path, &me).is_ok());
		assert!(
			matches!(Store::open(&path, &owner()), Err(StoreError::OtherOwner(pk)) if pk == me.to_string())
		);
	}

	#[test]
	fn pages_finish_and_rewind() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(&dir.path().join("wallet.redb"), &owner()).unwrap();
		store.save_page(&[note(1, 5)], 10, block(5)).unwrap();
		assert_eq!(store.cursor().unwrap(), Cursor { scanned: 10, partial: Some(block(5)) });
		store.finish(Checkpoint { block: block(5), leaf_count: 10 }, &[]).unwrap();
		store.save_page(&[note(12, 7)], 20, block(8)).unwrap();
		store.finish(Checkpoint { block: block(8), leaf_count: 20 }, &[(1, 8)]).unwrap();
		assert_eq!(store.notes().unwrap()[0].spent_at, Some(8));
		assert_eq!(store.checkpoints().unwrap()[0].block, block(8));

		// Back to block 5: the note of block 7 and the spend in block 8 are undone.
		store.rewind(Some(&Checkpoint { block: block(5), leaf_count: 10 })).unwrap();
		assert_eq!(store.notes().unwrap(), vec![note(1, 5)]);
		assert_eq!(store.cursor().unwrap(), Cursor { scanned: 10, partial: None });
		assert_eq!(store.checkpoints().unwrap().len(), 1);

		store.rewind(None).unwrap();
		assert!(store.notes().unwrap().is_empty());
		assert!(store.checkpoints().unwrap().is_empty());
		assert_eq!(store.cursor().unwrap(), Cursor::default());
	}

	#[test]
	fn keeps_a_bounded_number_of_checkpoints() {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(&dir.path().join("wallet.redb"), &owner()).unwrap();
		for n in 0..(KEPT_CHECKPOINTS as u32 + 10) {
			store.finish(Checkpoint { block: block(n), leaf_count: 0 }, &[]).unwrap();
		}
		let kept = store.checkpoints().unwrap();
		assert_eq!(kept.len(), KEPT_CHECKPOINTS);
		assert_eq!(kept[0].block.number, KEPT_CHECKPOINTS as u32 + 9);
	}
}
