//! The SERO runtime.
//!
//! A FRAME solo-chain runtime mined with ProgPoW (SPEC §7): the difficulty and block
//! rewards pallets implement the PoW economics; balances, transaction payment and
//! (on dev chains only) sudo complete the transparent side; assets and the shielded
//! pool carry private payments; referenda voted by SERO holders govern the chain and
//! upgrade this runtime. Later pallets add PoS shares and contracts.

#![cfg_attr(not(feature = "std"), no_std)]
#![recursion_limit = "256"]
// `#[frame_support::runtime]` and `impl_runtime_apis!` generate public items without
// docs; everything written here is documented.
#![allow(missing_docs)]

/// The runtime compiled to wasm, embedded for the node's chain specs.
#[cfg(feature = "std")]
#[allow(missing_docs)]
mod wasm_binary {
	include!(concat!(env!("OUT_DIR"), "/wasm_binary.rs"));
}
#[cfg(feature = "std")]
pub use wasm_binary::{WASM_BINARY, WASM_BINARY_BLOATY, WASM_BINARY_PATH};

extern crate alloc;

pub mod apis;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarks;
mod configs;
pub use configs::SharePoolPalletId;
pub mod genesis_config_presets;
#[cfg(test)]
mod tests;

use alloc::vec::Vec;
use polkadot_sdk::{
	sp_runtime::{
		generic,
		traits::{BlakeTwo256, IdentifyAccount, Verify},
		MultiAddress, MultiSignature,
	},
	*,
};
use sp_version::{runtime_version, RuntimeVersion};

/// Opaque types the node uses without knowing the runtime's extrinsic format.
pub mod opaque {
	use super::*;
	use sp_runtime::{generic, traits::BlakeTwo256};

	pub use sp_runtime::OpaqueExtrinsic as UncheckedExtrinsic;

	/// Opaque block header type.
	pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
	/// Opaque block type.
	pub type Block = generic::Block<Header, UncheckedExtrinsic>;
	/// Opaque block identifier type.
	pub type BlockId = generic::BlockId<Block>;
}

/// Declares [`VERSION`] with the given `spec_version`.
macro_rules! runtime_version_with_spec {
	($spec_version:tt) => {
		/// The runtime's version.
		#[runtime_version]
		pub const VERSION: RuntimeVersion = RuntimeVersion {
			spec_name: alloc::borrow::Cow::Borrowed("sero"),
			impl_name: alloc::borrow::Cow::Borrowed("sero-node"),
			authoring_version: 1,
			spec_version: $spec_version,
			impl_version: 1,
			apis: apis::RUNTIME_API_VERSIONS,
			transaction_version: 4,
			system_version: 1,
		};
	};
}

// 100: the chain before governance; 101: governance, block rewards storage version 1,
// difficulty retargeted by a 1/k share of the window's correction; 102: StakingNodes,
// `buy_shares` naming a `Voter`, private rewards (transaction version 2: the share pool's
// call changed). No chain with the share pool's old storage runs anywhere, so its layout
// changed without a migration; 103: shielded transactions with a signed `From` and calls to
// modules, share purchases paid from the shielded pool (transaction version 3: the shielded
// transaction's encoding changed; the share pool's purchases' owner is an `Owner`, again
// without a migration, for the same reason); 104: `ShieldedApi` version 2 (`spent_at`,
// `asset`) and the shielded pool's wire values as named newtypes (same encoding: no
// migration, same transaction version); 105: `ClientApi` (free balances and a block's
// events, so that clients need no storage keys), tickets (`pallet-tickets`, `TicketsApi`;
// `pallet-shielded` issues tickets into notes and refuses a token a category's name), and
// packages (transaction version 4: a shielded transaction's body has a package action;
// `ShieldedApi` version 3); 106: the shielded pool's leaf records in pages (storage version 1,
// `pallet_shielded::migrations::MigrateToV1`).
#[cfg(not(feature = "upgrade-test"))]
runtime_version_with_spec!(106);
// The same runtime one version later: what the end-to-end test upgrades a chain to.
#[cfg(feature = "upgrade-test")]
runtime_version_with_spec!(107);

/// A valid one-time address (of the public test seed `[1; 32]`), which the tickets'
/// benchmarks allot to (a runtime test checks that it is one).
pub const BENCHMARK_PKR: sero_shielded_primitives::PkrBytes = [
	0x9f, 0x75, 0xe4, 0xde, 0xcd, 0x97, 0x9d, 0xf3, 0x6a, 0xea, 0x6e, 0x68, 0xfb, 0xad, 0x93, 0xdb,
	0xdd, 0xe7, 0xbc, 0x84, 0x66, 0x6e, 0x92, 0xe1, 0x11, 0x64, 0x73, 0x91, 0x98, 0x1f, 0x46, 0xab,
	0xd2, 0x01, 0x43, 0x1b, 0x2c, 0x42, 0x18, 0x43, 0xc1, 0xda, 0x1b, 0xfd, 0x67, 0x2e, 0x71, 0xb4,
	0x05, 0x13, 0xfe, 0x99, 0xbe, 0xca, 0x68, 0xcb, 0x68, 0xfc, 0xb1, 0xd8, 0x70, 0x67, 0x69, 0xa4,
	0xa7, 0x2f, 0x5b, 0xb3, 0xb4, 0x44, 0xfd, 0xd6, 0xde, 0x22, 0x1d, 0x1c, 0xf9, 0x76, 0xb8, 0x4c,
	0x76, 0x0e, 0x9d, 0x16, 0x27, 0x5a, 0x3b, 0x37, 0x7e, 0x7d, 0x61, 0x38, 0x0a, 0x62, 0xd8, 0x0a,
];

