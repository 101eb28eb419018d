//! Public outputs to runtime modules (SPEC §5): a shielded transaction may pay a public
//! amount of SERO to a module of the runtime with a command for it
//! ([`Transparent::Call`](sero_shielded_primitives::Transparent::Call)), sent from the
//! one-time address it names as `From` and signs with. The module answers to `From`: what it
//! pays back (change, a share's principal and reward) goes into notes for that address, so
//! the sender never reveals an account. A share purchase is the first such call; contract
//! calls reuse the form.
//!
//! The pool checks the transaction (proofs, signatures, the `From` signature, nullifiers)
//! and that it can pay the value; the module checks the command ([`PublicCalls::check`]),
//! with the same rule as the pool's: whatever [`PublicCalls::apply`] could fail on is
//! checked there first, so a call the pool accepts applies in its block.

use polkadot_sdk::{
	frame_support::{
		traits::fungible::{Balanced, Credit},
		weights::Weight,
	},
	sp_runtime::DispatchError,
};
use sero_shielded_primitives::{CallTarget, PkrBytes};

/// Why a module refuses a call.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CallRefusal {
	/// No module of the runtime has this name.
	UnknownTarget,
	/// The module cannot decode the command.
	BadCommand,
	/// The module refuses the command, with its own error.
	Refused(DispatchError),
}

/// The modules shielded transactions may call, joined by the runtime: it routes a call to
/// its module by [`CallTarget`] and decodes the command in the module's encoding.
pub trait PublicCalls<AccountId, Currency: Balanced<AccountId>> {
	/// The most applying `command` at `target` costs, from its bytes alone: a call's weight
	/// is declared before any storage is read.
	fn weight(target: &CallTarget, command: &[u8]) -> Weight;

	/// Whether `command`, paying `value` of SERO from `from`, would apply now: every way
	/// [`Self::apply`] can fail. Its writes, if any, are not kept.
	fn check(
		target: &CallTarget,
		from: &PkrBytes,
		value: u128,
		command: &[u8],
	) -> Result<(), CallRefusal>;

	/// Applies `command` from `from` with `payment`, the SERO the transaction pays the
	/// module (taken out of the pool).
	fn apply(
		target: &CallTarget,
		from: &PkrBytes,
		command: &[u8],
		payment: Credit<AccountId, Currency>,
	) -> Result<(), CallRefusal>;
}

/// No module takes calls.
impl<AccountId, Currency: Balanced<AccountId>> PublicCalls<AccountId, Currency> for () {
	fn weight(_: &CallTarget, _: &[u8]) -> Weight {
		Weight::zero()
	}

	fn check(_: &CallTarget, _: &PkrBytes, _: u128, _: &[u8]) -> Result<(), CallRefusal> {
		Err(CallRefusal::UnknownTarget)
	}

	fn apply(
		_: &CallTarget,
		_: &PkrBytes,
		_: &[u8],
		_: Credit<AccountId, Currency>,
	) -> Result<(), CallRefusal> {
		Err(CallRefusal::UnknownTarget)
	}
}
