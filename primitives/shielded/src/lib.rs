//! The shielded transaction format (SPEC §5).
//!
//! A [`ShieldedTransaction`] spends notes ([`Input`]s, each with its Groth16 proof and
//! spend signature), creates notes ([`Output`]s, each with its proof and encrypted
//! contents), pays a public fee in SERO, and may move one public amount ([`Transparent`]):
//! in from or out to a transparent account (shield and unshield), or to a module of the
//! runtime with a command for it (a share purchase now, a contract call later). It may name
//! a `From` one-time address, its sender, which then signs it: a module paid by the
//! transaction pays back to `From`. A balance signature proves that the commitments add up. Every field is fixed-size or bounded; points are 32-byte
//! Baby Jubjub encodings and field elements 32-byte little-endian integers.
//!
//! Signatures sign [`TransactionBody::signing_hash`], which covers everything but the
//! signatures themselves.
//!
//! [`ShieldedApi`] is what wallets ask the chain.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::vec::Vec;
use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use polkadot_sdk::{sp_core::ConstU32, sp_io::hashing::blake2_256, sp_runtime::BoundedVec};
use scale_info::TypeInfo;

/// The most inputs a transaction may spend.
pub const MAX_INPUTS: u32 = 16;
/// The most outputs a transaction may create.
pub const MAX_OUTPUTS: u32 = 16;
/// The length of a Groth16 proof.
pub const PROOF_BYTES: usize = 128;
/// The length of a note's ciphertext (asset, value, blinding, memo, tag).
pub const CIPHERTEXT_BYTES: usize = 160;

/// The length of a deferred input proof's record (`sero_host`'s
/// `verify_transaction_deferring_proofs`): its circuit's byte, six public inputs, the proof.
pub const DEFERRED_INPUT_PROOF_BYTES: usize = 1 + 6 * 32 + PROOF_BYTES;
/// The length of a deferred output proof's record: its circuit's byte, two public inputs,
/// the proof.
pub const DEFERRED_OUTPUT_PROOF_BYTES: usize = 1 + 2 * 32 + PROOF_BYTES;
/// The most bytes of deferred proofs one transaction has: [`MAX_INPUTS`] inputs,
/// [`MAX_OUTPUTS`] outputs and a package's commitment.
pub const MAX_DEFERRED_PROOF_BYTES: u32 = MAX_INPUTS * DEFERRED_INPUT_PROOF_BYTES as u32
	+ (MAX_OUTPUTS + 1) * DEFERRED_OUTPUT_PROOF_BYTES as u32;
/// The most leaves one query returns ([`ShieldedApi::leaves`], the node's RPC): a wallet's
/// page when it syncs.
pub const LEAVES_PAGE: u32 = 1024;

/// A 32-byte point, field element or id.
pub type Bytes32 = [u8; 32];

/// A 32-byte wire value with a name of its own, so that one kind cannot be passed where
/// another is expected; encoded (SCALE) exactly as its bytes.
macro_rules! bytes32 {
	($(#[$meta:meta])* $name:ident) => {
		$(#[$meta])*
		#[derive(
			Clone,
			Copy,
			PartialEq,
			Eq,
			PartialOrd,
			Ord,
			Hash,
			Default,
			Encode,
			Decode,
			DecodeWithMemTracking,
			TypeInfo,
			MaxEncodedLen,
		)]
		pub struct $name(pub Bytes32);

		impl $name {
			/// The bytes.
			pub const fn to_bytes(self) -> Bytes32 {
				self.0
			}
		}

		impl From<Bytes32> for $name {
			fn from(bytes: Bytes32) -> Self {
				Self(bytes)
			}
		}

		impl From<$name> for Bytes32 {
			fn from(value: $name) -> Self {
				value.0
			}
		}

		impl AsRef<[u8]> for $name {
			fn as_ref(&self) -> &[u8] {
				&self.0
			}
		}

		impl core::fmt::Debug for $name {
			fn fmt(&self, f: &mut core::fmt::Formatter) -> core::fmt::Result {
				write!(f, "{}(0x", stringify!($name))?;
				for byte in self.0 {
					write!(f, "{byte:02x}")?;
				}
				write!(f, ")")
			}
		}
	};
}

bytes32! {
	/// A spent note's nullifier `nil` (SPEC §5): a field element.
	Nullifier
}

