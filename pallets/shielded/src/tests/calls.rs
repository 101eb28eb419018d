//! Public outputs to modules (`Pallet::call`, SPEC §5): the module is paid out of the pool
//! and answers to the transaction's signed `From`; every refusal — of the pool or of the
//! module — leaves the state as it was, in the pool, in a block and in the call.

use super::*;
use crate::benchmark_fixture::Fixture as CallFixture;

/// The fixture's transaction of two inputs and one output paying `value` to `target` with
/// `command`.
fn call_of(fixture: &Fixture, target: [u8; 8], value: u128, command: &[u8]) -> Tx {
	fixture.call_transaction(2, 1, target, value, command)
}

/// Re-signs `body` as the fixture's two-input, one-output transactions are signed.
fn resigned(fixture: &Fixture, body: sero_shielded_primitives::TransactionBody<u64>) -> Tx {
	fixture.sign(body, &[0, 1], &[0])
}

#[test]
fn a_call_pays_the_module_out_of_the_pool() {
	with_fixture(1, |fixture| {
		let tx = call_of(fixture, VAULT, 1_500_000, &[KEEP]);
		let (supply, author) = (Supply::<Test>::get(native()), Balances::balance(&AUTHOR));
		assert_applies_in_block(&tx);
		assert_eq!(Balances::balance(&VAULT_ACCOUNT), 1_500_000);
		assert_eq!(Balances::balance(&AUTHOR), author + tx.body.fee);
		assert_eq!(Supply::<Test>::get(native()), supply - 1_500_000 - tx.body.fee);
		assert!(tx.body.inputs.iter().all(|input| Nullifiers::<Test>::contains_key(input.nil)));
		assert_eq!(Frontier::<Test>::get().size, 17);
		System::assert_has_event(
			Event::Called {
				from: CallFixture::sender().0,
				target: VAULT,
				value: 1_500_000,
				nils: tx.body.inputs.iter().map(|input| input.nil).collect(),
				first_position: 16,
				outputs: 1,
				fee: tx.body.fee,
			}
			.into(),
		);
		Shielded::check_pool_backing().unwrap();
	});
}

/// What the module pays back goes into a note for `From`, through the pool again.
#[test]
fn a_module_pays_back_into_a_note_for_from() {
	with_fixture(1, |fixture| {
		let tx = call_of(fixture, VAULT, 1_000_000, &[HALF_BACK]);
		let supply = Supply::<Test>::get(native());
		assert_applies_in_block(&tx);
		assert_eq!(Balances::balance(&VAULT_ACCOUNT), 500_000);
		// The output at 16, the note paid back at 17, to `From`.
		assert_eq!(Frontier::<Test>::get().size, 18);
		assert_eq!(
			crate::Pallet::<Test>::leaves(17, 1).pop().unwrap().pkr,
			CallFixture::sender().0
		);
		assert_eq!(Supply::<Test>::get(native()), supply - 500_000 - tx.body.fee);
		Shielded::check_pool_backing().unwrap();
	});
}

#[test]
fn a_call_without_a_from_is_refused() {
	with_fixture(1, |fixture| {
		let mut body = call_of(fixture, VAULT, 1_000, &[KEEP]).body;
		body.from = None;
		assert_refused(&resigned(fixture, body), Error::<Test>::NoSender);
	});
}

#[test]
fn a_from_must_be_signed_by_its_owner() {
	with_fixture(1, |fixture| {
		let tx = call_of(fixture, VAULT, 1_000, &[KEEP]);
		// No signature; a wrong one; a signature without a `From` (on a plain transfer).
		let mut unsigned = tx.clone();
		unsigned.from_signature = None;
		assert_refused(&unsigned, Error::<Test>::InvalidFromSignature);
		let mut forged = tx.clone();
		forged.from_signature.as_mut().unwrap()[40] ^= 1;
		assert_refused(&forged, Error::<Test>::InvalidFromSignature);
		// Signed by the spend key instead: right key material, wrong domain.
		let mut misused = tx.clone();
		misused.from_signature = Some(tx.spend_signatures[0]);
		assert_refused(&misused, Error::<Test>::InvalidFromSignature);
		let mut stray = fixture.transaction(1, 1, None::<Transparent<u64>>);
		stray.from_signature = tx.from_signature;
		assert_refused(&stray, Error::<Test>::InvalidFromSignature);
		// Somebody else's `From`, keeping the signature: the signed message changes, so
		// every signature fails; the first checked is a spend signature.
		let mut body = tx.body.clone();
		body.from = Some(tx.body.outputs[0].pkr);
		let stolen = Tx { body, ..tx.clone() };
		assert_refused(&stolen, Error::<Test>::InvalidSpendSignature);
		assert_applies_in_block(&tx);
	});
}

/// Only a call names a `From`: elsewhere checking it would be work nobody pays for.
#[test]
fn a_from_outside_a_call_is_refused() {
	with_fixture(1, |fixture| {
		let plain = fixture.transaction(1, 1, None::<Transparent<u64>>);
		let mut body = plain.body.clone();
		body.from = Some(CallFixture::sender().0);
		assert_refused(&fixture.sign(body, &[0], &[0]), Error::<Test>::UnexpectedFrom);
		assert_applies_in_block(&plain);
	});
}

