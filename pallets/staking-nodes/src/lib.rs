//! # StakingNodes pallet
//!
//! ## Overview
//!
//! A **StakingNode** (SPEC §7; whitepaper 2.0 §4.4, "StakingNode的生命周期"; docs/CONSENSUS.md,
//! "StakingNodes") votes for the shares delegated to it, so that a share holder need not run a
//! voter. Its operator registers it by holding a stake ([`NodeParameters::stake`], SERO:
//! 200,000 SERO) and names the key that signs its votes and the fee it keeps of their
//! rewards (25–75 %). Shares name a node when they are bought (`pallet-share-pool`), which
//! uses this pallet through [`sero_share_pool::nodes::StakingNodes`].
//!
//! ## A node's life
//!
//! *Open* from [`Call::register`]: it takes new shares; [`Call::update`] changes its vote
//! key, fee (for shares bought afterwards) or name. *Closed* by [`Call::close`], allowed
//! [`NodeParameters::close_after`] blocks after registering: it takes no new shares and still
//! votes for those it has. *Finished* once closed with none of its shares' principal held:
//! its stake is released, at the close or when the last share is paid back.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub use pallet::*;
pub use sero_share_pool::nodes::{NodeId, VoteKey};

#[cfg(feature = "runtime-benchmarks")]
mod benchmarking;
pub mod runtime_api;
pub mod weights;

#[cfg(test)]
mod mock;
#[cfg(test)]
mod tests;

use codec::{Decode, DecodeWithMemTracking, Encode, MaxEncodedLen};
use scale_info::TypeInfo;

/// An amount of SERO in ta (10⁻¹⁸ SERO).
pub type Balance = sero_share_pool::Balance;

/// Where a node is in its life.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub enum NodeState<BlockNumber> {
	/// Takes new shares and votes.
	Open,
	/// Closed at a block: takes no new shares, votes for those it has.
	Closed(BlockNumber),
	/// Finished at a block: closed with no share's principal held; its stake is released.
	Finished(BlockNumber),
}

/// A registered StakingNode.
#[derive(
	Clone, PartialEq, Eq, Encode, Decode, DecodeWithMemTracking, TypeInfo, MaxEncodedLen, Debug,
)]
pub struct StakingNode<AccountId, BlockNumber, Name> {
	/// Who registered it: holds its stake, is paid its fees, may update and close it.
	pub operator: AccountId,
	/// The key that signs its votes.
	pub vote_key: VoteKey,
	/// The key before the last change, which still signs for the block of the change.
	pub previous_vote_key: VoteKey,
	/// The block of the last key change (of the registration, before any).
	pub key_changed_at: BlockNumber,
	/// Its fee, in basis points of its votes' reward, for shares bought from now on.
	pub fee_bps: u16,
	/// Its name, UTF-8.
	pub name: Name,
	/// The stake held on the operator's account.
	pub stake: Balance,
	/// The block it registered in.
	pub registered_at: BlockNumber,
	/// Where it is in its life.
	pub state: NodeState<BlockNumber>,
	/// The shares delegated to it whose principal is still held.
	pub delegated: u64,
}

impl<AccountId, BlockNumber, Name: Into<alloc::vec::Vec<u8>>>
	StakingNode<AccountId, BlockNumber, Name>
{
	/// The node with its name as plain bytes.
	pub fn with_name_bytes(self) -> StakingNode<AccountId, BlockNumber, alloc::vec::Vec<u8>> {
		let Self {
			operator,
			vote_key,
			previous_vote_key,
			key_changed_at,
			fee_bps,
			name,
			stake,
			registered_at,
			state,
			delegated,
		} = self;
		StakingNode {
			operator,
			vote_key,
			previous_vote_key,
			key_changed_at,
			fee_bps,
			name: name.into(),
			stake,
			registered_at,
			state,
			delegated,
		}
	}
}

