//! Building and proving shielded transactions (SPEC §5), prover side: wallets, tests and
//! fixtures. The wire format is `sero-shielded-primitives`'.
//!
//! [`build`] takes the notes to spend (with their paths), the payments to make, the fee and
//! an optional transparent flow; checks that every asset balances; proves every input and
//! output in parallel; and signs: one spend signature per input with `zskr + a`, the
//! balance signature with `bsk = Σ (ar_in + δ) − Σ ar_out`, and, for a transaction that
//! names a `From` ([`Sender`], [`build_from`]), the `From` signature with its `zskr`.
//! [`build_package`] builds a transaction that creates, transfers or opens a package
//! (SPEC §6): a created package's commitment is proven as an output and its content sealed
//! (`sero_crypto::package`); an opened package's blinding joins the balance signature's key.

use ark_ff::Zero;
use codec::Encode;
use polkadot_sdk::sp_runtime::BoundedVec;
use rand_core::{CryptoRng, RngCore};
use sero_crypto::{
	asset::{self, AssetId},
	base_to_bytes,
	keys::{OneTimeAddress, OneTimeSecret},
	note_encryption::{self, NotePlaintext, MEMO_BYTES},
	package::{self, PackageContent},
	point, schnorr,
	tree::AuthPath,
	Point, Scalar,
};
use sero_groth16::proof_to_bytes;
use sero_shielded_primitives::{
	Anchor, AssetCommitment, EncryptedNote, Input, Nullifier, Output, PackageAction, PackageId,
	ShieldedTransaction, TransactionBody, Transparent, CIPHERTEXT_BYTES,
};
use sero_zk::{
	input::InputWitness,
	output::OutputWitness,
	prover::{self, ProveError},
	setup::Keys,
};
use std::collections::BTreeMap;

/// A note the spender owns, as its wallet knows it.
#[derive(Clone, Debug)]
pub struct OwnedNote {
	/// Its one-time address.
	pub pkr: OneTimeAddress,
	/// The secrets of that address.
	pub secret: OneTimeSecret,
	/// Its asset.
	pub asset: AssetId,
	/// Its amount.
	pub value: u128,
	/// The blinding of its commitment.
	pub ar: Scalar,
}

impl OwnedNote {
	/// The note's commitment, as in its leaf.
	pub fn asset_cm(&self) -> Option<Point> {
		Some(asset::asset_cm(&self.asset.base()?, self.value, &self.ar))
	}
}

/// A note to spend and its path in the tree (whose root becomes the anchor).
#[derive(Clone, Debug)]
pub struct Spend {
	/// The note.
	pub note: OwnedNote,
	/// Its position and path.
	pub path: AuthPath,
}

/// A note to create.
#[derive(Clone, Debug)]
pub struct Payment {
	/// The receiver's fresh one-time address.
	pub to: OneTimeAddress,
	/// The asset.
	pub asset: AssetId,
	/// The amount.
	pub value: u128,
	/// A memo for the receiver.
	pub memo: [u8; MEMO_BYTES],
}

/// The `From` of a transaction: a one-time address of the sender's and its secrets, which
/// sign the transaction (SPEC §5). A module the transaction pays answers to this address.
#[derive(Clone, Debug)]
pub struct Sender {
	/// The address, named in the transaction.
	pub pkr: OneTimeAddress,
	/// Its secrets: `zskr` signs.
	pub secret: OneTimeSecret,
}