/// A call pays the fee of one output more than it has: its `From` and its change's note.
#[test]
fn a_call_pays_the_fee_of_an_output_more() {
	with_fixture(1, |fixture| {
		// Two inputs of one SERO, one output: the fee is what the value leaves.
		let paying = |fee: u128| 2 * INPUT_VALUE - OUTPUT_VALUE - fee;
		let short = call_of(fixture, VAULT, paying(3 * FEE_PER_PROOF), &[KEEP]);
		assert_eq!(short.body.fee, 3 * FEE_PER_PROOF);
		assert_refused(&short, Error::<Test>::FeeTooLow);
		assert_applies_in_block(&call_of(fixture, VAULT, paying(4 * FEE_PER_PROOF), &[KEEP]));
	});
}

#[test]
fn the_module_s_refusals_are_the_call_s() {
	with_fixture(1, |fixture| {
		assert_refused(
			&call_of(fixture, *b"nobodyyy", 1_000, &[KEEP]),
			Error::<Test>::UnknownCallTarget,
		);
		assert_refused(&call_of(fixture, VAULT, 1_000, &[9]), Error::<Test>::BadCommand);
		assert_refused(&call_of(fixture, VAULT, 1_000, &[]), Error::<Test>::BadCommand);
		let expendability =
			DispatchError::from(polkadot_sdk::pallet_balances::Error::<Test>::Expendability);
		let DispatchError::Module(module) = expendability else { unreachable!() };
		assert_refused(
			&call_of(fixture, VAULT, 1_000, &[REFUSE]),
			Error::<Test>::CallRefused { code: module.error[0] },
		);
	});
}

/// The pool reports a module's error as its own custom code above the pallet's.
#[test]
fn a_refusal_s_code_names_the_module_s_error() {
	with_fixture(1, |fixture| {
		let call =
			crate::Call::<Test>::call { tx: Box::new(call_of(fixture, VAULT, 1_000, &[REFUSE])) };
		let code = match DispatchError::from(
			polkadot_sdk::pallet_balances::Error::<Test>::Expendability,
		) {
			DispatchError::Module(module) => module.error[0],
			_ => unreachable!(),
		};
		assert_eq!(
			Shielded::validate_unsigned(TransactionSource::External, &call).map(|_| ()),
			Err(InvalidTransaction::Custom(crate::CALL_REFUSED_CODES + code).into())
		);
	});
}

#[test]
fn calls_pay_in_sero_only() {
	with_fixture(1, |fixture| {
		let mut body = call_of(fixture, VAULT, 1_000, &[KEEP]).body;
		let Some(Transparent::Call { asset, .. }) = body.transparent.as_mut() else {
			unreachable!()
		};
		*asset = AssetId::token(b"GOLD").unwrap().into();
		assert_refused(&resigned(fixture, body), Error::<Test>::CallNotInSero);
	});
}

#[test]
fn a_call_the_pool_cannot_pay_is_refused() {
	with_fixture(1, |fixture| {
		let tx = call_of(fixture, VAULT, 1_000, &[KEEP]);
		let supply = Supply::<Test>::get(native());
		Supply::<Test>::insert(native(), tx.body.fee + 999);
		assert_refused(&tx, Error::<Test>::PoolExhausted);
		Supply::<Test>::insert(native(), supply);
		assert_applies_in_block(&tx);
	});
}

/// A module may pay change into one note more than the transaction's outputs: the tree must
/// have room for it.
#[test]
fn a_call_needs_room_for_a_note_more() {
	with_fixture(1, |fixture| {
		let frontier = Frontier::<Test>::get();
		Frontier::<Test>::put(FrontierState {
			size: sero_crypto::tree::CAPACITY - 1,
			filled: BoundedVec::truncate_from(vec![[0; 32]; 32]),
		});
		let tx = call_of(fixture, VAULT, 1_000, &[KEEP]);
		assert_refused(&tx, Error::<Test>::TreeFull);
		Frontier::<Test>::put(frontier);
		assert_applies_in_block(&tx);
	});
}

/// A call travels in `call` only, and `call` carries nothing else.
#[test]
fn a_call_is_the_call_call_s_only() {
	with_fixture(1, |fixture| {
		let not_unsigned = Err(TransactionValidityError::Invalid(InvalidTransaction::Call));
		let call_tx = call_of(fixture, VAULT, 1_000, &[KEEP]);
		for call in [
			crate::Call::<Test>::transact { tx: Box::new(call_tx.clone()) },
			crate::Call::<Test>::unshield { tx: Box::new(call_tx.clone()) },
			crate::Call::<Test>::call { tx: Box::new(fixture.transaction(1, 1, None)) },
		] {
			assert_eq!(
				Shielded::validate_unsigned(TransactionSource::External, &call).map(|_| ()),
				not_unsigned
			);
		}
		assert_noop!(
			Shielded::transact(RuntimeOrigin::none(), Box::new(call_tx.clone())),
			Error::<Test>::WrongTransparentFlow
		);
		assert_noop!(
			Shielded::call(RuntimeOrigin::none(), Box::new(fixture.transaction(1, 1, None))),
			Error::<Test>::WrongTransparentFlow
		);
	});
}

/// A call weighs an unshield with one output more (its `From`), its proofs' share of the
/// block's batch, and the module's work for its command.
#[test]
fn a_call_weighs_an_unshield_with_an_output_more_and_the_modules_work() {
	use polkadot_sdk::frame_support::{dispatch::GetDispatchInfo, weights::Weight};
	with_fixture(1, |fixture| {
		let call =
			crate::Call::<Test>::call { tx: Box::new(call_of(fixture, VAULT, 1_000, &[KEEP])) };
		assert_eq!(
			call.get_dispatch_info().call_weight,
			<() as crate::WeightInfo>::unshield(2, 2)
				+ Shielded::deferred_proofs_weight(4)
				+ Weight::from_parts(1_000_000, 0)
		);
	});
}
