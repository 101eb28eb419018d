//! Packages from the wallet (SPEC §6): the orders that create, transfer and open one (sent
//! like any spend, with [`crate::spend::Wallet::spend`]), the packages an account owns,
//! and a package read with its key.
//!
//! The key is random and the creator hands it out: the owner's keys (and its TK) find the
//! package, not its content. A key holder checks the content against the package's
//! commitment before relying on it ([`read`]).

use crate::{
	chain::{ChainError, Package, Pool},
	transfer::{Order, Recipient},
};
use rand_core::{CryptoRng, RngCore};
use sero_crypto::{
	asset::AssetId,
	keys::{OneTimeAddress, SpendingKey, TracingKey},
	package::{self, PackageContent},
};
use sero_shielded_builder::Sender;
use sero_shielded_primitives::{PackageId, PACKAGES_PAGE};

/// Why a package cannot be read or acted on.
#[derive(Debug, thiserror::Error)]
pub enum PackageError {
	/// The node could not answer.
	#[error(transparent)]
	Chain(#[from] ChainError),
	/// No package has this id.
	#[error("no package has the id 0x{}", hex::encode(.0.0))]
	Unknown(PackageId),
	/// The package was opened already.
	#[error("package 0x{} is open already", hex::encode(.0.0))]
	Opened(PackageId),
	/// The key does not open the package's content.
	#[error("this key does not open package 0x{}", hex::encode(.0.0))]
	WrongKey(PackageId),
	/// The content opens, but not the package's commitment: its creator sealed something
	/// other than what it holds.
	#[error("package 0x{}'s content does not match what it holds: do not rely on it", hex::encode(.0.0))]
	Mismatch(PackageId),
	/// The package belongs to another account.
	#[error("package 0x{} is not this wallet's", hex::encode(.0.0))]
	NotOwned(PackageId),
}

/// A new package's id and key, random.
pub fn fresh(rng: &mut (impl RngCore + CryptoRng)) -> (PackageId, [u8; 32]) {
	let (mut id, mut key) = ([0u8; 32], [0u8; 32]);
	rng.fill_bytes(&mut id);
	rng.fill_bytes(&mut key);
	(PackageId(id), key)
}

/// The order sealing `value` of `asset` and `data` into a new package `id` owned by
/// `owner`, under `key`.
pub fn create_order(
	asset: AssetId,
	value: u128,
	data: Vec<u8>,
	owner: OneTimeAddress,
	(id, key): (PackageId, [u8; 32]),
) -> Order {
	Order { asset, value, recipient: Recipient::Package { id, owner, key, data } }
}

/// Every package ever created, at block `at`, oldest first.
pub fn all(chain: &impl Pool, at: [u8; 32]) -> Result<Vec<(PackageId, Package)>, ChainError> {
	let mut found = Vec::new();
	loop {
		let page = chain.packages(found.len() as u32, PACKAGES_PAGE, at)?;
		let full = page.len() == PACKAGES_PAGE as usize;
		found.extend(page);
		if !full {
			return Ok(found);
		}
	}
}

/// The packages not yet open whose owner is a one-time address of `tk`'s account.
pub fn owned(
	chain: &impl Pool,
	tk: &TracingKey,
	at: [u8; 32],
) -> Result<Vec<(PackageId, Package)>, ChainError> {
	let mut mine = all(chain, at)?;
	mine.retain(|(_, package)| {
		package.opened_at.is_none()
			&& OneTimeAddress::from_bytes(&package.owner).is_some_and(|pkr| tk.owns(&pkr))
	});
	Ok(mine)
}

/// The package `id` and its content, read with `key` at block `at`, checked against the
/// package's commitment.
pub fn read(
	chain: &impl Pool,
	id: PackageId,
	key: &[u8; 32],
	at: [u8; 32],
) -> Result<(Package, PackageContent), PackageError> {
	let record = chain.package(id, at)?.ok_or(PackageError::Unknown(id))?;
	let content = package::open(key, &id.0, &record.sealed).ok_or(PackageError::WrongKey(id))?;
	if !content.matches(&record.asset_cm.0) {
		return Err(PackageError::Mismatch(id));
	}
	Ok((record, content))
}

/// The owner of the package `record` as a sender: one of `sk`'s one-time addresses, with
/// its secrets.
fn owner(sk: &SpendingKey, id: PackageId, record: &Package) -> Result<Sender, PackageError> {
	if record.opened_at.is_some() {
		return Err(PackageError::Opened(id));
	}
	let pkr = OneTimeAddress::from_bytes(&record.owner).ok_or(PackageError::NotOwned(id))?;
	let secret = sk.one_time_secret(&pkr).ok_or(PackageError::NotOwned(id))?;
	Ok(Sender { pkr, secret })
}

/// The order giving the package `id`, which `sk`'s account owns, to `to`.
pub fn transfer_order(
	chain: &impl Pool,
	sk: &SpendingKey,
	id: PackageId,
	to: OneTimeAddress,
	at: [u8; 32],
) -> Result<Order, PackageError> {
	let record = chain.package(id, at)?.ok_or(PackageError::Unknown(id))?;
	let owner = owner(sk, id, &record)?;
	Ok(Order {
		asset: AssetId::native(),
		value: 0,
		recipient: Recipient::PackageTransfer { id, to, owner },
	})
}

/// The order opening the package `id`, which `sk`'s account owns, with its `key`: its
/// value comes back into the wallet's notes.
pub fn open_order(
	chain: &impl Pool,
	sk: &SpendingKey,
	id: PackageId,
	key: &[u8; 32],
	at: [u8; 32],
) -> Result<(Order, PackageContent), PackageError> {
	let (record, content) = read(chain, id, key, at)?;
	let owner = owner(sk, id, &record)?;
	let order = Order {
		asset: AssetId::native(),
		value: 0,
		recipient: Recipient::PackageOpen { id, content: content.clone(), owner },
	};
	Ok((order, content))
}
