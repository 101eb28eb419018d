//! Validation of shielded transactions (SPEC §5): every check a transaction must pass
//! before anything of it is applied.
//!
//! **Invariant: a transaction that passes [`Pallet::validate`] in a state applies in that
//! state.** Whatever [`Pallet::apply`] could fail on — a spent or repeated `nil`, a full
//! tree, a pool that cannot pay the fee, an account that cannot receive a payout or pay a
//! shield, a frozen token, a module refusing a call — is checked here first, with the same trait functions the
//! transfer itself calls (`can_withdraw`, `can_deposit`). The pool runs this validation
//! (`validate_unsigned`) and so does the block (`pre_dispatch`, whose failure keeps the
//! transaction out of the block). So an unsigned transaction that could not apply is never
//! included: no failed shielded transaction lands in a block for free
//! (docs/SHIELDED.md, "Validation").

use crate::{
	calls::PublicCalls, types::Circuit, Config, Error, Frontier, Nullifiers, Packages, Pallet,
	Registry, Roots, Supply, VerifyingKeys,
};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		ensure,
		traits::{
			fungible, fungibles,
			tokens::{DepositConsequence, Provenance, WithdrawConsequence},
		},
	},
	frame_system::pallet_prelude::BlockNumberFor,
};
use sero_crypto::{
	asset::AssetId,
	is_canonical_base,
	keys::{scalar_to_bytes, OneTimeAddress},
	tree::CAPACITY,
	Scalar,
};
use sero_host::{shielded_crypto as host, Rejection};
use sero_shielded_primitives::{
	EncryptedNote, Leaf, Output, PackageAction, PackageId, PackageRecord, PkrBytes,
	ShieldedTransaction, TransactionBody, Transparent, CIPHERTEXT_BYTES,
};

use crate::types::AssetKind;

/// What validation learnt about a transaction and its application needs.
#[derive(Clone)]
pub(crate) struct Checked {
	/// The leaf of each output.
	pub(crate) leaves: Vec<Leaf>,
	/// The records of its proofs when they were deferred to the block's batch (empty when
	/// they were verified, [`crate::deferral`]).
	pub(crate) deferred: Vec<u8>,
}

/// What [`Pallet::verify`] does with a transaction's proofs.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Proofs {
	/// Verifies them, with the rest.
	Verify,
	/// Returns them for the block's batch ([`crate::deferral`]).
	Defer,
}

impl<T: Config> Pallet<T> {
	/// Every check of SPEC §5: [`Self::check_state`], then the cryptography.
	pub(crate) fn validate(tx: &ShieldedTransaction<T::AccountId>) -> Result<Checked, Error<T>> {
		Self::validate_with(tx, Proofs::Verify)
	}

	/// [`Self::validate`], with the proofs verified or deferred.
	pub(crate) fn validate_with(
		tx: &ShieldedTransaction<T::AccountId>,
		proofs: Proofs,
	) -> Result<Checked, Error<T>> {
		Self::check_state(tx)?;
		Self::verify(tx, proofs)
	}

