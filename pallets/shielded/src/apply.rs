//! Applying a validated shielded transaction (SPEC §5): nullifiers spent, leaves appended,
//! the fee paid, the transparent flow moved. [`crate::validation`] checked everything this
//! could fail on.

use crate::{
	types::AssetKind, validation::Checked, Config, Error, Event, Frontier, Nullifiers,
	PackageCount, PackageIds, Packages, Pallet, PublicCalls, Registry, Supply,
};
use alloc::vec::Vec;
use polkadot_sdk::{
	frame_support::{
		dispatch::DispatchResult,
		traits::{
			fungible, fungibles,
			tokens::{Fortitude, Precision, Preservation},
			OnUnbalanced,
		},
	},
	frame_system::{self, pallet_prelude::BlockNumberFor},
};
use sero_crypto::asset;
use sero_shielded_primitives::{
	AssetId, LeafRecord, Nullifier, PackageAction, PackageRecord, ShieldedTransaction, Transparent,
};

impl<T: Config> Pallet<T> {
	/// Applies a validated transaction: nullifiers, leaves, fee, transparent flows.
	///
	/// Each way this can fail is checked by [`Self::validate`] first, so it does not
	/// fail after validation in the same state; if it ever did, the failure comes after
	/// storage writes, which the call's storage layer rolls back (`tests/rollback.rs`).
	pub(crate) fn apply(
		tx: &ShieldedTransaction<T::AccountId>,
		checked: Checked,
	) -> DispatchResult {
		let body = &tx.body;
		let now = frame_system::Pallet::<T>::block_number();
		let nils: Vec<Nullifier> = body.inputs.iter().map(|i| i.nil).collect();
		for nil in &nils {
			Nullifiers::<T>::insert(nil, now);
		}
		let first_position = Frontier::<T>::get().size;
		for (output, leaf) in body.outputs.iter().zip(checked.leaves) {
			let position = Self::append_leaf(leaf)?;
			Self::store_leaf(LeafRecord {
				position,
				pkr: output.pkr,
				asset_cm: output.asset_cm,
				note: output.note.clone(),
			});
		}
		let outputs = body.outputs.len() as u32;
		let pool = Self::pool_account();

		if body.fee > 0 {
			let native = AssetId::from(asset::AssetId::native());
			Supply::<T>::try_mutate(native, |s| -> DispatchResult {
				*s = s.checked_sub(body.fee).ok_or(Error::<T>::PoolExhausted)?;
				Ok(())
			})?;
			let fee = <T::Currency as fungible::Balanced<T::AccountId>>::withdraw(
				&pool,
				body.fee,
				Precision::Exact,
				Preservation::Preserve,
				Fortitude::Polite,
			)?;
			T::OnFee::on_unbalanced(fee);
		}

		match &body.transparent {
			None => Self::deposit_event(Event::Transferred {
				nils,
				first_position,
				outputs,
				fee: body.fee,
			}),
			Some(Transparent::In { from, asset, value }) => {
				Self::move_transparent(asset, from, &pool, *value)?;
				Supply::<T>::mutate(asset, |s| *s = s.saturating_add(*value));
				Self::deposit_event(Event::Shielded {
					from: from.clone(),
					asset: *asset,
					value: *value,
					first_position,
					outputs,
				});
			},
			Some(Transparent::Out { to, asset, value }) => {
				Supply::<T>::try_mutate(asset, |s| -> DispatchResult {
					*s = s.checked_sub(*value).ok_or(Error::<T>::PoolExhausted)?;
					Ok(())
				})?;
				Self::move_transparent(asset, &pool, to, *value)?;
				Self::deposit_event(Event::Unshielded {
					to: to.clone(),
					asset: *asset,
					value: *value,
					nils,
					first_position,
					outputs,
					fee: body.fee,
				});
			},
			Some(Transparent::Call { target, asset, value, command }) => {
				// Validation required a `From` and SERO.
				let from = body.from.ok_or(Error::<T>::NoSender)?;
				Supply::<T>::try_mutate(asset, |s| -> DispatchResult {
					*s = s.checked_sub(*value).ok_or(Error::<T>::PoolExhausted)?;
					Ok(())
				})?;
				let payment = <T::Currency as fungible::Balanced<T::AccountId>>::withdraw(
					&pool,
					*value,
					Precision::Exact,
					Preservation::Preserve,
					Fortitude::Polite,
				)?;
				T::PublicCalls::apply(target, &from, command, payment)
					.map_err(Self::call_refused)?;
				Self::deposit_event(Event::Called {
					from,
					target: *target,
					value: *value,
					nils,
					first_position,
					outputs,
					fee: body.fee,
				});
			},
		}
		if let Some(action) = &body.package {
			Self::apply_package(action, now)?;
		}
		Ok(())
	}

	/// Records what a transaction did to a package. Validation checked the id (new, or a
	/// package not yet open and owned by the transaction's `From`).
	fn apply_package(action: &PackageAction, now: BlockNumberFor<T>) -> DispatchResult {
		match action {
			PackageAction::Create { id, owner, asset_cm, sealed, .. } => {
				let record = PackageRecord {
					owner: *owner,
					asset_cm: *asset_cm,
					sealed: sealed.clone(),
					created_at: now,
					opened_at: None,
				};
				Packages::<T>::insert(id, record);
				let count = PackageCount::<T>::get();
				PackageIds::<T>::insert(count, id);
				PackageCount::<T>::put(count.saturating_add(1));
				Self::deposit_event(Event::PackageCreated { id: *id });
			},
			PackageAction::Transfer { id, to } => {
				Packages::<T>::try_mutate(id, |package| -> DispatchResult {
					package.as_mut().ok_or(Error::<T>::UnknownPackage)?.owner = *to;
					Ok(())
				})?;
				Self::deposit_event(Event::PackageTransferred { id: *id });
			},
			PackageAction::Open { id } => {
				Packages::<T>::try_mutate(id, |package| -> DispatchResult {
					package.as_mut().ok_or(Error::<T>::UnknownPackage)?.opened_at = Some(now);
					Ok(())
				})?;
				Self::deposit_event(Event::PackageOpened { id: *id });
			},
		}
		Ok(())
	}

	/// Moves `value` of a registered asset between two accounts; the pool keeps its
	/// existential deposit.
	fn move_transparent(
		asset: &AssetId,
		from: &T::AccountId,
		to: &T::AccountId,
		value: u128,
	) -> DispatchResult {
		let info = Registry::<T>::get(asset).ok_or(Error::<T>::UnknownAsset)?;
		match info.kind {
			AssetKind::Native => {
				<T::Currency as fungible::Mutate<T::AccountId>>::transfer(
					from,
					to,
					value,
					Preservation::Preserve,
				)?;
			},
			AssetKind::Token(token) => {
				<T::Tokens as fungibles::Mutate<T::AccountId>>::transfer(
					token,
					from,
					to,
					value,
					Preservation::Expendable,
				)?;
			},
		}
		Ok(())
	}
}
