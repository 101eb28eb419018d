//! Every accept and reject path of the shielded pool, with real proofs. Rejections use
//! `assert_noop!`, which also proves that state did not change.

// The pool's validation is `ValidateUnsigned`, deprecated in stable2609 (see lib.rs).
#![allow(deprecated)]

use crate::{
	benchmark_fixture::{Fixture, FixtureInput, FixtureOutput, INPUT_VALUE, OUTPUT_VALUE},
	mock::*,
	types::*,
	Error, Event, Frontier, Nodes, Nullifiers, Registry, Roots, Supply,
};
use codec::{Decode, Encode};
use polkadot_sdk::{
	frame_support::{assert_noop, assert_ok, traits::fungible::Inspect, BoundedVec},
	sp_runtime::{
		traits::ValidateUnsigned,
		transaction_validity::{InvalidTransaction, TransactionSource, TransactionValidityError},
		DispatchError,
	},
};
use rand_core::OsRng;
use sero_crypto::{
	asset::AssetId,
	base_from_bytes, base_to_bytes,
	keys::{scalar_to_bytes, Seed, SpendingKey},
	note, note_encryption, point,
	tree::{AuthPath, Frontier as NativeFrontier},
	Base,
};
use sero_shielded_builder::{self as builder, OwnedNote, Payment, Spend};
use sero_shielded_primitives::{Anchor, AssetCommitment, Leaf, Nullifier};
use sero_shielded_primitives::{EncryptedNote, ShieldedTransaction, Transparent};
use std::sync::OnceLock;

mod calls;
mod deferral;
mod double_spend;
mod encodings;
mod leaves;
mod packages;
mod payouts;
mod public_notes;
mod rollback;
mod tickets;

type Tx = ShieldedTransaction<u64>;

/// How the pool and a block report `error`: `InvalidTransaction::Custom` with its index, or
/// for a module's refusal of a call, [`crate::CALL_REFUSED_CODES`] plus the module's.
fn custom(error: DispatchError) -> TransactionValidityError {
	match error {
		DispatchError::Module(m) => {
			let code = match Error::<Test>::decode(&mut &m.error[..]) {
				Ok(Error::CallRefused { code }) => crate::CALL_REFUSED_CODES + code,
				_ => m.error[0],
			};
			TransactionValidityError::Invalid(InvalidTransaction::Custom(code))
		},
		_ => unreachable!("pallet errors are module errors"),
	}
}

/// Runs `test` with the benchmark fixture's sixteen one-SERO notes spendable (and its keys),
/// SERO's existential deposit at `existential_deposit`.
fn with_fixture(existential_deposit: u128, test: impl FnOnce(&Fixture)) {
	ExistentialDeposit::set(existential_deposit);
	new_test_ext().execute_with(|| {
		let fixture = Fixture::load();
		fixture.install::<Test>();
		test(&fixture);
	});
}

/// The unsigned call carrying `tx`: an unshield if it pays out, a call if it calls, else a
/// transfer.
fn unsigned_call(tx: &Tx) -> crate::Call<Test> {
	match tx.body.transparent {
		Some(Transparent::Out { .. }) => crate::Call::unshield { tx: Box::new(tx.clone()) },
		Some(Transparent::Call { .. }) => crate::Call::call { tx: Box::new(tx.clone()) },
		_ => crate::Call::transact { tx: Box::new(tx.clone()) },
	}
}

/// Dispatches the unsigned call carrying `tx`, without `pre_dispatch`.
fn dispatch(tx: &Tx) -> polkadot_sdk::sp_runtime::DispatchResult {
	match tx.body.transparent {
		Some(Transparent::Out { .. }) => {
			Shielded::unshield(RuntimeOrigin::none(), Box::new(tx.clone()))
		},
		Some(Transparent::Call { .. }) => {
			Shielded::call(RuntimeOrigin::none(), Box::new(tx.clone()))
		},
		_ => transact(tx),
	}
}

/// `tx` is refused with `error` everywhere it could enter the chain, and nothing changes:
/// the pool does not accept it, a block cannot include it (`pre_dispatch` and the executive
/// refuse it as invalid, rather than including it as a failed call), and the call itself
/// fails.
#[track_caller]
fn assert_refused(tx: &Tx, error: Error<Test>) {
	let error = DispatchError::from(error);
	let call = unsigned_call(tx);
	assert_eq!(
		Shielded::validate_unsigned(TransactionSource::External, &call).map(|_| ()),
		Err(custom(error)),
		"the pool"
	);
	assert_noop!(Shielded::pre_dispatch(&call), custom(error));
	assert_noop!(apply_in_block(call), custom(error));
	assert_noop!(dispatch(tx), error);
}

/// `tx` is accepted by the pool, included in a block and applied.
#[track_caller]
fn assert_applies_in_block(tx: &Tx) {
	let call = unsigned_call(tx);
	assert!(Shielded::validate_unsigned(TransactionSource::External, &call).is_ok());
	assert_eq!(apply_in_block(call), Ok(Ok(())));
}

fn owner() -> SpendingKey {
	SpendingKey::from_seed(&Seed::from_bytes([1; 32]))
}

fn recipient() -> SpendingKey {
	SpendingKey::from_seed(&Seed::from_bytes([2; 32]))
}

fn pay(to: &SpendingKey, asset: AssetId, value: u128) -> Payment {
	Payment { to: to.public_key().one_time_address(&mut OsRng), asset, value, memo: [0; 64] }
}

