//! A minimal runtime for the shielded pool's tests, and the transactions they replay.

use crate as pallet_shielded;
use polkadot_sdk::{
	frame_executive,
	frame_support::{
		derive_impl, parameter_types,
		traits::{
			tokens::imbalance::ResolveTo, AsEnsureOriginWithArg, ConstU128, ConstU64, Contains,
			Hooks,
		},
		weights::Weight,
		PalletId,
	},
	frame_system::{self, EnsureRoot, EnsureSigned},
	pallet_assets, pallet_balances,
	sp_io::{self, TestExternalities},
	sp_runtime::{
		generic, testing::TestSignature, traits::BlakeTwo256, ApplyExtrinsicResult, BuildStorage,
	},
};
use sero_zk::setup;
use std::sync::OnceLock;

/// The mock's extrinsic, checkable as a block checks it; shielded transactions are bare.
pub type Extrinsic = generic::UncheckedExtrinsic<u64, RuntimeCall, TestSignature, ()>;
type Block = generic::Block<generic::Header<u64, BlakeTwo256>, Extrinsic>;
/// Applies extrinsics as a block does.
pub type Executive = frame_executive::Executive<
	Test,
	Block,
	frame_system::ChainContext<Test>,
	Test,
	AllPalletsWithSystem,
>;

#[polkadot_sdk::frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeTask,
		RuntimeHoldReason,
		RuntimeFreezeReason
	)]
	pub struct Test;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(2)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(3)]
	pub type Shielded = pallet_shielded;
}

#[derive_impl(frame_system::config_preludes::TestDefaultConfig)]
impl frame_system::Config for Test {
	type Block = Block;
	type AccountData = pallet_balances::AccountData<u128>;
	/// As the runtime: weights of storage access are not zero.
	type DbWeight = polkadot_sdk::frame_support::weights::constants::ParityDbWeight;
}

parameter_types! {
	/// SERO's existential deposit: 1 unless a test sets another before [`new_test_ext`].
	pub static ExistentialDeposit: u128 = 1;
}

#[derive_impl(pallet_balances::config_preludes::TestDefaultConfig)]
impl pallet_balances::Config for Test {
	type Balance = u128;
	type ExistentialDeposit = ExistentialDeposit;
	type AccountStore = System;
}

#[derive_impl(pallet_assets::config_preludes::TestDefaultConfig)]
impl pallet_assets::Config for Test {
	type Balance = u128;
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<u64>>;
	type ForceOrigin = EnsureRoot<u64>;
}

parameter_types! {
	pub const ShieldedPalletId: PalletId = PalletId(*b"sero/shd");
	pub const Author: u64 = AUTHOR;
	/// As the runtime: the assets pallet's measured `transfer`.
	pub TokenTransferWeight: Weight =
		<pallet_assets::weights::SubstrateWeight<Test> as pallet_assets::WeightInfo>::transfer();
}

impl pallet_shielded::Config for Test {
	type Currency = Balances;
	type Tokens = Assets;
	type OnFee = ResolveTo<Author, Balances>;
	type PalletId = ShieldedPalletId;
	type AnchorWindow = ConstU64<ANCHOR_WINDOW>;
	type FeePerProof = ConstU128<FEE_PER_PROOF>;
	type UnsignedPriority = ConstU64<1_000>;
	type TokenTransferWeight = TokenTransferWeight;
	type PublicCalls = Vault;
	type ReservedNames = Categories;
	type WeightInfo = ();
}

/// The ticket category the mock knows: a name no token may take.
pub const CATEGORY: &[u8] = b"CINEMA";

/// The mock's ticket categories: [`CATEGORY`].
pub struct Categories;

impl Contains<Vec<u8>> for Categories {
	fn contains(name: &Vec<u8>) -> bool {
		name == CATEGORY
	}
}

/// The module name of [`Vault`].
pub const VAULT: [u8; 8] = *b"mock/vlt";
/// Where [`Vault`] keeps what it is paid.
pub const VAULT_ACCOUNT: u64 = 77;
/// [`Vault`]'s commands: keep the payment.
pub const KEEP: u8 = 0;
/// Pay half back into a note for `From`, keep the rest.
pub const HALF_BACK: u8 = 1;
/// Refused (with an error of the balances pallet).
pub const REFUSE: u8 = 2;
/// The memo of the note [`Vault`] pays back.
pub const VAULT_MEMO: [u8; 64] = [7; 64];

/// A module that takes calls: one-byte commands ([`KEEP`], [`HALF_BACK`], [`REFUSE`]).
pub struct Vault;

impl Vault {
	fn command(target: &[u8; 8], command: &[u8]) -> Result<u8, pallet_shielded::CallRefusal> {
		use pallet_shielded::CallRefusal;
		if *target != VAULT {
			return Err(CallRefusal::UnknownTarget);
		}
		match command {
			[KEEP] | [HALF_BACK] => Ok(command[0]),
			[REFUSE] => {
				Err(CallRefusal::Refused(pallet_balances::Error::<Test>::Expendability.into()))
			},
			_ => Err(CallRefusal::BadCommand),
		}
	}
}

