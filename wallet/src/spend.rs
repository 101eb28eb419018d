//! Spending and shielding from start to end, over any node ([`Pool`]): sync, check the
//! asset, choose the notes and the fee, prove, send with recovery ([`crate::send`]),
//! record the send in the database, sync again. `sero-wallet send`, `unshield` and
//! `shares buy --private` are [`Wallet::spend`] with different recipients; `shield` is
//! [`shield`]. The command line only parses arguments and renders what these return and
//! report.

use crate::{
	chain::{BlockRef, Pool},
	send::{self, Sent},
	store::{self, SentRecord, Store, StoreError, StoredNote, TransferKind},
	sync::{self, Report, SyncError},
	transfer::{self, Order, Plan, Recipient, Transaction, TransferError},
};
use polkadot_sdk::sp_core::{crypto::AccountId32, sr25519, Pair};
use sero_crypto::{
	asset::AssetId,
	keys::{PublicKey, SpendingKey},
	note_encryption::MEMO_BYTES,
};
use sero_zk::setup::Keys;
use std::time::Duration;

/// Why a spend or a shield failed.
#[derive(Debug, thiserror::Error)]
pub enum SpendError {
	/// Building, submitting or including the transaction failed.
	#[error(transparent)]
	Transfer(#[from] TransferError),
	/// Syncing failed.
	#[error("sync: {0}")]
	Sync(#[from] SyncError),
	/// The database failed.
	#[error(transparent)]
	Store(#[from] StoreError),
	/// No token of this id is registered on the chain, nor a ticket allotted.
	#[error("no token or ticket has the asset id 0x{} on this chain", hex::encode(.0.to_bytes()))]
	UnknownAsset(AssetId),
	/// The paying account holds less than a shield moves.
	#[error("{account} holds {have}, less than the {need} to shield (plus the transaction fee)")]
	TransparentFundsLow {
		/// The account.
		account: AccountId32,
		/// Its free balance.
		have: u128,
		/// The value to shield.
		need: u128,
	},
}

/// What a spend or a shield tells its caller as it goes.
#[derive(Debug)]
pub enum Progress<'a> {
	/// A sync is under way.
	Syncing(sync::Progress),
	/// A sync ended.
	Synced(&'a Report),
	/// Proving begins: `inputs` notes spent, `outputs` created, for `fee`.
	Proving {
		/// Notes spent.
		inputs: usize,
		/// Notes created.
		outputs: usize,
		/// The fee, in SERO.
		fee: u128,
	},
	/// The send goes on.
	Sending(send::Progress<'a>),
}

/// A spend a block included.
#[derive(Clone, Debug)]
pub struct Spent {
	/// The send: its extrinsic, block, plan, attempts and times.
	pub sent: Sent,
	/// The wallet's balance of the asset after it, as far as the wallet has synced.
	pub balance: u128,
}

/// An account that spends: its node, database, keys, and where it reports progress.
pub struct Wallet<'a, P> {
	/// The node.
	pub chain: &'a P,
	/// The database of the account's notes.
	pub store: &'a Store,
	/// The account's spending key.
	pub sk: &'a SpendingKey,
	/// The proving keys.
	pub keys: &'a Keys,
	/// Whether to sync before and after a spend (`--no-sync` turns it off; a spend refused
	/// for a note already spent syncs anyway).
	pub sync: bool,
	/// Told how the work goes.
	pub progress: &'a dyn Fn(Progress<'_>),
}

impl<P: Pool> Wallet<'_, P> {
	/// Brings the database up to the best block.
	pub fn sync_now(&self) -> Result<Report, SpendError> {
		let tk = self.sk.tracing_key();
		let report = sync::sync(self.chain, self.store, &tk, &mut |p| {
			(self.progress)(Progress::Syncing(p))
		})?;
		(self.progress)(Progress::Synced(&report));
		Ok(report)
	}

	/// Syncs unless syncing is off.
	fn sync_if_on(&self) -> Result<(), SpendError> {
		if self.sync {
			self.sync_now()?;
		}
		Ok(())
	}

	/// The notes and fee for `order`, and its transaction proven at block `at`, from the
	/// notes the database holds unspent.
	pub fn prepare(&self, order: &Order, at: BlockRef) -> Result<(Plan, Transaction), SpendError> {
		let unspent: Vec<StoredNote> =
			self.store.notes()?.into_iter().filter(|n| n.spent_at.is_none()).collect();
		let plan = match &order.recipient {
			Recipient::PackageOpen { .. } => {
				transfer::plan_open(self.chain, at, &unspent, &order.recipient)?
			},
			_ => transfer::plan(
				self.chain,
				at,
				&unspent,
				order.asset,
				order.value,
				&order.recipient,
			)?,
		};
		(self.progress)(Progress::Proving {
			inputs: plan.inputs.len(),
			outputs: usize::from(order.recipient.is_note()) + plan.change.len(),
			fee: plan.fee,
		});
		let tx = transfer::build(self.keys, self.chain, self.sk, at, &plan, order)?;
		Ok((plan, tx))
	}

	/// Sends `order` (after a sync, if on): checks that its asset is registered, proves,
	/// submits and waits at most `timeout` for each attempt's inclusion, rebuilding after a
	/// stale view; records the send (with `counterparty`, as history shows it) and syncs
	/// again, if on.
	pub fn spend(
		&self,
		order: &Order,
		counterparty: &str,
		timeout: Duration,
	) -> Result<Spent, SpendError> {
		self.sync_if_on()?;
		check_known(self.chain, order.asset, self.chain.best().map_err(TransferError::from)?)?;
		let sent = send::send(
			self.chain,
			timeout,
			|at| {
				let (plan, tx) = self.prepare(order, at)?;
				Ok(send::Built { extrinsic: transfer::bare_extrinsic(tx), plan })
			},
			|| self.sync_now().map(drop),
			|p| (self.progress)(Progress::Sending(p)),
		)?;
		self.store.record_sent(&SentRecord {
			kind: match order.recipient {
				Recipient::Shielded { .. } | Recipient::ToPkr { .. } => TransferKind::Send,
				Recipient::Transparent(_) => TransferKind::Unshield,
				Recipient::Module { .. } => TransferKind::Call,
				Recipient::Package { .. }
				| Recipient::PackageTransfer { .. }
				| Recipient::PackageOpen { .. } => TransferKind::Package,
			},
			extrinsic: sent.hash,
			block: sent.block,
			counterparty: counterparty.to_string(),
			asset: order.asset.to_bytes(),
			value: order.value,
			fee: sent.plan.fee,
			memo: order
				.recipient
				.memo()
				.map(|m| transfer::memo_text(m).into_bytes())
				.unwrap_or_default(),
		})?;
		self.sync_if_on()?;
		let balance = store::balances(&self.store.notes()?)
			.get(&order.asset.to_bytes())
			.copied()
			.unwrap_or(0);
		Ok(Spent { sent, balance })
	}
}

/// An error unless `asset` is SERO, a token registered or a ticket allotted at block `at`.
pub fn check_known(chain: &impl Pool, asset: AssetId, at: BlockRef) -> Result<(), SpendError> {
	if asset == AssetId::native() {
		return Ok(());
	}
	let known = |found: Result<bool, _>| found.map_err(TransferError::from);
	if known(chain.asset(asset.into(), at.hash).map(|a| a.is_some()))?
		|| known(chain.ticket(asset.into(), at.hash).map(|t| t.is_some()))?
	{
		return Ok(());
	}
	Err(SpendError::UnknownAsset(asset))
}

/// What a shield moves: `value` of `asset` into a fresh note of `to`, with `memo`.
#[derive(Clone, Debug)]
pub struct ShieldOrder {
	/// The asset.
	pub asset: AssetId,
	/// The amount.
	pub value: u128,
	/// The account whose note receives it.
	pub to: PublicKey,
	/// The note's memo.
	pub memo: [u8; MEMO_BYTES],
}

/// A shield a block included.
#[derive(Clone, Copy, Debug)]
pub struct Shielded {
	/// The extrinsic's hash.
	pub hash: [u8; 32],
	/// The block that included it.
	pub block: BlockRef,
}

/// Shields `order` from `payer`'s account: checks the asset and (for SERO) the payer's
/// free balance, proves the note, submits the extrinsic `payer` signs, waits at most
/// `timeout` for a block to include it, and records it in `store`.
pub fn shield(
	chain: &impl Pool,
	store: &Store,
	keys: &Keys,
	payer: &sr25519::Pair,
	order: &ShieldOrder,
	timeout: Duration,
	progress: &dyn Fn(Progress<'_>),
) -> Result<Shielded, SpendError> {
	let account: AccountId32 = payer.public().into();
	let best = chain.best().map_err(TransferError::from)?;
	if order.asset == AssetId::native() {
		let have = chain.free_balance(&account, best.hash).map_err(TransferError::from)?;
		if have < order.value {
			return Err(SpendError::TransparentFundsLow { account, have, need: order.value });
		}
	} else if chain.asset(order.asset.into(), best.hash).map_err(TransferError::from)?.is_none() {
		// Tickets live only in the pool: none can be shielded.
		return Err(SpendError::UnknownAsset(order.asset));
	}
	progress(Progress::Proving { inputs: 0, outputs: 1, fee: 0 });
	let tx =
		transfer::build_shield(keys, &order.to, &account, order.asset, order.value, order.memo)?;
	let extrinsic = transfer::signed_shield(chain, payer, best, tx).map_err(TransferError::from)?;
	let hash = transfer::submit(chain, &extrinsic)?;
	progress(Progress::Sending(send::Progress::Submitted { attempt: 1, hash }));
	let block = transfer::wait_for_inclusion(chain, hash, best.number, timeout)?;
	store.record_sent(&SentRecord {
		kind: TransferKind::Shield,
		extrinsic: hash,
		block,
		counterparty: polkadot_sdk::sp_core::crypto::Ss58Codec::to_ss58check(&account),
		asset: order.asset.to_bytes(),
		value: order.value,
		fee: 0,
		memo: transfer::memo_text(&order.memo).into_bytes(),
	})?;
	Ok(Shielded { hash, block })
}

#[cfg(test)]
mod tests {
	use super::*;
	use crate::{
		chain::Chain,
		select::SelectError,
		testing::{fee, Ledger},
	};
	use rand_core::OsRng;
	use sero_crypto::keys::Seed;

	fn keys() -> Keys {
		sero_zk::setup::dev_keys(&sero_zk::setup::default_dir()).expect("the development keys")
	}

	fn account() -> SpendingKey {
		SpendingKey::from_seed(&Seed::random(&mut OsRng))
	}

	/// An account's database in a temporary directory.
	struct Db {
		_dir: tempfile::TempDir,
		store: Store,
	}

	fn db(pk: &PublicKey) -> Db {
		let dir = tempfile::tempdir().unwrap();
		let store = Store::open(&dir.path().join("wallet.redb"), pk).unwrap();
		Db { _dir: dir, store }
	}

	fn unspent(store: &Store) -> Vec<u128> {
		store.notes().unwrap().iter().filter(|n| n.spent_at.is_none()).map(|n| n.value).collect()
	}

	fn pay(to: &PublicKey, value: u128, memo: &str) -> Order {
		Order {
			asset: AssetId::native(),
			value,
			recipient: Recipient::Shielded { to: to.clone(), memo: transfer::memo(memo).unwrap() },
		}
	}

	#[test]
	fn a_spend_pays_the_receiver_records_the_send_and_reports_the_balance_left() {
		let keys = keys();
		let (me, them) = (account(), account());
		let ledger = Ledger::new();
		ledger.pay(&me.public_key(), &[(AssetId::native(), 30), (AssetId::native(), 12)]);
		let mine = db(&me.public_key());
		let proving = std::cell::Cell::new(0);
		let progress = |p: Progress<'_>| {
			if matches!(p, Progress::Proving { .. }) {
				proving.set(proving.get() + 1);
			}
		};
		let wallet = Wallet {
			chain: &ledger,
			store: &mine.store,
			sk: &me,
			keys: &keys,
			sync: true,
			progress: &progress,
		};

		let spent = wallet
			.spend(&pay(&them.public_key(), 25, "rent"), "them", Duration::from_secs(5))
			.unwrap();
		// The fee is what the chain asks for the transaction's shape (a note to them, change).
		let inputs = spent.sent.plan.inputs.len() as u32;
		assert_eq!(spent.sent.plan.fee, fee(inputs, 2));
		assert_eq!(spent.balance, 42 - 25 - spent.sent.plan.fee);
		assert_eq!(unspent(&mine.store).iter().sum::<u128>(), spent.balance);
		assert_eq!((spent.sent.attempts, proving.get()), (1, 1));
		let sent = mine.store.sent().unwrap();
		assert_eq!(sent.len(), 1);
		assert_eq!(
			(sent[0].kind, sent[0].value, sent[0].fee),
			(TransferKind::Send, 25, spent.sent.plan.fee)
		);
		assert_eq!((sent[0].counterparty.as_str(), sent[0].block), ("them", spent.sent.block));
		assert_eq!(sent[0].memo, b"rent");

		// The receiver finds the note, with its memo.
		let theirs = db(&them.public_key());
		sync::sync(&ledger, &theirs.store, &them.tracing_key(), &mut |_| {}).unwrap();
		let notes = theirs.store.notes().unwrap();
		assert_eq!(notes.iter().map(|n| n.value).collect::<Vec<_>>(), vec![25]);
		assert_eq!(transfer::memo_text(&notes[0].memo), "rent");
	}

	#[test]
	fn a_note_spent_meanwhile_is_synced_away_and_the_spend_rebuilt_from_the_others() {
		let keys = keys();
		let (me, them) = (account(), account());
		let ledger = Ledger::new();
		ledger.pay(&me.public_key(), &[(AssetId::native(), 50)]);
		ledger.pay(&me.public_key(), &[(AssetId::native(), 20)]);
		let mine = db(&me.public_key());
		let retried = std::cell::Cell::new(false);
		let progress = |p: Progress<'_>| {
			if let Progress::Sending(send::Progress::Retrying { resync, .. }) = p {
				retried.set(resync);
			}
		};
		let wallet = Wallet {
			chain: &ledger,
			store: &mine.store,
			sk: &me,
			keys: &keys,
			sync: true,
			progress: &progress,
		};
		wallet.sync_now().unwrap();
		// Another device of the same account spends the 50 while this one proves with it.
		let fifty = mine.store.notes().unwrap().into_iter().find(|n| n.value == 50).unwrap();
		ledger.spend_before_next_submission(fifty.nil);

		let spent =
			wallet.spend(&pay(&them.public_key(), 10, ""), "them", Duration::from_secs(5)).unwrap();
		assert_eq!(spent.sent.attempts, 2);
		assert_eq!(spent.sent.refusals.len(), 1);
		assert!(retried.get(), "the retry synced first");
		assert_eq!(spent.sent.plan.inputs.iter().map(|n| n.value).collect::<Vec<_>>(), vec![20]);
		assert_eq!(spent.balance, 20 - 10 - spent.sent.plan.fee);
		assert_eq!(ledger.submissions(), 2);
	}