/// Decrypts output `index` of `tx` as its owner's wallet would.
fn owned_note(tx: &Tx, index: usize, owner: &SpendingKey) -> OwnedNote {
	let output = &tx.body.outputs[index];
	let pkr = sero_crypto::keys::OneTimeAddress::from_bytes(&output.pkr).unwrap();
	let secret = owner.one_time_secret(&pkr).expect("the note is the owner's");
	let EncryptedNote { epk, ciphertext } = output.note.clone();
	let plain = note_encryption::decrypt(
		secret.vskr(),
		&note_encryption::EncryptedNote { epk, ciphertext },
	)
	.expect("the owner decrypts");
	OwnedNote { pkr, secret, asset: plain.asset, value: plain.value, ar: plain.ar }
}

fn leaf_of(tx: &Tx, index: usize) -> Base {
	let output = &tx.body.outputs[index];
	let pkr = sero_crypto::keys::OneTimeAddress::from_bytes(&output.pkr).unwrap();
	note::leaf(&pkr, &point::decode(&output.asset_cm.0).unwrap())
}

/// The transactions the tests replay: built once, proven for real.
struct World {
	/// Alice shields 600 and 400 SERO into two notes of the owner (leaves 0 and 1).
	shield: Tx,
	/// Alice shields 100 GOLD into a note of the owner (leaf 2 after `shield`).
	shield_gold: Tx,
	/// The two SERO notes and their paths in the tree after `shield` and `shield_gold`.
	notes: Vec<Spend>,
	/// The GOLD note and its path.
	gold: Spend,
}

fn world() -> &'static World {
	static WORLD: OnceLock<World> = OnceLock::new();
	WORLD.get_or_init(|| {
		let native = AssetId::native();
		let shield = builder::build(
			keys(),
			&[],
			&[pay(&owner(), native, 600), pay(&owner(), native, 400)],
			0,
			Some(Transparent::In { from: ALICE, asset: native.into(), value: 1_000 }),
			&mut OsRng,
		)
		.unwrap();
		let gold_id = AssetId::token(b"GOLD").unwrap();
		let shield_gold = builder::build(
			keys(),
			&[],
			&[pay(&owner(), gold_id, 100)],
			0,
			Some(Transparent::In { from: ALICE, asset: gold_id.into(), value: 100 }),
			&mut OsRng,
		)
		.unwrap();
		let leaves = [leaf_of(&shield, 0), leaf_of(&shield, 1), leaf_of(&shield_gold, 0)];
		let spend = |tx: &Tx, index: usize, position: u64| Spend {
			note: owned_note(tx, index, &owner()),
			path: AuthPath::from_leaves(&leaves, position).unwrap(),
		};
		World {
			notes: vec![spend(&shield, 0, 0), spend(&shield, 1, 1)],
			gold: spend(&shield_gold, 0, 2),
			shield,
			shield_gold,
		}
	})
}

/// Registers GOLD, applies both shields and closes the block: the notes are spendable.
fn setup() {
	assert_ok!(Shielded::register_token(
		RuntimeOrigin::root(),
		BoundedVec::truncate_from(b"GOLD".to_vec()),
		GOLD
	));
	assert_ok!(Shielded::shield(RuntimeOrigin::signed(ALICE), Box::new(world().shield.clone())));
	assert_ok!(Shielded::shield(
		RuntimeOrigin::signed(ALICE),
		Box::new(world().shield_gold.clone())
	));
	next_block();
}

/// A 2-in/2-out transfer of both SERO notes: 700 to the recipient, 260 change, fee 40.
fn transfer() -> Tx {
	let native = AssetId::native();
	builder::build::<u64>(
		keys(),
		&world().notes,
		&[pay(&recipient(), native, 700), pay(&owner(), native, 260)],
		40,
		None,
		&mut OsRng,
	)
	.unwrap()
}

/// Spends the 600 note: 580 to the recipient, fee 20.
fn spend_first() -> Tx {
	builder::build::<u64>(
		keys(),
		&world().notes[..1],
		&[pay(&recipient(), AssetId::native(), 580)],
		20,
		None,
		&mut OsRng,
	)
	.unwrap()
}

/// Spends `spend` entirely: `value` SERO to Bob, fee 10, no change. Built with the
/// balance check, or (`checked = false`) without it, as a forger would.
fn unshield_to_bob(spend: &Spend, value: u128, checked: bool) -> Tx {
	let out = Some(Transparent::Out { to: BOB, asset: native(), value });
	let spends = [spend.clone()];
	if checked {
		builder::build(keys(), &spends, &[], 10, out, &mut OsRng).unwrap()
	} else {
		builder::assemble(keys(), &spends, &[], 10, out, &mut OsRng).unwrap()
	}
}

fn transact(tx: &Tx) -> polkadot_sdk::sp_runtime::DispatchResult {
	Shielded::transact(RuntimeOrigin::none(), Box::new(tx.clone()))
}

fn pool() -> u64 {
	Shielded::pool_account()
}

fn native() -> sero_shielded_primitives::AssetId {
	AssetId::native().into()
}

#[test]
fn on_initialize_reserves_the_weight_of_on_finalize_and_the_batch() {
	use polkadot_sdk::frame_support::traits::Hooks;
	new_test_ext().execute_with(|| {
		let reserved = <Shielded as Hooks<_>>::on_initialize(1);
		let on_finalize = <() as crate::weights::WeightInfo>::on_finalize();
		let batch = Shielded::deferred_batch_weight();
		assert!(on_finalize.ref_time() > 0 && batch.ref_time() > 0);
		let both = on_finalize + batch;
		assert!(reserved.all_gte(both), "{reserved:?} < {both:?}");
	});
}

/// Picoseconds (a weight's unit of time) in a millisecond.
const MS: u64 = 1_000_000_000;

