//! Finding the account's notes: every leaf is tried with the tracing key; the owned ones are
//! decrypted, and their nullifiers looked up.

use crate::rpc::{Rpc, RpcError};
use serde_json::{json, Value};
use sero_crypto::{
	keys::{OneTimeAddress, SpendingKey},
	note,
	note_encryption::{self, EncryptedNote},
	point,
	tree::{AuthPath, DEPTH},
	Base,
};
use sero_shielded_primitives::builder::OwnedNote;

/// Leaves asked for per call.
const PAGE: u64 = 1024;

/// A note of the account.
#[derive(Clone, Debug)]
pub struct WalletNote {
	/// Its position in the tree.
	pub position: u64,
	/// Its contents and secrets.
	pub note: OwnedNote,
	/// Whether the chain has seen its nullifier.
	pub spent: bool,
}

/// Why scanning failed.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
	/// The node could not answer.
	#[error(transparent)]
	Rpc(#[from] RpcError),
	/// The node sent something that is not a leaf.
	#[error("malformed answer from the node: {0}")]
	Malformed(String),
}

fn bytes(value: &Value, what: &str) -> Result<Vec<u8>, ScanError> {
	let text = value.as_str().ok_or_else(|| ScanError::Malformed(format!("{what}: {value}")))?;
	hex::decode(text.trim_start_matches("0x"))
		.map_err(|e| ScanError::Malformed(format!("{what}: {e}")))
}

fn array<const N: usize>(value: &Value, what: &str) -> Result<[u8; N], ScanError> {
	bytes(value, what)?
		.try_into()
		.map_err(|_| ScanError::Malformed(format!("{what}: not {N} bytes")))
}

/// Every note of `account` in the tree, spent or not. `progress` is told (done, total).
pub fn scan(
	rpc: &Rpc,
	account: &SpendingKey,
	mut progress: impl FnMut(u64, u64),
) -> Result<Vec<WalletNote>, ScanError> {
	let tk = account.tracing_key();
	let size = rpc.call("shielded_treeState", json!([]))?["leafCount"]
		.as_u64()
		.ok_or_else(|| ScanError::Malformed("treeState without leafCount".into()))?;
	let mut notes = Vec::new();
	let mut from = 0;
	while from < size {
		let leaves = rpc.call("shielded_leaves", json!([from, PAGE]))?;
		let leaves = leaves.as_array().ok_or_else(|| ScanError::Malformed("leaves".into()))?;
		if leaves.is_empty() {
			break;
		}
		for leaf in leaves {
			let position =
				leaf["position"].as_u64().ok_or_else(|| ScanError::Malformed("position".into()))?;
			let Some(pkr) = OneTimeAddress::from_bytes(&array(&leaf["pkr"], "pkr")?) else {
				continue;
			};
			if !tk.owns(&pkr) {
				continue;
			}
			let secret = account.one_time_secret(&pkr).expect("owned");
			let sealed = EncryptedNote {
				epk: array(&leaf["epk"], "epk")?,
				ciphertext: array(&leaf["ciphertext"], "ciphertext")?,
			};
			let Some(plain) = note_encryption::decrypt(secret.vskr(), &sealed) else { continue };
			let Some(asset_cm) = point::decode(&array(&leaf["assetCm"], "assetCm")?) else {
				continue;
			};
			let nil = note::nil(secret.vskr(), note::leaf(&pkr, &asset_cm), position);
			let owned =
				OwnedNote { pkr, secret, asset: plain.asset, value: plain.value, ar: plain.ar };
			// A note whose contents do not open its commitment cannot be spent: skip it.
			if owned.asset_cm() != Some(asset_cm) {
				continue;
			}
			let nil_hex = format!("0x{}", hex::encode(sero_crypto::base_to_bytes(&nil)));
			let spent = rpc.call("shielded_isSpent", json!([nil_hex]))?.as_bool().unwrap_or(false);
			notes.push(WalletNote { position, note: owned, spent });
		}
		from += leaves.len() as u64;
		progress(from.min(size), size);
	}
	Ok(notes)
}

/// The path of `position` under the tree's current root.
pub fn auth_path(rpc: &Rpc, position: u64) -> Result<AuthPath, ScanError> {
	let root = rpc.call("shielded_treeState", json!([]))?["root"].clone();
	let siblings = rpc.call("shielded_authPath", json!([position, root]))?;
	let siblings = siblings
		.as_array()
		.ok_or_else(|| ScanError::Malformed(format!("no path for leaf {position}")))?;
	if siblings.len() != DEPTH {
		return Err(ScanError::Malformed(format!("a path has {DEPTH} siblings")));
	}
	let mut path = AuthPath { position, siblings: [Base::from(0u64); DEPTH] };
	for (slot, sibling) in path.siblings.iter_mut().zip(siblings) {
		*slot = sero_crypto::base_from_bytes(&array(sibling, "sibling")?)
			.ok_or_else(|| ScanError::Malformed("sibling out of range".into()))?;
	}
	Ok(path)
}
