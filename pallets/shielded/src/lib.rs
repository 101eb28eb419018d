//! # Shielded pool
//!
//! Private transfers of SERO and tokens (SPEC §4–§5).
//!
//! ## Overview
//!
//! Value in the pool lives in notes: leaves of an append-only Poseidon tree of depth 32,
//! each committing to a one-time address (PKr) and an asset commitment `asset_cm`. A
//! [`ShieldedTransaction`] spends notes (proving membership under a recent root, revealing
//! only their nullifiers `nil`) and creates notes (proving their commitments well formed).
//! The chain learns neither who pays whom, nor the asset, nor the amount: only the fee, the
//! nullifiers, and the new leaves.
//!
//! ## Terminology
//!
//! - *anchor*: a root of the tree the chain produced within the last
//!   [`Config::AnchorWindow`] blocks; inputs prove membership under it.
//! - *nil*: a spent note's nullifier; each note has one, and each is accepted once.
//! - *pool account*: the account holding the transparent value of everything shielded.
//!
//! ## Usage
//!
//! - [`Pallet::transact`] (unsigned): a private transfer. Its validity comes from its proofs
//!   and signatures, so it needs no signer: the fee is paid in SERO from the pool to the
//!   block author. Transactions spending the same note never share a block: the pool's
//!   validation `provides` each nil.
//! - [`Pallet::shield`] (signed): moves SERO or a token from the signer into new notes.
//! - [`Pallet::unshield`] (unsigned): spends notes and pays a public amount to an account.
//! - [`Pallet::call`] (unsigned): spends notes and pays a public amount of SERO to a module
//!   of the runtime with a command, from the transaction's signed `From` ([`calls`]).
//! - [`Pallet::set_verifying_key`], [`Pallet::register_token`]: root (governance) only.
//!
//! ## Validation
//!
//! Every check runs before anything is applied, and covers everything application could
//! fail on (`validation.rs`): a transaction that passes validation in a state applies in it.
//! The unsigned calls are validated by the pool (`validate_unsigned`) and again in the block
//! (`pre_dispatch`), so one that could not apply never enters a block; the calls themselves
//! check again, so an invalid transaction changes nothing however it reaches them. The
//! cryptography runs natively through the `sero-host` host functions, once per transaction
//! in a block.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;

mod apply;
#[cfg(any(test, feature = "runtime-benchmarks", feature = "fuzzing"))]
pub mod benchmark_fixture;
#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod calls;
pub mod deferral;
mod invariants;
mod leaves;
pub mod migrations;
pub mod public_notes;
mod queries;
mod tree;
pub mod types;
mod validation;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