/// The fastest runs of the benchmarks without components on any machine and build they ran
/// on (their "minimum time" in weights.rs: `on_finalize` 2026-11-21, Intel Xeon, test
/// profile; the others 2026-12-01, AMD EPYC, release build), in picoseconds. A weights.rs
/// regenerated on a faster machine may lower these.
const SET_VERIFYING_KEY_FASTEST: u64 = 646_652_000;
/// See [`SET_VERIFYING_KEY_FASTEST`].
const REGISTER_TOKEN_FASTEST: u64 = 100_869_000;
/// See [`SET_VERIFYING_KEY_FASTEST`].
const ON_FINALIZE_FASTEST: u64 = 1_377_818_000;

/// Every weight covers what the work was measured to cost apart from the benchmarks
/// (docs/BENCHMARKS.md, "Shielded pool"), or a block could hold more work than its time
/// allows. Kills any weight function of `weights.rs` replaced by zero.
#[test]
fn weights_cover_the_costs_measured_apart_from_the_benchmarks() {
	use crate::weights::WeightInfo;
	type W = ();
	let at_least =
		|weight: polkadot_sdk::frame_support::weights::Weight, floor: u64, what: &str| {
			assert!(weight.ref_time() >= floor, "{what}: {weight:?} < {floor} ps");
		};
	// What a block is charged for an unsigned transaction of `i` inputs and `o` outputs
	// (its benchmark and its proofs' share of the block's batch), with the batch's fixed
	// cost, which every block is charged once.
	let batch = |proofs: u32| W::verify_deferred_proofs(proofs) - W::verify_deferred_proofs(0);
	let fixed = W::verify_deferred_proofs(0);
	let transact = |i: u32, o: u32| W::transact(i, o) + batch(i + o);
	let unshield = |i: u32, o: u32| W::unshield(i, o) + batch(i + o);
	// A whole 2-in/2-out transaction validated in the runtime: 7.40 ms.
	at_least(transact(2, 2) + fixed, 7_400 * MS / 1_000, "transact(2, 2)");
	at_least(unshield(2, 2) + fixed, 7_400 * MS / 1_000, "unshield(2, 2)");
	// One input proof verified natively: 1.46 ms; one output proof: 1.07 ms.
	at_least(transact(1, 0) + fixed, 1_460 * MS / 1_000, "transact(1, 0)");
	at_least(unshield(1, 0) + fixed, 1_460 * MS / 1_000, "unshield(1, 0)");
	at_least(W::shield(1), 1_070 * MS / 1_000, "shield(1)");
	// Each proof more adds ≈ 0.35 ms to the batch that verifies them.
	let per_proof = 350 * MS / 1_000;
	at_least(batch(1), per_proof, "a deferred proof");
	for n in [1, 8, 15] {
		for (what, more, fewer) in [
			("transact input", transact(n + 1, n), transact(n, n)),
			("transact output", transact(n, n + 1), transact(n, n)),
			("unshield input", unshield(n + 1, n), unshield(n, n)),
			("unshield output", unshield(n, n + 1), unshield(n, n)),
			("shield output", W::shield(n + 1), W::shield(n)),
		] {
			at_least(more.saturating_sub(fewer), per_proof, what);
		}
	}
	// The calls without proofs: at least their fastest benchmarked run (weights.rs).
	at_least(W::set_verifying_key(), SET_VERIFYING_KEY_FASTEST, "set_verifying_key");
	at_least(W::register_token(), REGISTER_TOKEN_FASTEST, "register_token");
	at_least(W::on_finalize(), ON_FINALIZE_FASTEST, "on_finalize");
}

/// A shield or unshield of a token is charged the token's transfer and the reads of its
/// checks on top of the benchmark, which moves SERO; a transfer and SERO flows are not.
#[test]
fn token_flows_pay_for_the_token_transfer() {
	use crate::weights::WeightInfo;
	use polkadot_sdk::frame_support::dispatch::GetDispatchInfo;
	new_test_ext().execute_with(|| {
		let weight = |call: crate::Call<Test>| call.get_dispatch_info().call_weight;
		let surcharge = crate::mock::TokenTransferWeight::get()
			.saturating_add(<Test as polkadot_sdk::frame_system::Config>::DbWeight::get().reads(6));
		assert!(crate::mock::TokenTransferWeight::get().ref_time() > 0);

		let proofs = Shielded::deferred_proofs_weight;
		assert!(proofs(1).ref_time() > 0);
		let transfer = transfer();
		assert_eq!(
			weight(unsigned_call(&transfer)),
			<() as WeightInfo>::transact(2, 2) + proofs(4)
		);

		let shield = |tx: &Tx| crate::Call::<Test>::shield { tx: Box::new(tx.clone()) };
		assert_eq!(weight(shield(&world().shield)), <() as WeightInfo>::shield(2));
		assert_eq!(weight(shield(&world().shield_gold)), <() as WeightInfo>::shield(1) + surcharge);

		let sero_unshield = unshield_to_bob(&world().notes[0], 590, true);
		assert_eq!(
			weight(unsigned_call(&sero_unshield)),
			<() as WeightInfo>::unshield(1, 0) + proofs(1)
		);
		assert_eq!(
			weight(unsigned_call(&gold_unshield())),
			<() as WeightInfo>::unshield(2, 1) + proofs(3) + surcharge
		);
	});
}

#[test]
fn only_transfers_and_unshields_are_unsigned_calls() {
	new_test_ext().execute_with(|| {
		setup();
		let not_unsigned = Err(TransactionValidityError::Invalid(InvalidTransaction::Call));
		// A shield as `transact`, a transfer as `unshield` (which would otherwise be valid).
		for call in [
			crate::Call::<Test>::transact { tx: Box::new(world().shield.clone()) },
			crate::Call::<Test>::unshield { tx: Box::new(transfer()) },
		] {
			assert_eq!(
				Shielded::validate_unsigned(TransactionSource::External, &call).map(|_| ()),
				not_unsigned
			);
			assert_eq!(Shielded::pre_dispatch(&call), not_unsigned);
		}
	});
}