/// Why a transaction could not be built.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum BuildError {
	/// Inputs and outputs of an asset do not add up.
	#[error("asset {asset}: {inputs} in, {outputs} out (fee and transparent flows included)")]
	Unbalanced {
		/// The asset id, hex.
		asset: String,
		/// What comes in.
		inputs: u128,
		/// What goes out.
		outputs: u128,
	},
	/// Sums overflow 128 bits.
	#[error("amounts overflow 128 bits")]
	Overflow,
	/// More inputs or outputs than a transaction holds.
	#[error("at most {max} {what} per transaction")]
	TooMany {
		/// Inputs or outputs.
		what: &'static str,
		/// The bound.
		max: u32,
	},
	/// An asset id without a base.
	#[error("asset id has no base")]
	NoBase,
	/// A proof could not be built.
	#[error(transparent)]
	Prove(#[from] ProveError),
	/// A package's data is longer than a package holds.
	#[error("a package holds at most {} bytes of data", package::MAX_DATA_BYTES)]
	DataTooLong,
	/// Transferring or opening a package needs its owner's one-time address and secrets.
	#[error("a package is transferred or opened by its owner, as the transaction's From")]
	NoOwner,
}

/// What a transaction does to a package (SPEC §6), as its builder knows it.
#[derive(Clone, Debug)]
pub enum PackageOrder {
	/// Seals `value` of `asset` and `data` into a new package `id` for `owner`, under `key`
	/// (random, handed out by the creator).
	Create {
		/// The package's id (random, never used before).
		id: PackageId,
		/// Its owner's one-time address.
		owner: OneTimeAddress,
		/// The key its content is sealed under.
		key: [u8; 32],
		/// The asset.
		asset: AssetId,
		/// The amount (0 for data alone).
		value: u128,
		/// The data, at most `sero_crypto::package::MAX_DATA_BYTES`.
		data: Vec<u8>,
	},
	/// Gives the package `id` to `to`.
	Transfer {
		/// The package.
		id: PackageId,
		/// The new owner's one-time address.
		to: OneTimeAddress,
	},
	/// Opens the package `id`, whose content (read with its key) is `content`: its asset and
	/// amount come in as an input does.
	Open {
		/// The package.
		id: PackageId,
		/// Its content.
		content: PackageContent,
	},
}

