//! One `Config` implementation per pallet.

pub(crate) mod governance;

use crate::*;
use frame_support::{
	derive_impl,
	dispatch::DispatchClass,
	parameter_types,
	traits::{ConstU128, ConstU32, ConstU64, ConstU8, VariantCountOf},
	weights::{
		constants::{ParityDbWeight, WEIGHT_REF_TIME_PER_SECOND},
		ConstantMultiplier, Weight,
	},
};
use frame_support::{traits::AsEnsureOriginWithArg, PalletId};
use frame_system::{
	limits::{BlockLength, BlockWeights},
	EnsureRoot, EnsureSigned,
};
use pallet_block_rewards::{FeesToAuthor, PowAuthor};
use pallet_transaction_payment::{ConstFeeMultiplier, FungibleAdapter, Multiplier};
use sp_runtime::{traits::Convert, Perbill};

/// Share of a block's weight and length that normal (non-operational) extrinsics
/// may use.
const NORMAL_DISPATCH_RATIO: Perbill = Perbill::from_percent(75);

/// The largest block, in bytes.
const MAX_BLOCK_LENGTH: u32 = 5 * 1024 * 1024;

parameter_types! {
	pub const Version: RuntimeVersion = VERSION;
	/// Two seconds of compute per block: well inside even a fast dev block time.
	pub RuntimeBlockWeights: BlockWeights = BlockWeights::with_sensible_defaults(
		Weight::from_parts(2u64 * WEIGHT_REF_TIME_PER_SECOND, u64::MAX),
		NORMAL_DISPATCH_RATIO,
	);
	/// 5 MiB blocks, of which normal extrinsics may fill `NORMAL_DISPATCH_RATIO`.
	pub RuntimeBlockLength: BlockLength = BlockLength::builder()
		.max_length(MAX_BLOCK_LENGTH)
		.modify_max_length_for_class(DispatchClass::Normal, |max| *max = NORMAL_DISPATCH_RATIO * *max)
		.build();
	/// Generic Substrate address format (`5…` addresses), which polkadot.js shows by default.
	pub const SS58Prefix: u8 = 42;
}

#[derive_impl(frame_system::config_preludes::SolochainDefaultConfig)]
impl frame_system::Config for Runtime {
	type Block = Block;
	type BlockWeights = RuntimeBlockWeights;
	type BlockLength = RuntimeBlockLength;
	type AccountId = AccountId;
	type Nonce = Nonce;
	type Hash = Hash;
	type BlockHashCount = ConstU32<2400>;
	/// The node stores its state in ParityDB.
	type DbWeight = ParityDbWeight;
	type Version = Version;
	type AccountData = pallet_balances::AccountData<Balance>;
	type SS58Prefix = SS58Prefix;
	type MaxConsumers = ConstU32<16>;
}

impl pallet_timestamp::Config for Runtime {
	type Moment = u64;
	type OnTimestampSet = ();
	/// PoW blocks come at random times; only require that time moves forward.
	type MinimumPeriod = ConstU64<1>;
	type WeightInfo = ();
}

impl pallet_balances::Config for Runtime {
	type MaxLocks = ConstU32<50>;
	type MaxReserves = ();
	type ReserveIdentifier = [u8; 8];
	type Balance = Balance;
	type RuntimeEvent = RuntimeEvent;
	type DustRemoval = ();
	type ExistentialDeposit = ConstU128<EXISTENTIAL_DEPOSIT>;
	type AccountStore = System;
	type WeightInfo = pallet_balances::weights::SubstrateWeight<Runtime>;
	type FreezeIdentifier = RuntimeFreezeReason;
	type MaxFreezes = VariantCountOf<RuntimeFreezeReason>;
	type RuntimeHoldReason = RuntimeHoldReason;
	type RuntimeFreezeReason = RuntimeFreezeReason;
	type DoneSlashHandler = ();
}

parameter_types! {
	pub FeeMultiplier: Multiplier = Multiplier::from_u32(1);
}

impl pallet_transaction_payment::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	/// Fees and tips go to the block's miner.
	type OnChargeTransaction = FungibleAdapter<Balances, FeesToAuthor<Runtime, Balances>>;
	type OperationalFeeMultiplier = ConstU8<5>;
	/// 10^6 of the smallest unit per picosecond of compute: a transfer costs about
	/// 0.0002 SERO of weight fee.
	type WeightToFee = ConstantMultiplier<Balance, ConstU128<1_000_000>>;
	/// 10^12 of the smallest unit per byte.
	type LengthToFee = ConstantMultiplier<Balance, ConstU128<1_000_000_000_000>>;
	type FeeMultiplierUpdate = ConstFeeMultiplier<FeeMultiplier>;
	type WeightInfo = pallet_transaction_payment::weights::SubstrateWeight<Runtime>;
}

impl pallet_sudo::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type RuntimeCall = RuntimeCall;
	type WeightInfo = pallet_sudo::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// Difficulty follows the average block time of the last 24 blocks.
	pub const DifficultyWindow: u32 = 24;
}