#[test]
fn the_tree_state_within_a_block_is_the_tree_so_far() {
	new_test_ext().execute_with(|| {
		setup();
		let before = Shielded::tree_state();
		assert_ok!(transact(&transfer()));
		// Leaves appended in this block: the cached root of the last block is stale.
		let within = Shielded::tree_state();
		assert_eq!(within.size, before.size + 2);
		assert_ne!(within.root, before.root);
		next_block();
		assert_eq!(Shielded::tree_state(), within);
		// Paths are served for recorded roots only.
		assert!(Shielded::auth_path(0, within.root).is_some());
		assert_eq!(Shielded::auth_path(0, Anchor([7; 32])), None);
	});
}

#[test]
fn the_pool_backing_check_fails_when_the_supply_outgrows_the_pool() {
	new_test_ext().execute_unchecked(|| {
		setup();
		Shielded::check_pool_backing().unwrap();
		Supply::<Test>::mutate(native(), |supply| *supply += 1);
		assert!(Shielded::check_pool_backing().is_err());
	});
}

#[test]
fn genesis_endows_the_pool_account_up_to_the_existential_deposit() {
	use polkadot_sdk::{
		frame_system, pallet_balances, sp_io::TestExternalities, sp_runtime::BuildStorage,
	};
	let existential_deposit = ExistentialDeposit::get();
	for held in [0, existential_deposit, existential_deposit + 5] {
		let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
		let balances = if held == 0 { vec![] } else { vec![(pool(), held)] };
		pallet_balances::GenesisConfig::<Test> { balances, ..Default::default() }
			.assimilate_storage(&mut storage)
			.unwrap();
		crate::GenesisConfig::<Test>::default().assimilate_storage(&mut storage).unwrap();
		TestExternalities::new(storage).execute_with(|| {
			assert_eq!(Balances::balance(&pool()), held.max(existential_deposit), "held {held}");
		});
	}
}

#[test]
fn shield_moves_value_into_new_notes() {
	new_test_ext().execute_with(|| {
		let before = Balances::balance(&ALICE);
		assert_ok!(Shielded::shield(
			RuntimeOrigin::signed(ALICE),
			Box::new(world().shield.clone())
		));
		assert_eq!(Balances::balance(&ALICE), before - 1_000);
		assert_eq!(Balances::balance(&pool()), 1 + 1_000);
		assert_eq!(Supply::<Test>::get(native()), 1_000);
		assert_eq!(Frontier::<Test>::get().size, 2);
		assert_eq!(
			crate::Pallet::<Test>::leaves(1, 1).pop().unwrap().pkr,
			world().shield.body.outputs[1].pkr
		);
		System::assert_last_event(
			Event::Shielded {
				from: ALICE,
				asset: native(),
				value: 1_000,
				first_position: 0,
				outputs: 2,
			}
			.into(),
		);
		Shielded::check_pool_backing().unwrap();
	});
}

#[test]
fn shield_rejections() {
	new_test_ext().execute_with(|| {
		let tx = world().shield.clone();
		// Bob cannot replay Alice's shield: the paying account is signed over.
		assert_noop!(
			Shielded::shield(RuntimeOrigin::signed(BOB), Box::new(tx.clone())),
			Error::<Test>::NotTheSigner
		);
		// A shield is not a transfer, nor the reverse.
		assert_noop!(transact(&tx), Error::<Test>::WrongTransparentFlow);
		// GOLD is not registered yet.
		assert_noop!(
			Shielded::shield(RuntimeOrigin::signed(ALICE), Box::new(world().shield_gold.clone())),
			Error::<Test>::UnknownAsset
		);
		// A fee on a shield changes the signed body: rejected before any signature matters.
		let mut with_fee = tx.clone();
		with_fee.body.fee = 10;
		assert_noop!(
			Shielded::shield(RuntimeOrigin::signed(ALICE), Box::new(with_fee)),
			Error::<Test>::FeeNotZero
		);
		// Another payer changes the signed body: the balance signature no longer verifies.
		let mut bob_pays = tx.clone();
		bob_pays.body.transparent =
			Some(Transparent::In { from: BOB, asset: native(), value: 1_000 });
		assert_noop!(
			Shielded::shield(RuntimeOrigin::signed(BOB), Box::new(bob_pays)),
			Error::<Test>::Unbalanced
		);
		// A shield spends no notes.
		let mut with_input = tx.clone();
		with_input.body.inputs = transfer_without_setup().body.inputs;
		assert_noop!(
			Shielded::shield(RuntimeOrigin::signed(ALICE), Box::new(with_input)),
			Error::<Test>::BadShield
		);
	});
}

/// Any transaction with inputs (its anchors are not this chain's: only its shape matters).
fn transfer_without_setup() -> Tx {
	static TX: OnceLock<Tx> = OnceLock::new();
	TX.get_or_init(spend_first).clone()
}