	#[test]
	fn a_spend_of_an_unregistered_token_or_beyond_the_balance_submits_nothing() {
		let keys = keys();
		let (me, them) = (account(), account());
		let ledger = Ledger::new();
		ledger.pay(&me.public_key(), &[(AssetId::native(), 9)]);
		let mine = db(&me.public_key());
		let wallet = Wallet {
			chain: &ledger,
			store: &mine.store,
			sk: &me,
			keys: &keys,
			sync: true,
			progress: &|_| {},
		};
		let token = AssetId::token(b"GOLD").unwrap();
		let order = Order { asset: token, ..pay(&them.public_key(), 1, "") };
		assert!(matches!(
			wallet.spend(&order, "them", Duration::from_secs(5)),
			Err(SpendError::UnknownAsset(id)) if id == token
		));
		// Registered, it is known: the wallet just holds none of it.
		ledger.register(token, "GOLD");
		assert!(matches!(
			wallet.spend(&order, "them", Duration::from_secs(5)),
			Err(SpendError::Transfer(TransferError::Select(SelectError::InsufficientFunds { .. })))
		));
		// 9 cannot pay 8 and a fee of 3.
		assert!(matches!(
			wallet.spend(&pay(&them.public_key(), 8, ""), "them", Duration::from_secs(5)),
			Err(SpendError::Transfer(TransferError::Select(SelectError::InsufficientFunds { .. })))
		));
		assert_eq!(ledger.submissions(), 0);
		assert_eq!(unspent(&mine.store), vec![9]);
		assert!(mine.store.sent().unwrap().is_empty());
	}