/// One SERO: the coin has 18 decimals.
pub const SERO: Balance = 1_000_000_000_000_000_000;
/// One thousandth of a SERO.
pub const MILLI_SERO: Balance = SERO / 1_000;
/// The smallest balance an account may hold.
pub const EXISTENTIAL_DEPOSIT: Balance = MILLI_SERO;

/// Block numbers.
pub type BlockNumber = u32;
/// Transaction signatures.
pub type Signature = MultiSignature;
/// Account identifiers: the public key of the signature scheme.
pub type AccountId = <<Signature as Verify>::Signer as IdentifyAccount>::AccountId;
/// Balances, in the smallest unit (10^-18 SERO).
pub type Balance = u128;
/// Transaction nonces.
pub type Nonce = u32;
/// Block and extrinsic hashes.
pub type Hash = sp_core::H256;
/// Addresses as extrinsics carry them.
pub type Address = MultiAddress<AccountId, ()>;
/// Block header type.
pub type Header = generic::Header<BlockNumber, BlakeTwo256>;
/// Block type.
pub type Block = generic::Block<Header, UncheckedExtrinsic>;
/// A block with its justifications.
pub type SignedBlock = generic::SignedBlock<Block>;
/// Block identifier.
pub type BlockId = generic::BlockId<Block>;

/// The transaction extensions, checked in this order.
pub type TxExtension = (
	frame_system::AuthorizeCall<Runtime>,
	frame_system::CheckNonZeroSender<Runtime>,
	frame_system::CheckSpecVersion<Runtime>,
	frame_system::CheckTxVersion<Runtime>,
	frame_system::CheckGenesis<Runtime>,
	frame_system::CheckEra<Runtime>,
	frame_system::CheckNonce<Runtime>,
	frame_system::CheckWeight<Runtime>,
	pallet_transaction_payment::ChargeTransactionPayment<Runtime>,
	frame_system::WeightReclaim<Runtime>,
);

/// Extrinsics as blocks carry them.
pub type UncheckedExtrinsic =
	generic::UncheckedExtrinsic<Address, RuntimeCall, Signature, TxExtension>;
/// The payload signed by an extrinsic's sender.
pub type SignedPayload = generic::SignedPayload<RuntimeCall, TxExtension>;

/// Storage migrations run on runtime upgrade, oldest first. Each checks the on-chain
/// storage version of its pallet, so a chain runs only the ones it has not run yet.
type Migrations = (
	pallet_block_rewards::migrations::MigrateToV1<Runtime>,
	pallet_shielded::migrations::MigrateToV1<Runtime>,
);

/// Dispatches blocks and extrinsics to the pallets.
pub type Executive = frame_executive::Executive<
	Runtime,
	Block,
	frame_system::ChainContext<Runtime>,
	Runtime,
	AllPalletsWithSystem,
	Migrations,
>;

#[frame_support::runtime]
mod runtime {
	#[runtime::runtime]
	#[runtime::derive(
		RuntimeCall,
		RuntimeEvent,
		RuntimeError,
		RuntimeOrigin,
		RuntimeFreezeReason,
		RuntimeHoldReason,
		RuntimeSlashReason,
		RuntimeLockId,
		RuntimeTask,
		RuntimeViewFunction
	)]
	pub struct Runtime;

	#[runtime::pallet_index(0)]
	pub type System = frame_system;
	#[runtime::pallet_index(1)]
	pub type Timestamp = pallet_timestamp;
	#[runtime::pallet_index(2)]
	pub type Balances = pallet_balances;
	#[runtime::pallet_index(3)]
	pub type TransactionPayment = pallet_transaction_payment;
	#[runtime::pallet_index(4)]
	pub type Sudo = pallet_sudo;
	#[runtime::pallet_index(10)]
	pub type Difficulty = pallet_difficulty;
	#[runtime::pallet_index(11)]
	pub type BlockRewards = pallet_block_rewards;
	#[runtime::pallet_index(20)]
	pub type Assets = pallet_assets;
	#[runtime::pallet_index(21)]
	pub type Shielded = pallet_shielded;
	#[runtime::pallet_index(22)]
	pub type SharePool = pallet_share_pool;
	#[runtime::pallet_index(23)]
	pub type StakingNodes = pallet_staking_nodes;
	#[runtime::pallet_index(24)]
	pub type Tickets = pallet_tickets;
	#[runtime::pallet_index(30)]
	pub type Preimage = pallet_preimage;
	#[runtime::pallet_index(31)]
	pub type Scheduler = pallet_scheduler;
	#[runtime::pallet_index(32)]
	pub type Referenda = pallet_referenda;
	#[runtime::pallet_index(33)]
	pub type ConvictionVoting = pallet_conviction_voting;
	#[runtime::pallet_index(34)]
	pub type TechnicalCommittee = pallet_collective<Instance1>;
	#[runtime::pallet_index(35)]
	pub type Whitelist = pallet_whitelist;
	#[runtime::pallet_index(36)]
	pub type Governance = pallet_governance;
}