#[test]
fn a_private_transfer_spends_and_creates_notes() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = transfer();
		let author_before = Balances::balance(&AUTHOR);
		assert_ok!(transact(&tx));
		for input in tx.body.inputs.iter() {
			assert!(Nullifiers::<Test>::contains_key(input.nil));
		}
		assert_eq!(Frontier::<Test>::get().size, 5);
		assert_eq!(Balances::balance(&AUTHOR), author_before + 40);
		assert_eq!(Supply::<Test>::get(native()), 1_000 - 40);
		System::assert_last_event(
			Event::Transferred {
				nils: tx.body.inputs.iter().map(|i| i.nil).collect(),
				first_position: 3,
				outputs: 2,
				fee: 40,
			}
			.into(),
		);
		Shielded::check_pool_backing().unwrap();

		// The recipient finds and decrypts its note; the change is the owner's.
		let received = owned_note(&tx, 0, &recipient());
		assert_eq!((received.asset, received.value), (AssetId::native(), 700));
		assert_eq!(owned_note(&tx, 1, &owner()).value, 260);
		assert!(!owner().tracing_key().owns(&received.pkr));

		// The chain's tree is the native tree: same root, same paths.
		next_block();
		let mut native_tree = NativeFrontier::new();
		let leaves: Vec<Base> = [
			leaf_of(&world().shield, 0),
			leaf_of(&world().shield, 1),
			leaf_of(&world().shield_gold, 0),
			leaf_of(&tx, 0),
			leaf_of(&tx, 1),
		]
		.to_vec();
		for leaf in &leaves {
			native_tree.append(*leaf).unwrap();
		}
		let state = Shielded::tree_state();
		assert_eq!(state.root, Anchor(base_to_bytes(&native_tree.root())));
		for position in 0..5 {
			let path = Shielded::auth_path(position, state.root).unwrap();
			let native_path = AuthPath::from_leaves(&leaves, position).unwrap();
			assert_eq!(path, native_path.siblings.iter().map(base_to_bytes).collect::<Vec<_>>());
		}
		assert_eq!(Shielded::auth_path(5, state.root), None);
		assert_eq!(Shielded::leaves(3, 10).len(), 2);
		assert!(Shielded::is_spent(tx.body.inputs[0].nil));
	});
}

#[test]
fn unshield_pays_an_account() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = builder::build(
			keys(),
			&world().notes[..1],
			&[pay(&owner(), AssetId::native(), 80)],
			20,
			Some(Transparent::Out { to: BOB, asset: native(), value: 500 }),
			&mut OsRng,
		)
		.unwrap();
		// It is an unshield, not a transfer.
		assert_noop!(transact(&tx), Error::<Test>::WrongTransparentFlow);
		let bob = Balances::balance(&BOB);
		assert_ok!(Shielded::unshield(RuntimeOrigin::none(), Box::new(tx.clone())));
		assert_eq!(Balances::balance(&BOB), bob + 500);
		assert_eq!(Supply::<Test>::get(native()), 1_000 - 500 - 20);
		Shielded::check_pool_backing().unwrap();
	});
}

/// A GOLD unshield to Bob: the GOLD note and the 400 SERO note, 370 SERO of change.
fn gold_unshield() -> Tx {
	static TX: OnceLock<Tx> = OnceLock::new();
	TX.get_or_init(|| {
		builder::build(
			keys(),
			&[world().gold.clone(), world().notes[1].clone()],
			&[pay(&owner(), AssetId::native(), 370)],
			30,
			Some(Transparent::Out {
				to: BOB,
				asset: AssetId::token(b"GOLD").unwrap().into(),
				value: 100,
			}),
			&mut OsRng,
		)
		.unwrap()
	})
	.clone()
}

#[test]
fn tokens_shield_and_unshield() {
	new_test_ext().execute_with(|| {
		setup();
		let gold = AssetId::token(b"GOLD").unwrap();
		assert_eq!(Assets::balance(GOLD, ALICE), ENDOWMENT - 100);
		assert_eq!(Supply::<Test>::get(sero_shielded_primitives::AssetId::from(gold)), 100);
		// Fee in SERO needs a SERO input: spend the GOLD note and the 400 SERO note.
		assert_ok!(Shielded::unshield(RuntimeOrigin::none(), Box::new(gold_unshield())));
		assert_eq!(Assets::balance(GOLD, BOB), 100);
		assert_eq!(Supply::<Test>::get(sero_shielded_primitives::AssetId::from(gold)), 0);
		Shielded::check_pool_backing().unwrap();
	});
}

/// A GOLD note passed off as SERO: the proofs are valid, but the commitments only balance
/// per asset, so the balance check fails.
#[test]
fn a_cross_asset_forgery_is_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let mut forged_gold = world().gold.clone();
		let forged = unshield_to_bob(&forged_gold, 90, false);
		assert_noop!(
			Shielded::unshield(RuntimeOrigin::none(), Box::new(forged)),
			Error::<Test>::Unbalanced
		);
		// Claiming the note is SERO in the witness makes the input proof unprovable for its
		// leaf: its commitment is not in the tree.
		forged_gold.note.asset = AssetId::native();
		let lie = unshield_to_bob(&forged_gold, 90, false);
		assert_noop!(
			Shielded::unshield(RuntimeOrigin::none(), Box::new(lie)),
			Error::<Test>::UnknownAnchor
		);
	});
}

#[test]
fn an_unbalanced_transaction_is_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		// 600 in, 700 out.
		let tx = builder::assemble::<u64>(
			keys(),
			&world().notes[..1],
			&[pay(&recipient(), AssetId::native(), 700)],
			20,
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_noop!(transact(&tx), Error::<Test>::Unbalanced);
	});
}

#[test]
fn bad_signatures_are_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = transfer();
		let other = spend_first();

		let mut bad_balance = tx.clone();
		bad_balance.balance_signature = other.balance_signature;
		assert_noop!(transact(&bad_balance), Error::<Test>::Unbalanced);

		let mut bad_spend = tx.clone();
		bad_spend.spend_signatures[1] = other.spend_signatures[0];
		assert_noop!(transact(&bad_spend), Error::<Test>::InvalidSpendSignature);

		let mut missing = tx.clone();
		missing.spend_signatures.pop();
		assert_noop!(transact(&missing), Error::<Test>::SignatureCountMismatch);

		// Changing the fee after signing: the signed hash no longer matches.
		let mut changed = tx.clone();
		changed.body.fee += 1;
		assert_noop!(transact(&changed), Error::<Test>::InvalidSpendSignature);
	});
}