/// The StakingNodes' stake and minimum age: genesis values of each chain, so a development
/// chain can scale them down.
#[derive(
	Clone,
	Copy,
	PartialEq,
	Eq,
	Encode,
	Decode,
	DecodeWithMemTracking,
	TypeInfo,
	MaxEncodedLen,
	Debug,
)]
pub struct NodeParameters<BlockNumber> {
	/// What registering a node holds (SERO: 200,000 SERO).
	pub stake: Balance,
	/// Blocks from a node's registration before it may close (SERO: 198,720).
	pub close_after: BlockNumber,
}

impl<BlockNumber: From<u32>> Default for NodeParameters<BlockNumber> {
	/// SERO's.
	fn default() -> Self {
		Self { stake: 200_000 * sero_share_pool::SERO, close_after: 198_720.into() }
	}
}

#[polkadot_sdk::frame_support::pallet]
pub mod pallet {
	use super::{
		weights::WeightInfo, Balance, NodeId, NodeParameters, NodeState, StakingNode, VoteKey,
	};
	use alloc::vec::Vec;
	use polkadot_sdk::{
		frame_support::{
			pallet_prelude::*,
			traits::{fungible, tokens::Precision},
		},
		frame_system::{self, pallet_prelude::*},
		sp_runtime::traits::Saturating,
	};
	use sero_share_pool::{
		nodes::{DelegationError, StakingNodes},
		reward::{MAX_FEE_BPS, MIN_FEE_BPS},
	};

	/// The in-code storage version.
	const STORAGE_VERSION: StorageVersion = StorageVersion::new(0);

	/// A node's name, as stored.
	pub type NameOf<T> = BoundedVec<u8, <T as Config>::MaxNameLength>;

	/// A node, as stored.
	pub type StakingNodeOf<T> =
		StakingNode<<T as frame_system::Config>::AccountId, BlockNumberFor<T>, NameOf<T>>;

	#[pallet::pallet]
	#[pallet::storage_version(STORAGE_VERSION)]
	pub struct Pallet<T>(_);

	/// Configuration of the StakingNodes.
	#[pallet::config]
	pub trait Config: polkadot_sdk::frame_system::Config<RuntimeEvent: From<Event<Self>>> {
		/// SERO, in which stakes are held.
		type Currency: fungible::MutateHold<
			Self::AccountId,
			Reason = Self::RuntimeHoldReason,
			Balance = Balance,
		>;
		/// The runtime's hold reasons, of which [`HoldReason::Stake`] is one.
		type RuntimeHoldReason: From<HoldReason>;
		/// The longest name, in bytes.
		#[pallet::constant]
		type MaxNameLength: Get<u32>;
		/// Weights of this pallet's calls.
		type WeightInfo: WeightInfo;
	}

	/// Why SERO is held by this pallet.
	#[pallet::composite_enum]
	pub enum HoldReason {
		/// A StakingNode's stake, held until the node finishes.
		Stake,
	}

	/// Every node registered, finished ones included (their shares' fees are paid to their
	/// operator, and their number is never reused).
	#[pallet::storage]
	pub type Nodes<T: Config> = StorageMap<_, Twox64Concat, NodeId, StakingNodeOf<T>>;

	/// The node each vote key belongs to, for every key a node ever had: no other node and no
	/// solo purchase may use it.
	#[pallet::storage]
	pub type NodeByKey<T: Config> = StorageMap<_, Blake2_128Concat, VoteKey, NodeId>;

	/// The number the next node gets.
	#[pallet::storage]
	pub type NextNode<T: Config> = StorageValue<_, NodeId, ValueQuery>;

	/// The stake and minimum age.
	#[pallet::storage]
	pub type Parameters<T: Config> = StorageValue<_, NodeParameters<BlockNumberFor<T>>, ValueQuery>;

	/// Genesis configuration: the stake and minimum age ([`NodeParameters`]).
	#[pallet::genesis_config]
	pub struct GenesisConfig<T: Config> {
		/// See [`NodeParameters::stake`].
		pub stake: Balance,
		/// See [`NodeParameters::close_after`].
		pub close_after: BlockNumberFor<T>,
	}