bytes32! {
	/// A root of the witness tree an input proves its note under (SPEC §5): a field element.
	Anchor
}

bytes32! {
	/// An asset's id (SPEC §4): a field element, the hash of a token's name or of a ticket's
	/// category and value.
	AssetId
}

bytes32! {
	/// An asset commitment `asset_cm = value·B(id) + ar·G_r` (SPEC §4): a point.
	AssetCommitment
}

bytes32! {
	/// A leaf of the witness tree: a note's commitment to its PKr, `asset_cm` and position
	/// (SPEC §4): a field element.
	Leaf
}

bytes32! {
	/// A package's id (SPEC §6): chosen by its creator, used once.
	PackageId
}

impl From<sero_crypto::asset::AssetId> for AssetId {
	fn from(id: sero_crypto::asset::AssetId) -> Self {
		Self(id.to_bytes())
	}
}
/// A 64-byte Schnorr signature `R ‖ s`.
pub type SignatureBytes = [u8; 64];
/// A one-time address PKr = `ZPKr ‖ VPKr ‖ BASEr`, encoded.
pub type PkrBytes = [u8; 96];
/// The name of a runtime module a transaction pays with a command: its pallet id.
pub type CallTarget = [u8; 8];
/// The longest command a transaction carries for a module.
pub const MAX_COMMAND_BYTES: u32 = 256;
/// The most packages [`ShieldedApi::packages`] returns at once.
pub const PACKAGES_PAGE: u32 = 256;
/// The longest sealed content of a package (`sero_crypto::package::MAX_SEALED_BYTES`: asset,
/// value, blinding, up to 1 KiB of data, the tag).
pub const MAX_SEALED_BYTES: u32 = sero_crypto::package::MAX_SEALED_BYTES as u32;

pub mod note_payer;

macro_rules! codec_type {
	($(#[$meta:meta])* pub struct $name:ident $($rest:tt)*) => {
		$(#[$meta])*
		#[derive(
			Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
		)]
		pub struct $name $($rest)*
	};
	($(#[$meta:meta])* pub enum $name:ident $($rest:tt)*) => {
		$(#[$meta])*
		#[derive(
			Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
		)]
		pub enum $name $($rest)*
	};
}

codec_type! {
	/// The two circuits of SPEC §5 (the key of each verifying key the chain stores).
	#[derive(Copy)]
	pub enum Circuit {
		/// Spends a note.
		Input,
		/// Creates a note.
		Output,
	}
}

impl Circuit {
	/// Both circuits, in the order the development setup makes their keys.
	pub const ALL: [Circuit; 2] = [Circuit::Output, Circuit::Input];

	/// The number of public inputs of the circuit: `anchor`, `nil`, `asset_cm'` (two
	/// coordinates) and `zpka` (two) for an input; `asset_cm` (two) for an output.
	pub const fn public_inputs(self) -> u32 {
		match self {
			Circuit::Input => 6,
			Circuit::Output => 2,
		}
	}

	/// The circuit's name in file names and logs.
	pub const fn name(self) -> &'static str {
		match self {
			Circuit::Output => "output",
			Circuit::Input => "input",
		}
	}
}

/// The longest asset name (SPEC §4: `^[A-Z][A-Z0-9_]{0,31}$`).
pub const MAX_ASSET_NAME_BYTES: u32 = sero_crypto::asset::MAX_NAME_LEN as u32;

codec_type! {
	/// How an asset is held outside the pool.
	#[derive(Copy)]
	pub enum AssetKind {
		/// SERO, in the balances pallet.
		Native,
		/// A token, in the assets pallet under this id.
		Token(u32),
	}
}

/// A registered asset.
#[derive(Clone, PartialEq, Eq, Encode, Decode, TypeInfo, MaxEncodedLen, Debug)]
pub struct AssetInfo {
	/// Its name.
	pub name: BoundedVec<u8, ConstU32<MAX_ASSET_NAME_BYTES>>,
	/// Its base `B(id)`, encoded.
	pub base: Bytes32,
	/// Where its transparent balances live.
	pub kind: AssetKind,
}

codec_type! {
	/// A spent note: the input circuit's public inputs and proof.
	pub struct Input {
		/// A recent root of the witness tree.
		pub anchor: Anchor,
		/// The note's nullifier.
		pub nil: Nullifier,
		/// The re-blinded asset commitment `asset_cm'`.
		pub asset_cm: AssetCommitment,
		/// The randomised spend key; the spend signature verifies under it.
		pub zpka: Bytes32,
		/// The input proof.
		pub proof: [u8; PROOF_BYTES],
	}
}