fn hex(bytes: &[u8]) -> String {
	bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Checks that each asset balances: inputs + transparent in = outputs + fee + transparent out.
fn check_balance<AccountId>(
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	transparent: Option<&Transparent<AccountId>>,
) -> Result<(), BuildError> {
	check_balance_with(spends, payments, fee, transparent, None)
}

/// [`check_balance`], with a package's amount: out of the notes into a package created,
/// back from a package opened.
fn check_balance_with<AccountId>(
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	transparent: Option<&Transparent<AccountId>>,
	package: Option<&PackageOrder>,
) -> Result<(), BuildError> {
	let mut flows: BTreeMap<[u8; 32], (u128, u128)> = BTreeMap::new();
	let mut add = |asset: [u8; 32], value: u128, incoming: bool| -> Result<(), BuildError> {
		let entry = flows.entry(asset).or_default();
		let side = if incoming { &mut entry.0 } else { &mut entry.1 };
		*side = side.checked_add(value).ok_or(BuildError::Overflow)?;
		Ok(())
	};
	for spend in spends {
		add(spend.note.asset.to_bytes(), spend.note.value, true)?;
	}
	for payment in payments {
		add(payment.asset.to_bytes(), payment.value, false)?;
	}
	add(AssetId::native().to_bytes(), fee, false)?;
	match transparent {
		Some(Transparent::In { asset, value, .. }) => add(asset.0, *value, true)?,
		Some(Transparent::Out { asset, value, .. } | Transparent::Call { asset, value, .. }) => {
			add(asset.0, *value, false)?
		},
		None => {},
	}
	match package {
		Some(PackageOrder::Create { asset, value, .. }) => add(asset.to_bytes(), *value, false)?,
		Some(PackageOrder::Open { content, .. }) => {
			add(content.asset.to_bytes(), content.value, true)?
		},
		Some(PackageOrder::Transfer { .. }) | None => {},
	}
	match flows.into_iter().find(|(_, (i, o))| i != o) {
		Some((asset, (inputs, outputs))) => {
			Err(BuildError::Unbalanced { asset: hex(&asset), inputs, outputs })
		},
		None => Ok(()),
	}
}

/// Builds, proves and signs a transaction, after checking that it balances.
pub fn build<AccountId: Encode + Clone>(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	transparent: Option<Transparent<AccountId>>,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<ShieldedTransaction<AccountId>, BuildError> {
	check_balance(spends, payments, fee, transparent.as_ref())?;
	assemble(keys, spends, payments, fee, transparent, rng)
}

/// [`build`], for a transaction sent from `sender` (SPEC §5, `From`): named in the body and
/// signing it. A call to a module ([`Transparent::Call`]) needs one.
pub fn build_from<AccountId: Encode + Clone>(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	transparent: Option<Transparent<AccountId>>,
	sender: &Sender,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<ShieldedTransaction<AccountId>, BuildError> {
	check_balance(spends, payments, fee, transparent.as_ref())?;
	let (inputs, outputs) = prove(keys, spends, payments, rng)?;
	Ok(sign(&inputs, &outputs, fee, transparent, Some(sender), rng))
}

/// Builds a private transfer that acts on a package (SPEC §6), after checking that it
/// balances with the package's amount: a creation proves the package's commitment as an
/// output and seals its content; a transfer or an opening is sent from the package's
/// `owner` (its `From`), and an opening's blinding joins the balance signature's key.
pub fn build_package<AccountId: Encode + Clone>(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	order: &PackageOrder,
	owner: Option<&Sender>,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<ShieldedTransaction<AccountId>, BuildError> {
	check_balance_with::<AccountId>(spends, payments, fee, None, Some(order))?;
	assemble_package(keys, spends, payments, fee, order, owner, rng)
}

/// [`build_package`] without its balance check: what a forger would build. The chain
/// rejects an unbalanced one; tests use this to show it does.
pub fn assemble_package<AccountId: Encode + Clone>(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	order: &PackageOrder,
	owner: Option<&Sender>,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<ShieldedTransaction<AccountId>, BuildError> {
	match order {
		PackageOrder::Create { id, owner: to, key, asset, value, data } => {
			let ar = random_scalar(rng);
			let content = PackageContent { asset: *asset, value: *value, ar, data: data.clone() };
			let sealed = package::seal(key, &id.0, &content).ok_or(BuildError::DataTooLong)?;
			let witness = OutputWitness { asset: *asset, value: *value, ar };
			let (inputs, outputs, proven) = prove_all(keys, spends, payments, Some(witness), rng)?;
			let (asset_cm, proof) = proven.expect("the package's witness was proven");
			let action = PackageAction::Create {
				id: *id,
				owner: to.to_bytes(),
				asset_cm,
				proof,
				sealed: BoundedVec::truncate_from(sealed),
			};
			Ok(sign_with(&inputs, &outputs, fee, None, None, Some(action), -ar, rng))
		},
		PackageOrder::Transfer { id, to } => {
			let owner = owner.ok_or(BuildError::NoOwner)?;
			let (inputs, outputs) = prove(keys, spends, payments, rng)?;
			let action = PackageAction::Transfer { id: *id, to: to.to_bytes() };
			Ok(sign_with(
				&inputs,
				&outputs,
				fee,
				None,
				Some(owner),
				Some(action),
				Scalar::zero(),
				rng,
			))
		},
		PackageOrder::Open { id, content } => {
			let owner = owner.ok_or(BuildError::NoOwner)?;
			let (inputs, outputs) = prove(keys, spends, payments, rng)?;
			let action = PackageAction::Open { id: *id };
			Ok(sign_with(&inputs, &outputs, fee, None, Some(owner), Some(action), content.ar, rng))
		},
	}
}

/// A uniformly random scalar.
fn random_scalar(rng: &mut dyn RngCore) -> Scalar {
	let mut wide = [0u8; 64];
	rng.fill_bytes(&mut wide);
	<Scalar as ark_ff::PrimeField>::from_le_bytes_mod_order(&wide)
}

/// Proves and signs a transaction as given, balanced or not: what [`build`] does after its
/// balance check. The chain rejects an unbalanced one; tests use this to show it does.
pub fn assemble<AccountId: Encode + Clone>(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	fee: u128,
	transparent: Option<Transparent<AccountId>>,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<ShieldedTransaction<AccountId>, BuildError> {
	let (inputs, outputs) = prove(keys, spends, payments, rng)?;
	Ok(sign(&inputs, &outputs, fee, transparent, None, rng))
}

/// An input with its proof, and the secrets that sign for it.
#[derive(Clone, Debug)]
pub struct ProvenInput {
	/// The input as the chain sees it.
	pub input: Input,
	/// `zskr + a`: the spend signature's key (its public key is `zpka`).
	pub spend_secret: Scalar,
	/// `ar + δ`: the blinding of `asset_cm'`.
	pub blinding: Scalar,
}

/// An output with its proof, and the blinding of its commitment.
#[derive(Clone, Debug)]
pub struct ProvenOutput {
	/// The output as the chain sees it.
	pub output: Output,
	/// `ar`: the blinding of `asset_cm`.
	pub blinding: Scalar,
}

/// Proves every input and output, in parallel, and encrypts the outputs' notes. Input
/// proofs bind no transaction: [`sign`] makes a transaction of them.
pub fn prove(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(Vec<ProvenInput>, Vec<ProvenOutput>), BuildError> {
	let (inputs, outputs, _) = prove_all(keys, spends, payments, None, rng)?;
	Ok((inputs, outputs))
}

/// A package's commitment and its output proof.
type ProvenPackage = (AssetCommitment, [u8; sero_shielded_primitives::PROOF_BYTES]);

/// [`prove`], with a package's commitment proven as one more output, in the same batch.
fn prove_all(
	keys: &Keys,
	spends: &[Spend],
	payments: &[Payment],
	package: Option<OutputWitness>,
	rng: &mut (impl RngCore + CryptoRng),
) -> Result<(Vec<ProvenInput>, Vec<ProvenOutput>, Option<ProvenPackage>), BuildError> {
	if spends.len() > sero_shielded_primitives::MAX_INPUTS as usize {
		return Err(BuildError::TooMany {
			what: "inputs",
			max: sero_shielded_primitives::MAX_INPUTS,
		});
	}
	if payments.len() > sero_shielded_primitives::MAX_OUTPUTS as usize {
		return Err(BuildError::TooMany {
			what: "outputs",
			max: sero_shielded_primitives::MAX_OUTPUTS,
		});
	}

	let random = random_scalar;
	let input_witnesses: Vec<InputWitness> = spends
		.iter()
		.map(|s| {
			Ok(InputWitness {
				pkr: s.note.pkr,
				asset_cm: s.note.asset_cm().ok_or(BuildError::NoBase)?,
				path: s.path.clone(),
				vskr: *s.note.secret.vskr(),
				delta: random(rng),
				a: random(rng),
			})
		})
		.collect::<Result<_, BuildError>>()?;
	let mut output_witnesses: Vec<OutputWitness> = payments
		.iter()
		.map(|p| OutputWitness { asset: p.asset, value: p.value, ar: random(rng) })
		.collect();
	output_witnesses.extend(package);

	let mut proofs = prover::prove_transaction(keys, &input_witnesses, &output_witnesses)?;
	let package = (output_witnesses.len() > payments.len()).then(|| {
		let (statement, proof) = proofs.outputs.pop().expect("one proof per witness");
		(AssetCommitment(point::encode(&statement.asset_cm)), proof_to_bytes(&proof))
	});

	let inputs = proofs
		.inputs
		.iter()
		.zip(spends.iter().zip(&input_witnesses))
		.map(|((statement, proof), (spend, witness))| ProvenInput {
			input: Input {
				anchor: Anchor(base_to_bytes(&statement.anchor)),
				nil: Nullifier(base_to_bytes(&statement.nil)),
				asset_cm: AssetCommitment(point::encode(&statement.asset_cm)),
				zpka: point::encode(&statement.zpka),
				proof: proof_to_bytes(proof),
			},
			spend_secret: *spend.note.secret.zskr() + witness.a,
			blinding: spend.note.ar + witness.delta,
		})
		.collect();
	let outputs = proofs
		.outputs
		.iter()
		.zip(payments.iter().zip(&output_witnesses))
		.map(|((statement, proof), (payment, witness))| {
			let plaintext = NotePlaintext {
				asset: payment.asset,
				value: payment.value,
				ar: witness.ar,
				memo: payment.memo,
			};
			let sealed = note_encryption::encrypt(&payment.to, &plaintext, rng);
			let ciphertext: [u8; CIPHERTEXT_BYTES] = sealed.ciphertext;
			ProvenOutput {
				output: Output {
					pkr: payment.to.to_bytes(),
					asset_cm: AssetCommitment(point::encode(&statement.asset_cm)),
					proof: proof_to_bytes(proof),
					note: EncryptedNote { epk: sealed.epk, ciphertext },
				},
				blinding: witness.ar,
			}
		})
		.collect();
	Ok((inputs, outputs, package))
}

/// Makes a transaction of proven inputs and outputs: one spend signature per input with
/// `zskr + a`, the balance signature with `bsk = Σ (ar_in + δ) − Σ ar_out`, and with a
/// `sender`, the `From` signature with its `zskr`.
pub fn sign<AccountId: Encode + Clone>(
	inputs: &[ProvenInput],
	outputs: &[ProvenOutput],
	fee: u128,
	transparent: Option<Transparent<AccountId>>,
	sender: Option<&Sender>,
	rng: &mut (impl RngCore + CryptoRng),
) -> ShieldedTransaction<AccountId> {
	sign_with(inputs, outputs, fee, transparent, sender, None, Scalar::zero(), rng)
}

/// [`sign`], with a package action, whose blinding `package_blinding` (that of a package
/// opened, minus that of a package created) joins `bsk`.
#[allow(clippy::too_many_arguments)]
pub fn sign_with<AccountId: Encode + Clone>(
	inputs: &[ProvenInput],
	outputs: &[ProvenOutput],
	fee: u128,
	transparent: Option<Transparent<AccountId>>,
	sender: Option<&Sender>,
	package: Option<PackageAction>,
	package_blinding: Scalar,
	rng: &mut (impl RngCore + CryptoRng),
) -> ShieldedTransaction<AccountId> {
	let body = TransactionBody {
		inputs: BoundedVec::truncate_from(inputs.iter().map(|i| i.input.clone()).collect()),
		outputs: BoundedVec::truncate_from(outputs.iter().map(|o| o.output.clone()).collect()),
		fee,
		transparent,
		from: sender.map(|sender| sender.pkr.to_bytes()),
		package,
	};
	let hash = body.signing_hash();
	let spend_signatures: Vec<[u8; 64]> = inputs
		.iter()
		.map(|i| schnorr::sign(schnorr::Domain::Spend, &i.spend_secret, &hash, rng).to_bytes())
		.collect();
	let bsk: Scalar = inputs.iter().map(|i| i.blinding).sum::<Scalar>()
		- outputs.iter().map(|o| o.blinding).sum::<Scalar>()
		+ package_blinding;
	let balance_signature = schnorr::sign(schnorr::Domain::Balance, &bsk, &hash, rng).to_bytes();
	let from_signature = sender.map(|sender| {
		schnorr::sign(schnorr::Domain::From, sender.secret.zskr(), &hash, rng).to_bytes()
	});

	ShieldedTransaction {
		body,
		spend_signatures: BoundedVec::truncate_from(spend_signatures),
		balance_signature,
		from_signature,
	}
}