#[test]
fn invalid_proofs_are_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = transfer();
		let other = spend_first();
		// Valid proofs of other statements, and bytes that are no proof at all.
		let mut bad_input = tx.clone();
		bad_input.body.inputs[1].proof = other.body.inputs[0].proof;
		assert_noop!(transact(&bad_input), Error::<Test>::InvalidInputProof);
		let mut bad_output = tx.clone();
		bad_output.body.outputs[1].proof = other.body.outputs[0].proof;
		assert_noop!(transact(&bad_output), Error::<Test>::InvalidOutputProof);
		let mut garbage = tx.clone();
		garbage.body.inputs[0].proof = [0xab; 128];
		assert_noop!(transact(&garbage), Error::<Test>::InvalidInputProof);
		// A proof for this statement but another nil: the proof binds it.
		let mut other_nil = tx.clone();
		other_nil.body.inputs[0].nil = Nullifier([7; 32]);
		assert_noop!(transact(&other_nil), Error::<Test>::InvalidInputProof);
	});
}

#[test]
fn a_nil_reused_within_one_transaction_is_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let mut tx = transfer();
		tx.body.inputs[1] = tx.body.inputs[0].clone();
		assert_noop!(transact(&tx), Error::<Test>::DuplicateNullifier);
	});
}

#[test]
fn a_nil_reused_within_one_block_is_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let (first, second) = (spend_first(), spend_first());
		assert_eq!(first.body.inputs[0].nil, second.body.inputs[0].nil);
		assert_ne!(first.body.inputs[0].proof, second.body.inputs[0].proof);

		// The pool would not put them in one block: both provide the same tag.
		let call = |tx: &Tx| crate::Call::<Test>::transact { tx: Box::new(tx.clone()) };
		let a = Shielded::validate_unsigned(TransactionSource::External, &call(&first)).unwrap();
		let b = Shielded::validate_unsigned(TransactionSource::External, &call(&second)).unwrap();
		assert_eq!(a.provides, b.provides);
		assert_eq!(a.priority, 1_000 + 20);

		// And if a block author tried, the second fails.
		assert_ok!(transact(&first));
		assert_noop!(transact(&second), Error::<Test>::NullifierSpent);
		let custom = |e: Error<Test>| match DispatchError::from(e) {
			DispatchError::Module(m) => {
				TransactionValidityError::Invalid(InvalidTransaction::Custom(m.error[0]))
			},
			_ => unreachable!(),
		};
		assert_eq!(
			Shielded::pre_dispatch(&call(&second)),
			Err(custom(Error::<Test>::NullifierSpent))
		);
		assert_eq!(
			Shielded::validate_unsigned(TransactionSource::External, &call(&second)),
			Err(custom(Error::<Test>::NullifierSpent))
		);
	});
}

#[test]
fn a_nil_reused_across_blocks_is_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		assert_ok!(transact(&spend_first()));
		next_block();
		next_block();
		assert_noop!(transact(&spend_first()), Error::<Test>::NullifierSpent);
		// Nor can the note leave through an unshield.
		let unshield = unshield_to_bob(&world().notes[0], 590, true);
		assert_noop!(
			Shielded::unshield(RuntimeOrigin::none(), Box::new(unshield)),
			Error::<Test>::NullifierSpent
		);
	});
}

#[test]
fn unknown_and_expired_anchors_are_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = spend_first();
		let mut unknown = tx.clone();
		unknown.body.inputs[0].anchor = Anchor([3; 32]);
		assert_noop!(transact(&unknown), Error::<Test>::UnknownAnchor);

		// The anchor is the root at the end of block 1. A new leaf in block 2 changes the
		// root; the old one stays an anchor until block 1 leaves the window.
		let anchor = tx.body.inputs[0].anchor;
		assert_eq!(Roots::<Test>::get(anchor).map(|info| info.block), Some(1));
		let change = builder::build(
			keys(),
			&[],
			&[pay(&owner(), AssetId::native(), 5)],
			0,
			Some(Transparent::In { from: BOB, asset: native(), value: 5 }),
			&mut OsRng,
		)
		.unwrap();
		assert_ok!(Shielded::shield(RuntimeOrigin::signed(BOB), Box::new(change)));
		// Finalise blocks 2 to ANCHOR_WINDOW: still valid.
		while System::block_number() < ANCHOR_WINDOW + 1 {
			next_block();
			assert!(Roots::<Test>::contains_key(anchor), "block {}", System::block_number());
		}
		// Finalising block 1 + ANCHOR_WINDOW expires it.
		next_block();
		assert!(!Roots::<Test>::contains_key(anchor));
		assert_noop!(transact(&tx), Error::<Test>::UnknownAnchor);
	});
}

/// A note's path at an older root, one that later leaves have moved on from, still proves
/// it while that root is an anchor: the chain serves the path at that root, and a spend
/// proven there goes through.
#[test]
fn a_spend_at_an_older_anchor_within_the_window_is_accepted() {
	new_test_ext().execute_with(|| {
		setup();
		let old_root = Shielded::tree_state().root;
		let more = builder::build(
			keys(),
			&[],
			&[pay(&owner(), AssetId::native(), 5), pay(&owner(), AssetId::native(), 6)],
			0,
			Some(Transparent::In { from: BOB, asset: native(), value: 11 }),
			&mut OsRng,
		)
		.unwrap();
		assert_ok!(Shielded::shield(RuntimeOrigin::signed(BOB), Box::new(more)));
		next_block();
		next_block();
		assert_ne!(Shielded::tree_state().root, old_root);
		assert_eq!(Shielded::tree_state().size, 5);
		assert!(Roots::<Test>::contains_key(old_root));

		let old_leaves = [
			leaf_of(&world().shield, 0),
			leaf_of(&world().shield, 1),
			leaf_of(&world().shield_gold, 0),
		];
		for position in 0..3 {
			let native = AuthPath::from_leaves(&old_leaves, position).unwrap();
			assert_eq!(
				Shielded::auth_path(position, old_root),
				Some(native.siblings.iter().map(base_to_bytes).collect::<Vec<_>>()),
				"leaf {position}"
			);
		}
		assert_eq!(Shielded::auth_path(3, old_root), None, "leaf 3 came after that root");

		let tx = spend_first();
		assert_eq!(tx.body.inputs[0].anchor, old_root);
		assert_ok!(transact(&tx));
	});
}