codec_type! {
	/// A note's contents, encrypted to its owner (and the owner's TK).
	pub struct EncryptedNote {
		/// The ephemeral key `EPK`.
		pub epk: Bytes32,
		/// The ChaCha20-Poly1305 ciphertext.
		pub ciphertext: [u8; CIPHERTEXT_BYTES],
	}
}

codec_type! {
	/// A created note: where it goes, its commitment, its proof and its encrypted contents.
	pub struct Output {
		/// The one-time address PKr = `ZPKr ‖ VPKr ‖ BASEr`.
		pub pkr: [u8; 96],
		/// `asset_cm`.
		pub asset_cm: AssetCommitment,
		/// The output proof.
		pub proof: [u8; PROOF_BYTES],
		/// The encrypted asset, value, blinding and memo.
		pub note: EncryptedNote,
	}
}

codec_type! {
	/// A public amount crossing between a transparent account and the shielded pool.
	pub enum Transparent<AccountId> {
		/// Shield: `value` of `asset` leaves `from`'s balance (`from` signs the extrinsic).
		In {
			/// The paying account.
			from: AccountId,
			/// The asset id.
			asset: AssetId,
			/// The amount.
			value: u128,
		},
		/// Unshield: `value` of `asset` goes to `to`'s balance.
		Out {
			/// The receiving account.
			to: AccountId,
			/// The asset id.
			asset: AssetId,
			/// The amount.
			value: u128,
		},
		/// A public output to a runtime module (SPEC §5): `value` of `asset` is paid to
		/// `target` with `command`, which the module decodes; it answers to the transaction's
		/// `From`, which a call must name.
		Call {
			/// The module.
			target: CallTarget,
			/// The asset id.
			asset: AssetId,
			/// The amount.
			value: u128,
			/// What the module is asked to do, in its own encoding.
			command: BoundedVec<u8, ConstU32<MAX_COMMAND_BYTES>>,
		},
	}
}

codec_type! {
	/// What a transaction does to a package (SPEC §6; go-sero's `PkgCreate`, `PkgTransfer`,
	/// `PkgClose`). At most one per transaction; its fee, anchor and signatures work as for
	/// any transaction.
	pub enum PackageAction {
		/// Seals an amount (and data) into a new package owned by `owner`: `asset_cm` is one
		/// more output of the balance, proven by the output circuit; `sealed` is its content
		/// under a key the creator hands out (`sero_crypto::package`).
		Create {
			/// The package's id, never used before.
			id: PackageId,
			/// Its owner's one-time address.
			owner: PkrBytes,
			/// The commitment to its asset and amount.
			asset_cm: AssetCommitment,
			/// The output proof of `asset_cm`.
			proof: [u8; PROOF_BYTES],
			/// The sealed content.
			sealed: BoundedVec<u8, ConstU32<MAX_SEALED_BYTES>>,
		},
		/// Gives the package to `to`, content and key unchanged. The transaction's `From` is
		/// the package's owner, who signs it.
		Transfer {
			/// The package.
			id: PackageId,
			/// The new owner's one-time address.
			to: PkrBytes,
		},
		/// Turns the package back into notes (go-sero's close): its commitment is one more
		/// input of the balance, which only one who knows its blinding can sign. The
		/// transaction's `From` is the package's owner, who signs it.
		Open {
			/// The package.
			id: PackageId,
		},
	}
}

impl PackageAction {
	/// The package acted on.
	pub fn id(&self) -> PackageId {
		match self {
			PackageAction::Create { id, .. }
			| PackageAction::Transfer { id, .. }
			| PackageAction::Open { id } => *id,
		}
	}
}

codec_type! {
	/// Everything a transaction says, without its signatures.
	pub struct TransactionBody<AccountId> {
		/// The notes spent.
		pub inputs: BoundedVec<Input, ConstU32<MAX_INPUTS>>,
		/// The notes created.
		pub outputs: BoundedVec<Output, ConstU32<MAX_OUTPUTS>>,
		/// The fee in SERO, paid to the block author.
		pub fee: u128,
		/// A public amount to or from a transparent account, or to a module.
		pub transparent: Option<Transparent<AccountId>>,
		/// The one-time address that sends the transaction (SPEC §5, `From`), if it names
		/// one; its owner signs the transaction ([`ShieldedTransaction::from_signature`]).
		pub from: Option<PkrBytes>,
		/// What it does to a package, if anything.
		pub package: Option<PackageAction>,
	}
}