	/// The checks of everything but the cryptography: the transaction's shape and fee, the
	/// encodings of its field elements, its nullifiers and anchors against storage, room in
	/// the tree, and the transparent side (that the pool and the accounts can move what it
	/// moves). Cheap: a few storage reads per input.
	pub(crate) fn check_state(tx: &ShieldedTransaction<T::AccountId>) -> Result<(), Error<T>> {
		let body = &tx.body;
		let (inputs, outputs) = (body.inputs.len() as u32, body.outputs.len() as u32);
		ensure!(
			body.package.is_none() || body.transparent.is_none(),
			Error::<T>::PackageWithPublicFlow
		);
		// A package's commitment is one more proof, charged as an output is.
		let package_proofs = u32::from(matches!(body.package, Some(PackageAction::Create { .. })));
		match &body.transparent {
			Some(Transparent::In { .. }) => {
				ensure!(inputs == 0 && outputs > 0, Error::<T>::BadShield);
				ensure!(body.fee == 0, Error::<T>::FeeNotZero);
			},
			// A call pays for one output more: its `From` (checked as an output's PKr is, and
			// a signature) and the note of its change.
			Some(Transparent::Call { .. }) => {
				ensure!(inputs > 0, Error::<T>::NoInputs);
				ensure!(
					body.fee >= Self::minimum_fee(inputs, outputs.saturating_add(1)),
					Error::<T>::FeeTooLow
				);
			},
			_ => {
				// An opening needs no note spent: the package's value comes in and pays the
				// fee, and a package opens once.
				let opens = matches!(body.package, Some(PackageAction::Open { .. }));
				ensure!(inputs > 0 || opens, Error::<T>::NoInputs);
				ensure!(
					body.fee >= Self::minimum_fee(inputs, outputs.saturating_add(package_proofs)),
					Error::<T>::FeeTooLow
				);
			},
		}
		ensure!(tx.spend_signatures.len() == body.inputs.len(), Error::<T>::SignatureCountMismatch);
		// `From` is for the modules a call pays (and, later, contracts) and for a package's
		// owner: elsewhere it would be work nobody charged for.
		let needs_from = matches!(body.transparent, Some(Transparent::Call { .. }))
			|| matches!(
				body.package,
				Some(PackageAction::Transfer { .. } | PackageAction::Open { .. })
			);
		if needs_from {
			ensure!(body.from.is_some(), Error::<T>::NoSender);
		} else {
			ensure!(body.from.is_none(), Error::<T>::UnexpectedFrom);
		}
		ensure!(
			body.from.is_some() == tx.from_signature.is_some(),
			Error::<T>::InvalidFromSignature
		);

		for (i, input) in body.inputs.iter().enumerate() {
			// Before any lookup: `nil + p` would be a second key for one note.
			ensure!(is_canonical_base(&input.nil.0), Error::<T>::NonCanonicalNullifier);
			ensure!(is_canonical_base(&input.anchor.0), Error::<T>::NonCanonicalAnchor);
			ensure!(
				body.inputs.iter().skip(i + 1).all(|other| other.nil != input.nil),
				Error::<T>::DuplicateNullifier
			);
			ensure!(!Nullifiers::<T>::contains_key(input.nil), Error::<T>::NullifierSpent);
			ensure!(Roots::<T>::contains_key(input.anchor), Error::<T>::UnknownAnchor);
		}
		// A module called may pay change into one more note.
		let notes = match body.transparent {
			Some(Transparent::Call { .. }) => outputs.saturating_add(1),
			_ => outputs,
		};
		ensure!(
			Frontier::<T>::get().size.saturating_add(notes as u64) <= CAPACITY,
			Error::<T>::TreeFull
		);
		Self::check_package(body)?;
		Self::check_transparent(body)
	}

	/// The package acted on: a new id for a creation; for a transfer or an opening, a
	/// package not yet open whose owner is the transaction's `From` (whose signature the
	/// cryptography checks), and for a transfer a well-formed new owner.
	fn check_package(body: &TransactionBody<T::AccountId>) -> Result<(), Error<T>> {
		match &body.package {
			None => Ok(()),
			Some(PackageAction::Create { id, .. }) => {
				ensure!(!Packages::<T>::contains_key(id), Error::<T>::PackageExists);
				Ok(())
			},
			Some(PackageAction::Transfer { id, to }) => {
				Self::owned_package(id, body.from)?;
				ensure!(OneTimeAddress::from_bytes(to).is_some(), Error::<T>::MalformedPoint);
				Ok(())
			},
			Some(PackageAction::Open { id }) => Self::owned_package(id, body.from).map(drop),
		}
	}

	/// The package `id`, if it is not open and `from` owns it.
	fn owned_package(
		id: &PackageId,
		from: Option<PkrBytes>,
	) -> Result<PackageRecord<BlockNumberFor<T>>, Error<T>> {
		let package = Packages::<T>::get(id).ok_or(Error::<T>::UnknownPackage)?;
		ensure!(package.opened_at.is_none(), Error::<T>::PackageOpened);
		ensure!(from == Some(package.owner), Error::<T>::NotPackageOwner);
		Ok(package)
	}