	#[test]
	fn a_ticket_moves_as_one_note_of_value_1_the_fee_paid_in_sero() {
		let keys = keys();
		let (me, them) = (account(), account());
		let ledger = Ledger::new();
		let ticket = ledger.allot(b"CINEMA", [7; 32], b"row 4");
		ledger.pay(&me.public_key(), &[(ticket, 1), (AssetId::native(), 10)]);
		let mine = db(&me.public_key());
		let wallet = Wallet {
			chain: &ledger,
			store: &mine.store,
			sk: &me,
			keys: &keys,
			sync: true,
			progress: &|_| {},
		};
		let order = Order { asset: ticket, ..pay(&them.public_key(), 1, "") };
		let spent = wallet.spend(&order, "them", Duration::from_secs(5)).unwrap();
		assert_eq!(spent.balance, 0);
		// The ticket's note and the SERO note in; the ticket and SERO change out.
		assert_eq!(spent.sent.plan.fee, fee(2, 2));
		assert_eq!(unspent(&mine.store), vec![10 - fee(2, 2)]);
		let theirs = db(&them.public_key());
		sync::sync(&ledger, &theirs.store, &them.tracing_key(), &mut |_| {}).unwrap();
		let notes = theirs.store.notes().unwrap();
		assert_eq!(
			notes.iter().map(|n| (n.asset, n.value)).collect::<Vec<_>>(),
			vec![(ticket.to_bytes(), 1)]
		);
		// A ticket is not shielded.
		let alice = sr25519::Pair::from_string("//Alice", None).unwrap();
		let order =
			ShieldOrder { asset: ticket, value: 1, to: me.public_key(), memo: [0; MEMO_BYTES] };
		assert!(matches!(
			shield(&ledger, &mine.store, &keys, &alice, &order, Duration::from_secs(5), &|_| {}),
			Err(SpendError::UnknownAsset(id)) if id == ticket
		));
	}