impl<AccountId: Encode> TransactionBody<AccountId> {
	/// What the spend and balance signatures sign.
	pub fn signing_hash(&self) -> Bytes32 {
		let mut data = sero_crypto::constants::TRANSACTION_SIGNING.as_bytes().to_vec();
		self.encode_to(&mut data);
		blake2_256(&data)
	}
}

codec_type! {
	/// A shielded transaction.
	pub struct ShieldedTransaction<AccountId> {
		/// What it does.
		pub body: TransactionBody<AccountId>,
		/// One spend signature per input, by `zskr + a` under the input's `zpka`.
		pub spend_signatures: BoundedVec<SignatureBytes, ConstU32<MAX_INPUTS>>,
		/// The balance signature, by `bsk` under `Σ asset_cm'_in − Σ asset_cm_out ± public`.
		pub balance_signature: SignatureBytes,
		/// With a `From`, its signature: by `zskr` under its `ZPKr`, so nobody but its owner
		/// can send in its name.
		pub from_signature: Option<SignatureBytes>,
	}
}

codec_type! {
	/// A leaf of the witness tree as wallets read it.
	pub struct LeafRecord {
		/// The leaf's position.
		pub position: u64,
		/// The note's one-time address.
		pub pkr: [u8; 96],
		/// The note's commitment.
		pub asset_cm: AssetCommitment,
		/// The note's encrypted contents.
		pub note: EncryptedNote,
	}
}

codec_type! {
	/// A package as the chain keeps it: who owns it, what it commits to, its sealed
	/// content; never removed, so that its id is never used again.
	pub struct PackageRecord<BlockNumber> {
		/// Its owner's one-time address.
		pub owner: PkrBytes,
		/// The commitment to its asset and amount.
		pub asset_cm: AssetCommitment,
		/// Its sealed content.
		pub sealed: BoundedVec<u8, ConstU32<MAX_SEALED_BYTES>>,
		/// The block that created it.
		pub created_at: BlockNumber,
		/// The block that opened it, if it is open (its value is back in notes).
		pub opened_at: Option<BlockNumber>,
	}
}

codec_type! {
	/// The state of the witness tree.
	pub struct TreeState {
		/// The number of leaves.
		pub size: u64,
		/// The root after the last block that appended leaves.
		pub root: Anchor,
	}
}

polkadot_sdk::sp_api::decl_runtime_apis! {
	/// What wallets ask the chain about the shielded pool (version 2 added `spent_at` and
	/// `asset`; version 3, `package` and `packages`).
	#[api_version(3)]
	pub trait ShieldedApi {
		/// The tree's size and current root.
		fn tree_state() -> TreeState;
		/// Up to `limit` leaves from position `from`, in order; at most [`LEAVES_PAGE`].
		fn leaves(from: u64, limit: u32) -> Vec<LeafRecord>;
		/// The siblings of leaf `position`, leaf level first, in the tree of `root`; `None` if
		/// `root` is not a known root or the leaf was not in that tree.
		fn auth_path(position: u64, root: Anchor) -> Option<Vec<Bytes32>>;
		/// Whether a nullifier has been spent.
		fn is_spent(nil: Nullifier) -> bool;
		/// The smallest fee, in SERO's smallest unit, for a transaction of this shape.
		fn minimum_fee(inputs: u32, outputs: u32) -> u128;
		/// The block that spent a nullifier, if it was spent.
		fn spent_at(nil: Nullifier) -> Option<u32>;
		/// A registered asset: its name, base and where its transparent balances live.
		fn asset(id: AssetId) -> Option<AssetInfo>;
		/// A package, by id.
		fn package(id: PackageId) -> Option<PackageRecord<u32>>;
		/// Up to `limit` packages (at most [`PACKAGES_PAGE`]) in the order they were created,
		/// from the `from`-th on, with their ids.
		fn packages(from: u32, limit: u32) -> Vec<(PackageId, PackageRecord<u32>)>;
	}
}