	/// That the value the transaction takes out of the pool (fee and payout) is there, and
	/// that its transparent transfer, if any, will go through: the checks `transfer` itself
	/// makes (`can_withdraw` from the source, `can_deposit` into the destination), or the
	/// called module's own ([`crate::PublicCalls::check`]), so that [`Self::apply`] cannot
	/// fail on them.
	fn check_transparent(body: &TransactionBody<T::AccountId>) -> Result<(), Error<T>> {
		let native: sero_shielded_primitives::AssetId = AssetId::native().into();
		let pool = Self::pool_account();
		// The SERO that leaves the pool account: the fee, and an unshielded SERO amount.
		let mut native_out = body.fee;
		let mut call = None;
		match &body.transparent {
			None => {},
			Some(Transparent::Call { target, asset, value, command }) => {
				ensure!(*asset == native, Error::<T>::CallNotInSero);
				native_out = native_out.checked_add(*value).ok_or(Error::<T>::PoolExhausted)?;
				call = Some((target, *value, command));
			},
			Some(Transparent::In { from, asset, value }) => {
				let info = Registry::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
				ensure!(*from != pool, Error::<T>::TransferRefused);
				Self::check_transfer(info.kind, from, &pool, *value)?;
			},
			Some(Transparent::Out { to, asset, value }) => {
				ensure!(*to != pool, Error::<T>::PayoutToPool);
				let info = Registry::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
				match info.kind {
					AssetKind::Native => {
						native_out =
							native_out.checked_add(*value).ok_or(Error::<T>::PoolExhausted)?;
						ensure!(
							<T::Currency as fungible::Inspect<T::AccountId>>::can_deposit(
								to,
								*value,
								Provenance::Extant
							) == DepositConsequence::Success,
							Error::<T>::TransferRefused
						);
					},
					AssetKind::Token(_) => {
						ensure!(Supply::<T>::get(asset) >= *value, Error::<T>::PoolExhausted);
						Self::check_transfer(info.kind, &pool, to, *value)?;
					},
				}
			},
		}
		ensure!(Supply::<T>::get(native) >= native_out, Error::<T>::PoolExhausted);
		// The pool keeps its existential deposit: the fee is withdrawn, and SERO paid out,
		// with `Preservation::Preserve`.
		ensure!(
			<T::Currency as fungible::Inspect<T::AccountId>>::can_withdraw(&pool, native_out)
				.into_result(true)
				.is_ok(),
			Error::<T>::PoolExhausted
		);
		// Last: the module's checks may cost more than the pool's.
		if let (Some((target, value, command)), Some(from)) = (call, &body.from) {
			T::PublicCalls::check(target, from, value, command).map_err(Self::call_refused)?;
		}
		Ok(())
	}

	/// Whether `value` of an asset of `kind` can move from `from` to `to` as
	/// [`Self::move_transparent`] moves it: SERO keeping `from` alive, a token letting it go.
	fn check_transfer(
		kind: AssetKind,
		from: &T::AccountId,
		to: &T::AccountId,
		value: u128,
	) -> Result<(), Error<T>> {
		let possible = match kind {
			AssetKind::Native => {
				use fungible::Inspect;
				T::Currency::can_withdraw(from, value).into_result(true).is_ok()
					&& T::Currency::can_deposit(to, value, Provenance::Extant)
						== DepositConsequence::Success
			},
			AssetKind::Token(token) => {
				use fungibles::Inspect;
				let withdrawal = T::Tokens::can_withdraw(token, from, value);
				// The pool leaves no dust: below the token's minimum balance, the assets
				// pallet would destroy what the pool keeps, which its supply still counts.
				let withdrawable = if *from == Self::pool_account() {
					matches!(
						withdrawal,
						WithdrawConsequence::Success | WithdrawConsequence::ReducedToZero(0)
					)
				} else {
					withdrawal.into_result(false).is_ok()
				};
				withdrawable
					&& T::Tokens::can_deposit(token, to, value, Provenance::Extant)
						== DepositConsequence::Success
			},
		};
		ensure!(possible, Error::<T>::TransferRefused);
		Ok(())
	}

