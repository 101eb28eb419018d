//! Packages (SPEC §6; docs/SHIELDED.md, "Tickets and packages"): created from notes with
//! their value conserved, transferred and opened by their owner only, once; every refusal
//! leaves the state as it was.

use super::*;
use crate::{PackageCount, PackageIds, Packages};
use sero_crypto::{
	keys::{OneTimeAddress, OneTimeSecret},
	package::{self, PackageContent},
	Scalar,
};
use sero_shielded_builder::{PackageOrder, Sender};
use sero_shielded_primitives::{PackageAction, PackageId};

const ID: PackageId = PackageId([0x9a; 32]);
const KEY: [u8; 32] = [0x4b; 32];
/// What the tests' package holds.
const VALUE: u128 = 250;

/// A fresh one-time address of `owner`, with its secrets.
fn sender(owner: &SpendingKey) -> Sender {
	let pkr = owner.public_key().one_time_address(&mut OsRng);
	let secret: OneTimeSecret = owner.one_time_secret(&pkr).unwrap();
	Sender { pkr, secret }
}

fn create_order(owner: OneTimeAddress, value: u128) -> PackageOrder {
	PackageOrder::Create {
		id: ID,
		owner,
		key: KEY,
		asset: AssetId::native(),
		value,
		data: b"the keys to the shed".to_vec(),
	}
}

/// The owner seals 250 SERO of the 600 note into a package owned by `owner`; 320 come back,
/// the fee is 30 (one input, one output and the package's proof).
fn create(package_owner: OneTimeAddress) -> Tx {
	builder::build_package::<u64>(
		keys(),
		&world().notes[..1],
		&[pay(&owner(), AssetId::native(), 320)],
		30,
		&create_order(package_owner, VALUE),
		None,
		&mut OsRng,
	)
	.unwrap()
}

/// `by` gives the package to `to`, paying the fee from the 400 note: 380 back, fee 20.
fn transfer(by: &Sender, to: OneTimeAddress) -> Tx {
	builder::build_package::<u64>(
		keys(),
		&world().notes[1..],
		&[pay(&owner(), AssetId::native(), 380)],
		20,
		&PackageOrder::Transfer { id: ID, to },
		Some(by),
		&mut OsRng,
	)
	.unwrap()
}

/// `by` opens the package, whose content is `content`: its value pays the fee (10: no
/// input, one output) and the rest goes to the recipient.
fn open(by: &Sender, content: PackageContent) -> Tx {
	let value = content.value;
	builder::assemble_package::<u64>(
		keys(),
		&[],
		&[pay(&recipient(), AssetId::native(), value - 10)],
		10,
		&PackageOrder::Open { id: ID, content },
		Some(by),
		&mut OsRng,
	)
	.unwrap()
}

/// The package's content, read with its key as a key holder reads it.
fn content() -> PackageContent {
	let record = Packages::<Test>::get(ID).expect("the package");
	let content = package::open(&KEY, &ID.0, &record.sealed).expect("the key opens it");
	assert!(content.matches(&record.asset_cm.0), "the content opens the commitment");
	content
}

#[test]
fn a_package_is_created_transferred_and_opened_with_its_value_conserved() {
	new_test_ext().execute_with(|| {
		setup();
		let (alice_pkg, bob_pkg) = (sender(&owner()), sender(&recipient()));
		let supply = Supply::<Test>::get(native());

		assert_applies_in_block(&create(alice_pkg.pkr));
		System::assert_has_event(Event::PackageCreated { id: ID }.into());
		let record = Packages::<Test>::get(ID).unwrap();
		assert_eq!((record.owner, record.opened_at), (alice_pkg.pkr.to_bytes(), None));
		assert_eq!((PackageCount::<Test>::get(), PackageIds::<Test>::get(0)), (1, Some(ID)));
		let opened = content();
		assert_eq!((opened.asset, opened.value), (AssetId::native(), VALUE));
		assert_eq!(opened.data, b"the keys to the shed");
		// The fee left the pool; the package's value stays in it.
		assert_eq!(Supply::<Test>::get(native()), supply - 30);

		assert_applies_in_block(&transfer(&alice_pkg, bob_pkg.pkr));
		System::assert_has_event(Event::PackageTransferred { id: ID }.into());
		assert_eq!(Packages::<Test>::get(ID).unwrap().owner, bob_pkg.pkr.to_bytes());
		assert_eq!(content(), opened, "content and key unchanged");

		let tx = open(&bob_pkg, opened);
		assert_applies_in_block(&tx);
		System::assert_has_event(Event::PackageOpened { id: ID }.into());
		assert!(Packages::<Test>::get(ID).unwrap().opened_at.is_some());
		let note = owned_note(&tx, 0, &recipient());
		assert_eq!((note.asset, note.value), (AssetId::native(), VALUE - 10));
		assert_eq!(Supply::<Test>::get(native()), supply - 30 - 20 - 10);
	});
}