impl pallet_shielded::PublicCalls<u64, Balances> for Vault {
	fn weight(_: &[u8; 8], _: &[u8]) -> Weight {
		Weight::from_parts(1_000_000, 0)
	}

	fn check(
		target: &[u8; 8],
		_: &[u8; 96],
		_: u128,
		command: &[u8],
	) -> Result<(), pallet_shielded::CallRefusal> {
		Self::command(target, command).map(|_| ())
	}

	fn apply(
		target: &[u8; 8],
		from: &[u8; 96],
		command: &[u8],
		payment: polkadot_sdk::frame_support::traits::fungible::Credit<u64, Balances>,
	) -> Result<(), pallet_shielded::CallRefusal> {
		use polkadot_sdk::frame_support::traits::{fungible::Balanced, Imbalance};
		let mut kept = payment;
		if Self::command(target, command)? == HALF_BACK {
			let half = kept.peek() / 2;
			let back = kept.extract(half);
			if let Err((back, _)) = Shielded::pay_into_note(from, back, VAULT_MEMO) {
				kept = kept.merge(back);
			}
		}
		let _ = Balances::resolve(&VAULT_ACCOUNT, kept);
		Ok(())
	}
}

/// An account with SERO and GOLD.
pub const ALICE: u64 = 1;
/// An account with SERO.
pub const BOB: u64 = 2;
/// Receives the fees.
pub const AUTHOR: u64 = 99;
/// The GOLD token's id in the assets pallet.
pub const GOLD: u32 = 7;
/// Blocks an anchor stays valid.
pub const ANCHOR_WINDOW: u64 = 5;
/// The minimum fee per input and output.
pub const FEE_PER_PROOF: u128 = 10;
/// What Alice and Bob start with.
pub const ENDOWMENT: u128 = 1_000_000;

/// The development keys (derived once per test process, cached on disk).
pub fn keys() -> &'static setup::Keys {
	static KEYS: OnceLock<setup::Keys> = OnceLock::new();
	KEYS.get_or_init(|| setup::dev_keys(&setup::default_dir()).expect("development keys"))
}

/// A test's state, whose [`TestPool::execute_with`] ends by checking the pool's invariant:
/// whatever a test did, the pool account still backs everything shielded.
pub struct TestPool(TestExternalities);

impl TestPool {
	/// Runs `test`, then checks that the pool account backs what is shielded.
	pub fn execute_with<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(|| {
			let result = test();
			Shielded::check_pool_backing().expect("the pool account backs what is shielded");
			result
		})
	}

	/// Runs `test` without the check: for the test of the check itself.
	pub fn execute_unchecked<R>(&mut self, test: impl FnOnce() -> R) -> R {
		self.0.execute_with(test)
	}
}

/// Alice and Bob endowed, GOLD created and given to Alice, the dev verifying keys set.
pub fn new_test_ext() -> TestPool {
	let mut storage = frame_system::GenesisConfig::<Test>::default().build_storage().unwrap();
	pallet_balances::GenesisConfig::<Test> {
		balances: vec![(ALICE, ENDOWMENT), (BOB, ENDOWMENT), (AUTHOR, ExistentialDeposit::get())],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_assets::GenesisConfig::<Test> {
		assets: vec![(GOLD, ALICE, true, 1)],
		metadata: vec![],
		accounts: vec![(GOLD, ALICE, ENDOWMENT)],
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	pallet_shielded::GenesisConfig::<Test> {
		input_verifying_key: sero_groth16::verifying_key_bytes(&keys().input.vk),
		output_verifying_key: sero_groth16::verifying_key_bytes(&keys().output.vk),
		..Default::default()
	}
	.assimilate_storage(&mut storage)
	.unwrap();
	let mut ext = TestExternalities::new(storage);
	ext.execute_with(|| System::set_block_number(1));
	TestPool(ext)
}

/// Applies an unsigned shielded call as a block does: `pre_dispatch`, then the call. An
/// `Err` means the transaction cannot be in a block at all; `Ok(Err(_))` that it would be
/// included and fail.
///
/// Like a block builder, keeps the extrinsic's changes only when it can be in the block.
pub fn apply_in_block(call: pallet_shielded::Call<Test>) -> ApplyExtrinsicResult {
	sp_io::storage::start_transaction();
	let result = Executive::apply_extrinsic(Extrinsic::new_bare(RuntimeCall::Shielded(call)));
	if result.is_ok() {
		sp_io::storage::commit_transaction();
	} else {
		sp_io::storage::rollback_transaction();
	}
	result
}

/// Ends the current block (recording its root) and starts the next.
pub fn next_block() {
	let n = System::block_number();
	Shielded::on_finalize(n);
	System::set_block_number(n + 1);
	Shielded::on_initialize(n + 1);
}
