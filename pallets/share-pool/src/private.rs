//! Shares bought from the shielded pool (issue 13; SPEC §5, public outputs to a module).
//!
//! A shielded transaction pays SERO to this pallet with a [`Command`], from the one-time
//! address it names as `From` and signs with (`pallet-shielded` checks the signature; the
//! runtime routes the call here). The purchase is owned by that address
//! ([`Owner::Note`]): its principal is held on the pallet's account ([`Pallet::account`]),
//! the change of the payment goes back at once into a note for it, and each share's
//! principal and reward when paid back, or principal when expired or released after a
//! miss, into another ([`Pallet::pay_back`]). A holder's wallet finds those notes as it
//! finds any: nobody learns an account of the holder's.
//!
//! The pool's rule holds: [`Pallet::check_command`] runs the purchase exactly as
//! [`Pallet::apply_command`] will and discards its writes, so a command the pool accepts
//! applies in the block.

use crate::{Command, Config, Error, Event, HoldReason, Offer, Owner, Pallet, PurchaseId};
use polkadot_sdk::frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::{
		fungible::{Balanced, Credit, MutateHold},
		Imbalance,
	},
	weights::Weight,
};
use sero_shielded_primitives::{
	note_payer::{memo, NotePayer, MEMO_BYTES},
	PkrBytes,
};

/// The memo of a note paying a share's principal (and reward) back.
pub const PAYOUT_MEMO: [u8; MEMO_BYTES] = memo("SERO share pool: payout");
/// The memo of a note paying a private purchase's change back.
pub const CHANGE_MEMO: [u8; MEMO_BYTES] = memo("SERO share pool: change");

impl<T: Config> Pallet<T> {
	/// The most `command` costs a block: a purchase three times (checked by the block's
	/// `pre_dispatch`, checked again by the call, then applied), and the note of its change.
	pub fn command_weight(command: &Command) -> Weight {
		use crate::weights::WeightInfo;
		match command {
			Command::BuyShares { .. } => {
				T::WeightInfo::buy_shares().saturating_mul(3).saturating_add(T::NotePayer::weight())
			},
		}
	}

	/// Whether `command`, paying `value` from `from`, would apply now: the purchase is run
	/// and its writes discarded.
	pub fn check_command(from: &PkrBytes, value: u128, command: &Command) -> Result<(), Error<T>> {
		with_transaction(|| {
			let checked = match command {
				Command::BuyShares { count, voter, max_fee_bps } => {
					let offer = Offer { max_fee_bps: *max_fee_bps, max_total: value };
					Self::buy(Owner::Note(*from), *count, *voter, offer, |_| Ok(())).map(|_| ())
				},
			};
			TransactionOutcome::Rollback(Ok::<_, polkadot_sdk::sp_runtime::DispatchError>(checked))
		})
		.unwrap_or(Err(Error::<T>::CannotAfford))
	}

	/// Applies `command` from `from` with `payment`: the purchase's price is held on the
	/// pallet's account and the change paid into a note for `from`; the purchase's number.
	pub fn apply_command(
		from: &PkrBytes,
		command: &Command,
		payment: Credit<T::AccountId, T::Currency>,
	) -> Result<PurchaseId, Error<T>> {
		let Command::BuyShares { count, voter, max_fee_bps } = command;
		let offer = Offer { max_fee_bps: *max_fee_bps, max_total: payment.peek() };
		let mut change = payment;
		let id = Self::buy(Owner::Note(*from), *count, *voter, offer, |total| {
			let account = Self::account();
			let principal = change.extract(total);
			T::Currency::resolve(&account, principal).map_err(|_| Error::<T>::CannotAfford)?;
			T::Currency::hold(&HoldReason::Shares.into(), &account, total)
				.map_err(|_| Error::<T>::CannotAfford)
		})?;
		let value = change.peek();
		if value > 0 {
			match T::NotePayer::pay_into_note(from, change, CHANGE_MEMO) {
				Ok(position) => Self::deposit_event(Event::PaidIntoNote { id, value, position }),
				// The pool checked the address and the room for this note: not reached.
				Err(_) => return Err(Error::<T>::CannotAfford),
			}
		}
		Ok(id)
	}
}
