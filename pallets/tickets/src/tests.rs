//! Every accept and reject path of the tickets. Rejections use `assert_noop!`, which also
//! shows the state unchanged.

use crate::{mock::*, Categories, Category, Error, Event, Ticket, Tickets as TicketStore};
use polkadot_sdk::frame_support::{assert_noop, assert_ok, traits::Contains};
use sero_crypto::asset::AssetId;

const CINEMA: &[u8] = b"CINEMA";

fn owner_pkr() -> [u8; 96] {
	[3; 96]
}

fn register(name: &[u8]) -> polkadot_sdk::sp_runtime::DispatchResult {
	Tickets::register_category(RuntimeOrigin::signed(ALICE), name.to_vec())
}

fn allot(
	who: u64,
	category: &[u8],
	value: u8,
	data: &[u8],
) -> polkadot_sdk::sp_runtime::DispatchResult {
	Tickets::allot(
		RuntimeOrigin::signed(who),
		category.to_vec(),
		[value; 32],
		owner_pkr(),
		data.to_vec(),
	)
}

fn id(category: &[u8], value: u8) -> sero_shielded_primitives::AssetId {
	AssetId::ticket(category, &[value; 32]).unwrap().into()
}

#[test]
fn an_issuer_registers_a_category_and_allots_tickets_into_notes_of_value_1() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(CINEMA));
		System::assert_last_event(
			Event::CategoryRegistered {
				category: CINEMA.to_vec().try_into().unwrap(),
				issuer: ALICE,
			}
			.into(),
		);
		assert!(crate::CategoryNames::<Test>::contains(&CINEMA.to_vec()));
		assert!(!crate::CategoryNames::<Test>::contains(&b"THEATRE".to_vec()));

		assert_ok!(allot(ALICE, CINEMA, 7, b"row 4 seat 12"));
		assert_ok!(allot(ALICE, CINEMA, 8, b""));
		let notes = issued();
		assert_eq!(notes.len(), 2);
		assert_eq!((notes[0].pkr, notes[0].asset, notes[0].value), (owner_pkr(), id(CINEMA, 7), 1));
		assert_eq!(&notes[0].memo[..6], CINEMA);
		assert_eq!(notes[1].asset, id(CINEMA, 8));
		System::assert_last_event(
			Event::Allotted {
				category: CINEMA.to_vec().try_into().unwrap(),
				value: [8; 32],
				ticket: id(CINEMA, 8),
				position: 1,
			}
			.into(),
		);
		assert_eq!(
			Tickets::ticket(id(CINEMA, 7)),
			Some(Ticket {
				category: CINEMA.to_vec(),
				value: [7; 32],
				data: b"row 4 seat 12".to_vec()
			})
		);
		assert_eq!(
			Tickets::category(CINEMA.to_vec()),
			Some(Category { issuer: ALICE, allotted: 2 })
		);
		// The same value of another category is another ticket.
		assert_ne!(id(CINEMA, 7), id(b"THEATRE", 7));
	});
}

#[test]
fn category_names_are_checked_and_unique_and_not_a_tokens() {
	new_test_ext().execute_with(|| {
		for bad in [&b""[..], b"cinema", b"1CINEMA", b"CINE-MA", &[b'A'; 33]] {
			assert_noop!(register(bad), Error::<Test>::BadName);
		}
		assert_noop!(register(TOKEN), Error::<Test>::NameTaken);
		assert_noop!(register(b"SERO"), Error::<Test>::NameTaken);
		assert_ok!(register(CINEMA));
		assert_noop!(
			Tickets::register_category(RuntimeOrigin::signed(BOB), CINEMA.to_vec()),
			Error::<Test>::CategoryExists
		);
		assert_eq!(
			Categories::<Test>::get(polkadot_sdk::frame_support::BoundedVec::truncate_from(
				CINEMA.to_vec()
			))
			.unwrap()
			.issuer,
			ALICE
		);
	});
}

#[test]
fn allot_refusals_change_nothing() {
	new_test_ext().execute_with(|| {
		assert_noop!(allot(ALICE, CINEMA, 7, b""), Error::<Test>::UnknownCategory);
		assert_noop!(allot(ALICE, &[b'A'; 40], 7, b""), Error::<Test>::UnknownCategory);
		assert_ok!(register(CINEMA));
		assert_noop!(allot(BOB, CINEMA, 7, b""), Error::<Test>::NotIssuer);
		assert_noop!(
			allot(ALICE, CINEMA, 7, &[0; MAX_DATA as usize + 1]),
			Error::<Test>::DataTooLong
		);
		assert_noop!(
			Tickets::allot(
				RuntimeOrigin::signed(ALICE),
				CINEMA.to_vec(),
				[7; 32],
				BAD_PKR,
				Vec::new()
			),
			polkadot_sdk::sp_runtime::DispatchError::Other("MalformedPoint")
		);
		assert!(issued().is_empty());
		assert_ok!(allot(ALICE, CINEMA, 7, &[0; MAX_DATA as usize]));
		assert_noop!(allot(ALICE, CINEMA, 7, b""), Error::<Test>::AlreadyAllotted);
		assert_eq!(issued().len(), 1);
		assert_eq!(Tickets::category(CINEMA.to_vec()).unwrap().allotted, 1);
	});
}

#[test]
fn the_issuer_alone_changes_a_tickets_data() {
	new_test_ext().execute_with(|| {
		assert_ok!(register(CINEMA));
		assert_ok!(allot(ALICE, CINEMA, 7, b"v1"));
		let set = |who, value, data: &[u8]| {
			Tickets::set_data(
				RuntimeOrigin::signed(who),
				CINEMA.to_vec(),
				[value; 32],
				data.to_vec(),
			)
		};
		assert_noop!(set(BOB, 7, b"v2"), Error::<Test>::NotIssuer);
		assert_noop!(set(ALICE, 8, b"v2"), Error::<Test>::UnknownTicket);
		assert_noop!(set(ALICE, 7, &[1; MAX_DATA as usize + 1]), Error::<Test>::DataTooLong);
		assert_noop!(
			Tickets::set_data(
				RuntimeOrigin::signed(ALICE),
				b"THEATRE".to_vec(),
				[7; 32],
				Vec::new()
			),
			Error::<Test>::UnknownCategory
		);
		assert_ok!(set(ALICE, 7, b"v2"));
		System::assert_last_event(Event::DataSet { ticket: id(CINEMA, 7) }.into());
		assert_eq!(Tickets::ticket(id(CINEMA, 7)).unwrap().data, b"v2".to_vec());
		assert_eq!(TicketStore::<Test>::get(id(CINEMA, 7)).unwrap().value, [7; 32]);
		assert_eq!(issued().len(), 1, "no new note");
	});
}
