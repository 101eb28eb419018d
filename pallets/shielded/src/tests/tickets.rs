//! Tickets in the pool ([`crate::Pallet::issue_into_note`]; docs/SHIELDED.md, "Tickets and
//! packages"): issued into one note of value 1, moved privately like any asset, never as
//! two notes, never out of the pool.

use super::{
	public_notes::{changes_nothing, issued, memo},
	*,
};

/// The ticket the tests issue: value 7 of the mock's category.
fn ticket() -> AssetId {
	AssetId::ticket(CATEGORY, &[7; 32]).unwrap()
}

/// The note at `position` as its owner's wallet reads it, with its path in the tree.
fn spend_of(position: u64, owner: &SpendingKey) -> Spend {
	let leaves: Vec<Base> = (0..Frontier::<Test>::get().size)
		.map(|p| base_from_bytes(&Nodes::<Test>::get(0, p).unwrap()).unwrap())
		.collect();
	let record = crate::Pallet::<Test>::leaves(position, 1).pop().unwrap();
	let pkr = sero_crypto::keys::OneTimeAddress::from_bytes(&record.pkr).unwrap();
	let secret = owner.one_time_secret(&pkr).expect("the owner's note");
	let EncryptedNote { epk, ciphertext } = record.note;
	let plain = note_encryption::decrypt(
		secret.vskr(),
		&note_encryption::EncryptedNote { epk, ciphertext },
	)
	.expect("the owner decrypts");
	Spend {
		note: OwnedNote { pkr, secret, asset: plain.asset, value: plain.value, ar: plain.ar },
		path: AuthPath::from_leaves(&leaves, position).unwrap(),
	}
}

/// The owner holds the ticket (leaf 0) and 100 SERO for fees (leaf 1), spendable.
fn owner_holds_the_ticket() -> [Spend; 2] {
	let pkr = |_| owner().public_key().one_time_address(&mut OsRng).to_bytes();
	assert_eq!(Shielded::issue_into_note(&pkr(0), ticket().into(), 1, memo()).ok(), Some(0));
	assert_eq!(Shielded::pay_into_note(&pkr(1), issued(100), memo()).ok(), Some(1));
	next_block();
	[spend_of(0, &owner()), spend_of(1, &owner())]
}

#[test]
fn a_ticket_is_issued_into_one_note_and_moves_privately() {
	new_test_ext().execute_with(|| {
		let spends = owner_holds_the_ticket();
		assert_eq!(Supply::<Test>::get(sero_shielded_primitives::AssetId::from(ticket())), 1);
		System::assert_has_event(
			Event::IssuedIntoNote { asset: ticket().into(), value: 1, position: 0 }.into(),
		);
		assert_eq!((spends[0].note.asset, spends[0].note.value), (ticket(), 1));

		// To the recipient, the fee paid from the SERO note: 2 in, 2 out.
		let tx = builder::build::<u64>(
			keys(),
			&spends,
			&[pay(&recipient(), ticket(), 1), pay(&owner(), AssetId::native(), 60)],
			40,
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_applies_in_block(&tx);
		let received = owned_note(&tx, 0, &recipient());
		assert_eq!((received.asset, received.value), (ticket(), 1));
		assert_eq!(Supply::<Test>::get(sero_shielded_primitives::AssetId::from(ticket())), 1);
	});
}

/// The balance conserves `Σ value·B(ticket)`, and every value is below 2¹²⁸: one note of
/// value 1 in cannot become two notes of value 1, nor one of value 2, out.
#[test]
fn a_ticket_cannot_be_copied() {
	new_test_ext().execute_with(|| {
		let spends = owner_holds_the_ticket();
		let copies = |outputs: &[Payment], fee| {
			builder::assemble::<u64>(keys(), &spends, outputs, fee, None, &mut OsRng).unwrap()
		};
		let two_notes = copies(
			&[
				pay(&recipient(), ticket(), 1),
				pay(&owner(), ticket(), 1),
				pay(&owner(), AssetId::native(), 50),
			],
			50,
		);
		assert_noop!(transact(&two_notes), Error::<Test>::Unbalanced);
		let value_two =
			copies(&[pay(&recipient(), ticket(), 2), pay(&owner(), AssetId::native(), 60)], 40);
		assert_noop!(transact(&value_two), Error::<Test>::Unbalanced);
		// The control: the same transaction with the ticket's one note applies.
		let one =
			copies(&[pay(&recipient(), ticket(), 1), pay(&owner(), AssetId::native(), 60)], 40);
		assert_ok!(transact(&one));
	});
}

/// Tickets have no transparent holdings: no public flow names one.
#[test]
fn a_ticket_cannot_leave_the_pool() {
	new_test_ext().execute_with(|| {
		let spends = owner_holds_the_ticket();
		let out = Transparent::Out { to: BOB, asset: ticket().into(), value: 1 };
		let tx = builder::build::<u64>(
			keys(),
			&spends,
			&[pay(&owner(), AssetId::native(), 70)],
			30,
			Some(out),
			&mut OsRng,
		)
		.unwrap();
		assert_noop!(
			Shielded::unshield(RuntimeOrigin::none(), Box::new(tx)),
			Error::<Test>::UnknownAsset
		);
	});
}

#[test]
fn issuing_is_refused_for_a_registered_asset_a_bad_pkr_or_nothing_and_writes_nothing() {
	new_test_ext().execute_with(|| {
		let pkr = owner().public_key().one_time_address(&mut OsRng).to_bytes();
		let refused = |pkr: &[u8; 96], asset: AssetId, value| {
			changes_nothing(|| Shielded::issue_into_note(pkr, asset.into(), value, memo()))
				.map_err(DispatchError::from)
		};
		// SERO is backed by the pool account: issuing it would break the backing.
		assert_eq!(refused(&pkr, AssetId::native(), 1), Err(Error::<Test>::AssetExists.into()));
		assert_eq!(refused(&[0xff; 96], ticket(), 1), Err(Error::<Test>::MalformedPoint.into()));
		assert_eq!(refused(&pkr, ticket(), 0), Err(Error::<Test>::NothingToPay.into()));
		let full = polkadot_sdk::frame_support::storage::with_transaction(|| {
			Frontier::<Test>::mutate(|frontier| frontier.size = sero_crypto::tree::CAPACITY);
			assert_eq!(refused(&pkr, ticket(), 1), Err(Error::<Test>::TreeFull.into()));
			polkadot_sdk::frame_support::storage::TransactionOutcome::Rollback(
				Ok::<_, DispatchError>(()),
			)
		});
		assert!(full.is_ok());
		assert_eq!(Shielded::issue_into_note(&pkr, ticket().into(), 1, memo()).ok(), Some(0));
	});
}

#[test]
fn a_token_may_not_take_a_ticket_categorys_name() {
	new_test_ext().execute_with(|| {
		assert_noop!(
			Shielded::register_token(
				RuntimeOrigin::root(),
				BoundedVec::truncate_from(CATEGORY.to_vec()),
				GOLD
			),
			Error::<Test>::NameTaken
		);
	});
}