#[test]
fn fee_and_shape_rules() {
	new_test_ext().execute_with(|| {
		setup();
		assert_eq!(Shielded::minimum_fee(2, 2), 40);
		// Fee below the minimum for 1 input and 1 output.
		let cheap = builder::build::<u64>(
			keys(),
			&world().notes[..1],
			&[pay(&recipient(), AssetId::native(), 590)],
			10,
			None,
			&mut OsRng,
		)
		.unwrap();
		assert_noop!(transact(&cheap), Error::<Test>::FeeTooLow);
		// No inputs.
		let mut empty = spend_first();
		empty.body.inputs = Default::default();
		empty.spend_signatures = Default::default();
		assert_noop!(transact(&empty), Error::<Test>::NoInputs);
		// Only root sets keys and registers tokens.
		assert_noop!(
			Shielded::register_token(
				RuntimeOrigin::signed(ALICE),
				BoundedVec::truncate_from(b"SILVER".to_vec()),
				8
			),
			DispatchError::BadOrigin
		);
		assert_noop!(transact_signed(&spend_first()), DispatchError::BadOrigin);
	});
}

fn transact_signed(tx: &Tx) -> polkadot_sdk::sp_runtime::DispatchResult {
	Shielded::transact(RuntimeOrigin::signed(ALICE), Box::new(tx.clone()))
}

#[test]
fn malformed_bytes_are_rejected() {
	new_test_ext().execute_with(|| {
		setup();
		let tx = transfer();
		// Output points that are no points.
		let mut bad_pkr = tx.clone();
		bad_pkr.body.outputs[0].pkr[40] ^= 0xff;
		bad_pkr.body.outputs[0].pkr[63] ^= 0x7f;
		assert_noop!(transact(&bad_pkr), Error::<Test>::MalformedPoint);
		let mut identity = tx.clone();
		identity.body.outputs[0].pkr[..32].copy_from_slice(&point::encode(&Default::default()));
		assert_noop!(transact(&identity), Error::<Test>::MalformedPoint);
		let mut bad_zpka = tx.clone();
		bad_zpka.body.inputs[0].zpka = [0xff; 32];
		assert_noop!(transact(&bad_zpka), Error::<Test>::MalformedPoint);

		// Bytes that do not decode as a call never reach the pallet.
		let call = RuntimeCall::Shielded(crate::Call::transact { tx: Box::new(tx.clone()) });
		let bytes = call.encode();
		assert!(RuntimeCall::decode(&mut &bytes[..bytes.len() - 1]).is_err());
		assert!(RuntimeCall::decode(&mut &bytes[..]).is_ok());
	});
}

#[test]
fn too_many_inputs_do_not_decode() {
	let input = transfer_without_setup().body.inputs[0].clone();
	let mut body = transfer_without_setup().body;
	// 17 inputs, encoded as the unbounded vector they would be on the wire.
	let inputs: Vec<_> = std::iter::repeat(input).take(17).collect();
	let mut bytes = inputs.encode();
	bytes.extend(body.outputs.encode());
	bytes.extend(body.fee.encode());
	bytes.extend(body.transparent.encode());
	assert!(sero_shielded_primitives::TransactionBody::<u64>::decode(&mut &bytes[..]).is_err());
	// 16 decode.
	let sixteen: Vec<_> = inputs.into_iter().take(16).collect();
	body.inputs = BoundedVec::truncate_from(sixteen);
	assert!(
		sero_shielded_primitives::TransactionBody::<u64>::decode(&mut &body.encode()[..]).is_ok()
	);
}

#[test]
fn verifying_keys_and_tokens_are_governed() {
	new_test_ext().execute_with(|| {
		let output_key = sero_groth16::verifying_key_bytes(&keys().output.vk);
		let bounded = |v: Vec<u8>| VerifyingKeyBytes::truncate_from(v);
		// The output key has 2 public inputs, not the input circuit's 6.
		assert_noop!(
			Shielded::set_verifying_key(
				RuntimeOrigin::root(),
				Circuit::Input,
				bounded(output_key.clone())
			),
			Error::<Test>::InvalidVerifyingKey
		);
		assert_noop!(
			Shielded::set_verifying_key(
				RuntimeOrigin::root(),
				Circuit::Output,
				bounded(output_key[1..].to_vec())
			),
			Error::<Test>::InvalidVerifyingKey
		);
		assert_noop!(
			Shielded::set_verifying_key(
				RuntimeOrigin::signed(ALICE),
				Circuit::Output,
				bounded(output_key.clone())
			),
			DispatchError::BadOrigin
		);
		assert_ok!(Shielded::set_verifying_key(
			RuntimeOrigin::root(),
			Circuit::Output,
			bounded(output_key)
		));
		System::assert_last_event(Event::VerifyingKeySet { circuit: Circuit::Output }.into());

		let name = |n: &[u8]| BoundedVec::truncate_from(n.to_vec());
		assert_noop!(
			Shielded::register_token(RuntimeOrigin::root(), name(b"gold"), GOLD),
			Error::<Test>::InvalidName
		);
		assert_noop!(
			Shielded::register_token(RuntimeOrigin::root(), name(b"SERO"), GOLD),
			Error::<Test>::AssetExists
		);
		assert_ok!(Shielded::register_token(RuntimeOrigin::root(), name(b"GOLD"), GOLD));
		assert_noop!(
			Shielded::register_token(RuntimeOrigin::root(), name(b"GOLD"), 8),
			Error::<Test>::AssetExists
		);
		assert_noop!(
			Shielded::register_token(RuntimeOrigin::root(), name(b"GOLD2"), GOLD),
			Error::<Test>::TokenInUse
		);
	});
}

