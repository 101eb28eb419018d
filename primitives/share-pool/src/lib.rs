//! The PoS share pool's arithmetic (SPEC §7): what shares cost ([`price`]), what a vote
//! earns ([`reward`]) and which shares vote for a block ([`draw`]); and the StakingNodes the
//! pool delegates shares to, as it sees them ([`nodes`]).
//!
//! Pure and `no_std`: `pallet-share-pool` keeps the pool's state and calls these functions on
//! it, so every rule is tested here on its own, with exact figures. Amounts are in ta, the
//! smallest unit: 1 SERO = 10¹⁸ ta.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

pub mod draw;
pub mod nodes;
pub mod price;
pub mod reward;

/// An amount in ta.
pub type Balance = u128;

/// One SERO in ta.
pub const SERO: Balance = 1_000_000_000_000_000_000;

/// How many shares are drawn to vote for each block (SPEC §7).
pub const SHARES_DRAWN_PER_BLOCK: u8 = 3;