	/// The cryptography, in one native call (points, proofs, then the signatures, which sign
	/// the proofs too), against the registered asset bases and the verifying keys; the
	/// proofs verified or deferred.
	pub(crate) fn verify(
		tx: &ShieldedTransaction<T::AccountId>,
		proofs: Proofs,
	) -> Result<Checked, Error<T>> {
		let body = &tx.body;
		let input_key =
			VerifyingKeys::<T>::get(Circuit::Input).ok_or(Error::<T>::NoVerifyingKey)?;
		let output_key =
			VerifyingKeys::<T>::get(Circuit::Output).ok_or(Error::<T>::NoVerifyingKey)?;

		// The fee and any transparent amount, as terms of the balance.
		let mut public_terms = Vec::with_capacity(2);
		if body.fee > 0 {
			let native =
				Registry::<T>::get(sero_shielded_primitives::AssetId::from(AssetId::native()))
					.ok_or(Error::<T>::UnknownAsset)?;
			public_terms.push((native.base, scalar_to_bytes(&-Scalar::from(body.fee))));
		}
		match &body.transparent {
			Some(Transparent::In { asset, value, .. }) => {
				let base = Registry::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?.base;
				public_terms.push((base, scalar_to_bytes(&Scalar::from(*value))));
			},
			Some(
				Transparent::Out { asset, value, .. } | Transparent::Call { asset, value, .. },
			) => {
				let base = Registry::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?.base;
				public_terms.push((base, scalar_to_bytes(&-Scalar::from(*value))));
			},
			None => {},
		}
		// A package created is one more output of the balance (its owner's PKr checked as an
		// output's, its proof verified; it makes no note); a package opened, one more input,
		// which only one who knows its blinding can sign for.
		let with_package: Vec<Output>;
		let outputs: &[Output] = match &body.package {
			Some(PackageAction::Create { owner, asset_cm, proof, .. }) => {
				with_package = body
					.outputs
					.iter()
					.cloned()
					.chain(core::iter::once(Output {
						pkr: *owner,
						asset_cm: *asset_cm,
						proof: *proof,
						note: EncryptedNote { epk: [0; 32], ciphertext: [0; CIPHERTEXT_BYTES] },
					}))
					.collect();
				&with_package
			},
			_ => &body.outputs,
		};
		if let Some(PackageAction::Open { id }) = &body.package {
			let package = Packages::<T>::get(id).ok_or(Error::<T>::UnknownPackage)?;
			public_terms.push((package.asset_cm.0, scalar_to_bytes(&Scalar::from(1u64))));
		}

		let (message, from) = (body.signing_hash(), body.from.zip(tx.from_signature));
		let (mut leaves, deferred) = match proofs {
			Proofs::Verify => host::verify_transaction(
				&input_key,
				&output_key,
				&body.inputs,
				outputs,
				&tx.spend_signatures,
				&public_terms,
				&message,
				&tx.balance_signature,
				from,
			)
			.map(|leaves| (leaves, Vec::new())),
			Proofs::Defer => host::verify_transaction_deferring_proofs(
				&input_key,
				&output_key,
				&body.inputs,
				outputs,
				&tx.spend_signatures,
				&public_terms,
				&message,
				&tx.balance_signature,
				from,
			),
		}
		.map_err(|rejection| match rejection {
			Rejection::InvalidVerifyingKey => Error::<T>::InvalidVerifyingKey,
			Rejection::MalformedPoint => Error::<T>::MalformedPoint,
			Rejection::InvalidInputProof => Error::<T>::InvalidInputProof,
			Rejection::InvalidOutputProof => Error::<T>::InvalidOutputProof,
			Rejection::InvalidSpendSignature => Error::<T>::InvalidSpendSignature,
			Rejection::Unbalanced => Error::<T>::Unbalanced,
			Rejection::InvalidFromSignature => Error::<T>::InvalidFromSignature,
		})?;
		// The package's commitment is no note.
		leaves.truncate(body.outputs.len());
		Ok(Checked { leaves: leaves.into_iter().map(Leaf).collect(), deferred })
	}
}