impl pallet_difficulty::Config for Runtime {
	type Time = Timestamp;
	type Window = DifficultyWindow;
	type WeightInfo = pallet_difficulty::weights::SubstrateWeight;
}

impl pallet_block_rewards::Config for Runtime {
	type Currency = Balances;
	type FindAuthor = PowAuthor<AccountId>;
	type NotePayer = ShieldedNotes;
	type WeightInfo = pallet_block_rewards::weights::SubstrateWeight;
}

/// Private block rewards and share payouts are paid into shielded notes by the shielded
/// pool.
pub struct ShieldedNotes;

impl sero_shielded_primitives::note_payer::NotePayer<AccountId, Balances> for ShieldedNotes {
	fn pay_into_note(
		pkr: &sero_shielded_primitives::PkrBytes,
		credit: frame_support::traits::fungible::Credit<AccountId, Balances>,
		memo: [u8; sero_shielded_primitives::note_payer::MEMO_BYTES],
	) -> Result<u64, frame_support::traits::fungible::Credit<AccountId, Balances>> {
		// The pallet's error (a malformed PKr, a full tree) is not needed: the paying pallet
		// pays elsewhere or logs it.
		Shielded::pay_into_note(pkr, credit, memo).map_err(|(credit, _)| credit)
	}

	fn weight() -> Weight {
		use pallet_shielded::WeightInfo;
		pallet_shielded::weights::SubstrateWeight::<Runtime>::pay_into_note()
	}
}

/// Tickets are issued into shielded notes by the shielded pool.
impl sero_shielded_primitives::note_payer::NoteIssuer for ShieldedNotes {
	fn issue_into_note(
		pkr: &sero_shielded_primitives::PkrBytes,
		asset: sero_shielded_primitives::AssetId,
		value: u128,
		memo: [u8; sero_shielded_primitives::note_payer::MEMO_BYTES],
	) -> Result<u64, sp_runtime::DispatchError> {
		Ok(Shielded::issue_into_note(pkr, asset, value, memo)?)
	}

	fn is_token_name(name: &[u8]) -> bool {
		Shielded::is_token_name(name)
	}

	fn weight() -> Weight {
		// The issue is a payment into a note without the transfer of the credit.
		use pallet_shielded::WeightInfo;
		pallet_shielded::weights::SubstrateWeight::<Runtime>::pay_into_note()
	}
}

parameter_types! {
	/// The most public data a ticket carries: a URI and a hash, say.
	pub const MaxTicketData: u32 = 256;
}

impl pallet_tickets::Config for Runtime {
	type Notes = ShieldedNotes;
	type MaxDataBytes = MaxTicketData;
	type WeightInfo = pallet_tickets::weights::SubstrateWeight<Runtime>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkPkr = BenchmarkPkr;
}

#[cfg(feature = "runtime-benchmarks")]
parameter_types! {
	/// A valid one-time address (of the public test seed `[1; 32]`) the tickets'
	/// benchmarks allot to.
	pub const BenchmarkPkr: sero_shielded_primitives::PkrBytes = crate::BENCHMARK_PKR;
}

parameter_types! {
	/// Deposits of the assets pallet: creating a token, holding it, describing it.
	pub const AssetDeposit: Balance = 10 * SERO;
	pub const AssetAccountDeposit: Balance = MILLI_SERO;
	pub const MetadataDepositBase: Balance = MILLI_SERO;
	pub const MetadataDepositPerByte: Balance = MILLI_SERO / 100;
}

/// Transparent token balances (what `shield` takes tokens from and `unshield` pays to).
impl pallet_assets::Config for Runtime {
	type RuntimeEvent = RuntimeEvent;
	type Balance = Balance;
	type AssetId = u32;
	type AssetIdParameter = codec::Compact<u32>;
	type ReserveData = ();
	type Currency = Balances;
	type CreateOrigin = AsEnsureOriginWithArg<EnsureSigned<AccountId>>;
	type ForceOrigin = EnsureRoot<AccountId>;
	type AssetDeposit = AssetDeposit;
	type AssetAccountDeposit = AssetAccountDeposit;
	type MetadataDepositBase = MetadataDepositBase;
	type MetadataDepositPerByte = MetadataDepositPerByte;
	type ApprovalDeposit = ConstU128<MILLI_SERO>;
	type StringLimit = ConstU32<50>;
	type Freezer = ();
	type Holder = ();
	type Extra = ();
	type CallbackHandle = ();
	type AssetIdAllocator = ();
	type WeightInfo = pallet_assets::weights::SubstrateWeight<Runtime>;
	type RemoveItemsLimit = ConstU32<1000>;
	#[cfg(feature = "runtime-benchmarks")]
	type BenchmarkHelper = ();
}