	#[test]
	fn a_package_is_created_given_read_with_its_key_and_opened_by_its_new_owner() {
		use crate::package::{self, PackageError};
		let keys = keys();
		let (ann, ben) = (account(), account());
		let ledger = Ledger::new();
		ledger.pay(&ann.public_key(), &[(AssetId::native(), 40), (AssetId::native(), 30)]);
		let (anns, bens) = (db(&ann.public_key()), db(&ben.public_key()));
		let wallet = |sk, store| Wallet {
			chain: &ledger,
			store,
			sk,
			keys: &keys,
			sync: true,
			progress: &|_| {},
		};
		let timeout = Duration::from_secs(5);
		let best = || ledger.best().unwrap().hash;

		// Ann seals 25 SERO and a message into a package of her own.
		let (id, key) = package::fresh(&mut OsRng);
		let order = package::create_order(
			AssetId::native(),
			25,
			b"hello".to_vec(),
			ann.public_key().one_time_address(&mut OsRng),
			(id, key),
		);
		let created = wallet(&ann, &anns.store).spend(&order, "package", timeout).unwrap();
		let fee = created.sent.plan.fee;
		assert_eq!(fee, fee_of(created.sent.plan.inputs.len(), 2), "change and the package");
		assert_eq!(created.balance, 70 - 25 - fee);
		let owned = package::owned(&ledger, &ann.tracing_key(), best()).unwrap();
		assert_eq!(owned.iter().map(|(i, _)| *i).collect::<Vec<_>>(), vec![id]);
		assert!(package::owned(&ledger, &ben.tracing_key(), best()).unwrap().is_empty());

		// She gives it to Ben (the fee from her notes).
		let to = ben.public_key().one_time_address(&mut OsRng);
		let order = package::transfer_order(&ledger, &ann, id, to, best()).unwrap();
		let given = wallet(&ann, &anns.store).spend(&order, "package", timeout).unwrap();
		assert_eq!(given.balance, 70 - 25 - fee - given.sent.plan.fee);
		assert!(package::owned(&ledger, &ann.tracing_key(), best()).unwrap().is_empty());
		assert!(matches!(
			package::transfer_order(&ledger, &ann, id, to, best()),
			Err(PackageError::NotOwned(_))
		));

		// Anyone with the key reads it; a wrong key reads nothing.
		let (_, content) = package::read(&ledger, id, &key, best()).unwrap();
		assert_eq!((content.value, content.data.as_slice()), (25, &b"hello"[..]));
		assert!(matches!(
			package::read(&ledger, id, &[0; 32], best()),
			Err(PackageError::WrongKey(_))
		));

		// Ben, who holds no note, opens it: its value pays the fee, the rest is his.
		let (order, _) = package::open_order(&ledger, &ben, id, &key, best()).unwrap();
		let opened = wallet(&ben, &bens.store).spend(&order, "package", timeout).unwrap();
		assert!(opened.sent.plan.inputs.is_empty());
		assert_eq!(opened.balance, 25 - fee_of(0, 1));
		assert!(matches!(
			package::open_order(&ledger, &ben, id, &key, best()),
			Err(PackageError::Opened(_))
		));
	}