#[test]
fn creating_a_package_conserves_value_and_uses_an_id_once() {
	new_test_ext().execute_with(|| {
		setup();
		let alice_pkg = sender(&owner());
		// 300 sealed, 250 taken from the notes: the balance refuses it.
		let forged = builder::assemble_package::<u64>(
			keys(),
			&world().notes[..1],
			&[pay(&owner(), AssetId::native(), 320)],
			30,
			&create_order(alice_pkg.pkr, VALUE + 50),
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_refused(&forged, Error::<Test>::Unbalanced);
		// A package's proof is charged as an output.
		let cheap = builder::assemble_package::<u64>(
			keys(),
			&world().notes[..1],
			&[pay(&owner(), AssetId::native(), 330)],
			20,
			&create_order(alice_pkg.pkr, VALUE),
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_refused(&cheap, Error::<Test>::FeeTooLow);

		assert_applies_in_block(&create(alice_pkg.pkr));
		// The same id again, from the other note.
		let again = builder::build_package::<u64>(
			keys(),
			&world().notes[1..],
			&[pay(&owner(), AssetId::native(), 120)],
			30,
			&create_order(alice_pkg.pkr, VALUE),
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_refused(&again, Error::<Test>::PackageExists);
	});
}

#[test]
fn only_the_owner_transfers_or_opens_a_package_once() {
	new_test_ext().execute_with(|| {
		setup();
		let (alice_pkg, bob_pkg) = (sender(&owner()), sender(&recipient()));
		assert_refused(&transfer(&alice_pkg, bob_pkg.pkr), Error::<Test>::UnknownPackage);
		assert_applies_in_block(&create(alice_pkg.pkr));
		let opened = content();

		// Another one-time address, even of the same account, is not the owner.
		let other = sender(&owner());
		assert_refused(&transfer(&other, bob_pkg.pkr), Error::<Test>::NotPackageOwner);
		assert_refused(&open(&bob_pkg, opened.clone()), Error::<Test>::NotPackageOwner);
		// A malformed new owner.
		let mut to_nobody = transfer(&alice_pkg, bob_pkg.pkr);
		if let Some(PackageAction::Transfer { to, .. }) = &mut to_nobody.body.package {
			*to = [0xff; 96];
		}
		assert_refused(&to_nobody, Error::<Test>::MalformedPoint);
		// Without a `From` nobody is the owner.
		let mut anonymous = open(&alice_pkg, opened.clone());
		anonymous.body.from = None;
		anonymous.from_signature = None;
		assert_refused(&anonymous, Error::<Test>::NoSender);
		// The owner's `From` with a signature of another key.
		let mut forged = open(&alice_pkg, opened.clone());
		forged.from_signature = open(&other, opened.clone()).from_signature;
		assert_refused(&forged, Error::<Test>::InvalidFromSignature);

		// Opening with a wrong content (a guessed blinding): the balance does not close.
		let guessed = PackageContent { ar: opened.ar + Scalar::from(1u64), ..opened.clone() };
		assert_refused(&open(&alice_pkg, guessed), Error::<Test>::Unbalanced);
		// More than it holds.
		let more = PackageContent { value: VALUE + 100, ..opened.clone() };
		assert_refused(&open(&alice_pkg, more), Error::<Test>::Unbalanced);

		assert_applies_in_block(&open(&alice_pkg, opened.clone()));
		assert_refused(&open(&alice_pkg, opened), Error::<Test>::PackageOpened);
		assert_refused(&transfer(&alice_pkg, bob_pkg.pkr), Error::<Test>::PackageOpened);
	});
}

#[test]
fn a_package_travels_in_a_private_transfer_only() {
	new_test_ext().execute_with(|| {
		setup();
		let alice_pkg = sender(&owner());
		let mut unshield = unshield_to_bob(&world().notes[0], 590, true);
		unshield.body.package = create(alice_pkg.pkr).body.package;
		assert_noop!(
			Shielded::unshield(RuntimeOrigin::none(), Box::new(unshield)),
			Error::<Test>::PackageWithPublicFlow
		);
		// A creation names no `From`.
		let mut from = create(alice_pkg.pkr);
		from.body.from = Some(alice_pkg.pkr.to_bytes());
		assert_refused(&from, Error::<Test>::UnexpectedFrom);
	});
}

#[test]
fn two_actions_on_one_package_never_share_a_block() {
	new_test_ext().execute_with(|| {
		setup();
		let alice_pkg = sender(&owner());
		assert_applies_in_block(&create(alice_pkg.pkr));
		let tag = |tx: &Tx| {
			Shielded::validate_unsigned(TransactionSource::External, &unsigned_call(tx))
				.unwrap()
				.provides
		};
		// The pool prefixes the pallet's tags.
		let package_tag = ("SeroShielded", (b"package", ID)).encode();
		let opening = open(&alice_pkg, content());
		assert_eq!(tag(&opening), vec![package_tag.clone()], "no note, the package");
		let giving = transfer(&alice_pkg, sender(&recipient()).pkr);
		assert!(tag(&giving).contains(&package_tag));
	});
}