parameter_types! {
	pub const ShieldedPalletId: PalletId = PalletId(*b"sero/shd");
	/// A root stays a valid anchor for 100 blocks: about 22 minutes at SERO's 13 s, time
	/// for a wallet to prove and a transaction to get in.
	pub const AnchorWindow: BlockNumber = 100;
	/// 0.001 SERO per input and per output.
	pub const FeePerProof: Balance = MILLI_SERO;
	/// A token's move into or out of the pool: the assets pallet's measured `transfer`.
	pub TokenTransferWeight: Weight =
		<pallet_assets::weights::SubstrateWeight<Runtime> as pallet_assets::WeightInfo>::transfer();
}

impl pallet_shielded::Config for Runtime {
	type Currency = Balances;
	type Tokens = Assets;
	/// Shielded fees go to the block's miner, like transaction fees.
	type OnFee = FeesToAuthor<Runtime, Balances>;
	type PalletId = ShieldedPalletId;
	type AnchorWindow = AnchorWindow;
	type FeePerProof = FeePerProof;
	type UnsignedPriority = ConstU64<{ 1 << 20 }>;
	type TokenTransferWeight = TokenTransferWeight;
	type PublicCalls = ShieldedCalls;
	type ReservedNames = pallet_tickets::CategoryNames<Runtime>;
	type WeightInfo = pallet_shielded::weights::SubstrateWeight<Runtime>;
}

parameter_types! {
	/// The share pool's account (private purchases' principal) and its name as the target
	/// of shielded calls.
	pub const SharePoolPalletId: PalletId = PalletId(*b"sero/shp");
}

/// The modules shielded transactions pay with a command (SPEC §5): the share pool, by its
/// pallet id, with a [`pallet_share_pool::Command`].
pub struct ShieldedCalls;

impl ShieldedCalls {
	/// The share pool's command of a call to `target`.
	fn share_pool_command(
		target: &sero_shielded_primitives::CallTarget,
		command: &[u8],
	) -> Result<pallet_share_pool::Command, pallet_shielded::CallRefusal> {
		use codec::DecodeAll;
		if *target != SharePoolPalletId::get().0 {
			return Err(pallet_shielded::CallRefusal::UnknownTarget);
		}
		pallet_share_pool::Command::decode_all(&mut &command[..])
			.map_err(|_| pallet_shielded::CallRefusal::BadCommand)
	}
}

impl pallet_shielded::PublicCalls<AccountId, Balances> for ShieldedCalls {
	fn weight(target: &sero_shielded_primitives::CallTarget, command: &[u8]) -> Weight {
		match Self::share_pool_command(target, command) {
			Ok(command) => SharePool::command_weight(&command),
			Err(_) => Weight::zero(),
		}
	}

	fn check(
		target: &sero_shielded_primitives::CallTarget,
		from: &sero_shielded_primitives::PkrBytes,
		value: u128,
		command: &[u8],
	) -> Result<(), pallet_shielded::CallRefusal> {
		let command = Self::share_pool_command(target, command)?;
		SharePool::check_command(from, value, &command)
			.map_err(|error| pallet_shielded::CallRefusal::Refused(error.into()))
	}

	fn apply(
		target: &sero_shielded_primitives::CallTarget,
		from: &sero_shielded_primitives::PkrBytes,
		command: &[u8],
		payment: frame_support::traits::fungible::Credit<AccountId, Balances>,
	) -> Result<(), pallet_shielded::CallRefusal> {
		let command = Self::share_pool_command(target, command)?;
		SharePool::apply_command(from, &command, payment)
			.map(|_| ())
			.map_err(|error| pallet_shielded::CallRefusal::Refused(error.into()))
	}
}

/// The halvings of the PoW reward at a block, which the PoS reward follows (SPEC §7).
pub struct PowHalvings;

impl Convert<BlockNumber, u32> for PowHalvings {
	fn convert(block: BlockNumber) -> u32 {
		pallet_block_rewards::Pallet::<Runtime>::halvings(block)
	}
}

impl pallet_share_pool::Config for Runtime {
	type Currency = Balances;
	type Halvings = PowHalvings;
	type StakingNodes = StakingNodes;
	type RuntimeHoldReason = RuntimeHoldReason;
	type NotePayer = ShieldedNotes;
	type PalletId = SharePoolPalletId;
	/// Purchases waiting for the next block at most.
	type MaxPending = ConstU32<1_024>;
	/// Purchases entering the pool per block at most.
	type MaxEnterPerBlock = ConstU32<64>;
	/// Private purchases among them at most: each may expire into a note of ~9 ms.
	type MaxPrivateEnterPerBlock = ConstU32<8>;
	type WeightInfo = pallet_share_pool::weights::SubstrateWeight<Runtime>;
}

impl pallet_staking_nodes::Config for Runtime {
	type Currency = Balances;
	type RuntimeHoldReason = RuntimeHoldReason;
	/// Names of up to 32 bytes.
	type MaxNameLength = ConstU32<32>;
	type WeightInfo = pallet_staking_nodes::weights::SubstrateWeight<Runtime>;
}