/// Sizes on the wire: 256 bytes per input (+ its 64-byte signature), 448 per output.
#[test]
fn transaction_sizes() {
	let tx = transfer_without_setup();
	assert_eq!(tx.body.inputs[0].encode().len(), 256);
	assert_eq!(tx.body.outputs[0].encode().len(), 448);
	let two_by_two = ShieldedTransaction {
		body: sero_shielded_primitives::TransactionBody {
			inputs: BoundedVec::truncate_from(vec![tx.body.inputs[0].clone(); 2]),
			outputs: BoundedVec::truncate_from(vec![tx.body.outputs[0].clone(); 2]),
			..tx.body.clone()
		},
		spend_signatures: BoundedVec::truncate_from(vec![[0u8; 64]; 2]),
		balance_signature: [0; 64],
		from_signature: None,
	};
	// Two bytes more than before `From` (its absence, and its signature's), and one for the
	// absence of a package action.
	assert_eq!(two_by_two.encode().len(), 1_623);
}

/// Proves the benchmarks' fixture: sixteen notes of the owner, each spent by an input, and
/// sixteen outputs to the recipient.
fn prove_benchmark_fixture() -> Fixture {
	use rand_core::RngCore;
	let native = AssetId::native();
	let notes: Vec<OwnedNote> = (0..16)
		.map(|_| {
			let pkr = owner().public_key().one_time_address(&mut OsRng);
			let secret = owner().one_time_secret(&pkr).unwrap();
			let ar = sero_crypto::Scalar::from(OsRng.next_u64());
			OwnedNote { pkr, secret, asset: native, value: INPUT_VALUE, ar }
		})
		.collect();
	let leaves: Vec<Base> =
		notes.iter().map(|n| note::leaf(&n.pkr, &n.asset_cm().unwrap())).collect();
	let spends: Vec<Spend> = notes
		.into_iter()
		.enumerate()
		.map(|(position, note)| Spend {
			note,
			path: AuthPath::from_leaves(&leaves, position as u64).unwrap(),
		})
		.collect();
	let payments: Vec<Payment> = (0..16).map(|_| pay(&recipient(), native, OUTPUT_VALUE)).collect();
	let (inputs, outputs) = builder::prove(keys(), &spends, &payments, &mut OsRng).unwrap();
	Fixture {
		leaves: leaves.iter().map(|leaf| Leaf(base_to_bytes(leaf))).collect(),
		inputs: inputs
			.into_iter()
			.map(|i| FixtureInput {
				input: i.input,
				spend_secret: scalar_to_bytes(&i.spend_secret),
				blinding: scalar_to_bytes(&i.blinding),
			})
			.collect(),
		outputs: outputs
			.into_iter()
			.map(|o| FixtureOutput { output: o.output, blinding: scalar_to_bytes(&o.blinding) })
			.collect(),
	}
}

/// The benchmarks replay the checked-in fixture (proven anew, and rewritten, with
/// `SERO_REGENERATE_FIXTURES=1`): its smallest and largest transactions go through, and pay
/// the author exactly the fee that balances them.
#[test]
fn benchmark_fixture_replays() {
	let fixture = if std::env::var_os("SERO_REGENERATE_FIXTURES").is_some() {
		let fixture = prove_benchmark_fixture();
		let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/benchmark.scale");
		std::fs::write(path, fixture.encode()).unwrap();
		fixture
	} else {
		Fixture::load()
	};
	assert_eq!((fixture.leaves.len(), fixture.inputs.len(), fixture.outputs.len()), (16, 16, 16));
	for (inputs, outputs) in [(1, 0), (16, 16)] {
		new_test_ext().execute_with(|| {
			fixture.install::<Test>();
			let author = Balances::balance(&AUTHOR);
			assert_ok!(transact(&fixture.transaction(inputs, outputs, None)));
			let fee = INPUT_VALUE * inputs as u128 - OUTPUT_VALUE * outputs as u128;
			assert_eq!(Balances::balance(&AUTHOR), author + fee);
			assert_eq!(Frontier::<Test>::get().size, 16 + outputs as u64);
			assert!(fixture.inputs[..inputs as usize]
				.iter()
				.all(|i| Nullifiers::<Test>::contains_key(i.input.nil)));
		});
	}
}

/// The paths the pallet serves for every leaf at every size the tree has had, up to eleven
/// leaves, are the native tree's: partial subtrees on either side of a path, at every level,
/// and sizes older than the tree (whose complete subtrees were stored later) included.
#[test]
fn auth_paths_at_every_size_are_the_native_trees() {
	new_test_ext().execute_with(|| {
		let first = Frontier::<Test>::get().size;
		let leaves: Vec<Base> = (1..=11u64).map(|i| Base::from(i * 1_000_003)).collect();
		for leaf in &leaves {
			Shielded::append_leaf(Leaf(base_to_bytes(leaf))).unwrap();
		}
		let all: Vec<Base> = (0..first)
			.map(|position| base_from_bytes(&Nodes::<Test>::get(0, position).unwrap()).unwrap())
			.chain(leaves)
			.collect();
		for size in 1..=all.len() as u64 {
			for position in 0..size {
				let native = AuthPath::from_leaves(&all[..size as usize], position).unwrap();
				assert_eq!(
					Shielded::auth_path_at(position, size),
					Some(native.siblings.iter().map(base_to_bytes).collect::<Vec<_>>()),
					"leaf {position} of {size}"
				);
			}
			assert_eq!(Shielded::auth_path_at(size, size), None);
		}
	});
}