	fn fee_of(inputs: usize, outputs: usize) -> u128 {
		fee(inputs as u32, outputs as u32)
	}

	#[test]
	fn a_shield_checks_the_payers_balance_then_pays_a_note_of_the_wallets() {
		let keys = keys();
		let me = account();
		let ledger = Ledger::new();
		let alice = sr25519::Pair::from_string("//Alice", None).unwrap();
		ledger.fund(&alice.public().into(), 4);
		let mine = db(&me.public_key());
		let order = ShieldOrder {
			asset: AssetId::native(),
			value: 5,
			to: me.public_key(),
			memo: [0; MEMO_BYTES],
		};
		let timeout = Duration::from_secs(5);

		assert!(matches!(
			shield(&ledger, &mine.store, &keys, &alice, &order, timeout, &|_| {}),
			Err(SpendError::TransparentFundsLow { have: 4, need: 5, .. })
		));
		assert_eq!(ledger.submissions(), 0);

		ledger.fund(&alice.public().into(), 7);
		let shielded =
			shield(&ledger, &mine.store, &keys, &alice, &order, timeout, &|_| {}).unwrap();
		assert_eq!(shielded.block, ledger.best().unwrap());
		sync::sync(&ledger, &mine.store, &me.tracing_key(), &mut |_| {}).unwrap();
		assert_eq!(unspent(&mine.store), vec![5]);
		assert_eq!(ledger.free_balance(&alice.public().into(), shielded.block.hash).unwrap(), 2);
		assert_eq!(mine.store.sent().unwrap()[0].kind, TransferKind::Shield);
	}
}