	impl<T: Config> Default for GenesisConfig<T> {
		/// SERO's parameters.
		fn default() -> Self {
			let NodeParameters { stake, close_after } = NodeParameters::default();
			Self { stake, close_after }
		}
	}

	#[pallet::genesis_build]
	impl<T: Config> BuildGenesisConfig for GenesisConfig<T> {
		fn build(&self) {
			Parameters::<T>::put(NodeParameters {
				stake: self.stake,
				close_after: self.close_after,
			});
		}
	}

	/// Events of the StakingNodes.
	#[pallet::event]
	#[pallet::generate_deposit(pub(super) fn deposit_event)]
	pub enum Event<T: Config> {
		/// A node registered, its stake held.
		Registered {
			/// Its number.
			node: NodeId,
			/// Its operator.
			operator: T::AccountId,
			/// Its vote key.
			vote_key: VoteKey,
			/// Its fee, in basis points.
			fee_bps: u16,
			/// The stake held.
			stake: Balance,
		},
		/// A node's vote key, fee or name changed.
		Updated {
			/// The node.
			node: NodeId,
			/// Its vote key now.
			vote_key: VoteKey,
			/// Its fee now, for shares bought from now on.
			fee_bps: u16,
		},
		/// A node closed: it takes no new shares.
		Closed {
			/// The node.
			node: NodeId,
		},
		/// A closed node has no share's principal held any more: its stake was released.
		Finished {
			/// The node.
			node: NodeId,
			/// The stake released.
			stake: Balance,
		},
	}

	/// Errors of the StakingNodes.
	#[pallet::error]
	pub enum Error<T> {
		/// The fee is outside 2,500–7,500 basis points.
		FeeOutOfRange,
		/// The name is empty, longer than [`Config::MaxNameLength`] bytes, or not UTF-8.
		BadName,
		/// The operator cannot pay the stake (it would have to come from funds that are held,
		/// frozen or needed to keep the account alive).
		CannotAfford,
		/// No node has this number.
		UnknownNode,
		/// Only the node's operator may do this.
		NotOperator,
		/// The node is closed.
		NodeClosed,
		/// The node may close only [`NodeParameters::close_after`] blocks after registering.
		TooEarlyToClose,
		/// An update that changes nothing.
		NothingToUpdate,
		/// Another node has, or had, this vote key.
		KeyInUse,
	}

	#[pallet::call]
	impl<T: Config> Pallet<T> {
		/// Registers a StakingNode operated by the signer, voting with `vote_key` and keeping
		/// `fee_bps` basis points (2,500–7,500) of its votes' rewards, named `name`; holds
		/// the stake ([`NodeParameters::stake`]) on the signer's account.
		#[pallet::call_index(0)]
		#[pallet::weight(T::WeightInfo::register())]
		pub fn register(
			origin: OriginFor<T>,
			vote_key: VoteKey,
			fee_bps: u16,
			name: Vec<u8>,
		) -> DispatchResult {
			use fungible::MutateHold;
			let operator = ensure_signed(origin)?;
			Self::check_fee(fee_bps)?;
			let name = Self::check_name(name)?;
			ensure!(!NodeByKey::<T>::contains_key(vote_key), Error::<T>::KeyInUse);
			let stake = Parameters::<T>::get().stake;
			T::Currency::hold(&HoldReason::Stake.into(), &operator, stake)
				.map_err(|_| Error::<T>::CannotAfford)?;
			let node = NextNode::<T>::get();
			NextNode::<T>::put(node.saturating_add(1));
			NodeByKey::<T>::insert(vote_key, node);
			let now = frame_system::Pallet::<T>::block_number();
			Nodes::<T>::insert(
				node,
				StakingNode {
					operator: operator.clone(),
					vote_key,
					previous_vote_key: vote_key,
					key_changed_at: now,
					fee_bps,
					name,
					stake,
					registered_at: now,
					state: NodeState::Open,
					delegated: 0,
				},
			);
			Self::deposit_event(Event::Registered { node, operator, vote_key, fee_bps, stake });
			Ok(())
		}

