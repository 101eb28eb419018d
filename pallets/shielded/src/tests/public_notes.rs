//! Notes the runtime pays into ([`crate::Pallet::pay_into_note`]): found by the owner's keys
//! as a wallet finds notes, spent with a real proof, the pool backing them; every refusal
//! leaves the state as it was and hands the credit back.

use super::*;
use polkadot_sdk::frame_support::{
	storage::{with_transaction, TransactionOutcome},
	traits::{fungible::Balanced, Imbalance},
};
use sero_crypto::{keys::OneTimeAddress, public_note::public_note};

/// The memo of the tests' notes.
pub(super) fn memo() -> [u8; 64] {
	let mut memo = [0; 64];
	memo[..12].copy_from_slice(b"block reward");
	memo
}

/// `value` newly issued SERO.
pub(super) fn issued(value: u128) -> crate::public_notes::CreditOf<Test> {
	<Balances as Balanced<u64>>::issue(value)
}

#[test]
fn a_note_paid_by_the_runtime_is_found_and_spent_by_its_owner() {
	new_test_ext().execute_with(|| {
		let pkr = owner().public_key().one_time_address(&mut OsRng);
		let (issuance, bob) = (Balances::total_issuance(), Balances::balance(&BOB));
		let position = Shielded::pay_into_note(&pkr.to_bytes(), issued(1_000), memo()).unwrap();
		assert_eq!((position, Frontier::<Test>::get().size), (0, 1));
		assert_eq!(Balances::total_issuance(), issuance + 1_000);
		assert_eq!(Supply::<Test>::get(native()), 1_000);
		Shielded::check_pool_backing().unwrap();
		System::assert_last_event(Event::PaidIntoNote { value: 1_000, position: 0 }.into());

		// As the owner's wallet finds it: its PKr, its note decrypted, the commitment opened.
		let record = crate::Pallet::<Test>::leaves(0, 1).pop().unwrap();
		assert_eq!(record.pkr, pkr.to_bytes());
		let secret = owner().one_time_secret(&pkr).expect("the owner's PKr");
		let EncryptedNote { epk, ciphertext } = record.note.clone();
		let plain = note_encryption::decrypt(
			secret.vskr(),
			&note_encryption::EncryptedNote { epk, ciphertext },
		)
		.expect("the owner decrypts");
		assert_eq!((plain.asset, plain.value, plain.memo), (AssetId::native(), 1_000, memo()));
		let owned = OwnedNote { pkr, secret, asset: plain.asset, value: plain.value, ar: plain.ar };
		assert_eq!(point::encode(&owned.asset_cm().unwrap()), record.asset_cm.0);
		assert!(recipient().one_time_secret(&pkr).is_none(), "nobody else's");

		// Spent with a real proof once its root is an anchor.
		next_block();
		let leaf = note::leaf(&pkr, &owned.asset_cm().unwrap());
		let spend = Spend { note: owned, path: AuthPath::from_leaves(&[leaf], 0).unwrap() };
		assert_applies_in_block(&unshield_to_bob(&spend, 990, true));
		assert_eq!(Balances::balance(&BOB), bob + 990);
		assert_eq!(Supply::<Test>::get(native()), 0);
		Shielded::check_pool_backing().unwrap();
	});
}

#[test]
fn each_note_is_appended_after_the_last() {
	new_test_ext().execute_with(|| {
		let pay = |value| {
			let pkr = owner().public_key().one_time_address(&mut OsRng);
			Shielded::pay_into_note(&pkr.to_bytes(), issued(value), memo()).unwrap()
		};
		assert_eq!((pay(5), pay(6), pay(7)), (0, 1, 2));
		assert_eq!(Supply::<Test>::get(native()), 18);
		// What is stored is what the note would be at its position.
		let record = crate::Pallet::<Test>::leaves(1, 1).pop().unwrap();
		let pkr = OneTimeAddress::from_bytes(&record.pkr).unwrap();
		let base = AssetId::native().base().unwrap();
		let expected = public_note(&pkr, &AssetId::native(), &base, 6, memo(), 1).unwrap();
		assert_eq!(record.note.epk, expected.note.epk);
		assert_eq!(Nodes::<Test>::get(0, 1), Some(base_to_bytes(&expected.leaf)));
		Shielded::check_pool_backing().unwrap();
	});
}

/// Runs `f` and shows it changed no storage: the state root is the same after.
pub(super) fn changes_nothing<R>(f: impl FnOnce() -> R) -> R {
	let before = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
	let result = f();
	let after = polkadot_sdk::sp_io::storage::root(polkadot_sdk::sp_runtime::StateVersion::V1);
	assert_eq!(before, after, "the state changed");
	result
}

/// `pay_into_note` refusing `value` with `error`: the credit comes back whole and the call
/// writes nothing (no storage layer is needed to undo anything).
#[track_caller]
fn assert_refused(pkr: &[u8; 96], value: u128, error: Error<Test>) {
	let issuance = Balances::total_issuance();
	// Issuing and dropping the credit records events: only the call is checked.
	let credit = issued(value);
	match changes_nothing(|| Shielded::pay_into_note(pkr, credit, memo())) {
		Err((credit, refused)) => {
			assert_eq!(DispatchError::from(refused), DispatchError::from(error));
			assert_eq!(credit.peek(), value, "the credit comes back whole");
		},
		Ok(position) => panic!("paid into note {position}"),
	}
	// The credit dropped: issuance as before.
	assert_eq!(Balances::total_issuance(), issuance);
}

#[test]
fn refusals_hand_the_credit_back_and_write_nothing() {
	new_test_ext().execute_with(|| {
		let pkr = owner().public_key().one_time_address(&mut OsRng).to_bytes();
		assert_refused(&pkr, 0, Error::<Test>::NothingToPay);
		// Not three points of the subgroup: the identity, then bytes that decode to none.
		let mut identity = [0u8; 96];
		for point in identity.chunks_mut(32) {
			point.copy_from_slice(&point::encode(&Default::default()));
		}
		assert_refused(&identity, 10, Error::<Test>::MalformedPoint);
		assert_refused(&[0xff; 96], 10, Error::<Test>::MalformedPoint);
		let mut one_bad = pkr;
		one_bad[64..].copy_from_slice(&[0xff; 32]);
		assert_refused(&one_bad, 10, Error::<Test>::MalformedPoint);

		// A full tree.
		let full = with_transaction(|| {
			Frontier::<Test>::mutate(|frontier| frontier.size = sero_crypto::tree::CAPACITY);
			assert_refused(&pkr, 10, Error::<Test>::TreeFull);
			TransactionOutcome::Rollback(Ok::<_, DispatchError>(()))
		});
		assert!(full.is_ok());

		// SERO's registry entry gone (no path removes it).
		let sero = Registry::<Test>::take(native()).unwrap();
		assert_refused(&pkr, 10, Error::<Test>::UnknownAsset);
		Registry::<Test>::insert(native(), sero);
		assert_eq!(Shielded::pay_into_note(&pkr, issued(10), memo()).ok(), Some(0));
	});
}