pub use calls::{CallRefusal, PublicCalls};
pub use deferral::while_importing;
pub use sero_shielded_primitives as primitives;
pub use weights::WeightInfo;

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{
		deferral,
		types::*,
		validation::{Checked, Proofs},
		PublicCalls, WeightInfo,
	};
	use alloc::{boxed::Box, vec::Vec};
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, fungibles, Contains, OnUnbalanced},
			PalletId,
		},
		frame_system::{self, pallet_prelude::*},
		sp_runtime::{
			traits::{AccountIdConversion, Saturating},
			DispatchError,
		},
	};
	use sero_crypto::asset;
	use sero_host::shielded_crypto as host;
	use sero_shielded_primitives::{
		Anchor, AssetId, Bytes32, CallTarget, Nullifier, PackageId, PackageRecord, PkrBytes,
		ShieldedTransaction, Transparent,
	};

	/// The in-code storage version.
	///
	/// - 0: one storage entry per leaf record.
	/// - 1: leaf records in pages ([`LeafPages`], [`crate::migrations::MigrateToV1`]).
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(1);

	/// Pages of version-0 leaves moved into [`LeafPages`] per block: 1,024 leaves, read and
	/// removed one by one (≈ 0.13 s of a block's weight on ParityDB's figures).
	pub const LEGACY_PAGES_PER_BLOCK: u64 = 16;

	/// What one validation pass reads to check a token flow: the token's asset and the two
	/// accounts' balances of it (`can_withdraw`, `can_deposit`).
	const TOKEN_CHECK_READS: u64 = 3;

	/// The most transactions of one block whose proofs are deferred ([`DeferredProofs`]):
	/// more than a block's weight admits (a transfer's weight is several milliseconds, a
	/// block's 1.5 s of normal-class weight).
	pub const MAX_DEFERRING_TRANSACTIONS: u32 = 2048;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the shielded pool.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// SERO: shielded from and unshielded to accounts, and the currency of fees.
		type Currency: fungible::Mutate<Self::AccountId, Balance = u128>
			+ fungible::Balanced<Self::AccountId>;
		/// Transparent token balances.
		type Tokens: fungibles::Mutate<Self::AccountId, AssetId = u32, Balance = u128>;
		/// Receives the fees of shielded transactions (the block author's share).
		type OnFee: OnUnbalanced<fungible::Credit<Self::AccountId, Self::Currency>>;
		/// Derives the pool account.
		#[pallet::constant]
		type PalletId: Get<PalletId>;
		/// For how many blocks a root stays a valid anchor.
		#[pallet::constant]
		type AnchorWindow: Get<BlockNumberFor<Self>>;
		/// The minimum fee per input and per output, in SERO's smallest unit.
		#[pallet::constant]
		type FeePerProof: Get<u128>;
		/// The priority of shielded transactions before their fee is added.
		#[pallet::constant]
		type UnsignedPriority: Get<TransactionPriority>;
		/// What moving a token between two accounts weighs (the assets pallet's `transfer`).
		/// The benchmarks of `shield` and `unshield` move SERO; a shield or unshield of a token
		/// is charged this on top (see [`Pallet::token_flow_weight`]).
		type TokenTransferWeight: Get<Weight>;
		/// The modules transactions may pay with a command ([`Pallet::call`]).
		type PublicCalls: PublicCalls<Self::AccountId, Self::Currency>;
		/// Names a token may not be registered under: the ticket categories (a name is a
		/// token's or a category's, never both).
		type ReservedNames: Contains<Vec<u8>>;
		/// Weights of this pallet's work.
		type WeightInfo: WeightInfo;
	}

	/// The verifying keys of the two circuits.
	#[pallet::storage]
	pub type VerifyingKeys<T: Config> = StorageMap<_, Twox64Concat, Circuit, VerifyingKeyBytes>;

	/// The right edge of the witness tree.
	#[pallet::storage]
	pub type Frontier<T: Config> = StorageValue<_, FrontierState, ValueQuery>;

	/// Roots of complete subtrees by `(level, index)`; level 0 holds the leaves.
	#[pallet::storage]
	pub type Nodes<T: Config> = StorageDoubleMap<_, Twox64Concat, u8, Twox64Concat, u64, Bytes32>;

	/// The notes as wallets read them, [`LEAF_PAGE`] to a page: leaf `p` is item
	/// `p % LEAF_PAGE` of page `p / LEAF_PAGE` (`leaves.rs`).
	#[pallet::storage]
	pub type LeafPages<T: Config> = StorageMap<_, Twox64Concat, u64, LeafPage, ValueQuery>;

	/// On a chain upgraded from storage version 0: the pages whose leaves are still stored
	/// one by one, moved [`LEGACY_PAGES_PER_BLOCK`] a block, oldest first; `None` once every
	/// leaf is in [`LeafPages`].
	#[pallet::storage]
	pub type LegacyLeafPages<T: Config> = StorageValue<_, PageRange, OptionQuery>;

	/// The valid anchors: roots of the last [`Config::AnchorWindow`] blocks.
	#[pallet::storage]
	pub type Roots<T: Config> = StorageMap<_, Identity, Anchor, RootInfo<BlockNumberFor<T>>>;

	/// The root at the end of each recent block, to expire anchors.
	#[pallet::storage]
	pub type RootsByBlock<T: Config> = StorageMap<_, Twox64Concat, BlockNumberFor<T>, Anchor>;

	/// The current root and the tree size it covers.
	#[pallet::storage]
	pub type CurrentRoot<T: Config> = StorageValue<_, (Anchor, u64), OptionQuery>;

	/// Spent nullifiers, with the block that spent them.
	#[pallet::storage]
	pub type Nullifiers<T: Config> = StorageMap<_, Identity, Nullifier, BlockNumberFor<T>>;

	/// The transaction `pre_dispatch` has just verified and the leaves of its outputs, for the
	/// call of the same extrinsic, which takes it (and `on_finalize` clears it).
	#[pallet::storage]
	pub type Verified<T: Config> = StorageValue<_, VerifiedTransaction, OptionQuery>;

	/// The proofs of this block's transactions that `pre_dispatch` deferred to the block's
	/// batch ([`crate::deferral`]): each transaction's records, verified and taken in
	/// `on_finalize` (or before a verifying key changes), so empty between blocks.
	#[pallet::storage]
	pub type DeferredProofs<T: Config> = StorageValue<
		_,
		BoundedVec<
			BoundedVec<u8, ConstU32<{ sero_shielded_primitives::MAX_DEFERRED_PROOF_BYTES }>>,
			ConstU32<MAX_DEFERRING_TRANSACTIONS>,
		>,
		ValueQuery,
	>;

	/// The assets that may enter the pool, by id.
	#[pallet::storage]
	pub type Registry<T: Config> = StorageMap<_, Identity, AssetId, AssetInfo>;

	/// Which asset id each token of the assets pallet is registered under.
	#[pallet::storage]
	pub type TokenAssets<T: Config> = StorageMap<_, Twox64Concat, u32, AssetId>;

	/// The value of each asset inside the pool (what the pool account holds for it).
	#[pallet::storage]
	pub type Supply<T: Config> = StorageMap<_, Identity, AssetId, u128, ValueQuery>;

	/// Every package ever created, by id (opened ones too: an id is used once). Ids are
	/// chosen by creators, so they are hashed into the key.
	#[pallet::storage]
	pub type Packages<T: Config> =
		StorageMap<_, Blake2_128Concat, PackageId, PackageRecord<BlockNumberFor<T>>>;

	/// The id of the `n`-th package created, for wallets that list them.
	#[pallet::storage]
	pub type PackageIds<T: Config> = StorageMap<_, Twox64Concat, u32, PackageId>;

	/// How many packages were created.
	#[pallet::storage]
	pub type PackageCount<T: Config> = StorageValue<_, u32, ValueQuery>;

	/// Events of the shielded pool. They carry only what the chain sees anyway.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A private transfer.
		Transferred {
			/// The spent notes' nullifiers.
			nils: Vec<Nullifier>,
			/// The position of the first new leaf.
			first_position: u64,
			/// How many leaves were added.
			outputs: u32,
			/// The fee paid to the block author.
			fee: u128,
		},
		/// Value entered the pool from an account.
		Shielded {
			/// The account.
			from: T::AccountId,
			/// The asset id.
			asset: AssetId,
			/// The amount.
			value: u128,
			/// The position of the first new leaf.
			first_position: u64,
			/// How many leaves were added.
			outputs: u32,
		},
		/// Value left the pool to an account.
		Unshielded {
			/// The account.
			to: T::AccountId,
			/// The asset id.
			asset: AssetId,
			/// The amount.
			value: u128,
			/// The spent notes' nullifiers.
			nils: Vec<Nullifier>,
			/// The position of the first new leaf (change).
			first_position: u64,
			/// How many leaves were added.
			outputs: u32,
			/// The fee paid to the block author.
			fee: u128,
		},
		/// Value left the pool to a module, with a command, from a one-time address.
		Called {
			/// The transaction's `From`.
			from: PkrBytes,
			/// The module.
			target: CallTarget,
			/// The amount of SERO paid to it.
			value: u128,
			/// The spent notes' nullifiers.
			nils: Vec<Nullifier>,
			/// The position of the first new leaf (change).
			first_position: u64,
			/// How many leaves were added.
			outputs: u32,
			/// The fee paid to the block author.
			fee: u128,
		},
		/// A circuit's verifying key was set.
		VerifyingKeySet {
			/// The circuit.
			circuit: Circuit,
		},
		/// The runtime paid SERO into a new note ([`Pallet::pay_into_note`]): a reward or a
		/// payout to a one-time address, its amount public, its owner not.
		PaidIntoNote {
			/// The amount.
			value: u128,
			/// The note's position in the tree.
			position: u64,
		},
		/// A token may now enter the pool.
		TokenRegistered {
			/// The token's name.
			name: Vec<u8>,
			/// Its asset id.
			asset: AssetId,
			/// Its id in the assets pallet.
			token: u32,
		},
		/// A package was created (its owner, amount and content are not public).
		PackageCreated {
			/// The package.
			id: PackageId,
		},
		/// A package changed owner.
		PackageTransferred {
			/// The package.
			id: PackageId,
		},
		/// A package was opened: its value is back in notes.
		PackageOpened {
			/// The package.
			id: PackageId,
		},
		/// The runtime issued an asset that lives only in the pool (a ticket) into a new
		/// note ([`Pallet::issue_into_note`]): the asset and amount public, the owner not.
		IssuedIntoNote {
			/// The asset.
			asset: AssetId,
			/// The amount.
			value: u128,
			/// The note's position in the tree.
			position: u64,
		},
	}

	#[pallet::error]
	pub enum Error<T> {
		/// A transfer or unshield spends at least one note.
		NoInputs,
		/// A shield creates at least one note and spends none.
		BadShield,
		/// The call does not match the transaction's transparent flow.
		WrongTransparentFlow,
		/// A shield's paying account is not the signer.
		NotTheSigner,
		/// The fee is below the minimum for this many inputs and outputs.
		FeeTooLow,
		/// A shield pays no shielded fee (its signer pays the extrinsic fee).
		FeeNotZero,
		/// There must be one spend signature per input.
		SignatureCountMismatch,
		/// A nullifier appears twice in the transaction.
		DuplicateNullifier,
		/// A note was already spent.
		NullifierSpent,
		/// An anchor is not a root of the last `AnchorWindow` blocks.
		UnknownAnchor,
		/// A circuit has no verifying key.
		NoVerifyingKey,
		/// The asset is not registered.
		UnknownAsset,
		/// A point is not a valid point of the group.
		MalformedPoint,
		/// An input proof does not verify.
		InvalidInputProof,
		/// An output proof does not verify.
		InvalidOutputProof,
		/// A spend signature does not verify.
		InvalidSpendSignature,
		/// The commitments do not balance, or the balance signature is wrong.
		Unbalanced,
		/// The tree holds 2³² leaves.
		TreeFull,
		/// The pool holds less of an asset than the transaction takes out.
		PoolExhausted,
		/// The verifying key is malformed or has the wrong number of public inputs.
		InvalidVerifyingKey,
		/// Token names are `^[A-Z][A-Z0-9_]{0,31}$`.
		InvalidName,
		/// The asset (or the name SERO) is already registered.
		AssetExists,
		/// The token is already registered under another name.
		TokenInUse,
		/// The asset id has no base point.
		NoBase,
		/// A `nil` is not the canonical encoding of a field element: `nil + p` is the same
		/// nullifier to the proof but another storage key.
		NonCanonicalNullifier,
		/// An anchor is not the canonical encoding of a field element.
		NonCanonicalAnchor,
		/// An unshield pays the pool account: its value would leave the pool's supply and stay
		/// in the pool account.
		PayoutToPool,
		/// The transparent transfer cannot go through: the receiver cannot hold the amount
		/// (below the existential deposit, a blocked account, an account that cannot hold the
		/// token), or the payer cannot pay it, or the token is frozen.
		TransferRefused,
		/// A note of nothing: the runtime pays only positive amounts into notes.
		NothingToPay,
		/// A call to a module names no `From`, to which the module answers.
		NoSender,
		/// Only a call to a module names a `From`.
		UnexpectedFrom,
		/// The `From` signature is missing, or there is one without a `From`, or it does not
		/// verify under `From`.
		InvalidFromSignature,
		/// No module of the runtime takes calls under this name.
		UnknownCallTarget,
		/// The module cannot decode the command.
		BadCommand,
		/// Calls pay modules in SERO only.
		CallNotInSero,
		/// The module refuses the command: `code` is the index of its own error (the pool
		/// reports it as custom code [`CALL_REFUSED_CODES`] + `code`).
		CallRefused {
			/// The module's error.
			code: u8,
		},
		/// The name is a ticket category's.
		NameTaken,
		/// A package with this id exists, or existed.
		PackageExists,
		/// No package has this id.
		UnknownPackage,
		/// The package is open already.
		PackageOpened,
		/// The transaction's `From` is not the package's owner.
		NotPackageOwner,
		/// A package action travels in a private transfer (`transact`) only.
		PackageWithPublicFlow,
	}

	/// The pool's custom codes from this one are a called module's refusals
	/// ([`Error::CallRefused`]); those below are this pallet's errors, by index.
	pub const CALL_REFUSED_CODES: u8 = 128;

	/// Genesis: the verifying keys, SERO in the registry, an empty tree.
	#[pallet::genesis_config]
	#[derive(polkadot_sdk::frame_support::DefaultNoBound)]
	pub struct GenesisConfig<T: Config> {
		/// The input circuit's verifying key.
		pub input_verifying_key: Vec<u8>,
		/// The output circuit's verifying key.
		pub output_verifying_key: Vec<u8>,
		#[serde(skip)]
		#[doc(hidden)]
		pub _config: core::marker::PhantomData<T>,
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			for (circuit, key) in [
				(Circuit::Input, &self.input_verifying_key),
				(Circuit::Output, &self.output_verifying_key),
			] {
				if !key.is_empty() {
					let key = VerifyingKeyBytes::try_from(key.clone())
						.expect("genesis verifying keys fit the bound");
					VerifyingKeys::<T>::insert(circuit, key);
				}
			}
			let native = asset::AssetId::native();
			let base = native.base().expect("SERO has a base");
			Registry::<T>::insert(
				AssetId::from(native),
				AssetInfo {
					name: BoundedVec::truncate_from(asset::NATIVE_NAME.as_bytes().to_vec()),
					base: sero_crypto::point::encode(&base),
					kind: AssetKind::Native,
				},
			);
			let empty = Anchor(sero_crypto::base_to_bytes(
				&sero_crypto::tree::empty_roots()[sero_crypto::tree::DEPTH],
			));
			CurrentRoot::<T>::put((empty, 0u64));
			let now = frame_system::Pallet::<T>::block_number();
			Roots::<T>::insert(empty, RootInfo { block: now, size: 0 });
			RootsByBlock::<T>::insert(now, empty);
			let pool = Pallet::<T>::pool_account();
			let minimum = <T::Currency as fungible::Inspect<T::AccountId>>::minimum_balance();
			if <T::Currency as fungible::Inspect<T::AccountId>>::balance(&pool) < minimum {
				<T::Currency as fungible::Mutate<T::AccountId>>::mint_into(&pool, minimum)
					.expect("the pool account can be endowed at genesis");
			}
		}
	}

	#[pallet::hooks]
	impl<T: Config> Hooks<BlockNumberFor<T>> for Pallet<T> {
		/// Reserves the block's end ([`Self::on_finalize`]) and moves the next pages of
		/// version-0 leaves, if any are left.
		fn on_initialize(_n: BlockNumberFor<T>) -> Weight {
			T::WeightInfo::on_finalize()
				.saturating_add(T::DbWeight::get().writes(1))
				.saturating_add(Self::deferred_batch_weight())
				.saturating_add(Self::move_legacy_leaves(LEGACY_PAGES_PER_BLOCK))
		}

		/// Verifies the block's deferred proofs; records this block's root as an anchor and
		/// expires the root of the block that falls out of the window.
		fn on_finalize(n: BlockNumberFor<T>) {
			Self::verify_deferred_proofs();
			// A record of verification never outlives its block (a call that failed after
			// taking it would have put it back).
			Verified::<T>::kill();
			let size = Frontier::<T>::get().size;
			let root = match CurrentRoot::<T>::get() {
				Some((root, current_size)) if current_size == size => root,
				_ => {
					let root = Self::compute_root();
					CurrentRoot::<T>::put((root, size));
					root
				},
			};
			Roots::<T>::insert(root, RootInfo { block: n, size });
			RootsByBlock::<T>::insert(n, root);
			let expired = n.saturating_sub(T::AnchorWindow::get());
			if expired < n {
				if let Some(old) = RootsByBlock::<T>::take(expired) {
					if Roots::<T>::get(old).is_some_and(|info| info.block == expired) {
						Roots::<T>::remove(old);
					}
				}
			}
		}

		fn integrity_test() {
			assert!(T::AnchorWindow::get() > 0u32.into(), "anchors must stay valid for a block");
		}

		#[cfg(feature = "try-runtime")]
		fn try_state(
			_n: BlockNumberFor<T>,
		) -> Result<(), polkadot_sdk::sp_runtime::TryRuntimeError> {
			Self::check_pool_backing()?;
			Self::check_leaf_pages().map_err(Into::into)
		}
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// A private transfer: spends notes, creates notes, pays the fee to the block author.
		#[pallet::call_index(0)]
		#[pallet::weight(Pallet::<T>::transact_weight(&tx.body))]
		pub fn transact(
			origin: OriginFor<T>,
			tx: Box<ShieldedTransaction<T::AccountId>>,
		) -> DispatchResult {
			ensure_none(origin)?;
			ensure!(tx.body.transparent.is_none(), Error::<T>::WrongTransparentFlow);
			Self::do_transact(&tx)
		}

		/// Moves `value` of an asset from the signer into the transaction's new notes.
		#[pallet::call_index(1)]
		#[pallet::weight(
			T::WeightInfo::shield(tx.body.outputs.len() as u32)
				.saturating_add(Pallet::<T>::token_flow_weight(&tx.body.transparent))
		)]
		pub fn shield(
			origin: OriginFor<T>,
			tx: Box<ShieldedTransaction<T::AccountId>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			match &tx.body.transparent {
				Some(Transparent::In { from, .. }) => {
					ensure!(*from == who, Error::<T>::NotTheSigner)
				},
				_ => return Err(Error::<T>::WrongTransparentFlow.into()),
			}
			Self::do_transact(&tx)
		}

		/// Spends notes, paying a public amount to an account (and change into new notes).
		#[pallet::call_index(2)]
		#[pallet::weight(Pallet::<T>::unshield_weight(&tx.body))]
		pub fn unshield(
			origin: OriginFor<T>,
			tx: Box<ShieldedTransaction<T::AccountId>>,
		) -> DispatchResult {
			ensure_none(origin)?;
			ensure!(
				matches!(tx.body.transparent, Some(Transparent::Out { .. })),
				Error::<T>::WrongTransparentFlow
			);
			Self::do_transact(&tx)
		}

		/// Spends notes, paying a public amount of SERO to a module with a command, sent from
		/// the transaction's `From` (and change into new notes).
		#[pallet::call_index(5)]
		#[pallet::weight(Pallet::<T>::call_weight(&tx.body))]
		pub fn call(
			origin: OriginFor<T>,
			tx: Box<ShieldedTransaction<T::AccountId>>,
		) -> DispatchResult {
			ensure_none(origin)?;
			ensure!(
				matches!(tx.body.transparent, Some(Transparent::Call { .. })),
				Error::<T>::WrongTransparentFlow
			);
			Self::do_transact(&tx)
		}

		/// Sets a circuit's verifying key (a new trusted setup, or a circuit upgrade).
		#[pallet::call_index(3)]
		#[pallet::weight(
			T::WeightInfo::set_verifying_key().saturating_add(Pallet::<T>::deferred_batch_weight())
		)]
		pub fn set_verifying_key(
			origin: OriginFor<T>,
			circuit: Circuit,
			key: VerifyingKeyBytes,
		) -> DispatchResult {
			ensure_root(origin)?;
			ensure!(
				host::groth16_public_inputs(&key) == Some(circuit.public_inputs()),
				Error::<T>::InvalidVerifyingKey
			);
			// The proofs deferred so far were checked against the key in force.
			Self::verify_deferred_proofs();
			VerifyingKeys::<T>::insert(circuit, key);
			Self::deposit_event(Event::VerifyingKeySet { circuit });
			Ok(())
		}

		/// Lets the token `token` of the assets pallet enter the pool under `name`.
		#[pallet::call_index(4)]
		#[pallet::weight(T::WeightInfo::register_token())]
		pub fn register_token(
			origin: OriginFor<T>,
			name: BoundedVec<u8, ConstU32<{ sero_shielded_primitives::MAX_ASSET_NAME_BYTES }>>,
			token: u32,
		) -> DispatchResult {
			ensure_root(origin)?;
			let id: AssetId =
				asset::AssetId::token(&name).map_err(|_| Error::<T>::InvalidName)?.into();
			ensure!(!Registry::<T>::contains_key(id), Error::<T>::AssetExists);
			ensure!(!T::ReservedNames::contains(&name.to_vec()), Error::<T>::NameTaken);
			ensure!(!TokenAssets::<T>::contains_key(token), Error::<T>::TokenInUse);
			let base = host::hash_to_curve(&id.0).ok_or(Error::<T>::NoBase)?;
			Registry::<T>::insert(
				id,
				AssetInfo { name: name.clone(), base, kind: AssetKind::Token(token) },
			);
			TokenAssets::<T>::insert(token, id);
			Self::deposit_event(Event::TokenRegistered {
				name: name.into_inner(),
				asset: id,
				token,
			});
			Ok(())
		}
	}

	#[allow(deprecated)]
	#[pallet::validate_unsigned]
	impl<T: Config> ValidateUnsigned for Pallet<T> {
		type Call = Call<T>;

		/// The pool runs every check of the call ([`Pallet::validate`]); the transaction then
		/// `provides` its nils (and the package it acts on), so two spending the same note
		/// never enter one block, and its priority grows with its fee.
		fn validate_unsigned(_source: TransactionSource, call: &Self::Call) -> TransactionValidity {
			let tx = Self::unsigned_transaction(call).ok_or(InvalidTransaction::Call)?;
			Self::validate(tx).map_err(Self::invalid)?;
			let mut valid = ValidTransaction::with_tag_prefix("SeroShielded")
				.priority(
					T::UnsignedPriority::get()
						.saturating_add(tx.body.fee.min(u64::MAX as u128) as u64),
				)
				.longevity(T::AnchorWindow::get().try_into().unwrap_or(64))
				.propagate(true);
			for input in tx.body.inputs.iter() {
				valid = valid.and_provides(input.nil);
			}
			// Two actions on one package never share a block either (an opening may spend
			// no note).
			if let Some(action) = &tx.body.package {
				valid = valid.and_provides((b"package", action.id()));
			}
			valid.build()
		}

		/// In a block, before the call: every check again, in the state the transaction is
		/// applied in. A transaction failing it cannot be in a block (the author leaves it
		/// out; a block with it does not import), so one that could not apply never lands for
		/// free. The verified transaction's leaves are kept for the call, which then does
		/// not verify its cryptography a second time.
		///
		/// A block being imported defers the proofs to its batch ([`crate::deferral`]).
		fn pre_dispatch(call: &Self::Call) -> Result<(), TransactionValidityError> {
			let tx = Self::unsigned_transaction(call).ok_or(InvalidTransaction::Call)?;
			let proofs = if deferral::importing() { Proofs::Defer } else { Proofs::Verify };
			let checked = Self::validate_with(tx, proofs).map_err(Self::invalid)?;
			if !checked.deferred.is_empty() {
				let records = BoundedVec::try_from(checked.deferred)
					.map_err(|_| InvalidTransaction::ExhaustsResources)?;
				DeferredProofs::<T>::try_append(records)
					.map_err(|_| InvalidTransaction::ExhaustsResources)?;
			}
			Verified::<T>::put(VerifiedTransaction {
				hash: Self::transaction_hash(tx),
				leaves: BoundedVec::truncate_from(checked.leaves),
			});
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// The account holding the transparent value of the pool.
		pub fn pool_account() -> T::AccountId {
			T::PalletId::get().into_account_truncating()
		}

		/// The smallest fee for a transaction of this shape.
		pub fn minimum_fee(inputs: u32, outputs: u32) -> u128 {
			T::FeePerProof::get().saturating_mul(inputs.saturating_add(outputs) as u128)
		}

		fn invalid(error: Error<T>) -> TransactionValidityError {
			let code = match error {
				Error::CallRefused { code } => CALL_REFUSED_CODES.saturating_add(code),
				error => match DispatchError::from(error) {
					DispatchError::Module(e) => e.error[0],
					_ => 0,
				},
			};
			InvalidTransaction::Custom(code).into()
		}

		/// What a private transfer weighs, from its data alone: its inputs and outputs, a
		/// package's commitment as one output more (a proof), and a package's record read and
		/// written, with a new owner's PKr checked as an output's is; and its proofs' share
		/// of the block's batch.
		pub fn transact_weight(
			body: &sero_shielded_primitives::TransactionBody<T::AccountId>,
		) -> Weight {
			let (inputs, outputs) = (body.inputs.len() as u32, body.outputs.len() as u32);
			let outputs = outputs.saturating_add(u32::from(body.package.is_some()));
			let package = match body.package {
				None => Weight::zero(),
				Some(_) => T::DbWeight::get().reads_writes(3, 3),
			};
			T::WeightInfo::transact(inputs, outputs)
				.saturating_add(Self::deferred_proofs_weight(inputs.saturating_add(outputs)))
				.saturating_add(package)
		}

		/// An unshield's weight: the benchmark's, its proofs' share of the block's batch, and
		/// a token's flow.
		pub fn unshield_weight(
			body: &sero_shielded_primitives::TransactionBody<T::AccountId>,
		) -> Weight {
			let (inputs, outputs) = (body.inputs.len() as u32, body.outputs.len() as u32);
			T::WeightInfo::unshield(inputs, outputs)
				.saturating_add(Self::deferred_proofs_weight(inputs.saturating_add(outputs)))
				.saturating_add(Self::token_flow_weight(&body.transparent))
		}

		/// What `proofs` proofs add to the block's batch of deferred proofs, beyond its fixed
		/// cost ([`Self::deferred_batch_weight`]).
		pub fn deferred_proofs_weight(proofs: u32) -> Weight {
			T::WeightInfo::verify_deferred_proofs(proofs)
				.saturating_sub(T::WeightInfo::verify_deferred_proofs(0))
		}

		/// What a call weighs, from its data alone: an unshield (which moves SERO out of the
		/// pool) with one output more, which costs more than checking `From` (an output's
		/// PKr checks and a proof against three point checks and a signature), and the
		/// module's own weight for the command.
		pub fn call_weight(
			body: &sero_shielded_primitives::TransactionBody<T::AccountId>,
		) -> Weight {
			let (inputs, outputs) = (body.inputs.len() as u32, body.outputs.len() as u32);
			let module = match &body.transparent {
				Some(Transparent::Call { target, command, .. }) => {
					T::PublicCalls::weight(target, command)
				},
				_ => Weight::zero(),
			};
			let outputs = outputs.saturating_add(1);
			T::WeightInfo::unshield(inputs, outputs)
				.saturating_add(Self::deferred_proofs_weight(inputs.saturating_add(outputs)))
				.saturating_add(module)
		}

		/// What a shield or unshield of a token costs beyond its benchmark, which moves SERO:
		/// the token's transfer, and the reads of its asset and two asset accounts by the
		/// checks of each validation pass (in `pre_dispatch` and in the call). Nothing for
		/// SERO or without a transparent flow. From the call's data alone: a weight is
		/// declared before any storage is read.
		pub fn token_flow_weight(transparent: &Option<Transparent<T::AccountId>>) -> Weight {
			match transparent {
				Some(Transparent::In { asset: id, .. } | Transparent::Out { asset: id, .. })
					if *id != AssetId::from(asset::AssetId::native()) =>
				{
					T::TokenTransferWeight::get()
						.saturating_add(T::DbWeight::get().reads(2 * TOKEN_CHECK_READS))
				},
				_ => Weight::zero(),
			}
		}

		/// The transaction of an unsigned call: a transfer without a public amount, an
		/// unshield with a payout, a call with a call. `None` for any other call.
		fn unsigned_transaction(call: &Call<T>) -> Option<&ShieldedTransaction<T::AccountId>> {
			match call {
				Call::transact { tx } if tx.body.transparent.is_none() => Some(tx),
				Call::unshield { tx }
					if matches!(tx.body.transparent, Some(Transparent::Out { .. })) =>
				{
					Some(tx)
				},
				Call::call { tx }
					if matches!(tx.body.transparent, Some(Transparent::Call { .. })) =>
				{
					Some(tx)
				},
				_ => None,
			}
		}

		/// What [`Verified`] identifies a transaction by.
		fn transaction_hash(tx: &ShieldedTransaction<T::AccountId>) -> Bytes32 {
			tx.using_encoded(polkadot_sdk::sp_io::hashing::blake2_256)
		}

		/// Validates, then applies, a transaction. The cryptography of the transaction that
		/// `pre_dispatch` verified for this very extrinsic is not verified twice; everything
		/// else is checked again, and any other transaction is validated in full.
		fn do_transact(tx: &ShieldedTransaction<T::AccountId>) -> DispatchResult {
			let checked = match Verified::<T>::take() {
				Some(verified) if verified.hash == Self::transaction_hash(tx) => {
					Self::check_state(tx)?;
					Checked { leaves: verified.leaves.into_inner(), deferred: Vec::new() }
				},
				_ => Self::validate(tx)?,
			};
			Self::apply(tx, checked)
		}

		/// What the block's batch of deferred proofs costs beyond its proofs, each of which
		/// its transaction pays for: charged to every block (and to a change of verifying key,
		/// which verifies the batch so far).
		pub fn deferred_batch_weight() -> Weight {
			T::WeightInfo::verify_deferred_proofs(0)
		}

		/// Verifies the proofs deferred so far in this block, in one batch under the keys in
		/// force, and takes them. **Panics if one does not verify:** only a block whose author
		/// put in a transaction with a false proof can get here with one (an author verifies
		/// every transaction in full, [`crate::deferral`]), and the panic is what refuses
		/// that block.
		pub(crate) fn verify_deferred_proofs() {
			let records = DeferredProofs::<T>::take();
			if records.is_empty() {
				return;
			}
			let keys =
				(VerifyingKeys::<T>::get(Circuit::Input), VerifyingKeys::<T>::get(Circuit::Output));
			let valid = match keys {
				(Some(input), Some(output)) => {
					let records: Vec<u8> = records.iter().flat_map(|r| r.iter().copied()).collect();
					host::verify_deferred_proofs(&input, &output, &records)
				},
				_ => false,
			};
			assert!(valid, "a shielded transaction's proofs do not verify: the block is invalid");
		}

		/// The pool's error for a module's refusal.
		pub(crate) fn call_refused(refusal: crate::CallRefusal) -> Error<T> {
			match refusal {
				crate::CallRefusal::UnknownTarget => Error::UnknownCallTarget,
				crate::CallRefusal::BadCommand => Error::BadCommand,
				crate::CallRefusal::Refused(DispatchError::Module(e)) => {
					Error::CallRefused { code: e.error[0] }
				},
				crate::CallRefusal::Refused(_) => Error::CallRefused { code: u8::MAX },
			}
		}
	}
}