		/// Changes an open node's vote key (the new key signs for the shares the next blocks
		/// draw; the old one still for this block's), its fee (for shares bought from now
		/// on) or its name; `None` keeps one as it is. The node's operator only.
		#[pallet::call_index(1)]
		#[pallet::weight(T::WeightInfo::update())]
		pub fn update(
			origin: OriginFor<T>,
			node: NodeId,
			vote_key: Option<VoteKey>,
			fee_bps: Option<u16>,
			name: Option<Vec<u8>>,
		) -> DispatchResult {
			let who = ensure_signed(origin)?;
			ensure!(
				vote_key.is_some() || fee_bps.is_some() || name.is_some(),
				Error::<T>::NothingToUpdate
			);
			let mut record = Self::operated_open(&who, node)?;
			if let Some(fee_bps) = fee_bps {
				Self::check_fee(fee_bps)?;
				record.fee_bps = fee_bps;
			}
			if let Some(name) = name {
				record.name = Self::check_name(name)?;
			}
			if let Some(vote_key) = vote_key {
				match NodeByKey::<T>::get(vote_key) {
					Some(owner) => ensure!(owner == node, Error::<T>::KeyInUse),
					None => NodeByKey::<T>::insert(vote_key, node),
				}
				let now = frame_system::Pallet::<T>::block_number();
				// The key this block's draw is signed with stays the one it started with.
				if record.key_changed_at < now {
					record.previous_vote_key = record.vote_key;
				}
				record.vote_key = vote_key;
				record.key_changed_at = now;
			}
			Self::deposit_event(Event::Updated {
				node,
				vote_key: record.vote_key,
				fee_bps: record.fee_bps,
			});
			Nodes::<T>::insert(node, record);
			Ok(())
		}

		/// Closes an open node, [`NodeParameters::close_after`] blocks or more after it
		/// registered: it takes no new shares and votes on for those it has. With no share's
		/// principal held it finishes at once and its stake is released. The node's operator
		/// only.
		#[pallet::call_index(2)]
		#[pallet::weight(T::WeightInfo::close())]
		pub fn close(origin: OriginFor<T>, node: NodeId) -> DispatchResult {
			let who = ensure_signed(origin)?;
			let mut record = Self::operated_open(&who, node)?;
			let now = frame_system::Pallet::<T>::block_number();
			let may_close_at =
				record.registered_at.saturating_add(Parameters::<T>::get().close_after);
			ensure!(now >= may_close_at, Error::<T>::TooEarlyToClose);
			record.state = NodeState::Closed(now);
			Self::deposit_event(Event::Closed { node });
			Self::finish_if_settled(node, &mut record, now);
			Nodes::<T>::insert(node, record);
			Ok(())
		}
	}

	impl<T: Config> Pallet<T> {
		/// Up to `limit` nodes from number `from` on
		/// ([`crate::runtime_api::StakingNodesApi::nodes`]).
		pub fn nodes(
			from: NodeId,
			limit: u32,
		) -> crate::runtime_api::NodeList<T::AccountId, BlockNumberFor<T>> {
			(from..NextNode::<T>::get())
				.filter_map(|node| Nodes::<T>::get(node).map(|record| (node, record)))
				.take(limit as usize)
				.map(|(node, record)| (node, record.with_name_bytes()))
				.collect()
		}

		/// `fee_bps` if it is within 2,500–7,500 basis points.
		fn check_fee(fee_bps: u16) -> DispatchResult {
			ensure!((MIN_FEE_BPS..=MAX_FEE_BPS).contains(&fee_bps), Error::<T>::FeeOutOfRange);
			Ok(())
		}

		/// `name` if it is a non-empty UTF-8 string of at most [`Config::MaxNameLength`]
		/// bytes.
		fn check_name(name: Vec<u8>) -> Result<NameOf<T>, DispatchError> {
			ensure!(!name.is_empty() && core::str::from_utf8(&name).is_ok(), Error::<T>::BadName);
			Ok(name.try_into().map_err(|_| Error::<T>::BadName)?)
		}

		/// Node `node`, if `who` operates it and it is open.
		fn operated_open(
			who: &T::AccountId,
			node: NodeId,
		) -> Result<StakingNodeOf<T>, DispatchError> {
			let record = Nodes::<T>::get(node).ok_or(Error::<T>::UnknownNode)?;
			ensure!(record.operator == *who, Error::<T>::NotOperator);
			ensure!(record.state == NodeState::Open, Error::<T>::NodeClosed);
			Ok(record)
		}

		/// Finishes `record`, closed, if none of its shares' principal is held: releases its
		/// stake. The caller stores the record.
		fn finish_if_settled(node: NodeId, record: &mut StakingNodeOf<T>, now: BlockNumberFor<T>) {
			use fungible::MutateHold;
			if !matches!(record.state, NodeState::Closed(_)) || record.delegated > 0 {
				return;
			}
			record.state = NodeState::Finished(now);
			// The stake was held at registration and only this releases it.
			let stake = T::Currency::release(
				&HoldReason::Stake.into(),
				&record.operator,
				record.stake,
				Precision::BestEffort,
			)
			.unwrap_or_default();
			Self::deposit_event(Event::Finished { node, stake });
		}
	}

	impl<T: Config> StakingNodes<T::AccountId, BlockNumberFor<T>> for Pallet<T> {
		fn delegate(node: NodeId, shares: u32) -> Result<u16, DelegationError> {
			let mut record = Nodes::<T>::get(node).ok_or(DelegationError::UnknownNode)?;
			if record.state != NodeState::Open {
				return Err(DelegationError::NodeClosed);
			}
			record.delegated = record.delegated.saturating_add(shares.into());
			let fee_bps = record.fee_bps;
			Nodes::<T>::insert(node, record);
			Ok(fee_bps)
		}

		fn undelegate(node: NodeId, shares: u32) {
			let Some(mut record) = Nodes::<T>::get(node) else { return };
			record.delegated = record.delegated.saturating_sub(shares.into());
			Self::finish_if_settled(node, &mut record, frame_system::Pallet::<T>::block_number());
			Nodes::<T>::insert(node, record);
		}

		fn vote_key(node: NodeId, drawn_at: BlockNumberFor<T>) -> Option<VoteKey> {
			Nodes::<T>::get(node).map(|record| {
				if drawn_at > record.key_changed_at {
					record.vote_key
				} else {
					record.previous_vote_key
				}
			})
		}

		fn is_node_key(key: &VoteKey) -> bool {
			NodeByKey::<T>::contains_key(key)
		}

		fn operator(node: NodeId) -> Option<T::AccountId> {
			Nodes::<T>::get(node).map(|record| record.operator)
		}

		#[cfg(feature = "runtime-benchmarks")]
		fn register_for_benchmark(vote_key: VoteKey, fee_bps: u16) -> NodeId {
			let operator: T::AccountId =
				polkadot_sdk::frame_benchmarking::account("operator", NextNode::<T>::get(), 0);
			let node = NextNode::<T>::get();
			NextNode::<T>::put(node.saturating_add(1));
			Nodes::<T>::insert(
				node,
				StakingNode {
					operator,
					vote_key,
					previous_vote_key: vote_key,
					key_changed_at: frame_system::Pallet::<T>::block_number(),
					fee_bps,
					name: BoundedVec::default(),
					stake: 0,
					registered_at: frame_system::Pallet::<T>::block_number(),
					state: NodeState::Open,
					delegated: 0,
				},
			);
			node
		}
	}
}
